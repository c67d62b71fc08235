"""Small status-bar widgets: a busy indicator and the database connection indicator.

``ConnectionMonitor`` pings the database every few seconds on its own
``OperationRunner`` (so the check never blocks the UI and never lights up the
busy indicator) and reports whether the connection is alive.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from app.db.database import Database
from app.errors import DomainError
from ui.operations import OperationRunner

log = logging.getLogger(__name__)


class BusyIndicator(QWidget):
    """An indeterminate bar plus "Working…", shown while the runner has work queued.

    It appears only after ``delay_ms`` so that quick operations do not flicker.
    """

    def __init__(self, parent: QWidget | None = None, delay_ms: int = 150) -> None:
        super().__init__(parent)
        self.setObjectName("statusBusy")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(80, 12)
        self.label = QLabel(self.tr("Working…"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.show)
        self.hide()

    @Slot(bool)
    def set_busy(self, busy: bool) -> None:
        if busy:
            if not self.isVisible() and not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
            self.hide()


class ConnectionMonitor(QObject):
    """Pings ``database`` now and then; ``status_changed(ok, message)`` when the answer changes."""

    status_changed = Signal(bool, str)

    def __init__(self, database: Database, parent: QObject | None = None, interval_ms: int = 15_000) -> None:
        super().__init__(parent)
        self._database = database
        self._runner = OperationRunner(self, max_threads=1)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)
        self._ok: bool | None = None
        self._message = ""

    @property
    def ok(self) -> bool | None:
        """True: reachable at the last check; False: not; None: not checked yet."""
        return self._ok

    @property
    def message(self) -> str:
        return self._message

    def start(self) -> None:
        self._timer.start()
        self.check_now()

    def stop(self) -> None:
        self._timer.stop()
        self._runner.wait_idle(10_000)

    @Slot()
    def check_now(self) -> None:
        if self._runner.busy:
            return
        self._runner.run(self._database.ping, lambda _result: self._set(True, ""), self._failed,
                         key="ping")

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, DomainError):
            log.warning("connection check failed", exc_info=error)
        self._set(False, str(error))

    def _set(self, ok: bool, message: str) -> None:
        changed = ok != self._ok or message != self._message
        self._ok, self._message = ok, message
        if changed:
            self.status_changed.emit(ok, message)


class ConnectionIndicator(QLabel):
    """"● Connected" in green, or "● Connection lost" in red with the reason as tool tip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusConnection")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._apply("unknown", self.tr("● Connecting…"), "")

    @Slot(bool, str)
    def set_status(self, ok: bool, message: str) -> None:
        if ok:
            self._apply("ok", self.tr("● Connected"), self.tr("The database answers."))
        else:
            self._apply("lost", self.tr("● Connection lost"), message)

    def _apply(self, state: str, text: str, tooltip: str) -> None:
        self.setText(text)
        self.setToolTip(tooltip)
        self.setAccessibleName(text.lstrip("● ").strip())
        self.setProperty("connection", state)
        self.style().unpolish(self)
        self.style().polish(self)
