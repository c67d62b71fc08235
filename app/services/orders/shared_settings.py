"""Order settings every station shares (review rules, intake field names), stored in ``shared_settings``.

They live in the database rather than in a station's settings file, so the
review desk, the inbox machine and the command line judge orders alike.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import ValidationError
from app.i18n import _
from app.importers.options import ImportOptions
from app.models import SharedSetting
from app.models.base import utcnow
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor
from app.services.orders.review_settings import ReviewSettings

REVIEW_KEY = "order_review"
INTAKE_KEY = "order_intake"


@dataclass(frozen=True)
class IntakeSettings:
    """How channel payloads are read: the custom fields holding the delivery date and slot."""

    delivery_date_fields: tuple[str, ...] = ImportOptions.delivery_date_fields
    delivery_slot_fields: tuple[str, ...] = ImportOptions.delivery_slot_fields
    naive_timezone: str = ImportOptions.naive_timezone
    default_channel: str = ImportOptions.default_channel
    #: orders per transaction: fewer commits (each an fsync) against how long one batch holds SQLite's lock
    batch_size: int = 1000
    #: when the serving warehouse cannot reserve a whole order, try the others in their fallback order
    use_fallback_warehouses: bool = True

    @classmethod
    def from_json(cls, data: dict | None) -> "IntakeSettings":
        if not isinstance(data, dict):
            return cls()
        defaults, values = cls(), {}
        for item in fields(cls):
            value, default = data.get(item.name), getattr(defaults, item.name)
            if isinstance(default, tuple) and isinstance(value, list) and all(isinstance(v, str) for v in value):
                values[item.name] = tuple(value)
            elif isinstance(default, bool):
                if isinstance(value, bool):
                    values[item.name] = value
            elif isinstance(default, str) and isinstance(value, str) and value:
                values[item.name] = value
            elif isinstance(default, int) and isinstance(value, int) and not isinstance(value, bool) and value > 0:
                values[item.name] = value
        return cls(**values)

    def to_json(self) -> dict:
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}

    def import_options(self) -> ImportOptions:
        return ImportOptions(delivery_date_fields=self.delivery_date_fields,
                             delivery_slot_fields=self.delivery_slot_fields,
                             naive_timezone=self.naive_timezone, default_channel=self.default_channel)


def _stored(session: Session, key: str) -> dict | None:
    return session.execute(select(SharedSetting.value).where(SharedSetting.key == key)).scalar_one_or_none()


def review_settings_in(session: Session) -> ReviewSettings:
    return ReviewSettings.from_json(_stored(session, REVIEW_KEY))


def intake_settings_in(session: Session) -> IntakeSettings:
    return IntakeSettings.from_json(_stored(session, INTAKE_KEY))


def load_review_settings(db: Database, actor: Actor) -> ReviewSettings:
    require(actor, Action.ORDER_VIEW)
    return db.read(review_settings_in)


def load_intake_settings(db: Database, actor: Actor) -> IntakeSettings:
    require(actor, Action.ORDER_VIEW)
    return db.read(intake_settings_in)


def _save(db: Database, actor: Actor, key: str, value: dict) -> None:
    def work(session: Session) -> None:
        row = session.get(SharedSetting, key)
        before = dict(row.value) if row else {}
        if row is None:
            session.add(SharedSetting(key=key, value=value, updated_by=actor.username, updated_at=utcnow()))
        else:
            row.value, row.updated_by, row.updated_at = value, actor.username, utcnow()
        session.flush()
        audit.record(session, actor, "settings.save", "shared_settings", key, details=audit.changes(before, value))

    db.transaction(work)


def save_review_settings(db: Database, actor: Actor, settings: ReviewSettings) -> None:
    require(actor, Action.ORDER_SETTINGS_EDIT)
    settings.validate()
    _save(db, actor, REVIEW_KEY, settings.to_json())


def save_intake_settings(db: Database, actor: Actor, settings: IntakeSettings) -> None:
    require(actor, Action.ORDER_SETTINGS_EDIT)
    if not settings.delivery_date_fields or not settings.delivery_slot_fields:
        raise ValidationError(_("Name at least one custom field for the delivery date and one for the slot."),
                              "delivery_date_fields")
    _save(db, actor, INTAKE_KEY, settings.to_json())
