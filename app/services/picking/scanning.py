"""Every scan and key action at a picking station: one transaction, idempotent on (station, sequence).

A station numbers its scans 1, 2, 3, ... (``views.next_scan_seq`` after a
restart). Handling a scan first looks for that (station, seq): a scan sent
again after a timeout or a crash returns what it did the first time and does
nothing twice. Otherwise the scan is checked against the current task (bin,
product, lot, expiry, weight, quantity) and either accepted — stock moves
from the bin to the packing area, the task, line and order are updated, the
scan is logged — or rejected with a reason and nothing changes but the log.

The list row is locked first (PostgreSQL ``FOR UPDATE``; SQLite's write
lock), so the scans of one list are applied one at a time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, case, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import clock
from app.barcodes import BarcodeError, ScanResult, parse_scan
from app.db.database import Database
from app.errors import ConflictError, NotFound, ValidationError
from app.i18n import _
from app.models import ProductGtin, StockMove, utcnow
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor
from app.services.picking import completion
from app.services.picking.claiming import first_open_task
from app.services.picking.common import (BINS, CLAIM_DURATION, LINES, LIST_ORDERS, LISTS, LOTS, ORDERS, PRODUCTS,
                                         QUANTS, RESERVATIONS, SCANS, TASKS, require_packing_bin)
from app.services.picking.views import PickListView, SubstituteOffer, build_view
from app.services.stock.ledger import (InsufficientStock, QuantKey, add_to_quant, apply_quant_delta, insert_moves,
                                      move_row)
from app.services.stock.queries import format_quantity
from app.services.stock.reservations import earliest_acceptable_expiry, move_reservation_in_session

#: Typed input of at most this many digits is a count, not a barcode (the shortest barcode, EAN-8, has 8).
MAX_COUNT_DIGITS = 4
MAX_COUNT = 9999
#: A tote holds its order's goods from the first pick until packing (or until a supervisor resolves a short pick).
TOTE_BUSY_ORDER_STATES = ("picking", "picked", "exception")


@dataclass(frozen=True)
class ScanOutcome:
    """What one scan did. ``code`` says which rule rejected it (``wrong_bin``, ``wrong_item``, ``expired``,
    ``reserved_lot_available``, ``weight``, ``too_many``, ...) or what an accepted one did (``bin``,
    ``picked``, ``task_done``, ``list_done``, ...)."""

    seq: int
    action: str
    accepted: bool
    code: str
    message: str
    view: PickListView
    offer: SubstituteOffer | None = None
    replayed: bool = False

    @property
    def list_done(self) -> bool:
        return self.view.state == "done"


class Rejected(Exception):
    def __init__(self, code: str, message: str, task_id: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.task_id = task_id


@dataclass
class _Done:
    """An accepted action's result and the scan row fields it fills."""

    code: str
    message: str
    task_id: int | None = None
    quantity: int = 0
    reserved_part: int = 0
    pieces: int = 0
    weight_g: int | None = None
    quant_id: int | None = None
    reservation_id: int | None = None
    to_quant_id: int | None = None


# ---------------------------------------------------------------- entry points


def scan(db: Database, actor: Actor, pick_list_id: int, station: str, seq: int, raw: str, *,
         today: date | None = None) -> ScanOutcome:
    """A scanned barcode (bin, tote, item) or a typed count."""
    text = raw.strip()
    if text.isdigit() and len(text) <= MAX_COUNT_DIGITS:
        return _run(db, actor, pick_list_id, station, seq, text, "count",
                    lambda session, head: _count(session, actor, head, station, int(text)))
    try:
        result = parse_scan(raw)
    except BarcodeError as error:
        unreadable = Rejected("unreadable", error.message)
    else:
        unreadable = None
    if unreadable is not None:
        return _run(db, actor, pick_list_id, station, seq, raw, "item",
                    lambda session, head: _raise(unreadable))
    action = _action_of(result)
    handlers = {
        "bin": lambda session, head: _bin(session, head, result),
        "tote": lambda session, head: _tote(session, head, result),
        "item": lambda session, head: _item(session, actor, head, result, today or clock.today()),
    }
    return _run(db, actor, pick_list_id, station, seq, raw, action, handlers[action])


def undo(db: Database, actor: Actor, pick_list_id: int, station: str, seq: int) -> ScanOutcome:
    """Take back the last item scan of this station on this list (the goods go back to their bin)."""
    return _run(db, actor, pick_list_id, station, seq, "", "undo",
                lambda session, head: _undo(session, actor, head, station))


def skip(db: Database, actor: Actor, pick_list_id: int, station: str, seq: int) -> ScanOutcome:
    """Leave the current task for later (it moves to the end of the list)."""
    return _run(db, actor, pick_list_id, station, seq, "", "skip", lambda session, head: _skip(session, head))


def report_lot_missing(db: Database, actor: Actor, pick_list_id: int, station: str, seq: int) -> ScanOutcome:
    """The reserved lot is not in the bin: another valid lot of the product will be accepted for this task."""
    return _run(db, actor, pick_list_id, station, seq, "", "lot_missing",
                lambda session, head: _lot_missing(session, head))


def report_short(db: Database, actor: Actor, pick_list_id: int, station: str, seq: int) -> ScanOutcome:
    """The rest of the current task is not there (see ``shortage``)."""
    from app.services.picking import shortage

    return _run(db, actor, pick_list_id, station, seq, "", "short",
                lambda session, head: shortage.short(session, actor, head, today=clock.today()))


