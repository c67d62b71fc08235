from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.devices.keyboard_wedge import ScanEvent, ScanSource, WedgeSettings
from ui.scanning.scan_field import GS, GS_DISPLAY, ScanField

SCANNER_GAP = 0.006  # published wedge scanners: 5-10 ms per key
HUMAN_GAP = 0.180
GS1 = "]C1010950110153000317251231" + GS + "10ABC123"


def type_keys(qtbot, field: ScanField, clock, text: str, gap: float) -> None:
    """Type ``text`` key by key, advancing the injected clock ``gap`` s per key.

    GS goes in as Ctrl+], the way many wedge scanners send it.
    """
    for char in text:
        clock.advance(gap)
        if char == GS:
            qtbot.keyClick(field, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
        else:
            qtbot.keyClick(field, char)


def press_enter(qtbot, field: ScanField, clock, gap: float = SCANNER_GAP) -> None:
    clock.advance(gap)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.fixture
def field(qtbot, clock) -> ScanField:
    widget = ScanField(clock=clock)
    qtbot.addWidget(widget)
    return widget


def scan(qtbot, field, clock, text, gap=SCANNER_GAP):
    type_keys(qtbot, field, clock, text, gap)
    press_enter(qtbot, field, clock, gap)


def test_object_name_default_and_settable(qtbot):
    assert ScanField().objectName() == "scanInput"
    other = ScanField(object_name="packScan")
    qtbot.addWidget(other)
    assert other.objectName() == "packScan"


def test_gs1_scan_keeps_gs(qtbot, field, clock):
    type_keys(qtbot, field, clock, GS1, SCANNER_GAP)
    assert field.text() == GS1.replace(GS, GS_DISPLAY)
    assert field.raw_text() == GS1
    with qtbot.waitSignal(field.scanned, timeout=1000) as blocker:
        press_enter(qtbot, field, clock)
    assert blocker.args == [GS1]
    assert field.last_event.source is ScanSource.SCANNER
    assert field.text() == ""


def test_gs_as_control_character_key_text(qtbot, field, clock):
    # X11 delivers Ctrl+] from a scanner as a key event whose text is "\x1d".
    # (QTest.keyClick(widget, "\x1d") cannot be used: QTest has no key for it.)
    qtbot.keyClicks(field, "0104012345678901")  # clock not advanced: a 0 ms burst
    QTest.sendKeyEvent(
        QTest.KeyAction.Click, field, Qt.Key.Key_unknown, GS, Qt.KeyboardModifier.NoModifier
    )
    qtbot.keyClicks(field, "21XYZ")
    with qtbot.waitSignal(field.scanned, timeout=1000) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Enter)  # keypad Enter terminates too
    assert blocker.args == ["0104012345678901" + GS + "21XYZ"]
    assert field.last_event.source is ScanSource.SCANNER


def test_plain_line_edit_would_drop_gs(qtbot):
    # the reason ScanField exists: QLineEdit ignores the control character
    plain = QLineEdit()
    qtbot.addWidget(plain)
    QApplication.sendEvent(
        plain,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, GS),
    )
    assert plain.text() == ""


def test_scanner_burst_vs_human_typing(qtbot, field, clock):
    events: list[ScanEvent] = []
    field.scan_received.connect(events.append)
    with qtbot.waitSignal(field.scanned, timeout=1000) as burst:
        scan(qtbot, field, clock, "4006381333931", SCANNER_GAP)
    with qtbot.waitSignal(field.scanned, timeout=1000) as typed:
        scan(qtbot, field, clock, "4011", HUMAN_GAP)  # PLU typed by hand + Enter
    assert burst.args == ["4006381333931"]
    assert typed.args == ["4011"]
    assert [e.source for e in events] == [ScanSource.SCANNER, ScanSource.MANUAL]
    assert events[0].from_scanner and not events[1].from_scanner
    assert events[0].max_gap_ms == pytest.approx(6.0)


def test_threshold_is_configurable(qtbot, field, clock):
    field.settings = WedgeSettings(burst_gap_ms=250)
    with qtbot.waitSignal(field.scan_received, timeout=1000) as blocker:
        scan(qtbot, field, clock, "4011", HUMAN_GAP)
    assert blocker.args[0].source is ScanSource.SCANNER


def test_hand_edited_entry_is_manual(qtbot, field, clock):
    type_keys(qtbot, field, clock, "40111", SCANNER_GAP)
    clock.advance(0.5)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(field.scan_received, timeout=1000) as blocker:
        press_enter(qtbot, field, clock, 0.5)
    event = blocker.args[0]
    assert (event.text, event.source) == ("4011", ScanSource.MANUAL)


