"""The ``freshflow`` command line: exit codes, one-line errors, --db/--json anywhere,
user add from stdin, and the demo generator (same seed, same data)."""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.cli import main
from app.db import migrate, pgroles
from app.db.database import Database
from app.demo.catalog_data import DEMO_USERS
from app.services import catalog, customers, users
from app.services.context import Actor
from tests.conftest import PG_ADMIN_URL

UNREACHABLE = "postgresql://u@127.0.0.1:1/x"


def run(argv: list[str]) -> int:
    """``main(argv)`` in-process; a usage error (argparse's SystemExit) gives its code."""
    try:
        return main(argv)
    except SystemExit as exit_:
        return exit_.code


def _stdin(monkeypatch, content: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(content))


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def second_db_url(engine_name, tmp_path, request) -> Iterator[str]:
    """Another empty database on the same engine (and the same PostgreSQL server)."""
    if engine_name == "sqlite":
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    databases = request.getfixturevalue("postgres_databases")
    url = databases.create()
    try:
        yield url
    finally:
        databases.drop(url)


@pytest.fixture
def drop_new_login_roles(engine_name) -> Iterator[None]:
    """PostgreSQL: drop the demo login roles this test created (not ones another database already uses)."""
    names = [u.username for u in DEMO_USERS]
    if engine_name != "postgresql":
        yield
        return
    admin = create_engine(make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")

    def existing() -> set[str]:
        with admin.connect() as connection:
            return set(connection.execute(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:n)"),
                                          {"n": names}).scalars())

    before = existing()
    try:
        yield
    finally:
        # runs after the databases are dropped (requested before them)
        with admin.connect() as connection:
            for name in sorted(existing() - before):
                connection.execute(text(f"DROP ROLE IF EXISTS {pgroles.quote_ident(name)}"))
        admin.dispose()


# -- db upgrade, --db and --json ------------------------------------------------------------------

def test_db_upgrade_brings_an_empty_database_to_head(empty_db_url, capsys):
    assert run(["--db", empty_db_url, "db", "upgrade"]) == 0
    out = capsys.readouterr().out
    head = migrate.head_revision()
    assert head in out
    database = Database(empty_db_url)
    try:
        assert migrate.is_up_to_date(database)
    finally:
        database.dispose()
    assert run(["db", "upgrade", "--db", empty_db_url]) == 0  # --db after the command; idempotent
    assert head in capsys.readouterr().out


