"""GS1 element strings: AI table, splitting, validation, dates, pairing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from app.barcodes import AI_TABLE, ALL_AIS, PREDEFINED_LENGTHS, BarcodeError, parse_label, parse_scan
from tests.barcodes.helpers import CFG, GLN, GS, GTIN14, GTIN14_VM, REF, SSCC, with_check, wrong_check


def parse(text: str, **kw):
    return parse_scan(text, config=dataclasses.replace(CFG, **kw) if kw else CFG)


def error_of(text: str, **kw) -> BarcodeError:
    with pytest.raises(BarcodeError) as info:
        parse(text, **kw)
    return info.value


# --- the AI table -------------------------------------------------------------------------

REQUIRED_AIS = {"00", "01", "02", "10", "11", "13", "15", "16", "17", "21", "37", "400", "410", "420"}
REQUIRED_FAMILIES = {"310": range(6), "320": range(6), "330": range(6), "392": range(10)}


def test_table_covers_the_issue_list():
    assert REQUIRED_AIS <= set(AI_TABLE)
    for head, ns in REQUIRED_FAMILIES.items():
        for n in ns:
            assert f"{head}{n}" in AI_TABLE


def test_table_agrees_with_the_predefined_length_rule():
    for ai, spec in AI_TABLE.items():
        if ai[:2] in PREDEFINED_LENGTHS:
            assert spec.min_len == spec.max_len == PREDEFINED_LENGTHS[ai[:2]] - len(ai), ai
    for ai, spec in ALL_AIS.items():
        from biip.gs1_application_identifiers import _GS1_APPLICATION_IDENTIFIERS

        assert spec.predefined == (not _GS1_APPLICATION_IDENTIFIERS[ai].separator_required), ai


def test_all_ais_are_prefix_free():
    codes = set(ALL_AIS)
    assert not [(a, b) for a in codes for b in codes if a != b and b.startswith(a)]


def _example(ai: str) -> str:
    spec = AI_TABLE[ai]
    if spec.check_digit:
        return {"00": SSCC, "01": GTIN14, "02": GTIN14, "410": GLN}[ai]
    if spec.date:
        return "250615"
    if spec.decimals is not None:
        return "001234" if spec.max_len == 6 else "12345"
    if spec.numeric:
        return "12"
    return "AB-1/2"


def _companions(ai: str) -> list[tuple[str, str]]:
    """Other element strings the pairing rules require with ``ai``."""
    if ai == "02":
        return [("37", "12")]
    if ai == "37":
        return [("02", GTIN14)]
    if ai[:3] == "392":
        return [("01", GTIN14_VM)]
    if ai in ("10", "11", "13", "15", "16", "17", "21") or ai[:3] in ("310", "320", "330"):
        return [("01", GTIN14)]
    return []


def _raw(pairs: list[tuple[str, str]]) -> str:
    return "".join(a + v + ("" if ALL_AIS[a].predefined else GS) for a, v in pairs)


@pytest.mark.parametrize("ai", sorted(AI_TABLE))
def test_every_ai_of_the_table_parses(ai):
    value = _example(ai)
    text = "]C1" + _raw(_companions(ai) + [(ai, value)])
    result = parse(text)
    assert result.ais[ai] == value
    assert result.symbology == "GS1-128"
    field = AI_TABLE[ai].field
    decoded = getattr(result, field)
    spec = AI_TABLE[ai]
    if spec.date:
        assert decoded == dt.date(2025, 6, 15)
    elif spec.decimals is not None:
        assert decoded == Decimal(int(value)).scaleb(-spec.decimals)
    elif ai == "37":
        assert decoded == 12
    else:
        assert decoded == value


@pytest.mark.parametrize("ai", sorted(AI_TABLE))
def test_every_ai_of_the_table_parses_in_human_readable_form(ai):
    value = _example(ai)
    hri = "".join(f"({a}){v}" for a, v in [(ai, value)] + _companions(ai))
    assert parse(hri).ais[ai] == value


# --- decimals and weights --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ai", "value", "kg", "grams"),
    [
        ("3100", "000002", Decimal("2"), 2000),
        ("3101", "000015", Decimal("1.5"), 1500),
        ("3102", "000150", Decimal("1.50"), 1500),
        ("3103", "001234", Decimal("1.234"), 1234),
        ("3104", "012345", Decimal("1.2345"), 1235),  # rounded half up to whole grams
        ("3105", "012344", Decimal("0.12344"), 123),
    ],
)
def test_net_weight_decimals_come_from_the_fourth_digit(ai, value, kg, grams):
    result = parse(f"01{GTIN14}{ai}{value}")
    assert result.net_weight_kg == kg
    assert str(result.net_weight_kg) == str(kg)
    assert result.net_weight_g == grams


def test_pounds_are_converted_to_kilograms_and_grams():
    result = parse(f"01{GTIN14}3202000100")  # 1.00 lb
    assert result.net_weight_lb == Decimal("1.00")
    assert result.net_weight_kg == Decimal("0.454")
    assert result.net_weight_g == 454


def test_kilograms_win_over_pounds():
    result = parse(f"01{GTIN14}31030012343202000100")
    assert result.net_weight_g == 1234


def test_gross_weight_is_separate_from_net_weight():
    result = parse(f"00{SSCC}3303012500")
    assert result.gross_weight_kg == Decimal("12.500")
    assert result.net_weight_kg is None


@pytest.mark.parametrize(("ai", "value", "price", "cents"), [
    ("3920", "399", Decimal("399"), 39900),
    ("3922", "399", Decimal("3.99"), 399),
    ("3923", "3999", Decimal("3.999"), None),  # not whole cents: no price_cents
    ("3929", "1", Decimal("1E-9"), None),
])  # fmt: skip
def test_price_decimals(ai, value, price, cents):
    result = parse(f"01{GTIN14_VM}{ai}{value}")
    assert result.price == price
    assert result.price_cents == cents
    assert result.variable_measure is True


# --- check digits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ai", "value", "needle"),
    [
        ("01", GTIN14, "Bad check digit in GTIN"),
        ("00", SSCC, "Bad check digit in SSCC"),
        ("410", GLN, "Bad check digit in GLN"),
    ],
)
def test_bad_check_digit_names_expected_and_got(ai, value, needle):
    bad = wrong_check(value)
    text = f"{ai}{bad}"
    err = error_of(text)
    assert err.code == "check_digit"
    assert err.field == ai
    assert needle in str(err)
    assert f"expected {value[-1]}, got {bad[-1]}" in str(err)


def test_bad_check_digit_in_content_gtin():
    err = error_of(f"02{wrong_check(GTIN14)}3712")
    assert "Bad check digit in GTIN" in str(err)


def test_generic_ai_with_gln_is_check_digit_validated():
    assert parse(f"414{GLN}").ais == {"414": GLN}
    assert error_of(f"414{wrong_check(GLN)}").code == "check_digit"


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yymmdd", "expected"),
    [
        ("250615", dt.date(2025, 6, 15)),
        ("250600", dt.date(2025, 6, 30)),  # DD=00: last day of the month
        ("240200", dt.date(2024, 2, 29)),  # leap year
        ("250200", dt.date(2025, 2, 28)),
        ("251200", dt.date(2025, 12, 31)),
        ("240229", dt.date(2024, 2, 29)),
    ],
)
def test_dates_and_day_zero(yymmdd, expected):
    assert parse(f"01{GTIN14}17{yymmdd}").expiry == expected


@pytest.mark.parametrize(
    ("yymmdd", "needle"),
    [
        ("251301", "there is no month 13"),
        ("250001", "there is no month 00"),
        ("250230", "2025-02 has 28 days, got day 30"),
        ("250229", "2025-02 has 28 days, got day 29"),
        ("250431", "2025-04 has 30 days, got day 31"),
        ("250132", "2025-01 has 31 days, got day 32"),
    ],
)
def test_impossible_dates_are_rejected(yymmdd, needle):
    err = error_of(f"01{GTIN14}15{yymmdd}")
    assert err.code == "date"
    assert err.field == "15"
    assert "AI (15) best before date" in str(err)
    assert needle in str(err)


@pytest.mark.parametrize(
    ("reference", "yy", "year"),
    [
        (dt.date(2025, 6, 15), "25", 2025),
        (dt.date(2025, 6, 15), "75", 2075),  # 50 years ahead: still this century
        (dt.date(2025, 6, 15), "76", 1976),  # 51 ahead: previous century
        (dt.date(2025, 6, 15), "00", 2000),
        (dt.date(2025, 6, 15), "99", 1999),
        (dt.date(2080, 1, 1), "30", 2130),  # 50 back: next century
        (dt.date(2080, 1, 1), "31", 2031),  # 49 back: this century
        (dt.date(1999, 12, 31), "00", 2000),
        (dt.date(1999, 12, 31), "49", 2049),
        (dt.date(1999, 12, 31), "50", 1950),
    ],
)
def test_century_sliding_window(reference, yy, year):
    result = parse(f"01{GTIN14}17{yy}0101", reference_date=reference)
    assert result.expiry == dt.date(year, 1, 1)


def test_century_window_decides_leap_day():
    # 00 is 2000 (leap) near 2025, but 2100 (not leap) as seen from 2080.
    assert parse(f"01{GTIN14}17000229").expiry == dt.date(2000, 2, 29)
    err = error_of(f"01{GTIN14}17000229", reference_date=dt.date(2080, 1, 1))
    assert "2100-02 has 28 days" in str(err)


def test_default_reference_date_is_today():
    yy = dt.date.today().strftime("%y")
    result = parse_scan(f"01{GTIN14}17{yy}0101")
    assert result.expiry == dt.date(dt.date.today().year, 1, 1)


@pytest.mark.parametrize("ai", ["11", "13", "15", "16", "17"])
def test_all_date_ais_decode(ai):
    result = parse(f"01{GTIN14}{ai}251000")
    field = AI_TABLE[ai].field
    assert getattr(result, field) == dt.date(2025, 10, 31)


def test_generic_date_ai_is_validated():
    assert parse(f"01{GTIN14}7007250601").ais["7007"] == "250601"  # harvest date
    assert error_of(f"01{GTIN14}7007251301").code == "date"
    assert error_of(f"01{GTIN14}7007250601250631").code == "date"  # second date of a range
    assert error_of(f"01{GTIN14}7006250600").code == "date"  # DD=00 not allowed for 7006


# --- lengths and character sets --------------------------------------------------------------


def test_fixed_length_too_short_at_end_of_data():
    err = error_of(f"01{GTIN14}1725061")
    assert err.code == "length"
    assert "AI (17) expiry date: expected 6 digits, got 5" in str(err)


def test_fixed_length_cut_by_gs():
    err = error_of(f"01{GTIN14}17250{GS}10ABC")
    assert "expected 6 digits, got 3" in str(err)


def test_variable_length_too_long_hints_at_missing_separator():
    err = error_of(f"01{GTIN14}10{'A' * 21}")
    assert err.code == "length"
    assert "AI (10) batch/lot: at most 20 characters, got 21" in str(err)
    assert "separator" in str(err)


def test_variable_length_at_maximum_is_accepted():
    assert parse(f"01{GTIN14}10{'A' * 20}").batch == "A" * 20
    assert parse(f"02{GTIN14}37{'9' * 8}").count == 99_999_999


def test_count_too_long():
    err = error_of(f"02{GTIN14}37{'1' * 9}")
    assert "at most 8 digits, got 9" in str(err)


def test_empty_variable_value():
    err = error_of(f"01{GTIN14}10{GS}17250615")
    assert "AI (10) batch/lot: the value is missing" in str(err)


def test_non_digit_in_numeric_field():
    err = error_of(f"01{GTIN14}1725A615")
    assert err.code == "charset"
    assert "expected digits only, got A at position 3" in str(err)


@pytest.mark.parametrize("char", [" ", "#", "$", "@", "[", "~", "é", "\x07", "\u00a0", "中"])
def test_characters_outside_set_82_are_rejected(char):
    err = error_of(f"01{GTIN14}10AB{char}C")
    assert err.code == "charset"
    assert "not allowed" in str(err)


def test_all_of_set_82_is_accepted():
    value = "!\"%&'()*+,-./:;<=>?_"
    assert parse(f"01{GTIN14}10{value}").batch == value


def test_unicode_digits_are_not_digits():
    # str.isdigit() says True for Arabic-Indic digits; biip's Gtin accepts them.
    err = error_of("01" + "٠٩٥٠١١٠١٥٣٠٠٠٣")
    assert err.code == "unknown_ai" or err.code == "charset"
    err = error_of(f"01{GTIN14}17٢٥٠٦١٥")
    assert err.code == "charset"


def test_full_width_characters_from_an_ime_are_read_as_ascii():
    full = "".join(chr(ord(c) + 0xFEE0) for c in f"01{GTIN14}10ABC")
    assert parse(full).batch == "ABC"


# --- GS handling and the predefined-length rule -------------------------------------------------


def test_predefined_length_ais_need_no_separator():
    result = parse(f"01{GTIN14}17250615{'3103'}001234{'11'}250601{'10'}LOT7")
    assert result.ais == {"01": GTIN14, "17": "250615", "3103": "001234", "11": "250601", "10": "LOT7"}


def test_separator_after_a_predefined_length_ai_is_tolerated():
    assert parse(f"01{GTIN14}{GS}17250615{GS}10LOT").batch == "LOT"


def test_variable_length_ai_ends_at_gs():
    result = parse(f"01{GTIN14}10LOT7{GS}21SER9{GS}17250615")
    assert (result.batch, result.serial, result.expiry) == ("LOT7", "SER9", dt.date(2025, 6, 15))


def test_variable_length_ai_last_runs_to_end_of_data():
    assert parse(f"01{GTIN14}17250615{'10'}LOT7").batch == "LOT7"


def test_gs_at_end_after_variable_length_ai_last():
    result = parse(f"01{GTIN14}10LOT7{GS}")
    assert result.batch == "LOT7"
    assert result.ais == {"01": GTIN14, "10": "LOT7"}


def test_gs_at_end_after_fixed_length_ai_last():
    assert parse(f"10LOT7{GS}01{GTIN14}{GS}").gtin == GTIN14


def test_leading_gs_is_fnc1_in_first_position():
    assert parse(f"{GS}01{GTIN14}10LOT").batch == "LOT"
    assert parse(f"]C1{GS}01{GTIN14}10LOT").batch == "LOT"


def test_without_gs_a_variable_field_swallows_the_rest():
    # The GS1 rule: a variable-length value ends only at GS or the end.
    result = parse(f"01{GTIN14}10LOT717250615")
    assert result.batch == "LOT717250615"
    assert result.expiry is None


def test_double_gs_is_tolerated():
    assert parse(f"01{GTIN14}10A{GS}{GS}21B").serial == "B"


def test_split_never_uses_whitespace_semantics():
    # str.split()/strip() without arguments would treat GS as whitespace.
    text = f"  01{GTIN14}10 LOT{GS}\r\n"
    assert error_of(text).code == "charset"  # the space inside the lot is kept and rejected
    assert parse(f"\r\n01{GTIN14}10LOT{GS}\r\n").batch == "LOT"


def test_unknown_ai():
    err = error_of(f"01{GTIN14}23ABC")
    assert err.code == "unknown_ai"
    assert "Unknown GS1 Application Identifier at position 17: 23AB" in str(err)


def test_letters_where_an_ai_is_expected():
    err = error_of("]C1ABC")
    assert err.code == "unknown_ai"
    assert "must start with a GS1 Application Identifier" in str(err)


def test_other_gs1_ais_are_accepted_with_their_raw_value():
    result = parse(f"01{GTIN14}7003250615123{'0'}{GS}90FRESH{GS}422156")
    assert result.ais["7003"] == "2506151230"
    assert result.ais["90"] == "FRESH"
    assert result.ais["422"] == "156"


def test_other_ai_format_is_checked():
    err = error_of(f"01{GTIN14}422ABC")
    assert err.code == "format"
    assert "does not match the GS1 format N3" in str(err)


def test_duplicate_ai_same_value_is_kept_once():
    assert parse(f"01{GTIN14}10A{GS}01{GTIN14}").ais == {"01": GTIN14, "10": "A"}


def test_duplicate_ai_different_value():
    err = error_of(f"01{GTIN14}10A{GS}10B")
    assert err.code == "duplicate"
    assert "AI (10) appears twice with different values: A and B" in str(err)


# --- human-readable form ------------------------------------------------------------------------


def test_human_readable_form():
    result = parse(f"(01){GTIN14}(17)250600(10)ABC123")
    assert result.ais == {"01": GTIN14, "17": "250600", "10": "ABC123"}
    assert result.expiry == dt.date(2025, 6, 30)
    assert result.symbology is None


def test_human_readable_form_ignores_spaces():
    assert parse(f"(01) {GTIN14[:7]} {GTIN14[7:]} (10) L1").batch == "L1"


def test_human_readable_value_may_contain_brackets():
    assert parse(f"(01){GTIN14}(10)A(B)1").batch == "A(B)1"


def test_human_readable_unknown_ai():
    err = error_of(f"(01){GTIN14}(23)X")
    assert "Unknown GS1 Application Identifier (23)" in str(err)


def test_human_readable_must_start_with_an_ai():
    assert error_of("(ABC)123").code == "unknown_ai"
    assert error_of("(1)23").code == "unknown_ai"


def test_human_readable_lengths_are_checked():
    assert "expected 14 digits, got 13" in str(error_of(f"(01){GTIN14[1:]}"))


def test_hri_property_round_trips():
    result = parse(f"01{GTIN14}17250615{'10'}L1")
    assert result.hri == f"(01){GTIN14}(17)250615(10)L1"
    assert parse(result.hri).ais == result.ais


# --- symbology identifiers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "label"),
    [("]C1", "GS1-128"), ("]d2", "GS1 DataMatrix"), ("]Q3", "GS1 QR"), ("]e0", "GS1 DataBar"), ("]J1", "GS1 DotCode")],
)
def test_gs1_symbology_identifiers(prefix, label):
    result = parse(f"{prefix}01{GTIN14}10L1{GS}17250615")
    assert result.symbology == label
    assert result.kind == "gs1"
    assert result.batch == "L1"


def test_malformed_symbology_identifier():
    for text in ["]", "]C", "]Y", "]Yx1", "]?1abc"]:
        err = error_of(text)
        assert err.code in ("symbology", "empty"), text


def test_gs1_symbology_with_no_data():
    err = error_of("]C1")
    assert err.code == "empty"
    assert "GS1-128" in str(err)


# --- pairing rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (f"02{GTIN14}", "AI (02) GTIN of contained items needs AI (37) or (00)"),
        ("3712", "AI (37) count of contained items needs AI (02) or (8026)"),
        ("10LOT", "needs AI (01), (02), (8006) or (8026)"),
        ("]C117250615", "AI (17) expiry date needs AI (01), (02), (255), (8006) or (8026)"),
        ("21SER", "AI (21) serial number needs AI (01) or (8006)"),
        ("3103001234", "AI (3103) net weight (kg) needs AI (01) or (02)"),
        ("3203001234", "AI (3203) net weight (lb) needs AI (01) or (02)"),
        ("3303001234", "AI (3303) gross weight (kg) needs AI (00) or (01)"),
        ("392212345", "AI (3922) price needs AI (01) or (02)"),
    ],
)
def test_mandatory_associations(text, needle):
    err = error_of(text)
    assert err.code == "pairing"
    assert needle in str(err)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (f"01{GTIN14}02{GTIN14}3712", "AI (01) GTIN and AI (02) GTIN of contained items cannot be"),
        (f"01{GTIN14}3712", "AI (01) GTIN and AI (37) count of contained items cannot be"),
        (f"01{GTIN14}3102000150{'3103'}001500", "AI (3102) and AI (3103) cannot be in the same barcode"),
        (f"01{GTIN14_VM}39221{GS}39231", "AI (3922) and AI (3923) cannot be in the same barcode"),
        (f"01{GTIN14_VM}39221{GS}3932978123", "cannot be in the same barcode"),
        (f"01{GTIN14}21S{GS}235TPX", "cannot be in the same barcode"),
        (f"420PC1{GS}421276PC", "cannot be in the same barcode"),
    ],
)
def test_invalid_pairs(text, needle):
    err = error_of(text)
    assert err.code == "pairing"
    assert needle in str(err)


def test_price_needs_a_variable_measure_gtin():
    err = error_of(f"01{GTIN14}392212345")
    assert "variable-measure item (starting with 9)" in str(err)
    assert parse(f"01{GTIN14_VM}392212345").price_cents == 12345


def test_logistic_label_pairings():
    result = parse(f"00{SSCC}02{GTIN14}3712{GS}10L1{GS}15250615")
    assert (result.kind, result.sscc, result.content_gtin, result.count) == ("sscc", SSCC, GTIN14, 12)
    assert result.gtin is None
    assert parse(f"00{SSCC}02{GTIN14}").content_gtin == GTIN14  # 02 with 00 (issue's rule)
    assert parse(f"02{GTIN14}3712").count == 12


def test_sscc_alone_is_kind_sscc():
    result = parse(f"]C100{SSCC}")
    assert result.kind == "sscc"
    assert result.sscc == SSCC


def test_ship_to_and_order_ais_need_nothing():
    result = parse(f"400PO-77{GS}410{GLN}420100020")
    assert (result.purchase_order, result.ship_to_gln, result.ship_to_postcode) == ("PO-77", GLN, "100020")


def test_pairing_can_be_switched_off():
    assert parse("10LOT", enforce_pairing=False).batch == "LOT"


def test_label_split_over_two_barcodes():
    first = f"]C101{GTIN14_VM}3103001234"
    second = "]C11525061510LOT9"
    with pytest.raises(BarcodeError):
        parse(second)
    result = parse_label([first, second], config=CFG)
    assert (result.gtin, result.batch, result.net_weight_g) == (GTIN14_VM, "LOT9", 1234)
    assert result.best_before == dt.date(2025, 6, 15)
    with pytest.raises(BarcodeError) as info:
        parse_label([second, "]C110OTHER"], config=CFG)
    assert info.value.code == "duplicate"
    with pytest.raises(BarcodeError):
        parse_label(["B:A1"], config=CFG)


# --- GS1 Digital Link ----------------------------------------------------------------------------


def test_digital_link():
    result = parse(f"https://id.gs1.org/01/{GTIN14}/10/AB%2F1?17=250600&3103=000500")
    assert result.ais == {"01": GTIN14, "10": "AB/1", "17": "250600", "3103": "000500"}
    assert result.expiry == dt.date(2025, 6, 30)
    assert result.net_weight_g == 500


def test_digital_link_values_are_validated_by_freshflow():
    assert error_of(f"https://id.gs1.org/01/{wrong_check(GTIN14)}").code == "check_digit"
    assert error_of(f"https://id.gs1.org/01/{GTIN14}?17=250230").code == "date"
    assert error_of("https://example.com/hello").code == "format"


def test_reference_date_is_fixed_in_these_tests():
    assert CFG.today() == REF
    assert with_check("0950110153000") == GTIN14
