"""Reading stock: per product, the whole list for the stock view, alerts, and the ledger check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.db.database import Database
from app.errors import NotFound
from app.i18n import _
from app.models import Bin, Category, Lot, Product, StockMove, StockQuant, StockReservation, Warehouse
from app.permissions import Action, require
from app.services.context import Actor

#: A lot is "near expiry" when this many days or fewer are left, or fewer than the
#: product's minimum remaining shelf life (it can no longer be sold for delivery).
NEAR_EXPIRY_DAYS = 2


@dataclass(frozen=True)
class QuantRow:
    quant_id: int
    warehouse_id: int
    warehouse_code: str
    bin_id: int
    bin_code: str
    zone: str
    product_id: int
    sku: str
    name_en: str
    name_zh: str
    category_code: str
    unit: str
    lot_id: int
    lot_number: str
    expiry_date: date
    quarantined: bool
    on_hand: int
    reserved: int
    days_left: int
    expiry_status: str  # "ok", "near", "expired"

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


def expiry_status(expiry_date: date, today: date, min_remaining_days: int) -> tuple[int, str]:
    days_left = (expiry_date - today).days
    if days_left < 0:
        return days_left, "expired"
    if days_left <= max(NEAR_EXPIRY_DAYS, min_remaining_days):
        return days_left, "near"
    return days_left, "ok"


def _quant_query():
    return (
        select(StockQuant.id, StockQuant.warehouse_id, Warehouse.code.label("warehouse_code"), StockQuant.bin_id,
               Bin.code.label("bin_code"), Bin.zone, StockQuant.product_id, Product.sku, Product.name_en,
               Product.name_zh, Category.code.label("category_code"), Product.unit,
               Product.min_remaining_shelf_life_days, StockQuant.lot_id, Lot.lot_number, Lot.expiry_date,
               Lot.quarantined, StockQuant.on_hand, StockQuant.reserved)
        .join(Warehouse, Warehouse.id == StockQuant.warehouse_id)
        .join(Bin, Bin.id == StockQuant.bin_id)
        .join(Product, Product.id == StockQuant.product_id)
        .join(Category, Category.id == Product.category_id)
        .join(Lot, Lot.id == StockQuant.lot_id)
    )


def _rows(session: Session, query, today: date) -> list[QuantRow]:
    rows = []
    for r in session.execute(query):
        days_left, status = expiry_status(r.expiry_date, today, r.min_remaining_shelf_life_days)
        rows.append(QuantRow(r.id, r.warehouse_id, r.warehouse_code, r.bin_id, r.bin_code, r.zone, r.product_id,
                             r.sku, r.name_en, r.name_zh, r.category_code, r.unit, r.lot_id, r.lot_number,
                             r.expiry_date, r.quarantined, r.on_hand, r.reserved, days_left, status))
    return rows


def list_quants(db: Database, actor: Actor, *, warehouse_id: int | None = None, include_empty: bool = False,
                today: date | None = None) -> list[QuantRow]:
    """Every stock record (bin × lot), in warehouse, SKU, expiry, bin order: what the stock view shows."""
    require(actor, Action.STOCK_VIEW)
    today = today or clock.today()
    query = _quant_query().order_by(Warehouse.code, Product.sku, Lot.expiry_date, Bin.pick_sequence)
    if warehouse_id is not None:
        query = query.where(StockQuant.warehouse_id == warehouse_id)
    if not include_empty:
        query = query.where(StockQuant.on_hand > 0)
    return db.read(lambda session: _rows(session, query, today))


def stock_for_product(db: Database, actor: Actor, sku: str, *, today: date | None = None) -> list[QuantRow]:
    """The product's stock per warehouse, lot and bin (``freshflow stock show``)."""
    require(actor, Action.STOCK_VIEW)
    today = today or clock.today()
    sku = sku.strip(" ").upper()

    def work(session: Session) -> list[QuantRow]:
        if session.execute(select(Product.id).where(Product.sku == sku)).scalar() is None:
            raise NotFound(_("No product has SKU {sku}.").format(sku=sku))
        query = (_quant_query().where(Product.sku == sku, StockQuant.on_hand > 0)
                 .order_by(Warehouse.code, Lot.expiry_date, Bin.pick_sequence))
        return _rows(session, query, today)

    return db.read(work)


@dataclass(frozen=True)
class StockAlert:
    kind: str  # "below_reorder_point", "near_expiry", "expired"
    warehouse_code: str
    sku: str
    name_en: str
    message: str


