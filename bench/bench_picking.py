"""Picking: scan-to-feedback latency at one station while other stations pick at the same time.

    python bench/bench_picking.py [--orders 100000] [--moves 1000000] [--others 4] [--scans 600]
                                  [--mode service|view] [--pg URL] [--skip-sqlite] [--skip-pg]

Set-up per engine (SQLite: a file database in a temporary directory; PostgreSQL: a database created and
dropped here): migrate, the demo catalogue and warehouses (``generate_demo``), one big fresh lot per product
and warehouse (``stock_up``), ``--orders`` orders imported through the real intake (allocated with FEFO
reservations), then the ledger padded to ``--moves`` rows with pairs of count corrections (+1 / -1 on the
same quant, so ``verify`` stays clean), then per-order pick lists planned for the busiest warehouse.
Pickers are real users; on PostgreSQL each station connects as its own login role (row-level security
and grants apply, as in production).

The run: ``--others`` processes pick lists of that warehouse (shared lots) in a loop, each scanning every
``--pace`` seconds (default 0.25 s: four scans a second, faster than a person; 0 = flat out, a stress test).
Meanwhile the measured station (a process of its own, as a real station is) picks ``--scans`` scans: bin code,
then per item a GS1-128 label with GTIN and lot (and the nominal weight for weighed goods), the rest of a piece
line as a typed count.

``--mode both`` (the default) measures both, one after the other, on the same database.
``--mode service``: the time around ``scanning.scan`` (scan received → committed → outcome with the
refreshed list in hand). ``--mode view``: the real ``pickingView`` in an offscreen QApplication; the
scan is typed into ``scanInput`` as a wedge burst and the time runs from the terminator key to the view
showing the outcome; a 10 ms timer measures the longest event-loop stall meanwhile.

Printed: p50 / p95 / p99 / max per engine, accepted and rejected counts (rejections by reason),
``verify``. Targets (issue 6): p50 <= 15 ms, p99 <= 50 ms; longest stall <= 50 ms. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.barcodes import item_label  # noqa: E402
from app.db import migrate, pgroles  # noqa: E402
from app.db.bulk import bulk_insert  # noqa: E402
from app.db.database import Database  # noqa: E402
from app.demo.generate import generate_demo  # noqa: E402
from app.models import Order, ProductGtin, StockMove, StockQuant  # noqa: E402
from app.permissions import Role  # noqa: E402
from app.services import users  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.orders.intake import import_file  # noqa: E402
from app.services.picking import claiming, planning, scanning, views  # noqa: E402
from app.services.stock import queries  # noqa: E402
from tests.orders_reliability import orderfiles  # noqa: E402
from tests.orders_reliability.helpers import stock_up  # noqa: E402

SYSTEM = Actor.system("bench")
PASSWORD = "bench-picker-1"
TARGET_P50, TARGET_P99, TARGET_STALL = 15.0, 50.0, 50.0


# -- set-up ----------------------------------------------------------------------------------------------------

def prepare(db: Database, directory: Path, orders: int, moves: int) -> tuple[int, dict]:
    start = time.perf_counter()
    migrate.upgrade(db)
    generate_demo(db, seed=1, customers=50)
    stock_up(db, pieces=20_000)
    path = directory / "orders.jsonl"
    done = 0
    while done < orders:  # files of 20,000 (the intake streams; smaller files just keep the temp dir small)
        count = min(20_000, orders - done)
        orderfiles.write_jsonl(path, orderfiles.make_orders(count, seed=7, prefix=f"PB{done // 20_000}-"))
        import_file(db, SYSTEM, path)
        done += count
    print(f"  {orders} orders imported in {time.perf_counter() - start:.0f} s (with migrate and demo)")
    pad_ledger(db, moves)
    warehouse_id = db.read(lambda s: s.execute(
        select(Order.warehouse_id).where(Order.state == "allocated").group_by(Order.warehouse_id)
        .order_by(func.count().desc()).limit(1)).scalar_one())
    return warehouse_id, {}


def pad_ledger(db: Database, moves: int) -> None:
    """Pairs of +1/-1 count rows on existing quants until the ledger has ``moves`` rows."""
    have = db.read(lambda s: s.scalar(select(func.count()).select_from(StockMove)))
    missing = max(0, moves - have)
    quants = db.read(lambda s: s.execute(select(StockQuant.id, StockQuant.warehouse_id, StockQuant.bin_id,
                                                StockQuant.product_id, StockQuant.lot_id)
                                         .where(StockQuant.on_hand > 0)).all())
    start = time.perf_counter()
    written = 0
    while written < missing:
        chunk = min(100_000, missing - written) // 2 * 2 or 2
        rows = []
        for n in range(chunk // 2):
            quant = quants[(written // 2 + n) % len(quants)]
            for delta in (1, -1):
                rows.append({"kind": "count", "quant_id": quant.id, "warehouse_id": quant.warehouse_id,
                             "bin_id": quant.bin_id, "product_id": quant.product_id, "lot_id": quant.lot_id,
                             "on_hand_delta": delta, "reserved_delta": 0, "reason": "bench history",
                             "reference": "CS:bench", "batch": "", "value_cents": None, "user_id": None,
                             "username": "system", "station": "bench"})
        db.transaction(lambda session, rows=rows: bulk_insert(session, StockMove.__table__, rows))
        written += chunk
    total = db.read(lambda s: s.scalar(select(func.count()).select_from(StockMove)))
    print(f"  ledger padded to {total:,} rows in {time.perf_counter() - start:.0f} s")


def make_pickers(db: Database, count: int) -> list[str]:
    names = []
    for n in range(count):
        name = f"bp{n}_{uuid.uuid4().hex[:6]}"
        users.create_user(db, SYSTEM, name, Role.PICKER, PASSWORD, f"Bench picker {n}")
        names.append(name)
    return names


# -- one picking station ----------------------------------------------------------------------------------------

class Picker:
    """Picks whole lists: bin, then items (GS1 with lot, weight for weighed goods), counts for the rest."""

    def __init__(self, url: str, username: str, station: str, warehouse_id: int):
        base = Database(url)
        login = users.login(base, username, PASSWORD, station=station)
        self.db, self.actor, self.station, self.warehouse_id = login.database, login.actor, station, warehouse_id
        self.seq = views.next_scan_seq(self.db, station)
        self.gtin = dict(self.db.read(lambda s: s.execute(
            select(ProductGtin.product_id, func.min(ProductGtin.gtin)).group_by(ProductGtin.product_id)).all()))
        self.view = None
        self.pending_count: int | None = None
        self.rejections: dict[str, int] = {}  # code -> count, for the report

    def next_scan(self) -> str | None:
        """The next thing this picker would scan (None: nothing left to pick in the warehouse)."""
        if self.view is None or self.view.current is None:
            self.view = claiming.take_next(self.db, self.actor, self.warehouse_id, self.station)
            if self.view is None or self.view.current is None:
                return None
        task = self.view.current
        if self.view.at_bin_id != task.bin_id:
            return "B:" + task.bin_code
        if self.pending_count is not None:
            count, self.pending_count = self.pending_count, None
            return str(count)
        if not task.weighed and task.to_pick > 1:
            self.pending_count = min(task.to_pick, 9999)
        return item_label(self.gtin[task.product_id], lot=task.lot_number,
                          weight_g=(task.nominal_weight_g or 500) if task.weighed else None)

    def scan(self, raw: str):
        seq, self.seq = self.seq, self.seq + 1
        outcome = scanning.scan(self.db, self.actor, self.view.id, self.station, seq, raw)
        self.view = outcome.view
        if not outcome.accepted:
            self.pending_count = None
            self.rejections[outcome.code] = self.rejections.get(outcome.code, 0) + 1
        return outcome


def other_station(url: str, username: str, station: str, warehouse_id: int, stop_at: float, pace: float,
                  counts) -> None:
    """Pick until stopped, one scan every ``pace`` seconds (0: as fast as the database lets it)."""
    picker = Picker(url, username, station, warehouse_id)
    scans = 0
    next_at = time.perf_counter()
    while time.time() < stop_at:
        raw = picker.next_scan()
        if raw is None:
            break
        picker.scan(raw)
        scans += 1
        next_at += pace
        delay = next_at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
    counts.put(scans)


# -- measuring ---------------------------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure_service(picker: Picker, scans: int) -> tuple[list[float], int, int, float]:
    times, accepted, rejected = [], 0, 0
    for _ in range(scans):
        raw = picker.next_scan()
        if raw is None:
            break
        start = time.perf_counter()
        outcome = picker.scan(raw)
        times.append((time.perf_counter() - start) * 1000)
        accepted += outcome.accepted
        rejected += not outcome.accepted
    return times, accepted, rejected, 0.0


def measure_view(picker: Picker, scans: int) -> tuple[list[float], int, int, float]:
    from bench.picking_view_driver import drive_view  # the UI part, only when asked for

    return drive_view(picker, scans)


def run_engine(label: str, url: str, directory: Path, args) -> None:
    print(f"\n{label}")
    db = Database(url)
    try:
        warehouse_id, _ = prepare(db, directory, args.orders, args.moves)
        lists = planning.plan_order_lists(db, SYSTEM, warehouse_id, limit=(args.others + 1) * 400)
        print(f"  {len(lists)} pick lists planned in warehouse {warehouse_id} "
              f"({sum(p.tasks for p in lists)} tasks)")
        names = make_pickers(db, args.others + 2)  # the measured station: a picker of its own per mode
    finally:
        db.dispose()
    modes = ("service", "view") if args.mode == "both" else (args.mode,)
    for index, mode in enumerate(modes):
        measure_with_others(url, names[index], f"bench-0-{mode}", names[2:], warehouse_id, mode, args)


def measured_station(url: str, username: str, station: str, warehouse_id: int, mode: str, scans: int,
                     results) -> None:
    """The measured station, in a process of its own like a real one (the set-up's 100,000 orders passed
    through the benchmark's own process, whose heap would make every garbage collection there slow)."""
    picker = Picker(url, username, station, warehouse_id)
    measure = measure_view if mode == "view" else measure_service
    started = time.perf_counter()
    times, accepted, rejected, stall = measure(picker, scans)
    results.put((times, accepted, rejected, stall, picker.rejections, time.perf_counter() - started))


def measure_with_others(url: str, measured: str, station: str, others: list[str], warehouse_id: int, mode: str,
                        args) -> None:
    context = multiprocessing.get_context("spawn")
    counts, results = context.Queue(), context.Queue()
    stop_at = time.time() + 3600
    processes = [context.Process(target=other_station, args=(url, name, f"bench-{n}-{mode}", warehouse_id, stop_at,
                                                              args.pace, counts))
                 for n, name in enumerate(others, 1)]
    for process in processes:
        process.start()
    time.sleep(3)  # let them log in and get going
    station_process = context.Process(target=measured_station,
                                      args=(url, measured, station, warehouse_id, mode, args.scans, results))
    station_process.start()
    times, accepted, rejected, stall, rejections, seconds = results.get(timeout=3600)
    station_process.join()
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()
    if not times:
        print("  nothing was measured (no pick lists?)")
        return
    p50, p95, p99 = (percentile(times, share) for share in (0.50, 0.95, 0.99))
    verdict = "met" if p50 <= TARGET_P50 and p99 <= TARGET_P99 else "MISSED"
    print(f"  {mode} mode, {len(times)} scans ({accepted} accepted, {rejected} rejected) in {seconds:.1f} s "
          f"with {len(others)} other stations picking "
          f"({'flat out' if not args.pace else f'a scan every {args.pace * 1000:.0f} ms each'})")
    print(f"  scan-to-feedback ms: p50 {p50:.1f}  p95 {p95:.1f}  p99 {p99:.1f}  max {max(times):.1f}  "
          f"mean {statistics.mean(times):.1f}   (target p50 <= {TARGET_P50:.0f}, p99 <= {TARGET_P99:.0f}: {verdict})")
    if rejections:
        print("  rejected by code: " + ", ".join(f"{code} {count}" for code, count in sorted(rejections.items())))
    if mode == "view":
        print(f"  longest event-loop stall: {stall:.1f} ms (target <= {TARGET_STALL:.0f}: "
              f"{'met' if stall <= TARGET_STALL else 'MISSED'})")
    check = Database(url)
    try:
        moves = check.read(lambda s: s.scalar(select(func.count()).select_from(StockMove)))
        differences = queries.verify(check, SYSTEM)
        print(f"  ledger {moves:,} rows; {'verify clean' if not differences else f'VERIFY: {len(differences)} differences'}")
    finally:
        check.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--moves", type=int, default=1_000_000)
    parser.add_argument("--others", type=int, default=4)
    parser.add_argument("--scans", type=int, default=600)
    parser.add_argument("--mode", choices=("service", "view", "both"), default="both")
    parser.add_argument("--pace", type=float, default=0.25,
                        help="seconds between two scans of each other station (0: flat out, a stress test)")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} CPUs, python "
          f"{platform.python_version()}; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory(prefix="ffbench_picking_") as directory:
            run_engine(f"SQLite ({directory}/bench.db)", f"sqlite:///{directory}/bench.db", Path(directory), args)
    if not args.skip_pg:
        admin = create_engine(make_url(args.pg).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
        name = f"ffbench_pick_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(args.pg).set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False)
        try:
            with tempfile.TemporaryDirectory(prefix="ffbench_picking_") as directory:
                run_engine(f"PostgreSQL (database {name})", url, Path(directory), args)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                pgroles.drop_group_roles(connection, name)
                for (role,) in connection.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE 'bp%'")):
                    connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
            admin.dispose()
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
