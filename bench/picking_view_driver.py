"""The UI half of ``bench_picking.py --mode view``: the real picking view, offscreen, fed wedge bursts.

Imported only in view mode, so the service benchmark runs without Qt. The view runs with the change feed on
(as in the app), so the other stations' scans make it refresh while it is being measured.
"""

from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.config import Settings  # noqa: E402
from ui.application import freeze_long_lived_objects  # noqa: E402
from ui.change_feed_bridge import ChangeFeedBridge  # noqa: E402
from ui.context import ChangeNotifier, ViewContext  # noqa: E402
from ui.operations import OperationRunner  # noqa: E402
from ui.scanning.scan_field import GS  # noqa: E402
from ui.views.picking_view import PickingView  # noqa: E402

STALL_TICK_MS = 10


class StallMeter:
    """The longest gap between two ticks of a 10 ms timer, minus the tick: how long the event loop was blocked."""

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(STALL_TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000 - STALL_TICK_MS)
        self._last = now


def _wait(condition, timeout_s: float = 30.0, *, signal=None) -> bool:
    """Run the event loop until ``condition()`` holds. With ``signal``, the loop sleeps natively until that signal
    (or a 50 ms check) wakes it, as the app's own event loop would: polling from Python here would compete with
    the worker thread for the GIL and slow down the very call being measured."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(50)
    check.timeout.connect(loop.quit)
    if signal is not None:
        signal.connect(loop.quit)
    check.start()
    try:
        while not condition():
            if time.monotonic() > deadline:
                return False
            loop.exec()
        return True
    finally:
        check.stop()
        if signal is not None:
            signal.disconnect(loop.quit)


class ScannerClock:
    """The scan field's clock: 3 ms between the keys of a burst, half a second between two scans (a person), so
    the same label scanned twice in a row is a second item, not a bounce within the duplicate window."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _burst(field, clock: ScannerClock, text: str) -> float:
    """Type ``text`` as a scanner would (keys back to back) and return the moment the terminator is sent."""
    clock.now += 0.5
    for char in text:
        if char == GS:
            QTest.sendKeyEvent(QTest.KeyAction.Click, field, Qt.Key.Key_unknown, GS, Qt.KeyboardModifier.NoModifier)
        else:
            QTest.keyClick(field, char)
        clock.now += 0.003
    started = time.perf_counter()
    QTest.keyClick(field, Qt.Key.Key_Return)
    return started


#: between an answer on screen and the next scan: a picker needs at least this long to pick and scan the next
#: item; the view's refreshes after the other stations' changes run meanwhile, as they would
BETWEEN_SCANS_S = 0.3


def _idle(seconds: float) -> None:
    """Let the event loop run (natively) for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def drive_view(picker, scans: int) -> tuple[list[float], int, int, float]:
    app = QApplication.instance() or QApplication([])
    settings_dir = tempfile.mkdtemp(prefix="ffbench_qsettings_")
    QCoreApplication.setOrganizationName("FreshFlowBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    context = ViewContext(database=picker.db, actor=picker.actor, settings=Settings(), runner=OperationRunner(),
                          notifier=ChangeNotifier())
    context.settings.devices.sound_muted = True
    bridge = ChangeFeedBridge(picker.db, context.notifier)
    bridge.start()
    view = PickingView(context, station_name=picker.station)
    view.resize(1366, 768)
    view.show()
    _wait(lambda: view.warehouse() is not None and view.next_seq is not None)
    combo = view.warehouse_combo
    for index in range(combo.count()):
        if combo.itemData(index) == picker.warehouse_id or getattr(combo.itemData(index), "id", None) == \
                picker.warehouse_id:
            combo.setCurrentIndex(index)
    freeze_long_lived_objects()  # as the app does once its window is up
    shown: list = []
    view.outcome_shown.connect(lambda outcome, seconds: shown.append((time.perf_counter(), outcome)))
    meter = StallMeter()
    meter.start()
    times, accepted, rejected = [], 0, 0
    field = view.scan_field
    clock = ScannerClock()
    field.set_clock(clock)
    for _ in range(scans):
        if view.current_list() is None or view.current_task() is None:
            view.take_next()
            if not _wait(lambda: view.pending_count() == 0 and not context.runner.busy, signal=view.idle) or \
                    view.current_task() is None:
                break
        picker.view = view.current_list()
        raw = picker.next_scan()
        if raw is None:
            break
        before = len(shown)
        _idle(BETWEEN_SCANS_S)
        started = _burst(field, clock, raw)
        if not _wait(lambda: len(shown) > before, 30.0, signal=view.outcome_shown):
            break
        finished, outcome = shown[before]
        times.append((finished - started) * 1000)
        accepted += outcome.accepted
        rejected += not outcome.accepted
        if not outcome.accepted:
            picker.pending_count = None
            picker.rejections[outcome.code] = picker.rejections.get(outcome.code, 0) + 1
    meter.stop()
    bridge.stop()
    context.runner.wait_idle(10_000)
    view.close()
    app.processEvents()
    return times, accepted, rejected, meter.longest_ms
