"""Table models for the stock view: quants (bin × lot), per-product totals, and alerts.

The stock view holds up to 100,000 quants, so filtering and sorting work on
the model's own Python list: each row gets a lower-case search key once, when
the rows are loaded (in the worker, by :func:`prepare_snapshot`); a filter is
a list comprehension over those keys followed by one model reset; a sort
orders the whole list once by a precomputed key. ``data()`` never queries and
is only asked for the rows on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import compress

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app import i18n
from app.services.stock.queries import QuantRow, StockAlert
from ui.models.row_table_model import ROW_ROLE, SORT_ROLE, Column, RowTableModel
from ui.quantities import format_quantity

# status filter choices
STATUS_ALL = "all"
STATUS_NEAR = "near"
STATUS_EXPIRED = "expired"
STATUS_QUARANTINED = "quarantined"
STATUS_AVAILABLE = "available"
STATUS_FILTERS = (STATUS_ALL, STATUS_NEAR, STATUS_EXPIRED, STATUS_QUARANTINED, STATUS_AVAILABLE)

EXPIRED_BACKGROUND = QBrush(QColor("#f8d3d0"))
NEAR_BACKGROUND = QBrush(QColor("#ffe7a8"))
QUARANTINED_FOREGROUND = QBrush(QColor("#6f7378"))
REORDER_BACKGROUND = QBrush(QColor("#dbe9f7"))

_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_ROW = int(ROW_ROLE)
_SORT = int(SORT_ROLE)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


def chinese_names() -> bool:
    """Product names in Chinese when the app runs in Chinese (as ``ui.models.catalog.category_title``)."""
    return i18n.current_language().startswith("zh")


def product_name(row, chinese: bool | None = None) -> str:
    """The product's name in the UI language (English when there is no Chinese name)."""
    if chinese is None:
        chinese = chinese_names()
    return row.name_zh if chinese and row.name_zh else row.name_en


def search_key(row: QuantRow) -> str:
    """What the search box matches: SKU, both names, lot and bin (fields kept apart by a newline)."""
    return f"{row.sku}\n{row.name_en}\n{row.name_zh}\n{row.lot_number}\n{row.bin_code}".casefold()


# -- filtering ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StockFilter:
    text: str = ""
    warehouse: str | None = None  # warehouse code, None for all
    status: str = STATUS_ALL

    @property
    def needle(self) -> str:
        return self.text.strip().casefold()

    def is_empty(self) -> bool:
        return not self.needle and self.warehouse is None and self.status == STATUS_ALL

    def narrows(self, previous: StockFilter) -> bool:
        """True when every row this filter keeps was kept by ``previous`` (typing more of a word)."""
        return (self.warehouse == previous.warehouse and self.status == previous.status
                and previous.needle in self.needle)


def _status_mask(rows: Sequence[QuantRow], status: str) -> list[bool] | None:
    """One bool per row for the status filter (inline comparisons: no function call per row)."""
    if status == STATUS_NEAR:
        return [r.expiry_status == "near" for r in rows]
    if status == STATUS_EXPIRED:
        return [r.expiry_status == "expired" for r in rows]
    if status == STATUS_QUARANTINED:
        return [r.quarantined for r in rows]
    if status == STATUS_AVAILABLE:
        return [r.on_hand > r.reserved for r in rows]
    return None


def filter_rows(rows: Sequence[QuantRow], keys: Sequence[str],
                stock_filter: StockFilter) -> tuple[list[QuantRow], list[str]]:
    """The rows (and their keys) that pass ``stock_filter``, in their current order.

    Each criterion is a list of bools built by a comprehension, applied to both
    lists with ``itertools.compress``: no tuple or call per row, so filtering
    100,000 rows takes a few milliseconds even when most of them match.
    """
    rows, keys = list(rows), list(keys)
    needle = stock_filter.needle
    if needle:
        mask = [needle in k for k in keys]
        rows, keys = list(compress(rows, mask)), list(compress(keys, mask))
    warehouse = stock_filter.warehouse
    if warehouse is not None:
        mask = [r.warehouse_code == warehouse for r in rows]
        rows, keys = list(compress(rows, mask)), list(compress(keys, mask))
    mask = _status_mask(rows, stock_filter.status)
    if mask is not None:
        rows, keys = list(compress(rows, mask)), list(compress(keys, mask))
    return rows, keys


# -- sorting -------------------------------------------------------------------------------------------

