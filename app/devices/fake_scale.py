"""A simulated MT-SICS scale for tests, demos and development without hardware.

:class:`MtSicsSimulator` is the protocol: it holds the weight on the pan and
answers one command line at a time. :class:`FakeMtSicsScale` puts it behind a
pseudo-terminal (:class:`~app.devices.pty_device.PtyDevice`) and answers in a
thread, so :class:`~app.devices.scale.SerialScale` talks to it exactly as to a
real scale on ``/dev/ttyUSB0``::

    with FakeMtSicsScale() as fake:
        fake.simulator.set_weight("1.234", "kg")
        scale = SerialScale(ScaleConfig(port=fake.port), on_weight=...)
"""

from __future__ import annotations

import os
import threading
from decimal import Decimal

from app.devices.framing import LineFramer, Suffix
from app.devices.pty_device import PtyDevice

CRLF = b"\r\n"


class MtSicsSimulator:
    """Protocol state of a scale. Thread-safe."""

    def __init__(
        self, value: Decimal | str = "0.000", unit: str = "kg", *, stable: bool = True
    ) -> None:
        self._lock = threading.Lock()
        self._value = Decimal(value)
        self._unit = unit
        self._stable = stable
        self._fault: str | None = None
        self.streaming = False
        self.commands: list[str] = []

    def set_weight(
        self, value: Decimal | str, unit: str | None = None, *, stable: bool = True
    ) -> None:
        with self._lock:
            self._value = Decimal(value)
            if unit is not None:
                self._unit = unit
            self._stable = stable
            self._fault = None

    def set_fault(self, reply: str | None) -> None:
        """Answer every weight request with ``reply`` (``"S +"``, ``"S I"``...)."""
        with self._lock:
            self._fault = reply

    def weight_line(self) -> str:
        with self._lock:
            if self._fault is not None:
                return self._fault
            status = "S" if self._stable else "D"
            return f"S {status} {self._value:>10} {self._unit}"

    def reply(self, command: str) -> str | None:
        """The reply to one request line, or None when the scale stays silent."""
        command = command.strip()
        with self._lock:
            self.commands.append(command)
            stable = self._stable
            fault = self._fault
        if command == "S":
            if fault is None and not stable:
                return "S I"
            return self.weight_line()
        if command == "SI":
            return self.weight_line()
        if command == "SIR":
            self.streaming = True
            return self.weight_line()
        if command == "@":  # reset: stop streaming
            self.streaming = False
            return 'I4 A "0000000000"'
        if not command:
            return None
        return "ES"


class FakeMtSicsScale:
    """A simulator answering over a pty. ``port`` is what the scale opens.

    ``stream_interval`` (seconds) makes it stream weight lines on its own
    (continuous-output mode); otherwise it streams only after ``SIR``.
    :meth:`unplug` / :meth:`plug` simulate the scale vanishing and returning;
    give a ``link`` path so the port name survives that.
    """

    def __init__(
        self,
        simulator: MtSicsSimulator | None = None,
        *,
        link: str | os.PathLike[str] | None = None,
        stream_interval: float | None = None,
    ) -> None:
        self.simulator = simulator or MtSicsSimulator()
        self.stream_interval = stream_interval
        self.device = PtyDevice(link)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_thread()

    @property
    def port(self) -> str:
        return self.device.port

    def _start_thread(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="freshflow-fake-scale", daemon=True)
        self._thread.start()

    def _stop_thread(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2.0)
            self._thread = None

    def _run(self) -> None:
        framer = LineFramer(Suffix.CR)  # accept CR, LF or CR LF from the host
        interval = self.stream_interval or 0.05
        while not self._stop.is_set():
            data = self.device.read(timeout=min(interval, 0.02))
            try:
                for frame in framer.feed(data.replace(b"\n", b"\r")):
                    answer = self.simulator.reply(frame.decode("ascii", "replace"))
                    if answer is not None:
                        self.device.write(answer.encode("ascii") + CRLF)
                if self.stream_interval is not None or self.simulator.streaming:
                    if self._stop.wait(interval):
                        break
                    self.device.write(self.simulator.weight_line().encode("ascii") + CRLF)
            except OSError:
                if self._stop.wait(0.05):
                    break

    def unplug(self) -> None:
        self._stop_thread()
        self.device.unplug()

    def plug(self) -> None:
        self.device.plug()
        self._start_thread()

    def close(self) -> None:
        self.unplug()

    def __enter__(self) -> FakeMtSicsScale:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
