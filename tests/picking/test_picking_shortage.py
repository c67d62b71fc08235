"""Short picks: re-reserved from another bin or lot when there is stock, else the line is short; a substitute is
offered when the order allows it (yes: a substitute line is reserved and picked; no: the order goes to review)."""

from __future__ import annotations

from sqlalchemy import select

from app.models import Order, OrderLine, PickTask
from app.services.orders.review_types import Finding
from app.services.picking import planning, views
from tests.picking.conftest import (APPLE_GTIN, MILK_GTIN, OATMILK_GTIN, SALMON_GTIN, bin_code, gs1, order_draft,
                                   place_orders, receive)
from tests.picking.snapshots import active_reservations, assert_clean, lines_of, order_state, quant_of, state


def _ok(outcome, code: str | None = None):
    assert outcome.accepted, (outcome.code, outcome.message)
    if code is not None:
        assert outcome.code == code, (outcome.code, outcome.message)
    return outcome


def _review_reasons(db, number: str) -> list[Finding]:
    raw = db.read(lambda s: s.execute(select(Order.review_reasons).where(Order.number == number)).scalar_one())
    return [Finding(item["rule"], item["field"], item["message"]) for item in raw or []]


def test_short_is_re_reserved_from_another_bin_and_picked_there(db, system, shop, supervisor, station):
    [number] = place_orders(db, system, order_draft("h-1", ("MLK-1", 3)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    view = station.take_next(shop.warehouse.id)
    assert (view.current.lot_number, view.current.quantity) == ("M-SOON", 3)
    refused = station.do("report_short")
    assert (refused.accepted, refused.code) == (False, "bin_first")
    _ok(station.scan(bin_code("SH-C-01")))
    _ok(station.scan(gs1(MILK_GTIN, lot="M-SOON")))
    short = _ok(station.do("report_short"), "re_reserved")
    # the 2 not found: M-SOON's hold released, M-C2 (next by expiry, another bin) reserved, a new task at the end
    assert quant_of(db, shop.bin_c1.id, "M-SOON") == (5, 0)
    assert quant_of(db, shop.bin_c2.id, "M-C2") == (10, 2)
    assert [(t.state, t.bin_code, t.lot_number, t.quantity, t.picked_quantity) for t in short.view.tasks] == [
        ("short", "SH-C-01", "M-SOON", 3, 1), ("open", "SH-C-02", "M-C2", 2, 0)]
    assert short.view.current.bin_code == "SH-C-02" and short.view.at_bin_id is None
    replaces = db.read(lambda s: s.execute(select(PickTask.replaces_task_id).order_by(PickTask.id)).scalars().all())
    assert replaces == [None, short.view.tasks[0].id]
    assert order_state(db, number) == "picking"
    assert_clean(db)
    _ok(station.scan(bin_code("SH-C-02")))
    _ok(station.scan(gs1(MILK_GTIN, lot="M-C2")))
    _ok(station.scan(gs1(MILK_GTIN, lot="M-C2")), "list_done")
    assert order_state(db, number) == "picked"
    line = lines_of(db, number)[1]
    assert (line.state, line.picked_quantity, line.picked_price_cents) == ("picked", 3, 3 * 1590)
    assert_clean(db)



def test_a_weighed_re_reservation_takes_whole_pieces_and_passes_over_a_lot_fragment(db, system, shop, supervisor,
                                                                                    station):
    # the piece not found in S-1 is re-reserved from SH-C-02: S-2 (earlier expiry) has only 100 g, less than a
    # piece, so the whole 250 g come from S-3 (a piece split over two lots could be picked from neither)
    receive(db, system, shop.salmon.id, shop.bin_c2.id, "S-2", 6, 100)
    receive(db, system, shop.salmon.id, shop.bin_c2.id, "S-3", 8, 1000)
    [number] = place_orders(db, system, order_draft("w-2", ("FSH-1", 1)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station.take_next(shop.warehouse.id)
    _ok(station.scan(bin_code("SH-C-01")))
    short = _ok(station.do("report_short"), "re_reserved")
    assert [(t.state, t.lot_number, t.quantity, t.pieces) for t in short.view.tasks] == [
        ("short", "S-1", 250, 1), ("open", "S-3", 250, 1)]
    assert (quant_of(db, shop.bin_c2.id, "S-2"), quant_of(db, shop.bin_c2.id, "S-3")) == ((100, 0), (1000, 250))
    assert_clean(db)
    _ok(station.scan(bin_code("SH-C-02")))
    _ok(station.scan(gs1(SALMON_GTIN, lot="S-3", weight_g=248)), "list_done")
    assert order_state(db, number) == "picked"
    assert quant_of(db, shop.bin_c2.id, "S-3") == (1000 - 248, 0)
    assert_clean(db)



def test_short_without_stock_or_substitutes_sends_the_order_to_review(db, system, shop, supervisor, station):
    [number] = place_orders(db, system, order_draft("h-2", ("APL-1", 3), ("MLK-1", 1)))   # substitutions not allowed
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station.take_next(shop.warehouse.id)
    _ok(station.scan(bin_code("SH-A-01")))
    _ok(station.scan(APPLE_GTIN))
    short = _ok(station.do("report_short"), "short")
    assert "2" in short.message and short.offer is None
    assert quant_of(db, shop.bin_a.id, "A-1") == (99, 0)        # the apples not found are not held any more
    assert order_state(db, number) == "picking"                  # the milk is still to pick
    _ok(station.scan(bin_code("SH-C-01")))
    _ok(station.scan(MILK_GTIN), "list_done")
    assert order_state(db, number) == "exception"
    [finding] = _review_reasons(db, number)
    assert (finding.rule, finding.field) == ("short_pick", "line:1")
    lines = lines_of(db, number)
    assert (lines[1].state, lines[1].picked_quantity, lines[1].picked_price_cents) == ("short", 1, 350)
    assert lines[2].state == "picked"
    # what was picked stays held for the order in the packing area
    assert {reference: sum(q for _quant, q in parts) for reference, parts in
            active_reservations(db, f"{number}/").items()} == {f"{number}/1": 1, f"{number}/2": 1}
    assert_clean(db)


def _milk_nearly_gone(db, system) -> None:
    """Another order holds all milk but 2 of M-LATER (M-SOON 6, M-C2 10, M-LATER 8)."""
    place_orders(db, system, order_draft("blocker", ("MLK-1", 24)))


def _substitute_offered(db, system, shop, supervisor, station):
    _milk_nearly_gone(db, system)
    [number] = place_orders(db, system, order_draft("h-3", ("MLK-1", 2), ("APL-1", 1)), substitutions=True)
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id, order_numbers=[number])
    view = station.take_next(shop.warehouse.id)
    assert [(t.sku, t.lot_number) for t in view.tasks] == [("APL-1", "A-1"), ("MLK-1", "M-LATER")]
    _ok(station.scan(bin_code("SH-A-01")))
    _ok(station.scan(APPLE_GTIN), "task_done")
    _ok(station.scan(bin_code("SH-C-01")))
    offered = _ok(station.do("report_short"), "substitute_offered")
    assert offered.offer is not None and (offered.offer.sku, offered.offer.pieces) == ("OAT-1", 2)
    assert "Oat milk" in offered.message
    # the offer waits for an answer, even across a station restart; the order and list cannot finish meanwhile
    view = views.pick_list(station.db, station.actor, station.list_id)
    assert view.offer == offered.offer and view.state == "claimed" and view.current is None
    assert order_state(db, number) == "picking"
    assert quant_of(db, shop.bin_c1.id, "M-LATER") == (10, 8)    # the order's 2 released
    return number


def test_substitute_accepted_is_reserved_picked_and_completes_the_order(db, system, shop, supervisor, station):
    number = _substitute_offered(db, system, shop, supervisor, station)
    taken = _ok(station.do("answer_substitute", accept=True), "substitute_taken")
    assert taken.offer is None
    task = taken.view.current
    assert (task.sku, task.bin_code, task.lot_number, task.quantity) == ("OAT-1", "SH-C-02", "O-1", 2)
    lines = lines_of(db, number)
    assert (lines[3].sku, lines[3].quantity, lines[3].substitute_for_line_no, lines[3].state) == ("OAT-1", 2, 1,
                                                                                                 "open")
    assert lines[3].unit_price_cents == 1590                      # never dearer than what was ordered
    assert quant_of(db, shop.bin_c2.id, "O-1") == (10, 2)
    assert_clean(db)
    no_offer = station.do("answer_substitute", accept=True)
    assert (no_offer.accepted, no_offer.code) == (False, "no_offer")
    _ok(station.scan(bin_code("SH-C-02")))
    refused = station.scan(MILK_GTIN)
    assert (refused.accepted, refused.code) == (False, "wrong_item")
    _ok(station.scan(OATMILK_GTIN))
    done = _ok(station.scan(OATMILK_GTIN), "list_done")
    assert done.view.state == "done"
    assert order_state(db, number) == "picked"
    lines = lines_of(db, number)
    assert {no: (line.state, line.picked_quantity) for no, line in lines.items()} == {
        1: ("short", 0), 2: ("picked", 1), 3: ("picked", 2)}
    assert lines[3].picked_price_cents == 2 * 1590
    assert _review_reasons(db, number) == []
    assert_clean(db)


def test_substitute_declined_sends_the_order_to_review(db, system, shop, supervisor, station):
    number = _substitute_offered(db, system, shop, supervisor, station)
    declined = _ok(station.do("answer_substitute", accept=False), "substitute_declined")
    assert declined.view.state == "done" and declined.offer is None
    assert order_state(db, number) == "exception"
    [finding] = _review_reasons(db, number)
    assert (finding.rule, finding.field) == ("short_pick", "line:1")
    assert db.read(lambda s: s.execute(select(OrderLine.sku).where(OrderLine.substitute_for_line_no.is_not(None)))
                   .all()) == []
    assert quant_of(db, shop.bin_c2.id, "O-1") == (10, 0)
    assert_clean(db)


def test_a_substitute_taken_by_another_order_meanwhile_is_refused_cleanly(db, system, shop, supervisor, station):
    number = _substitute_offered(db, system, shop, supervisor, station)
    place_orders(db, system, order_draft("oat-rush", ("OAT-1", 9)))            # only 1 oat milk left free
    before = state(db)
    gone = station.do("answer_substitute", accept=True)
    assert (gone.accepted, gone.code) == (False, "substitute_gone")
    assert state(db) == before                                    # no half-made substitute line
    _ok(station.do("answer_substitute", accept=False), "substitute_declined")
    assert order_state(db, number) == "exception"
    assert_clean(db)
