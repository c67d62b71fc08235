"""Several station processes reserve the same scarce lots at once, and one of them is killed mid-order.

Stations are separate processes (``spawn``), each with its own engine and connections: 4 on SQLite (the
IMMEDIATE write lock queues them), 8 on PostgreSQL (row locks and retries). Whatever the interleaving,
nothing is over-reserved or negative, every reference's result is exactly its reservation rows, the
ledger adds up (``verify``), and a process killed with SIGKILL in the middle of an order leaves either
the whole order or nothing.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import signal
import threading
import time
from collections import defaultdict

import pytest
from sqlalchemy import func, select, text

from app.models import StockMove
from app.services.stock.reservations import release_reference, reserve_in_session, reserve_line
from tests.stock_reliability import workers
from tests.stock_reliability.helpers import (TODAY, active_by_reference, assert_stock_consistent, day, make_world,
                                             quant_state, receive_lot)

PROCESSES = {"sqlite": 4, "postgresql": 8}
CONTEXT = multiprocessing.get_context("spawn")
KILL_ROUNDS = 5


class Stations:
    """``n`` long-lived station processes that run a task each, all starting together."""

    def __init__(self, url: str, n: int) -> None:
        self.outbox = CONTEXT.Queue()
        self.inboxes = [CONTEXT.Queue() for _ in range(n)]
        # Keep the barrier referenced here: Process.start() drops its arguments, and a collected barrier's
        # shared memory is handed to the next Value created in this process (the stations then hang).
        self.barrier = CONTEXT.Barrier(n)
        self.processes = [
            CONTEXT.Process(target=workers.station, args=(url, f"station{k}", TODAY, inbox, self.outbox,
                                                          self.barrier),
                            daemon=True)
            for k, inbox in enumerate(self.inboxes)]
        for process in self.processes:
            process.start()
        for _ in range(n):
            assert self.outbox.get(timeout=90)[0] == "ready"

    def submit(self, tasks: list[list[list[workers.Line]]]) -> None:
        assert len(tasks) == len(self.inboxes)
        for inbox, task in zip(self.inboxes, tasks):
            inbox.put(task)

    def collect(self) -> list[dict]:
        return [self.outbox.get(timeout=120) for _ in self.inboxes]

    def close(self) -> None:
        for inbox in self.inboxes:
            inbox.put(None)
        for process in self.processes:
            process.join(timeout=20)
            if process.is_alive():
                process.kill()

    def __enter__(self) -> "Stations":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _url(db) -> str:
    return db.url.render_as_string(hide_password=False)


def _scarce_lots(db, system, world) -> None:
    """Three lots of 10 units in three bins, expiring on consecutive days."""
    for index, lot in enumerate(("L1", "L2", "L3")):
        receive_lot(db, system, world, lot, day(3 + index), 10, bin_index=index)


def _errors(reports: list[dict]) -> list[str]:
    return [error for report in reports for error in report["errors"]]


def _assert_results_are_the_reservations(db, results: list[workers.LineResult], prefix: str) -> None:
    """Each line's reported parts are exactly the active reservation rows of its reference."""
    stored = active_by_reference(db, prefix)
    for reference, requested, parts in results:
        assert sum(quantity for _id, _quant, quantity in parts) <= requested
        assert stored.get(reference, {}) == {rid: (quant, quantity) for rid, quant, quantity in parts}, reference
    reported = {reference for reference, _requested, parts in results if parts}
    assert reported <= set(stored)


def _ledger_reserved_by_reference(db, prefix: str) -> dict[str, int]:
    """Σ reserved_delta of the ledger per reference (reserve minus release minus pick)."""
    rows = db.read(lambda s: s.execute(
        select(StockMove.reference, func.sum(StockMove.reserved_delta))
        .where(StockMove.reference.like(prefix + "%")).group_by(StockMove.reference)).all())
    return {reference: int(total) for reference, total in rows}


def test_stations_reserving_the_same_scarce_lots_never_oversell(db, system, engine_name):
    n = PROCESSES[engine_name]
    world = make_world(db, system, bins=3)
    _scarce_lots(db, system, world)
    rng = random.Random(20261201)
    requests = [[(f"OL:{i}", world.warehouse_id, world.product_id, rng.randint(1, 3))] for i in range(40)]
    demand = sum(order[0][3] for order in requests)
    assert demand > 30

    with Stations(_url(db), n) as stations:
        stations.submit([requests[k::n] for k in range(n)])
        reports = stations.collect()

    assert _errors(reports) == []
    results = [line for report in reports for line in report["results"]]
    assert sorted(reference for reference, _q, _p in results) == sorted(f"OL:{i}" for i in range(40))
    reserved = sum(quantity for _ref, _req, parts in results for _id, _quant, quantity in parts)
    # all 30 units went out (a short line means the stock really was gone), and not one more
    assert reserved == min(30, demand)
    assert sorted(quant_state(db, world.product_id).values()) == [(10, 10)] * 3
    _assert_results_are_the_reservations(db, results, "OL:")
    assert _ledger_reserved_by_reference(db, "OL:") == {
        reference: sum(q for _id, _quant, q in parts) for reference, _req, parts in results if parts}
    assert_stock_consistent(db, system)
    print(f"\n{engine_name}: {n} stations, 40 lines, {sum(r['retries'] for r in reports)} retries, "
          f"slowest station {max(r['seconds'] for r in reports):.2f} s")


