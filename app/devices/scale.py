"""Serial scales speaking MT-SICS (Mettler Toledo Standard Interface Command Set).

Protocol subset (level 0/1), every line ending in CR LF:

* requests ``S`` (stable weight; the scale waits until it settles) and
  ``SI`` (weight immediately, stable or not); ``SIR`` makes the scale stream
  ``SI`` replies continuously;
* weight replies ``S S     1.234 kg`` (stable) and ``S D     1.230 kg``
  (dynamic, i.e. still moving);
* error replies ``S I`` (cannot execute now: busy, or no stable weight in
  time), ``S +`` (overload), ``S -`` (underload), ``ES`` (syntax error),
  ``ET`` (transmission error), ``EL`` (logical error).

Weights are converted to integer grams with :class:`decimal.Decimal`, never
float (1 lb = 453.59237 g exactly; results are rounded half-even). A weight
counts as *accepted* only after ``stable_readings`` consecutive stable,
identical readings (:class:`StableWeightFilter`).

:class:`SerialScale` runs in a background thread, either polling (``SI``
every ``poll_interval``) or listening to a scale in continuous-output mode,
and reconnects when the scale disappears. It is Qt-free; Qt code uses
``ui.scanning.scale_bridge.ScaleBridge``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from enum import StrEnum

import serial

from app.devices.framing import LineFramer, Suffix
from app.devices.serial_worker import ReaderOwner, ReconnectingLineReader, ReconnectPolicy, open_serial_port
from app.devices.status import DeviceState, DeviceStatus
from app.i18n import _

log = logging.getLogger(__name__)


class WeightUnit(StrEnum):
    KG = "kg"
    G = "g"
    LB = "lb"

    @property
    def grams(self) -> Decimal:
        """Grams in one of this unit (exact)."""
        return _GRAMS_PER_UNIT[self.value]


_GRAMS_PER_UNIT = {"kg": Decimal(1000), "g": Decimal(1), "lb": Decimal("453.59237")}


def to_grams(value: Decimal | int | str, unit: WeightUnit | str) -> int:
    """Convert a weight to integer grams, rounding half to even.

    ``value`` must be exact (Decimal, int or a decimal string); floats are
    refused because they cannot represent scale readings exactly.
    """
    if isinstance(value, float):
        raise TypeError("weights must be Decimal, int or str, never float")
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    grams = amount * WeightUnit(str(unit).lower()).grams
    return int(grams.to_integral_value(rounding=ROUND_HALF_EVEN))


class ScaleMode(StrEnum):
    POLL = "poll"  # we send ``poll_command`` and read the reply
    CONTINUOUS = "continuous"  # the scale streams readings on its own


class ScaleErrorCode(StrEnum):
    BUSY = "busy"  # S I
    OVERLOAD = "overload"  # S +
    UNDERLOAD = "underload"  # S -
    SYNTAX = "syntax"  # ES
    TRANSMISSION = "transmission"  # ET
    LOGICAL = "logical"  # EL
    UNSUPPORTED_UNIT = "unsupported_unit"
    UNPARSEABLE = "unparseable"


@dataclass(frozen=True, slots=True)
class ScaleReading:
    """One weight reply. ``grams`` is ``value`` in ``unit`` converted exactly."""

    stable: bool
    value: Decimal
    unit: WeightUnit
    grams: int
    raw: str


@dataclass(frozen=True, slots=True)
class ScaleFault:
    """An error reply (or a line that is not MT-SICS)."""

    code: ScaleErrorCode
    raw: str
    detail: str = ""

    @property
    def message(self) -> str:
        """Translated text for the person at the station."""
        texts = {
            ScaleErrorCode.BUSY: _("The scale cannot weigh right now (busy or not settling)"),
            ScaleErrorCode.OVERLOAD: _("Scale overloaded: take weight off the pan"),
            ScaleErrorCode.UNDERLOAD: _("Scale underloaded: check the pan and zero the scale"),
            ScaleErrorCode.SYNTAX: _("The scale did not understand the command"),
            ScaleErrorCode.TRANSMISSION: _("The scale reported a transmission error"),
            ScaleErrorCode.LOGICAL: _("The scale cannot execute the command"),
            ScaleErrorCode.UNSUPPORTED_UNIT: _("The scale reports in an unsupported unit: {unit}"),
            ScaleErrorCode.UNPARSEABLE: _("Unreadable reply from the scale: {raw}"),
        }
        return texts[self.code].format(unit=self.detail, raw=self.raw)


_WEIGHT_RE = re.compile(
    r"^(?:SIR|SI|S)\s+(?P<status>[SD])\s+(?P<sign>[-+]?)\s*"
    r"(?P<number>\d+(?:\.\d*)?|\.\d+)\s*(?P<unit>[A-Za-z]+)$"
)
_ERROR_RE = re.compile(r"^(?:(?:SIR|SI|S)\s+(?P<s>[I+\-])|E(?P<e>[STL]))$")
_ERROR_CODES = {
    "I": ScaleErrorCode.BUSY,
    "+": ScaleErrorCode.OVERLOAD,
    "-": ScaleErrorCode.UNDERLOAD,
    "S": ScaleErrorCode.SYNTAX,
    "T": ScaleErrorCode.TRANSMISSION,
    "L": ScaleErrorCode.LOGICAL,
}


def parse_mtsics(line: str) -> ScaleReading | ScaleFault:
    """Parse one MT-SICS reply line (terminator already removed)."""
    text = line.strip()
    match = _WEIGHT_RE.match(text)
    if match:
        unit_text = match["unit"].lower()
        try:
            unit = WeightUnit(unit_text)
        except ValueError:
            return ScaleFault(ScaleErrorCode.UNSUPPORTED_UNIT, line, detail=match["unit"])
        try:
            value = Decimal(match["sign"] + match["number"])
        except InvalidOperation:  # pragma: no cover - the regex admits only digits
            return ScaleFault(ScaleErrorCode.UNPARSEABLE, line)
        return ScaleReading(
            stable=match["status"] == "S",
            value=value,
            unit=unit,
            grams=to_grams(value, unit),
            raw=line,
        )
    match = _ERROR_RE.match(text)
    if match:
        return ScaleFault(_ERROR_CODES[match["s"] or match["e"]], line)
    return ScaleFault(ScaleErrorCode.UNPARSEABLE, line)


class StableWeightFilter:
    """Accepts a weight after ``required`` consecutive stable, identical readings.

    ``feed`` returns the accepted reading exactly once per resting period: more
    identical readings return None, a dynamic reading, a different value or a
    fault starts the count again (so taking a parcel off and putting it back
    is accepted anew).
    """

    def __init__(self, required: int = 3) -> None:
        if required < 1:
            raise ValueError("required must be at least 1")
        self.required = required
        self._key: tuple[Decimal, WeightUnit] | None = None
        self._count = 0

    def reset(self) -> None:
        self._key = None
        self._count = 0

    def feed(self, item: ScaleReading | ScaleFault) -> ScaleReading | None:
        if not isinstance(item, ScaleReading) or not item.stable:
            self.reset()
            return None
        key = (item.value, item.unit)
        if key == self._key:
            self._count += 1
        else:
            self._key = key
            self._count = 1
        return item if self._count == self.required else None


@dataclass(frozen=True, slots=True)
class ScaleConfig:
    """Settings of one serial scale (MT-SICS defaults: 9600 8N1, CR LF).

    In ``POLL`` mode ``poll_command`` (``SI``, or ``S`` to let the scale wait
    for a stable weight - then raise ``response_timeout``) is sent every
    ``poll_interval`` seconds once the previous reply arrived. In
    ``CONTINUOUS`` mode nothing is polled; set ``start_command`` (e.g.
    ``SIR``) if the scale must be told to stream. ``start_command`` is sent
    after every (re)connect. No line within ``response_timeout`` seconds is
    reported as an error status (None: never).
    """

    port: str
    baudrate: int = 9600
    bytesize: int = serial.EIGHTBITS
    parity: str = serial.PARITY_NONE
    stopbits: float = serial.STOPBITS_ONE
    suffix: Suffix = Suffix.CRLF
    mode: ScaleMode = ScaleMode.POLL
    poll_command: str = "SI"
    poll_interval: float = 0.2
    start_command: str | None = None
    stable_readings: int = 3
    response_timeout: float | None = 2.0
    read_timeout: float = 0.05
    encoding: str = "ascii"
    reconnect: ReconnectPolicy = field(default_factory=ReconnectPolicy)

    def __post_init__(self) -> None:
        object.__setattr__(self, "suffix", Suffix(self.suffix))
        object.__setattr__(self, "mode", ScaleMode(self.mode))
        if not self.port:
            raise ValueError("a scale needs a port")
        if self.stable_readings < 1:
            raise ValueError("stable_readings must be at least 1")
        if self.poll_interval <= 0 or self.read_timeout <= 0:
            raise ValueError("intervals must be positive")


def default_port_factory(config: ScaleConfig) -> serial.SerialBase:
    return open_serial_port(
        config.port,
        baudrate=config.baudrate,
        bytesize=config.bytesize,
        parity=config.parity,
        stopbits=config.stopbits,
        timeout=config.read_timeout,
    )


class SerialScale(ReaderOwner):
    """Qt-free MT-SICS scale reader (polling or continuous).

    Callbacks, all on the reader thread: ``on_reading(ScaleReading)`` for every
    weight line (live display), ``on_weight(ScaleReading)`` when a weight is
    accepted by the :class:`StableWeightFilter`, ``on_fault(ScaleFault)`` for
    error replies, ``on_status(DeviceStatus)`` for connection changes and for
    "not responding". Always call :meth:`stop`.
    """

    def __init__(
        self,
        config: ScaleConfig,
        *,
        on_reading: Callable[[ScaleReading], None] | None = None,
        on_weight: Callable[[ScaleReading], None] | None = None,
        on_fault: Callable[[ScaleFault], None] | None = None,
        on_status: Callable[[DeviceStatus], None] | None = None,
        port_factory: Callable[[ScaleConfig], serial.SerialBase] | None = None,
    ) -> None:
        self.config = config
        self._on_reading = on_reading
        self._on_weight = on_weight
        self._on_fault = on_fault
        self.filter = StableWeightFilter(config.stable_readings)
        factory = port_factory or default_port_factory
        self._reader = ReconnectingLineReader(
            device_name=_("Scale"),
            port_name=config.port,
            port_factory=lambda: factory(config),
            framer=LineFramer(config.suffix),
            on_frame=self._frame_received,
            on_status=on_status,
            on_connected=self._connected,
            on_tick=self._tick,
            policy=config.reconnect,
            thread_name=f"freshflow-scale[{config.port}]",
        )
        self._last_request: float | None = None
        self._awaiting_reply = False
        self._last_line: float = 0.0
        self._silent = False

    # -- control ---------------------------------------------------------------


    # -- reader thread ---------------------------------------------------------

    def _send(self, port: serial.SerialBase, command: str) -> None:
        port.write(command.encode(self.config.encoding) + self.config.suffix.terminator)

    def _connected(self, port: serial.SerialBase) -> None:
        self.filter.reset()
        self._last_request = None
        self._awaiting_reply = False
        self._silent = False
        self._last_line = self._reader.now()
        if self.config.start_command:
            self._send(port, self.config.start_command)

    def _tick(self, port: serial.SerialBase, now: float) -> None:
        cfg = self.config
        timeout = cfg.response_timeout
        if cfg.mode is ScaleMode.POLL:
            overdue = (
                self._awaiting_reply
                and self._last_request is not None
                and timeout is not None
                and now - self._last_request >= timeout
            )
            due = self._last_request is None or (
                not self._awaiting_reply and now - self._last_request >= cfg.poll_interval
            )
            if overdue:
                self._report_silence()
            if due or overdue:
                self._send(port, cfg.poll_command)
                self._last_request = now
                self._awaiting_reply = True
        elif timeout is not None and now - self._last_line >= timeout:
            self._report_silence()
            self._last_line = now

    def _report_silence(self) -> None:
        self.filter.reset()
        if not self._silent:
            self._silent = True
            self._reader.report_status(
                DeviceState.ERROR,
                _("{device}: no answer from {port}; is the scale switched on?").format(
                    device=self._reader.device_name, port=self.config.port
                ),
            )

    def _frame_received(self, frame: bytes) -> None:
        self._awaiting_reply = False
        self._last_line = self._reader.now()
        if self._silent:
            self._silent = False
            self._reader.report_status(
                DeviceState.CONNECTED,
                _("{device}: connected on {port}").format(
                    device=self._reader.device_name, port=self.config.port
                ),
            )
        item = parse_mtsics(frame.decode(self.config.encoding, errors="replace"))
        accepted = self.filter.feed(item)
        if isinstance(item, ScaleFault):
            log.debug("scale fault %s (%r)", item.code, item.raw)
            if self._on_fault is not None:
                self._on_fault(item)
            return
        if self._on_reading is not None:
            self._on_reading(item)
        if accepted is not None and self._on_weight is not None:
            self._on_weight(accepted)
