"""Engine construction for the two supported back ends.

SQLite (embedded, one PC): WAL, foreign keys, busy timeout, synchronous=FULL,
and write transactions that begin IMMEDIATE so two writers queue on the
database lock instead of failing late with SQLITE_BUSY on upgrade.
``with_for_update()`` renders nothing on SQLite; the IMMEDIATE lock is what
serialises writers there.

PostgreSQL (a site with several stations), through psycopg 3: lock and
idle-in-transaction timeouts so a stuck station cannot hold rows forever.
"""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

SQLITE_BUSY_TIMEOUT_MS = 15_000
PG_LOCK_TIMEOUT_MS = 10_000
PG_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000

#: Execution option that marks a read-only unit of work (SQLite: plain BEGIN).
READ_ONLY = "freshflow_read_only"


def normalize_url(url: str | URL) -> URL:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def create_sqlite_engine(url: URL) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no branch
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite otherwise
        # begins lazily and DEFERRED, which upgrades to a write lock too late).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA foreign_keys=ON",
            f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
            "PRAGMA synchronous=FULL",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            _begin_immediate(connection.connection.driver_connection)

    return engine


#: While another station holds SQLite's write lock, try again this often (seconds).
SQLITE_LOCK_POLL_S = 0.0005


def _begin_immediate(raw) -> None:
    """BEGIN IMMEDIATE, waiting for the write lock in fine steps.

    SQLite's own busy handler sleeps 1, 2, 5, 10, ... 100 ms between tries, so
    under several writers a short transaction can wait far longer than the
    lock was held (a picker's scan waited over a second behind four others).
    Polling every half millisecond keeps waits close to the real hold times;
    the total wait is still bounded by the busy timeout.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    raw.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or time.monotonic() > deadline:
                    raise
            time.sleep(SQLITE_LOCK_POLL_S)
    finally:  # statements inside the transaction keep the normal timeout (a checkpoint, a WAL recovery)
        raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def create_postgres_engine(url: URL, application_name: str = "freshflow") -> Engine:
    options = (
        f"-c lock_timeout={PG_LOCK_TIMEOUT_MS} "
        f"-c idle_in_transaction_session_timeout={PG_IDLE_IN_TRANSACTION_TIMEOUT_MS}"
    )
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=4,
        max_overflow=4,
        connect_args={"options": options, "application_name": application_name[:63], "connect_timeout": 5},
    )


def create_engine_for(url: str | URL, application_name: str = "freshflow", pooled: bool = True) -> Engine:
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return create_sqlite_engine(parsed)
    if parsed.get_backend_name() == "postgresql":
        engine = create_postgres_engine(parsed, application_name)
        if not pooled:
            engine = create_engine(parsed, poolclass=NullPool, connect_args={"application_name": application_name[:63]})
        return engine
    raise ValueError(f"unsupported database: {parsed.get_backend_name()}")
