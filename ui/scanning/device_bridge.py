"""Common part of the Qt bridges over the Qt-free serial device drivers.

A driver from :mod:`app.devices` calls back on its reader thread. A bridge
re-emits each callback through a private signal connected with
``Qt.QueuedConnection`` to a slot of the bridge, which lives on the UI thread;
the public signals are emitted from that slot. So every receiver - a widget
method, a lambda, a plain function - runs on the UI thread.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from app.devices.status import DeviceState, DeviceStatus

log = logging.getLogger(__name__)


class Driver(Protocol):
    def start(self) -> None: ...
    def stop(self, timeout: float = 2.0) -> bool: ...
    @property
    def running(self) -> bool: ...


class DeviceBridge(QObject):
    """Start/stop and connection status for one device.

    ``status_changed(str)`` carries the :class:`DeviceState` value
    (``"connected"``, ``"disconnected"``, ``"error"``);
    ``status_text_changed(str)`` the translated text to show.
    """

    status_changed = Signal(str)
    status_text_changed = Signal(str)
    _status_arrived = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._driver: Driver | None = None
        self._status = DeviceStatus(DeviceState.DISCONNECTED, "")
        self._status_arrived.connect(self._deliver_status, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def status(self) -> DeviceStatus:
        """The last status delivered on the UI thread."""
        return self._status

    @property
    def running(self) -> bool:
        return self._driver is not None and self._driver.running

    def start(self) -> None:
        if self._driver is not None:
            self._driver.start()

    @Slot()
    def stop(self) -> bool:
        """Stop the reader thread and wait for it (call before dropping the bridge)."""
        if self._driver is None:
            return True
        return self._driver.stop()

    # called on the reader thread
    def _status_callback(self, status: DeviceStatus) -> None:
        self._emit_from_thread(self._status_arrived, status.state.value, status.message)

    @staticmethod
    def _emit_from_thread(signal: Signal, *args: object) -> None:
        try:
            signal.emit(*args)  # type: ignore[attr-defined]
        except RuntimeError:  # the bridge's C++ object is already gone
            log.debug("device callback after the bridge was deleted")

    @Slot(str, str)
    def _deliver_status(self, state: str, message: str) -> None:
        self._status = DeviceStatus(DeviceState(state), message)
        self.status_changed.emit(state)
        self.status_text_changed.emit(message)
