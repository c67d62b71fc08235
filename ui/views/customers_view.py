"""Customers: search by name, phone, e-mail or postal code; correct details."""

from __future__ import annotations


from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from app.permissions import Action
from app.services import customers
from app.services.customers import CustomerRow
from ui.context import ViewContext
from ui.dialogs.customer_dialog import CustomerDialog
from ui.models.customers import CustomerTableModel
from ui.views.view_support import RefreshingView, debounced_search
from ui.widgets.message_bar import MessageBar
from ui.widgets.tables import add_edit_action, configure_table, replace_rows, selected_row

#: rows fetched per search; a narrower search finds the rest
CUSTOMER_LIMIT = 2000


class CustomersView(RefreshingView):
    TABLES = frozenset({"customers"})

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customersView")
        self.can_edit = context.can(Action.CUSTOMER_EDIT)
        self._select_id: int | None = None
        self._load_error = False
        self._key = f"customers:{id(self)}"

        self.message_bar = MessageBar(self, "customersMessage")
        self.search_edit = QLineEdit(objectName="customerSearch")
        self.search_edit.setPlaceholderText(self.tr("Search name, phone, e-mail or postal code"))
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(objectName="customerCount")
        self.new_button = QPushButton(self.tr("New customer…"), objectName="newCustomerButton")
        self.edit_button = QPushButton(self.tr("Edit customer…"), objectName="editCustomerButton")
        for button in (self.new_button, self.edit_button):
            button.setVisible(self.can_edit)

        self.model = CustomerTableModel(self)
        self.table = QTableView(objectName="customerTable")
        configure_table(self.table, self.model, stretch=CustomerTableModel.COL_ADDRESS, widths={
            CustomerTableModel.COL_NAME: "Emma Thompson-Li",
            CustomerTableModel.COL_PHONE: "+86 13800138000",
            CustomerTableModel.COL_EMAIL: "zhang.wei.1234@example.com",
            CustomerTableModel.COL_LANGUAGE: "Chinese (中文)",
            CustomerTableModel.COL_ADDRESS: 200,
            CustomerTableModel.COL_CITY: "Guangzhou 广州",
            CustomerTableModel.COL_POSTAL_CODE: "000000",
        })

        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 2)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self._search_timer = debounced_search(self, self.search_edit, self.refresh)
        self.new_button.clicked.connect(self.new_customer)
        self.edit_button.clicked.connect(self.edit_customer)
        add_edit_action(self.table, self.edit_customer)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _load(self) -> None:
        self._search_timer.stop()
        db, actor, search = self.context.database, self.context.actor, self.search_edit.text()
        self.count_label.setText(self.tr("Loading…"))
        self.run(lambda: customers.list_customers(db, actor, search, limit=CUSTOMER_LIMIT),
                 self._loaded, self._load_failed, key=self._key)

    def _loaded(self, rows: list[CustomerRow]) -> None:
        replace_rows(self.table, self.model, rows, key=lambda r: r.id, select_key=self._select_id)
        self._select_id = None
        if len(rows) >= CUSTOMER_LIMIT:
            self.count_label.setText(self.tr("First {n} customers; narrow the search").format(n=len(rows)))
        else:
            self.count_label.setText(self.tr("%n customer(s)", "", len(rows)))
        if self._load_error and self.message_bar.kind() == "error":
            self.message_bar.clear()
        self._load_error = False

    def _load_failed(self, error: BaseException) -> None:
        self.count_label.setText("")
        self._show_error(error)
        self._load_error = True

    def _update_buttons(self, *_args) -> None:
        self.edit_button.setEnabled(selected_row(self.table) is not None)

    def selected_customer(self) -> CustomerRow | None:
        return selected_row(self.table)

    def new_customer(self) -> None:
        if self.can_edit:
            self._open_dialog(None)

    def edit_customer(self) -> None:
        customer = self.selected_customer()
        if self.can_edit and customer is not None:
            self._open_dialog(customer)

    def _open_dialog(self, customer: CustomerRow | None) -> CustomerDialog:
        dialog = CustomerDialog(self.context, customer, self)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _saved(self, row: CustomerRow) -> None:
        self._select_id = row.id
        self.message_bar.show_success(self.tr("Saved customer {name}.").format(name=row.name))
        self.announce("customers", "audit_log")
