"""Hand pick lists to pickers: never one list to two of them, and a crashed station's claim expires.

PostgreSQL: the next open list is locked ``FOR UPDATE SKIP LOCKED``, so two
pickers asking at the same moment get different lists without waiting for
each other. SQLite: the write transaction holds the database lock, so the
read-then-claim is already exclusive. Either way the claiming UPDATE is
conditional on the list still being open.

A claim lasts ``CLAIM_MINUTES`` after the picker's last scan (every scan
renews it). After that a supervisor may take the list over or put it back
for anyone; the picker's own station picks it up again with "take next".
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import ConflictError, NotFound, ValidationError
from app.i18n import _
from app.models import utcnow
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor
from app.services.picking.common import CLAIM_DURATION, LISTS, TASKS
from app.services.picking.views import PickListView, build_view


def first_open_task(session: Session, pick_list_id: int) -> int | None:
    return session.execute(select(TASKS.c.id).where(TASKS.c.pick_list_id == pick_list_id, TASKS.c.state == "open")
                           .order_by(TASKS.c.position).limit(1)).scalar_one_or_none()


def take_next(db: Database, actor: Actor, warehouse_id: int, station: str) -> PickListView | None:
    """The picker's own unfinished list if there is one, else the next open list of the warehouse (oldest
    delivery first), claimed for them; None when there is nothing to pick."""
    require(actor, Action.PICK)
    if not station:
        raise ValidationError(_("This station has no name; set one in the settings."), "station")

    def work(session: Session) -> PickListView | None:
        now = utcnow()
        own = session.execute(select(LISTS.c.id).where(LISTS.c.warehouse_id == warehouse_id,
                                                       LISTS.c.state == "claimed",
                                                       LISTS.c.claimed_by == actor.username)
                              .order_by(LISTS.c.id).limit(1)).scalar_one_or_none()
        if own is not None:
            session.execute(update(LISTS).where(LISTS.c.id == own)
                            .values(claimed_station=station, claimed_until=now + CLAIM_DURATION))
            return build_view(session, own)
        query = (select(LISTS.c.id).where(LISTS.c.warehouse_id == warehouse_id, LISTS.c.state == "open")
                 .order_by(LISTS.c.delivery_date, LISTS.c.delivery_slot, LISTS.c.id).limit(1))
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        chosen = session.execute(query).scalar_one_or_none()
        if chosen is None:
            return None
        _claim(session, actor, chosen, station, expect_state="open")
        audit.record(session, actor, "pick_list.claimed", "pick_list", chosen, from_state="open", to_state="claimed",
                     details={"station": station})
        return build_view(session, chosen)

    return db.transaction(work)


def _claim(session: Session, actor: Actor, pick_list_id: int, station: str, *, expect_state: str,
           expect_holder: str | None = None) -> None:
    conditions = [LISTS.c.id == pick_list_id, LISTS.c.state == expect_state]
    if expect_holder is not None:
        conditions.append(LISTS.c.claimed_by == expect_holder)
    result = session.execute(update(LISTS).where(*conditions).values(
        state="claimed", claimed_by=actor.username, claimed_station=station,
        claimed_until=utcnow() + CLAIM_DURATION, at_bin_id=None, reserved_lot_missing=False,
        current_task_id=first_open_task(session, pick_list_id)))
    if result.rowcount != 1:
        raise ConflictError(_("Another picker took pick list {id} a moment ago; take the next one.").format(
            id=pick_list_id))


def _claimed_list(session: Session, pick_list_id: int):
    query = select(LISTS.c.state, LISTS.c.claimed_by, LISTS.c.claimed_station, LISTS.c.claimed_until) \
        .where(LISTS.c.id == pick_list_id)
    row = None
    if session.get_bind().dialect.name == "postgresql":
        # locked as a scan locks it: a scan saving now (it renews the claim) is waited for and then seen
        row = session.execute(query.with_for_update()).one_or_none()
    if row is None:  # not there, or another picker's list (row-level security): read it to say so
        row = session.execute(query).one_or_none()
    if row is None:
        raise NotFound(_("Pick list {id} does not exist.").format(id=pick_list_id))
    if row.state != "claimed":
        raise ValidationError(_("Pick list {id} is not being picked (it is {state}).").format(
            id=pick_list_id, state=row.state))
    return row


def _require_expired(row, pick_list_id: int) -> None:
    if row.claimed_until is not None and row.claimed_until > utcnow():
        raise ConflictError(_("{user} is still picking list {id} at {station} (claim until {time}). A list can be "
                              "taken over when its picker has not scanned for a while.").format(
            user=row.claimed_by, id=pick_list_id, station=row.claimed_station or "?",
            time=row.claimed_until.astimezone().strftime("%H:%M")))


def take_over(db: Database, actor: Actor, pick_list_id: int, station: str, reason: str) -> PickListView:
    """A supervisor takes over a list whose picker's claim has expired (a crashed or abandoned station)."""
    require(actor, Action.PICK_TAKEOVER)
    if not reason.strip(" "):
        raise ValidationError(_("Give a reason for taking the list over."), "reason")

    def work(session: Session) -> PickListView:
        row = _claimed_list(session, pick_list_id)
        _require_expired(row, pick_list_id)
        _claim(session, actor, pick_list_id, station, expect_state="claimed", expect_holder=row.claimed_by)
        audit.record(session, actor, "pick_list.taken_over", "pick_list", pick_list_id, from_state="claimed",
                     to_state="claimed", reason=reason, details={"from": row.claimed_by, "station": station})
        return build_view(session, pick_list_id)

    return db.transaction(work)


def release_claim(db: Database, actor: Actor, pick_list_id: int, reason: str = "") -> None:
    """Put a claimed list back for any picker: its own picker at any time (end of shift), a supervisor once the
    claim has expired. What was picked stays picked."""
    require(actor, Action.PICK)

    def work(session: Session) -> None:
        row = _claimed_list(session, pick_list_id)
        if row.claimed_by != actor.username:
            require(actor, Action.PICK_TAKEOVER)
            _require_expired(row, pick_list_id)
            if not reason.strip(" "):
                raise ValidationError(_("Give a reason for releasing another picker's list."), "reason")
        session.execute(update(LISTS).where(LISTS.c.id == pick_list_id, LISTS.c.state == "claimed")
                        .values(state="open", claimed_by="", claimed_station="", claimed_until=None, at_bin_id=None,
                                reserved_lot_missing=False))
        audit.record(session, actor, "pick_list.released", "pick_list", pick_list_id, from_state="claimed",
                     to_state="open", reason=reason, details={"picker": row.claimed_by})

    db.transaction(work)
