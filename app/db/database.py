"""``Database``: one handle per connected user, handing out units of work.

A unit of work is one user action: ``db.transaction(work)`` opens a session,
runs ``work(session)``, commits, and returns what ``work`` returned (plain
data, never ORM objects). Transient concurrency failures are retried here and
nowhere else; a lost connection becomes ``DatabaseUnavailable`` with a message
a person can act on. Writes also announce the tables they touched on the
change feed (PostgreSQL NOTIFY; SQLite readers poll ``data_version``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db import retry
from app.db.engine import READ_ONLY, create_engine_for, normalize_url
from app.errors import ConflictError, DatabaseUnavailable
from app.i18n import _

T = TypeVar("T")

CHANGE_CHANNEL = "freshflow_changes"
_CHANGED_KEY = "freshflow_changed_tables"


def _collect_flushed_tables(session: Session, _flush_context) -> None:
    changed = session.info.setdefault(_CHANGED_KEY, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(type(obj), "__tablename__", None)
        if table:
            changed.add(table)


def announce_table(session: Session, name: str) -> None:
    """Record a table written outside the ORM's events (bulk DBAPI inserts) for the change feed."""
    session.info.setdefault(_CHANGED_KEY, set()).add(name)


def _collect_dml_tables(orm_execute_state) -> None:
    if orm_execute_state.is_insert or orm_execute_state.is_update or orm_execute_state.is_delete:
        table = getattr(orm_execute_state.statement, "table", None)
        name = getattr(table, "name", None)
        if name:
            orm_execute_state.session.info.setdefault(_CHANGED_KEY, set()).add(name)


class Database:
    """An engine plus session factory for one database user."""

    def __init__(self, url: str | URL, *, application_name: str = "freshflow", engine: Engine | None = None):
        self.url: URL = normalize_url(url)
        self.backend: str = self.url.get_backend_name()
        self.engine: Engine = engine or create_engine_for(self.url, application_name)
        self._write_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            bind=self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        for factory in (self._write_sessions, self._read_sessions):
            event.listen(factory, "after_flush", _collect_flushed_tables)
            event.listen(factory, "do_orm_execute", _collect_dml_tables)

    # -- describing -----------------------------------------------------
    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    @property
    def is_postgres(self) -> bool:
        return self.backend == "postgresql"

    @property
    def display_url(self) -> str:
        """The URL without the password, for status bars and logs."""
        return self.url.render_as_string(hide_password=True).replace("+psycopg", "")

    @property
    def database_name(self) -> str:
        return self.url.database or ""

    def with_credentials(self, username: str, password: str, application_name: str) -> "Database":
        """A handle for the same database connecting as another (PostgreSQL) user."""
        return Database(self.url.set(username=username, password=password), application_name=application_name)

    # -- units of work --------------------------------------------------
    def transaction(self, work: Callable[[Session], T], *, attempts: int = retry.MAX_ATTEMPTS) -> T:
        """Run ``work`` in a write transaction; retry transient failures; commit."""
        attempt = 0
        while True:
            attempt += 1
            committing = False
            try:
                with self._write_sessions() as session:
                    result = work(session)
                    self._announce_changes(session)
                    committing = True
                    session.commit()
                    return result
            except DBAPIError as error:
                if retry.is_retryable(error) and attempt < attempts:
                    retry.sleep_before_retry(attempt)
                    continue
                if committing and retry.is_connection_lost(error):
                    raise DatabaseUnavailable(_(
                        "The connection to {url} was lost while saving, so it is not known whether the change "
                        "was saved. Check it (refresh) before trying again.").format(url=self.display_url)) from error
                raise self._translate(error) from error
            except StaleDataError as error:
                raise ConflictError(
                    _("Someone else changed this record at the same time. Reload it and try again.")
                ) from error

    def read(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in a read-only unit of work (no lock taken on SQLite)."""
        attempt = 0
        while True:
            attempt += 1
            try:
                with self._read_sessions() as session:
                    return work(session)  # closing rolls back without expiring loaded rows
            except DBAPIError as error:
                if retry.is_retryable(error) and attempt < retry.MAX_ATTEMPTS:
                    retry.sleep_before_retry(attempt)
                    continue
                raise self._translate(error) from error

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A raw write session for migrations, tests and benchmarks (no retry)."""
        with self._write_sessions() as session:
            yield session
            self._announce_changes(session)
            session.commit()

    def _announce_changes(self, session: Session) -> None:
        changed = session.info.pop(_CHANGED_KEY, None)
        if changed and self.is_postgres:
            session.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANGE_CHANNEL, "payload": ",".join(sorted(changed))[:7000]},
            )

    def _translate(self, error: DBAPIError) -> Exception:
        if retry.is_connection_lost(error):
            return DatabaseUnavailable(
                _("The database at {url} cannot be reached. Check the network or the server and try again; "
                  "nothing was saved.").format(url=self.display_url)
            )
        if isinstance(error, IntegrityError):
            return ConflictError(_("The change conflicts with existing data and was not saved: {detail}").format(
                detail=str(error.orig).splitlines()[0] if error.orig else ""))
        if retry.is_retryable(error):
            return ConflictError(_("The database stayed busy; nothing was saved. Try again in a moment."))
        return error

    def ping(self) -> None:
        """Raise ``DatabaseUnavailable`` when the database cannot be reached."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except DBAPIError as error:
            raise DatabaseUnavailable(
                _("The database at {url} cannot be reached: {detail}").format(
                    url=self.display_url, detail=str(error.orig).strip().splitlines()[0] if error.orig else "")
            ) from error

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | URL, *, application_name: str = "freshflow") -> Database:
    return Database(url, application_name=application_name)
