"""The order confirmation in the customer's language: golden texts, money in integer maths, weighed lines."""

from __future__ import annotations

import time
from datetime import date

import pytest

from app import i18n
from app.notifications.templates import (ConfirmationLine, OrderConfirmation, format_date, format_money,
                                         render_order_confirmation)

ORDER = OrderConfirmation(
    order_number="FF-20261128-0042",
    customer_name="王小明",
    delivery_date=date(2026, 11, 29),
    delivery_slot="08:00-12:00",
    lines=(
        ConfirmationLine("Broccoli", "西兰花", 2, "weighed", nominal_weight_g=500, line_total_cents=1790),
        ConfirmationLine("Fuji apples", "红富士苹果", 3, "piece", line_total_cents=2970),
        ConfirmationLine("Pumpkin", "南瓜", 1, "weighed", nominal_weight_g=1250, line_total_cents=8090),
    ),
    total_cents=12850,
    currency="CNY",
    address_text="上海市浦东新区世纪大道100号, 200120",
)

GOLDEN_ZH = """王小明，您好！

感谢您的订购！我们已收到您的订单 FF-20261128-0042，正在为您备货。

送货时间：2026年11月29日 星期日 08:00-12:00
收货地址：上海市浦东新区世纪大道100号, 200120

订单明细：
- 西兰花  2 × ~500 g  ¥17.90
- 红富士苹果  3 ×  ¥29.70
- 南瓜  1 × ~1.25 kg  ¥80.90

合计：¥128.50
称重商品按实际重量计价，最终金额可能略有差异。
"""

GOLDEN_EN = """Dear 王小明,

Thank you for your order FF-20261128-0042. We have received it and are preparing it for you.

Delivery: Sunday 29 November 2026, 08:00-12:00
Address: 上海市浦东新区世纪大道100号, 200120

Your order:
- Broccoli  2 × ~500 g  CNY 17.90
- Fuji apples  3 ×  CNY 29.70
- Pumpkin  1 × ~1.25 kg  CNY 80.90

Total: CNY 128.50
Weighed items are charged by their actual weight, so the final amount may differ slightly.
"""


def test_chinese_confirmation():
    subject, body = render_order_confirmation(ORDER, "zh_CN")
    assert subject == "您的订单 FF-20261128-0042 已确认"
    assert body.startswith(GOLDEN_ZH)
    assert body.rstrip().endswith("FreshFlow")


def test_english_confirmation():
    subject, body = render_order_confirmation(ORDER, "en")
    assert subject == "Your order FF-20261128-0042 is confirmed"
    assert body.startswith(GOLDEN_EN)
    assert "星期" not in body and "¥" not in body


@pytest.mark.parametrize("language", ["", "en_US", "de", "fr_FR", "unknown"])
def test_any_other_language_is_english(language):
    assert render_order_confirmation(ORDER, language) == render_order_confirmation(ORDER, "en")


@pytest.mark.parametrize("language", ["zh-CN", "zh", "ZH_cn"])
def test_chinese_variants_are_chinese(language):
    assert render_order_confirmation(ORDER, language) == render_order_confirmation(ORDER, "zh_CN")


def test_customer_language_not_the_station_language():
    """The station works in Chinese; an English-speaking customer still gets English (and the reverse)."""
    i18n.set_language("zh_CN")
    try:
        assert render_order_confirmation(ORDER, "en")[0] == "Your order FF-20261128-0042 is confirmed"
    finally:
        i18n.set_language("en")
    assert render_order_confirmation(ORDER, "zh_CN")[0] == "您的订单 FF-20261128-0042 已确认"


def test_dates_in_both_languages():
    assert format_date(date(2026, 11, 29), True) == "2026年11月29日 星期日"
    assert format_date(date(2026, 11, 29), False) == "Sunday 29 November 2026"
    assert format_date(date(2027, 1, 4), True) == "2027年1月4日 星期一"
    assert format_date(date(2027, 1, 4), False) == "Monday 4 January 2027"