def alerts(db: Database, actor: Actor, *, today: date | None = None) -> list[StockAlert]:
    """Products below their reorder point per warehouse, and lots on hand that are near expiry or expired."""
    require(actor, Action.STOCK_VIEW)
    today = today or clock.today()

    def work(session: Session) -> list[StockAlert]:
        found: list[StockAlert] = []
        available = (
            select(Warehouse.code, Product.sku, Product.name_en, Product.reorder_point,
                   func.coalesce(func.sum(StockQuant.on_hand - StockQuant.reserved), 0).label("available"))
            .select_from(Product).join(Warehouse, Warehouse.active.is_(True))
            .outerjoin(StockQuant, (StockQuant.product_id == Product.id) & (StockQuant.warehouse_id == Warehouse.id))
            .where(Product.active.is_(True), Product.reorder_point > 0)
            .group_by(Warehouse.code, Product.sku, Product.name_en, Product.reorder_point)
            .order_by(Warehouse.code, Product.sku)
        )
        for r in session.execute(available):
            if r.available < r.reorder_point:
                found.append(StockAlert("below_reorder_point", r.code, r.sku, r.name_en, _(
                    "{available} available, reorder point {point}").format(available=r.available,
                                                                           point=r.reorder_point)))
        for row in _rows(session, _quant_query().where(StockQuant.on_hand > 0)
                         .order_by(Lot.expiry_date, Warehouse.code, Product.sku), today):
            if row.expiry_status == "expired":
                found.append(StockAlert("expired", row.warehouse_code, row.sku, row.name_en, _(
                    "lot {lot} in {bin} expired on {date}: {qty} on hand").format(
                    lot=row.lot_number, bin=row.bin_code, date=row.expiry_date.isoformat(), qty=row.on_hand)))
            elif row.expiry_status == "near":
                found.append(StockAlert("near_expiry", row.warehouse_code, row.sku, row.name_en, _(
                    "lot {lot} in {bin} expires on {date} ({days} days left): {qty} on hand").format(
                    lot=row.lot_number, bin=row.bin_code, date=row.expiry_date.isoformat(), days=row.days_left,
                    qty=row.on_hand)))
        return found

    return db.read(work)


@dataclass(frozen=True)
class LedgerDifference:
    quant_id: int
    field: str  # "on_hand", "reserved" or "reservations"
    recorded: int  # what the quant says
    expected: int  # what the ledger (or the active reservations) adds up to

    def describe(self) -> str:
        return _("stock record {id}: {field} is {recorded} but the {source} adds up to {expected}").format(
            id=self.quant_id, field=self.field, recorded=self.recorded, expected=self.expected,
            source=_("active reservations") if self.field == "reservations" else _("ledger"))


def verify(db: Database, actor: Actor) -> list[LedgerDifference]:
    """Prove that every quant equals the sum of its ledger rows and its active reservations.

    Returns the differences (empty when all agree). Reads in one snapshot.
    """
    require(actor, Action.STOCK_VIEW)

    def work(session: Session) -> list[LedgerDifference]:
        ledger = {r.quant_id: (r.on_hand, r.reserved) for r in session.execute(
            select(StockMove.quant_id, func.sum(StockMove.on_hand_delta).label("on_hand"),
                   func.sum(StockMove.reserved_delta).label("reserved")).group_by(StockMove.quant_id))}
        reservations = dict(session.execute(
            select(StockReservation.quant_id, func.sum(StockReservation.quantity))
            .where(StockReservation.status == "active").group_by(StockReservation.quant_id)).all())
        differences = []
        for quant_id, on_hand, reserved in session.execute(
                select(StockQuant.id, StockQuant.on_hand, StockQuant.reserved).order_by(StockQuant.id)):
            ledger_on_hand, ledger_reserved = ledger.pop(quant_id, (0, 0))
            if on_hand != ledger_on_hand:
                differences.append(LedgerDifference(quant_id, "on_hand", on_hand, int(ledger_on_hand)))
            if reserved != ledger_reserved:
                differences.append(LedgerDifference(quant_id, "reserved", reserved, int(ledger_reserved)))
            if reserved != reservations.get(quant_id, 0):
                differences.append(LedgerDifference(quant_id, "reservations", reserved,
                                                    int(reservations.get(quant_id, 0))))
        for quant_id, (ledger_on_hand, _reserved) in ledger.items():  # moves for a quant that is gone
            differences.append(LedgerDifference(quant_id, "on_hand", 0, int(ledger_on_hand)))
        return differences

    if db.is_postgres:  # one consistent snapshot for all three reads
        return db.read(lambda session: (session.connection(execution_options={"isolation_level": "REPEATABLE READ"}),
                                        work(session))[1])
    return db.read(work)
