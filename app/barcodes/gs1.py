"""GS1 element strings: splitting, validation, pairing rules, decoding.

Input forms:

- raw element strings as a scanner sends them (after the symbology
  identifier): AIs and values back to back, FNC1 received as GS (0x1D)
  after a value whose AI does not have a predefined length;
- the human-readable interpretation typed by a person: ``(01)...(17)...``.

The split follows the GS1 rule by the AI's first two digits
(:data:`~app.barcodes.ai_table.PREDEFINED_LENGTHS`); biip's own message
parser instead takes a variable-length value up to its maximum length and
carries on, which turns a missing GS into a misleading "unknown AI". Values
are then validated with FreshFlow's table (lengths, character set 82, check
digits, dates with the century window around a configurable date, decimals)
or, for other AIs, with biip's format patterns.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal

from app.barcodes.ai_table import ALL_AIS, CHARSET_82, GS, AISpec, generic_key_length, lookup_ai
from app.barcodes.checkdigits import DIGITS, mod10_check_digit
from app.barcodes.config import BarcodeConfig
from app.barcodes.errors import BarcodeError
from app.barcodes.result import ScanResult
from app.i18n import _

#: One element string: (AI, value, 1-based position of the AI in the input).
Element = tuple[str, str, int]

_POUND_KG = Decimal("0.45359237")
_GRAM = Decimal("0.001")


# --- display ----------------------------------------------------------------------


def show(text: str, limit: int = 48) -> str:
    """``text`` made safe to show in a one-line message (GS as ``<GS>``)."""
    if len(text) > limit:
        text = text[:limit] + "…"
    if text.isascii() and text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == GS:
            out.append("<GS>")
        elif ch.isprintable() and ch != "\u2028":
            out.append(ch)
        else:
            out.append(f"<U+{ord(ch):04X}>")
    return "".join(out)


def _label(spec: AISpec) -> str:
    return _(spec.label)


# --- splitting --------------------------------------------------------------------


def _unknown_ai(data: str, pos: int, offset: int) -> BarcodeError:
    fragment = data[pos : pos + 4]
    if fragment[:1] in DIGITS:
        message = _("Unknown GS1 Application Identifier at position {pos}: {text}").format(
            pos=pos + offset, text=show(fragment)
        )
    else:
        message = _("Expected a GS1 Application Identifier (digits) at position {pos}, got {text}").format(
            pos=pos + offset, text=show(fragment)
        )
    return BarcodeError(message, "scan", code="unknown_ai")


def split_raw(data: str, offset: int = 1) -> Iterator[Element]:
    """Split raw GS1 element strings; ``offset`` is the position of ``data[0]``.

    GS may precede the first AI (FNC1 in first position sent as GS), follow
    any value, and end the data. A generator, so that :func:`collect`
    reports the first problem in scan order.
    """
    n = len(data)
    pos = 0
    while pos < n:
        if data[pos] == GS:
            pos += 1
            continue
        spec = lookup_ai(data, pos)
        if spec is None:
            raise _unknown_ai(data, pos, offset)
        start = pos + len(spec.ai)
        fixed = spec.fixed_length
        if fixed is not None:
            end = start + fixed
            value = data[start:end]
            gs_at = value.find(GS)
            if gs_at >= 0 or len(value) < fixed:
                got = gs_at if gs_at >= 0 else len(value)
                raise BarcodeError(
                    _("AI ({ai}) {label}: expected {expected} digits, got {got}").format(
                        ai=spec.ai, label=_label(spec), expected=fixed, got=got
                    ),
                    spec.ai,
                    code="length",
                    ai=spec.ai,
                )
        else:
            gs_at = data.find(GS, start)
            end = n if gs_at < 0 else gs_at
            value = data[start:end]
        yield (spec.ai, value, pos + offset)
        pos = end


_HRI_AI = re.compile(r"\((\d{2,4})\)")


def split_hri(text: str) -> list[Element]:
    """Split ``(01)09501101530003(17)250131(10)ABC`` into element strings.

    Spaces are ignored (no AI value may contain one). Every ``(`` + 2-4
    digits + ``)`` starts a new AI, so a value cannot contain such a group.
    """
    s = text.replace(" ", "")
    matches = list(_HRI_AI.finditer(s))
    if not matches or matches[0].start() != 0:
        raise BarcodeError(
            _("Human-readable GS1 data must start with an AI in brackets, e.g. (01), got {text}").format(
                text=show(s[:12])
            ),
            "scan",
            code="unknown_ai",
        )
    elements: list[Element] = []
    for i, match in enumerate(matches):
        ai = match.group(1)
        if ai not in ALL_AIS:
            raise BarcodeError(
                _("Unknown GS1 Application Identifier ({ai}) at position {pos}").format(ai=ai, pos=match.start() + 1),
                "scan",
                code="unknown_ai",
            )
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        elements.append((ai, s[match.end() : end], match.start() + 1))
    return elements


# --- values -----------------------------------------------------------------------


def _century_year(yy: int, reference_year: int) -> int:
    """Four-digit year of ``yy`` by the GS1 sliding window (§7.12)."""
    current = reference_year % 100
    century = reference_year - current
    diff = yy - current
    if 51 <= diff <= 99:
        return century - 100 + yy
    if -99 <= diff <= -50:
        return century + 100 + yy
    return century + yy


def decode_date(spec: AISpec, digits: str, reference: dt.date, *, rule: str | None = None) -> dt.date:
    """``YYMMDD`` -> date; DD=00 is the month's last day where the rule allows."""
    rule = rule or spec.date or "yymmdd"
    yy, month, day = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if not 1 <= month <= 12:
        raise BarcodeError(
            _("AI ({ai}) {label}: {value} is not a date: there is no month {month}").format(
                ai=spec.ai, label=_label(spec), value=digits, month=digits[2:4]
            ),
            spec.ai,
            code="date",
            ai=spec.ai,
        )
    year = _century_year(yy, reference.year)
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        if rule != "yymmd0":
            raise BarcodeError(
                _("AI ({ai}) {label}: {value} is not a date: day 00 is not allowed here").format(
                    ai=spec.ai, label=_label(spec), value=digits
                ),
                spec.ai,
                code="date",
                ai=spec.ai,
            )
        day = last
    elif day > last:
        raise BarcodeError(
            _("AI ({ai}) {label}: {value} is not a date: {year}-{month} has {last} days, got day {day}").format(
                ai=spec.ai, label=_label(spec), value=digits, year=year, month=f"{month:02d}", last=last, day=day
            ),
            spec.ai,
            code="date",
            ai=spec.ai,
        )
    return dt.date(year, month, day)


