"""Both passes stream: peak memory for 100,000 orders is what it is for 1,000 (and far below 200 MB).

Measured in a fresh child process by its own high-water mark (VmHWM): ``ru_maxrss`` survives fork and
exec on Linux, so in a long test run it reported the test process's 400 MB peak instead of the child's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys
from app.importers import DraftError, open_orders
source = open_orders(sys.argv[1])
count = source.check()
errors = sum(isinstance(item, DraftError) for item in source)
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(count, errors, peak_kb)
"""


def write_native_array(path: Path, count: int) -> None:
    """Orders of realistic size (customer, address, delivery, 2 lines), written one at a time."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[\n")
        for n in range(count):
            order = {"external_id": f"W-{n}", "placed_at": "2026-11-27T09:15:00+08:00",
                     "customer": {"name": "王芳", "email": f"c{n}@example.cn", "phone": "+86 138 0013 8000"},
                     "shipping_address": {"line1": f"世纪大道{n % 500}号", "city": "上海", "postal_code": "200120",
                                          "country": "CN"},
                     "delivery": {"date": "2026-11-29", "slot": "08:00-12:00"}, "total": "96.40",
                     "lines": [{"sku": "FRU-APL-001", "quantity": 2, "unit_price": "19.90"},
                               {"sku": "VEG-SPN-500", "quantity": 1, "unit_price": 46.6}]}
            handle.write(("," if n else "") + json.dumps(order, ensure_ascii=False) + "\n")
        handle.write("]\n")


def peak_rss_bytes(path: Path, count: int) -> int:
    result = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, capture_output=True, text=True,
                            check=True, timeout=120)
    seen, errors, peak_kb = map(int, result.stdout.split())
    assert (seen, errors) == (count, 0)
    return peak_kb * 1024


@pytest.mark.slow
def test_100000_orders_stream_in_flat_memory(tmp_path):
    small, big = tmp_path / "small.json", tmp_path / "big.json"
    write_native_array(small, 1_000)
    write_native_array(big, 100_000)
    assert big.stat().st_size > 30_000_000  # loading it whole would take hundreds of MB of Python objects
    baseline = peak_rss_bytes(small, 1_000)
    peak = peak_rss_bytes(big, 100_000)
    assert peak - baseline < 30 * 2**20, (baseline, peak)
    assert peak < 200 * 2**20
