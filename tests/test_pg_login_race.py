"""Two FreshFlow databases on one server adding the same person at the same moment.

Login roles are cluster-wide, so both creators race for one role: both must
succeed, one creating the role and the other reusing it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from app.db import migrate
from app.db.database import Database
from app.db.pgroles import quote_ident, quote_literal
from app.permissions import Role
from app.services import users
from tests.conftest import PG_ADMIN_URL, TEST_PASSWORD
from tests.test_users import _drop_login_roles, _name

ROUNDS = 8  # one new name per round; a single round may miss the race window


@pytest.fixture
def two_databases(postgres_databases) -> Iterator[list[Database]]:
    urls = [postgres_databases.create(), postgres_databases.create()]
    databases = [Database(url) for url in urls]
    try:
        for database in databases:
            migrate.upgrade(database)
        yield databases
    finally:
        for database in databases:
            database.dispose()
        for url in urls:
            postgres_databases.drop(url)


@pytest.mark.parametrize("login_exists", [False, True], ids=["new-login", "existing-login"])
def test_the_same_user_added_to_two_databases_at_once_shares_one_login(postgres_databases, two_databases, system,
                                                                        login_exists):
    """A new login: both create it (duplicate role). An existing one: both change it ("tuple concurrently updated")."""
    names = [_name("race") for _ in range(ROUNDS)]
    try:
        if login_exists:
            with postgres_databases.admin.connect() as connection:
                for name in names:
                    connection.execute(text(f"CREATE ROLE {quote_ident(name)} LOGIN PASSWORD "
                                            f"{quote_literal(TEST_PASSWORD)}"))
        with ThreadPoolExecutor(max_workers=len(two_databases)) as pool:
            for name in names:
                start = threading.Barrier(len(two_databases))

                def add(database: Database, name: str = name, start: threading.Barrier = start) -> users.UserRow:
                    start.wait(timeout=30)
                    return users.create_user(database, system, name, Role.PICKER, TEST_PASSWORD)

                rows = [future.result() for future in [pool.submit(add, database) for database in two_databases]]
                assert [row.username for row in rows] == [name, name]
        with two_databases[0].engine.connect() as connection:
            logins = connection.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"),
                                        {"names": names}).scalar_one()
        assert logins == ROUNDS
        for database in two_databases:
            for name in names:
                login = users.login(database, name, TEST_PASSWORD)
                assert login.actor.role is Role.PICKER
                login.database.dispose()
    finally:
        _drop_login_roles(PG_ADMIN_URL, names)
