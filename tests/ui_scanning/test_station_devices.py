"""The settings really configure the station's devices (scanner, scale, mute)."""

from __future__ import annotations

import queue

import serial

from app.config import DeviceSettings
from app.devices.fake_scale import FakeMtSicsScale, MtSicsSimulator
from ui.scanning.feedback import FeedbackBanner
from ui.scanning.station_devices import StationDevices


class LoopPorts:
    def __init__(self) -> None:
        self.opened: queue.Queue[serial.SerialBase] = queue.Queue()

    def __call__(self, config):
        port = serial.serial_for_url("loop://", timeout=config.read_timeout)
        self.opened.put(port)
        return port


def test_no_ports_no_devices():
    devices = StationDevices(DeviceSettings())
    assert devices.scanner is None and devices.scale is None
    devices.start()
    devices.stop()


def test_serial_scanner_from_settings_delivers_scans(qtbot):
    ports = LoopPorts()
    devices = StationDevices(DeviceSettings(scanner_port="loop://", scanner_baud=19200, scanner_suffix="LF"),
                             scanner_port_factory=ports)
    assert devices.scanner.config.baudrate == 19200
    statuses = []
    devices.status_text_changed.connect(statuses.append)
    try:
        devices.start()
        port = ports.opened.get(timeout=5)
        with qtbot.waitSignal(devices.scanned, timeout=5000) as scan:
            port.write(b"B:SH-CHL-A01-02-1\n")
        assert scan.args == ["B:SH-CHL-A01-02-1"]
        qtbot.waitUntil(lambda: any(s.startswith("Scanner:") for s in statuses), timeout=5000)
    finally:
        devices.stop()


def test_scale_from_settings_delivers_stable_weights(qtbot):
    with FakeMtSicsScale(MtSicsSimulator("0.750", "kg")) as fake:
        devices = StationDevices(DeviceSettings(scale_port=fake.port))
        try:
            with qtbot.waitSignal(devices.weight_accepted, timeout=8000) as weight:
                devices.start()
            assert weight.args == [750]
        finally:
            devices.stop()


def test_mute_setting_reaches_the_feedback(qtbot):
    banner = FeedbackBanner()
    qtbot.addWidget(banner)
    assert StationDevices(DeviceSettings(sound_muted=True)).feedback(banner).muted
    assert not StationDevices(DeviceSettings(sound_muted=False)).feedback(banner).muted
