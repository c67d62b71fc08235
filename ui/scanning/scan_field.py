"""The scan field every station puts first in its layout.

Keyboard-wedge scanners type the barcode into whatever has focus and finish
with Enter (or Tab). :class:`ScanField` turns that into signals:

``scanned(str)``
    Every accepted entry that is not a duplicate - a scanner burst *or* text
    typed by hand and confirmed with Enter - as raw text: GS (0x1D, FNC1 in
    GS1 codes) is kept as ``"\\x1d"``; symbology identifiers (``]C1``) are
    passed through. Stations normally connect only this.
``scan_received(object)``
    An :class:`app.devices.keyboard_wedge.ScanEvent` for *every* entry,
    duplicates included, emitted first. ``event.source`` says whether it was
    a scanner burst (``ScanSource.SCANNER``) or hand-typed
    (``ScanSource.MANUAL``); ``event.duplicate`` flags a double read.
``duplicate_scanned(str)``
    An entry identical to the previous one within ``duplicate_window_ms``
    (sliding); it is *not* emitted through ``scanned``.

A plain QLineEdit drops the GS control character; this field takes it (key
text ``"\\x1d"`` or Ctrl+]) itself and shows it as "␝". Enter, Tab (when
``tab_terminates``) and GS are claimed at ShortcutOverride time so no
shortcut or default button sees them, and Enter is always consumed: it never
reaches a dialog's default button. With ``keep_focus`` the field takes the
focus back whenever, in its window, the focus moves to something that is not
an input (a button, a tab bar, nothing) - from the field itself or from the
input the user had clicked into. Inputs (line edits, spin boxes, text edits,
editable combo boxes, item views, and any widget with the dynamic property
``scanFocusExempt`` set) keep the focus they were given; other windows,
popups and other applications are never robbed of it.

Key times come from an injectable monotonic clock (seconds), so tests can
type "slowly" or "fast" without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.devices.keyboard_wedge import ScanEvent, WedgeInterpreter, WedgeSettings

GS = "\x1d"
GS_DISPLAY = "\u241d"  # SYMBOL FOR GROUP SEPARATOR
FOCUS_EXEMPT_PROPERTY = "scanFocusExempt"
"""Set this dynamic property to True on a widget the scan field must not take focus from."""

_TERMINATOR_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ScanField(QLineEdit):
    scanned = Signal(str)
    scan_received = Signal(object)  # ScanEvent
    duplicate_scanned = Signal(str)

    focus_exempt_types: tuple[type[QWidget], ...] = (
        QLineEdit,
        QAbstractSpinBox,
        QTextEdit,
        QPlainTextEdit,
        QComboBox,
        QAbstractItemView,
    )

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        settings: WedgeSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        object_name: str = "scanInput",
        tab_terminates: bool = True,
        keep_focus: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._interpreter = WedgeInterpreter(settings)
        self._clock = clock
        self.tab_terminates = tab_terminates
        self._keep_focus = keep_focus
        self.last_event: ScanEvent | None = None
        self.setPlaceholderText(self.tr("Scan a barcode or type a code and press Enter"))
        self.setAccessibleName(self.tr("Scan input"))
        self.setClearButtonEnabled(False)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- settings ----------------------------------------------------------------

    @property
    def settings(self) -> WedgeSettings:
        return self._interpreter.settings

    @settings.setter
    def settings(self, value: WedgeSettings) -> None:
        self._interpreter.settings = value

    @property
    def keep_focus(self) -> bool:
        return self._keep_focus

    @keep_focus.setter
    def keep_focus(self, value: bool) -> None:
        self._keep_focus = value
        if value:
            self._schedule_refocus()

    def set_clock(self, clock: Callable[[], float]) -> None:
        self._clock = clock

    def raw_text(self) -> str:
        """The field's content with GS as ``"\\x1d"``."""
        return self.text().replace(GS_DISPLAY, GS)

    # -- keys ----------------------------------------------------------------------

    @staticmethod
    def _is_gs(event: QKeyEvent) -> bool:
        if event.text() == GS:
            return True
        ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
        return event.key() == Qt.Key.Key_BracketRight and bool(event.modifiers() & ctrl)

    def _is_terminator(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _TERMINATOR_KEYS:
            return True
        return (
            self.tab_terminates
            and key == Qt.Key.Key_Tab
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and bool(self.text())
        )

    def event(self, event: QEvent) -> bool:
        etype = event.type()
        if etype == QEvent.Type.KeyPress:
            if self._key_pressed(event):  # type: ignore[arg-type]
                return True
        elif etype == QEvent.Type.ShortcutOverride:
            if self._is_terminator(event) or self._is_gs(event):  # type: ignore[arg-type]
                event.accept()
                return True
        return super().event(event)

    def _key_pressed(self, event: QKeyEvent) -> bool:
        """Handle keys the line edit must not; return True when consumed."""
        now = self._clock()
        if self._is_terminator(event):
            event.accept()
            self._submit(now)
            return True
        if self._is_gs(event):
            event.accept()
            if not self.isReadOnly():
                self._interpreter.key(GS, now)
                self.insert(GS_DISPLAY)
            return True
        text = event.text()
        if text and text.isprintable():
            for char in text:
                self._interpreter.key(char, now)
        return False  # QLineEdit inserts the text / handles editing keys

    def _submit(self, now: float) -> None:
        entry = self._interpreter.submit(self.raw_text(), now)
        self.clear()
        if entry is None:
            return
        self.last_event = entry
        self.scan_received.emit(entry)
        if entry.duplicate:
            self.duplicate_scanned.emit(entry.text)
        else:
            self.scanned.emit(entry.text)

    # -- focus ---------------------------------------------------------------------

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        # Application-wide: also catches focus moving from *another* input to a
        # button, not only focus leaving this field.
        if not self._keep_focus or new is self or not self.isVisible():
            return
        if new is not None and (new.window() is not self.window() or self.is_focus_exempt(new)):
            return
        self._schedule_refocus()

    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().showEvent(event)
        if self._keep_focus:
            self._schedule_refocus()

    def _schedule_refocus(self) -> None:
        QTimer.singleShot(0, self, self.refocus_if_needed)

    def is_focus_exempt(self, widget: QObject) -> bool:
        """True if focus on ``widget`` is a deliberate choice to respect."""
        if widget.property(FOCUS_EXEMPT_PROPERTY):
            return True
        if isinstance(widget, QComboBox):
            return widget.isEditable()
        return isinstance(widget, self.focus_exempt_types)

    def refocus_if_needed(self) -> bool:
        """Take the focus back unless the user chose another input. True if taken."""
        if not self._keep_focus or self.hasFocus():
            return False
        if not (self.isVisible() and self.isEnabled()):
            return False
        window = self.window()
        if not window.isActiveWindow():
            return False  # never steal focus from another window or application
        current = QApplication.focusWidget()
        if current is not None and current is not self:
            if current.window() is not window:
                return False
            if self.is_focus_exempt(current):
                return False
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
