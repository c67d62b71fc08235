"""The review desk: claim an exception, correct it, then approve (review + allocate again), hold or cancel.

A reviewer claims an order before editing it; the claim lasts ``CLAIM_MINUTES``
and is renewed by every save, so two reviewers never edit the same order:
the second is told who has it. Every transition writes one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import ConflictError, ValidationError
from app.i18n import _
from app.models import Order, OrderLine, utcnow
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor
from app.services.orders import confirmations
from app.services.orders.allocation import allocate_in_session, release_order_in_session
from app.services.orders.intake import IntakeContext, attach_latest_expiry
from app.services.orders.prepared import PreparedLine, PreparedOrder, clip, place, review_subject, to_allocate
from app.services.orders.queries import OrderDetail, find_order, order_detail_in
from app.services.orders.review import fingerprint, normalise_phone, review
from app.services.orders.review_types import Finding
from app.services.orders.states import state_label
from app.services.picking.completion import cancel_order_tasks

CLAIM_MINUTES = 15
#: findings a reviewer may accept as they are (a judgment, not missing data)
ACCEPTABLE_RULES = ("duplicate", "price", "payment")
#: states the order desk may still change; later states belong to the warehouse
DESK_STATES = ("received", "in_review", "exception", "on_hold", "allocated")
CANCELLABLE_STATES = DESK_STATES + ("picking", "picked", "qc_passed", "qc_failed", "packed")


@dataclass(frozen=True)
class LineEdit:
    line_no: int
    sku: str
    quantity: int


@dataclass(frozen=True)
class OrderEdit:
    customer_name: str
    phone: str
    email: str
    address_line1: str
    address_line2: str
    city: str
    province: str
    postal_code: str
    country: str
    delivery_date: date | None
    delivery_slot: str
    payment_status: str
    note: str
    lines: tuple[LineEdit, ...] = ()


@dataclass(frozen=True)
class ReviewOutcome:
    number: str
    state: str
    reasons: tuple[Finding, ...]


def _claimant(actor: Actor) -> str:
    return actor.username


def _check_not_claimed_by_other(order: Order, actor: Actor, now: datetime) -> None:
    if order.claimed_by and order.claimed_by != _claimant(actor) and order.claimed_until and order.claimed_until > now:
        raise ConflictError(_("Order {number} is being edited by {user} (until {time}). Pick another order.").format(
            number=order.number, user=order.claimed_by, time=order.claimed_until.astimezone().strftime("%H:%M")))


def claim(db: Database, actor: Actor, order_id: int) -> OrderDetail:
    """Take (or renew) the edit claim on an order; refused with who holds it when another reviewer has it."""
    require(actor, Action.ORDER_REVIEW)

    def work(session: Session) -> OrderDetail:
        now = utcnow()
        result = session.execute(
            update(Order).where(Order.id == order_id, or_(Order.claimed_by == "", Order.claimed_by == _claimant(actor),
                                                          Order.claimed_until.is_(None), Order.claimed_until <= now))
            .values(claimed_by=_claimant(actor), claimed_until=now + timedelta(minutes=CLAIM_MINUTES))
            .execution_options(synchronize_session=False))
        order = find_order(session, order_id)
        if result.rowcount != 1:
            _check_not_claimed_by_other(order, actor, now)
        session.refresh(order)
        return order_detail_in(session, order)

    return db.transaction(work)


def release_claim(db: Database, actor: Actor, order_id: int) -> None:
    require(actor, Action.ORDER_REVIEW)
    db.transaction(lambda session: session.execute(
        update(Order).where(Order.id == order_id, Order.claimed_by == _claimant(actor))
        .values(claimed_by="", claimed_until=None).execution_options(synchronize_session=False)))


def _locked_order(session: Session, actor: Actor, order_id: int, expected_version: int | None) -> Order:
    order = session.execute(select(Order).where(Order.id == order_id).with_for_update()).scalar_one_or_none()
    if order is None:
        find_order(session, order_id)  # raises NotFound
    _check_not_claimed_by_other(order, actor, utcnow())
    if expected_version is not None and order.version != expected_version:
        raise ConflictError(_("Order {number} was changed by someone else. Reload it and try again.").format(
            number=order.number))
    return order


def save_edits(db: Database, actor: Actor, order_id: int, edit: OrderEdit, expected_version: int) -> OrderDetail:
    """Correct an order's customer, address, delivery and lines; review runs on approve."""
    require(actor, Action.ORDER_REVIEW)
    if edit.delivery_slot and len(edit.delivery_slot) > 20:
        raise ValidationError(_("The delivery slot is too long (at most 20 characters)."), "delivery_slot")
    for line in edit.lines:
        if not 0 < line.quantity <= 1_000_000:
            raise ValidationError(_("Line {no}: enter a quantity of at least 1.").format(no=line.line_no),
                                  f"line:{line.line_no}")

    def work(session: Session) -> OrderDetail:
        order = _locked_order(session, actor, order_id, expected_version)
        if order.state not in DESK_STATES:
            raise ValidationError(_("Order {number} is already {state} and can no longer be edited here.").format(
                number=order.number, state=state_label(order.state)))
        before = _editable(order)
        phone = normalise_phone(edit.phone) or edit.phone.strip()
        values = {
            "customer_name": clip("customer_name", edit.customer_name), "phone": clip("phone", phone),
            "email": clip("email", edit.email), "address_line1": clip("address_line1", edit.address_line1),
            "address_line2": clip("address_line2", edit.address_line2), "city": clip("city", edit.city),
            "province": clip("province", edit.province), "postal_code": clip("postal_code", edit.postal_code),
            "country": clip("country", edit.country.upper()), "delivery_date": edit.delivery_date,
            "delivery_slot": clip("delivery_slot", edit.delivery_slot),
            "payment_status": clip("payment_status", edit.payment_status), "note": edit.note,
        }
        for key, value in values.items():
            setattr(order, key, value)
        order.has_address = bool(order.address_line1 or order.city or order.postal_code)
        line_changes = {}
        if edit.lines:
            lines = {line.line_no: line for line in session.execute(
                select(OrderLine).where(OrderLine.order_id == order.id)).scalars()}
            for line_edit in edit.lines:
                line = lines.get(line_edit.line_no)
                if line is None:
                    raise ValidationError(_("Order {number} has no line {no}.").format(
                        number=order.number, no=line_edit.line_no))
                sku = clip("sku", line_edit.sku)
                if (line.sku, line.quantity) != (sku, line_edit.quantity):
                    line_changes[line.line_no] = [[line.sku, line.quantity], [sku, line_edit.quantity]]
                    line.sku, line.quantity = sku, line_edit.quantity
        order.claimed_by, order.claimed_until = _claimant(actor), utcnow() + timedelta(minutes=CLAIM_MINUTES)
        session.flush()
        details = audit.changes(before, _editable(order))
        if line_changes:
            details["lines"] = line_changes
        audit.record(session, actor, "order.edited", "order", order.number, details=details)
        return order_detail_in(session, order)

    return db.transaction(work)


