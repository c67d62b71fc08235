"""Users, login and passwords.

SQLite (one PC): users and their argon2id hashes live in the database and the
app checks the password. PostgreSQL (a site): each user is a login role; the
login connects with the user's own credentials, so the server enforces the
role's grants on every statement, and the argon2id hash is checked as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import (AuthenticationFailed, ConflictError, DatabaseUnavailable, NotFound,
                        ValidationError)
from app.i18n import N_, _
from app.models import User
from app.permissions import Action, Role, require
from app.services import audit
from app.services.context import Actor

USERNAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
RESERVED_USERNAMES = {"postgres", "public", "system", "root", "none", "all"}
MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters

#: The columns a supervisor may read on PostgreSQL (the hash is not among them).
_PUBLIC_COLUMNS = (User.id, User.username, User.full_name, User.role, User.active, User.language)


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    language: str


@dataclass(frozen=True)
class LoginResult:
    database: Database  # the handle to use from now on (the user's own connection on PostgreSQL)
    actor: Actor
    user: UserRow


def _row(values) -> UserRow:
    return UserRow(values.id, values.username, values.full_name, Role(values.role), values.active, values.language)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def validate_username(username: str) -> str:
    username = username.strip(" ").lower()
    if not USERNAME_RE.match(username) or username.startswith(("pg_", "ff_")) or username in RESERVED_USERNAMES:
        raise ValidationError(
            _("User name {name!r} is not allowed: use 2-32 lower-case letters, digits or _, starting with a letter.")
            .format(name=username),
            "username",
        )
    return username


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            _("The password needs at least {n} characters.").format(n=MIN_PASSWORD_LENGTH), "password"
        )


def _verify(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_WRONG_CREDENTIALS = N_("Wrong user name or password.")


def login(base: Database, username: str, password: str, station: str = "") -> LoginResult:
    """Check the credentials and return the database handle and actor to work with."""
    username = username.strip(" ").lower()
    if not username or not password:
        raise AuthenticationFailed(_("Enter your user name and password."))
    if base.is_postgres:
        database = _connect_as(base, username, password, station)
        try:
            server_checked = _server_checked_password(database)
            password_hash = None if server_checked else database.read(
                lambda s: s.execute(text("SELECT freshflow_login_hash()")).scalar())
        except Exception:
            database.dispose()
            raise
    else:
        database, server_checked = base, False
        password_hash = base.read(
            lambda s: s.execute(select(User.password_hash).where(User.username == username)).scalar()
        )
    if not server_checked and not _verify(password_hash, password):
        if database is not base:
            database.dispose()
        raise AuthenticationFailed(_(_WRONG_CREDENTIALS))
    if database.is_postgres:  # a picker may not list users; the my_account view shows their own row
        query = text("SELECT id, username, full_name, role, active, language FROM my_account")
    else:
        query = select(*_PUBLIC_COLUMNS).where(User.username == username)
    row = database.read(lambda s: s.execute(query).one_or_none())
    if row is None or not row.active:
        raise AuthenticationFailed(_("The account {name} is disabled. Ask an administrator.").format(name=username))
    user = _row(row)
    actor = Actor(user.id, user.username, user.role, station, user.full_name)
    return LoginResult(database=database, actor=actor, user=user)


def _server_checked_password(database: Database) -> bool:
    """Did PostgreSQL itself ask for and accept the password (scram/md5 in pg_hba.conf)?

    Then the login role's password is the truth: it is cluster-wide, so a
    password set from another FreshFlow database on the server counts here too.
    Under trust or peer authentication the server checked nothing, and the
    argon2id hash stored in this database decides instead.
    """
    with database.engine.connect() as connection:
        return bool(connection.connection.driver_connection.pgconn.used_password)


def _connect_as(base: Database, username: str, password: str, station: str) -> Database:
    database = base.with_credentials(username, password, application_name=f"freshflow:{station or 'desktop'}")
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as error:
        database.dispose()
        message = str(error.orig).lower()
        if "password authentication failed" in message or "role" in message and "does not exist" in message:
            raise AuthenticationFailed(_(_WRONG_CREDENTIALS)) from error
        if "permission denied for database" in message or "not permitted to log in" in message:
            raise AuthenticationFailed(
                _("The account {name} may not use this database. Ask an administrator.").format(name=username)
            ) from error
        raise DatabaseUnavailable(
            _("The database at {url} cannot be reached: {detail}").format(
                url=base.display_url, detail=str(error.orig).strip().splitlines()[0]
            )
        ) from error
    return database


def list_users(db: Database, actor: Actor) -> list[UserRow]:
    require(actor, Action.USER_VIEW)
    return db.read(lambda s: [_row(r) for r in s.execute(select(*_PUBLIC_COLUMNS).order_by(User.username))])


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(_("User {id} does not exist.").format(id=user_id))
    return user


def create_user(
    db: Database, actor: Actor, username: str, role: Role | str, password: str,
    full_name: str = "", language: str = "en",
) -> UserRow:
    """Add a user; on PostgreSQL also create (or reuse) their login role."""
    require(actor, Action.USER_MANAGE)
    username = validate_username(username)
    role = _role(role)
    validate_password(password)
    password_hash = hash_password(password)

    def work(session: Session) -> UserRow:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise ConflictError(_("A user named {name} already exists.").format(name=username))
        if db.is_postgres:
            _ensure_login_role(db, session, username, password, role)
        user = User(username=username, full_name=full_name.strip(), role=role.value,
                    password_hash=password_hash, active=True, language=language)
        session.add(user)
        session.flush()
        audit.record(session, actor, "user.created", "user", user.id, to_state=role.value,
                     details={"username": username, "full_name": user.full_name})
        return _row(user)

    row = db.transaction(work)
    return row


def ensure_user(db: Database, actor: Actor, username: str, role: Role | str, password: str,
                full_name: str = "") -> UserRow:
    """Create the user, or reset role, password and active flag of an existing one (demo set-up)."""
    require(actor, Action.USER_MANAGE)
    username = validate_username(username)
    existing = db.read(lambda s: s.scalar(select(User.id).where(User.username == username)))
    if existing is None:
        return create_user(db, actor, username, role, password, full_name)
    update_user(db, actor, existing, role=role, active=True, full_name=full_name or None)
    current_hash = db.read(lambda s: s.scalar(select(User.password_hash).where(User.id == existing)))
    if not _verify(current_hash, password):  # a (shared) login's password is only changed when it differs
        set_password(db, actor, existing, password)
    return db.read(lambda s: _row(_get(s, existing)))


#: SQLSTATEs of losing a race for a login role with another transaction: unique_violation and duplicate_object
#: (both created the role), XX000 (PostgreSQL's "tuple concurrently updated": both changed it).
_LOGIN_RACE_SQLSTATES = {"23505", "42710", "XX000"}
#: Each lost race means another transaction finished with the role, so a few attempts cover several at once.
_LOGIN_RACE_ATTEMPTS = 5


def _ensure_login_role(db: Database, session: Session, username: str, password: str, role: Role) -> None:
    """Create the user's PostgreSQL login role, or reuse one that exists on the server.

    A role of that name may exist because the same person uses another
    FreshFlow database here. It is reused only when the password given is its
    current password (when the server checks passwords at all): otherwise
    adding "alice" here would take over the account of another database's alice.
    An existing role's password is never changed by adding a user.

    Roles are cluster-wide, so another FreshFlow database may set up the same
    login at the same moment. An advisory lock cannot queue the two (advisory
    locks belong to one database) and no lock on the server's role catalog is
    open to a non-superuser admin. PostgreSQL reports the lost race only once
    the other transaction has ended, so the check is simply made again: it then
    sees the other's role and reuses it under the rules above.
    """
    attempts_left = _LOGIN_RACE_ATTEMPTS
    while True:
        attempts_left -= 1
        _check_reusable_login(db, session, username, password)
        try:
            with session.begin_nested():
                session.execute(text("SELECT freshflow_ensure_login(:u, :p, :r)"),
                                {"u": username, "p": password, "r": role.value})
            return
        except DBAPIError as error:
            if attempts_left and getattr(error.orig, "sqlstate", None) in _LOGIN_RACE_SQLSTATES:
                continue
            raise ConflictError(_("PostgreSQL refused to set up the login {name}: {detail}").format(
                name=username, detail=str(error.orig).strip().splitlines()[0])) from error


def _check_reusable_login(db: Database, session: Session, username: str, password: str) -> None:
    """Refuse a role named ``username`` that exists and may not become this user's login."""
    existing = session.execute(text("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = :n"),
                               {"n": username}).first()
    if existing is None:
        return
    if existing.rolsuper or not existing.rolcanlogin:
        raise ConflictError(_("A PostgreSQL role named {name} exists and is not an ordinary login (for example a "
                              "superuser); choose another user name.").format(name=username))
    if not _password_is_current(db, username, password):
        raise ConflictError(_("A database user named {name} already exists on this server (perhaps for another "
                              "FreshFlow database). Enter that person's current password to give them access "
                              "here, or choose another user name.").format(name=username))


