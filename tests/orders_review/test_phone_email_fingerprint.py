"""Phone numbers, email addresses and the duplicate fingerprint."""

from __future__ import annotations

import re

import pytest

from app.services.orders.review import fingerprint, normalise_phone, review
from app.services.orders.review_settings import ReviewSettings

from .factories import subject

BOTH = ReviewSettings()
CN_ONLY = ReviewSettings(phone_formats=("cn_mobile",))
E164_ONLY = ReviewSettings(phone_formats=("e164",))

# text, canonical form (None: invalid), valid with cn_mobile only, valid with e164 only
PHONES = [
    ("+86 138 1234 5678", "+8613812345678", True, True),
    ("0086-13812345678", "+8613812345678", True, True),
    ("13812345678", "+8613812345678", True, False),
    ("138-1234-5678", "+8613812345678", True, False),
    ("8613812345678", "+8613812345678", True, False),
    ("(+86) 199 0000 0000", "+8619900000000", True, True),
    ("＋８６ １３８ １２３４ ５６７８", "+8613812345678", True, True),   # full-width, as typed on a Chinese keyboard
    ("+4915112345678", "+4915112345678", False, True),
    ("+1 415 555 0100", "+14155550100", False, True),
    ("+852 9123 4567", "+85291234567", False, True),
    ("12345", None, False, False),
    ("1381234567", None, False, False),                 # ten digits
    ("138123456789", None, False, False),               # twelve digits
    ("+86 12812345678", None, False, False),            # 12x is not a mobile prefix
    ("+86 10 1234 5678", None, False, False),           # a Beijing landline: the courier needs a mobile
    ("23812345678", None, False, False),
    ("+0 123 4567 890", None, False, False),            # no country code starts with 0
    ("+2591234567890", None, False, False),             # 259 is not assigned
    ("+1234567", None, False, False),                   # too short
    ("+1234567890123456", None, False, False),          # more than 15 digits
    ("phone: 13812345678", None, False, False),
    ("١٣٨١٢٣٤٥٦٧٨", None, False, False),                 # Arabic-Indic digits are not read as a number
]


@pytest.mark.parametrize(("text", "canonical", "cn_ok", "e164_ok"), PHONES, ids=[p[0] for p in PHONES])
def test_phone_formats(text, canonical, cn_ok, e164_ok):
    def phone_fails(settings):
        return any(f.rule == "phone" for f in review(subject(phone=text), settings))

    assert phone_fails(BOTH) is (canonical is None)
    assert phone_fails(CN_ONLY) is not cn_ok
    assert phone_fails(E164_ONLY) is not e164_ok
    assert normalise_phone(text) == (canonical or text.strip())


def test_phone_message_names_the_accepted_formats():
    [both] = review(subject(phone="12345"), BOTH)
    [cn] = review(subject(phone="12345"), CN_ONLY)
    [e164] = review(subject(phone="12345"), E164_ONLY)
    assert "Chinese mobile" in both.message and "international" in both.message
    assert "Chinese mobile" in cn.message and "international" not in cn.message
    assert "international" in e164.message


EMAILS_OK = ["a@b.co", "xiaoming@example.cn", "first.last+tag@sub.example.com", "o'brien@example.ie",
             "x_y-z@ex-ample.org", "user@例子.中国", "  padded@example.com  ", "UPPER@EXAMPLE.COM"]
EMAILS_BAD = ["plainaddress", "@example.com", "user@", "user@example", "user@.com", "user@example..com",
              ".user@example.com", "user.@example.com", "us..er@example.com", "user @example.com",
              "user@exa mple.com", "user@-example.com", "user@example-.com", "user@example.c",
              "user@example.123", "user@@example.com", "user@example,com", "用户@example.com",
              "a" * 65 + "@example.com", "user@" + "a" * 250 + ".com"]


@pytest.mark.parametrize("email", EMAILS_OK)
def test_valid_emails_pass(email):
    assert review(subject(email=email), BOTH) == []


@pytest.mark.parametrize("email", EMAILS_BAD)
def test_invalid_emails_fail(email):
    [finding] = review(subject(email=email), BOTH)
    assert finding.rule == "email" and finding.field == "email"
    assert "is not a valid email address" in finding.message


def test_empty_email_fails_because_the_confirmation_cannot_be_sent():
    [finding] = review(subject(email="   "), BOTH)
    assert finding.rule == "email" and "confirmation cannot be sent" in finding.message


# -- fingerprint --------------------------------------------------------------------------------------------

ITEMS = [("APL-001", 2), ("MLK-1L", 3), ("BEEF-500", 1)]
BASE = fingerprint("+86 138 1234 5678", "200120", "浦东新区世纪大道 100 号, 12 楼", ITEMS)


def test_fingerprint_is_40_hex():
    assert re.fullmatch(r"[0-9a-f]{40}", BASE)


@pytest.mark.parametrize(("phone", "postal", "street", "items"), [
    ("13812345678", "200120", "浦东新区世纪大道100号12楼", ITEMS),
    ("0086-138-1234-5678", " 200 120 ", "浦东新区 世纪大道 100号，12楼。", ITEMS),
    ("8613812345678", "200120", "浦东新区世纪大道100号 12楼", list(reversed(ITEMS))),
    ("+86 138 1234 5678", "200120", "浦东新区世纪大道 100 号, 12 楼",
     [("apl-001", 1), ("MLK-1L", 3), (" BEEF-500 ", 1), ("APL-001", 1)]),   # split line, case and spaces
])
def test_fingerprint_ignores_formatting_and_item_order(phone, postal, street, items):
    assert fingerprint(phone, postal, street, items) == BASE


def test_fingerprint_ignores_case_and_punctuation_in_latin_addresses():
    assert (fingerprint("+4915112345678", "10115", "Invalidenstraße 12, Apt. 3", [("A", 1)])
            == fingerprint("+49 151 1234 5678", "10115", " INVALIDENSTRASSE 12 apt 3", [("A", 1)]))


@pytest.mark.parametrize(("phone", "postal", "street", "items"), [
    ("+86 138 1234 5678", "200120", "浦东新区世纪大道 100 号, 12 楼", [("APL-001", 3), ("MLK-1L", 3), ("BEEF-500", 1)]),
    ("+86 138 1234 5678", "200120", "浦东新区世纪大道 100 号, 12 楼", ITEMS[:2]),
    ("+86 138 1234 5679", "200120", "浦东新区世纪大道 100 号, 12 楼", ITEMS),
    ("+86 138 1234 5678", "200121", "浦东新区世纪大道 100 号, 12 楼", ITEMS),
    ("+86 138 1234 5678", "200120", "浦东新区世纪大道 101 号, 12 楼", ITEMS),
])
def test_fingerprint_differs_when_the_order_differs(phone, postal, street, items):
    assert fingerprint(phone, postal, street, items) != BASE


def test_fingerprint_accepts_an_invalid_phone():
    assert fingerprint("n/a", "", "", []) == fingerprint("", "", "", [])
    assert fingerprint("12-345", "", "", []) == fingerprint("12345", "", "", [])
