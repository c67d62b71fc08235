"""Every review rule passes a good order and fails a bad one, with a message that says what to do."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from app.services.orders.review import RULES, expected_unit_price, review, rule_label
from app.services.orders.review_settings import RULE_CODES, ReviewSettings
from app.services.orders.review_types import Finding

from .factories import RECEIVED, TOMORROW, UTC, line, product, subject, typical_lines, weighed

SETTINGS = ReviewSettings()


def rules_failed(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_a_typical_order_passes():
    assert review(subject(), SETTINGS) == []


def test_rules_are_the_agreed_codes_with_labels_in_display_order():
    assert tuple(RULES) == RULE_CODES == (
        "customer_name", "phone", "email", "address", "postal_code", "sku", "quantity", "price",
        "delivery_date", "delivery_slot", "shelf_life", "payment", "duplicate")
    assert all(rule_label(code) for code in RULES)
    assert rule_label("nonsense") == "nonsense"


# -- one rule at a time: (rule, changes that pass, changes that fail, field, words in the message) -----------

PASSING = [
    ("customer_name", {"customer_name": "Li"}),
    ("customer_name", {"customer_name": "王"}),
    ("customer_name", {"customer_name": "  O'Brien, Mary-Jane  "}),
    ("phone", {"phone": "13812345678"}),
    ("phone", {"phone": "+4915112345678"}),
    ("email", {"email": "  a.b+tag@mail.example.com "}),
    ("address", {"province": "", "city": "上海市"}),
    ("address", {"province": "浙江省", "city": ""}),
    ("address", {"country": "", "city": "", "province": "广东省"}),
    ("address", {"country": "DE", "city": "Berlin", "province": "", "postal_code": "10115"}),
    ("postal_code", {"postal_code": " 200120 "}),
    ("postal_code", {"country": "GB", "postal_code": "SW1A 1AA"}),
    ("sku", {"lines": (line(1, sku=" APL-001 "),)}),
    ("quantity", {"lines": (line(1, quantity=1), line(2, quantity=50))}),
    ("quantity", {"lines": (line(1, quantity=1), line(2, quantity=60, cancelled=True))}),
    ("price", {"lines": (line(1, unit_price_cents=None),)}),
    ("price", {"lines": (line(1, unit_price_cents=472),)}),     # +4.9 %
    ("price", {"lines": (line(1, unit_price_cents=428),)}),     # -4.9 %
    ("delivery_date", {"delivery_date": TOMORROW}),
    ("delivery_date", {"delivery_date": date(2025, 3, 24)}),   # today + 14
    ("delivery_date", {"delivery_date": datetime(2025, 3, 12, 0, 0)}),  # a datetime by mistake is read as its day
    ("delivery_slot", {"delivery_slot": "18:00-21:00"}),
    ("delivery_slot", {"delivery_slot": " 9:00 - 12:00 "}),
    ("shelf_life", {"lines": (line(1, prod=product(latest_expiry=date(2025, 3, 16))),)}),  # exactly 5 days left
    ("shelf_life", {"lines": (line(1, prod=product(latest_expiry=None)),)}),
    ("payment", {"payment_status": ""}),
    ("payment", {"payment_status": " PAID "}),
    ("duplicate", {"duplicate_of": ""}),
]

FAILING = [
    ("customer_name", {"customer_name": ""}, "customer_name", "name"),
    ("customer_name", {"customer_name": "  \t "}, "customer_name", "name"),
    ("customer_name", {"customer_name": "-- ..._ !"}, "customer_name", "name"),
    ("phone", {"phone": ""}, "phone", "No phone number"),
    ("phone", {"phone": "12345"}, "phone", '"12345" is not a valid phone number'),
    ("email", {"email": ""}, "email", "confirmation cannot be sent"),
    ("email", {"email": "xiaoming@example"}, "email", "not a valid email address"),
    ("address", {"has_address": False}, "address", "no shipping address"),
    ("address", {"address_line1": "  "}, "address", "street address is missing"),
    ("address", {"city": "", "province": ""}, "address", "neither a province nor a city"),
    ("address", {"country": "DE", "city": "", "province": "Bayern", "postal_code": "80331"}, "address",
     "city is missing"),
    ("postal_code", {"postal_code": ""}, "postal_code", "postal code is missing"),
    ("postal_code", {"postal_code": "20012"}, "postal_code", "not valid for China (six digits)"),
    ("postal_code", {"postal_code": "20O120"}, "postal_code", "not valid for China"),
    ("postal_code", {"country": "GB", "postal_code": "#"}, "postal_code", "not readable"),
    ("postal_code", {"warehouse_id": None}, "postal_code", "No warehouse delivers to postal code 200120"),
    ("sku", {"lines": (line(1, sku="", prod=None),)}, "line:1", "Line 1 has no SKU"),
    ("sku", {"lines": (line(4, sku="NOPE-9", prod=None),)}, "line:4", 'Unknown SKU "NOPE-9" on line 4'),
    ("sku", {"lines": (line(2, prod=product(active=False)),)}, "line:2", "APL-001 (Fuji apple) on line 2 is no longer"),
    ("quantity", {"lines": (line(1, quantity=0),)}, "line:1", "quantity 0; it must be at least 1"),
    ("quantity", {"lines": (line(1, quantity=-3),)}, "line:1", "quantity -3"),
    ("quantity", {"lines": (line(3, quantity=51),)}, "line:3", "51 units, more than the limit of 50"),
    ("quantity", {"lines": ()}, "lines", "no open lines"),
    ("quantity", {"lines": (line(1, cancelled=True),)}, "lines", "no open lines"),
    ("quantity", {"lines": tuple(line(n) for n in range(1, 62))}, "lines", "61 lines, more than the limit of 60"),
    ("price", {"lines": (line(1, unit_price_cents=473),)}, "line:1", "charged 4.73 for APL-001, the catalogue "
                                                                     "price is 4.50 (more than 5 % apart)"),
    ("price", {"lines": (line(1, unit_price_cents=0),)}, "line:1", "charged 0.00"),
    ("delivery_date", {"delivery_date": None}, "delivery_date", "No delivery date"),
    ("delivery_date", {"delivery_date": date(2025, 3, 9)}, "delivery_date",
     "2025-03-09 is in the past; choose 2025-03-11 or later"),
    ("delivery_date", {"delivery_date": date(2025, 3, 10)}, "delivery_date",
     "Too late for delivery on 2025-03-10: orders for that day had to arrive before 22:00 on 2025-03-09. "
     "Choose 2025-03-11 or later"),
    ("delivery_date", {"delivery_date": date(2025, 3, 25)}, "delivery_date",
     "2025-03-25 is more than 14 days ahead; choose 2025-03-24 or earlier"),
    ("delivery_slot", {"delivery_slot": ""}, "delivery_slot", "No delivery slot; choose one of 09:00-12:00, "
                                                              "14:00-18:00, 18:00-21:00"),
    ("delivery_slot", {"delivery_slot": "08:00-12:00"}, "delivery_slot", '"08:00-12:00" is not offered'),
    ("shelf_life", {"lines": (line(1, prod=product(latest_expiry=date(2025, 3, 15))),)}, "line:1",
     "No lot of APL-001 will still have 5 days of shelf life on 2025-03-11"),
    ("payment", {"payment_status": "pending"}, "payment_status", '"pending", not paid'),
    ("payment", {"payment_status": "refunded"}, "payment_status", '"refunded", not paid'),
    ("duplicate", {"duplicate_of": "FF250309-0042"}, "order",
     "duplicate of order FF250309-0042 (same customer, address and items within 24 hours)"),
]


@pytest.mark.parametrize(("rule", "changes"), PASSING, ids=[f"{r}-{i}" for i, (r, _c) in enumerate(PASSING)])
def test_rule_passes(rule, changes):
    findings = review(subject(**changes), SETTINGS)
    assert rule not in rules_failed(findings), findings


@pytest.mark.parametrize(("rule", "changes", "field", "words"), FAILING,
                         ids=[f"{r}-{i}" for i, (r, *_rest) in enumerate(FAILING)])
def test_rule_fails_with_field_and_message(rule, changes, field, words):
    findings = [f for f in review(subject(**changes), SETTINGS) if f.rule == rule]
    assert len(findings) == 1, findings
    assert findings[0].field == field
    assert words.lower() in findings[0].message.lower(), findings[0].message
    assert findings[0].to_json() == {"rule": rule, "field": field, "message": findings[0].message}


def test_every_failing_rule_is_reported_at_once():
    bad = subject(customer_name=" ", phone="12345", email="nobody", has_address=True, address_line1="",
                  city="", province="", postal_code="999999", warehouse_id=None,
                  lines=(line(1, sku="GONE", prod=None), line(2, quantity=99, unit_price_cents=9_999),
                         line(3, prod=product("OLD-1", latest_expiry=date(2025, 3, 12)))),
                  delivery_date=date(2025, 4, 30), delivery_slot="00:00-01:00", payment_status="pending",
                  duplicate_of="FF1")
    findings = review(bad, SETTINGS)
    assert rules_failed(findings) == ["customer_name", "phone", "email", "address", "address", "postal_code",
                                      "sku", "quantity", "price", "delivery_date", "delivery_slot", "shelf_life",
                                      "shelf_life", "payment", "duplicate"]
    # per-line findings name their lines (both known products run out before 2025-04-30)
    assert [f.field for f in findings if f.rule in ("sku", "quantity", "price", "shelf_life")] == [
        "line:1", "line:2", "line:2", "line:2", "line:3"]


def test_several_lines_fail_the_same_rule_separately():
    findings = review(subject(lines=(line(1, sku="X", prod=None), line(2), line(3, sku="Y", prod=None))), SETTINGS)
    assert [(f.rule, f.field) for f in findings] == [("sku", "line:1"), ("sku", "line:3")]


def test_a_disabled_rule_is_skipped():
    bad = subject(email="", payment_status="pending")
    settings = ReviewSettings(enabled={"email": False})
    assert rules_failed(review(bad, settings)) == ["payment"]
    settings = ReviewSettings.from_json({"enabled": {"email": False, "payment": False}})
    assert review(bad, settings) == []


def test_all_rules_disabled_passes_anything():
    settings = ReviewSettings(enabled={code: False for code in RULE_CODES})
    assert review(subject(customer_name="", phone="", lines=(), delivery_date=None), settings) == []


def test_cancelled_lines_are_not_reviewed():
    lines = (line(1), line(2, sku="GONE", prod=None, quantity=0, cancelled=True))
    assert review(subject(lines=lines), SETTINGS) == []


def test_unknown_product_is_reported_once_by_the_sku_rule():
    findings = review(subject(lines=(line(1, sku="GONE", prod=None, unit_price_cents=1),)), SETTINGS)
    assert rules_failed(findings) == ["sku"]


def test_inactive_product_still_has_its_price_checked():
    findings = review(subject(lines=(line(1, prod=product(active=False), unit_price_cents=900),)), SETTINGS)
    assert rules_failed(findings) == ["sku", "price"]


# -- prices -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("price_per_kg", "weight_g", "expected"), [
    (12_900, 500, 6_450),
    (999, 250, 250),      # 249.75 -> 250
    (998, 250, 250),      # 249.5 -> 250 (half up)
    (997, 250, 249),      # 249.25 -> 249
    (1, 500, 1),          # 0.5 -> 1
    (1, 499, 0),
    (3_333, 333, 1_110),  # 1109.889 -> 1110
    (12_345_678, 1_234, 15_234_567),  # 15234566.652 -> 15234567, exact in integers
])
def test_weighed_unit_price_is_price_per_kg_times_nominal_weight_rounded_half_up(price_per_kg, weight_g, expected):
    assert expected_unit_price(weighed(price_cents=price_per_kg, nominal_weight_g=weight_g)) == expected


def test_weighed_line_price_is_checked_per_unit_of_sale():
    beef = weighed()  # 129.00 per kg, 500 g units -> 64.50 a unit
    ok = subject(lines=(line(1, prod=beef, unit_price_cents=6_450), line(2, prod=beef, unit_price_cents=6_772)))
    assert review(ok, SETTINGS) == []
    per_kg_by_mistake = subject(lines=(line(1, prod=beef, unit_price_cents=12_900),))
    [finding] = review(per_kg_by_mistake, SETTINGS)
    assert finding.rule == "price" and "catalogue price is 64.50" in finding.message


def test_weighed_product_without_nominal_weight_passes_the_price_rule():
    prod = weighed(nominal_weight_g=None)
    assert expected_unit_price(prod) is None
    assert review(subject(lines=(line(1, prod=prod, unit_price_cents=1),)), SETTINGS) == []


@pytest.mark.parametrize(("tolerance_bp", "charged", "fails"), [
    (500, 472, False), (500, 473, True), (500, 428, False), (500, 427, True),
    (0, 450, False), (0, 451, True), (1, 450, False), (250, 461, False), (250, 462, True),
])
def test_price_tolerance_in_basis_points(tolerance_bp, charged, fails):
    settings = ReviewSettings(price_tolerance_bp=tolerance_bp)
    findings = review(subject(lines=(line(1, unit_price_cents=charged),)), settings)
    assert ("price" in rules_failed(findings)) is fails


def test_tolerance_with_fraction_of_a_percent_is_shown_exactly():
    [finding] = review(subject(lines=(line(1, unit_price_cents=500),)), ReviewSettings(price_tolerance_bp=125))
    assert "more than 1.25 % apart" in finding.message


# -- delivery dates and slots ------------------------------------------------------------------------------

def test_the_three_delivery_date_failures_have_distinct_messages():
    past, late, far = (review(subject(delivery_date=d), SETTINGS)[0].message
                       for d in (date(2025, 3, 1), date(2025, 3, 10), date(2025, 4, 1)))
    assert len({past, late, far}) == 3


@pytest.mark.parametrize(("received_utc", "delivery", "ok"), [
    (datetime(2025, 3, 10, 13, 59, 59, tzinfo=UTC), date(2025, 3, 11), True),   # 21:59:59 in Shanghai
    (datetime(2025, 3, 10, 14, 0, 0, tzinfo=UTC), date(2025, 3, 11), False),    # 22:00:00 in Shanghai
    (datetime(2025, 3, 10, 14, 0, 0, tzinfo=UTC), date(2025, 3, 12), True),
    (datetime(2025, 3, 10, 16, 30, tzinfo=UTC), date(2025, 3, 11), False),      # 00:30 on the 11th locally
    (datetime(2025, 3, 10, 16, 30, tzinfo=UTC), date(2025, 3, 12), True),
])
def test_cut_off_is_judged_in_the_shops_time_zone(received_utc, delivery, ok):
    findings = review(subject(received_at=received_utc, delivery_date=delivery), SETTINGS)
    assert ("delivery_date" not in rules_failed(findings)) is ok, findings


def test_lead_days_per_warehouse():
    settings = ReviewSettings(lead_days_by_warehouse={"BJ2": 2})
    assert review(subject(warehouse_code="SH1"), settings) == []
    [finding] = review(subject(warehouse_code="BJ2"), settings)
    assert finding.rule == "delivery_date"
    assert "arrive before 22:00 on 2025-03-09. Choose 2025-03-12 or later" in finding.message


def test_horizon_counts_from_the_local_day():
    settings = ReviewSettings(horizon_days=2)
    assert review(subject(delivery_date=date(2025, 3, 12)), settings) == []
    assert rules_failed(review(subject(delivery_date=date(2025, 3, 13)), settings)) == ["delivery_date"]


def test_same_day_delivery_needs_a_slot_that_has_not_begun():
    settings = ReviewSettings(lead_days=0)
    received = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)  # 13:00 in Shanghai
    assert review(subject(received_at=received, delivery_date=date(2025, 3, 10), delivery_slot="14:00-18:00"),
                  settings) == []
    [finding] = review(subject(received_at=received, delivery_date=date(2025, 3, 10), delivery_slot="09:00-12:00"),
                       settings)
    assert finding.rule == "delivery_slot" and "had already begun" in finding.message
    # the same slot tomorrow is fine
    assert review(subject(received_at=received, delivery_slot="09:00-12:00"), settings) == []


def test_slots_come_from_the_settings():
    settings = ReviewSettings(slots=("08:00-10:00", "10:00-12:00"))
    assert review(subject(delivery_slot="08:00-10:00"), settings) == []
    [finding] = review(subject(), settings)
    assert finding.rule == "delivery_slot" and "choose one of 08:00-10:00, 10:00-12:00" in finding.message


def test_shelf_life_is_measured_at_the_delivery_date():
    prod = product(min_remaining_shelf_life_days=5, latest_expiry=date(2025, 3, 20))
    ok_until = date(2025, 3, 15)
    assert review(subject(lines=(line(1, prod=prod),), delivery_date=ok_until), SETTINGS) == []
    findings = review(subject(lines=(line(1, prod=prod),), delivery_date=ok_until + timedelta(days=1)), SETTINGS)
    assert rules_failed(findings) == ["shelf_life"]


def test_shelf_life_with_zero_minimum_allows_expiry_on_the_delivery_day():
    prod = product(min_remaining_shelf_life_days=0, latest_expiry=date(2025, 3, 11))
    assert review(subject(lines=(line(1, prod=prod),)), SETTINGS) == []


def test_payment_not_required_when_switched_off():
    assert review(subject(payment_status="pending"), ReviewSettings(require_paid=False)) == []


def test_duplicate_message_names_the_window_from_the_settings():
    [finding] = review(subject(duplicate_of="FF7"), ReviewSettings(duplicate_window_hours=48))
    assert "within 48 hours" in finding.message


def test_naive_received_at_is_read_as_utc():
    naive = RECEIVED.replace(tzinfo=None)
    assert review(subject(received_at=naive), SETTINGS) == review(subject(), SETTINGS) == []
    late = datetime(2025, 3, 10, 14, 0)  # 22:00 Shanghai
    assert rules_failed(review(subject(received_at=late), SETTINGS)) == ["delivery_date"]


def test_review_does_not_change_its_inputs():
    subj = subject()
    settings = ReviewSettings()
    before = (replace(subj), settings.to_json())
    review(subj, settings)
    assert (subj, settings.to_json()) == before
    assert subj.lines == typical_lines()