def answer_substitute(db: Database, actor: Actor, pick_list_id: int, station: str, seq: int, *,
                      accept: bool) -> ScanOutcome:
    """Yes or no to the substitute offered after a short pick."""
    from app.services.picking import shortage

    return _run(db, actor, pick_list_id, station, seq, "yes" if accept else "no", "substitute",
                lambda session, head: shortage.answer(session, actor, head, accept, today=clock.today()))


# ---------------------------------------------------------------- the transaction around every action


def _raise(error: Exception):
    raise error


def _action_of(result: ScanResult) -> str:
    if result.kind == "internal":
        if result.internal_kind == "bin":
            return "bin"
        if result.internal_kind == "tote":
            return "tote"
    return "item"


def _replay(session: Session, station: str, seq: int):
    return session.execute(select(SCANS).where(SCANS.c.station == station, SCANS.c.seq == seq)).one_or_none()


def _outcome_of(row, view: PickListView, *, replayed: bool) -> ScanOutcome:
    return ScanOutcome(row.seq, row.action, row.outcome == "accepted", row.code, row.message, view, view.offer,
                       replayed)


def _lock_list(session: Session, pick_list_id: int):
    query = select(LISTS).where(LISTS.c.id == pick_list_id)
    head = None
    if session.get_bind().dialect.name == "postgresql":
        # a picker may lock (update) only an open list or their own (row-level security): another picker's list
        # is read unlocked, and ``_check_holder`` refuses it
        head = session.execute(query.with_for_update()).one_or_none()
    if head is None:
        head = session.execute(query).one_or_none()
    if head is None:
        raise NotFound(_("Pick list {id} does not exist.").format(id=pick_list_id))
    return head


def _lock_and_renew(session: Session, actor: Actor, pick_list_id: int):
    """The list row, locked for this transaction. The picker's own claimed list is locked by renewing its claim
    (one UPDATE ... RETURNING: every scan renews it); any other list is read by ``_lock_list``, and
    ``_check_holder`` then refuses the scan unless it is a replay or an undo on the list it just finished."""
    head = session.execute(update(LISTS).where(LISTS.c.id == pick_list_id, LISTS.c.state == "claimed",
                                               LISTS.c.claimed_by == actor.username)
                           .values(claimed_until=utcnow() + CLAIM_DURATION).returning(*LISTS.c)).one_or_none()
    return head if head is not None else _lock_list(session, pick_list_id)


def _check_holder(head, actor: Actor, action: str = "") -> None:
    if head.state == "done" and action == "undo" and head.claimed_by == actor.username:
        return  # the last scan finished the list: its picker may still take it back
    if head.state == "done":
        raise Rejected("list_done", _("Pick list {id} is finished. Take the next one.").format(id=head.id))
    if head.state != "claimed" or head.claimed_by != actor.username:
        holder = head.claimed_by or _("nobody")
        raise Rejected("not_yours", _("Pick list {id} is no longer yours (now: {holder}). Take the next list.")
                       .format(id=head.id, holder=holder))


def _run(db: Database, actor: Actor, pick_list_id: int, station: str, seq: int, raw: str, action: str,
         handler) -> ScanOutcome:
    require(actor, Action.PICK)
    if seq <= 0:
        raise ValidationError(_("Scan numbers start at 1."), "seq")

    def work(session: Session) -> ScanOutcome:
        head = _lock_and_renew(session, actor, pick_list_id)
        # A scan sent again (a retry after a lost answer) is not looked up first, which would cost every scan a
        # round trip: its log row's unique (station, seq) refuses it at the end, after the lock (so a first send
        # still running has committed), and the whole transaction rolls back; the first answer is then replayed.
        # A retry the rules refuse (the line is complete now) is replayed the same way by ``_record_rejection``.
        _check_holder(head, actor, action)
        done: _Done = handler(session, head)
        _log(session, actor, station, seq, pick_list_id, raw, action, "accepted", done.code, done.message, done)
        view = build_view(session, pick_list_id)
        return ScanOutcome(seq, action, True, done.code, done.message, view, view.offer)

    try:
        return db.transaction(work)
    except Rejected as rejection:
        return _record_rejection(db, actor, pick_list_id, station, seq, raw, action, rejection)
    except (ValidationError, ConflictError) as error:  # a rule of the stock engine, or a station racing this one
        if _is_duplicate_scan(error):
            return _replayed(db, station, seq)
        return _record_rejection(db, actor, pick_list_id, station, seq, raw, action,
                                 Rejected("stock", error.message if hasattr(error, "message") else str(error)))


def _is_duplicate_scan(error: Exception) -> bool:
    cause = error.__cause__
    return isinstance(cause, IntegrityError) and "seq" in str(cause)


def _record_rejection(db: Database, actor: Actor, pick_list_id: int, station: str, seq: int, raw: str,
                      action: str, rejection: Rejected) -> ScanOutcome:
    def work(session: Session) -> ScanOutcome:
        earlier = _replay(session, station, seq)
        if earlier is not None:
            return _outcome_of(earlier, build_view(session, earlier.pick_list_id), replayed=True)
        head = session.execute(select(LISTS.c.current_task_id).where(LISTS.c.id == pick_list_id)).one_or_none()
        if head is None:
            raise NotFound(_("Pick list {id} does not exist.").format(id=pick_list_id))
        task_id = rejection.task_id or head.current_task_id
        if rejection.code == "task_gone":  # its order was cancelled: the picker goes on with the next open task
            session.execute(update(LISTS).where(LISTS.c.id == pick_list_id).values(
                current_task_id=first_open_task(session, pick_list_id), at_bin_id=None, reserved_lot_missing=False))
        _log(session, actor, station, seq, pick_list_id, raw, action, "rejected", rejection.code, rejection.message,
             _Done(rejection.code, rejection.message, task_id))
        view = build_view(session, pick_list_id)
        return ScanOutcome(seq, action, False, rejection.code, rejection.message, view, view.offer)

    try:
        return db.transaction(work)
    except ConflictError as error:  # the same scan sent again at the same moment was logged first
        if not _is_duplicate_scan(error):
            raise
        return _replayed(db, station, seq)