def _editable(order: Order) -> dict:
    return {key: getattr(order, key) for key in (
        "customer_name", "phone", "email", "address_line1", "address_line2", "city", "province", "postal_code",
        "country", "delivery_date", "delivery_slot", "payment_status", "note")}


def _prepared_from_stored(session: Session, order: Order, context: IntakeContext) -> PreparedOrder:
    lines = []
    for line in session.execute(select(OrderLine).where(OrderLine.order_id == order.id)
                                .order_by(OrderLine.line_no)).scalars():
        lines.append(PreparedLine(line.line_no, line.sku, line.name, line.quantity, line.unit_price_cents,
                                  line.external_line_id, context.products.get(line.sku), line.state == "cancelled"))
    prepared = PreparedOrder(
        order.channel, order.external_id, order.customer_name, order.phone, order.email, order.language,
        order.has_address, order.address_line1, order.address_line2, order.city, order.province, order.postal_code,
        order.country, order.delivery_date, order.delivery_slot, order.slot_assigned, order.payment_status,
        order.currency, order.total_cents, order.note, order.placed_at, utcnow(), lines, number=order.number)
    place(prepared, context.warehouses, context.review_settings)
    attach_latest_expiry(session, [prepared])
    prepared.duplicate_of = _earlier_duplicate(session, order, prepared, context)
    return prepared


def _earlier_duplicate(session: Session, order: Order, prepared: PreparedOrder, context: IntakeContext) -> str:
    window = timedelta(hours=context.review_settings.duplicate_window_hours)
    if not window:
        return ""
    at = order.placed_at or order.received_at
    for number, placed_at, received_at in session.execute(
            select(Order.number, Order.placed_at, Order.received_at)
            .where(Order.fingerprint == prepared.fingerprint, Order.id < order.id, Order.state != "cancelled")):
        if abs(at - (placed_at or received_at)) <= window:
            return number
    return ""


