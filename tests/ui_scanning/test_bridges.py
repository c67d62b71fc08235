from __future__ import annotations

import queue

import pytest
import serial
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from app.devices.fake_scale import FakeMtSicsScale, MtSicsSimulator
from app.devices.pty_device import PtyDevice
from app.devices.scale import ScaleConfig
from app.devices.serial_scanner import SerialScannerConfig
from app.devices.serial_worker import ReconnectPolicy
from app.devices.status import DeviceState
from ui.scanning.scale_bridge import ScaleBridge
from ui.scanning.serial_bridge import SerialScannerBridge

FAST_RETRY = ReconnectPolicy(initial_delay=0.02, max_delay=0.1)


def on_ui_thread() -> bool:
    return QThread.currentThread() is QApplication.instance().thread()


def is_(state: str):
    return lambda value: value == state


@pytest.fixture
def bridges():
    made = []
    yield made.append
    for bridge in made:
        assert bridge.stop()


class LoopPorts:
    def __init__(self) -> None:
        self.opened: queue.Queue[serial.SerialBase] = queue.Queue()

    def __call__(self, config):
        port = serial.serial_for_url("loop://", timeout=config.read_timeout)
        self.opened.put(port)
        return port


def test_serial_scanner_bridge_delivers_on_ui_thread(qtbot, bridges):
    ports = LoopPorts()
    bridge = SerialScannerBridge(SerialScannerConfig(port="loop://"), port_factory=ports)
    bridges(bridge)
    threads = []
    bridge.scanned.connect(lambda text: threads.append(on_ui_thread()))
    with qtbot.waitSignal(bridge.status_changed, timeout=5000) as status:
        bridge.start()
    assert status.args == ["connected"]
    assert bridge.status.state is DeviceState.CONNECTED
    assert bridge.running
    port = ports.opened.get(timeout=5)
    with qtbot.waitSignal(bridge.scanned, timeout=5000) as blocker:
        port.write(b"]C1010950110153000317\x1d10LOT7\r")
    assert blocker.args == ["]C1010950110153000317\x1d10LOT7"]
    assert threads == [True]


def test_serial_scanner_bridge_reports_reconnect(qtbot, tmp_path, bridges):
    with PtyDevice(tmp_path / "scanner") as device:
        bridge = SerialScannerBridge(
            SerialScannerConfig(port=device.port, suffix="LF", reconnect=FAST_RETRY)
        )
        bridges(bridge)
        texts = []
        bridge.status_text_changed.connect(texts.append)
        with qtbot.waitSignal(
            bridge.status_changed, timeout=5000, check_params_cb=is_("connected")
        ):
            bridge.start()
        with qtbot.waitSignal(
            bridge.status_changed, timeout=5000, check_params_cb=is_("disconnected")
        ):
            device.unplug()
        with qtbot.waitSignal(
            bridge.status_changed, timeout=5000, check_params_cb=is_("connected")
        ):
            device.plug()
        with qtbot.waitSignal(bridge.scanned, timeout=5000) as blocker:
            device.write(b"4006381333931\n")
        assert blocker.args == ["4006381333931"]
        assert any(device.port in text for text in texts)
    with qtbot.waitSignal(bridge.status_changed, timeout=5000, check_params_cb=is_("disconnected")):
        assert bridge.stop()
    assert not bridge.running


def test_scale_bridge_weight_reading_and_fault(qtbot, bridges):
    with FakeMtSicsScale(MtSicsSimulator("1.234", "kg")) as fake:
        bridge = ScaleBridge(ScaleConfig(port=fake.port, poll_interval=0.02, stable_readings=3))
        bridges(bridge)
        threads = []
        bridge.weight_accepted.connect(lambda grams: threads.append(on_ui_thread()))
        with qtbot.waitSignal(bridge.weight_accepted, timeout=5000) as accepted:
            bridge.start()
        assert accepted.args == [1234]
        assert threads == [True]
        assert (bridge.last_grams, bridge.last_stable) == (1234, True)

        with qtbot.waitSignal(
            bridge.reading_changed,
            timeout=5000,
            check_params_cb=lambda g, s: (g, s) == (2500, False),
        ):
            fake.simulator.set_weight("2.500", stable=False)

        with qtbot.waitSignal(bridge.fault_occurred, timeout=5000) as fault:
            fake.simulator.set_fault("S -")
        code, message = fault.args
        assert code == "underload" and message
        assert not bridge.last_stable


def test_bridge_stop_without_start(bridges):
    bridge = ScaleBridge(ScaleConfig(port="loop://"))
    assert bridge.stop()
    assert not bridge.running