def _replayed(db: Database, station: str, seq: int) -> ScanOutcome:
    """The answer a scan got the first time it was sent, with its list as it is now."""
    def work(session: Session) -> ScanOutcome:
        earlier = _replay(session, station, seq)
        return _outcome_of(earlier, build_view(session, earlier.pick_list_id), replayed=True)

    return db.read(work)


def _log(session: Session, actor: Actor, station: str, seq: int, pick_list_id: int, raw: str, action: str,
         outcome: str, code: str, message: str, done: _Done) -> None:
    session.execute(_INSERT_SCAN, dict(
        station=station, seq=seq, pick_list_id=pick_list_id, task_id=done.task_id, at=utcnow(),
        username=actor.username, raw=raw[:200], action=action, outcome=outcome, code=code, message=message,
        quantity=done.quantity, reserved_part=done.reserved_part, pieces=done.pieces, weight_g=done.weight_g,
        quant_id=done.quant_id, reservation_id=done.reservation_id, to_quant_id=done.to_quant_id, undone=False))


_INSERT_SCAN = insert(SCANS)


# ---------------------------------------------------------------- the current task


_TASK = (select(TASKS.c.id, TASKS.c.pick_list_id, TASKS.c.order_id, TASKS.c.order_line_id, TASKS.c.reservation_id,
                TASKS.c.reference, TASKS.c.product_id, TASKS.c.quant_id, TASKS.c.bin_id, TASKS.c.lot_id,
                TASKS.c.quantity, TASKS.c.pieces, TASKS.c.picked_quantity, TASKS.c.picked_pieces, TASKS.c.state,
                TASKS.c.position, BINS.c.code.label("bin_code"), BINS.c.warehouse_id, PRODUCTS.c.sku,
                PRODUCTS.c.name_en, PRODUCTS.c.unit, PRODUCTS.c.nominal_weight_g, PRODUCTS.c.weight_tolerance_g,
                PRODUCTS.c.min_remaining_shelf_life_days.label("min_days"), LOTS.c.lot_number, LOTS.c.expiry_date,
                ORDERS.c.number.label("order_number"), ORDERS.c.delivery_date, ORDERS.c.state.label("order_state"))
         .join(BINS, BINS.c.id == TASKS.c.bin_id).join(PRODUCTS, PRODUCTS.c.id == TASKS.c.product_id)
         .join(LOTS, LOTS.c.id == TASKS.c.lot_id).join(ORDERS, ORDERS.c.id == TASKS.c.order_id))


def _task(session: Session, task_id: int):
    return session.execute(_TASK.where(TASKS.c.id == task_id)).one()


def current_task(session: Session, head):
    """The task the picker is on; when it was closed meanwhile (its order cancelled), the next open one."""
    if head.current_task_id is None:
        if head.offer_task_id is not None:
            raise Rejected("offer_waiting", _("First answer the substitute offer: Enter = yes, Esc = no."))
        raise Rejected("list_done", _("Nothing is left to pick on this list."))
    task = _task(session, head.current_task_id)
    if task.state != "open":
        next_id = first_open_task(session, head.id)
        if next_id is None:
            raise Rejected("list_done", _("Nothing is left to pick on this list."))
        raise Rejected("task_gone", _("Order {order} was cancelled: leave its {product}. Next: bin {bin}.").format(
            order=task.order_number, product=task.name_en,
            bin=session.execute(select(BINS.c.code).join(TASKS, TASKS.c.bin_id == BINS.c.id)
                                .where(TASKS.c.id == next_id)).scalar_one()), task.id)
    return task


def go_to_next_task(session: Session, head, finished_task) -> int | None:
    """Point the list at its next open task (returned; None when none is left); the confirmed bin stays when
    the next task is in the same bin."""
    next_task = session.execute(select(TASKS.c.id, TASKS.c.bin_id).where(TASKS.c.pick_list_id == head.id,
                                                                          TASKS.c.state == "open")
                                .order_by(TASKS.c.position).limit(1)).one_or_none()
    next_id = next_task.id if next_task is not None else None
    at_bin = head.at_bin_id if next_task is not None and next_task.bin_id == head.at_bin_id else None
    session.execute(update(LISTS).where(LISTS.c.id == head.id).values(
        current_task_id=next_id, at_bin_id=at_bin, reserved_lot_missing=False))
    return next_id


def _quantity_text(task, quantity: int) -> str:
    return format_quantity(task.unit, quantity)


def _left_text(task) -> str:
    if task.unit == "weighed":
        return _("{n} pieces").format(n=task.pieces - task.picked_pieces)
    return str(task.quantity - task.picked_quantity)


# ---------------------------------------------------------------- bin and tote


def _bin(session: Session, head, result: ScanResult) -> _Done:
    task = current_task(session, head)
    code = result.internal_value or ""
    if code != task.bin_code.upper():
        raise Rejected("wrong_bin", _("Wrong bin: you scanned {scanned}. Go to bin {bin}.").format(
            scanned=code, bin=task.bin_code), task.id)
    session.execute(update(LISTS).where(LISTS.c.id == head.id).values(at_bin_id=task.bin_id))
    return _Done("bin", _("Bin {bin}: take {left} × {product} (lot {lot}).").format(
        bin=task.bin_code, left=_left_text(task), product=task.name_en, lot=task.lot_number), task.id)