def _check_digit_error(spec: AISpec, key: str, expected: int) -> BarcodeError:
    got = key[-1]
    if spec.ai in ("01", "02"):
        message = _("Bad check digit in GTIN {gtin}: expected {expected}, got {got}").format(
            gtin=key, expected=expected, got=got
        )
    elif spec.ai == "00":
        message = _("Bad check digit in SSCC {sscc}: expected {expected}, got {got}").format(
            sscc=key, expected=expected, got=got
        )
    elif spec.ai.startswith("41"):
        message = _("Bad check digit in GLN {gln} (AI ({ai})): expected {expected}, got {got}").format(
            gln=key, ai=spec.ai, expected=expected, got=got
        )
    else:
        message = _("AI ({ai}) {label}: bad check digit in {key}: expected {expected}, got {got}").format(
            ai=spec.ai, label=_label(spec), key=key, expected=expected, got=got
        )
    return BarcodeError(message, spec.ai, code="check_digit", ai=spec.ai)


def validate_value(spec: AISpec, value: str, reference: dt.date) -> None:
    """Raise :class:`BarcodeError` unless ``value`` is valid for ``spec``."""
    if not value:
        raise BarcodeError(
            _("AI ({ai}) {label}: the value is missing").format(ai=spec.ai, label=_label(spec)),
            spec.ai,
            code="length",
            ai=spec.ai,
        )
    allowed = DIGITS if spec.numeric else CHARSET_82
    for i, ch in enumerate(value):
        if ch not in allowed:
            if ch in CHARSET_82 or ch == GS:
                message = _("AI ({ai}) {label}: expected digits only, got {char} at position {pos} of the value")
            else:
                message = _("AI ({ai}) {label}: character {char} at position {pos} of the value is not allowed")
            raise BarcodeError(
                message.format(ai=spec.ai, label=_label(spec), char=show(ch), pos=i + 1),
                spec.ai,
                code="charset",
                ai=spec.ai,
            )
    if spec.generic:
        _validate_generic(spec, value, reference)
        return
    length = len(value)
    if spec.min_len == spec.max_len:
        if length != spec.max_len:
            raise BarcodeError(
                _("AI ({ai}) {label}: expected {expected} digits, got {got}").format(
                    ai=spec.ai, label=_label(spec), expected=spec.max_len, got=length
                ),
                spec.ai,
                code="length",
                ai=spec.ai,
            )
    elif length > spec.max_len:
        if spec.numeric:
            message = _("AI ({ai}) {label}: at most {max} digits, got {got} (is a GS separator missing?)")
        else:
            message = _("AI ({ai}) {label}: at most {max} characters, got {got} (is a GS separator missing?)")
        raise BarcodeError(
            message.format(ai=spec.ai, label=_label(spec), max=spec.max_len, got=length),
            spec.ai,
            code="length",
            ai=spec.ai,
        )
    if spec.check_digit:
        expected = mod10_check_digit(value[:-1])
        if ord(value[-1]) - 48 != expected:
            raise _check_digit_error(spec, value, expected)
    if spec.date:
        decode_date(spec, value, reference)


