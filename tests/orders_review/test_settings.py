"""Review settings: JSON round trip, tolerance of damaged JSON, strict validation."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.errors import ValidationError
from app.services.orders.review_settings import RULE_CODES, ReviewSettings, canonical_slot, parse_hhmm, parse_slot


def test_defaults():
    settings = ReviewSettings()
    assert settings.enabled == {code: True for code in RULE_CODES}
    assert settings.timezone == "Asia/Shanghai"
    assert settings.phone_formats == ("cn_mobile", "e164")
    assert (settings.max_line_quantity, settings.max_lines, settings.price_tolerance_bp) == (50, 60, 500)
    assert (settings.cutoff_time, settings.lead_days, settings.horizon_days) == ("22:00", 1, 14)
    assert settings.slots == ("09:00-12:00", "14:00-18:00", "18:00-21:00")
    assert settings.require_paid is True and settings.duplicate_window_hours == 24
    settings.validate()


def test_default_dicts_are_not_shared():
    a, b = ReviewSettings(), ReviewSettings()
    assert a.enabled is not b.enabled and a.lead_days_by_warehouse is not b.lead_days_by_warehouse


def test_round_trip_through_json():
    settings = ReviewSettings(
        enabled={**{code: True for code in RULE_CODES}, "email": False, "duplicate": False},
        timezone="Europe/Berlin", phone_formats=("e164",), max_line_quantity=20, max_lines=10,
        price_tolerance_bp=125, cutoff_time="18:30", lead_days=2, lead_days_by_warehouse={"BJ2": 3, "SH1": 0},
        horizon_days=30, slots=("08:00-10:00", "19:00-22:00"), require_paid=False, duplicate_window_hours=72)
    settings.validate()
    data = json.loads(json.dumps(settings.to_json()))
    assert ReviewSettings.from_json(data) == settings
    assert ReviewSettings.from_json(data).to_json() == data


def test_default_round_trip_and_empty_input():
    assert ReviewSettings.from_json(ReviewSettings().to_json()) == ReviewSettings()
    assert ReviewSettings.from_json(None) == ReviewSettings()
    assert ReviewSettings.from_json({}) == ReviewSettings()
    assert ReviewSettings.from_json([1, 2]) == ReviewSettings()  # type: ignore[arg-type]


def test_to_json_lists_every_rule_even_when_enabled_is_partial():
    assert ReviewSettings(enabled={"email": False}).to_json()["enabled"] == {
        code: code != "email" for code in RULE_CODES}


GARBAGE = {
    "enabled": {"email": "no", "phone": 0, "price": False, "bogus_rule": False},
    "timezone": "Mars/Olympus_Mons",
    "phone_formats": ["fax", 7],
    "max_line_quantity": -5,
    "max_lines": "lots",
    "price_tolerance_bp": 2.5,
    "cutoff_time": "25:00",
    "lead_days": True,
    "lead_days_by_warehouse": {"BJ2": "x", "": 2, "GZ1": 2, "SZ1": -1},
    "horizon_days": None,
    "slots": ["morning", "12:00-09:00", 42],
    "require_paid": "yes",
    "duplicate_window_hours": [],
    "something_new": {"from": "a later version"},
}


def test_from_json_tolerates_garbage():
    settings = ReviewSettings.from_json(GARBAGE)
    defaults = ReviewSettings()
    assert settings.enabled == {**defaults.enabled, "price": False}  # only the readable switch counts
    assert settings.lead_days_by_warehouse == {"GZ1": 2}
    assert replace(settings, enabled=defaults.enabled, lead_days_by_warehouse={}) == defaults
    settings.validate()


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("max_line_quantity", "20", 20),
    ("max_line_quantity", 20.0, 20),
    ("max_line_quantity", 0, 50),
    ("price_tolerance_bp", 10_001, 500),
    ("cutoff_time", "9:30", "09:30"),
    ("cutoff_time", " 21:45 ", "21:45"),
    ("cutoff_time", "24:00", "22:00"),
    ("cutoff_time", 2200, "22:00"),
    ("timezone", " Europe/Paris ", "Europe/Paris"),
    ("timezone", "../../etc/passwd", "Asia/Shanghai"),
    ("timezone", "", "Asia/Shanghai"),
    ("phone_formats", "e164", ("e164",)),
    ("phone_formats", ["e164", "cn_mobile", "e164"], ("e164", "cn_mobile")),
    ("phone_formats", [], ("cn_mobile", "e164")),
    ("slots", ["9:00 - 12:00", "09:00-12:00", "bad", "18:00-24:00"], ("09:00-12:00", "18:00-24:00")),
    ("slots", "09:00-12:00", ("09:00-12:00", "14:00-18:00", "18:00-21:00")),
    ("require_paid", False, False),
    ("require_paid", 0, True),
])
def test_from_json_reads_good_values_and_replaces_bad_ones(key, value, expected):
    assert getattr(ReviewSettings.from_json({key: value}), key) == expected


def test_from_json_keeps_the_horizon_at_least_as_long_as_the_lead_time():
    settings = ReviewSettings.from_json({"lead_days": 20, "horizon_days": 5})
    assert settings.lead_days == 20 and settings.horizon_days == 20
    settings.validate()


@pytest.mark.parametrize(("changes", "field"), [
    ({"enabled": {"no_such_rule": True}}, "enabled"),
    ({"enabled": {"email": "off"}}, "enabled"),
    ({"timezone": "Nowhere/Special"}, "timezone"),
    ({"phone_formats": ()}, "phone_formats"),
    ({"phone_formats": ("fax",)}, "phone_formats"),
    ({"max_line_quantity": 0}, "max_line_quantity"),
    ({"max_lines": -1}, "max_lines"),
    ({"max_lines": True}, "max_lines"),
    ({"price_tolerance_bp": -1}, "price_tolerance_bp"),
    ({"price_tolerance_bp": 2.5}, "price_tolerance_bp"),
    ({"lead_days": -1}, "lead_days"),
    ({"horizon_days": -2}, "horizon_days"),
    ({"duplicate_window_hours": -24}, "duplicate_window_hours"),
    ({"cutoff_time": "22h"}, "cutoff_time"),
    ({"cutoff_time": "22:60"}, "cutoff_time"),
    ({"lead_days_by_warehouse": {"BJ2": -1}}, "lead_days_by_warehouse"),
    ({"lead_days_by_warehouse": {"": 1}}, "lead_days_by_warehouse"),
    ({"lead_days": 3, "horizon_days": 2}, "horizon_days"),
    ({"lead_days_by_warehouse": {"BJ2": 20}}, "horizon_days"),
    ({"slots": ()}, "slots"),
    ({"slots": ("morning",)}, "slots"),
    ({"slots": ("12:00-09:00",)}, "slots"),
    ({"slots": ("09:00-09:00",)}, "slots"),
    ({"slots": ("09:00-12:00", "9:00 - 12:00")}, "slots"),
    ({"require_paid": "yes"}, "require_paid"),
])
def test_validate_rejects_nonsense(changes, field):
    with pytest.raises(ValidationError) as caught:
        replace(ReviewSettings(), **changes).validate()
    assert caught.value.field == field
    assert caught.value.message.endswith(".")


def test_validate_accepts_edges():
    ReviewSettings(lead_days=0, horizon_days=0, price_tolerance_bp=0, duplicate_window_hours=0,
                   cutoff_time="00:00", slots=("00:00-24:00",), enabled={"email": False}).validate()


def test_parsers():
    assert parse_hhmm("07:05").strftime("%H:%M") == "07:05"
    assert parse_hhmm("7:5") is None and parse_hhmm(None) is None
    assert parse_slot("09:00-12:00") is not None and parse_slot("12:00-09:00") is None
    assert canonical_slot("9:00 – 12:00") == "09:00-12:00"
    assert canonical_slot("9:00～12:00") == "09:00-12:00"
    assert canonical_slot("09:00-24:30") is None


def test_unreadable_values_fall_back_when_compiled():
    """Directly built settings with nonsense still review orders (validate() is what refuses them)."""
    compiled = ReviewSettings(timezone="Nowhere/Special", cutoff_time="late", slots=("x",)).compiled
    assert str(compiled.zone) == "Asia/Shanghai" and compiled.cutoff.hour == 22 and compiled.slots == {}
