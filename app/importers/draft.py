"""The one shape every importer produces: a validated order draft.

Importers only translate a channel's payload into ``OrderDraft``; they know
nothing of the catalogue or the database. Whether the order can be served
(SKU known, postal code served, phone valid, ...) is the review's job
(``app.services.orders.review``); an importer rejects only what it cannot
read at all (no external id, no lines, a quantity that is not a whole
number), as a ``DraftError`` carrying the order's position in the file so the
rest of the file goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class DraftAddress:
    """Ship-to address as the channel gave it (empty strings where absent)."""

    name: str = ""
    phone: str = ""
    line1: str = ""
    line2: str = ""
    city: str = ""
    province: str = ""
    postal_code: str = ""
    country: str = ""  # ISO 3166 alpha-2 when known, e.g. "CN"


@dataclass(frozen=True)
class DraftLine:
    """One ordered line. ``quantity`` is in units of sale as ordered (pieces; for a weighed
    product, pieces of its nominal weight); the intake converts it to base units."""

    sku: str                          # "" when the channel gave none
    quantity: int
    unit_price_cents: int | None      # the channel's price per unit of sale, None when absent
    name: str = ""                    # the channel's title, shown to the reviewer
    external_line_id: str = ""


@dataclass(frozen=True)
class OrderDraft:
    channel: str                      # idempotency key part: "shopify", "woocommerce", or the native/CSV channel
    external_id: str                  # always a string (ids above 2**53 stay exact)
    customer_name: str
    email: str
    phone: str
    address: DraftAddress | None      # None when the channel sent no shipping address
    lines: tuple[DraftLine, ...]
    placed_at: datetime | None = None  # timezone-aware; a naive channel time is read in the configured zone
    language: str = ""                # "zh_CN", "en" or "" when unknown
    delivery_date: date | None = None
    delivery_slot: str = ""           # e.g. "08:00-12:00"; "" when the channel gave none
    payment_status: str = ""          # "paid", "pending", "refunded", "" when the channel does not say
    currency: str = ""
    total_cents: int | None = None
    note: str = ""
    substitutions_allowed: bool = False  # the customer accepts a substitute for a product picked short
    position: int = 0                 # 1-based position of the order in its source (order index or line number)
    raw_fields: dict[str, str] = field(default_factory=dict, compare=False)  # unmapped extras, for the reviewer


@dataclass(frozen=True)
class DraftError:
    """An order in a file that could not be read; the rest of the file goes on."""

    position: int                     # same meaning as OrderDraft.position
    external_id: str                  # "" when not even the id could be read
    message: str                      # translated, says what is wrong and where


class ImportFileError(ValueError):
    """The file as a whole cannot be read (truncated JSON, undecodable bytes, missing CSV columns).

    Raised before any order is handed out, so nothing from the file is imported.
    """

    def __init__(self, message: str, *, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position
