"""WooCommerce REST API v3 orders: one object or a list; GMT times, meta_data, payment from status."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from app.importers import DraftAddress, DraftError, DraftLine, OrderDraft
from tests.importers.helpers import drafts, fixture, only, read_all, write


def woo_order(**fields) -> dict:
    base = {"id": 900, "status": "processing", "currency": "CNY", "date_created": "2026-11-27T10:00:00",
            "date_paid": "2026-11-27T10:00:05", "billing": {"first_name": "A", "last_name": "B", "email": "a@b.c"},
            "meta_data": [], "line_items": [{"id": 1, "name": "Apples", "sku": "FRU-1", "quantity": 1, "price": 9.9}]}
    return {**base, **fields}


def test_single_order():
    draft = only(fixture("woocommerce_order.json"))
    assert draft == OrderDraft(
        channel="woocommerce", external_id="727", customer_name="王芳", email="wang.fang@example.cn",
        phone="+86 138 0013 8000",
        address=DraftAddress(name="王芳", phone="+86 138 0013 8000", line1="世纪大道88号", line2="1203室",
                             city="上海", province="SH", postal_code="200120", country="CN"),
        lines=(DraftLine("FRU-APL-001", 2, 1990, "烟台红富士苹果 1kg", "315"),
               DraftLine("VEG-SPN-500", 1, 4660, "有机菠菜 500g", "316")),
        placed_at=datetime(2026, 11, 27, 13, 14, 3, tzinfo=timezone.utc),  # date_created_gmt is UTC
        language="", delivery_date=date(2026, 11, 29), delivery_slot="08:00-12:00", payment_status="paid",
        currency="CNY", total_cents=9640, note="请把水果放在最上面", position=1)
    # Shopper-visible custom fields are kept; underscore (plugin-internal) and platform bookkeeping ones are not.
    assert draft.raw_fields == {"Gate code": "1203#", "status": "processing"}


def test_list_with_messy_orders():
    items = read_all(fixture("woocommerce_orders.json"))
    assert [type(i) for i in items] == [OrderDraft, OrderDraft, DraftError, OrderDraft]
    on_hold, refunded, zero, set_paid = items
    assert on_hold.address.line1 == "Huaihai Road 300"  # empty shipping: the billing address
    assert on_hold.raw_fields["address_source"] == "billing"
    assert on_hold.address.country == "CN"  # "cn" upper-cased
    assert on_hold.placed_at == datetime(2026, 11, 27, 22, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # local time
    assert on_hold.payment_status == "pending"
    assert (on_hold.delivery_date, on_hold.delivery_slot) == (date(2026, 12, 1), "12:00-16:00")
    assert [(line.sku, line.quantity, line.unit_price_cents) for line in on_hold.lines] == [
        ("", 3, 1111), ("VEG-TOM-002", 2, 0), ("VEG-TOM-002", 1, 1112)]  # no price: subtotal / quantity
    assert on_hold.raw_fields["order_number"] == "WC-728"
    assert refunded.payment_status == "refunded"
    assert refunded.delivery_date == date(2026, 11, 30)  # from line item meta_data
    assert zero.position == 3 and zero.external_id == "730" and "at least 1" in zero.message
    assert set_paid.payment_status == "paid"


def test_payment_status_from_status_and_date_paid(tmp_path):
    cases = [("processing", "2026-11-27T10:00:05", "paid"), ("completed", "2026-11-27T10:00:05", "paid"),
             ("processing", None, "pending"), ("on-hold", None, "pending"), ("pending", None, "pending"),
             ("refunded", "2026-11-27T10:00:05", "refunded"), ("cancelled", None, "cancelled"),
             ("failed", None, "failed")]
    bodies = [woo_order(id=n, status=status, date_paid=paid) for n, (status, paid, _expected) in enumerate(cases)]
    got = [d.payment_status for d in drafts(write(tmp_path, "o.json", json.dumps(bodies)))]
    assert got == [expected for _status, _paid, expected in cases]


def test_no_address_at_all(tmp_path):
    draft = only(write(tmp_path, "o.json", json.dumps(woo_order(shipping=None))))
    assert draft.address is None and draft.customer_name == "A B"


def test_meta_data_values_that_are_objects_are_not_dates(tmp_path):
    body = woo_order(meta_data=[{"id": 1, "key": "_delivery_date", "value": {"date": "2026-11-29"}},
                                {"id": 2, "key": "_delivery_slot", "value": ["08:00-12:00"]}])
    draft = only(write(tmp_path, "o.json", json.dumps(body)))
    assert draft.delivery_date is None and draft.delivery_slot == ""
    assert "2026-11-29" in draft.raw_fields["delivery_date"]


def test_missing_id(tmp_path):
    item = only(write(tmp_path, "o.json", json.dumps(woo_order(id=None))), "woocommerce")
    assert isinstance(item, DraftError) and "order id is missing" in item.message
