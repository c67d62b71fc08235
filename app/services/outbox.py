"""The transactional outbox: customer notifications written with their cause, delivered later.

Writing. A service that causes a notification (an order import confirming the
order, a shipment, a case update) renders the text and calls
``enqueue(session, [message_row(...)])`` inside its own transaction: the
message exists exactly when the cause was committed. ``dedupe_key`` (e.g.
``confirm:<order id>``) is unique and a row whose key exists is skipped
(``INSERT … ON CONFLICT (dedupe_key) DO NOTHING`` on both engines), so an
import retried or run twice queues one message. There is no permission check
here (the calling service checked its own) and no RETURNING (customer service
may insert but the rows are not its to read back).

Sending. ``send_due`` takes up to ``batch`` due messages (pending,
``next_attempt_at`` reached, no live lease) in one short transaction and
leases them for ``LEASE`` (``leased_until``): on PostgreSQL with ``SELECT …
FOR UPDATE SKIP LOCKED``, so several senders never take the same row; on
SQLite the write lock (``BEGIN IMMEDIATE``) serialises the claims. The
messages are then sent outside any transaction, on one transport session
(one SMTP connection), and each outcome is written at once in its own short
transaction:

- accepted → ``sent`` with ``sent_at``;
- temporary failure → stays ``pending``, ``attempts + 1``, ``last_error``, and
  ``next_attempt_at = now + 30 s · 2^(attempts-1)`` (capped at 1 h, plus up to
  10 % jitter so senders do not retry in lock step);
- permanent failure (the server refused the address or the message with
  5xx), or the ``max_attempts``-th temporary failure → ``failed``, audited.
  Failed messages are kept, never deleted; ``retry_failed`` puts them back.
- connection-level failure (server down, login refused): the rest of the batch
  gets the same temporary failure without being tried one by one.

Delivery is at least once. A sender that crashes (or loses the database)
between the server accepting a message and writing ``sent`` leaves the lease
to expire; after ``LEASE`` the message is due again and is sent a second
time. When nothing crashes each message is sent exactly once: a sender stops
taking messages from its batch well before its lease runs out (a slow server)
and releases the rest. Outcomes are only written while the sender still holds
the lease (a ``sent`` is always written, since the customer has the mail).

Only ``retry_failed`` and final failures are audited; individual sends are not
(the outbox row itself records attempts, errors and ``sent_at``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert
from app.db.database import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import OutboxMessage
from app.models.base import utcnow
from app.notifications.transport import Transport, TransportError
from app.permissions import Action, allowed, require
from app.services import audit
from app.services.context import Actor

__all__ = [
    "LEASE", "STATUSES", "OutboxRow", "SendReport", "backoff_delay", "enqueue", "list_messages", "message_row",
    "outbox_counts", "retry_failed", "send_due",
]

STATUSES = ("pending", "sent", "failed")
#: how long a claimed message belongs to its sender; after that another sender may take it again
LEASE = timedelta(minutes=2)
#: a sender stops starting new sends from a batch this long before its lease ends
LEASE_MARGIN = timedelta(seconds=20)
BACKOFF_BASE_S = 30
BACKOFF_MAX_S = 3600
_ERROR_LIMIT = 2000

_TABLE = OutboxMessage.__table__
_COLUMNS = ("dedupe_key", "kind", "order_id", "recipient", "language", "subject", "body", "status", "attempts",
            "next_attempt_at", "leased_until", "last_error", "created_at", "sent_at")
_LIMITS = {"kind": 30, "recipient": 200, "language": 10, "subject": 200}


@dataclass(frozen=True)
class OutboxRow:
    id: int
    dedupe_key: str
    kind: str
    order_id: int | None
    recipient: str
    language: str
    subject: str
    body: str
    status: str
    attempts: int
    next_attempt_at: datetime
    leased_until: datetime | None
    last_error: str
    created_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class SendReport:
    """What one ``send_due`` call did: delivered, given up (failed), to be tried again (retried)."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    #: the last error a message of this call met ("" when every send went through)
    last_error: str = ""

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.retried

    def __add__(self, other: "SendReport") -> "SendReport":
        return SendReport(self.sent + other.sent, self.failed + other.failed, self.retried + other.retried,
                          other.last_error or self.last_error)


def _row(m: OutboxMessage) -> OutboxRow:
    return OutboxRow(id=m.id, dedupe_key=m.dedupe_key, kind=m.kind, order_id=m.order_id, recipient=m.recipient,
                     language=m.language, subject=m.subject, body=m.body, status=m.status, attempts=m.attempts,
                     next_attempt_at=m.next_attempt_at, leased_until=m.leased_until, last_error=m.last_error,
                     created_at=m.created_at, sent_at=m.sent_at)


# -- writing ---------------------------------------------------------------------------------------------