def _tote(session: Session, head, result: ScanResult) -> _Done:
    code = result.internal_value or ""
    members = session.execute(select(LIST_ORDERS.c.id, LIST_ORDERS.c.order_id, LIST_ORDERS.c.tote_code,
                                     ORDERS.c.number)
                              .join(ORDERS, ORDERS.c.id == LIST_ORDERS.c.order_id)
                              .where(LIST_ORDERS.c.pick_list_id == head.id)
                              .order_by(LIST_ORDERS.c.position)).all()
    already = next((member for member in members if member.tote_code == code), None)
    if already is not None:
        return _Done("tote_bound", _("Tote {tote} is order {order}'s.").format(tote=code, order=already.number))
    in_use = session.execute(
        select(ORDERS.c.number).select_from(LIST_ORDERS.join(LISTS, LISTS.c.id == LIST_ORDERS.c.pick_list_id)
                                            .join(ORDERS, ORDERS.c.id == LIST_ORDERS.c.order_id))
        .where(LIST_ORDERS.c.tote_code == code, LISTS.c.state != "cancelled",
               ORDERS.c.state.in_(TOTE_BUSY_ORDER_STATES)).limit(1)).scalar_one_or_none()
    if in_use is not None:
        raise Rejected("tote_in_use", _("Tote {tote} is in use for order {order}. Take an empty tote.").format(
            tote=code, order=in_use))
    current_order = None
    if head.current_task_id is not None:
        current_order = session.execute(select(TASKS.c.order_id).where(TASKS.c.id == head.current_task_id)) \
            .scalar_one_or_none()
    target = next((member for member in members if member.order_id == current_order and not member.tote_code), None) \
        or next((member for member in members if not member.tote_code), None)
    if target is None:
        raise Rejected("tote_not_needed", _("Every order of this list has its tote already."))
    session.execute(update(LIST_ORDERS).where(LIST_ORDERS.c.id == target.id).values(tote_code=code))
    return _Done("tote", _("Tote {tote} is for order {order}.").format(tote=code, order=target.number))


# ---------------------------------------------------------------- items


#: GTINs per (database, product), read once per process: a product's GTINs are looked up on every item scan.
#: A scan that does not match is checked against the database before it is refused (a GTIN added since).
_GTIN_CACHE: dict[tuple[str, int], frozenset[str]] = {}


def _is_product_gtin(session: Session, product_id: int, gtin: str) -> bool:
    key = (str(session.get_bind().url), product_id)
    known = _GTIN_CACHE.get(key)
    if known is not None and gtin in known:
        return True
    known = frozenset(session.execute(select(ProductGtin.gtin).where(ProductGtin.product_id == product_id)).scalars())
    _GTIN_CACHE[key] = known
    return gtin in known


def _item(session: Session, actor: Actor, head, result: ScanResult, today: date) -> _Done:
    task = current_task(session, head)
    matches = result.gtin is not None and _is_product_gtin(session, task.product_id, result.gtin)
    if result.gtin is not None and not matches:
        _refuse_one_too_many(session, head, result.gtin, task.id)
    if head.at_bin_id != task.bin_id:
        raise Rejected("bin_first", _("Scan bin {bin} first.").format(bin=task.bin_code), task.id)
    if result.gtin is None:
        raise Rejected("not_an_item", _("This barcode is not an item. Scan the item's label."), task.id)
    if not matches:
        other = session.execute(select(PRODUCTS.c.name_en).join(ProductGtin, ProductGtin.product_id == PRODUCTS.c.id)
                                .where(ProductGtin.gtin == result.gtin)).scalar_one_or_none()
        scanned = other or _("GTIN {gtin} (not in the catalogue)").format(gtin=result.gtin)
        raise Rejected("wrong_item", _("Wrong product: you scanned {scanned}. Take {product}.").format(
            scanned=scanned, product=task.name_en), task.id)
    _require_tote(session, head, task)
    if result.expiry is not None and result.expiry < today:
        raise Rejected("expired", _("Expired: this label's expiry date is {date}. Put it aside and take another.")
                       .format(date=result.expiry.isoformat()), task.id)
    quantity, pieces, weight = _amount(task, result)
    _check_not_too_many(task, quantity, pieces)
    if result.batch is not None and result.batch != task.lot_number:
        task = _switch_lot(session, actor, head, task, result.batch, today)
    return take(session, actor, head, task, quantity, pieces, weight)


def _refuse_one_too_many(session: Session, head, gtin: str, task_id: int) -> None:
    """A product of this list that is complete (nothing of it left open here): one more is too many, not merely
    the wrong product or the wrong bin."""
    states = session.execute(
        select(TASKS.c.state, PRODUCTS.c.name_en).join(PRODUCTS, PRODUCTS.c.id == TASKS.c.product_id)
        .where(TASKS.c.pick_list_id == head.id,
               TASKS.c.product_id.in_(select(ProductGtin.product_id).where(ProductGtin.gtin == gtin)))).all()
    if states and "done" in {row.state for row in states} and "open" not in {row.state for row in states}:
        raise Rejected("too_many", _("Too many: {product} is complete on this list. Put that one back.").format(
            product=states[0].name_en), task_id)


