"""The goods-in station: scanning supplier labels fills the form, Enter receives,
errors keep the form, bins must belong to the warehouse, kg become grams."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableView

from app.barcodes import item_label
from app.services.context import Actor
from app.services.stock import queries
from ui.models.goods_in import ReceivedLineTableModel as R
from ui.scanning.feedback import ACCEPTED, REJECTED, FeedbackBanner
from ui.scanning.scan_field import ScanField
from ui.views.goods_in_view import WAREHOUSE_SETTING, GoodsInView

from .stock_support import CLERK, PICKER, gtin14, in_days, show, type_scan, wait_idle

MILK_GTIN = gtin14("6970012010905")  # DAI-0001 Fresh Milk 1 L, pieces
SALMON_GTIN = gtin14("7040001010694")  # SEA-0001 Atlantic Salmon Fillet, by weight


def label(gtin: str, lot: str, expiry=None, *, best_before=None, count: int | None = None,
          weight_g: int | None = None) -> str:
    """A supplier's GS1-128 label as a wedge scanner sends it."""
    return item_label(gtin, lot=lot, expiry=expiry, best_before=best_before, weight_g=weight_g, count=count)


def open_goods_in(qtbot, context) -> GoodsInView:
    view = show(qtbot, GoodsInView(context))
    qtbot.waitUntil(lambda: view.warehouse() is not None and view.find_bin("SH-TST-01-1") is not None)
    qtbot.waitUntil(lambda: view.product_model.rowCount() > 100)
    return view


def scan(qtbot, view: GoodsInView, text: str) -> None:
    type_scan(qtbot, view.scan_field, text)
    wait_idle(qtbot, view.context)


def on_hand(db, sku: str, *lots: str) -> dict[tuple[str, str], int]:
    """On hand of the test's own lots (the demo has stock of its own): (lot, bin) → quantity."""
    return {(q.lot_number, q.bin_code): q.on_hand for q in queries.stock_for_product(db, Actor.system(), sku)
            if q.lot_number in lots}


def test_objects_and_visibility(qtbot, stock_context):
    view = open_goods_in(qtbot, stock_context(CLERK))
    assert view.objectName() == "goodsInView"
    assert view.findChild(ScanField, "scanInput") is view.scan_field
    assert view.findChild(FeedbackBanner, "scanFeedback") is view.banner
    assert view.findChild(QPushButton, "receiveButton").isVisible()
    assert view.findChild(QTableView, "receivedTable") is view.received_table
    for name in ("productEdit", "lotEdit", "quantityEdit", "binEdit", "supplierEdit", "deliveryEdit"):
        assert view.findChild(QLineEdit, name) is not None, name
    assert view.warehouse().code == "SH"  # the first warehouse until one is remembered
    qtbot.waitUntil(lambda: view.scan_field.hasFocus())


def test_gs1_label_fills_the_form_and_enter_receives(qtbot, stock_context, demo_db):
    view = open_goods_in(qtbot, stock_context(CLERK))
    view.supplier_edit.setText("Bright Dairy")
    view.delivery_edit.setText("DN-4711")
    expiry = in_days(9)
    scan(qtbot, view, label(MILK_GTIN, "M2604A", expiry, count=12))
    assert view.product().sku == "DAI-0001"
    assert view.lot_edit.text() == "M2604A"
    assert view.expiry_edit.value() == expiry
    assert "AI 17" in view.expiry_source.text()
    assert view.quantity_edit.text() == "12"
    assert view.banner.feedback_state == ACCEPTED
    assert "DAI-0001" in view.banner.text() and "bin" in view.banner.text()  # still needs the bin

    scan(qtbot, view, "B:SH-TST-01-1")
    assert view.bin_edit.text() == "SH-TST-01-1"
    assert view.banner.feedback_state == ACCEPTED
    assert view.stock_panel.current_bin().code == "SH-TST-01-1"

    type_scan(qtbot, view.scan_field, "")  # Enter on the empty scan field books the line
    wait_idle(qtbot, view.context)
    assert view.banner.feedback_state == ACCEPTED
    assert view.banner.text().endswith("Received 12 × DAI-0001 lot M2604A into SH-TST-01-1")
    assert on_hand(demo_db, "DAI-0001", "M2604A") == {("M2604A", "SH-TST-01-1"): 12}
    # the line is listed; the form is empty again except warehouse, supplier and delivery
    assert view.received_model.rowCount() == 1
    line = view.received_model.row_at(0)
    assert (line.receipt.sku, line.receipt.quantity, line.delivery_reference) == ("DAI-0001", 12, "DN-4711")
    assert view.received_model.index(0, R.COL_QUANTITY).data() == "12"
    assert view.product() is None and view.lot_edit.text() == "" and view.quantity_edit.text() == ""
    assert view.expiry_edit.value() is None and view.bin_edit.text() == ""
    assert (view.supplier_edit.text(), view.delivery_edit.text(), view.warehouse().code) == \
        ("Bright Dairy", "DN-4711", "SH")
    # the bin panel shows the new lot
    qtbot.waitUntil(lambda: view.stock_panel.model.rowCount() == 1)
    assert view.stock_panel.selected_quant().lot_number == "M2604A"