def _evaluate(session: Session, actor: Actor, order: Order, context: IntakeContext, accepted: frozenset[str],
              action: str, reason: str = "") -> ReviewOutcome:
    """Review the stored order again and allocate it when it passes; one audit entry for the transition."""
    release_order_in_session(session, actor, order.number, "review again")
    prepared = _prepared_from_stored(session, order, context)
    findings = [f for f in review(review_subject(prepared), context.review_settings) if f.rule not in accepted]
    reserved: dict[int, int] = {}
    if not findings and prepared.warehouse_id is not None:
        allocation = to_allocate(prepared)
        allocate_in_session(session, actor, [allocation], context.warehouses,
                            use_fallback=context.intake_settings.use_fallback_warehouses)
        prepared.warehouse_id, reserved = allocation.warehouse_id, allocation.reserved
        if not order.partial_allowed:
            findings = list(allocation.findings)
        elif not any(reserved.values()):
            findings = [replace(allocation.findings[0], message=_(
                "Nothing could be reserved, so not even a partial shipment is possible."))]
    for line in session.execute(select(OrderLine).where(OrderLine.order_id == order.id)).scalars():
        product = context.products.get(line.sku)
        line.product_id = product.id if product else None
        line.catalog_price_cents = product.price_cents if product else None
        prepared_line = next(p for p in prepared.lines if p.line_no == line.line_no)
        line.base_quantity = prepared_line.base_quantity
        line.reserved_quantity = reserved.get(line.line_no, 0)
    before = order.state
    order.state = "exception" if findings else "allocated"
    order.review_reasons = [f.to_json() for f in findings]
    order.warehouse_id = prepared.warehouse_id
    order.delivery_date, order.delivery_slot = prepared.delivery_date, prepared.delivery_slot
    order.fingerprint = fingerprint(order.phone, order.postal_code, order.address_line1,
                                    ((line.sku, line.quantity) for line in prepared.open_lines))
    order.state_changed_at = utcnow()
    order.claimed_by, order.claimed_until = "", None
    if order.state == "allocated":
        order.state_reason = ""
    session.flush()
    if order.state == "allocated":
        confirmations.enqueue_confirmations(session, [(order.id, prepared)])
    audit.record(session, actor, action, "order", order.number, from_state=before, to_state=order.state,
                 reason=reason, details={"reasons": sorted({f.rule for f in findings}),
                                         "accepted": sorted(accepted)} if findings or accepted else None)
    return ReviewOutcome(order.number, order.state, tuple(findings))


def approve(db: Database, actor: Actor, order_id: int, *, accepted_rules: frozenset[str] | set[str] = frozenset(),
            expected_version: int | None = None) -> ReviewOutcome:
    """Run review and allocation again; ``accepted_rules`` (duplicate, price, payment) are judged acceptable."""
    require(actor, Action.ORDER_REVIEW)
    accepted = frozenset(accepted_rules)
    if accepted - set(ACCEPTABLE_RULES):
        raise ValidationError(_("Only a duplicate suspicion, a price difference or a payment status can be "
                                "accepted as they are; correct the order for the rest."), "accepted_rules")
    context = db.read(IntakeContext.load)

    def work(session: Session) -> ReviewOutcome:
        order = _locked_order(session, actor, order_id, expected_version)
        if order.state not in ("exception", "on_hold", "received", "in_review"):
            raise ValidationError(_("Order {number} is {state}; only orders waiting for review can be approved.")
                                  .format(number=order.number, state=state_label(order.state)))
        _refuse_after_picking(session, order)
        return _evaluate(session, actor, order, context, accepted, "order.approved")

    return db.transaction(work)


def hold(db: Database, actor: Actor, order_id: int, reason: str, *, expected_version: int | None = None) -> ReviewOutcome:
    """Park an order (waiting for the customer, say); it keeps its reservations."""
    require(actor, Action.ORDER_REVIEW)
    reason = _reason(reason, _("Say why the order is held (for example: waiting for the customer to call back)."))

    def work(session: Session) -> ReviewOutcome:
        order = _locked_order(session, actor, order_id, expected_version)
        if order.state not in ("exception", "allocated", "received", "in_review"):
            raise ValidationError(_("Order {number} is {state} and cannot be put on hold.").format(
                number=order.number, state=state_label(order.state)))
        return _transition(session, actor, order, "on_hold", reason, "order.held")

    return db.transaction(work)


def cancel(db: Database, actor: Actor, order_id: int, reason: str, *,
           expected_version: int | None = None) -> ReviewOutcome:
    """Cancel an order before it ships; its reservations are released."""
    require(actor, Action.ORDER_REVIEW)
    reason = _reason(reason, _("Say why the order is cancelled."))

    def work(session: Session) -> ReviewOutcome:
        order = _locked_order(session, actor, order_id, expected_version)
        if order.state not in CANCELLABLE_STATES:
            raise ValidationError(_("Order {number} is {state} and can no longer be cancelled.").format(
                number=order.number, state=state_label(order.state)))
        if order.state not in DESK_STATES:
            require(actor, Action.ORDER_OVERRIDE)  # the warehouse is already working on it
        release_order_in_session(session, actor, order.number, f"order cancelled: {reason}")
        cancel_order_tasks(session, actor, order.id)  # pickers stop picking it
        session.execute(update(OrderLine).where(OrderLine.order_id == order.id).values(reserved_quantity=0)
                        .execution_options(synchronize_session=False))
        return _transition(session, actor, order, "cancelled", reason, "order.cancelled")

    return db.transaction(work)


