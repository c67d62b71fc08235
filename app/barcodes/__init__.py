"""Barcode parsing for every station (DESIGN.md §6 ``barcode parse``, §7 scanners).

    from app.barcodes import parse_scan
    r = parse_scan("]C10109501101530003172501311012345")
    r.gtin, r.expiry, r.batch   # '09501101530003', date(2025, 1, 31), '12345'

Everything raises :class:`BarcodeError` (a :class:`app.errors.ValidationError`)
and nothing else. See ``docs/barcodes.md`` for formats, the AI table, the
variable-measure layouts and FreshFlow's own code scheme.
"""

from app.barcodes.ai_table import AI_TABLE, ALL_AIS, CHARSET_82, GS, PREDEFINED_LENGTHS, AISpec
from app.barcodes.checkdigits import mod10_check_digit, price_check_digit
from app.barcodes.config import (
    DEFAULT_CONFIG,
    DEFAULT_INTERNAL_PREFIXES,
    DEFAULT_VARIABLE_MEASURE_LAYOUTS,
    BarcodeConfig,
    VariableMeasureLayout,
)
from app.barcodes.errors import BarcodeError
from app.barcodes.internal import encode_internal
from app.barcodes.item_label import item_label
from app.barcodes.result import KINDS, ScanResult
from app.barcodes.retail import encode_variable_measure
from app.barcodes.scan import (
    MatchResult,
    format_scan_human,
    match_expected,
    normalise,
    parse_label,
    parse_scan,
    result_to_json,
    scan_to_json,
)

__all__ = [
    "AI_TABLE",
    "ALL_AIS",
    "CHARSET_82",
    "DEFAULT_CONFIG",
    "DEFAULT_INTERNAL_PREFIXES",
    "DEFAULT_VARIABLE_MEASURE_LAYOUTS",
    "GS",
    "KINDS",
    "PREDEFINED_LENGTHS",
    "AISpec",
    "BarcodeConfig",
    "BarcodeError",
    "MatchResult",
    "ScanResult",
    "VariableMeasureLayout",
    "encode_internal",
    "encode_variable_measure",
    "format_scan_human",
    "item_label",
    "match_expected",
    "mod10_check_digit",
    "normalise",
    "parse_label",
    "parse_scan",
    "price_check_digit",
    "result_to_json",
    "scan_to_json",
]
