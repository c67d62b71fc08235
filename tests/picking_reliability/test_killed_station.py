"""A picking station killed with SIGKILL while it scans, then restarted: it numbers its scans on from the database
(``next_scan_seq``) and re-sends the one scan it got no answer for, with the same number. That scan is either
applied now (the kill landed before its commit) or replayed (it had committed): never lost, never counted twice.
After a few kills the list is finished and every quantity is exactly what was ordered; ``stock verify`` is clean.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time

from sqlalchemy import select

from app.models import PickScan, PickTask, StockMove
from app.services.orders import shared_settings
from app.services.orders.review_settings import ReviewSettings
from app.services.picking import claiming, planning, scanning, views
from tests.picking.conftest import APPLE_GTIN, order_draft, place_orders
from tests.picking.snapshots import assert_clean, lines_of, order_state, quant_of
from tests.picking_reliability import workers

CONTEXT = multiprocessing.get_context("spawn")
KILL_ROUNDS = 4
APPLES = 100         # all of lot A-1
STATION = "pick-kill"


def test_station_killed_mid_scan_resends_its_last_scan_once(db, system, shop, supervisor, picker, engine_name):
    shared_settings.save_review_settings(db, system, ReviewSettings(max_line_quantity=APPLES))
    [number] = place_orders(db, system, order_draft("kill-1", ("APL-1", APPLES)))
    [planned] = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    url = picker.database.url.render_as_string(hide_password=False)
    rng = random.Random(6)
    applied_now = replayed = 0
    for round_no in range(KILL_ROUNDS):
        sent, acked, phase = CONTEXT.Value("i", 0), CONTEXT.Value("i", 0), CONTEXT.Value("i", 0)
        raw_sent, ready = CONTEXT.Array("c", 64), CONTEXT.Event()
        victim = CONTEXT.Process(target=workers.victim_station, daemon=True, args=(
            url, picker.actor, STATION, shop.warehouse.id, APPLE_GTIN, sent, acked, phase, raw_sent, ready))
        victim.start()
        assert ready.wait(60), "the station did not start"
        # let it scan a while, then kill it inside a scan's transaction (even rounds) or after the commit, before
        # the station took in the answer (odd rounds)
        time.sleep(rng.uniform(0.05, 0.15))
        target, deadline = 1 + round_no % 2, time.monotonic() + 5
        while phase.value != target and time.monotonic() < deadline:
            time.sleep(0.0005)
        os.kill(victim.pid, signal.SIGKILL)
        victim.join(timeout=10)
        assert victim.exitcode == -signal.SIGKILL
        assert sent.value > 0, "the station never scanned"

        # the restarted station: its numbering goes on from the database; the unanswered scan goes again
        next_seq = views.next_scan_seq(picker.database, STATION)
        last_sent, last_acked, raw = sent.value, acked.value, raw_sent.value.decode()
        assert next_seq in (last_sent, last_sent + 1), (next_seq, last_sent)     # nothing after what was sent
        if last_acked == last_sent:   # killed between two scans: nothing to send again
            continue
        committed = next_seq == last_sent + 1
        outcome = scanning.scan(picker.database, picker.actor, planned.id, STATION, last_sent, raw)
        assert outcome.accepted, (outcome.code, outcome.message)
        assert outcome.replayed == committed
        applied_now += not committed
        replayed += committed
        again = scanning.scan(picker.database, picker.actor, planned.id, STATION, last_sent, raw)
        assert again.replayed and again.accepted
        assert views.next_scan_seq(picker.database, STATION) == last_sent + 1
        _assert_scans_add_up(db)
        assert_clean(db)

    assert applied_now >= 1 and replayed >= 1, (applied_now, replayed)   # both moments were hit
    # the station finishes the list: one more item, then the typed count of what that scan took in all
    view = claiming.take_next(picker.database, picker.actor, shop.warehouse.id, STATION)
    assert view.id == planned.id
    left = view.current.quantity - view.current.picked_quantity
    assert 1 <= left < APPLES
    seq = views.next_scan_seq(picker.database, STATION)
    if view.at_bin_id != view.current.bin_id:
        assert scanning.scan(picker.database, picker.actor, planned.id, STATION, seq, "B:SH-A-01").accepted
        seq += 1
    outcome = scanning.scan(picker.database, picker.actor, planned.id, STATION, seq, APPLE_GTIN)
    if left > 1:
        outcome = scanning.scan(picker.database, picker.actor, planned.id, STATION, seq + 1, str(left))
    assert outcome.accepted and outcome.code == "list_done", (outcome.code, outcome.message)
    assert order_state(db, number) == "picked"
    assert lines_of(db, number)[1].picked_quantity == APPLES
    assert quant_of(db, shop.bin_a.id, "A-1") == (100 - APPLES, 0)
    _assert_scans_add_up(db)
    assert_clean(db)
    print(f"\n{engine_name}: {KILL_ROUNDS} kills, {applied_now} scans applied on re-send, {replayed} replayed")


def _assert_scans_add_up(db) -> None:
    """Scans numbered 1..n without a gap; the accepted item scans' quantities are the task's and the line's, and
    each took exactly one pair of ledger rows."""
    with db.session() as session:
        scans = session.execute(select(PickScan).where(PickScan.station == STATION).order_by(PickScan.seq)) \
            .scalars().all()
        moves = session.execute(select(StockMove.quant_id, StockMove.on_hand_delta)
                                .where(StockMove.kind == "pick")).all()
    assert [scan.seq for scan in scans] == list(range(1, len(scans) + 1))
    assert all(scan.outcome == "accepted" for scan in scans)
    taken = sum(scan.quantity for scan in scans if scan.action in ("item", "count"))
    assert len(moves) == 2 * sum(1 for scan in scans if scan.action in ("item", "count") and scan.quantity)
    assert sum(delta for _quant, delta in moves if delta > 0) == taken
    assert db.read(lambda s: s.execute(select(PickTask.picked_quantity)).scalar_one()) == taken
