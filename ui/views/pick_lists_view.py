"""Pick lists for the supervisor: plan them, watch them, and take them off the floor.

* The table shows the pick lists of one warehouse (remembered on this PC) in
  the chosen states, the oldest delivery first: kind, delivery, temperature
  class, orders, tasks still open and who holds the list.
* "Plan per order" makes one list per allocated order of the warehouse;
  "Plan wave…" asks for a delivery date and slot and makes one list per
  temperature class of those orders.
* "Cancel list…" puts an untouched list's orders back to allocated (a wave's
  sibling lists go with it); "Release" puts a claimed list back for any
  picker and "Take over" claims it for this PC — both only once the
  picker's claim has expired (the service says so otherwise).

Every service call runs off the UI thread; its answer (or refusal) shows in
the message bar and the table is reloaded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QSettings, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from app import clock
from app.permissions import Action
from app.services import warehouses
from app.services.orders.shared_settings import load_review_settings
from app.services.picking import claiming, planning, views
from app.services.picking.planning import PlannedList
from app.services.picking.views import PickListSummary
from app.services.warehouses import WarehouseRow
from ui.context import ViewContext
from ui.dialogs.reason_dialog import ReasonDialog
from ui.models.pick_lists import PickListSortProxyModel, PickListTableModel
from ui.models.row_table_model import ROW_ROLE
from ui.results import error_text
from ui.views.picking_view import configured_station_name
from ui.views.view_support import RefreshingView
from ui.widgets.message_bar import MessageBar
from ui.widgets.warehouse_combo import fill_warehouse_combo
from ui.widgets.tables import configure_table, selected_row

PICK_LIST_TABLES = frozenset({"pick_lists", "pick_tasks", "pick_list_orders", "orders"})
#: what planning or cancelling changes (told to the other views)
PLANNING_TABLES = ("pick_lists", "pick_tasks", "pick_list_orders", "orders", "stock_reservations", "audit_log")
#: QSettings key of the warehouse whose lists this PC shows (its code)
WAREHOUSE_SETTING = "pickLists/warehouse"
#: the state filter's choices: (object key, states)
STATE_CHOICES = (("active", ("open", "claimed")), ("done", ("done",)), ("cancelled", ("cancelled",)))


class WaveDialog(QDialog):
    """Delivery date and slot of a wave; ``wave_chosen(date, slot)`` when confirmed."""

    wave_chosen = Signal(object, str)

    def __init__(self, parent: QWidget | None, warehouse_code: str, day: date, slots: tuple[str, ...]) -> None:
        super().__init__(parent)
        self.setObjectName("waveDialog")
        self.setWindowTitle(self.tr("Plan a wave in {warehouse}").format(warehouse=warehouse_code))
        self.setModal(True)
        explanation = QLabel(self.tr("The allocated orders of one delivery date and slot become one pick list per "
                                     "temperature class; pickers put each order in its own tote."))
        explanation.setWordWrap(True)
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day), objectName="waveDateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.slot_combo = QComboBox(objectName="waveSlotCombo")
        self.slot_combo.setEditable(True)  # the shop's slots, or one typed in
        self.slot_combo.addItems(list(slots))
        self.slot_combo.lineEdit().setPlaceholderText(self.tr("HH:MM-HH:MM"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.plan_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.plan_button.setObjectName("wavePlanButton")
        self.plan_button.setText(self.tr("Plan wave"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Back"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.slot_combo.editTextChanged.connect(lambda text: self.plan_button.setEnabled(bool(text.strip())))
        form = QFormLayout()
        form.addRow(self.tr("Delivery date"), self.date_edit)
        form.addRow(self.tr("Delivery slot"), self.slot_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        slot = self.slot_combo.currentText().strip()
        if not slot:
            self.slot_combo.setFocus()
            return
        super().accept()
        self.wave_chosen.emit(self.date_edit.date().toPython(), slot)


class PickListsView(RefreshingView):
    TABLES = PICK_LIST_TABLES

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("pickListsView")
        self.can_take_over = context.can(Action.PICK_TAKEOVER)
        self._warehouses: list[WarehouseRow] = []
        self._busy = False
        self._slots: tuple[str, ...] = ()
        self._keys = {name: f"pick_lists:{id(self)}:{name}" for name in ("warehouses", "lists", "slots")}
        #: the last dialog opened (wave or reason), for tests and to keep it alive while open
        self.dialog: QDialog | None = None

        self.message_bar = MessageBar(self, "pickListsMessage")
        self.warehouse_combo = QComboBox(objectName="warehouseCombo")
        self.warehouse_combo.setToolTip(self.tr("The warehouse whose pick lists are shown and planned"))
        self.state_filter = QComboBox(objectName="stateFilter")
        for (key, _states), text in zip(STATE_CHOICES, (self.tr("Open and being picked"), self.tr("Done"),
                                                         self.tr("Cancelled")), strict=True):
            self.state_filter.addItem(text, key)
        self.count_label = QLabel(objectName="pickListsCount")

        self.model = PickListTableModel(self)
        self.proxy = PickListSortProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(objectName="pickListsTable")
        configure_table(self.table, self.proxy, stretch=PickListTableModel.COL_DELIVERY, min_stretch_width=170,
                        widths={
            PickListTableModel.COL_CODE: "PL-99999",
            PickListTableModel.COL_KIND: "order",
            PickListTableModel.COL_STATE: "being picked",
            PickListTableModel.COL_TEMPERATURE: "Ambient",
            PickListTableModel.COL_ORDERS: "9999",
            PickListTableModel.COL_TASKS: "9999",
            PickListTableModel.COL_CLAIMED_BY: "supervisor",
            PickListTableModel.COL_STATION: "pick@warehouse-pc",
            PickListTableModel.COL_UNTIL: "23:59",
        })

        self.plan_orders_button = QPushButton(self.tr("Plan per order"), objectName="planOrdersButton")
        self.plan_orders_button.setToolTip(self.tr("One pick list for every allocated order of the warehouse"))
        self.plan_wave_button = QPushButton(self.tr("Plan wave…"), objectName="planWaveButton")
        self.plan_wave_button.setToolTip(self.tr("One pick list per temperature class for the allocated orders of "
                                                 "a delivery date and slot"))
        self.cancel_button = QPushButton(self.tr("Cancel list…"), objectName="cancelListButton")
        self.cancel_button.setToolTip(self.tr("Take a list nobody has picked from off the floor: its orders go "
                                              "back to allocated"))
        self.release_button = QPushButton(self.tr("Release"), objectName="releaseButton")
        self.release_button.setToolTip(self.tr("Put a list back for any picker (another picker's list: once their "
                                               "claim has expired)"))
        self.take_over_button = QPushButton(self.tr("Take over…"), objectName="takeOverButton")
        self.take_over_button.setToolTip(self.tr("Claim a list whose picker's claim has expired for this PC"))
        self.take_over_button.setVisible(self.can_take_over)

        self._build_layout()
        self._connect()
        self._update_buttons()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        warehouse_label = QLabel(self.tr("Warehouse"))
        warehouse_label.setBuddy(self.warehouse_combo)
        state_label = QLabel(self.tr("Show"))
        state_label.setBuddy(self.state_filter)
        for widget in (warehouse_label, self.warehouse_combo, state_label, self.state_filter):
            top.addWidget(widget)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.plan_orders_button)
        top.addWidget(self.plan_wave_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.release_button)
        bottom.addWidget(self.take_over_button)
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.warehouse_combo.currentIndexChanged.connect(self._warehouse_changed)
        self.state_filter.currentIndexChanged.connect(lambda _index: self.load_lists())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.plan_orders_button.clicked.connect(self.plan_orders)
        self.plan_wave_button.clicked.connect(self.plan_wave)
        self.cancel_button.clicked.connect(self.cancel_list)
        self.release_button.clicked.connect(self.release)
        self.take_over_button.clicked.connect(self.take_over)

    # -- loading ------------------------------------------------------------------------------------------------
    def _load(self) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: warehouses.list_warehouses(db, actor), self._warehouses_loaded, self._load_failed,
                 key=self._keys["warehouses"])
        # the wave dialog offers the shop's delivery slots; without them the slot is typed
        self.run(lambda: tuple(load_review_settings(db, actor).slots), self._slots_loaded, lambda _error: None,
                 key=self._keys["slots"])

    def _slots_loaded(self, slots: tuple[str, ...]) -> None:
        self._slots = slots

    def _load_failed(self, error: BaseException) -> None:
        self.message_bar.show_error(error_text(error), self.tr("Try again"), self.refresh)

    def _warehouses_loaded(self, rows: list[WarehouseRow]) -> None:
        self._warehouses = [w for w in rows if w.active]
        fill_warehouse_combo(self.warehouse_combo, self._warehouses, WAREHOUSE_SETTING)
        self.load_lists()

    def _warehouse_changed(self, _index: int) -> None:
        warehouse = self.warehouse()
        if warehouse is not None:
            QSettings().setValue(WAREHOUSE_SETTING, warehouse.code)
        self.load_lists()

    def warehouse(self) -> WarehouseRow | None:
        warehouse_id = self.warehouse_combo.currentData()
        return next((w for w in self._warehouses if w.id == warehouse_id), None)

    def states(self) -> tuple[str, ...]:
        return dict(STATE_CHOICES)[self.state_filter.currentData()]

    def load_lists(self) -> None:
        warehouse = self.warehouse()
        if warehouse is None:
            self._lists_loaded([])
            return
        db, actor, states = self.context.database, self.context.actor, self.states()
        self.run(lambda: views.pick_lists(db, actor, warehouse.id, states=states), self._lists_loaded,
                 self._load_failed, key=self._keys["lists"])

    def _lists_loaded(self, rows: list[PickListSummary]) -> None:
        current = self.selected_list()
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        if 0 <= header.sortIndicatorSection() < self.model.columnCount():
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if current is not None:
            self.select_list(current.id)
        self.count_label.setText(self.tr("%n pick list(s)", "", len(rows)))
        self._update_buttons()

    # -- selection ----------------------------------------------------------------------------------------------
    def selected_list(self) -> PickListSummary | None:
        return selected_row(self.table)

    def select_list(self, pick_list_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).id == pick_list_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def _update_buttons(self, *_args) -> None:
        selected = self.selected_list()
        idle = not self._busy
        active = selected is not None and selected.state in ("open", "claimed")
        claimed = selected is not None and selected.state == "claimed"
        self.plan_orders_button.setEnabled(idle and self.warehouse() is not None)
        self.plan_wave_button.setEnabled(idle and self.warehouse() is not None)
        self.cancel_button.setEnabled(idle and active and selected.open_tasks == selected.tasks)
        self.release_button.setEnabled(idle and claimed)
        self.take_over_button.setEnabled(idle and claimed and self.can_take_over)

    # -- actions --------------------------------------------------------------------------------------------------
    def plan_orders(self) -> None:
        warehouse = self.warehouse()
        if warehouse is None or self._busy:
            return
        db, actor = self.context.database, self.context.actor
        self._act(lambda: planning.plan_order_lists(db, actor, warehouse.id),
                  lambda planned: self._planned(planned, warehouse.code, ""))

    def plan_wave(self) -> WaveDialog | None:
        warehouse = self.warehouse()
        if warehouse is None or self._busy:
            return None
        dialog = WaveDialog(self, warehouse.code, clock.today() + timedelta(days=1), self._slots)
        dialog.wave_chosen.connect(lambda day, slot: self._plan_wave(warehouse, day, slot))
        return self._open(dialog)

    def _plan_wave(self, warehouse: WarehouseRow, day: date, slot: str) -> None:
        db, actor = self.context.database, self.context.actor
        self._act(lambda: planning.plan_waves(db, actor, warehouse.id, day, slot),
                  lambda planned: self._planned(planned, warehouse.code, f" ({day.isoformat()} {slot})"))

    def _planned(self, planned: list[PlannedList], warehouse_code: str, scope: str) -> None:
        if not planned:
            self.message_bar.show_info(self.tr("No allocated orders to plan in {warehouse}{scope}.").format(
                warehouse=warehouse_code, scope=scope))
            return
        self.message_bar.show_success(self.tr("Planned %n pick list(s) in {warehouse}{scope}: {lists}.", "",
                                              len(planned)).format(
            warehouse=warehouse_code, scope=scope, lists=", ".join(f"PL-{p.id}" for p in planned)))

    def cancel_list(self) -> ReasonDialog | None:
        selected = self.selected_list()
        if selected is None or self._busy:
            return None
        code = f"PL-{selected.id}"
        dialog = ReasonDialog(
            self, self.tr("Cancel pick list {code}?").format(code=code),
            self.tr("Why is pick list {code} cancelled?").format(code=code), self.tr("Cancel list"),
            details=self.tr("Its orders go back to allocated and can be planned again. Lists of the same wave "
                            "that share its orders are cancelled with it."),
            destructive=True, keep_text=self.tr("Keep the list"),
            suggestions=(self.tr("Planned by mistake"), self.tr("Replanned as a wave"),
                         self.tr("Delivery moved")))
        dialog.reason_given.connect(lambda reason: self._cancel(selected.id, reason))
        return self._open(dialog)

    def _cancel(self, pick_list_id: int, reason: str) -> None:
        db, actor = self.context.database, self.context.actor
        self._act(lambda: planning.cancel_pick_list(db, actor, pick_list_id, reason),
                  lambda _none: self.message_bar.show_success(self.tr(
                      "Pick list PL-{id} is cancelled; its orders are back to allocated.").format(id=pick_list_id)))

    def release(self) -> ReasonDialog | None:
        selected = self.selected_list()
        if selected is None or self._busy:
            return None
        code = f"PL-{selected.id}"
        dialog = ReasonDialog(
            self, self.tr("Release pick list {code}").format(code=code),
            self.tr("Why is pick list {code} put back for any picker? {user} holds it at {station}.").format(
                code=code, user=selected.claimed_by, station=selected.claimed_station or "?"),
            self.tr("Release"), details=self.tr("What was picked stays picked."),
            suggestions=(self.tr("Station crashed"), self.tr("Picker's shift ended")))
        dialog.reason_given.connect(lambda reason: self._release(selected.id, reason))
        return self._open(dialog)

    def _release(self, pick_list_id: int, reason: str) -> None:
        db, actor = self.context.database, self.context.actor
        self._act(lambda: claiming.release_claim(db, actor, pick_list_id, reason),
                  lambda _none: self.message_bar.show_success(self.tr(
                      "Pick list PL-{id} is back for any picker.").format(id=pick_list_id)))

    def take_over(self) -> ReasonDialog | None:
        selected = self.selected_list()
        if selected is None or self._busy or not self.can_take_over:
            return None
        code, station = f"PL-{selected.id}", configured_station_name()
        dialog = ReasonDialog(
            self, self.tr("Take over pick list {code}").format(code=code),
            self.tr("Why do you take pick list {code} over from {user}?").format(code=code,
                                                                                 user=selected.claimed_by),
            self.tr("Take over"),
            details=self.tr("The list is claimed for you at station {station}.").format(station=station),
            suggestions=(self.tr("Station crashed"), self.tr("Picker left")))
        dialog.reason_given.connect(lambda reason: self._take_over(selected.id, station, reason))
        return self._open(dialog)

    def _take_over(self, pick_list_id: int, station: str, reason: str) -> None:
        db, actor = self.context.database, self.context.actor
        self._act(lambda: claiming.take_over(db, actor, pick_list_id, station, reason),
                  lambda _view: self.message_bar.show_success(self.tr(
                      "Pick list PL-{id} is yours now, at station {station}.").format(id=pick_list_id,
                                                                                     station=station)))

    # -- helpers ----------------------------------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _act(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Run a service call; show its answer or its refusal, then reload (and tell the other views)."""
        self._busy = True
        self._update_buttons()

        def succeeded(result: Any) -> None:
            self._busy = False
            on_done(result)
            self.load_lists()
            self.announce(*PLANNING_TABLES)

        def failed(error: BaseException) -> None:
            self._busy = False
            self.message_bar.show_error(error_text(error))
            self.load_lists()

        self.run(work, succeeded, failed, changes=True)