def test_json_output_parses_and_says_from_and_to(empty_db_url, capsys):
    assert run(["--json", "--db", empty_db_url, "db", "upgrade"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["from"] is None and first["to"] == migrate.head_revision()
    assert run(["db", "upgrade", "--db", empty_db_url, "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["from"] == second["to"] == migrate.head_revision()
    assert "password" not in second["database"]


def test_database_url_from_the_environment(empty_db_url, monkeypatch, capsys):
    monkeypatch.setenv("FRESHFLOW_DB_URL", empty_db_url)
    assert run(["--json", "db", "upgrade"]) == 0
    assert json.loads(capsys.readouterr().out)["to"] == migrate.head_revision()


def test_unreachable_database_is_one_line_exit_1(capsys):
    assert run(["--db", UNREACHABLE, "db", "upgrade"]) == 1
    captured = capsys.readouterr()
    line = _one_error_line(captured.err)
    assert line.startswith("freshflow: ") and "127.0.0.1" in line
    assert captured.out == ""
    assert run(["--db", UNREACHABLE, "--json", "db", "upgrade"]) == 1
    captured = capsys.readouterr()
    assert "cannot be reached" in json.loads(captured.out)["error"]
    _one_error_line(captured.err)


def test_errors_in_a_real_process_have_no_traceback(tmp_path):
    failed = subprocess.run([sys.executable, "-m", "app.cli", "--db", UNREACHABLE, "db", "upgrade"],
                            capture_output=True, text=True, timeout=60)
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert _one_error_line(failed.stderr).startswith("freshflow: ")

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    added = subprocess.run([sys.executable, "-m", "app.cli", "user", "add", "Ops_Lead", "--role", "supervisor",
                            "--db", url, "--json"], input="a-long-password\n", capture_output=True, text=True,
                           timeout=60)
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"id": 1, "username": "ops_lead", "role": "supervisor"}
    database = Database(url)
    try:
        assert users.login(database, "ops_lead", "a-long-password").actor.role == "supervisor"
    finally:
        database.dispose()

    usage = subprocess.run([sys.executable, "-m", "app.cli", "user", "add", "x1", "--role", "boss", "--db", url],
                           input="a-long-password\n", capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr and "boss" in usage.stderr


# -- user add -------------------------------------------------------------------------------

def test_user_add_reads_the_password_from_stdin(db, empty_db_url, monkeypatch, capsys, request):
    _stdin(monkeypatch, "s3cret-enough\n")
    argv = ["user", "add", "Clerk_2", "--role", "stock_clerk", "--full-name", "Chen Jie", "--db", empty_db_url]
    assert run(argv) == 0
    assert "clerk_2" in capsys.readouterr().out
    if db.is_postgres:
        request.addfinalizer(lambda: _drop_role(db, "clerk_2"))
    login = users.login(db, "clerk_2", "s3cret-enough", station="cli-test")
    try:
        assert login.actor.role == "stock_clerk" and login.actor.full_name == "Chen Jie"
    finally:
        if login.database is not db:
            login.database.dispose()


def _drop_role(db: Database, name: str) -> None:
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"DROP OWNED BY {pgroles.quote_ident(name)}"))
        connection.execute(text(f"DROP ROLE IF EXISTS {pgroles.quote_ident(name)}"))


def test_user_add_with_empty_stdin_fails_with_one_line(db, empty_db_url, monkeypatch, capsys):
    _stdin(monkeypatch, "")
    assert run(["--db", empty_db_url, "user", "add", "nopass", "--role", "picker"]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert "password" in line.lower()
    assert users.list_users(db, Actor.system()) == []


def test_user_add_usage_and_domain_errors(db, empty_db_url, monkeypatch, capsys, request):
    _stdin(monkeypatch, "s3cret-enough\n")
    assert run(["--db", empty_db_url, "user", "add", "boss1", "--role", "boss"]) == 2
    assert "boss" in capsys.readouterr().err
    _stdin(monkeypatch, "s3cret-enough\n")
    assert run(["--db", empty_db_url, "user", "add", "picker_9"]) == 2  # --role is required
    capsys.readouterr()

    _stdin(monkeypatch, "short\n")
    assert run(["--db", empty_db_url, "user", "add", "picker_9", "--role", "picker"]) == 1
    assert "8" in _one_error_line(capsys.readouterr().err)

    _stdin(monkeypatch, "s3cret-enough\n")
    assert run(["--db", empty_db_url, "user", "add", "picker_9", "--role", "picker"]) == 0
    if db.is_postgres:
        request.addfinalizer(lambda: _drop_role(db, "picker_9"))
    capsys.readouterr()
    _stdin(monkeypatch, "other-password\n")
    assert run(["--db", empty_db_url, "--json", "user", "add", "picker_9", "--role", "admin"]) == 1
    captured = capsys.readouterr()
    assert "picker_9" in json.loads(captured.out)["error"]
    assert "already exists" in _one_error_line(captured.err)
    [only] = users.list_users(db, Actor.system())
    assert only.role == "picker"


# -- demo -----------------------------------------------------------------------------------------

def _snapshot(url: str) -> tuple[list[dict], list[dict]]:
    database = Database(url)
    try:
        actor = Actor.system("test")
        products = [dataclasses.asdict(p) for p in catalog.list_products(database, actor)]
        people = [dataclasses.asdict(c) for c in customers.list_customers(database, actor)]
    finally:
        database.dispose()
    for row in products + people:
        row.pop("id")
        row.pop("category_id", None)
    return products, people


def test_demo_with_the_same_seed_gives_the_same_data(drop_new_login_roles, empty_db_url, second_db_url, capsys):
    assert run(["--db", empty_db_url, "demo", "--seed", "7", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["seed"] == 7 and summary["products"] >= 150 and summary["customers"] > 0
    assert {u["username"] for u in summary["users"]} == {u.username for u in DEMO_USERS}
    assert run(["demo", "--seed", "7", "--db", second_db_url]) == 0
    assert "admin" in capsys.readouterr().out  # the documented demo users are printed

    first, second = _snapshot(empty_db_url), _snapshot(second_db_url)
    assert len(first[0]) == summary["products"] and len(first[1]) == summary["customers"]
    assert first[0] == second[0]
    assert first[1] == second[1]

    # a database that already has a catalogue is refused, and left as it was
    assert run(["--db", second_db_url, "demo", "--seed", "8"]) == 1
    assert "empty database" in _one_error_line(capsys.readouterr().err)
    assert _snapshot(second_db_url) == second

    # on PostgreSQL the demo users' login roles exist from the first database: both work
    for url in (empty_db_url, second_db_url):
        database = Database(url)
        try:
            for demo_user in DEMO_USERS:
                login = users.login(database, demo_user.username, demo_user.password)
                assert login.actor.role == demo_user.role
                if login.database is not database:
                    login.database.dispose()
        finally:
            database.dispose()
