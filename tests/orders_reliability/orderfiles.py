"""Deterministic order files for the intake reliability tests (pure Python; spawned workers import it too).

Orders are native FreshFlow orders (app/importers/native.py) built from the demo catalogue and the demo
delivery regions, so that after ``generate_demo`` plus ``helpers.stock_up`` almost all of them pass the
review and allocate. ``exception_share`` of them are made to fail the review on purpose, in turn by a bad
phone number, an unknown SKU and a postal code no warehouse serves.

Every order has 1-5 lines of distinct SKUs (the intake merges lines of one SKU, and the tests compare
line counts with the file), a unique phone and address per file prefix (no duplicate-fingerprint
suspects), an email, a paid status, catalogue prices, and no delivery date (the intake assigns the next
feasible slot). Writers: JSON Lines, a JSON array, CSV.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.demo.catalog_data import CUSTOMER_NAMES, PRODUCTS

EXCEPTION_KINDS = ("phone", "sku", "postal_code")


@dataclass(frozen=True)
class Sku:
    sku: str
    unit: str
    nominal_weight_g: int | None
    price_cents: int

    @property
    def unit_price(self) -> str:
        """The catalogue price of one unit of sale, as the shop writes it ("12.50")."""
        cents = self.price_cents
        if self.unit == "weighed":  # price per kg x nominal weight, half up (review.expected_unit_price)
            cents = (self.price_cents * (self.nominal_weight_g or 0) * 2 + 1000) // 2000
        return f"{cents // 100}.{cents % 100:02d}"


def demo_skus() -> list[Sku]:
    return [Sku(p.sku, p.unit, p.nominal_weight_g, p.price_cents) for p in PRODUCTS if p.active]


def served_postal_codes() -> list[str]:
    return [district.postal_code for districts in CUSTOMER_NAMES.districts.values() for district in districts]


def unserved_postal_codes() -> list[str]:
    return [district.postal_code for district in CUSTOMER_NAMES.unserved_districts]


def make_orders(count: int, seed: int = 1, *, prefix: str = "W", channel: str = "web",
                exception_share: float = 0.0, max_lines: int = 5) -> Iterator[dict]:
    """``count`` native order objects with external ids ``{prefix}{n:06d}``; see the module docstring."""
    rng = random.Random(f"{seed}-{prefix}")
    skus, served, unserved = demo_skus(), served_postal_codes(), unserved_postal_codes()
    for n in range(count):
        lines = [{"sku": sku.sku, "quantity": rng.randint(1, 3), "unit_price": sku.unit_price,
                  "external_line_id": f"{prefix}{n}-{k}"}
                 for k, sku in enumerate(rng.sample(skus, rng.randint(1, max_lines)), 1)]
        phone, postal_code = f"139{n:08d}", rng.choice(served)
        if rng.random() < exception_share:
            kind = EXCEPTION_KINDS[n % len(EXCEPTION_KINDS)]
            if kind == "phone":
                phone = f"12{n % 1000:03d}"
            elif kind == "sku":
                lines[-1]["sku"] = f"NO-SUCH-{n}"
            else:
                postal_code = rng.choice(unserved)
        yield {
            "channel": channel,
            "external_id": f"{prefix}{n:06d}",
            "placed_at": "2026-11-27T20:15:00+08:00",
            "customer": {"name": f"Customer {prefix}{n}", "phone": phone, "email": f"{prefix.lower()}{n}@example.com",
                         "language": "zh_CN" if n % 3 else "en"},
            "shipping_address": {"line1": f"{prefix} Road {n}, room {n % 900 + 100}", "city": "Shanghai",
                                 "province": "Shanghai", "postal_code": postal_code, "country": "CN"},
            "payment_status": "paid",
            "currency": "CNY",
            "lines": lines,
        }


def write_jsonl(path: Path, orders: Iterable[dict]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for order in orders:
            handle.write(json.dumps(order, ensure_ascii=False, separators=(",", ":")))
            handle.write("\n")
            count += 1
    return count


def write_json_array(path: Path, orders: Iterable[dict]) -> int:
    """A JSON array written one order at a time (the file may be far bigger than memory allows to build)."""
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[\n")
        for order in orders:
            if count:
                handle.write(",\n")
            handle.write(json.dumps(order, ensure_ascii=False, separators=(",", ":")))
            count += 1
        handle.write("\n]\n")
    return count


CSV_COLUMNS = ("external_id", "channel", "placed_at", "customer_name", "email", "phone", "language",
               "address_line1", "city", "province", "postal_code", "country", "payment_status", "currency",
               "sku", "quantity", "unit_price", "external_line_id")


def write_csv(path: Path, orders: Iterable[dict]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for order in orders:
            customer, address = order["customer"], order["shipping_address"]
            head = [order["external_id"], order["channel"], order["placed_at"], customer["name"], customer["email"],
                    customer["phone"], customer["language"], address["line1"], address["city"], address["province"],
                    address["postal_code"], address["country"], order["payment_status"], order["currency"]]
            for line in order["lines"]:
                writer.writerow(head + [line["sku"], line["quantity"], line["unit_price"], line["external_line_id"]])
            count += 1
    return count


def lines_per_order(orders: Iterable[dict]) -> dict[str, int]:
    """external id -> number of lines, the way the file states them."""
    return {order["external_id"]: len(order["lines"]) for order in orders}
