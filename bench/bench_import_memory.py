"""Peak memory of importing a 100,000-order file into SQLite through ``import_file``.

    python bench/bench_import_memory.py [--orders 100000] [--formats json,jsonl] [--keep DIR]

Writes two native files of ``--orders`` orders (streaming, ``tests.orders_reliability.orderfiles``): a JSON
array (the harder case: one top-level value, streamed by ijson) and JSON Lines; ~7 % of the orders fail
the review on purpose, the rest allocate. For each file a fresh SQLite database gets the demo catalogue,
warehouses and stock topped up for the volume (``stock_up``), prepared in a child process; the import then
runs in another child process of its own (``--child``), so that its peak is not the set-up's. The child prints:

- RSS before the import (interpreter, SQLAlchemy, app modules and the intake's catalogue loaded);
- VmRSS sampled from /proc/self/status every 20 ms during the import, and at every 10 % of the file;
- ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` and VmHWM at the end (the kernel's peak for the child).
  On Linux ru_maxrss carries over the peak of the process image before ``exec``, i.e. of the forking
  parent, so the parent stays small: the set-up also runs in a child (``--prepare``);
- time and orders/s; states; whether the stock ledger verifies.

Target (issue 5): peak RSS <= 200 MB for the 100,000-order import. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TARGET_MB = 200.0


def vm_rss_mb(field: str = "VmRSS") -> float:
    """A figure from /proc/self/status in MB: VmRSS (resident now) or VmHWM (this process image's peak)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler(threading.Thread):
    def __init__(self, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.interval, self.peak, self.samples = interval, 0.0, 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, vm_rss_mb())
            self.samples += 1
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()
        self.peak = max(self.peak, vm_rss_mb())


# -- the child: one import, measured ------------------------------------------------------------------------

def child(db_path: str, file_path: str) -> int:
    from app.db.database import Database
    from app.services.context import Actor
    from app.services.orders.intake import IntakeContext, import_file
    from app.services.stock import queries
    import app.importers  # noqa: F401 - loaded before the "before" figure

    db = Database(f"sqlite:///{db_path}")
    db.read(IntakeContext.load)  # the engine connected and the catalogue read once, as the import will
    before = vm_rss_mb()
    checkpoints: list[tuple[int, float]] = []
    next_mark = [0]

    def progress(done: int, total: int) -> None:
        if total and done * 10 >= next_mark[0] * total:
            checkpoints.append((done, vm_rss_mb()))
            next_mark[0] = done * 10 // total + 1

    sampler = RssSampler()
    sampler.start()
    start, cpu = time.perf_counter(), time.process_time()
    report = import_file(db, Actor.system(), Path(file_path), progress=progress)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    sampler.stop()
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    hwm_mb = vm_rss_mb("VmHWM")
    clean = not queries.verify(db, Actor.system())
    db.dispose()
    print(json.dumps({
        "before_mb": round(before, 1), "sampled_peak_mb": round(sampler.peak, 1), "samples": sampler.samples,
        "ru_maxrss_mb": round(maxrss_mb, 1), "hwm_mb": round(hwm_mb, 1), "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "imported": report.imported, "found": report.found, "rejected": len(report.rejected),
        "states": dict(report.states), "verify_clean": clean,
        "checkpoints": [(done, round(mb, 1)) for done, mb in checkpoints]}))
    return 0


# -- the parent ---------------------------------------------------------------------------------------------

def prepare_database(path: Path, orders: int) -> float:
    from app.db import migrate
    from app.db.database import Database
    from app.demo.generate import generate_demo
    from tests.orders_reliability.helpers import stock_up

    start = time.perf_counter()
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    generate_demo(db, seed=1, customers=50)
    stock_up(db, pieces=max(5_000, orders // 10))  # ~6 units per order over ~500 product x warehouse pairs
    db.dispose()
    return time.perf_counter() - start


def write_file(path: Path, kind: str, orders: int) -> float:
    from tests.orders_reliability import orderfiles

    start = time.perf_counter()
    generated = orderfiles.make_orders(orders, seed=7, prefix="M-", exception_share=0.07)
    if kind == "json":
        orderfiles.write_json_array(path, generated)
    else:
        orderfiles.write_jsonl(path, generated)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--formats", default="json,jsonl", help="json (array), jsonl, or both")
    parser.add_argument("--keep", type=Path, help="write files and databases here and keep them")
    parser.add_argument("--child", nargs=2, metavar=("DB", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--prepare", nargs=2, metavar=("DB", "ORDERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    if args.prepare:
        print(f"{prepare_database(Path(args.prepare[0]), int(args.prepare[1])):.1f}")
        return 0

    print(f"machine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"python {sys.version.split()[0]}")
    directory = args.keep or Path(tempfile.mkdtemp(prefix="relbench_memory_"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        for kind in [k.strip() for k in args.formats.split(",") if k.strip()]:
            path = directory / f"orders-{args.orders}.{kind}"
            written = write_file(path, kind, args.orders)
            db_path = directory / f"memory-{kind}.db"
            db_path.unlink(missing_ok=True)
            prepared = float(subprocess.run(
                [sys.executable, os.path.abspath(__file__), "--prepare", str(db_path), str(args.orders)],
                capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
            print(f"\n{kind}: {args.orders} orders, {path.stat().st_size / 1e6:.0f} MB file "
                  f"(written in {written:.0f} s;"
                  f" database prepared in {prepared:.0f} s)")
            result = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", str(db_path), str(path)],
                                    capture_output=True, text=True, check=False)
            if result.returncode != 0:
                print(result.stdout, result.stderr)
                continue
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            peak = max(figures["ru_maxrss_mb"], figures["hwm_mb"], figures["sampled_peak_mb"])
            print(f"  import: {figures['imported']} orders in {figures['seconds']:.1f} s "
                  f"({figures['imported'] / figures['seconds']:.0f} orders/s, {figures['cpu_seconds']:.1f} s CPU); "
                  f"states {figures['states']}; rejected {figures['rejected']}; "
                  f"{'verify clean' if figures['verify_clean'] else 'VERIFY FOUND DIFFERENCES'}")
            print(f"  RSS before the import {figures['before_mb']:.0f} MB; peak sampled VmRSS "
                  f"{figures['sampled_peak_mb']:.0f} MB ({figures['samples']} samples); ru_maxrss "
                  f"{figures['ru_maxrss_mb']:.0f} MB; VmHWM {figures['hwm_mb']:.0f} MB; parent (files only) "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; target {TARGET_MB:.0f} MB: "
                  f"{'met' if peak <= TARGET_MB else 'MISSED'}")
            print("  VmRSS at 0-100 % of the file (orders done: MB): "
                  + ", ".join(f"{done}: {mb:.0f}" for done, mb in figures["checkpoints"]))
    finally:
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
