"""Close what a scan finished: the line, the order, the pick list.

A line is finished when none of its tasks is open. It is ``picked`` when
the pieces picked reach what was planned for it (the tasks a short pick
re-reserved do not add to that), else ``short``. An order is finished when
none of its tasks on any list is open and no substitute offer for it is
waiting: ``picked``, or ``exception`` with a "short pick" finding per short
line that has no substitute, so the review queue decides. A list is done
when none of its tasks is open and no offer is waiting.
"""

from __future__ import annotations

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import utcnow
from app.services import audit
from app.services.context import Actor
from app.services.orders.review_types import Finding
from app.services.picking.common import LINES, LIST_ORDERS, LISTS, ORDERS, PRODUCTS, TASKS

SHORT_PICK_RULE = "short_pick"


def _open_tasks(session: Session, column, value: int) -> bool:
    return session.execute(select(TASKS.c.id).where(column == value, TASKS.c.state == "open").limit(1)).first() \
        is not None


def finish_line(session: Session, line_id: int) -> str | None:
    """Set the line's state if none of its tasks is open; returns the new state (None: still open)."""
    if _open_tasks(session, TASKS.c.order_line_id, line_id):
        return None
    planned, picked = session.execute(
        select(func.sum(case((TASKS.c.replaces_task_id.is_(None) & (TASKS.c.state != "cancelled"), TASKS.c.pieces),
                             else_=0)),
               func.sum(TASKS.c.picked_pieces)).where(TASKS.c.order_line_id == line_id)).one()
    state = "picked" if (picked or 0) >= (planned or 0) else "short"
    session.execute(update(LINES).where(LINES.c.id == line_id, LINES.c.state == "open").values(state=state))
    return state


def reopen_line(session: Session, line_id: int) -> None:
    session.execute(update(LINES).where(LINES.c.id == line_id, LINES.c.state.in_(("picked", "short")))
                    .values(state="open"))


def _offer_waiting(session: Session, order_id: int) -> bool:
    return session.execute(
        select(LISTS.c.id).join(TASKS, TASKS.c.id == LISTS.c.offer_task_id)
        .where(TASKS.c.order_id == order_id).limit(1)).first() is not None


def finish_order(session: Session, actor: Actor, order_id: int) -> str | None:
    """``picked`` or ``exception`` (short pick) once nothing of the order is left to pick; None otherwise."""
    if _open_tasks(session, TASKS.c.order_id, order_id) or _offer_waiting(session, order_id):
        return None
    order = session.execute(select(ORDERS.c.number, ORDERS.c.state).where(ORDERS.c.id == order_id)).one()
    if order.state != "picking":
        return None
    lines = session.execute(
        select(LINES.c.line_no, LINES.c.sku, LINES.c.state, LINES.c.substitute_for_line_no, PRODUCTS.c.unit,
               LINES.c.picked_pieces, LINES.c.quantity)
        .outerjoin(PRODUCTS, PRODUCTS.c.id == LINES.c.product_id).where(LINES.c.order_id == order_id)).all()
    substituted = {line.substitute_for_line_no for line in lines if line.substitute_for_line_no is not None}
    findings = [Finding(SHORT_PICK_RULE, f"line:{line.line_no}", _(
        "Short pick: {sku} — {picked} of {ordered} picked; no substitute was taken.").format(
        sku=line.sku, picked=line.picked_pieces, ordered=line.quantity))
        for line in lines if line.state == "short" and line.line_no not in substituted]
    state = "exception" if findings else "picked"
    session.execute(update(ORDERS).where(ORDERS.c.id == order_id, ORDERS.c.state == "picking").values(
        state=state, review_reasons=[finding.to_json() for finding in findings], state_changed_at=utcnow(),
        version=ORDERS.c.version + 1))
    audit.record(session, actor, "order.picked" if state == "picked" else "order.short_pick", "order", order.number,
                 from_state="picking", to_state=state,
                 details={"short_lines": [finding.field for finding in findings]} if findings else None)
    return state


def reopen_order(session: Session, actor: Actor, order_id: int) -> None:
    """Undo took something back out of a picked order: it is being picked again."""
    number = session.execute(select(ORDERS.c.number).where(ORDERS.c.id == order_id, ORDERS.c.state == "picked")) \
        .scalar_one_or_none()
    if number is None:
        return
    session.execute(update(ORDERS).where(ORDERS.c.id == order_id).values(
        state="picking", state_changed_at=utcnow(), version=ORDERS.c.version + 1))
    audit.record(session, actor, "order.picking", "order", number, from_state="picked", to_state="picking",
                 reason=_("A scan was undone."))


def finish_list(session: Session, actor: Actor, pick_list_id: int) -> bool:
    if _open_tasks(session, TASKS.c.pick_list_id, pick_list_id):
        return False
    result = session.execute(update(LISTS).where(LISTS.c.id == pick_list_id, LISTS.c.state == "claimed",
                                                 LISTS.c.offer_task_id.is_(None))
                             .values(state="done", completed_at=utcnow(), current_task_id=None, at_bin_id=None))
    if result.rowcount:
        audit.record(session, actor, "pick_list.done", "pick_list", pick_list_id, from_state="claimed",
                     to_state="done")
    return bool(result.rowcount)


def finish_after(session: Session, actor: Actor, pick_list_id: int, task_row, *, list_may_be_done: bool = True) -> bool:
    """After ``task_row`` left the open state: its line, its order, the list. Returns whether the list is done.

    A line with a task still open keeps its order open too, and a caller that knows the list still has an open
    task (``list_may_be_done=False``) saves the list's check: most scans finish nothing but their task."""
    if finish_line(session, task_row.order_line_id) is not None:
        finish_order(session, actor, task_row.order_id)
    return finish_list(session, actor, pick_list_id) if list_may_be_done else False


def orders_on_list(session: Session, pick_list_id: int) -> list[int]:
    return list(session.execute(select(LIST_ORDERS.c.order_id).where(LIST_ORDERS.c.pick_list_id == pick_list_id))
                .scalars())


def cancel_order_tasks(session: Session, actor: Actor, order_id: int) -> int:
    """The order was cancelled: its open tasks are cancelled, and a list left with nothing open ends (done when
    a picker had it, cancelled when nobody had started it). Returns the tasks cancelled."""
    lists = list(session.execute(select(TASKS.c.pick_list_id).where(TASKS.c.order_id == order_id,
                                                                    TASKS.c.state == "open").distinct()).scalars())
    if not lists:
        return 0
    cancelled = session.execute(update(TASKS).where(TASKS.c.order_id == order_id, TASKS.c.state == "open")
                                .values(state="cancelled")).rowcount
    for pick_list_id in lists:
        session.execute(update(LISTS).where(LISTS.c.id == pick_list_id, LISTS.c.offer_task_id.in_(
            select(TASKS.c.id).where(TASKS.c.order_id == order_id))).values(offer_task_id=None, offer_product_id=None))
        if not _open_tasks(session, TASKS.c.pick_list_id, pick_list_id):
            session.execute(update(LISTS).where(LISTS.c.id == pick_list_id, LISTS.c.state == "open")
                            .values(state="cancelled", completed_at=utcnow()))
            finish_list(session, actor, pick_list_id)
    return cancelled
