"""Catalogue: categories, products, their GTINs and substitutes."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin

TEMPERATURE_CLASSES = ("ambient", "chilled", "frozen")
UNITS = ("piece", "weighed")


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = (
        CheckConstraint("temperature_class IN ('ambient','chilled','frozen')", name="temperature_class_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name_en: Mapped[str] = mapped_column(String(80))
    name_zh: Mapped[str] = mapped_column(String(80), default="")
    temperature_class: Mapped[str] = mapped_column(String(10), default="ambient")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Product(TimestampMixin, Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("temperature_class IN ('ambient','chilled','frozen')", name="temperature_class_known"),
        CheckConstraint("unit IN ('piece','weighed')", name="unit_known"),
        CheckConstraint("shelf_life_days > 0", name="shelf_life_positive"),
        CheckConstraint(
            "min_remaining_shelf_life_days >= 0 AND min_remaining_shelf_life_days <= shelf_life_days",
            name="min_remaining_within_shelf_life",
        ),
        CheckConstraint("price_cents >= 0", name="price_not_negative"),
        CheckConstraint("reorder_point >= 0", name="reorder_point_not_negative"),
        CheckConstraint(
            "unit = 'piece' OR (nominal_weight_g > 0 AND weight_tolerance_g >= 0)",
            name="weighed_has_nominal_weight",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_zh: Mapped[str] = mapped_column(String(120), default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    temperature_class: Mapped[str] = mapped_column(String(10))
    shelf_life_days: Mapped[int] = mapped_column(Integer)
    min_remaining_shelf_life_days: Mapped[int] = mapped_column(Integer, default=0)
    unit: Mapped[str] = mapped_column(String(10), default="piece")
    nominal_weight_g: Mapped[int | None] = mapped_column(Integer)
    weight_tolerance_g: Mapped[int | None] = mapped_column(Integer)
    #: per piece, or per kilogram for weighed goods; integer cents
    price_cents: Mapped[int] = mapped_column(Integer)
    reorder_point: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    category: Mapped[Category] = relationship(lazy="joined")
    gtins: Mapped[list["ProductGtin"]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductGtin.id"
    )

    __mapper_args__ = {"version_id_col": version}


class ProductGtin(Base):
    """A GTIN of a product, stored as the 14-digit form so 13- and 14-digit scans meet."""

    __tablename__ = "product_gtins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    gtin: Mapped[str] = mapped_column(String(14), unique=True)

    product: Mapped[Product] = relationship(back_populates="gtins")


class ProductSubstitute(Base):
    """An allowed substitute for a product, in order of preference."""

    __tablename__ = "product_substitutes"
    __table_args__ = (
        UniqueConstraint("product_id", "substitute_id", name="uq_product_substitutes_pair"),
        CheckConstraint("product_id <> substitute_id", name="not_itself"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    substitute_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer, default=1)
