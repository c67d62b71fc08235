"""Set-up and invariant checks for the intake reliability tests (no pytest here: spawned workers import it).

``make_shop`` fills a migrated database with the demo (catalogue, 3 warehouses with delivery regions, bins,
demo stock) and ``stock_up`` adds one fresh, big lot per product and warehouse (lots, quants and receipt
ledger rows written together, so ``verify`` stays clean) so that generated orders allocate.
``check_intake_invariants`` is what every test asserts after its imports.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, insert, select

from app import clock
from app.db.database import Database
from app.demo.generate import generate_demo
from app.models import (AuditEntry, Bin, Lot, Order, OrderLine, OrderNumberCounter, OutboxMessage, Product,
                        StockMove, StockQuant, StockReservation, Warehouse)
from app.services.context import Actor
from app.services.orders import confirmations
from app.services.orders.shared_settings import IntakeSettings, save_intake_settings
from app.services.stock import queries

SYSTEM = Actor.system("reliability")
ZONE_FOR_TEMPERATURE = {"ambient": "AMB", "chilled": "CHL", "frozen": "FRZ"}
_NUMBER = re.compile(r"(\d{8})-(\d{4,})")


def make_shop(db: Database, *, batch_size: int | None = None) -> None:
    generate_demo(db, seed=1, customers=10)
    stock_up(db)
    if batch_size is not None:
        save_intake_settings(db, SYSTEM, IntakeSettings(batch_size=batch_size))


def stock_up(db: Database, pieces: int = 5_000) -> None:
    """One fresh lot of ``pieces`` units (weighed: ``pieces`` x nominal grams) per active product and warehouse."""
    today = clock.today()

    def work(session) -> None:
        products = session.execute(select(Product.id, Product.unit, Product.nominal_weight_g,
                                          Product.temperature_class, Product.shelf_life_days,
                                          Product.min_remaining_shelf_life_days)
                                   .where(Product.active.is_(True)).order_by(Product.id)).all()
        first_bin = {}
        for warehouse_id, zone, bin_id in session.execute(
                select(Bin.warehouse_id, Bin.zone, Bin.id).where(Bin.active.is_(True))
                .order_by(Bin.warehouse_id, Bin.zone, Bin.pick_sequence)):
            first_bin.setdefault((warehouse_id, zone), bin_id)
        warehouses = session.execute(select(Warehouse.id, Warehouse.code).order_by(Warehouse.id)).all()
        session.execute(insert(Lot), [
            {"product_id": p.id, "lot_number": f"REL-{w.code}", "supplier": "Reliability Farm",
             "expiry_date": today + timedelta(days=max(p.shelf_life_days, p.min_remaining_shelf_life_days + 5)),
             "received_date": today, "quarantined": False, "quarantine_reason": ""}
            for p in products for w in warehouses])
        lots = {(product_id, number): lot_id for lot_id, product_id, number in session.execute(
            select(Lot.id, Lot.product_id, Lot.lot_number).where(Lot.lot_number.like("REL-%")))}
        placements = []
        for p in products:
            quantity = pieces * (p.nominal_weight_g or 1000) if p.unit == "weighed" else pieces
            for w in warehouses:
                bin_id = first_bin[(w.id, ZONE_FOR_TEMPERATURE[p.temperature_class])]
                placements.append((w.id, bin_id, p.id, lots[(p.id, f"REL-{w.code}")], quantity))
        session.execute(insert(StockQuant), [
            {"warehouse_id": w, "bin_id": b, "product_id": p, "lot_id": lot, "on_hand": q, "reserved": 0}
            for w, b, p, lot, q in placements])
        quants = {(b, lot): quant_id for quant_id, b, lot in session.execute(
            select(StockQuant.id, StockQuant.bin_id, StockQuant.lot_id))}
        session.execute(insert(StockMove), [
            {"kind": "receipt", "quant_id": quants[(b, lot)], "warehouse_id": w, "bin_id": b, "product_id": p,
             "lot_id": lot, "on_hand_delta": q, "reserved_delta": 0, "reason": "Reliability Farm",
             "reference": f"GR:REL-{lot}", "batch": "", "value_cents": None, "user_id": None,
             "username": SYSTEM.username, "station": SYSTEM.station}
            for w, b, p, lot, q in placements])

    db.transaction(work)


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


@dataclass
class IntakeState:
    orders: int
    by_key: Counter            # (channel, external id) -> rows
    numbers: list[str]
    states: Counter
    lines_per_order: dict[str, int]   # external id -> lines


def intake_state(db: Database) -> IntakeState:
    def work(session) -> IntakeState:
        rows = session.execute(select(Order.channel, Order.external_id, Order.number, Order.state)).all()
        lines = dict(session.execute(select(Order.external_id, func.count(OrderLine.id))
                                     .join(OrderLine, OrderLine.order_id == Order.id, isouter=True)
                                     .group_by(Order.external_id)).all())
        return IntakeState(len(rows), Counter((r.channel, r.external_id) for r in rows), [r.number for r in rows],
                           Counter(r.state for r in rows), lines)
    return db.read(work)


def count_rows(db: Database) -> dict[str, int]:
    tables = {"orders": Order, "order_lines": OrderLine, "outbox": OutboxMessage, "reservations": StockReservation,
              "counters": OrderNumberCounter}

    def work(session) -> dict[str, int]:
        counts = {name: session.scalar(select(func.count()).select_from(model)) for name, model in tables.items()}
        counts["reserve_moves"] = session.scalar(select(func.count()).select_from(StockMove)
                                                 .where(StockMove.kind == "reserve"))
        counts["order_audit"] = session.scalar(select(func.count()).select_from(AuditEntry)
                                               .where(AuditEntry.action == "order.imported"))
        return counts
    return db.read(work)


def assert_numbers_contiguous(numbers: list[str]) -> None:
    """Unique, and per day exactly 1..N (a batch rolled back gives its numbers back, so no gaps either)."""
    assert len(numbers) == len(set(numbers)), [n for n, c in Counter(numbers).items() if c > 1][:10]
    per_day: dict[str, list[int]] = defaultdict(list)
    for number in numbers:
        match = _NUMBER.fullmatch(number)
        assert match, number
        per_day[match[1]].append(int(match[2]))
    for day, sequences in per_day.items():
        assert sorted(sequences) == list(range(1, len(sequences) + 1)), (
            day, f"{len(sequences)} numbers, highest {max(sequences)}",
            sorted(set(range(1, max(sequences) + 1)) - set(sequences))[:10])


def assert_intake_consistent(db: Database) -> None:
    """What must hold after any set of imports, crashed or racing:

    - the stock ledger agrees with the quants and reservations (``verify``);
    - every reservation and every reserve/release ledger row names an existing order line ("NUMBER/LINE");
    - each order line's active reservations add up to its ``reserved_quantity``;
    - one audit entry per order; one confirmation per allocated order with an email, none for others;
    - the day counters equal the highest number handed out.
    """
    differences = queries.verify(db, SYSTEM)
    assert differences == [], [d.describe() for d in differences][:10]

    def work(session):
        lines = {f"{number}/{line_no}": reserved for number, line_no, reserved in session.execute(
            select(Order.number, OrderLine.line_no, OrderLine.reserved_quantity)
            .join(OrderLine, OrderLine.order_id == Order.id))}
        active: Counter = Counter()
        references = set()
        for reference, status, quantity in session.execute(
                select(StockReservation.reference, StockReservation.status, StockReservation.quantity)):
            references.add(reference)
            if status == "active":
                active[reference] += quantity
        move_references = set(session.execute(select(StockMove.reference).distinct()
                                              .where(StockMove.kind.in_(("reserve", "release")))).scalars())
        orders = session.execute(select(Order.id, Order.number, Order.state, Order.email)).all()
        confirmations_by_order = Counter(session.execute(
            select(OutboxMessage.order_id).where(OutboxMessage.kind == confirmations.KIND)).scalars())
        audits = Counter(session.execute(select(AuditEntry.entity_id)
                                         .where(AuditEntry.action == "order.imported")).scalars())
        counters = dict(session.execute(select(OrderNumberCounter.day, OrderNumberCounter.last_value)).all())
        return lines, active, references, move_references, orders, confirmations_by_order, audits, counters

    lines, active, references, move_references, orders, confirmations_by_order, audits, counters = db.read(work)
    orphans = sorted((references | move_references) - set(lines))
    assert orphans == [], f"{len(orphans)} reservation references without an order line, e.g. {orphans[:5]}"
    mismatched = {ref: (reserved, active.get(ref, 0)) for ref, reserved in lines.items()
                  if reserved != active.get(ref, 0)}
    assert mismatched == {}, dict(list(mismatched.items())[:5])
    expected = {o.id for o in orders if o.state == "allocated" and o.email}
    assert set(confirmations_by_order) == expected, (
        f"{len(expected - set(confirmations_by_order))} allocated orders without a confirmation, "
        f"{len(set(confirmations_by_order) - expected)} confirmations for other orders")
    assert max(confirmations_by_order.values(), default=1) == 1
    assert audits == Counter(str(o.number) for o in orders), "one 'order.imported' audit entry per order"
    highest: dict[str, int] = {}
    for o in orders:
        day, sequence = _NUMBER.fullmatch(o.number).groups()
        highest[day] = max(highest.get(day, 0), int(sequence))
    assert counters == highest, (counters, highest)
