"""Table models for the catalogue: products and categories."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app import i18n
from app.services.catalog import CategoryRow, ProductRow
from ui.formatting import format_cents, format_grams
from ui.labels import temperature_label, unit_label
from ui.models.row_table_model import Column, RowTableModel

INACTIVE = QBrush(QColor("#8a8a8a"))


def inactive_foreground(row) -> QBrush | None:
    return None if row.active else INACTIVE


def format_price(row: ProductRow) -> str:
    """¥12.34, or ¥12.34/kg for goods sold by weight."""
    price = format_cents(row.price_cents)
    if row.unit == "weighed":
        return QCoreApplication.translate("ProductTableModel", "{price}/kg").format(price=price)
    return price


def _gtin_summary(gtins: tuple[str, ...]) -> str:
    """The first GTIN, and how many more there are (the tooltip lists them all)."""
    if not gtins:
        return ""
    return gtins[0] if len(gtins) == 1 else f"{gtins[0]} +{len(gtins) - 1}"



def category_title(row) -> str:
    """The category in the UI language (the Chinese name when the app runs in Chinese)."""
    return row.category_name_zh if i18n.current_language().startswith("zh") and row.category_name_zh \
        else row.category_name


class ProductTableModel(RowTableModel[ProductRow]):
    COL_SKU = 0
    COL_NAME_EN = 1
    COL_NAME_ZH = 2
    COL_CATEGORY = 3
    COL_TEMPERATURE = 4
    COL_UNIT = 5
    COL_PRICE = 6
    COL_SHELF_LIFE = 7
    COL_MIN_REMAINING = 8
    COL_GTINS = 9
    COL_ACTIVE = 10

    def __init__(self, parent=None) -> None:
        days = lambda n: self.tr("{n} d").format(n=n)  # noqa: E731
        columns = [
            Column(self.tr("SKU"), lambda r: r.sku, foreground=inactive_foreground,
                   tooltip=lambda r: self.tr("Substitutes: {skus}").format(skus=", ".join(r.substitutes))
                   if r.substitutes else ""),
            Column(self.tr("English name"), lambda r: r.name_en, foreground=inactive_foreground),
            Column(self.tr("Chinese name"), lambda r: r.name_zh, foreground=inactive_foreground),
            Column(self.tr("Category"), category_title, foreground=inactive_foreground),
            Column(self.tr("Temp."), lambda r: r.temperature_class, display=temperature_label,
                   foreground=inactive_foreground),
            Column(self.tr("Unit"), lambda r: r.unit, display=unit_label, foreground=inactive_foreground,
                   tooltip=lambda r: self.tr("Nominal weight {weight} ± {tolerance}").format(
                       weight=format_grams(r.nominal_weight_g), tolerance=format_grams(r.weight_tolerance_g))
                   if r.unit == "weighed" else (self.tr("Piece weight {weight}").format(
                       weight=format_grams(r.nominal_weight_g)) if r.nominal_weight_g else "")),
            Column(self.tr("Price"), lambda r: r.price_cents, align_right=True, foreground=inactive_foreground),
            Column(self.tr("Shelf life"), lambda r: r.shelf_life_days, align_right=True, display=days,
                   foreground=inactive_foreground),
            Column(self.tr("Min. left"), lambda r: r.min_remaining_shelf_life_days, align_right=True,
                   display=days, foreground=inactive_foreground),
            Column(self.tr("GTINs"), lambda r: r.gtins, display=_gtin_summary, foreground=inactive_foreground,
                   tooltip=lambda r: "\n".join(r.gtins)),
            Column(self.tr("Active"), lambda r: r.active),
        ]
        super().__init__(columns, parent)
        self._header_tips = {
            self.COL_TEMPERATURE: self.tr("Temperature class"),
            self.COL_PRICE: self.tr("Price per piece, or per kg for goods sold by weight"),
            self.COL_SHELF_LIFE: self.tr("Shelf life in days"),
            self.COL_MIN_REMAINING: self.tr("Minimum remaining shelf life at delivery, in days"),
        }

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self._header_tips.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == self.COL_PRICE:
            return format_price(self.row_at(index.row()))
        return super().data(index, role)


class CategoryTableModel(RowTableModel[CategoryRow]):
    COL_CODE = 0
    COL_NAME_EN = 1
    COL_NAME_ZH = 2
    COL_TEMPERATURE = 3
    COL_PRODUCTS = 4
    COL_ACTIVE = 5

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Code"), lambda r: r.code, foreground=inactive_foreground),
            Column(self.tr("English name"), lambda r: r.name_en, foreground=inactive_foreground),
            Column(self.tr("Chinese name"), lambda r: r.name_zh, foreground=inactive_foreground),
            Column(self.tr("Temperature"), lambda r: r.temperature_class, display=temperature_label,
                   foreground=inactive_foreground),
            Column(self.tr("Products"), lambda r: r.product_count, align_right=True, foreground=inactive_foreground),
            Column(self.tr("Active"), lambda r: r.active),
        ]
        super().__init__(columns, parent)
