"""What the automatic review looks at and what it says: plain data, no database.

The intake builds a ``ReviewSubject`` from an imported draft, and the review
desk builds one from the stored order when a reviewer approves it, so both
run exactly the same rules (``app.services.orders.review.review``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ProductFacts:
    """The catalogue's view of a product the order names."""

    id: int
    sku: str
    name_en: str
    name_zh: str
    active: bool
    unit: str                         # "piece" or "weighed"
    nominal_weight_g: int | None
    price_cents: int                  # per piece, or per kilogram for weighed goods
    shelf_life_days: int
    min_remaining_shelf_life_days: int
    #: latest expiry among the serving warehouse's reservable lots with free stock; None when it has none
    latest_expiry: date | None = None


@dataclass(frozen=True)
class ReviewLine:
    line_no: int
    sku: str
    quantity: int                     # units of sale as ordered
    unit_price_cents: int | None      # the channel's price per unit of sale
    product: ProductFacts | None      # None when the SKU is empty or unknown
    cancelled: bool = False           # cancelled lines are not reviewed


@dataclass(frozen=True)
class ReviewSubject:
    channel: str
    customer_name: str
    phone: str
    email: str
    has_address: bool
    address_line1: str
    city: str
    province: str
    postal_code: str
    country: str
    delivery_date: date | None
    delivery_slot: str
    payment_status: str
    received_at: datetime             # timezone-aware; the cut-off is judged at this moment
    lines: tuple[ReviewLine, ...]
    #: the warehouse serving the postal code (longest prefix), None when no warehouse serves it
    warehouse_id: int | None
    warehouse_code: str = ""
    #: number of an earlier order with the same customer, address and items inside the window
    duplicate_of: str = ""


@dataclass(frozen=True)
class Finding:
    """One failed rule: stable ``rule`` code, the ``field`` it concerns, a message for the reviewer."""

    rule: str
    field: str                        # "customer_name", "phone", "email", "address", "postal_code",
    #                                   "delivery_date", "delivery_slot", "payment_status", "lines", "line:<no>",
    #                                   "order" (the order as a whole: a duplicate suspect)
    message: str

    def to_json(self) -> dict:
        return {"rule": self.rule, "field": self.field, "message": self.message}
