"""FEFO reservation: set stock aside for an order line, first-expired-first-out.

Candidates are the warehouse's quants of the product whose lot is not
quarantined, not expired today, and still has the product's minimum remaining
shelf life on the delivery date (``expiry_date >= delivery_date + min days``;
a lot expiring on the delivery date qualifies only when the minimum is 0).
Order: expiry date, then the older receipt, then the lot, then the bin's
pick-path sequence, so ties go to the stock that arrived first and is
nearest on the path.

The amounts taken are exact. On SQLite the IMMEDIATE write lock keeps the
candidates' free amounts true until commit. On PostgreSQL the candidates'
lots are then locked FOR SHARE (a quarantine waits, or has committed and the
lot is left out) and their quants FOR UPDATE, both in id order so stations
never deadlock each other, and the free amounts are read again under the lock.
Nothing is ever over-reserved, and a line is never reported short while its
stock is still there. The conditional UPDATE (``reserved + take <= on_hand``)
and the CHECK constraints stay as the backstop.

Per call: one candidate SELECT (two lock SELECTs more on PostgreSQL), then one
executemany each for the quants' UPDATEs, the ledger rows and the reservation
rows, whatever the number of lines and orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, bindparam, case, insert, select, update
from sqlalchemy.orm import Session

from app import clock
from app.db.bulk import bulk_insert
from app.db.database import Database
from app.errors import NotFound, ValidationError
from app.i18n import _
from app.models import Bin, Lot, Product, StockQuant, StockReservation
from app.permissions import Action, require
from app.services.context import Actor
from app.services.stock.ledger import (InsufficientStock, apply_quant_deltas, QuantKey, change_quant, insert_moves,
                                      move_row, quant_key)



@dataclass(frozen=True)
class ReservedPart:
    reservation_id: int
    quant_id: int
    bin_id: int
    bin_code: str
    lot_id: int
    lot_number: str
    expiry_date: date
    quantity: int


@dataclass(frozen=True)
class ReservationResult:
    reference: str
    product_id: int
    warehouse_id: int
    requested: int
    parts: tuple[ReservedPart, ...]

    @property
    def reserved(self) -> int:
        return sum(part.quantity for part in self.parts)

    @property
    def short(self) -> int:
        return self.requested - self.reserved

    @property
    def complete(self) -> bool:
        return self.short == 0


_Q, _L, _B, _P, _R = (StockQuant.__table__, Lot.__table__, Bin.__table__, Product.__table__,
                      StockReservation.__table__)
_CANDIDATES = (
    select(_Q.c.id, _Q.c.warehouse_id, _Q.c.product_id, _Q.c.bin_id, _Q.c.lot_id, (_Q.c.on_hand - _Q.c.reserved).label("available"),
           _L.c.lot_number,
           _L.c.expiry_date, _B.c.code.label("bin_code"), _P.c.min_remaining_shelf_life_days.label("min_days"),
           case(((_P.c.unit == "weighed") & (_P.c.nominal_weight_g > 0), _P.c.nominal_weight_g), else_=1)
           .label("piece_size"))
    .select_from(_Q.join(_L, _L.c.id == _Q.c.lot_id).join(_B, _B.c.id == _Q.c.bin_id)
                 .join(_P, _P.c.id == _Q.c.product_id))
    .where(_Q.c.product_id.in_(bindparam("product_ids", expanding=True)),
           _Q.c.on_hand > _Q.c.reserved, _L.c.quarantined.is_(False), _L.c.expiry_date >= bindparam("today"),
           _B.c.active.is_(True), _B.c.kind == "storage")
    .order_by(_Q.c.product_id, _L.c.expiry_date, _L.c.received_date, _L.c.id, _B.c.pick_sequence, _Q.c.id)
)
_EXISTING_PRODUCTS = select(_P.c.id).where(_P.c.id.in_(bindparam("product_ids", expanding=True)))
#: PostgreSQL: hold the candidate lots (in id order) while reserving from them, so a quarantine either waits
#: for this transaction (and then releases its reservations) or has committed already; the WHERE is re-checked
#: on the locked row, so a lot quarantined while this waited is left out.
_LOCK_LOTS_UNLESS_QUARANTINED = (select(_L.c.id).where(_L.c.id.in_(bindparam("lot_ids", expanding=True)),
                                                       _L.c.quarantined.is_(False))
                                 .order_by(_L.c.id).with_for_update(read=True))
#: PostgreSQL: then lock the candidate quants (in id order) and read what is free now, exactly.
_LOCK_QUANTS = (select(_Q.c.id, _Q.c.on_hand - _Q.c.reserved).where(_Q.c.id.in_(bindparam("quant_ids", expanding=True)))
                .order_by(_Q.c.id).with_for_update())
_INSERT_RESERVATIONS = insert(_R).returning(_R.c.id, sort_by_parameter_order=True)
_ACTIVE_OF_REFERENCE = (
    select(_R.c.id, _R.c.reference, _R.c.quant_id, _R.c.quantity, _R.c.warehouse_id, _R.c.bin_id, _R.c.product_id,
           _R.c.lot_id)
    .where(_R.c.reference == bindparam("reference"), _R.c.status == "active").order_by(_R.c.id)
)
_END_RESERVATION = (update(_R).where(_R.c.id == bindparam("reservation_id"), _R.c.status == "active")
                    .values(status=bindparam("new_status")))


def earliest_acceptable_expiry(min_remaining_days: int, delivery_date: date) -> date:
    return delivery_date + timedelta(days=min_remaining_days)


@dataclass(frozen=True)
class LineRequest:
    """One order line to reserve: base units of a product, for a reference (the order line)."""

    product_id: int
    quantity: int
    reference: str


@dataclass(frozen=True)
class BatchLineRequest:
    """A line of one of several orders reserved together (each order has its warehouse and delivery date)."""

    warehouse_id: int
    product_id: int
    quantity: int
    reference: str
    delivery_date: date


_CANDIDATES_MANY = _CANDIDATES.where(_Q.c.warehouse_id.in_(bindparam("warehouse_ids", expanding=True)))


def _lock_and_reread(session: Session, by_stock: dict, free: dict[int, int]) -> dict[int, int]:
    """PostgreSQL: lock the candidates' lots (share) and quants (update), each in id order, and return what is
    free on each quant now. Another station may have reserved since the candidates were read; the locks
    make the amounts exact until commit, so the takes below cannot fail. A quarantined lot's quants get 0."""
    lot_of = {row.id: row.lot_id for rows in by_stock.values() for row in rows}
    open_lots = set(session.execute(_LOCK_LOTS_UNLESS_QUARANTINED,
                                    {"lot_ids": sorted(set(lot_of.values()))}).scalars())
    now = dict(session.execute(_LOCK_QUANTS, {"quant_ids": sorted(free)}).all())
    return {quant_id: now.get(quant_id, 0) if lot_of[quant_id] in open_lots else 0 for quant_id in free}


