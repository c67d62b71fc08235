"""Scanning through a list: catch weight and the line price, undo, skip, and idempotent retries on
(station, seq). Each scenario ends with the ledger verified."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Bin, PickScan, StockQuant
from app.services.picking import planning, scanning, views
from tests.picking.conftest import (APPLE_GTIN, MILK_GTIN, SALMON_GTIN, bin_code, gs1, order_draft, place_orders)
from tests.picking.snapshots import assert_clean, lines_of, order_state, quant_of, scan_count, state


def _start(db, system, shop, supervisor, station, *lines, external_id="s-1"):
    [number] = place_orders(db, system, order_draft(external_id, *lines))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    return number, station.take_next(shop.warehouse.id)


def _ok(outcome, code: str | None = None):
    assert outcome.accepted, (outcome.code, outcome.message)
    if code is not None:
        assert outcome.code == code, (outcome.code, outcome.message)
    return outcome


def _packing(db) -> tuple[int, int]:
    return db.read(lambda s: tuple(s.execute(
        select(StockQuant.on_hand, StockQuant.reserved).join(Bin, Bin.id == StockQuant.bin_id)
        .where(Bin.kind == "packing")).one()))


def test_catch_weight_recorded_per_piece_and_price_follows_weight(db, system, shop, supervisor, station):
    number, view = _start(db, system, shop, supervisor, station, ("FSH-1", 3))
    assert (view.current.quantity, view.current.pieces) == (750, 3)
    _ok(station.scan(bin_code("SH-C-01")))
    first = _ok(station.scan(gs1(SALMON_GTIN, weight_g=262)), "picked")
    assert "262" in first.message or "0.262" in first.message
    assert lines_of(db, number)[1].picked_price_cents == 3354          # 32.00 per 250 g x 262 g, half up
    _ok(station.scan(gs1(SALMON_GTIN, lot="S-1", weight_g=241)), "picked")
    _ok(station.scan(gs1(SALMON_GTIN, weight_g=255)), "list_done")
    line = lines_of(db, number)[1]
    assert (line.state, line.picked_quantity, line.picked_pieces, line.picked_price_cents) == (
        "picked", 758, 3, 9702)                                       # 3200 x 758 / 250 = 9702.4
    weights = db.read(lambda s: s.execute(select(PickScan.weight_g).where(PickScan.action == "item")
                                          .order_by(PickScan.seq)).scalars().all())
    assert weights == [262, 241, 255]
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5000 - 758, 0)    # 8 g more than reserved, from free stock
    assert _packing(db) == (758, 758)
    assert order_state(db, number) == "picked"
    assert_clean(db)


def test_lighter_pieces_release_the_rest_of_the_reservation(db, system, shop, supervisor, station):
    number, _view = _start(db, system, shop, supervisor, station, ("FSH-1", 2))
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5000, 500)
    _ok(station.scan(bin_code("SH-C-01")))
    _ok(station.scan(gs1(SALMON_GTIN, weight_g=235)))
    _ok(station.scan(gs1(SALMON_GTIN, weight_g=240)), "list_done")
    line = lines_of(db, number)[1]
    assert (line.picked_quantity, line.picked_pieces, line.picked_price_cents) == (475, 2, 6080)
    assert quant_of(db, shop.bin_c1.id, "S-1") == (4525, 0)          # the 25 g not taken is free again
    assert_clean(db)


def test_undo_puts_the_last_item_back(db, system, shop, supervisor, station):
    number, _view = _start(db, system, shop, supervisor, station, ("APL-1", 3), ("MLK-1", 1))
    nothing = station.do("undo")
    assert (nothing.accepted, nothing.code) == (False, "nothing_to_undo")
    _ok(station.scan(bin_code("SH-A-01")))
    _ok(station.scan(APPLE_GTIN))
    _ok(station.scan(APPLE_GTIN))
    assert quant_of(db, shop.bin_a.id, "A-1") == (98, 1) and _packing(db) == (2, 2)
    undone = _ok(station.do("undo"), "undone")
    assert "SH-A-01" in undone.message
    assert undone.view.current.picked_quantity == 1 and undone.view.at_bin_id == shop.bin_a.id
    assert quant_of(db, shop.bin_a.id, "A-1") == (99, 2) and _packing(db) == (1, 1)
    assert lines_of(db, number)[1].picked_quantity == 1
    assert_clean(db)
    # only the last scan can be undone
    before = state(db)
    again = station.do("undo")
    assert (again.accepted, again.code) == (False, "nothing_to_undo") and state(db) == before
    # a typed count is undone as one scan
    _ok(station.scan(APPLE_GTIN))
    _ok(station.scan("2"), "task_done")                                # that scan took 2: 1 + 2 = 3
    assert quant_of(db, shop.bin_a.id, "A-1") == (97, 0)
    _ok(station.do("undo"), "undone")
    view = views.pick_list(station.db, station.actor, station.list_id)
    assert view.current.sku == "APL-1" and view.current.picked_quantity == 2
    assert quant_of(db, shop.bin_a.id, "A-1") == (98, 1)
    _ok(station.scan(APPLE_GTIN), "task_done")
    assert_clean(db)


def test_undo_after_the_order_was_picked_takes_it_back_to_picking(db, system, shop, supervisor, station):
    number, _view = _start(db, system, shop, supervisor, station, ("MLK-1", 1), ("FSH-1", 1))
    _ok(station.scan(bin_code("SH-C-01")))
    _ok(station.scan(gs1(MILK_GTIN, lot="M-SOON")), "task_done")
    done = _ok(station.scan(gs1(SALMON_GTIN, weight_g=251)), "list_done")
    assert done.view.state == "done" and order_state(db, number) == "picked"
    assert lines_of(db, number)[2].state == "picked"
    undone = _ok(station.do("undo"), "undone")
    assert undone.view.state == "claimed" and undone.view.current.sku == "FSH-1"
    assert order_state(db, number) == "picking"
    line = lines_of(db, number)[2]
    assert (line.state, line.picked_quantity, line.picked_pieces, line.picked_price_cents) == ("open", 0, 0, None)
    assert quant_of(db, shop.bin_c1.id, "S-1") == (5000, 250)
    assert_clean(db)
    _ok(station.scan(gs1(SALMON_GTIN, weight_g=249)), "list_done")
    assert order_state(db, number) == "picked"
    assert lines_of(db, number)[2].picked_quantity == 249
    assert_clean(db)


def test_skip_moves_the_task_to_the_end(db, system, shop, supervisor, station):
    number, view = _start(db, system, shop, supervisor, station, ("APL-1", 1), ("MLK-1", 1))
    assert view.current.sku == "APL-1"
    skipped = _ok(station.do("skip"), "skipped")
    assert skipped.view.current.sku == "MLK-1" and [t.sku for t in skipped.view.tasks] == ["MLK-1", "APL-1"]
    _ok(station.scan(bin_code("SH-C-01")))
    _ok(station.scan(MILK_GTIN), "task_done")
    _ok(station.scan(bin_code("SH-A-01")))
    _ok(station.scan(APPLE_GTIN), "list_done")
    assert order_state(db, number) == "picked"
    assert_clean(db)


def test_a_scan_sent_twice_is_applied_once(db, system, shop, supervisor, station):
    number, _view = _start(db, system, shop, supervisor, station, ("APL-1", 3))
    _ok(station.scan(bin_code("SH-A-01")))
    seq = station.seq
    first = _ok(scanning.scan(station.db, station.actor, station.list_id, station.name, seq, APPLE_GTIN))
    assert not first.replayed
    before, scans = state(db), scan_count(db)
    again = scanning.scan(station.db, station.actor, station.list_id, station.name, seq, APPLE_GTIN)
    assert (again.replayed, again.accepted, again.code, again.seq, again.message) == (
        True, True, first.code, seq, first.message)
    assert state(db) == before and scan_count(db) == scans
    # whatever is sent with that number now, it is the scan already done (the station re-sends what it sent)
    other = scanning.undo(station.db, station.actor, station.list_id, station.name, seq)
    assert (other.replayed, other.action, other.code) == (True, "item", first.code)
    assert state(db) == before
    # a rejected scan is replayed as rejected
    wrong = scanning.scan(station.db, station.actor, station.list_id, station.name, seq + 1, MILK_GTIN)
    assert (wrong.accepted, wrong.code, wrong.replayed) == (False, "wrong_item", False)
    wrong_again = scanning.scan(station.db, station.actor, station.list_id, station.name, seq + 1, MILK_GTIN)
    assert (wrong_again.accepted, wrong_again.code, wrong_again.replayed) == (False, "wrong_item", True)
    assert scan_count(db) == scans + 1
    # a restarted station goes on after the last number it used
    assert views.next_scan_seq(station.db, station.name) == seq + 2
    assert views.next_scan_seq(station.db, "another-station") == 1
    assert lines_of(db, number)[1].picked_quantity == 1
    with pytest.raises(ValidationError):
        scanning.scan(station.db, station.actor, station.list_id, station.name, 0, APPLE_GTIN)
    log = views.scan_log(station.db, station.actor, station.list_id)
    assert [(entry.seq, entry.outcome) for entry in log][:2] == [(seq + 1, "rejected"), (seq, "accepted")]
    assert_clean(db)


def _send_twice_at_once(station, raw: str) -> list:
    """The station's next scan sent from two threads at the same moment; both answers (no exception)."""
    seq, barrier, outcomes = station._next(), threading.Barrier(2), []

    def send() -> None:
        barrier.wait(timeout=10)
        try:
            outcomes.append(scanning.scan(station.db, station.actor, station.list_id, station.name, seq, raw))
        except Exception as error:  # noqa: BLE001 - reported below
            outcomes.append(error)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(not isinstance(outcome, Exception) for outcome in outcomes), outcomes
    return outcomes


def test_the_same_scan_sent_twice_at_once_is_applied_once(db, system, shop, supervisor, station):
    """A station that re-sends a scan while the first try is still running (a timeout on a slow link)."""
    number, _view = _start(db, system, shop, supervisor, station, ("APL-1", 8))
    _ok(station.scan(bin_code("SH-A-01")))
    for round_no in range(1, 6):
        outcomes = _send_twice_at_once(station, APPLE_GTIN)
        assert sorted(outcome.replayed for outcome in outcomes) == [False, True]
        assert all(outcome.accepted for outcome in outcomes)
        assert lines_of(db, number)[1].picked_quantity == round_no
    # a rejected scan sent twice at once: logged once, both answers say why
    for _round in range(3):
        outcomes = _send_twice_at_once(station, MILK_GTIN)
        assert [(o.accepted, o.code) for o in outcomes] == [(False, "wrong_item")] * 2
        assert sorted(o.replayed for o in outcomes) == [False, True]
    assert scan_count(db) == 9
    assert_clean(db)
