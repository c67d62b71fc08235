"""Orders from the web shop, their lines, the daily order-number counters and the review claim.

One ``state`` column carries the whole life of an order (DESIGN §2); the
review findings that sent it to the exception queue are kept with it
(``review_reasons``, a JSON list of {rule, field, message}) so the queue can
show them next to the fields they concern. ``(channel, external_id)`` is
unique: an order imported twice, or from two processes at once, exists once.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow

ORDER_STATES = ("received", "in_review", "exception", "on_hold", "allocated", "picking", "picked", "qc_passed",
                "qc_failed", "packed", "shipped", "delivered", "cancelled")
#: open: to be picked; picked: all of it picked; short: picking ended with less (the rest could not be
#: found or substituted); cancelled: not to be delivered
LINE_STATES = ("open", "cancelled", "picked", "short")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_orders_channel_external_id"),
        CheckConstraint("state IN (" + ",".join(f"'{s}'" for s in ORDER_STATES) + ")", name="state_known"),
        Index("ix_orders_state_delivery", "state", "delivery_date", "received_at"),
        Index("ix_orders_fingerprint", "fingerprint", "placed_at"),
        Index("ix_orders_received", "received_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[str] = mapped_column(String(30))
    external_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    #: why the order is where it is: hold/cancel reason from a person
    state_reason: Mapped[str] = mapped_column(Text, default="")
    #: the failing review rules, [{"rule", "field", "message"}]; empty when the order passed
    review_reasons: Mapped[list] = mapped_column(JSON, default=list)
    # no indexes on the contact columns: the orders browser searches them by substring, which no index serves,
    # and each index costs every imported order
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    customer_name: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(10), default="")
    has_address: Mapped[bool] = mapped_column(Boolean, default=True)
    address_line1: Mapped[str] = mapped_column(String(200), default="")
    address_line2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    province: Mapped[str] = mapped_column(String(80), default="")
    postal_code: Mapped[str] = mapped_column(String(16), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    delivery_date: Mapped[date | None] = mapped_column(Date)
    delivery_slot: Mapped[str] = mapped_column(String(20), default="")
    #: the slot was chosen by FreshFlow (the channel sent none)
    slot_assigned: Mapped[bool] = mapped_column(Boolean, default=False)
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"), index=True)
    payment_status: Mapped[str] = mapped_column(String(20), default="")
    currency: Mapped[str] = mapped_column(String(3), default="")
    total_cents: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    #: a supervisor allowed shipping what is in stock (the rest of the lines stay short)
    partial_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the customer accepts a configured substitute when a product is short at picking
    substitutions_allowed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: normalised phone + address + items: the same order placed twice shares it
    fingerprint: Mapped[str] = mapped_column(String(40), default="")
    placed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    state_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: review claim: who is editing this exception now, until when
    claimed_by: Mapped[str] = mapped_column(String(120), default="")
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no", name="uq_order_lines_order_line_no"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("base_quantity >= 0 AND reserved_quantity >= 0", name="base_quantities_not_negative"),
        CheckConstraint("state IN (" + ",".join(f"'{s}'" for s in LINE_STATES) + ")", name="state_known"),
        CheckConstraint("picked_quantity >= 0 AND picked_pieces >= 0", name="picked_not_negative"),
        Index("ix_order_lines_product", "product_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(40), default="")
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    name: Mapped[str] = mapped_column(String(200), default="")
    #: units of sale as ordered (pieces; pieces of nominal weight for weighed goods)
    quantity: Mapped[int] = mapped_column(Integer)
    #: the same in stock base units (pieces or grams); 0 while the product is unknown
    base_quantity: Mapped[int] = mapped_column(Integer, default=0)
    reserved_quantity: Mapped[int] = mapped_column(Integer, default=0)
    unit_price_cents: Mapped[int | None] = mapped_column(Integer)
    catalog_price_cents: Mapped[int | None] = mapped_column(Integer)
    external_line_id: Mapped[str] = mapped_column(String(64), default="")
    state: Mapped[str] = mapped_column(String(10), default="open")
    #: base units picked so far (grams for weighed goods: the actual weight) and units of sale picked
    picked_quantity: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    picked_pieces: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: the line's price after picking: weighed goods follow the actual weight; None until something is picked
    picked_price_cents: Mapped[int | None] = mapped_column(Integer)
    #: this line substitutes line ``substitute_for_line_no`` of the same order (proposed to and taken by a picker)
    substitute_for_line_no: Mapped[int | None] = mapped_column(Integer)


class OrderNumberCounter(Base):
    """Last order number handed out per day; incremented with one UPDATE so stations never collide."""

    __tablename__ = "order_number_counters"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class OutboxMessage(Base):
    """A customer notification written in the same transaction as its cause; a sender delivers it.

    ``dedupe_key`` keeps one message per cause (``confirm:<order id>``). The sender leases a
    message (``leased_until``) so two senders never send the same one.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("status IN ('pending','sent','failed')", name="status_known"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    leased_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SharedSetting(Base):
    """Business settings every station must agree on (review rules, intake), as JSON per key."""

    __tablename__ = "shared_settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_by: Mapped[str] = mapped_column(String(32), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
