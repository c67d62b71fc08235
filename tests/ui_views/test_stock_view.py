"""The stock view: quants per warehouse, bin and lot with expiry colouring, filters and
sorting on the model's own list, per-product totals, alerts, CSV export, refresh.

Data: the demo (``generate_demo(seed=1, customers=10)``, with its stock) plus a
few lots received here through ``receiving.receive`` with distinctive lot
numbers, so the assertions do not depend on the demo's random choices.
"""

from __future__ import annotations

import csv
import dataclasses
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog, QPushButton, QTableView

from app import i18n
from app.services.context import Actor
from app.services.stock import operations, queries, reservations
from app.services.stock.receiving import ReceiptInput, receive
from ui.csv_export import ExportCancelled, ExportProgress, write_csv
from ui.models.row_table_model import ROW_ROLE
from ui.models.stock import (
    EXPIRED_BACKGROUND, NEAR_BACKGROUND, QUARANTINED_FOREGROUND, STATUS_AVAILABLE, STATUS_EXPIRED, STATUS_NEAR,
    STATUS_QUARANTINED, AlertTableModel, ProductStockTableModel, QuantTableModel, StockFilter, prepare_snapshot,
    summarise,
)
from ui.models.stock import QuantTableModel as Q
from ui.views.stock_view import MODE_DETAIL, MODE_SUMMARY, StockView

from .stock_support import PICKER, SUPERVISOR, bins, product, show, wait_idle, warehouse

TODAY = date.today()
BG = Qt.ItemDataRole.BackgroundRole
FG = Qt.ItemDataRole.ForegroundRole


@dataclasses.dataclass
class Lots:
    """The lots this module receives on top of the demo stock."""

    fresh: int  # quant ids
    near: int
    expired: int
    weighed: int
    gz: int


@pytest.fixture
def stock_lots(demo_db) -> Lots:
    system = Actor.system("test")
    sh_chl = bins(demo_db, "SH", "CHL")
    sh_amb = bins(demo_db, "SH", "AMB")
    gz_amb = bins(demo_db, "GZ", "AMB")
    eggs, salmon = product(demo_db, "EGG-0001"), product(demo_db, "SEA-0001")
    assert salmon.unit == "weighed" and eggs.unit == "piece"

    def book(product_row, lot, expiry, quantity, bin_row, today=TODAY):
        return receive(demo_db, system, ReceiptInput(product_row.id, lot, expiry, quantity, bin_row.id,
                                                     supplier="Test Farm"), today=today).quant_id

    return Lots(
        fresh=book(eggs, "TST-FRESH-1", TODAY + timedelta(days=20), 120, sh_amb[0]),
        near=book(eggs, "TST-NEAR-1", TODAY + timedelta(days=1), 36, sh_amb[1]),
        expired=book(eggs, "TST-OLD-1", TODAY - timedelta(days=2), 12, sh_amb[1], today=TODAY - timedelta(days=9)),
        weighed=book(salmon, "TST-SALMON-1", TODAY + timedelta(days=2), 12_345, sh_chl[0]),
        gz=book(eggs, "TST-GZ-1", TODAY + timedelta(days=25), 48, gz_amb[0]),
    )


def open_stock(qtbot, context) -> StockView:
    view = show(qtbot, StockView(context))
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: bool(view.alert_model.rowCount()), timeout=10_000)
    wait_idle(qtbot, context)
    return view


def row_of(view: StockView, quant_id: int) -> int:
    row = view.model.find_quant(quant_id)
    assert row >= 0, quant_id
    return row


