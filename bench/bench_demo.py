"""How long `freshflow demo` takes on SQLite and PostgreSQL.

    python bench/bench_demo.py [--runs 3] [--pg postgresql://postgres@127.0.0.1/postgres]

Prints the wall time per run and the median, for each engine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.db import migrate, pgroles
from app.db.database import Database
from app.demo.generate import generate_demo


def run_sqlite() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as directory:
        database = Database(f"sqlite:///{Path(directory) / 'bench.db'}")
        start = time.perf_counter()
        migrate.upgrade(database)
        migrated = time.perf_counter()
        generate_demo(database, seed=1)
        done = time.perf_counter()
        database.dispose()
    return migrated - start, done - migrated


def run_postgres(admin_url: str) -> tuple[float, float]:
    admin = create_engine(make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    name = f"ffbench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        database = Database(make_url(admin_url).set(database=name))
        start = time.perf_counter()
        migrate.upgrade(database)
        migrated = time.perf_counter()
        generate_demo(database, seed=1)
        done = time.perf_counter()
        database.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            pgroles.drop_group_roles(connection, name)
        admin.dispose()
    return migrated - start, done - migrated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    engines = [("sqlite", run_sqlite)] + ([] if args.skip_pg else [("postgresql", lambda: run_postgres(args.pg))])
    for name, run in engines:
        results = [run() for _ in range(args.runs)]
        migrations = [m for m, _ in results]
        demos = [d for _, d in results]
        print(f"{name:<11} migrate: median {statistics.median(migrations) * 1000:7.0f} ms   "
              f"demo: median {statistics.median(demos) * 1000:7.0f} ms  "
              f"(runs: {', '.join(f'{d * 1000:.0f}' for d in demos)} ms)")


if __name__ == "__main__":
    main()
