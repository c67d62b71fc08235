"""A cheap feed telling views that another station changed data.

PostgreSQL: every write transaction NOTIFYs ``freshflow_changes`` with the
tables it touched (see ``Database._announce_changes``); a listener thread
delivers them. SQLite: a poller watches ``PRAGMA data_version`` on its own
connection, which changes whenever any other connection commits; it cannot
say which tables, so it reports ``{"*"}``.

Qt-free: callbacks run on the feed's thread; ``ui`` bridges them to signals.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable

from app.db.database import CHANGE_CHANNEL, Database

log = logging.getLogger(__name__)

ALL_TABLES = frozenset({"*"})


class ChangeFeed:
    def __init__(self, database: Database, on_change: Callable[[frozenset[str]], None],
                 poll_interval: float = 0.2) -> None:
        self._database = database
        self._on_change = on_change
        self._poll_interval = poll_interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    def start(self) -> None:
        target = self._listen_postgres if self._database.is_postgres else self._poll_sqlite
        self._thread = threading.Thread(target=target, name="freshflow-change-feed", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float = 5.0) -> bool:
        """Block until the feed listens (tests); ``start`` itself never blocks the caller."""
        return self._ready.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _emit(self, tables: frozenset[str]) -> None:
        try:
            self._on_change(tables)
        except Exception:  # a view's bug must not kill the feed
            log.exception("change feed callback failed")

    # -- SQLite ---------------------------------------------------------------
    def _poll_sqlite(self) -> None:
        path = self._database.url.database or ""
        connection = None
        try:
            connection = sqlite3.connect(path, timeout=1, check_same_thread=False)
            last = connection.execute("PRAGMA data_version").fetchone()[0]
            self._ready.set()
            while not self._stop.wait(self._poll_interval):
                try:
                    current = connection.execute("PRAGMA data_version").fetchone()[0]
                except sqlite3.Error:
                    continue
                if current != last:
                    last = current
                    self._emit(ALL_TABLES)
        finally:
            self._ready.set()
            if connection is not None:
                connection.close()

    # -- PostgreSQL -------------------------------------------------------------
    def _listen_postgres(self) -> None:
        import psycopg

        url = self._database.url
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    host=url.host or "", port=url.port or 5432, dbname=url.database or "",
                    user=url.username or "", password=url.password or "", autocommit=True,
                    application_name="freshflow:change-feed", connect_timeout=5,
                ) as connection:
                    connection.execute(f"LISTEN {CHANGE_CHANNEL}")
                    self._ready.set()
                    while not self._stop.is_set():
                        for notify in connection.notifies(timeout=self._poll_interval, stop_after=64):
                            self._emit(frozenset(t for t in notify.payload.split(",") if t) or ALL_TABLES)
            except psycopg.Error:
                self._ready.set()
                log.warning("change feed lost its connection; reconnecting", exc_info=True)
                self._stop.wait(1.0)
