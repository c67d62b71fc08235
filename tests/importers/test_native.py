"""Native JSON: one object, a list, {"orders": [...]} or JSON Lines; messy values; one bad order at a time."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from app.importers import DraftAddress, DraftError, DraftLine, ImportOptions, OrderDraft
from tests.importers.helpers import drafts, fixture, only, read_all, write

LINE = {"sku": "FRU-APL-001", "quantity": 1}


def order(**fields) -> dict:
    return {"external_id": "W-1", "customer": {"name": "王芳"}, "lines": [LINE], **fields}


def test_fixture_reads_good_orders_and_reports_bad_ones_by_position():
    items = read_all(fixture("native_orders.json"))
    assert [type(item) for item in items] == [OrderDraft, OrderDraft, DraftError, DraftError, DraftError, DraftError]
    first = items[0]
    assert first == OrderDraft(
        channel="web", external_id="W-100234", customer_name="王芳", email="wang.fang@example.cn",
        phone="+86 138 0013 8000",
        address=DraftAddress(name="王芳", phone="+86 138 0013 8000", line1="世纪大道88号", line2="1203室",
                             city="上海", province="上海", postal_code="200120", country="CN"),
        lines=(DraftLine("FRU-APL-001", 2, 1990, "烟台红富士苹果 1kg", "L1"),
               DraftLine("VEG-SPN-500", 1, 4660, "有机菠菜 500g", "2")),
        placed_at=datetime(2026, 11, 27, 9, 15, tzinfo=timezone(timedelta(hours=8))), language="zh_CN",
        delivery_date=date(2026, 11, 29), delivery_slot="08:00-12:00", payment_status="paid", currency="CNY",
        total_cents=9640, note="请把水果放在最上面", position=1)
    messy = items[1]
    assert messy.external_id == "18446744073709551617"  # above 2**64, kept exact
    assert messy.address is None
    assert messy.placed_at == datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert messy.lines == (DraftLine("", 2, 13, ""), DraftLine("FRU-APL-001", 2, 1990), DraftLine("FRU-APL-001", 1, None))
    assert messy.total_cents == 1200 and messy.language == "en"
    no_lines, no_id, half, not_object = items[2:]
    assert (no_lines.position, no_lines.external_id) == (3, "W-100236")
    assert "no lines" in no_lines.message and no_lines.message.startswith("Order 3 (external id W-100236)")
    assert (no_id.position, no_id.external_id) == (4, "") and "external_id is missing" in no_id.message
    assert half.position == 5 and 'lines[2].quantity: "2.5" is not a whole number' in half.message
    assert not_object.position == 6 and "not an object" in not_object.message


def test_one_order_object(tmp_path):
    draft = only(write(tmp_path, "one.json", json.dumps(order(), ensure_ascii=False, indent=2)))
    assert (draft.external_id, draft.customer_name, draft.position) == ("W-1", "王芳", 1)


def test_orders_wrapper_with_other_keys_first(tmp_path):
    body = {"exported_at": "2026-11-27", "count": 2, "orders": [order(external_id="A"), order(external_id="B")]}
    assert [d.external_id for d in drafts(write(tmp_path, "wrapped.json", json.dumps(body)))] == ["A", "B"]


def test_json_lines_positions_are_line_numbers(tmp_path):
    text = "\n".join([json.dumps(order(external_id="A")), "", json.dumps(order(external_id="B", lines=[])),
                      json.dumps(order(external_id="C"))]) + "\n"
    items = read_all(write(tmp_path, "orders.jsonl", text))
    assert [(type(i).__name__, i.position) for i in items] == [("OrderDraft", 1), ("DraftError", 3),
                                                               ("OrderDraft", 4)]
    assert items[1].message.startswith("Order on line 3 (external id B)")


def test_default_channel_comes_from_the_options(tmp_path):
    path = write(tmp_path, "o.json", json.dumps([order(), order(external_id="W-2", channel="wechat")]))
    assert [d.channel for d in drafts(path, options=ImportOptions(default_channel="tmall"))] == ["tmall", "wechat"]


def test_naive_times_are_read_in_the_configured_zone(tmp_path):
    path = write(tmp_path, "o.json", json.dumps(order(placed_at="2026-11-27T09:00:00")))
    draft = only(path, options=ImportOptions(naive_timezone="Europe/Berlin"))
    assert draft.placed_at == datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc)
    assert draft.placed_at.utcoffset() == timedelta(hours=1)


def test_unreadable_dates_go_to_raw_fields_for_the_reviewer(tmp_path):
    path = write(tmp_path, "o.json", json.dumps(order(placed_at="last Friday",
                                                      delivery={"date": "29/11/2026", "slot": "morning"})))
    draft = only(path)
    assert (draft.placed_at, draft.delivery_date, draft.delivery_slot) == (None, None, "")
    assert draft.raw_fields == {"placed_at": "last Friday", "delivery_date": "29/11/2026", "delivery_slot": "morning"}


def test_year_first_delivery_dates_and_loose_slots(tmp_path):
    draft = only(write(tmp_path, "o.json", json.dumps(order(delivery={"date": "2026/11/29", "slot": "8:00 - 12:00"}))))
    assert (draft.delivery_date, draft.delivery_slot) == (date(2026, 11, 29), "08:00-12:00")


def test_address_without_a_name_names_the_customer(tmp_path):
    body = order(customer={"name": "Tom Baker", "phone": "+86 139"}, shipping_address={"line1": "1 Road",
                                                                                       "postal_code": 200001})
    draft = only(write(tmp_path, "o.json", json.dumps(body)))
    assert draft.address == DraftAddress(name="Tom Baker", phone="+86 139", line1="1 Road", postal_code="200001")


def test_empty_address_object_is_no_address(tmp_path):
    draft = only(write(tmp_path, "o.json", json.dumps(order(shipping_address={"name": "x", "line1": ""}))))
    assert draft.address is None


def test_unknown_top_level_fields_are_kept_for_the_reviewer(tmp_path):
    draft = only(write(tmp_path, "o.json", json.dumps(order(gift_message="生日快乐", coupon=5, tags=["a"]),
                                                      ensure_ascii=False)))
    assert draft.raw_fields == {"gift_message": "生日快乐", "coupon": "5"}


def test_wrongly_shaped_fields_are_errors_naming_the_field(tmp_path):
    bodies = [order(customer="王芳"), order(lines={"sku": "A"}), order(lines=["A"]),
              order(lines=[{"sku": "A", "quantity": 1, "unit_price": "12,50"}]), order(external_id=True),
              order(customer={"name": ["a"]})]
    items = read_all(write(tmp_path, "o.json", json.dumps(bodies)))
    fields = ["customer", "lines", "lines[1]", "lines[1].unit_price", "external_id", "customer.name"]
    for item, field in zip(items, fields):
        assert isinstance(item, DraftError), item
        assert f": {field}" in item.message, item.message


def test_utf8_bom_is_skipped(tmp_path):
    draft = only(write(tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps([order()]).encode()))
    assert draft.external_id == "W-1"


def test_shopify_style_order_wrapper_in_json_lines(tmp_path):
    text = json.dumps({"order": order(external_id="A")}) + "\n" + json.dumps(order(external_id="B")) + "\n"
    assert [d.external_id for d in drafts(write(tmp_path, "o.jsonl", text), "native")] == ["A", "B"]


def test_empty_list_has_no_orders(tmp_path):
    assert read_all(write(tmp_path, "empty.json", "[ ]")) == []