def message_row(kind: str, dedupe_key: str, recipient: str, language: str, subject: str, body: str,
                order_id: int | None = None) -> dict:
    """One outbox row for ``enqueue``: pending, due now.

    Texts longer than their column are cut (a subject of 200 characters is
    plenty); a ``dedupe_key`` longer than 80 characters is a programming
    error (cutting it could merge two causes) and raises ``ValueError``.
    """
    if not dedupe_key or len(dedupe_key) > 80:
        raise ValueError(f"dedupe_key must be 1-80 characters: {dedupe_key!r}")
    now = utcnow()
    return {
        "dedupe_key": dedupe_key, "kind": kind[:30], "order_id": order_id, "recipient": recipient[:200],
        "language": language[:10], "subject": subject[:200], "body": body, "status": "pending", "attempts": 0,
        "next_attempt_at": now, "leased_until": None, "last_error": "", "created_at": now, "sent_at": None,
    }


def _complete(message: dict) -> dict:
    if len(message) == len(_COLUMNS) and all(column in message for column in _COLUMNS):
        return message
    return message_row(message["kind"], message["dedupe_key"], message["recipient"], message.get("language", ""),
                       message["subject"], message["body"], message.get("order_id")) | {
        key: value for key, value in message.items() if key in _COLUMNS and key not in _LIMITS}


def enqueue(session: Session, messages: list[dict]) -> None:
    """Insert ``messages`` (``message_row`` dicts) in the caller's transaction; existing dedupe keys are skipped.

    One ``INSERT … ON CONFLICT (dedupe_key) DO NOTHING`` executed for all rows
    at once by the driver (``app.db.bulk``). A key repeated within ``messages``
    is inserted once.
    """
    bulk_insert(session, _TABLE, [_complete(message) for message in messages], skip_conflicts_on=("dedupe_key",))


# -- sending ---------------------------------------------------------------------------------------------

def backoff_delay(attempts: int, *, jitter: float | None = None) -> timedelta:
    """Wait after the ``attempts``-th failed try: 30 s, 60 s, 2 min … capped at 1 h, plus 0–10 % jitter."""
    seconds = min(BACKOFF_BASE_S * 2 ** max(attempts - 1, 0), BACKOFF_MAX_S)
    factor = 1 + (random.uniform(0, 0.1) if jitter is None else jitter)
    return timedelta(seconds=seconds * factor)


def _aware(moment: datetime | None) -> datetime:
    if moment is None:
        return utcnow()
    if moment.tzinfo is None:
        raise ValueError("naive datetime; use datetime.now(timezone.utc)")
    return moment


def _claim(session: Session, now: datetime, batch: int, lease_until: datetime) -> list[OutboxRow]:
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now,
               or_(OutboxMessage.leased_until.is_(None), OutboxMessage.leased_until <= now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(batch)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    messages = list(session.scalars(query))
    if not messages:
        return []
    session.execute(update(OutboxMessage).where(OutboxMessage.id.in_([m.id for m in messages]))
                    .values(leased_until=lease_until).execution_options(synchronize_session=False))
    return [_row(m) for m in messages]


@contextmanager
def _transport_session(transport: Transport) -> Iterator[Transport]:
    opener = getattr(transport, "session", None)
    with (opener() if callable(opener) else nullcontext(transport)) as channel:
        yield channel


def send_due(db: Database, actor: Actor, transport: Transport, *, now: datetime | None = None, batch: int = 20,
             max_attempts: int = 8) -> SendReport:
    """Send up to ``batch`` due messages through ``transport``; see the module docstring for the rules.

    ``now`` fixes the clock (tests step time with it instead of sleeping);
    by default the current time is used for each step.
    """
    require(actor, Action.NOTIFICATION_SEND)
    if batch < 1 or max_attempts < 1:
        raise ValueError("batch and max_attempts must be at least 1")
    claimed_at = _aware(now)
    lease_until = claimed_at + LEASE
    claimed = db.transaction(lambda session: _claim(session, claimed_at, batch, lease_until))
    if not claimed:
        return SendReport()
    deadline = time.monotonic() + (LEASE - LEASE_MARGIN).total_seconds()
    counts = {"sent": 0, "failed": 0, "retried": 0}
    errors: list[str] = []

    def settle(message: OutboxRow, error: TransportError | None) -> None:
        stamp = _aware(now)
        if error is not None:
            errors.append(str(error))
        if error is None:
            outcome = db.transaction(lambda session: _mark_sent(session, message, stamp))
        else:
            outcome = db.transaction(
                lambda session: _mark_failed(session, actor, message, error, stamp, lease_until, max_attempts))
        if outcome:
            counts[outcome] += 1

    waiting = list(claimed)
    connection_error: TransportError | None = None
    try:
        with _transport_session(transport) as channel:
            while waiting and time.monotonic() < deadline:
                message = waiting[0]
                try:
                    channel.send(message)
                except TransportError as error:
                    waiting.pop(0)
                    settle(message, error)
                    if error.connection:
                        connection_error = error
                        break
                except Exception as error:  # a transport bug must not lose the message: retried like a 4xx
                    waiting.pop(0)
                    settle(message, TransportError(f"{type(error).__name__}: {error}"))
                else:
                    waiting.pop(0)
                    settle(message, None)
    except TransportError as error:  # opening the session (connecting, logging in) failed
        connection_error = error
    if waiting and connection_error is not None:
        for message in waiting:
            settle(message, connection_error)
    elif waiting:  # the lease is running out (slow server): give the rest back for the next round
        ids = [m.id for m in waiting]
        db.transaction(lambda session: session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids), OutboxMessage.status == "pending",
                   OutboxMessage.leased_until == lease_until)
            .values(leased_until=None).execution_options(synchronize_session=False)))
    return SendReport(**counts, last_error=errors[-1] if errors else "")


