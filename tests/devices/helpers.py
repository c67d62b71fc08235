"""Shared test helpers for device and scanning tests (no Qt here)."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from app.devices.status import DeviceState, DeviceStatus


class FakeClock:
    """A monotonic clock tests move by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _live_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    return [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]


@contextmanager
def no_thread_leaks(grace: float = 0.5) -> Iterator[None]:
    """Fail if threads started inside the block are still running after it."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + grace
    leaked = _live_threads(before)
    while leaked and time.monotonic() < deadline:
        time.sleep(0.01)
        leaked = _live_threads(before)
    assert not leaked, f"test left threads running: {[t.name for t in leaked]}"


def wait_for_state(
    statuses: queue.Queue[DeviceStatus], state: DeviceState, timeout: float = 5.0
) -> DeviceStatus:
    """Pop statuses until one has ``state``; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no {state} status within {timeout} s; saw {seen}")
        try:
            status = statuses.get(timeout=remaining)
        except queue.Empty:
            continue
        seen.append(status)
        if status.state is state:
            return status
