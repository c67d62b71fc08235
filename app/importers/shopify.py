"""Shopify orders: the REST Admin API Order resource (webhook body, {"order": ...} or {"orders": [...]}).

Field choices (see docs/formats.md): ids stay exact strings; the customer's name comes from the
shipping address, else the customer record, else the billing address; the delivery date and
slot come from ``note_attributes`` (cart attributes), else from a line item's ``properties``;
whether substitutions are allowed only from ``note_attributes``.
"""

from __future__ import annotations

from app.i18n import _
from app.importers.draft import DraftLine, OrderDraft
from app.importers.drafting import (
    MapContext,
    finished_address,
    from_custom_fields,
    joined_name,
    read_language,
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
CHANNEL = "shopify"
_PAYMENT_STATUS = {"paid": "paid", "pending": "pending", "authorized": "pending", "refunded": "refunded",
                   "voided": "refunded"}


def map_order(order: object, context: MapContext) -> OrderDraft:
    order = require_object(order)
    external_id = identifier(order.get("id"), "id")
    if not external_id:
        raise OrderProblem(_("the order id is missing; a Shopify order needs its numeric id"))
    raw_fields: dict[str, str] = {}
    shipping = mapping(order.get("shipping_address"), "shipping_address")
    billing = mapping(order.get("billing_address"), "billing_address")
    customer = mapping(order.get("customer"), "customer")
    customer_name = (text(shipping.get("name"), "shipping_address.name")
                     or joined_name(shipping.get("first_name"), shipping.get("last_name"))
                     or joined_name(customer.get("first_name"), customer.get("last_name"))
                     or text(billing.get("name"), "billing_address.name")
                     or joined_name(billing.get("first_name"), billing.get("last_name")))
    phone = (text(shipping.get("phone"), "shipping_address.phone") or text(order.get("phone"), "phone")
             or text(customer.get("phone"), "customer.phone") or text(billing.get("phone"), "billing_address.phone"))
    address = finished_address(
        name=text(shipping.get("name"), "shipping_address.name")
        or joined_name(shipping.get("first_name"), shipping.get("last_name")),
        phone=text(shipping.get("phone"), "shipping_address.phone"),
        line1=text(shipping.get("address1"), "shipping_address.address1"),
        line2=text(shipping.get("address2"), "shipping_address.address2"),
        city=text(shipping.get("city"), "shipping_address.city"),
        province=text(shipping.get("province"), "shipping_address.province"),
        postal_code=text(shipping.get("zip"), "shipping_address.zip"),
        country=(text(shipping.get("country_code"), "shipping_address.country_code")
                 or text(shipping.get("country"), "shipping_address.country")),
        customer_name=customer_name, customer_phone=phone)
    items = sequence(order.get("line_items"), "line_items")
    lines = tuple(_line(item, index) for index, item in enumerate(items, 1))
    if not lines:
        raise OrderProblem(_("the order has no line_items; there is nothing to deliver"))
    delivery_date, delivery_slot, substitutions_allowed = _custom_fields(order, items, context, raw_fields)
    _note_extras(order, raw_fields)
    return OrderDraft(
        channel=CHANNEL,
        external_id=external_id,
        customer_name=customer_name,
        email=(text(order.get("email"), "email") or text(order.get("contact_email"), "contact_email")
               or text(customer.get("email"), "customer.email")),
        phone=phone,
        address=address,
        lines=lines,
        placed_at=read_placed_at([("created_at", order.get("created_at")),
                                  ("processed_at", order.get("processed_at"))], context.naive_zone, raw_fields),
        language=read_language(order.get("customer_locale"), "customer_locale", raw_fields),
        delivery_date=delivery_date,
        delivery_slot=delivery_slot,
        payment_status=_payment_status(text(order.get("financial_status"), "financial_status")),
        currency=(text(order.get("currency"), "currency") or text(order.get("presentment_currency"),
                                                                   "presentment_currency")).upper(),
        total_cents=money_cents(order.get("total_price"), "total_price"),
        note=text(order.get("note"), "note"),
        substitutions_allowed=substitutions_allowed,
        position=context.position,
        raw_fields=raw_fields,
    )


def _line(item: object, index: int) -> DraftLine:
    field = f"line_items[{index}]"
    if not isinstance(item, dict):
        raise OrderProblem(_("{field} is not an object; each line item needs a quantity").format(field=field))
    return DraftLine(
        sku=text(item.get("sku"), f"{field}.sku"),
        quantity=quantity(item.get("quantity"), f"{field}.quantity"),
        unit_price_cents=money_cents(item.get("price"), f"{field}.price"),
        name=text(item.get("title"), f"{field}.title") or text(item.get("name"), f"{field}.name"),
        external_line_id=identifier(item.get("id"), f"{field}.id"),
    )


def _custom_fields(order: dict, items: list, context: MapContext, raw_fields: dict[str, str]):
    """Delivery date/slot (else from the line items' properties naming them) and substitutions from note_attributes."""
    return from_custom_fields(order, items, context, raw_fields, list_key="note_attributes",
                              item_list_key="properties", name_key="name", value_key="value")


def _payment_status(financial_status: str) -> str:
    status = financial_status.lower()
    return _PAYMENT_STATUS.get(status, status)


def _note_extras(order: dict, raw_fields: dict[str, str]) -> None:
    """What a reviewer should see although FreshFlow has no field for it (order name, cancellation, test)."""
    for key, field in (("name", "order_name"), ("cancelled_at", "cancelled_at"), ("cancel_reason", "cancel_reason"),
                       ("tags", "tags")):
        value = order.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            raw_fields.setdefault(field, text(value, key))
    if order.get("test") is True:
        raw_fields["test"] = "true"
