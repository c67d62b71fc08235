"""Fuzzing: whatever the bytes, importers raise ImportFileError or yield DraftError, nothing else.

Three kinds of input: random bytes (steered towards JSON and CSV starts), valid fixtures with
random mutations, and structurally valid files whose orders hold random JSON values where the
fields should be (which exercises the mappers rather than the parsers). For every input: check()
either raises ImportFileError or counts exactly the items iteration then yields, iteration after a
passing check never fails, and a mapping bug (caught and reported as "unexpected content") fails
the test instead of hiding.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.importers import DraftError, ImportFileError, OrderDraft, open_orders
from app.importers.base import unexpected_problem
from app.importers.csv_format import KNOWN_COLUMNS
from tests.importers.helpers import FIXTURES

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FORMATS_TRIED = ("auto", "native", "csv", "shopify", "woocommerce")
FIXTURE_BYTES = {path.name: path.read_bytes() for path in sorted(FIXTURES.iterdir())}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def assert_sound_draft(draft: OrderDraft) -> None:
    assert isinstance(draft.external_id, str) and draft.external_id
    assert draft.lines and all(isinstance(line.quantity, int) and line.quantity >= 1 for line in draft.lines)
    assert all(line.unit_price_cents is None or isinstance(line.unit_price_cents, int) for line in draft.lines)
    assert draft.placed_at is None or (isinstance(draft.placed_at, datetime) and draft.placed_at.utcoffset()
                                       is not None)
    texts = [draft.channel, draft.customer_name, draft.email, draft.phone, draft.note, draft.delivery_slot,
             *draft.raw_fields, *draft.raw_fields.values(), *(line.sku for line in draft.lines)]
    if draft.address:
        texts += [draft.address.name, draft.address.line1, draft.address.postal_code, draft.address.country]
    for value in texts:
        assert isinstance(value, str) and "\x00" not in value
        value.encode("utf-8")  # storable: no lone surrogates


def exercise(path: Path, formats=FORMATS_TRIED) -> None:
    for format in formats:
        try:
            source = open_orders(path, format)
            count = source.check()
        except ImportFileError as error:
            assert error.message
            continue
        items = list(source)
        assert len(items) == count
        for item in items:
            if isinstance(item, DraftError):
                assert item.message and unexpected_problem() not in item.message, item
            else:
                assert isinstance(item, OrderDraft)
                assert_sound_draft(item)
        try:  # iterating without check() may stop with ImportFileError, and only with that
            list(open_orders(path, format))
        except ImportFileError:
            pass


STARTS = st.sampled_from([b"", b"[", b"{", b'{"orders": [', b'[{"external_id": ', b"\xef\xbb\xbf[",
                          b"external_id,sku,quantity\n", b"\xef\xbb\xbfexternal_id;sku;quantity\r\n", b'{"order": {'])


@SETTINGS
@given(start=STARTS, body=st.binary(max_size=2000))
def test_random_bytes(workdir, start, body):
    path = workdir / "random.bin"
    path.write_bytes(start + body)
    exercise(path)


MUTATION = st.tuples(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]),
                     st.floats(0, 1), st.integers(1, 40), st.binary(min_size=1, max_size=8))


def mutate(data: bytes, mutations) -> bytes:
    for kind, where, length, new in mutations:
        at = int(where * len(data))
        if kind == "delete":
            data = data[:at] + data[at + length:]
        elif kind == "insert":
            data = data[:at] + new + data[at:]
        elif kind == "replace":
            data = data[:at] + new + data[at + len(new):]
        elif kind == "truncate":
            data = data[:at]
        else:
            data = data[:at] + data[at:at + length] + data[at:]
    return data


@SETTINGS
@given(name=st.sampled_from(sorted(FIXTURE_BYTES)), mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_fixtures(workdir, name, mutations):
    path = workdir / "mutated.bin"
    path.write_bytes(mutate(FIXTURE_BYTES[name], mutations))
    exercise(path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
    | st.sampled_from(["", "2", "2.5", "12,50", "2026/11/29", "29/11/2026", "8:00 - 12:00", "zh-CN", "\x00", "-1"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8)


def mostly(plausible: st.SearchStrategy) -> st.SearchStrategy:
    """Usually a plausible value, one time in ten an arbitrary JSON value (so most orders still map)."""
    return st.one_of(*[plausible] * 9, JSON_VALUES)


def shaped(required: dict, optional: dict | None = None) -> st.SearchStrategy:
    """Objects with the expected keys (optional ones sometimes), holding mostly plausible values."""
    return st.fixed_dictionaries({key: mostly(value) for key, value in required.items()},
                                 optional={key: mostly(value) for key, value in (optional or {}).items()})


WORDS = st.text(max_size=6) | st.sampled_from(["王芳", "Tom", " ", "a\x00b", "\ud800"])
MONEY = st.sampled_from(["12.50", "0", "", "1e3", "12,50"]) | st.integers(0, 10**6) | st.floats(0, 1e6)
QUANTITY = st.integers(1, 5) | st.sampled_from(["2", 2.0, "2.5", 0, -1, "", None])
TIMES = st.sampled_from(["2026-11-27T10:00:00+08:00", "2026-11-27 10:00", "2026-11-27T02:00:00Z", "yesterday", ""])
DATES = st.sampled_from(["2026-11-29", "2026/11/29", "29/11/2026", "2026-02-30", ""])
SLOTS = st.sampled_from(["08:00-12:00", "8:00 - 12:00", "morning", "12-8", ""])
IDS = st.text(min_size=1, max_size=8) | st.integers(0, 2**70)
PAIRS = st.lists(st.fixed_dictionaries({
    "name": mostly(st.sampled_from(["Delivery Date", "delivery_slot", "Gift", "_x"])),
    "key": mostly(st.sampled_from(["_delivery_date", "Delivery Slot", "Gate code"])),
    "value": mostly(DATES | SLOTS | WORDS)}), max_size=3)
ADDRESS = {"name": WORDS, "phone": WORDS, "city": WORDS, "country": st.sampled_from(["CN", "cn", "China", ""])}
NATIVE_ORDER = shaped(
    {"external_id": IDS,
     "lines": st.lists(shaped({"sku": WORDS, "quantity": QUANTITY},
                              {"unit_price": MONEY, "name": WORDS, "external_line_id": IDS}), min_size=1, max_size=3)},
    {"customer": shaped({"name": WORDS}, {"email": WORDS, "phone": WORDS, "language": WORDS}),
     "shipping_address": st.none() | shaped({"line1": WORDS}, {**ADDRESS, "postal_code": WORDS | st.integers()}),
     "delivery": shaped({"date": DATES}, {"slot": SLOTS}), "channel": WORDS, "placed_at": TIMES,
     "payment_status": WORDS, "currency": WORDS, "total": MONEY, "note": WORDS, "extra": WORDS})
SHOPIFY_ORDER = shaped(
    {"id": IDS, "financial_status": st.sampled_from(["paid", "pending", "voided", "partially_paid"]),
     "line_items": st.lists(shaped({"quantity": QUANTITY}, {"sku": st.none() | WORDS, "price": MONEY, "title": WORDS,
                                                             "id": IDS, "properties": PAIRS}), min_size=1, max_size=3)},
    {"note_attributes": PAIRS, "created_at": TIMES, "processed_at": TIMES, "email": WORDS, "total_price": MONEY,
     "shipping_address": st.none() | shaped({"address1": WORDS}, {**ADDRESS, "zip": WORDS, "first_name": WORDS}),
     "customer": st.none() | shaped({}, {"first_name": WORDS, "last_name": WORDS, "email": WORDS}),
     "billing_address": st.none() | shaped({}, ADDRESS), "customer_locale": st.sampled_from(["zh-CN", "en", "fr"]),
     "currency": WORDS, "name": WORDS, "test": st.booleans(), "cancelled_at": TIMES})
WOO_ORDER = shaped(
    {"id": IDS, "billing": shaped({}, {"first_name": WORDS, "email": WORDS, "address_1": WORDS}),
     "line_items": st.lists(shaped({"quantity": QUANTITY}, {"sku": WORDS, "price": MONEY, "subtotal": MONEY,
                                                             "name": WORDS, "id": IDS, "meta_data": PAIRS}),
                            min_size=1, max_size=3)},
    {"meta_data": PAIRS, "status": st.sampled_from(["processing", "on-hold", "refunded", "trash"]),
     "date_created": TIMES, "date_created_gmt": TIMES, "date_paid": TIMES | st.none(), "set_paid": st.booleans(),
     "shipping": shaped({"address_1": WORDS}, {"first_name": WORDS, "last_name": WORDS, "postcode": WORDS}),
     "total": MONEY, "customer_note": WORDS, "number": IDS})


@SETTINGS
@given(format_and_orders=st.one_of(
    st.tuples(st.just("native"), st.lists(NATIVE_ORDER | JSON_VALUES, max_size=4)),
    st.tuples(st.just("shopify"), st.lists(SHOPIFY_ORDER, max_size=4)),
    st.tuples(st.just("woocommerce"), st.lists(WOO_ORDER, max_size=4))),
    layout=st.sampled_from(["array", "lines", "wrapper"]))
def test_random_values_in_order_shaped_json(workdir, format_and_orders, layout):
    format, orders = format_and_orders
    if layout == "array":
        text = json.dumps(orders)
    elif layout == "wrapper":
        text = json.dumps({"orders": orders})
    else:
        text = "".join(json.dumps(order) + "\n" for order in orders if isinstance(order, dict))
    path = workdir / "shaped.json"
    path.write_text(text, encoding="utf-8")
    exercise(path, ("auto", format))


CELLS = st.text(max_size=8) | st.sampled_from(["", "1", "2.5", "0", "12.50", "2026/11/29", "8-12", "\n", '"', ","])


@SETTINGS
@given(columns=st.lists(st.sampled_from(sorted(KNOWN_COLUMNS) + ["extra", "Note "]), min_size=1, max_size=8,
                        unique=True),
       rows=st.lists(st.lists(CELLS, min_size=8, max_size=8), max_size=6),
       ids=st.lists(st.sampled_from(["A", "B", "", " A "]), min_size=6, max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_random_csv_cells(workdir, columns, rows, ids, encoding, delimiter):
    header = ["external_id", "sku", "quantity"] + [c for c in columns if c not in ("external_id", "sku", "quantity")]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for external_id, row in zip(ids, rows):
        writer.writerow([external_id] + row[: len(header) - 1])
    path = workdir / "cells.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, "replace"))
    exercise(path, ("auto", "csv"))
