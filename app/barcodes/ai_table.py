"""GS1 Application Identifiers: FreshFlow's table plus biip's full dictionary.

FreshFlow decodes and fully validates the AIs in :data:`AI_TABLE` (the ones
fresh-produce labels and logistic labels use). Every other AI of the GS1
General Specifications is still accepted: its value is checked against the
format from biip's bundled AI dictionary and reported in ``ais`` untouched.

The separator rule goes by the AI's first two digits
(:data:`PREDEFINED_LENGTHS`, GS1 General Specifications figure 7.8.5-2): an
AI starting with one of those has a predefined length and is never followed
by a GS; every other AI ends at the next GS (FNC1) or at the end of the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from biip.gs1_application_identifiers import _GS1_APPLICATION_IDENTIFIERS

from app.i18n import N_

#: First two digits of an AI -> total length (AI + data) of an element string
#: of predefined length. Includes the reserved prefixes 03, 04, 14, 18, 19.
PREDEFINED_LENGTHS: dict[str, int] = {
    "00": 20, "01": 16, "02": 16, "03": 16, "04": 18,
    "11": 8, "12": 8, "13": 8, "14": 8, "15": 8, "16": 8, "17": 8, "18": 8, "19": 8,
    "20": 4,
    "31": 10, "32": 10, "33": 10, "34": 10, "35": 10, "36": 10,
    "41": 16,
}  # fmt: skip

#: GS1 AI encodable character set 82 (GS1 General Specifications figure 7.11-1).
CHARSET_82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)

GS = "\x1d"


@dataclass(frozen=True, slots=True)
class AISpec:
    """One Application Identifier.

    ``label`` is the English name used in messages (translated when shown);
    ``numeric`` is True for ``N`` fields, False for character set 82 (``X``);
    ``min_len``/``max_len`` are the data lengths (equal for fixed length);
    ``check_digit`` means the whole value ends in a GS1 mod-10 check digit;
    ``date`` is ``"yymmd0"`` (DD=00 allowed, meaning the last day of the
    month), ``"yymmdd"`` or None; ``decimals`` is the implied decimal point
    of measures and amounts (the AI's 4th digit); ``field`` names the
    :class:`~app.barcodes.ScanResult` attribute it decodes into.

    AIs outside FreshFlow's table have ``generic=True`` and are validated by
    ``pattern`` (biip's regular expression) only.
    """

    ai: str
    label: str
    data_format: str
    numeric: bool = True
    min_len: int = 1
    max_len: int = 1
    check_digit: bool = False
    date: str | None = None
    decimals: int | None = None
    field: str | None = None
    generic: bool = False
    pattern: re.Pattern[str] | None = None

    predefined: bool = dc_field(init=False)
    """True if no GS follows this AI (the first-two-digits rule)."""
    fixed_length: int | None = dc_field(init=False)
    """The data length if the AI has a predefined length, else None."""
    family: str = dc_field(init=False)
    """``"310n"`` for 3100..3105 and the like (measures and amounts with the
    decimals in the 4th digit); the AI itself otherwise."""

    def __post_init__(self) -> None:
        total = PREDEFINED_LENGTHS.get(self.ai[:2])
        object.__setattr__(self, "predefined", total is not None)
        object.__setattr__(self, "fixed_length", None if total is None else total - len(self.ai))
        measure = len(self.ai) == 4 and self.ai[:2] in ("31", "32", "33", "34", "35", "36", "39")
        object.__setattr__(self, "family", self.ai[:3] + "n" if measure else self.ai)


def _n(ai: str, label: str, length: int, **kw) -> AISpec:
    return AISpec(ai, label, f"N{length}", True, length, length, **kw)


def _nvar(ai: str, label: str, max_len: int, **kw) -> AISpec:
    return AISpec(ai, label, f"N..{max_len}", True, 1, max_len, **kw)


def _x(ai: str, label: str, max_len: int, **kw) -> AISpec:
    return AISpec(ai, label, f"X..{max_len}", False, 1, max_len, **kw)


def _build_table() -> dict[str, AISpec]:
    specs = [
        _n("00", N_("SSCC"), 18, check_digit=True, field="sscc"),
        _n("01", N_("GTIN"), 14, check_digit=True, field="gtin"),
        _n("02", N_("GTIN of contained items"), 14, check_digit=True, field="content_gtin"),
        _x("10", N_("batch/lot"), 20, field="batch"),
        _n("11", N_("production date"), 6, date="yymmd0", field="production_date"),
        _n("13", N_("packaging date"), 6, date="yymmd0", field="packaging_date"),
        _n("15", N_("best before date"), 6, date="yymmd0", field="best_before"),
        _n("16", N_("sell by date"), 6, date="yymmd0", field="sell_by"),
        _n("17", N_("expiry date"), 6, date="yymmd0", field="expiry"),
        _x("21", N_("serial number"), 20, field="serial"),
        _nvar("37", N_("count of contained items"), 8, field="count"),
        _x("400", N_("customer's purchase order number"), 30, field="purchase_order"),
        _n("410", N_("ship-to GLN"), 13, check_digit=True, field="ship_to_gln"),
        _x("420", N_("ship-to postal code"), 20, field="ship_to_postcode"),
    ]
    for n in range(6):
        specs.append(_n(f"310{n}", N_("net weight (kg)"), 6, decimals=n, field="net_weight_kg"))
        specs.append(_n(f"320{n}", N_("net weight (lb)"), 6, decimals=n, field="net_weight_lb"))
        specs.append(_n(f"330{n}", N_("gross weight (kg)"), 6, decimals=n, field="gross_weight_kg"))
    for n in range(10):
        specs.append(_nvar(f"392{n}", N_("price"), 15, decimals=n, field="price"))
    return {spec.ai: spec for spec in specs}


#: FreshFlow's fully supported AIs, by AI.
AI_TABLE: dict[str, AISpec] = _build_table()

#: Generic AIs whose first 6 data digits are a date (validated like the
#: table's dates, DD=00 allowed only where the GS1 syntax dictionary says
#: ``yymmd0``). 7007 (harvest date) may hold a second date in digits 7-12.
_GENERIC_DATES: dict[str, str] = {
    "12": "yymmd0", "4324": "yymmdd", "4325": "yymmdd", "4326": "yymmdd",
    "7003": "yymmdd", "7006": "yymmdd", "7007": "yymmdd", "7011": "yymmdd", "8008": "yymmdd",
}  # fmt: skip

#: Generic AIs whose value starts with a GS1 key carrying a mod-10 check
#: digit: AI -> length of that key.
_GENERIC_CHECK_DIGITS: dict[str, int] = {
    "253": 13, "255": 13, "402": 17, "411": 13, "412": 13, "413": 13, "414": 13,
    "415": 13, "416": 13, "417": 13, "8006": 14, "8017": 18, "8018": 18, "8026": 14,
}  # fmt: skip


def _build_all() -> dict[str, AISpec]:
    out: dict[str, AISpec] = {}
    for code, ai in _GS1_APPLICATION_IDENTIFIERS.items():
        if code in AI_TABLE:
            out[code] = AI_TABLE[code]
            continue
        data_format = ai.format.split("+", 1)[1] if "+" in ai.format else ai.format
        out[code] = AISpec(
            ai=code,
            label=ai.data_title,
            data_format=data_format,
            numeric=False,
            min_len=0,
            max_len=0,
            date=_GENERIC_DATES.get(code),
            generic=True,
            pattern=re.compile(ai.pattern, re.ASCII),
        )
    # Our table must be a subset of the GS1 dictionary biip ships.
    missing = set(AI_TABLE) - set(out)
    if missing:  # pragma: no cover - guards a biip downgrade
        raise RuntimeError(f"biip's AI dictionary lacks {sorted(missing)}")
    return out


#: Every AI known to the GS1 General Specifications (via biip), by AI.
ALL_AIS: dict[str, AISpec] = _build_all()


def generic_key_length(ai: str) -> int | None:
    return _GENERIC_CHECK_DIGITS.get(ai)


def lookup_ai(data: str, pos: int) -> AISpec | None:
    """The AI starting at ``data[pos]``, or None. GS1 AIs are prefix-free."""
    for length in (2, 3, 4):
        spec = ALL_AIS.get(data[pos : pos + length])
        if spec is not None:
            return spec
    return None
