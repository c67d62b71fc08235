"""The main window: tabs per role, stations, status bar, geometry, shortcuts, change feed."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QWidget

from app.db.database import Database
from app.permissions import Role
from app.services import catalog
from app.services.catalog import CategoryInput
from app.services.context import Actor
from ui.main_window import MainWindow
from ui.views.registry import ViewSpec


class FakeView(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


def _fake_registry(*view_ids: str, visible=lambda role: True) -> list[ViewSpec]:
    return [ViewSpec(view_id, view_id.title(), FakeView, visible) for view_id in view_ids]


@pytest.fixture
def open_window(qtbot):
    """``open_window(context, station, **kw)``: build, show (as the app does) and register for closing."""
    windows: list[MainWindow] = []

    def _open(context, station=None, **kwargs) -> MainWindow:
        window = MainWindow(context, station, **kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        window.present()
        qtbot.waitExposed(window)
        return window

    yield _open
    for window in windows:
        window.close()


def _titles(window: MainWindow) -> list[str]:
    tabs = window.findChild(QTabWidget, "mainTabs")
    return [tabs.tabText(i) for i in range(tabs.count())]


# -- tabs per role -----------------------------------------------------------------

def test_a_picker_sees_the_catalogue_the_stock_and_picking(make_context, open_window):
    pytest.importorskip("ui.views.catalog_view")
    from ui.views.catalog_view import CatalogView

    window = open_window(make_context("picker"), change_feed=False)
    assert _titles(window) == ["Catalogue", "Stock", "Picking"]
    assert isinstance(window.views["catalog"], CatalogView)
    assert window.findChild(QTabWidget, "mainTabs").tabBar().isVisible()


def test_an_admin_sees_catalogue_customers_and_administration(make_context, open_window):
    for module in ("catalog_view", "customers_view", "admin_view"):
        pytest.importorskip(f"ui.views.{module}")
    from ui.views.admin_view import AdminView
    from ui.views.catalog_view import CatalogView
    from ui.views.customers_view import CustomersView

    window = open_window(make_context("admin"), change_feed=False)
    assert [title for title in _titles(window) if title in ("Catalogue", "Stock", "Customers", "Administration")] \
        == ["Catalogue", "Stock", "Customers", "Administration"]
    assert list(window.views) == ["catalog"]  # the other views are built when their tab is first shown
    window.tabs.setCurrentIndex(_titles(window).index("Administration"))
    assert isinstance(window.current_view(), AdminView) and window.current_view().isVisible()
    assert [type(window.view(view_id)) for view_id in ("catalog", "customers", "admin")] == [
        CatalogView, CustomersView, AdminView]


def test_a_role_without_views_gets_a_friendly_message(make_context, open_window):
    registry = _fake_registry("catalog", visible=lambda role: role is Role.ADMIN)
    window = open_window(make_context("picker"), registry=registry, change_feed=False)
    message = window.findChild(QLabel, "noViewsMessage")
    assert message is not None and message.isVisible()
    assert "Picker" in message.text() and "Picking" in message.text()
    assert window.statusBar().isVisible()
    assert window.findChild(QLabel, "statusUser").text().startswith("Pia Picker")


def test_a_view_that_cannot_be_loaded_says_so_in_its_tab(make_context, open_window):
    def broken(context):
        raise ImportError("No module named 'ui.views.nothing'")

    registry = [ViewSpec("broken", "Broken", broken, lambda role: True)] + _fake_registry("other")
    window = open_window(make_context("admin"), registry=registry, change_feed=False)
    assert _titles(window) == ["Broken", "Other"]
    label = window.views["broken"]
    assert label.objectName() == "viewLoadError" and "ui.views.nothing" in label.text()


# -- stations -----------------------------------------------------------------------

def test_station_admin_opens_only_that_view(make_context, open_window):
    pytest.importorskip("ui.views.admin_view")
    from ui.views.admin_view import AdminView

    window = open_window(make_context("admin"), "admin", change_feed=False)
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert tabs.count() == 1 and not tabs.tabBar().isVisible()
    assert isinstance(window.current_view(), AdminView)
    assert window.current_view().property("station") is True
    assert window.isMaximized() or window.isFullScreen()
    assert window.station == "admin" and window.station_message == ""
    assert window.station_notice is None


@pytest.mark.parametrize("station, expected", [
    ("picking", "The picking station is not available in this version"),
    ("shipments", "The shipments station is not available in this version"),
    ("nonsense", "There is no station named “nonsense”"),
])
def test_a_station_not_in_this_version_says_so_and_falls_back_to_tabs(qtbot, make_context, open_window,
                                                                       station, expected):
    registry = _fake_registry("catalog", "customers", "admin")
    window = open_window(make_context("admin"), station, registry=registry, change_feed=False)
    assert expected in window.station_message
    qtbot.waitUntil(lambda: window.station_notice is not None and window.station_notice.isVisible())
    notice = window.findChild(QMessageBox, "stationNotice")
    assert expected in notice.text()
    assert _titles(window) == ["Catalog", "Customers", "Admin"]
    assert window.station == ""
    notice.accept()


def test_a_station_the_role_may_not_use_names_the_role(qtbot, make_context, open_window):
    window = open_window(make_context("picker"), "admin", change_feed=False)
    assert "Your role (Picker) may not use the admin station" in window.station_message
    qtbot.waitUntil(lambda: window.station_notice is not None and window.station_notice.isVisible())
    assert "admin" not in window.views
    assert window.station == ""
    window.station_notice.accept()


# -- status bar ----------------------------------------------------------------------

def test_status_bar_shows_user_role_station_database_and_connection(qtbot, make_context, open_window):
    context = make_context("super")
    window = open_window(context, "catalog", registry=_fake_registry("catalog"), change_feed=False)
    assert window.findChild(QLabel, "statusUser").text() == "Sam Supervisor · Supervisor"
    assert window.findChild(QLabel, "statusStation").text() == "Station: Catalog"
    assert window.findChild(QLabel, "statusDatabase").text() == context.database.display_url
    connection = window.findChild(QLabel, "statusConnection")
    qtbot.waitUntil(lambda: connection.text() == "● Connected", timeout=3000)
    assert connection.property("connection") == "ok"
    assert "Sam Supervisor" in window.windowTitle()


def test_connection_indicator_turns_red_when_the_database_is_gone(qtbot, tmp_path, make_context, open_window):
    context = make_context("admin")
    window = open_window(context, registry=_fake_registry("catalog"), change_feed=False)
    connection = window.findChild(QLabel, "statusConnection")
    qtbot.waitUntil(lambda: connection.property("connection") == "ok", timeout=3000)
    broken = Database(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    window.monitor._database = broken  # the file's folder vanished, as a network share would
    window.monitor.check_now()
    qtbot.waitUntil(lambda: connection.property("connection") == "lost", timeout=3000)
    assert connection.text() == "● Connection lost"
    assert "cannot be reached" in connection.toolTip()
    broken.dispose()


def test_busy_indicator_shows_while_work_runs(qtbot, make_context, open_window):
    context = make_context("admin")
    window = open_window(context, registry=_fake_registry("catalog"), change_feed=False)
    busy = window.findChild(QWidget, "statusBusy")
    assert not busy.isVisible()
    release = threading.Event()
    context.runner.run(lambda: release.wait(5), lambda _r: None)
    try:
        qtbot.waitUntil(busy.isVisible, timeout=2000)
    finally:
        release.set()
    qtbot.waitUntil(lambda: not busy.isVisible(), timeout=2000)


# -- window behaviour ----------------------------------------------------------------

def test_geometry_and_last_tab_are_restored_per_station(qtbot, make_context, open_window):
    registry = _fake_registry("catalog", "admin")
    first = open_window(make_context("admin"), registry=registry, change_feed=False)
    first.showNormal()
    first.resize(710, 520)  # the offscreen screen is 800×600; restoring clamps to the screen
    first.move(40, 30)
    first.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: first.size().width() == 710)
    first.close()
    assert QSettings().contains("mainWindow/all/geometry")

    second = open_window(make_context("admin"), registry=registry, change_feed=False)
    assert (second.width(), second.height()) == (710, 520)
    assert (second.x(), second.y()) == (first.x(), first.y())
    assert second.tabs.currentIndex() == 1 and list(second.views) == ["admin"]  # the last tab, built first

    station = open_window(make_context("admin"), "admin", registry=registry, change_feed=False)
    assert station.isMaximized() or station.isFullScreen()  # its own, not the tabbed window's


def test_ctrl_tab_and_ctrl_page_down_switch_tabs(qtbot, make_context, open_window):
    window = open_window(make_context("admin"), registry=_fake_registry("one", "two", "three"), change_feed=False)
    with qtbot.waitActive(window):
        window.activateWindow()
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert tabs.currentIndex() == 0
    qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1
    qtbot.keyClick(tabs.currentWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
    qtbot.keyClick(tabs.currentWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0  # wraps around
    qtbot.keyClick(tabs.currentWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2


def test_f5_refreshes_the_current_view(qtbot, make_context, open_window):
    window = open_window(make_context("admin"), registry=_fake_registry("one", "two"), change_feed=False)
    window.tabs.setCurrentIndex(1)
    window.refresh_action.trigger()
    assert (window.views["one"].refreshed, window.views["two"].refreshed) == (0, 1)


def test_log_out_closes_the_window_and_says_so(qtbot, make_context, open_window):
    window = open_window(make_context("admin"), registry=_fake_registry("one"))
    with qtbot.waitSignal(window.closed, timeout=2000) as blocker:
        window.logout_action.trigger()
    assert blocker.args == [True]
    assert not window.isVisible()
    assert not window.feed.running


def test_quit_closes_without_logging_out(qtbot, make_context, open_window):
    window = open_window(make_context("admin"), registry=_fake_registry("one"))
    with qtbot.waitSignal(window.closed, timeout=2000) as blocker:
        window.quit_action.trigger()
    assert blocker.args == [False]


# -- change feed -----------------------------------------------------------------------

def test_a_write_at_another_station_reaches_the_views_within_a_second(qtbot, ui_db, make_context, open_window):
    context = make_context("admin")
    window = open_window(context, registry=_fake_registry("one"))
    assert window.feed is not None and window.feed.running
    other_station = Database(ui_db.url)  # a second handle on the same file, as another PC/process would have
    try:
        with qtbot.waitSignal(context.notifier.changed, timeout=1000) as blocker:
            catalog.save_category(other_station, Actor.system("other"),
                                  CategoryInput(code="herbs", name_en="Herbs", temperature_class="chilled"))
        assert blocker.args == [frozenset({"*"})]
    finally:
        other_station.dispose()
