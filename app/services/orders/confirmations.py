"""Order confirmations: rendered in the customer's language and queued in the outbox with the order."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.notifications.templates import ConfirmationLine, OrderConfirmation, render_order_confirmation
from app.services import outbox

KIND = "order_confirmation"


def dedupe_key(order_id: int) -> str:
    return f"confirm:{order_id}"


def line_total_cents(unit: str, price_cents: int, quantity: int, nominal_weight_g: int | None) -> int:
    """The catalogue value of a line: pieces × price, or pieces × nominal grams × price per kg / 1000."""
    if unit == "weighed":
        return (quantity * (nominal_weight_g or 0) * price_cents + 500) // 1000
    return quantity * price_cents


def enqueue_confirmations(session: Session, orders) -> None:
    """Queue one confirmation per (order id, PreparedOrder-like) that has an email address."""
    messages = []
    for order_id, order in orders:
        if not order.email:
            continue
        lines = []
        for line in order.open_lines:
            product = line.product
            if product is None:
                continue
            price = line.unit_price_cents
            total = price * line.quantity if price is not None else line_total_cents(
                product.unit, product.price_cents, line.quantity, product.nominal_weight_g)
            lines.append(ConfirmationLine(product.name_en, product.name_zh or product.name_en, line.quantity,
                                          product.unit, product.nominal_weight_g, total))
        address = ", ".join(part for part in (order.address_line1, order.address_line2, order.city,
                                              order.province, order.postal_code) if part)
        subject, body = render_order_confirmation(OrderConfirmation(
            order.number, order.customer_name, order.delivery_date, order.delivery_slot, tuple(lines),
            order.total_cents, order.currency or "CNY", address), order.language)
        messages.append(outbox.message_row(KIND, dedupe_key(order_id), order.email, order.language, subject, body,
                                           order_id=order_id))
    outbox.enqueue(session, messages)
