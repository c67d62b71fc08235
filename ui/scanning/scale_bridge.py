"""Qt bridge over :class:`app.devices.scale.SerialScale`.

Signals, all delivered on the UI thread:

``reading_changed(int grams, bool stable)``
    every weight line (live display; ``stable`` False while settling);
``weight_accepted(int grams)``
    a weight held stable for ``ScaleConfig.stable_readings`` identical
    readings - the value a station books;
``fault_occurred(str code, str message)``
    an error reply (``ScaleErrorCode`` value, translated text);
``status_changed(str)`` / ``status_text_changed(str)``
    connection state and its text (see :class:`DeviceBridge`).
"""

from __future__ import annotations

from collections.abc import Callable

import serial
from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.devices.scale import ScaleConfig, ScaleFault, ScaleReading, SerialScale
from ui.scanning.device_bridge import DeviceBridge


class ScaleBridge(DeviceBridge):
    reading_changed = Signal(int, bool)
    weight_accepted = Signal(int)
    fault_occurred = Signal(str, str)
    _reading_arrived = Signal(int, bool)
    _weight_arrived = Signal(int)
    _fault_arrived = Signal(str, str)

    def __init__(
        self,
        config: ScaleConfig,
        parent: QObject | None = None,
        *,
        port_factory: Callable[[ScaleConfig], serial.SerialBase] | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.last_grams: int | None = None
        self.last_stable = False
        queued = Qt.ConnectionType.QueuedConnection
        self._reading_arrived.connect(self._deliver_reading, queued)
        self._weight_arrived.connect(self._deliver_weight, queued)
        self._fault_arrived.connect(self._deliver_fault, queued)
        self._driver = SerialScale(
            config,
            on_reading=self._reading_callback,
            on_weight=self._weight_callback,
            on_fault=self._fault_callback,
            on_status=self._status_callback,
            port_factory=port_factory,
        )

    # reader thread
    def _reading_callback(self, reading: ScaleReading) -> None:
        self._emit_from_thread(self._reading_arrived, reading.grams, reading.stable)

    def _weight_callback(self, reading: ScaleReading) -> None:
        self._emit_from_thread(self._weight_arrived, reading.grams)

    def _fault_callback(self, fault: ScaleFault) -> None:
        self._emit_from_thread(self._fault_arrived, fault.code.value, fault.message)

    # UI thread
    @Slot(int, bool)
    def _deliver_reading(self, grams: int, stable: bool) -> None:
        self.last_grams = grams
        self.last_stable = stable
        self.reading_changed.emit(grams, stable)

    @Slot(int)
    def _deliver_weight(self, grams: int) -> None:
        self.weight_accepted.emit(grams)

    @Slot(str, str)
    def _deliver_fault(self, code: str, message: str) -> None:
        self.last_stable = False
        self.fault_occurred.emit(code, message)
