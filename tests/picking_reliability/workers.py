"""Picking station processes for the reliability tests (started with ``spawn``: importable, pytest-free).

A station works like the real one: it numbers its scans from ``next_scan_seq`` (so a restarted station goes
on after the last number the database knows), takes the next pick list (its own unfinished one first) and
scans what the current task asks for: the bin, then the item (GS1 with lot, a plain GTIN, a catch-weight
label) or an item and a typed count.
"""

from __future__ import annotations

import time
import traceback

GS1_PREFIX = "]C101"


def _scan_for(view, gtins: dict[str, str], counter: int) -> str:
    """What a picker scans next for the current task."""
    from app.barcodes import encode_internal

    task = view.current
    if view.at_bin_id != task.bin_id:
        return encode_internal("bin", task.bin_code)
    gtin = gtins[task.sku]
    if task.weighed:
        return f"{GS1_PREFIX}{gtin}3103{240 + counter % 21:06d}"          # 240-260 g, within 250 ± 20
    if counter % 2:
        return f"{GS1_PREFIX}{gtin}10{task.lot_number}"                   # GS1 with the reserved lot
    return gtin[1:]                                                         # EAN-13 as printed


def picker_station(url: str, actor, station: str, warehouse_id: int, gtins: dict[str, str], barrier, results) -> None:
    """Pick lists until none is left; report every outcome as (seq, action, accepted, code)."""
    from app.db.database import Database
    from app.services.picking import claiming, scanning, views

    db = Database(url, application_name=f"freshflow:{station}")
    outcomes: list[tuple[int, str, bool, str]] = []
    try:
        seq = views.next_scan_seq(db, station)
        barrier.wait(timeout=60)
        counter = 0
        while (view := claiming.take_next(db, actor, warehouse_id, station)) is not None:
            steps = 0
            while view.state != "done":
                steps += 1
                if steps > 500:
                    raise RuntimeError(f"{station}: list {view.id} does not finish")
                task, counter = view.current, counter + 1
                left = task.quantity - task.picked_quantity
                raw = _scan_for(view, gtins, counter)
                outcome = scanning.scan(db, actor, view.id, station, seq, raw)
                outcomes.append((seq, outcome.action, outcome.accepted, outcome.code))
                seq += 1
                if not outcome.accepted:
                    raise RuntimeError(f"{station}: {raw!r} rejected: {outcome.code} {outcome.message}")
                if outcome.action == "item" and not task.weighed and left >= 3 and counter % 3 == 0:
                    outcome = scanning.scan(db, actor, view.id, station, seq, str(left))  # typed: all of it
                    outcomes.append((seq, outcome.action, outcome.accepted, outcome.code))
                    seq += 1
                    if not outcome.accepted:
                        raise RuntimeError(f"{station}: count {left} rejected: {outcome.code} {outcome.message}")
                view = outcome.view
        results.put(("done", station, outcomes))
    except Exception:  # noqa: BLE001 - the test fails on it
        results.put(("error", station, traceback.format_exc()))
    finally:
        db.dispose()


def victim_station(url: str, actor, station: str, warehouse_id: int, gtin: str, sent, acked, phase, raw_sent,
                   ready) -> None:
    """Scan items one by one until killed. ``sent`` is the seq being sent (its raw text in ``raw_sent``),
    ``acked`` the last seq whose answer came back; ``phase`` is 1 while a scan's transaction runs (after its
    stock moves, before its commit) and 2 once it committed but before the station took in the answer.

    Both moments are held open ``WINDOW`` seconds (a slow disk, a slow network), so the test can kill the
    station inside either."""
    from app.db.database import Database
    from app.services.picking import claiming, scanning, views

    original = scanning.build_view

    def slow_build_view(session, pick_list_id):
        phase.value = 1
        time.sleep(WINDOW)                 # inside the scan's transaction, after its stock moves
        return original(session, pick_list_id)

    scanning.build_view = slow_build_view
    db = Database(url, application_name=f"freshflow:{station}")
    seq = views.next_scan_seq(db, station)
    view = claiming.take_next(db, actor, warehouse_id, station)      # a restarted station resumes its own list
    ready.set()
    while view.state != "done":
        raw = _scan_for(view, {view.current.sku: gtin}, 0)
        raw_sent.value = raw.encode()
        sent.value = seq
        outcome = scanning.scan(db, actor, view.id, station, seq, raw)
        phase.value = 2
        time.sleep(WINDOW)                 # committed; the answer is on its way
        acked.value = seq
        phase.value = 0
        if not outcome.accepted:
            raise RuntimeError(f"{raw!r} rejected: {outcome.code} {outcome.message}")
        seq += 1
        view = outcome.view


WINDOW = 0.02