def _whole_pieces(free: int, need: int, piece_size: int) -> int:
    """What a quant can give a line: weighed goods asked for in whole pieces get whole pieces of each lot (a
    piece cannot come out of two lots; a remainder under a piece stays free), anything else all that is free."""
    if piece_size <= 1 or need % piece_size:
        return free
    return free - free % piece_size


def reserve_order_in_session(session: Session, actor: Actor, *, warehouse_id: int, lines: list[LineRequest],
                             delivery_date: date, today: date | None = None) -> list[ReservationResult]:
    """Reserve all lines of one order FEFO in the caller's transaction (see ``reserve_batch_in_session``)."""
    return reserve_batch_in_session(session, actor, [
        BatchLineRequest(warehouse_id, line.product_id, line.quantity, line.reference, delivery_date)
        for line in lines], today=today)


def reserve_batch_in_session(session: Session, actor: Actor, lines: list[BatchLineRequest], *,
                             today: date | None = None, with_ids: bool = True,
                             exclude_quants: frozenset[int] = frozenset()) -> list[ReservationResult]:
    """Reserve the lines of one or many orders FEFO in the caller's transaction.

    One candidate query for all the products and warehouses, one conditional
    UPDATE per quant taken, and one multi-row INSERT each for the ledger and
    the reservation rows. Lines of the same product share the candidates in
    the order given, so an earlier order gets the earlier-expiring stock.
    On SQLite the quants' UPDATEs are one executemany at the end (the write
    lock makes the amounts read exact). ``with_ids=False`` skips RETURNING
    when the caller does not need the reservation ids (bulk intake).
    ``exclude_quants``: stock not to take (a bin and lot a picker found short).
    Weighed goods asked for in whole nominal pieces are reserved in whole pieces per lot: a piece split over
    two lots could be picked from neither.
    """
    for line in lines:
        if line.quantity <= 0:
            raise ValidationError(_("The quantity to reserve must be positive."), "quantity")
        if not line.reference:
            raise ValidationError(_("A reservation needs a reference (the order line)."), "reference")
    if not lines:
        return []
    today = today or clock.today()
    product_ids = sorted({line.product_id for line in lines})
    warehouse_ids = sorted({line.warehouse_id for line in lines})
    by_stock: dict[tuple[int, int], list] = {}
    for row in session.execute(_CANDIDATES_MANY, {"warehouse_ids": warehouse_ids,
                                                  "product_ids": product_ids, "today": today}):
        by_stock.setdefault((row.warehouse_id, row.product_id), []).append(row)
    unknown = set(product_ids) - {product for _warehouse, product in by_stock}
    if unknown:
        known = set(session.execute(_EXISTING_PRODUCTS, {"product_ids": sorted(unknown)}).scalars())
        if unknown - known:
            raise NotFound(_("Product {id} does not exist.").format(id=min(unknown - known)))
    free = {row.id: row.available for rows in by_stock.values() for row in rows}
    if free and session.get_bind().dialect.name == "postgresql":
        free = _lock_and_reread(session, by_stock, free)
    taken_per_quant: dict[int, int] = {}
    moves: list[dict] = []
    pending: list[tuple[int, dict, tuple]] = []  # (line index, reservation row, part without id)
    # Lines are taken in product order (stable, so two lines of one product keep theirs), not in the order the
    # caller listed them: every transaction then locks its quants in the same order (product, then FEFO) and two
    # stations never deadlock each other on PostgreSQL. Results still come back in the caller's order.
    for index in sorted(range(len(lines)), key=lambda i: lines[i].product_id):
        line = lines[index]
        candidates = by_stock.get((line.warehouse_id, line.product_id), [])
        need = line.quantity
        earliest = earliest_acceptable_expiry(candidates[0].min_days, line.delivery_date) if candidates else None
        for row in candidates:
            if need == 0:
                break
            if row.expiry_date < earliest or free[row.id] <= 0 or row.id in exclude_quants:
                continue  # too little shelf life left on the delivery date, or already taken by this batch
            taken = min(need, _whole_pieces(free[row.id], need, row.piece_size))
            if taken <= 0:
                continue  # a few grams of a weighed lot: less than a piece
            taken_per_quant[row.id] = taken_per_quant.get(row.id, 0) + taken
            free[row.id] -= taken
            need -= taken
            key = QuantKey(line.warehouse_id, row.bin_id, line.product_id, row.lot_id)
            moves.append(move_row(actor, row.id, key, kind="reserve", reserved_delta=taken, reason="FEFO",
                                  reference=line.reference))
            pending.append((index, {
                "reference": line.reference, "quant_id": row.id, "product_id": line.product_id, "lot_id": row.lot_id,
                "bin_id": row.bin_id, "warehouse_id": line.warehouse_id, "quantity": taken, "status": "active",
            }, (row.id, row.bin_id, row.bin_code, row.lot_id, row.lot_number, row.expiry_date, taken)))
    apply_quant_deltas(session, [(quant_id, 0, taken) for quant_id, taken in sorted(taken_per_quant.items())])
    insert_moves(session, moves)
    if not pending:
        ids: list[int | None] = []
    elif with_ids:
        ids = session.execute(_INSERT_RESERVATIONS, [values for _i, values, _p in pending]).scalars().all()
    else:  # a plain executemany is several times faster than INSERT ... RETURNING row by row
        bulk_insert(session, _R, [values for _i, values, _p in pending])
        ids = [None] * len(pending)
    parts: list[list[ReservedPart]] = [[] for _line in lines]
    for reservation_id, (index, _values, part) in zip(ids, pending, strict=True):
        parts[index].append(ReservedPart(reservation_id, *part))
    return [ReservationResult(line.reference, line.product_id, line.warehouse_id, line.quantity, tuple(found))
            for line, found in zip(lines, parts, strict=True)]


