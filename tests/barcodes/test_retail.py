"""EAN-13, EAN-8, UPC-A, UPC-E, ITF-14, bare SSCC and variable-measure EAN-13."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.barcodes import (
    DEFAULT_CONFIG,
    DEFAULT_VARIABLE_MEASURE_LAYOUTS,
    BarcodeConfig,
    BarcodeError,
    VariableMeasureLayout,
    encode_variable_measure,
    parse_scan,
    price_check_digit,
)
from tests.barcodes.helpers import CFG, EAN8, EAN13, GTIN14, SSCC, UPCA, with_check, wrong_check


def parse(text: str, config: BarcodeConfig = CFG):
    return parse_scan(text, config=config)


def error_of(text: str, config: BarcodeConfig = CFG) -> BarcodeError:
    with pytest.raises(BarcodeError) as info:
        parse(text, config)
    return info.value


# --- plain GTINs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "symbology", "gtin"),
    [
        (EAN13, "ean13", "EAN-13", "0" + EAN13),
        ("]E0" + EAN13, "ean13", "EAN-13", "0" + EAN13),
        (EAN8, "ean8", "EAN-8", "000000" + EAN8),
        ("]E4" + EAN8, "ean8", "EAN-8", "000000" + EAN8),
        (UPCA, "upca", "UPC-A", "00" + UPCA),
        ("0" + UPCA, "upca", "UPC-A", "00" + UPCA),  # GTIN-12 sent as 13 digits
        ("]E00" + UPCA, "upca", "UPC-A", "00" + UPCA),
        ("]E0" + UPCA, "upca", "UPC-A", "00" + UPCA),  # scanner set to drop the leading 0
        ("]E004252614", "upce", "UPC-E", "00042100005264"),
        (GTIN14, "gtin14", "ITF-14", GTIN14),
        ("]I1" + GTIN14, "gtin14", "ITF-14", GTIN14),
        ("]E3" + EAN13 + "12", "ean13", "EAN-13", "0" + EAN13),  # 2-digit add-on ignored
        ("]E3" + EAN13 + "12345", "ean13", "EAN-13", "0" + EAN13),
    ],
)
def test_plain_gtins(text, kind, symbology, gtin):
    result = parse(text)
    assert (result.kind, result.symbology, result.gtin) == (kind, symbology, gtin)
    assert result.variable_measure is False
    assert result.ais == {}


@pytest.mark.parametrize("code", [EAN13, EAN8, UPCA, GTIN14])
def test_plain_gtin_bad_check_digit(code):
    bad = wrong_check(code)
    err = error_of(bad)
    assert err.code == "check_digit"
    assert err.field == "gtin"
    assert str(err) == f"Bad check digit in GTIN {bad}: expected {code[-1]}, got {bad[-1]}"


def test_itf14_with_indicator_9_is_variable_measure():
    assert parse(with_check("9950110153000")).variable_measure is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("]E0123", "length"),
        ("]E0" + EAN13 + "1", "length"),
        ("]E4" + EAN13, "length"),
        ("]I1" + EAN13, "length"),
        ("]E0ABCDEFGHIJKLM", "charset"),
        ("]E3" + EAN13, "length"),
        ("]E112", "symbology"),  # add-on alone
        ("]E012345678", "check_digit"),  # not a valid UPC-E
    ],
)
def test_ean_symbology_errors(text, code):
    assert error_of(text).code == code


def test_bare_sscc():
    result = parse(SSCC)
    assert (result.kind, result.sscc, result.symbology) == ("sscc", SSCC, None)
    assert "Bad check digit in SSCC" in str(error_of(wrong_check(SSCC)))


# --- variable measure -------------------------------------------------------------------------

WEIGHT, PRICE = DEFAULT_VARIABLE_MEASURE_LAYOUTS


def test_default_layouts_are_documented_values():
    assert WEIGHT.prefixes == ("20", "21", "22", "23", "24")
    assert PRICE.prefixes == ("25", "26", "27", "28", "29")
    assert WEIGHT.pattern == PRICE.pattern == "PPIIIICVVVVVK"
    assert (WEIGHT.measure, WEIGHT.decimals, PRICE.measure, PRICE.decimals) == ("weight", 3, "price", 2)


def test_default_weight_label():
    # 21 1234 C 01250 K : item 1234, 1.250 kg
    body = "211234" + str(price_check_digit("01250")) + "01250"
    code = with_check(body)
    result = parse(code)
    assert result.kind == "variable_measure"
    assert result.variable_measure is True
    assert result.item_code == "1234"
    assert result.net_weight_g == 1250
    assert result.net_weight_kg == Decimal("1.250")
    assert result.price_cents is None
    # the item's GTIN with the value zeroed: the same for every weight
    assert result.gtin == "0" + with_check("211234" + "0" + "00000")


def test_default_price_label():
    code = encode_variable_measure(PRICE, "0042", 1299)
    assert code[:2] == "25"
    result = parse(code)
    assert (result.price_cents, result.price, result.item_code) == (1299, Decimal("12.99"), "0042")
    assert result.net_weight_g is None


def test_same_item_has_same_gtin_for_any_weight():
    gtins = {parse(encode_variable_measure(WEIGHT, "0815", w)).gtin for w in (1, 250, 99999)}
    assert len(gtins) == 1


def test_bad_value_check_digit():
    body = "201234" + str((price_check_digit("01250") + 1) % 10) + "01250"
    err = error_of(with_check(body))
    assert err.code == "check_digit"
    assert err.field == "weight"
    assert f"Bad check digit for the weight 01250 in {with_check(body)}: expected {price_check_digit('01250')}" in str(
        err
    )


def test_ean_check_digit_is_checked_before_the_value():
    code = encode_variable_measure(WEIGHT, "1234", 1250)
    assert "Bad check digit in GTIN" in str(error_of(wrong_check(code)))


@pytest.mark.parametrize(
    ("layout", "value", "field", "expected"),
    [
        # 5-digit item code, 5-digit weight in grams, no value check digit
        (VariableMeasureLayout(("28",), "weight", 5, 5, False, 3), 1234, "net_weight_g", 1234),
        # 6-digit item code, 4-digit weight in 10 g units (kg with 2 decimals)
        (VariableMeasureLayout(("23",), "weight", 6, 4, False, 2), 125, "net_weight_g", 1250),
        # 5-digit item code, 4-digit price with check digit
        (VariableMeasureLayout(("22",), "price", 5, 4, True, 2), 799, "price_cents", 799),
        # 4-digit item code, 5-digit price without check digit, whole currency units
        (VariableMeasureLayout(("29",), "price", 5, 5, False, 0), 12, "price_cents", 1200),
        # weight with a 4-digit value and check digit
        (VariableMeasureLayout(("24",), "weight", 5, 4, True, 3), 9999, "net_weight_g", 9999),
    ],
)
def test_configurable_layouts(layout, value, field, expected):
    config = BarcodeConfig(variable_measure_layouts=(layout,), reference_date=CFG.reference_date)
    item = "1" * layout.item_digits
    code = encode_variable_measure(layout, item, value)
    assert len(code) == 13
    result = parse(code, config)
    assert result.kind == "variable_measure"
    assert getattr(result, field) == expected
    assert result.item_code == item
    if layout.value_check_digit:
        check_pos = 2 + layout.item_digits
        broken = code[:check_pos] + str((int(code[check_pos]) + 1) % 10) + code[check_pos + 1 : 12]
        assert error_of(with_check(broken), config).code == "check_digit"


def test_prefix_without_layout_is_a_plain_ean13():
    config = BarcodeConfig(variable_measure_layouts=(WEIGHT,))
    code = encode_variable_measure(PRICE, "0042", 1299)
    result = parse(code, config)
    assert (result.kind, result.variable_measure, result.gtin) == ("ean13", False, "0" + code)


def test_no_layouts_at_all():
    config = BarcodeConfig(variable_measure_layouts=())
    assert parse(encode_variable_measure(WEIGHT, "1234", 5), config).kind == "ean13"


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(prefixes=("30",), measure="weight", item_digits=4, value_digits=5, value_check_digit=True, decimals=3),
        dict(prefixes=(), measure="weight", item_digits=4, value_digits=5, value_check_digit=True, decimals=3),
        dict(prefixes=("20",), measure="weight", item_digits=5, value_digits=5, value_check_digit=True, decimals=3),
        dict(prefixes=("20",), measure="weight", item_digits=4, value_digits=6, value_check_digit=False, decimals=4),
        dict(prefixes=("20",), measure="volume", item_digits=4, value_digits=5, value_check_digit=True, decimals=3),
        dict(prefixes=("20",), measure="weight", item_digits=7, value_digits=3, value_check_digit=True, decimals=3),
        dict(prefixes=("20",), measure="price", item_digits=4, value_digits=5, value_check_digit=True, decimals=3),
    ],
)
def test_invalid_layouts_are_refused(kwargs):
    with pytest.raises(BarcodeError) as info:
        VariableMeasureLayout(**kwargs)
    assert info.value.code == "config"


def test_prefix_in_two_layouts_is_refused():
    with pytest.raises(BarcodeError):
        BarcodeConfig(variable_measure_layouts=(WEIGHT, VariableMeasureLayout(("24",), "price", 4, 5, True, 2)))


def test_encode_variable_measure_refuses_what_does_not_fit():
    with pytest.raises(BarcodeError):
        encode_variable_measure(WEIGHT, "123", 1)
    with pytest.raises(BarcodeError):
        encode_variable_measure(WEIGHT, "1234", 100000)


def test_default_config_is_the_documented_one():
    assert DEFAULT_CONFIG.variable_measure_layouts == DEFAULT_VARIABLE_MEASURE_LAYOUTS
    assert DEFAULT_CONFIG.enforce_pairing is True
    assert DEFAULT_CONFIG.reference_date is None
