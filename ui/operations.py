"""Run service calls off the UI thread and deliver results back on it.

Modelled on Anki's ``QueryOp``/``CollectionOp``: the work is a plain callable
that never touches widgets; success and failure callbacks run on the UI
thread. A newer request under the same ``key`` supersedes an older one (its
result is dropped), so typing in a search box never shows stale rows.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(int, object, object)  # ticket, result, error


class _Job(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ticket, self._work, self._relay = ticket, work, relay

    def run(self) -> None:
        try:
            result, error = self._work(), None
        except BaseException as exc:  # delivered to the UI thread, never swallowed
            result, error = None, exc
        self._relay.finished.emit(self._ticket, result, error)


class OperationRunner(QObject):
    """One per main window; shared by its views through the ``ViewContext``."""

    busy_changed = Signal(bool)
    #: emitted after every successful operation flagged ``changes=True``
    data_changed = Signal()

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay()
        self._relay.finished.connect(self._on_finished)
        self._tickets = itertools.count(1)
        self._pending: dict[int, tuple[str | None, Callable, Callable | None, bool]] = {}
        self._latest: dict[str, int] = {}

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        key: str | None = None,
        changes: bool = False,
    ) -> int:
        ticket = next(self._tickets)
        self._pending[ticket] = (key, on_success, on_failure, changes)
        if key is not None:
            self._latest[key] = ticket
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(ticket, work, self._relay))
        return ticket

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_idle(self, msecs: int = 10_000) -> bool:
        """Block until queued work finished (tests and shutdown only)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object, object)
    def _on_finished(self, ticket: int, result: Any, error: BaseException | None) -> None:
        key, on_success, on_failure, changes = self._pending.pop(ticket)
        if not self._pending:
            self.busy_changed.emit(False)
        if key is not None and self._latest.get(key) != ticket:
            return  # superseded by a newer request
        if error is not None:
            if on_failure is not None:
                on_failure(error)
            else:
                log.error("operation failed", exc_info=error)
            return
        on_success(result)
        if changes:
            self.data_changed.emit()
