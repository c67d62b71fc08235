"""Which views a role gets, what ``--station`` resolves to, and the change-feed bridge."""

from __future__ import annotations

import pytest

from app.permissions import Role
from ui.change_feed_bridge import ChangeFeedBridge
from ui.context import ChangeNotifier
from ui.views.registry import VIEWS, StationStatus, ViewUnavailable, lazy_view, resolve_station, views_for


@pytest.mark.parametrize("role, expected", [
    (Role.PICKER, ["catalog", "stock", "picking"]),
    (Role.QC_INSPECTOR, ["catalog", "stock"]),
    (Role.STOCK_CLERK, ["catalog", "stock", "goods_in", "counts"]),
    (Role.PACKER, ["catalog", "stock", "customers"]),
    (Role.CS_REP, ["catalog", "stock", "customers", "review", "orders", "admin"]),  # the audit log
    (Role.SUPERVISOR, ["catalog", "stock", "customers", "review", "orders", "goods_in", "counts", "picking",
                       "pick_lists", "admin"]),
    (Role.ADMIN, ["catalog", "stock", "customers", "review", "orders", "goods_in", "counts", "picking", "pick_lists",
                  "admin"]),
])
def test_views_per_role(role, expected):
    assert [spec.view_id for spec in views_for(role)] == expected


@pytest.mark.parametrize("name, role, status", [
    (None, Role.ADMIN, StationStatus.ALL_VIEWS),
    ("", Role.ADMIN, StationStatus.ALL_VIEWS),
    ("admin", Role.ADMIN, StationStatus.OPEN),
    ("ADMIN ", Role.ADMIN, StationStatus.OPEN),
    ("catalog", Role.PICKER, StationStatus.OPEN),
    ("stock", Role.PICKER, StationStatus.OPEN),  # the stock view (read-only); the clerk gets goods-in first
    ("admin", Role.PICKER, StationStatus.FORBIDDEN),
    ("picking", Role.PICKER, StationStatus.OPEN),
    ("dashboard", Role.ADMIN, StationStatus.NOT_AVAILABLE),
    ("kitchen", Role.ADMIN, StationStatus.UNKNOWN),
])
def test_resolve_station(name, role, status):
    assert resolve_station(name, role).status is status


def test_a_missing_view_module_fails_with_a_clear_message():
    factory = lazy_view("ui.views.no_such_view", "NoSuchView")
    with pytest.raises(ViewUnavailable, match="ui.views.no_such_view.NoSuchView cannot be loaded"):
        factory(None)


def test_every_registered_view_can_be_imported():
    import importlib

    for spec in VIEWS:
        module, _, name = spec.factory.__qualname__.removeprefix("lazy_view(").rstrip(")").rpartition(".")
        assert hasattr(importlib.import_module(module), name), spec.view_id


class FakeFeed:
    def __init__(self, database, on_change):
        self.on_change = on_change
        self.started = self.stopped = False

    def start(self):
        self.started = True

    def stop(self):
        self.stopped = True


def test_bridge_merges_a_burst_into_one_notification_on_the_ui_thread(qtbot):
    import threading

    notifier = ChangeNotifier()
    bridge = ChangeFeedBridge(None, notifier, coalesce_ms=30, feed_factory=FakeFeed)
    bridge.start()
    feed = bridge._feed
    received: list[tuple[frozenset, bool]] = []
    notifier.changed.connect(
        lambda tables: received.append((tables, threading.current_thread() is threading.main_thread())))

    def burst():
        feed.on_change(frozenset({"products"}))
        feed.on_change(frozenset({"product_gtins"}))
        feed.on_change(frozenset({"audit_log"}))

    worker = threading.Thread(target=burst)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(received), timeout=1000)
    qtbot.wait(80)
    assert received == [(frozenset({"products", "product_gtins", "audit_log"}), True)]

    bridge.stop()
    assert feed.stopped
    feed.on_change(frozenset({"customers"}))
    qtbot.wait(80)
    assert len(received) == 1  # nothing after stop