def _password_is_current(db: Database, username: str, password: str) -> bool:
    """Can ``username`` connect with ``password``? (Always true when the server checks no passwords.)"""
    probe = db.with_credentials(username, password, application_name="freshflow:password-check")
    try:
        with probe.engine.connect():
            return True
    except DBAPIError as error:
        # Authentication passed if the server only refused the database itself.
        return "permission denied for database" in str(error.orig).lower()
    finally:
        probe.dispose()


def _set_login_password(session: Session, username: str, password: str) -> None:
    try:
        with session.begin_nested():
            session.execute(text("SELECT freshflow_set_login_password(:u, :p)"), {"u": username, "p": password})
    except DBAPIError as error:
        if "shared login" in str(error.orig):
            raise ConflictError(_("{name} also uses another FreshFlow database on this server, so their database "
                                  "password is shared. Ask the server administrator to change it (ALTER ROLE … "
                                  "PASSWORD).").format(name=username)) from error
        raise


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError(
            _("Unknown role {role}; choose one of {roles}.").format(role=role, roles=", ".join(r.value for r in Role)),
            "role",
        ) from None


def update_user(
    db: Database, actor: Actor, user_id: int, *, full_name: str | None = None, role: Role | str | None = None,
    active: bool | None = None, language: str | None = None,
) -> UserRow:
    require(actor, Action.USER_MANAGE)
    new_role = _role(role) if role is not None else None

    def work(session: Session) -> UserRow:
        user = _get(session, user_id)
        before = {"full_name": user.full_name, "role": user.role, "active": user.active, "language": user.language}
        if user.id == actor.user_id and (active is False or (new_role and new_role is not Role.ADMIN)):
            raise ValidationError(_("You cannot disable yourself or take away your own administrator role."))
        if full_name is not None:
            user.full_name = full_name.strip()
        if new_role is not None:
            user.role = new_role.value
        if active is not None:
            user.active = active
        if language is not None:
            user.language = language
        after = {"full_name": user.full_name, "role": user.role, "active": user.active, "language": user.language}
        diff = audit.changes(before, after)
        if not diff:
            return _row(user)
        if db.is_postgres:
            session.execute(text("SELECT freshflow_set_login_group(:u, :r)"),
                            {"u": user.username, "r": user.role if user.active else None})
        session.flush()
        audit.record(session, actor, "user.updated", "user", user.id,
                     from_state=before["role"], to_state=user.role, details=diff)
        return _row(user)

    return db.transaction(work)


def set_password(db: Database, actor: Actor, user_id: int, password: str) -> None:
    """An administrator sets a user's password (on PostgreSQL the login role's too)."""
    require(actor, Action.USER_MANAGE)
    validate_password(password)
    password_hash = hash_password(password)

    def work(session: Session) -> None:
        user = _get(session, user_id)
        user.password_hash = password_hash
        if db.is_postgres:
            _set_login_password(session, user.username, password)
        session.flush()
        audit.record(session, actor, "user.password_changed", "user", user.id)
        return user.username

    db.transaction(work)
