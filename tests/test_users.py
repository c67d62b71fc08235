"""Users: login, passwords, user-name rules, and on PostgreSQL the login roles
and per-database group roles behind every user."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.db import migrate, pgroles
from app.db.database import Database
from app.errors import AuthenticationFailed, ConflictError, ValidationError
from app.models import User
from app.permissions import Role
from app.services import users
from tests.conftest import PG_ADMIN_URL

PASSWORD = "first-pass-1"
NEW_PASSWORD = "second-pass-2"


def _name(tag: str = "u") -> str:
    """A user name unique on the (shared, cluster-wide) PostgreSQL server."""
    return f"t_{tag}_{uuid.uuid4().hex[:10]}"


def _drop_login_roles(admin_url: str, names: list[str]) -> None:
    engine = create_engine(make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for name in names:
                if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
                    connection.execute(text(f"DROP OWNED BY {pgroles.quote_ident(name)}"))
                    connection.execute(text(f"DROP ROLE {pgroles.quote_ident(name)}"))
    finally:
        engine.dispose()


@pytest.fixture
def make_user(db, system) -> Iterator[Callable[..., users.UserRow]]:
    """Create users through the service; drop their login roles afterwards (PostgreSQL)."""
    created: list[str] = []

    def _make(role: Role = Role.PICKER, password: str = PASSWORD, name: str | None = None) -> users.UserRow:
        name = name or _name(role.value[:4])
        created.append(name.strip(" ").lower())
        return users.create_user(db, system, name, role, password, "Test User")

    yield _make
    if db.is_postgres:
        _drop_login_roles(db.url.render_as_string(hide_password=False), created)


@pytest.fixture
def logins() -> Iterator[Callable[..., users.LoginResult]]:
    """``users.login`` that disposes the per-user connection afterwards."""
    opened: list[Database] = []

    def _login(db: Database, name: str, password: str, station: str = "st-1") -> users.LoginResult:
        result = users.login(db, name, password, station=station)
        if result.database is not db:
            opened.append(result.database)
        return result

    yield _login
    for database in opened:
        database.dispose()


def _stored_hash(db: Database, name: str) -> str:
    return db.read(lambda s: s.scalar(select(User.password_hash).where(User.username == name)))


def _member_of(db: Database, name: str, group: str) -> bool:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT pg_has_role(:u, :g, 'MEMBER')"), {"u": name, "g": group}).scalar()


# -- login --------------------------------------------------------------------

def test_login_returns_actor_with_role_and_station(db, make_user, logins):
    row = make_user(Role.PACKER)
    result = logins(db, row.username, PASSWORD, station="pack-3")
    assert result.actor.username == row.username
    assert result.actor.user_id == row.id
    assert result.actor.role is Role.PACKER
    assert result.actor.station == "pack-3"
    assert result.actor.full_name == "Test User"
    assert result.user.active is True
    if db.is_postgres:  # the rest of the session runs as the user's own login role
        with result.database.engine.connect() as connection:
            assert connection.execute(text("SELECT session_user")).scalar() == row.username
    assert logins(db, f"  {row.username.upper()} ", PASSWORD).actor.user_id == row.id  # case and spaces


def test_wrong_password_and_unknown_user_get_the_same_message(db, make_user):
    row = make_user()
    with pytest.raises(AuthenticationFailed) as wrong_password:
        users.login(db, row.username, "not-the-password")
    with pytest.raises(AuthenticationFailed) as unknown_user:
        users.login(db, _name("nobody"), "not-the-password")
    assert str(wrong_password.value) == str(unknown_user.value)
    assert row.username not in str(wrong_password.value)
    for name, password in ((row.username, ""), ("", PASSWORD)):
        with pytest.raises(AuthenticationFailed):
            users.login(db, name, password)


def test_disabled_user_cannot_log_in(db, system, make_user, logins):
    row = make_user(Role.STOCK_CLERK)
    users.update_user(db, system, row.id, active=False)
    with pytest.raises(AuthenticationFailed, match="(?i)disabled|may not use"):
        users.login(db, row.username, PASSWORD)
    users.update_user(db, system, row.id, active=True)  # re-enabled: works again, with the same role
    assert logins(db, row.username, PASSWORD).actor.role is Role.STOCK_CLERK


def test_disabled_user_cannot_even_connect_on_postgres(db, system, make_user):
    if not db.is_postgres:
        pytest.skip("login roles exist on PostgreSQL only")
    row = make_user(Role.SUPERVISOR)
    users.update_user(db, system, row.id, active=False)
    for role in Role:
        assert not _member_of(db, row.username, pgroles.group_role(db.database_name, role))
    engine = create_engine(db.url.set(username=row.username, password=PASSWORD))
    try:
        with pytest.raises(OperationalError, match="permission denied for database"):
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
    finally:
        engine.dispose()


# -- passwords ----------------------------------------------------------------

def test_password_is_stored_as_argon2id_never_in_clear(db, make_user):
    row = make_user(password=PASSWORD)
    stored = _stored_hash(db, row.username)
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    other = make_user(password=PASSWORD)
    assert _stored_hash(db, other.username) != stored  # salted


def test_short_password_is_refused_and_nothing_is_created(db, system):
    name = _name()
    with pytest.raises(ValidationError) as error:
        users.create_user(db, system, name, Role.PICKER, "short")
    assert error.value.field == "password"
    assert str(users.MIN_PASSWORD_LENGTH) in str(error.value)
    assert all(u.username != name for u in users.list_users(db, system))


def test_set_password_then_only_the_new_password_works(db, system, make_user, logins):
    row = make_user(Role.CS_REP)
    users.set_password(db, system, row.id, NEW_PASSWORD)
    assert logins(db, row.username, NEW_PASSWORD).actor.role is Role.CS_REP
    with pytest.raises(AuthenticationFailed):
        users.login(db, row.username, PASSWORD)
    with pytest.raises(ValidationError):
        users.set_password(db, system, row.id, "short")
    assert logins(db, row.username, NEW_PASSWORD).actor.user_id == row.id


# -- user names ---------------------------------------------------------------

def test_user_name_is_normalised_to_lower_case(db, make_user, system):
    name = _name()
    row = make_user(name=f" {name.upper()} ")
    assert row.username == name
    assert [u.username for u in users.list_users(db, system)] == [name]


BAD_NAMES = ["pg_x", "pg_monitor2", "postgres", "x", "two words", "ff_admin", "1abc", "a" * 33, "", "bob-smith"]


def test_bad_user_names_are_refused(db, system):
    for name in BAD_NAMES:
        with pytest.raises(ValidationError) as error:
            users.create_user(db, system, name, Role.PICKER, PASSWORD)
        assert error.value.field == "username", name
    with pytest.raises(ValidationError) as error:
        users.create_user(db, system, _name(), "boss", PASSWORD)
    assert error.value.field == "role"
    assert users.list_users(db, system) == []


def test_duplicate_user_is_a_conflict(db, system, make_user):
    row = make_user(Role.PICKER)
    with pytest.raises(ConflictError, match=row.username):
        users.create_user(db, system, row.username.upper(), Role.ADMIN, NEW_PASSWORD)
    [only] = users.list_users(db, system)
    assert only.role is Role.PICKER


# -- administrators -----------------------------------------------------------

def test_admin_cannot_disable_or_demote_themselves(db, make_user, logins):
    row = make_user(Role.ADMIN)
    admin = logins(db, row.username, PASSWORD)
    for change in ({"active": False}, {"role": Role.SUPERVISOR}):
        with pytest.raises(ValidationError, match="yourself|your own"):
            users.update_user(admin.database, admin.actor, row.id, **change)
    again = logins(db, row.username, PASSWORD)
    assert again.actor.role is Role.ADMIN and again.user.active


def test_admin_changes_another_users_role(db, make_user, logins):
    admin = logins(db, make_user(Role.ADMIN).username, PASSWORD)
    picker = make_user(Role.PICKER)
    updated = users.update_user(admin.database, admin.actor, picker.id, role=Role.PACKER, full_name="Packer Now")
    assert updated.role is Role.PACKER and updated.full_name == "Packer Now"
    assert logins(db, picker.username, PASSWORD).actor.role is Role.PACKER
    if db.is_postgres:  # the login role moved to the new group only
        assert _member_of(db, picker.username, pgroles.group_role(db.database_name, Role.PACKER))
        assert not _member_of(db, picker.username, pgroles.group_role(db.database_name, Role.PICKER))


# -- PostgreSQL: login roles are cluster-wide -----------------------------------

def test_user_with_login_role_from_another_database(postgres_databases, system, logins):
    name = _name("both")
    urls = [postgres_databases.create(), postgres_databases.create()]
    databases = [Database(url) for url in urls]
    try:
        for database in databases:
            migrate.upgrade(database)
        users.create_user(databases[0], system, name, Role.PICKER, PASSWORD)
        # The login role exists now; giving the same person access to a second database takes their
        # current password (with password authentication the server checks it) and changes nothing else.
        users.create_user(databases[1], system, name, Role.PACKER, PASSWORD)
        db1, db2 = (d.database_name for d in databases)
        assert _member_of(databases[0], name, pgroles.group_role(db1, Role.PICKER))
        assert _member_of(databases[0], name, pgroles.group_role(db2, Role.PACKER))
        assert not _member_of(databases[0], name, pgroles.group_role(db1, Role.PACKER))
        assert not _member_of(databases[0], name, pgroles.group_role(db2, Role.PICKER))
        assert logins(databases[0], name, PASSWORD).actor.role is Role.PICKER
        assert logins(databases[1], name, PASSWORD).actor.role is Role.PACKER
        for database in databases:
            with pytest.raises(AuthenticationFailed):
                users.login(database, name, NEW_PASSWORD)
    finally:
        for database in databases:
            database.dispose()
        for url in urls:
            postgres_databases.drop(url)
        _drop_login_roles(PG_ADMIN_URL, [name])


def test_postgres_superuser_name_is_refused(db, system):
    if not db.is_postgres:
        pytest.skip("PostgreSQL superusers exist on PostgreSQL only")
    name = _name("su")
    admin = create_engine(db.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE ROLE {pgroles.quote_ident(name)} SUPERUSER NOLOGIN"))
        with pytest.raises(ConflictError, match="superuser"):
            users.create_user(db, system, name, Role.PICKER, PASSWORD)
        assert users.list_users(db, system) == []
        with admin.connect() as connection:  # still a superuser, still no login, no group
            row = connection.execute(text("SELECT rolsuper, rolcanlogin FROM pg_roles WHERE rolname = :n"),
                                     {"n": name}).one()
            assert row.rolsuper and not row.rolcanlogin
            granted = connection.execute(text(
                "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = :n"),
                {"n": name}).scalar()
            assert granted == 0
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {pgroles.quote_ident(name)}"))
        admin.dispose()


def test_server_checked_password_is_trusted_over_the_local_hash(db, system, monkeypatch):
    """With scram/md5 authentication the server's answer decides (the login role's password is
    cluster-wide); the local argon2id hash is only consulted when the server checked nothing."""
    if not db.is_postgres:
        pytest.skip("PostgreSQL authentication")
    name = _name("srv")
    try:
        users.create_user(db, system, name, Role.PICKER, PASSWORD)
        with pytest.raises(AuthenticationFailed):  # trust auth here: the hash decides
            users.login(db, name, "another-password")
        monkeypatch.setattr(users, "_server_checked_password", lambda database: True)
        result = users.login(db, name, "another-password")  # as if the server had verified it
        assert result.actor.username == name
        result.database.dispose()
    finally:
        _drop_login_roles(PG_ADMIN_URL, [name])
