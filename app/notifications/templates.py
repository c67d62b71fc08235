"""Texts of the messages customers receive, in the customer's language.

Pure functions over plain data: no database, no I/O, no floats. The
customer's language is not the station's, so the Chinese text is written here
directly rather than looked up in the UI translation catalogue (``app.i18n``
follows the person at the station). ``"zh_CN"`` (and any other ``zh``
variant) gives Simplified Chinese, anything else English.

Rendering is on the order-import path (one confirmation per imported order),
so it is plain string building: a few microseconds per order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "ConfirmationLine", "OrderConfirmation", "format_date", "format_money", "format_quantity", "is_chinese",
    "render_order_confirmation",
]


@dataclass(frozen=True)
class ConfirmationLine:
    name_en: str
    name_zh: str
    quantity: int                      # units of sale as ordered
    unit: str                          # "piece" or "weighed"
    nominal_weight_g: int | None = None
    line_total_cents: int | None = None


@dataclass(frozen=True)
class OrderConfirmation:
    order_number: str
    customer_name: str
    delivery_date: date | None         # None: not fixed yet ("to be confirmed")
    delivery_slot: str                 # e.g. "08:00-12:00"; "" when none
    lines: tuple[ConfirmationLine, ...]
    total_cents: int | None            # None: not known yet (prices to be confirmed)
    currency: str                      # ISO 4217, e.g. "CNY"
    address_text: str                  # one line; "" leaves the address line out


_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_ZH_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_MULTIPLY = "\u00d7"  # ×


def is_chinese(language: str) -> bool:
    """``zh_CN``, ``zh-CN``, ``zh``, ``zh_Hans`` … → True; anything else (English) → False."""
    return language[:2].lower() == "zh"


def format_date(day: date, chinese: bool) -> str:
    """``2026年11月29日 星期日`` or ``Sunday 29 November 2026`` (no locale involved)."""
    if chinese:
        return f"{day.year}年{day.month}月{day.day}日 {_ZH_WEEKDAYS[day.weekday()]}"
    return f"{_EN_WEEKDAYS[day.weekday()]} {day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


def _currency_prefix(currency: str | None, chinese: bool) -> str:
    code = (currency or "").strip().upper()
    if chinese and code in ("CNY", "RMB"):
        return "¥"
    return f"{code} " if code else ""


def _money(cents: int, prefix: str) -> str:
    if cents < 0:
        return "-" + _money(-cents, prefix)
    units, minor = divmod(cents, 100)
    if units < 1000:
        return f"{prefix}{units}.{minor:02d}"
    return f"{prefix}{units:,}.{minor:02d}"


def format_money(cents: int, currency: str, chinese: bool) -> str:
    """Integer cents → ``¥1,128.50`` (Chinese text, CNY) or ``CNY 1,128.50``; integer maths only.

    Amounts are in hundredths of the currency unit (the shop's ``*_cents`` fields).
    """
    return _money(cents, _currency_prefix(currency, chinese))


def _weight(grams: int) -> str:
    if grams < 1000:
        return f"{grams} g"
    kg, rest = divmod(grams, 1000)
    if not rest:
        return f"{kg} kg"
    return f"{kg}.{rest:03d}".rstrip("0") + " kg"


def format_quantity(line: ConfirmationLine) -> str:
    """``3 ×`` for pieces, ``2 × ~500 g`` for weighed goods of a nominal weight."""
    if line.unit == "weighed" and line.nominal_weight_g:
        return f"{line.quantity} {_MULTIPLY} ~{_weight(line.nominal_weight_g)}"
    return f"{line.quantity} {_MULTIPLY}"


def render_order_confirmation(data: OrderConfirmation, language: str) -> tuple[str, str]:
    """(subject, plain-text body) of the order confirmation in the customer's language."""
    chinese = is_chinese(language)
    prefix = _currency_prefix(data.currency, chinese)
    weighed = False
    items = []
    for line in data.lines:
        if chinese:
            name = line.name_zh or line.name_en
        else:
            name = line.name_en or line.name_zh
        if line.unit == "weighed":
            weighed = True
            grams = line.nominal_weight_g
            if grams:
                text = f"- {name}  {line.quantity} × ~{_weight(grams) if grams >= 1000 else f'{grams} g'}"
            else:
                text = f"- {name}  {line.quantity} ×"
        else:
            text = f"- {name}  {line.quantity} ×"
        if line.line_total_cents is not None:
            text += "  " + _money(line.line_total_cents, prefix)
        items.append(text)
    if data.delivery_date is None:
        when = "待确认" if chinese else "to be confirmed"
    else:
        when = format_date(data.delivery_date, chinese)
        if data.delivery_slot:
            when += (" " if chinese else ", ") + data.delivery_slot
    number = data.order_number

    if chinese:
        subject = f"您的订单 {number} 已确认"
        total = "待确认" if data.total_cents is None else _money(data.total_cents, prefix)
        parts = [
            f"{data.customer_name}，您好！" if data.customer_name else "尊敬的顾客，您好！",
            "",
            f"感谢您的订购！我们已收到您的订单 {number}，正在为您备货。",
            "",
            f"送货时间：{when}",
            *((f"收货地址：{data.address_text}",) if data.address_text else ()),
            "",
            "订单明细：",
            *items,
            "",
            f"合计：{total}",
        ]
        if weighed:
            parts.append("称重商品按实际重量计价，最终金额可能略有差异。")
        parts += ["", "如有任何问题，请直接回复本邮件。", "", "FreshFlow"]
    else:
        subject = f"Your order {number} is confirmed"
        total = "to be confirmed" if data.total_cents is None else _money(data.total_cents, prefix)
        parts = [
            f"Dear {data.customer_name}," if data.customer_name else "Dear customer,",
            "",
            f"Thank you for your order {number}. We have received it and are preparing it for you.",
            "",
            f"Delivery: {when}",
            *((f"Address: {data.address_text}",) if data.address_text else ()),
            "",
            "Your order:",
            *items,
            "",
            f"Total: {total}",
        ]
        if weighed:
            parts.append("Weighed items are charged by their actual weight, so the final amount may differ slightly.")
        parts += ["", "If you have any questions, just reply to this email.", "", "FreshFlow"]
    return subject, "\n".join(parts) + "\n"
