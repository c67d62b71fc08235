"""Create or edit a warehouse (and the postal-code prefixes it serves) or one of its bins."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from app.errors import ValidationError
from app.services import warehouses
from app.services.warehouses import BinInput, BinRow, WarehouseInput, WarehouseRow
from ui.context import ViewContext
from ui.dialogs.entity_dialog import EntityDialog

_SPLIT = re.compile(r"[\s,;，；]+")


def split_prefixes(text: str) -> tuple[str, ...]:
    return tuple(part for part in _SPLIT.split(text) if part)


def _find(rows: Sequence, row_id: int):
    return next((r for r in rows if r.id == row_id), None)


class WarehouseDialog(EntityDialog):
    def __init__(self, context: ViewContext, warehouse: WarehouseRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("warehouseDialog")
        self.warehouse = warehouse
        self.expected_version = warehouse.version if warehouse else None
        self.setWindowTitle(self.tr("New warehouse") if warehouse is None
                            else self.tr("Edit warehouse {code}").format(code=warehouse.code))
        self.code_edit = QLineEdit(objectName="codeEdit")
        self.code_edit.setMaxLength(10)
        self.name_edit = QLineEdit(objectName="nameEdit")
        self.name_edit.setMaxLength(80)
        self.address_edit = QLineEdit(objectName="addressEdit")
        self.address_edit.setMaxLength(200)
        self.prefixes_edit = QLineEdit(objectName="prefixesEdit")
        self.prefixes_edit.setPlaceholderText(self.tr("Postal-code prefixes, comma-separated, e.g. 200, 201, 215"))
        self.rank_spin = QSpinBox(objectName="fallbackRankSpin")
        self.rank_spin.setRange(0, 10_000)
        self.rank_spin.setValue(100)
        self.rank_spin.setToolTip(self.tr("Lower ranks are tried first when no region matches."))
        self.active_check = QCheckBox(self.tr("Active (receives orders)"), objectName="activeCheck")
        self.active_check.setChecked(True)

        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code_edit)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("Regions served"), self.prefixes_edit)
        form.addRow(self.tr("Fallback rank"), self.rank_spin)
        form.addRow("", self.active_check)
        self.body.addLayout(form)
        for name, widget in (("code", self.code_edit), ("name", self.name_edit), ("address", self.address_edit),
                             ("postal_prefixes", self.prefixes_edit), ("fallback_rank", self.rank_spin),
                             ("active", self.active_check)):
            self.register_field(name, widget)
        if warehouse is not None:
            self.apply_row(warehouse)
        self.setMinimumWidth(520)

    def apply_row(self, row: WarehouseRow) -> None:
        self.code_edit.setText(row.code)
        self.name_edit.setText(row.name)
        self.address_edit.setText(row.address)
        self.prefixes_edit.setText(", ".join(row.postal_prefixes))
        self.rank_spin.setValue(row.fallback_rank)
        self.active_check.setChecked(row.active)

    def collect(self) -> WarehouseInput:
        return WarehouseInput(code=self.code_edit.text(), name=self.name_edit.text(),
                              address=self.address_edit.text(),
                              postal_prefixes=split_prefixes(self.prefixes_edit.text()),
                              fallback_rank=self.rank_spin.value(), active=self.active_check.isChecked())

    def save_work(self, data: WarehouseInput) -> Callable[[], WarehouseRow]:
        db, actor = self.context.database, self.context.actor
        warehouse_id, expected = (self.warehouse.id if self.warehouse else None), self.expected_version
        return lambda: warehouses.save_warehouse(db, actor, data, warehouse_id, expected)

    def fetch_work(self) -> Callable[[], WarehouseRow | None] | None:
        if self.warehouse is None:
            return None
        db, actor, warehouse_id = self.context.database, self.context.actor, self.warehouse.id
        return lambda: _find(warehouses.list_warehouses(db, actor), warehouse_id)


class BinDialog(EntityDialog):
    def __init__(self, context: ViewContext, warehouse_list: Sequence[WarehouseRow], warehouse_id: int | None,
                 bin_row: BinRow | None = None, zones: Sequence[str] = (), next_sequence: int = 10,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("binDialog")
        self.bin = bin_row
        self.expected_version = bin_row.version if bin_row else None
        self.setWindowTitle(self.tr("New bin") if bin_row is None
                            else self.tr("Edit bin {code}").format(code=bin_row.code))
        self.warehouse_combo = QComboBox(objectName="warehouseCombo")
        for warehouse in warehouse_list:
            self.warehouse_combo.addItem(f"{warehouse.code} — {warehouse.name}", warehouse.id)
        self.warehouse_combo.setCurrentIndex(max(0, self.warehouse_combo.findData(warehouse_id)))
        self.code_edit = QLineEdit(objectName="codeEdit")
        self.code_edit.setMaxLength(30)
        self.code_edit.setPlaceholderText(self.tr("e.g. SH-CHL-A01-02-1"))
        self.zone_combo = QComboBox(objectName="zoneCombo")
        self.zone_combo.setEditable(True)
        for zone in dict.fromkeys((*zones, "AMB", "CHL", "FRZ")):
            self.zone_combo.addItem(zone)
        self.sequence_spin = QSpinBox(objectName="pickSequenceSpin")
        self.sequence_spin.setRange(0, 1_000_000)
        self.sequence_spin.setValue(next_sequence)
        self.sequence_spin.setToolTip(self.tr("Position on the pick path; pickers walk bins in ascending order."))
        self.active_check = QCheckBox(self.tr("Active"), objectName="activeCheck")
        self.active_check.setChecked(True)

        form = QFormLayout()
        form.addRow(self.tr("Warehouse"), self.warehouse_combo)
        form.addRow(self.tr("Bin code"), self.code_edit)
        form.addRow(self.tr("Zone"), self.zone_combo)
        form.addRow(self.tr("Pick order"), self.sequence_spin)
        form.addRow("", self.active_check)
        self.body.addLayout(form)
        for name, widget in (("warehouse_id", self.warehouse_combo), ("code", self.code_edit),
                             ("zone", self.zone_combo), ("pick_sequence", self.sequence_spin),
                             ("active", self.active_check)):
            self.register_field(name, widget)
        if bin_row is not None:
            self.apply_row(bin_row)
        self.setMinimumWidth(440)

    def apply_row(self, row: BinRow) -> None:
        index = self.warehouse_combo.findData(row.warehouse_id)
        if index >= 0:
            self.warehouse_combo.setCurrentIndex(index)
        self.code_edit.setText(row.code)
        self.zone_combo.setCurrentText(row.zone)
        self.sequence_spin.setValue(row.pick_sequence)
        self.active_check.setChecked(row.active)

    def collect(self) -> BinInput:
        warehouse_id = self.warehouse_combo.currentData()
        if warehouse_id is None:
            raise ValidationError(self.tr("Choose a warehouse."), "warehouse_id")
        return BinInput(warehouse_id=int(warehouse_id), code=self.code_edit.text(),
                        zone=self.zone_combo.currentText(), pick_sequence=self.sequence_spin.value(),
                        active=self.active_check.isChecked())

    def save_work(self, data: BinInput) -> Callable[[], BinRow]:
        db, actor = self.context.database, self.context.actor
        bin_id, expected = (self.bin.id if self.bin else None), self.expected_version
        return lambda: warehouses.save_bin(db, actor, data, bin_id, expected)

    def fetch_work(self) -> Callable[[], BinRow | None] | None:
        if self.bin is None:
            return None
        db, actor = self.context.database, self.context.actor
        bin_id, warehouse_id = self.bin.id, self.bin.warehouse_id
        return lambda: _find(warehouses.list_bins(db, actor, warehouse_id), bin_id)
