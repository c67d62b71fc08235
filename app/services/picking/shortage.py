"""Short picks and substitutions.

When the picker reports that the rest of a task is not there, what it still
held is released and the shortfall is reserved again from other bins and
lots (never the bin and lot reported short), as new tasks at the end of the
list. What cannot be reserved is the line's shortfall: if the order allows
substitutions and the product has a configured substitute with enough
stock, it is offered to the picker (yes: a substitute line is added and
reserved; no: the line stays short). A line left short without a substitute
sends the order to the review queue with "short pick" when its picking ends.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import ProductSubstitute
from app.services import audit
from app.services.context import Actor
from app.services.picking import completion
from app.services.picking.common import (BINS, LINES, LISTS, LOTS, ORDERS, PRODUCTS, QUANTS, TASKS,
                                         share_pieces_by_weight)
from app.services.picking.scanning import Rejected, _Done, _task, current_task, go_to_next_task, release_rest
from app.services.stock.reservations import (BatchLineRequest, earliest_acceptable_expiry, release_reservations_in_session,
                                            reserve_batch_in_session)


def shortfall_pieces(session: Session, line_id: int) -> int:
    """Pieces of a line neither picked nor still to pick on an open task."""
    planned, picked, open_left = session.execute(
        select(func.sum(case((TASKS.c.replaces_task_id.is_(None) & (TASKS.c.state != "cancelled"), TASKS.c.pieces),
                             else_=0)),
               func.sum(TASKS.c.picked_pieces),
               func.sum(case((TASKS.c.state == "open", TASKS.c.pieces - TASKS.c.picked_pieces), else_=0)))
        .where(TASKS.c.order_line_id == line_id)).one()
    return max(0, (planned or 0) - (picked or 0) - (open_left or 0))


def _unit_size(unit: str, nominal_weight_g: int | None) -> int:
    return nominal_weight_g or 1 if unit == "weighed" else 1


def _add_tasks(session: Session, actor: Actor, head, task, results, pieces: int, *, line_id: int,
               replaces: int | None, unit: str) -> tuple[int, int]:
    """Tasks for freshly reserved parts, at the end of the list; returns the base units reserved, and those of
    them released again (weighed parts that got no piece: nothing to pick there)."""
    parts = [part for result in results for part in result.parts]
    if not parts:
        return 0, 0
    last = session.execute(select(func.max(TASKS.c.position)).where(TASKS.c.pick_list_id == head.id)).scalar() or 0
    sequence = dict(session.execute(select(BINS.c.id, BINS.c.pick_sequence)
                                    .where(BINS.c.id.in_({part.bin_id for part in parts}))).all())
    total = sum(part.quantity for part in parts)
    shares = share_pieces_by_weight([part.quantity for part in parts], pieces) if unit == "weighed" \
        else [part.quantity for part in parts]
    released = release_reservations_in_session(
        session, actor, [part.reservation_id for part, share in zip(parts, shares, strict=True) if not share],
        _("less than a piece: nothing to pick there"))
    kept = [(part, share) for part, share in zip(parts, shares, strict=True) if share]
    for offset, (part, share) in enumerate(kept, 1):
        session.execute(insert(TASKS).values(
            pick_list_id=head.id, order_id=task.order_id, order_line_id=line_id, reservation_id=part.reservation_id,
            reference=results[0].reference, product_id=results[0].product_id, quant_id=part.quant_id,
            bin_id=part.bin_id, lot_id=part.lot_id, sequence=sequence[part.bin_id], position=last + offset,
            quantity=part.quantity, pieces=share, picked_quantity=0, picked_pieces=0, state="open",
            replaces_task_id=replaces))
    return total, released


def short(session: Session, actor: Actor, head, *, today: date) -> _Done:
    task = current_task(session, head)
    if head.offer_task_id is not None:  # one offer at a time: a second would replace the first unanswered
        raise Rejected("offer_waiting", _("First answer the substitute offer: Enter = yes, Esc = no."), task.id)
    if head.at_bin_id != task.bin_id:
        raise Rejected("bin_first", _("Scan bin {bin} first, then report what is missing.").format(bin=task.bin_code),
                       task.id)
    release_rest(session, actor, task, task.quantity, _("short at bin {bin}").format(bin=task.bin_code))
    session.execute(update(TASKS).where(TASKS.c.id == task.id).values(state="short"))
    left_pieces = task.pieces - task.picked_pieces
    unit_size = _unit_size(task.unit, task.nominal_weight_g)
    need = left_pieces * unit_size if task.unit == "weighed" else task.quantity - task.picked_quantity
    again = 0
    if need > 0:
        results = reserve_batch_in_session(
            session, actor, [BatchLineRequest(task.warehouse_id, task.product_id, need, task.reference,
                                              task.delivery_date)],
            today=today, exclude_quants=frozenset({task.quant_id}))
        reserved, released = _add_tasks(session, actor, head, task, results, left_pieces,
                                        line_id=task.order_line_id, replaces=task.id, unit=task.unit)
        again = reserved - released
    missing = shortfall_pieces(session, task.order_line_id)
    offer = _offer(session, task, missing, today) if missing else None
    if offer is not None:
        session.execute(update(LISTS).where(LISTS.c.id == head.id).values(offer_task_id=task.id,
                                                                          offer_product_id=offer.id))
    go_to_next_task(session, head, task)
    completion.finish_after(session, actor, head.id, task)
    audit.record(session, actor, "pick.short", "order", task.order_number, reason=_("short at bin {bin}").format(
        bin=task.bin_code), details={"line": task.reference, "lot": task.lot_number, "missing_pieces": missing,
                                     "re_reserved": again})
    if offer is not None:
        message = _("{product}: {n} missing. Substitute with {substitute}? Enter = yes, Esc = no.").format(
            product=task.name_en, n=missing, substitute=offer.name_en)
        return _Done("substitute_offered", message, task.id)
    if missing:
        return _Done("short", _("{product}: {n} missing. The order goes to the review queue when its picking "
                                "ends.").format(product=task.name_en, n=missing), task.id)
    return _Done("re_reserved", _("{product}: the rest is reserved from another bin or lot; it is added to the end "
                                  "of the list.").format(product=task.name_en), task.id)


def _offer(session: Session, task, pieces: int, today: date):
    """The first configured substitute (by rank) with enough reservable stock here, if the order allows it."""
    allowed = session.execute(select(ORDERS.c.substitutions_allowed).where(ORDERS.c.id == task.order_id)).scalar_one()
    if not allowed:
        return None
    for substitute in session.execute(
            select(PRODUCTS.c.id, PRODUCTS.c.name_en, PRODUCTS.c.unit, PRODUCTS.c.nominal_weight_g,
                   PRODUCTS.c.min_remaining_shelf_life_days)
            .join(ProductSubstitute, ProductSubstitute.substitute_id == PRODUCTS.c.id)
            .where(ProductSubstitute.product_id == task.product_id, PRODUCTS.c.active.is_(True))
            .order_by(ProductSubstitute.rank, PRODUCTS.c.id)).all():
        need = pieces * _unit_size(substitute.unit, substitute.nominal_weight_g)
        free = session.execute(
            select(func.coalesce(func.sum(QUANTS.c.on_hand - QUANTS.c.reserved), 0))
            .join(LOTS, LOTS.c.id == QUANTS.c.lot_id).join(BINS, BINS.c.id == QUANTS.c.bin_id)
            .where(QUANTS.c.product_id == substitute.id, QUANTS.c.warehouse_id == task.warehouse_id,
                   LOTS.c.quarantined.is_(False), BINS.c.active.is_(True), BINS.c.kind == "storage",
                   LOTS.c.expiry_date >= max(today, earliest_acceptable_expiry(
                       substitute.min_remaining_shelf_life_days, task.delivery_date))))
        if free.scalar_one() >= need:
            return substitute
    return None


def answer(session: Session, actor: Actor, head, accept: bool, *, today: date) -> _Done:
    if head.offer_task_id is None:
        raise Rejected("no_offer", _("No substitute is waiting for an answer."))
    task = _task(session, head.offer_task_id)
    session.execute(update(LISTS).where(LISTS.c.id == head.id).values(offer_task_id=None, offer_product_id=None))
    if not accept:
        head = session.execute(select(LISTS).where(LISTS.c.id == head.id)).one()
        completion.finish_after(session, actor, head.id, task)
        return _Done("substitute_declined", _("No substitute: {product} stays short.").format(product=task.name_en),
                     task.id)
    pieces = shortfall_pieces(session, task.order_line_id)
    product = session.execute(select(PRODUCTS.c.id, PRODUCTS.c.sku, PRODUCTS.c.name_en, PRODUCTS.c.unit,
                                     PRODUCTS.c.nominal_weight_g, PRODUCTS.c.price_cents)
                              .where(PRODUCTS.c.id == head.offer_product_id)).one()
    original = session.execute(select(LINES.c.line_no, LINES.c.unit_price_cents).where(LINES.c.id == task.order_line_id)) \
        .one()
    line_no = (session.execute(select(func.max(LINES.c.line_no)).where(LINES.c.order_id == task.order_id)).scalar()
               or 0) + 1
    base = pieces * _unit_size(product.unit, product.nominal_weight_g)
    catalogue_unit_price = (product.price_cents * product.nominal_weight_g * 2 + 1000) // 2000 \
        if product.unit == "weighed" and product.nominal_weight_g else product.price_cents
    line_id = session.execute(insert(LINES).values(
        order_id=task.order_id, line_no=line_no, sku=product.sku, product_id=product.id, name=product.name_en,
        quantity=pieces, base_quantity=base, reserved_quantity=0,
        unit_price_cents=min(original.unit_price_cents, catalogue_unit_price)
        if original.unit_price_cents is not None else catalogue_unit_price,
        catalog_price_cents=catalogue_unit_price, external_line_id="", state="open",
        substitute_for_line_no=original.line_no).returning(LINES.c.id)).scalar_one()
    reference = f"{task.order_number}/{line_no}"
    results = reserve_batch_in_session(session, actor, [BatchLineRequest(task.warehouse_id, product.id, base,
                                                                         reference, task.delivery_date)], today=today)
    reserved, released = _add_tasks(session, actor, head, task, results, pieces, line_id=line_id, replaces=None,
                                    unit=product.unit)
    if reserved < base:
        raise Rejected("substitute_gone", _("{product} was taken by another order meanwhile. Answer no (Esc), or ask "
                                            "a supervisor.").format(product=product.name_en), task.id)
    session.execute(update(LINES).where(LINES.c.id == line_id).values(reserved_quantity=reserved - released))
    head = session.execute(select(LISTS).where(LISTS.c.id == head.id)).one()
    if head.current_task_id is None:
        go_to_next_task(session, head, task)
    audit.record(session, actor, "order.substitution", "order", task.order_number,
                 details={"line": original.line_no, "substitute_line": line_no, "sku": product.sku, "pieces": pieces})
    return _Done("substitute_taken", _("Substitute: {n} × {product} added to the end of the list.").format(
        n=pieces, product=product.name_en), task.id)
