"""Create or edit a product: every ``ProductInput`` field, saved through the runner."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox,
    QWidget,
)

from app.errors import ValidationError
from app.services import catalog
from app.services.catalog import CategoryRow, ProductInput, ProductRow
from ui.context import ViewContext
from ui.dialogs.entity_dialog import EntityDialog
from ui.labels import TEMPERATURE_CLASSES, UNITS, temperature_label, unit_label
from ui.widgets.money_edit import MoneyEdit

_SPLIT_SKUS = re.compile(r"[\s,;，；]+")


def split_lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def split_skus(text: str) -> tuple[str, ...]:
    return tuple(part for part in _SPLIT_SKUS.split(text) if part)


class ProductDialog(EntityDialog):
    def __init__(self, context: ViewContext, categories: Sequence[CategoryRow], product: ProductRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("productDialog")
        self.product = product
        self.expected_version = product.version if product else None
        self.setWindowTitle(self.tr("New product") if product is None
                            else self.tr("Edit product {sku}").format(sku=product.sku))

        # -- identity ---------------------------------------------------------
        self.sku_edit = QLineEdit(objectName="skuEdit")
        self.sku_edit.setMaxLength(40)
        self.sku_edit.setPlaceholderText(self.tr("e.g. VEG-0001"))
        self.name_en_edit = QLineEdit(objectName="nameEnEdit")
        self.name_en_edit.setMaxLength(120)
        self.name_zh_edit = QLineEdit(objectName="nameZhEdit")
        self.name_zh_edit.setMaxLength(120)
        self.category_combo = QComboBox(objectName="categoryCombo")
        for category in categories:
            label = f"{category.name_en} {category.name_zh}".strip()
            if not category.active:
                label += " — " + self.tr("inactive")
            self.category_combo.addItem(label, category.id)
        self._category_temperature = {c.id: c.temperature_class for c in categories}
        self.temperature_combo = QComboBox(objectName="temperatureCombo")
        for code in TEMPERATURE_CLASSES:
            self.temperature_combo.addItem(temperature_label(code), code)
        self.active_check = QCheckBox(self.tr("Active (can be ordered)"), objectName="activeCheck")
        self.active_check.setChecked(True)

        identity = QGroupBox(self.tr("Product"))
        form = QFormLayout(identity)
        form.addRow(self.tr("SKU"), self.sku_edit)
        form.addRow(self.tr("English name"), self.name_en_edit)
        form.addRow(self.tr("Chinese name"), self.name_zh_edit)
        form.addRow(self.tr("Category"), self.category_combo)
        form.addRow(self.tr("Temperature class"), self.temperature_combo)
        form.addRow("", self.active_check)

        # -- selling and shelf life ----------------------------------------------
        self.unit_combo = QComboBox(objectName="unitCombo")
        for code in UNITS:
            self.unit_combo.addItem(unit_label(code), code)
        self.weight_spin = QSpinBox(objectName="nominalWeightSpin")
        self.weight_spin.setRange(0, 100_000)
        self.weight_spin.setSuffix(" g")
        self.weight_spin.setSpecialValueText("—")
        self.tolerance_spin = QSpinBox(objectName="toleranceSpin")
        self.tolerance_spin.setRange(0, 10_000)
        self.tolerance_spin.setSuffix(" g")
        self.tolerance_spin.setPrefix("± ")
        self.price_edit = MoneyEdit()
        self.price_edit.setObjectName("priceEdit")
        self.shelf_life_spin = QSpinBox(objectName="shelfLifeSpin")
        self.shelf_life_spin.setRange(0, 3650)
        self.shelf_life_spin.setSuffix(self.tr(" days"))
        self.shelf_life_spin.setValue(7)
        self.min_remaining_spin = QSpinBox(objectName="minRemainingSpin")
        self.min_remaining_spin.setRange(0, 3650)
        self.min_remaining_spin.setSuffix(self.tr(" days"))
        self.reorder_spin = QSpinBox(objectName="reorderPointSpin")
        self.reorder_spin.setRange(0, 10_000_000)
        self.reorder_spin.setGroupSeparatorShown(True)

        selling = QGroupBox(self.tr("Selling and shelf life"))
        form = QFormLayout(selling)
        form.addRow(self.tr("Unit"), self.unit_combo)
        self.weight_label = QLabel()
        form.addRow(self.weight_label, self.weight_spin)
        self.tolerance_label = QLabel(self.tr("Weight tolerance"))
        form.addRow(self.tolerance_label, self.tolerance_spin)
        self.price_label = QLabel()
        form.addRow(self.price_label, self.price_edit)
        form.addRow(self.tr("Shelf life"), self.shelf_life_spin)
        form.addRow(self.tr("Min. remaining at delivery"), self.min_remaining_spin)
        form.addRow(self.tr("Reorder point"), self.reorder_spin)

        # -- codes ---------------------------------------------------------------------
        self.gtins_edit = QPlainTextEdit(objectName="gtinsEdit")
        self.gtins_edit.setPlaceholderText(self.tr("One GTIN per line (8, 12, 13 or 14 digits)"))
        self.gtins_edit.setTabChangesFocus(True)
        self.gtins_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.substitutes_edit = QLineEdit(objectName="substitutesEdit")
        self.substitutes_edit.setPlaceholderText(self.tr("SKUs in order of preference, e.g. VEG-0002, VEG-0003"))
        codes = QGroupBox(self.tr("Barcodes and substitutes"))
        form = QFormLayout(codes)
        form.addRow(self.tr("GTINs"), self.gtins_edit)
        form.addRow(self.tr("Substitutes"), self.substitutes_edit)

        columns = QHBoxLayout()
        columns.addWidget(identity, 1)
        columns.addWidget(selling, 1)
        self.body.addLayout(columns)
        self.body.addWidget(codes)

        for name, widget in (
            ("sku", self.sku_edit), ("name_en", self.name_en_edit), ("name_zh", self.name_zh_edit),
            ("category_id", self.category_combo), ("temperature_class", self.temperature_combo),
            ("unit", self.unit_combo), ("nominal_weight_g", self.weight_spin),
            ("weight_tolerance_g", self.tolerance_spin), ("price_cents", self.price_edit),
            ("shelf_life_days", self.shelf_life_spin), ("min_remaining_shelf_life_days", self.min_remaining_spin),
            ("reorder_point", self.reorder_spin), ("active", self.active_check),
            ("substitutes", self.substitutes_edit),
        ):
            self.register_field(name, widget)
        self.register_field("gtins", self.gtins_edit, "gtin")  # normalize_gtin names its error "gtin"

        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        if product is not None:
            self.apply_row(product)
        else:
            self._category_changed()
        self._unit_changed()
        self.setMinimumWidth(760)

    # -- form behaviour ---------------------------------------------------------
    def _unit(self) -> str:
        return self.unit_combo.currentData() or "piece"

    def _unit_changed(self) -> None:
        weighed = self._unit() == "weighed"
        self.tolerance_spin.setEnabled(weighed)
        self.tolerance_label.setEnabled(weighed)
        self.weight_label.setText(self.tr("Nominal weight") if weighed else self.tr("Piece weight (optional)"))
        self.weight_spin.setSpecialValueText("—" if not weighed else "")
        self.price_label.setText(self.tr("Price per kg (¥)") if weighed else self.tr("Price per piece (¥)"))
        self.reorder_spin.setSuffix(" g" if weighed else self.tr(" pcs"))

    def _category_changed(self) -> None:
        if self.product is None:  # a new product starts with its category's temperature class
            temperature = self._category_temperature.get(self.category_combo.currentData())
            if temperature:
                self.temperature_combo.setCurrentIndex(self.temperature_combo.findData(temperature))

    # -- EntityDialog hooks -----------------------------------------------------------
    def apply_row(self, row: ProductRow) -> None:
        self.sku_edit.setText(row.sku)
        self.name_en_edit.setText(row.name_en)
        self.name_zh_edit.setText(row.name_zh)
        index = self.category_combo.findData(row.category_id)
        if index < 0:
            self.category_combo.addItem(row.category_name, row.category_id)
            index = self.category_combo.count() - 1
        self.category_combo.setCurrentIndex(index)
        self.temperature_combo.setCurrentIndex(max(0, self.temperature_combo.findData(row.temperature_class)))
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(row.unit)))
        self.weight_spin.setValue(row.nominal_weight_g or 0)
        self.tolerance_spin.setValue(row.weight_tolerance_g or 0)
        self.price_edit.set_cents(row.price_cents)
        self.shelf_life_spin.setValue(row.shelf_life_days)
        self.min_remaining_spin.setValue(row.min_remaining_shelf_life_days)
        self.reorder_spin.setValue(row.reorder_point)
        self.active_check.setChecked(row.active)
        self.gtins_edit.setPlainText("\n".join(row.gtins))
        self.substitutes_edit.setText(", ".join(row.substitutes))
        self._unit_changed()

    def collect(self) -> ProductInput:
        category_id = self.category_combo.currentData()
        if category_id is None:
            raise ValidationError(self.tr("Choose a category (create one on the Categories tab first)."),
                                  "category_id")
        try:
            price_cents = self.price_edit.cents()
        except ValueError:
            raise ValidationError(self.tr("Enter the price as an amount such as 12.34."), "price_cents") from None
        weighed = self._unit() == "weighed"
        return ProductInput(
            sku=self.sku_edit.text(),
            name_en=self.name_en_edit.text(),
            name_zh=self.name_zh_edit.text(),
            category_id=int(category_id),
            temperature_class=self.temperature_combo.currentData(),
            shelf_life_days=self.shelf_life_spin.value(),
            min_remaining_shelf_life_days=self.min_remaining_spin.value(),
            price_cents=price_cents,
            unit=self._unit(),
            nominal_weight_g=self.weight_spin.value() or None,
            weight_tolerance_g=self.tolerance_spin.value() if weighed else None,
            reorder_point=self.reorder_spin.value(),
            active=self.active_check.isChecked(),
            gtins=split_lines(self.gtins_edit.toPlainText()),
            substitutes=split_skus(self.substitutes_edit.text()),
        )

    def save_work(self, data: ProductInput) -> Callable[[], ProductRow]:
        db, actor = self.context.database, self.context.actor
        product_id, expected = (self.product.id if self.product else None), self.expected_version
        return lambda: catalog.save_product(db, actor, data, product_id, expected)

    def fetch_work(self) -> Callable[[], ProductRow] | None:
        if self.product is None:
            return None
        db, actor, product_id = self.context.database, self.context.actor, self.product.id
        return lambda: catalog.get_product(db, actor, product_id)
