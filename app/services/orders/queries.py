"""Reading orders: the review queue, the orders browser and one order's whole story."""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import NotFound
from app.i18n import _
from app.models import AuditEntry, Bin, Lot, Order, OrderLine, Product, StockReservation, Warehouse, utcnow
from app.permissions import Action, require
from app.services.context import Actor
from app.services.orders.review_types import Finding
from app.services.stock.reservations import prefix_range

QUEUE_STATES = ("exception", "on_hold")


@dataclass(frozen=True)
class QueueRow:
    id: int
    number: str
    state: str
    customer_name: str
    phone: str
    delivery_date: date | None
    delivery_slot: str
    received_at: datetime
    reasons: tuple[str, ...]          # rule codes
    first_message: str
    claimed_by: str                   # "" when nobody holds a live claim
    warehouse_code: str
    version: int


def _live_claim(claimed_by: str, claimed_until: datetime | None, now: datetime) -> str:
    return claimed_by if claimed_by and claimed_until is not None and claimed_until > now else ""


def review_queue(db: Database, actor: Actor, *, include_on_hold: bool = True,
                 limit: int | None = None) -> list[QueueRow]:
    """Exceptions (and orders on hold), earliest delivery first, then oldest first; the first ``limit`` rows.

    One ordered query per state (each served by the (state, delivery date, received) index, so a limit
    stops early), merged in Python.
    """
    require(actor, Action.ORDER_VIEW)
    states = QUEUE_STATES if include_on_hold else ("exception",)

    def work(session: Session) -> list[QueueRow]:
        now = utcnow()
        per_state = []
        for state in states:
            query = (select(Order.id, Order.number, Order.state, Order.customer_name, Order.phone,
                            Order.delivery_date, Order.delivery_slot, Order.received_at, Order.review_reasons,
                            Order.claimed_by, Order.claimed_until, Warehouse.code, Order.version)
                     .outerjoin(Warehouse, Warehouse.id == Order.warehouse_id)
                     .where(Order.state == state)
                     .order_by(Order.delivery_date.asc().nulls_first(), Order.received_at, Order.id))
            if limit is not None:
                query = query.limit(limit)
            per_state.append(session.execute(query).all())
        rows = heapq.merge(*per_state, key=lambda r: (r.delivery_date is not None, r.delivery_date or date.min,
                                                      r.received_at, r.id))
        result = []
        for (id_, number, state, name, phone, delivery, slot, received, reasons, claimed_by, claimed_until, code,
             version) in itertools.islice(rows, limit):
            reasons = reasons or []
            result.append(QueueRow(id_, number, state, name, phone, delivery, slot, received,
                                   tuple(dict.fromkeys(r.get("rule", "") for r in reasons)),
                                   reasons[0].get("message", "") if reasons else "",
                                   _live_claim(claimed_by, claimed_until, now), code or "", version))
        return result

    return db.read(work)


def exception_count(db: Database, actor: Actor) -> int:
    require(actor, Action.ORDER_VIEW)
    return db.read(lambda session: session.execute(
        select(func.count()).select_from(Order).where(Order.state == "exception")).scalar_one())


@dataclass(frozen=True)
class OrderRow:
    id: int
    number: str
    channel: str
    external_id: str
    state: str
    customer_name: str
    phone: str
    email: str
    postal_code: str
    city: str
    delivery_date: date | None
    delivery_slot: str
    warehouse_code: str
    received_at: datetime
    total_cents: int | None
    currency: str
    line_count: int


def search_orders(db: Database, actor: Actor, text: str = "", state: str | None = None,
                  limit: int = 500) -> list[OrderRow]:
    """Newest first; ``text`` matches the number, external id, customer name, phone or email."""
    require(actor, Action.ORDER_VIEW)
    text = text.strip()

    def work(session: Session) -> list[OrderRow]:
        lines = (select(OrderLine.order_id, func.count().label("n")).group_by(OrderLine.order_id).subquery())
        query = (select(Order.id, Order.number, Order.channel, Order.external_id, Order.state, Order.customer_name,
                        Order.phone, Order.email, Order.postal_code, Order.city, Order.delivery_date,
                        Order.delivery_slot, Warehouse.code, Order.received_at, Order.total_cents, Order.currency,
                        func.coalesce(lines.c.n, 0))
                 .outerjoin(Warehouse, Warehouse.id == Order.warehouse_id)
                 .outerjoin(lines, lines.c.order_id == Order.id)
                 .order_by(Order.received_at.desc(), Order.id.desc()).limit(limit))
        if state:
            query = query.where(Order.state == state)
        if text:
            plain = "".join(ch for ch in text if ch not in "\\%_")
            digits = "".join(ch for ch in text if ch.isdigit())
            clauses = [Order.number.startswith(text, autoescape=True), Order.external_id == text,
                       Order.customer_name.contains(plain), Order.email.contains(plain.lower())]
            if len(digits) >= 4:
                clauses.append(Order.phone.contains(digits, autoescape=True))
            query = query.where(or_(*clauses))
        return [OrderRow(*row[:12], row[12] or "", *row[13:]) for row in session.execute(query)]

    return db.read(work)


