"""Table models for the review queue and the orders browser.

All of them are ``RowTableModel`` subclasses over the frozen rows of
``app.services.orders.queries``; ``data()`` never queries. The queue's
display texts and search keys are computed once per load (in the worker,
``prepare_queue``), so painting and filtering 10,000 exceptions cost a dict
lookup per cell. ``QueueFilterProxyModel`` filters on those keys and hands
sorting to the source model (a sort of the Python list, not a proxy calling
``data()`` per comparison).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone

from PySide6.QtCore import (QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt,
                            Signal)
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.orders.queries import OrderLineRow, OrderRow, QueueRow, ReservationRow, TimelineRow
from app.services.orders.review import rule_label
from ui.formatting import format_audit_details, format_cents, format_local_time
from ui.models.row_table_model import Column, RowTableModel, _sort_key
from ui.models.stock import chinese_names
from ui.quantities import format_quantity

ORDER_STATES = ("received", "in_review", "exception", "on_hold", "allocated", "picking", "picked", "qc_passed",
                "qc_failed", "packed", "shipped", "delivered", "cancelled")
PAYMENT_STATUSES = ("paid", "pending", "refunded", "")

PROBLEM_BACKGROUND = QBrush(QColor("#fdecea"))
PROBLEM_FOREGROUND = QBrush(QColor("#b71c1c"))
HOLD_FOREGROUND = QBrush(QColor("#8a5a00"))
CLAIMED_FOREGROUND = QBrush(QColor("#80868b"))
EDITED_FOREGROUND = QBrush(QColor("#0d47a1"))
CANCELLED_FOREGROUND = QBrush(QColor("#9aa0a6"))


# -- labels ------------------------------------------------------------------------------------------------

def order_state_label(code: str) -> str:
    translate = QCoreApplication.translate
    return {
        "received": translate("OrderStates", "Received"),
        "in_review": translate("OrderStates", "In review"),
        "exception": translate("OrderStates", "Exception"),
        "on_hold": translate("OrderStates", "On hold"),
        "allocated": translate("OrderStates", "Allocated"),
        "picking": translate("OrderStates", "Picking"),
        "picked": translate("OrderStates", "Picked"),
        "qc_passed": translate("OrderStates", "QC passed"),
        "qc_failed": translate("OrderStates", "QC failed"),
        "packed": translate("OrderStates", "Packed"),
        "shipped": translate("OrderStates", "Shipped"),
        "delivered": translate("OrderStates", "Delivered"),
        "cancelled": translate("OrderStates", "Cancelled"),
    }.get(code, code)


def payment_status_label(code: str) -> str:
    translate = QCoreApplication.translate
    return {
        "paid": translate("OrderStates", "Paid"),
        "pending": translate("OrderStates", "Pending"),
        "refunded": translate("OrderStates", "Refunded"),
        "": translate("OrderStates", "Not stated"),
    }.get(code, code)


def line_state_label(code: str) -> str:
    translate = QCoreApplication.translate
    return {"open": translate("OrderStates", "Open"),
            "cancelled": translate("OrderStates", "Cancelled")}.get(code, code)


def reasons_text(codes: Sequence[str]) -> str:
    """The translated rule labels, joined: "Phone number, Payment received"."""
    return ", ".join(rule_label(code) for code in codes)


def format_age(seconds: float) -> str:
    """How long an order has waited: "just now", "35 min", "2 h 10 min", "3 d 4 h"."""
    translate = QCoreApplication.translate
    minutes = max(int(seconds // 60), 0)
    if minutes < 1:
        return translate("ReviewQueue", "just now")
    if minutes < 60:
        return translate("ReviewQueue", "{m} min").format(m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return translate("ReviewQueue", "{h} h {m} min").format(h=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return translate("ReviewQueue", "{d} d {h} h").format(d=days, h=hours)


def delivery_text(delivery_date: date | None, slot: str) -> str:
    if delivery_date is None:
        return slot or ""
    return f"{delivery_date.isoformat()} {slot}".strip()


def _short_delivery(text: str) -> str:
    """"2026-11-30 09:00-12:00" -> "11-30 09:00-12:00" (the queue looks two weeks ahead at most)."""
    return text[5:] if len(text) >= 10 and text[4] == "-" else text


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def sort_keeping_selection(model: RowTableModel, column: int, order: Qt.SortOrder) -> None:
    """Sort the model's list and move the persistent indexes (selection, current row, a proxy's
    mapping) with their rows; ``RowTableModel.sort`` leaves them on the old row numbers."""
    getter = model._columns[column].value
    model.layoutAboutToBeChanged.emit()
    before = model.persistentIndexList()
    rows_before = [model._rows[index.row()] if 0 <= index.row() < len(model._rows) else None for index in before]
    model._rows.sort(key=lambda r: _sort_key(getter(r)), reverse=order == Qt.SortOrder.DescendingOrder)
    position = {id(row): i for i, row in enumerate(model._rows)}
    after = [model.index(position[id(row)], index.column()) if row is not None else QModelIndex()
             for row, index in zip(rows_before, before)]
    model.changePersistentIndexList(before, after)
    model.layoutChanged.emit()


# -- the review queue ---------------------------------------------------------------------------------------

@dataclass
class QueueSnapshot:
    """The queue as loaded by the worker, with what the table shows and searches already computed."""

    rows: list[QueueRow]
    reasons: dict[int, str] = field(default_factory=dict)   # order id -> translated rule labels
    keys: dict[int, str] = field(default_factory=dict)      # order id -> casefolded search text
    loaded_at: datetime = field(default_factory=utc_now)

    @property
    def exceptions(self) -> int:
        return sum(1 for row in self.rows if row.state == "exception")


def prepare_queue(rows: list[QueueRow]) -> QueueSnapshot:
    """Display texts and search keys for every row (runs in the worker)."""
    snapshot = QueueSnapshot(rows)
    labels: dict[tuple[str, ...], str] = {}
    states: dict[str, str] = {}
    for row in rows:
        text = labels.get(row.reasons)
        if text is None:
            text = labels[row.reasons] = reasons_text(row.reasons)
        state = states.get(row.state)
        if state is None:
            state = states[row.state] = order_state_label(row.state)
        snapshot.reasons[row.id] = text
        snapshot.keys[row.id] = " ".join((row.number, row.customer_name, row.phone, text, state, row.claimed_by,
                                          row.warehouse_code, row.first_message)).casefold()
    return snapshot


class QueueTableModel(RowTableModel[QueueRow]):
    """Exceptions and orders on hold; keeps the person's sort across reloads."""

    COL_NUMBER = 0
    COL_STATE = 1
    COL_DELIVERY = 2
    COL_AGE = 3
    COL_REASONS = 4
    COL_CUSTOMER = 5
    COL_CLAIMED = 6

    def __init__(self, parent=None, me: str = "") -> None:
        self._me = me
        self._now = utc_now()
        self._reasons: dict[int, str] = {}
        self._keys: dict[int, str] = {}
        columns = [
            Column(self.tr("Number"), lambda r: r.number),
            Column(self.tr("State"), lambda r: r.state, display=order_state_label, foreground=self._state_colour),
            Column(self.tr("Delivery"), lambda r: delivery_text(r.delivery_date, r.delivery_slot),
                   display=_short_delivery),
            Column(self.tr("Waiting"), lambda r: (self._now - r.received_at).total_seconds(), display=format_age,
                   align_right=True, tooltip=lambda r: format_local_time(r.received_at)),
            Column(self.tr("Reasons"), lambda r: self._reasons.get(r.id, ""),
                   tooltip=lambda r: f"{self._reasons.get(r.id, '')}\n{r.first_message}".strip()),
            Column(self.tr("Customer"), lambda r: r.customer_name, tooltip=lambda r: r.phone),
            Column(self.tr("Edited by"), self._claimed_text, foreground=self._claimed_colour),
        ]
        super().__init__(columns, parent)
        self._sort: tuple[int, Qt.SortOrder] | None = None
        #: changes whenever the rows or their order change (the filter proxy's cache key)
        self.revision = 0
        self._header_tips = {
            self.COL_AGE: self.tr("Time since the order was received"),
            self.COL_REASONS: self.tr("The review rules the order failed"),
            self.COL_DELIVERY: self.tr("Delivery date and slot"),
            self.COL_CLAIMED: self.tr("Being edited by: the reviewer who has this order open"),
        }

    # -- filling -------------------------------------------------------------------------------------
    def set_snapshot(self, snapshot: QueueSnapshot) -> None:
        self._reasons, self._keys, self._now = snapshot.reasons, snapshot.keys, snapshot.loaded_at
        self.revision += 1
        if self._sort is not None:  # sorted before the reset: views see one change
            rows = list(snapshot.rows)
            getter = self._columns[self._sort[0]].value
            rows.sort(key=lambda r: _sort_key(getter(r)), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
            super().set_rows(rows)
        else:
            super().set_rows(snapshot.rows)

    def set_rows(self, rows: Sequence[QueueRow]) -> None:
        self.set_snapshot(prepare_queue(list(rows)))

    def set_now(self, now: datetime) -> None:
        """Move the clock the "waiting" column counts from (once a minute) and repaint that column."""
        self._now = now
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_AGE), self.index(len(self._rows) - 1, self.COL_AGE),
                                  [Qt.ItemDataRole.DisplayRole])

    def search_key(self, row: int) -> str:
        return self._keys.get(self._rows[row].id, "")

    def search_keys(self) -> list[str]:
        """The search text of every row, in the model's order (``revision`` says when it changes)."""
        keys = self._keys
        return [keys.get(row.id, "") for row in self._rows]

    def find_order(self, order_id: int) -> int:
        return self.find_row(lambda r: r.id == order_id)

    def update_claim(self, order_id: int, claimed_by: str) -> None:
        """Show at once who edits an order (this station's own claim), before the next reload says so."""
        row = self.find_order(order_id)
        if row < 0 or self._rows[row].claimed_by == claimed_by:
            return
        self._rows[row] = replace(self._rows[row], claimed_by=claimed_by)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def exception_count(self) -> int:
        return sum(1 for row in self._rows if row.state == "exception")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return  # the view asks for column -1 when sorting is switched on: keep the service's order
        self._sort = (column, order)
        self.revision += 1
        sort_keeping_selection(self, column, order)

    # -- looks --------------------------------------------------------------------------------------------
    def _claimed_text(self, row: QueueRow) -> str:
        if row.claimed_by and row.claimed_by == self._me:
            return self.tr("you")
        return row.claimed_by

    def _claimed_colour(self, row: QueueRow):
        return CLAIMED_FOREGROUND if row.claimed_by and row.claimed_by != self._me else None

    @staticmethod
    def _state_colour(row: QueueRow):
        return HOLD_FOREGROUND if row.state == "on_hold" else PROBLEM_FOREGROUND

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self._header_tips.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            row = self._rows[index.row()]
            if row.claimed_by and row.claimed_by != self._me:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        return super().data(index, role)


