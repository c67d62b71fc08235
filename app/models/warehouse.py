"""Warehouses, the delivery regions they serve, and their bins."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Warehouse(Base):
    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(200), default="")
    #: position in the fallback order when the serving warehouse cannot ship
    fallback_rank: Mapped[int] = mapped_column(Integer, default=100)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    regions: Mapped[list["DeliveryRegion"]] = relationship(
        back_populates="warehouse", cascade="all, delete-orphan", order_by="DeliveryRegion.postal_prefix"
    )

    __mapper_args__ = {"version_id_col": version}


class DeliveryRegion(Base):
    """A postal-code prefix served by one warehouse; the longest matching prefix wins."""

    __tablename__ = "delivery_regions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id", ondelete="CASCADE"), index=True)
    postal_prefix: Mapped[str] = mapped_column(String(10), unique=True)

    warehouse: Mapped[Warehouse] = relationship(back_populates="regions")


class Bin(Base):
    __tablename__ = "bins"
    __table_args__ = (Index("ix_bins_path", "warehouse_id", "pick_sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    code: Mapped[str] = mapped_column(String(30), unique=True)
    zone: Mapped[str] = mapped_column(String(20))
    pick_sequence: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: "storage" (stock is reserved and picked from it) or "packing" (the packing area picked goods go to;
    #: never a reservation candidate). One packing bin per warehouse, created when picking is first planned.
    kind: Mapped[str] = mapped_column(String(10), default="storage", server_default="storage")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
