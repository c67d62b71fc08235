"""Stock quantities as people type and read them.

Stock is held in integer base units: pieces, or grams for goods sold by
weight (DESIGN.md §3). People count pieces and weigh in kilograms, so a
weighed quantity is typed as kg with up to three decimals and converted to
grams through ``Decimal`` — "1.25" is 1250 g exactly, never 1249.
Pure functions, no widgets (``quantity_error_message`` only borrows Qt's translator).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

#: the largest quantity a form accepts (a 32-bit INTEGER column holds more; no delivery is this big)
MAX_QUANTITY = 100_000_000


class QuantityError(ValueError):
    """The text is not a quantity in the product's unit (``reason`` is a short code for the message)."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.reason = reason  # "empty", "not_a_number", "decimals", "negative", "too_large"
        self.text = text


def is_weighed(unit: str) -> bool:
    return unit == "weighed"


def parse_quantity(text: str, unit: str) -> int:
    """"12" → 12 pieces; for weighed goods "1.25" / "1,250" / "1.25 kg" → 1250 grams.

    Raises :class:`QuantityError` for empty text, a fraction of a piece, more
    than three decimals of a kilogram, a negative or absurdly large number.
    """
    cleaned = text.strip().replace(" ", "").lower()
    if is_weighed(unit) and cleaned.endswith("kg"):
        cleaned = cleaned[:-2]
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # decimal comma
    if not cleaned:
        raise QuantityError("empty", text)
    if not all(c.isascii() and (c.isdigit() or c in ".-+") for c in cleaned):
        raise QuantityError("not_a_number", text)
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as error:
        raise QuantityError("not_a_number", text) from error
    if not amount.is_finite():
        raise QuantityError("not_a_number", text)
    if amount < 0:
        raise QuantityError("negative", text)
    base = amount * 1000 if is_weighed(unit) else amount
    if base != base.to_integral_value():
        raise QuantityError("decimals", text)
    value = int(base)
    if value > MAX_QUANTITY:
        raise QuantityError("too_large", text)
    return value


def quantity_text(quantity: int | None, unit: str) -> str:
    """The editable form: 12 → "12"; 1250 g → "1.250" (kg)."""
    if quantity is None:
        return ""
    if is_weighed(unit):
        sign = "-" if quantity < 0 else ""
        kg, grams = divmod(abs(int(quantity)), 1000)
        return f"{sign}{kg}.{grams:03d}"
    return str(int(quantity))


def format_quantity(quantity: int | None, unit: str) -> str:
    """For tables and messages: 12 → "12"; 1250 g → "1.250 kg"."""
    if quantity is None:
        return ""
    return f"{quantity_text(quantity, unit)} kg" if is_weighed(unit) else f"{int(quantity):,}"


def quantity_error_message(error: QuantityError, unit: str) -> str:
    """The sentence for a quantity that cannot be read, in the product's unit."""
    translate = QCoreApplication.translate
    if error.reason == "empty":
        return translate("quantities", "Enter the quantity.")
    if error.reason == "decimals":
        if is_weighed(unit):
            return translate("quantities", "Enter the weight in kg with at most 3 decimals (whole grams), "
                                           "not {text}.").format(text=error.text)
        return translate("quantities", "Count whole pieces: {text} is not a whole number.").format(text=error.text)
    if error.reason == "negative":
        return translate("quantities", "The quantity cannot be negative.")
    if error.reason == "too_large":
        return translate("quantities", "{text} is too large; check the quantity.").format(text=error.text)
    return translate("quantities", "{text} is not a quantity.").format(text=error.text)
