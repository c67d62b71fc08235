"""Models and migrations agree; upgrades are repeatable."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.db import migrate
from app.db.database import Database
from app.models import Base


def test_models_match_migrations(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrade_is_idempotent_and_reports_head(empty_db_url):
    database = Database(empty_db_url)
    assert migrate.current_revision(database) is None
    assert not migrate.is_up_to_date(database)
    assert migrate.upgrade(database) == migrate.head_revision()
    assert migrate.upgrade(database) == migrate.head_revision()
    assert migrate.is_up_to_date(database)
    assert {"users", "audit_log", "products", "bins"} <= set(inspect(database.engine).get_table_names())
    database.dispose()


def test_downgrade_to_base_and_up_again(empty_db_url):
    database = Database(empty_db_url)
    migrate.upgrade(database)
    from alembic import command

    config = migrate.alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert "products" not in inspect(database.engine).get_table_names()
    migrate.upgrade(database)
    assert migrate.is_up_to_date(database)
    database.dispose()


def test_head_constant_matches_the_newest_migration():
    assert migrate.head_revision() == migrate.alembic_head_revision()
