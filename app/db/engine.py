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
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


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
