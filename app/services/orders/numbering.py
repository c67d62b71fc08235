"""Order numbers: the receiving day and a sequence, e.g. ``20261128-0042``.

A batch takes its numbers with one upsert that adds the batch size to the
day's counter and returns the new last value, so concurrent importers on
either engine get disjoint ranges (the row is locked until commit on
PostgreSQL; SQLite writes one transaction at a time). A rolled-back batch
gives its numbers back with the rollback, so there are no gaps from crashes.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.models import OrderNumberCounter

_COUNTERS = OrderNumberCounter.__table__


def format_number(day: date, sequence: int) -> str:
    return f"{day:%Y%m%d}-{sequence:04d}"


def take_numbers(session: Session, day: date, count: int) -> list[str]:
    """``count`` new order numbers for ``day``, in ascending order."""
    if count <= 0:
        return []
    builder = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = builder(_COUNTERS).values(day=f"{day:%Y%m%d}", last_value=count)
    statement = statement.on_conflict_do_update(
        index_elements=[_COUNTERS.c.day], set_={"last_value": _COUNTERS.c.last_value + count}
    ).returning(_COUNTERS.c.last_value)
    last = session.execute(statement).scalar_one()
    return [format_number(day, sequence) for sequence in range(last - count + 1, last + 1)]
