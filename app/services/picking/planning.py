"""Plan pick lists from allocated orders: one list per order, or waves per delivery slot and temperature class.

A task is one active reservation of an order line (a bin and lot), so a line
reserved from two lots is two tasks. Tasks are sorted by the bins' pick-path
sequence. Planning moves each order from ``allocated`` to ``picking`` with a
conditional UPDATE, so two supervisors planning at once never put one order
on two lists: the second finds it gone and leaves it out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert
from app.errors import ConflictError, NotFound, ValidationError
from app.i18n import _
from app.models import Warehouse, utcnow
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor
from app.services.picking.common import (BINS, LINES, LIST_ORDERS, LISTS, ORDERS, PACKING_ZONE, PRODUCTS,
                                         RESERVATIONS, TASKS, packing_bin_code, packing_bin_id,
                                         share_pieces_by_weight)
from app.services.stock.reservations import release_reservations_in_session
from app.db.database import Database

TEMPERATURE_ORDER = ("frozen", "chilled", "ambient")
_CHUNK = 400


@dataclass(frozen=True)
class PlannedList:
    id: int
    kind: str
    temperature_class: str
    orders: int
    tasks: int


def ensure_packing_bin(session: Session, warehouse_id: int) -> int:
    """The warehouse's packing-area bin (where picked goods go), created on first use.

    Two planners making it at the same moment: the second one's insert waits for the first and then does
    nothing (ON CONFLICT on the bin code), and it finds the first one's bin."""
    found = packing_bin_id(session, warehouse_id)
    if found is not None:
        return found
    code = session.execute(select(Warehouse.code).where(Warehouse.id == warehouse_id)).scalar_one_or_none()
    if code is None:
        raise NotFound(_("Warehouse {id} does not exist.").format(id=warehouse_id))
    builder = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(builder(BINS).values(warehouse_id=warehouse_id, code=packing_bin_code(code), zone=PACKING_ZONE,
                                         pick_sequence=0, active=True, kind="packing", version=1)
                    .on_conflict_do_nothing(index_elements=["code"]))
    found = packing_bin_id(session, warehouse_id)
    if found is None:
        raise ConflictError(_("Bin {code} is a storage bin, so it cannot be warehouse {warehouse}'s packing area. "
                              "Rename that bin, then plan again.").format(code=packing_bin_code(code),
                                                                          warehouse=code))
    return found


def plan_order_lists(db: Database, actor: Actor, warehouse_id: int, *, delivery_date: date | None = None,
                     order_numbers: list[str] | None = None, limit: int | None = None) -> list[PlannedList]:
    """One pick list per allocated order of the warehouse (optionally of one delivery date, or these orders)."""
    require(actor, Action.PICK_PLAN)
    return db.transaction(lambda session: _plan(session, actor, warehouse_id, "order", delivery_date=delivery_date,
                                                slot=None, order_numbers=order_numbers, limit=limit))


def plan_waves(db: Database, actor: Actor, warehouse_id: int, delivery_date: date, slot: str, *,
               limit: int | None = None) -> list[PlannedList]:
    """Waves: the allocated orders of one delivery date and slot, one pick list per temperature class.

    Pickers bind a tote to each order of a wave (cluster picking)."""
    require(actor, Action.PICK_PLAN)
    if not slot:
        raise ValidationError(_("Choose the delivery slot of the wave."), "slot")
    return db.transaction(lambda session: _plan(session, actor, warehouse_id, "wave", delivery_date=delivery_date,
                                                slot=slot, order_numbers=None, limit=limit))


