from __future__ import annotations

import pytest

from tests.devices.helpers import FakeClock, no_thread_leaks


@pytest.fixture(autouse=True)
def _fail_on_thread_leaks():
    with no_thread_leaks():
        yield


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
