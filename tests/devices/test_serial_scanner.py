from __future__ import annotations

import queue
import time

import pytest
import serial

from app.devices.framing import Suffix
from app.devices.pty_device import PtyDevice
from app.devices.serial_scanner import SerialScanner, SerialScannerConfig
from app.devices.serial_worker import ReconnectPolicy
from app.devices.status import DeviceState
from tests.devices.helpers import wait_for_state

FAST_RETRY = ReconnectPolicy(initial_delay=0.02, max_delay=0.1)
GS1 = "]C1010950110153000317251231\x1d10ABC123"


class LoopPorts:
    """Port factory handing out a fresh ``loop://`` port per (re)connect."""

    def __init__(self) -> None:
        self.opened: queue.Queue[serial.SerialBase] = queue.Queue()
        self.fail_next = 0

    def __call__(self, config: SerialScannerConfig) -> serial.SerialBase:
        if self.fail_next:
            self.fail_next -= 1
            raise serial.SerialException("device not present")
        port = serial.serial_for_url("loop://", timeout=config.read_timeout)
        self.opened.put(port)
        return port

    def next_port(self, timeout: float = 5.0) -> serial.SerialBase:
        return self.opened.get(timeout=timeout)


@pytest.fixture
def scans() -> queue.Queue[str]:
    return queue.Queue()


@pytest.fixture
def statuses() -> queue.Queue:
    return queue.Queue()


@pytest.fixture
def make_scanner(scans, statuses):
    started: list[SerialScanner] = []

    def make(config: SerialScannerConfig, **kwargs) -> SerialScanner:
        scanner = SerialScanner(config, scans.put, statuses.put, **kwargs)
        started.append(scanner)
        scanner.start()
        return scanner

    yield make
    for scanner in started:
        assert scanner.stop(), "reader thread did not stop"
        assert not scanner.running


def test_config_coerces_and_validates():
    config = SerialScannerConfig(port="/dev/ttyACM0", suffix="CRLF")
    assert config.suffix is Suffix.CRLF
    assert config.baudrate == 9600
    with pytest.raises(ValueError):
        SerialScannerConfig(port="")
    with pytest.raises(ValueError):
        SerialScannerConfig(port="loop://", baudrate=0)
    with pytest.raises(ValueError):
        SerialScannerConfig(port="loop://", suffix="ETX")


def test_loop_scan_is_delivered_raw(make_scanner, scans, statuses):
    ports = LoopPorts()
    make_scanner(SerialScannerConfig(port="loop://", suffix=Suffix.CR), port_factory=ports)
    wait_for_state(statuses, DeviceState.CONNECTED)
    port = ports.next_port()
    port.write(GS1.encode() + b"\r4006381333931\r")
    assert scans.get(timeout=5) == GS1
    assert scans.get(timeout=5) == "4006381333931"


def test_scan_split_across_reads(make_scanner, scans, statuses):
    ports = LoopPorts()
    make_scanner(SerialScannerConfig(port="loop://", suffix="CRLF"), port_factory=ports)
    wait_for_state(statuses, DeviceState.CONNECTED)
    port = ports.next_port()
    for piece in (b"]E0", b"40063", b"81333931\r", b"\n"):
        port.write(piece)
        time.sleep(0.01)
    assert scans.get(timeout=5) == "]E04006381333931"


def test_reconnects_after_port_failure(make_scanner, scans, statuses):
    ports = LoopPorts()
    scanner = make_scanner(
        SerialScannerConfig(port="loop://", reconnect=FAST_RETRY), port_factory=ports
    )
    wait_for_state(statuses, DeviceState.CONNECTED)
    first = ports.next_port()
    ports.fail_next = 2  # the device stays away for two attempts
    first.close()  # device vanished
    lost = wait_for_state(statuses, DeviceState.DISCONNECTED)
    assert "loop://" in lost.message
    assert wait_for_state(statuses, DeviceState.ERROR).message
    wait_for_state(statuses, DeviceState.CONNECTED)
    assert scanner.status.state is DeviceState.CONNECTED
    second = ports.next_port()
    second.write(b"AFTER-RECONNECT\r")
    assert scans.get(timeout=5) == "AFTER-RECONNECT"


def test_pty_unplug_and_replug(tmp_path, make_scanner, scans, statuses):
    with PtyDevice(tmp_path / "scanner0") as device:
        make_scanner(
            SerialScannerConfig(
                port=device.port, baudrate=115200, suffix="CRLF", reconnect=FAST_RETRY
            )
        )
        wait_for_state(statuses, DeviceState.CONNECTED)
        device.write(GS1.encode() + b"\r\n")
        assert scans.get(timeout=5) == GS1

        device.unplug()
        wait_for_state(statuses, DeviceState.DISCONNECTED)
        wait_for_state(statuses, DeviceState.ERROR)  # the port is gone: opening fails

        device.plug()
        wait_for_state(statuses, DeviceState.CONNECTED)
        device.write(b"0614141999996\r\n")
        assert scans.get(timeout=5) == "0614141999996"


def test_missing_port_retries_and_stops_promptly(make_scanner, statuses, tmp_path):
    scanner = make_scanner(
        SerialScannerConfig(port=str(tmp_path / "nope"), reconnect=ReconnectPolicy(0.05, 5.0))
    )
    error = wait_for_state(statuses, DeviceState.ERROR)
    assert "nope" in error.message
    wait_for_state(statuses, DeviceState.ERROR)  # it retries
    started = time.monotonic()
    assert scanner.stop()
    assert time.monotonic() - started < 1.0
    assert wait_for_state(statuses, DeviceState.DISCONNECTED).message


def test_callback_failure_does_not_kill_the_reader(statuses):
    ports = LoopPorts()
    seen: queue.Queue[str] = queue.Queue()

    def on_scan(text: str) -> None:
        seen.put(text)
        if text == "BOOM":
            raise RuntimeError("station bug")

    scanner = SerialScanner(
        SerialScannerConfig(port="loop://"), on_scan, statuses.put, port_factory=ports
    )
    scanner.start()
    try:
        wait_for_state(statuses, DeviceState.CONNECTED)
        port = ports.next_port()
        port.write(b"BOOM\rOK\r")
        assert seen.get(timeout=5) == "BOOM"
        assert seen.get(timeout=5) == "OK"
        assert scanner.running
    finally:
        scanner.stop()


def test_context_manager_stops_the_thread(scans):
    ports = LoopPorts()
    with SerialScanner(
        SerialScannerConfig(port="loop://"), scans.put, port_factory=ports
    ) as scanner:
        ports.next_port().write(b"X123\r")
        assert scans.get(timeout=5) == "X123"
    assert not scanner.running


def test_reconnect_policy_backoff():
    delays = ReconnectPolicy(initial_delay=0.5, max_delay=4.0, factor=2.0).delays()
    assert [next(delays) for _ in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    with pytest.raises(ValueError):
        ReconnectPolicy(initial_delay=2.0, max_delay=1.0)
