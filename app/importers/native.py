"""FreshFlow's own JSON order format (documented with an example in docs/formats.md)."""

from __future__ import annotations

from app.i18n import _
from app.importers.draft import DraftLine, OrderDraft
from app.importers.drafting import (
    MapContext,
    apply_delivery,
    finished_address,
    read_language,
    read_placed_at,
    require_object,
)
from app.importers.values import (
    OrderProblem,
    clean_text,
    identifier,
    mapping,
    money_cents,
    quantity,
    sequence,
    text,
    yes_no,
)

ID_FIELD = "external_id"
_KNOWN_FIELDS = {"channel", "external_id", "placed_at", "customer", "shipping_address", "delivery", "payment_status",
                 "currency", "total", "note", "substitutions_allowed", "lines"}


def map_order(order: object, context: MapContext) -> OrderDraft:
    order = require_object(order)
    external_id = identifier(order.get("external_id"), "external_id")
    if not external_id:
        raise OrderProblem(_("external_id is missing; every order needs the shop's order id in external_id"))
    raw_fields: dict[str, str] = {}
    customer = mapping(order.get("customer"), "customer")
    shipping = mapping(order.get("shipping_address"), "shipping_address")
    customer_name = text(customer.get("name"), "customer.name") or text(shipping.get("name"), "shipping_address.name")
    phone = text(customer.get("phone"), "customer.phone")
    address = finished_address(
        name=text(shipping.get("name"), "shipping_address.name"),
        phone=text(shipping.get("phone"), "shipping_address.phone"),
        line1=text(shipping.get("line1"), "shipping_address.line1"),
        line2=text(shipping.get("line2"), "shipping_address.line2"),
        city=text(shipping.get("city"), "shipping_address.city"),
        province=text(shipping.get("province"), "shipping_address.province"),
        postal_code=text(shipping.get("postal_code"), "shipping_address.postal_code"),
        country=text(shipping.get("country"), "shipping_address.country"),
        customer_name=customer_name, customer_phone=phone)
    delivery = mapping(order.get("delivery"), "delivery")
    delivery_date, delivery_slot = apply_delivery(delivery.get("date"), delivery.get("slot"), raw_fields)
    lines = tuple(_line(line, index) for index, line in enumerate(sequence(order.get("lines"), "lines"), 1))
    if not lines:
        raise OrderProblem(_("the order has no lines; add at least one line with sku and quantity"))
    for key, value in order.items():
        if key not in _KNOWN_FIELDS and isinstance(value, (str, int)) and not isinstance(value, bool):
            raw_fields.setdefault(clean_text(key), text(value, key))
    return OrderDraft(
        channel=text(order.get("channel"), "channel") or context.options.default_channel,
        external_id=external_id,
        customer_name=customer_name,
        email=text(customer.get("email"), "customer.email"),
        phone=phone or (address.phone if address else ""),
        address=address,
        lines=lines,
        placed_at=read_placed_at([("placed_at", order.get("placed_at"))], context.naive_zone, raw_fields),
        language=read_language(customer.get("language"), "customer.language", raw_fields),
        delivery_date=delivery_date,
        delivery_slot=delivery_slot,
        payment_status=text(order.get("payment_status"), "payment_status").lower(),
        currency=text(order.get("currency"), "currency").upper(),
        total_cents=money_cents(order.get("total"), "total"),
        note=text(order.get("note"), "note"),
        substitutions_allowed=yes_no(order.get("substitutions_allowed"), "substitutions_allowed"),
        position=context.position,
        raw_fields=raw_fields,
    )


def _line(line: object, index: int) -> DraftLine:
    field = f"lines[{index}]"
    if not isinstance(line, dict):
        raise OrderProblem(_("{field} is not an object; each line needs sku and quantity").format(field=field))
    return DraftLine(
        sku=text(line.get("sku"), f"{field}.sku"),
        quantity=quantity(line.get("quantity"), f"{field}.quantity"),
        unit_price_cents=money_cents(line.get("unit_price"), f"{field}.unit_price"),
        name=text(line.get("name"), f"{field}.name"),
        external_line_id=identifier(line.get("external_line_id"), f"{field}.external_line_id"),
    )