def _require_tote(session: Session, head, task) -> None:
    if head.kind != "wave":
        return
    tote = session.execute(select(LIST_ORDERS.c.tote_code).where(LIST_ORDERS.c.pick_list_id == head.id,
                                                                 LIST_ORDERS.c.order_id == task.order_id)) \
        .scalar_one_or_none()
    if not tote:
        raise Rejected("tote_needed", _("Scan an empty tote for order {order} first.").format(
            order=task.order_number), task.id)


def _amount(task, result: ScanResult) -> tuple[int, int, int | None]:
    """(base units, pieces, weight) one item scan takes."""
    if task.unit == "weighed":
        weight = result.net_weight_g
        if weight is None or weight <= 0:
            raise Rejected("weight_missing", _("{product} is sold by weight: scan the label with the weight.").format(
                product=task.name_en), task.id)
        nominal, tolerance = task.nominal_weight_g, task.weight_tolerance_g
        if nominal and tolerance is not None and abs(weight - nominal) > tolerance:
            raise Rejected("weight", _("Weight {weight} is outside {low}–{high} g. Take another piece.").format(
                weight=f"{weight} g", low=nominal - tolerance, high=nominal + tolerance), task.id)
        return weight, 1, weight
    count = result.count or 1
    return count, count, None


def _check_not_too_many(task, quantity: int, pieces: int) -> None:
    if task.unit == "weighed":
        too_many = task.picked_pieces + pieces > task.pieces
    else:
        too_many = task.picked_quantity + quantity > task.quantity
    if too_many:
        raise Rejected("too_many", _("Too many: this line needs {left} more, you scanned {n}.").format(
            left=_left_text(task), n=pieces), task.id)


def _switch_lot(session: Session, actor: Actor, head, task, lot_number: str, today: date):
    """A lot other than the reserved one: accepted only when the reserved one is not there, by moving the rest of
    the reservation to the scanned lot (same bin)."""
    other = session.execute(
        select(QUANTS.c.id, QUANTS.c.on_hand, QUANTS.c.reserved, LOTS.c.expiry_date, LOTS.c.quarantined)
        .join(LOTS, LOTS.c.id == QUANTS.c.lot_id)
        .where(QUANTS.c.bin_id == task.bin_id, QUANTS.c.product_id == task.product_id,
               LOTS.c.lot_number == lot_number)).one_or_none()
    if other is None:
        raise Rejected("lot_not_in_bin", _("Lot {lot} is not stocked in bin {bin}. Take lot {reserved}.").format(
            lot=lot_number, bin=task.bin_code, reserved=task.lot_number), task.id)
    if other.expiry_date < today:
        raise Rejected("expired", _("Lot {lot} expired on {date}. Put it aside and take lot {reserved}.").format(
            lot=lot_number, date=other.expiry_date.isoformat(), reserved=task.lot_number), task.id)
    if other.quarantined:
        raise Rejected("quarantined", _("Lot {lot} is in quarantine. Put it aside and take lot {reserved}.").format(
            lot=lot_number, reserved=task.lot_number), task.id)
    if other.expiry_date < earliest_acceptable_expiry(task.min_days, task.delivery_date):
        raise Rejected("shelf_life", _("Lot {lot} expires {date}: too soon for delivery on {delivery}. Take lot "
                                       "{reserved}.").format(lot=lot_number, date=other.expiry_date.isoformat(),
                                                             delivery=task.delivery_date.isoformat(),
                                                             reserved=task.lot_number), task.id)
    left = task.quantity - task.picked_quantity
    reserved_on_hand = session.execute(select(QUANTS.c.on_hand).where(QUANTS.c.id == task.quant_id)).scalar_one()
    if reserved_on_hand >= left and not head.reserved_lot_missing:
        raise Rejected("reserved_lot_available", _(
            "Take lot {reserved} (reserved, expires {date}). If it is not in the bin, press F6 (lot not found) and "
            "scan this one again.").format(reserved=task.lot_number, date=task.expiry_date.isoformat()), task.id)
    held = session.execute(select(RESERVATIONS.c.quantity).where(RESERVATIONS.c.id == task.reservation_id,
                                                                 RESERVATIONS.c.status == "active")) \
        .scalar_one_or_none()
    if held:
        if other.on_hand - other.reserved < held:
            raise Rejected("lot_not_free", _("Lot {lot} has only {free} free in this bin; take lot {reserved} or "
                                             "report the line short.").format(
                lot=lot_number, free=format_quantity(task.unit, max(0, other.on_hand - other.reserved)),
                reserved=task.lot_number), task.id)
        moved = move_reservation_in_session(session, actor, task.reservation_id, other.id,
                                            _("Picker took lot {lot}; reserved lot {reserved} not found.").format(
                                                lot=lot_number, reserved=task.lot_number),
                                            today=today, delivery_date=task.delivery_date)
        new_reservation = moved.reservation_id
    else:
        new_reservation = None
    lot_id = session.execute(select(QUANTS.c.lot_id).where(QUANTS.c.id == other.id)).scalar_one()
    session.execute(update(TASKS).where(TASKS.c.id == task.id).values(
        quant_id=other.id, lot_id=lot_id, reservation_id=new_reservation))
    return _task(session, task.id)


