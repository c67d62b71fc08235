"""Four station processes pick different orders whose lines share the same lots, at the same time, each as its
own picker (on PostgreSQL its own login: grants and row-level security apply). Afterwards every list is done,
every order picked, each accepted scan is counted exactly once, the quantities add up from the scans to the
tasks, lines, ledger and packing area, and ``stock verify`` is clean."""

from __future__ import annotations

import multiprocessing
import queue
from collections import Counter, defaultdict

import pytest
from sqlalchemy import func, select

from app.models import Bin, OrderLine, PickList, PickScan, PickTask, StockMove, StockQuant
from app.permissions import Role
from app.services.picking import planning
from tests.picking.conftest import APPLE_GTIN, MILK_GTIN, SALMON_GTIN, order_draft, place_orders
from tests.picking.snapshots import assert_clean, order_state, quant_of
from tests.picking_reliability import workers

CONTEXT = multiprocessing.get_context("spawn")
STATIONS = 4
ORDERS = 8
GTINS = {"APL-1": APPLE_GTIN, "MLK-1": MILK_GTIN, "FSH-1": SALMON_GTIN}


def _url(database) -> str:
    return database.url.render_as_string(hide_password=False)


def test_stations_picking_shared_lots_at_once_count_every_scan_once(db, system, shop, supervisor, login_as):
    # order k: k+1 apples (all from lot A-1), 1-2 milk (M-SOON, then M-C2), one salmon (lot S-1)
    numbers = place_orders(db, system, *[order_draft(f"cc-{k}", ("APL-1", k + 1), ("MLK-1", 1 + k % 2),
                                                     ("FSH-1", 1)) for k in range(ORDERS)])
    planned = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    assert len(planned) == ORDERS
    apples, milk = sum(k + 1 for k in range(ORDERS)), sum(1 + k % 2 for k in range(ORDERS))
    logins = [login_as(Role.PICKER) for _ in range(STATIONS)]
    results = CONTEXT.Queue()
    barrier = CONTEXT.Barrier(STATIONS)  # referenced for the whole run (see tests/stock_reliability)
    processes = [CONTEXT.Process(target=workers.picker_station, daemon=True, args=(
        _url(login.database), login.actor, f"station-{k}", shop.warehouse.id, GTINS, barrier, results))
        for k, login in enumerate(logins)]
    for process in processes:
        process.start()
    reports, errors = {}, []
    try:
        while len(reports) + len(errors) < STATIONS:
            kind, station, payload = results.get(timeout=90)
            if kind == "done":
                reports[station] = payload
            else:
                errors.append(f"{station}:\n{payload}")
    except queue.Empty:
        pytest.fail(f"stations hung: {len(reports)} of {STATIONS} reported")
    finally:
        for process in processes:
            process.join(timeout=20)
            if process.is_alive():
                process.kill()
    assert errors == [], "\n".join(errors)

    with db.session() as session:
        assert set(session.execute(select(PickList.state)).scalars()) == {"done"}
        lines = session.execute(select(OrderLine)).scalars().all()
        scans = session.execute(select(PickScan)).scalars().all()
        tasks = session.execute(select(PickTask)).scalars().all()
        pick_moves = session.execute(select(func.count()).select_from(StockMove)
                                     .where(StockMove.kind == "pick")).scalar_one()
        packing = session.execute(select(func.sum(StockQuant.on_hand), func.sum(StockQuant.reserved))
                                  .join(Bin, Bin.id == StockQuant.bin_id).where(Bin.kind == "packing")).one()
    assert {order_state(db, number) for number in numbers} == {"picked"}
    # every scan a station sent is one row, as that station saw it: numbered 1, 2, ... with no gap or double
    by_station = defaultdict(list)
    for scan in scans:
        by_station[scan.station].append(scan)
    assert set(by_station) == set(reports)
    for station, outcomes in reports.items():
        rows = sorted(by_station[station], key=lambda scan: scan.seq)
        assert [(s.seq, s.action, s.outcome == "accepted", s.code) for s in rows] == outcomes
        assert [s.seq for s in rows] == list(range(1, len(rows) + 1))
    assert sum(len(outcomes) for outcomes in reports.values()) == len(scans)
    assert all(scan.outcome == "accepted" for scan in scans)
    # the scans' quantities are the tasks', the lines', the ledger's and the packing area's
    taking = [scan for scan in scans if scan.action in ("item", "count") and scan.quantity]
    per_task = Counter()
    for scan in taking:
        per_task[scan.task_id] += scan.quantity
    assert per_task == Counter({task.id: task.picked_quantity for task in tasks})
    per_line = Counter()
    for task in tasks:
        per_line[task.order_line_id] += task.picked_quantity
    assert per_line == Counter({line.id: line.picked_quantity for line in lines})
    assert all(line.state == "picked" and line.picked_pieces == line.quantity for line in lines)
    salmon = sum(line.picked_quantity for line in lines if line.sku == "FSH-1")
    assert sum(line.picked_quantity for line in lines if line.sku == "APL-1") == apples
    assert sum(line.picked_quantity for line in lines if line.sku == "MLK-1") == milk
    assert 240 * ORDERS <= salmon <= 260 * ORDERS
    assert pick_moves == 2 * len(taking)
    assert tuple(packing) == (apples + milk + salmon, apples + milk + salmon)
    assert quant_of(db, shop.bin_a.id, "A-1") == (100 - apples, 0)
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5000 - salmon, 0)
    assert_clean(db)
