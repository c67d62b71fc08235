"""GS1 check digit algorithms (GS1 General Specifications §7.9).

- :func:`mod10_check_digit`: the standard check digit of GTIN-8/12/13/14,
  SSCC and GLN (weights 3, 1, 3, 1 ... from the right).
- :func:`price_check_digit`: the check digit of a 4- or 5-digit price or
  weight field inside a variable-measure EAN-13 (§7.9.2-§7.9.4), built from
  the weighting factors 2-, 3, 5+ and 5-.

All functions take ASCII digit strings; callers validate first.
"""

from __future__ import annotations

DIGITS = frozenset("0123456789")


def is_digits(text: str) -> bool:
    """True if ``text`` is non-empty and consists of ASCII digits only.

    (``str.isdigit``/``isdecimal`` also accept e.g. Arabic-Indic or
    full-width digits, which a barcode never contains.)
    """
    return bool(text) and text.isascii() and text.isdigit()


def mod10_check_digit(payload: str) -> int:
    """Check digit for ``payload`` (the number without its check digit)."""
    total = 0
    weight = 3
    for ch in reversed(payload):
        total += (ord(ch) - 48) * weight
        weight = 4 - weight  # 3, 1, 3, 1 ...
    return (10 - total % 10) % 10


def has_valid_mod10(code: str) -> bool:
    return mod10_check_digit(code[:-1]) == ord(code[-1]) - 48


# --- weighting factors of §7.9.2 ------------------------------------------------
# "2-": multiply by 2; of a two-digit product, subtract the tens from the units.
# "3":  multiply by 3; keep the units digit.
# "5+": multiply by 5; add the tens to the units.
# "5-": multiply by 5; subtract the tens from the units.
# (results modulo 10)


def _table(factor: int, combine: int) -> tuple[int, ...]:
    out = []
    for digit in range(10):
        product = digit * factor
        tens, units = divmod(product, 10)
        out.append((units + combine * tens) % 10)
    return tuple(out)


WEIGHT_2_MINUS = _table(2, -1)  # 0 2 4 6 8 9 1 3 5 7
WEIGHT_3 = _table(3, 0)  # 0 3 6 9 2 5 8 1 4 7
WEIGHT_5_PLUS = _table(5, +1)  # 0 5 1 6 2 7 3 8 4 9
WEIGHT_5_MINUS = _table(5, -1)  # 0 5 9 4 8 3 7 2 6 1
_WEIGHT_5_MINUS_INVERSE = {product: digit for digit, product in enumerate(WEIGHT_5_MINUS)}

_FOUR_DIGIT_WEIGHTS = (WEIGHT_2_MINUS, WEIGHT_2_MINUS, WEIGHT_3, WEIGHT_5_MINUS)
_FIVE_DIGIT_WEIGHTS = (WEIGHT_5_PLUS, WEIGHT_2_MINUS, WEIGHT_5_MINUS, WEIGHT_5_PLUS, WEIGHT_2_MINUS)


def price_check_digit(value: str) -> int:
    """Check digit of a 4- or 5-digit price/weight field (§7.9.3, §7.9.4).

    Four digits: weights 2-, 2-, 3, 5-; the check digit is the units digit of
    three times the sum of the weighted products.

    Five digits: weights 5+, 2-, 5-, 5+, 2-; subtract the sum from the next
    multiple of ten; the check digit is the digit whose 5- product equals
    that difference.
    """
    if len(value) == 4:
        total = sum(table[ord(ch) - 48] for table, ch in zip(_FOUR_DIGIT_WEIGHTS, value))
        return (total * 3) % 10
    if len(value) == 5:
        total = sum(table[ord(ch) - 48] for table, ch in zip(_FIVE_DIGIT_WEIGHTS, value))
        return _WEIGHT_5_MINUS_INVERSE[(10 - total % 10) % 10]
    raise ValueError(f"price check digit needs 4 or 5 digits, got {len(value)}")
