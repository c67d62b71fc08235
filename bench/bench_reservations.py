"""FEFO line reservations per second: SQLite in one process, PostgreSQL with 8 processes on shared scarce stock.

    python bench/bench_reservations.py [--lines 20000] [--order-lines 5] [--profile]
                                       [--pg URL] [--processes 8] [--pg-orders 300] [--skip-sqlite] [--skip-pg]

(a) SQLite, one process, a fresh demo database (``generate_demo``: 172 products, 3 warehouses, demo stock)
    topped up with two big lots per product in the first warehouse, so lines are not short:
    - one transaction per line (``reserve_line``), ``--lines`` lines;
    - one transaction per order of ``--order-lines`` lines (``reserve_order_in_session`` inside ``db.transaction``).
    Lines pick a random product; 1-5 pieces, or 200-2,000 g of a weighed product; delivery tomorrow.
    ``--profile`` profiles 3,000 single-line reservations with pyinstrument and prints the tree.
    Target (issue 4): >= 2,000 line reservations/s.

(b) PostgreSQL, ``--processes`` station processes (spawn) start together on a fresh demo database and
    reserve orders of 5 lines (one transaction per order) from 20 hot products that
    have only 3 lots x 60 pieces each; about half the orders are cancelled again right away (released in one
    transaction), so the scarce stock keeps changing hands. The hot stock sits in a warehouse of its own
    (3 x 60 x 20 = 3,600 pieces) while the stations ask for about 10 x 8 x ``--pg-orders`` pieces.
    Reports lines/s, short lines, errors that reached the caller (target 0), retries (``retry_stats`` summed
    over the processes) and runs ``verify`` afterwards (target: no differences). ``--pg-random-order`` hands
    each order's lines over in random order (the engine still locks them in product order).

Prints the machine and library versions first. Nothing here is a timed assertion.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
import traceback
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import sqlalchemy  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app import clock  # noqa: E402
from app.db import migrate, pgroles  # noqa: E402
from app.db.database import Database  # noqa: E402
from app.db.retry import retry_stats  # noqa: E402
from app.demo.generate import generate_demo  # noqa: E402
from app.models import Bin, Product, StockQuant, StockReservation, Warehouse  # noqa: E402
from app.services import warehouses  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.stock import queries  # noqa: E402
from app.services.stock.receiving import ReceiptInput, receive  # noqa: E402
from app.services.stock.reservations import (LineRequest, release_in_session, reserve_line,  # noqa: E402
                                             reserve_order_in_session)

ACTOR = Actor.system("bench")
HOT_PRODUCTS = 20
HOT_LOT_SIZE = 60


def machine_info(pg_url: str | None) -> str:
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [f"machine: {platform.machine()} {cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
             f"python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
             f"SQLite {sqlite3.sqlite_version}", f"load average before: {os.getloadavg()[0]:.2f}"]
    if pg_url:
        try:
            engine = create_engine(make_url(pg_url).set(drivername="postgresql+psycopg"))
            with engine.connect() as connection:
                lines.append(connection.execute(text("SELECT version()")).scalar().split(",")[0])
            engine.dispose()
        except Exception as error:  # noqa: BLE001
            lines.append(f"PostgreSQL not reachable: {error}")
    return "\n".join(lines)


# -- data -----------------------------------------------------------------------------------------------------

def _first_warehouse(db: Database) -> tuple[int, list[int]]:
    def work(session):
        warehouse_id = session.execute(select(Warehouse.id).order_by(Warehouse.fallback_rank, Warehouse.id)
                                       .limit(1)).scalar_one()
        bins = session.execute(select(Bin.id).where(Bin.warehouse_id == warehouse_id, Bin.active.is_(True))
                               .order_by(Bin.pick_sequence)).scalars().all()
        return warehouse_id, list(bins)
    return db.read(work)


def _products(db: Database) -> list[tuple[int, str, int, int]]:
    """(id, unit, shelf life, min remaining) of the active products."""
    return db.read(lambda s: [tuple(r) for r in s.execute(
        select(Product.id, Product.unit, Product.shelf_life_days, Product.min_remaining_shelf_life_days)
        .where(Product.active.is_(True)).order_by(Product.id))])


def top_up(db: Database, warehouse_id: int, bins: list[int], products, *, lots: int = 2, pieces: int = 5_000,
           grams: int = 2_000_000, prefix: str = "BENCH") -> None:
    """``lots`` fresh lots per product (through ``receive``, so the ledger has them)."""
    today = clock.today()
    for index, (product_id, unit, shelf_life, min_remaining) in enumerate(products):
        for k in range(lots):
            expiry = today + timedelta(days=max(shelf_life, min_remaining + 2) + k)
            receive(db, ACTOR, ReceiptInput(product_id, f"{prefix}-{k}", expiry,
                                            grams if unit == "weighed" else pieces,
                                            bins[(index * lots + k) % len(bins)], supplier="Bench Farm"), today=today)


def make_lines(products, n: int, rng: random.Random) -> list[tuple[int, int]]:
    lines = []
    for _ in range(n):
        product_id, unit, _shelf, _min = rng.choice(products)
        lines.append((product_id, rng.randint(2, 20) * 100 if unit == "weighed" else rng.randint(1, 5)))
    return lines


def prepare_sqlite(directory: Path, name: str):
    db = Database(f"sqlite:///{directory / name}")
    migrate.upgrade(db)
    generate_demo(db, seed=1, customers=50)
    warehouse_id, bins = _first_warehouse(db)
    products = _products(db)
    top_up(db, warehouse_id, bins, products)
    return db, warehouse_id, products


# -- (a) SQLite, one process ----------------------------------------------------------------------------------

def run_per_line(db: Database, warehouse_id: int, lines, delivery, today) -> tuple[float, int]:
    short = 0
    start = time.perf_counter()
    for n, (product_id, quantity) in enumerate(lines):
        result = reserve_line(db, ACTOR, warehouse_id=warehouse_id, product_id=product_id, quantity=quantity,
                              delivery_date=delivery, reference=f"OL:{n}", today=today)
        short += not result.complete
    return time.perf_counter() - start, short


def run_per_order(db: Database, warehouse_id: int, lines, order_lines: int, delivery, today) -> tuple[float, int]:
    orders = [lines[i:i + order_lines] for i in range(0, len(lines), order_lines)]
    short = 0

    def reserve_order(session, number, order):
        return reserve_order_in_session(session, ACTOR, warehouse_id=warehouse_id, delivery_date=delivery,
                                        today=today, lines=[LineRequest(product_id, quantity, f"SO:{number}:{i}")
                                                            for i, (product_id, quantity) in enumerate(order)])

    start = time.perf_counter()
    for number, order in enumerate(orders):
        results = db.transaction(lambda s: reserve_order(s, number, order))
        short += sum(not r.complete for r in results)
    return time.perf_counter() - start, short


def check_clean(db: Database) -> str:
    differences = queries.verify(db, ACTOR)
    return "verify clean" if not differences else f"VERIFY FOUND {len(differences)} DIFFERENCES"


def commit_floor(directory: Path) -> str:
    """What one write transaction costs before any reservation work, on this disk and this Python."""
    raw = sqlite3.connect(directory / "floor.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)")
    start = time.perf_counter()
    for n in range(300):
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO t (v) VALUES (?)", (n,))
        raw.execute("COMMIT")
    raw_us = (time.perf_counter() - start) / 300 * 1e6
    raw.close()
    db = Database(f"sqlite:///{directory / 'floor2.db'}")
    db.transaction(lambda s: s.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)")))
    start = time.perf_counter()
    for n in range(300):
        db.transaction(lambda s: s.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": n}))
    db_us = (time.perf_counter() - start) / 300 * 1e6
    db.dispose()
    return (f"  floor: a one-row write transaction costs {raw_us:.0f} us in raw sqlite3 (WAL, synchronous=FULL: "
            f"the fsync) and {db_us:.0f} us through Database.transaction")


def bench_sqlite(args) -> None:
    today = clock.today()
    delivery = today + timedelta(days=1)
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as directory:
        directory = Path(directory)
        print(f"\n(a) SQLite, one process ({directory})")
        print(commit_floor(directory))
        for mode in ("line", "order"):
            db, warehouse_id, products = prepare_sqlite(directory, f"bench-{mode}.db")
            lines = make_lines(products, args.lines, rng)
            warm = make_lines(products, 200, rng)
            if mode == "line":
                run_per_line(db, warehouse_id, warm, delivery, today)
                seconds, short = run_per_line(db, warehouse_id, lines, delivery, today)
                label = "one transaction per line (reserve_line)"
            else:
                run_per_order(db, warehouse_id, warm, args.order_lines, delivery, today)
                seconds, short = run_per_order(db, warehouse_id, lines, args.order_lines, delivery, today)
                label = f"one transaction per order of {args.order_lines} lines (reserve_order_in_session)"
            print(f"  {label:<62} {len(lines) / seconds:8.0f} lines/s  ({len(lines)} lines in {seconds:.2f} s, "
                  f"{short} short, {check_clean(db)})")
            if mode == "line" and args.profile:
                profile(db, warehouse_id, products, delivery, today)
            db.dispose()


def profile(db: Database, warehouse_id: int, products, delivery, today) -> None:
    from pyinstrument import Profiler

    lines = make_lines(products, 3000, random.Random(2))
    profiler = Profiler(interval=0.0005)
    profiler.start()
    run_per_line(db, warehouse_id, [(p, q) for p, q in lines], delivery, today)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


# -- (b) PostgreSQL, several processes ------------------------------------------------------------------------

def pg_station(url: str, name: str, hot, warehouse_id: int, orders: int, seed: int, barrier, outbox,
               sort_lines: bool = True) -> None:
    """Reserve ``orders`` orders of 5 hot lines; cancel about half of them right away."""
    db = Database(url, application_name=f"freshflow:{name}")
    actor = Actor.system(name)
    today = clock.today()
    delivery = today + timedelta(days=1)
    rng = random.Random(seed)
    db.ping()
    stats = {"lines": 0, "short": 0, "units": 0, "released": 0, "errors": [], "retries": 0}
    barrier.wait()
    retries_before, start = retry_stats.retries, time.perf_counter()
    for number in range(orders):
        order = rng.sample(hot, 5)
        if sort_lines:  # lines in product order: orders lock their stock in the same order (no deadlocks)
            order.sort()
        refs = [f"{name}:{number}:{i}" for i in range(len(order))]
        try:
            quantities = [rng.randint(1, 3) for _ref in refs]
            results = db.transaction(lambda s: reserve_order_in_session(
                s, actor, warehouse_id=warehouse_id, delivery_date=delivery, today=today,
                lines=[LineRequest(product_id, quantity, ref)
                       for ref, product_id, quantity in zip(refs, order, quantities)]))
            stats["lines"] += len(results)
            stats["short"] += sum(not r.complete for r in results)
            stats["units"] += sum(r.reserved for r in results)
            if rng.random() < 0.5:
                stats["released"] += db.transaction(
                    lambda s: sum(release_in_session(s, actor, ref, "customer cancelled") for ref in refs))
        except Exception:  # noqa: BLE001 - what would reach the user; must stay empty
            stats["errors"].append(traceback.format_exc(limit=4))
    stats["seconds"] = time.perf_counter() - start
    stats["retries"] = retry_stats.retries - retries_before
    outbox.put(stats)
    db.dispose()


def bench_postgres(args) -> None:
    admin = create_engine(make_url(args.pg).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    name = f"ffbench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(args.pg).set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    try:
        db = Database(url)
        migrate.upgrade(db)
        generate_demo(db, seed=1, customers=50)
        # scarce: a warehouse of its own holding only three lots of HOT_LOT_SIZE for each hot product
        warehouse_id = warehouses.save_warehouse(db, ACTOR, warehouses.WarehouseInput("HOT", "Scarce stock")).id
        bins = [warehouses.save_bin(db, ACTOR, warehouses.BinInput(warehouse_id, f"HOT-{i:02d}", "AMB", i)).id
                for i in range(1, 13)]
        hot = [p for p in _products(db) if p[1] == "piece"][:HOT_PRODUCTS]
        top_up(db, warehouse_id, bins, hot, lots=3, pieces=HOT_LOT_SIZE, prefix="HOT")
        hot_ids = [p[0] for p in hot]
        supply = db.read(lambda s: s.execute(select(func.sum(StockQuant.on_hand - StockQuant.reserved)).where(
            StockQuant.warehouse_id == warehouse_id, StockQuant.product_id.in_(hot_ids))).scalar())
        context = multiprocessing.get_context("spawn")
        barrier, outbox = context.Barrier(args.processes), context.Queue()
        processes = [context.Process(target=pg_station, args=(url, f"st{k}", hot_ids, warehouse_id, args.pg_orders,
                                                              k, barrier, outbox, not args.pg_random_order),
                                       daemon=True)
                     for k in range(args.processes)]
        for process in processes:
            process.start()
        reports = [outbox.get(timeout=600) for _ in processes]
        for process in processes:
            process.join()
        wall = max(r["seconds"] for r in reports)
        lines = sum(r["lines"] for r in reports)
        errors = [e for r in reports for e in r["errors"]]
        held = db.read(lambda s: s.execute(select(func.coalesce(func.sum(StockReservation.quantity), 0)).where(
            StockReservation.status == "active", StockReservation.product_id.in_(hot_ids))).scalar())
        print(f"\n(b) PostgreSQL, {args.processes} processes, orders of 5 lines from {len(hot_ids)} hot products "
              f"({supply} units free at the start), lines "
              f"{'in random order' if args.pg_random_order else 'in product order'}")
        print(f"  {lines / wall:8.0f} lines/s  ({lines} lines in {wall:.2f} s; "
              f"{sum(r['short'] for r in reports)} lines short, {sum(r['units'] for r in reports)} units reserved, "
              f"{sum(r['released'] for r in reports)} released again, {held} still reserved)")
        print(f"  errors surfaced to the caller: {len(errors)}; retries: {sum(r['retries'] for r in reports)} "
              f"(per process: {', '.join(str(r['retries']) for r in reports)}); {check_clean(db)}")
        for error in errors[:3]:
            print(error)
        db.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            pgroles.drop_group_roles(connection, name)
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--order-lines", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--pg-orders", type=int, default=300, help="orders per process")
    parser.add_argument("--pg-random-order", action="store_true",
                        help="keep each order's lines in random order: orders deadlock each other, each deadlock "
                             "costs PostgreSQL's deadlock_timeout (1 s) and a retry; use a small --pg-orders")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    print(machine_info(None if args.skip_pg else args.pg))
    if not args.skip_sqlite:
        bench_sqlite(args)
    if not args.skip_pg:
        bench_postgres(args)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
