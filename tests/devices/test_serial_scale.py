from __future__ import annotations

import queue

import pytest

from app.devices.fake_scale import FakeMtSicsScale, MtSicsSimulator
from app.devices.pty_device import PtyDevice
from app.devices.scale import ScaleConfig, ScaleErrorCode, ScaleMode, SerialScale
from app.devices.serial_worker import ReconnectPolicy
from app.devices.status import DeviceState
from tests.devices.helpers import wait_for_state

FAST_RETRY = ReconnectPolicy(initial_delay=0.02, max_delay=0.1)


class Events:
    def __init__(self) -> None:
        self.readings: queue.Queue = queue.Queue()
        self.weights: queue.Queue = queue.Queue()
        self.faults: queue.Queue = queue.Queue()
        self.statuses: queue.Queue = queue.Queue()

    def callbacks(self) -> dict:
        return {
            "on_reading": self.readings.put,
            "on_weight": self.weights.put,
            "on_fault": self.faults.put,
            "on_status": self.statuses.put,
        }


def next_matching(q: queue.Queue, predicate, timeout: float = 5.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            item = q.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        if predicate(item):
            return item
    raise AssertionError("expected item did not arrive")


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def fake(tmp_path):
    scale = FakeMtSicsScale(MtSicsSimulator("1.234", "kg"), link=tmp_path / "scale0")
    yield scale
    scale.close()


@pytest.fixture
def run_scale(events):
    scales: list[SerialScale] = []

    def run(config: ScaleConfig) -> SerialScale:
        scale = SerialScale(config, **events.callbacks())
        scales.append(scale)
        scale.start()
        return scale

    yield run
    for scale in scales:
        assert scale.stop()


def test_config_defaults_and_validation():
    config = ScaleConfig(port="/dev/ttyUSB0", mode="continuous")
    assert config.mode is ScaleMode.CONTINUOUS
    assert config.suffix.terminator == b"\r\n"
    assert config.poll_command == "SI"
    with pytest.raises(ValueError):
        ScaleConfig(port="/dev/ttyUSB0", stable_readings=0)
    with pytest.raises(ValueError):
        ScaleConfig(port="")


def test_polling_accepts_a_stable_weight(fake, run_scale, events):
    run_scale(ScaleConfig(port=fake.port, poll_interval=0.02, stable_readings=3))
    wait_for_state(events.statuses, DeviceState.CONNECTED)
    accepted = events.weights.get(timeout=5)
    assert accepted.grams == 1234 and accepted.stable
    assert events.readings.qsize() >= 3  # every reading is reported, not only the accepted one
    assert fake.simulator.commands.count("SI") >= 3


def test_dynamic_readings_are_shown_but_not_accepted(fake, run_scale, events):
    fake.simulator.set_weight("0.750", stable=False)
    run_scale(ScaleConfig(port=fake.port, poll_interval=0.02, stable_readings=2))
    moving = next_matching(events.readings, lambda r: r.grams == 750)
    assert not moving.stable
    assert events.weights.empty()
    fake.simulator.set_weight("0.752", stable=True)
    assert events.weights.get(timeout=5).grams == 752


def test_error_replies_become_faults(fake, run_scale, events):
    fake.simulator.set_fault("S +")
    run_scale(ScaleConfig(port=fake.port, poll_interval=0.02))
    fault = events.faults.get(timeout=5)
    assert fault.code is ScaleErrorCode.OVERLOAD
    assert events.weights.empty()


def test_pound_scale_in_grams(fake, run_scale, events):
    fake.simulator.set_weight("2.50", "lb")
    run_scale(ScaleConfig(port=fake.port, poll_interval=0.02, stable_readings=2))
    assert events.weights.get(timeout=5).grams == 1134  # 1133.980925 g


def test_continuous_output_mode(tmp_path, run_scale, events):
    with FakeMtSicsScale(MtSicsSimulator("0.420", "kg"), stream_interval=0.02) as streaming:
        run_scale(ScaleConfig(port=streaming.port, mode=ScaleMode.CONTINUOUS, stable_readings=3))
        assert events.weights.get(timeout=5).grams == 420
        assert streaming.simulator.commands == []  # nothing was polled


def test_continuous_mode_with_start_command(run_scale, events):
    with FakeMtSicsScale(MtSicsSimulator("0.100", "kg")) as fake:
        run_scale(
            ScaleConfig(port=fake.port, mode="continuous", start_command="SIR", stable_readings=2)
        )
        assert events.weights.get(timeout=5).grams == 100
        assert fake.simulator.streaming
        assert fake.simulator.commands == ["SIR"]


def test_scale_unplugged_and_back(fake, run_scale, events):
    scale = run_scale(
        ScaleConfig(port=fake.port, poll_interval=0.02, stable_readings=2, reconnect=FAST_RETRY)
    )
    wait_for_state(events.statuses, DeviceState.CONNECTED)
    assert events.weights.get(timeout=5).grams == 1234

    fake.unplug()
    wait_for_state(events.statuses, DeviceState.DISCONNECTED)
    fake.simulator.set_weight("2.000")
    fake.plug()
    wait_for_state(events.statuses, DeviceState.CONNECTED)
    assert next_matching(events.weights, lambda r: r.grams == 2000).stable
    assert scale.status.state is DeviceState.CONNECTED


def test_silent_scale_is_reported_and_recovers(run_scale, events):
    with PtyDevice() as device:  # a port with nothing answering
        run_scale(ScaleConfig(port=device.port, poll_interval=0.02, response_timeout=0.2))
        wait_for_state(events.statuses, DeviceState.CONNECTED)
        silent = wait_for_state(events.statuses, DeviceState.ERROR)
        assert "no answer" in silent.message
        assert b"SI\r\n" in device.read(timeout=1.0)
        device.write(b"S S     0.005 kg\r\n")
        wait_for_state(events.statuses, DeviceState.CONNECTED)
        assert events.readings.get(timeout=5).grams == 5