def _mark_sent(session: Session, message: OutboxRow, stamp: datetime) -> str | None:
    # written even when the lease was lost: the customer has the mail, "sent" is the truth
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.status == "pending")
        .values(status="sent", sent_at=stamp, leased_until=None, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False))
    return "sent" if result.rowcount else None


def _mark_failed(session: Session, actor: Actor, message: OutboxRow, error: TransportError, stamp: datetime,
                 lease_until: datetime, max_attempts: int) -> str | None:
    attempts = message.attempts + 1
    final = error.permanent or attempts >= max_attempts
    text = str(error)[:_ERROR_LIMIT]
    values: dict = {"attempts": attempts, "last_error": text, "leased_until": None}
    if final:
        values["status"] = "failed"
    else:
        values["next_attempt_at"] = stamp + backoff_delay(attempts)
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.status == "pending",
               OutboxMessage.leased_until == lease_until)
        .values(**values).execution_options(synchronize_session=False))
    if not result.rowcount:  # another sender took it over after our lease ran out: its outcome counts
        return None
    if final:
        audit.record(session, actor, "notification.failed", "outbox", message.id, from_state="pending",
                     to_state="failed", reason=text, details={
                         "kind": message.kind, "recipient": message.recipient, "order_id": message.order_id,
                         "attempts": attempts, "permanent": error.permanent})
        return "failed"
    return "retried"


# -- managing --------------------------------------------------------------------------------------------

def retry_failed(db: Database, actor: Actor, message_ids: Iterable[int]) -> int:
    """Put failed messages back to pending, due now, with a fresh set of attempts; returns how many.

    Ids that are not failed (sent, pending, unknown) are left alone.
    """
    require(actor, Action.NOTIFICATION_SEND)
    ids = sorted({int(i) for i in message_ids})
    if not ids:
        return 0

    def work(session: Session) -> int:
        messages = list(session.scalars(
            select(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.status == "failed")
            .order_by(OutboxMessage.id).with_for_update()))
        now = utcnow()
        for m in messages:
            audit.record(session, actor, "notification.retry", "outbox", m.id, from_state="failed",
                         to_state="pending", reason=m.last_error[:500], details={
                             "kind": m.kind, "recipient": m.recipient, "order_id": m.order_id,
                             "attempts": [m.attempts, 0]})
            m.status, m.attempts, m.next_attempt_at, m.leased_until = "pending", 0, now, None
        return len(messages)

    return db.transaction(work)


def _require_view(actor: Actor) -> None:
    if not (allowed(actor.role, Action.NOTIFICATION_SEND) or allowed(actor.role, Action.ORDER_VIEW)):
        require(actor, Action.ORDER_VIEW)


def list_messages(db: Database, actor: Actor, *, status: str | None = None, order_id: int | None = None,
                  limit: int = 200) -> list[OutboxRow]:
    """Newest first, optionally one status or one order's messages."""
    _require_view(actor)
    if status is not None and status not in STATUSES:
        raise ValidationError(_("Unknown message status {status!r}; use pending, sent or failed.").format(
            status=status), "status")

    def work(session: Session) -> list[OutboxRow]:
        query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(max(limit, 0))
        if status is not None:
            query = query.where(OutboxMessage.status == status)
        if order_id is not None:
            query = query.where(OutboxMessage.order_id == order_id)
        return [_row(m) for m in session.scalars(query)]

    return db.read(work)


def outbox_counts(db: Database, actor: Actor) -> dict[str, int]:
    """Messages per status, every status present: {"pending": n, "sent": n, "failed": n}."""
    _require_view(actor)

    def work(session: Session) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for status, count in session.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)):
            counts[status] = count
        return counts

    return db.read(work)
