"""Connection status shared by every serial device."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DeviceState(StrEnum):
    """Where a device connection stands. The value is stable (settings, logs)."""

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """A state change and the text to show the person at the station.

    ``message`` is already translated (``app.i18n._``).
    """

    state: DeviceState
    message: str
