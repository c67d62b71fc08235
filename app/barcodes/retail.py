"""Plain GTINs (EAN-13, EAN-8, UPC-A, UPC-E, ITF-14), bare SSCCs and
variable-measure EAN-13 (prefixes 20-29 with a configured layout)."""

from __future__ import annotations

from decimal import Decimal

from biip import ParseError
from biip.upc import Upc

from app.barcodes.checkdigits import is_digits, mod10_check_digit, price_check_digit
from app.barcodes.config import BarcodeConfig, VariableMeasureLayout
from app.barcodes.errors import BarcodeError
from app.barcodes.result import ScanResult
from app.i18n import _

_GTIN_KIND = {8: "ean8", 12: "upca", 13: "ean13", 14: "gtin14"}
_GTIN_SYMBOLOGY = {"ean8": "EAN-8", "upca": "UPC-A", "ean13": "EAN-13", "gtin14": "ITF-14"}


def check_gtin(code: str) -> None:
    """Raise unless ``code`` (8/12/13/14 ASCII digits) has a valid check digit."""
    expected = mod10_check_digit(code[:-1])
    if ord(code[-1]) - 48 != expected:
        raise BarcodeError(
            _("Bad check digit in GTIN {gtin}: expected {expected}, got {got}").format(
                gtin=code, expected=expected, got=code[-1]
            ),
            "gtin",
            code="check_digit",
        )


def parse_gtin(digits: str, *, raw: str, symbology: str | None, config: BarcodeConfig) -> ScanResult:
    """An 8-, 12-, 13- or 14-digit GTIN as scanned from EAN/UPC/ITF-14."""
    check_gtin(digits)
    length = len(digits)
    if length == 13 and digits[0] == "0":
        kind = "upca"  # a GTIN-12 transmitted as 13 digits
    else:
        kind = _GTIN_KIND[length]
    if symbology is None or symbology == "EAN-13" and kind == "upca":
        symbology = _GTIN_SYMBOLOGY[kind]
    if length == 13:
        layout = config.layout_for(digits[:2])
        if layout is not None:
            return _variable_measure(digits, layout, raw=raw, symbology=symbology)
    return ScanResult(
        kind=kind,
        raw=raw,
        symbology=symbology,
        gtin=digits.zfill(14),
        variable_measure=length == 14 and digits[0] == "9",
    )


def parse_upce(digits: str, *, raw: str, symbology: str | None) -> ScanResult:
    """An 8-digit UPC-E (number system 0 or 1), expanded to its GTIN-12."""
    try:
        upc = Upc.parse(digits)
        upc_a = upc.as_upc_a()
    except (ParseError, ValueError, IndexError) as exc:
        raise BarcodeError(
            _("{code} is not a valid UPC-E code: {reason}").format(code=digits, reason=str(exc)),
            "gtin",
            code="check_digit",
        ) from exc
    return ScanResult(kind="upce", raw=raw, symbology=symbology or "UPC-E", gtin=upc_a.zfill(14))


def parse_sscc(digits: str, *, raw: str, symbology: str | None) -> ScanResult:
    """A bare 18-digit SSCC (without AI 00)."""
    expected = mod10_check_digit(digits[:-1])
    if ord(digits[-1]) - 48 != expected:
        raise BarcodeError(
            _("Bad check digit in SSCC {sscc}: expected {expected}, got {got}").format(
                sscc=digits, expected=expected, got=digits[-1]
            ),
            "sscc",
            code="check_digit",
        )
    return ScanResult(kind="sscc", raw=raw, symbology=symbology, sscc=digits)


def _variable_measure(code: str, layout: VariableMeasureLayout, *, raw: str, symbology: str | None) -> ScanResult:
    item_end = 2 + layout.item_digits
    item = code[2:item_end]
    value_start = item_end + (1 if layout.value_check_digit else 0)
    value = code[value_start : value_start + layout.value_digits]
    measure_name = _("weight") if layout.measure == "weight" else _("price")
    if layout.value_check_digit:
        expected = price_check_digit(value)
        got = code[item_end]
        if ord(got) - 48 != expected:
            raise BarcodeError(
                _("Bad check digit for the {measure} {value} in {code}: expected {expected}, got {got}").format(
                    measure=measure_name, value=value, code=code, expected=expected, got=got
                ),
                layout.measure,
                code="check_digit",
            )
    zero = "0" * layout.value_digits
    base = code[:item_end] + (str(price_check_digit(zero)) if layout.value_check_digit else "") + zero
    gtin = (base + str(mod10_check_digit(base))).zfill(14)
    amount = Decimal(int(value)).scaleb(-layout.decimals)
    if layout.measure == "weight":
        grams = int(value) * 10 ** (3 - layout.decimals)
        return ScanResult(
            kind="variable_measure",
            raw=raw,
            symbology=symbology,
            gtin=gtin,
            item_code=item,
            variable_measure=True,
            net_weight_kg=amount,
            net_weight_g=grams,
        )
    return ScanResult(
        kind="variable_measure",
        raw=raw,
        symbology=symbology,
        gtin=gtin,
        item_code=item,
        variable_measure=True,
        price=amount,
        price_cents=int(value) * 10 ** (2 - layout.decimals),
    )


def encode_variable_measure(layout: VariableMeasureLayout, item_code: str, value: int) -> str:
    """Build the EAN-13 for ``item_code`` and ``value`` (grams-scaled or cents-scaled
    integer in the layout's unit) with the layout's first prefix.

    Used by tests and label printing; raises :class:`BarcodeError` if the
    item code or value does not fit.
    """
    if not (is_digits(item_code) and len(item_code) == layout.item_digits):
        raise BarcodeError(
            _("Item code {code} must have {n} digits").format(code=item_code, n=layout.item_digits),
            "item_code",
            code="length",
        )
    if not 0 <= value < 10**layout.value_digits:
        raise BarcodeError(
            _("Value {value} does not fit in {n} digits").format(value=value, n=layout.value_digits),
            layout.measure,
            code="length",
        )
    digits = str(value).zfill(layout.value_digits)
    check = str(price_check_digit(digits)) if layout.value_check_digit else ""
    body = layout.prefixes[0] + item_code + check + digits
    return body + str(mod10_check_digit(body))