def reserve_in_session(session: Session, actor: Actor, *, warehouse_id: int, product_id: int, quantity: int,
                       delivery_date: date, reference: str, today: date | None = None) -> ReservationResult:
    """One line through the same engine (``reserve_order_in_session``)."""
    return reserve_order_in_session(session, actor, warehouse_id=warehouse_id,
                                    lines=[LineRequest(product_id, quantity, reference)],
                                    delivery_date=delivery_date, today=today)[0]


def reserve_line(db: Database, actor: Actor, *, warehouse_id: int, product_id: int, quantity: int,
                 delivery_date: date, reference: str, today: date | None = None) -> ReservationResult:
    """Reserve ``quantity`` base units FEFO; the result says exactly what was reserved and what is short."""
    require(actor, Action.STOCK_RESERVE)
    return db.transaction(lambda session: reserve_in_session(
        session, actor, warehouse_id=warehouse_id, product_id=product_id, quantity=quantity,
        delivery_date=delivery_date, reference=reference, today=today))


def _release_rows(session: Session, actor: Actor, rows, reason: str) -> int:
    """End these active reservations as released and free their stock; returns the base units freed."""
    released = 0
    for row in rows:
        _end_reservation(session, row.id, "released")
        # a reservation carries its quant's warehouse, bin, product and lot (a quant never changes them)
        change_quant(session, actor, row.quant_id, QuantKey(row.warehouse_id, row.bin_id, row.product_id, row.lot_id),
                     kind="release", reserved_delta=-row.quantity, reason=reason, reference=row.reference)
        released += row.quantity
    return released


