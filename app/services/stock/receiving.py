"""Goods-in: receive a delivery line into a bin as a lot with its expiry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.db.database import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import Product, StockQuant
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor
from app.services.stock.ledger import QuantKey, bin_in_warehouse, change_quant, ensure_lot, ensure_quant


@dataclass(frozen=True)
class ReceiptInput:
    product_id: int
    lot_number: str
    expiry_date: date
    quantity: int  # base units: pieces, or grams for weighed goods
    bin_id: int
    supplier: str = ""
    delivery_reference: str = ""
    best_before: date | None = None
    pack_date: date | None = None


@dataclass(frozen=True)
class ReceiptRow:
    quant_id: int
    lot_id: int
    product_id: int
    sku: str
    lot_number: str
    expiry_date: date
    bin_id: int
    bin_code: str
    quantity: int
    on_hand_after: int


def receive(db: Database, actor: Actor, data: ReceiptInput, *, today: date | None = None) -> ReceiptRow:
    """Book a received quantity into a bin; creates the lot on its first receipt."""
    require(actor, Action.STOCK_RECEIVE)
    today = today or clock.today()
    if data.quantity <= 0:
        raise ValidationError(_("Enter a quantity greater than zero."), "quantity")
    if data.expiry_date < today:
        raise ValidationError(_("This lot expired on {date}; expired goods cannot be received. Refuse the delivery "
                                "or write it off.").format(date=data.expiry_date.isoformat()), "expiry_date")
    if data.pack_date is not None and data.pack_date > data.expiry_date:
        raise ValidationError(_("The pack date is after the expiry date; check the label."), "pack_date")

    def work(session: Session) -> ReceiptRow:
        product = session.execute(select(Product.sku, Product.active).where(Product.id == data.product_id)).one_or_none()
        if product is None:
            raise ValidationError(_("Choose or scan a product."), "product")
        warehouse_id, bin_code = bin_in_warehouse(session, data.bin_id)
        lot_id = ensure_lot(session, data.product_id, data.lot_number, data.expiry_date, received_date=today,
                            best_before=data.best_before, pack_date=data.pack_date, supplier=data.supplier.strip(" "))
        key = QuantKey(warehouse_id, data.bin_id, data.product_id, lot_id)
        quant_id = ensure_quant(session, key)
        reference = f"GR:{data.delivery_reference.strip(' ')}"[:60] if data.delivery_reference.strip(" ") else ""
        change_quant(session, actor, quant_id, key, kind="receipt", on_hand_delta=data.quantity,
                     reason=data.supplier.strip(" "), reference=reference)

        on_hand = session.execute(select(StockQuant.on_hand).where(StockQuant.id == quant_id)).scalar_one()
        audit.record(session, actor, "stock.received", "lot", lot_id, reason=reference,
                     details={"sku": product.sku, "lot": data.lot_number.strip(" "), "bin": bin_code,
                              "quantity": data.quantity, "expiry": data.expiry_date.isoformat()})
        return ReceiptRow(quant_id, lot_id, data.product_id, product.sku, data.lot_number.strip(" "),
                          data.expiry_date, data.bin_id, bin_code, data.quantity, on_hand)

    return db.transaction(work)
