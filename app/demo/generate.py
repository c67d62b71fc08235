"""Fill an empty database with a deterministic demo: users, catalogue, warehouses, customers, stock.

Same seed, same data (stock dates are relative to today). Bulk inserts keep it
quick; the stock is written as receipts in the ledger with quantities that
agree with them (``freshflow stock verify`` passes). One audit entry records
that the demo was generated and by whom.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app import clock
from app.db.database import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import (Bin, Category, CountLine, CountSheet, Customer, DeliveryRegion, Lot, Product, ProductGtin,
                        ProductSubstitute, StockMove, StockQuant, Warehouse)
from app.permissions import Action, require
from app.services import audit, users
from app.services.context import Actor
from app.demo.catalog_data import CATEGORIES, DEMO_USERS, PRODUCTS, WAREHOUSES, generate_bins, generate_customers
from app.demo.stock_data import DemoLot, plan_stock

#: The zone with a count sheet in progress in the demo (first warehouse).
DEMO_COUNT_ZONE = "AMB"

DEFAULT_CUSTOMERS = 600
Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    users: int
    categories: int
    products: int
    warehouses: int
    bins: int
    customers: int
    lots: int = 0
    quants: int = 0
    orders: int = 0
    pick_lists: int = 0


def generate_demo(db: Database, seed: int = 1, progress: Progress | None = None,
                  actor: Actor | None = None, customers: int = DEFAULT_CUSTOMERS, orders: int = 0) -> DemoSummary:
    """Generate the demo into an empty database; refuse one that already has a catalogue."""
    actor = actor or Actor.system("demo")
    require(actor, Action.USER_MANAGE)
    report = progress or (lambda _pct, _text: None)
    if db.read(lambda s: s.scalar(select(func.count()).select_from(Product))):
        raise ValidationError(_("This database already has a catalogue. Generate the demo into an empty database "
                                "(for example --db sqlite:///demo.db)."))
    rng = random.Random(seed)

    report(5, _("Creating demo users…"))
    for username, full_name, role, password in DEMO_USERS:
        users.ensure_user(db, actor, username, role, password, full_name)

    demo_customers = generate_customers(rng, customers)
    lots = plan_stock(PRODUCTS, {w.code: generate_bins(w) for w in WAREHOUSES}, random.Random(f"stock-{seed}"),
                      clock.today())

    def everything_else(session: Session) -> DemoSummary:
        """One transaction: a demo interrupted half-way leaves no half-filled database behind."""
        report(40, _("Creating the catalogue…"))
        _catalogue(session)
        report(65, _("Creating warehouses and bins…"))
        bin_count = _warehouses(session)
        report(80, _("Creating customers…"))
        session.execute(insert(Customer), [
            {"name": c.name, "phone": c.phone, "email": c.email, "language": c.language,
             "address_line": c.address_line, "city": c.city, "postal_code": c.postal_code, "version": 1}
            for c in demo_customers
        ])
        report(90, _("Receiving demo stock…"))
        quant_count = _stock(session, actor, lots)
        summary = DemoSummary(seed, len(DEMO_USERS), len(CATEGORIES), len(PRODUCTS), len(WAREHOUSES), bin_count,
                              len(demo_customers), len(lots), quant_count)
        audit.record(session, actor, "demo.generated", "database", db.database_name or "-",
                     details=summary.__dict__)
        return summary

    summary = db.transaction(everything_else)
    if orders:
        from app.demo.orders_data import generate_demo_orders

        from app.demo.picking_data import generate_demo_picking

        report(94, _("Importing a day of demo orders…"))
        summary = replace(summary, orders=generate_demo_orders(db, actor, orders, seed).imported)
        report(97, _("Picking some of the demo orders…"))
        picking = generate_demo_picking(db, actor, seed)
        summary = replace(summary, pick_lists=picking.lists_done + picking.lists_claimed + picking.lists_open)
    report(100, _("Demo data ready."))
    return summary


def _catalogue(session: Session) -> None:
    session.execute(insert(Category), [
        {"code": c.code, "name_en": c.name_en, "name_zh": c.name_zh, "temperature_class": c.temperature_class,
         "active": True, "version": 1}
        for c in CATEGORIES
    ])
    category_ids = dict(session.execute(select(Category.code, Category.id)).all())
    session.execute(insert(Product), [
        {"sku": p.sku, "name_en": p.name_en, "name_zh": p.name_zh, "category_id": category_ids[p.category],
         "temperature_class": p.temperature_class, "shelf_life_days": p.shelf_life_days,
         "min_remaining_shelf_life_days": p.min_remaining_shelf_life_days, "unit": p.unit,
         "nominal_weight_g": p.nominal_weight_g, "weight_tolerance_g": p.weight_tolerance_g,
         "price_cents": p.price_cents, "reorder_point": p.reorder_point, "active": p.active, "version": 1}
        for p in PRODUCTS
    ])
    product_ids = dict(session.execute(select(Product.sku, Product.id)).all())
    session.execute(insert(ProductGtin), [
        {"product_id": product_ids[p.sku], "gtin": g.zfill(14)} for p in PRODUCTS for g in p.gtins
    ])
    substitutes = [
        {"product_id": product_ids[p.sku], "substitute_id": product_ids[s], "rank": rank}
        for p in PRODUCTS for rank, s in enumerate(p.substitutes, start=1)
    ]
    if substitutes:
        session.execute(insert(ProductSubstitute), substitutes)


def _warehouses(session: Session) -> int:
    count = 0
    for rank, warehouse in enumerate(WAREHOUSES, start=1):
        row = Warehouse(code=warehouse.code, name=f"{warehouse.name_en} {warehouse.name_zh}",
                        address=warehouse.address, fallback_rank=rank * 10, active=True)
        session.add(row)
        session.flush()
        session.execute(insert(DeliveryRegion), [
            {"warehouse_id": row.id, "postal_prefix": prefix} for prefix in warehouse.postal_prefixes
        ])
        bins = generate_bins(warehouse)
        session.execute(insert(Bin), [
            {"warehouse_id": row.id, "code": b.code, "zone": b.zone, "pick_sequence": b.pick_sequence,
             "active": True, "version": 1}
            for b in bins
        ])
        count += len(bins)
    return count


def _stock(session: Session, actor: Actor, lots: list[DemoLot]) -> int:
    """Lots, quants and one receipt ledger row per quant (bulk, in step); one count sheet in progress."""
    product_ids = dict(session.execute(select(Product.sku, Product.id)).all())
    bin_ids = {code: (bin_id, warehouse_id)
               for code, bin_id, warehouse_id in session.execute(select(Bin.code, Bin.id, Bin.warehouse_id))}
    session.execute(insert(Lot), [
        {"product_id": product_ids[lot.sku], "lot_number": lot.lot_number, "expiry_date": lot.expiry_date,
         "best_before": None, "pack_date": lot.pack_date, "supplier": lot.supplier,
         "received_date": lot.received_date, "quarantined": False, "quarantine_reason": ""}
        for lot in lots
    ])
    lot_ids = {(product_id, number): lot_id for lot_id, product_id, number in
               session.execute(select(Lot.id, Lot.product_id, Lot.lot_number))}
    placements = []  # (lot, bin id, warehouse id, product id, lot id, quantity)
    for lot in lots:
        product_id = product_ids[lot.sku]
        for placement in lot.placements:
            bin_id, warehouse_id = bin_ids[placement.bin_code]
            placements.append((lot, bin_id, warehouse_id, product_id, lot_ids[(product_id, lot.lot_number)],
                               placement.quantity))
    session.execute(insert(StockQuant), [
        {"warehouse_id": w, "bin_id": b, "product_id": p, "lot_id": lot_id, "on_hand": qty, "reserved": 0}
        for _lot, b, w, p, lot_id, qty in placements
    ])
    quant_ids = {(b, lot_id): quant_id for quant_id, b, lot_id in
                 session.execute(select(StockQuant.id, StockQuant.bin_id, StockQuant.lot_id))}
    session.execute(insert(StockMove), [
        {"at": _received_at(lot.received_date, quant_ids[(b, lot_id)]), "kind": "receipt",
         "quant_id": quant_ids[(b, lot_id)], "warehouse_id": w, "bin_id": b, "product_id": p, "lot_id": lot_id,
         "on_hand_delta": qty, "reserved_delta": 0, "reason": lot.supplier, "reference": f"GR:{lot.delivery_reference}",
         "batch": "", "value_cents": None, "user_id": None, "username": actor.username, "station": actor.station}
        for lot, b, w, p, lot_id, qty in sorted(placements, key=lambda x: (x[0].received_date, quant_ids[(x[1], x[4])]))
    ])
    _open_count_sheet(session, actor)
    return len(placements)


def _received_at(day: date, n: int) -> datetime:
    """A plausible goods-in time on the day of receipt (06:00-13:59 local, stored in UTC)."""
    local = datetime.combine(day, time(6)) + timedelta(minutes=(n * 37) % 480)
    return local.astimezone(timezone.utc)


def _open_count_sheet(session: Session, actor: Actor) -> None:
    """A cycle count of the first warehouse's ambient zone, a few lines already counted."""
    warehouse_id = session.execute(select(Warehouse.id).where(Warehouse.code == WAREHOUSES[0].code)).scalar_one()
    counter = next(u.username for u in DEMO_USERS if u.role == "stock_clerk")
    sheet = CountSheet(warehouse_id=warehouse_id, zone=DEMO_COUNT_ZONE, status="open", note="", created_by=counter)
    session.add(sheet)
    session.flush()
    quants = session.execute(
        select(StockQuant.bin_id, StockQuant.product_id, StockQuant.lot_id, StockQuant.on_hand)
        .join(Bin, Bin.id == StockQuant.bin_id)
        .where(StockQuant.warehouse_id == warehouse_id, Bin.zone == DEMO_COUNT_ZONE, StockQuant.on_hand > 0)
        .order_by(Bin.pick_sequence, StockQuant.id)).all()
    counted_at = datetime.now(timezone.utc)
    session.execute(insert(CountLine), [
        {"sheet_id": sheet.id, "bin_id": b, "product_id": p, "lot_id": lot_id,
         # the first few bins are counted already, one of them short by one
         "counted": (on_hand - (1 if n == 1 else 0)) if n < 4 else None,
         "system_qty": on_hand if n < 4 else None, "counted_by": counter if n < 4 else None,
         "counted_at": counted_at if n < 4 else None}
        for n, (b, p, lot_id, on_hand) in enumerate(quants)
    ])
    audit.record(session, actor, "stock.count_created", "count_sheet", sheet.id, to_state="open",
                 details={"zone": DEMO_COUNT_ZONE, "lines": len(quants), "demo": True})