def test_money_is_exact_integer_maths():
    assert format_money(12850, "CNY", True) == "¥128.50"
    assert format_money(12850, "CNY", False) == "CNY 128.50"
    assert format_money(5, "cny", True) == "¥0.05"
    assert format_money(0, "CNY", False) == "CNY 0.00"
    assert format_money(-1999, "CNY", True) == "-¥19.99"
    assert format_money(123456789, "USD", True) == "USD 1,234,567.89"
    # 2**53 + 1 cents: a float would round the last digit away
    assert format_money(9007199254740993, "CNY", False) == "CNY 90,071,992,547,409.93"
    assert format_money(110, "", False) == "1.10"


def test_weighed_lines_show_pieces_of_nominal_weight():
    lines = (ConfirmationLine("Grapes", "葡萄", 2, "weighed", 1000, None),
             ConfirmationLine("Ginger", "姜", 4, "weighed", 150, None),
             ConfirmationLine("Melon", "甜瓜", 1, "weighed", 2005, None),
             ConfirmationLine("Mushrooms", "蘑菇", 3, "weighed", None, None))
    order = OrderConfirmation("FF-1", "", date(2026, 12, 1), "", lines, None, "CNY", "Addr")
    _subject, en = render_order_confirmation(order, "en")
    assert "- Grapes  2 × ~1 kg\n" in en
    assert "- Ginger  4 × ~150 g\n" in en
    assert "- Melon  1 × ~2.005 kg\n" in en
    assert "- Mushrooms  3 ×\n" in en          # no nominal weight: just the count
    assert "Total: to be confirmed" in en
    assert en.startswith("Dear customer,\n")
    assert "Delivery: Tuesday 1 December 2026\n" in en   # no slot
    _subject, zh = render_order_confirmation(order, "zh_CN")
    assert "- 葡萄  2 × ~1 kg\n" in zh
    assert "合计：待确认" in zh
    assert zh.startswith("尊敬的顾客，您好！\n")
    assert "送货时间：2026年12月1日 星期二\n" in zh


def test_piece_only_order_has_no_weight_note_and_names_fall_back():
    lines = (ConfirmationLine("Eggs (10)", "", 2, "piece", None, 2400), ConfirmationLine("", "豆腐", 1, "piece"))
    order = OrderConfirmation("FF-2", "Ann Lee", date(2026, 12, 5), "18:00-21:00", lines, 2400, "CNY", "1 Road")
    _subject, en = render_order_confirmation(order, "en")
    assert "- Eggs (10)  2 ×  CNY 24.00\n- 豆腐  1 ×\n" in en
    assert "actual weight" not in en
    _subject, zh = render_order_confirmation(order, "zh_CN")
    assert "- Eggs (10)  2 ×  ¥24.00\n- 豆腐  1 ×\n" in zh
    assert "实际重量" not in zh


def test_missing_delivery_date_address_and_currency_do_not_break_an_import():
    order = OrderConfirmation("FF-3", "Bo", None, "", (ConfirmationLine("Kale", "羽衣甘蓝", 1, "piece", None, 990),),
                              990, "", "")
    _subject, en = render_order_confirmation(order, "en")
    assert "Delivery: to be confirmed\n\nYour order:" in en and "Address" not in en
    assert "- Kale  1 ×  9.90\n" in en and "Total: 9.90" in en
    _subject, zh = render_order_confirmation(order, "zh_CN")
    assert "送货时间：待确认\n\n订单明细：" in zh and "收货地址" not in zh


def test_rendering_is_fast():
    """An import renders one confirmation per order (target ≤ 20 µs); this catches a gross slowdown only."""
    rounds = 2000
    started = time.perf_counter()
    for i in range(rounds):
        render_order_confirmation(ORDER, "zh_CN" if i % 2 else "en")
    per_render = (time.perf_counter() - started) / rounds
    assert per_render < 200e-6, f"{per_render * 1e6:.1f} µs per confirmation"