def cell(view: StockView, quant_id: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return view.model.index(row_of(view, quant_id), column).data(role)


def shown(view: StockView) -> list:
    return view.model.rows()


# -- rows and colours ------------------------------------------------------------------------------

def test_quants_appear_with_quantities_in_their_unit(qtbot, stock_context, stock_lots, demo_db):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    assert view.objectName() == "stockView"
    assert view.findChild(QTableView, "stockTable") is view.table
    expected = queries.list_quants(demo_db, Actor.system())
    assert view.model.rowCount() == len(expected) == view.model.total_count()
    assert [r.quant_id for r in shown(view)] == [r.quant_id for r in expected]  # the service's order
    assert view.count_label.text().startswith(QLocale().toString(len(expected)) + " ")

    weighed = stock_lots.weighed
    assert cell(view, weighed, Q.COL_WAREHOUSE) == "SH"
    assert cell(view, weighed, Q.COL_SKU) == "SEA-0001"
    assert cell(view, weighed, Q.COL_LOT) == "TST-SALMON-1"
    assert cell(view, weighed, Q.COL_ZONE) == "CHL"
    assert cell(view, weighed, Q.COL_EXPIRY) == (TODAY + timedelta(days=2)).isoformat()
    assert cell(view, weighed, Q.COL_DAYS_LEFT) == "2 d"
    assert cell(view, weighed, Q.COL_ON_HAND) == "12.345 kg"
    assert cell(view, weighed, Q.COL_AVAILABLE) == "12.345 kg"
    assert cell(view, stock_lots.fresh, Q.COL_ON_HAND) == "120"
    assert cell(view, stock_lots.fresh, Q.COL_NAME) == product(demo_db, "EGG-0001").name_en
    assert int(cell(view, stock_lots.fresh, Q.COL_ON_HAND, Qt.ItemDataRole.TextAlignmentRole)) & int(
        Qt.AlignmentFlag.AlignRight.value)
    assert cell(view, stock_lots.fresh, Q.COL_STATUS) == ""


def test_reserved_and_available(qtbot, stock_context, stock_lots, demo_db):
    eggs = product(demo_db, "EGG-0001")
    result = reservations.reserve_line(demo_db, Actor.system("test"), warehouse_id=warehouse(demo_db, "GZ").id,
                                       product_id=eggs.id, quantity=10, delivery_date=TODAY + timedelta(days=1),
                                       reference="OL:test-1")
    assert not result.short
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    reserved = [r for r in view.model.all_rows() if r.warehouse_code == "GZ" and r.sku == "EGG-0001" and r.reserved]
    assert sum(r.reserved for r in reserved) == 10
    quant = reserved[0]
    assert cell(view, quant.quant_id, Q.COL_RESERVED) == str(quant.reserved)
    assert cell(view, quant.quant_id, Q.COL_AVAILABLE) == f"{quant.on_hand - quant.reserved:,}"


def test_expired_and_near_expiry_rows_are_coloured(qtbot, stock_context, stock_lots):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    for column in (Q.COL_SKU, Q.COL_ON_HAND, Q.COL_STATUS):  # the whole row
        assert cell(view, stock_lots.expired, column, BG) == EXPIRED_BACKGROUND
        assert cell(view, stock_lots.near, column, BG) == NEAR_BACKGROUND
        assert cell(view, stock_lots.fresh, column, BG) is None
    assert cell(view, stock_lots.expired, Q.COL_STATUS) == "Expired"
    assert cell(view, stock_lots.near, Q.COL_STATUS) == "Near expiry"
    assert cell(view, stock_lots.expired, Q.COL_DAYS_LEFT) == "-2 d"
    assert "Expired on" in cell(view, stock_lots.expired, Q.COL_SKU, Qt.ItemDataRole.ToolTipRole)
    assert "1 d left" in cell(view, stock_lots.near, Q.COL_SKU, Qt.ItemDataRole.ToolTipRole)
    assert cell(view, stock_lots.fresh, Q.COL_SKU, Qt.ItemDataRole.ToolTipRole) is None


def test_quarantined_lot_is_grey_italic_with_a_tooltip(qtbot, stock_context, stock_lots, demo_db):
    lot_id = next(r.lot_id for r in queries.list_quants(demo_db, Actor.system()) if r.quant_id == stock_lots.fresh)
    operations.set_quarantine(demo_db, Actor.system("test"), lot_id, True, "Temperature excursion")
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    assert cell(view, stock_lots.fresh, Q.COL_SKU, FG) == QUARANTINED_FOREGROUND
    font = cell(view, stock_lots.fresh, Q.COL_NAME, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert font.pointSizeF() == view.table.font().pointSizeF()  # the table's size, only italic
    tip = cell(view, stock_lots.fresh, Q.COL_LOT, Qt.ItemDataRole.ToolTipRole)
    assert "Quarantined: Temperature excursion" in tip and "cannot be reserved" in tip
    assert cell(view, stock_lots.fresh, Q.COL_STATUS) == "Quarantined"
    assert cell(view, stock_lots.near, Q.COL_SKU, FG) is None
    assert cell(view, stock_lots.near, Q.COL_SKU, Qt.ItemDataRole.FontRole) is None

    view.status_filter.setCurrentIndex(view.status_filter.findData(STATUS_QUARANTINED))
    assert [r.quant_id for r in shown(view)] == [stock_lots.fresh]


def test_product_names_follow_the_ui_language(qtbot, stock_context, stock_lots, demo_db):
    rows = queries.list_quants(demo_db, Actor.system())
    try:
        i18n.set_language("zh_CN")
        model = QuantTableModel()
        model.set_rows(rows)
        row = model.find_quant(stock_lots.fresh)
        assert model.index(row, Q.COL_NAME).data() == product(demo_db, "EGG-0001").name_zh
    finally:
        i18n.set_language("en")


# -- filters and sorting ---------------------------------------------------------------------------------

def test_search_matches_sku_either_name_lot_and_bin(qtbot, stock_context, stock_lots, demo_db):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    eggs = product(demo_db, "EGG-0001")
    qtbot.keyClicks(view.search_edit, "tst-salmon")  # lot, case-insensitive, typed key by key
    qtbot.waitUntil(lambda: [r.quant_id for r in shown(view)] == [stock_lots.weighed])
    view.search_edit.setText("egg-0001")
    qtbot.waitUntil(lambda: {r.sku for r in shown(view)} == {"EGG-0001"})
    assert {stock_lots.fresh, stock_lots.near, stock_lots.expired, stock_lots.gz} <= {r.quant_id for r in shown(view)}
    view.search_edit.setText(eggs.name_zh)
    qtbot.waitUntil(lambda: {r.sku for r in shown(view)} == {"EGG-0001"})
    view.search_edit.setText(eggs.name_en.upper())
    qtbot.waitUntil(lambda: "EGG-0001" in {r.sku for r in shown(view)})
    bin_code = next(r.bin_code for r in view.model.all_rows() if r.quant_id == stock_lots.gz)
    view.search_edit.setText(bin_code.lower())
    qtbot.waitUntil(lambda: shown(view) and all(r.bin_code == bin_code for r in shown(view)))
    assert "of" in view.count_label.text()
    view.search_edit.setText("no such thing")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    view.search_edit.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == view.model.total_count())


def test_warehouse_and_status_filters(qtbot, stock_context, stock_lots):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    codes = [view.warehouse_filter.itemData(i) for i in range(view.warehouse_filter.count())]
    assert codes == [None, "BJ", "GZ", "SH"]
    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData("GZ"))
    assert shown(view) and {r.warehouse_code for r in shown(view)} == {"GZ"}
    assert stock_lots.gz in {r.quant_id for r in shown(view)}

    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData("SH"))
    view.status_filter.setCurrentIndex(view.status_filter.findData(STATUS_EXPIRED))
    assert shown(view) and all(r.expiry_status == "expired" and r.warehouse_code == "SH" for r in shown(view))
    assert stock_lots.expired in {r.quant_id for r in shown(view)}
    view.status_filter.setCurrentIndex(view.status_filter.findData(STATUS_NEAR))
    assert shown(view) and all(r.expiry_status == "near" for r in shown(view))
    assert {stock_lots.near, stock_lots.weighed} <= {r.quant_id for r in shown(view)}
    view.search_edit.setText("TST-")  # combined with the search
    qtbot.waitUntil(lambda: {r.quant_id for r in shown(view)} == {stock_lots.near, stock_lots.weighed})
    view.status_filter.setCurrentIndex(view.status_filter.findData(STATUS_AVAILABLE))
    qtbot.waitUntil(lambda: {r.quant_id for r in shown(view)} == {
        stock_lots.fresh, stock_lots.near, stock_lots.expired, stock_lots.weighed})
    view.warehouse_filter.setCurrentIndex(0)
    assert stock_lots.gz in {r.quant_id for r in shown(view)}