def _status_rank(row: QuantRow) -> tuple:
    return ({"expired": 0, "near": 1}.get(row.expiry_status, 2), not row.quarantined)


def quant_sort_key(column: int, chinese: bool) -> Callable[[QuantRow], object]:
    """The key ``QuantTableModel`` sorts ``column`` by (no None values: every field is set)."""
    m = QuantTableModel
    return {
        m.COL_WAREHOUSE: lambda r: r.warehouse_code,
        m.COL_BIN: lambda r: r.bin_code,
        m.COL_ZONE: lambda r: r.zone,
        m.COL_SKU: lambda r: r.sku,
        m.COL_NAME: lambda r: product_name(r, chinese).casefold(),
        m.COL_LOT: lambda r: r.lot_number.casefold(),
        m.COL_EXPIRY: lambda r: r.expiry_date,
        m.COL_DAYS_LEFT: lambda r: r.days_left,
        m.COL_ON_HAND: lambda r: r.on_hand,
        m.COL_RESERVED: lambda r: r.reserved,
        m.COL_AVAILABLE: lambda r: r.on_hand - r.reserved,
        m.COL_STATUS: _status_rank,
    }[column]


def sort_rows(rows: list[QuantRow], keys: list[str], column: int, descending: bool,
              chinese: bool) -> tuple[list[QuantRow], list[str]]:
    """Both lists ordered by ``column`` (stable: equal rows keep their order)."""
    decorated = list(map(quant_sort_key(column, chinese), rows))
    order = sorted(range(len(rows)), key=decorated.__getitem__, reverse=descending)
    return [rows[i] for i in order], [keys[i] for i in order]


@dataclass(frozen=True)
class QuantSnapshot:
    """What the worker hands the stock view: the rows, their search keys, the warehouses in them."""

    rows: list[QuantRow] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    warehouses: tuple[str, ...] = ()
    sort_column: int = -1
    descending: bool = False
    #: SKU -> Chinese name (alerts carry the English name only)
    names_zh: dict[str, str] = field(default_factory=dict)


def prepare_snapshot(rows: list[QuantRow], sort_column: int = -1, descending: bool = False,
                     chinese: bool | None = None) -> QuantSnapshot:
    """Search keys (and the person's sort order) for freshly loaded rows; runs in the worker."""
    if chinese is None:
        chinese = chinese_names()
    keys = list(map(search_key, rows))
    if 0 <= sort_column < QuantTableModel.COLUMN_COUNT:
        rows, keys = sort_rows(rows, keys, sort_column, descending, chinese)
    warehouses = tuple(sorted({r.warehouse_code for r in rows}))
    names_zh = {r.sku: r.name_zh for r in rows if r.name_zh}
    return QuantSnapshot(rows, keys, warehouses, sort_column, descending, names_zh)


# -- the quant table -----------------------------------------------------------------------------------

def status_text(row) -> str:
    """"Expired", "Near expiry", "Quarantined", or both ("Quarantined, expired"); "" when fine."""
    translate = QCoreApplication.translate
    parts = []
    if row.quarantined:
        parts.append(translate("QuantTableModel", "Quarantined"))
    if row.expiry_status == "expired":
        parts.append(translate("QuantTableModel", "expired") if parts else translate("QuantTableModel", "Expired"))
    elif row.expiry_status == "near":
        parts.append(translate("QuantTableModel", "near expiry") if parts
                     else translate("QuantTableModel", "Near expiry"))
    return ", ".join(parts)


def days_text(days: int) -> str:
    return QCoreApplication.translate("QuantTableModel", "{n} d").format(n=days)


def quant_tooltip(row: QuantRow) -> str:
    translate = QCoreApplication.translate
    lines = []
    if row.quarantined:
        lines.append(translate("QuantTableModel", "Quarantined: {reason}. This lot cannot be reserved or picked.")
                     .format(reason=row.quarantine_reason or translate("QuantTableModel", "no reason given")))
    if row.expiry_status == "expired":
        lines.append(translate("QuantTableModel", "Expired on {date}: it cannot be reserved or picked; write it off.")
                     .format(date=row.expiry_date.isoformat()))
    elif row.expiry_status == "near":
        lines.append(translate("QuantTableModel", "Expires on {date}: {days} d left.")
                     .format(date=row.expiry_date.isoformat(), days=row.days_left))
    return "\n".join(lines)


