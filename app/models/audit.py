"""Append-only audit log: who did what, when, from which station, and why.

Written in the same transaction as the change it records. Triggers on both
engines refuse UPDATE and DELETE; on PostgreSQL no group has those grants
either, and ``db_user`` is forced to ``session_user`` by a trigger so it
cannot be spoofed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity_type", "entity_id"),
        Index("ix_audit_log_at", "at"),
        # never INSERT … RETURNING: roles that may write the log but not read it (pickers, QC, stock
        # clerks, packers) would be refused the RETURNING on PostgreSQL
        {"implicit_returning": False},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now(), default=utcnow)
    app_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    app_username: Mapped[str] = mapped_column(String(32))
    db_user: Mapped[str | None] = mapped_column(String(63))
    station: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[str] = mapped_column(String(60))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(60))
    from_state: Mapped[str | None] = mapped_column(String(40))
    to_state: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="")  # JSON object of changed fields