def _validate_generic(spec: AISpec, value: str, reference: dt.date) -> None:
    assert spec.pattern is not None
    if spec.pattern.fullmatch(spec.ai + value) is None:
        raise BarcodeError(
            _("AI ({ai}) {label}: {value} does not match the GS1 format {format}").format(
                ai=spec.ai, label=_label(spec), value=show(value), format=spec.data_format
            ),
            spec.ai,
            code="format",
            ai=spec.ai,
        )
    key_length = generic_key_length(spec.ai)
    if key_length is not None and len(value) >= key_length:
        key = value[:key_length]
        expected = mod10_check_digit(key[:-1])
        if ord(key[-1]) - 48 != expected:
            raise _check_digit_error(spec, key, expected)
    if spec.date:
        decode_date(spec, value[:6], reference, rule=spec.date)
        if spec.ai == "7007" and len(value) >= 12:
            decode_date(spec, value[6:12], reference, rule=spec.date)


# --- pairing rules ------------------------------------------------------------------

# From the GS1 Barcode Syntax Dictionary, for the AIs of FreshFlow's table.
# "req": each tuple is a set of alternatives, one of which must be present.
# "ex": AIs (or families like "393n") that must not be present.
# Deviation asked for by the issue: 02 needs 37 *or* 00 (the dictionary
# says 37), and 37 needs 02 (the dictionary also wants 00 with it).
_ITEM = ("01", "02", "8006", "8026")
_RULES: dict[str, dict[str, tuple]] = {
    "01": {"ex": ("02", "255", "37")},
    "02": {"req": (("37", "00"),)},
    "10": {"req": (_ITEM,)},
    "11": {"req": (_ITEM,)},
    "13": {"req": (_ITEM,)},
    "15": {"req": (_ITEM,)},
    "16": {"req": (_ITEM,)},
    "17": {"req": (("01", "02", "255", "8006", "8026"),)},
    "21": {"req": (("01", "8006"),), "ex": ("235",)},
    "37": {"req": (("02", "8026"),)},
    "310n": {"req": (("01", "02"),)},
    "320n": {"req": (("01", "02"),)},
    "330n": {"req": (("00", "01"),)},
    "392n": {"req": (("01", "02"),), "ex": ("393n",)},
    "420": {"ex": ("421",)},
}


def _family_of(ai: str) -> str:
    spec = ALL_AIS.get(ai)
    return spec.family if spec is not None else ai


def _ai_name(ai: str) -> str:
    spec = ALL_AIS.get(ai)
    return f"({ai}) {_label(spec)}" if spec else f"({ai})"