def allow_partial(db: Database, actor: Actor, order_id: int, reason: str, *,
                  expected_version: int | None = None) -> ReviewOutcome:
    """Supervisor: ship what can be reserved; the short quantities are not sent."""
    require(actor, Action.ORDER_OVERRIDE)
    reason = _reason(reason, _("Say why a partial shipment is allowed (for example: customer agreed)."))
    context = db.read(IntakeContext.load)

    def work(session: Session) -> ReviewOutcome:
        order = _locked_order(session, actor, order_id, expected_version)
        if order.state not in ("exception", "on_hold"):
            raise ValidationError(_("Order {number} is {state}; a partial shipment can only be allowed for an exception or an order on hold.")
                                  .format(number=order.number, state=state_label(order.state)))
        order.partial_allowed = True
        if _was_picked(session, order):  # short at picking: what was picked goes on as it is
            order.review_reasons = []
            return _transition(session, actor, order, "picked", reason, "order.partial_allowed")
        return _evaluate(session, actor, order, context, frozenset(), "order.partial_allowed", reason)

    return db.transaction(work)


def cancel_lines(db: Database, actor: Actor, order_id: int, line_nos: list[int], reason: str, *,
                 expected_version: int | None = None) -> ReviewOutcome:
    """Supervisor: drop lines from an exception (releasing their stock), then review the rest again."""
    require(actor, Action.ORDER_OVERRIDE)
    reason = _reason(reason, _("Say why the lines are cancelled."))
    if not line_nos:
        raise ValidationError(_("Select the lines to cancel."), "lines")
    context = db.read(IntakeContext.load)

    def work(session: Session) -> ReviewOutcome:
        order = _locked_order(session, actor, order_id, expected_version)
        if order.state not in ("exception", "on_hold"):
            raise ValidationError(_("Order {number} is {state}; lines can only be cancelled on an exception or an order on hold.").format(
                number=order.number, state=state_label(order.state)))
        _refuse_after_picking(session, order)
        lines = {line.line_no: line for line in session.execute(
            select(OrderLine).where(OrderLine.order_id == order.id)).scalars()}
        missing = [no for no in line_nos if no not in lines]
        if missing:
            raise ValidationError(_("Order {number} has no line {no}.").format(number=order.number, no=missing[0]))
        if all(lines[no].state == "cancelled" or no in line_nos for no in lines):
            raise ValidationError(_("That would cancel every line; cancel the order instead."), "lines")
        release_order_in_session(session, actor, order.number, f"line cancelled: {reason}", line_nos)
        for no in line_nos:
            lines[no].state, lines[no].reserved_quantity = "cancelled", 0
        session.flush()
        audit.record(session, actor, "order.lines_cancelled", "order", order.number, reason=reason,
                     details={"lines": sorted(line_nos)})
        return _evaluate(session, actor, order, context, frozenset(), "order.reviewed_after_line_cancel", reason)

    return db.transaction(work)


def _was_picked(session: Session, order: Order) -> bool:
    """The warehouse picked (some of) this order: it came back from picking short."""
    return session.execute(select(OrderLine.id).where(OrderLine.order_id == order.id, OrderLine.picked_pieces > 0)
                           .limit(1)).first() is not None or \
        any(reason.get("rule") == "short_pick" for reason in (order.review_reasons or []))


def _refuse_after_picking(session: Session, order: Order) -> None:
    """Reviewing and allocating again would undo the picking; the choices left are a partial shipment of what
    was picked (a supervisor) or cancelling the order."""
    if _was_picked(session, order):
        raise ValidationError(_("Order {number} came back short from picking. A supervisor can allow a partial "
                                "shipment of what was picked, or the order can be cancelled.").format(
            number=order.number))


def _reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message, "reason")
    return reason[:500]


def _transition(session: Session, actor: Actor, order: Order, state: str, reason: str, action: str) -> ReviewOutcome:
    before = order.state
    order.state, order.state_reason, order.state_changed_at = state, reason, utcnow()
    order.claimed_by, order.claimed_until = "", None
    session.flush()
    audit.record(session, actor, action, "order", order.number, from_state=before, to_state=state, reason=reason)
    return ReviewOutcome(order.number, state, tuple(Finding(r.get("rule", ""), r.get("field", ""), r.get("message", ""))
                                                    for r in (order.review_reasons or [])))
