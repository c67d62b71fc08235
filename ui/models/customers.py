"""Table model for customers."""

from __future__ import annotations

from app.services.customers import CustomerRow
from ui.labels import language_label
from ui.models.row_table_model import Column, RowTableModel


class CustomerTableModel(RowTableModel[CustomerRow]):
    COL_NAME = 0
    COL_PHONE = 1
    COL_EMAIL = 2
    COL_LANGUAGE = 3
    COL_ADDRESS = 4
    COL_CITY = 5
    COL_POSTAL_CODE = 6

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Phone"), lambda r: r.phone),
            Column(self.tr("E-mail"), lambda r: r.email),
            Column(self.tr("Language"), lambda r: r.language, display=language_label),
            Column(self.tr("Address"), lambda r: r.address_line, tooltip=lambda r: r.address_line),
            Column(self.tr("City"), lambda r: r.city),
            Column(self.tr("Postal code"), lambda r: r.postal_code),
        ]
        super().__init__(columns, parent)
