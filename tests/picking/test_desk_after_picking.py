"""The review desk and orders that came back short from picking, or were cancelled while being picked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Order, PickTask
from app.services.orders import desk
from app.services.orders.queries import get_order
from app.services.picking import planning
from app.services.stock import queries as stock_queries
from tests.picking.conftest import APPLE_GTIN, bin_code, order_draft, place_orders


def _short_pick_milk(db, system, shop, supervisor, station) -> str:
    """Order 2 apples + 2 milk; pick the apples, report the milk short with no stock left to re-reserve."""
    [number] = place_orders(db, system, order_draft("d-1", ("APL-1", 2), ("MLK-1", 2)))
    planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    view = station.take_next(shop.warehouse.id)
    assert station.scan(bin_code("SH-A-01")).accepted
    assert station.scan(APPLE_GTIN[1:]).accepted
    assert station.scan("2").accepted
    assert station.scan(bin_code(view.tasks[-1].bin_code)).view.current.sku == "MLK-1"
    # every other milk lot is taken by someone else's order first, so nothing can be re-reserved
    place_orders(db, system, order_draft("d-2", ("MLK-1", 24)))  # all the free milk left
    outcome = station.do("report_short")
    assert outcome.accepted and outcome.code == "short", outcome.message
    return number


def test_a_short_picked_order_goes_to_the_review_queue(db, system, shop, supervisor, station):
    number = _short_pick_milk(db, system, shop, supervisor, station)
    order = get_order(db, system, number=number)
    assert order.state == "exception"
    assert [reason.rule for reason in order.reasons] == ["short_pick"]


def test_the_desk_cannot_allocate_a_short_picked_order_again(db, system, shop, supervisor, station):
    number = _short_pick_milk(db, system, shop, supervisor, station)
    order = get_order(db, system, number=number)
    with pytest.raises(ValidationError, match="short from picking"):
        desk.approve(db, system, order.id)
    outcome = desk.allow_partial(supervisor.database, supervisor.actor, order.id, "customer agreed by phone")
    assert outcome.state == "picked"
    assert get_order(db, system, number=number).state == "picked"
    assert stock_queries.verify(db, system) == []


def test_cancelling_an_order_being_picked_stops_its_tasks(db, system, shop, supervisor, station):
    [first, second] = place_orders(db, system, order_draft("c-1", ("APL-1", 1)), order_draft("c-2", ("APL-1", 1)))
    planning.plan_waves(supervisor.database, supervisor.actor, shop.warehouse.id, shop.delivery, "09:00-12:00")
    station.take_next(shop.warehouse.id)
    order = get_order(db, system, number=first)
    desk.cancel(supervisor.database, supervisor.actor, order.id, "customer cancelled")
    with db.session() as session:
        states = dict(session.execute(select(Order.number, PickTask.state).join(PickTask)).all())
    assert states[first] == "cancelled" and states[second] == "open"
    assert get_order(db, system, number=second).state == "picking"
    assert stock_queries.verify(db, system) == []
