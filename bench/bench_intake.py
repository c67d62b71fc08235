"""Order intake end to end: 10,000 orders from a native JSON Lines file through ``import_file``.

    python bench/bench_intake.py [--orders 10000] [--exceptions 0.07] [--profile] [--profile-lines 140]
                                 [--pg URL] [--skip-sqlite] [--skip-pg]

For each engine (SQLite: a file database in a temporary directory; PostgreSQL: a fresh database created
and dropped here): migrate, ``generate_demo`` (172 products, 3 warehouses with delivery regions, bins,
demo stock), then one big fresh lot per product and warehouse written in bulk with its receipt ledger
rows (``tests.orders_reliability.helpers.stock_up``: verify stays clean), so most orders allocate.

The file (``tests.orders_reliability.orderfiles``): orders of 1-5 lines of distinct demo SKUs at catalogue
prices, served postal codes, valid phones and emails, no delivery date (the intake assigns the next
slot); ``--exceptions`` of them fail the review on purpose (bad phone, unknown SKU, unserved postal code
in turn). A 50-order file is imported first to warm up. The timed run is parse → review → number →
allocate (FEFO reservations and ledger rows) → outbox confirmations → audit, in batches of
``IntakeSettings.batch_size`` (1,000), as ``Actor.system()``.

Printed: orders/s, wall seconds and this process's CPU seconds (on a shared machine the wall time includes
other processes' turns), states and exceptions, ``verify``; the parse alone (``check()`` + drafts,
no database); and the RAW FLOOR: the same number of order, line and outbox rows (outbox bodies of the
length ours had) inserted with plain ``sqlite3`` ``executemany`` into bare tables (primary key only, no
review, no reservation), one transaction per batch, WAL and synchronous=FULL like the app, with the
ratio ours / floor. On PostgreSQL the same floor is also measured with psycopg ``executemany`` into bare
tables of the bench database. ``--profile`` then imports a second file of the same size into the same
database under pyinstrument and prints the top of the profile.

Target (issue 5): 10,000 orders in <= 10 s on SQLite and on PostgreSQL. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import sqlalchemy  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.db import migrate, pgroles  # noqa: E402
from app.db.database import Database  # noqa: E402
from app.demo.generate import generate_demo  # noqa: E402
from app.importers import open_orders  # noqa: E402
from app.models import OutboxMessage  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.orders.intake import ImportReport, import_file  # noqa: E402
from app.services.orders.shared_settings import IntakeSettings  # noqa: E402
from app.services.stock import queries  # noqa: E402
from tests.orders_reliability import orderfiles  # noqa: E402
from tests.orders_reliability.helpers import stock_up  # noqa: E402

ACTOR = Actor.system()
TARGET_SECONDS = 10.0


def machine_info(pg_url: str | None) -> str:
    try:
        cpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next((line.split(":", 1)[1].strip() for line in cpu.splitlines() if line.startswith("Model name")),
                     "?")
    except OSError:
        model = "?"
    lines = [f"machine: {platform.machine()} {model}, {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), "
             f"{platform.system()} {platform.release()}",
             f"python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
             f"SQLite {sqlite3.sqlite_version}",
             f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"]
    if pg_url:
        try:
            engine = create_engine(make_url(pg_url).set(drivername="postgresql+psycopg"))
            with engine.connect() as connection:
                lines.append(connection.execute(text("SELECT version()")).scalar().split(",")[0])
            engine.dispose()
        except Exception as error:  # noqa: BLE001
            lines.append(f"PostgreSQL not reachable: {error}")
    return "\n".join(lines)


# -- data ------------------------------------------------------------------------------------------------------

def write_file(path: Path, count: int, exceptions: float, prefix: str, seed: int = 1) -> list[dict]:
    orders = list(orderfiles.make_orders(count, seed=seed, prefix=prefix, exception_share=exceptions))
    orderfiles.write_jsonl(path, orders)
    return orders


def prepare(db: Database) -> float:
    start = time.perf_counter()
    migrate.upgrade(db)
    generate_demo(db, seed=1, customers=50)
    stock_up(db)
    return time.perf_counter() - start


# -- measuring -------------------------------------------------------------------------------------------------

def timed_import(db: Database, path: Path) -> tuple[ImportReport, float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    report = import_file(db, ACTOR, path)
    return report, time.perf_counter() - start, time.process_time() - cpu


def parse_only(path: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) of reading the file the way the intake does, without the database."""
    start, cpu = time.perf_counter(), time.process_time()
    source = open_orders(path, "auto", IntakeSettings().import_options())
    source.check()
    for _draft in source:
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def describe(label: str, report: ImportReport, seconds: float, cpu: float, db: Database) -> None:
    differences = queries.verify(db, ACTOR)
    verdict = "met" if seconds <= TARGET_SECONDS else "MISSED"
    print(f"  {label}: {report.imported / seconds:7.0f} orders/s  ({report.imported} orders in {seconds:.2f} s wall, "
          f"{cpu:.2f} s CPU in this process; target {TARGET_SECONDS:.0f} s: {verdict})")
    print(f"    found {report.found}, imported {report.imported}, duplicates {report.duplicates}, "
          f"rejected {len(report.rejected)}; states {dict(sorted(report.states.items()))}")
    print(f"    exceptions by reason {dict(sorted(report.exceptions_by_reason.items()))}; numbers "
          f"{report.numbers[0] if report.numbers else '-'} .. {report.numbers[-1] if report.numbers else '-'}; "
          f"{'verify clean' if not differences else f'VERIFY FOUND {len(differences)} DIFFERENCES'}")


