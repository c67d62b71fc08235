"""Money and audit-detail formatting (no widgets)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ui.formatting import cents_to_text, format_audit_details, format_cents, format_local_time, parse_money


@pytest.mark.parametrize("text, cents", [
    ("19.99", 1999), ("0.29", 29), ("4.35", 435), ("1.1", 110), ("12", 1200), ("0", 0), ("12,34", 1234),
    ("¥ 8.90", 890), ("1,234.56", 123456), (" 0.07 ", 7), ("1.10", 110),
])
def test_parse_money_is_exact(text, cents):
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "  ", "abc", "1.234", "-1", "1e3x", "NaN", "Infinity", "99999999999"])
def test_parse_money_rejects(text):
    with pytest.raises(ValueError):
        parse_money(text)


def test_round_trip_every_cent_below_ten_yuan():
    assert all(parse_money(cents_to_text(c)) == c for c in range(0, 1001))


def test_format_cents():
    assert format_cents(1234) == "¥12.34"
    assert format_cents(5) == "¥0.05"
    assert format_cents(-5) == "-¥0.05"
    assert format_cents(123456789) == "¥1,234,567.89"
    assert format_cents(None) == ""


def test_audit_details_read_as_changes():
    details = '{"name_en": ["Old", "New"], "price_cents": [100, 250], "sku": [null, "X-1"], "active": [true, false]}'
    assert format_audit_details(details) == "name_en: Old → New; price_cents: 100 → 250; sku: X-1; active: ✓ → ✗"
    assert format_audit_details("") == ""
    assert format_audit_details("not json") == "not json"


def test_local_time_is_local():
    moment = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
    assert format_local_time(moment) == moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert format_local_time(None) == ""