def take(session: Session, actor: Actor, head, task, quantity: int, pieces: int, weight: int | None) -> _Done:
    """Move ``quantity`` of the task's reservation from its bin to the packing area, and count it."""
    held = _consume_reservation(session, task.reservation_id, quantity) if task.reservation_id is not None else 0
    from_reserved = min(quantity, held)
    try:
        apply_quant_delta(session, task.quant_id, -quantity, -from_reserved)
    except InsufficientStock:
        raise Rejected("no_stock", _("Lot {lot} in bin {bin} has not that much left by the stock records. Report "
                                     "the line short (F4) if the bin is empty.").format(
            lot=task.lot_number, bin=task.bin_code), task.id) from None
    packing_bin = require_packing_bin(session, task.warehouse_id)
    to_key = QuantKey(task.warehouse_id, packing_bin, task.product_id, task.lot_id)
    to_quant = add_to_quant(session, to_key, quantity, quantity)
    hold_in_packing_area(session, task.reference, to_quant, to_key, quantity)
    batch = uuid.uuid4().hex
    reason = _("picked for {order}").format(order=task.order_number)
    insert_moves(session, [
        move_row(actor, task.quant_id, QuantKey(task.warehouse_id, task.bin_id, task.product_id, task.lot_id),
                 kind="pick", on_hand_delta=-quantity, reserved_delta=-from_reserved, reason=reason,
                 reference=task.reference, batch=batch),
        move_row(actor, to_quant, to_key, kind="pick", on_hand_delta=quantity, reserved_delta=quantity, reason=reason,
                 reference=task.reference, batch=batch)])
    picked_quantity, picked_pieces = task.picked_quantity + quantity, task.picked_pieces + pieces
    finished = picked_pieces >= task.pieces if task.unit == "weighed" else picked_quantity >= task.quantity
    session.execute(update(TASKS).where(TASKS.c.id == task.id).values(
        picked_quantity=picked_quantity, picked_pieces=picked_pieces, state="done" if finished else "open"))
    add_to_line(session, task.order_line_id, quantity, pieces, unit=task.unit,
                nominal_weight_g=task.nominal_weight_g)
    left_over = held - from_reserved
    if finished and left_over > 0:  # weighed goods lighter than reserved: the rest goes back to free stock
        release_rest(session, actor, task, left_over, _("picked lighter than reserved"))
    done = _Done("picked", "", task.id, quantity, from_reserved, pieces, weight, task.quant_id, task.reservation_id,
                 to_quant)
    amount = _quantity_text(task, quantity) if task.unit == "weighed" else str(pieces)
    if finished:
        next_id = go_to_next_task(session, head, task)
        list_done = completion.finish_after(session, actor, head.id, task, list_may_be_done=next_id is None)
        done.code = "list_done" if list_done else "task_done"
        done.message = (_("{amount} × {product}: line complete. Pick list finished.") if list_done else
                        _("{amount} × {product}: line complete.")).format(amount=amount, product=task.name_en)
    else:
        left = (_("{n} pieces").format(n=task.pieces - picked_pieces) if task.unit == "weighed"
                else str(task.quantity - picked_quantity))
        done.message = _("{amount} × {product}: {left} to go.").format(amount=amount, product=task.name_en, left=left)
    if head.kind == "wave":
        tote = session.execute(select(LIST_ORDERS.c.tote_code).where(LIST_ORDERS.c.pick_list_id == head.id,
                                                                     LIST_ORDERS.c.order_id == task.order_id)) \
            .scalar_one()
        done.message += " " + _("Into tote {tote}.").format(tote=tote)
    return done


_CONSUME = (update(RESERVATIONS)
            .where(RESERVATIONS.c.id == bindparam("reservation_id"), RESERVATIONS.c.status == "active")
            .values(quantity=case((RESERVATIONS.c.quantity > bindparam("take"),
                                   RESERVATIONS.c.quantity - bindparam("take")), else_=RESERVATIONS.c.quantity),
                    status=case((RESERVATIONS.c.quantity > bindparam("take"), "active"), else_="picked"))
            .returning(RESERVATIONS.c.quantity, RESERVATIONS.c.status))


def _consume_reservation(session: Session, reservation_id: int, quantity: int) -> int:
    """Take up to ``quantity`` from an active reservation in one statement (all of it ends the reservation as
    picked); returns what it held before (0 when it is not active any more)."""
    row = session.execute(_CONSUME, {"reservation_id": reservation_id, "take": quantity}).one_or_none()
    if row is None:
        return 0
    return row.quantity + quantity if row.status == "active" else row.quantity


def hold_in_packing_area(session: Session, reference: str, quant_id: int, key: QuantKey, quantity: int) -> None:
    """Picked goods stay reserved for their order line in the packing area (one reservation per line and lot)."""
    changed = session.execute(update(RESERVATIONS).where(RESERVATIONS.c.reference == reference,
                                                         RESERVATIONS.c.quant_id == quant_id,
                                                         RESERVATIONS.c.status == "active")
                              .values(quantity=RESERVATIONS.c.quantity + quantity))
    if changed.rowcount == 0:
        session.execute(insert(RESERVATIONS).values(
            reference=reference, quant_id=quant_id, product_id=key.product_id, lot_id=key.lot_id, bin_id=key.bin_id,
            warehouse_id=key.warehouse_id, quantity=quantity, status="active"))


def release_rest(session: Session, actor: Actor, task, quantity: int, reason: str) -> None:
    """Release ``quantity`` still held by the task's reservation (all of it ends the reservation)."""
    held = session.execute(select(RESERVATIONS.c.quantity).where(RESERVATIONS.c.id == task.reservation_id,
                                                                 RESERVATIONS.c.status == "active")) \
        .scalar_one_or_none()
    if not held:
        return
    quantity = min(quantity, held)
    values = {"status": "released"} if quantity == held else {"quantity": held - quantity}
    session.execute(update(RESERVATIONS).where(RESERVATIONS.c.id == task.reservation_id).values(**values))
    apply_quant_delta(session, task.quant_id, 0, -quantity)
    insert_moves(session, [move_row(actor, task.quant_id,
                                    QuantKey(task.warehouse_id, task.bin_id, task.product_id, task.lot_id),
                                    kind="release", reserved_delta=-quantity, reason=reason,
                                    reference=task.reference)])