class QuantTableModel(RowTableModel[QuantRow]):
    """One row per quant (warehouse × bin × lot), over the whole stock; see the module doc."""

    COL_WAREHOUSE = 0
    COL_BIN = 1
    COL_ZONE = 2
    COL_SKU = 3
    COL_NAME = 4
    COL_LOT = 5
    COL_EXPIRY = 6
    COL_DAYS_LEFT = 7
    COL_ON_HAND = 8
    COL_RESERVED = 9
    COL_AVAILABLE = 10
    COL_STATUS = 11
    COLUMN_COUNT = 12
    RIGHT_ALIGNED = frozenset({COL_DAYS_LEFT, COL_ON_HAND, COL_RESERVED, COL_AVAILABLE})

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("WH", "warehouse, abbreviated"), lambda r: r.warehouse_code),
            Column(self.tr("Bin"), lambda r: r.bin_code),
            Column(self.tr("Zone"), lambda r: r.zone),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), lambda r: product_name(r, self._chinese)),
            Column(self.tr("Lot"), lambda r: r.lot_number),
            Column(self.tr("Expiry"), lambda r: r.expiry_date),
            Column(self.tr("Days left"), lambda r: r.days_left, align_right=True),
            Column(self.tr("On hand"), lambda r: r.on_hand, align_right=True),
            Column(self.tr("Reserved"), lambda r: r.reserved, align_right=True),
            Column(self.tr("Available"), lambda r: r.on_hand - r.reserved, align_right=True),
            Column(self.tr("Status"), status_text),
        ]
        assert len(columns) == self.COLUMN_COUNT
        super().__init__(columns, parent)
        self._chinese = chinese_names()
        self._display: list[Callable[[QuantRow], str]] = [
            lambda r: r.warehouse_code,
            lambda r: r.bin_code,
            lambda r: r.zone,
            lambda r: r.sku,
            lambda r: product_name(r, self._chinese),
            lambda r: r.lot_number,
            lambda r: r.expiry_date.isoformat(),
            lambda r: days_text(r.days_left),
            lambda r: format_quantity(r.on_hand, r.unit),
            lambda r: format_quantity(r.reserved, r.unit),
            lambda r: format_quantity(r.on_hand - r.reserved, r.unit),
            status_text,
        ]
        self._header_tips = {
            self.COL_WAREHOUSE: self.tr("Warehouse"),
            self.COL_DAYS_LEFT: self.tr("Days until the lot expires (negative: expired that many days ago)"),
            self.COL_ON_HAND: self.tr("In the bin: pieces, or kg for goods sold by weight"),
            self.COL_RESERVED: self.tr("Set aside for orders, not yet picked"),
            self.COL_AVAILABLE: self.tr("On hand minus reserved"),
        }
        self._italic = QFont()
        self._italic.setItalic(True)
        # the whole stock, in the current sort order, with a search key per row
        self._all: list[QuantRow] = []
        self._all_keys: list[str] = []
        self._keys: list[str] = []  # search keys of the rows shown
        self._filter = StockFilter()
        self._sort_column = -1
        self._descending = False

    # -- filling, filtering, sorting ---------------------------------------------------------
    def set_base_font(self, font: QFont) -> None:
        """The table's font (from the style sheet); quarantined rows show it in italics."""
        self._italic = QFont(font)
        self._italic.setItalic(True)

    def set_snapshot(self, snapshot: QuantSnapshot) -> None:
        """Replace the whole stock (already sorted and keyed by the worker) and show what passes the filter."""
        self._all, self._all_keys = snapshot.rows, snapshot.keys
        if snapshot.sort_column != self._sort_column or snapshot.descending != self._descending:
            self._sort_all()
        self._refilter(self._filter, from_previous=False)

    def set_rows(self, rows: Sequence[QuantRow]) -> None:
        """Fill from plain rows (keys computed here; the view uses ``set_snapshot``)."""
        self.set_snapshot(prepare_snapshot(list(rows), self._sort_column, self._descending, self._chinese))

    def set_filter(self, stock_filter: StockFilter) -> None:
        if stock_filter == self._filter:
            return
        narrows = stock_filter.narrows(self._filter)
        self._filter = stock_filter
        self._refilter(stock_filter, from_previous=narrows)

    def stock_filter(self) -> StockFilter:
        return self._filter

    def sort_spec(self) -> tuple[int, bool]:
        return self._sort_column, self._descending

    def all_rows(self) -> list[QuantRow]:
        """Every row loaded, whatever the filter."""
        return list(self._all)

    def total_count(self) -> int:
        return len(self._all)

    def visible_rows(self) -> list[QuantRow]:
        """The rows shown (the list itself: do not change it)."""
        return self._rows

    def find_quant(self, quant_id: int) -> int:
        for i, row in enumerate(self._rows):
            if row.quant_id == quant_id:
                return i
        return -1

    def _refilter(self, stock_filter: StockFilter, *, from_previous: bool) -> None:
        source_rows, source_keys = (self._rows, self._keys) if from_previous else (self._all, self._all_keys)
        rows, keys = filter_rows(source_rows, source_keys, stock_filter)
        self.beginResetModel()
        self._rows, self._keys = rows, keys
        self.endResetModel()

    def _sort_all(self) -> None:
        if 0 <= self._sort_column < self.COLUMN_COUNT and self._all:
            self._all, self._all_keys = sort_rows(self._all, self._all_keys, self._sort_column, self._descending,
                                                  self._chinese)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.COLUMN_COUNT:
            return  # QTableView asks for column -1 when sorting is switched on: keep the service's order
        self._sort_column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        self._sort_all()
        self._rows, self._keys = filter_rows(self._all, self._all_keys, self._filter)
        self.layoutChanged.emit()

    # -- Qt interface ----------------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self._header_tips.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        role = int(role)
        if role == _DISPLAY:
            return self._display[index.column()](row)
        if role == _BACKGROUND:
            status = row.expiry_status
            return EXPIRED_BACKGROUND if status == "expired" else NEAR_BACKGROUND if status == "near" else None
        if role == _FOREGROUND:
            return QUARANTINED_FOREGROUND if row.quarantined else None
        if role == _FONT:
            return self._italic if row.quarantined else None
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in self.RIGHT_ALIGNED else None
        if role == _TOOLTIP:
            return quant_tooltip(row) or None
        if role == _ROW:
            return row
        if role == _SORT:
            return self._columns[index.column()].value(row)
        return None


