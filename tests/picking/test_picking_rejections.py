"""Every scan a station must refuse: the code that says why, a message, the scan logged as rejected, and nothing
else changed (stock, reservations, ledger, tasks, list, lines, orders). Then the ledger still verifies."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.models import PickScan
from app.services.picking import planning
from tests.picking.conftest import (APPLE_GTIN, MILK_GTIN, OATMILK_GTIN, SALMON_GTIN, bin_code, gs1, order_draft,
                                    place_orders, receive, tote_code)
from tests.picking.snapshots import active_reservations, assert_clean, lines_of, quant_of, scan_count, state


def _rejected(station, db, raw: str | None, code: str, *, action: str = "scan", **kw):
    """Send one scan (or key action); it must be refused with ``code`` and change nothing but the scan log."""
    before, scans = state(db), scan_count(db)
    outcome = station.scan(raw) if action == "scan" else station.do(action, **kw)
    assert not outcome.accepted, (raw, outcome.code, outcome.message)
    assert outcome.code == code, (raw, outcome.code, outcome.message)
    assert outcome.message.strip() and not outcome.replayed
    assert state(db) == before, f"{raw!r} ({code}) changed the database"
    assert scan_count(db) == scans + 1
    row = db.read(lambda s: s.execute(select(PickScan).where(PickScan.station == station.name,
                                                             PickScan.seq == outcome.seq)).scalar_one())
    assert (row.outcome, row.code, row.undone) == ("rejected", code, False)
    return outcome


def _accepted(station, raw: str | None, code: str | None = None, *, action: str = "scan", **kw):
    outcome = station.scan(raw) if action == "scan" else station.do(action, **kw)
    assert outcome.accepted, (raw, outcome.code, outcome.message)
    if code is not None:
        assert outcome.code == code, (raw, outcome.code, outcome.message)
    return outcome


def test_bin_item_product_and_count_rejections_change_nothing(db, system, shop, supervisor, station):
    [number] = place_orders(db, system, order_draft("r-1", ("APL-1", 3), ("MLK-1", 2)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    view = station.take_next(shop.warehouse.id)
    assert view.current.sku == "APL-1"

    _rejected(station, db, APPLE_GTIN[1:], "bin_first")                # the item before its bin
    _rejected(station, db, bin_code("SH-C-01"), "wrong_bin")            # a bin, but not this task's
    _rejected(station, db, bin_code("NO-SUCH-BIN"), "wrong_bin")
    _rejected(station, db, "2", "count_needs_item")                     # a typed count before any item
    _accepted(station, bin_code("SH-A-01"), "bin")
    _rejected(station, db, MILK_GTIN, "wrong_item")                     # another product of the catalogue
    wrong = _rejected(station, db, "06901234567991", "wrong_item")      # a GTIN nobody sells
    assert "not in the catalogue" in wrong.message
    _rejected(station, db, "NOT-A-BARCODE", "unreadable")
    _rejected(station, db, "12345", "unreadable")                       # 5 digits: too long for a count
    _rejected(station, db, bin_code("SH-A-01") + "X", "wrong_bin")

    _accepted(station, APPLE_GTIN[1:], "picked")
    _rejected(station, db, "5", "too_many")                             # 1 + 4 more > 3
    _rejected(station, db, "0", "count")
    done = _accepted(station, "3", "task_done")                         # that scan took 3 in all
    assert done.view.tasks[0].picked_quantity == 3 and done.view.current.sku == "MLK-1"
    _rejected(station, db, "4", "too_many")                             # the line is complete
    _rejected(station, db, APPLE_GTIN, "too_many")                      # so is one more apple scanned
    _rejected(station, db, OATMILK_GTIN, "bin_first")                   # the next task is in another bin
    _accepted(station, bin_code("SH-C-01"))
    _rejected(station, db, APPLE_GTIN[1:], "too_many")
    _rejected(station, db, OATMILK_GTIN, "wrong_item")
    assert quant_of(db, shop.bin_a.id, "A-1") == (97, 0)
    assert lines_of(db, number)[1].picked_quantity == 3
    assert_clean(db)


def test_typed_counts_add_up_to_what_was_typed(db, system, shop, supervisor, station):
    """"3" after an item scan means that scan took 3 in all; typing "5" next means 5 in all, not 3 + 5."""
    place_orders(db, system, order_draft("r-2", ("APL-1", 10)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station.take_next(shop.warehouse.id)
    _accepted(station, bin_code("SH-A-01"))
    _accepted(station, APPLE_GTIN)
    assert _accepted(station, "3").view.current.picked_quantity == 3
    assert _accepted(station, "5").view.current.picked_quantity == 5
    _rejected(station, db, "4", "count")                                # fewer: undo instead
    assert _accepted(station, "5", "count").view.current.picked_quantity == 5   # the same count again: nothing
    _rejected(station, db, "11", "too_many")
    _accepted(station, APPLE_GTIN)                                      # a new item scan starts a new count
    assert _accepted(station, "5", "list_done").view.state == "done"   # 5 + 5 = 10
    _rejected(station, db, "6", "list_done")                            # the list is finished
    assert quant_of(db, shop.bin_a.id, "A-1") == (90, 0)
    assert_clean(db)


def test_expiry_lot_and_shelf_life_rejections(db, system, shop, supervisor, station):
    receive(db, system, shop.milk.id, shop.bin_c1.id, "M-SHORT", 2, 4)   # expires before delivery + 2 days
    [number] = place_orders(db, system, order_draft("r-3", ("MLK-1", 2)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    view = station.take_next(shop.warehouse.id)
    task = view.current
    assert (task.bin_code, task.lot_number) == ("SH-C-01", "M-SOON")
    _accepted(station, bin_code("SH-C-01"))
    yesterday = clock.today() - timedelta(days=1)
    _rejected(station, db, gs1(MILK_GTIN, lot="M-SOON", expiry=yesterday), "expired")      # AI 17 in the past
    _rejected(station, db, gs1(MILK_GTIN, lot="M-OLD"), "expired")                         # an expired lot
    _rejected(station, db, gs1(MILK_GTIN, lot="M-SHORT"), "shelf_life")
    _rejected(station, db, gs1(MILK_GTIN, lot="M-LATER"), "reserved_lot_available")
    _rejected(station, db, gs1(MILK_GTIN, lot="M-C2"), "lot_not_in_bin")                   # in SH-C-02
    _rejected(station, db, gs1(MILK_GTIN, lot="NO-SUCH-LOT"), "lot_not_in_bin")
    _rejected(station, db, gs1(OATMILK_GTIN, lot="O-1"), "wrong_item")
    # the reserved lot itself, with a good expiry date on the label, is fine
    good = _accepted(station, gs1(MILK_GTIN, lot="M-SOON", expiry=clock.today() + timedelta(days=5)), "picked")
    assert good.view.current.picked_quantity == 1
    assert_clean(db)


def test_quarantined_lot_is_refused_even_after_lot_not_found(db, system, shop, supervisor, station):
    from app.models import Lot
    from app.services.stock import operations

    place_orders(db, system, order_draft("r-4", ("MLK-1", 2)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station.take_next(shop.warehouse.id)
    later = db.read(lambda s: s.execute(select(Lot.id).where(Lot.lot_number == "M-LATER")).scalar_one())
    operations.set_quarantine(db, system, later, True, "recall")
    _accepted(station, bin_code("SH-C-01"))
    _accepted(station, None, "lot_missing", action="report_lot_missing")
    _rejected(station, db, gs1(MILK_GTIN, lot="M-LATER"), "quarantined")
    assert_clean(db)


def test_other_lot_after_lot_not_found_moves_the_reservation(db, system, shop, supervisor, station):
    [number] = place_orders(db, system, order_draft("r-5", ("MLK-1", 2)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station.take_next(shop.warehouse.id)
    assert quant_of(db, shop.bin_c1.id, "M-SOON") == (6, 2)
    _rejected(station, db, None, "bin_first", action="report_lot_missing")     # at the bin first
    _accepted(station, bin_code("SH-C-01"))
    missing = _accepted(station, None, "lot_missing", action="report_lot_missing")
    assert missing.view.reserved_lot_missing
    _rejected(station, db, gs1(MILK_GTIN, lot="M-OLD"), "expired")             # still no expired lot
    taken = _accepted(station, gs1(MILK_GTIN, lot="M-LATER"), "picked")
    assert taken.view.current.lot_number == "M-LATER" and taken.view.current.picked_quantity == 1
    # the whole reservation moved: M-SOON holds nothing for the order any more, M-LATER the one still to pick
    assert quant_of(db, shop.bin_c1.id, "M-SOON") == (6, 0)
    assert quant_of(db, shop.bin_c1.id, "M-LATER") == (9, 1)
    assert_clean(db)
    # the flag holds for the task: its second piece of M-LATER needs no second "not found"
    done = _accepted(station, gs1(MILK_GTIN, lot="M-LATER"), "list_done")
    assert not done.view.reserved_lot_missing
    assert lines_of(db, number)[1].picked_quantity == 2
    assert quant_of(db, shop.bin_c1.id, "M-LATER") == (8, 0)
    held = active_reservations(db, f"{number}/")
    assert list(held) == [f"{number}/1"] and sum(q for _quant, q in held[f"{number}/1"]) == 2   # in the packing area
    assert_clean(db)


def test_other_lot_without_enough_free_stock_is_refused(db, system, shop, supervisor, station):
    [number] = place_orders(db, system, order_draft("r-6a", ("MLK-1", 2)))          # M-SOON 2
    place_orders(db, system, order_draft("r-6b", ("MLK-1", 4 + 10 + 10)))           # the rest, all of M-LATER
    assert quant_of(db, shop.bin_c1.id, "M-LATER") == (10, 10)
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id, order_numbers=[number])
    station.take_next(shop.warehouse.id)
    _accepted(station, bin_code("SH-C-01"))
    _accepted(station, None, "lot_missing", action="report_lot_missing")
    _rejected(station, db, gs1(MILK_GTIN, lot="M-LATER"), "lot_not_free")           # another order's
    _accepted(station, gs1(MILK_GTIN, lot="M-SOON"), "picked")                      # found it after all
    assert_clean(db)


def test_weighed_item_needs_its_weight_within_tolerance(db, system, shop, supervisor, station):
    [number] = place_orders(db, system, order_draft("r-7", ("FSH-1", 2)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station.take_next(shop.warehouse.id)
    _accepted(station, bin_code("SH-C-01"))
    _rejected(station, db, SALMON_GTIN, "weight_missing")                     # a plain GTIN: no weight
    _rejected(station, db, gs1(SALMON_GTIN), "weight_missing")
    _rejected(station, db, gs1(SALMON_GTIN, weight_g=271), "weight")          # 250 g ± 20 g
    _rejected(station, db, gs1(SALMON_GTIN, weight_g=229), "weight")
    _accepted(station, gs1(SALMON_GTIN, weight_g=270), "picked")
    _rejected(station, db, "2", "count_weighed")                              # each piece is weighed
    _accepted(station, gs1(SALMON_GTIN, weight_g=230), "list_done")
    assert (lines_of(db, number)[1].picked_quantity, lines_of(db, number)[1].picked_pieces) == (500, 2)
    assert_clean(db)


def test_wave_needs_a_tote_per_order_and_a_tote_in_use_is_refused(db, system, shop, supervisor, login_as):
    from app.permissions import Role
    from tests.picking.conftest import Station

    first, second = place_orders(db, system, order_draft("r-8", ("APL-1", 1)), order_draft("r-9", ("APL-1", 2)))
    [wave] = planning.plan_waves(supervisor.database, supervisor.actor, shop.warehouse.id, shop.delivery,
                                 "09:00-12:00")
    assert (wave.kind, wave.temperature_class, wave.orders, wave.tasks) == ("wave", "ambient", 2, 2)
    picker = login_as(Role.PICKER)
    station = Station(picker.database, picker.actor)
    view = station.take_next(shop.warehouse.id)
    assert view.id == wave.id
    _accepted(station, bin_code("SH-A-01"))
    _rejected(station, db, APPLE_GTIN, "tote_needed")
    bound = _accepted(station, tote_code("T-1"), "tote")
    assert {order.number: order.tote_code for order in bound.view.orders} == {first: "T-1", second: ""}
    _accepted(station, tote_code("T-1"), "tote_bound")                           # the same tote again: fine
    picked = _accepted(station, APPLE_GTIN, "task_done")
    assert "T-1" in picked.message
    _rejected(station, db, APPLE_GTIN, "tote_needed")                            # the second order has none yet
    # a second wave of the same warehouse is picked at the same time into its own totes
    [third] = place_orders(db, system, order_draft("r-10", ("APL-1", 3), slot="14:00-18:00"))
    [wave2] = planning.plan_waves(supervisor.database, supervisor.actor, shop.warehouse.id, shop.delivery,
                                  "14:00-18:00")
    other_picker = login_as(Role.PICKER)
    other = Station(other_picker.database, other_picker.actor, "pick-2")
    assert other.take_next(shop.warehouse.id).id == wave2.id
    _rejected(other, db, tote_code("T-1"), "tote_in_use")                        # order r-8's, still picking
    _accepted(other, tote_code("T-2"), "tote")
    _rejected(station, db, tote_code("T-2"), "tote_in_use")
    _accepted(station, tote_code("T-3"), "tote")
    _accepted(station, APPLE_GTIN, "picked")
    assert _accepted(station, APPLE_GTIN, "list_done").view.state == "done"
    assert_clean(db)
    assert third
