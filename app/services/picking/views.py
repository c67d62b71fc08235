"""What a picking station shows: a pick list with its tasks, the current one, and the orders' totes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import NotFound
from app.i18n import _
from app.permissions import Action, require
from app.services.context import Actor
from app.services.picking.common import BINS, LINES, LIST_ORDERS, LISTS, LOTS, ORDERS, PRODUCTS, SCANS, TASKS


@dataclass(frozen=True)
class TaskView:
    id: int
    position: int
    state: str
    order_id: int
    order_number: str
    line_no: int
    tote_code: str
    bin_id: int
    bin_code: str
    product_id: int
    sku: str
    name_en: str
    name_zh: str
    unit: str
    temperature_class: str
    nominal_weight_g: int | None
    lot_number: str
    expiry_date: date
    quantity: int
    pieces: int
    picked_quantity: int
    picked_pieces: int

    @property
    def weighed(self) -> bool:
        return self.unit == "weighed"

    @property
    def to_pick(self) -> int:
        """Units of sale still to pick: pieces (weighed goods: pieces of any weight)."""
        return max(0, self.pieces - self.picked_pieces)


@dataclass(frozen=True)
class SubstituteOffer:
    """A substitute proposed for a short task, waiting for the picker's yes or no."""

    task_id: int
    product_id: int
    sku: str
    name_en: str
    name_zh: str
    pieces: int


@dataclass(frozen=True)
class OrderOnList:
    order_id: int
    number: str
    position: int
    tote_code: str
    state: str


@dataclass(frozen=True)
class PickListView:
    id: int
    kind: str
    state: str
    warehouse_id: int
    delivery_date: date | None
    delivery_slot: str
    temperature_class: str
    claimed_by: str
    claimed_station: str
    claimed_until: datetime | None
    at_bin_id: int | None
    reserved_lot_missing: bool
    current_task_id: int | None
    tasks: tuple[TaskView, ...]
    orders: tuple[OrderOnList, ...]
    offer: SubstituteOffer | None = None

    @property
    def code(self) -> str:
        return f"PL-{self.id}"

    @property
    def current(self) -> TaskView | None:
        return next((task for task in self.tasks if task.id == self.current_task_id), None)

    @property
    def done_tasks(self) -> int:
        return sum(1 for task in self.tasks if task.state != "open")

    @property
    def finished(self) -> bool:
        return self.state in ("done", "cancelled")


@dataclass(frozen=True)
class PickListSummary:
    id: int
    kind: str
    state: str
    delivery_date: date | None
    delivery_slot: str
    temperature_class: str
    orders: int
    tasks: int
    open_tasks: int
    claimed_by: str
    claimed_station: str
    claimed_until: datetime | None


#: a list, its tasks and their orders in one round trip (a scan's answer carries the whole list): the list's
#: columns repeat on every task row; outer joins keep the list row when it has no task
_VIEW_ROWS = (
    select(*(column.label(f"list_{column.name}") for column in LISTS.c),
           TASKS.c.id, TASKS.c.position, TASKS.c.state, TASKS.c.order_id, LINES.c.line_no, TASKS.c.bin_id,
           BINS.c.code.label("bin_code"), TASKS.c.product_id, PRODUCTS.c.sku, PRODUCTS.c.name_en, PRODUCTS.c.name_zh,
           PRODUCTS.c.unit, PRODUCTS.c.temperature_class, PRODUCTS.c.nominal_weight_g, LOTS.c.lot_number,
           LOTS.c.expiry_date, TASKS.c.quantity, TASKS.c.pieces, TASKS.c.picked_quantity, TASKS.c.picked_pieces,
           ORDERS.c.number.label("order_number"), ORDERS.c.state.label("order_state"),
           LIST_ORDERS.c.position.label("order_position"), LIST_ORDERS.c.tote_code)
    .select_from(LISTS.outerjoin(TASKS, TASKS.c.pick_list_id == LISTS.c.id)
                 .outerjoin(LINES, LINES.c.id == TASKS.c.order_line_id)
                 .outerjoin(BINS, BINS.c.id == TASKS.c.bin_id)
                 .outerjoin(PRODUCTS, PRODUCTS.c.id == TASKS.c.product_id)
                 .outerjoin(LOTS, LOTS.c.id == TASKS.c.lot_id)
                 .outerjoin(ORDERS, ORDERS.c.id == TASKS.c.order_id)
                 .outerjoin(LIST_ORDERS, (LIST_ORDERS.c.pick_list_id == LISTS.c.id)
                            & (LIST_ORDERS.c.order_id == TASKS.c.order_id)))
    .where(LISTS.c.id == bindparam("pick_list_id"))
    .order_by(TASKS.c.position)
)


