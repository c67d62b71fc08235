"""Table models for the goods-in station: the lines received in this delivery,
and the stock in the bin the clerk scanned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.services.stock.queries import QuantRow
from app.services.stock.receiving import ReceiptRow
from ui.models.row_table_model import Column, RowTableModel
from ui.quantities import format_quantity

EXPIRED = QBrush(QColor("#b3261e"))
NEAR_EXPIRY = QBrush(QColor("#8a5a00"))
QUARANTINED = QBrush(QColor("#fde7e9"))


@dataclass(frozen=True)
class ReceivedLineRow:
    """One booked receipt as the delivery list shows it."""

    receipt: ReceiptRow
    name: str
    unit: str
    received_at: datetime
    supplier: str
    delivery_reference: str

    @property
    def quant_id(self) -> int:
        return self.receipt.quant_id


class ReceivedLineTableModel(RowTableModel[ReceivedLineRow]):
    COL_SKU = 0
    COL_NAME = 1
    COL_LOT = 2
    COL_EXPIRY = 3
    COL_QUANTITY = 4
    COL_BIN = 5

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("SKU"), lambda r: r.receipt.sku,
                   tooltip=lambda r: self.tr("Received at {time}").format(time=r.received_at.strftime("%H:%M:%S"))),
            Column(self.tr("Product"), lambda r: r.name),
            Column(self.tr("Lot"), lambda r: r.receipt.lot_number),
            Column(self.tr("Expiry"), lambda r: r.receipt.expiry_date, display=_iso),
            Column(self.tr("Quantity"), lambda r: r.receipt.quantity, align_right=True),
            Column(self.tr("Bin"), lambda r: r.receipt.bin_code,
                   tooltip=lambda r: self.tr("{bin} now holds {quantity} of this lot").format(
                       bin=r.receipt.bin_code, quantity=format_quantity(r.receipt.on_hand_after, r.unit))),
        ]
        super().__init__(columns, parent)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # quantities in the product's unit (kg for weighed goods); sorting stays numeric
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == self.COL_QUANTITY:
            row = self.row_at(index.row())
            return format_quantity(row.receipt.quantity, row.unit)
        return super().data(index, role)


class BinStockTableModel(RowTableModel[QuantRow]):
    """The lots in one bin: what the stock actions work on."""

    COL_SKU = 0
    COL_NAME = 1
    COL_LOT = 2
    COL_EXPIRY = 3
    COL_ON_HAND = 4
    COL_AVAILABLE = 5
    COL_STATUS = 6

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("SKU"), lambda r: r.sku, foreground=_expiry_foreground),
            Column(self.tr("Product"), lambda r: r.name_en),
            Column(self.tr("Lot"), lambda r: r.lot_number),
            Column(self.tr("Expiry"), lambda r: r.expiry_date, display=_iso, foreground=_expiry_foreground),
            Column(self.tr("On hand"), lambda r: r.on_hand, align_right=True,
                   tooltip=lambda r: self.tr("Reserved for orders: {quantity}").format(
                       quantity=format_quantity(r.reserved, r.unit))),
            Column(self.tr("Free"), lambda r: r.available, align_right=True),
            Column(self.tr("Status"), self._status, background=lambda r: QUARANTINED if r.quarantined else None),
        ]
        super().__init__(columns, parent)

    def _status(self, row: QuantRow) -> str:
        parts = []
        if row.quarantined:
            parts.append(self.tr("quarantine"))
        if row.expiry_status == "expired":
            parts.append(self.tr("expired"))
        elif row.expiry_status == "near":
            parts.append(self.tr("near expiry"))
        return ", ".join(parts)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and index.isValid()
                and index.column() in (self.COL_ON_HAND, self.COL_AVAILABLE)):
            row = self.row_at(index.row())
            return format_quantity(row.on_hand if index.column() == self.COL_ON_HAND else row.available, row.unit)
        return super().data(index, role)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _expiry_foreground(row: QuantRow):
    if row.expiry_status == "expired":
        return EXPIRED
    if row.expiry_status == "near":
        return NEAR_EXPIRY
    return None