def test_filter_logic_on_the_model_list():
    rows = [_quant(1, "SH", "VEG-0001", "Broccoli", "西兰花", "L1", "SH-A", expiry_status="near"),
            _quant(2, "SH", "VEG-0002", "Carrots", "胡萝卜", "L2", "SH-B", reserved=5, on_hand=5),
            _quant(3, "BJ", "VEG-0001", "Broccoli", "西兰花", "X9", "BJ-A", quarantined=True),
            _quant(4, "BJ", "FRU-0001", "Apples", "苹果", "L4", "BJ-B", expiry_status="expired")]
    model = QuantTableModel()
    model.set_rows(rows)

    def ids(**kwargs):
        model.set_filter(StockFilter(**kwargs))
        return [r.quant_id for r in model.rows()]

    assert ids() == [1, 2, 3, 4]
    assert ids(text="  broc ") == [1, 3]
    assert ids(text="broccoli") == [1, 3]  # narrowing reuses the previous result
    assert ids(text="萝卜") == [2]
    assert ids(text="x9") == [3]
    assert ids(text="bj-") == [3, 4]
    assert ids(text="broccoli\nx") == []  # fields are kept apart
    assert ids(warehouse="BJ") == [3, 4]
    assert ids(warehouse="BJ", text="apple") == [4]
    assert ids(status=STATUS_QUARANTINED) == [3]
    assert ids(status=STATUS_AVAILABLE) == [1, 3, 4]
    assert ids(status=STATUS_EXPIRED) == [4]
    assert ids(status=STATUS_NEAR, text="veg") == [1]


