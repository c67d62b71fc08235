"""Whatever text a channel sends, the review answers with findings and never raises."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.orders.review import fingerprint, normalise_phone, review
from app.services.orders.review_settings import RULE_CODES, ReviewSettings
from app.services.orders.review_types import Finding, ReviewLine, ReviewSubject

from .factories import product, weighed

TEXT = st.text(max_size=40)
SETTINGS_CHOICES = st.sampled_from([
    ReviewSettings(),
    ReviewSettings(phone_formats=("e164",), lead_days=0, require_paid=False),
    ReviewSettings(timezone="America/New_York", slots=("00:00-24:00",), lead_days_by_warehouse={"W": 3}),
])


@st.composite
def lines(draw):
    count = draw(st.integers(0, 4))
    result = []
    for n in range(1, count + 1):
        prod = draw(st.one_of(st.none(), st.builds(product, sku=TEXT, active=st.booleans(),
                                                   latest_expiry=st.one_of(st.none(), st.dates())),
                              st.builds(weighed, nominal_weight_g=st.one_of(st.none(), st.integers(-5, 5000)))))
        result.append(ReviewLine(line_no=n, sku=draw(TEXT), quantity=draw(st.integers(-10**6, 10**6)),
                                 unit_price_cents=draw(st.one_of(st.none(), st.integers(-10**9, 10**9))),
                                 product=prod, cancelled=draw(st.booleans())))
    return tuple(result)


subjects = st.builds(
    ReviewSubject,
    channel=TEXT, customer_name=TEXT, phone=st.one_of(TEXT, st.from_regex(r"\+?[0-9 \-]{0,20}", fullmatch=True)),
    email=st.one_of(TEXT, st.emails()), has_address=st.booleans(), address_line1=TEXT, city=TEXT, province=TEXT,
    postal_code=TEXT, country=st.one_of(TEXT, st.sampled_from(["CN", "", "DE", "cn"])),
    delivery_date=st.one_of(st.none(), st.dates(), st.dates(date(2000, 1, 1), date(2100, 1, 1))),
    delivery_slot=st.one_of(TEXT, st.sampled_from(["09:00-12:00", "9:00 - 12:00", "25:00-26:00"])),
    payment_status=TEXT,
    received_at=st.datetimes(datetime(2000, 1, 2), datetime(2099, 12, 30), timezones=st.just(timezone.utc)),
    lines=lines(), warehouse_id=st.one_of(st.none(), st.integers(1, 5)), warehouse_code=TEXT, duplicate_of=TEXT,
)


@settings(max_examples=300, deadline=timedelta(seconds=1), suppress_health_check=[HealthCheck.too_slow])
@given(subjects, SETTINGS_CHOICES)
def test_review_never_raises_and_returns_findings_with_messages(subject, review_settings):
    findings = review(subject, review_settings)
    assert all(isinstance(f, Finding) and f.rule in RULE_CODES and f.field and f.message for f in findings)
    assert all(re.fullmatch(r"[a-z_]+|line:\d+", f.field) for f in findings)


@given(TEXT, TEXT, TEXT, st.lists(st.tuples(TEXT, st.integers(-100, 100)), max_size=5))
def test_fingerprint_and_normalise_phone_never_raise(phone, postal, street, items):
    assert re.fullmatch(r"[0-9a-f]{40}", fingerprint(phone, postal, street, items))
    assert fingerprint(phone, postal, street, list(reversed(items))) == fingerprint(phone, postal, street, items)
    assert isinstance(normalise_phone(phone), str)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", "+86", "0086", "86", "+86 "]),
       st.sampled_from(["", " ", "-"]))
def test_every_chinese_mobile_in_any_layout_normalises_alike(number, prefix, separator):
    text = prefix + separator.join([number[:3], number[3:7], number[7:]])
    assert normalise_phone(text) == "+86" + number
    assert fingerprint(text, "", "", []) == fingerprint(number, "", "", [])