def add_to_line(session: Session, line_id: int, quantity: int, pieces: int, *, unit: str,
                nominal_weight_g: int | None) -> None:
    """Count picked goods on the order line and price it, in one UPDATE: weighed goods by the weight picked
    (``unit price × grams / nominal grams``, half up: the unit price is per nominal piece), pieces by the count;
    no price while nothing is picked."""
    new_quantity, new_pieces = LINES.c.picked_quantity + quantity, LINES.c.picked_pieces + pieces
    if unit == "weighed" and nominal_weight_g:
        price = (LINES.c.unit_price_cents * new_quantity * 2 + nominal_weight_g) // (2 * nominal_weight_g)
    else:
        price = LINES.c.unit_price_cents * new_pieces
    session.execute(update(LINES).where(LINES.c.id == line_id).values(
        picked_quantity=new_quantity, picked_pieces=new_pieces,
        picked_price_cents=case((new_pieces == 0, None), else_=price)))


# ---------------------------------------------------------------- typed count, undo, skip, lot not found


def _last_accepted(session: Session, pick_list_id: int, station: str):
    """The station's last accepted action on the list that a count or an undo depends on (a count that took
    nothing more, the same number typed again, does not count)."""
    return session.execute(select(SCANS).where(SCANS.c.pick_list_id == pick_list_id, SCANS.c.station == station,
                                               SCANS.c.outcome == "accepted",
                                               SCANS.c.action.in_(("item", "count", "undo", "short", "substitute",
                                                                   "skip", "lot_missing")),
                                               ~((SCANS.c.action == "count") & (SCANS.c.quantity == 0)))
                           .order_by(SCANS.c.id.desc()).limit(1)).one_or_none()


def _counted_so_far(session: Session, pick_list_id: int, station: str, last) -> int:
    """Pieces taken by the last item scan and the counts typed after it (a typed count is the running total:
    "3" then "5" is 5 in all)."""
    mine = (SCANS.c.pick_list_id == pick_list_id, SCANS.c.station == station, SCANS.c.outcome == "accepted",
            SCANS.c.undone.is_(False), SCANS.c.task_id == last.task_id)
    item_id = last.id if last.action == "item" else session.execute(
        select(func.max(SCANS.c.id)).where(*mine, SCANS.c.action == "item", SCANS.c.id < last.id)).scalar()
    if item_id is None:
        return last.pieces
    return int(session.execute(select(func.coalesce(func.sum(SCANS.c.pieces), 0))
                               .where(*mine, SCANS.c.action.in_(("item", "count")), SCANS.c.id >= item_id))
               .scalar_one())


def _count(session: Session, actor: Actor, head, station: str, count: int) -> _Done:
    """A typed count after an item scan: that scan took ``count`` pieces in all (the scan itself counted one)."""
    if not 1 <= count <= MAX_COUNT:
        raise Rejected("count", _("Type a count from 1 to {max}.").format(max=MAX_COUNT))
    last = _last_accepted(session, head.id, station)
    if last is None or last.action not in ("item", "count") or last.undone or last.task_id is None:
        raise Rejected("count_needs_item", _("Scan the item first, then type how many you took."))
    task = _task(session, last.task_id)
    if task.unit == "weighed":
        raise Rejected("count_weighed", _("{product} is sold by weight: scan each piece's label.").format(
            product=task.name_en), task.id)
    so_far = _counted_so_far(session, head.id, station, last)
    extra = count - so_far
    if extra == 0:
        return _Done("count", _("{n} × {product}.").format(n=count, product=task.name_en), task.id)
    if extra < 0:
        raise Rejected("count", _("You already took {n}; to take fewer, undo (F2).").format(n=so_far), task.id)
    if task.state != "open":
        raise Rejected("too_many", _("Too many: this line is complete."), task.id)
    _check_not_too_many(task, extra, extra)
    if head.current_task_id != task.id:
        raise Rejected("count_needs_item", _("Scan the item first, then type how many you took."))
    return take(session, actor, head, task, extra, extra, None)


