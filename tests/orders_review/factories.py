"""Builders for review subjects: a typical order that passes, changed one field at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from app.services.orders.review_types import ProductFacts, ReviewLine, ReviewSubject

UTC = timezone.utc
#: 10:00 in Shanghai on 2025-03-10 (a Monday)
RECEIVED = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)
TODAY = date(2025, 3, 10)
TOMORROW = date(2025, 3, 11)


def product(sku: str = "APL-001", **changes) -> ProductFacts:
    values = dict(id=1, sku=sku, name_en="Fuji apple", name_zh="富士苹果", active=True, unit="piece",
                  nominal_weight_g=None, price_cents=450, shelf_life_days=20, min_remaining_shelf_life_days=5,
                  latest_expiry=date(2025, 3, 30))
    values.update(changes)
    return ProductFacts(**values)


def weighed(sku: str = "BEEF-500", **changes) -> ProductFacts:
    values = dict(id=3, name_en="Beef sirloin", name_zh="牛外脊", unit="weighed", nominal_weight_g=500,
                  price_cents=12_900, shelf_life_days=6, min_remaining_shelf_life_days=2,
                  latest_expiry=date(2025, 3, 15))
    values.update(changes)
    return product(sku, **values)


def line(line_no: int = 1, sku: str | None = None, quantity: int = 2, unit_price_cents: int | None = -1,
         prod: ProductFacts | None | str = "default", cancelled: bool = False) -> ReviewLine:
    if prod == "default":
        prod = product(sku or "APL-001")
    sku = sku if sku is not None else (prod.sku if prod is not None else "")
    if unit_price_cents == -1:
        unit_price_cents = prod.price_cents if prod is not None and prod.unit == "piece" else None
    return ReviewLine(line_no=line_no, sku=sku, quantity=quantity, unit_price_cents=unit_price_cents,
                      product=prod, cancelled=cancelled)


def typical_lines() -> tuple[ReviewLine, ...]:
    return (
        line(1, quantity=2),
        line(2, prod=product("MLK-1L", id=2, name_en="Fresh milk 1 l", price_cents=1_290,
                             latest_expiry=date(2025, 3, 18), min_remaining_shelf_life_days=3), quantity=3),
        line(3, prod=weighed(), quantity=1, unit_price_cents=6_450),
    )


def subject(**changes) -> ReviewSubject:
    base = ReviewSubject(
        channel="shopify", customer_name="王小明", phone="+86 138 1234 5678", email="xiaoming@example.cn",
        has_address=True, address_line1="浦东新区世纪大道 100 号 12 楼", city="上海市", province="上海市",
        postal_code="200120", country="CN", delivery_date=TOMORROW, delivery_slot="09:00-12:00",
        payment_status="paid", received_at=RECEIVED, lines=typical_lines(), warehouse_id=1, warehouse_code="SH1",
        duplicate_of="")
    return replace(base, **changes)
