"""Display formatting and parsing shared by the views and dialogs.

Pure functions (no widgets). Money is integer cents; parsing goes through
``Decimal`` so "19.99" becomes 1999 exactly, never 1998.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

#: at most 9,999,999.99 in the money field
MAX_MONEY_CENTS = 999_999_999


def format_cents(cents: int | None, currency: str = "¥") -> str:
    """1234 -> "¥12.34"; -5 -> "-¥0.05"; None -> ""."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(int(cents)), 100)
    return f"{sign}{currency}{units:,}.{rest:02d}"


def cents_to_text(cents: int | None) -> str:
    """The editable form of an amount: 1234 -> "12.34" (no currency, no grouping)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(int(cents)), 100)
    return f"{sign}{units}.{rest:02d}"


def parse_money(text: str) -> int:
    """"12.34" / "12,34" / "¥ 12.3" / "12" -> integer cents, via Decimal.

    Raises ``ValueError`` for empty text, more than two decimals, a negative
    amount or anything that is not a number.
    """
    cleaned = text.strip().replace("¥", "").replace("￥", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # decimal comma
    else:
        cleaned = cleaned.replace(",", "")  # thousands separators
    if not cleaned:
        raise ValueError("empty amount")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(f"not an amount: {text!r}") from error
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"not a valid amount: {text!r}")
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"more than two decimals: {text!r}")
    value = int(cents)
    if value > MAX_MONEY_CENTS:
        raise ValueError(f"amount too large: {text!r}")
    return value


def format_local_time(moment: datetime | None) -> str:
    """An aware UTC datetime shown in the station's local time zone."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def format_grams(grams: int | None) -> str:
    if grams is None:
        return ""
    if grams >= 1000 and grams % 100 == 0:
        return f"{grams / 1000:g} kg"
    return f"{grams} g"


@lru_cache(maxsize=4096)
def format_audit_details(details: str) -> str:
    """The JSON ``{"field": [old, new]}`` of an audit entry as "field: old → new; …".

    Anything that is not that shape is shown as it is stored.
    """
    if not details:
        return ""
    try:
        data = json.loads(details)
    except ValueError:
        return details
    if not isinstance(data, dict):
        return details
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and len(value) == 2:
            old, new = (_short(v) for v in value)
            parts.append(f"{key}: {old} → {new}" if value[0] is not None else f"{key}: {new}")
        else:
            parts.append(f"{key}: {_short(value)}")
    return "; ".join(parts)


def _short(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, list):
        return ", ".join(_short(v) for v in value) or "—"
    return str(value)
