"""Persistence: engines, units of work, retries, migrations, change feed."""

from app.db.database import Database, open_database

__all__ = ["Database", "open_database"]
