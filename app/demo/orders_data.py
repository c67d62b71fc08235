"""A day of demo orders from the three channels, through the real intake, in every state so far.

Most orders are good (customers of the demo, products in stock in the
warehouse serving them); about one in eight carries a typical web-shop
problem (a mistyped phone, no email, an unknown SKU, a postal code nobody
serves, an absurd quantity, an unpaid order, no address) and lands in the
exception queue. A few are then put on hold or cancelled by the demo
supervisor, so the review desk and the orders browser show every state.
Every third order accepts substitutes (``app.demo.picking_data`` then picks
some of the allocated ones).
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select, update

from app import clock
from app.db.database import Database
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.models import Customer, Lot, Order, Product, StockQuant
from app.services.context import Actor
from app.services.orders import desk
from app.services.orders.allocation import load_warehouse_map
from app.services.orders.intake import ImportReport, import_drafts
from app.services.orders.queries import review_queue, search_orders

DEFAULT_DEMO_ORDERS = 300
#: Shopify order ids are 64-bit; these are above 2**53 on purpose (kept as exact strings)
_SHOPIFY_BASE = 9_007_199_254_740_993
#: every this many demo orders the customer accepts a substitute for a product the picker cannot find
SUBSTITUTIONS_EVERY = 3
_PROBLEMS = ("phone", "email", "sku", "postal_code", "quantity", "payment", "address")


def _viable_skus(session) -> dict[int, list[tuple[str, int]]]:
    """Per warehouse: (sku, free units) of products with stock that stays fresh long enough for next-day delivery."""
    horizon = clock.today() + timedelta(days=2)
    rows = session.execute(
        select(StockQuant.warehouse_id, Product.sku, Product.unit, Product.nominal_weight_g,
               Product.min_remaining_shelf_life_days, Lot.expiry_date, StockQuant.on_hand - StockQuant.reserved)
        .join(Product, Product.id == StockQuant.product_id).join(Lot, Lot.id == StockQuant.lot_id)
        .where(Product.active.is_(True), Lot.quarantined.is_(False), StockQuant.on_hand > StockQuant.reserved))
    free: dict[tuple[int, str], int] = {}
    for warehouse_id, sku, unit, nominal, min_days, expiry, available in rows:
        if expiry >= horizon + timedelta(days=min_days):
            units = available // (nominal or 1) if unit == "weighed" else available
            free[(warehouse_id, sku)] = free.get((warehouse_id, sku), 0) + units
    viable: dict[int, list[tuple[str, int]]] = {}
    for (warehouse_id, sku), units in sorted(free.items()):
        if units >= 20:
            viable.setdefault(warehouse_id, []).append((sku, units))
    return viable


def allow_substitutions(db: Database, numbers: list[str]) -> None:
    """Mark these orders "substitutes accepted" (the web shops' checkbox; the demo drafts do not carry it)."""
    if numbers:
        db.transaction(lambda session: session.execute(
            update(Order).where(Order.number.in_(numbers)).values(substitutions_allowed=True)))


def generate_demo_orders(db: Database, actor: Actor, count: int = DEFAULT_DEMO_ORDERS, seed: int = 1) -> ImportReport:
    rng = random.Random(f"orders-{seed}")

    def facts(session):
        return (session.execute(select(Customer.name, Customer.phone, Customer.email, Customer.language,
                                       Customer.address_line, Customer.city, Customer.postal_code)
                                .order_by(Customer.id)).all(),
                _viable_skus(session), load_warehouse_map(session))

    customers, viable, warehouses = db.read(facts)
    served = [c for c in customers if (region := warehouses.serving(c.postal_code)) and viable.get(region.warehouse_id)]
    drafts = []
    for index in range(count):
        customer = rng.choice(served)
        skus = viable[warehouses.serving(customer.postal_code).warehouse_id]
        lines = [DraftLine(sku, rng.choice((1, 1, 1, 2, 2, 3)), None, external_line_id=str(n))
                 for n, (sku, _units) in enumerate(rng.sample(skus, k=min(len(skus), rng.randint(1, 4))), 1)]
        channel = ("shopify", "woocommerce", "web")[index % 3]
        external_id = str(_SHOPIFY_BASE + index) if channel == "shopify" else str(70_000 + index)
        name, phone, email, postal = customer.name, customer.phone, customer.email, customer.postal_code
        address = DraftAddress(name=customer.name, phone=customer.phone, line1=customer.address_line,
                               city=customer.city, province=customer.city, postal_code=postal, country="CN")
        payment = "paid"
        problem = rng.choice(_PROBLEMS) if rng.random() < 0.13 else ""
        if problem == "phone":
            phone = phone[:-3] if phone else "12345"
            address = DraftAddress(**{**address.__dict__, "phone": phone})
        elif problem == "email":
            email = ""
        elif problem == "sku":
            lines.append(DraftLine(rng.choice(("VEG-999", "", "FRUIT-OLD")), 1, None, "Discontinued item"))
        elif problem == "postal_code":
            address = DraftAddress(**{**address.__dict__, "postal_code": "999999"})
        elif problem == "quantity":
            lines[0] = DraftLine(lines[0].sku, 80, None)
        elif problem == "payment":
            payment = "pending"
        elif problem == "address":
            address = None
        drafts.append(OrderDraft(channel, external_id, name, email, phone, address, tuple(lines),
                                 language=customer.language, payment_status=payment, currency="CNY",
                                 position=index + 1))
    report = import_drafts(db, actor, drafts)
    allow_substitutions(db, report.numbers[::SUBSTITUTIONS_EVERY])
    queue = review_queue(db, actor)
    for row in queue[:3]:
        desk.hold(db, actor, row.id, "Waiting for the customer to call back")
    for row in queue[3:5]:
        desk.cancel(db, actor, row.id, "Customer cancelled by phone")
    allocated = search_orders(db, actor, state="allocated", limit=2)
    for row in allocated[:1]:
        desk.cancel(db, actor, row.id, "Duplicate order placed by mistake")
    return report
