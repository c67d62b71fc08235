"""Check digit algorithms, and what biip does that made FreshFlow add its own checks."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from biip import ParseError
from biip.checksums import gs1_price_weight_check_digit, gs1_standard_check_digit
from biip.gs1_element_strings import GS1ElementString
from biip.gtin import Gtin

from app.barcodes.checkdigits import (
    WEIGHT_2_MINUS,
    WEIGHT_3,
    WEIGHT_5_MINUS,
    WEIGHT_5_PLUS,
    is_digits,
    mod10_check_digit,
    price_check_digit,
)


@pytest.mark.parametrize(
    ("payload", "digit"),
    [("950110153000", 3), ("400638133393", 1), ("9638507", 4), ("03600029145", 2), ("35012345000000001", 6)],
)
def test_mod10(payload, digit):
    assert mod10_check_digit(payload) == digit


def test_mod10_agrees_with_biip_on_many_values():
    for n in range(0, 10**6, 7919):
        payload = str(n).zfill(13)
        assert mod10_check_digit(payload) == gs1_standard_check_digit(payload)


def test_weighting_tables_of_the_general_specifications():
    assert WEIGHT_2_MINUS == (0, 2, 4, 6, 8, 9, 1, 3, 5, 7)
    assert WEIGHT_3 == (0, 3, 6, 9, 2, 5, 8, 1, 4, 7)
    assert WEIGHT_5_PLUS == (0, 5, 1, 6, 2, 7, 3, 8, 4, 9)
    assert WEIGHT_5_MINUS == (0, 5, 9, 4, 8, 3, 7, 2, 6, 1)


def test_price_check_digit_examples_from_the_general_specifications():
    assert price_check_digit("2875") == 9  # §7.9.3
    assert price_check_digit("14685") == 6  # §7.9.4


@pytest.mark.parametrize("length", [4, 5])
def test_price_check_digit_agrees_with_biip_for_every_value(length):
    for digits in itertools.product("0123456789", repeat=length):
        value = "".join(digits)
        assert price_check_digit(value) == gs1_price_weight_check_digit(value)


def test_price_check_digit_other_lengths():
    with pytest.raises(ValueError):
        price_check_digit("123")


def test_is_digits_is_ascii_only():
    assert is_digits("0123")
    assert not is_digits("")
    assert not is_digits("٠١٢")
    assert not is_digits("０１")
    assert not is_digits("²")


# --- what biip 5.2 does (why FreshFlow validates on its own) -----------------------------------


def test_biip_reports_check_digit_errors_without_raising():
    element = GS1ElementString.parse("0109501101530004")
    assert element.gtin is None
    assert "Expected 3, got 4" in (element.gtin_error or "")


def test_biip_reads_day_zero_as_last_day_and_raises_on_impossible_dates():
    assert GS1ElementString.parse("17250200").date == dt.date(2025, 2, 28)
    with pytest.raises(ParseError):
        GS1ElementString.parse("17250230")


def test_biip_accepts_non_ascii_digits_in_a_gtin():
    gtin = Gtin.parse("٤٠٠٦٣٨١٣٣٣٩٣١")  # Arabic-Indic digits
    assert gtin.check_digit == 1