def test_scan_after_stale_typing_replaces_it(qtbot, field, clock):
    type_keys(qtbot, field, clock, "ab", HUMAN_GAP)
    clock.advance(10)
    with qtbot.waitSignal(field.scanned, timeout=1000) as blocker:
        scan(qtbot, field, clock, "9501101530003", SCANNER_GAP)
    assert blocker.args == ["9501101530003"]
    assert field.last_event.discarded == "ab"


def test_duplicate_within_window(qtbot, field, clock):
    scanned, duplicates = [], []
    field.scanned.connect(scanned.append)
    field.duplicate_scanned.connect(duplicates.append)
    scan(qtbot, field, clock, "0614141999996")
    clock.advance(0.1)
    with qtbot.waitSignal(field.duplicate_scanned, timeout=1000):
        scan(qtbot, field, clock, "0614141999996")
    assert field.last_event.duplicate
    clock.advance(1.0)  # well outside 300 ms: a genuine second scan
    scan(qtbot, field, clock, "0614141999996")
    assert scanned == ["0614141999996", "0614141999996"]
    assert duplicates == ["0614141999996"]


def test_duplicate_window_configurable(qtbot, field, clock):
    field.settings = WedgeSettings(duplicate_window_ms=2000)
    scan(qtbot, field, clock, "ABCDEF")
    clock.advance(1.0)
    with qtbot.waitSignal(field.duplicate_scanned, timeout=1000):
        scan(qtbot, field, clock, "ABCDEF")


def test_tab_terminates_a_scan(qtbot, field, clock):
    type_keys(qtbot, field, clock, "12345678", SCANNER_GAP)
    clock.advance(SCANNER_GAP)
    with qtbot.waitSignal(field.scanned, timeout=1000) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert blocker.args == ["12345678"]


def test_tab_terminator_can_be_disabled(qtbot, clock):
    field = ScanField(clock=clock, tab_terminates=False)
    qtbot.addWidget(field)
    with qtbot.assertNotEmitted(field.scanned):
        type_keys(qtbot, field, clock, "12345678", SCANNER_GAP)
        qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_empty_enter_emits_nothing(qtbot, field, clock):
    with qtbot.assertNotEmitted(field.scan_received):
        press_enter(qtbot, field, clock)


def test_enter_never_reaches_the_default_button(qtbot, clock):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    field = ScanField(dialog, clock=clock)
    ok = QPushButton("Book", dialog)
    ok.setDefault(True)
    ok.setAutoDefault(True)
    layout.addWidget(field)
    layout.addWidget(ok)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.assertNotEmitted(ok.clicked), qtbot.assertNotEmitted(dialog.accepted):
        press_enter(qtbot, field, clock)  # empty field
        scan(qtbot, field, clock, "4006381333931")
    assert dialog.isVisible()


def test_enter_shortcut_does_not_steal_the_scan(qtbot, clock):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    field = ScanField(window, clock=clock)
    layout.addWidget(field)
    action = QAction("Confirm", window)
    action.setShortcut(QKeySequence(Qt.Key.Key_Return))
    window.addAction(action)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.assertNotEmitted(action.triggered), qtbot.waitSignal(field.scanned, timeout=1000):
        scan(qtbot, field, clock, "4006381333931")


@pytest.fixture
def station(qtbot, clock):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    field = ScanField(window, clock=clock)
    button = QPushButton("Print label", window)
    quantity = QLineEdit(window)
    layout.addWidget(field)
    layout.addWidget(button)
    layout.addWidget(quantity)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(field.hasFocus)
    return window, field, button, quantity


def test_focus_returns_from_a_button(qtbot, station):
    _, field, button, _ = station
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)


def test_focus_returns_after_mouse_click_on_button(qtbot, station):
    _, field, button, _ = station
    clicked = []
    button.clicked.connect(lambda: clicked.append(True))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.hasFocus)
    assert clicked  # the click itself still works


def test_focus_stays_in_another_input(qtbot, station):
    _, field, _, quantity = station
    quantity.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.wait(20)
    assert quantity.hasFocus() and not field.hasFocus()
    # leaving that input for a button hands the focus back to the scan field
    field.parentWidget().findChild(QPushButton).setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)


def test_exempt_property_keeps_focus(qtbot, station):
    _, field, button, _ = station
    button.setProperty("scanFocusExempt", True)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait(20)
    assert button.hasFocus()


def test_keep_focus_off(qtbot, station):
    _, field, button, _ = station
    field.keep_focus = False
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait(20)
    assert button.hasFocus()
    field.keep_focus = True  # switching it back on takes the focus
    qtbot.waitUntil(field.hasFocus)


def test_does_not_steal_focus_from_other_windows(qtbot, station):
    window, field, _, _ = station
    other = QWidget()
    qtbot.addWidget(other)
    other_edit = QLineEdit(other)
    other.show()
    other.activateWindow()
    qtbot.waitActive(other)
    other_edit.setFocus()
    qtbot.wait(20)
    assert not field.refocus_if_needed()
    assert not field.hasFocus()
