"""Single values as channels send them: money, quantities, ids, times, delivery slots, languages."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from app.importers.values import (
    MAX_QUANTITY,
    OrderProblem,
    clean_text,
    delivery_date,
    delivery_slot,
    identifier,
    language,
    money_cents,
    quantity,
    text,
    timestamp,
    zone_named,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(("value", "cents"), [
    ("12.50", 1250), (12.5, 1250), (12, 1200), ("12", 1200), (Decimal("12.5"), 1250), ("0", 0), (0.1, 10),
    ("0.125", 13), ("0.124", 12), ("0.005", 1), (19.9, 1990), (46.6, 4660), (0.29, 29), (1.005, 101),
    ("  7.10 ", 710), (None, None), ("", None), ("  ", None), (16.666666666, 1667),
])
def test_money_is_exact_cents_rounded_half_up(value, cents):
    assert money_cents(value, "total") == cents


def test_money_never_goes_through_float_arithmetic():
    # 1.005 is 1.00499999999999989... as a binary float; its repr "1.005" is what the shop sent.
    assert money_cents(1.005, "price") == 101
    assert money_cents(Decimal("999999.995"), "price") == 100_000_000


@pytest.mark.parametrize("value", ["12,50", "¥12", "abc", "NaN", "Infinity", "-1", -0.01, True, [1], {"a": 1},
                                   "1e20", 10**30])
def test_unreadable_money_names_the_field(value):
    with pytest.raises(OrderProblem) as caught:
        money_cents(value, "lines[2].unit_price")
    assert caught.value.message.startswith("lines[2].unit_price")


@pytest.mark.parametrize(("value", "expected"), [
    (2, 2), ("2", 2), (2.0, 2), (Decimal("2.0"), 2), (" 3 ", 3), ("2.00", 2), (MAX_QUANTITY, MAX_QUANTITY),
])
def test_whole_quantities_are_accepted_in_any_spelling(value, expected):
    assert quantity(value, "quantity") == expected


@pytest.mark.parametrize(("value", "says"), [
    (2.5, "not a whole number"), ("2.5", "not a whole number"), (Decimal("0.5"), "not a whole number"),
    (0, "at least 1"), (-1, "at least 1"), ("-3", "at least 1"), ("two", "not a number"), (None, "missing"),
    ("", "missing"), (True, "not a number"), (MAX_QUANTITY + 1, "more than"), (Decimal("1E+999999"), "more than"),
    ("NaN", "not a number"), ([2], "not a number"),
])
def test_bad_quantities_say_what_is_wrong(value, says):
    with pytest.raises(OrderProblem) as caught:
        quantity(value, "lines[1].quantity")
    assert says in caught.value.message
    assert caught.value.message.startswith("lines[1].quantity")


def test_ids_stay_exact_strings():
    assert identifier(2**64 + 1, "id") == "18446744073709551617"
    assert identifier("  W-1001 ", "id") == "W-1001"
    assert identifier(Decimal("1001"), "id") == "1001"
    assert identifier(None, "id") == ""
    for bad in (True, Decimal("10.5"), 10.0, {"id": 1}):
        with pytest.raises(OrderProblem):
            identifier(bad, "id")


def test_text_cleans_what_a_database_cannot_store():
    assert text("  a\x00b  ", "note") == "ab"
    assert text("\ud800x", "note") == "?x"
    assert text(13800138000, "phone") == "13800138000"
    assert text(Decimal("1.50"), "x") == "1.50"
    assert text(None, "x") == ""
    assert clean_text(" 王芳 ") == "王芳"
    with pytest.raises(OrderProblem) as caught:
        text({"first": "a"}, "customer.name")
    assert "customer.name" in caught.value.message


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-11-27T09:15:00+08:00", datetime(2026, 11, 27, 9, 15, tzinfo=timezone(timedelta(hours=8)))),
    ("2026-11-27T01:15:00Z", datetime(2026, 11, 27, 1, 15, tzinfo=timezone.utc)),
    ("2026-11-27 09:15:00", datetime(2026, 11, 27, 9, 15, tzinfo=SHANGHAI)),
    ("2026-11-27T09:15", datetime(2026, 11, 27, 9, 15, tzinfo=SHANGHAI)),
    ("2026-11-27", datetime(2026, 11, 27, tzinfo=SHANGHAI)),
    ("2025-01-23T23:10:15-05:00", datetime(2025, 1, 24, 4, 10, 15, tzinfo=timezone.utc)),
])
def test_timestamps_are_aware_and_naive_ones_read_in_the_configured_zone(value, expected):
    moment = timestamp(value, SHANGHAI)
    assert moment == expected
    assert moment.tzinfo is not None


@pytest.mark.parametrize("value", ["yesterday", "27/11/2026", "", None, 1764200000, "0001-01-01T00:00:00", "9999-12-31"])
def test_unreadable_timestamps_are_none(value):
    assert timestamp(value, SHANGHAI) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-11-29", date(2026, 11, 29)), ("2026/11/29", date(2026, 11, 29)), (" 2026/1/5 ", date(2026, 1, 5)),
    ("2026-11-29T00:00:00", date(2026, 11, 29)), ("2026.11.29", date(2026, 11, 29)),
])
def test_delivery_dates_iso_and_year_first(value, expected):
    assert delivery_date(value) == expected


@pytest.mark.parametrize("value", ["29/11/2026", "11/29/2026", "2026-02-30", "next Tuesday", "", None, 20261129])
def test_ambiguous_or_invalid_delivery_dates_are_not_guessed(value):
    assert delivery_date(value) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("08:00-12:00", "08:00-12:00"), ("8:00 - 12:00", "08:00-12:00"), ("8-12", "08:00-12:00"),
    ("08:00–12:00", "08:00-12:00"), ("16:00 ~ 20:00", "16:00-20:00"), ("8:30至11:45", "08:30-11:45"),
    ("20:00-24:00", "20:00-24:00"), ("8:00 to 12:00", "08:00-12:00"), ("", ""), (None, ""),
])
def test_slots_are_normalised(value, expected):
    assert delivery_slot(value) == expected


@pytest.mark.parametrize("value", ["morning", "12:00-08:00", "25:00-26:00", "08:60-09:00", "8:00", 8, "24:30-25:00"])
def test_unreadable_slots_are_none(value):
    assert delivery_slot(value) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("zh-CN", "zh_CN"), ("zh_CN", "zh_CN"), ("zh", "zh_CN"), ("zh-Hans", "zh_CN"), ("zh-TW", "zh_CN"),
    ("en", "en"), ("en-US", "en"), ("EN_gb", "en"), ("", ""), ("fr-FR", None),
])
def test_languages_map_to_the_apps_two(value, expected):
    assert language(value) == expected


def test_unknown_zone_names_are_refused():
    with pytest.raises(ValueError, match="Mars/Olympus"):
        zone_named("Mars/Olympus")
    assert zone_named("UTC") == timezone.utc
