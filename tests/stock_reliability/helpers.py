"""Shared set-up and invariant checks for the stock reliability tests (no pytest here: spawned workers import it)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from app.db.database import Database
from app.models import Bin, StockQuant, StockReservation
from app.services import catalog, warehouses
from app.services.context import Actor
from app.services.stock import operations, queries
from app.services.stock.receiving import ReceiptInput, ReceiptRow, receive

#: The fixed calendar day of every stock reliability test.
TODAY = date(2026, 12, 1)

_names = itertools.count(1)


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@dataclass(frozen=True)
class World:
    """One warehouse with bins in pick-path order and one product to stock."""

    warehouse_id: int
    product_id: int
    bin_ids: tuple[int, ...]
    category_id: int


def make_world(db: Database, actor: Actor, *, bins: int = 3, min_remaining: int = 0, shelf_life: int = 30,
               category_id: int | None = None, warehouse_id: int | None = None,
               bin_ids: tuple[int, ...] | None = None) -> World:
    """A product (unique SKU) plus, unless given, a warehouse with ``bins`` bins (pick sequence 10, 20, ...)."""
    n = next(_names)
    if category_id is None:
        category_id = catalog.save_category(db, actor, catalog.CategoryInput(f"c{n}", f"Category {n}")).id
    product = catalog.save_product(db, actor, catalog.ProductInput(
        sku=f"SR-{n}", name_en=f"Reliability {n}", category_id=category_id, temperature_class="chilled",
        shelf_life_days=max(shelf_life, min_remaining), min_remaining_shelf_life_days=min_remaining, price_cents=250))
    if warehouse_id is None:
        warehouse_id = warehouses.save_warehouse(db, actor, warehouses.WarehouseInput(f"W{n}", f"Warehouse {n}")).id
        bin_ids = tuple(
            warehouses.save_bin(db, actor, warehouses.BinInput(warehouse_id, f"W{n}-B{i}", "A", 10 * (i + 1))).id
            for i in range(bins))
    assert bin_ids is not None
    return World(warehouse_id, product.id, bin_ids, category_id)


def receive_lot(db: Database, actor: Actor, world: World, lot: str, expiry: date, quantity: int, *,
                bin_index: int = 0, received: date = TODAY) -> ReceiptRow:
    return receive(db, actor, ReceiptInput(world.product_id, lot, expiry, quantity, world.bin_ids[bin_index],
                                           supplier="Farm", delivery_reference=f"D-{lot}"), today=received)


def set_quarantined(db: Database, actor: Actor, lot_id: int, quarantined: bool = True) -> None:
    operations.set_quarantine(db, actor, lot_id, quarantined, "test" if quarantined else "released by QC")


def set_bin_active(db: Database, actor: Actor, bin_id: int, active: bool) -> None:
    """Take a bin out of use (or back) through the warehouse service."""
    row = db.read(lambda s: s.execute(select(Bin.warehouse_id, Bin.code, Bin.zone, Bin.pick_sequence)
                                      .where(Bin.id == bin_id)).one())
    warehouses.save_bin(db, actor, warehouses.BinInput(row.warehouse_id, row.code, row.zone, row.pick_sequence,
                                                       active=active), bin_id)


def quant_state(db: Database, product_id: int | None = None) -> dict[int, tuple[int, int]]:
    """quant id → (on hand, reserved), optionally for one product."""
    query = select(StockQuant.id, StockQuant.on_hand, StockQuant.reserved)
    if product_id is not None:
        query = query.where(StockQuant.product_id == product_id)
    return db.read(lambda s: {r.id: (r.on_hand, r.reserved) for r in s.execute(query)})


def active_by_reference(db: Database, prefix: str = "", *, product_id: int | None = None
                        ) -> dict[str, dict[int, tuple[int, int]]]:
    """reference → {reservation id: (quant id, quantity)} of the active reservations (of one product)."""
    query = select(StockReservation.reference, StockReservation.id, StockReservation.quant_id,
                   StockReservation.quantity).where(StockReservation.status == "active")
    if prefix:
        query = query.where(StockReservation.reference.like(prefix + "%"))
    if product_id is not None:
        query = query.where(StockReservation.product_id == product_id)
    found: dict[str, dict[int, tuple[int, int]]] = {}
    for r in db.read(lambda s: s.execute(query).all()):
        found.setdefault(r.reference, {})[r.id] = (r.quant_id, r.quantity)
    return found


def assert_stock_consistent(db: Database, actor: Actor) -> None:
    """verify() is clean, nothing is negative, reserved ≤ on hand, and reserved = Σ active reservations."""
    differences = queries.verify(db, actor)
    assert differences == [], [d.describe() for d in differences]
    quants = quant_state(db)
    for quant_id, (on_hand, reserved) in quants.items():
        assert on_hand >= 0 and 0 <= reserved <= on_hand, (quant_id, on_hand, reserved)
    active = dict(db.read(lambda s: s.execute(
        select(StockReservation.quant_id, func.sum(StockReservation.quantity))
        .where(StockReservation.status == "active").group_by(StockReservation.quant_id)).all()))
    assert {q: r for q, (_o, r) in quants.items() if r} == {q: int(v) for q, v in active.items()}
