"""Transfers, write-offs, adjustments and quarantine (app.services.stock.operations), on both engines,
run as the role that does them at the station (on PostgreSQL: that role's own connection and grants)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app import clock
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.models import StockMove, StockQuant, StockReservation
from app.permissions import Role
from app.services import audit, catalog, warehouses
from app.services.stock import operations, queries, receiving, reservations
from app.services.stock.ledger import InsufficientStock
from app.services.stock.operations import WRITE_OFF_REASON_LABELS, WRITE_OFF_REASONS

TODAY = clock.today()


@dataclass
class Stock:
    warehouse: int
    other_warehouse: int
    bin1: int
    bin2: int
    inactive_bin: int
    foreign_bin: int
    broccoli: int  # piece product, 6.90 each
    spinach: int  # weighed product, 18.00 per kg

    def receive(self, db, actor, product: int, lot: str, quantity: int, bin_id: int | None = None,
                days: int = 10) -> receiving.ReceiptRow:
        return receiving.receive(db, actor, receiving.ReceiptInput(
            product, lot, TODAY + timedelta(days=days), quantity, bin_id or self.bin1))


@pytest.fixture
def stock(db, system) -> Stock:
    category = catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables", "蔬菜", "chilled"))
    sh = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("SH", "Shanghai", "", ("200",)))
    bj = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("BJ", "Beijing", "", ("100",)))
    bins = [warehouses.save_bin(db, system, warehouses.BinInput(w.id, code, "CHL", seq, active))
            for w, code, seq, active in ((sh, "SH-CHL-1", 10, True), (sh, "SH-CHL-2", 20, True),
                                         (sh, "SH-CHL-9", 90, False), (bj, "BJ-CHL-1", 10, True))]
    broccoli = catalog.save_product(db, system, catalog.ProductInput("VEG-1", "Broccoli", category.id, "chilled",
                                                                     10, 690))
    spinach = catalog.save_product(db, system, catalog.ProductInput(
        "VEG-2", "Spinach", category.id, "chilled", 5, 1800, unit="weighed", nominal_weight_g=300,
        weight_tolerance_g=30))
    return Stock(sh.id, bj.id, bins[0].id, bins[1].id, bins[2].id, bins[3].id, broccoli.id, spinach.id)


def _clean(db, system) -> None:
    assert queries.verify(db, system) == []


def _quant(db, quant_id: int) -> tuple[int, int]:
    return db.read(lambda s: tuple(s.execute(select(StockQuant.on_hand, StockQuant.reserved)
                                             .where(StockQuant.id == quant_id)).one()))


def _moves(db, kind: str) -> list[StockMove]:
    return db.read(lambda s: list(s.scalars(select(StockMove).where(StockMove.kind == kind).order_by(StockMove.id))))


def _audit(db, system, action: str) -> list[audit.AuditRow]:
    return [e for e in audit.list_entries(db, system) if e.action == action]


def _reserve(db, system, stock: Stock, quantity: int, reference: str, product: int | None = None):
    return reservations.reserve_line(db, system, warehouse_id=stock.warehouse, product_id=product or stock.broccoli,
                                     quantity=quantity, delivery_date=TODAY, reference=reference)


# -- transfer ----------------------------------------------------------------------------------

def test_transfer_moves_free_stock_as_two_ledger_rows_in_one_batch(db, system, stock, login_as):
    clerk = login_as(Role.STOCK_CLERK)
    receipt = stock.receive(db, system, stock.broccoli, "L1", 30)
    row = operations.transfer(clerk.database, clerk.actor, receipt.quant_id, stock.bin2, 12, "pick face")
    assert (row.from_bin_code, row.to_bin_code, row.quantity) == ("SH-CHL-1", "SH-CHL-2", 12)
    assert (row.from_on_hand_after, row.to_on_hand_after) == (18, 12)
    assert _quant(db, receipt.quant_id) == (18, 0) and _quant(db, row.to_quant_id) == (12, 0)
    moves = _moves(db, "transfer")
    assert [(m.quant_id, m.on_hand_delta) for m in moves] == [(receipt.quant_id, -12), (row.to_quant_id, 12)]
    assert {m.batch for m in moves} == {row.batch} and row.batch
    assert {m.username for m in moves} == {clerk.actor.username} and moves[0].reason == "pick face"
    entry = _audit(db, system, "stock.transferred")[0]
    assert entry.app_username == clerk.actor.username and json.loads(entry.details)["to_bin"] == "SH-CHL-2"
    # a second transfer to the same bin adds to the same stock record
    again = operations.transfer(clerk.database, clerk.actor, receipt.quant_id, stock.bin2, 3)
    assert again.to_quant_id == row.to_quant_id and again.to_on_hand_after == 15
    _clean(db, system)


def test_transfer_refuses_reserved_stock_and_names_the_reservation(db, system, stock, login_as):
    clerk = login_as(Role.STOCK_CLERK)
    receipt = stock.receive(db, system, stock.broccoli, "L1", 20)
    _reserve(db, system, stock, 15, "OL:1001-1")
    with pytest.raises(InsufficientStock) as caught:
        operations.transfer(clerk.database, clerk.actor, receipt.quant_id, stock.bin2, 6)
    message = str(caught.value)
    assert "Only 5 of 20" in message and "15 is reserved for OL:1001-1" in message and "Move" in message
    operations.transfer(clerk.database, clerk.actor, receipt.quant_id, stock.bin2, 5)  # exactly the free part
    assert _quant(db, receipt.quant_id) == (15, 15)
    with pytest.raises(InsufficientStock, match="Only 0 of 15"):
        operations.transfer(clerk.database, clerk.actor, receipt.quant_id, stock.bin2, 1)
    _clean(db, system)


@pytest.mark.parametrize("target, field, words", [
    ("bin1", "bin", "already in bin SH-CHL-1"),
    ("foreign_bin", "bin", "another warehouse"),
    ("inactive_bin", "bin", "not in use"),
])
def test_transfer_refuses_same_bin_other_warehouse_and_inactive_bin(db, system, stock, target, field, words):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 20)
    with pytest.raises(ValidationError) as caught:
        operations.transfer(db, system, receipt.quant_id, getattr(stock, target), 5)
    assert caught.value.field == field and words in str(caught.value)
    assert _quant(db, receipt.quant_id) == (20, 0) and _moves(db, "transfer") == []
    assert _audit(db, system, "stock.transferred") == []


def test_transfer_refuses_more_than_on_hand_zero_and_unknown_stock(db, system, stock):
    receipt = stock.receive(db, system, stock.spinach, "S1", 4500)
    with pytest.raises(InsufficientStock, match="Only 4.500 kg of lot S1 is in bin SH-CHL-1; you entered 5.000 kg"):
        operations.transfer(db, system, receipt.quant_id, stock.bin2, 5000)
    with pytest.raises(ValidationError, match="greater than zero"):
        operations.transfer(db, system, receipt.quant_id, stock.bin2, 0)
    with pytest.raises(NotFound):
        operations.transfer(db, system, 999_999, stock.bin2, 1)
    assert _quant(db, receipt.quant_id) == (4500, 0)


@pytest.mark.parametrize("role", [Role.PICKER, Role.QC_INSPECTOR, Role.PACKER, Role.CS_REP])
def test_only_the_stock_floor_transfers(db, system, stock, login_as, role):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 20)
    login = login_as(role)
    with pytest.raises(PermissionDenied):
        operations.transfer(login.database, login.actor, receipt.quant_id, stock.bin2, 1)


# -- write-off ---------------------------------------------------------------------------------

def test_write_off_of_pieces_records_the_value(db, system, stock, login_as):
    qc = login_as(Role.QC_INSPECTOR)
    receipt = stock.receive(db, system, stock.broccoli, "L1", 20)
    row = operations.write_off(qc.database, qc.actor, receipt.quant_id, 3, "damaged", reference="QC:77")
    assert (row.quantity, row.value_cents, row.on_hand_after, row.reason) == (3, 3 * 690, 17, "damaged")
    move = _moves(db, "write_off")[0]
    assert (move.on_hand_delta, move.value_cents, move.reason, move.reference) == (-3, 2070, "damaged", "QC:77")
    assert move.username == qc.actor.username
    details = json.loads(_audit(db, system, "stock.written_off")[0].details)
    assert details["value_cents"] == 2070 and details["quantity"] == 3
    _clean(db, system)


@pytest.mark.parametrize("grams, cents", [(1250, 2250), (333, 599), (1000, 1800), (1, 2)])
def test_write_off_of_weighed_goods_is_priced_per_kilogram(db, system, stock, grams, cents):
    receipt = stock.receive(db, system, stock.spinach, "S1", 5000)
    row = operations.write_off(db, system, receipt.quant_id, grams, "spoiled")
    assert row.value_cents == cents and row.unit == "weighed" and row.on_hand_after == 5000 - grams
    assert _moves(db, "write_off")[0].value_cents == cents
    _clean(db, system)


def test_write_off_reasons(db, system, stock):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 20)
    assert set(WRITE_OFF_REASON_LABELS) == set(WRITE_OFF_REASONS) == {
        "spoiled", "damaged", "expired", "qc_reject", "other"}
    with pytest.raises(ValidationError) as caught:
        operations.write_off(db, system, receipt.quant_id, 1, "stolen")
    assert caught.value.field == "reason" and "spoiled" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        operations.write_off(db, system, receipt.quant_id, 1, "other", "   ")
    assert caught.value.field == "note"
    assert _quant(db, receipt.quant_id) == (20, 0) and _moves(db, "write_off") == []
    row = operations.write_off(db, system, receipt.quant_id, 1, "other", "eaten by  the cat")
    assert row.note == "eaten by the cat"
    assert _moves(db, "write_off")[0].reason == "other: eaten by the cat"
    for reason in ("spoiled", "expired", "qc_reject"):
        operations.write_off(db, system, receipt.quant_id, 1, reason)
    assert _quant(db, receipt.quant_id) == (16, 0)
    _clean(db, system)


def test_write_off_takes_only_free_stock(db, system, stock):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 10)
    _reserve(db, system, stock, 8, "OL:2001-1")
    with pytest.raises(InsufficientStock) as caught:
        operations.write_off(db, system, receipt.quant_id, 5, "spoiled")
    message = str(caught.value)
    assert "Only 2 of 10" in message and "8 is reserved for OL:2001-1" in message
    assert "Move those reservations" in message
    assert _quant(db, receipt.quant_id) == (10, 8) and _moves(db, "write_off") == []
    operations.write_off(db, system, receipt.quant_id, 2, "spoiled")
    assert _quant(db, receipt.quant_id) == (8, 8)
    _clean(db, system)


@pytest.mark.parametrize("role", [Role.PICKER, Role.PACKER, Role.CS_REP])
def test_roles_without_write_off_are_refused(db, system, stock, login_as, role):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 20)
    login = login_as(role)
    with pytest.raises(PermissionDenied):
        operations.write_off(login.database, login.actor, receipt.quant_id, 1, "spoiled")
    assert _quant(db, receipt.quant_id) == (20, 0)


# -- adjustment --------------------------------------------------------------------------------

def test_supervisor_adjusts_up_and_down_with_signed_values(db, system, stock, login_as):
    supervisor = login_as(Role.SUPERVISOR)
    receipt = stock.receive(db, system, stock.spinach, "S1", 2000)
    down = operations.adjust(supervisor.database, supervisor.actor, receipt.quant_id, 1500, "scale was wrong")
    assert (down.on_hand_before, down.on_hand_after, down.delta, down.value_cents) == (2000, 1500, -500, -900)
    up = operations.adjust(supervisor.database, supervisor.actor, receipt.quant_id, 2500, "found a crate")
    assert (up.delta, up.value_cents) == (1000, 1800)
    moves = _moves(db, "adjustment")
    assert [(m.on_hand_delta, m.value_cents, m.reason) for m in moves] == [
        (-500, -900, "scale was wrong"), (1000, 1800, "found a crate")]
    entries = _audit(db, system, "stock.adjusted")
    assert len(entries) == 2 and json.loads(entries[-1].details)["on_hand"] == [2000, 1500]
    assert _quant(db, receipt.quant_id) == (2500, 0)
    _clean(db, system)


def test_adjustment_needs_a_supervisor(db, system, stock, login_as):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 20)
    for role in (Role.STOCK_CLERK, Role.QC_INSPECTOR, Role.PICKER):
        login = login_as(role)
        with pytest.raises(PermissionDenied):
            operations.adjust(login.database, login.actor, receipt.quant_id, 25, "recount")
    assert _quant(db, receipt.quant_id) == (20, 0)


def test_adjustment_cannot_go_below_reserved_or_zero_and_needs_a_reason(db, system, stock):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 20)
    _reserve(db, system, stock, 12, "OL:3001-2")
    with pytest.raises(InsufficientStock) as caught:
        operations.adjust(db, system, receipt.quant_id, 11, "recount")
    assert "12 of lot L1 in bin SH-CHL-1 is reserved for OL:3001-2" in str(caught.value)
    with pytest.raises(ValidationError, match="negative"):
        operations.adjust(db, system, receipt.quant_id, -1, "recount")
    with pytest.raises(ValidationError, match="reason"):
        operations.adjust(db, system, receipt.quant_id, 15, " ")
    with pytest.raises(ValidationError, match="nothing to correct"):
        operations.adjust(db, system, receipt.quant_id, 20, "recount")
    assert _quant(db, receipt.quant_id) == (20, 12) and _moves(db, "adjustment") == []
    operations.adjust(db, system, receipt.quant_id, 12, "recount")  # down to exactly what is reserved
    assert _quant(db, receipt.quant_id) == (12, 12)
    _clean(db, system)


# -- quarantine --------------------------------------------------------------------------------

def test_quarantine_releases_the_lots_reservations_and_blocks_reserving_it(db, system, stock, login_as):
    clerk = login_as(Role.STOCK_CLERK)
    doubtful = stock.receive(db, system, stock.broccoli, "L-OLD", 10, days=5)
    doubtful_spare = stock.receive(db, system, stock.broccoli, "L-OLD", 4, bin_id=stock.bin2, days=5)
    good = stock.receive(db, system, stock.broccoli, "L-NEW", 30, days=9)
    first = _reserve(db, system, stock, 12, "OL:4001-1")  # FEFO: 10 + 2 of L-OLD
    second = _reserve(db, system, stock, 2, "OL:4002-1")  # the last 2 of L-OLD
    third = _reserve(db, system, stock, 3, "OL:4003-1")  # L-NEW: untouched by the quarantine
    assert {p.lot_number for p in first.parts + second.parts} == {"L-OLD"}
    assert {p.lot_number for p in third.parts} == {"L-NEW"}

    row = operations.set_quarantine(clerk.database, clerk.actor, doubtful.lot_id, True, "temperature excursion")
    assert row.quarantined and row.lot_number == "L-OLD" and row.on_hand == 14
    assert row.affected_references == ("OL:4001-1", "OL:4002-1") and row.released_quantity == 14
    assert _quant(db, doubtful.quant_id) == (10, 0) and _quant(db, doubtful_spare.quant_id) == (4, 0)
    assert _quant(db, good.quant_id) == (30, 3)
    statuses = db.read(lambda s: dict(s.execute(select(StockReservation.reference, StockReservation.status)
                                                .where(StockReservation.lot_id == doubtful.lot_id)).all()))
    assert set(statuses.values()) == {"released"}
    releases = _moves(db, "release")
    assert sorted((m.reference, m.reserved_delta) for m in releases) == [
        ("OL:4001-1", -10), ("OL:4001-1", -2), ("OL:4002-1", -2)]
    assert all(m.reason == "quarantine: temperature excursion" for m in releases)
    assert reservations.active_reservations(db, system, "OL:4001-1") == []
    entry = _audit(db, system, "stock.quarantined")[0]
    assert (entry.entity_type, entry.entity_id, entry.to_state) == ("lot", str(doubtful.lot_id), "quarantined")
    _clean(db, system)

    # the order flow allocates again: the quarantined lot is skipped even though it expires first
    again = _reserve(db, system, stock, 12, "OL:4001-1")
    assert {p.lot_number for p in again.parts} == {"L-NEW"} and again.complete
    short = _reserve(db, system, stock, 20, "OL:4004-1")
    assert short.reserved == 30 - 3 - 12 and {p.lot_number for p in short.parts} == {"L-NEW"}
    _clean(db, system)


def test_releasing_a_quarantine_needs_approval_and_makes_the_lot_reservable(db, system, stock, login_as):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 10)
    qc = login_as(Role.QC_INSPECTOR)
    operations.set_quarantine(qc.database, qc.actor, receipt.lot_id, True, "mould on a sample")
    assert not _reserve(db, system, stock, 1, "OL:5001-1").parts
    for role in (Role.QC_INSPECTOR, Role.STOCK_CLERK):
        login = qc if role is Role.QC_INSPECTOR else login_as(role)
        with pytest.raises(PermissionDenied):
            operations.set_quarantine(login.database, login.actor, receipt.lot_id, False, "looks fine")
    supervisor = login_as(Role.SUPERVISOR)
    row = operations.set_quarantine(supervisor.database, supervisor.actor, receipt.lot_id, False, "lab: negative")
    assert not row.quarantined and row.released == ()
    assert _reserve(db, system, stock, 1, "OL:5002-1").complete
    entry = _audit(db, system, "stock.quarantine_released")[0]
    assert (entry.from_state, entry.to_state, entry.reason) == ("quarantined", "available", "lab: negative")
    _clean(db, system)


def test_quarantine_refuses_twice_unknown_lot_no_reason_and_roles_without_it(db, system, stock, login_as):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 10)
    with pytest.raises(ConflictError, match="not in quarantine"):
        operations.set_quarantine(db, system, receipt.lot_id, False, "release")
    with pytest.raises(ValidationError, match="reason"):
        operations.set_quarantine(db, system, receipt.lot_id, True, "  ")
    with pytest.raises(NotFound):
        operations.set_quarantine(db, system, 999_999, True, "recall")
    operations.set_quarantine(db, system, receipt.lot_id, True, "recall")
    with pytest.raises(ConflictError, match="already in quarantine"):
        operations.set_quarantine(db, system, receipt.lot_id, True, "recall")
    for role in (Role.PICKER, Role.PACKER, Role.CS_REP):
        login = login_as(role)
        with pytest.raises(PermissionDenied):
            operations.set_quarantine(login.database, login.actor, receipt.lot_id, True, "recall")
    assert len(_audit(db, system, "stock.quarantined")) == 1


def test_quarantined_stock_can_still_be_moved_and_written_off(db, system, stock):
    receipt = stock.receive(db, system, stock.broccoli, "L1", 10)
    operations.set_quarantine(db, system, receipt.lot_id, True, "recall")
    operations.transfer(db, system, receipt.quant_id, stock.bin2, 4, "to the quarantine cage")
    operations.write_off(db, system, receipt.quant_id, 6, "qc_reject")
    assert _quant(db, receipt.quant_id) == (0, 0)
    _clean(db, system)


# -- the server agrees (PostgreSQL row-level rules, migration 0003) -------------------------------

def test_in_sql_a_clerk_can_quarantine_but_not_release_and_a_picker_cannot_write_off(db, system, stock, login_as):
    if not db.is_postgres:
        pytest.skip("row-level security exists on PostgreSQL only")
    receipt = stock.receive(db, system, stock.broccoli, "L1", 10)
    operations.set_quarantine(db, system, receipt.lot_id, True, "recall")
    clerk, picker = login_as(Role.STOCK_CLERK), login_as(Role.PICKER)
    refused = {
        clerk: f"UPDATE lots SET quarantined = false WHERE id = {receipt.lot_id}",
        picker: "INSERT INTO stock_moves (kind, quant_id, warehouse_id, bin_id, product_id, lot_id, on_hand_delta, "
                "reserved_delta, reason, reference, batch, username, station) SELECT 'write_off', id, warehouse_id, "
                "bin_id, product_id, lot_id, -1, 0, '', '', '', 'x', '' FROM stock_quants",
    }
    for login, statement in refused.items():
        with pytest.raises(DBAPIError) as caught:
            with login.database.engine.begin() as connection:
                connection.execute(text(statement))
        assert caught.value.orig.sqlstate == "42501"
    assert db.read(lambda s: s.scalar(text(f"SELECT quarantined FROM lots WHERE id = {receipt.lot_id}")))


def test_expiry_is_part_of_the_lot_not_the_transfer(db, system, stock):
    """A transferred quant keeps its lot, so FEFO and expiry follow the goods into the new bin."""
    receipt = stock.receive(db, system, stock.broccoli, "L1", 10, days=3)
    row = operations.transfer(db, system, receipt.quant_id, stock.bin2, 10)
    moved = [r for r in queries.stock_for_product(db, system, "VEG-1") if r.quant_id == row.to_quant_id][0]
    assert moved.expiry_date == TODAY + timedelta(days=3) and isinstance(moved.expiry_date, date)
    assert moved.lot_id == receipt.lot_id and moved.on_hand == 10
