"""Create or correct a customer's contact and address details."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.services import customers
from app.services.customers import CustomerInput, CustomerRow
from ui.context import ViewContext
from ui.dialogs.entity_dialog import EntityDialog
from ui.labels import LANGUAGES, language_label


class CustomerDialog(EntityDialog):
    def __init__(self, context: ViewContext, customer: CustomerRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customerDialog")
        self.customer = customer
        self.expected_version = customer.version if customer else None
        self.setWindowTitle(self.tr("New customer") if customer is None
                            else self.tr("Edit customer {name}").format(name=customer.name))
        self.name_edit = QLineEdit(objectName="nameEdit")
        self.name_edit.setMaxLength(120)
        self.phone_edit = QLineEdit(objectName="phoneEdit")
        self.phone_edit.setMaxLength(32)
        self.phone_edit.setPlaceholderText("+86 138 0013 8000")
        self.email_edit = QLineEdit(objectName="emailEdit")
        self.email_edit.setMaxLength(200)
        self.language_combo = QComboBox(objectName="languageCombo")
        for code in LANGUAGES:
            self.language_combo.addItem(language_label(code), code)
        self.address_edit = QLineEdit(objectName="addressEdit")
        self.address_edit.setMaxLength(200)
        self.city_edit = QLineEdit(objectName="cityEdit")
        self.city_edit.setMaxLength(80)
        self.postal_code_edit = QLineEdit(objectName="postalCodeEdit")
        self.postal_code_edit.setMaxLength(12)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Phone"), self.phone_edit)
        form.addRow(self.tr("E-mail"), self.email_edit)
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("City"), self.city_edit)
        form.addRow(self.tr("Postal code"), self.postal_code_edit)
        self.body.addLayout(form)
        for name, widget in (("name", self.name_edit), ("phone", self.phone_edit), ("email", self.email_edit),
                             ("language", self.language_combo), ("address_line", self.address_edit),
                             ("city", self.city_edit), ("postal_code", self.postal_code_edit)):
            self.register_field(name, widget)
        if customer is not None:
            self.apply_row(customer)
        self.setMinimumWidth(480)

    def apply_row(self, row: CustomerRow) -> None:
        self.name_edit.setText(row.name)
        self.phone_edit.setText(row.phone)
        self.email_edit.setText(row.email)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(row.language)))
        self.address_edit.setText(row.address_line)
        self.city_edit.setText(row.city)
        self.postal_code_edit.setText(row.postal_code)

    def collect(self) -> CustomerInput:
        return CustomerInput(
            name=self.name_edit.text(), phone=self.phone_edit.text(), email=self.email_edit.text(),
            language=self.language_combo.currentData(), address_line=self.address_edit.text(),
            city=self.city_edit.text(), postal_code=self.postal_code_edit.text(),
        )

    def save_work(self, data: CustomerInput) -> Callable[[], CustomerRow]:
        db, actor = self.context.database, self.context.actor
        customer_id, expected = (self.customer.id if self.customer else None), self.expected_version
        return lambda: customers.save_customer(db, actor, data, customer_id, expected)

    def fetch_work(self) -> Callable[[], CustomerRow] | None:
        if self.customer is None:
            return None
        db, actor, customer_id = self.context.database, self.context.actor, self.customer.id
        return lambda: customers.get_customer(db, actor, customer_id)