# -- per product and warehouse -----------------------------------------------------------------------

@dataclass(frozen=True)
class ProductStockRow:
    """One product in one warehouse: the totals of its quants (as filtered)."""

    warehouse_code: str
    product_id: int
    sku: str
    name_en: str
    name_zh: str
    unit: str
    lots: int
    bins: int
    on_hand: int
    reserved: int
    earliest_expiry: date
    days_left: int  # of the earliest lot
    expired_lots: int
    near_lots: int
    quarantined_lots: int

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved

    @property
    def expiry_status(self) -> str:
        return "expired" if self.expired_lots else "near" if self.near_lots else "ok"


def summarise(rows: Sequence[QuantRow]) -> list[ProductStockRow]:
    """Totals per (warehouse, product), in warehouse and SKU order."""
    groups: dict[tuple[str, int], list[QuantRow]] = {}
    for row in rows:
        key = (row.warehouse_code, row.product_id)
        group = groups.get(key)
        if group is None:
            groups[key] = [row]
        else:
            group.append(row)
    summary = []
    for (warehouse, _product), quants in groups.items():
        first = quants[0]
        lots = {q.lot_id: q for q in quants}.values()  # a lot's status is the same in every bin
        earliest = min(quants, key=lambda q: q.expiry_date)
        on_hand = reserved = 0
        for q in quants:
            on_hand += q.on_hand
            reserved += q.reserved
        summary.append(ProductStockRow(
            warehouse, first.product_id, first.sku, first.name_en, first.name_zh, first.unit, len(lots),
            len({q.bin_id for q in quants}), on_hand, reserved, earliest.expiry_date, earliest.days_left,
            sum(1 for q in lots if q.expiry_status == "expired"), sum(1 for q in lots if q.expiry_status == "near"),
            sum(1 for q in lots if q.quarantined)))
    summary.sort(key=lambda s: (s.warehouse_code, s.sku))
    return summary


def summary_status_text(row: ProductStockRow) -> str:
    """How many of the product's lots are expired, near expiry or quarantined: "1 expired, 2 near expiry"."""
    translate = QCoreApplication.translate
    parts = []
    if row.expired_lots:
        parts.append(translate("ProductStockTableModel", "{n} expired").format(n=row.expired_lots))
    if row.near_lots:
        parts.append(translate("ProductStockTableModel", "{n} near expiry").format(n=row.near_lots))
    if row.quarantined_lots:
        parts.append(translate("ProductStockTableModel", "{n} quarantined").format(n=row.quarantined_lots))
    return ", ".join(parts)


def _summary_background(row: ProductStockRow):
    return EXPIRED_BACKGROUND if row.expired_lots else NEAR_BACKGROUND if row.near_lots else None


