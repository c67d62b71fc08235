"""Administration: warehouses and bins, users, and the audit log — one tab each,
shown only to roles that may see them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from app.permissions import Action
from app.services import audit, users, warehouses
from app.services.audit import AuditRow
from app.services.users import UserRow
from app.services.warehouses import BinRow, WarehouseRow
from ui.context import ViewContext
from ui.dialogs.user_dialog import UserDialog
from ui.dialogs.warehouse_dialog import BinDialog, WarehouseDialog
from ui.models.admin import AuditTableModel, BinTableModel, UserTableModel, WarehouseTableModel
from ui.views.view_support import RefreshingView, debounced_search
from ui.widgets.message_bar import MessageBar
from ui.widgets.tables import add_edit_action, configure_table, replace_rows, selected_row

#: newest audit entries fetched per search
AUDIT_LIMIT = 1000


class _Panel(RefreshingView):
    """A tab of the admin view: message bar, a loading counter, error handling."""

    def __init__(self, context: ViewContext, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName(object_name)
        self.message_bar = MessageBar(self, object_name + "Message")
        self._load_error = False

    def _load_failed(self, error: BaseException) -> None:
        self._show_error(error)
        self._load_error = True

    def _load_succeeded(self) -> None:
        if self._load_error and self.message_bar.kind() == "error":
            self.message_bar.clear()
        self._load_error = False


# --------------------------------------------------------------------------- warehouses


class WarehousesPanel(_Panel):
    TABLES = frozenset({"warehouses", "delivery_regions", "bins"})

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "warehousesPanel", parent)
        self.can_edit = context.can(Action.WAREHOUSE_EDIT)
        self._select_warehouse_id: int | None = None
        self._select_bin_id: int | None = None
        self._keys = (f"admin:{id(self)}:warehouses", f"admin:{id(self)}:bins")

        self.warehouse_model = WarehouseTableModel(self)
        self.warehouse_table = QTableView(objectName="warehouseTable")
        configure_table(self.warehouse_table, self.warehouse_model,
                        stretch=(WarehouseTableModel.COL_NAME, WarehouseTableModel.COL_ADDRESS),
                        min_stretch_width=180, widths={
                            WarehouseTableModel.COL_CODE: "WWWW",
                            WarehouseTableModel.COL_REGIONS: "200, 201, 215, 216",
                        })
        self.bin_model = BinTableModel(self)
        self.bin_table = QTableView(objectName="binTable")
        configure_table(self.bin_table, self.bin_model, stretch=BinTableModel.COL_CODE, widths={
            BinTableModel.COL_SEQUENCE: "100000",
            BinTableModel.COL_CODE: "SH-CHL-A01-02-1",
            BinTableModel.COL_ZONE: "ZONE",
        })

        self.new_warehouse_button = QPushButton(self.tr("New warehouse…"), objectName="newWarehouseButton")
        self.edit_warehouse_button = QPushButton(self.tr("Edit warehouse…"), objectName="editWarehouseButton")
        self.new_bin_button = QPushButton(self.tr("New bin…"), objectName="newBinButton")
        self.edit_bin_button = QPushButton(self.tr("Edit bin…"), objectName="editBinButton")
        for button in (self.new_warehouse_button, self.edit_warehouse_button, self.new_bin_button,
                       self.edit_bin_button):
            button.setVisible(self.can_edit)
        self.bins_label = QLabel(objectName="binsLabel")

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Warehouses and the postal-code regions they serve")))
        row.addStretch(1)
        row.addWidget(self.new_warehouse_button)
        row.addWidget(self.edit_warehouse_button)
        top_layout.addLayout(row)
        top_layout.addWidget(self.warehouse_table, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.bins_label)
        row.addStretch(1)
        row.addWidget(self.new_bin_button)
        row.addWidget(self.edit_bin_button)
        bottom_layout.addLayout(row)
        bottom_layout.addWidget(self.bin_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, objectName="warehouseSplitter")
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(splitter, 1)

        self.warehouse_table.selectionModel().selectionChanged.connect(self._warehouse_selected)
        self.bin_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.warehouse_model.modelReset.connect(self._update_buttons)
        self.bin_model.modelReset.connect(self._update_buttons)
        self.new_warehouse_button.clicked.connect(self.new_warehouse)
        self.edit_warehouse_button.clicked.connect(self.edit_warehouse)
        self.new_bin_button.clicked.connect(self.new_bin)
        self.edit_bin_button.clicked.connect(self.edit_bin)
        add_edit_action(self.warehouse_table, self.edit_warehouse)
        add_edit_action(self.bin_table, self.edit_bin)
        self._shown_bins_for: int | None = None
        self._filling = False
        self._update_buttons()

    # -- loading -----------------------------------------------------------------
    def _load(self) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: warehouses.list_warehouses(db, actor), self._warehouses_loaded, self._load_failed,
                 key=self._keys[0])

    def _warehouses_loaded(self, rows: list[WarehouseRow]) -> None:
        self._load_succeeded()
        self._filling = True  # one bins request below, not one per selection signal
        try:
            replace_rows(self.warehouse_table, self.warehouse_model, rows, key=lambda r: r.id,
                         select_key=self._select_warehouse_id)
            self._select_warehouse_id = None
            if self.selected_warehouse() is None and rows:
                self.warehouse_table.selectRow(0)
        finally:
            self._filling = False
        self._update_buttons()
        self.load_bins()

    def load_bins(self) -> None:
        warehouse = self.selected_warehouse()
        if warehouse is None:
            self.bin_model.set_rows([])
            self.bins_label.setText(self.tr("Bins"))
            self._shown_bins_for = None
            return
        db, actor, warehouse_id = self.context.database, self.context.actor, warehouse.id
        self.bins_label.setText(self.tr("Bins of {code} in pick-path order (loading…)").format(code=warehouse.code))
        self.run(lambda: (warehouse_id, warehouses.list_bins(db, actor, warehouse_id)), self._bins_loaded,
                 self._load_failed, key=self._keys[1])

    def _bins_loaded(self, result: tuple[int, list[BinRow]]) -> None:
        warehouse_id, rows = result
        warehouse = self.selected_warehouse()
        code = warehouse.code if warehouse is not None and warehouse.id == warehouse_id else ""
        if self._shown_bins_for != warehouse_id:  # another warehouse: start at the top, nothing selected
            self.bin_table.clearSelection()
            self.bin_model.set_rows([])
        replace_rows(self.bin_table, self.bin_model, rows, key=lambda r: r.id, select_key=self._select_bin_id)
        self._select_bin_id = None
        self._shown_bins_for = warehouse_id
        self.bins_label.setText(self.tr("Bins of {code} in pick-path order: {n}").format(code=code, n=len(rows)))

    def _warehouse_selected(self, *_args) -> None:
        if self._filling:
            return
        self._update_buttons()
        warehouse = self.selected_warehouse()
        if warehouse is None or warehouse.id != self._shown_bins_for:
            self.load_bins()

    def _update_buttons(self, *_args) -> None:
        has_warehouse = self.selected_warehouse() is not None
        self.edit_warehouse_button.setEnabled(has_warehouse)
        self.new_bin_button.setEnabled(has_warehouse)
        self.edit_bin_button.setEnabled(selected_row(self.bin_table) is not None)

    def selected_warehouse(self) -> WarehouseRow | None:
        return selected_row(self.warehouse_table)

    def selected_bin(self) -> BinRow | None:
        return selected_row(self.bin_table)

    # -- editing ---------------------------------------------------------------------
    def new_warehouse(self) -> None:
        if self.can_edit:
            self._open(WarehouseDialog(self.context, None, self), self._warehouse_saved)

    def edit_warehouse(self) -> None:
        warehouse = self.selected_warehouse()
        if self.can_edit and warehouse is not None:
            self._open(WarehouseDialog(self.context, warehouse, self), self._warehouse_saved)

    def new_bin(self) -> None:
        warehouse = self.selected_warehouse()
        if self.can_edit and warehouse is not None:
            bins = self.bin_model.rows()
            next_sequence = max((b.pick_sequence for b in bins), default=0) + 10
            zones = sorted({b.zone for b in bins})
            self._open(BinDialog(self.context, self.warehouse_model.rows(), warehouse.id, None, zones,
                                 next_sequence, self), self._bin_saved)

    def edit_bin(self) -> None:
        bin_row = self.selected_bin()
        if self.can_edit and bin_row is not None:
            zones = sorted({b.zone for b in self.bin_model.rows()})
            self._open(BinDialog(self.context, self.warehouse_model.rows(), bin_row.warehouse_id, bin_row, zones,
                                 parent=self), self._bin_saved)

    def _open(self, dialog, on_saved) -> None:
        dialog.saved.connect(on_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _warehouse_saved(self, row: WarehouseRow) -> None:
        self._select_warehouse_id = row.id
        self.message_bar.show_success(self.tr("Saved warehouse {code}.").format(code=row.code))
        self.announce("warehouses", "delivery_regions", "audit_log")

    def _bin_saved(self, row: BinRow) -> None:
        self._select_warehouse_id = row.warehouse_id
        self._select_bin_id = row.id
        self.message_bar.show_success(self.tr("Saved bin {code}.").format(code=row.code))
        self.announce("bins", "audit_log")


# -------------------------------------------------------------------------------- users


class UsersPanel(_Panel):
    TABLES = frozenset({"users"})

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "usersPanel", parent)
        self.can_manage = context.can(Action.USER_MANAGE)
        self._select_id: int | None = None
        self._key = f"admin:{id(self)}:users"
        self.model = UserTableModel(self)
        self.table = QTableView(objectName="userTable")
        configure_table(self.table, self.model, stretch=UserTableModel.COL_FULL_NAME, widths={
            UserTableModel.COL_USERNAME: "username_long",
            UserTableModel.COL_ROLE: "Customer service",
            UserTableModel.COL_LANGUAGE: "Chinese (中文)",
        })
        self.count_label = QLabel(objectName="userCount")
        self.new_button = QPushButton(self.tr("New user…"), objectName="newUserButton")
        self.edit_button = QPushButton(self.tr("Edit user…"), objectName="editUserButton")
        for button in (self.new_button, self.edit_button):
            button.setVisible(self.can_manage)
        row = QHBoxLayout()
        row.addWidget(self.count_label)
        row.addStretch(1)
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self.new_user)
        self.edit_button.clicked.connect(self.edit_user)
        add_edit_action(self.table, self.edit_user)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _load(self) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: users.list_users(db, actor), self._loaded, self._load_failed, key=self._key)

    def _loaded(self, rows: list[UserRow]) -> None:
        self._load_succeeded()
        replace_rows(self.table, self.model, rows, key=lambda r: r.id, select_key=self._select_id)
        self._select_id = None
        self.count_label.setText(self.tr("%n user(s)", "", len(rows)))

    def _update_buttons(self, *_args) -> None:
        self.edit_button.setEnabled(selected_row(self.table) is not None)

    def selected_user(self) -> UserRow | None:
        return selected_row(self.table)

    def new_user(self) -> None:
        if self.can_manage:
            self._open(UserDialog(self.context, None, self))

    def edit_user(self) -> None:
        user = self.selected_user()
        if self.can_manage and user is not None:
            self._open(UserDialog(self.context, user, self))

    def _open(self, dialog: UserDialog) -> None:
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self, row: UserRow) -> None:
        self._select_id = row.id
        self.message_bar.show_success(self.tr("Saved user {name}.").format(name=row.username))
        self.announce("users", "audit_log")


# -------------------------------------------------------------------------------- audit


class AuditPanel(_Panel):
    TABLES = frozenset({"audit_log"})

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "auditPanel", parent)
        self._key = f"admin:{id(self)}:audit"
        self.search_edit = QLineEdit(objectName="auditSearch")
        self.search_edit.setPlaceholderText(self.tr("Search user, action, record or reason"))
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(objectName="auditCount")
        self.model = AuditTableModel(self)
        self.table = QTableView(objectName="auditTable")
        configure_table(self.table, self.model, stretch=AuditTableModel.COL_DETAILS, min_stretch_width=240, widths={
            AuditTableModel.COL_TIME: "2026-12-31 23:59:59",
            AuditTableModel.COL_USER: "username",
            AuditTableModel.COL_DB_USER: "sqlite",
            AuditTableModel.COL_STATION: "shipments",
            AuditTableModel.COL_ACTION: "product.updated",
            AuditTableModel.COL_ENTITY: "product VEG-0001",
            AuditTableModel.COL_TRANSITION: "picked → packed",
            AuditTableModel.COL_REASON: "Customer asked",
        })
        row = QHBoxLayout()
        row.addWidget(self.search_edit, 2)
        row.addStretch(1)
        row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self._search_timer = debounced_search(self, self.search_edit, self.refresh)

    def _load(self) -> None:
        self._search_timer.stop()
        db, actor, search = self.context.database, self.context.actor, self.search_edit.text().strip()
        self.count_label.setText(self.tr("Loading…"))
        self.run(lambda: audit.list_entries(db, actor, search=search, limit=AUDIT_LIMIT), self._loaded,
                 self._load_failed, key=self._key)

    def _loaded(self, rows: list[AuditRow]) -> None:
        self._load_succeeded()
        replace_rows(self.table, self.model, rows, key=lambda r: r.id)
        if len(rows) >= AUDIT_LIMIT:
            self.count_label.setText(self.tr("Newest {n} entries; search to find older ones").format(n=len(rows)))
        else:
            self.count_label.setText(self.tr("%n entry(s), newest first", "", len(rows)))

    def _load_failed(self, error: BaseException) -> None:
        self.count_label.setText("")
        super()._load_failed(error)


# ---------------------------------------------------------------------------------- view


class AdminView(QWidget):
    """Tabs for warehouses, users and the audit log, per the role's permissions."""

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminView")
        self.context = context
        self.tabs = QTabWidget(self, objectName="adminTabs")
        self.tabs.setDocumentMode(True)
        self.warehouses_panel: WarehousesPanel | None = None
        self.users_panel: UsersPanel | None = None
        self.audit_panel: AuditPanel | None = None
        if context.can(Action.WAREHOUSE_VIEW):
            self.warehouses_panel = WarehousesPanel(context)
            self.tabs.addTab(self.warehouses_panel, self.tr("Warehouses"))
        if context.can(Action.USER_VIEW):
            self.users_panel = UsersPanel(context)
            self.tabs.addTab(self.users_panel, self.tr("Users"))
        if context.can(Action.AUDIT_VIEW):
            self.audit_panel = AuditPanel(context)
            self.tabs.addTab(self.audit_panel, self.tr("Audit log"))
        self.empty_label = QLabel(self.tr("Your role has no administration tasks."), self, objectName="adminEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.empty_label)
        self.tabs.setVisible(self.tabs.count() > 0)
        self.empty_label.setVisible(self.tabs.count() == 0)

    def panels(self) -> list[_Panel]:
        return [p for p in (self.warehouses_panel, self.users_panel, self.audit_panel) if p is not None]

    def refresh(self) -> None:
        """Reload the visible tab now; the others reload when next shown."""
        for panel in self.panels():
            if panel.isVisible():
                panel.refresh()
            else:
                panel.mark_stale()

    def show_tab(self, panel: QWidget) -> None:
        self.tabs.setCurrentWidget(panel)
