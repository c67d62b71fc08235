"""A process importing a 10,000-order file is killed (SIGKILL) half-way; a fresh process imports it again.

The importer is killed while a batch transaction has already written reservations, ledger rows or
orders (its SQL hooks say so), after some batches have committed. Afterwards the database holds
whole batches only, and the rerun completes the file: every order exactly once with all its lines,
no reservation or ledger row of an order that does not exist, the stock ledger clean, numbers
1..N without a gap (the killed batch's numbers went back with its rollback), and one confirmation
per allocated order.

PostgreSQL imports this file at roughly a third of SQLite's speed on the 2-CPU test machine
(per-quant UPDATEs, see bench/bench_intake.py), so it uses 3,000 orders to stay well under a minute.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest
from sqlalchemy import func, select

from app.models import Order
from tests.orders_reliability import orderfiles, workers
from tests.orders_reliability.helpers import (assert_intake_consistent, assert_numbers_contiguous, count_rows,
                                              intake_state, url_of)
from tests.orders_reliability.processes import Importers

pytestmark = pytest.mark.slow

CONTEXT = multiprocessing.get_context("spawn")
ORDERS = {"sqlite": 10_000, "postgresql": 3_000}
BATCH = 250  # the default IntakeSettings.batch_size


def _orders_count(db) -> int:
    return db.read(lambda s: s.scalar(select(func.count()).select_from(Order)))


def test_import_killed_mid_batch_and_run_again_leaves_every_order_once(shop, engine_name, tmp_path):
    count = ORDERS[engine_name]
    path = tmp_path / "big.jsonl"
    orders = list(orderfiles.make_orders(count, seed=5, exception_share=0.07))
    orderfiles.write_jsonl(path, orders)
    url = url_of(shop)

    ready, writing = CONTEXT.Event(), CONTEXT.Value("i", 0)  # referenced until the end (see Importers)
    victim = CONTEXT.Process(target=workers.victim, args=(url, str(path), ready, writing), daemon=True)
    victim.start()
    assert ready.wait(90), "the importer did not start"
    threshold = count // 4
    deadline = time.monotonic() + 60
    while _orders_count(shop) < threshold:
        assert victim.is_alive(), "the importer ended before it was killed"
        assert time.monotonic() < deadline, "the importer got nowhere"
        time.sleep(0.05)
    while not writing.value:  # wait until it is inside a batch that has written rows
        assert victim.is_alive() and time.monotonic() < deadline, "the importer stopped writing"
        time.sleep(0.0005)
    os.kill(victim.pid, signal.SIGKILL)
    victim.join(timeout=10)
    assert victim.exitcode == -signal.SIGKILL

    committed = _orders_count(shop)
    assert threshold <= committed < count, committed
    assert committed % BATCH == 0, f"{committed} orders: not whole batches of {BATCH}"
    before = intake_state(shop)
    assert_numbers_contiguous(before.numbers)
    assert_intake_consistent(shop)  # the killed batch left nothing behind
    rows_before = count_rows(shop)

    rerun = Importers(url, [str(path)]).run()["importer0"]

    assert (rerun["found"], rerun["imported"], rerun["duplicates"]) == (count, count - committed, committed)
    state = intake_state(shop)
    assert state.orders == count
    assert set(state.by_key) == {("web", order["external_id"]) for order in orders}
    assert max(state.by_key.values()) == 1
    assert state.lines_per_order == orderfiles.lines_per_order(orders)  # no order without (all) its lines
    assert_numbers_contiguous(state.numbers)
    assert set(before.numbers) <= set(state.numbers)
    assert state.states["allocated"] >= count * 0.9 and state.states["exception"] >= count * 0.05
    assert_intake_consistent(shop)
    rows = count_rows(shop)
    assert rows["order_lines"] == sum(len(order["lines"]) for order in orders)
    assert rows["outbox"] == state.states["allocated"]
    assert rows["order_audit"] == count
    print(f"\n{engine_name}: killed with {committed} of {count} orders committed "
          f"({rows_before['reservations']} reservations); the rerun imported {rerun['imported']} in "
          f"{rerun['seconds']:.1f} s")