def build_view(session: Session, pick_list_id: int) -> PickListView:
    rows = session.execute(_VIEW_ROWS, {"pick_list_id": pick_list_id}).all()
    if not rows:
        raise NotFound(_("Pick list {id} does not exist.").format(id=pick_list_id))
    first = rows[0]
    head = SimpleNamespace(**{column.name: getattr(first, f"list_{column.name}") for column in LISTS.c})
    task_rows = [row for row in rows if row.id is not None]
    by_order = {row.order_id: OrderOnList(row.order_id, row.order_number, row.order_position, row.tote_code or "",
                                          row.order_state) for row in task_rows}
    orders = tuple(sorted(by_order.values(), key=lambda order: order.position))
    tasks = tuple(TaskView(
        row.id, row.position, row.state, row.order_id, row.order_number, row.line_no, row.tote_code or "",
        row.bin_id, row.bin_code, row.product_id, row.sku, row.name_en, row.name_zh, row.unit,
        row.temperature_class, row.nominal_weight_g, row.lot_number, row.expiry_date, row.quantity, row.pieces,
        row.picked_quantity, row.picked_pieces) for row in task_rows)
    offer = None
    if head.offer_task_id is not None:
        from app.services.picking.shortage import shortfall_pieces

        product = session.execute(select(PRODUCTS.c.sku, PRODUCTS.c.name_en, PRODUCTS.c.name_zh)
                                  .where(PRODUCTS.c.id == head.offer_product_id)).one()
        line_id = session.execute(select(TASKS.c.order_line_id).where(TASKS.c.id == head.offer_task_id)).scalar_one()
        offer = SubstituteOffer(head.offer_task_id, head.offer_product_id, product.sku, product.name_en,
                                product.name_zh, shortfall_pieces(session, line_id))
    return PickListView(head.id, head.kind, head.state, head.warehouse_id, head.delivery_date, head.delivery_slot,
                        head.temperature_class, head.claimed_by, head.claimed_station, head.claimed_until,
                        head.at_bin_id, head.reserved_lot_missing, head.current_task_id, tasks, orders, offer)


def pick_list(db: Database, actor: Actor, pick_list_id: int) -> PickListView:
    """A pick list as its station shows it (with the orders on it: pickers and supervisors)."""
    require(actor, Action.PICK)
    return db.read(lambda session: build_view(session, pick_list_id))


def pick_lists(db: Database, actor: Actor, warehouse_id: int | None = None, *,
               states: tuple[str, ...] = ("open", "claimed"), limit: int = 500) -> list[PickListSummary]:
    """Pick lists in these states, the oldest delivery first (for supervisors and the CLI)."""
    require(actor, Action.STOCK_VIEW)

    def work(session: Session) -> list[PickListSummary]:
        shown = [LISTS.c.state.in_(states)]
        if warehouse_id is not None:
            shown.append(LISTS.c.warehouse_id == warehouse_id)
        # counted for the lists shown only: the tasks of every list ever picked would be counted otherwise
        wanted = select(LISTS.c.id).where(*shown)
        counts = (select(TASKS.c.pick_list_id, func.count().label("tasks"),
                         func.sum(case((TASKS.c.state == "open", 1), else_=0)).label("open_tasks"))
                  .where(TASKS.c.pick_list_id.in_(wanted)).group_by(TASKS.c.pick_list_id).subquery())
        members = (select(LIST_ORDERS.c.pick_list_id, func.count().label("orders"))
                   .where(LIST_ORDERS.c.pick_list_id.in_(wanted)).group_by(LIST_ORDERS.c.pick_list_id).subquery())
        query = (select(LISTS, counts.c.tasks, counts.c.open_tasks, members.c.orders)
                 .outerjoin(counts, counts.c.pick_list_id == LISTS.c.id)
                 .outerjoin(members, members.c.pick_list_id == LISTS.c.id)
                 .where(*shown)
                 .order_by(LISTS.c.delivery_date, LISTS.c.delivery_slot, LISTS.c.id).limit(limit))
        return [PickListSummary(row.id, row.kind, row.state, row.delivery_date, row.delivery_slot,
                                row.temperature_class, row.orders or 0, row.tasks or 0, int(row.open_tasks or 0),
                                row.claimed_by, row.claimed_station, row.claimed_until)
                for row in session.execute(query)]

    return db.read(work)


def next_scan_seq(db: Database, station: str) -> int:
    """The next scan sequence number of a station (its scans are numbered 1, 2, ... across restarts)."""
    return db.read(lambda session: (session.execute(select(func.max(SCANS.c.seq))
                                                    .where(SCANS.c.station == station)).scalar() or 0) + 1)


@dataclass(frozen=True)
class ScanLogEntry:
    id: int
    seq: int
    at: datetime
    username: str
    action: str
    outcome: str
    code: str
    message: str
    raw: str
    quantity: int
    pieces: int
    weight_g: int | None
    undone: bool


def scan_log(db: Database, actor: Actor, pick_list_id: int, limit: int = 200) -> list[ScanLogEntry]:
    """The newest scans of a list first (what happened at the station, for the picker and a supervisor)."""
    require(actor, Action.STOCK_VIEW)
    return db.read(lambda session: [ScanLogEntry(
        row.id, row.seq, row.at, row.username, row.action, row.outcome, row.code, row.message, row.raw, row.quantity,
        row.pieces, row.weight_g, row.undone) for row in session.execute(
        select(SCANS).where(SCANS.c.pick_list_id == pick_list_id).order_by(SCANS.c.id.desc()).limit(limit))])
