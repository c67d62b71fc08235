"""Parse throughput and peak memory of the order importers, per format (no database).

    python bench/bench_import_parse.py [--count 100000] [--seed 1] [--dir DIR] [--formats native,csv,...]

For each format a file of --count realistic orders is written with bench/make_order_files.py
(kept in --dir and reused when it exists), then read in a fresh child process the way the
intake reads it: ``check()`` (pass 1) and iteration (pass 2). Prints wall-clock and CPU seconds
per pass, orders/s over both passes, and the child's peak RSS (whole process). No assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.make_order_files import EXTENSIONS, FORMATS, write_orders  # noqa: E402

CHILD = """
import json, resource, sys, time
from app.importers import DraftError, open_orders
wall, cpu = time.perf_counter(), time.process_time()
source = open_orders(sys.argv[1], sys.argv[2])
count = source.check()
check_wall, check_cpu = time.perf_counter() - wall, time.process_time() - cpu
wall, cpu = time.perf_counter(), time.process_time()
errors = sum(isinstance(item, DraftError) for item in source)
print(json.dumps({"count": count, "errors": errors, "check_wall": check_wall, "check_cpu": check_cpu,
                  "iterate_wall": time.perf_counter() - wall, "iterate_cpu": time.process_time() - cpu,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(path: Path, format: str) -> dict:
    output = subprocess.run([sys.executable, "-c", CHILD, str(path), format], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    return json.loads(output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "freshflow-bench-orders")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"# order import parsing, {args.count} orders per file, {datetime.now():%Y-%m-%d %H:%M}")
    print(f"# {platform.node()} {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()},"
          f" load average {os.getloadavg()[0]:.2f}")
    print(f"{'format':<12} {'MB':>7} {'check s':>8} {'iter s':>8} {'cpu s':>7} {'orders/s':>9} {'peak RSS MB':>12}")
    for format in args.formats.split(","):
        path = args.dir / f"orders-{format}-{args.count}-{args.seed}.{EXTENSIONS[format]}"
        if not path.exists():
            write_orders(path, format, args.count, args.seed)
        result = measure(path, format)
        wall = result["check_wall"] + result["iterate_wall"]
        print(f"{format:<12} {path.stat().st_size / 1e6:>7.1f} {result['check_wall']:>8.2f} "
              f"{result['iterate_wall']:>8.2f} {result['check_cpu'] + result['iterate_cpu']:>7.2f} "
              f"{result['count'] / wall:>9.0f} {result['peak_rss_mb']:>12.1f}"
              + (f"  ({result['errors']} draft errors)" if result["errors"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
