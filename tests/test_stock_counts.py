"""Cycle counts (app.services.stock.counts): blind sheets per zone, counts measured against the on hand
at the moment of counting, supervisor approval into the ledger, found stock, cancelling; both engines,
run as the clerk who counts and the supervisor who approves."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.models import CountLine, CountSheet, StockMove, StockQuant
from app.permissions import Role
from app.services import audit, catalog, warehouses
from app.services.stock import counts, operations, queries, receiving, reservations
from app.services.stock.reservations import consume_in_session

TODAY = clock.today()


@dataclass
class Site:
    warehouse: int
    other_warehouse: int
    chl1: int
    chl2: int
    amb1: int
    bj_chl: int
    broccoli: int
    spinach: int

    def receive(self, db, actor, product, lot, quantity, bin_id, days=10) -> receiving.ReceiptRow:
        return receiving.receive(db, actor, receiving.ReceiptInput(product, lot, TODAY + timedelta(days=days),
                                                                   quantity, bin_id))


@pytest.fixture
def site(db, system) -> Site:
    category = catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables", "蔬菜", "chilled"))
    sh = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("SH", "Shanghai", "", ("200",)))
    bj = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("BJ", "Beijing", "", ("100",)))
    bins = [warehouses.save_bin(db, system, warehouses.BinInput(w.id, code, zone, seq))
            for w, code, zone, seq in ((sh, "SH-CHL-1", "CHL", 20), (sh, "SH-CHL-2", "CHL", 10),
                                       (sh, "SH-AMB-1", "AMB", 5), (bj, "BJ-CHL-1", "CHL", 10))]
    broccoli = catalog.save_product(db, system, catalog.ProductInput("VEG-1", "Broccoli", category.id, "chilled",
                                                                     10, 690))
    spinach = catalog.save_product(db, system, catalog.ProductInput(
        "VEG-2", "Spinach", category.id, "chilled", 5, 1800, unit="weighed", nominal_weight_g=300,
        weight_tolerance_g=30))
    return Site(sh.id, bj.id, bins[0].id, bins[1].id, bins[2].id, bins[3].id, broccoli.id, spinach.id)


@pytest.fixture
def clerk(login_as):
    return login_as(Role.STOCK_CLERK)


@pytest.fixture
def supervisor(login_as):
    return login_as(Role.SUPERVISOR)


def _on_hand(db, quant_id: int) -> int:
    return db.read(lambda s: s.scalar(select(StockQuant.on_hand).where(StockQuant.id == quant_id)))


def _clean(db, system) -> None:
    assert queries.verify(db, system) == []


def _count_all(login, sheet_id: int, quantities: dict[str, int]) -> None:
    """Count every line of the sheet; ``quantities`` by "bin/lot"."""
    for line in counts.sheet_for_counter(login.database, login.actor, sheet_id).lines:
        counts.record_count(login.database, login.actor, sheet_id, line.line_id,
                            quantities[f"{line.bin_code}/{line.lot_number}"])


def test_sheet_lists_each_bin_and_lot_with_stock_in_the_zone(db, system, site, clerk):
    site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    site.receive(db, system, site.broccoli, "L1", 5, site.chl2)
    site.receive(db, system, site.spinach, "S1", 3000, site.chl1)
    site.receive(db, system, site.broccoli, "L2", 7, site.amb1)  # another zone
    site.receive(db, system, site.broccoli, "L3", 9, site.bj_chl)  # another warehouse
    empty = site.receive(db, system, site.broccoli, "L4", 1, site.chl2)
    operations.write_off(db, system, empty.quant_id, 1, "spoiled")  # nothing left: not on the sheet

    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, " chl ")
    assert (sheet.zone, sheet.status, sheet.warehouse_code, sheet.line_count, sheet.counted_lines) == (
        "CHL", "open", "SH", 3, 0)
    assert sheet.created_by == clerk.actor.username and sheet.reference == f"CS:{sheet.id}"
    blind = counts.sheet_for_counter(clerk.database, clerk.actor, sheet.id)
    assert blind.sheet == sheet
    # pick-path order: SH-CHL-2 (sequence 10) before SH-CHL-1 (20)
    assert [(line.bin_code, line.sku, line.lot_number) for line in blind.lines] == [
        ("SH-CHL-2", "VEG-1", "L1"), ("SH-CHL-1", "VEG-1", "L1"), ("SH-CHL-1", "VEG-2", "S1")]
    assert all(line.counted is None and line.expiry_date == TODAY + timedelta(days=10) for line in blind.lines)
    entry = [e for e in audit.list_entries(db, system) if e.action == "stock.count_created"][0]
    assert entry.entity_id == str(sheet.id) and json.loads(entry.details)["lines"] == 3


def test_the_counter_never_sees_the_expected_quantity(db, system, site, clerk):
    site.receive(db, system, site.broccoli, "L1", 4321, site.chl1)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    blind = counts.sheet_for_counter(clerk.database, clerk.actor, sheet.id)
    fields = {f.name for f in dataclasses.fields(counts.CounterLine)} | {
        f.name for f in dataclasses.fields(counts.CountSheetRow)}
    assert not fields & {"system_qty", "expected", "on_hand", "reserved", "available", "variance", "on_hand_now"}
    assert "4321" not in repr(blind)
    line = counts.record_count(clerk.database, clerk.actor, sheet.id, blind.lines[0].line_id, 4300)
    assert line.counted == 4300 and "4321" not in repr(line)  # the answer does not give it away either
    assert "4321" not in repr(counts.sheet_for_counter(clerk.database, clerk.actor, sheet.id))
    with pytest.raises(PermissionDenied):  # the variances are the supervisor's
        counts.count_variances(clerk.database, clerk.actor, sheet.id)


def test_one_sheet_in_progress_per_zone(db, system, site, clerk, supervisor):
    site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    first = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    with pytest.raises(ConflictError, match=f"Zone CHL already has count sheet {first.id} in progress"):
        counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "AMB")  # another zone
    counts.create_count_sheet(clerk.database, clerk.actor, site.other_warehouse, "CHL")  # another warehouse
    _count_all(clerk, first.id, {"SH-CHL-1/L1": 20})
    counts.submit_count_sheet(clerk.database, clerk.actor, first.id)
    with pytest.raises(ConflictError, match="in progress"):  # submitted is still in progress
        counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    counts.approve_count_sheet(supervisor.database, supervisor.actor, first.id)
    second = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    counts.cancel_count_sheet(clerk.database, clerk.actor, second.id, "wrong zone")
    counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    listed = counts.list_count_sheets(clerk.database, clerk.actor, warehouse_id=site.warehouse)
    assert [s.status for s in listed] == ["open", "cancelled", "open", "approved"]
    assert [s.id for s in counts.list_count_sheets(db, system, status="approved")] == [first.id]


def test_the_database_refuses_a_second_sheet_in_progress_even_without_the_check(db, system, site):
    def two_sheets(session):
        for _ in range(2):
            session.add(CountSheet(warehouse_id=site.warehouse, zone="CHL", status="open", note="", created_by="x"))
            session.flush()

    with pytest.raises(ConflictError):
        db.transaction(two_sheets)


def test_sheet_refuses_unknown_zone_warehouse_and_roles_that_do_not_count(db, system, site, login_as):
    with pytest.raises(ValidationError, match="no bins in zone FRZ"):
        counts.create_count_sheet(db, system, site.warehouse, "FRZ")
    with pytest.raises(ValidationError) as caught:
        counts.create_count_sheet(db, system, 999_999, "CHL")
    assert caught.value.field == "warehouse_id"
    with pytest.raises(ValidationError):
        counts.create_count_sheet(db, system, site.warehouse, "  ")
    for role in (Role.PICKER, Role.QC_INSPECTOR, Role.PACKER, Role.CS_REP):
        login = login_as(role)
        with pytest.raises(PermissionDenied):
            counts.create_count_sheet(login.database, login.actor, site.warehouse, "CHL")
        with pytest.raises(PermissionDenied):
            counts.list_count_sheets(login.database, login.actor)
    assert counts.list_count_sheets(db, system) == []


def test_count_keeps_the_on_hand_of_that_moment_and_can_be_corrected(db, system, site, clerk, supervisor):
    receipt = site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    line_id = counts.sheet_for_counter(clerk.database, clerk.actor, sheet.id).lines[0].line_id
    counts.record_count(clerk.database, clerk.actor, sheet.id, line_id, 17)
    site.receive(db, system, site.broccoli, "L1", 6, site.chl1)  # more arrives: 26 on hand
    stored = db.read(lambda s: s.execute(select(CountLine.counted, CountLine.system_qty, CountLine.counted_by)
                                         .where(CountLine.id == line_id)).one())
    assert tuple(stored) == (17, 20, clerk.actor.username)
    counts.record_count(clerk.database, clerk.actor, sheet.id, line_id, 25)  # recounted after the delivery
    variance = counts.count_variances(supervisor.database, supervisor.actor, sheet.id)[0]
    assert (variance.expected, variance.counted, variance.variance, variance.on_hand_now) == (26, 25, -1, 26)
    assert variance.counted_by == clerk.actor.username and variance.counted_at is not None
    assert _on_hand(db, receipt.quant_id) == 26
    assert len([e for e in audit.list_entries(db, system) if e.action == "stock.counted"]) == 2


def test_count_entry_is_checked(db, system, site, clerk):
    site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    other = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "AMB")
    line_id = counts.sheet_for_counter(clerk.database, clerk.actor, sheet.id).lines[0].line_id
    with pytest.raises(ValidationError) as caught:
        counts.record_count(clerk.database, clerk.actor, sheet.id, line_id, -1)
    assert caught.value.field == "counted"
    with pytest.raises(NotFound, match=f"not on count sheet {other.id}"):
        counts.record_count(clerk.database, clerk.actor, other.id, line_id, 5)
    with pytest.raises(NotFound):
        counts.record_count(clerk.database, clerk.actor, 999_999, line_id, 5)


def test_submit_needs_every_line_counted_then_the_sheet_is_closed_to_counting(db, system, site, clerk):
    site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    site.receive(db, system, site.broccoli, "L2", 8, site.chl2)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    lines = counts.sheet_for_counter(clerk.database, clerk.actor, sheet.id).lines
    counts.record_count(clerk.database, clerk.actor, sheet.id, lines[0].line_id, 8)
    with pytest.raises(ValidationError, match=r"1 line\(s\) are not counted yet \(bins SH-CHL-1\)"):
        counts.submit_count_sheet(clerk.database, clerk.actor, sheet.id)
    counts.record_count(clerk.database, clerk.actor, sheet.id, lines[1].line_id, 0)  # not there at all
    submitted = counts.submit_count_sheet(clerk.database, clerk.actor, sheet.id)
    assert (submitted.status, submitted.submitted_by, submitted.counted_lines) == (
        "submitted", clerk.actor.username, 2)
    with pytest.raises(ConflictError, match="already submitted"):
        counts.record_count(clerk.database, clerk.actor, sheet.id, lines[0].line_id, 9)
    with pytest.raises(ConflictError, match="already submitted"):
        counts.submit_count_sheet(clerk.database, clerk.actor, sheet.id)


def test_variances_with_values_need_a_supervisor(db, system, site, clerk, supervisor):
    site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    site.receive(db, system, site.spinach, "S1", 3000, site.chl1)
    site.receive(db, system, site.broccoli, "L2", 8, site.chl2)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    _count_all(clerk, sheet.id, {"SH-CHL-1/L1": 22, "SH-CHL-1/S1": 2750, "SH-CHL-2/L2": 8})
    rows = {r.lot_number: r for r in counts.count_variances(supervisor.database, supervisor.actor, sheet.id)}
    assert (rows["L1"].expected, rows["L1"].counted, rows["L1"].variance, rows["L1"].value_cents) == (
        20, 22, 2, 1380)
    assert (rows["S1"].variance, rows["S1"].value_cents, rows["S1"].unit) == (-250, -450, "weighed")
    assert (rows["L2"].variance, rows["L2"].value_cents) == (0, 0)
    with pytest.raises(PermissionDenied):
        counts.count_variances(clerk.database, clerk.actor, sheet.id)


def test_approval_applies_each_variance_as_a_count_row_in_one_batch(db, system, site, clerk, supervisor):
    l1 = site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    s1 = site.receive(db, system, site.spinach, "S1", 3000, site.chl1)
    l2 = site.receive(db, system, site.broccoli, "L2", 8, site.chl2)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    _count_all(clerk, sheet.id, {"SH-CHL-1/L1": 22, "SH-CHL-1/S1": 2750, "SH-CHL-2/L2": 8})
    counts.submit_count_sheet(clerk.database, clerk.actor, sheet.id)
    with pytest.raises(PermissionDenied):
        counts.approve_count_sheet(clerk.database, clerk.actor, sheet.id)

    result = counts.approve_count_sheet(supervisor.database, supervisor.actor, sheet.id)
    assert (result.adjusted_lines, result.units_gained, result.units_lost, result.value_cents) == (
        2, 2, 250, 1380 - 450)
    assert (result.sheet.status, result.sheet.decided_by) == ("approved", supervisor.actor.username)
    assert (_on_hand(db, l1.quant_id), _on_hand(db, s1.quant_id), _on_hand(db, l2.quant_id)) == (22, 2750, 8)
    moves = db.read(lambda s: list(s.scalars(select(StockMove).where(StockMove.kind == "count")
                                             .order_by(StockMove.id))))
    assert sorted((m.quant_id, m.on_hand_delta, m.value_cents) for m in moves) == sorted(
        [(l1.quant_id, 2, 1380), (s1.quant_id, -250, -450)])
    assert {m.batch for m in moves} == {result.batch} and {m.reference for m in moves} == {f"CS:{sheet.id}"}
    assert {m.username for m in moves} == {supervisor.actor.username}
    entry = [e for e in audit.list_entries(db, system) if e.action == "stock.count_approved"][0]
    assert (entry.from_state, entry.to_state, entry.app_username) == ("submitted", "approved",
                                                                      supervisor.actor.username)
    _clean(db, system)
    with pytest.raises(ConflictError, match="already approved"):
        counts.approve_count_sheet(supervisor.database, supervisor.actor, sheet.id)
    assert _on_hand(db, l1.quant_id) == 22


def test_approval_keeps_movements_made_after_the_count(db, system, site, clerk, supervisor):
    """Count 20 as 18, then 10 more arrive and 4 are picked: approval applies −2 to 26, giving 24."""
    receipt = site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    _count_all(clerk, sheet.id, {"SH-CHL-1/L1": 18})
    site.receive(db, system, site.broccoli, "L1", 10, site.chl1)
    reserved = reservations.reserve_line(db, system, warehouse_id=site.warehouse, product_id=site.broccoli,
                                         quantity=4, delivery_date=TODAY, reference="OL:9-1")
    db.transaction(lambda s: consume_in_session(s, system, reserved.parts[0].reservation_id, 4,
                                                reference="OL:9-1"))
    assert _on_hand(db, receipt.quant_id) == 26
    counts.submit_count_sheet(clerk.database, clerk.actor, sheet.id)
    counts.approve_count_sheet(supervisor.database, supervisor.actor, sheet.id)
    assert _on_hand(db, receipt.quant_id) == 24  # the receipt and the pick are kept
    _clean(db, system)


def test_approval_refuses_to_go_below_reserved_and_applies_nothing(db, system, site, clerk, supervisor):
    l1 = site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    l2 = site.receive(db, system, site.broccoli, "L2", 10, site.chl2, days=11)
    reservations.reserve_line(db, system, warehouse_id=site.warehouse, product_id=site.broccoli, quantity=15,
                              delivery_date=TODAY, reference="OL:77-1")
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    _count_all(clerk, sheet.id, {"SH-CHL-1/L1": 12, "SH-CHL-2/L2": 11})  # 12 < the 15 reserved in SH-CHL-1
    counts.submit_count_sheet(clerk.database, clerk.actor, sheet.id)
    with pytest.raises(ConflictError) as caught:
        counts.approve_count_sheet(supervisor.database, supervisor.actor, sheet.id)
    message = str(caught.value)
    assert message.startswith("Nothing was applied")
    assert "SH-CHL-1 lot L1: 12 would remain but 15 is reserved for OL:77-1" in message
    assert (_on_hand(db, l1.quant_id), _on_hand(db, l2.quant_id)) == (20, 10)  # L2's +1 was not applied either
    assert db.read(lambda s: s.scalars(select(StockMove).where(StockMove.kind == "count")).all()) == []
    assert counts.list_count_sheets(db, system)[0].status == "submitted"
    _clean(db, system)
    # the supervisor moves the order elsewhere (here: releases it), then approves
    reservations.release_reference(db, system, "OL:77-1", "allocate again")
    counts.approve_count_sheet(supervisor.database, supervisor.actor, sheet.id)
    assert (_on_hand(db, l1.quant_id), _on_hand(db, l2.quant_id)) == (12, 11)
    _clean(db, system)


def test_found_stock_is_added_to_the_sheet_and_booked_on_approval(db, system, site, clerk, supervisor):
    site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    expiry = TODAY + timedelta(days=4)
    found = counts.add_found_stock(clerk.database, clerk.actor, sheet.id, site.chl2, site.spinach, "S-FOUND",
                                   expiry, 1200)
    assert (found.bin_code, found.sku, found.lot_number, found.expiry_date, found.counted) == (
        "SH-CHL-2", "VEG-2", "S-FOUND", expiry, 1200)
    # a lot already on hand elsewhere, found in another bin
    counts.add_found_stock(clerk.database, clerk.actor, sheet.id, site.chl2, site.broccoli, "L1",
                           TODAY + timedelta(days=10), 3)
    with pytest.raises(ConflictError, match="already line"):
        counts.add_found_stock(clerk.database, clerk.actor, sheet.id, site.chl2, site.broccoli, "L1",
                               TODAY + timedelta(days=10), 4)
    with pytest.raises(ValidationError, match="already in stock with expiry"):
        counts.add_found_stock(clerk.database, clerk.actor, sheet.id, site.chl1, site.broccoli, "L1",
                               TODAY + timedelta(days=12), 4)
    with pytest.raises(ValidationError, match="not in zone CHL"):
        counts.add_found_stock(clerk.database, clerk.actor, sheet.id, site.amb1, site.broccoli, "L9", expiry, 4)
    with pytest.raises(ValidationError, match="not in zone CHL"):
        counts.add_found_stock(clerk.database, clerk.actor, sheet.id, site.bj_chl, site.broccoli, "L9", expiry, 4)
    with pytest.raises(ValidationError, match="greater than zero"):
        counts.add_found_stock(clerk.database, clerk.actor, sheet.id, site.chl2, site.broccoli, "L9", expiry, 0)
    assert counts.sheet_for_counter(clerk.database, clerk.actor, sheet.id).sheet.line_count == 3

    _count_all(clerk, sheet.id, {"SH-CHL-1/L1": 20, "SH-CHL-2/S-FOUND": 1200, "SH-CHL-2/L1": 3})
    counts.submit_count_sheet(clerk.database, clerk.actor, sheet.id)
    result = counts.approve_count_sheet(supervisor.database, supervisor.actor, sheet.id)
    assert (result.adjusted_lines, result.value_cents) == (2, 2160 + 3 * 690)
    stock = {(r.bin_code, r.lot_number): r.on_hand for r in queries.stock_for_product(db, system, "VEG-2")}
    stock |= {(r.bin_code, r.lot_number): r.on_hand for r in queries.stock_for_product(db, system, "VEG-1")}
    assert stock == {("SH-CHL-2", "S-FOUND"): 1200, ("SH-CHL-1", "L1"): 20, ("SH-CHL-2", "L1"): 3}
    _clean(db, system)


def test_cancelling_changes_no_stock_and_a_submitted_sheet_needs_a_supervisor(db, system, site, clerk,
                                                                              supervisor):
    receipt = site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    _count_all(clerk, sheet.id, {"SH-CHL-1/L1": 3})
    counts.submit_count_sheet(clerk.database, clerk.actor, sheet.id)
    with pytest.raises(PermissionDenied):
        counts.cancel_count_sheet(clerk.database, clerk.actor, sheet.id, "miscounted")
    cancelled = counts.cancel_count_sheet(supervisor.database, supervisor.actor, sheet.id, "count again")
    assert (cancelled.status, cancelled.note, cancelled.decided_by) == ("cancelled", "count again",
                                                                        supervisor.actor.username)
    assert _on_hand(db, receipt.quant_id) == 20
    with pytest.raises(ConflictError, match="was cancelled"):
        counts.approve_count_sheet(supervisor.database, supervisor.actor, sheet.id)
    with pytest.raises(ConflictError, match="was cancelled"):
        counts.cancel_count_sheet(supervisor.database, supervisor.actor, sheet.id)
    entry = [e for e in audit.list_entries(db, system) if e.action == "stock.count_cancelled"][0]
    assert (entry.from_state, entry.to_state, entry.reason) == ("submitted", "cancelled", "count again")
    _clean(db, system)


def test_an_open_sheet_cannot_be_approved(db, system, site, clerk, supervisor):
    site.receive(db, system, site.broccoli, "L1", 20, site.chl1)
    sheet = counts.create_count_sheet(clerk.database, clerk.actor, site.warehouse, "CHL")
    with pytest.raises(ConflictError, match="still being counted"):
        counts.approve_count_sheet(supervisor.database, supervisor.actor, sheet.id)
    with pytest.raises(NotFound):
        counts.approve_count_sheet(supervisor.database, supervisor.actor, 999_999)
