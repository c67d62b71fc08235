"""The warehouse chooser the station views share: filled from the active warehouses, remembering this PC's
choice, rebuilt only when the list changed (so a refresh never moves the picker's or clerk's selection)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox

from app.services.warehouses import WarehouseRow


def fill_warehouse_combo(combo: QComboBox, warehouses: list[WarehouseRow], remembered_key: str) -> bool:
    """Show ``warehouses`` (code, the name as tooltip) without emitting a change. The current choice stays;
    with none yet, the warehouse this PC remembers under ``remembered_key`` (QSettings), else the first.
    Returns whether the combo was rebuilt."""
    if [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] == \
            [(w.id, w.code) for w in warehouses]:
        return False
    wanted = combo.currentData()
    if wanted is None:
        remembered = str(QSettings().value(remembered_key, "") or "")
        wanted = next((w.id for w in warehouses if w.code == remembered), None)
    combo.blockSignals(True)
    try:
        combo.clear()
        for warehouse in warehouses:
            combo.addItem(warehouse.code, warehouse.id)
            combo.setItemData(combo.count() - 1, warehouse.name, Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(wanted)
        combo.setCurrentIndex(index if index >= 0 else 0)
    finally:
        combo.blockSignals(False)
    return True
