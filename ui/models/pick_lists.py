"""The supervisor's table of pick lists: one ``PickListSummary`` per row, as ``views.pick_lists`` gives them.

``PickListSortProxyModel`` sits between the table and the model so the view
works with proxy indexes like the other sortable tables; sorting itself
happens on the model's list (``RowTableModel.sort``), the proxy follows.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt

from app.services.picking.views import PickListSummary
from ui.formatting import format_local_time
from ui.models.picking import temperature_label
from ui.models.row_table_model import Column, RowTableModel


def kind_label(kind: str) -> str:
    return {
        "order": QCoreApplication.translate("PickListTableModel", "order"),
        "wave": QCoreApplication.translate("PickListTableModel", "wave"),
    }.get(kind, kind)


def state_label(state: str) -> str:
    return {
        "open": QCoreApplication.translate("PickListTableModel", "open"),
        "claimed": QCoreApplication.translate("PickListTableModel", "being picked"),
        "done": QCoreApplication.translate("PickListTableModel", "done"),
        "cancelled": QCoreApplication.translate("PickListTableModel", "cancelled"),
    }.get(state, state)


def _delivery(row: PickListSummary) -> str:
    day = row.delivery_date.isoformat() if row.delivery_date else ""
    return f"{day} {row.delivery_slot}".strip()


def _until(value: datetime | None) -> str:
    return format_local_time(value)[11:16] if value else ""


class PickListTableModel(RowTableModel[PickListSummary]):
    COL_CODE = 0
    COL_KIND = 1
    COL_STATE = 2
    COL_DELIVERY = 3
    COL_TEMPERATURE = 4
    COL_ORDERS = 5
    COL_TASKS = 6
    COL_OPEN_TASKS = 7
    COL_CLAIMED_BY = 8
    COL_STATION = 9
    COL_UNTIL = 10

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("List"), lambda r: r.id, display=lambda value: f"PL-{value}"),
            Column(self.tr("Kind"), lambda r: r.kind, display=kind_label),
            Column(self.tr("State"), lambda r: r.state, display=state_label),
            Column(self.tr("Delivery"), _delivery),
            Column(self.tr("Temperature"), lambda r: r.temperature_class, display=temperature_label),
            Column(self.tr("Orders"), lambda r: r.orders, align_right=True),
            Column(self.tr("Tasks"), lambda r: r.tasks, align_right=True),
            Column(self.tr("Open tasks"), lambda r: r.open_tasks, align_right=True),
            Column(self.tr("Claimed by"), lambda r: r.claimed_by),
            Column(self.tr("Station"), lambda r: r.claimed_station),
            Column(self.tr("Claimed until"), lambda r: r.claimed_until, display=_until,
                   tooltip=lambda r: format_local_time(r.claimed_until)),
        ]
        super().__init__(columns, parent)


class PickListSortProxyModel(QSortFilterProxyModel):
    """Sorting is the source model's (its own sort keys: numbers as numbers, no claim last)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None and 0 <= column < model.columnCount():
            model.sort(column, order)