def test_sorting_by_header_sorts_the_list_and_survives_filtering(qtbot, stock_context, stock_lots):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(Q.COL_ON_HAND) + header.sectionSize(Q.COL_ON_HAND) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert view.model.sort_spec()[0] == Q.COL_ON_HAND
    on_hand = [r.on_hand for r in shown(view)]
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert on_hand == sorted(on_hand, reverse=descending)

    view.table.sortByColumn(Q.COL_EXPIRY, Qt.SortOrder.DescendingOrder)
    expiries = [r.expiry_date for r in shown(view)]
    assert expiries == sorted(expiries, reverse=True)
    view.search_edit.setText("TST-")
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    assert [r.quant_id for r in shown(view)] == [stock_lots.gz, stock_lots.fresh, stock_lots.weighed,
                                                 stock_lots.near, stock_lots.expired]
    view.table.sortByColumn(Q.COL_NAME, Qt.SortOrder.AscendingOrder)
    names = [r.name_en.casefold() for r in shown(view)]
    assert names == sorted(names) and view.model.rowCount() == 5

    # a reload keeps the sort order (the worker sorts the new rows)
    view.refresh()
    wait_idle(qtbot, view.context)
    names = [r.name_en.casefold() for r in shown(view)]
    assert names == sorted(names) and view.model.rowCount() == 5


# -- per product -------------------------------------------------------------------------------------------

def test_per_product_mode_totals_and_opening_a_product(qtbot, stock_context, stock_lots):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    view.search_edit.setText("EGG-0001")
    qtbot.waitUntil(lambda: {r.sku for r in shown(view)} == {"EGG-0001"})
    detail = shown(view)
    qtbot.mouseClick(view.findChild(QPushButton, "stockSummaryMode"), Qt.MouseButton.LeftButton)
    assert view.mode() == MODE_SUMMARY and view.tables.currentWidget() is view.summary_table
    groups = view.summary_model.rows()
    assert [g.warehouse_code for g in groups] == sorted({r.warehouse_code for r in detail})
    sh = next(g for g in groups if g.warehouse_code == "SH")
    sh_rows = [r for r in detail if r.warehouse_code == "SH"]
    assert sh.on_hand == sum(r.on_hand for r in sh_rows)
    assert sh.lots == len({r.lot_id for r in sh_rows}) and sh.expired_lots >= 1 and sh.near_lots >= 1
    row = view.summary_model.find_group("SH", sh.product_id)
    assert view.summary_model.index(row, ProductStockTableModel.COL_STATUS).data().startswith("1 expired")
    assert view.summary_model.index(row, ProductStockTableModel.COL_STATUS).data(BG) == EXPIRED_BACKGROUND
    assert "product" in view.count_label.text()

    view.search_edit.setText("TST-GZ")  # the filter applies to the totals too
    qtbot.waitUntil(lambda: [(g.warehouse_code, g.on_hand) for g in view.summary_model.rows()] == [("GZ", 48)])

    view.search_edit.clear()
    qtbot.waitUntil(lambda: view.summary_model.rowCount() > 1)
    row = view.summary_model.find_group("GZ", sh.product_id)
    view.summary_table.doubleClicked.emit(view.summary_model.index(row, ProductStockTableModel.COL_SKU))
    assert view.mode() == MODE_DETAIL and view.tables.currentWidget() is view.table
    assert view.search_edit.text() == "EGG-0001" and view.warehouse_filter.currentData() == "GZ"
    assert shown(view) and all(r.sku == "EGG-0001" and r.warehouse_code == "GZ" for r in shown(view))


