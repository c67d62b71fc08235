"""FEFO reservation at the edges: expiry on the delivery date, the minimum-shelf-life boundary, expired and
quarantined lots, ties, splits, shortages, inactive bins, and moving a reservation."""

from __future__ import annotations

import dataclasses

import pytest

from app.errors import ConflictError, NotFound, ValidationError
from app.services.stock import reservations
from app.services.stock.reservations import (LineRequest, move_reservation, release_reference, reserve_line,
                                             reserve_order_in_session)
from tests.stock_reliability.helpers import (TODAY, active_by_reference, assert_stock_consistent, day, make_world,
                                             quant_state, receive_lot, set_bin_active, set_quarantined)


@pytest.fixture
def db(stock_db):
    """One database per engine for the whole module (see conftest.py); each test has its own product."""
    return stock_db


def _ref(world, name: str) -> str:
    """References are unique per test (the module shares one database)."""
    return f"P{world.product_id}/{name}"


def _reserve(db, actor, world, quantity, reference="OL:1", *, delivery=None, today=TODAY):
    return reserve_line(db, actor, warehouse_id=world.warehouse_id, product_id=world.product_id, quantity=quantity,
                        delivery_date=delivery or today, reference=_ref(world, reference), today=today)


def _active(db, world) -> dict[str, dict[int, tuple[int, int]]]:
    """Active reservations of the test's product by reference (without the per-test prefix)."""
    return {ref.split("/", 1)[1]: parts for ref, parts in active_by_reference(db, product_id=world.product_id).items()}


def _taken(result) -> list[tuple[str, str, int]]:
    """(lot, bin code, quantity) per part, in the order the engine took them."""
    return [(p.lot_number, p.bin_code.split("-")[-1], p.quantity) for p in result.parts]


# -- expiry against the delivery date -----------------------------------------------------------------------

def test_lot_expiring_on_the_delivery_date_only_when_no_minimum(db, system):
    lenient = make_world(db, system, min_remaining=0)
    receive_lot(db, system, lenient, "L-EDGE", day(2), 5)
    result = _reserve(db, system, lenient, 5, delivery=day(2))
    assert result.complete and _taken(result) == [("L-EDGE", "B0", 5)]

    strict = make_world(db, system, min_remaining=1)
    receive_lot(db, system, strict, "S-EDGE", day(2), 5)
    result = _reserve(db, system, strict, 5, "OL:2", delivery=day(2))
    assert result.parts == () and result.short == 5 and not result.complete
    assert _reserve(db, system, strict, 5, "OL:3", delivery=day(1)).complete  # one day earlier: one day left
    assert_stock_consistent(db, system)


def test_minimum_shelf_life_boundary(db, system):
    world = make_world(db, system, min_remaining=3)
    receive_lot(db, system, world, "SHORT", day(5 + 3 - 1), 10, bin_index=0)  # one day too little
    receive_lot(db, system, world, "EXACT", day(5 + 3), 10, bin_index=1)  # exactly the minimum
    result = _reserve(db, system, world, 12, delivery=day(5))
    assert _taken(result) == [("EXACT", "B1", 10)] and result.short == 2
    # delivered a day earlier, the short lot has exactly its minimum left and comes first (it expires first)
    result = _reserve(db, system, world, 4, "OL:2", delivery=day(4))
    assert _taken(result) == [("SHORT", "B0", 4)]
    assert_stock_consistent(db, system)


def test_expired_lot_is_never_reserved(db, system):
    world = make_world(db, system)
    receive_lot(db, system, world, "OLD", day(-1), 10, received=day(-5))  # expired yesterday
    receive_lot(db, system, world, "TODAY", day(0), 3, bin_index=1)  # last day: still sellable today
    receive_lot(db, system, world, "NEW", day(4), 2, bin_index=2)
    result = _reserve(db, system, world, 10)
    assert _taken(result) == [("TODAY", "B1", 3), ("NEW", "B2", 2)] and result.short == 5
    # even for an order "delivered" in the past, expired stock stays out
    assert _reserve(db, system, world, 1, "OL:2", delivery=day(-3)).parts == ()
    assert_stock_consistent(db, system)


def test_quarantined_lot_is_never_reserved(db, system):
    world = make_world(db, system)
    first = receive_lot(db, system, world, "Q", day(1), 10)
    receive_lot(db, system, world, "OK", day(6), 4, bin_index=1)
    set_quarantined(db, system, first.lot_id)
    result = _reserve(db, system, world, 6)
    assert _taken(result) == [("OK", "B1", 4)] and result.short == 2
    set_quarantined(db, system, first.lot_id, False)  # released from quarantine: reservable again, first by expiry
    assert _taken(_reserve(db, system, world, 3, "OL:2")) == [("Q", "B0", 3)]
    assert_stock_consistent(db, system)


