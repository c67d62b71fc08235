"""Fill an empty database with a deterministic demo: users, catalogue, warehouses, customers.

Same seed, same data. Bulk inserts keep it quick; one audit entry records
that the demo was generated and by whom.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import ValidationError
from app.i18n import _
from app.models import Bin, Category, Customer, DeliveryRegion, Product, ProductGtin, ProductSubstitute, Warehouse
from app.permissions import Action, require
from app.services import audit, users
from app.services.context import Actor
from app.demo.catalog_data import CATEGORIES, DEMO_USERS, PRODUCTS, WAREHOUSES, generate_bins, generate_customers

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


def generate_demo(db: Database, seed: int = 1, progress: Progress | None = None,
                  actor: Actor | None = None, customers: int = DEFAULT_CUSTOMERS) -> DemoSummary:
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

    report(40, _("Creating the catalogue…"))
    db.transaction(lambda s: _catalogue(s))
    report(65, _("Creating warehouses and bins…"))
    bin_count = db.transaction(lambda s: _warehouses(s))
    report(80, _("Creating customers…"))
    demo_customers = generate_customers(rng, customers)
    db.transaction(lambda s: s.execute(insert(Customer), [
        {"name": c.name, "phone": c.phone, "email": c.email, "language": c.language,
         "address_line": c.address_line, "city": c.city, "postal_code": c.postal_code, "version": 1}
        for c in demo_customers
    ]))
    summary = DemoSummary(seed, len(DEMO_USERS), len(CATEGORIES), len(PRODUCTS), len(WAREHOUSES), bin_count,
                          len(demo_customers))
    db.transaction(lambda s: audit.record(s, actor, "demo.generated", "database", db.database_name or "-",
                                          details=summary.__dict__))
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
