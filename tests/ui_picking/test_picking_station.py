"""The picking station as a whole: ``--station picking`` opens the view full screen for a picker, and a serial
scanner on a pseudo-terminal drives a pick list exactly like the keyboard-wedge scanner does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.config import DeviceSettings
from app.devices.pty_device import PtyDevice
from app.permissions import Role
from app.services.picking import planning
from app.services.stock import queries as stock_queries
from tests.devices.helpers import no_thread_leaks
from tests.picking.conftest import APPLE_GTIN, MILK_GTIN, SALMON_GTIN, bin_code, gs1, order_draft, place_orders
from tests.qt_support import wait_idle
from ui.main_window import MainWindow
from ui.scanning.station_devices import StationDevices
from ui.views.picking_view import PickingView
from ui.views.registry import FULL_SCREEN_STATIONS, StationStatus, resolve_station, views_for

from .conftest import GS, Station


def test_the_picking_station_is_registered_for_roles_that_pick():
    choice = resolve_station("picking", Role.PICKER)
    assert choice.status is StationStatus.OPEN and choice.spec.view_id == "picking"
    assert [spec.view_id for spec in choice.specs] == ["picking"]
    assert resolve_station("picking", Role.STOCK_CLERK).status is StationStatus.FORBIDDEN
    assert "picking" in [spec.view_id for spec in views_for(Role.SUPERVISOR)]
    assert "picking" not in [spec.view_id for spec in views_for(Role.PACKER)]
    assert "picking" in FULL_SCREEN_STATIONS


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_station_picking_opens_the_view_full_screen(qtbot, db, shop, picker_context):
    context = picker_context()
    window = MainWindow(context, "picking", change_feed=False)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    try:
        view = window.current_view()
        assert isinstance(view, PickingView) and view.objectName() == "pickingView"
        assert window.isFullScreen() and window.full_screen_action.isChecked()
        assert not window.tabs.tabBar().isVisible()
        assert view.property("station") is True
        qtbot.waitUntil(lambda: view.warehouse() is not None, timeout=5000)
        qtbot.waitUntil(lambda: view.scan_field.hasFocus(), timeout=5000)
        wait_idle(qtbot, context)
    finally:
        window.close()


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_serial_scanner_on_a_pty_picks_a_whole_list(qtbot, db, system, shop, supervisor, picker_context,
                                                      open_station):
    [number] = place_orders(db, system, order_draft("s-1", ("APL-1", 2), ("MLK-1", 1), ("FSH-1", 1)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    with no_thread_leaks(grace=2.0), PtyDevice() as scanner:
        devices = StationDevices(DeviceSettings(scanner_port=scanner.port, scanner_suffix="CR"))
        context = picker_context()
        context.devices = devices
        devices.start()
        try:
            station: Station = open_station(context=context)
            view = station.view
            outcomes = []
            view.outcome_shown.connect(lambda outcome, _seconds: outcomes.append(outcome))

            def scan(text: str, expect: bool = True) -> None:
                count = len(outcomes)
                scanner.write(text.encode("latin-1") + b"\r")
                qtbot.waitUntil(lambda: len(outcomes) > count, timeout=5000)
                station.settle()
                assert outcomes[-1].accepted is expect, outcomes[-1].message
                assert station.banner_state == ("accepted" if expect else "rejected")

            station.key(Qt.Key.Key_F5)
            assert view.current_task().sku == "APL-1"
            scan(bin_code("SH-C-01"), expect=False)  # wrong bin, over the wire too
            scan(bin_code("SH-A-01"))
            scan(APPLE_GTIN[1:])
            scan(APPLE_GTIN[1:])  # the serial scanner has no duplicate window: a second apple
            assert view.progress_bar.value() == 1
            while (task := view.current_task()) is not None:
                if view.current_list().at_bin_id != task.bin_id:
                    scan(bin_code(task.bin_code))
                if task.sku == "MLK-1":
                    # GS1 with a GS after the lot, as the scanner sends it
                    scan("]C101" + MILK_GTIN + "10" + task.lot_number + GS + "17"
                         + task.expiry_date.strftime("%y%m%d"))
                else:
                    scan(gs1(SALMON_GTIN, weight_g=300), expect=False)
                    scan(gs1(SALMON_GTIN, weight_g=255))
            assert outcomes[-1].code == "list_done" and view.current_list().state == "done"
            assert "finished" in view.idle_label.text()
            view.hide()  # another tab in front: the serial scans are not this view's
            scanner.write(bin_code("SH-A-01").encode() + b"\r")
            qtbot.wait(300)
            assert view.pending_count() == 0 and outcomes[-1].code == "list_done"
        finally:
            devices.stop()
            wait_idle(qtbot, context)
    assert stock_queries.verify(db, system) == []
    from app.services.orders.queries import get_order
    assert get_order(db, system, number=number).state == "picked"