def _plan(session: Session, actor: Actor, warehouse_id: int, kind: str, *, delivery_date: date | None,
          slot: str | None, order_numbers: list[str] | None, limit: int | None) -> list[PlannedList]:
    query = (select(ORDERS.c.id, ORDERS.c.number, ORDERS.c.delivery_date, ORDERS.c.delivery_slot)
             .where(ORDERS.c.warehouse_id == warehouse_id, ORDERS.c.state == "allocated")
             .order_by(ORDERS.c.delivery_date, ORDERS.c.delivery_slot, ORDERS.c.id))
    if delivery_date is not None:
        query = query.where(ORDERS.c.delivery_date == delivery_date)
    if slot is not None:
        query = query.where(ORDERS.c.delivery_slot == slot)
    if order_numbers is not None:
        query = query.where(ORDERS.c.number.in_(order_numbers))
    if limit is not None:
        query = query.limit(limit)
    orders = session.execute(query).all()
    if not orders:
        return []
    ensure_packing_bin(session, warehouse_id)
    tasks_by_order, slack_by_order = _tasks_of(session, orders)
    orders = [order for order in orders if tasks_by_order.get(order.id)]
    taken = _take_orders(session, [order.id for order in orders])
    orders = [order for order in orders if order.id in taken]
    if not orders:
        return []
    release_reservations_in_session(session, actor, [part for order in orders for part in slack_by_order[order.id]],
                                    _("less than a piece: nothing to pick there"))
    now = utcnow()
    groups: list[tuple[str, list]] = []
    if kind == "order":
        groups = [("", [order]) for order in orders]
    else:
        by_class: dict[str, list] = defaultdict(list)
        for order in orders:
            for temperature in {task["temperature_class"] for task in tasks_by_order[order.id]}:
                by_class[temperature].append(order)
        groups = [(temperature, by_class[temperature]) for temperature in TEMPERATURE_ORDER if temperature in by_class]
    planned: list[PlannedList] = []
    list_of_order: dict[int, list[int]] = defaultdict(list)
    for temperature, members in groups:
        first = members[0]
        list_id = session.execute(insert(LISTS).values(
            warehouse_id=warehouse_id, kind=kind, delivery_date=first.delivery_date,
            delivery_slot=first.delivery_slot if kind == "order" else slot, temperature_class=temperature,
            state="open", claimed_by="", claimed_station="", reserved_lot_missing=False,
            created_by=actor.username, created_at=now).returning(LISTS.c.id)).scalar_one()
        bulk_insert(session, LIST_ORDERS, [{"pick_list_id": list_id, "order_id": order.id, "position": position,
                                            "tote_code": ""} for position, order in enumerate(members, 1)])
        rows = [task for order in members for task in tasks_by_order[order.id]
                if not temperature or task["temperature_class"] == temperature]
        rows.sort(key=lambda task: (task["sequence"], task["order_position"], task["reference"]))
        bulk_insert(session, TASKS, [{"pick_list_id": list_id, "position": position,
                                      **{key: task[key] for key in _TASK_COLUMNS}}
                                     for position, task in enumerate(rows, 1)])
        for order in members:
            list_of_order[order.id].append(list_id)
        planned.append(PlannedList(list_id, kind, temperature, len(members), len(rows)))
    audit.record_many(session, [
        audit.entry_row(actor, "order.picking", "order", order.number, from_state="allocated", to_state="picking",
                        details={"pick_lists": list_of_order[order.id]}, dialect=session.get_bind().dialect.name)
        for order in orders])
    return planned


_TASK_COLUMNS = ("order_id", "order_line_id", "reservation_id", "reference", "product_id", "quant_id", "bin_id",
                 "lot_id", "sequence", "quantity", "pieces", "picked_quantity", "picked_pieces", "state")


def _take_orders(session: Session, order_ids: list[int]) -> set[int]:
    """allocated -> picking for these orders; returns the ids this transaction moved (another planner may have
    taken some first)."""
    now = utcnow()
    taken: set[int] = set()
    for start in range(0, len(order_ids), _CHUNK):
        chunk = order_ids[start:start + _CHUNK]
        taken.update(session.execute(
            update(ORDERS).where(ORDERS.c.id.in_(chunk), ORDERS.c.state == "allocated")
            .values(state="picking", state_changed_at=now, version=ORDERS.c.version + 1)
            .returning(ORDERS.c.id)).scalars())
    return taken