def test_receive_button_and_second_line_of_the_same_delivery(qtbot, stock_context, demo_db):
    view = open_goods_in(qtbot, stock_context(CLERK))
    view.delivery_edit.setText("DN-1")
    for lot, count in (("A1", 5), ("A2", 7)):
        scan(qtbot, view, label(MILK_GTIN, lot, in_days(9), count=count))
        scan(qtbot, view, "B:SH-TST-01-2")
        qtbot.mouseClick(view.receive_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, view.context)
        assert view.banner.feedback_state == ACCEPTED, view.banner.text()
    assert [r.receipt.lot_number for r in view.received_lines()] == ["A2", "A1"]  # newest first
    assert on_hand(demo_db, "DAI-0001", "A1", "A2") == {("A1", "SH-TST-01-2"): 5, ("A2", "SH-TST-01-2"): 7}
    assert view.received_count.text() == "2 line(s) received"
    view.new_delivery()
    assert view.received_model.rowCount() == 0 and view.delivery_edit.text() == ""


def test_unknown_gtin_is_rejected_with_the_gtin(qtbot, stock_context):
    view = open_goods_in(qtbot, stock_context(CLERK))
    unknown = "09501101530003"
    scan(qtbot, view, label(unknown, "X1", in_days(10)))
    assert view.banner.feedback_state == REJECTED
    assert unknown in view.banner.text() and "Unknown GTIN" in view.banner.text()
    assert view.product() is None and view.lot_edit.text() == ""


def test_bad_barcode_is_rejected_with_the_parser_message(qtbot, stock_context):
    view = open_goods_in(qtbot, stock_context(CLERK))
    scan(qtbot, view, "]C1" + "0109501101530004")  # wrong check digit
    assert view.banner.feedback_state == REJECTED
    assert "check digit" in view.banner.text()


def test_plain_ean13_fills_only_the_product(qtbot, stock_context):
    view = open_goods_in(qtbot, stock_context(CLERK))
    scan(qtbot, view, "6970012010905")
    assert view.product().sku == "DAI-0001"
    assert view.lot_edit.text() == "" and view.expiry_edit.value() is None and view.quantity_edit.text() == ""
    assert view.banner.feedback_state == ACCEPTED


def test_best_before_is_used_when_the_label_has_no_expiry_and_says_so(qtbot, stock_context):
    view = open_goods_in(qtbot, stock_context(CLERK))
    best_before = in_days(20)
    scan(qtbot, view, label(MILK_GTIN, "BB1", best_before=best_before))
    assert view.expiry_edit.value() == best_before
    assert view.best_before_edit.value() == best_before
    assert "AI 15" in view.expiry_source.text() and "best-before" in view.expiry_source.text()
    assert "AI 15" in view.banner.text()


def test_bin_scan_must_belong_to_the_warehouse(qtbot, stock_context):
    view = open_goods_in(qtbot, stock_context(CLERK))
    scan(qtbot, view, "B:BJ-TST-01-1")
    assert view.banner.feedback_state == REJECTED
    assert "BJ-TST-01-1" in view.banner.text() and "SH" in view.banner.text()
    assert view.bin_edit.text() == ""
    scan(qtbot, view, "b:sh-tst-01-1")  # caps lock off: still the bin
    assert view.bin_edit.text() == "SH-TST-01-1"
    # another warehouse: its bins; the choice is remembered for the next start
    view.warehouse_combo.setCurrentIndex(view.warehouse_combo.findText("BJ"))
    qtbot.waitUntil(lambda: view.find_bin("BJ-TST-01-1") is not None)
    assert view.bin_edit.text() == ""
    scan(qtbot, view, "B:BJ-TST-01-1")
    assert view.banner.feedback_state == ACCEPTED
    from PySide6.QtCore import QSettings
    assert QSettings().value(WAREHOUSE_SETTING) == "BJ"


