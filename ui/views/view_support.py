"""What the entity views share: loading through the runner, debounced
refresh when data changed elsewhere, and showing errors in a message bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ui.context import ViewContext
from ui.results import error_text, guarded

log = logging.getLogger(__name__)

#: how long a burst of change notifications (or keystrokes) is coalesced
REFRESH_DEBOUNCE_MS = 200
SEARCH_DEBOUNCE_MS = 250


def debounced_search(owner: QWidget, edit, search) -> QTimer:
    """Run ``search`` once typing in ``edit`` pauses, or at once on Enter; returns the timer."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DEBOUNCE_MS)
    timer.timeout.connect(search)
    edit.textChanged.connect(lambda _text: timer.start())
    edit.returnPressed.connect(search)
    return timer


class RefreshingView(QWidget):
    """A view (or a panel of one) that loads its data off the UI thread.

    Subclasses set ``TABLES`` (the table names whose change makes them stale)
    and implement ``_load()``. ``refresh()`` reloads now; a change notification
    reloads after a short debounce when the view is visible, or marks it stale
    so it reloads when next shown.
    """

    TABLES: frozenset[str] = frozenset()

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DEBOUNCE_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_due)
        context.notifier.changed.connect(self._on_data_changed)

    # -- public ------------------------------------------------------------
    def refresh(self) -> None:
        """Reload everything this view shows (in the background)."""
        self._stale = False
        self._refresh_timer.stop()
        self._load()

    def mark_stale(self) -> None:
        """Reload when next shown (or now, if visible, after the debounce)."""
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._stale = True

    # -- subclass hooks --------------------------------------------------------
    def _load(self) -> None:
        raise NotImplementedError

    # -- helpers for subclasses --------------------------------------------------
    def run(self, work: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None] | None = None, *, key: str | None = None,
            changes: bool = False) -> int:
        """``context.runner.run`` with callbacks that are dropped if the view is gone."""
        return self.context.runner.run(
            work, guarded(self, on_success), guarded(self, on_failure or self._show_error),
            key=key, changes=changes,
        )

    def announce(self, *tables: str) -> None:
        """Tell every view (this one included) that ``tables`` changed."""
        self.context.notifier.changed.emit(frozenset(tables))

    def _show_error(self, error: BaseException) -> None:
        bar = getattr(self, "message_bar", None)
        if bar is not None:
            bar.show_error(error_text(error))
        else:  # pragma: no cover - every view has one
            log.error("%s", error_text(error))

    # -- change notifications --------------------------------------------------
    def _on_data_changed(self, tables: frozenset) -> None:
        if not isValid(self):
            return
        if "*" in tables or tables & self.TABLES:
            self._refresh_timer.start()

    def _on_refresh_due(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def is_stale(self) -> bool:
        return self._stale

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()