def _tasks_of(session: Session, orders: list) -> tuple[dict[int, list[dict]], dict[int, list[int]]]:
    """The tasks each order needs: one per active reservation of its open lines, with pieces shared out; and per
    order the reservations of weighed goods that got no piece (a few grams left in a lot: a task for them
    could never be picked, so they are released instead)."""
    position = {order.id: index for index, order in enumerate(orders)}
    by_order: dict[int, list[dict]] = defaultdict(list)
    slack: dict[int, list[int]] = defaultdict(list)
    for start in range(0, len(orders), _CHUNK):
        chunk = orders[start:start + _CHUNK]
        number_of = {order.id: order.number for order in chunk}
        lines = session.execute(
            select(LINES.c.id, LINES.c.order_id, LINES.c.line_no, LINES.c.product_id, LINES.c.quantity,
                   PRODUCTS.c.unit, PRODUCTS.c.nominal_weight_g, PRODUCTS.c.temperature_class)
            .join(PRODUCTS, PRODUCTS.c.id == LINES.c.product_id)
            .where(LINES.c.order_id.in_([order.id for order in chunk]), LINES.c.state == "open")).all()
        line_of = {f"{number_of[line.order_id]}/{line.line_no}": line for line in lines}
        if not line_of:
            continue
        parts: dict[str, list] = defaultdict(list)
        for reservation in session.execute(
                select(RESERVATIONS.c.id, RESERVATIONS.c.reference, RESERVATIONS.c.quant_id, RESERVATIONS.c.bin_id,
                       RESERVATIONS.c.lot_id, RESERVATIONS.c.quantity, BINS.c.pick_sequence)
                .join(BINS, BINS.c.id == RESERVATIONS.c.bin_id)
                .where(RESERVATIONS.c.reference.in_(sorted(line_of)), RESERVATIONS.c.status == "active",
                       BINS.c.kind == "storage")
                .order_by(RESERVATIONS.c.reference, RESERVATIONS.c.id)):
            parts[reservation.reference].append(reservation)
        for reference, reserved in parts.items():
            line = line_of[reference]
            pieces = _share_pieces(line, reserved)
            for reservation, piece_count in zip(reserved, pieces, strict=True):
                if not piece_count:
                    slack[line.order_id].append(reservation.id)
                    continue
                by_order[line.order_id].append({
                    "order_id": line.order_id, "order_line_id": line.id, "reservation_id": reservation.id,
                    "reference": reference, "product_id": line.product_id, "quant_id": reservation.quant_id,
                    "bin_id": reservation.bin_id, "lot_id": reservation.lot_id, "sequence": reservation.pick_sequence,
                    "quantity": reservation.quantity, "pieces": piece_count, "picked_quantity": 0,
                    "picked_pieces": 0, "state": "open", "temperature_class": line.temperature_class,
                    "order_position": position[line.order_id]})
    return by_order, slack


def _share_pieces(line, reserved: list) -> list[int]:
    """Units of sale per reservation part: pieces are the base units; a weighed line's ordered pieces are
    shared out over its parts by weight (largest remainder), so they add up to the pieces reserved."""
    if line.unit != "weighed" or not line.nominal_weight_g:
        return [part.quantity for part in reserved]
    total_weight = sum(part.quantity for part in reserved)
    pieces = min(line.quantity, max(1, round(total_weight / line.nominal_weight_g)))
    return share_pieces_by_weight([part.quantity for part in reserved], pieces)


