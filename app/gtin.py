"""GTIN normalisation for catalogue entry and lookups (check digits from app.barcodes.checkdigits)."""

from __future__ import annotations

from app.barcodes.checkdigits import mod10_check_digit
from app.errors import ValidationError
from app.i18n import _

GTIN_LENGTHS = (8, 12, 13, 14)


def normalize_gtin(code: str) -> str:
    """Validate a GTIN-8/12/13/14 and return its 14-digit form.

    Raises ``ValidationError`` naming what is wrong (length, characters or the
    check digit with the expected value).
    """
    code = code.strip(" ")
    if not code.isascii() or not code.isdigit():
        raise ValidationError(_("GTIN {code} may contain digits only.").format(code=code), "gtin")
    if len(code) not in GTIN_LENGTHS:
        raise ValidationError(
            _("GTIN {code} has {n} digits; a GTIN has 8, 12, 13 or 14.").format(code=code, n=len(code)), "gtin"
        )
    expected = mod10_check_digit(code[:-1])
    if int(code[-1]) != expected:
        raise ValidationError(
            _("GTIN {code} has check digit {got}, expected {expected}. Check for a typing error.").format(
                code=code, got=code[-1], expected=expected
            ),
            "gtin",
        )
    return code.zfill(14)


def display_gtin(gtin14: str) -> str:
    """The shortest usual form: GTIN-13 when the 14-digit form starts with 0."""
    return gtin14[1:] if gtin14.startswith("0") else gtin14