# -- order among eligible stock ---------------------------------------------------------------------------

def test_earlier_expiry_first_whatever_the_bin_or_receipt(db, system):
    world = make_world(db, system)
    receive_lot(db, system, world, "LATE", day(9), 5, bin_index=0, received=day(-5))
    receive_lot(db, system, world, "SOON", day(3), 5, bin_index=2, received=day(0))
    assert _taken(_reserve(db, system, world, 7)) == [("SOON", "B2", 5), ("LATE", "B0", 2)]


def test_expiry_tie_goes_to_the_older_receipt_even_further_on_the_path(db, system):
    world = make_world(db, system)
    receive_lot(db, system, world, "FRESH-IN", day(5), 5, bin_index=0, received=day(-1))
    receive_lot(db, system, world, "LONG-IN", day(5), 5, bin_index=2, received=day(-3))
    assert _taken(_reserve(db, system, world, 7)) == [("LONG-IN", "B2", 5), ("FRESH-IN", "B0", 2)]


def test_same_lot_in_several_bins_goes_by_pick_path(db, system):
    world = make_world(db, system, bins=3)
    receive_lot(db, system, world, "L1", day(5), 4, bin_index=2)  # received into the far bin first
    receive_lot(db, system, world, "L1", day(5), 4, bin_index=0)
    receive_lot(db, system, world, "L1", day(5), 4, bin_index=1)
    assert _taken(_reserve(db, system, world, 10)) == [("L1", "B0", 4), ("L1", "B1", 4), ("L1", "B2", 2)]


def test_expiry_and_receipt_tie_keeps_one_lot_together_before_the_path(db, system):
    """Documented order: expiry, receipt, then the lot (first created), then the pick path, so a line
    finishes one lot before it starts the next (fewer lots per line to trace)."""
    world = make_world(db, system, bins=2)
    receive_lot(db, system, world, "FIRST", day(5), 3, bin_index=1)
    receive_lot(db, system, world, "SECOND", day(5), 3, bin_index=0)
    receive_lot(db, system, world, "FIRST", day(5), 3, bin_index=0)
    assert _taken(_reserve(db, system, world, 8)) == [("FIRST", "B0", 3), ("FIRST", "B1", 3), ("SECOND", "B0", 2)]


def test_line_split_across_lots_in_fefo_order_and_partly_reserved_stock_counts(db, system):
    world = make_world(db, system)
    receive_lot(db, system, world, "A", day(2), 4, bin_index=1)
    receive_lot(db, system, world, "B", day(3), 3, bin_index=0)
    receive_lot(db, system, world, "C", day(4), 10, bin_index=2)
    assert _taken(_reserve(db, system, world, 2, "OL:1")) == [("A", "B1", 2)]
    result = _reserve(db, system, world, 9, "OL:2")
    assert _taken(result) == [("A", "B1", 2), ("B", "B0", 3), ("C", "B2", 4)] and result.complete
    assert result.reserved == 9 and result.short == 0
    assert_stock_consistent(db, system)


def test_order_lines_share_the_stock_in_line_order_and_come_back_in_the_callers_order(db, system):
    apples = make_world(db, system)
    pears = make_world(db, system, category_id=apples.category_id, warehouse_id=apples.warehouse_id,
                       bin_ids=apples.bin_ids)
    receive_lot(db, system, apples, "A1", day(2), 4, bin_index=0)
    receive_lot(db, system, apples, "A2", day(3), 10, bin_index=1)
    receive_lot(db, system, pears, "P1", day(4), 3, bin_index=2)
    lines = [LineRequest(pears.product_id, 2, _ref(pears, "L1")),
             LineRequest(apples.product_id, 3, _ref(apples, "L2")),
             LineRequest(pears.product_id, 2, _ref(pears, "L3")),
             LineRequest(apples.product_id, 4, _ref(apples, "L4"))]
    results = db.transaction(lambda s: reserve_order_in_session(
        s, system, warehouse_id=apples.warehouse_id, lines=lines, delivery_date=TODAY, today=TODAY))
    assert [r.reference for r in results] == [line.reference for line in lines]
    assert [(_taken(r), r.short) for r in results] == [
        ([("P1", "B2", 2)], 0),
        ([("A1", "B0", 3)], 0),
        ([("P1", "B2", 1)], 1),  # the earlier pear line took the rest first
        ([("A1", "B0", 1), ("A2", "B1", 3)], 0),
    ]
    for world in (apples, pears):
        assert _active(db, world) == {
            r.reference.split("/", 1)[1]: {p.reservation_id: (p.quant_id, p.quantity) for p in r.parts}
            for r in results if r.product_id == world.product_id}
    assert_stock_consistent(db, system)