@dataclass(frozen=True)
class OrderLineRow:
    line_no: int
    sku: str
    product_id: int | None
    name: str
    name_zh: str
    quantity: int
    unit: str
    base_quantity: int
    reserved_quantity: int
    unit_price_cents: int | None
    catalog_price_cents: int | None
    state: str


@dataclass(frozen=True)
class ReservationRow:
    reference: str
    line_no: int
    warehouse_code: str
    bin_code: str
    lot_number: str
    expiry_date: date
    quantity: int
    status: str


@dataclass(frozen=True)
class TimelineRow:
    at: datetime
    username: str
    station: str
    action: str
    from_state: str | None
    to_state: str | None
    reason: str
    details: str


@dataclass(frozen=True)
class OrderDetail:
    id: int
    number: str
    channel: str
    external_id: str
    state: str
    state_reason: str
    reasons: tuple[Finding, ...]
    customer_name: str
    phone: str
    email: str
    language: str
    has_address: bool
    address_line1: str
    address_line2: str
    city: str
    province: str
    postal_code: str
    country: str
    delivery_date: date | None
    delivery_slot: str
    slot_assigned: bool
    warehouse_code: str
    payment_status: str
    currency: str
    total_cents: int | None
    note: str
    partial_allowed: bool
    placed_at: datetime | None
    received_at: datetime
    claimed_by: str                   # "" when nobody holds a live claim
    claimed_until: datetime | None
    version: int
    lines: tuple[OrderLineRow, ...]
    reservations: tuple[ReservationRow, ...]
    timeline: tuple[TimelineRow, ...]


def order_detail_in(session: Session, order: Order, *, with_timeline: bool = True) -> OrderDetail:
    lines = tuple(
        OrderLineRow(line.line_no, line.sku, line.product_id, name_en or line.name, name_zh or "", line.quantity,
                     unit or "piece", line.base_quantity, line.reserved_quantity, line.unit_price_cents,
                     line.catalog_price_cents, line.state)
        for line, name_en, name_zh, unit in session.execute(
            select(OrderLine, Product.name_en, Product.name_zh, Product.unit)
            .outerjoin(Product, Product.id == OrderLine.product_id)
            .where(OrderLine.order_id == order.id).order_by(OrderLine.line_no)))
    reservations = tuple(
        ReservationRow(reference, int(reference.rsplit("/", 1)[1]), code, bin_code, lot, expiry, quantity, status)
        for reference, code, bin_code, lot, expiry, quantity, status in session.execute(
            select(StockReservation.reference, Warehouse.code, Bin.code, Lot.lot_number, Lot.expiry_date,
                   StockReservation.quantity, StockReservation.status)
            .join(Warehouse, Warehouse.id == StockReservation.warehouse_id)
            .join(Bin, Bin.id == StockReservation.bin_id).join(Lot, Lot.id == StockReservation.lot_id)
            .where(*prefix_range(StockReservation.reference, f"{order.number}/"))
            .order_by(StockReservation.reference, StockReservation.id)))
    timeline: tuple[TimelineRow, ...] = ()
    if with_timeline:
        timeline = tuple(TimelineRow(*row) for row in session.execute(
            select(AuditEntry.at, AuditEntry.app_username, AuditEntry.station, AuditEntry.action,
                   AuditEntry.from_state, AuditEntry.to_state, AuditEntry.reason, AuditEntry.details)
            .where(AuditEntry.entity_type == "order", AuditEntry.entity_id == cast(order.number, String))
            .order_by(AuditEntry.at, AuditEntry.id)))
    warehouse_code = session.execute(select(Warehouse.code).where(Warehouse.id == order.warehouse_id)) \
        .scalar_one_or_none() if order.warehouse_id else None
    reasons = tuple(Finding(r.get("rule", ""), r.get("field", ""), r.get("message", ""))
                    for r in (order.review_reasons or []))
    return OrderDetail(
        order.id, order.number, order.channel, order.external_id, order.state, order.state_reason, reasons,
        order.customer_name, order.phone, order.email, order.language, order.has_address, order.address_line1,
        order.address_line2, order.city, order.province, order.postal_code, order.country, order.delivery_date,
        order.delivery_slot, order.slot_assigned, warehouse_code or "", order.payment_status, order.currency,
        order.total_cents, order.note, order.partial_allowed, order.placed_at, order.received_at,
        _live_claim(order.claimed_by, order.claimed_until, utcnow()), order.claimed_until, order.version,
        lines, reservations, timeline)


def find_order(session: Session, order_id: int | None = None, number: str | None = None) -> Order:
    query = select(Order).where(Order.id == order_id) if order_id is not None else \
        select(Order).where(Order.number == (number or "").strip())
    order = session.execute(query).scalar_one_or_none()
    if order is None:
        raise NotFound(_("Order {ref} does not exist.").format(ref=number if order_id is None else order_id))
    return order


def get_order(db: Database, actor: Actor, order_id: int | None = None, *, number: str | None = None) -> OrderDetail:
    require(actor, Action.ORDER_VIEW)
    return db.read(lambda session: order_detail_in(session, find_order(session, order_id, number)))
