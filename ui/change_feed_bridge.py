"""Bridge the Qt-free ``ChangeFeed`` into ``ChangeNotifier.changed`` on the UI thread.

The feed calls back on its own thread; the bridge only emits a signal there.
The signal is connected with a queued connection, so the slot runs on the
thread the bridge lives in (the UI thread). Bursts (a batch of writes
committing one after another) are merged into one notification per
``coalesce_ms``, with the union of the tables touched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.db.changefeed import ChangeFeed
from app.db.database import Database
from ui.context import ChangeNotifier

FeedFactory = Callable[[Database, Callable[[frozenset[str]], None]], ChangeFeed]


class ChangeFeedBridge(QObject):
    # emitted on the feed's thread; delivered queued to ``_received_on_ui``
    _arrived = Signal(frozenset)

    def __init__(self, database: Database, notifier: ChangeNotifier, parent: QObject | None = None, *,
                 coalesce_ms: int = 50, feed_factory: FeedFactory = ChangeFeed) -> None:
        super().__init__(parent)
        self._notifier = notifier
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(coalesce_ms)
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._received_on_ui, Qt.ConnectionType.QueuedConnection)
        self._feed = feed_factory(database, self._arrived.emit)
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        if not self._running:
            self._feed.start()
            self._running = True

    def stop(self) -> None:
        """Stop the feed thread (joins it) and drop what has not been delivered."""
        if self._running:
            self._feed.stop()
            self._running = False
        self._timer.stop()
        self._pending.clear()

    @Slot(frozenset)
    def _received_on_ui(self, tables: frozenset) -> None:
        if not self._running:
            return
        self._pending |= tables
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _flush(self) -> None:
        if self._pending:
            tables, self._pending = frozenset(self._pending), set()
            self._notifier.changed.emit(tables)
