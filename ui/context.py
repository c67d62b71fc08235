"""What a view gets from the main window instead of a global: who is acting,
on which database, and how to run work off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

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

    def can(self, action: Action) -> bool:
        return allowed(self.actor.role, action)
