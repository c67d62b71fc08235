"""bench/make_order_files.py writes valid, deterministic files that every importer reads without errors."""

from __future__ import annotations

import pytest

from app.importers import detect_format
from bench.make_order_files import FIRST_SHOPIFY_ID, FORMATS, write_orders
from tests.importers.helpers import drafts


@pytest.mark.parametrize("format", FORMATS)
def test_generated_files_import_cleanly(tmp_path, format):
    path = write_orders(tmp_path / f"orders.{format}", format, 60, seed=7, skus=["SKU-A", "SKU-B"],
                        postal_codes=["200001"])
    assert detect_format(path) == format
    orders = drafts(path)
    assert len(orders) == 60 and len({order.external_id for order in orders}) == 60
    assert {line.sku for order in orders for line in order.lines} <= {"SKU-A", "SKU-B"}
    assert {order.address.postal_code for order in orders} == {"200001"}
    assert all(order.delivery_date and order.delivery_slot and order.placed_at for order in orders)


def test_same_seed_same_file(tmp_path):
    first = write_orders(tmp_path / "a.json", "shopify", 20, seed=3).read_bytes()
    assert first == write_orders(tmp_path / "b.json", "shopify", 20, seed=3).read_bytes()
    assert first != write_orders(tmp_path / "c.json", "shopify", 20, seed=4).read_bytes()


def test_shopify_ids_are_big_and_exact(tmp_path):
    orders = drafts(write_orders(tmp_path / "s.json", "shopify", 3, seed=1))
    assert [order.external_id for order in orders] == [str(FIRST_SHOPIFY_ID + n) for n in range(3)]
    assert FIRST_SHOPIFY_ID + 100_000 > 2**53  # a 100,000-order file crosses the float-exact limit
