"""What a view gets from the main window instead of a global: who is acting,
on which database, and how to run work off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.config import Settings
from app.db.database import Database
from app.permissions import Action, allowed
from app.services.context import Actor
from ui.operations import OperationRunner


class ChangeNotifier(QObject):
    """App-wide signal: data changed (here or at another station); views decide whether to refresh.

    ``tables`` is the set of table names touched, or {"*"} when unknown.
    """

    changed = Signal(frozenset)


@dataclass
class ViewContext:
    database: Database
    actor: Actor
    settings: Settings
    runner: OperationRunner
    notifier: ChangeNotifier
    #: this PC's serial scanner and scale (``ui.scanning.station_devices.StationDevices``), set by the main window
    devices: Any = None

    def connect_serial_scans(self, view: QWidget, handler: Callable[[str], None]) -> None:
        """Deliver serial-scanner scans to ``handler`` while ``view`` is on screen (like wedge scans)."""
        if self.devices is not None:
            self.devices.scanned.connect(lambda text: handler(text) if view.isVisible() else None)

    def can(self, action: Action) -> bool:
        return allowed(self.actor.role, action)