def test_summarise_adds_up_per_warehouse_and_product():
    rows = [_quant(1, "SH", "VEG-0001", lot_id=1, bin_id=1, on_hand=10, reserved=2, expiry_status="near"),
            _quant(2, "SH", "VEG-0001", lot_id=1, bin_id=2, on_hand=5, expiry_status="near"),
            _quant(3, "SH", "VEG-0001", lot_id=2, bin_id=2, on_hand=7, expiry=TODAY + timedelta(days=9)),
            _quant(4, "BJ", "VEG-0001", lot_id=3, bin_id=3, on_hand=1, quarantined=True)]
    bj, sh = summarise(rows)
    assert (sh.warehouse_code, sh.on_hand, sh.reserved, sh.available, sh.lots, sh.bins, sh.near_lots) == \
        ("SH", 22, 2, 20, 2, 2, 1)
    assert sh.earliest_expiry == TODAY + timedelta(days=1) and sh.expiry_status == "near"
    assert (bj.warehouse_code, bj.on_hand, bj.quarantined_lots, bj.expiry_status) == ("BJ", 1, 1, "ok")


# -- alerts --------------------------------------------------------------------------------------------------

def test_alerts_with_counts_and_clicking_one_filters_the_table(qtbot, stock_context, stock_lots, demo_db):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    assert view.findChild(QTableView, "stockAlertTable") is view.alert_table
    assert view.alerts_panel.objectName() == "stockAlerts"
    expected = queries.alerts(demo_db, Actor.system())
    counts = {kind: sum(1 for a in expected if a.kind == kind) for kind in view.alert_buttons}
    assert view.alert_counts == counts and all(counts.values())
    assert view.alert_buttons["expired"].text() == f"Expired: {counts['expired']}"
    assert view.alert_buttons["near_expiry"].text() == f"Near expiry: {QLocale().toString(counts['near_expiry'])}"
    assert str(len(expected)) in view.alerts_title.text()
    assert view.alert_model.rowCount() == len(expected)
    kinds = [a.kind for a in view.alert_model.rows()]
    assert kinds == sorted(kinds, key=["expired", "near_expiry", "below_reorder_point"].index)  # urgent first

    view.alert_buttons["near_expiry"].setChecked(False)
    view.alert_buttons["below_reorder_point"].setChecked(False)
    assert {a.kind for a in view.alert_model.rows()} == {"expired"}
    ours = view.alert_model.find_row(lambda a: "TST-OLD-1" in a.message)
    assert ours >= 0
    index = view.alert_model.index(ours, AlertTableModel.COL_SKU)
    view.alert_table.scrollTo(index)
    qtbot.mouseClick(view.alert_table.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.alert_table.visualRect(index).center())
    assert view.search_edit.text() == "EGG-0001" and view.warehouse_filter.currentData() == "SH"
    assert shown(view) and all(r.sku == "EGG-0001" and r.warehouse_code == "SH" for r in shown(view))
    assert stock_lots.expired in {r.quant_id for r in shown(view)}


# -- CSV export ------------------------------------------------------------------------------------------------

