"""Stock: lots, quantities per (warehouse, bin, product, lot), the append-only ledger, reservations.

``StockQuant`` holds the current quantities; every change to them is a
``StockMove`` row written in the same transaction with the same deltas, so
``freshflow stock verify`` can prove that the sums of the ledger equal the
quantities. CHECK constraints keep on hand ≥ 0 and 0 ≤ reserved ≤ on hand
whatever a caller does.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String,
                        UniqueConstraint, func, text)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow

#: Auto-incrementing 64-bit keys (SQLite only auto-increments INTEGER PRIMARY KEY).
BigId = BigInteger().with_variant(Integer(), "sqlite")

MOVE_KINDS = ("receipt", "transfer", "reserve", "release", "pick", "write_off", "adjustment", "count")
WRITE_OFF_REASONS = ("spoiled", "damaged", "expired", "qc_reject", "other")


class Lot(Base):
    __tablename__ = "lots"
    __table_args__ = (
        UniqueConstraint("product_id", "lot_number", name="uq_lots_product_lot"),
        Index("ix_lots_expiry", "product_id", "expiry_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    lot_number: Mapped[str] = mapped_column(String(40))
    #: last day the goods may be sold and eaten; expired from the next day on
    expiry_date: Mapped[date] = mapped_column(Date)
    best_before: Mapped[date | None] = mapped_column(Date)
    pack_date: Mapped[date | None] = mapped_column(Date)
    supplier: Mapped[str] = mapped_column(String(120), default="")
    received_date: Mapped[date] = mapped_column(Date)
    quarantined: Mapped[bool] = mapped_column(Boolean, default=False)
    quarantine_reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now(), default=utcnow)


class StockQuant(Base):
    __tablename__ = "stock_quants"
    __table_args__ = (
        UniqueConstraint("bin_id", "lot_id", name="uq_stock_quants_bin_lot"),
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0 AND reserved <= on_hand", name="reserved_within_on_hand"),
        Index("ix_stock_quants_product", "product_id", "warehouse_id"),
        Index("ix_stock_quants_lot", "lot_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    #: base units: pieces, or grams for weighed goods
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)


class StockMove(Base):
    """One change of one quant. A transfer is two rows sharing a ``batch``."""

    __tablename__ = "stock_moves"
    __table_args__ = (
        CheckConstraint("on_hand_delta <> 0 OR reserved_delta <> 0", name="changes_something"),
        CheckConstraint("kind IN (" + ",".join(f"'{k}'" for k in MOVE_KINDS) + ")", name="kind_known"),
        Index("ix_stock_moves_quant", "quant_id"),
        Index("ix_stock_moves_reference", "reference"),
        Index("ix_stock_moves_product_at", "product_id", "at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now(), default=utcnow)
    kind: Mapped[str] = mapped_column(String(12))
    quant_id: Mapped[int] = mapped_column(ForeignKey("stock_quants.id"))
    warehouse_id: Mapped[int] = mapped_column(Integer)
    bin_id: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[int] = mapped_column(Integer)
    on_hand_delta: Mapped[int] = mapped_column(Integer, default=0)
    reserved_delta: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(String(200), default="")
    #: what caused it: "OL:<order line>", "GR:<delivery>", "CS:<count sheet>", ...
    reference: Mapped[str] = mapped_column(String(60), default="")
    batch: Mapped[str] = mapped_column(String(32), default="")
    #: cents, for write-offs (value of the goods written off)
    value_cents: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(32))
    station: Mapped[str] = mapped_column(String(40), default="")


class StockReservation(Base):
    """Stock set aside for a demand (an order line) on one quant, until picked or released."""

    __tablename__ = "stock_reservations"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("status IN ('active','released','picked')", name="status_known"),
        Index("ix_stock_reservations_reference", "reference", "status"),
        Index("ix_stock_reservations_quant", "quant_id", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    reference: Mapped[str] = mapped_column(String(60))
    quant_id: Mapped[int] = mapped_column(ForeignKey("stock_quants.id"))
    product_id: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[int] = mapped_column(Integer)
    bin_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now(), default=utcnow)


class CountSheet(Base):
    """A cycle count of one zone of one warehouse: open → submitted → approved (or cancelled)."""

    __tablename__ = "count_sheets"
    __table_args__ = (
        CheckConstraint("status IN ('open','submitted','approved','cancelled')", name="status_known"),
        # one sheet in progress per zone (migration 0003)
        Index("uq_count_sheets_zone_in_progress", "warehouse_id", "zone", unique=True,
              sqlite_where=text("status IN ('open','submitted')"),
              postgresql_where=text("status IN ('open','submitted')")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    zone: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="open")
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now(), default=utcnow)
    submitted_by: Mapped[str | None] = mapped_column(String(32))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class CountLine(Base):
    """One (bin, lot) on a count sheet. ``system_qty`` is on hand when the count was entered,
    so the variance is measured against the same moment even while picking goes on."""

    __tablename__ = "count_lines"
    __table_args__ = (
        UniqueConstraint("sheet_id", "bin_id", "lot_id", name="uq_count_lines_sheet_bin_lot"),
        CheckConstraint("counted IS NULL OR counted >= 0", name="counted_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("count_sheets.id", ondelete="CASCADE"), index=True)
    bin_id: Mapped[int] = mapped_column(ForeignKey("bins.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    counted: Mapped[int | None] = mapped_column(Integer)
    system_qty: Mapped[int | None] = mapped_column(Integer)
    counted_by: Mapped[str | None] = mapped_column(String(32))
    counted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
