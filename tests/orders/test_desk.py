"""The review desk: claims, edits, approve, hold, cancel, partial shipments and line cancels."""

from __future__ import annotations

import pytest

from app.errors import ConflictError, PermissionDenied, ValidationError
from app.permissions import Role
from app.services.orders import desk
from app.services.orders.intake import import_drafts
from app.services.orders.queries import get_order, review_queue
from app.services.stock.queries import verify
from tests.orders.conftest import NOW, draft


def _edit(detail, **changes) -> desk.OrderEdit:
    values = {name: getattr(detail, name) for name in (
        "customer_name", "phone", "email", "address_line1", "address_line2", "city", "province", "postal_code",
        "country", "delivery_date", "delivery_slot", "payment_status", "note")}
    lines = changes.pop("lines", ())
    return desk.OrderEdit(**(values | changes), lines=lines)


def _exception(db, system, *lines, **kwargs):
    report = import_drafts(db, system, [draft("E1", *lines, **kwargs)], now=NOW)
    return get_order(db, system, number=report.numbers[0])


def test_fix_the_phone_and_approve_allocates_and_confirms(db, system, shop, login_as):
    order = _exception(db, system, phone="12345")
    rep = login_as(Role.CS_REP)
    claimed = desk.claim(rep.database, rep.actor, order.id)
    assert claimed.claimed_by == rep.actor.username
    saved = desk.save_edits(rep.database, rep.actor, order.id, _edit(claimed, phone="138 1234 5678"), claimed.version)
    assert saved.phone == "+8613812345678"
    outcome = desk.approve(rep.database, rep.actor, order.id)
    assert outcome.state == "allocated" and outcome.reasons == ()
    detail = get_order(db, system, order.id)
    assert detail.claimed_by == "" and sum(r.quantity for r in detail.reservations if r.status == "active") == 2
    assert [t.action for t in detail.timeline] == ["order.imported", "order.edited", "order.approved"]
    assert review_queue(db, system) == []
    assert verify(db, system) == []


def test_a_second_reviewer_sees_who_has_the_order_and_cannot_change_it(db, system, shop, login_as):
    order = _exception(db, system, phone="12345")
    first, second = login_as(Role.CS_REP), login_as(Role.SUPERVISOR)
    desk.claim(first.database, first.actor, order.id)
    with pytest.raises(ConflictError, match=first.actor.username):
        desk.claim(second.database, second.actor, order.id)
    with pytest.raises(ConflictError, match="being edited by"):
        desk.approve(second.database, second.actor, order.id)
    assert review_queue(db, system)[0].claimed_by == first.actor.username
    desk.release_claim(first.database, first.actor, order.id)
    assert desk.claim(second.database, second.actor, order.id).claimed_by == second.actor.username


def test_a_stale_edit_is_refused(db, system, shop, login_as):
    order = _exception(db, system, phone="12345")
    rep = login_as(Role.CS_REP)
    desk.save_edits(rep.database, rep.actor, order.id, _edit(order, customer_name="Li"), order.version)
    with pytest.raises(ConflictError, match="changed by someone else"):
        desk.save_edits(rep.database, rep.actor, order.id, _edit(order, customer_name="Lee"), order.version)


def test_approve_still_failing_keeps_the_order_with_the_new_reasons(db, system, shop, login_as):
    order = _exception(db, system, phone="12345", email="")
    rep = login_as(Role.CS_REP)
    desk.save_edits(rep.database, rep.actor, order.id, _edit(order, phone="13812345678"), order.version)
    outcome = desk.approve(rep.database, rep.actor, order.id)
    assert outcome.state == "exception" and [f.rule for f in outcome.reasons] == ["email"]


def test_a_duplicate_suspect_can_be_accepted_but_missing_data_cannot(db, system, shop, login_as):
    report = import_drafts(db, system, [draft("A"), draft("B")], now=NOW)
    suspect = get_order(db, system, number=report.numbers[1])
    rep = login_as(Role.CS_REP)
    assert desk.approve(rep.database, rep.actor, suspect.id).state == "exception"
    assert desk.approve(rep.database, rep.actor, suspect.id, accepted_rules={"duplicate"}).state == "allocated"
    with pytest.raises(ValidationError):
        desk.approve(rep.database, rep.actor, suspect.id, accepted_rules={"phone"})


