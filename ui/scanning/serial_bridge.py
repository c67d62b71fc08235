"""Qt bridge over :class:`app.devices.serial_scanner.SerialScanner`.

::

    bridge = SerialScannerBridge(SerialScannerConfig(port="/dev/ttyACM0", suffix="CR"))
    bridge.scanned.connect(station.handle_scan)   # runs on the UI thread
    bridge.status_changed.connect(...)            # "connected" / "disconnected" / "error"
    bridge.start()
    ...
    bridge.stop()                                  # joins the reader thread
"""

from __future__ import annotations

from collections.abc import Callable

import serial
from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.devices.serial_scanner import SerialScanner, SerialScannerConfig
from ui.scanning.device_bridge import DeviceBridge


class SerialScannerBridge(DeviceBridge):
    """``scanned(str)``: one raw scan (GS kept as ``"\\x1d"``), on the UI thread."""

    scanned = Signal(str)
    _scan_arrived = Signal(str)

    def __init__(
        self,
        config: SerialScannerConfig,
        parent: QObject | None = None,
        *,
        port_factory: Callable[[SerialScannerConfig], serial.SerialBase] | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self._scan_arrived.connect(self._deliver_scan, Qt.ConnectionType.QueuedConnection)
        self._driver = SerialScanner(
            config,
            on_scan=lambda text: self._emit_from_thread(self._scan_arrived, text),
            on_status=self._status_callback,
            port_factory=port_factory,
        )

    @Slot(str)
    def _deliver_scan(self, text: str) -> None:
        self.scanned.emit(text)
