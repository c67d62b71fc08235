"""Intake: review, numbering, FEFO allocation by region, confirmations, idempotency."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from app import clock
from app.models import AuditEntry, Order, OrderLine, OutboxMessage, StockReservation
from app.services.orders.intake import import_drafts
from app.services.orders.queries import get_order, review_queue
from app.services.stock.queries import verify
from tests.orders.conftest import NOW, draft


def _order(db, number):
    return db.read(lambda s: s.execute(select(Order).where(Order.number == number)).scalar_one())


def test_a_good_order_is_numbered_allocated_fefo_confirmed_and_audited(db, system, shop):
    report = import_drafts(db, system, [draft("A1", ("VEG-1", 7))], now=NOW)
    assert (report.imported, report.states["allocated"]) == (1, 1)
    number = report.numbers[0]
    assert re.fullmatch(r"\d{8}-0001", number)
    detail = get_order(db, system, number=number)
    assert detail.state == "allocated" and detail.warehouse_code == "SH"
    assert detail.delivery_date == clock.today() + timedelta(days=1) and detail.slot_assigned
    assert [(r.lot_number, r.quantity) for r in detail.reservations] == [("L-SOON", 5), ("L-LATER", 2)]
    assert detail.lines[0].reserved_quantity == 7
    assert [t.action for t in detail.timeline] == ["order.imported"]
    message = db.read(lambda s: s.execute(select(OutboxMessage)).scalar_one())
    assert message.recipient == "li.lei@example.com" and number in message.body and message.language == "zh_CN"
    assert verify(db, system) == []


def test_weighed_lines_reserve_nominal_grams(db, system, shop):
    report = import_drafts(db, system, [draft("W1", ("FISH-1", 3))], now=NOW)
    line = get_order(db, system, number=report.numbers[0]).lines[0]
    assert (line.quantity, line.base_quantity, line.reserved_quantity, line.unit) == (3, 750, 750, "weighed")


def test_failing_rules_send_the_order_to_the_exception_queue_with_every_reason(db, system, shop):
    report = import_drafts(db, system, [draft("X1", ("NOPE-1", 1), ("TEA-1", 1), phone="12345", email="",
                                              payment="pending")], now=NOW)
    assert report.states["exception"] == 1
    assert set(report.exceptions_by_reason) == {"phone", "email", "sku", "payment"}
    detail = get_order(db, system, number=report.numbers[0])
    assert {f.rule for f in detail.reasons} == {"phone", "email", "sku", "payment"}
    assert detail.reservations == () and all(line.reserved_quantity == 0 for line in detail.lines)
    assert [row.number for row in review_queue(db, system)] == [detail.number]
    assert db.read(lambda s: s.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()) == 0


def test_insufficient_stock_lists_what_is_missing_and_holds_what_was_found(db, system, shop):
    report = import_drafts(db, system, [draft("S1", ("FISH-1", 30))], now=NOW)  # 7.5 kg wanted, 5 kg there
    detail = get_order(db, system, number=report.numbers[0])
    assert detail.state == "exception" and [f.rule for f in detail.reasons] == ["stock"]
    assert "FISH-1 needs 7.500 kg, 5.000 kg reserved, 2.500 kg missing" in detail.reasons[0].message
    assert detail.reasons[0].field == "line:1"
    assert sum(r.quantity for r in detail.reservations) == 5000


def test_longest_postal_prefix_wins_and_unserved_codes_fail_review(db, system, shop):
    report = import_drafts(db, system, [draft("R1", postal_code="200100"), draft("R2", postal_code="100010"),
                                        draft("R3", postal_code="300000")], now=NOW)
    states = {get_order(db, system, number=n).external_id: get_order(db, system, number=n) for n in report.numbers}
    assert states["R1"].warehouse_code == "SH" and states["R2"].warehouse_code == "BJ"
    assert states["R3"].state == "exception" and [f.rule for f in states["R3"].reasons] == ["postal_code"]


def test_an_order_the_serving_warehouse_cannot_fill_moves_to_the_fallback(db, system, shop):
    report = import_drafts(db, system, [draft("F1", ("VEG-1", 40))], now=NOW)  # SH has 25, BJ 100
    detail = get_order(db, system, number=report.numbers[0])
    assert detail.state == "allocated" and detail.warehouse_code == "BJ"
    assert {(r.warehouse_code, r.status) for r in detail.reservations} >= {("BJ", "active")}
    assert sum(r.quantity for r in detail.reservations if r.status == "active") == 40
    assert verify(db, system) == []


def test_reimport_and_repeated_ids_are_reported_as_duplicates(db, system, shop):
    first = import_drafts(db, system, [draft("D1"), draft("D1", position=2), draft("D2", position=3)], now=NOW)
    assert (first.imported, first.duplicates) == (2, 1)
    again = import_drafts(db, system, [draft("D1"), draft("D2"), draft("D1", channel="shopify")], now=NOW)
    assert (again.imported, again.duplicates) == (1, 2)  # the same id from another channel is another order
    assert db.read(lambda s: s.execute(select(func.count()).select_from(Order)).scalar_one()) == 3


def test_lines_of_one_sku_at_one_price_are_merged(db, system, shop):
    report = import_drafts(db, system, [draft("M1", ("VEG-1", 1), ("VEG-1", 2), ("FISH-1", 1))], now=NOW)
    lines = get_order(db, system, number=report.numbers[0]).lines
    assert [(line.sku, line.quantity) for line in lines] == [("VEG-1", 3), ("FISH-1", 1)]


def test_same_customer_address_and_items_within_the_window_is_a_duplicate_suspect(db, system, shop):
    report = import_drafts(db, system, [draft("P1", ("VEG-1", 1)), draft("P2", ("VEG-1", 1)),
                                        draft("P3", ("VEG-1", 2))], now=NOW)
    first, second, third = (get_order(db, system, number=n) for n in report.numbers)
    assert first.state == "allocated" and third.state == "allocated"
    assert [f.rule for f in second.reasons] == ["duplicate"] and first.number in second.reasons[0].message


def test_numbers_continue_across_imports(db, system, shop):
    first = import_drafts(db, system, [draft("N1"), draft("N2")], now=NOW)
    second = import_drafts(db, system, [draft("N3")], now=NOW)
    sequences = [int(n.split("-")[1]) for n in first.numbers + second.numbers]
    assert sequences == [1, 2, 3]


def test_one_audit_entry_and_lines_per_order_in_one_batch(db, system, shop):
    drafts = [draft(f"B{i}", phone=f"1381234567{i}", position=i) for i in range(1, 8)]
    import_drafts(db, system, drafts, now=NOW)
    counts = db.read(lambda s: (
        s.execute(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "order.imported"))
        .scalar_one(),
        s.execute(select(func.count()).select_from(OrderLine)).scalar_one(),
        s.execute(select(func.count()).select_from(StockReservation)).scalar_one()))
    assert counts[0] == 7 and counts[1] == 7 and counts[2] >= 7


def test_implausible_orders_are_rejected_with_their_position_and_the_rest_imported(db, system, shop):
    report = import_drafts(db, system, [draft("Q1"), draft("Q2", ("VEG-1", 10**9), position=2)], now=NOW)
    assert report.imported == 1
    assert [(r.position, r.external_id) for r in report.rejected] == [(2, "Q2")]