def release_in_session(session: Session, actor: Actor, reference: str, reason: str) -> int:
    return _release_rows(session, actor, session.execute(_ACTIVE_OF_REFERENCE, {"reference": reference}).all(), reason)


def release_reservations_in_session(session: Session, actor: Actor, reservation_ids: list[int], reason: str) -> int:
    """Release these reservations (those still active), in id order like reserving."""
    if not reservation_ids:
        return 0
    rows = session.execute(select(_R.c.id, _R.c.reference, _R.c.quant_id, _R.c.quantity, _R.c.warehouse_id,
                                  _R.c.bin_id, _R.c.product_id, _R.c.lot_id)
                           .where(_R.c.id.in_(sorted(reservation_ids)), _R.c.status == "active")
                           .order_by(_R.c.id)).all()
    return _release_rows(session, actor, rows, reason)


def prefix_range(column, prefix: str) -> tuple:
    """``column`` starts with ``prefix``, as a range the column's index can serve (LIKE cannot on SQLite)."""
    return column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1)


def release_matching_in_session(session: Session, actor: Actor, reference_prefix: str, reason: str, *,
                                references: set[str] | None = None, warehouse_id: int | None = None) -> int:
    """Release the active reservations whose reference starts with ``reference_prefix`` (e.g. all lines of an
    order), optionally only ``references`` and only in ``warehouse_id``; in product order, like reserving."""
    query = (select(_R.c.id, _R.c.reference, _R.c.quant_id, _R.c.quantity, _R.c.warehouse_id, _R.c.bin_id,
                    _R.c.product_id, _R.c.lot_id)
             .where(*prefix_range(_R.c.reference, reference_prefix), _R.c.status == "active")
             .order_by(_R.c.product_id, _R.c.id))
    if warehouse_id is not None:
        query = query.where(_R.c.warehouse_id == warehouse_id)
    rows = [row for row in session.execute(query).all() if references is None or row.reference in references]
    return _release_rows(session, actor, rows, reason)