def test_csv_export_writes_the_filtered_rows_with_bom(qtbot, stock_context, stock_lots, tmp_path, monkeypatch):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    view.search_edit.setText("EGG-0001")
    qtbot.waitUntil(lambda: {r.sku for r in shown(view)} == {"EGG-0001"})
    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData("SH"))
    expected = shown(view)
    target = tmp_path / "stock export"  # no extension: .csv is added
    asked = []

    def fake_dialog(parent, caption, directory, filters):
        asked.append(directory)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    with qtbot.waitSignal(view.export_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(view.findChild(QPushButton, "exportCsv"), Qt.MouseButton.LeftButton)
    path, count = blocker.args
    assert path == str(target) + ".csv" and count == len(expected)
    assert asked[0].endswith(".csv")
    raw = (tmp_path / "stock export.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header, body = lines[0], lines[1:]
    assert header[:4] == ["Warehouse", "Bin", "Zone", "SKU"] and "Unit" in header and "Name (Chinese)" in header
    assert len(body) == len(expected)
    by_lot = {line[header.index("Lot")]: dict(zip(header, line)) for line in body}
    near = by_lot["TST-NEAR-1"]
    assert near["On hand"] == "36" and near["Unit"] == "pcs" and near["Status"] == "Near expiry"
    assert near["Name (Chinese)"] == expected[0].name_zh and near["Expiry"] == (TODAY + timedelta(1)).isoformat()
    assert by_lot["TST-OLD-1"]["Status"] == "Expired" and by_lot["TST-OLD-1"]["Days left"] == "-2"
    assert not list(tmp_path.glob("*.part"))
    assert "Exported" in view.message_bar.text() and view.export_button.isEnabled()


def test_csv_export_of_weighed_goods_is_in_grams_and_per_product_mode(qtbot, stock_context, stock_lots, tmp_path,
                                                                     monkeypatch):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    view.search_edit.setText("SEA-0001")
    qtbot.waitUntil(lambda: {r.sku for r in shown(view)} == {"SEA-0001"})
    view.set_mode(MODE_SUMMARY)
    groups = view.summary_model.rows()
    target = tmp_path / "products.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), "")))
    with qtbot.waitSignal(view.export_finished, timeout=10_000):
        view.export_button.click()
    with open(target, encoding="utf-8-sig", newline="") as stream:
        lines = list(csv.DictReader(stream))
    assert [(line["Warehouse"], int(line["On hand"]), line["Unit"]) for line in lines] == [
        (g.warehouse_code, g.on_hand, "g") for g in groups]


def test_cancelling_an_export_leaves_no_file(tmp_path):
    progress = ExportProgress()
    progress.cancel.set()
    target = tmp_path / "out.csv"
    with pytest.raises(ExportCancelled):
        write_csv(target, ["a"], [(1,)] * 10, lambda r: r, progress)
    assert not target.exists() and not list(tmp_path.iterdir())
    assert write_csv(target, ["a", "名"], [(1, "西兰花")] * 5000, lambda r: r, ExportProgress()) == 5000
    assert target.read_bytes().startswith(b"\xef\xbb\xbfa,\xe5\x90\x8d\r\n")


def test_cancel_button_during_export(qtbot, stock_context, stock_lots, tmp_path, monkeypatch):
    view = open_stock(qtbot, stock_context(SUPERVISOR))
    target = tmp_path / "cancelled.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), "")))
    import ui.views.stock_view as stock_view_module

    def slow_write(path, header, rows, values, progress):
        progress.cancel.wait(5)  # runs in the worker: a long export, until Cancel is pressed
        return write_csv(path, header, rows, values, progress)

    monkeypatch.setattr(stock_view_module, "write_csv", slow_write)
    with qtbot.waitSignal(view.export_finished, timeout=10_000) as blocker:
        view.export_button.click()
        assert not view.export_button.isEnabled()
        view._export_dialog.canceled.emit()  # what its Cancel button (or Esc) does
    assert blocker.args[1] == -1
    assert "cancelled" in view.message_bar.text() and not target.exists()


# -- refresh -----------------------------------------------------------------------------------------------------

def test_refresh_on_change_notification_keeps_filter_and_selection(qtbot, stock_context, stock_lots, demo_db,
                                                                    monkeypatch):
    context = stock_context(SUPERVISOR)
    view = open_stock(qtbot, context)
    view.search_edit.setText("TST-")
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    view.table.selectRow(row_of(view, stock_lots.near))

    calls = []
    original = queries.list_quants
    monkeypatch.setattr(queries, "list_quants", lambda *a, **kw: calls.append(1) or original(*a, **kw))
    context.notifier.changed.emit(frozenset({"customers"}))  # not ours
    qtbot.wait(400)
    assert calls == []

    # another station receives a lot
    new_lot = ReceiptInput(product(demo_db, "EGG-0001").id, "TST-NEW-1", TODAY + timedelta(days=30), 24,
                           bins(demo_db, "BJ", "AMB")[0].id)
    receive(demo_db, Actor.system("other"), new_lot)
    with qtbot.waitSignal(view.quants_shown, timeout=5000):
        context.notifier.changed.emit(frozenset({"stock_quants", "stock_moves"}))
        context.notifier.changed.emit(frozenset({"lots"}))  # debounced into one reload
    assert len(calls) == 1
    assert view.model.rowCount() == 6 and "TST-NEW-1" in {r.lot_number for r in shown(view)}
    assert view.search_edit.text() == "TST-"
    assert view.table.selectionModel().selectedRows()[0].data(ROW_ROLE).quant_id == stock_lots.near

    with qtbot.waitSignal(view.quants_shown, timeout=5000):
        context.notifier.changed.emit(frozenset({"*"}))
    assert len(calls) == 2


# -- models, permissions -------------------------------------------------------------------------------------------

def test_models_pass_qtmodeltester(qtmodeltester, stock_lots, demo_db):
    rows = queries.list_quants(demo_db, Actor.system())
    model = QuantTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)  # Qt's QAbstractItemModelTester
    qtmodeltester.check(model, force_py=True)  # pytest-qt's, stricter about roles; keeps watching the signals
    assert model.index(0, 0).data(ROW_ROLE) == rows[0]
    model.sort(Q.COL_AVAILABLE, Qt.SortOrder.DescendingOrder)
    assert sorted(model.rows(), key=id) == sorted(rows, key=id)
    model.set_filter(StockFilter(text="tst-", status=STATUS_NEAR))
    assert {r.lot_number for r in model.rows()} == {"TST-NEAR-1", "TST-SALMON-1"}
    model.set_filter(StockFilter())
    model.set_rows([])
    assert model.rowCount() == 0

    summary = ProductStockTableModel()
    summary.set_rows(summarise(rows))
    qtmodeltester.check(summary, force_py=True)
    alerts = AlertTableModel()
    alerts.set_rows(queries.alerts(demo_db, Actor.system()))
    qtmodeltester.check(alerts, force_py=True)


def test_prepare_snapshot_keys_and_sorts_in_the_worker(stock_lots, demo_db):
    rows = queries.list_quants(demo_db, Actor.system())
    snapshot = prepare_snapshot(rows, Q.COL_ON_HAND, True, chinese=False)
    assert [r.on_hand for r in snapshot.rows] == sorted((r.on_hand for r in rows), reverse=True)
    assert all(r.sku.casefold() in k and r.lot_number.casefold() in k for r, k in zip(snapshot.rows, snapshot.keys))
    assert snapshot.warehouses == ("BJ", "GZ", "SH")
    assert snapshot.names_zh["EGG-0001"] == product(demo_db, "EGG-0001").name_zh


def test_a_picker_can_open_the_stock_view_read_only(qtbot, stock_context, stock_lots):
    view = open_stock(qtbot, stock_context(PICKER))
    assert view.context.actor.role == "picker"
    index = view.model.index(0, Q.COL_ON_HAND)
    assert not view.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert view.table.editTriggers() == QTableView.EditTrigger.NoEditTriggers
    buttons = {b.objectName() for b in view.findChildren(QPushButton) if b.isVisible()}
    assert buttons == {"exportCsv", "stockDetailMode", "stockSummaryMode"}  # nothing that changes stock


def test_registered_for_everyone_who_may_view_stock():
    from app.permissions import Role
    from ui.views.registry import VIEWS, views_for

    spec = next(s for s in VIEWS if s.view_id == "stock")
    assert spec.title == "Stock"
    assert all("stock" in [s.view_id for s in views_for(role)] for role in Role)


# -- helpers ---------------------------------------------------------------------------------------------------------

def _quant(quant_id, warehouse_code, sku, name_en="Name", name_zh="名字", lot="L", bin_code="B", *, lot_id=None,
           bin_id=None, on_hand=10, reserved=0, expiry=None, expiry_status="ok", quarantined=False):
    expiry = expiry or TODAY + timedelta(days={"near": 1, "expired": -1}.get(expiry_status, 5))
    return queries.QuantRow(
        quant_id, {"SH": 1, "BJ": 2}.get(warehouse_code, 3), warehouse_code, bin_id or quant_id, bin_code, "AMB",
        hash(sku) % 1000, sku, name_en, name_zh, "veg", "piece", lot_id or quant_id, lot, expiry, quarantined,
        on_hand, reserved, (expiry - TODAY).days, expiry_status)
