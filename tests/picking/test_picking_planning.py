"""Planning pick lists: one per order or waves per slot and temperature class, the pick path, two planners at once,
and cancelling a list."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.errors import PermissionDenied, ValidationError
from app.models import Bin, Lot, PickList, PickListOrder, PickTask, StockQuant, StockReservation
from app.permissions import Role
from app.services.picking import planning
from app.services.stock import reservations
from tests.picking.conftest import (APPLE_GTIN, MILK_GTIN, SALMON_GTIN, Station, bin_code, gs1, order_draft, place_orders,
                                   receive, tote_code)
from tests.picking.snapshots import active_reservations, assert_clean, lines_of, order_state, quant_of, state


def _live_lists_per_order(db) -> dict[int, list[int]]:
    rows = db.read(lambda s: s.execute(
        select(PickListOrder.order_id, PickList.id).join(PickList, PickList.id == PickListOrder.pick_list_id)
        .where(PickList.state.in_(("open", "claimed"))).order_by(PickList.id)).all())
    found: dict[int, list[int]] = {}
    for order_id, list_id in rows:
        found.setdefault(order_id, []).append(list_id)
    return found


def test_one_list_per_order_in_pick_path_order(db, system, shop, supervisor, picker):
    # 8 milk: 6 of M-SOON (SH-C-01, path 20) and 2 of M-C2 (SH-C-02, path 30): two tasks for one line
    first, second = place_orders(db, system, order_draft("p-1", ("MLK-1", 8), ("APL-1", 2), ("FSH-1", 1)),
                                 order_draft("p-2", ("OAT-1", 1)))
    with pytest.raises(PermissionDenied):
        planning.plan_order_lists(picker.database, picker.actor, shop.warehouse.id)
    planned = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    assert [(p.kind, p.temperature_class, p.orders, p.tasks) for p in planned] == [("order", "", 1, 4),
                                                                                  ("order", "", 1, 1)]
    assert order_state(db, first) == order_state(db, second) == "picking"
    station = Station(picker.database, picker.actor)
    view = station.take_next(shop.warehouse.id)
    assert view.id == planned[0].id and [o.number for o in view.orders] == [first]
    assert [(t.bin_code, t.sku, t.lot_number, t.quantity, t.pieces) for t in view.tasks] == [
        ("SH-A-01", "APL-1", "A-1", 2, 2),
        ("SH-C-01", "MLK-1", "M-SOON", 6, 6),
        ("SH-C-01", "FSH-1", "S-1", 250, 1),
        ("SH-C-02", "MLK-1", "M-C2", 2, 2)]
    assert [t.position for t in view.tasks] == [1, 2, 3, 4]
    # each task is one active reservation of the line
    held = active_reservations(db, f"{first}/")
    tasks = db.read(lambda s: s.execute(select(PickTask.reference, PickTask.reservation_id, PickTask.quant_id,
                                               PickTask.quantity).where(PickTask.pick_list_id == view.id)).all())
    assert sorted((t.reference, t.quant_id, t.quantity) for t in tasks) == sorted(
        (reference, quant, quantity) for reference, parts in held.items() for quant, quantity in parts)
    # the packing area exists now, once per warehouse
    packing = db.read(lambda s: s.execute(select(Bin.code, Bin.kind).where(Bin.kind == "packing")).all())
    assert [tuple(row) for row in packing] == [("SH-PACK", "packing")]
    # nothing is left to plan; planning again changes nothing
    before = state(db)
    assert planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id) == []
    assert state(db) == before
    assert_clean(db)


def test_waves_split_by_temperature_class_and_slot(db, system, shop, supervisor):
    morning = place_orders(db, system, order_draft("w-1", ("APL-1", 1), ("MLK-1", 1)),
                           order_draft("w-2", ("MLK-1", 2), ("FSH-1", 1)),
                           order_draft("w-3", ("APL-1", 2)))
    [evening] = place_orders(db, system, order_draft("w-4", ("APL-1", 3), slot="18:00-21:00"))
    with pytest.raises(ValidationError):
        planning.plan_waves(supervisor.database, supervisor.actor, shop.warehouse.id, shop.delivery, "")
    planned = planning.plan_waves(supervisor.database, supervisor.actor, shop.warehouse.id, shop.delivery,
                                  "09:00-12:00")
    assert [(p.kind, p.temperature_class, p.orders, p.tasks) for p in planned] == [
        ("wave", "chilled", 2, 3), ("wave", "ambient", 2, 2)]
    assert [order_state(db, number) for number in morning] == ["picking"] * 3
    assert order_state(db, evening) == "allocated"
    with db.session() as session:
        lists = {row.id: row for row in session.execute(select(PickList)).scalars()}
        assert {row.delivery_slot for row in lists.values()} == {"09:00-12:00"}
        chilled = session.execute(select(PickTask.sequence, PickTask.reference)
                                  .where(PickTask.pick_list_id == planned[0].id).order_by(PickTask.position)).all()
    # pick path first (bin sequence), then the order's place in the wave, then the line
    assert [row.sequence for row in chilled] == sorted(row.sequence for row in chilled)
    # w-1 is on both lists (an apple and a milk), w-2 on the chilled one, w-3 on the ambient one
    per_order = _live_lists_per_order(db)
    assert sorted(len(lists) for lists in per_order.values()) == [1, 1, 2]
    assert_clean(db)


def test_two_planners_at_once_never_put_an_order_on_two_lists(db, system, shop, login_as):
    numbers = place_orders(db, system, *[order_draft(f"c-{k}", ("APL-1", k)) for k in range(1, 7)])
    planners = [login_as(Role.SUPERVISOR), login_as(Role.SUPERVISOR)]
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def plan(k: int) -> None:
        barrier.wait(timeout=20)
        try:
            results[k] = planning.plan_order_lists(planners[k].database, planners[k].actor, shop.warehouse.id)
        except Exception as error:  # noqa: BLE001 - reported below
            results[k] = error

    threads = [threading.Thread(target=plan, args=(k,)) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(isinstance(result, Exception) for result in results), results
    assert sum(p.orders for result in results for p in result) == len(numbers)
    per_order = _live_lists_per_order(db)
    assert len(per_order) == len(numbers) and all(len(lists) == 1 for lists in per_order.values())
    assert {order_state(db, number) for number in numbers} == {"picking"}
    assert db.read(lambda s: s.execute(select(func.count()).select_from(Bin).where(Bin.kind == "packing"))
                   .scalar_one()) == 1
    assert_clean(db)


def test_a_planner_racing_an_uncommitted_plan_leaves_its_orders_out(db, system, shop, login_as):
    """Planner A has planned (and made the packing area) but not committed; planner B plans the same orders and
    one more: B waits for A and gets only the one A did not take, on both engines."""
    first, second, third = place_orders(db, system, *[order_draft(f"u-{k}", ("APL-1", k)) for k in range(1, 4)])
    a, b = login_as(Role.SUPERVISOR), login_as(Role.SUPERVISOR)
    started, result = threading.Event(), {}

    def plan_b() -> None:
        started.set()
        try:
            result["b"] = planning.plan_order_lists(b.database, b.actor, shop.warehouse.id)
        except Exception as error:  # noqa: BLE001 - reported below
            result["b"] = error

    with a.database.session() as session:
        planned_a = planning._plan(session, a.actor, shop.warehouse.id, "order", delivery_date=None, slot=None,
                                   order_numbers=[first, second], limit=None)
        thread = threading.Thread(target=plan_b)
        thread.start()
        started.wait(10)
        thread.join(timeout=1.5)        # B blocks on A's locks (SQLite: the write lock) until A commits
        assert thread.is_alive() or isinstance(result.get("b"), Exception), result
    thread.join(timeout=30)
    assert len(planned_a) == 2
    assert not isinstance(result["b"], Exception), result["b"]
    assert [(p.orders, p.tasks) for p in result["b"]] == [(1, 1)]
    per_order = _live_lists_per_order(db)
    assert len(per_order) == 3 and all(len(lists) == 1 for lists in per_order.values())
    assert {order_state(db, n) for n in (first, second, third)} == {"picking"}
    assert_clean(db)


def test_cancel_a_list_before_picking_puts_its_orders_back(db, system, shop, supervisor, picker, station):
    [number] = place_orders(db, system, order_draft("x-1", ("APL-1", 2)))
    [planned] = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station.take_next(shop.warehouse.id)
    with pytest.raises(PermissionDenied):
        planning.cancel_pick_list(picker.database, picker.actor, planned.id, "wrong wave")
    with pytest.raises(ValidationError):
        planning.cancel_pick_list(supervisor.database, supervisor.actor, planned.id, " ")
    planning.cancel_pick_list(supervisor.database, supervisor.actor, planned.id, "truck late")
    assert order_state(db, number) == "allocated"
    assert db.read(lambda s: s.get(PickList, planned.id).state) == "cancelled"
    gone = station.scan(bin_code("SH-A-01"))
    assert (gone.accepted, gone.code) == (False, "not_yours")
    with pytest.raises(ValidationError):
        planning.cancel_pick_list(supervisor.database, supervisor.actor, planned.id, "again")
    # planned again, on a new list; once something is picked the list can no longer be cancelled
    [again] = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    assert again.id != planned.id
    assert station.take_next(shop.warehouse.id).id == again.id
    assert station.scan(bin_code("SH-A-01")).accepted and station.scan(APPLE_GTIN).accepted
    with pytest.raises(ValidationError):
        planning.cancel_pick_list(supervisor.database, supervisor.actor, again.id, "too late")
    assert order_state(db, number) == "picking"
    # the cancelled list's tasks are closed: they neither hold the order in picking nor count as planned
    assert db.read(lambda s: set(s.execute(select(PickTask.state).where(PickTask.pick_list_id == planned.id))
                                 .scalars())) == {"cancelled"}
    done = station.scan(APPLE_GTIN)
    assert (done.accepted, done.code) == (True, "list_done"), done.message
    assert order_state(db, number) == "picked"
    assert_clean(db)


def test_cancelling_one_list_of_a_wave_cancels_the_lists_sharing_its_orders(db, system, shop, supervisor, station):
    """An order of a wave is on one list per temperature class: it can only go back to allocated with all of them
    (otherwise the tasks of the cancelled list would keep it in picking for ever)."""
    mixed, ambient = place_orders(db, system, order_draft("y-1", ("APL-1", 1), ("MLK-1", 1)),
                                  order_draft("y-2", ("APL-1", 2)))
    chilled_list, ambient_list = planning.plan_waves(supervisor.database, supervisor.actor, shop.warehouse.id,
                                                     shop.delivery, "09:00-12:00")
    planning.cancel_pick_list(supervisor.database, supervisor.actor, chilled_list.id, "wrong slot")
    assert db.read(lambda s: (s.get(PickList, chilled_list.id).state, s.get(PickList, ambient_list.id).state)) == (
        "cancelled", "cancelled")
    assert order_state(db, mixed) == order_state(db, ambient) == "allocated"
    # planned again and picked: nothing of the cancelled lists is in the way
    lists = planning.plan_waves(supervisor.database, supervisor.actor, shop.warehouse.id, shop.delivery,
                                "09:00-12:00")
    assert len(lists) == 2
    assert_clean(db)


def test_a_wave_list_is_not_cancelled_when_a_list_sharing_its_orders_has_picks(db, system, shop, supervisor,
                                                                               station):
    [mixed] = place_orders(db, system, order_draft("z-1", ("APL-1", 1), ("MLK-1", 1)))
    chilled_list, ambient_list = planning.plan_waves(supervisor.database, supervisor.actor, shop.warehouse.id,
                                                     shop.delivery, "09:00-12:00")
    assert station.take_next(shop.warehouse.id).id == chilled_list.id
    for raw in (tote_code("T-9"), bin_code("SH-C-01")):
        assert station.scan(raw).accepted
    view = station.take_next(shop.warehouse.id)
    outcome = station.scan(gs1(MILK_GTIN, lot=view.current.lot_number))
    assert outcome.accepted, outcome.message
    before = state(db)
    with pytest.raises(ValidationError) as refused:
        planning.cancel_pick_list(supervisor.database, supervisor.actor, ambient_list.id, "wrong slot")
    assert str(chilled_list.id) in str(refused.value)
    assert state(db) == before
    assert order_state(db, mixed) == "picking"
    assert_clean(db)


def test_cancel_waits_for_a_scan_in_progress_and_then_refuses(db, system, shop, supervisor, station, monkeypatch):
    """The supervisor cancels while the picker's scan is still being saved: the cancel sees the pick."""
    from app.services.picking import scanning

    [number] = place_orders(db, system, order_draft("v-1", ("APL-1", 2)))
    [planned] = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station.take_next(shop.warehouse.id)
    assert station.scan(bin_code("SH-A-01")).accepted
    inside, release, original = threading.Event(), threading.Event(), scanning.build_view

    def slow_view(session, pick_list_id):    # the scan's stock moves are made; its transaction is still open
        if threading.current_thread().name == "scan":
            inside.set()
            release.wait(10)
        return original(session, pick_list_id)

    monkeypatch.setattr(scanning, "build_view", slow_view)
    scanned, cancelled = {}, {}
    scan = threading.Thread(name="scan", target=lambda: scanned.setdefault("outcome", station.scan(APPLE_GTIN)))
    scan.start()
    assert inside.wait(10)

    def cancel() -> None:
        try:
            planning.cancel_pick_list(supervisor.database, supervisor.actor, planned.id, "changed my mind")
            cancelled["result"] = "cancelled"
        except Exception as error:  # noqa: BLE001 - checked below
            cancelled["result"] = error

    canceller = threading.Thread(target=cancel)
    canceller.start()
    canceller.join(timeout=0.5)
    assert canceller.is_alive()              # waiting for the scan
    release.set()
    scan.join(timeout=20)
    canceller.join(timeout=20)
    assert scanned["outcome"].accepted
    assert isinstance(cancelled["result"], ValidationError), cancelled["result"]
    assert order_state(db, number) == "picking"
    assert db.read(lambda s: s.get(PickList, planned.id).state) == "claimed"
    assert_clean(db)



