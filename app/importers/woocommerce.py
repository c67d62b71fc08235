"""WooCommerce orders: the REST API v3 order resource, one object or a list.

``date_created_gmt`` is preferred for the order time: it carries no zone but is UTC, whereas
``date_created`` is the shop's local time (read in the configured zone). An empty shipping
address falls back to the billing address (shops that do not ask for a separate one), marked in
raw_fields["address_source"] so the reviewer knows.
"""

from __future__ import annotations

from datetime import timezone
from decimal import Decimal

from app.i18n import _
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.importers.drafting import (
    MapContext,
    finished_address,
    from_custom_fields,
    joined_name,
    read_placed_at,
    require_object,
)
from app.importers.values import (
    OrderProblem,
    identifier,
    mapping,
    money_cents,
    quantity,
    sequence,
    text,
)

ID_FIELD = "id"
CHANNEL = "woocommerce"


def map_order(order: object, context: MapContext) -> OrderDraft:
    order = require_object(order)
    external_id = identifier(order.get("id"), "id")
    if not external_id:
        raise OrderProblem(_("the order id is missing; a WooCommerce order needs its numeric id"))
    raw_fields: dict[str, str] = {}
    shipping = mapping(order.get("shipping"), "shipping")
    billing = mapping(order.get("billing"), "billing")
    customer_name = (joined_name(shipping.get("first_name"), shipping.get("last_name"))
                     or joined_name(billing.get("first_name"), billing.get("last_name")))
    phone = text(shipping.get("phone"), "shipping.phone") or text(billing.get("phone"), "billing.phone")
    address = _address(shipping, "shipping", customer_name, phone)
    if address is None:
        address = _address(billing, "billing", customer_name, phone)
        if address is not None:
            raw_fields["address_source"] = "billing"
    items = sequence(order.get("line_items"), "line_items")
    lines = tuple(_line(item, index) for index, item in enumerate(items, 1))
    if not lines:
        raise OrderProblem(_("the order has no line_items; there is nothing to deliver"))
    delivery_date, delivery_slot, substitutions_allowed = _custom_fields(order, items, context, raw_fields)
    status = text(order.get("status"), "status").lower()
    if status:
        raw_fields["status"] = status
    number = text(order.get("number"), "number")
    if number and number != external_id:
        raw_fields["order_number"] = number
    return OrderDraft(
        channel=CHANNEL,
        external_id=external_id,
        customer_name=customer_name,
        email=text(billing.get("email"), "billing.email"),
        phone=phone,
        address=address,
        lines=lines,
        placed_at=read_placed_at([("date_created_gmt", order.get("date_created_gmt")),
                                  ("date_created", order.get("date_created"))],
                                 context.naive_zone, raw_fields, zones={"date_created_gmt": timezone.utc}),
        language="",
        delivery_date=delivery_date,
        delivery_slot=delivery_slot,
        payment_status=_payment_status(status, order),
        currency=text(order.get("currency"), "currency").upper(),
        total_cents=money_cents(order.get("total"), "total"),
        note=text(order.get("customer_note"), "customer_note"),
        substitutions_allowed=substitutions_allowed,
        position=context.position,
        raw_fields=raw_fields,
    )


def _address(fields: dict, field: str, customer_name: str, phone: str) -> DraftAddress | None:
    return finished_address(
        name=joined_name(fields.get("first_name"), fields.get("last_name")),
        phone=text(fields.get("phone"), f"{field}.phone"),
        line1=text(fields.get("address_1"), f"{field}.address_1"),
        line2=text(fields.get("address_2"), f"{field}.address_2"),
        city=text(fields.get("city"), f"{field}.city"),
        province=text(fields.get("state"), f"{field}.state"),
        postal_code=text(fields.get("postcode"), f"{field}.postcode"),
        country=text(fields.get("country"), f"{field}.country"),
        customer_name=customer_name, customer_phone=phone)


def _line(item: object, index: int) -> DraftLine:
    field = f"line_items[{index}]"
    if not isinstance(item, dict):
        raise OrderProblem(_("{field} is not an object; each line item needs a quantity").format(field=field))
    units = quantity(item.get("quantity"), f"{field}.quantity")
    unit_price = money_cents(item.get("price"), f"{field}.price")
    if unit_price is None:  # older payloads: only the line subtotal (before discounts)
        subtotal = money_cents(item.get("subtotal"), f"{field}.subtotal")
        if subtotal is not None:
            unit_price = money_cents(Decimal(subtotal) / 100 / units, f"{field}.subtotal")
    return DraftLine(
        sku=text(item.get("sku"), f"{field}.sku"),
        quantity=units,
        unit_price_cents=unit_price,
        name=text(item.get("name"), f"{field}.name"),
        external_line_id=identifier(item.get("id"), f"{field}.id"),
    )


def _custom_fields(order: dict, items: list, context: MapContext, raw_fields: dict[str, str]):
    """Delivery date/slot (else from the line items' meta_data) and substitutions from the order's meta_data."""
    return from_custom_fields(order, items, context, raw_fields, list_key="meta_data",
                              item_list_key="meta_data", name_key="key", value_key="value")


def _payment_status(status: str, order: dict) -> str:
    """processing/completed are paid once date_paid is set (cash on delivery is not); refunded stays refunded."""
    paid = order.get("set_paid") is True or bool(order.get("date_paid")) or bool(order.get("date_paid_gmt"))
    if status in ("processing", "completed", ""):
        return "paid" if paid else ("pending" if status else "")
    if status in ("pending", "on-hold"):
        return "paid" if order.get("set_paid") is True else "pending"
    return status
