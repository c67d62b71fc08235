"""An order as the review and the allocation see it, built from an imported draft or a stored order.

Both paths (intake and the review desk's approve) go through ``PreparedOrder``
and ``review_subject``, so an order is judged the same way wherever it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from app.importers.draft import OrderDraft
from app.services.orders.allocation import LineToAllocate, OrderToAllocate, WarehouseMap
from app.services.orders.review import fingerprint, normalise_phone
from app.services.orders.review_settings import ReviewSettings, canonical_slot
from app.services.orders.review_types import ProductFacts, ReviewLine, ReviewSubject
from app.services.orders.slots import next_feasible_slot

#: column widths of ``orders`` / ``order_lines``: longer text is cut, never refused by the database
_WIDTHS = {"customer_name": 120, "phone": 40, "email": 200, "address_line1": 200, "address_line2": 200,
           "city": 80, "province": 80, "postal_code": 16, "country": 2, "delivery_slot": 20, "payment_status": 20,
           "currency": 3, "sku": 40, "name": 200, "external_line_id": 64, "channel": 30, "language": 10}
INT_MAX = 2**31 - 1


def clip(name: str, text: str | None) -> str:
    return (text or "").strip()[:_WIDTHS[name]]


@dataclass
class PreparedLine:
    line_no: int
    sku: str
    name: str
    quantity: int
    unit_price_cents: int | None
    external_line_id: str = ""
    product: ProductFacts | None = None
    cancelled: bool = False

    @property
    def base_quantity(self) -> int:
        product = self.product
        if product is None:
            return 0
        if product.unit == "weighed":
            return self.quantity * (product.nominal_weight_g or 0)
        return self.quantity


@dataclass
class PreparedOrder:
    channel: str
    external_id: str
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
    payment_status: str
    currency: str
    total_cents: int | None
    note: str
    placed_at: datetime | None
    received_at: datetime
    lines: list[PreparedLine]
    substitutions_allowed: bool = False
    warehouse_id: int | None = None
    warehouse_code: str = ""
    number: str = ""
    duplicate_of: str = ""
    fingerprint: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def open_lines(self) -> list[PreparedLine]:
        return [line for line in self.lines if not line.cancelled]


def guess_language(language: str, country: str, phone: str) -> str:
    """The customer's language: the channel's, else Chinese for a Chinese address or mobile, else English."""
    if language in ("zh_CN", "en"):
        return language
    if language.lower().startswith("zh"):
        return "zh_CN"
    if language:
        return "en"
    return "zh_CN" if country.upper() in ("CN", "") or phone.startswith("+86") else "en"


def merge_lines(lines) -> list[PreparedLine]:
    """Lines of the same SKU at the same price become one line (quantities added); others stay apart."""
    merged: list[PreparedLine] = []
    by_key: dict[tuple[str, int | None], PreparedLine] = {}
    for line in lines:
        sku = clip("sku", line.sku)
        key = (sku, line.unit_price_cents)
        if sku and key in by_key:
            by_key[key].quantity += line.quantity
            continue
        prepared = PreparedLine(len(merged) + 1, sku, clip("name", line.name), line.quantity,
                                line.unit_price_cents, clip("external_line_id", line.external_line_id))
        merged.append(prepared)
        if sku:
            by_key[key] = prepared
    return merged


def plausibility_error(draft: OrderDraft) -> str:
    """What makes a draft impossible to store (the review judges the rest); "" when it can be stored."""
    from app.i18n import _

    if len(draft.external_id) > 64:
        return _("The order id is longer than 64 characters.")
    for number, line in enumerate(draft.lines, 1):
        if not 0 < line.quantity <= 1_000_000:
            return _("Line {no} ({sku}): quantity {quantity} is not a plausible amount.").format(
                no=number, sku=line.sku or "?", quantity=line.quantity)
        if line.unit_price_cents is not None and not 0 <= line.unit_price_cents <= INT_MAX:
            return _("Line {no} ({sku}): the price is out of range.").format(no=number, sku=line.sku or "?")
    if draft.total_cents is not None and not -INT_MAX <= draft.total_cents <= INT_MAX:
        return _("The order total is out of range.")
    return ""


def prepare_draft(draft: OrderDraft, received_at: datetime, products: dict[str, ProductFacts]) -> PreparedOrder:
    address = draft.address
    phone_raw = clip("phone", draft.phone or (address.phone if address else ""))
    phone = normalise_phone(phone_raw) or phone_raw
    country = clip("country", address.country.upper() if address else "")
    order = PreparedOrder(
        channel=clip("channel", draft.channel), external_id=draft.external_id,
        customer_name=clip("customer_name", draft.customer_name or (address.name if address else "")),
        phone=clip("phone", phone), email=clip("email", draft.email),
        language=guess_language(draft.language, country, phone),
        has_address=address is not None,
        address_line1=clip("address_line1", address.line1 if address else ""),
        address_line2=clip("address_line2", address.line2 if address else ""),
        city=clip("city", address.city if address else ""), province=clip("province", address.province if address else ""),
        postal_code=clip("postal_code", address.postal_code if address else ""), country=country,
        delivery_date=draft.delivery_date, delivery_slot=clip("delivery_slot", canonical_slot(draft.delivery_slot)
                                                              or draft.delivery_slot),
        slot_assigned=False, payment_status=clip("payment_status", draft.payment_status),
        currency=clip("currency", draft.currency.upper()), total_cents=draft.total_cents, note=draft.note,
        placed_at=draft.placed_at, received_at=received_at, lines=merge_lines(draft.lines),
        substitutions_allowed=draft.substitutions_allowed, extra=dict(draft.raw_fields))
    for line in order.lines:
        line.product = products.get(line.sku)
    return order


def place(order: PreparedOrder, warehouses: WarehouseMap, settings: ReviewSettings) -> None:
    """Find the serving warehouse, and give an order without a delivery date/slot the next feasible one."""
    region = warehouses.serving(order.postal_code) if order.has_address else None
    order.warehouse_id = region.warehouse_id if region else None
    order.warehouse_code = region.warehouse_code if region else ""
    if order.delivery_date is None:
        order.delivery_date, order.delivery_slot = next_feasible_slot(order.received_at, settings,
                                                                      order.warehouse_code)
        order.slot_assigned = True
    elif not order.delivery_slot and settings.compiled.slots_by_start:
        order.delivery_slot, order.slot_assigned = settings.compiled.slots_by_start[0], True
    order.fingerprint = fingerprint(order.phone, order.postal_code, order.address_line1,
                                    ((line.sku, line.quantity) for line in order.open_lines))


def with_latest_expiry(order: PreparedOrder, latest: dict[tuple[int, int], date],
                       cache: dict[tuple[int, int], ProductFacts] | None = None) -> None:
    """Give each line's product the latest reservable expiry in the order's warehouse (shared per batch)."""
    cache = {} if cache is None else cache
    for line in order.lines:
        if line.product is not None and order.warehouse_id is not None:
            key = (order.warehouse_id, line.product.id)
            facts = cache.get(key)
            if facts is None:
                facts = cache[key] = replace(line.product, latest_expiry=latest.get(key))
            line.product = facts


def review_subject(order: PreparedOrder) -> ReviewSubject:
    return ReviewSubject(
        channel=order.channel, customer_name=order.customer_name, phone=order.phone, email=order.email,
        has_address=order.has_address, address_line1=order.address_line1, city=order.city,
        province=order.province, postal_code=order.postal_code, country=order.country,
        delivery_date=order.delivery_date, delivery_slot=order.delivery_slot, payment_status=order.payment_status,
        received_at=order.received_at,
        lines=tuple(ReviewLine(line.line_no, line.sku, line.quantity, line.unit_price_cents, line.product,
                               line.cancelled) for line in order.lines),
        warehouse_id=order.warehouse_id, warehouse_code=order.warehouse_code, duplicate_of=order.duplicate_of)


def to_allocate(order: PreparedOrder) -> OrderToAllocate:
    assert order.warehouse_id is not None and order.delivery_date is not None
    return OrderToAllocate(order.number, order.warehouse_id, order.delivery_date, [
        LineToAllocate(line.line_no, line.product.id, line.sku, line.product.unit, line.base_quantity)
        for line in order.open_lines if line.product is not None])
