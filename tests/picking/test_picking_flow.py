"""A whole pick list through the services: plan, claim, scan bins and items, finish the order."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import Bin, Order, OrderLine, PickScan, StockQuant, StockReservation
from app.services.orders.queries import get_order
from app.services.picking import planning
from app.services.stock import queries as stock_queries

from tests.picking.conftest import (APPLE_GTIN, MILK_GTIN, SALMON_GTIN, bin_code, gs1, order_draft, place_orders)


def test_one_order_is_picked_scan_by_scan(db, system, shop, supervisor, station):
    [number] = place_orders(db, system, order_draft("w-1", ("APL-1", 3), ("MLK-1", 2), ("FSH-1", 2)))
    planned = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    assert [(p.kind, p.orders, p.tasks) for p in planned] == [("order", 1, 3)]
    view = station.take_next(shop.warehouse.id)
    assert view.state == "claimed" and view.claimed_by == station.actor.username
    assert [task.bin_code for task in view.tasks] == ["SH-A-01", "SH-C-01", "SH-C-01"]   # the pick path
    assert view.current.sku == "APL-1"

    assert station.scan(bin_code("SH-A-01")).code == "bin"
    for _ in range(3):
        outcome = station.scan(APPLE_GTIN[1:])        # EAN-13 as printed on the apple
        assert outcome.accepted, outcome.message
    assert outcome.code == "task_done"
    current = outcome.view.current
    assert current.sku in ("MLK-1", "FSH-1")
    assert station.scan(bin_code("SH-C-01")).accepted
    while (view := station.scan(bin_code(outcome.view.current.bin_code)).view).current is not None:
        task = view.current
        if task.sku == "MLK-1":
            outcome = station.scan(gs1(MILK_GTIN, lot=task.lot_number))
            assert outcome.accepted, outcome.message
            outcome = station.scan("2")
        else:
            outcome = station.scan(gs1(SALMON_GTIN, weight_g=262))
            assert outcome.accepted, outcome.message
            outcome = station.scan(gs1(SALMON_GTIN, weight_g=241))
        assert outcome.accepted, outcome.message
        if outcome.list_done:
            break
    assert outcome.code == "list_done" and outcome.view.state == "done"
    order = get_order(db, system, number=number)
    assert order.state == "picked"
    with db.session() as session:
        lines = {line.sku: line for line in session.execute(select(OrderLine).join(Order).where(
            Order.number == number)).scalars()}
        assert {sku: (line.state, line.picked_quantity, line.picked_pieces) for sku, line in lines.items()} == {
            "APL-1": ("picked", 3, 3), "MLK-1": ("picked", 2, 2), "FSH-1": ("picked", 503, 2)}
        # the salmon's price follows the weight: 2 x 250 g ordered at 32.00 each -> 503 g = 64.38
        assert lines["FSH-1"].picked_price_cents == 6438
        assert lines["MLK-1"].picked_price_cents == 2 * 1590
        packing = session.execute(select(func.sum(StockQuant.on_hand), func.sum(StockQuant.reserved))
                                  .join(Bin, Bin.id == StockQuant.bin_id).where(Bin.kind == "packing")).one()
        assert tuple(packing) == (3 + 2 + 503, 3 + 2 + 503)   # in the packing area, held for the order
        held = session.execute(select(func.count()).select_from(StockReservation)
                               .where(StockReservation.reference.like(f"{number}/%"),
                                      StockReservation.status == "active")).scalar_one()
        assert held == 3       # one reservation per line and lot, now in the packing area
        assert session.execute(select(func.count()).select_from(PickScan)).scalar_one() >= 9
    assert stock_queries.verify(db, system) == []
