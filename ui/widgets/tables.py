"""Set-up helpers for the entity tables: sensible column widths without
measuring every row, a stretching name column, and keeping the selection
(by id) and the sort order across ``set_rows``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.models.row_table_model import ROW_ROLE, RowTableModel


def configure_table(
    table: QTableView,
    model: RowTableModel,
    *,
    stretch: int | Sequence[int] = (),
    widths: dict[int, str | int] | None = None,
    sortable: bool = True,
    min_stretch_width: int = 220,
) -> None:
    """Attach ``model`` and size the columns from their titles and a sample text.

    ``widths`` maps a column to a sample string (the widest value expected) or
    a pixel width; ``stretch`` columns take the remaining space, but never
    less than ``min_stretch_width`` (a narrow window scrolls sideways instead
    of squeezing the name to nothing). Nothing here looks at the rows, so a
    big table costs nothing to lay out.
    """
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.ensurePolished()  # the style sheet's fonts are in place before measuring
    metrics = table.fontMetrics()
    table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
    header = table.horizontalHeader()
    header.ensurePolished()
    # style sheets set the section font on a sub-control the header widget does not report;
    # the cells' font in bold is a close upper bound
    title_font = QFont(table.font())
    title_font.setWeight(QFont.Weight.DemiBold)
    title_metrics = QFontMetrics(title_font)
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(36)
    title_padding = 22 if sortable else 16  # section padding plus room for the sort indicator
    cell_padding = 22  # item padding plus the focus frame
    widths = widths or {}
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = title_metrics.horizontalAdvance(title) + title_padding
        sample = widths.get(column)
        if isinstance(sample, int):
            width = max(width, sample)
        elif sample:
            width = max(width, metrics.horizontalAdvance(sample) + cell_padding)
        header.resizeSection(column, width)
    stretch_columns = [stretch] if isinstance(stretch, int) else list(stretch)
    for column in stretch_columns:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    if stretch_columns:
        guard = _StretchGuard(table, stretch_columns, min_stretch_width)
        table.viewport().installEventFilter(guard)
        header.sectionResized.connect(guard.schedule)
    if sortable:
        # no sort until the user clicks a header: rows keep the service's order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        header.setSortIndicatorShown(True)


def selected_row(table: QTableView) -> Any | None:
    """The row object of the current selection, or None."""
    selection = table.selectionModel()
    if selection is None:
        return None
    rows = selection.selectedRows()
    if not rows:
        return None
    return rows[0].data(ROW_ROLE)


def select_where(table: QTableView, model: RowTableModel, predicate: Callable[[Any], bool]) -> bool:
    """Select (and scroll to) the first row matching ``predicate``."""
    row = model.find_row(predicate)
    if row < 0:
        return False
    index = model.index(row, 0)
    table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    table.scrollTo(index)
    return True


def replace_rows(table: QTableView, model: RowTableModel, rows: Sequence[Any], *, key: Callable[[Any], Any],
                 select_key: Any = None) -> None:
    """``model.set_rows(rows)`` keeping the user's sort column and the selected row (by ``key``).

    ``select_key`` selects that row instead (a record just saved).
    """
    current = selected_row(table)
    wanted = select_key if select_key is not None else (key(current) if current is not None else None)
    scroll = table.verticalScrollBar().value()
    model.set_rows(rows)
    header = table.horizontalHeader()
    if table.isSortingEnabled() and 0 <= header.sortIndicatorSection() < model.columnCount():
        model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
    if wanted is not None and select_where(table, model, lambda r: key(r) == wanted):
        if select_key is None:
            table.verticalScrollBar().setValue(scroll)
    else:
        table.verticalScrollBar().setValue(scroll)


def add_edit_action(table: QTableView, callback) -> QAction:
    """Enter/Return and double-click on ``table`` call ``callback``."""
    action = QAction(table)
    action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(callback)
    table.addAction(action)
    table.doubleClicked.connect(lambda _index: callback())
    return action


class _StretchGuard(QObject):
    """Stretch the name column while there is room; below ``minimum`` make it
    interactive at ``minimum`` so the table scrolls horizontally instead."""

    def __init__(self, table: QTableView, columns: list[int], minimum: int) -> None:
        super().__init__(table)
        self._table, self._columns, self._minimum = table, columns, minimum
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.update_modes)

    def schedule(self, *_args) -> None:
        self._timer.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.schedule()
        return False

    def update_modes(self) -> None:
        header = self._table.horizontalHeader()
        if header.count() == 0:
            return
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c not in self._columns and not header.isSectionHidden(c))
        room = self._table.viewport().width() - others
        wanted = self._minimum * len(self._columns)
        stretch = room >= wanted
        for column in self._columns:
            mode = header.sectionResizeMode(column)
            if stretch and mode != QHeaderView.ResizeMode.Stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            elif not stretch and mode == QHeaderView.ResizeMode.Stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, self._minimum)
