"""A small shop for order tests: two warehouses by region, three products, stock with known expiry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from app import clock
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.services import catalog, warehouses
from app.services.stock import receiving

#: 10:00 in Shanghai, well before the 22:00 cut-off: next-day delivery is feasible
NOW = datetime.combine(clock.today(), datetime.min.time(), timezone.utc) + timedelta(hours=2)


@dataclass
class Shop:
    shanghai: object
    beijing: object
    broccoli: object   # piece, min shelf life 2 days
    salmon: object     # weighed, 250 g nominal
    old_tea: object    # inactive
    sh_bin: object
    bj_bin: object


def receive(db, system, product_id, bin_id, lot, days, quantity):
    return receiving.receive(db, system, receiving.ReceiptInput(product_id, lot, clock.today() + timedelta(days=days),
                                                                quantity, bin_id))


@pytest.fixture
def shop(db, system) -> Shop:
    veg = catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables", "蔬菜", "chilled"))
    sh = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("SH", "Shanghai", "", ("200", "2001"), 1))
    bj = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("BJ", "Beijing", "", ("100",), 2))
    broccoli = catalog.save_product(db, system, catalog.ProductInput(
        "VEG-1", "Broccoli", veg.id, "chilled", 10, 690, min_remaining_shelf_life_days=2))
    salmon = catalog.save_product(db, system, catalog.ProductInput(
        "FISH-1", "Salmon fillet", veg.id, "chilled", 5, 12800, unit="weighed", nominal_weight_g=250,
        weight_tolerance_g=20))
    tea = catalog.save_product(db, system, catalog.ProductInput(
        "TEA-1", "Old tea", veg.id, "ambient", 300, 1000, active=False))
    sh_bin = warehouses.save_bin(db, system, warehouses.BinInput(sh.id, "SH-A-1", "CHL", 10))
    bj_bin = warehouses.save_bin(db, system, warehouses.BinInput(bj.id, "BJ-A-1", "CHL", 10))
    receive(db, system, broccoli.id, sh_bin.id, "L-SOON", 4, 5)
    receive(db, system, broccoli.id, sh_bin.id, "L-LATER", 8, 20)
    receive(db, system, salmon.id, sh_bin.id, "S-1", 4, 5000)
    receive(db, system, broccoli.id, bj_bin.id, "L-BJ", 8, 100)
    return Shop(sh, bj, broccoli, salmon, tea, sh_bin, bj_bin)


def draft(external_id: str, *lines: tuple[str, int], postal_code: str = "200001", phone: str = "13812345678",
          email: str = "li.lei@example.com", channel: str = "web", delivery: date | None = None,
          slot: str = "", name: str = "Li Lei", payment: str = "paid", price: int | None = None,
          address: bool = True, position: int = 1) -> OrderDraft:
    return OrderDraft(
        channel=channel, external_id=external_id, customer_name=name, email=email, phone=phone,
        address=DraftAddress(name=name, line1="1 Nanjing Road", city="Shanghai", province="Shanghai",
                             postal_code=postal_code, country="CN") if address else None,
        lines=tuple(DraftLine(sku, quantity, price) for sku, quantity in (lines or (("VEG-1", 2),))),
        delivery_date=delivery, delivery_slot=slot, payment_status=payment, position=position)
