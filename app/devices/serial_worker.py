"""A reconnecting, line-framed serial reader running in its own thread.

Modelled on pyserial's ``serial.threaded.ReaderThread`` + ``LineReader``, with
two additions a shop floor needs: the port is reopened when the device
disappears and comes back (USB unplugged, scale switched off), with
exponential backoff, and every change of connection state is reported through
a status callback. Callbacks run on the reader thread; they must be quick and
must not touch widgets (the Qt bridges in ``ui/scanning`` re-emit them as
queued signals).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import serial

from app.devices.framing import LineFramer
from app.devices.status import DeviceState, DeviceStatus
from app.i18n import _

log = logging.getLogger(__name__)

PortFactory = Callable[[], serial.SerialBase]
"""Returns an *open* port, or raises (``serial.SerialException``/``OSError``)."""


@dataclass(frozen=True, slots=True)
class ReconnectPolicy:
    """Exponential backoff between attempts to (re)open a port, in seconds."""

    initial_delay: float = 0.5
    max_delay: float = 10.0
    factor: float = 2.0

    def __post_init__(self) -> None:
        if self.initial_delay < 0 or self.max_delay < self.initial_delay or self.factor < 1:
            raise ValueError("invalid reconnect policy")

    def delays(self) -> Iterator[float]:
        delay = self.initial_delay
        while True:
            yield delay
            delay = min(delay * self.factor, self.max_delay)


def open_serial_port(
    port: str,
    *,
    baudrate: int,
    bytesize: int = serial.EIGHTBITS,
    parity: str = serial.PARITY_NONE,
    stopbits: float = serial.STOPBITS_ONE,
    timeout: float = 0.1,
    **kwargs: Any,
) -> serial.SerialBase:
    """Open ``port`` (a device path or any pyserial URL such as ``loop://``)."""
    return serial.serial_for_url(
        port,
        baudrate=baudrate,
        bytesize=bytesize,
        parity=parity,
        stopbits=stopbits,
        timeout=timeout,
        **kwargs,
    )


class ReconnectingLineReader:
    """Reads frames from a serial port in a background thread until stopped.

    ``on_frame(bytes)`` gets each complete frame (suffix removed);
    ``on_status(DeviceStatus)`` each connection change; ``on_connected(port)``
    runs on the reader thread right after the port opened (e.g. to start a
    scale streaming) and ``on_tick(port, now)`` after every read attempt, at
    least every ``read timeout`` seconds (e.g. to poll a scale). Exceptions from
    callbacks are logged and do not stop the reader.
    """

    def __init__(
        self,
        *,
        device_name: str,
        port_name: str,
        port_factory: PortFactory,
        framer: LineFramer,
        on_frame: Callable[[bytes], None],
        on_status: Callable[[DeviceStatus], None] | None = None,
        on_connected: Callable[[serial.SerialBase], None] | None = None,
        on_tick: Callable[[serial.SerialBase, float], None] | None = None,
        policy: ReconnectPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        thread_name: str = "freshflow-serial",
    ) -> None:
        self.device_name = device_name
        self.port_name = port_name
        self._port_factory = port_factory
        self._framer = framer
        self._on_frame = on_frame
        self._on_status = on_status
        self._on_connected = on_connected
        self._on_tick = on_tick
        self.policy = policy or ReconnectPolicy()
        self._clock = clock
        self._thread_name = thread_name
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._port: serial.SerialBase | None = None
        self._thread: threading.Thread | None = None
        self._outbox: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._status = DeviceStatus(DeviceState.DISCONNECTED, "")

    # -- control (any thread) ------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self._thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop reading, close the port and join the thread. True if it ended."""
        self._stop.set()
        with self._lock:
            port = self._port
        if port is not None:
            try:
                port.cancel_read()
            except Exception:  # noqa: BLE001 - best effort wake-up only
                pass
        thread = self._thread
        if thread is None:
            return True
        if thread is not threading.current_thread():
            thread.join(timeout)
        if thread.is_alive():
            log.warning("%s reader thread did not stop within %.1f s", self.device_name, timeout)
            return False
        self._thread = None
        return True

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def status(self) -> DeviceStatus:
        return self._status

    def now(self) -> float:
        """The reader's clock (monotonic seconds), as passed to ``on_tick``."""
        return self._clock()

    def write(self, data: bytes) -> None:
        """Queue ``data`` for the device; sent by the reader thread while connected."""
        self._outbox.put(bytes(data))

    # -- reader thread -------------------------------------------------------

    def report_status(self, state: DeviceState, message: str) -> None:
        """Record and announce a status; drivers call it from their hooks."""
        self._status = DeviceStatus(state, message)
        log.info("%s: %s", self.device_name, message)
        if self._on_status is not None:
            try:
                self._on_status(self._status)
            except Exception:
                log.exception("status callback failed")

    def _drain_outbox(self, port: serial.SerialBase | None) -> None:
        while True:
            try:
                data = self._outbox.get_nowait()
            except queue.Empty:
                return
            if port is not None:
                port.write(data)

    def _run(self) -> None:
        backoff = self.policy.delays()
        try:
            while not self._stop.is_set():
                try:
                    port = self._port_factory()
                except Exception as exc:  # noqa: BLE001 - any failure to open is retried
                    delay = next(backoff)
                    self.report_status(
                        DeviceState.ERROR,
                        _(
                            "{device}: cannot open {port} ({reason}); retrying in {delay:.1f} s"
                        ).format(
                            device=self.device_name, port=self.port_name, reason=exc, delay=delay
                        ),
                    )
                    if self._stop.wait(delay):
                        break
                    continue

                with self._lock:
                    self._port = port
                backoff = self.policy.delays()
                reason = self._serve(port)
                with self._lock:
                    self._port = None
                try:
                    port.close()
                except Exception:  # noqa: BLE001
                    log.debug("closing %s failed", self.port_name, exc_info=True)
                if self._stop.is_set():
                    break
                delay = next(backoff)
                self.report_status(
                    DeviceState.DISCONNECTED,
                    _(
                        "{device}: connection to {port} lost ({reason}); retrying in {delay:.1f} s"
                    ).format(
                        device=self.device_name, port=self.port_name, reason=reason, delay=delay
                    ),
                )
                if self._stop.wait(delay):
                    break
        finally:
            self.report_status(
                DeviceState.DISCONNECTED,
                _("{device}: stopped").format(device=self.device_name),
            )

    @staticmethod
    def _call_hook(hook: Callable[..., None], *args: Any) -> None:
        """Run a callback; port failures propagate, anything else is logged."""
        try:
            hook(*args)
        except (serial.SerialException, OSError):
            raise
        except Exception:
            log.exception("device callback %r failed", hook)

    def _serve(self, port: serial.SerialBase) -> str:
        """Read until the port fails or stop is requested; return the failure reason."""
        self._framer.reset()
        self._drain_outbox(None)  # commands queued while disconnected are stale
        if self._stop.is_set():
            return ""
        self.report_status(
            DeviceState.CONNECTED,
            _("{device}: connected on {port}").format(device=self.device_name, port=self.port_name),
        )
        try:
            if self._on_connected is not None:
                self._call_hook(self._on_connected, port)
            while not self._stop.is_set():
                self._drain_outbox(port)
                data = port.read(port.in_waiting or 1)
                if data:
                    for frame in self._framer.feed(data):
                        self._call_hook(self._on_frame, frame)
                if self._on_tick is not None:
                    self._call_hook(self._on_tick, port, self._clock())
        except (serial.SerialException, OSError) as exc:
            return str(exc) or type(exc).__name__
        return ""


class ReaderOwner:
    """Start/stop/status of a device that owns a ``ReconnectingLineReader`` as ``_reader``."""

    _reader: ReconnectingLineReader

    def start(self) -> None:
        self._reader.start()

    def stop(self, timeout: float = 2.0) -> bool:
        return self._reader.stop(timeout)

    @property
    def running(self) -> bool:
        return self._reader.running

    @property
    def status(self) -> DeviceStatus:
        return self._reader.status

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
