"""Engine set-up, retries and connection loss, per DESIGN.md §5."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.db import retry
from app.db.database import Database
from app.errors import ConflictError, DatabaseUnavailable
from app.services import catalog


def test_sqlite_pragmas(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'p.db'}")
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    database.dispose()


def test_sqlite_write_transactions_begin_immediate(tmp_path):
    """A second writer waits at BEGIN (it does not fail later on lock upgrade)."""
    path = tmp_path / "w.db"
    database = Database(f"sqlite:///{path}")
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
    entered = threading.Event()
    release = threading.Event()

    def hold_write_lock(session):
        session.execute(text("SELECT 1"))  # IMMEDIATE: the write lock is taken at BEGIN already
        entered.set()
        release.wait(5)

    holder = threading.Thread(target=lambda: database.transaction(hold_write_lock))
    holder.start()
    assert entered.wait(5)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.close()
    # a plain read is not blocked by the writer (WAL)
    assert database.read(lambda s: s.execute(text("SELECT count(*) FROM t")).scalar()) == 0
    release.set()
    holder.join()
    database.dispose()


def test_postgres_sessions_have_timeouts(db):
    if not db.is_postgres:
        pytest.skip("PostgreSQL settings")
    with db.engine.connect() as connection:
        assert connection.execute(text("SHOW lock_timeout")).scalar() == "10s"
        assert connection.execute(text("SHOW idle_in_transaction_session_timeout")).scalar() == "1min"


def _locked_error() -> OperationalError:
    return OperationalError("UPDATE x", {}, sqlite3.OperationalError("database is locked"))


def test_transient_failure_is_retried_then_succeeds(db, monkeypatch):
    monkeypatch.setattr(retry, "backoff_delay", lambda attempt: 0)
    calls = []

    def work(session):
        calls.append(1)
        if len(calls) < 3:
            raise _locked_error()
        return "done"

    before = retry.retry_stats.retries
    assert db.transaction(work) == "done"
    assert len(calls) == 3
    assert retry.retry_stats.retries - before == 2


def test_persistent_lock_becomes_a_clear_message(db, monkeypatch):
    monkeypatch.setattr(retry, "backoff_delay", lambda attempt: 0)

    def work(session):
        raise _locked_error()

    with pytest.raises(ConflictError, match="busy"):
        db.transaction(work, attempts=3)


def test_postgres_serialization_failure_is_retried(db, monkeypatch):
    if not db.is_postgres:
        pytest.skip("PostgreSQL serialization failures")
    monkeypatch.setattr(retry, "backoff_delay", lambda attempt: 0)
    calls = []

    def work(session):
        calls.append(1)
        if len(calls) == 1:  # a real 40001 raised by the server
            session.execute(text("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$"))
        return len(calls)

    assert db.transaction(work) == 2


def test_unreachable_database_gives_a_message_not_a_traceback():
    database = Database("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        database.ping()
    with pytest.raises(DatabaseUnavailable, match="nothing was saved"):
        database.transaction(lambda s: s.execute(text("SELECT 1")))
    database.dispose()


def test_database_going_away_mid_session_is_reported(db, system):
    if not db.is_postgres:
        pytest.skip("needs a server to terminate our connection")
    catalog.list_categories(db, system)  # the pool holds a live connection now
    admin = Database(db.url.set(database="postgres"))
    with admin.engine.begin() as connection:
        connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": db.database_name})
    admin.dispose()
    time.sleep(0.1)
    # pool_pre_ping notices the dead connection and reconnects: the user's action just works
    assert catalog.list_categories(db, system) == []


def test_display_url_hides_the_password():
    database = Database("postgresql://alice:secret@db.example:5432/shop")
    assert "secret" not in database.display_url and "alice" in database.display_url
    database.dispose()
