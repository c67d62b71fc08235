"""Allocation: reserve an order's lines FEFO in the warehouse that serves it, else in a fallback.

The serving warehouse is the one whose delivery-region prefix is the longest
match for the postal code. When it cannot reserve the whole order, the other
active warehouses are tried in their fallback order (``fallback_rank``, then
code) and the order moves only to one that can reserve all of it. When none
can, the order keeps what the serving warehouse could reserve (so that stock
stays held for it) and goes to the exception queue with one finding per short
line, saying what is missing.

Reservation references are ``<order number>/<line no>``; an order's
reservations are always released in product order, like they are taken, so
two stations never deadlock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app import clock
from app.models import Bin, DeliveryRegion, Lot, Product, StockQuant, Warehouse
from app.services.context import Actor
from app.services.orders.review_types import Finding
from app.services.stock.queries import format_quantity
from app.services.stock.reservations import BatchLineRequest, earliest_acceptable_expiry, release_matching_in_session, reserve_batch_in_session

STOCK_RULE = "stock"


def line_reference(order_number: str, line_no: int) -> str:
    return f"{order_number}/{line_no}"


@dataclass(frozen=True)
class Region:
    prefix: str
    warehouse_id: int
    warehouse_code: str


@dataclass(frozen=True)
class WarehouseMap:
    """Postal-code prefixes of the active warehouses, and the fallback order."""

    by_prefix: dict[str, Region]
    fallback_order: tuple[tuple[int, str], ...]
    longest_prefix: int

    def serving(self, postal_code: str) -> Region | None:
        code = postal_code.strip().replace(" ", "")
        for length in range(min(len(code), self.longest_prefix), 0, -1):
            region = self.by_prefix.get(code[:length])
            if region is not None:
                return region
        return None

    def code_of(self, warehouse_id: int) -> str:
        return next((code for wid, code in self.fallback_order if wid == warehouse_id), "")


def load_warehouse_map(session: Session) -> WarehouseMap:
    rows = session.execute(
        select(DeliveryRegion.postal_prefix, Warehouse.id, Warehouse.code).join(Warehouse)
        .where(Warehouse.active.is_(True))).all()
    order = tuple(session.execute(select(Warehouse.id, Warehouse.code).where(Warehouse.active.is_(True))
                                  .order_by(Warehouse.fallback_rank, Warehouse.code)))
    by_prefix = {row.postal_prefix: Region(row.postal_prefix, row.id, row.code) for row in rows}
    return WarehouseMap(by_prefix, order, max((len(p) for p in by_prefix), default=0))


@dataclass(frozen=True)
class LineToAllocate:
    line_no: int
    product_id: int
    sku: str
    unit: str
    base_quantity: int


@dataclass
class OrderToAllocate:
    number: str
    warehouse_id: int
    delivery_date: date
    lines: Sequence[LineToAllocate]
    # filled by allocate_in_session
    reserved: dict[int, int] = field(default_factory=dict)   # line no -> base units reserved
    findings: list[Finding] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.findings


def _requests(order: OrderToAllocate, warehouse_id: int) -> list[BatchLineRequest]:
    return [BatchLineRequest(warehouse_id, line.product_id, line.base_quantity, line_reference(order.number,
                                                                                              line.line_no),
                             order.delivery_date) for line in order.lines if line.base_quantity > 0]


def _reserve(session: Session, actor: Actor, orders: list[OrderToAllocate], warehouse_of) -> list[dict[int, int]]:
    """Reserve every order's lines in one pass; returns per order line no -> reserved."""
    requests, owners = [], []
    for index, order in enumerate(orders):
        for request in _requests(order, warehouse_of(order)):
            requests.append(request)
            owners.append((index, int(request.reference.rsplit("/", 1)[1])))
    reserved: list[dict[int, int]] = [dict() for _order in orders]
    for (index, line_no), result in zip(owners, reserve_batch_in_session(session, actor, requests, with_ids=False),
                                        strict=True):
        reserved[index][line_no] = reserved[index].get(line_no, 0) + result.reserved
    return reserved


def _short_lines(order: OrderToAllocate, reserved: dict[int, int]) -> list[LineToAllocate]:
    return [line for line in order.lines if reserved.get(line.line_no, 0) < line.base_quantity]


