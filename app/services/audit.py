"""Writing and reading the append-only audit log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert
from app.db.database import Database
from app.models import AuditEntry
from app.permissions import Action, require
from app.services.context import Actor


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: object,
    *,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Append one audit entry inside the caller's transaction.

    Written like ``record_many``: no RETURNING (roles with INSERT but no SELECT on the audit log — pickers,
    packers, ... — may write it on PostgreSQL), and no separate round trip to fetch the new id first, which a
    single-row INSERT without RETURNING would cost there.
    """
    record_many(session, [entry_row(actor, action, entity_type, entity_id, from_state=from_state, to_state=to_state,
                                    reason=reason, details=details, dialect=session.get_bind().dialect.name)])


def entry_row(actor: Actor, action: str, entity_type: str, entity_id: object, *, from_state: str | None = None,
              to_state: str | None = None, reason: str = "", details: dict[str, Any] | None = None,
              dialect: str = "sqlite") -> dict:
    """One audit row for ``record_many`` (same columns as ``record`` writes)."""
    return {
        "app_user_id": actor.user_id, "app_username": actor.username,
        "db_user": "sqlite" if dialect == "sqlite" else None, "station": actor.station, "action": action,
        "entity_type": entity_type, "entity_id": str(entity_id), "from_state": from_state, "to_state": to_state,
        "reason": reason,
        "details": json.dumps(details, ensure_ascii=False, default=str, sort_keys=True) if details else "",
    }


def record_many(session: Session, rows: list[dict]) -> None:
    """Append many audit entries at once (a bulk import writes one per order), no RETURNING."""
    bulk_insert(session, AuditEntry.__table__, rows)


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field -> [old, new] for the fields that differ; what the audit details hold."""
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    app_username: str
    db_user: str | None
    station: str
    action: str
    entity_type: str
    entity_id: str
    from_state: str | None
    to_state: str | None
    reason: str
    details: str


def list_entries(
    db: Database,
    actor: Actor,
    *,
    entity_type: str | None = None,
    entity_id: object | None = None,
    search: str = "",
    limit: int = 1000,
) -> list[AuditRow]:
    """Newest first; filtered by entity or by text in user, action or reason."""
    require(actor, Action.AUDIT_VIEW)

    def work(session: Session) -> list[AuditRow]:
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if entity_type:
            query = query.where(AuditEntry.entity_type == entity_type)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == str(entity_id))
        if search:
            pattern = f"%{search}%"
            query = query.where(
                AuditEntry.app_username.ilike(pattern)
                | AuditEntry.action.ilike(pattern)
                | AuditEntry.entity_id.ilike(pattern)
                | AuditEntry.reason.ilike(pattern)
            )
        return [
            AuditRow(
                id=e.id, at=e.at, app_username=e.app_username, db_user=e.db_user, station=e.station,
                action=e.action, entity_type=e.entity_type, entity_id=e.entity_id, from_state=e.from_state,
                to_state=e.to_state, reason=e.reason, details=e.details,
            )
            for e in session.scalars(query)
        ]

    return db.read(work)
