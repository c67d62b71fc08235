"""Demo picking: pick lists planned and picked through the real services, scan by scan.

After the demo orders are imported, in the first demo warehouse the demo
supervisor plans pick lists and the demo picker works them at a demo
station the way a person would (bin, item labels, typed counts, totes):

* two order lists picked to the end (orders ``picked``), with a wrong bin,
  a wrong product and an undo in their scan history;
* a wave of three orders (one list per temperature class) picked into totes;
* one order list half picked and still claimed by the picker (order
  ``picking``): "take next" at a picking station continues it;
* one order list and one wave planned but not started, and the other
  allocated orders left for planning, so there is something to try.

Every scan is one transaction of ``app.services.picking.scanning``, so the
stock moved to the packing area agrees with the ledger
(``freshflow stock verify``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.barcodes import encode_internal, item_label
from app.db.database import Database
from app.demo.catalog_data import DEMO_USERS, WAREHOUSES
from app.errors import ValidationError
from app.i18n import _
from app.models import Product, ProductGtin, Warehouse
from app.permissions import Role
from app.services import users
from app.services.context import Actor
from app.services.orders.queries import search_orders
from app.services.picking import claiming, planning, scanning, views
from app.services.picking.common import packing_bin_code
from app.services.picking.views import PickListView, TaskView

PICKER_STATION = "demo-pick-1"
OFFICE_STATION = "demo-office"


class DemoPickingError(RuntimeError):
    """A demo scan the services rejected though it should have been accepted (a bug in the demo or a service)."""


@dataclass(frozen=True)
class DemoPicking:
    lists_done: int = 0
    lists_claimed: int = 0
    lists_open: int = 0
    scans: int = 0


def _actor(db: Database, admin: Actor, username: str, station: str) -> Actor:
    row = next((u for u in users.list_users(db, admin) if u.username == username), None)
    if row is None:
        raise ValidationError(_("The demo user {name} is missing.").format(name=username))
    return Actor(row.id, row.username, Role(row.role), station, row.full_name)


class _Station:
    """The demo picker at a station: numbers the scans like a real station and insists they are accepted."""

    def __init__(self, db: Database, picker: Actor, warehouse_id: int, warehouse_code: str,
                 products: dict[int, tuple[str, int | None]], rng: random.Random):
        self.db, self.picker, self.warehouse_id = db, picker, warehouse_id
        self.warehouse_code = warehouse_code
        self.products = products          # product id -> (GTIN, weight tolerance in g)
        self.rng = rng
        self.seq = views.next_scan_seq(db, PICKER_STATION)
        self.scans = 0
        self.totes = 0
        self.view: PickListView | None = None

    def _next(self) -> int:
        seq, self.seq = self.seq, self.seq + 1
        self.scans += 1
        return seq

    def take_next(self) -> PickListView | None:
        self.view = claiming.take_next(self.db, self.picker, self.warehouse_id, PICKER_STATION)
        return self.view

    def scan(self, raw: str, *, expect: str | None = None) -> scanning.ScanOutcome:
        outcome = scanning.scan(self.db, self.picker, self.view.id, PICKER_STATION, self._next(), raw)
        return self._check(outcome, raw, expect)

    def do(self, action: str, *, expect: str | None = None) -> scanning.ScanOutcome:
        outcome = getattr(scanning, action)(self.db, self.picker, self.view.id, PICKER_STATION, self._next())
        return self._check(outcome, action, expect)

    def _check(self, outcome: scanning.ScanOutcome, what: str, expect: str | None) -> scanning.ScanOutcome:
        if expect is None and not outcome.accepted:
            raise DemoPickingError(f"demo scan {what!r} on pick list {self.view.id} rejected: {outcome.code} "
                                   f"{outcome.message}")
        if expect is not None and (outcome.accepted or outcome.code != expect):
            raise DemoPickingError(f"demo scan {what!r} on pick list {self.view.id}: expected the rejection "
                                   f"{expect}, got {outcome.code}")
        self.view = outcome.view
        return outcome

    # ------------------------------------------------------------------ one task

    def _label(self, task: TaskView, weight_g: int | None = None) -> str:
        gtin, _tolerance = self.products[task.product_id]
        return item_label(gtin, lot=task.lot_number, expiry=task.expiry_date, weight_g=weight_g)

    def _weight(self, task: TaskView) -> int:
        _gtin, tolerance = self.products[task.product_id]
        nominal = task.nominal_weight_g or 500
        spread = max(0, (tolerance or 0) // 2)
        # within tolerance and not above nominal: a heavier piece would need free stock beyond the reservation
        return nominal - self.rng.randint(0, spread)

    def _tote_for(self, task: TaskView) -> None:
        if self.view.kind != "wave":
            return
        member = next(order for order in self.view.orders if order.order_id == task.order_id)
        if not member.tote_code:
            self.totes += 1
            self.scan(encode_internal("tote", f"{self.warehouse_code}-T{self.totes:02d}"))

    def pick_task(self, *, wrong_bin: bool = False, wrong_item: str | None = None, undo: bool = False) -> None:
        """Pick the current task to the end; optionally with a rejected scan or an undo on the way."""
        task = self.view.current
        self._tote_for(task)
        if self.view.at_bin_id != task.bin_id:
            if wrong_bin:  # the next bin on the list (or the packing area's, when the list has one bin)
                other = next((t.bin_code for t in self.view.tasks if t.bin_code != task.bin_code),
                             packing_bin_code(self.warehouse_code))
                self.scan(encode_internal("bin", other), expect="wrong_bin")
            self.scan(encode_internal("bin", task.bin_code))
        if wrong_item is not None:
            self.scan(wrong_item, expect="wrong_item")
        if task.weighed:
            for piece in range(task.to_pick):
                self.scan(self._label(task, self._weight(task)))
                if undo and piece == 0:
                    self.do("undo")
                    undo = False
                    self.scan(self._label(task, self._weight(task)))
            return
        left = task.to_pick
        self.scan(self._label(task))
        if undo:
            self.do("undo")
            self.scan(self._label(task))
        if left > 1:
            self.scan(str(left))   # the count typed after the first label: "I took this many"

    def pick_list(self, *, stop_after: int | None = None, mistakes: tuple[str, ...] = ()) -> None:
        """Pick the claimed list to the end (or ``stop_after`` tasks); ``mistakes`` for the first tasks, in order:
        ``wrong_bin``, ``wrong_item``, ``undo`` or several joined with ``+``."""
        done = 0
        mistakes = list(mistakes)
        while self.view.current is not None and (stop_after is None or done < stop_after):
            task = self.view.current
            kinds = set(mistakes.pop(0).split("+")) if mistakes else set()
            other = next((gtin for product_id, (gtin, _tol) in sorted(self.products.items())
                          if product_id != task.product_id), None)
            self.pick_task(wrong_bin="wrong_bin" in kinds, undo="undo" in kinds,
                           wrong_item=item_label(other) if "wrong_item" in kinds and other else None)
            done += 1


def _wave_slot(rows, warehouse_code: str, size: int) -> tuple[date, str] | None:
    """The delivery date and slot with the most allocated orders of the warehouse (at least ``size``)."""
    groups: dict[tuple[date, str], int] = defaultdict(int)
    for row in rows:
        if row.warehouse_code == warehouse_code and row.delivery_date and row.delivery_slot:
            groups[(row.delivery_date, row.delivery_slot)] += 1
    best = sorted(groups.items(), key=lambda item: (-item[1], item[0]))
    return best[0][0] if best and best[0][1] >= size else None


def _allocated(db: Database, admin: Actor, warehouse_code: str) -> list:
    rows = [row for row in search_orders(db, admin, "", "allocated", limit=100_000)
            if row.warehouse_code == warehouse_code]
    return sorted(rows, key=lambda row: row.number)


def generate_demo_picking(db: Database, admin: Actor, seed: int = 1) -> DemoPicking:
    """Plan and pick in the first demo warehouse (see the module docstring); the rest stays allocated."""
    rng = random.Random(f"picking-{seed}")
    supervisor = _actor(db, admin, next(u.username for u in DEMO_USERS if u.role == "supervisor"), OFFICE_STATION)
    picker = _actor(db, admin, next(u.username for u in DEMO_USERS if u.role == "picker"), PICKER_STATION)
    code = WAREHOUSES[0].code

    def facts(session):
        warehouse_id = session.execute(select(Warehouse.id).where(Warehouse.code == code)).scalar_one()
        products = {}
        for product_id, gtin, tolerance in session.execute(
                select(Product.id, ProductGtin.gtin, Product.weight_tolerance_g)
                .join(ProductGtin, ProductGtin.product_id == Product.id).order_by(Product.id, ProductGtin.id)):
            products.setdefault(product_id, (gtin, tolerance))
        return warehouse_id, products

    warehouse_id, products = db.read(facts)
    allocated = _allocated(db, admin, code)
    if len(allocated) < 12:
        return DemoPicking()
    station = _Station(db, picker, warehouse_id, code, products, rng)
    done_orders = [row.number for row in allocated if row.line_count >= 2][:2]

    # two order lists picked to the end, with mistakes a picker makes (rejected scans) and an undo
    planning.plan_order_lists(db, supervisor, warehouse_id, order_numbers=done_orders)
    lists_done = 0
    for mistakes in (("wrong_bin+undo",), ("", "wrong_item")):
        if station.take_next() is None:
            break
        station.pick_list(mistakes=mistakes)
        lists_done += 1

    # a wave of three orders of one slot: totes, one list per temperature class
    slot = _wave_slot([row for row in allocated if row.number not in done_orders], code, 3)
    if slot is not None:
        for _planned in planning.plan_waves(db, supervisor, warehouse_id, slot[0], slot[1], limit=3):
            if station.take_next() is None:
                break
            station.pick_list()
            lists_done += 1

    # one list half picked, still claimed by the picker
    rest = _allocated(db, admin, code)
    half = next((row for row in rest if row.line_count >= 3), next((row for row in rest if row.line_count >= 2), None))
    lists_claimed = 0
    if half is not None and planning.plan_order_lists(db, supervisor, warehouse_id, order_numbers=[half.number]):
        station.take_next()
        station.pick_list(stop_after=max(1, len(station.view.tasks) // 2))
        lists_claimed = 1

    # planned, not started: an order list and a wave (for the next slot that has orders)
    lists_open = 0
    rest = _allocated(db, admin, code)
    if rest:
        lists_open += len(planning.plan_order_lists(db, supervisor, warehouse_id, order_numbers=[rest[0].number]))
    slot = _wave_slot(rest[1:], code, 2)
    if slot is not None:
        lists_open += len(planning.plan_waves(db, supervisor, warehouse_id, slot[0], slot[1], limit=2))
    return DemoPicking(lists_done, lists_claimed, lists_open, station.scans)