def test_reservation_racing_an_uncommitted_one_gets_exactly_what_is_left(db, system, engine_name):
    """Station A reads 10 free while station B holds 7 reserved but not committed; B commits while A waits.

    On PostgreSQL A's conditional UPDATE waits for B's row lock, then matches no row (7 + 5 > 10); A locks
    the quant, reads again and takes the 3 left. On SQLite A waits for B's write lock before it reads.
    Either way A reports 3 reserved, 2 short, and nothing is over-reserved.
    """
    world = make_world(db, system, bins=1)
    receipt = receive_lot(db, system, world, "L1", day(3), 10)
    holding, release_b = threading.Event(), threading.Event()

    def station_b(session):
        result = reserve_in_session(session, system, warehouse_id=world.warehouse_id, product_id=world.product_id,
                                    quantity=7, delivery_date=TODAY, reference="B", today=TODAY)
        holding.set()
        assert release_b.wait(30)
        return result

    b = threading.Thread(target=lambda: db.transaction(station_b), daemon=True)
    b.start()
    assert holding.wait(30)
    outcome = {}
    a = threading.Thread(target=lambda: outcome.setdefault("a", reserve_line(
        db, system, warehouse_id=world.warehouse_id, product_id=world.product_id, quantity=5, delivery_date=TODAY,
        reference="A", today=TODAY)), daemon=True)
    a.start()
    if engine_name == "postgresql":  # wait until A is blocked on B's row lock
        deadline = time.monotonic() + 20
        while not db.read(lambda s: s.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'")).scalar()):
            assert time.monotonic() < deadline, "A never waited for B"
            time.sleep(0.02)
    else:
        time.sleep(0.3)
    release_b.set()
    b.join(30)
    a.join(30)
    result = outcome["a"]
    assert (result.reserved, result.short) == (3, 2)
    assert quant_state(db, world.product_id) == {receipt.quant_id: (10, 10)}
    assert {ref: sum(q for _quant, q in parts.values()) for ref, parts in active_by_reference(db).items()} == {
        "B": 7, "A": 3}
    assert_stock_consistent(db, system)


def test_station_killed_mid_order_leaves_the_whole_order_or_nothing(db, system, engine_name):
    n = PROCESSES[engine_name]
    world = make_world(db, system, bins=3)
    _scarce_lots(db, system, world)
    plenty = make_world(db, system, category_id=world.category_id, warehouse_id=world.warehouse_id,
                        bin_ids=world.bin_ids)
    receive_lot(db, system, plenty, "M", day(30), 100_000, bin_index=1)
    rng = random.Random(4)
    url = _url(db)
    killed_mid_order = 0

    def orders(prefix: str) -> workers.OrderMaker:
        return workers.OrderMaker(prefix, world.warehouse_id, world.product_id, plenty.product_id)

    with Stations(url, n - 1) as stations:
        for round_no in range(KILL_ROUNDS):
            in_transaction, ready = CONTEXT.Value("i", 0), CONTEXT.Event()
            victim = CONTEXT.Process(target=workers.victim, daemon=True, args=(
                url, f"victim{round_no}", TODAY, orders(f"R{round_no}:V:"), in_transaction, ready))
            victim.start()
            assert ready.wait(90), "the victim did not start"
            stations.submit([[orders(f"R{round_no}:S{k}:")(j) for j in range(6)] for k in range(n - 1)])
            time.sleep(rng.uniform(0.05, 0.35))
            killed_mid_order += in_transaction.value
            os.kill(victim.pid, signal.SIGKILL)
            victim.join(timeout=10)
            assert victim.exitcode == -signal.SIGKILL
            try:
                reports = stations.collect()
            except queue.Empty:
                pytest.fail("a station hung after the victim was killed")

            assert _errors(reports) == []
            results = [line for report in reports for line in report["results"]]
            _assert_results_are_the_reservations(db, results, f"R{round_no}:S")
            # the surviving stations' orders all committed
            assert {ref for ref, _req, parts in results if ref.endswith(":M") and parts} == {
                f"R{round_no}:S{k}:{j}:M" for k in range(n - 1) for j in range(6)}
            _assert_victim_orders_whole_or_absent(db, f"R{round_no}:V:")
            active = active_by_reference(db, f"R{round_no}:")
            assert _ledger_reserved_by_reference(db, f"R{round_no}:") == {
                ref: sum(q for _quant, q in parts.values()) for ref, parts in active.items()}
            scarce = quant_state(db, world.product_id)
            assert sum(reserved for _on_hand, reserved in scarce.values()) <= 30
            assert_stock_consistent(db, system)

            for reference in active:  # cancel the round, so the next one has the scarce stock back
                release_reference(db, system, reference, "round over")
            assert sorted(quant_state(db, world.product_id).values()) == [(10, 0)] * 3
            assert_stock_consistent(db, system)

    assert killed_mid_order >= 1, "no kill landed inside an order"
    print(f"\n{engine_name}: {KILL_ROUNDS} rounds, {killed_mid_order} kills inside an open transaction")


def _assert_victim_orders_whole_or_absent(db, prefix: str) -> None:
    """Orders 0..k-1 of the victim are complete (marker reserved), nothing of order k or later exists."""
    active = active_by_reference(db, prefix)
    ledger = _ledger_reserved_by_reference(db, prefix)
    by_order: dict[int, set[str]] = defaultdict(set)
    for reference in (*active, *ledger):
        by_order[int(reference[len(prefix):].split(":")[0])].add(reference)
    committed = {order for order, refs in by_order.items() if f"{prefix}{order}:M" in active}
    assert committed == set(by_order), f"orders with rows but no marker: {sorted(set(by_order) - committed)}"
    assert committed == set(range(len(committed))), sorted(committed)