def release_reference(db: Database, actor: Actor, reference: str, reason: str) -> int:
    """Release every active reservation of ``reference`` (e.g. an order line being cancelled)."""
    require(actor, Action.STOCK_RESERVE)
    if not reason.strip(" "):
        raise ValidationError(_("Give a reason for releasing the reservation."), "reason")
    return db.transaction(lambda session: release_in_session(session, actor, reference, reason))


def _end_reservation(session: Session, reservation_id: int, status: str) -> None:
    result = session.execute(_END_RESERVATION, {"reservation_id": reservation_id, "new_status": status})
    if result.rowcount != 1:
        raise InsufficientStock(_("That reservation was already picked or released by another station."))


def move_reservation(db: Database, actor: Actor, reservation_id: int, to_quant_id: int, reason: str,
                     *, today: date | None = None, delivery_date: date | None = None) -> ReservedPart:
    """Move an active reservation to another quant (bin and/or lot) of the same product and warehouse.

    Used when the picker cannot find the reserved stock. The target lot must
    itself be reservable (not quarantined, not expired, enough shelf life left
    on ``delivery_date`` when given) and must have the whole quantity free.
    """
    require(actor, Action.STOCK_RESERVATION_MOVE)
    return db.transaction(lambda session: move_reservation_in_session(
        session, actor, reservation_id, to_quant_id, reason, today=today, delivery_date=delivery_date))


def move_reservation_in_session(session: Session, actor: Actor, reservation_id: int, to_quant_id: int, reason: str,
                                *, today: date | None = None, delivery_date: date | None = None,
                                quantity: int | None = None) -> ReservedPart:
    """``move_reservation`` in the caller's transaction; ``quantity`` moves only part of it (the rest stays)."""
    if not reason.strip(" "):
        raise ValidationError(_("Say why the reservation moves (for example: not found in the bin)."), "reason")
    today = today or clock.today()
    old = session.execute(select(_R.c.id, _R.c.reference, _R.c.quant_id, _R.c.product_id, _R.c.lot_id, _R.c.bin_id,
                                 _R.c.warehouse_id, _R.c.quantity, _R.c.status)
                          .where(_R.c.id == reservation_id)).one_or_none()
    if old is None or old.status != "active":
        raise NotFound(_("Reservation {id} is not active any more.").format(id=reservation_id))
    moving = old.quantity if quantity is None else quantity
    if not 0 < moving <= old.quantity:
        raise ValidationError(_("Move between 1 and {n}.").format(n=old.quantity), "quantity")
    target = session.execute(
        select(StockQuant.warehouse_id, StockQuant.product_id, StockQuant.bin_id, StockQuant.lot_id,
               Lot.lot_number, Lot.expiry_date, Lot.quarantined, Bin.code, Bin.active.label("bin_active"),
               Bin.kind.label("bin_kind"), Product.min_remaining_shelf_life_days)
        .join(Lot, Lot.id == StockQuant.lot_id).join(Bin, Bin.id == StockQuant.bin_id)
        .join(Product, Product.id == StockQuant.product_id).where(StockQuant.id == to_quant_id)).one_or_none()
    if target is None:
        raise NotFound(_("Stock record {id} does not exist.").format(id=to_quant_id))
    if target.product_id != old.product_id or target.warehouse_id != old.warehouse_id:
        raise ValidationError(_("The new bin and lot must hold the same product in the same warehouse."))
    if to_quant_id == old.quant_id:
        raise ValidationError(_("That is the bin and lot already reserved."))
    if not target.bin_active or target.bin_kind != "storage":
        raise ValidationError(_("Bin {code} is not in use; choose another bin.").format(code=target.code), "bin")
    if target.quarantined:
        raise ValidationError(_("Lot {lot} is in quarantine and cannot be reserved.").format(lot=target.lot_number))
    if target.expiry_date < today:
        raise ValidationError(_("Lot {lot} expired on {date}.").format(lot=target.lot_number,
                                                                      date=target.expiry_date.isoformat()))
    if delivery_date is not None and target.expiry_date < earliest_acceptable_expiry(
            target.min_remaining_shelf_life_days, delivery_date):
        raise ValidationError(_("Lot {lot} would have too little shelf life left on delivery ({date}).").format(
            lot=target.lot_number, date=delivery_date.isoformat()))
    if moving == old.quantity:
        _end_reservation(session, old.id, "released")
    else:
        _shrink_reservation(session, old.id, old.quantity, old.quantity - moving)
    change_quant(session, actor, old.quant_id, QuantKey(old.warehouse_id, old.bin_id, old.product_id, old.lot_id),
                 kind="release", reserved_delta=-moving, reason=reason, reference=old.reference)
    key = QuantKey(target.warehouse_id, target.bin_id, target.product_id, target.lot_id)
    change_quant(session, actor, to_quant_id, key, kind="reserve", reserved_delta=moving,
                 reason=reason, reference=old.reference)
    new_id = session.execute(insert(StockReservation).values(
        reference=old.reference, quant_id=to_quant_id, product_id=old.product_id, lot_id=target.lot_id,
        bin_id=target.bin_id, warehouse_id=old.warehouse_id, quantity=moving, status="active",
    ).returning(StockReservation.id)).scalar_one()
    return ReservedPart(new_id, to_quant_id, target.bin_id, target.code, target.lot_id, target.lot_number,
                        target.expiry_date, moving)