class QueueFilterProxyModel(QSortFilterProxyModel):
    """Filters the queue on the words typed (every word must appear); sorting is the source model's."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        # which source rows pass, worked out in one pass over the keys (not one Python call each)
        self._accepted: list[bool] = []
        self._revision = -1

    def set_filter_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._words, self._revision = words, -1
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            self._words, self._revision = words, -1
            self.invalidateFilter()

    def filter_text(self) -> str:
        return " ".join(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        if source_parent.isValid() or not isinstance(model, QueueTableModel):
            return True
        if self._revision != model.revision:
            words = self._words
            self._accepted = [all(word in key for word in words) for key in model.search_keys()]
            self._revision = model.revision
        return self._accepted[source_row] if source_row < len(self._accepted) else True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None and 0 <= column < model.columnCount():
            model.sort(column, order)  # the source sorts its list; the proxy follows its layoutChanged


# -- lines of the order under review (editable SKU and quantity) ------------------------------------------------

class ReviewLinesTableModel(RowTableModel[OrderLineRow]):
    """An order's lines; SKU and quantity editable while the reviewer holds the order.

    Edits are kept beside the rows (``line_edits()``); rows with a review finding
    are tinted and the message is in the "Problem" column.
    """

    COL_LINE = 0
    COL_SKU = 1
    COL_NAME = 2
    COL_QUANTITY = 3
    COL_RESERVED = 4
    COL_PRICE = 5
    COL_PROBLEM = 6

    #: a line's SKU or quantity was changed by the person
    edited = Signal()

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("#"), lambda r: r.line_no, align_right=True),
            Column(self.tr("SKU"), lambda r: self.current(r)[0]),
            Column(self.tr("Product"), _product_name, tooltip=_product_name),
            Column(self.tr("Qty"), lambda r: self.current(r)[1], align_right=True),
            Column(self.tr("Reserved"), lambda r: r.reserved_quantity, align_right=True),
            Column(self.tr("Price"), lambda r: r.unit_price_cents, align_right=True, display=format_cents),
            Column(self.tr("Problem"), lambda r: " ".join(self._problems.get(r.line_no, ())),
                   tooltip=lambda r: "\n".join(self._problems.get(r.line_no, ()))),
        ]
        super().__init__(columns, parent)
        self._edits: dict[int, tuple[str, int]] = {}
        self._problems: dict[int, list[str]] = {}
        self._editable = False
        self._bold = QFont()
        self._bold.setBold(True)

    def set_lines(self, rows: Sequence[OrderLineRow], problems: dict[int, list[str]] | None = None) -> None:
        self._edits = {}
        self._problems = dict(problems or {})
        self.set_rows(rows)

    def set_problems(self, problems: dict[int, list[str]]) -> None:
        self.beginResetModel()
        self._problems = dict(problems)
        self.endResetModel()

    def problem_lines(self) -> list[int]:
        return sorted(self._problems)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def is_editable(self) -> bool:
        return self._editable

    def current(self, row: OrderLineRow) -> tuple[str, int]:
        return self._edits.get(row.line_no, (row.sku, row.quantity))

    def is_edited(self) -> bool:
        return any(self.current(row) != (row.sku, row.quantity) for row in self._rows)

    def line_values(self) -> list[tuple[int, str, int]]:
        """(line no, SKU, quantity) of the open lines, as edited."""
        return [(row.line_no, *self.current(row)) for row in self._rows if row.state != "cancelled"]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (index.isValid() and self._editable and index.column() in (self.COL_SKU, self.COL_QUANTITY)
                and self._rows[index.row()].state != "cancelled"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column in (self.COL_SKU, self.COL_QUANTITY):
            sku, quantity = self.current(row)
            return sku if column == self.COL_SKU else quantity
        if role == Qt.ItemDataRole.DisplayRole and column == self.COL_RESERVED:
            return format_quantity(row.reserved_quantity, row.unit) if row.product_id else ""
        if role == Qt.ItemDataRole.BackgroundRole and row.line_no in self._problems:
            return PROBLEM_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.state == "cancelled":
                return CANCELLED_FOREGROUND
            if column == self.COL_PROBLEM:
                return PROBLEM_FOREGROUND
            if column in (self.COL_SKU, self.COL_QUANTITY) and row.line_no in self._edits:
                return EDITED_FOREGROUND
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column in (self.COL_SKU, self.COL_QUANTITY) and self.current(row) != (row.sku, row.quantity):
                return self._bold
            return None
        if role == Qt.ItemDataRole.ToolTipRole and row.state == "cancelled":
            return self.tr("Cancelled line")
        return super().data(index, role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or not self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        sku, quantity = self.current(row)
        if index.column() == self.COL_SKU:
            sku = str(value or "").strip().upper()
            if not sku:
                return False
        else:
            try:
                quantity = int(value)
            except (TypeError, ValueError):
                return False
            if quantity <= 0:
                return False
        if (sku, quantity) == (row.sku, row.quantity):
            self._edits.pop(row.line_no, None)
        else:
            self._edits[row.line_no] = (sku, quantity)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.edited.emit()
        return True


def _product_name(row: OrderLineRow) -> str:
    if chinese_names() and row.name_zh:
        return row.name_zh
    return row.name


# -- the orders browser ------------------------------------------------------------------------------------------

class OrderTableModel(RowTableModel[OrderRow]):
    COL_NUMBER = 0
    COL_RECEIVED = 1
    COL_STATE = 2
    COL_CUSTOMER = 3
    COL_PHONE = 4
    COL_CITY = 5
    COL_DELIVERY = 6
    COL_WAREHOUSE = 7
    COL_LINES = 8
    COL_TOTAL = 9

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Number"), lambda r: r.number, tooltip=lambda r: f"{r.channel} {r.external_id}"),
            Column(self.tr("Received"), lambda r: r.received_at, display=_minutes),
            Column(self.tr("State"), lambda r: r.state, display=order_state_label, foreground=_state_foreground),
            Column(self.tr("Customer"), lambda r: r.customer_name, tooltip=lambda r: r.email),
            Column(self.tr("Phone"), lambda r: r.phone),
            Column(self.tr("City"), lambda r: r.city, tooltip=lambda r: r.postal_code),
            Column(self.tr("Delivery"), lambda r: delivery_text(r.delivery_date, r.delivery_slot)),
            Column(self.tr("WH", "warehouse, abbreviated"), lambda r: r.warehouse_code),
            Column(self.tr("Lines"), lambda r: r.line_count, align_right=True),
            Column(self.tr("Total"), lambda r: r.total_cents, align_right=True,
                   display=lambda cents: format_cents(cents)),
        ]
        super().__init__(columns, parent)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < self.columnCount():
            sort_keeping_selection(self, column, order)


def _state_foreground(row: OrderRow):
    return {"exception": PROBLEM_FOREGROUND, "on_hold": HOLD_FOREGROUND, "qc_failed": PROBLEM_FOREGROUND,
            "cancelled": CANCELLED_FOREGROUND}.get(row.state)


def _minutes(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


class OrderLineTableModel(RowTableModel[OrderLineRow]):
    COL_LINE = 0
    COL_SKU = 1
    COL_NAME = 2
    COL_QUANTITY = 3
    COL_BASE = 4
    COL_RESERVED = 5
    COL_PRICE = 6
    COL_CATALOG_PRICE = 7
    COL_STATE = 8

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("#"), lambda r: r.line_no, align_right=True),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), _product_name, tooltip=_product_name),
            Column(self.tr("Qty"), lambda r: r.quantity, align_right=True),
            Column(self.tr("Ordered"), lambda r: r.base_quantity, align_right=True),
            Column(self.tr("Reserved"), lambda r: r.reserved_quantity, align_right=True,
                   foreground=lambda r: PROBLEM_FOREGROUND
                   if r.state == "open" and r.reserved_quantity < r.base_quantity else None),
            Column(self.tr("Price"), lambda r: r.unit_price_cents, align_right=True, display=format_cents),
            Column(self.tr("Catalogue price"), lambda r: r.catalog_price_cents, align_right=True,
                   display=format_cents),
            Column(self.tr("State"), lambda r: r.state, display=line_state_label),
        ]
        super().__init__(columns, parent)
        self._header_tips = {
            self.COL_QUANTITY: self.tr("Units of sale as ordered"),
            self.COL_BASE: self.tr("In stock units: pieces, or kg for goods sold by weight"),
            self.COL_RESERVED: self.tr("Reserved in stock for this line"),
        }

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self._header_tips.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole and index.column() in (self.COL_BASE,
                                                                                         self.COL_RESERVED):
            row = self.row_at(index.row())
            if not row.product_id:
                return ""
            value = row.base_quantity if index.column() == self.COL_BASE else row.reserved_quantity
            return format_quantity(value, row.unit)
        return super().data(index, role)


class ReservationTableModel(RowTableModel[ReservationRow]):
    COL_LINE = 0
    COL_WAREHOUSE = 1
    COL_BIN = 2
    COL_LOT = 3
    COL_EXPIRY = 4
    COL_QUANTITY = 5
    COL_STATUS = 6

    def __init__(self, parent=None) -> None:
        self._units: dict[int, str] = {}
        columns = [
            Column(self.tr("Line"), lambda r: r.line_no, align_right=True),
            Column(self.tr("Warehouse"), lambda r: r.warehouse_code),
            Column(self.tr("Bin"), lambda r: r.bin_code),
            Column(self.tr("Lot"), lambda r: r.lot_number),
            Column(self.tr("Expiry"), lambda r: r.expiry_date, display=lambda d: d.isoformat() if d else ""),
            Column(self.tr("Quantity"), lambda r: r.quantity, align_right=True),
            Column(self.tr("Status"), lambda r: r.status, display=_reservation_status),
        ]
        super().__init__(columns, parent)

    def set_units(self, units: dict[int, str]) -> None:
        """Line no -> unit ("piece" / "weighed"), so quantities read as pieces or kg."""
        self._units = dict(units)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole and index.column() == self.COL_QUANTITY:
            row = self.row_at(index.row())
            return format_quantity(row.quantity, self._units.get(row.line_no, "piece"))
        return super().data(index, role)


def _reservation_status(code: str) -> str:
    translate = QCoreApplication.translate
    return {"active": translate("OrderStates", "Active"), "released": translate("OrderStates", "Released"),
            "picked": translate("OrderStates", "Picked")}.get(code, code)


def _transition(row: TimelineRow) -> str:
    if row.from_state is None and row.to_state is None:
        return ""
    return f"{order_state_label(row.from_state or '') or '—'} → {order_state_label(row.to_state or '') or '—'}"


class TimelineTableModel(RowTableModel[TimelineRow]):
    COL_TIME = 0
    COL_USER = 1
    COL_STATION = 2
    COL_ACTION = 3
    COL_TRANSITION = 4
    COL_REASON = 5
    COL_DETAILS = 6

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Time"), lambda r: r.at, display=format_local_time),
            Column(self.tr("User"), lambda r: r.username),
            Column(self.tr("Station"), lambda r: r.station),
            Column(self.tr("Action"), lambda r: r.action),
            Column(self.tr("From → to"), _transition),
            Column(self.tr("Reason"), lambda r: r.reason, tooltip=lambda r: r.reason),
            Column(self.tr("Details"), lambda r: format_audit_details(r.details or ""),
                   tooltip=lambda r: format_audit_details(r.details or "").replace("; ", "\n")),
        ]
        super().__init__(columns, parent)
