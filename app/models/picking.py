"""Picking: pick lists (one order, or a wave of orders), their tasks, totes and the scan log.

A pick task is one reservation to pick: a (bin, lot) and a quantity of one
order line, in the bin's pick-path order. A pick list is claimed by one
picker at a time (``claimed_by`` until ``claimed_until``); every scan at a
station is one row of ``pick_scans``, unique on (station, seq), so a retried
scan is recognised and never counted twice.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow
from app.models.stock import BigId

PICK_LIST_KINDS = ("order", "wave")
PICK_LIST_STATES = ("open", "claimed", "done", "cancelled")
#: cancelled: its order was cancelled while on the list
PICK_TASK_STATES = ("open", "done", "short", "cancelled")
SCAN_ACTIONS = ("bin", "tote", "item", "count", "undo", "short", "lot_missing", "substitute", "skip")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ",".join(f"'{value}'" for value in values) + ")"


class PickList(Base):
    __tablename__ = "pick_lists"
    __table_args__ = (
        CheckConstraint(_in("kind", PICK_LIST_KINDS), name="kind_known"),
        CheckConstraint(_in("state", PICK_LIST_STATES), name="state_known"),
        Index("ix_pick_lists_queue", "warehouse_id", "state", "delivery_date", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    kind: Mapped[str] = mapped_column(String(8))
    delivery_date: Mapped[date | None] = mapped_column(Date)
    delivery_slot: Mapped[str] = mapped_column(String(20), default="")
    #: ambient / chilled / frozen for a wave; "" when the list holds every class (one order)
    temperature_class: Mapped[str] = mapped_column(String(10), default="")
    state: Mapped[str] = mapped_column(String(10), default="open")
    claimed_by: Mapped[str] = mapped_column(String(32), default="")
    claimed_station: Mapped[str] = mapped_column(String(40), default="")
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: the task the picker is on, and the bin they confirmed for it (None until scanned)
    current_task_id: Mapped[int | None] = mapped_column(Integer)
    at_bin_id: Mapped[int | None] = mapped_column(Integer)
    #: the picker reported the reserved lot of the current task missing: another valid lot is accepted
    reserved_lot_missing: Mapped[bool] = mapped_column(Boolean, default=False)
    #: a substitute offered to the picker for a short task, waiting for yes or no (the list and its orders
    #: cannot finish meanwhile; it survives a station restart)
    offer_task_id: Mapped[int | None] = mapped_column(Integer)
    offer_product_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PickListOrder(Base):
    """An order on a pick list, and the tote it is picked into (cluster picking)."""

    __tablename__ = "pick_list_orders"
    __table_args__ = (UniqueConstraint("pick_list_id", "order_id", name="uq_pick_list_orders_list_order"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pick_list_id: Mapped[int] = mapped_column(ForeignKey("pick_lists.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    tote_code: Mapped[str] = mapped_column(String(30), default="")


class PickTask(Base):
    __tablename__ = "pick_tasks"
    __table_args__ = (
        CheckConstraint(_in("state", PICK_TASK_STATES), name="state_known"),
        CheckConstraint("quantity >= 0 AND picked_quantity >= 0 AND pieces >= 0 AND picked_pieces >= 0",
                        name="quantities_not_negative"),
        Index("ix_pick_tasks_list", "pick_list_id", "state", "position"),
        Index("ix_pick_tasks_line", "order_line_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pick_list_id: Mapped[int] = mapped_column(ForeignKey("pick_lists.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    #: the reservation picked from (it moves with the task when another lot or bin is taken)
    reservation_id: Mapped[int | None] = mapped_column(BigId)
    reference: Mapped[str] = mapped_column(String(60))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quant_id: Mapped[int] = mapped_column(Integer)
    bin_id: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[int] = mapped_column(Integer)
    #: the bin's pick-path sequence, then a position that "skip" moves to the end
    sequence: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    #: base units to pick (grams for weighed goods) and units of sale (pieces) to pick
    quantity: Mapped[int] = mapped_column(Integer)
    pieces: Mapped[int] = mapped_column(Integer)
    picked_quantity: Mapped[int] = mapped_column(Integer, default=0)
    picked_pieces: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(10), default="open")
    #: set on a task re-reserved after a short pick: the task whose shortfall it picks
    replaces_task_id: Mapped[int | None] = mapped_column(Integer)


class PickScan(Base):
    """One scan or key action at a picking station, accepted or rejected, with what it changed."""

    __tablename__ = "pick_scans"
    __table_args__ = (
        UniqueConstraint("station", "seq", name="uq_pick_scans_station_seq"),
        CheckConstraint(_in("action", SCAN_ACTIONS), name="action_known"),
        CheckConstraint("outcome IN ('accepted','rejected')", name="outcome_known"),
        Index("ix_pick_scans_list", "pick_list_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    station: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(Integer)
    pick_list_id: Mapped[int] = mapped_column(ForeignKey("pick_lists.id", ondelete="CASCADE"))
    task_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    username: Mapped[str] = mapped_column(String(32))
    raw: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(12))
    outcome: Mapped[str] = mapped_column(String(8))
    #: why a scan was rejected (wrong_bin, wrong_item, expired, reserved_lot_available, weight, too_many, ...)
    code: Mapped[str] = mapped_column(String(30), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    #: what an accepted item scan took: base units (in total, and the part that was reserved), pieces, weight
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    reserved_part: Mapped[int] = mapped_column(Integer, default=0)
    pieces: Mapped[int] = mapped_column(Integer, default=0)
    weight_g: Mapped[int | None] = mapped_column(Integer)
    quant_id: Mapped[int | None] = mapped_column(Integer)
    reservation_id: Mapped[int | None] = mapped_column(BigId)
    #: the packing-area quant the goods went to
    to_quant_id: Mapped[int | None] = mapped_column(Integer)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