def test_remembered_warehouse_is_chosen(qtbot, stock_context):
    from PySide6.QtCore import QSettings
    QSettings().setValue(WAREHOUSE_SETTING, "GZ")
    view = show(qtbot, GoodsInView(stock_context(CLERK)))
    qtbot.waitUntil(lambda: view.warehouse() is not None)
    assert view.warehouse().code == "GZ"
    wait_idle(qtbot, view.context)


def test_weighed_product_quantity_in_kg_becomes_grams(qtbot, stock_context, demo_db):
    view = open_goods_in(qtbot, stock_context(CLERK))
    scan(qtbot, view, label(SALMON_GTIN, "S77", in_days(4), weight_g=2345))
    assert view.product().sku == "SEA-0001"
    assert view.quantity_edit.text() == "2.345"  # AI 3103 → kg with 3 decimals
    assert view.quantity_unit.text() == "kg"
    view.quantity_edit.setText("1.2")  # typed by hand: 1.2 kg
    scan(qtbot, view, "B:SH-TST-02-1")
    qtbot.mouseClick(view.receive_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view.context)
    assert view.banner.feedback_state == ACCEPTED, view.banner.text()
    assert on_hand(demo_db, "SEA-0001", "S77") == {("S77", "SH-TST-02-1"): 1200}
    assert "1.200 kg" in view.banner.text()
    assert view.received_model.index(0, R.COL_QUANTITY).data() == "1.200 kg"


def test_quantity_typed_into_the_scan_field(qtbot, stock_context, demo_db):
    view = open_goods_in(qtbot, stock_context(CLERK))
    scan(qtbot, view, label(SALMON_GTIN, "S78", in_days(4)))
    scan(qtbot, view, "B:SH-TST-01-2")
    scan(qtbot, view, "0,75")  # a number typed into the scan field is the quantity (kg here)
    assert view.quantity_edit.text() == "0.750"
    type_scan(qtbot, view.scan_field, "")
    wait_idle(qtbot, view.context)
    assert on_hand(demo_db, "SEA-0001", "S78") == {("S78", "SH-TST-01-2"): 750}


def test_more_than_gram_precision_is_refused_without_booking(qtbot, stock_context, demo_db):
    view = open_goods_in(qtbot, stock_context(CLERK))
    scan(qtbot, view, label(SALMON_GTIN, "S79", in_days(4)))
    scan(qtbot, view, "B:SH-TST-01-2")
    view.quantity_edit.setText("1.2345")
    view.receive()
    wait_idle(qtbot, view.context)
    assert view.banner.feedback_state == REJECTED
    assert "3 decimals" in view.banner.text()
    assert view.invalid_fields() == ["quantity"]
    assert on_hand(demo_db, "SEA-0001", "S79") == {}


def test_expired_lot_is_refused_and_the_form_is_kept(qtbot, stock_context, demo_db):
    view = open_goods_in(qtbot, stock_context(CLERK))
    expired = in_days(-2)
    scan(qtbot, view, label(MILK_GTIN, "OLD1", expired, count=6))
    assert view.banner.feedback_state == REJECTED  # told at once, at the scan
    assert "expired" in view.banner.text()
    scan(qtbot, view, "B:SH-TST-01-1")
    view.receive()
    wait_idle(qtbot, view.context)
    assert view.banner.feedback_state == REJECTED
    assert "expired" in view.banner.text() and expired.isoformat() in view.banner.text()
    assert "expiry_date" in view.invalid_fields()
    # nothing was cleared, nothing was booked
    assert (view.product().sku, view.lot_edit.text(), view.quantity_edit.text(), view.bin_edit.text()) == \
        ("DAI-0001", "OLD1", "6", "SH-TST-01-1")
    assert view.expiry_edit.value() == expired
    assert view.received_model.rowCount() == 0
    assert on_hand(demo_db, "DAI-0001", "OLD1") == {}