def _undo(session: Session, actor: Actor, head, station: str) -> _Done:
    last = _last_accepted(session, head.id, station)
    if last is None or last.action not in ("item", "count") or last.undone or not last.quantity:
        raise Rejected("nothing_to_undo", _("There is no item scan to undo (only the last one can be)."))
    task = _task(session, last.task_id)
    if task.order_state not in ("picking", "picked"):
        raise Rejected("order_moved_on", _("Order {order} has left picking; it cannot be undone here.").format(
            order=task.order_number), task.id)
    quantity, reserved_part = last.quantity, last.reserved_part
    key = QuantKey(task.warehouse_id, task.bin_id, task.product_id, task.lot_id)
    to_key = QuantKey(task.warehouse_id, session.execute(select(QUANTS.c.bin_id).where(QUANTS.c.id == last.to_quant_id))
                      .scalar_one(), task.product_id, task.lot_id)
    # out of the packing area ...
    apply_quant_delta(session, last.to_quant_id, -quantity, -quantity)
    held = session.execute(select(RESERVATIONS.c.id, RESERVATIONS.c.quantity)
                           .where(RESERVATIONS.c.reference == task.reference,
                                  RESERVATIONS.c.quant_id == last.to_quant_id, RESERVATIONS.c.status == "active")) \
        .one()
    session.execute(update(RESERVATIONS).where(RESERVATIONS.c.id == held.id).values(
        **({"status": "released"} if held.quantity == quantity else {"quantity": held.quantity - quantity})))
    # ... back into the bin, reserved again for the line (with what its completion released, if still free)
    apply_quant_delta(session, last.quant_id, quantity, reserved_part)
    regained = _regainable(session, task, last)
    if regained:
        apply_quant_delta(session, last.quant_id, 0, regained)
    reserve = reserved_part + regained
    if reserve:
        session.execute(update(RESERVATIONS).where(RESERVATIONS.c.id == last.reservation_id).values(
            status="active", quantity=RESERVATIONS.c.quantity + reserve)
            if _is_active(session, last.reservation_id) else
            update(RESERVATIONS).where(RESERVATIONS.c.id == last.reservation_id).values(status="active",
                                                                                        quantity=reserve))
    batch = uuid.uuid4().hex
    reason = _("undo at {station}").format(station=station)
    moves = [
        move_row(actor, last.to_quant_id, to_key, kind="pick", on_hand_delta=-quantity, reserved_delta=-quantity,
                 reason=reason, reference=task.reference, batch=batch),
        move_row(actor, last.quant_id, key, kind="pick", on_hand_delta=quantity, reserved_delta=reserved_part,
                 reason=reason, reference=task.reference, batch=batch)]
    if regained:
        moves.append(move_row(actor, last.quant_id, key, kind="reserve", reserved_delta=regained, reason=reason,
                              reference=task.reference, batch=batch))
    insert_moves(session, moves)
    session.execute(update(TASKS).where(TASKS.c.id == task.id).values(
        picked_quantity=TASKS.c.picked_quantity - quantity, picked_pieces=TASKS.c.picked_pieces - last.pieces,
        state="open", quant_id=last.quant_id, lot_id=task.lot_id, reservation_id=last.reservation_id))
    add_to_line(session, task.order_line_id, -quantity, -last.pieces, unit=task.unit,
                nominal_weight_g=task.nominal_weight_g)
    completion.reopen_line(session, task.order_line_id)
    completion.reopen_order(session, actor, task.order_id)
    session.execute(update(SCANS).where(SCANS.c.id == last.id).values(undone=True))
    session.execute(update(LISTS).where(LISTS.c.id == head.id).values(
        state="claimed", completed_at=None, current_task_id=task.id, at_bin_id=task.bin_id,
        reserved_lot_missing=False))
    if head.state == "done":
        audit.record(session, actor, "pick_list.reopened", "pick_list", head.id, from_state="done",
                     to_state="claimed", reason=_("A scan was undone."))
    amount = format_quantity(task.unit, quantity) if task.unit == "weighed" else str(last.pieces)
    return _Done("undone", _("Undone: put {amount} × {product} back in bin {bin}.").format(
        amount=amount, product=task.name_en, bin=task.bin_code), task.id)


_MOVES = StockMove.__table__


def _regainable(session: Session, task, last) -> int:
    """What the undone scan's completion of its task released (``release_rest``: pieces lighter than reserved), as
    far as it is still free on the bin quant (another order may have reserved it since). The release is the
    line's release row on that quant after the scan's own pick row (the newest taking ``last.quantity``); call it
    after the goods are back in the bin, whose quant row this transaction then holds locked."""
    if task.state != "done":
        return 0
    mine = (_MOVES.c.reference == task.reference, _MOVES.c.quant_id == last.quant_id)
    picked = select(func.max(_MOVES.c.id)).where(*mine, _MOVES.c.kind == "pick",
                                                  _MOVES.c.on_hand_delta == -last.quantity).scalar_subquery()
    released = -session.execute(select(func.coalesce(func.sum(_MOVES.c.reserved_delta), 0))
                                .where(*mine, _MOVES.c.kind == "release", _MOVES.c.id > picked)).scalar_one()
    if released <= 0:
        return 0
    free = session.execute(select(QUANTS.c.on_hand - QUANTS.c.reserved).where(QUANTS.c.id == last.quant_id)) \
        .scalar_one()
    return max(0, min(released, free))


def _is_active(session: Session, reservation_id: int) -> bool:
    return session.execute(select(RESERVATIONS.c.status).where(RESERVATIONS.c.id == reservation_id)) \
        .scalar_one() == "active"


def _skip(session: Session, head) -> _Done:
    task = current_task(session, head)
    last = session.execute(select(TASKS.c.position).where(TASKS.c.pick_list_id == head.id)
                           .order_by(TASKS.c.position.desc()).limit(1)).scalar_one()
    session.execute(update(TASKS).where(TASKS.c.id == task.id).values(position=last + 1))
    go_to_next_task(session, head, task)
    return _Done("skipped", _("{product} from bin {bin} moved to the end of the list.").format(
        product=task.name_en, bin=task.bin_code), task.id)


def _lot_missing(session: Session, head) -> _Done:
    task = current_task(session, head)
    if head.at_bin_id != task.bin_id:
        raise Rejected("bin_first", _("Scan bin {bin} first.").format(bin=task.bin_code), task.id)
    session.execute(update(LISTS).where(LISTS.c.id == head.id).values(reserved_lot_missing=True))
    return _Done("lot_missing", _("Lot {lot} not found: scan another lot of {product} in this bin.").format(
        lot=task.lot_number, product=task.name_en), task.id)
