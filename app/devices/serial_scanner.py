"""Serial (RS-232 / USB-CDC) barcode scanners.

The scanner sends each barcode as raw bytes followed by its configured suffix
(CR, LF or CRLF). :class:`SerialScanner` reads the port in a background
thread, splits the stream on that suffix and calls ``on_scan(text)`` once per
barcode with the text exactly as sent (symbology identifier such as ``]C1``
and GS separators ``\\x1d`` included; interpreting them is the parser's job).

When the port fails (cable pulled, device re-enumerating) the scanner reports
``DeviceState.DISCONNECTED`` and keeps trying to reopen it with exponential
backoff until :meth:`SerialScanner.stop`. Qt code uses
``ui.scanning.serial_bridge.SerialScannerBridge`` instead of the callbacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import serial

from app.devices.framing import LineFramer, Suffix
from app.devices.serial_worker import ReaderOwner, ReconnectingLineReader, ReconnectPolicy, open_serial_port
from app.devices.status import DeviceStatus
from app.i18n import _

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SerialScannerConfig:
    """Settings of one serial scanner.

    ``port`` is a device path (``/dev/ttyACM0``, ``COM3``, preferably a stable
    ``/dev/serial/by-id/...`` link) or any pyserial URL (``loop://``,
    ``socket://host:port``). ``suffix`` may be given as ``"CR"``, ``"LF"`` or
    ``"CRLF"``.
    """

    port: str
    baudrate: int = 9600
    suffix: Suffix = Suffix.CR
    bytesize: int = serial.EIGHTBITS
    parity: str = serial.PARITY_NONE
    stopbits: float = serial.STOPBITS_ONE
    encoding: str = "utf-8"
    read_timeout: float = 0.1
    max_length: int = 4096
    reconnect: ReconnectPolicy = field(default_factory=ReconnectPolicy)

    def __post_init__(self) -> None:
        object.__setattr__(self, "suffix", Suffix(self.suffix))
        if not self.port:
            raise ValueError("a serial scanner needs a port")
        if self.baudrate <= 0:
            raise ValueError("baudrate must be positive")
        if self.read_timeout <= 0:
            raise ValueError("read_timeout must be positive")


def default_port_factory(config: SerialScannerConfig) -> serial.SerialBase:
    return open_serial_port(
        config.port,
        baudrate=config.baudrate,
        bytesize=config.bytesize,
        parity=config.parity,
        stopbits=config.stopbits,
        timeout=config.read_timeout,
    )


class SerialScanner(ReaderOwner):
    """Qt-free serial scanner reader.

    ``on_scan(text)`` and ``on_status(DeviceStatus)`` are called on the reader
    thread. ``port_factory(config)`` opens the port (tests pass one returning
    ``loop://`` ports or pty ends). Always call :meth:`stop` - it joins the
    thread.
    """

    def __init__(
        self,
        config: SerialScannerConfig,
        on_scan: Callable[[str], None],
        on_status: Callable[[DeviceStatus], None] | None = None,
        *,
        port_factory: Callable[[SerialScannerConfig], serial.SerialBase] | None = None,
    ) -> None:
        self.config = config
        self._on_scan = on_scan
        factory = port_factory or default_port_factory
        self._reader = ReconnectingLineReader(
            device_name=_("Scanner"),
            port_name=config.port,
            port_factory=lambda: factory(config),
            framer=LineFramer(config.suffix, config.max_length),
            on_frame=self._frame_received,
            on_status=on_status,
            policy=config.reconnect,
            thread_name=f"freshflow-scanner[{config.port}]",
        )

    def _frame_received(self, frame: bytes) -> None:
        text = frame.decode(self.config.encoding, errors="replace")
        log.debug("serial scan %r", text)
        self._on_scan(text)

