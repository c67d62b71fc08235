"""FreshFlow's own codes: bins, totes, pick lists, orders, packages."""

from __future__ import annotations

import pytest

from app.barcodes import BarcodeConfig, BarcodeError, encode_internal, parse_scan
from tests.barcodes.helpers import CFG


@pytest.mark.parametrize(
    ("kind", "value", "text"),
    [
        ("bin", "SH1-C-A01-02-3", "B:SH1-C-A01-02-3"),
        ("tote", "T0042", "T:T0042"),
        ("pick_list", "000123", "PL:000123"),
        ("order", "FF-2025-000017", "O:FF-2025-000017"),
        ("package", "FF-2025-000017/2", "P:FF-2025-000017/2"),
    ],
)
def test_encode_and_parse_round_trip(kind, value, text):
    assert encode_internal(kind, value) == text
    for scanned in (text, "]C0" + text, text + "\r\n"):
        result = parse_scan(scanned, config=CFG)
        assert (result.kind, result.internal_kind, result.internal_value) == ("internal", kind, value)
        assert result.symbology == "Code 128"
        assert result.gtin is None


def test_encode_accepts_integers():
    assert encode_internal("pick_list", 123) == "PL:123"


def test_caps_lock_scan_is_read_in_capitals():
    result = parse_scan("pl:a-01", config=CFG)
    assert (result.internal_kind, result.internal_value) == ("pick_list", "A-01")


@pytest.mark.parametrize(
    ("kind", "value"),
    [("bin", ""), ("bin", "a-01"), ("bin", "A 01"), ("bin", "-A"), ("bin", "X" * 31), ("shelf", "A1"), ("bin", "Ä1")],
)
def test_encode_refuses_values_outside_the_scheme(kind, value):
    with pytest.raises(BarcodeError) as info:
        encode_internal(kind, value)
    assert info.value.code == "internal_code"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("X:123", "Unknown FreshFlow code type X (before the colon); expected one of: B (bin), T (tote)"),
        ("B:", "has no value"),
        ("B:A 1", "has the character"),
        ("B:A\x1d1", "has the character <GS>"),
        ("B:" + "9" * 31, "too long"),
    ],
)
def test_bad_internal_scans(text, needle):
    with pytest.raises(BarcodeError) as info:
        parse_scan(text, config=CFG)
    assert info.value.code == "internal_code"
    assert needle in str(info.value)


def test_internal_codes_never_look_like_gs1_or_ean():
    for kind in ("bin", "tote", "pick_list", "order", "package"):
        assert parse_scan(encode_internal(kind, "0109501101530003"), config=CFG).kind == "internal"


def test_configured_prefixes():
    config = BarcodeConfig(internal_prefixes={"LOC": "bin", "C": "cart"})
    assert encode_internal("cart", "7", config=config) == "C:7"
    assert parse_scan("LOC:A1", config=config).internal_kind == "bin"
    with pytest.raises(BarcodeError):
        parse_scan("B:A1", config=config)
    for bad in ({"b": "bin"}, {"ABCD": "bin"}, {"A": "bin", "B": "bin"}, {"1": "bin"}):
        with pytest.raises(BarcodeError):
            BarcodeConfig(internal_prefixes=bad)