def test_an_order_with_an_unknown_product_or_a_bad_line_reserves_nothing(db, system):
    world = make_world(db, system)
    receive_lot(db, system, world, "A", day(2), 10)

    def order(*lines):
        return db.transaction(lambda s: reserve_order_in_session(
            s, system, warehouse_id=world.warehouse_id, lines=list(lines), delivery_date=TODAY, today=TODAY))

    good = LineRequest(world.product_id, 2, _ref(world, "OK"))
    with pytest.raises(NotFound):
        order(good, LineRequest(999_999, 1, _ref(world, "GONE")))
    with pytest.raises(ValidationError):
        order(good, LineRequest(world.product_id, 0, _ref(world, "ZERO")))
    with pytest.raises(ValidationError):
        order(good, LineRequest(world.product_id, 1, ""))
    assert _active(db, world) == {}
    assert order() == []
    assert_stock_consistent(db, system)


def test_short_result_says_exactly_what_is_missing(db, system):
    world = make_world(db, system)
    receive_lot(db, system, world, "A", day(2), 4)
    receive_lot(db, system, world, "B", day(3), 3, bin_index=1)
    result = _reserve(db, system, world, 10)
    assert (result.requested, result.reserved, result.short, result.complete) == (10, 7, 3, False)
    stored = _active(db, world)["OL:1"]
    assert {p.reservation_id: (p.quant_id, p.quantity) for p in result.parts} == stored
    nothing = _reserve(db, system, world, 5, "OL:2")
    assert (nothing.parts, nothing.reserved, nothing.short) == ((), 0, 5)
    assert "OL:2" not in _active(db, world)
    assert_stock_consistent(db, system)


def test_inactive_bins_are_skipped(db, system):
    world = make_world(db, system)
    receive_lot(db, system, world, "A", day(2), 5, bin_index=0)
    receive_lot(db, system, world, "B", day(6), 5, bin_index=1)
    set_bin_active(db, system, world.bin_ids[0], False)
    assert _taken(_reserve(db, system, world, 7)) == [("B", "B1", 5)]
    set_bin_active(db, system, world.bin_ids[0], True)
    assert _taken(_reserve(db, system, world, 1, "OL:2")) == [("A", "B0", 1)]


def test_other_warehouses_and_products_are_not_touched(db, system):
    world = make_world(db, system)
    other_product = make_world(db, system, category_id=world.category_id, warehouse_id=world.warehouse_id,
                               bin_ids=world.bin_ids)
    other_warehouse = make_world(db, system, category_id=world.category_id)
    receive_lot(db, system, other_product, "X", day(1), 9)
    receive_lot(db, system, world, "MINE", day(8), 2)
    other = dataclasses.replace(other_warehouse, product_id=world.product_id)  # my product, other warehouse
    receive_lot(db, system, other, "MINE", day(8), 9)
    assert _taken(_reserve(db, system, world, 5)) == [("MINE", "B0", 2)]


def test_bad_requests_are_refused(db, system):
    world = make_world(db, system)
    with pytest.raises(ValidationError):
        _reserve(db, system, world, 0)
    with pytest.raises(ValidationError):
        reserve_line(db, system, warehouse_id=world.warehouse_id, product_id=world.product_id, quantity=1,
                     delivery_date=TODAY, reference="", today=TODAY)
    with pytest.raises(NotFound):
        reserve_line(db, system, warehouse_id=world.warehouse_id, product_id=999_999, quantity=1,
                     delivery_date=TODAY, reference="OL:1", today=TODAY)


# -- release and pick --------------------------------------------------------------------------------------

def test_release_gives_everything_back_once(db, system):
    world = make_world(db, system)
    receive_lot(db, system, world, "A", day(2), 4)
    receive_lot(db, system, world, "B", day(3), 4, bin_index=1)
    _reserve(db, system, world, 6)
    assert release_reference(db, system, _ref(world, "OL:1"), "order cancelled") == 6
    assert release_reference(db, system, _ref(world, "OL:1"), "order cancelled") == 0
    assert _active(db, world) == {}
    with pytest.raises(ValidationError):
        release_reference(db, system, _ref(world, "OL:1"), " ")
    assert _reserve(db, system, world, 8, "OL:2").complete
    assert_stock_consistent(db, system)


def test_pick_takes_stock_out_and_a_partial_pick_keeps_the_rest_reserved(db, system):
    world = make_world(db, system)
    receipt = receive_lot(db, system, world, "A", day(2), 10)
    part = _reserve(db, system, world, 6).parts[0]

    def pick(quantity):
        return db.transaction(lambda s: reservations.consume_in_session(
            s, system, part.reservation_id, quantity, reference="OL:1", today=TODAY))

    assert pick(4) == 2
    with pytest.raises(ValidationError):
        pick(3)  # only 2 left on the reservation
    assert pick(2) == 0
    with pytest.raises(NotFound):
        pick(1)
    assert quant_state(db, world.product_id) == {receipt.quant_id: (4, 0)}
    assert_stock_consistent(db, system)


