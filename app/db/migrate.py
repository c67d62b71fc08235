"""Upgrade a database to the newest schema (on app start and ``freshflow db upgrade``).

Alembic is imported only when a migration actually runs: checking whether a
database is current is one SELECT against ``alembic_version`` compared with
``HEAD_REVISION`` (tests/test_migrations.py keeps that constant equal to the
newest migration), which keeps it off the start-up path.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from app.db.database import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

#: The newest revision in app/migrations/versions. Update with every new migration.
HEAD_REVISION = "0005"


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return HEAD_REVISION


def alembic_head_revision() -> str:
    """The head according to Alembic's script directory (slow; for tests and tools)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(database: Database, revision: str = "head") -> str:
    """Bring ``database`` to ``revision``; returns the revision it is at afterwards."""
    from alembic import command

    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return current_revision(database) or ""


def is_up_to_date(database: Database) -> bool:
    return current_revision(database) == HEAD_REVISION
