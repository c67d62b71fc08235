"""The picking station's task list, and how a pick task reads on screen.

``PickTaskTableModel`` holds the ``TaskView`` rows of the pick list in pick
order (the service's order: bin pick path, skipped and re-reserved tasks at
the end) and marks the current one; ``PickTaskFilterProxyModel`` hides the
finished tasks when the picker only wants what is left. The functions below
turn a task's quantities into the words the station shows ("3", "2 pieces of
about 250 g"), shared by the table and the current-task panel.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.picking.views import TaskView
from ui.formatting import format_grams
from ui.models.row_table_model import Column, RowTableModel
from ui.models.stock import product_name

DONE = QBrush(QColor("#e9f6ec"))
SHORT = QBrush(QColor("#fdecea"))
CURRENT = QBrush(QColor("#fff3c4"))
SHORT_TEXT = QBrush(QColor("#b3261e"))

#: (background, text) of the temperature-class tag; the tag also says the class in words
TEMPERATURE_COLOURS = {
    "frozen": ("#1565c0", "#ffffff"),
    "chilled": ("#00838f", "#ffffff"),
    "ambient": ("#a15c00", "#ffffff"),
}
_UNKNOWN_TEMPERATURE = ("#5f6368", "#ffffff")


def temperature_label(temperature_class: str) -> str:
    labels = {
        "frozen": QCoreApplication.translate("PickingModel", "Frozen"),
        "chilled": QCoreApplication.translate("PickingModel", "Chilled"),
        "ambient": QCoreApplication.translate("PickingModel", "Ambient"),
    }
    return labels.get(temperature_class, temperature_class or QCoreApplication.translate("PickingModel", "Mixed"))


def temperature_colours(temperature_class: str) -> tuple[str, str]:
    return TEMPERATURE_COLOURS.get(temperature_class, _UNKNOWN_TEMPERATURE)


def state_label(task: TaskView, current_task_id: int | None = None) -> str:
    if task.state == "open" and task.id == current_task_id:
        return QCoreApplication.translate("PickingModel", "▶ now")
    return {
        "open": QCoreApplication.translate("PickingModel", "to pick"),
        "done": QCoreApplication.translate("PickingModel", "picked"),
        "short": QCoreApplication.translate("PickingModel", "short"),
    }.get(task.state, task.state)


def pieces_text(n: int) -> str:
    """"1 piece", "2 pieces"."""
    if n == 1:
        return QCoreApplication.translate("PickingModel", "1 piece")
    return QCoreApplication.translate("PickingModel", "{n} pieces").format(n=n)


def amount_to_pick(task: TaskView) -> str:
    """What the task asks for in all: "3", or "2 pieces" of a weighed product."""
    if task.weighed:
        return pieces_text(task.pieces)
    return str(task.quantity)


def left_to_pick(task: TaskView) -> int:
    """Units of sale still to take: pieces (a weighed product: pieces of any weight within tolerance)."""
    if task.weighed:
        return max(0, task.pieces - task.picked_pieces)
    return max(0, task.quantity - task.picked_quantity)


def left_text(task: TaskView) -> str:
    """The big number of the current task: what is still to take."""
    left = left_to_pick(task)
    if task.weighed:
        return pieces_text(left)
    return str(left)


def nominal_text(task: TaskView) -> str:
    """"about 250 g each" for a weighed product, "" otherwise."""
    if task.weighed and task.nominal_weight_g:
        return QCoreApplication.translate("PickingModel", "about {weight} each").format(
            weight=format_grams(task.nominal_weight_g))
    return ""


def picked_text(task: TaskView) -> str:
    """Picked so far against the task: "1 / 3"; a weighed product with the weight, "1 / 2 (262 g)"."""
    if task.weighed:
        text = f"{task.picked_pieces} / {task.pieces}"
        if task.picked_quantity:
            text += f" ({format_grams(task.picked_quantity)})"
        return text
    return f"{task.picked_quantity} / {task.quantity}"


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


class PickTaskTableModel(RowTableModel[TaskView]):
    """The tasks of one pick list in pick order; the current task is bold on a yellow background."""

    COL_POSITION = 0
    COL_STATE = 1
    COL_BIN = 2
    COL_SKU = 3
    COL_NAME = 4
    COL_LOT = 5
    COL_EXPIRY = 6
    COL_PICKED = 7
    COL_ORDER = 8
    COL_TOTE = 9

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("#"), lambda r: r.position, align_right=True),
            Column(self.tr("State"), lambda r: r.state, foreground=self._state_foreground),
            Column(self.tr("Bin"), lambda r: r.bin_code),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), lambda r: product_name(r)),
            Column(self.tr("Lot"), lambda r: r.lot_number),
            Column(self.tr("Expiry"), lambda r: r.expiry_date, display=_iso),
            Column(self.tr("Picked"), lambda r: (r.picked_pieces, r.pieces), align_right=True),
            Column(self.tr("Order"), lambda r: r.order_number),
            Column(self.tr("Tote"), lambda r: r.tote_code),
        ]
        super().__init__(columns, parent)
        self.current_task_id: int | None = None
        #: the font of the current task's row (the view sets a bold copy of its table's font)
        self.current_font: QFont | None = None
        #: bumped on every change, so a proxy can cache its filter
        self.revision = 0

    @staticmethod
    def _state_foreground(row: TaskView):
        return SHORT_TEXT if row.state == "short" else None

    def set_tasks(self, tasks: Sequence[TaskView], current_task_id: int | None) -> None:
        """Show ``tasks``; when they are the same tasks in the same order only the cells change (no reset, so
        the scroll position and the view's state survive every scan)."""
        tasks = list(tasks)
        self.revision += 1
        same = [t.id for t in tasks] == [t.id for t in self._rows]
        self.current_task_id = current_task_id
        if same and tasks:
            self._rows = tasks
            self.dataChanged.emit(self.index(0, 0), self.index(len(tasks) - 1, self.columnCount() - 1))
        else:
            self.set_rows(tasks)

    def clear(self) -> None:
        self.revision += 1
        self.current_task_id = None
        self.set_rows([])

    def current_row(self) -> int:
        return self.find_row(lambda r: r.id == self.current_task_id) if self.current_task_id is not None else -1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_POSITION:
                return str(index.row() + 1)
            if column == self.COL_STATE:
                return state_label(row, self.current_task_id)
            if column == self.COL_PICKED:
                return picked_text(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.id == self.current_task_id and row.state == "open":
                return CURRENT
            if row.state == "done":
                return DONE
            if row.state == "short":
                return SHORT
            return None
        if role == Qt.ItemDataRole.FontRole and row.id == self.current_task_id and row.state == "open":
            if self.current_font is None:
                self.current_font = QFont()
                self.current_font.setBold(True)
            return self.current_font
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.tr("{sku} {name}: {amount}").format(sku=row.sku, name=product_name(row),
                                                            amount=amount_to_pick(row))
            nominal = nominal_text(row)
            return text + (f" ({nominal})" if nominal else "")
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Pick order only: the list is walked in the order the service gives."""


class PickTaskFilterProxyModel(QSortFilterProxyModel):
    """All tasks, or only those still to pick (``set_open_only``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._open_only = False

    @property
    def open_only(self) -> bool:
        return self._open_only

    def set_open_only(self, on: bool) -> None:
        if on == self._open_only:
            return
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._open_only = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            self._open_only = on
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int,  # noqa: N802 - Qt override
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._open_only or source_parent.isValid():
            return True
        model = self.sourceModel()
        if not isinstance(model, PickTaskTableModel) or source_row >= model.rowCount():
            return True
        return model.row_at(source_row).state == "open"
