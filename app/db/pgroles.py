"""PostgreSQL login roles, per-database group roles and table grants.

Every FreshFlow user is a PostgreSQL login role and a member of one group role
per app role. Roles are cluster-wide, so group roles carry the database name
(``ff_<db>_<role>``): two FreshFlow databases on one server never share
privileges. Login roles themselves are created and changed only through the
SECURITY DEFINER functions of migration 0001 (``freshflow_ensure_login`` and
friends), which touch this database's groups only; nobody gets CREATEROLE.
"""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import Connection, text

from app.permissions import Role

_SLUG_RE = re.compile(r"[^a-z0-9_]")


def database_slug(database_name: str) -> str:
    slug = _SLUG_RE.sub("_", database_name.lower())
    if len(slug) > 24 or slug != database_name.lower():
        slug = f"{slug[:15]}_{hashlib.sha1(database_name.encode()).hexdigest()[:8]}"
    return slug


def group_role(database_name: str, role: Role | str) -> str:
    """The group role holding ``role``'s privileges in ``database_name``."""
    return f"ff_{database_slug(database_name)}_{Role(role).value}"


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def current_database(connection: Connection) -> str:
    return connection.execute(text("SELECT current_database()")).scalar_one()


def ensure_group_roles(connection: Connection) -> dict[Role, str]:
    """Create the NOLOGIN group roles of this database if they do not exist."""
    database = current_database(connection)
    groups = {role: group_role(database, role) for role in Role}
    for name in groups.values():
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
        if not exists:
            # Roles are cluster-wide: another session (a second station, or a test process, upgrading at the same
            # moment) may create the same role between the check and here. That duplicate counts as created; it is
            # caught inside a PL/pgSQL block, so the migration's transaction goes on.
            connection.execute(text(
                f"DO $$ BEGIN CREATE ROLE {quote_ident(name)} NOLOGIN; "
                "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            ))
    connection.execute(text(f"REVOKE ALL ON DATABASE {quote_ident(database)} FROM PUBLIC"))
    for name in groups.values():
        connection.execute(text(f"GRANT CONNECT, TEMPORARY ON DATABASE {quote_ident(database)} TO {quote_ident(name)}"))
        connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {quote_ident(name)}"))
        connection.execute(
            text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {quote_ident(name)}")
        )
    return groups


def apply_table_grants(connection: Connection, grants: dict[str, dict[str, str]]) -> None:
    """Grant each group exactly the privileges listed per table.

    ``grants`` maps table -> {role value or "*": "SELECT, INSERT" or
    "SELECT (col, col)"}. "*" means every role. PUBLIC loses everything.
    """
    database = current_database(connection)
    for table, per_role in grants.items():
        connection.execute(text(f"REVOKE ALL ON {quote_ident(table)} FROM PUBLIC"))
        for role in Role:
            connection.execute(text(f"REVOKE ALL ON {quote_ident(table)} FROM {quote_ident(group_role(database, role))}"))
        for role_key, privileges in per_role.items():
            roles = list(Role) if role_key == "*" else [Role(role_key)]
            for role in roles:
                for privilege in _split_privileges(privileges):
                    connection.execute(
                        text(f"GRANT {privilege} ON {quote_ident(table)} TO {quote_ident(group_role(database, role))}")
                    )
    for role in Role:
        connection.execute(
            text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quote_ident(group_role(database, role))}")
        )


def _split_privileges(privileges: str) -> list[str]:
    """Split "SELECT (a, b), INSERT" into ["SELECT (a, b)", "INSERT"]."""
    parts, depth, current = [], 0, ""
    for char in privileges:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def drop_group_roles(connection: Connection, database_name: str) -> None:
    """Remove the group roles of a dropped database (test and admin clean-up)."""
    for role in Role:
        name = group_role(database_name, role)
        if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
            connection.execute(text(f"DROP ROLE {quote_ident(name)}"))
