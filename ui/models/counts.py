"""Table models for cycle counts: the sheets, the blind counting lines and the variances.

The counting model holds ``CounterLine`` rows only — what the service gives a
counter, which has no expected quantity — so a blind count stays blind
whatever the table shows. Its "Counted" column is editable: ``setData``
parses the text in the product's unit and emits ``count_entered``; the view
saves it and puts the saved line back with ``replace_line``.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.services.stock.counts import CounterLine, CountSheetRow, VarianceRow
from ui.formatting import format_cents, format_local_time
from ui.models.row_table_model import Column, RowTableModel
from ui.quantities import QuantityError, format_quantity, parse_quantity, quantity_error_message, quantity_text

GAIN = QBrush(QColor("#1b5e20"))
LOSS = QBrush(QColor("#b3261e"))
UNCOUNTED = QBrush(QColor("#fff8e1"))
COUNTED = QBrush(QColor("#e9f6ec"))


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _time(value: datetime | None) -> str:
    return format_local_time(value)[:16] if value else ""


class CountSheetTableModel(RowTableModel[CountSheetRow]):
    COL_ID = 0
    COL_ZONE = 1
    COL_STATUS = 2
    COL_PROGRESS = 3

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Sheet"), lambda r: r.id, align_right=True, tooltip=self._tooltip),
            Column(self.tr("Zone"), lambda r: f"{r.warehouse_code} {r.zone}", tooltip=self._tooltip),
            Column(self.tr("Status"), lambda r: r.status, display=self.status_label, tooltip=self._tooltip),
            Column(self.tr("Counted"), lambda r: (r.counted_lines, r.line_count),
                   display=lambda v: f"{v[0]} / {v[1]}", align_right=True, tooltip=self._tooltip),
        ]
        super().__init__(columns, parent)

    def _tooltip(self, row: CountSheetRow) -> str:
        text = self.tr("Created by {user} at {time}").format(user=row.created_by, time=_time(row.created_at))
        if row.submitted_by:
            text += "\n" + self.tr("Submitted by {user} at {time}").format(user=row.submitted_by,
                                                                          time=_time(row.submitted_at))
        if row.decided_by:
            text += "\n" + self.tr("Closed by {user} at {time}").format(user=row.decided_by,
                                                                       time=_time(row.decided_at))
        if row.note:
            text += "\n" + row.note
        return text

    def status_label(self, status: str) -> str:
        return {
            "open": self.tr("counting"),
            "submitted": self.tr("to approve"),
            "approved": self.tr("approved"),
            "cancelled": self.tr("cancelled"),
        }.get(status, status)


class CounterLineTableModel(RowTableModel[CounterLine]):
    """The blind sheet: bin, product, lot, expiry and the count entered — never an expected quantity."""

    COL_BIN = 0
    COL_SKU = 1
    COL_NAME = 2
    COL_LOT = 3
    COL_EXPIRY = 4
    COL_COUNTED = 5
    COL_COUNTED_BY = 6

    #: (line, counted in base units) — the person entered a count in the table
    count_entered = Signal(object, int)
    #: (line, message) — the text typed is not a quantity
    count_refused = Signal(object, str)

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Bin"), lambda r: r.bin_code),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), lambda r: r.name_en),
            Column(self.tr("Lot"), lambda r: r.lot_number),
            Column(self.tr("Expiry"), lambda r: r.expiry_date, display=_iso),
            Column(self.tr("Counted"), lambda r: r.counted, align_right=True,
                   background=lambda r: COUNTED if r.counted is not None else UNCOUNTED),
            Column(self.tr("Counted by"), lambda r: r.counted_by or ""),
        ]
        super().__init__(columns, parent)
        self.editable = True

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == self.COL_COUNTED:
            row = self.row_at(index.row())
            if role == Qt.ItemDataRole.DisplayRole:
                return format_quantity(row.counted, row.unit)
            if role == Qt.ItemDataRole.EditRole:
                return quantity_text(row.counted, row.unit)
        return super().data(index, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.isValid() and index.column() == self.COL_COUNTED:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.COL_COUNTED:
            return False
        row = self.row_at(index.row())
        text = str(value or "").strip()
        if not text:
            return False  # an emptied cell is not a count of 0
        try:
            counted = parse_quantity(text, row.unit)
        except QuantityError as error:
            self.count_refused.emit(row, quantity_error_message(error, row.unit))
            return False
        self.count_entered.emit(row, counted)
        return True

    def replace_line(self, line: CounterLine) -> int:
        """Put a saved line in place of the one with the same id (or append it); returns its row."""
        row = self.find_row(lambda r: r.line_id == line.line_id)
        if row < 0:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(line)
            self.endInsertRows()
            return len(self._rows) - 1
        self._rows[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return row


class VarianceTableModel(RowTableModel[VarianceRow]):
    """For the supervisor: expected (on hand when counted), counted, variance and its value."""

    COL_BIN = 0
    COL_SKU = 1
    COL_NAME = 2
    COL_LOT = 3
    COL_EXPECTED = 4
    COL_COUNTED = 5
    COL_VARIANCE = 6
    COL_VALUE = 7

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Bin"), lambda r: r.bin_code),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), lambda r: r.name_en),
            Column(self.tr("Lot"), lambda r: r.lot_number,
                   tooltip=lambda r: self.tr("Expires {date}").format(date=_iso(r.expiry_date))),
            Column(self.tr("Expected"), lambda r: r.expected, align_right=True),
            Column(self.tr("Counted"), lambda r: r.counted, align_right=True,
                   tooltip=lambda r: self.tr("Counted by {user} at {time}").format(
                       user=r.counted_by, time=_time(r.counted_at)) if r.counted_by else ""),
            Column(self.tr("Variance"), lambda r: r.variance, align_right=True, foreground=_variance_colour),
            Column(self.tr("Value"), lambda r: r.value_cents, align_right=True, display=format_cents,
                   foreground=_variance_colour),
        ]
        super().__init__(columns, parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and index.isValid()
                and index.column() in (self.COL_EXPECTED, self.COL_COUNTED, self.COL_VARIANCE)):
            row = self.row_at(index.row())
            value = {self.COL_EXPECTED: row.expected, self.COL_COUNTED: row.counted,
                     self.COL_VARIANCE: row.variance}[index.column()]
            if value is None:
                return ""
            text = format_quantity(value, row.unit)
            return f"+{text}" if index.column() == self.COL_VARIANCE and value > 0 else text
        return super().data(index, role)


def _variance_colour(row: VarianceRow):
    variance = row.variance
    if not variance:
        return None
    return GAIN if variance > 0 else LOSS
