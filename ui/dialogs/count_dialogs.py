"""Dialogs of the counts view: a new count sheet (warehouse + zone), and stock found
during a count that the sheet does not list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.services import catalog, warehouses
from app.services.catalog import ProductRow
from app.services.stock import counts
from app.services.stock.counts import CounterLine, CountSheetRow
from app.services.warehouses import BinRow, WarehouseRow
from ui.context import ViewContext
from ui.dialogs.entity_dialog import EntityDialog
from ui.quantities import QuantityError, is_weighed, parse_quantity, quantity_error_message
from ui.results import error_text, guarded
from ui.widgets.date_edit import OptionalDateEdit


def product_display(product: ProductRow) -> str:
    """"VEG-0001 — Broccoli 西兰花": how products are offered for picking by hand."""
    name = product.name_en + (f" {product.name_zh}" if product.name_zh else "")
    return f"{product.sku} — {name}"


class NewCountSheetDialog(EntityDialog):
    """Choose the warehouse and zone to count; the sheet lists every bin × lot with stock in it now."""

    def __init__(self, context: ViewContext, warehouse_list: Sequence[WarehouseRow], warehouse_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("newCountSheetDialog")
        self.setWindowTitle(self.tr("New count sheet"))
        self.save_button.setText(self.tr("Create"))
        self.warehouse_combo = QComboBox(objectName="warehouseCombo")
        for warehouse in warehouse_list:
            if warehouse.active:
                self.warehouse_combo.addItem(f"{warehouse.code} — {warehouse.name}", warehouse.id)
        self.warehouse_combo.setCurrentIndex(max(0, self.warehouse_combo.findData(warehouse_id)))
        self.zone_combo = QComboBox(objectName="zoneCombo")
        self.zone_combo.setMinimumContentsLength(8)
        hint = QLabel(self.tr("The counter sees bins, products, lots and expiry dates, not the quantities "
                              "expected."))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Warehouse"), self.warehouse_combo)
        form.addRow(self.tr("Zone"), self.zone_combo)
        form.addRow(hint)
        self.body.addLayout(form)
        self.register_field("warehouse_id", self.warehouse_combo)
        self.register_field("zone", self.zone_combo)
        self.warehouse_combo.currentIndexChanged.connect(self._load_zones)
        self.setMinimumWidth(460)
        self._load_zones()

    def _load_zones(self, *_args) -> None:
        warehouse_id = self.warehouse_combo.currentData()
        self.zone_combo.clear()
        if warehouse_id is None:
            return
        db, actor = self.context.database, self.context.actor
        self.context.runner.run(lambda: (warehouse_id, warehouses.list_bins(db, actor, warehouse_id)),
                                guarded(self, self._zones_loaded),
                                guarded(self, lambda error: self.message_bar.show_error(error_text(error))),
                                key=f"countZones:{id(self)}")

    def _zones_loaded(self, result: tuple[int, list[BinRow]]) -> None:
        warehouse_id, bins = result
        if warehouse_id != self.warehouse_combo.currentData():
            return
        self.zone_combo.clear()
        for zone in dict.fromkeys(b.zone for b in bins if b.active):
            self.zone_combo.addItem(zone, zone)

    def collect(self) -> tuple[int, str]:
        warehouse_id = self.warehouse_combo.currentData()
        if warehouse_id is None:
            raise ValidationError(self.tr("Choose a warehouse."), "warehouse_id")
        zone = self.zone_combo.currentData()
        if not zone:
            raise ValidationError(self.tr("Choose the zone to count."), "zone")
        return int(warehouse_id), str(zone)

    def save_work(self, data: tuple[int, str]) -> Callable[[], CountSheetRow]:
        db, actor = self.context.database, self.context.actor
        warehouse_id, zone = data
        return lambda: counts.create_count_sheet(db, actor, warehouse_id, zone)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if not busy:
            self.save_button.setText(self.tr("Create"))


@dataclass(frozen=True)
class FoundStock:
    bin_id: int
    product_id: int
    lot_number: str
    expiry_date: date
    counted: int


class FoundStockDialog(EntityDialog):
    """A lot found in a bin of the counted zone that the sheet does not list."""

    def __init__(self, context: ViewContext, sheet: CountSheetRow, bin_code: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("foundStockDialog")
        self.sheet = sheet
        self.setWindowTitle(self.tr("Add found stock — sheet {id}, zone {zone}").format(id=sheet.id, zone=sheet.zone))
        self.save_button.setText(self.tr("Add"))
        self._bins: dict[str, BinRow] = {}
        self._products: dict[str, ProductRow] = {}
        self._product: ProductRow | None = None
        self.bin_combo = QComboBox(objectName="binCombo")
        self.bin_combo.setEditable(True)
        self.bin_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.bin_combo.setCurrentText(bin_code)
        self.product_edit = QLineEdit(objectName="productEdit")
        self.product_edit.setPlaceholderText(self.tr("Type SKU or name"))
        self.product_model = QStringListModel(self)
        completer = QCompleter(self.product_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.product_edit.setCompleter(completer)
        self.lot_edit = QLineEdit(objectName="lotEdit")
        self.lot_edit.setMaxLength(40)
        self.expiry_edit = OptionalDateEdit(objectName="expiryEdit")
        self.counted_edit = QLineEdit(objectName="countedEdit")
        self.counted_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.unit_label = QLabel(self.tr("pcs"))
        counted_row = QWidget()
        row_layout = QHBoxLayout(counted_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.counted_edit, 1)
        row_layout.addWidget(self.unit_label)
        form = QFormLayout()
        form.addRow(self.tr("Bin"), self.bin_combo)
        form.addRow(self.tr("Product"), self.product_edit)
        form.addRow(self.tr("Lot"), self.lot_edit)
        form.addRow(self.tr("Expiry"), self.expiry_edit)
        form.addRow(self.tr("Counted"), counted_row)
        self.body.addLayout(form)
        for name, widget in (("bin", self.bin_combo), ("product", self.product_edit),
                             ("lot_number", self.lot_edit), ("expiry_date", self.expiry_edit),
                             ("counted", self.counted_edit)):
            self.register_field(name, widget)
        self.product_edit.textChanged.connect(self._product_text_changed)
        self.setMinimumWidth(520)
        db, actor = context.database, context.actor
        warehouse_id, zone = sheet.warehouse_id, sheet.zone
        fail = guarded(self, lambda error: self.message_bar.show_error(error_text(error)))
        context.runner.run(lambda: [b for b in warehouses.list_bins(db, actor, warehouse_id)
                                    if b.zone == zone and b.active],
                           guarded(self, self._bins_loaded), fail)
        context.runner.run(lambda: catalog.list_products(db, actor, include_inactive=False),
                           guarded(self, self._products_loaded), fail)

    def _bins_loaded(self, rows: list[BinRow]) -> None:
        current = self.bin_combo.currentText()
        self._bins = {b.code: b for b in rows}
        self.bin_combo.clear()
        self.bin_combo.addItems(list(self._bins))
        self.bin_combo.setCurrentText(current)

    def _products_loaded(self, rows: list[ProductRow]) -> None:
        self._products = {product_display(p): p for p in rows}
        self.product_model.setStringList(list(self._products))
        self._product_text_changed(self.product_edit.text())

    def set_product(self, product: ProductRow) -> None:
        self._products.setdefault(product_display(product), product)
        self.product_edit.setText(product_display(product))

    def _product_text_changed(self, text: str) -> None:
        text = text.strip()
        product = self._products.get(text) or next(
            (p for p in self._products.values() if p.sku.casefold() == text.casefold()), None)
        self._product = product
        self.unit_label.setText(self.tr("kg") if product is not None and is_weighed(product.unit) else self.tr("pcs"))

    def collect(self) -> FoundStock:
        code = self.bin_combo.currentText().strip().upper()
        code = code[2:] if code.startswith("B:") else code
        bin_row = self._bins.get(code)
        if bin_row is None:
            raise ValidationError(self.tr("Choose a bin of zone {zone}.").format(zone=self.sheet.zone), "bin")
        if self._product is None:
            raise ValidationError(self.tr("Type the SKU or name and pick the product."), "product")
        if not self.lot_edit.text().strip():
            raise ValidationError(self.tr("Enter the lot number from the label."), "lot_number")
        expiry = self.expiry_edit.value()
        if expiry is None:
            raise ValidationError(self.tr("Enter the expiry date from the label."), "expiry_date")
        try:
            counted = parse_quantity(self.counted_edit.text(), self._product.unit)
        except QuantityError as error:
            raise ValidationError(quantity_error_message(error, self._product.unit), "counted") from None
        return FoundStock(bin_row.id, self._product.id, self.lot_edit.text().strip(), expiry, counted)

    def save_work(self, data: FoundStock) -> Callable[[], CounterLine]:
        db, actor, sheet_id = self.context.database, self.context.actor, self.sheet.id
        return lambda: counts.add_found_stock(db, actor, sheet_id, data.bin_id, data.product_id, data.lot_number,
                                              data.expiry_date, data.counted)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if not busy:
            self.save_button.setText(self.tr("Add"))