class ProductStockTableModel(RowTableModel[ProductStockRow]):
    """Totals per product and warehouse; keeps the person's sort across ``set_rows``."""

    COL_WAREHOUSE = 0
    COL_SKU = 1
    COL_NAME = 2
    COL_LOTS = 3
    COL_BINS = 4
    COL_EARLIEST = 5
    COL_ON_HAND = 6
    COL_RESERVED = 7
    COL_AVAILABLE = 8
    COL_STATUS = 9
    QUANTITY_COLUMNS = frozenset({COL_ON_HAND, COL_RESERVED, COL_AVAILABLE})

    def __init__(self, parent=None) -> None:
        chinese = chinese_names()
        columns = [
            Column(self.tr("WH", "warehouse, abbreviated"), lambda r: r.warehouse_code),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), lambda r: product_name(r, chinese)),
            Column(self.tr("Lots"), lambda r: r.lots, align_right=True),
            Column(self.tr("Bins"), lambda r: r.bins, align_right=True),
            Column(self.tr("Earliest expiry"), lambda r: r.earliest_expiry, display=lambda d: d.isoformat(),
                   background=_summary_background),
            Column(self.tr("On hand"), lambda r: r.on_hand, align_right=True),
            Column(self.tr("Reserved"), lambda r: r.reserved, align_right=True),
            Column(self.tr("Available"), lambda r: r.available, align_right=True),
            Column(self.tr("Lot status"), summary_status_text, background=_summary_background),
        ]
        super().__init__(columns, parent)
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._header_tips = {
            self.COL_WAREHOUSE: self.tr("Warehouse"),
            self.COL_LOTS: self.tr("Lots of this product in the warehouse"),
            self.COL_BINS: self.tr("Bins holding it"),
            self.COL_STATUS: self.tr("How many of its lots are expired, near expiry or quarantined"),
        }

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self._header_tips.get(section)
        return super().headerData(section, orientation, role)

    def set_rows(self, rows: Sequence[ProductStockRow]) -> None:
        super().set_rows(rows)
        if self._sort is not None:
            super().sort(*self._sort)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._sort = (column, order)
        super().sort(column, order)

    def find_group(self, warehouse_code: str, product_id: int) -> int:
        return self.find_row(lambda r: r.warehouse_code == warehouse_code and r.product_id == product_id)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole and index.column() in self.QUANTITY_COLUMNS:
            row = self.row_at(index.row())
            value = {self.COL_ON_HAND: row.on_hand, self.COL_RESERVED: row.reserved,
                     self.COL_AVAILABLE: row.available}[index.column()]
            return format_quantity(value, row.unit)
        return super().data(index, role)


# -- alerts ---------------------------------------------------------------------------------------------

ALERT_KINDS = ("below_reorder_point", "near_expiry", "expired")


def alert_kind_label(kind: str) -> str:
    return {
        "below_reorder_point": QCoreApplication.translate("AlertTableModel", "Below reorder point"),
        "near_expiry": QCoreApplication.translate("AlertTableModel", "Near expiry"),
        "expired": QCoreApplication.translate("AlertTableModel", "Expired"),
    }.get(kind, kind)


def _alert_background(alert: StockAlert):
    return {"expired": EXPIRED_BACKGROUND, "near_expiry": NEAR_BACKGROUND,
            "below_reorder_point": REORDER_BACKGROUND}.get(alert.kind)


class AlertTableModel(RowTableModel[StockAlert]):
    COL_KIND = 0
    COL_WAREHOUSE = 1
    COL_SKU = 2
    COL_NAME = 3
    COL_MESSAGE = 4

    def __init__(self, parent=None) -> None:
        self._names_zh: dict[str, str] = {}
        chinese = chinese_names()
        columns = [
            Column(self.tr("Alert"), lambda a: a.kind, display=alert_kind_label, background=_alert_background),
            Column(self.tr("Warehouse"), lambda a: a.warehouse_code),
            Column(self.tr("SKU"), lambda a: a.sku),
            Column(self.tr("Product"), lambda a: (self._names_zh.get(a.sku) or a.name_en) if chinese else a.name_en),
            Column(self.tr("Details"), lambda a: a.message, tooltip=lambda a: a.message),
        ]
        super().__init__(columns, parent)

    def set_chinese_names(self, names: dict[str, str]) -> None:
        """SKU → Chinese name, for showing alerts in Chinese (alerts carry the English name only)."""
        self._names_zh = names
