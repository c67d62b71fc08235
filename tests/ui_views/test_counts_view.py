"""Cycle counts: a blind sheet for the clerk, counting by scan and by typing,
submit, the supervisor's variances and approval; stock dialogs (write-off,
transfer, quarantine) from the goods-in panel and from a variance line."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton, QTableView
from shiboken6 import isValid

from app.services.context import Actor
from app.services.stock import counts, queries, receiving
from app.services.stock.counts import CounterLine
from app.services.stock.receiving import ReceiptInput
from ui.dialogs.count_dialogs import FoundStockDialog, NewCountSheetDialog
from ui.dialogs.stock_dialogs import QuarantineDialog, TransferDialog, WriteOffDialog
from ui.models.counts import CounterLineTableModel as L
from ui.models.counts import VarianceTableModel as V
from ui.scanning.feedback import ACCEPTED, REJECTED
from ui.views.counts_view import CountsView
from ui.views.goods_in_view import GoodsInView

from .stock_support import CLERK, SUPERVISOR, TEST_ZONE, bins, in_days, product, show, type_scan, wait_idle, warehouse

MILK, SALMON = "DAI-0001", "SEA-0001"


def receive(db, sku: str, lot: str, quantity: int, bin_code: str, days: int = 9):
    bin_row = next(b for b in bins(db, bin_code[:2]) if b.code == bin_code)
    return receiving.receive(db, Actor.system(), ReceiptInput(product(db, sku).id, lot, in_days(days), quantity,
                                                              bin_row.id, "Test supplier", "DN-1"))


def on_hand(db, sku: str, lot: str) -> dict[str, int]:
    return {q.bin_code: q.on_hand for q in queries.stock_for_product(db, Actor.system(), sku) if q.lot_number == lot}


def stock_in_test_zone(db) -> None:
    receive(db, MILK, "CM1", 12, "SH-TST-01-1")
    receive(db, MILK, "CM2", 6, "SH-TST-01-2")
    receive(db, SALMON, "CS1", 2345, "SH-TST-02-1", days=4)


def open_counts(qtbot, context) -> CountsView:
    view = show(qtbot, CountsView(context))
    wait_idle(qtbot, context)
    return view


def create_sheet(qtbot, view: CountsView, warehouse_code: str = "SH", zone: str = TEST_ZONE) -> None:
    dialog = view.new_sheet()
    assert isinstance(dialog, NewCountSheetDialog) and dialog.isVisible()
    dialog.warehouse_combo.setCurrentIndex(dialog.warehouse_combo.findText(warehouse_code, Qt.MatchFlag.MatchStartsWith))
    qtbot.waitUntil(lambda: dialog.zone_combo.findData(zone) >= 0)
    dialog.zone_combo.setCurrentIndex(dialog.zone_combo.findData(zone))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view.context)
    qtbot.waitUntil(lambda: view.current_sheet() is not None and view.current_sheet().zone == zone)
    qtbot.waitUntil(lambda: view.line_model.rowCount() > 0)
    # the creation also announced the change, which reloads the view after a 200 ms debounce: let it settle now
    view.refresh()
    wait_idle(qtbot, view.context)


def click_confirm(qtbot, box: QMessageBox) -> None:
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)


def closed(dialog) -> bool:
    return not isValid(dialog) or not dialog.isVisible()


def all_cell_texts(model) -> list[str]:
    return [str(model.index(r, c).data() or "") for r in range(model.rowCount()) for c in range(model.columnCount())]


def test_a_sheet_read_from_before_a_save_never_shows_the_older_count(qtbot, stock_context, demo_db, monkeypatch):
    stock_in_test_zone(demo_db)
    view = open_counts(qtbot, stock_context(CLERK))
    create_sheet(qtbot, view)
    sheet_id, line = view.current_sheet().id, view.line_model.rows()[0]
    read_done, answer = threading.Event(), threading.Event()
    original = counts.sheet_for_counter

    def read_then_wait(db, actor, wanted_id):
        result = original(db, actor, wanted_id)  # read before the count below is saved ...
        read_done.set()
        answer.wait(10)  # ... and delivered after it
        return result

    monkeypatch.setattr(counts, "sheet_for_counter", read_then_wait)
    view.load_sheet(sheet_id)
    qtbot.waitUntil(read_done.is_set)
    monkeypatch.setattr(counts, "sheet_for_counter", original)
    view.record(line, 7)
    qtbot.waitUntil(lambda: not view.is_saving())
    assert {r.line_id: r.counted for r in view.line_model.rows()}[line.line_id] == 7
    answer.set()
    wait_idle(qtbot, view.context)
    assert {r.line_id: r.counted for r in view.line_model.rows()}[line.line_id] == 7


def test_count_sheet_is_blind_for_the_clerk(qtbot, stock_context, demo_db):
    stock_in_test_zone(demo_db)
    view = open_counts(qtbot, stock_context(CLERK))
    assert view.objectName() == "countsView"
    assert view.findChild(QTableView, "countLineTable") is view.line_table
    create_sheet(qtbot, view)
    sheet = view.current_sheet()
    assert (sheet.warehouse_code, sheet.zone, sheet.status) == ("SH", TEST_ZONE, "open")
    model = view.line_model
    assert [(r.bin_code, r.sku, r.lot_number) for r in model.rows()] == [
        ("SH-TST-01-1", MILK, "CM1"), ("SH-TST-01-2", MILK, "CM2"), ("SH-TST-02-1", SALMON, "CS1")]
    # blind: the rows are what the service gives a counter (no expected quantity), no column or cell shows one
    assert all(type(r) is CounterLine and not hasattr(r, "expected") and not hasattr(r, "system_qty")
               for r in model.rows())
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Bin", "SKU", "Product", "Lot", "Expiry", "Counted", "Counted by"]
    texts = all_cell_texts(model)
    assert not {"12", "6", "2.345 kg", "2345", "2,345"} & set(texts)
    # the variances are not there for a clerk at all
    assert view.tabs.count() == 1 and not view.variance_table.isVisible()
    assert view.variance_model.rowCount() == 0
    assert not view.findChild(QPushButton, "approveButton").isVisible()


def test_count_by_scanning_and_typing_then_submit_and_approve(qtbot, stock_context, demo_db):
    stock_in_test_zone(demo_db)
    clerk_view = open_counts(qtbot, stock_context(CLERK))
    create_sheet(qtbot, clerk_view)
    sheet_id = clerk_view.current_sheet().id
    field = clerk_view.scan_field

    # scanning a bin jumps to its line; a number typed into the scan field is the count; the next line follows
    type_scan(qtbot, field, "B:SH-TST-01-2")
    assert clerk_view.current_line().bin_code == "SH-TST-01-2"
    assert clerk_view.banner.feedback_state == ACCEPTED
    type_scan(qtbot, field, "5")
    wait_idle(qtbot, clerk_view.context)
    assert clerk_view.current_line().bin_code == "SH-TST-02-1"  # moved on
    counted = {r.lot_number: r.counted for r in clerk_view.line_model.rows()}
    assert counted == {"CM1": None, "CM2": 5, "CS1": None}
    assert clerk_view.line_model.index(1, L.COL_COUNTED).data() == "5"

    # the weighed lot is counted in kg
    type_scan(qtbot, field, "2.3")
    wait_idle(qtbot, clerk_view.context)
    assert {r.lot_number: r.counted for r in clerk_view.line_model.rows()}["CS1"] == 2300
    assert clerk_view.line_model.index(2, L.COL_COUNTED).data() == "2.300 kg"

    # a bin that is not on the sheet is refused
    type_scan(qtbot, field, "B:SH-CHL-A01-01-1")
    assert clerk_view.banner.feedback_state == REJECTED and "Add found stock" in clerk_view.banner.text()

    # the first line typed into its Counted cell (double-click edits it); Enter saves it
    table = clerk_view.line_table
    cell = table.visualRect(clerk_view.line_model.index(0, L.COL_COUNTED)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    editor = table.findChild(QLineEdit)  # the cell's editor
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "12")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_idle(qtbot, clerk_view.context)
    qtbot.waitUntil(lambda: clerk_view.line_model.row_at(0).counted == 12)
    qtbot.waitUntil(lambda: clerk_view.current_line().lot_number == "CM2")  # Enter moved to the next line

    # submit, confirmed
    box = clerk_view.submit()
    click_confirm(qtbot, box)
    wait_idle(qtbot, clerk_view.context)
    qtbot.waitUntil(lambda: clerk_view.current_sheet().status == "submitted")
    assert not clerk_view.scan_field.isEnabled() and not clerk_view.submit_button.isEnabled()

    # the supervisor sees expected, counted, variance and value, and approves
    super_view = open_counts(qtbot, stock_context(SUPERVISOR))
    assert super_view.tabs.count() == 2
    qtbot.waitUntil(lambda: super_view.sheet_model.find_row(lambda r: r.id == sheet_id) >= 0)
    super_view.sheet_table.selectRow(super_view.sheet_model.find_row(lambda r: r.id == sheet_id))
    assert super_view.only_differences.isChecked()  # the supervisor looks at what differs first
    qtbot.waitUntil(lambda: super_view.variance_model.rowCount() == 2)
    super_view.only_differences.setChecked(False)
    assert super_view.variance_model.rowCount() == 3
    super_view.tabs.setCurrentIndex(1)
    rows = {r.lot_number: r for r in super_view.variance_model.rows()}
    assert (rows["CM1"].expected, rows["CM1"].counted, rows["CM1"].variance) == (12, 12, 0)
    assert (rows["CM2"].expected, rows["CM2"].counted, rows["CM2"].variance) == (6, 5, -1)
    assert rows["CS1"].variance == -45
    cm2 = super_view.variance_model.find_row(lambda r: r.lot_number == "CM2")
    cs1 = super_view.variance_model.find_row(lambda r: r.lot_number == "CS1")
    assert super_view.variance_model.index(cm2, V.COL_VARIANCE).data() == "-1"
    assert super_view.variance_model.index(cm2, V.COL_VALUE).data() == "-¥15.90"  # 1 × ¥15.90
    assert super_view.variance_model.index(cs1, V.COL_VARIANCE).data() == "-0.045 kg"
    assert "2 line(s) differ" in super_view.variance_summary.text()
    assert super_view.approve_button.isEnabled()
    click_confirm(qtbot, super_view.approve())
    wait_idle(qtbot, super_view.context)
    qtbot.waitUntil(lambda: super_view.current_sheet().status == "approved")
    assert "approved" in super_view.message_bar.text()
    assert on_hand(demo_db, MILK, "CM2") == {"SH-TST-01-2": 5}
    assert on_hand(demo_db, MILK, "CM1") == {"SH-TST-01-1": 12}
    assert on_hand(demo_db, SALMON, "CS1") == {"SH-TST-02-1": 2300}
    assert queries.verify(demo_db, Actor.system()) == []


def test_submit_with_uncounted_lines_is_refused_in_the_view(qtbot, stock_context, demo_db):
    stock_in_test_zone(demo_db)
    view = open_counts(qtbot, stock_context(CLERK))
    create_sheet(qtbot, view)
    box = view.submit()
    assert "3 line(s) are not counted" in box.text()
    click_confirm(qtbot, box)
    wait_idle(qtbot, view.context)
    assert view.message_bar.kind() == "error" and "not counted yet" in view.message_bar.text()
    assert view.current_sheet().status == "open"


def test_found_stock_and_cancel(qtbot, stock_context, demo_db):
    stock_in_test_zone(demo_db)
    view = open_counts(qtbot, stock_context(CLERK))
    create_sheet(qtbot, view)
    type_scan(qtbot, view.scan_field, "B:SH-TST-01-1")
    dialog = view.add_found_stock()
    assert isinstance(dialog, FoundStockDialog)
    wait_idle(qtbot, view.context)
    assert dialog.bin_combo.currentText() == "SH-TST-01-1"
    dialog.set_product(product(demo_db, "DAI-0002"))
    dialog.lot_edit.setText("FOUND1")
    dialog.expiry_edit.set_value(in_days(5))
    dialog.counted_edit.setText("3")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view.context)
    qtbot.waitUntil(lambda: view.line_model.find_row(lambda r: r.lot_number == "FOUND1") >= 0)
    assert view.current_line().lot_number == "FOUND1" and view.current_line().counted == 3

    cancel = view.cancel_sheet()
    cancel.setTextValue("zone blocked by a delivery")
    cancel.accept()
    wait_idle(qtbot, view.context)
    qtbot.waitUntil(lambda: view.current_sheet().status == "cancelled")
    assert on_hand(demo_db, "DAI-0002", "FOUND1") == {}  # cancelling changes no stock


def test_write_off_dialog_from_the_goods_in_panel(qtbot, stock_context, demo_db):
    receive(demo_db, SALMON, "W1", 1500, "SH-TST-02-1", days=4)
    view = show(qtbot, GoodsInView(stock_context(CLERK)))
    qtbot.waitUntil(lambda: view.find_bin("SH-TST-02-1") is not None)
    type_scan(qtbot, view.scan_field, "B:SH-TST-02-1")
    panel = view.stock_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.table.selectRow(0)
    assert panel.write_off_button.isEnabled()
    dialog = panel.write_off()
    assert isinstance(dialog, WriteOffDialog) and dialog.objectName() == "writeOffDialog"
    wait_idle(qtbot, view.context)
    dialog.quantity.setText("0.25")  # kg
    assert dialog.value_label.text() == "¥49.50"  # 250 g × ¥198.00/kg, shown before booking
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("other"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "note" in dialog.invalid_fields()  # "other" needs a note
    dialog.note_edit.setPlainText("fell off the cart")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view.context)
    qtbot.waitUntil(lambda: closed(dialog))
    assert on_hand(demo_db, SALMON, "W1") == {"SH-TST-02-1": 1250}
    assert "Wrote off 0.250 kg of SEA-0001 lot W1" in panel.message_bar.text()
    assert "¥49.50" in panel.message_bar.text()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.row_at(0).on_hand == 1250)


def test_write_off_more_than_the_bin_holds_shows_the_service_message(qtbot, stock_context, demo_db):
    receive(demo_db, MILK, "W2", 4, "SH-TST-01-1")
    view = show(qtbot, GoodsInView(stock_context(CLERK)))
    qtbot.waitUntil(lambda: view.find_bin("SH-TST-01-1") is not None)
    type_scan(qtbot, view.scan_field, "B:SH-TST-01-1")
    qtbot.waitUntil(lambda: view.stock_panel.model.rowCount() == 1)
    view.stock_panel.table.selectRow(0)
    dialog = view.stock_panel.write_off()
    dialog.quantity.setText("5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view.context)
    assert dialog.isVisible() and "Only 4" in dialog.message_bar.text()
    assert on_hand(demo_db, MILK, "W2") == {"SH-TST-01-1": 4}
    dialog.reject()


def test_transfer_and_quarantine_dialogs(qtbot, stock_context, demo_db):
    receive(demo_db, MILK, "T1", 10, "SH-TST-01-1")
    view = show(qtbot, GoodsInView(stock_context(CLERK)))
    qtbot.waitUntil(lambda: view.find_bin("SH-TST-01-1") is not None)
    type_scan(qtbot, view.scan_field, "B:SH-TST-01-1")
    panel = view.stock_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.table.selectRow(0)
    dialog = panel.transfer()
    assert isinstance(dialog, TransferDialog)
    wait_idle(qtbot, view.context)
    assert dialog.quantity.text() == "10"  # all that is free
    dialog.bin_edit.setText("B:SH-TST-01-2")  # a bin label scanned into the field
    dialog.quantity.setText("4")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view.context)
    qtbot.waitUntil(lambda: closed(dialog))
    assert on_hand(demo_db, MILK, "T1") == {"SH-TST-01-1": 6, "SH-TST-01-2": 4}

    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.row_at(0).on_hand == 6)
    panel.table.selectRow(0)
    quarantine = panel.quarantine()
    assert isinstance(quarantine, QuarantineDialog) and quarantine.save_button.text() == "Quarantine"
    quarantine.reason_edit.setText("temperature excursion")
    qtbot.mouseClick(quarantine.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view.context)
    qtbot.waitUntil(lambda: closed(quarantine))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.row_at(0).quarantined)
    panel.table.selectRow(0)
    assert panel.quarantine_button.text() == "Release…"
    assert not panel.quarantine_button.isEnabled()  # releasing needs a supervisor


def test_write_off_from_a_variance_line(qtbot, stock_context, demo_db):
    stock_in_test_zone(demo_db)
    supervisor = Actor.system()
    sheet = counts.create_count_sheet(demo_db, supervisor, warehouse(demo_db, "SH").id, TEST_ZONE)
    for line in counts.sheet_for_counter(demo_db, supervisor, sheet.id).lines:
        counts.record_count(demo_db, supervisor, sheet.id, line.line_id, 0 if line.lot_number == "CM1" else 1)
    view = open_counts(qtbot, stock_context(SUPERVISOR))
    qtbot.waitUntil(lambda: view.current_sheet() is not None and view.variance_model.rowCount() == 3)
    view.tabs.setCurrentIndex(1)
    view.variance_table.selectRow(view.variance_model.find_row(lambda r: r.lot_number == "CM2"))
    assert view.write_off_button.isEnabled()
    view.stock_action(WriteOffDialog)
    wait_idle(qtbot, view.context)
    dialog = view.stock_dialog
    assert isinstance(dialog, WriteOffDialog) and dialog.quant.lot_number == "CM2"
    dialog.quantity.setText("2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view.context)
    qtbot.waitUntil(lambda: closed(dialog))
    assert on_hand(demo_db, MILK, "CM2") == {"SH-TST-01-2": 4}


def test_a_click_selects_the_line_and_the_scan_field_keeps_the_focus(qtbot, stock_context, demo_db):
    stock_in_test_zone(demo_db)
    view = open_counts(qtbot, stock_context(CLERK))
    create_sheet(qtbot, view)
    view.activateWindow()  # the new-sheet dialog was the active window (offscreen does not hand it back)
    qtbot.waitUntil(view.isActiveWindow)
    table = view.line_table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(view.line_model.index(2, L.COL_BIN)).center())
    assert view.current_line().lot_number == "CS1"
    qtbot.waitUntil(lambda: view.scan_field.hasFocus())  # the next scan or count goes to the scan field
    type_scan(qtbot, view.scan_field, "1.5")  # kg: the salmon is weighed
    wait_idle(qtbot, view.context)
    assert view.line_model.row_at(2).counted == 1500
    type_scan(qtbot, view.scan_field, "")  # Enter on the empty field: next line (already the last)
    assert view.current_line().lot_number == "CS1"