def outbox_body_length(db: Database) -> int:
    return int(db.read(lambda s: s.scalar(select(func.coalesce(func.avg(func.length(OutboxMessage.body)), 0)))))


def floor_rows(orders: list[dict], allocated: int, body_length: int) -> tuple[list, list, list]:
    """Row tuples for the bare tables, built from the same orders (not timed)."""
    order_rows, line_rows, outbox_rows = [], [], []
    for n, order in enumerate(orders, 1):
        customer, address = order["customer"], order["shipping_address"]
        order_rows.append((n, f"20261128-{n:04d}", order["channel"], order["external_id"], "allocated", "[]",
                           customer["name"], customer["phone"], customer["email"], customer["language"],
                           address["line1"], address["city"], address["province"], address["postal_code"],
                           address["country"], "2026-11-30", "09:00-12:00", 1, order["payment_status"],
                           order["currency"], "fingerprint-" + order["external_id"], order["placed_at"],
                           "2026-11-28 02:00:00.000000", "2026-11-28 02:00:00.000000", 1))
        for line_no, line in enumerate(order["lines"], 1):
            line_rows.append((n, line_no, line["sku"], "Item " + line["sku"], 7, line["quantity"],
                              line["quantity"], line["quantity"], 690, 690, line["external_line_id"], "open"))
        if n <= allocated:
            outbox_rows.append((f"confirm:{n}", "order_confirmation", n, customer["email"], customer["language"],
                                f"Order 20261128-{n:04d} confirmed", "x" * body_length, "pending", 0,
                                "2026-11-28 02:00:00.000000", "", "2026-11-28 02:00:00.000000"))
    return order_rows, line_rows, outbox_rows


_FLOOR_TABLES = (
    "CREATE TABLE {p}orders (id INTEGER PRIMARY KEY, number TEXT, channel TEXT, external_id TEXT, state TEXT, "
    "review_reasons TEXT, customer_name TEXT, phone TEXT, email TEXT, language TEXT, address_line1 TEXT, city TEXT, "
    "province TEXT, postal_code TEXT, country TEXT, delivery_date TEXT, delivery_slot TEXT, warehouse_id INTEGER, "
    "payment_status TEXT, currency TEXT, fingerprint TEXT, placed_at TEXT, received_at TEXT, state_changed_at TEXT, "
    "version INTEGER)",
    "CREATE TABLE {p}order_lines (id {serial} PRIMARY KEY, order_id INTEGER, line_no INTEGER, sku TEXT, name TEXT, "
    "product_id INTEGER, quantity INTEGER, base_quantity INTEGER, reserved_quantity INTEGER, unit_price_cents INTEGER, "
    "catalog_price_cents INTEGER, external_line_id TEXT, state TEXT)",
    "CREATE TABLE {p}outbox (id {serial} PRIMARY KEY, dedupe_key TEXT, kind TEXT, order_id INTEGER, recipient TEXT, "
    "language TEXT, subject TEXT, body TEXT, status TEXT, attempts INTEGER, next_attempt_at TEXT, last_error TEXT, "
    "created_at TEXT)",
)
_FLOOR_INSERTS = (
    "INSERT INTO {p}orders VALUES (" + ", ".join(["{m}"] * 25) + ")",
    "INSERT INTO {p}order_lines (order_id, line_no, sku, name, product_id, quantity, base_quantity, "
    "reserved_quantity, unit_price_cents, catalog_price_cents, external_line_id, state) VALUES ("
    + ", ".join(["{m}"] * 12) + ")",
    "INSERT INTO {p}outbox (dedupe_key, kind, order_id, recipient, language, subject, body, status, attempts, "
    "next_attempt_at, last_error, created_at) VALUES (" + ", ".join(["{m}"] * 12) + ")",
)


def _batched(rows: tuple[list, list, list], batch: int):
    """Per batch of ``batch`` orders: (orders, lines, outbox) rows belonging to those orders."""
    orders, lines, outbox = rows
    line_at, outbox_at = 0, 0
    for start in range(0, len(orders), batch):
        chunk = orders[start:start + batch]
        last_id = chunk[-1][0]
        line_end = line_at
        while line_end < len(lines) and lines[line_end][0] <= last_id:
            line_end += 1
        outbox_end = outbox_at
        while outbox_end < len(outbox) and outbox[outbox_end][2] <= last_id:
            outbox_end += 1
        yield chunk, lines[line_at:line_end], outbox[outbox_at:outbox_end]
        line_at, outbox_at = line_end, outbox_end


