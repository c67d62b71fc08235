"""Fixtures for the picking station view: the picking shop of ``tests/picking`` (SQLite and PostgreSQL), a
``ViewContext`` for its picker, QSettings in a temp directory, and typing wedge bursts into the scan field."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.services.picking import planning
from tests.devices.helpers import FakeClock
from tests.picking.conftest import picker, shop, supervisor  # noqa: F401 - fixtures
from tests.qt_support import context_factory, isolated_qsettings, show, wait_idle
from ui.scanning.scan_field import GS
from ui.views.picking_view import PickingView

#: between two scans: longer than the scan field's duplicate window (300 ms), so a repeated label counts again
BETWEEN_SCANS = 0.5
#: between two keys of one scanner burst
KEY_GAP = 0.003


@pytest.fixture
def picking_qsettings(tmp_path, qapp):
    """The station's remembered warehouse goes to a per-test directory."""
    with isolated_qsettings(tmp_path, "FreshFlowPicking"):
        yield


@pytest.fixture
def picker_context(qtbot, picker, picking_qsettings):  # noqa: F811 - the imported fixture
    """``picker_context()`` -> a ViewContext acting as the logged-in picker on their own connection."""
    factory = context_factory(lambda database, actor: actor)
    make = next(factory)
    yield lambda: make(picker.database, picker.actor)
    next(factory, None)


@dataclass
class Station:
    """A picking view on screen, with a scanner that types into it."""

    qtbot: object
    view: PickingView
    clock: FakeClock

    def wedge(self, text: str, *, wait: bool = True) -> None:
        """A keyboard-wedge burst: the keys a few ms apart, GS as its control character, then Enter."""
        field = self.view.scan_field
        self.clock.advance(BETWEEN_SCANS)
        for char in text:
            if char == GS:
                QTest.sendKeyEvent(QTest.KeyAction.Click, field, Qt.Key.Key_unknown, GS,
                                   Qt.KeyboardModifier.NoModifier)
            else:
                QTest.keyClick(field, char)
            self.clock.advance(KEY_GAP)
        QTest.keyClick(field, Qt.Key.Key_Return)
        if wait:
            self.settle()

    def type(self, text: str, *, wait: bool = True) -> None:
        """A person typing (a count) and pressing Enter."""
        field = self.view.scan_field
        for char in text:
            self.clock.advance(0.2)
            QTest.keyClick(field, char)
        self.clock.advance(0.2)
        QTest.keyClick(field, Qt.Key.Key_Return)
        if wait:
            self.settle()

    def key(self, key: Qt.Key, *, wait: bool = True) -> None:
        QTest.keyClick(self.view.scan_field, key)
        if wait:
            self.settle()

    def settle(self, timeout: int = 10_000) -> None:
        """Wait until every queued scan is answered and the runner is idle."""
        self.qtbot.waitUntil(lambda: self.view.pending_count() == 0 and not self.view.context.runner.busy,
                             timeout=timeout)

    @property
    def banner(self) -> str:
        return self.view.banner.text()

    @property
    def banner_state(self) -> str:
        return self.view.banner.feedback_state


@pytest.fixture
def open_station(qtbot, picker_context):
    """``open_station(name=...)`` -> a Station with the picking view shown, its warehouse and scan numbers loaded."""

    def open_(station_name: str = "ui-pick-1", context=None) -> Station:
        context = context or picker_context()
        view = PickingView(context, station_name=station_name)
        clock = FakeClock()
        view.scan_field.set_clock(clock)
        show(qtbot, view, size=(1280, 860))
        qtbot.waitUntil(lambda: view.warehouse() is not None and view.next_seq is not None, timeout=10_000)
        wait_idle(qtbot, context)
        return Station(qtbot, view, clock)

    return open_


def plan(db, supervisor_login, warehouse_id):  # noqa: F811
    return planning.plan_order_lists(supervisor_login.database, supervisor_login.actor, warehouse_id)