def release_order_in_session(session: Session, actor: Actor, order_number: str, reason: str,
                             line_nos: Sequence[int] | None = None, *, warehouse_id: int | None = None) -> int:
    """Release the active reservations of an order (or of some of its lines), in product order."""
    references = None if line_nos is None else {line_reference(order_number, no) for no in line_nos}
    return release_matching_in_session(session, actor, f"{order_number}/", reason, references=references,
                                       warehouse_id=warehouse_id)


def allocate_in_session(session: Session, actor: Actor, orders: list[OrderToAllocate], warehouses: WarehouseMap,
                        *, use_fallback: bool = True) -> None:
    """Reserve each order in its warehouse (or a fallback); set ``reserved``, ``findings`` and ``warehouse_id``."""
    if not orders:
        return
    first = _reserve(session, actor, orders, lambda order: order.warehouse_id)
    for order, reserved in zip(orders, first, strict=True):
        order.reserved = reserved
    short = [order for order in orders if _short_lines(order, order.reserved)]
    if use_fallback and short and len(warehouses.fallback_order) > 1:
        _move_to_fallbacks(session, actor, short, warehouses)
    for order in orders:
        order.findings = [_short_finding(line, order.reserved.get(line.line_no, 0))
                          for line in _short_lines(order, order.reserved)]


def _move_to_fallbacks(session: Session, actor: Actor, short: list[OrderToAllocate],
                       warehouses: WarehouseMap) -> None:
    """Move each short order to the first fallback warehouse with free stock for all of it, then reserve there.

    One read of the fallback warehouses' reservable stock for the products involved; orders claim it in
    turn, so two orders of the batch are not promised the same stock.
    """
    product_ids = sorted({line.product_id for order in short for line in order.lines})
    stock: dict[tuple[int, int], list[list]] = {}  # (warehouse, product) -> [[expiry, free, min days], ...]
    for warehouse_id, product_id, available, expiry, min_days in session.execute(
            select(StockQuant.warehouse_id, StockQuant.product_id, StockQuant.on_hand - StockQuant.reserved,
                   Lot.expiry_date, Product.min_remaining_shelf_life_days)
            .join(Lot, Lot.id == StockQuant.lot_id).join(Bin, Bin.id == StockQuant.bin_id)
            .join(Product, Product.id == StockQuant.product_id)
            .where(StockQuant.product_id.in_(product_ids), StockQuant.on_hand > StockQuant.reserved,
                   Lot.quarantined.is_(False), Bin.active.is_(True), Bin.kind == "storage",
                   Lot.expiry_date >= clock.today())
            .order_by(Lot.expiry_date)):
        stock.setdefault((warehouse_id, product_id), []).append([expiry, available, min_days])
    moved: list[OrderToAllocate] = []
    for order in short:
        for warehouse_id, _code in warehouses.fallback_order:
            if warehouse_id != order.warehouse_id and _claim_if_enough(stock, warehouse_id, order):
                release_order_in_session(session, actor, order.number, "moved to a fallback warehouse")
                order.warehouse_id = warehouse_id
                moved.append(order)
                break
    if moved:
        for order, reserved in zip(moved, _reserve(session, actor, moved, lambda o: o.warehouse_id), strict=True):
            order.reserved = reserved


def _claim_if_enough(stock: dict[tuple[int, int], list[list]], warehouse_id: int, order: OrderToAllocate) -> bool:
    """Take the order's quantities from the in-memory free stock of ``warehouse_id`` if all of it is there."""
    plan: list[tuple[list, int]] = []
    taken: dict[int, int] = {}  # id(entry) -> amount already planned from it
    for line in order.lines:
        need = line.base_quantity
        for entry in stock.get((warehouse_id, line.product_id), ()):
            expiry, free, min_days = entry
            free -= taken.get(id(entry), 0)
            if need <= 0:
                break
            if free <= 0 or expiry < earliest_acceptable_expiry(min_days, order.delivery_date):
                continue
            amount = min(need, free)
            plan.append((entry, amount))
            taken[id(entry)] = taken.get(id(entry), 0) + amount
            need -= amount
        if need > 0:
            return False
    for entry, amount in plan:
        entry[1] -= amount
    return True


def _short_finding(line: LineToAllocate, reserved: int) -> Finding:
    missing = line.base_quantity - reserved
    return Finding(STOCK_RULE, f"line:{line.line_no}", _(
        "Insufficient stock: {sku} needs {needed}, {reserved} reserved, {missing} missing.").format(
        sku=line.sku, needed=format_quantity(line.unit, line.base_quantity),
        reserved=format_quantity(line.unit, reserved), missing=format_quantity(line.unit, missing)))
