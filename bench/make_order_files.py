"""Write large, realistic order files in each import format (for benchmarks and end-to-end tests).

    python bench/make_order_files.py --format native --count 100000 --seed 1 -o orders.json
    python bench/make_order_files.py --format all --count 100000 --out-dir /tmp/orders

Importable: ``write_orders(path, format, count, seed, skus, postal_codes)``. Files are written
streaming (one order at a time), so any count fits in memory. Every order is valid: it parses
to an OrderDraft without error, with SKUs and postal codes drawn from the lists given (so the
caller decides whether they exist in its catalogue). Variety as real shops send it: Shopify ids
above 2**53, prices as strings or numbers, times with and without a zone, the same SKU now and
then on two lines of one order, delivery date/slot in each shop's own custom fields.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

FORMATS = ("native", "csv", "shopify", "woocommerce")
EXTENSIONS = {"native": "json", "csv": "csv", "shopify": "json", "woocommerce": "json"}
DEFAULT_SKUS = [f"{family}-{n:03d}" for family in ("FRU", "VEG", "MEA", "DAI", "SEA") for n in range(1, 41)]
DEFAULT_POSTAL_CODES = ["200001", "200002", "200030", "200040", "200050", "200120", "200135", "201100", "310000",
                        "100000"]
CSV_COLUMNS = ["external_id", "channel", "placed_at", "customer_name", "email", "phone", "language", "address_line1",
               "address_line2", "city", "province", "postal_code", "country", "delivery_date", "delivery_slot",
               "payment_status", "currency", "total", "note", "sku", "quantity", "unit_price", "line_name"]

_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
_GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "磊", "洋", "艳", "勇"]
_LATIN = [("Wei", "Li"), ("Anna", "Schmidt"), ("James", "Wong"), ("Mei", "Chen"), ("Tom", "Baker"),
          ("Lucy", "Zhang"), ("David", "Liu"), ("Sara", "Ng")]
_STREETS = ["世纪大道", "南京西路", "淮海中路", "Century Avenue", "Huaihai Road", "延安东路", "长寿路", "Yan'an Road"]
_CITIES = [("上海", "上海"), ("Shanghai", "Shanghai"), ("杭州", "浙江"), ("北京", "北京")]
_SLOTS = ["08:00-12:00", "12:00-16:00", "16:00-20:00", "8:00 - 12:00"]
_NOTES = ["", "", "", "请放门口", "Leave at the door", "Call before delivery", "不要辣"]
FIRST_SHOPIFY_ID = 2**53 - 50_000  # crosses 2**53 for large counts: ids must stay exact


class _OrderFacts:
    """One random order, independent of the format it is written in."""

    def __init__(self, rng: random.Random, index: int, skus: list[str], postal_codes: list[str]):
        self.index = index
        if rng.random() < 0.7:
            self.first, self.last = rng.choice(_GIVEN), rng.choice(_SURNAMES)
            self.name = self.last + self.first
            self.language = "zh_CN"
        else:
            self.first, self.last = rng.choice(_LATIN)
            self.name = f"{self.first} {self.last}"
            self.language = "en"
        self.email = f"customer{index}@example.com"
        self.phone = f"+86 13{rng.randint(0, 9)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        self.line1 = f"{rng.randint(1, 999)} {rng.choice(_STREETS)}"
        self.line2 = rng.choice(["", f"{rng.randint(1, 30)}F-{rng.randint(1, 8)}", f"Apt {rng.randint(100, 2999)}"])
        self.city, self.province = rng.choice(_CITIES)
        self.postal_code = rng.choice(postal_codes)
        self.placed_at = datetime(2026, 11, 1, 8, tzinfo=timezone(timedelta(hours=8))) + timedelta(
            seconds=rng.randint(0, 27 * 86400))
        self.delivery_date = self.placed_at.date() + timedelta(days=rng.randint(1, 3))
        self.slot = rng.choice(_SLOTS)
        self.note = rng.choice(_NOTES)
        self.paid = rng.random() < 0.9
        line_count = rng.choices([1, 2, 3, 4, 5, 8], weights=[20, 30, 25, 12, 8, 5])[0]
        self.lines = [(rng.choice(skus), rng.choices([1, 2, 3, 4, 6], weights=[50, 25, 12, 8, 5])[0],
                       rng.randint(150, 12000)) for _ in range(line_count)]  # (sku, quantity, price cents)
        self.total_cents = sum(quantity * cents for _sku, quantity, cents in self.lines) + 1000  # + delivery fee


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _native(facts: _OrderFacts, rng: random.Random) -> dict:
    return {
        "channel": "web",
        "external_id": f"W{facts.index + 100000}" if rng.random() < 0.8 else facts.index + 100000,
        "placed_at": facts.placed_at.isoformat() if rng.random() < 0.7 else facts.placed_at.strftime(
            "%Y-%m-%dT%H:%M:%S"),
        "customer": {"name": facts.name, "email": facts.email, "phone": facts.phone, "language": facts.language},
        "shipping_address": {"name": facts.name, "phone": facts.phone, "line1": facts.line1, "line2": facts.line2,
                             "city": facts.city, "province": facts.province, "postal_code": facts.postal_code,
                             "country": "CN"},
        "delivery": {"date": facts.delivery_date.isoformat(), "slot": facts.slot},
        "payment_status": "paid" if facts.paid else "pending",
        "currency": "CNY",
        "total": _money(facts.total_cents),
        "note": facts.note,
        "lines": [{"sku": sku, "quantity": quantity,
                   "unit_price": _money(cents) if rng.random() < 0.7 else cents / 100,
                   "name": f"Item {sku}"} for sku, quantity, cents in facts.lines],
    }


def _shopify(facts: _OrderFacts, rng: random.Random) -> dict:
    order_id = FIRST_SHOPIFY_ID + facts.index
    created = facts.placed_at.isoformat()
    address = {"first_name": facts.first, "last_name": facts.last, "name": facts.name, "address1": facts.line1,
               "address2": facts.line2 or None, "city": facts.city, "province": facts.province,
               "zip": facts.postal_code, "country": "China", "country_code": "CN", "phone": facts.phone,
               "company": None, "latitude": None, "longitude": None, "province_code": None}
    return {
        "id": order_id,
        "admin_graphql_api_id": f"gid://shopify/Order/{order_id}",
        "name": f"#{1001 + facts.index}",
        "order_number": 1001 + facts.index,
        "email": facts.email,
        "contact_email": facts.email,
        "phone": None,
        "created_at": created,
        "processed_at": created,
        "updated_at": created,
        "currency": "CNY",
        "presentment_currency": "CNY",
        "financial_status": "paid" if facts.paid else "pending",
        "fulfillment_status": None,
        "customer_locale": "zh-CN" if facts.language == "zh_CN" else "en",
        "total_price": _money(facts.total_cents),
        "subtotal_price": _money(facts.total_cents - 1000),
        "total_tax": "0.00",
        "taxes_included": True,
        "note": facts.note or None,
        "note_attributes": [{"name": "Delivery Date", "value": facts.delivery_date.strftime("%Y/%m/%d")},
                            {"name": "Delivery Slot", "value": facts.slot}],
        "tags": "",
        "test": False,
        "customer": {"id": 7_000_000_000_000 + facts.index, "email": facts.email, "first_name": facts.first,
                     "last_name": facts.last, "phone": facts.phone},
        "billing_address": address,
        "shipping_address": address,
        "line_items": [{
            "id": 16_000_000_000_000 + facts.index * 10 + number,
            "admin_graphql_api_id": f"gid://shopify/LineItem/{16_000_000_000_000 + facts.index * 10 + number}",
            "sku": sku, "title": f"Item {sku}", "name": f"Item {sku}", "quantity": quantity, "price": _money(cents),
            "price_set": {"shop_money": {"amount": _money(cents), "currency_code": "CNY"},
                          "presentment_money": {"amount": _money(cents), "currency_code": "CNY"}},
            "requires_shipping": True, "grams": 500, "properties": [], "taxable": True, "total_discount": "0.00",
            "variant_id": 40_000_000_000_000 + number, "product_id": 8_000_000_000_000 + number,
        } for number, (sku, quantity, cents) in enumerate(facts.lines)],
        "shipping_lines": [{"code": "Standard", "price": "10.00", "title": "Cold-chain delivery"}],
    }


def _woocommerce(facts: _OrderFacts, rng: random.Random) -> dict:
    gmt = facts.placed_at.astimezone(timezone.utc)
    return {
        "id": 5000 + facts.index,
        "parent_id": 0,
        "number": str(5000 + facts.index),
        "order_key": f"wc_order_{rng.getrandbits(48):012x}",
        "created_via": "checkout",
        "status": "processing" if facts.paid else "on-hold",
        "currency": "CNY",
        "date_created": facts.placed_at.strftime("%Y-%m-%dT%H:%M:%S"),
        "date_created_gmt": gmt.strftime("%Y-%m-%dT%H:%M:%S"),
        "date_paid": facts.placed_at.strftime("%Y-%m-%dT%H:%M:%S") if facts.paid else None,
        "prices_include_tax": True,
        "discount_total": "0.00",
        "shipping_total": "10.00",
        "total": _money(facts.total_cents),
        "total_tax": "0.00",
        "customer_id": 0,
        "customer_note": facts.note,
        "billing": {"first_name": facts.first, "last_name": facts.last, "company": "", "address_1": facts.line1,
                    "address_2": facts.line2, "city": facts.city, "state": facts.province,
                    "postcode": facts.postal_code, "country": "CN", "email": facts.email, "phone": facts.phone},
        "shipping": {"first_name": facts.first, "last_name": facts.last, "company": "", "address_1": facts.line1,
                     "address_2": facts.line2, "city": facts.city, "state": facts.province,
                     "postcode": facts.postal_code, "country": "CN", "phone": facts.phone},
        "payment_method": "alipay",
        "payment_method_title": "Alipay",
        "meta_data": [{"id": 90000 + facts.index * 3, "key": "is_vat_exempt", "value": "no"},
                      {"id": 90001 + facts.index * 3, "key": "_delivery_date",
                       "value": facts.delivery_date.isoformat()},
                      {"id": 90002 + facts.index * 3, "key": "_delivery_slot", "value": facts.slot}],
        "line_items": [{
            "id": 20000 + facts.index * 10 + number, "name": f"Item {sku}", "product_id": 100 + number,
            "variation_id": 0, "quantity": quantity, "tax_class": "", "subtotal": _money(cents * quantity),
            "subtotal_tax": "0.00", "total": _money(cents * quantity), "total_tax": "0.00", "taxes": [],
            "meta_data": [], "sku": sku, "price": cents / 100,
        } for number, (sku, quantity, cents) in enumerate(facts.lines)],
        "shipping_lines": [{"id": 1, "method_title": "Cold-chain delivery", "method_id": "flat_rate",
                            "total": "10.00"}],
    }


def _csv_rows(facts: _OrderFacts) -> Iterator[list[str]]:
    for number, (sku, quantity, cents) in enumerate(facts.lines):
        head = [f"C{facts.index + 100000}", "web", facts.placed_at.strftime("%Y-%m-%d %H:%M:%S"), facts.name,
                facts.email, facts.phone, facts.language, facts.line1, facts.line2, facts.city, facts.province,
                facts.postal_code, "CN", facts.delivery_date.strftime("%Y/%m/%d"), facts.slot,
                "paid" if facts.paid else "pending", "CNY", _money(facts.total_cents), facts.note]
        if number:  # order-level columns are read from the first row; later rows may leave them empty
            head = [head[0]] + [""] * (len(head) - 1)
        yield head + [sku, str(quantity), _money(cents), f"Item {sku}"]


_BUILDERS = {"native": _native, "shopify": _shopify, "woocommerce": _woocommerce}


def write_orders(path: Path, format: str, count: int, seed: int, skus: list[str] | None = None,
                 postal_codes: list[str] | None = None) -> Path:
    """Write ``count`` orders in ``format`` to ``path`` (streaming) and return the path."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    rng = random.Random(seed)
    skus = list(skus or DEFAULT_SKUS)
    postal_codes = list(postal_codes or DEFAULT_POSTAL_CODES)
    path = Path(path)
    if format == "csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            for index in range(count):
                writer.writerows(_csv_rows(_OrderFacts(rng, index, skus, postal_codes)))
        return path
    build = _BUILDERS[format]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"orders": [\n' if format == "shopify" else "[\n")
        for index in range(count):
            if index:
                handle.write(",\n")
            handle.write(json.dumps(build(_OrderFacts(rng, index, skus, postal_codes), rng), ensure_ascii=False))
        handle.write("\n]}\n" if format == "shopify" else "\n]\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=FORMATS + ("all",), default="native")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, help="file to write (one format)")
    parser.add_argument("--out-dir", type=Path, default=Path("."), help="directory for --format all")
    parser.add_argument("--skus", help="comma-separated SKUs to draw from")
    parser.add_argument("--postal-codes", help="comma-separated postal codes to draw from")
    args = parser.parse_args(argv)
    skus = args.skus.split(",") if args.skus else None
    postal_codes = args.postal_codes.split(",") if args.postal_codes else None
    formats = FORMATS if args.format == "all" else (args.format,)
    for format in formats:
        path = args.output if args.output and len(formats) == 1 else \
            args.out_dir / f"orders-{format}-{args.count}.{EXTENSIONS[format]}"
        write_orders(path, format, args.count, args.seed, skus, postal_codes)
        print(f"{format}: {args.count} orders -> {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