def check_pairing(ais: dict[str, str]) -> None:
    """Mandatory associations and invalid pairs between the AIs of one item."""
    present: set[str] = set()
    seen_family: dict[str, str] = {}
    for ai in ais:
        family = _family_of(ai)
        present.add(ai)
        present.add(family)
        if family != ai:
            other = seen_family.get(family)
            if other is not None and other != ai:
                raise BarcodeError(
                    _("AI ({a}) and AI ({b}) cannot be in the same barcode: both give the {label}").format(
                        a=other, b=ai, label=_label(ALL_AIS[ai])
                    ),
                    ai,
                    code="pairing",
                    ai=ai,
                )
            seen_family[family] = ai
    for ai in ais:
        family = _family_of(ai)
        rule = _RULES.get(ai) or _RULES.get(family)
        if rule is None:
            continue
        for excluded in rule.get("ex", ()):
            if excluded in present:
                other = next(a for a in ais if a == excluded or _family_of(a) == excluded)
                raise BarcodeError(
                    _("AI {first} and AI {second} cannot be in the same barcode").format(
                        first=_ai_name(ai), second=_ai_name(other)
                    ),
                    ai,
                    code="pairing",
                    ai=ai,
                )
        for alternatives in rule.get("req", ()):
            if not any(alt in present for alt in alternatives):
                names = [f"({alt})" for alt in alternatives]
                required = names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" or ") + names[-1]
                raise BarcodeError(
                    _("AI {ai} needs AI {required} in the same barcode").format(ai=_ai_name(ai), required=required),
                    ai,
                    code="pairing",
                    ai=ai,
                )
        if family == "392n":
            gtin = ais.get("01") or ais.get("02") or ""
            if not gtin.startswith("9"):
                raise BarcodeError(
                    _(
                        "AI {ai} is only allowed with the GTIN of a variable-measure item (starting with 9), got {gtin}"
                    ).format(ai=_ai_name(ai), gtin=gtin),
                    ai,
                    code="pairing",
                    ai=ai,
                )


# --- assembling -------------------------------------------------------------------


def collect(elements: Iterable[Element], reference: dt.date) -> dict[str, str]:
    """Validate every element; return AI -> value in scan order.

    An AI repeated with the same value is kept once; with a different value
    it is an error.
    """
    ais: dict[str, str] = {}
    for ai, value, _pos in elements:
        spec = ALL_AIS[ai]
        validate_value(spec, value, reference)
        previous = ais.get(ai)
        if previous is None:
            ais[ai] = value
        elif previous != value:
            raise BarcodeError(
                _("AI ({ai}) appears twice with different values: {first} and {second}").format(
                    ai=ai, first=show(previous), second=show(value)
                ),
                ai,
                code="duplicate",
                ai=ai,
            )
    if not ais:
        raise BarcodeError(_("The scan holds no GS1 data."), "scan", code="empty")
    return ais


def _scaled(value: str, decimals: int) -> Decimal:
    return Decimal(int(value)).scaleb(-decimals)


def to_grams(kg: Decimal) -> int:
    return int((kg * 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def build_result(
    ais: dict[str, str],
    *,
    raw: str,
    symbology: str | None,
    config: BarcodeConfig,
    reference: dt.date,
) -> ScanResult:
    """Check the pairing rules and decode the table's AIs into a result."""
    if config.enforce_pairing:
        check_pairing(ais)
    fields: dict[str, object] = {}
    for ai, value in ais.items():
        spec = ALL_AIS[ai]
        name = spec.field
        if name is None:
            continue
        if spec.date:
            fields[name] = decode_date(spec, value, reference)
        elif spec.decimals is not None:
            if name in fields:  # a second unit of the same measure (e.g. 310n and 320n): first wins
                continue
            fields[name] = _scaled(value, spec.decimals)
        elif name == "count":
            fields[name] = int(value)
        else:
            fields[name] = value
    price = fields.get("price")
    if isinstance(price, Decimal):
        cents = price * 100
        if cents == cents.to_integral_value():
            fields["price_cents"] = int(cents)
    net_kg = fields.get("net_weight_kg")
    lb = fields.get("net_weight_lb")
    if net_kg is None and isinstance(lb, Decimal):
        net_kg = (lb * _POUND_KG).quantize(_GRAM, rounding=ROUND_HALF_UP)
        fields["net_weight_kg"] = net_kg
    if isinstance(net_kg, Decimal):
        fields["net_weight_g"] = to_grams(net_kg)
    item_gtin = fields.get("gtin") or fields.get("content_gtin")
    variable = isinstance(item_gtin, str) and item_gtin.startswith("9")
    kind = "sscc" if "00" in ais and "01" not in ais else "gs1"
    return ScanResult(
        kind=kind,
        raw=raw,
        symbology=symbology,
        ais=ais,
        variable_measure=variable,
        **fields,  # type: ignore[arg-type]
    )