def cancel_pick_list(db: Database, actor: Actor, pick_list_id: int, reason: str) -> None:
    """Take a list off the floor before anything on it was picked: its orders go back to ``allocated``.

    The lists of a wave (one per temperature class) share orders, and an order can only go back to
    ``allocated`` as a whole: the lists sharing an order with this one are cancelled with it, as long as
    nothing on any of them has been picked or reported short."""
    require(actor, Action.PICK_PLAN)
    if not reason.strip(" "):
        raise ValidationError(_("Give a reason for cancelling the pick list."), "reason")

    def work(session: Session) -> None:
        postgres = session.get_bind().dialect.name == "postgresql"
        query = select(LISTS.c.state).where(LISTS.c.id == pick_list_id)
        # locked like a scan locks its list: a scan running now is waited for, and then seen (SQLite: write lock)
        row = session.execute(query.with_for_update() if postgres else query).one_or_none()
        if row is None:
            raise NotFound(_("Pick list {id} does not exist.").format(id=pick_list_id))
        if row.state in ("done", "cancelled"):
            raise ValidationError(_("Pick list {id} is already {state}.").format(id=pick_list_id, state=row.state))
        group, order_ids = _sharing_orders(session, pick_list_id)
        if postgres and len(group) > 1:
            session.execute(select(LISTS.c.id).where(LISTS.c.id.in_(group)).order_by(LISTS.c.id).with_for_update())
        started = session.execute(
            select(TASKS.c.pick_list_id).where(TASKS.c.pick_list_id.in_(group),
                                               (TASKS.c.picked_quantity > 0) | TASKS.c.state.in_(("done", "short")))
            .order_by(TASKS.c.pick_list_id != pick_list_id, TASKS.c.pick_list_id).limit(1)).scalar_one_or_none()
        if started == pick_list_id:
            raise ValidationError(_("Something on pick list {id} is picked already; finish it instead (report the "
                                    "rest short).").format(id=pick_list_id))
        if started is not None:
            raise ValidationError(_("Pick list {id} shares orders with pick list {other}, where picking has started; "
                                    "its orders cannot go back. Let both lists be finished (report what is not "
                                    "wanted short).").format(id=pick_list_id, other=started))
        states = dict(session.execute(select(LISTS.c.id, LISTS.c.state).where(LISTS.c.id.in_(group))).all())
        # closed, so that they neither keep the orders in picking nor count as planned once they are planned again
        session.execute(update(TASKS).where(TASKS.c.pick_list_id.in_(group), TASKS.c.state == "open")
                        .values(state="cancelled"))
        session.execute(update(LISTS).where(LISTS.c.id.in_(group))
                        .values(state="cancelled", claimed_by="", claimed_station="", claimed_until=None,
                                current_task_id=None, at_bin_id=None, reserved_lot_missing=False,
                                offer_task_id=None, offer_product_id=None, completed_at=utcnow()))
        back = list(session.execute(update(ORDERS).where(ORDERS.c.id.in_(order_ids), ORDERS.c.state == "picking")
                                    .values(state="allocated", state_changed_at=utcnow(),
                                            version=ORDERS.c.version + 1).returning(ORDERS.c.id)).scalars()) \
            if order_ids else []
        for list_id in sorted(group):
            audit.record(session, actor, "pick_list.cancelled", "pick_list", list_id, from_state=states[list_id],
                         to_state="cancelled", reason=reason,
                         details={"orders_back_to_allocated": len(back)} if list_id == pick_list_id else
                         {"with_pick_list": pick_list_id})

    db.transaction(work)


def _sharing_orders(session: Session, pick_list_id: int) -> tuple[set[int], set[int]]:
    """The list and every list (not cancelled) sharing an order with it, transitively; and their orders."""
    group, order_ids = {pick_list_id}, set()
    while True:
        members = set(session.execute(select(LIST_ORDERS.c.order_id)
                                      .where(LIST_ORDERS.c.pick_list_id.in_(group))).scalars())
        new_orders = members - order_ids
        if not new_orders:
            return group, order_ids
        order_ids |= new_orders
        group |= set(session.execute(
            select(LIST_ORDERS.c.pick_list_id).join(LISTS, LISTS.c.id == LIST_ORDERS.c.pick_list_id)
            .where(LIST_ORDERS.c.order_id.in_(sorted(new_orders)), LISTS.c.state != "cancelled")).scalars())