def sqlite_floor(directory: Path, rows: tuple[list, list, list], batch: int) -> float:
    raw = sqlite3.connect(directory / f"floor-{uuid.uuid4().hex[:6]}.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    for statement in _FLOOR_TABLES:
        raw.execute(statement.format(p="", serial="INTEGER"))
    inserts = [statement.format(p="", m="?") for statement in _FLOOR_INSERTS]
    start = time.perf_counter()
    for chunk in _batched(rows, batch):
        raw.execute("BEGIN IMMEDIATE")
        for statement, part in zip(inserts, chunk, strict=True):
            if part:
                raw.executemany(statement, part)
        raw.execute("COMMIT")
    seconds = time.perf_counter() - start
    raw.close()
    return seconds


def postgres_floor(url: str, rows: tuple[list, list, list], batch: int) -> float:
    import psycopg

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as connection:
        prefix = "floor_"
        with connection.transaction():
            for statement in _FLOOR_TABLES:
                connection.execute(statement.format(p=prefix, serial="BIGSERIAL"))
        inserts = [statement.format(p=prefix, m="%s") for statement in _FLOOR_INSERTS]
        start = time.perf_counter()
        for chunk in _batched(rows, batch):
            with connection.transaction(), connection.cursor() as cursor:
                for statement, part in zip(inserts, chunk, strict=True):
                    if part:
                        cursor.executemany(statement, part)
        return time.perf_counter() - start


def profile_import(db: Database, path: Path, lines: int) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    report, seconds, cpu = timed_import(db, path)
    profiler.stop()
    print(f"\n  profiled run: {report.imported} orders in {seconds:.2f} s wall, {cpu:.2f} s CPU (with the profiler)")
    output = profiler.output_text(unicode=True, color=False, show_all=False)
    print("\n".join(output.splitlines()[:lines]))


# -- the engines -----------------------------------------------------------------------------------------------

def bench_engine(label: str, db: Database, directory: Path, args, floor: dict) -> None:
    print(f"\n{label}")
    print(f"  set-up (migrate, demo, stock) {prepare(db):.1f} s")
    warm = directory / "warm.jsonl"
    write_file(warm, 50, args.exceptions, prefix="WARM-", seed=99)
    timed_import(db, warm)
    path = directory / "orders.jsonl"
    orders = write_file(path, args.orders, args.exceptions, prefix="B-")
    seconds, cpu = parse_only(path)
    print(f"  parse only (check + drafts, no database): {seconds:.2f} s wall, {cpu:.2f} s CPU "
          f"({path.stat().st_size / 1e6:.1f} MB, {sum(len(o['lines']) for o in orders)} lines)")
    report, seconds, cpu = timed_import(db, path)
    describe("import_file", report, seconds, cpu, db)
    rows = floor_rows(orders, report.states.get("allocated", 0), outbox_body_length(db))
    batch = IntakeSettings().batch_size
    if "sqlite" not in floor:
        floor["sqlite"] = sqlite_floor(directory, rows, batch)
    counts = f"{len(rows[0])} orders + {len(rows[1])} lines + {len(rows[2])} outbox rows"
    print(f"  RAW FLOOR sqlite3 executemany, bare tables, {counts} in {len(rows[0]) // batch + 1} transactions: "
          f"{floor['sqlite']:.3f} s; ours / floor = {seconds / floor['sqlite']:.0f}x")
    if db.is_postgres:
        pg_floor = postgres_floor(db.url.render_as_string(hide_password=False), rows, batch)
        print(f"  RAW FLOOR psycopg executemany into bare tables of this database: {pg_floor:.3f} s; "
              f"ours / floor = {seconds / pg_floor:.0f}x")
    if args.profile:
        second = directory / "profiled.jsonl"
        write_file(second, args.orders, args.exceptions, prefix="P-", seed=2)
        profile_import(db, second, args.profile_lines)


def bench_sqlite(args, floor: dict) -> None:
    with tempfile.TemporaryDirectory(prefix="relbench_intake_") as directory:
        directory = Path(directory)
        db = Database(f"sqlite:///{directory / 'bench.db'}")
        try:
            bench_engine(f"SQLite ({directory / 'bench.db'})", db, directory, args, floor)
        finally:
            db.dispose()


def bench_postgres(args, floor: dict) -> None:
    admin = create_engine(make_url(args.pg).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    name = f"ffbench_intake_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(args.pg).set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    try:
        with tempfile.TemporaryDirectory(prefix="relbench_intake_") as directory:
            db = Database(url)
            try:
                bench_engine(f"PostgreSQL (database {name})", db, Path(directory), args, floor)
            finally:
                db.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            pgroles.drop_group_roles(connection, name)
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--exceptions", type=float, default=0.07, help="share of orders made to fail the review")
    parser.add_argument("--profile", action="store_true", help="profile a second import with pyinstrument")
    parser.add_argument("--profile-lines", type=int, default=140)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    print(machine_info(None if args.skip_pg else args.pg))
    floor: dict = {}
    if not args.skip_sqlite:
        bench_sqlite(args, floor)
    if not args.skip_pg:
        bench_postgres(args, floor)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
