"""Create or edit a product category."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWidget

from app.services import catalog
from app.services.catalog import CategoryInput, CategoryRow
from ui.context import ViewContext
from ui.dialogs.entity_dialog import EntityDialog
from ui.labels import TEMPERATURE_CLASSES, temperature_label


class CategoryDialog(EntityDialog):
    def __init__(self, context: ViewContext, category: CategoryRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("categoryDialog")
        self.category = category
        self.expected_version = category.version if category else None
        self.setWindowTitle(self.tr("New category") if category is None
                            else self.tr("Edit category {code}").format(code=category.code))
        self.code_edit = QLineEdit(objectName="codeEdit")
        self.code_edit.setMaxLength(30)
        self.code_edit.setPlaceholderText(self.tr("e.g. vegetables"))
        self.name_en_edit = QLineEdit(objectName="nameEnEdit")
        self.name_en_edit.setMaxLength(80)
        self.name_zh_edit = QLineEdit(objectName="nameZhEdit")
        self.name_zh_edit.setMaxLength(80)
        self.temperature_combo = QComboBox(objectName="temperatureCombo")
        for code in TEMPERATURE_CLASSES:
            self.temperature_combo.addItem(temperature_label(code), code)
        self.active_check = QCheckBox(self.tr("Active"), objectName="activeCheck")
        self.active_check.setChecked(True)

        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code_edit)
        form.addRow(self.tr("English name"), self.name_en_edit)
        form.addRow(self.tr("Chinese name"), self.name_zh_edit)
        form.addRow(self.tr("Temperature class"), self.temperature_combo)
        form.addRow("", self.active_check)
        self.body.addLayout(form)
        for name, widget in (("code", self.code_edit), ("name_en", self.name_en_edit),
                             ("name_zh", self.name_zh_edit), ("temperature_class", self.temperature_combo),
                             ("active", self.active_check)):
            self.register_field(name, widget)
        if category is not None:
            self.apply_row(category)
        self.setMinimumWidth(420)

    def apply_row(self, row: CategoryRow) -> None:
        self.code_edit.setText(row.code)
        self.name_en_edit.setText(row.name_en)
        self.name_zh_edit.setText(row.name_zh)
        self.temperature_combo.setCurrentIndex(max(0, self.temperature_combo.findData(row.temperature_class)))
        self.active_check.setChecked(row.active)

    def collect(self) -> CategoryInput:
        return CategoryInput(
            code=self.code_edit.text(), name_en=self.name_en_edit.text(), name_zh=self.name_zh_edit.text(),
            temperature_class=self.temperature_combo.currentData(), active=self.active_check.isChecked(),
        )

    def save_work(self, data: CategoryInput) -> Callable[[], CategoryRow]:
        db, actor = self.context.database, self.context.actor
        category_id, expected = (self.category.id if self.category else None), self.expected_version
        return lambda: catalog.save_category(db, actor, data, category_id, expected)

    def fetch_work(self) -> Callable[[], CategoryRow | None] | None:
        if self.category is None:
            return None
        db, actor, category_id = self.context.database, self.context.actor, self.category.id
        return lambda: _find(catalog.list_categories(db, actor), category_id)


def _find(rows: Sequence, row_id: int):
    return next((r for r in rows if r.id == row_id), None)
