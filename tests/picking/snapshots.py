"""What the picking tests compare: the whole picking and stock state of a test database, and its checks.

``state(db)`` is everything a scan may change except the scan log itself (and a claim's renewal time):
stock quantities, reservations, ledger rows, tasks, lists, totes, order lines and orders. A rejected scan
must leave it exactly as it was.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import (Order, OrderLine, PickList, PickListOrder, PickScan, PickTask, StockMove, StockQuant,
                        StockReservation)
from app.services.context import Actor
from app.services.stock import queries as stock_queries


def _rows(session, query) -> tuple:
    return tuple(tuple(row) for row in session.execute(query))


def state(db) -> dict[str, tuple]:
    def work(session):
        return {
            "quants": _rows(session, select(StockQuant.id, StockQuant.on_hand, StockQuant.reserved)
                            .order_by(StockQuant.id)),
            "reservations": _rows(session, select(StockReservation.id, StockReservation.reference,
                                                  StockReservation.quant_id, StockReservation.quantity,
                                                  StockReservation.status).order_by(StockReservation.id)),
            "moves": _rows(session, select(func.count(), func.coalesce(func.max(StockMove.id), 0))
                           .select_from(StockMove)),
            "tasks": _rows(session, select(PickTask.id, PickTask.state, PickTask.position, PickTask.quant_id,
                                           PickTask.lot_id, PickTask.reservation_id, PickTask.quantity,
                                           PickTask.pieces, PickTask.picked_quantity, PickTask.picked_pieces)
                           .order_by(PickTask.id)),
            "lists": _rows(session, select(PickList.id, PickList.state, PickList.claimed_by,
                                           PickList.current_task_id, PickList.at_bin_id,
                                           PickList.reserved_lot_missing, PickList.offer_task_id,
                                           PickList.offer_product_id).order_by(PickList.id)),
            "totes": _rows(session, select(PickListOrder.id, PickListOrder.tote_code).order_by(PickListOrder.id)),
            "lines": _rows(session, select(OrderLine.id, OrderLine.state, OrderLine.picked_quantity,
                                           OrderLine.picked_pieces, OrderLine.picked_price_cents)
                           .order_by(OrderLine.id)),
            "orders": _rows(session, select(Order.id, Order.state).order_by(Order.id)),
        }

    return db.read(work)


def scan_count(db) -> int:
    return db.read(lambda session: session.execute(select(func.count()).select_from(PickScan)).scalar_one())


def assert_clean(db) -> None:
    """``freshflow stock verify``: every quant equals its ledger and its active reservations; nothing negative."""
    system = Actor.system("test")
    differences = stock_queries.verify(db, system)
    assert differences == [], [difference.describe() for difference in differences]
    for quant_id, on_hand, reserved in state(db)["quants"]:
        assert on_hand >= 0 and 0 <= reserved <= on_hand, (quant_id, on_hand, reserved)


def quant_of(db, bin_id: int, lot_number: str) -> tuple[int, int]:
    """(on hand, reserved) of one bin and lot."""
    from app.models import Lot

    return db.read(lambda session: tuple(session.execute(
        select(StockQuant.on_hand, StockQuant.reserved).join(Lot, Lot.id == StockQuant.lot_id)
        .where(StockQuant.bin_id == bin_id, Lot.lot_number == lot_number)).one()))


def active_reservations(db, reference_prefix: str) -> dict[str, list[tuple[int, int]]]:
    """reference → [(quant id, quantity)] of the active reservations of an order (``"<number>/"``)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for reference, quant_id, quantity in db.read(lambda session: session.execute(
            select(StockReservation.reference, StockReservation.quant_id, StockReservation.quantity)
            .where(StockReservation.reference.like(reference_prefix + "%"), StockReservation.status == "active")
            .order_by(StockReservation.id)).all()):
        found.setdefault(reference, []).append((quant_id, quantity))
    return found


def order_state(db, number: str) -> str:
    return db.read(lambda session: session.execute(select(Order.state).where(Order.number == number)).scalar_one())


def lines_of(db, number: str) -> dict[int, OrderLine]:
    return db.read(lambda session: {line.line_no: line for line in session.execute(
        select(OrderLine).join(Order, Order.id == OrderLine.order_id).where(Order.number == number)).scalars()})