def test_missing_fields_are_named_and_highlighted(qtbot, stock_context):
    view = open_goods_in(qtbot, stock_context(CLERK))
    view.receive()
    assert view.banner.feedback_state == REJECTED
    assert view.invalid_fields() == ["product", "product_id"]
    scan(qtbot, view, label(MILK_GTIN, "N1", in_days(9), count=3))
    view.receive()
    assert view.banner.feedback_state == REJECTED and "bin" in view.banner.text()
    assert view.invalid_fields() == ["bin", "bin_id"]


def test_product_picked_by_typing_sku_or_name(qtbot, stock_context, demo_db):
    view = open_goods_in(qtbot, stock_context(CLERK))
    view.product_edit.setFocus()
    qtbot.keyClicks(view.product_edit, "dai-0001")
    qtbot.keyClick(view.product_edit, Qt.Key.Key_Escape)  # close the completer
    qtbot.keyClick(view.product_edit, Qt.Key.Key_Return)
    assert view.product().sku == "DAI-0001"
    # the completer lists every active product as "SKU — name"
    entries = [e for e in view.product_model.stringList() if e.startswith("SEA-0001 — ")]
    assert len(entries) == 1
    view.product_completer.activated[str].emit(entries[0])
    assert view.product().sku == "SEA-0001" and view.quantity_unit.text() == "kg"
    # a SKU typed into the scan field picks the product too
    scan(qtbot, view, "DAI-0001")
    assert view.product().sku == "DAI-0001"
    assert view.banner.feedback_state == ACCEPTED


def test_enter_in_the_quantity_field_receives(qtbot, stock_context, demo_db):
    view = open_goods_in(qtbot, stock_context(CLERK))
    scan(qtbot, view, label(MILK_GTIN, "Q1", in_days(9)))
    scan(qtbot, view, "B:SH-TST-01-1")
    view.quantity_edit.setFocus()
    qtbot.keyClicks(view.quantity_edit, "24")
    qtbot.keyClick(view.quantity_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, view.context)
    assert on_hand(demo_db, "DAI-0001", "Q1") == {("Q1", "SH-TST-01-1"): 24}


def test_role_without_receive_right_sees_no_receive_button(qtbot, stock_context):
    view = show(qtbot, GoodsInView(stock_context(PICKER)))
    wait_idle(qtbot, view.context)
    assert not view.receive_button.isVisible()
    assert not view.stock_panel.write_off_button.isVisible()


def test_station_stock_opens_goods_in_first_with_counts_and_stock_as_tabs(qtbot, stock_context):
    from app.permissions import Role
    from ui.main_window import MainWindow
    from ui.views.registry import StationStatus, resolve_station

    choice = resolve_station("stock", Role.STOCK_CLERK)
    assert choice.status is StationStatus.OPEN and choice.spec.view_id == "goods_in"
    assert [spec.view_id for spec in choice.specs] == ["goods_in", "counts", "stock"]
    context = stock_context(CLERK)
    window = MainWindow(context, "stock", change_feed=False)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    try:
        assert window.station == "stock"
        assert isinstance(window.current_view(), GoodsInView)
        assert window.current_view().property("station") is True
        assert window.tabs.count() == 3 and window.tabs.tabBar().isVisible()
        wait_idle(qtbot, context)
    finally:
        window.close()


def test_a_serial_scanner_scan_fills_the_form_like_a_wedge_scan(qtbot, stock_context, demo_db):
    """The station's serial scanner (``StationDevices.scanned``) feeds the same scan handler."""
    from PySide6.QtCore import QObject, Signal

    class FakeDevices(QObject):
        scanned = Signal(str)

    context = stock_context(CLERK)
    context.devices = FakeDevices()
    view = open_goods_in(qtbot, context)
    context.devices.scanned.emit(label(MILK_GTIN, "SER1", in_days(9), count=6))
    wait_idle(qtbot, view.context)
    qtbot.waitUntil(lambda: view.product() is not None and view.product().sku == "DAI-0001", timeout=5000)
    assert view.lot_edit.text() == "SER1" and view.quantity_edit.text() == "6"
    view.hide()
    context.devices.scanned.emit("B:SH-TST-01-1")  # a hidden view (another tab) ignores scans
    wait_idle(qtbot, view.context)
    assert view.bin_edit.text() == ""