def test_weighed_goods_are_reserved_in_whole_pieces_per_lot(db, system, shop, supervisor, station):
    # 100 g left of an older salmon lot is less than a piece: FEFO passes over it and takes the 250 g from S-1
    receive(db, system, shop.salmon.id, shop.bin_c2.id, "S-0", 3, 100)
    [number] = place_orders(db, system, order_draft("w-0", ("FSH-1", 1)))
    assert [quantity for _quant, quantity in active_reservations(db, f"{number}/")[f"{number}/1"]] == [250]
    assert quant_of(db, shop.bin_c2.id, "S-0") == (100, 0)


def test_a_weighed_part_too_small_for_a_piece_is_released_not_made_a_task(db, system, shop, supervisor, station):
    # a line reserved over two lots with one piece between them (moved in part, or reserved before whole-piece
    # reserving): a task for the smaller part would get no piece and could never be picked (every scan "too
    # many"), and the list would stick there; planning releases that part instead
    receive(db, system, shop.salmon.id, shop.bin_c2.id, "S-0", 3, 100)
    [number] = place_orders(db, system, order_draft("w-1", ("FSH-1", 1)))
    reservation_id = db.read(lambda s: s.execute(select(StockReservation.id).where(
        StockReservation.reference == f"{number}/1", StockReservation.status == "active")).scalar_one())
    s0 = db.read(lambda s: s.execute(select(StockQuant.id).join(Lot, Lot.id == StockQuant.lot_id)
                                     .where(Lot.lot_number == "S-0")).scalar_one())
    db.transaction(lambda session: reservations.move_reservation_in_session(
        session, system, reservation_id, s0, "part found in the next bin", quantity=100))
    assert sorted(quantity for _quant, quantity in active_reservations(db, f"{number}/")[f"{number}/1"]) == [100, 150]
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    view = station.take_next(shop.warehouse.id)
    assert [(t.bin_code, t.lot_number, t.quantity, t.pieces) for t in view.tasks] == [("SH-C-01", "S-1", 150, 1)]
    assert quant_of(db, shop.bin_c2.id, "S-0") == (100, 0)  # released, with a ledger row: verify holds
    assert_clean(db)
    assert station.scan(bin_code("SH-C-01")).accepted
    done = station.scan(gs1(SALMON_GTIN, lot="S-1", weight_g=252))
    assert (done.accepted, done.code) == (True, "list_done"), done.message
    assert order_state(db, number) == "picked"
    assert (lines_of(db, number)[1].picked_quantity, quant_of(db, shop.bin_c1.id, "S-1")) == (252, (5000 - 252, 0))
    assert_clean(db)
