"""The devices a station uses, built from the settings: serial scanner, scale and scan feedback.

The main window owns one ``StationDevices`` and hands it to the views through
the ``ViewContext``. A view with a scan field connects ``scanned`` to the same
slot as its keyboard-wedge field, so a serial scanner and a wedge scanner
behave the same; a view that weighs connects ``weight_accepted``. An empty
port means "no such device here" (the keyboard-wedge scanner needs nothing).
``connect_station_scans`` does that wiring for a station view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.config import DeviceSettings
from app.devices.scale import ScaleConfig
from app.devices.serial_scanner import SerialScannerConfig
from ui.context import ViewContext
from ui.scanning.feedback import FeedbackBanner, FeedbackSounds, ScanFeedback
from ui.scanning.scale_bridge import ScaleBridge
from ui.scanning.scan_field import ScanField
from ui.scanning.serial_bridge import SerialScannerBridge

log = logging.getLogger(__name__)


class StationDevices(QObject):
    """Serial scanner and scale of this PC, started on ``start()`` and stopped on ``stop()``."""

    #: a scan from the serial scanner (GS kept), on the UI thread
    scanned = Signal(str)
    #: a stable weight from the scale, integer grams
    weight_accepted = Signal(int)
    #: live reading (grams, stable?) for a weight display
    reading_changed = Signal(int, bool)
    #: one line per device for the status bar, e.g. "Scanner: connected"
    status_text_changed = Signal(str)

    def __init__(self, settings: DeviceSettings, parent: QObject | None = None, *,
                 scanner_port_factory: Callable | None = None, scale_port_factory: Callable | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.scanner: SerialScannerBridge | None = None
        self.scale: ScaleBridge | None = None
        if settings.scanner_port:
            self.scanner = SerialScannerBridge(
                SerialScannerConfig(port=settings.scanner_port, baudrate=settings.scanner_baud,
                                    suffix=settings.scanner_suffix),
                self, port_factory=scanner_port_factory)
            self.scanner.scanned.connect(self.scanned)
            self.scanner.status_text_changed.connect(
                lambda text: self.status_text_changed.emit(self.tr("Scanner: {status}").format(status=text)))
        if settings.scale_port:
            self.scale = ScaleBridge(ScaleConfig(port=settings.scale_port, baudrate=settings.scale_baud), self,
                                     port_factory=scale_port_factory)
            self.scale.weight_accepted.connect(self.weight_accepted)
            self.scale.reading_changed.connect(self.reading_changed)
            self.scale.status_text_changed.connect(
                lambda text: self.status_text_changed.emit(self.tr("Scale: {status}").format(status=text)))

    @property
    def muted(self) -> bool:
        return self.settings.sound_muted

    def feedback(self, banner: FeedbackBanner, parent: QObject | None = None) -> ScanFeedback:
        """Scan feedback for a view's banner, with the sounds and the mute setting of this station."""
        return ScanFeedback(banner, FeedbackSounds(parent or banner), muted=self.settings.sound_muted)

    def start(self) -> None:
        for bridge in (self.scanner, self.scale):
            if bridge is not None:
                bridge.start()

    def stop(self) -> None:
        for bridge in (self.scanner, self.scale):
            if bridge is not None:
                bridge.stop()


def connect_station_scans(view: QWidget, context: ViewContext, scan_field: ScanField, feedback: ScanFeedback,
                          handler: Callable[[str], None], duplicate_text: str) -> None:
    """Wire a station view's scanning the one way all stations share, so both scanners act the same in each.

    Wedge and serial scans (the latter while ``view`` is on screen) go to ``handler``, a double read is
    rejected with ``duplicate_text`` (translated by the view), and ``view`` filters the scan field's keys.
    """
    scan_field.scanned.connect(handler)
    context.connect_serial_scans(view, handler)
    scan_field.duplicate_scanned.connect(lambda _text: feedback.reject(duplicate_text))
    scan_field.installEventFilter(view)
