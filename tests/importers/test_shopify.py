"""Shopify REST Admin API orders: webhook body, {"order": ...}, {"orders": [...]}, and messy payloads."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from app.importers import DraftAddress, DraftError, DraftLine, ImportOptions, OrderDraft
from tests.importers.helpers import drafts, fixture, only, read_all, write


def shopify_order(**fields) -> dict:
    base = {"id": 5821346119999, "admin_graphql_api_id": "gid://shopify/Order/5821346119999",
            "financial_status": "paid", "email": "a@example.com", "created_at": "2026-11-27T10:00:00+08:00",
            "line_items": [{"id": 1, "sku": "FRU-APL-001", "title": "Apples", "quantity": 1, "price": "19.90"}]}
    return {**base, **fields}


def test_webhook_body():
    draft = only(fixture("shopify_webhook_order.json"))
    assert draft == OrderDraft(
        channel="shopify", external_id="5821346119862", customer_name="王芳", email="wang.fang@example.cn",
        phone="+86 138 0013 8000",
        address=DraftAddress(name="王芳", phone="+86 138 0013 8000", line1="世纪大道88号", line2="1203室",
                             city="上海", province="Shanghai", postal_code="200120", country="CN"),
        lines=(DraftLine("FRU-APL-001", 2, 1990, "烟台红富士苹果 1kg", "15518907892012"),
               DraftLine("VEG-SPN-500", 1, 4660, "有机菠菜 500g", "15518907924780")),
        placed_at=datetime(2026, 11, 27, 21, 14, 3, tzinfo=timezone(timedelta(hours=8))), language="zh_CN",
        delivery_date=date(2026, 11, 29), delivery_slot="08:00-12:00", payment_status="paid", currency="CNY",
        total_cents=9640, note="请把水果放在最上面", position=1)
    assert draft.raw_fields == {"Gift message": "生日快乐", "order_name": "#1071"}


def test_api_single_order_response():
    draft = only(fixture("shopify_order_response.json"))
    assert (draft.external_id, draft.payment_status, draft.language) == ("5821346119870", "refunded", "en")


def test_api_page_with_messy_orders():
    items = read_all(fixture("shopify_orders_page.json"))
    assert [type(i) for i in items] == [OrderDraft, OrderDraft, DraftError, DraftError, OrderDraft]
    big, cancelled, half, no_id, two_point_zero = items
    assert big.external_id == "9007199254740993"  # 2**53 + 1: a float would make it ...992
    assert big.address is None  # shipping_address: null
    assert big.customer_name == "Tom Baker" and big.email == "tom.baker@example.com"  # from the customer record
    assert big.phone == "+86 139 1234 5678"  # the order's phone when the address has none
    assert [line.sku for line in big.lines] == ["", ""]  # sku null and ""
    assert big.lines[1].unit_price_cents == 1250  # price as a float
    assert big.total_cents == 4250 and big.currency == "CNY" and big.payment_status == "pending"  # authorized
    assert big.placed_at == datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # no zone given
    assert big.delivery_date is None and big.delivery_slot == ""
    assert big.raw_fields["delivery_date"] == "29/11/2026" and big.raw_fields["delivery_slot"] == "morning"
    assert big.raw_fields["test"] == "true" and big.raw_fields["tags"] == "vip"

    assert cancelled.external_id == "5821346119863"  # given as a string
    assert cancelled.phone == "+86 137 0000 1111"  # billing phone as the last resort
    assert cancelled.raw_fields["cancelled_at"] == "2026-11-27T12:00:00+08:00"
    assert [(line.sku, line.quantity) for line in cancelled.lines] == [("FRU-APL-001", 1), ("FRU-APL-001", 2)]
    assert cancelled.delivery_date == date(2026, 11, 30)  # from line item properties
    assert cancelled.delivery_slot == "16:00-20:00"
    assert cancelled.placed_at == datetime(2026, 11, 27, 11, 30, tzinfo=timezone.utc)

    assert half.position == 3 and half.external_id == "5821346119864"
    assert 'line_items[1].quantity: "2.5" is not a whole number' in half.message
    assert no_id.position == 4 and "order id is missing" in no_id.message

    assert two_point_zero.lines[0].quantity == 2
    assert two_point_zero.customer_name == "陈敏"  # Chinese first/last name joined family name first
    assert two_point_zero.payment_status == "partially_paid"


def test_ids_above_2_to_the_53_stay_exact_everywhere(tmp_path):
    body = shopify_order(id=2**63 + 7, line_items=[{"id": 2**60 + 3, "sku": "A", "quantity": 1, "price": "1"}])
    draft = only(write(tmp_path, "o.json", json.dumps(body)))
    assert draft.external_id == str(2**63 + 7) and draft.lines[0].external_line_id == str(2**60 + 3)


def test_payment_status_mapping(tmp_path):
    statuses = ["paid", "pending", "authorized", "refunded", "voided", "partially_refunded", "PAID", None]
    body = {"orders": [shopify_order(id=n, financial_status=s) for n, s in enumerate(statuses, 1)]}
    got = [d.payment_status for d in drafts(write(tmp_path, "o.json", json.dumps(body)))]
    assert got == ["paid", "pending", "pending", "refunded", "refunded", "partially_refunded", "paid", ""]


def test_configured_custom_field_names(tmp_path):
    body = shopify_order(note_attributes=[{"name": "配送日期", "value": "2026-12-02"},
                                          {"name": "配送时段", "value": "18:00-20:00"}])
    options = ImportOptions(delivery_date_fields=("配送日期",), delivery_slot_fields=("配送时段",))
    draft = only(write(tmp_path, "o.json", json.dumps(body, ensure_ascii=False)), options=options)
    assert (draft.delivery_date, draft.delivery_slot) == (date(2026, 12, 2), "18:00-20:00")


def test_name_fallbacks(tmp_path):
    bodies = [
        shopify_order(id=1, shipping_address={"first_name": "Anna", "last_name": "Schmidt", "address1": "1 Road"}),
        shopify_order(id=2, customer={"first_name": "Tom", "last_name": "Baker"}),
        shopify_order(id=3, billing_address={"name": "Mei Chen"}),
        shopify_order(id=4, contact_email="c@example.com", email=None),
    ]
    items = drafts(write(tmp_path, "o.json", json.dumps(bodies)), "shopify")
    assert [d.customer_name for d in items[:3]] == ["Anna Schmidt", "Tom Baker", "Mei Chen"]
    assert items[0].address.name == "Anna Schmidt"
    assert items[3].email == "c@example.com"


def test_processed_at_when_created_at_is_missing(tmp_path):
    body = shopify_order(created_at=None, processed_at="2026-11-27T10:00:00Z")
    assert only(write(tmp_path, "o.json", json.dumps(body))).placed_at == datetime(2026, 11, 27, 10, tzinfo=timezone.utc)


def test_no_line_items_is_an_error(tmp_path):
    item = only(write(tmp_path, "o.json", json.dumps(shopify_order(line_items=[]))), "shopify")
    assert isinstance(item, DraftError) and "no line_items" in item.message
