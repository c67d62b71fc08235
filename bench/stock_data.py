"""Bulk stock for benchmarks and screenshots: N quants in a demo database, with a matching ledger.

``build_stock(db, quants=100_000)`` tops the stock up to ``quants`` quants in
all (the demo's own stock counts): it writes lots, quants, receipt moves and, for
about one quant in ten, an active reservation with its ``reserve`` move, using
Core executemany inserts (a few seconds for 100,000 quants on SQLite). The
quantities equal the sums of the ledger and of the active reservations, so
``freshflow stock verify`` stays clean. Lots were received up to ten days ago and
expire after the product's shelf life, so short-lived goods come out near
expiry; 3 % of the lots are expired and about 1 % are quarantined.

The database must already hold the demo catalogue and warehouses
(``app.demo.generate.generate_demo``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, insert, select

from app import clock
from app.db.database import Database
from app.models import Bin, Lot, Product, StockMove, StockQuant, StockReservation

ZONE_FOR_TEMPERATURE = {"ambient": "AMB", "chilled": "CHL", "frozen": "FRZ"}
LOTS_PER_PRODUCT = 40


@dataclass(frozen=True)
class StockSummary:
    lots: int
    quants: int
    moves: int
    reservations: int


def build_stock(db: Database, quants: int = 100_000, *, seed: int = 1, today: date | None = None,
                lots_per_product: int = LOTS_PER_PRODUCT) -> StockSummary:
    rng = random.Random(seed)
    today = today or clock.today()

    def work(session) -> StockSummary:
        products = session.execute(select(Product.id, Product.unit, Product.temperature_class,
                                          Product.shelf_life_days).order_by(Product.id)).all()
        bins_by_zone: dict[str, list[tuple[int, int]]] = {}
        for bin_id, warehouse_id, zone in session.execute(select(Bin.id, Bin.warehouse_id, Bin.zone)):
            bins_by_zone.setdefault(zone, []).append((bin_id, warehouse_id))
        all_bins = [b for bins in bins_by_zone.values() for b in bins]
        existing = session.execute(select(func.count()).select_from(StockQuant)).scalar_one()
        wanted = max(quants - existing, 0)
        lot_total = len(products) * lots_per_product
        per_lot, extra = divmod(wanted, lot_total)
        first_lot = lot_id = session.execute(select(func.coalesce(func.max(Lot.id), 0))).scalar_one()
        quant_id = session.execute(select(func.coalesce(func.max(StockQuant.id), 0))).scalar_one()

        lots, quant_rows, moves, reservations = [], [], [], []
        for product_id, unit, temperature, shelf_life in products:
            candidates = bins_by_zone.get(ZONE_FOR_TEMPERATURE.get(temperature, ""), all_bins)
            for n in range(lots_per_product):
                lot_id += 1
                age = rng.randint(0, max(min(10, shelf_life - 1), 0))
                received = today - timedelta(days=age)
                expiry = received + timedelta(days=shelf_life)
                if rng.random() < 0.03:  # left over: to be written off
                    expiry = today - timedelta(days=rng.randint(1, 3))
                    received = min(received, expiry)
                quarantined = rng.random() < 0.01
                lots.append({"id": lot_id, "product_id": product_id, "lot_number": f"B{received:%y%m%d}-{n:03d}",
                             "expiry_date": expiry, "best_before": None, "pack_date": None,
                             "supplier": "Bench Farms", "received_date": received, "quarantined": quarantined,
                             "quarantine_reason": "QC hold" if quarantined else ""})
                count = per_lot + (1 if lot_id - first_lot <= extra else 0)
                pool = candidates if len(candidates) >= count else all_bins
                for bin_id, warehouse_id in rng.sample(pool, min(count, len(pool))):
                    quant_id += 1
                    on_hand = rng.randint(500, 50_000) if unit == "weighed" else rng.randint(1, 200)
                    reserved = 0
                    if not quarantined and expiry >= today and rng.random() < 0.1:
                        reserved = rng.randint(1, on_hand)
                    key = {"quant_id": quant_id, "warehouse_id": warehouse_id, "bin_id": bin_id,
                           "product_id": product_id, "lot_id": lot_id}
                    quant_rows.append({"id": quant_id, "warehouse_id": warehouse_id, "bin_id": bin_id,
                                       "product_id": product_id, "lot_id": lot_id, "on_hand": on_hand,
                                       "reserved": reserved})
                    moves.append({**key, "kind": "receipt", "on_hand_delta": on_hand, "reserved_delta": 0,
                                  "reason": "Bench Farms", "reference": f"GR:BENCH-{lot_id}", "batch": "",
                                  "username": "bench", "station": "bench"})
                    if reserved:
                        reference = f"OL:bench-{quant_id}"
                        moves.append({**key, "kind": "reserve", "on_hand_delta": 0, "reserved_delta": reserved,
                                      "reason": "", "reference": reference, "batch": "", "username": "bench",
                                      "station": "bench"})
                        reservations.append({"reference": reference, "quant_id": quant_id,
                                             "product_id": product_id, "lot_id": lot_id, "bin_id": bin_id,
                                             "warehouse_id": warehouse_id, "quantity": reserved,
                                             "status": "active"})
        session.execute(insert(Lot.__table__), lots)
        session.execute(insert(StockQuant.__table__), quant_rows)
        session.execute(insert(StockMove.__table__), moves)
        if reservations:
            session.execute(insert(StockReservation.__table__), reservations)
        return StockSummary(len(lots), len(quant_rows), len(moves), len(reservations))

    return db.transaction(work)