def test_hold_keeps_and_cancel_releases_the_reservations(db, system, shop, login_as):
    order = _exception(db, system, ("FISH-1", 30))  # short: 5 kg held
    rep = login_as(Role.CS_REP)
    with pytest.raises(ValidationError, match="why"):
        desk.hold(rep.database, rep.actor, order.id, "  ")
    held = desk.hold(rep.database, rep.actor, order.id, "customer will call back")
    assert held.state == "on_hold"
    assert sum(r.quantity for r in get_order(db, system, order.id).reservations if r.status == "active") == 5000
    assert desk.cancel(rep.database, rep.actor, order.id, "customer cancelled").state == "cancelled"
    detail = get_order(db, system, order.id)
    assert detail.state_reason == "customer cancelled"
    assert all(r.status == "released" for r in detail.reservations)
    assert verify(db, system) == []


def test_only_a_supervisor_allows_a_partial_shipment(db, system, shop, login_as):
    order = _exception(db, system, ("FISH-1", 30), ("VEG-1", 2))
    rep, boss = login_as(Role.CS_REP), login_as(Role.SUPERVISOR)
    with pytest.raises(PermissionDenied):
        desk.allow_partial(rep.database, rep.actor, order.id, "customer agreed")
    outcome = desk.allow_partial(boss.database, boss.actor, order.id, "customer agreed")
    assert outcome.state == "allocated"
    detail = get_order(db, system, order.id)
    assert detail.partial_allowed and [line.reserved_quantity for line in detail.lines] == [5000, 2]


def test_cancelling_the_short_line_lets_the_rest_ship(db, system, shop, login_as):
    order = _exception(db, system, ("FISH-1", 30), ("VEG-1", 2))
    boss = login_as(Role.SUPERVISOR)
    with pytest.raises(ValidationError, match="every line"):
        desk.cancel_lines(boss.database, boss.actor, order.id, [1, 2], "out of stock")
    outcome = desk.cancel_lines(boss.database, boss.actor, order.id, [1], "out of salmon")
    assert outcome.state == "allocated"
    detail = get_order(db, system, order.id)
    assert [(line.state, line.reserved_quantity) for line in detail.lines] == [("cancelled", 0), ("open", 2)]
    assert verify(db, system) == []


def test_changing_a_line_to_a_known_sku_fixes_the_order(db, system, shop, login_as):
    order = _exception(db, system, ("VEG-X", 2))
    rep = login_as(Role.CS_REP)
    desk.save_edits(rep.database, rep.actor, order.id, _edit(order, lines=(desk.LineEdit(1, "VEG-1", 3),)),
                    order.version)
    assert desk.approve(rep.database, rep.actor, order.id).state == "allocated"
    assert get_order(db, system, order.id).lines[0].reserved_quantity == 3


def test_pickers_cannot_review(db, system, shop, login_as):
    order = _exception(db, system, phone="12345")
    picker = login_as(Role.PICKER)
    with pytest.raises(PermissionDenied):
        desk.claim(picker.database, picker.actor, order.id)


def test_a_rep_allocates_a_line_from_two_lots_and_releases_it(db, system, shop, login_as):
    """One order line reserved from two quants: on PostgreSQL the rep's row policy (no second reservation for a
    line that holds one) must not refuse the two rows written together."""
    rep = login_as(Role.CS_REP)
    report = import_drafts(rep.database, rep.actor, [draft("T2", ("VEG-1", 7))], now=NOW)
    order = get_order(db, system, number=report.numbers[0])
    assert order.state == "allocated" and len(order.reservations) == 2
    assert desk.cancel(rep.database, rep.actor, order.id, "customer cancelled").state == "cancelled"
    assert verify(db, system) == []
