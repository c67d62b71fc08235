"""The picking view driven like a picker drives it: keyboard-wedge bursts into the scan field and function keys,
through whole pick lists, with every rejection, undo, short picks and a substitution."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app import clock
from app.errors import DatabaseUnavailable
from app.models import Order, OrderLine, PickList, PickScan
from app.services.orders.queries import get_order
from app.services.picking import planning, scanning
from app.services.stock import queries as stock_queries
from tests.picking.conftest import (APPLE_GTIN, GS, MILK_GTIN, OATMILK_GTIN, SALMON_GTIN, Station, bin_code, gs1,
                                    order_draft, place_orders, tote_code)


def gs1_lot_first(gtin: str, lot: str, expiry) -> str:
    """A GS1-128 label with the lot (variable length) before the expiry: a GS ends the lot."""
    return "]C101" + gtin + "10" + lot + GS + "17" + expiry.strftime("%y%m%d")


def in_days(days: int):
    return clock.today() + timedelta(days=days)


def scans_of(db, station_name: str) -> list[PickScan]:
    with db.session() as session:
        return list(session.execute(select(PickScan).where(PickScan.station == station_name)
                                    .order_by(PickScan.seq)).scalars())


def at_bin(station) -> bool:
    view = station.view.current_list()
    return view.at_bin_id == station.view.current_task().bin_id


# -- a whole list, every rejection, undo ---------------------------------------------------------------------------

def test_a_whole_order_list_by_wedge_scans_with_every_rejection(db, system, shop, supervisor, open_station):
    [number] = place_orders(db, system, order_draft("w-1", ("APL-1", 3), ("MLK-1", 2), ("FSH-1", 2)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station = open_station()
    view = station.view
    handler_times: list[float] = []
    original = view._answered

    def timed(action, result):
        started = time.perf_counter()
        original(action, result)
        handler_times.append(time.perf_counter() - started)

    view._answered = timed
    outcomes = []
    view.outcome_shown.connect(lambda outcome, _seconds: outcomes.append(outcome))

    # no list yet: the station says how to get one; Enter on the empty scan field takes it
    assert view.task_stack.currentIndex() == 0 and "F5" in view.idle_label.text()
    assert not view.undo_button.isEnabled() and view.take_next_button.isEnabled()
    station.key(Qt.Key.Key_Return)
    pick_list = view.current_list()
    assert pick_list is not None and view.list_active()
    assert view.list_label.text() == f"PL-{pick_list.id}"
    assert view.kind_label.text() == f"Order {number}"
    assert view.progress_bar.value() == 0 and view.progress_bar.maximum() == 3
    assert view.progress_bar.text() == "0 / 3 tasks"
    assert view.task_model.rowCount() == 3 and view.task_stack.currentIndex() == 1
    apple = view.current_task()
    assert (apple.sku, view.bin_label.text(), view.quantity_label.text()) == ("APL-1", "SH-A-01", "3")
    assert view.temperature_tag.text() == "AMBIENT" and view.product_label.text() == "Fuji apple"
    assert "Lot A-1" in view.lot_label.text() and view.order_label.text() == f"Order {number}"
    assert view.step_label.text().startswith("➜") and "SH-A-01" in view.step_label.text()

    # wrong bin: red, the reason, and the task does not move
    station.wedge(bin_code("SH-C-01"))
    assert station.banner_state == "rejected" and "Wrong bin" in station.banner and "SH-A-01" in station.banner
    assert view.current_task().id == apple.id and not at_bin(station)
    station.wedge(bin_code("SH-A-01"))
    assert station.banner_state == "accepted" and at_bin(station)
    assert view.step_label.text().startswith("✔")

    # wrong product (the milk's EAN-13 in the apple bin)
    station.wedge(MILK_GTIN[1:])
    assert station.banner_state == "rejected" and "Wrong product" in station.banner
    assert view.current_task().picked_quantity == 0
    station.wedge(APPLE_GTIN[1:])
    assert station.banner_state == "accepted" and view.quantity_label.text() == "2"
    # a typed count: 4 in all is too many, 3 is right
    station.type("4")
    assert station.banner_state == "rejected" and "Too many" in station.banner
    assert view.current_task().id == apple.id and view.current_task().picked_quantity == 1
    station.type("3")
    assert station.banner_state == "accepted" and "line complete" in station.banner
    assert view.progress_bar.value() == 1 and view.progress_bar.text() == "1 / 3 tasks"
    assert view.task_model.index(0, view.task_model.COL_STATE).data() == "picked"

    # the chilled bin: milk and salmon, in the order of the list
    while (task := view.current_task()) is not None:
        if not at_bin(station):
            station.wedge(bin_code(task.bin_code))
            assert station.banner_state == "accepted", station.banner
        assert view.temperature_tag.text() == "CHILLED"
        if task.sku == "MLK-1":
            assert view.quantity_label.text() == "2" and f"Lot {task.lot_number}" in view.lot_label.text()
            # an expired label (a GS1 scan with GS after the lot)
            station.wedge(gs1_lot_first(MILK_GTIN, "M-OLD", in_days(-1)))
            assert station.banner_state == "rejected" and "Expired" in station.banner
            # another good lot while the reserved one is there
            station.wedge(gs1_lot_first(MILK_GTIN, "M-LATER", in_days(9)))
            assert station.banner_state == "rejected" and "F6" in station.banner
            assert view.current_task().lot_number == task.lot_number and view.current_task().picked_quantity == 0
            # F6: the reserved lot is not in the bin; then the other lot is taken and the task follows it
            station.key(Qt.Key.Key_F6)
            assert station.banner_state == "accepted" and "not found" in view.lot_label.text()
            station.wedge(gs1_lot_first(MILK_GTIN, "M-LATER", in_days(9)))
            assert station.banner_state == "accepted", station.banner
            assert view.current_task().lot_number == "M-LATER"
            station.type("2")
            assert station.banner_state == "accepted" and "line complete" in station.banner
        else:
            assert task.sku == "FSH-1"
            assert view.quantity_label.text() == "2 pieces"
            assert "about 250 g each" in view.quantity_detail.text()
            station.wedge(gs1(SALMON_GTIN, weight_g=300))
            assert station.banner_state == "rejected" and "outside 230–270 g" in station.banner
            station.wedge(gs1(SALMON_GTIN, weight_g=262))
            assert station.banner_state == "accepted" and view.quantity_label.text() == "1 piece"
            assert "picked 1 / 2 (262 g)" in view.quantity_detail.text()
            # F2 takes the last item scan back
            station.key(Qt.Key.Key_F2)
            assert station.banner_state == "accepted" and "Undone" in station.banner
            assert view.current_task().picked_pieces == 0 and view.quantity_label.text() == "2 pieces"
            station.wedge(gs1(SALMON_GTIN, weight_g=262))
            station.wedge(gs1(SALMON_GTIN, weight_g=241))
            assert station.banner_state == "accepted", station.banner

    # finished: a clear state, and the next list is one key away
    assert outcomes[-1].code == "list_done" and "Pick list finished" in station.banner
    assert view.current_list().state == "done" and not view.list_active()
    assert view.task_stack.currentIndex() == 0 and "finished" in view.idle_label.text()
    assert view.progress_bar.text() == "3 / 3 tasks"
    assert view.take_next_button.isEnabled() and not view.short_button.isEnabled()
    station.wedge(APPLE_GTIN[1:])  # a scan after the end changes nothing and says what to do
    assert station.banner_state == "rejected" and "F5" in station.banner
    station.key(Qt.Key.Key_F5)
    assert view.current_list() is None and "Nothing to pick" in view.idle_label.text()

    assert get_order(db, system, number=number).state == "picked"
    with db.session() as session:
        lines = {line.sku: (line.state, line.picked_quantity, line.picked_pieces) for line in session.execute(
            select(OrderLine).join(Order).where(Order.number == number)).scalars()}
    assert lines == {"APL-1": ("picked", 3, 3), "MLK-1": ("picked", 2, 2), "FSH-1": ("picked", 503, 2)}
    scans = scans_of(db, "ui-pick-1")
    seqs = [scan.seq for scan in scans]
    assert seqs == list(range(1, len(seqs) + 1))  # one number per scan or key, none twice
    assert [s.code for s in scans if s.outcome == "rejected"] == [
        "wrong_bin", "wrong_item", "too_many", *(c for c in ("expired", "reserved_lot_available", "weight")
                                               if c in {s.code for s in scans})]
    assert {s.code for s in scans if s.outcome == "rejected"} == {
        "wrong_bin", "wrong_item", "too_many", "expired", "reserved_lot_available", "weight"}
    assert stock_queries.verify(db, system) == []
    assert max(handler_times) < 0.05, "showing an answer blocked the UI thread"


def test_waves_with_totes_skip_short_pick_and_substitute_by_keys(db, system, shop, supervisor, open_station):
    """Two waves (ambient, chilled): a tote per order first; in the chilled one F7 skips a task, F4 reports it
    short, and the substitute offered (nothing else is free) is accepted with Enter."""
    yes = place_orders(db, system, order_draft("w-yes", ("MLK-1", 26), ("APL-1", 1)), substitutions=True)[0]
    no = place_orders(db, system, order_draft("w-no", ("APL-1", 2)))[0]
    planned = planning.plan_waves(supervisor.database, supervisor.actor, shop.warehouse.id, shop.delivery,
                                  "09:00-12:00")
    assert sorted(p.temperature_class for p in planned) == ["ambient", "chilled"]
    station = open_station()
    view = station.view
    totes = iter(range(1, 100))

    def bind_tote(task):
        assert "no tote yet" in view.order_label.text() and "tote" in view.step_label.text()
        station.wedge(APPLE_GTIN[1:] if task.sku == "APL-1" else gs1(MILK_GTIN, lot=task.lot_number))
        assert station.banner_state == "rejected" and "tote" in station.banner
        station.wedge(tote_code(f"TOTE-{next(totes)}"))
        assert station.banner_state == "accepted", station.banner
        assert "→ tote TOTE-" in view.order_label.text()

    def pick(task, label):
        if not at_bin(station):
            station.wedge(bin_code(task.bin_code))
        if not view.current_task().tote_code:
            bind_tote(task)
        station.wedge(label)
        assert station.banner_state == "accepted", station.banner
        if task.quantity > 1:
            station.type(str(task.quantity))
            assert station.banner_state == "accepted", station.banner

    skipped = None
    for _ in range(2):
        station.key(Qt.Key.Key_F5)
        wave = view.current_list()
        assert wave.kind == "wave" and view.kind_label.text().startswith("Wave of")
        assert view.list_temperature.text() == wave.temperature_class.upper()
        while (task := view.current_task()) is not None:
            if task.sku == "APL-1":
                pick(task, APPLE_GTIN[1:])
            elif task.sku == "OAT-1":
                assert task.pieces == 6
                pick(task, OATMILK_GTIN[1:])
            elif task.lot_number == "M-SOON" and skipped is None:
                skipped = task.id
                station.key(Qt.Key.Key_F7)  # later
                assert station.banner_state == "accepted" and "end of the list" in station.banner
                assert view.current_task() is None or view.current_task().id != task.id
            elif task.lot_number == "M-SOON":
                if not at_bin(station):
                    station.wedge(bin_code(task.bin_code))
                station.key(Qt.Key.Key_F4)  # asks first; Esc keeps picking
                assert view.confirm_label.isVisible() and "short" in view.confirm_label.text()
                station.key(Qt.Key.Key_Escape)
                assert not view.confirm_label.isVisible() and view.current_task().id == task.id
                station.key(Qt.Key.Key_F4)
                station.key(Qt.Key.Key_Return)  # confirmed: nothing else is free, the oat milk is offered
                assert station.banner_state == "accepted" and "Substitute" in station.banner, station.banner
                assert view.offer_panel.isVisible() and "6 × Oat milk 1 l (OAT-1)" in view.offer_label.text()
                assert view.current_list().state == "claimed"  # the list waits for the answer
                station.key(Qt.Key.Key_Return)  # Enter = yes
                assert station.banner_state == "accepted" and "added to the end" in station.banner
                assert not view.offer_panel.isVisible()
            else:
                pick(task, gs1(MILK_GTIN, lot=task.lot_number))
        assert view.current_list().state == "done" and "finished" in view.idle_label.text()
    assert skipped is not None
    assert get_order(db, system, number=yes).state == "picked"
    assert get_order(db, system, number=no).state == "picked"
    with db.session() as session:
        substitute = session.execute(select(OrderLine).join(Order).where(
            Order.number == yes, OrderLine.sku == "OAT-1")).scalar_one()
        assert (substitute.picked_pieces, substitute.substitute_for_line_no) == (6, 1)
    assert stock_queries.verify(db, system) == []


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_short_without_substitutes_sends_the_order_to_review(db, system, shop, supervisor, open_station):
    [number] = place_orders(db, system, order_draft("w-s", ("MLK-1", 26)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station = open_station()
    view = station.view
    station.key(Qt.Key.Key_F5)
    while (task := view.current_task()) is not None:
        if not at_bin(station):
            station.wedge(bin_code(task.bin_code))
        if task.lot_number == "M-SOON":
            station.key(Qt.Key.Key_F4)
            station.key(Qt.Key.Key_F4)  # F4 again confirms
            assert station.banner_state == "accepted" and "review queue" in station.banner, station.banner
            assert not view.offer_panel.isVisible()
            assert view.task_model.index(0, view.task_model.COL_STATE).data() in ("short", "picked", "to pick")
            continue
        station.wedge(gs1(MILK_GTIN, lot=task.lot_number))
        station.type(str(task.quantity))
        assert station.banner_state == "accepted", station.banner
    assert "finished" in view.idle_label.text()
    assert "1 short" in view.task_count_label.text()
    order = get_order(db, system, number=number)
    assert order.state == "exception"
    assert stock_queries.verify(db, system) == []


# -- the queue, retries and the scan numbers -------------------------------------------------------------------------

@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_scans_arriving_during_a_call_wait_in_order(db, system, shop, supervisor, open_station, monkeypatch):
    place_orders(db, system, order_draft("w-q", ("APL-1", 3)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    real_scan = scanning.scan

    def slow_scan(*args, **kwargs):
        time.sleep(0.05)  # a slow database: the picker scans faster than it answers
        return real_scan(*args, **kwargs)

    monkeypatch.setattr(scanning, "scan", slow_scan)
    station = open_station()
    view = station.view
    station.key(Qt.Key.Key_F5)
    outcomes = []
    view.outcome_shown.connect(lambda outcome, seconds: outcomes.append((outcome.seq, outcome.code, seconds)))
    waiting = []
    for text in (bin_code("SH-A-01"), APPLE_GTIN[1:], "0" + APPLE_GTIN[1:], APPLE_GTIN[1:]):
        station.wedge(text, wait=False)
        waiting.append(view.pending_count())
    assert max(waiting) >= 2  # they queued up behind the call in flight
    station.settle()
    assert [code for _seq, code, _s in outcomes] == ["bin", "picked", "picked", "list_done"]
    assert [seq for seq, _code, _s in outcomes] == [1, 2, 3, 4]
    assert view.current_list().state == "done"


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_scan_lost_with_the_connection_is_sent_again_with_the_same_number(db, system, shop, supervisor,
                                                                            open_station, monkeypatch):
    place_orders(db, system, order_draft("w-r", ("APL-1", 2)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    real_scan = scanning.scan
    calls: list[tuple[int, str]] = []

    def flaky_scan(db_, actor, list_id, station_name, seq, raw, **kwargs):
        calls.append((seq, raw))
        outcome = real_scan(db_, actor, list_id, station_name, seq, raw, **kwargs)
        if len(calls) == 2:  # the item scan commits, then the connection drops before the answer arrives
            raise DatabaseUnavailable("The connection to the database was lost while saving.")
        return outcome

    monkeypatch.setattr(scanning, "scan", flaky_scan)
    station = open_station()
    view = station.view
    station.key(Qt.Key.Key_F5)
    station.wedge(bin_code("SH-A-01"))
    banners = []
    view.feedback.feedback_given.connect(lambda kind, text: banners.append((kind, text)))
    station.wedge(APPLE_GTIN[1:], wait=False)
    station.wedge(APPLE_GTIN[1:], wait=False)  # scanned while the first one is still unanswered
    station.settle()
    assert any("cannot be reached" in text for _kind, text in banners)
    assert [seq for seq, _raw in calls] == [1, 2, 2, 3]  # the retry kept its number
    assert view.current_list().state == "done"
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(PickScan).where(
            PickScan.station == "ui-pick-1", PickScan.action == "item")).scalar_one() == 2
        picked = session.execute(select(OrderLine.picked_quantity)).scalar_one()
    assert picked == 2  # counted once each
    assert stock_queries.verify(db, system) == []


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_station_name_used_elsewhere_is_renamed_not_replayed(db, system, shop, supervisor, picker,
                                                               open_station):
    place_orders(db, system, order_draft("w-n", ("APL-1", 1)), order_draft("w-m", ("APL-1", 1)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station = open_station()
    view = station.view
    station.key(Qt.Key.Key_F5)
    # another process that calls itself the same station takes the next number first
    other = Station(supervisor.database, supervisor.actor, name="ui-pick-1")
    assert other.seq == view.next_seq
    other.take_next(shop.warehouse.id)
    assert other.scan(bin_code("SH-A-01")).accepted
    station.wedge(bin_code("SH-A-01"))
    assert station.banner_state == "accepted" and at_bin(station)  # our own answer, not the other one's
    assert view.station_name.startswith("ui-pick-1#")
    assert view.station_label.text() == view.station_name


# -- keys: release, F5 while a list is open ----------------------------------------------------------------------------

@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_release_asks_first_and_puts_the_list_back(db, system, shop, supervisor, open_station):
    place_orders(db, system, order_draft("w-x", ("APL-1", 1)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station = open_station()
    view = station.view
    station.key(Qt.Key.Key_F5)
    list_id = view.current_list().id
    station.key(Qt.Key.Key_F5)  # a list is open: F5 does not take another one
    assert station.banner_state == "rejected" and "release it (F9)" in station.banner
    station.key(Qt.Key.Key_F9)
    assert view.confirm_label.isVisible() and f"PL-{list_id}" in view.confirm_label.text()
    station.key(Qt.Key.Key_Escape)
    assert not view.confirm_label.isVisible() and view.list_active()
    station.key(Qt.Key.Key_F9)
    station.key(Qt.Key.Key_Return)
    assert view.current_list() is None and "released" in station.banner
    with db.session() as session:
        assert session.get(PickList, list_id).state == "open"
    station.key(Qt.Key.Key_Return)  # and Enter takes it (or the next) again
    assert view.current_list().id == list_id and view.list_active()


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_list_cancelled_elsewhere_is_shown_when_the_change_arrives(db, system, shop, supervisor, open_station):
    place_orders(db, system, order_draft("w-c", ("APL-1", 1)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station = open_station()
    view = station.view
    station.key(Qt.Key.Key_F5)
    list_id = view.current_list().id
    planning.cancel_pick_list(supervisor.database, supervisor.actor, list_id, "order changed")
    view.context.notifier.changed.emit(frozenset({"pick_lists"}))  # what the change feed delivers
    station.qtbot.waitUntil(lambda: view.current_list().state == "cancelled", timeout=5000)
    assert not view.list_active() and "cancelled" in view.idle_label.text()
    station.wedge(bin_code("SH-A-01"))
    assert station.banner_state == "rejected" and "cancelled" in station.banner


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_the_own_unfinished_list_comes_back_when_the_station_restarts(db, system, shop, supervisor, open_station):
    place_orders(db, system, order_draft("w-z", ("APL-1", 2)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station = open_station()
    station.key(Qt.Key.Key_F5)
    station.wedge(bin_code("SH-A-01"))
    station.wedge(APPLE_GTIN[1:])
    list_id, seq = station.view.current_list().id, station.view.next_seq
    station.view.close()
    again = open_station()  # the same station started again
    again.qtbot.waitUntil(lambda: again.view.current_list() is not None, timeout=5000)
    again.settle()
    assert again.view.current_list().id == list_id and again.view.next_seq == seq
    assert again.view.current_task().picked_quantity == 1
