"""Table models for the catalogue: products and categories."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

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
        t = lambda text: QCoreApplication.translate("ProductTableModel", text)  # noqa: E731
        days = lambda n: t("{n} d").format(n=n)  # noqa: E731
        columns = [
            Column(t("SKU"), lambda r: r.sku, foreground=inactive_foreground,
                   tooltip=lambda r: t("Substitutes: {skus}").format(skus=", ".join(r.substitutes))
                   if r.substitutes else ""),
            Column(t("English name"), lambda r: r.name_en, foreground=inactive_foreground),
            Column(t("Chinese name"), lambda r: r.name_zh, foreground=inactive_foreground),
            Column(t("Category"), lambda r: r.category_name, foreground=inactive_foreground),
            Column(t("Temp."), lambda r: r.temperature_class, display=temperature_label,
                   foreground=inactive_foreground),
            Column(t("Unit"), lambda r: r.unit, display=unit_label, foreground=inactive_foreground,
                   tooltip=lambda r: t("Nominal weight {weight} ± {tolerance}").format(
                       weight=format_grams(r.nominal_weight_g), tolerance=format_grams(r.weight_tolerance_g))
                   if r.unit == "weighed" else (t("Piece weight {weight}").format(
                       weight=format_grams(r.nominal_weight_g)) if r.nominal_weight_g else "")),
            Column(t("Price"), lambda r: r.price_cents, align_right=True, foreground=inactive_foreground),
            Column(t("Shelf life"), lambda r: r.shelf_life_days, align_right=True, display=days,
                   foreground=inactive_foreground),
            Column(t("Min. left"), lambda r: r.min_remaining_shelf_life_days, align_right=True,
                   display=days, foreground=inactive_foreground),
            Column(t("GTINs"), lambda r: r.gtins, display=_gtin_summary, foreground=inactive_foreground,
                   tooltip=lambda r: "\n".join(r.gtins)),
            Column(t("Active"), lambda r: r.active),
        ]
        super().__init__(columns, parent)
        self._header_tips = {
            self.COL_TEMPERATURE: t("Temperature class"),
            self.COL_PRICE: t("Price per piece, or per kg for goods sold by weight"),
            self.COL_SHELF_LIFE: t("Shelf life in days"),
            self.COL_MIN_REMAINING: t("Minimum remaining shelf life at delivery, in days"),
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
        t = lambda text: QCoreApplication.translate("CategoryTableModel", text)  # noqa: E731
        columns = [
            Column(t("Code"), lambda r: r.code, foreground=inactive_foreground),
            Column(t("English name"), lambda r: r.name_en, foreground=inactive_foreground),
            Column(t("Chinese name"), lambda r: r.name_zh, foreground=inactive_foreground),
            Column(t("Temperature"), lambda r: r.temperature_class, display=temperature_label,
                   foreground=inactive_foreground),
            Column(t("Products"), lambda r: r.product_count, align_right=True, foreground=inactive_foreground),
            Column(t("Active"), lambda r: r.active),
        ]
        super().__init__(columns, parent)
