"""PostgreSQL login roles: nobody can escalate beyond their database, nobody's password is taken over."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from app.db import migrate, pgroles
from app.db.database import Database
from app.errors import AuthenticationFailed, ConflictError
from app.permissions import Role
from app.services import users
from tests.conftest import PG_ADMIN_URL, TEST_PASSWORD
from tests.test_users import _drop_login_roles, _name


@pytest.fixture
def pg(db):
    if not db.is_postgres:
        pytest.skip("PostgreSQL login roles")
    return db


def _role_flags(db: Database, name: str):
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT rolcreaterole, rolcreatedb, rolsuper FROM pg_roles WHERE rolname = :n"),
                                  {"n": name}).one()


def test_admins_get_no_createrole_and_cannot_grant_themselves_server_roles(pg, login_as):
    admin = login_as(Role.ADMIN)
    assert tuple(_role_flags(pg, admin.actor.username)) == (False, False, False)
    for statement in (f'GRANT pg_execute_server_program TO "{admin.actor.username}"',
                      f'CREATE ROLE "{admin.actor.username}_x"',
                      f'GRANT "{pgroles.group_role(pg.database_name, Role.ADMIN)}" TO "{admin.actor.username}"'):
        with pytest.raises(DBAPIError):
            with admin.database.engine.begin() as connection:
                connection.execute(text(statement))


def test_admin_adds_users_through_the_app_on_their_own_connection(pg, login_as):
    admin = login_as(Role.ADMIN)
    name = _name("byadmin")
    try:
        created = users.create_user(admin.database, admin.actor, name, Role.PACKER, TEST_PASSWORD)
        assert created.role is Role.PACKER
        packer = users.login(pg, name, TEST_PASSWORD)
        assert packer.actor.role is Role.PACKER
        packer.database.dispose()
        users.update_user(admin.database, admin.actor, created.id, active=False)
        with pytest.raises(AuthenticationFailed, match="may not use this database"):
            users.login(pg, name, TEST_PASSWORD)
    finally:
        _drop_login_roles(PG_ADMIN_URL, [name])


def test_a_demoted_and_disabled_admin_cannot_get_back_in(pg, system, login_as):
    admin = login_as(Role.ADMIN)
    name = _name("exadmin")
    try:
        row = users.create_user(pg, system, name, Role.ADMIN, TEST_PASSWORD)
        users.update_user(admin.database, admin.actor, row.id, role=Role.PICKER)
        users.update_user(admin.database, admin.actor, row.id, active=False)
        assert tuple(_role_flags(pg, name)) == (False, False, False)
        other = Database(pg.url.set(database="postgres", username=name, password=TEST_PASSWORD))
        try:
            with pytest.raises(DBAPIError):
                with other.engine.begin() as connection:
                    connection.execute(text(f'GRANT "{pgroles.group_role(pg.database_name, Role.ADMIN)}" TO "{name}"'))
        finally:
            other.dispose()
    finally:
        _drop_login_roles(PG_ADMIN_URL, [name])


def test_an_existing_login_is_reused_only_with_its_current_password(pg, system, monkeypatch):
    name = _name("taken")
    try:
        with create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT").connect() as connection:
            connection.execute(text(f"CREATE ROLE \"{name}\" LOGIN CREATEROLE PASSWORD 'their-own-pass'"))
        # With password authentication the server would refuse a wrong password: simulate that answer.
        monkeypatch.setattr(users, "_password_is_current", lambda db, username, password: False)
        with pytest.raises(ConflictError, match="already exists on this server"):
            users.create_user(pg, system, name, Role.PICKER, TEST_PASSWORD)
        assert not [u for u in users.list_users(pg, system) if u.username == name]
        monkeypatch.setattr(users, "_password_is_current", lambda db, username, password: True)
        users.create_user(pg, system, name, Role.PICKER, TEST_PASSWORD)
        assert tuple(_role_flags(pg, name)) == (False, False, False)  # CREATEROLE taken away on reuse
    finally:
        _drop_login_roles(PG_ADMIN_URL, [name])


def test_a_shared_login_password_is_not_changed_from_one_database(postgres_databases, system):
    name = _name("shared")
    urls = [postgres_databases.create(), postgres_databases.create()]
    databases = [Database(url) for url in urls]
    try:
        for database in databases:
            migrate.upgrade(database)
        users.create_user(databases[0], system, name, Role.PICKER, TEST_PASSWORD)
        row = users.create_user(databases[1], system, name, Role.PACKER, TEST_PASSWORD)
        with pytest.raises(ConflictError, match="another FreshFlow database"):
            users.set_password(databases[1], system, row.id, "brand-new-pass")
        assert users.login(databases[1], name, TEST_PASSWORD).actor.role is Role.PACKER
    finally:
        for database in databases:
            database.dispose()
        for url in urls:
            postgres_databases.drop(url)
        _drop_login_roles(PG_ADMIN_URL, [name])


def test_login_functions_are_for_admins_only(pg, login_as):
    supervisor = login_as(Role.SUPERVISOR)
    with pytest.raises(DBAPIError, match="permission denied"):
        with supervisor.database.engine.begin() as connection:
            connection.execute(text("SELECT freshflow_ensure_login('mallory', 'x-long-pass', 'admin')"))
