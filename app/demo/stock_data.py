"""Deterministic demo stock: lots received over the past days, put away in the matching zone.

For every active product in every warehouse: 1-3 lots, each received some
days ago with its expiry from the product's shelf life, in a bin of the zone
that matches the product's temperature class (ambient → AMB, chilled → CHL,
frozen → FRZ). Short-lived goods come out near expiry on their own; a handful
of products also keep an expired lot on hand (to be written off), and a few
product × warehouse pairs are below their reorder point. Quantities are in
base units: pieces, or grams for weighed goods (5-40 kg per lot).

Pure data (standard library only): ``plan_stock`` takes the products, the
warehouses' bins, a ``random.Random`` and today's date, and returns the lots
to receive. ``app.demo.generate`` writes them with matching ledger rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from app.demo.catalog_data import AMBIENT, CHILLED, FROZEN, WEIGHED, DemoBin, DemoProduct

ZONE_FOR_TEMPERATURE = {AMBIENT: "AMB", CHILLED: "CHL", FROZEN: "FRZ"}

#: How far back the demo's deliveries go (days).
MAX_AGE_DAYS = 14
#: Products (per seed) that keep an expired lot on hand, and product × warehouse pairs below reorder point.
EXPIRED_PRODUCTS = 5
BELOW_REORDER = 8

SUPPLIERS = {
    "vegetables": ("Chongming Green Farms", "Shouguang Vegetable Co-op", "Yunnan Highland Produce"),
    "fruit": ("Hainan Tropical Fruit", "Zespri China", "Yantai Orchard Group"),
    "meat": ("Inner Mongolia Prairie Meats", "Fujian Sunner Poultry", "Muyuan Foods"),
    "seafood": ("Zhoushan Ocean Fishery", "Dalian Seafood Trading", "Zhanjiang Prawn Farm"),
    "dairy": ("Bright Dairy", "Junlebao Dairy", "Shengmu Organic"),
    "eggs": ("DQY Eco Eggs", "Huangtian Egg Farm"),
    "bakery": ("Shanghai Central Bakery", "Golden Wheat Bakehouse"),
    "frozen": ("Sanquan Frozen Foods", "Synear Food", "Anjoy Frozen"),
}


@dataclass(frozen=True)
class DemoPlacement:
    bin_code: str
    quantity: int


@dataclass(frozen=True)
class DemoLot:
    sku: str
    warehouse_code: str
    lot_number: str
    received_date: date
    expiry_date: date
    pack_date: date | None
    supplier: str
    delivery_reference: str
    placements: tuple[DemoPlacement, ...]

    @property
    def quantity(self) -> int:
        return sum(p.quantity for p in self.placements)


def _quantity(rng: random.Random, product: DemoProduct) -> int:
    if product.unit == WEIGHED:
        return rng.randint(5, 40) * 1000 + rng.randrange(0, 1000, 5)  # catch weight: not round kilograms
    return rng.randint(2, 20) * 12


def plan_stock(products: tuple[DemoProduct, ...] | list[DemoProduct], bins_by_warehouse: dict[str, list[DemoBin]],
               rng: random.Random, today: date) -> list[DemoLot]:
    """The lots to receive, in warehouse, product order (deterministic for ``rng``'s seed and ``today``)."""
    active = [p for p in products if p.active]
    expired = set(rng.sample([p.sku for p in active if p.shelf_life_days <= 30], EXPIRED_PRODUCTS))
    pairs = [(w, p.sku) for w in bins_by_warehouse for p in active]
    low = set(rng.sample(pairs, BELOW_REORDER))
    lots: list[DemoLot] = []
    for warehouse_code, bins in bins_by_warehouse.items():
        zones: dict[str, list[DemoBin]] = {}
        for bin_ in bins:
            zones.setdefault(bin_.zone, []).append(bin_)
        slot = {zone: 0 for zone in zones}
        for product in active:
            zone = ZONE_FOR_TEMPERATURE[product.temperature_class]
            zone_bins = zones[zone]
            home = slot[zone] % len(zone_bins)
            slot[zone] += 1
            shelf = product.shelf_life_days
            ages = sorted(rng.sample(range(0, min(shelf, MAX_AGE_DAYS + 1)), min(rng.choice((1, 2, 2, 3)),
                                                                                 min(shelf, MAX_AGE_DAYS + 1))))
            if product.sku in expired and warehouse_code == next(iter(bins_by_warehouse)):
                ages.append(shelf + rng.randint(1, 3))  # expired 1-3 days ago, still on the shelf
            suppliers = SUPPLIERS.get(product.category, ("FreshFlow Direct",))
            for k, age in enumerate(ages):
                received = today - timedelta(days=age)
                quantity = _quantity(rng, product)
                if (warehouse_code, product.sku) in low:
                    quantity = max(1, product.reorder_point // (3 * len(ages)))
                bin_code = zone_bins[(home + (1 if k == 2 else 0)) % len(zone_bins)].code
                placements = (DemoPlacement(bin_code, quantity),)
                if quantity >= 48 and rng.random() < 0.1:  # part of the lot in a reserve location
                    spare = zone_bins[(home + len(zone_bins) // 2) % len(zone_bins)].code
                    if spare != bin_code:
                        placements = (DemoPlacement(bin_code, quantity - quantity // 3),
                                      DemoPlacement(spare, quantity // 3))
                lots.append(DemoLot(
                    sku=product.sku, warehouse_code=warehouse_code,
                    lot_number=f"{warehouse_code}{received:%y%m%d}{'ABCD'[k]}{product.sku[-3:]}",
                    received_date=received, expiry_date=received + timedelta(days=shelf),
                    pack_date=received - timedelta(days=rng.randint(0, 1)) if product.temperature_class == CHILLED
                    else None,
                    supplier=suppliers[rng.randrange(len(suppliers))],
                    delivery_reference=f"{warehouse_code}-{received:%m%d}-{rng.randint(100, 999)}",
                    placements=placements,
                ))
    return lots