def test_expired_stock_cannot_be_picked(db, system):
    world = make_world(db, system)
    receive_lot(db, system, world, "A", day(2), 10)
    part = _reserve(db, system, world, 3).parts[0]
    with pytest.raises(ValidationError):
        db.transaction(lambda s: reservations.consume_in_session(
            s, system, part.reservation_id, 3, reference="OL:1", today=day(3)))
    assert db.transaction(lambda s: reservations.consume_in_session(
        s, system, part.reservation_id, 3, reference="OL:1", today=day(2))) == 0
    assert_stock_consistent(db, system)


# -- moving a reservation -----------------------------------------------------------------------------------

@pytest.fixture
def moving(db, system):
    """Lot A reserved (3 of 5) in bin 0; candidates elsewhere: same lot in bin 1, lots B..E in bin 2."""
    world = make_world(db, system, min_remaining=2)
    receive_lot(db, system, world, "A", day(4), 5, bin_index=0)
    targets = {
        "A-other-bin": receive_lot(db, system, world, "A", day(4), 5, bin_index=1),
        "later-lot": receive_lot(db, system, world, "B", day(9), 5, bin_index=2),
        "expired": receive_lot(db, system, world, "OLD", day(-1), 5, bin_index=2, received=day(-4)),
        "quarantined": receive_lot(db, system, world, "Q", day(9), 5, bin_index=1),
        "short-life": receive_lot(db, system, world, "SL", day(5), 5, bin_index=0),
        "too-few": receive_lot(db, system, world, "FEW", day(9), 2, bin_index=0),
    }
    set_quarantined(db, system, targets["quarantined"].lot_id)
    part = _reserve(db, system, world, 3, delivery=day(1)).parts[0]
    assert part.lot_number == "A" and part.quantity == 3
    return world, part, {k: v.quant_id for k, v in targets.items()}


def test_move_reservation_to_another_bin_and_then_another_lot(db, system, moving):
    world, part, targets = moving
    moved = move_reservation(db, system, part.reservation_id, targets["A-other-bin"], "not found in the bin",
                             today=TODAY, delivery_date=day(1))
    assert (moved.lot_number, moved.bin_code.split("-")[-1], moved.quantity) == ("A", "B1", 3)
    assert _active(db, world) == {"OL:1": {moved.reservation_id: (targets["A-other-bin"], 3)}}
    again = move_reservation(db, system, moved.reservation_id, targets["later-lot"], "damaged", today=TODAY,
                             delivery_date=day(1))
    assert (again.lot_number, again.quantity) == ("B", 3)
    with pytest.raises(NotFound):  # the old reservation is not active any more
        move_reservation(db, system, part.reservation_id, targets["later-lot"], "again", today=TODAY)
    assert_stock_consistent(db, system)


@pytest.mark.parametrize("target, error", [
    ("expired", ValidationError),
    ("quarantined", ValidationError),
    ("short-life", ValidationError),
    ("too-few", ConflictError),
])
def test_move_reservation_refuses_stock_that_could_not_be_reserved(db, system, moving, target, error):
    world, part, targets = moving
    before = _active(db, world)
    with pytest.raises(error):
        move_reservation(db, system, part.reservation_id, targets[target], "not found", today=TODAY,
                         delivery_date=day(4))  # SL (expires day 5) has 1 day left on day 4: below the minimum 2
    assert _active(db, world) == before
    assert_stock_consistent(db, system)


def test_move_reservation_refuses_an_inactive_bin_the_same_quant_and_bad_input(db, system, moving):
    world, part, targets = moving
    set_bin_active(db, system, world.bin_ids[1], False)
    with pytest.raises(ValidationError):
        move_reservation(db, system, part.reservation_id, targets["A-other-bin"], "not found", today=TODAY)
    with pytest.raises(ValidationError):
        move_reservation(db, system, part.reservation_id, part.quant_id, "not found", today=TODAY)
    with pytest.raises(ValidationError):
        move_reservation(db, system, part.reservation_id, targets["later-lot"], "  ", today=TODAY)
    with pytest.raises(NotFound):
        move_reservation(db, system, part.reservation_id, 999_999, "not found", today=TODAY)
    other = make_world(db, system, category_id=world.category_id, warehouse_id=world.warehouse_id,
                       bin_ids=world.bin_ids)
    foreign = receive_lot(db, system, other, "X", day(9), 5, bin_index=2)
    with pytest.raises(ValidationError):
        move_reservation(db, system, part.reservation_id, foreign.quant_id, "not found", today=TODAY)
    assert _active(db, world) == {"OL:1": {part.reservation_id: (part.quant_id, 3)}}
    assert_stock_consistent(db, system)
