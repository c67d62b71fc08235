"""Importer processes racing: the same file from two or three stations at once, and different files at once.

The processes are spawned (own interpreter, own engine and connections), get ready, and start
``import_file`` together at a barrier. Batches are small (50 orders) so that the importers meet on
many batches. Whatever the interleaving, every order exists once, the stations' reports add up
(one imported each order, the others reported it as a duplicate), order numbers are unique and per
day exactly 1..N, and stock, reservations, confirmations and audit entries agree with the orders.
"""

from __future__ import annotations

from collections import Counter

import pytest

from app.services.orders.shared_settings import IntakeSettings, save_intake_settings
from tests.orders_reliability import orderfiles
from tests.orders_reliability.helpers import (SYSTEM, assert_intake_consistent, assert_numbers_contiguous,
                                              intake_state, url_of)
from tests.orders_reliability.processes import Importers

pytestmark = pytest.mark.slow

BATCH = 50


def _small_batches(db) -> None:
    save_intake_settings(db, SYSTEM, IntakeSettings(batch_size=BATCH))


@pytest.mark.parametrize("processes", [2, 3])
def test_same_file_from_several_stations_imports_each_order_once(shop, engine_name, tmp_path, processes):
    count = 600
    path = tmp_path / "orders.jsonl"
    orders = list(orderfiles.make_orders(count, seed=11, exception_share=0.06))
    orderfiles.write_jsonl(path, orders)
    _small_batches(shop)

    reports = Importers(url_of(shop), [str(path)] * processes).run()

    assert all(r["found"] == count and r["rejected"] == 0 for r in reports.values()), reports
    assert sum(r["imported"] for r in reports.values()) == count
    for report in reports.values():  # what one station did not import, it reported as already there
        assert report["imported"] + report["duplicates"] == count
    reported_numbers = [number for r in reports.values() for number in r["numbers"]]
    state = intake_state(shop)
    assert state.orders == count
    assert set(state.by_key) == {("web", order["external_id"]) for order in orders}
    assert max(state.by_key.values()) == 1
    assert sorted(reported_numbers) == sorted(state.numbers)
    assert_numbers_contiguous(state.numbers)
    assert state.lines_per_order == orderfiles.lines_per_order(orders)
    assert state.states["allocated"] >= count * 0.9
    assert_intake_consistent(shop)
    print(f"\n{engine_name}: {processes} importers, imported "
          f"{', '.join(str(r['imported']) for r in reports.values())}; batches run again after losing a race: "
          f"{sum(r['retried_batches'] for r in reports.values())}; slowest "
          f"{max(r['seconds'] for r in reports.values()):.1f} s")


def test_stations_importing_different_files_get_unique_gapless_numbers(shop, engine_name, tmp_path):
    per_file = {"sqlite": 500, "postgresql": 300}[engine_name]
    files, expected = [], {}
    for k in range(4):
        orders = list(orderfiles.make_orders(per_file, seed=20 + k, prefix=f"F{k}-", exception_share=0.06))
        path = tmp_path / f"shop{k}.jsonl"
        orderfiles.write_jsonl(path, orders)
        files.append(str(path))
        expected.update(orderfiles.lines_per_order(orders))
    _small_batches(shop)

    reports = Importers(url_of(shop), files).run()

    assert [r["imported"] for r in reports.values()] == [per_file] * len(files)
    assert all(r["duplicates"] == 0 and r["retried_batches"] == 0 for r in reports.values()), reports
    state = intake_state(shop)
    assert state.orders == per_file * len(files)
    assert state.lines_per_order == expected
    assert_numbers_contiguous(state.numbers)
    # each station's numbers are its own: no number reported by two stations
    reported = Counter(number for r in reports.values() for number in r["numbers"])
    assert set(reported) == set(state.numbers) and max(reported.values()) == 1
    # batches really interleaved: some station's numbers are not one block
    blocks = [_blocks(r["numbers"]) for r in reports.values()]
    if engine_name == "postgresql":  # batches queue on the counter row's lock (FIFO): they must interleave.
        assert min(blocks) > 1, "the stations did not run at the same time"  # (SQLite's write lock is not fair)
    assert_intake_consistent(shop)
    print(f"\n{engine_name}: {len(files)} importers of {per_file} orders; runs of consecutive numbers per importer "
          f"{blocks}; slowest {max(r['seconds'] for r in reports.values()):.1f} s")


def _blocks(numbers: list[str]) -> int:
    """How many runs of consecutive sequence numbers the list holds."""
    sequences = sorted(int(number.split("-")[1]) for number in numbers)
    return 1 + sum(1 for a, b in zip(sequences, sequences[1:], strict=False) if b != a + 1)