def _shrink_reservation(session: Session, reservation_id: int, was: int, now: int) -> None:
    result = session.execute(update(_R).where(_R.c.id == reservation_id, _R.c.status == "active",
                                              _R.c.quantity == was).values(quantity=now))
    if result.rowcount != 1:
        raise InsufficientStock(_("That reservation was changed by another station; scan again."))


def active_reservations(db: Database, actor: Actor, reference: str) -> list[ReservedPart]:
    require(actor, Action.STOCK_VIEW)
    return db.read(lambda session: [
        ReservedPart(r.id, r.quant_id, r.bin_id, r.bin_code, r.lot_id, r.lot_number, r.expiry_date, r.quantity)
        for r in session.execute(
            select(StockReservation.id, StockReservation.quant_id, StockReservation.bin_id, Bin.code.label("bin_code"),
                   StockReservation.lot_id, Lot.lot_number, Lot.expiry_date, StockReservation.quantity)
            .join(Bin, Bin.id == StockReservation.bin_id).join(Lot, Lot.id == StockReservation.lot_id)
            .where(StockReservation.reference == reference, StockReservation.status == "active")
            .order_by(StockReservation.id))
    ])


def consume_in_session(session: Session, actor: Actor, reservation_id: int, quantity: int, *,
                       reference: str, reason: str = "", today: date | None = None) -> int:
    """Take ``quantity`` of a reservation out of its bin (a pick): on hand and reserved both drop.

    The rest of a partly picked reservation stays active. Returns what is left reserved.
    Expired stock cannot be picked (the reservation must be moved or released).
    """
    row = session.execute(select(StockReservation.quant_id, StockReservation.quantity, StockReservation.status,
                                 Lot.lot_number, Lot.expiry_date)
                          .join(Lot, Lot.id == StockReservation.lot_id)
                          .where(StockReservation.id == reservation_id)).one_or_none()
    if row is None or row.status != "active":
        raise NotFound(_("Reservation {id} is not active any more.").format(id=reservation_id))
    if row.expiry_date < (today or clock.today()):
        raise ValidationError(_("Lot {lot} expired on {date}.").format(lot=row.lot_number,
                                                                      date=row.expiry_date.isoformat()))
    if not 0 < quantity <= row.quantity:
        raise ValidationError(_("Pick between 1 and {n}.").format(n=row.quantity), "quantity")
    remaining = row.quantity - quantity
    values = {"quantity": remaining} if remaining else {"status": "picked"}
    result = session.execute(update(StockReservation)
                             .where(and_(StockReservation.id == reservation_id, StockReservation.status == "active",
                                         StockReservation.quantity == row.quantity))
                             .values(**values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise InsufficientStock(_("That reservation was changed by another station; scan again."))
    change_quant(session, actor, row.quant_id, quant_key(session, row.quant_id), kind="pick",
                 on_hand_delta=-quantity, reserved_delta=-quantity, reason=reason, reference=reference)
    return remaining
