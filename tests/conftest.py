"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``FRESHFLOW_TEST_PG_URL`` (default: the local server,
user postgres). Each test gets its own freshly created and migrated database,
dropped afterwards together with its per-database group roles. Without a
server the PostgreSQL half is skipped locally and fails under CI=true.
Limit engines with ``FRESHFLOW_TEST_ENGINES=sqlite`` (or ``postgresql``).

tests/run_all.sh runs the suite on several pytest-xdist workers with
``--dist loadfile``: each test file stays on one worker (module-scoped
databases are made once, a file's tests never run at the same time). The files
of ``SHARED_WORKER`` go further and share one worker (``pytest_xdist_make_scheduler``).
"""

from __future__ import annotations

import os
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from collections.abc import Callable, Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.db import migrate, pgroles
from app.db.database import Database
from app.permissions import Role
from app.services import users
from app.services.context import Actor

PG_ADMIN_URL = os.environ.get("FRESHFLOW_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
ENGINES = [e.strip() for e in os.environ.get("FRESHFLOW_TEST_ENGINES", "sqlite,postgresql").split(",") if e.strip()]
TEST_PASSWORD = "test-pass-1"

#: Test files that must run on one and the same xdist worker, by the reason why (tests/run_all.sh runs -n N).
#: A list of paths and not ``xdist_group`` marks: with pytest 9.2, pytest-xdist 3.8's ``--dist loadgroup``
#: silently ignores those marks (it sets ``item._nodeid``, which pytest no longer reads).
SHARED_WORKER = {
    # They give the demo users (admin, picker, ...) PostgreSQL logins. Login roles are cluster-wide: two workers
    # creating or altering the same role at once fail ("tuple concurrently updated", "role ... already exists"),
    # and a test's clean-up would drop the roles that another worker's test is using.
    # A file that makes the demo on PostgreSQL belongs here (_demo_logins_on_their_worker fails it otherwise).
    "pg-demo-logins": frozenset({
        "tests/test_demo.py",
        "tests/test_cli.py",
        "tests/test_stock_list_quants.py",
        "tests/orders_reliability/test_concurrent_import.py",
        "tests/orders_reliability/test_killed_import.py",
    }),
}
_GROUP_OF_FILE = {path: group for group, paths in SHARED_WORKER.items() for path in paths}


@pytest.hookimpl(optionalhook=True)  # an xdist hook: unknown (and unused) when xdist is not loaded
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile``, with the files of one ``SHARED_WORKER`` group as a single unit of work."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SharedWorkerScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = super()._split_scope(nodeid)  # the test's file
            return _GROUP_OF_FILE.get(path, path)

    return SharedWorkerScheduling(config, log)


@pytest.fixture(autouse=True)
def _demo_logins_on_their_worker(request, monkeypatch):
    """On an xdist worker, fail a test outside the "pg-demo-logins" files as soon as it gives a demo user a
    PostgreSQL login: it would race with those files on another worker (see ``SHARED_WORKER``)."""
    path = request.node.nodeid.split("::", 1)[0]
    if not os.environ.get("PYTEST_XDIST_WORKER") or path in SHARED_WORKER["pg-demo-logins"]:
        return
    from app.demo.catalog_data import DEMO_USERS

    demo_names = {user.username for user in DEMO_USERS}
    ensure_login_role = users._ensure_login_role

    def checked(db, session, username, *args, **kwargs):
        if username in demo_names:
            pytest.fail(f"{path} makes the demo user {username!r} on PostgreSQL: add it to SHARED_WORKER"
                        f"['pg-demo-logins'] in tests/conftest.py", pytrace=False)
        return ensure_login_role(db, session, username, *args, **kwargs)

    monkeypatch.setattr(users, "_ensure_login_role", checked)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Keep settings, the embedded database and logs out of the real home directory."""
    monkeypatch.setenv("FRESHFLOW_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("FRESHFLOW_DB_URL", raising=False)


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    """argon2id still, with test-sized cost parameters."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


_pg_available: bool | None = None


def postgres_available() -> bool:
    global _pg_available
    if _pg_available is None:
        try:
            engine = create_engine(make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg"),
                                   connect_args={"connect_timeout": 3})
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            engine.dispose()
            _pg_available = True
        except Exception:
            _pg_available = False
    return _pg_available


def require_postgres() -> None:
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI but {PG_ADMIN_URL} is not reachable")
        pytest.skip("PostgreSQL not reachable")


class PostgresDatabases:
    """Creates and drops throw-away PostgreSQL databases (and their group roles)."""

    def __init__(self) -> None:
        self.admin = create_engine(make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg"),
                                   isolation_level="AUTOCOMMIT")

    def create(self) -> str:
        name = f"fft_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        return str(make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False))

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            pgroles.drop_group_roles(connection, name)


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases]:
    require_postgres()
    databases = PostgresDatabases()
    yield databases
    databases.admin.dispose()


def _empty_database_url(engine: str, tmp_path, request) -> Iterator[str]:
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'freshflow-test.db'}"
        return
    databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
    url = databases.create()
    try:
        yield url
    finally:
        databases.drop(url)


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    if request.param == "postgresql":
        require_postgres()
    return request.param


@pytest.fixture
def empty_db_url(engine_name, tmp_path, request) -> Iterator[str]:
    """URL of an empty (unmigrated) database on the engine under test."""
    yield from _empty_database_url(engine_name, tmp_path, request)


@pytest.fixture
def db(empty_db_url) -> Iterator[Database]:
    """A migrated, empty database, connected as its administrator."""
    database = Database(empty_db_url)
    migrate.upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def system() -> Actor:
    return Actor.system("test")


@pytest.fixture
def login_as(db) -> Iterator[Callable[[Role], users.LoginResult]]:
    """Create a user of ``role`` (unique name) and log in; on PostgreSQL as their own login role."""
    opened: list[Database] = []

    def _login(role: Role, username: str | None = None) -> users.LoginResult:
        name = username or f"t_{role.value[:6]}_{uuid.uuid4().hex[:8]}"
        users.create_user(db, Actor.system("test"), name, role, TEST_PASSWORD, f"Test {role.value}")
        result = users.login(db, name, TEST_PASSWORD, station="test")
        if result.database is not db:
            opened.append(result.database)
        return result

    yield _login
    for database in opened:
        database.dispose()
    if db.is_postgres:  # login roles are cluster-wide: remove the ones this test made
        with db.engine.connect() as connection:
            names = [r[0] for r in connection.execute(text("SELECT username FROM users WHERE username LIKE 't\\_%'"))]
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for name in names:
                if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
                    connection.execute(text(f"DROP OWNED BY {pgroles.quote_ident(name)}"))
                    connection.execute(text(f"DROP ROLE IF EXISTS {pgroles.quote_ident(name)}"))
