"""Device drivers: barcode scanners and scales (DESIGN.md §7).

Everything here is Qt-free. A driver reads its device in a background thread
and reports through plain callbacks; the thin QObject bridges in
``ui/scanning`` turn those callbacks into signals delivered on the UI thread.
All of it runs without hardware: pyserial ``loop://`` URLs, pseudo-terminal
pairs (:mod:`app.devices.pty_device`) and a fake MT-SICS scale
(:mod:`app.devices.fake_scale`).
"""

from app.devices.framing import LineFramer, Suffix
from app.devices.keyboard_wedge import (
    DuplicateDetector,
    KeystrokeLog,
    ScanEvent,
    ScanSource,
    WedgeInterpreter,
    WedgeSettings,
)
from app.devices.scale import (
    ScaleConfig,
    ScaleErrorCode,
    ScaleFault,
    ScaleMode,
    ScaleReading,
    SerialScale,
    StableWeightFilter,
    WeightUnit,
    parse_mtsics,
    to_grams,
)
from app.devices.serial_scanner import SerialScanner, SerialScannerConfig
from app.devices.serial_worker import ReconnectPolicy
from app.devices.status import DeviceState, DeviceStatus

__all__ = [
    "DeviceState",
    "DeviceStatus",
    "DuplicateDetector",
    "KeystrokeLog",
    "LineFramer",
    "ReconnectPolicy",
    "ScaleConfig",
    "ScaleErrorCode",
    "ScaleFault",
    "ScaleMode",
    "ScaleReading",
    "ScanEvent",
    "ScanSource",
    "SerialScale",
    "SerialScanner",
    "SerialScannerConfig",
    "StableWeightFilter",
    "Suffix",
    "WedgeInterpreter",
    "WedgeSettings",
    "WeightUnit",
    "parse_mtsics",
    "to_grams",
]
