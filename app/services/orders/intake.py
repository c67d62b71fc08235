"""Order intake: read a file (or drafts), review, number, allocate, confirm — in batches.

Each batch of orders is one transaction: the orders, their lines, their
reservations and ledger rows, the confirmation messages in the outbox and one
audit entry per order are committed together or not at all. A process killed
mid-file therefore leaves whole batches; the rerun skips what is there, since
an order is unique on (channel, external id).

Two importers racing on the same file: on SQLite the write lock makes the
"already imported?" check exact; on PostgreSQL the second INSERT of the same
key waits for the first transaction and then fails, the batch is rolled back
and run again, and then finds those orders imported.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import String, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import clock
from app.db.bulk import bulk_insert
from app.db.database import Database
from app.errors import ConflictError, ValidationError
from app.i18n import _
from app.importers.draft import DraftError, ImportFileError, OrderDraft
from app.models import Bin, Lot, Order, OrderLine, Product, StockQuant, utcnow
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor
from app.services.orders import confirmations
from app.services.orders.allocation import WarehouseMap, allocate_in_session, load_warehouse_map
from app.services.orders.numbering import take_numbers
from app.services.orders.prepared import (PreparedOrder, place, plausibility_error, prepare_draft, review_subject,
                                          to_allocate, with_latest_expiry)
from app.services.orders.review import review
from app.services.orders.review_settings import ReviewSettings
from app.services.orders.review_types import Finding, ProductFacts
from app.services.orders.shared_settings import IntakeSettings, intake_settings_in, review_settings_in
from app.services.orders.slots import local_today

log = logging.getLogger(__name__)

_ORDERS, _LINES = Order.__table__, OrderLine.__table__
_RACE_RETRIES = 5


class FileRejected(ValidationError):
    """The whole file was refused (nothing from it imported); the message names the problem."""

    def __init__(self, path: Path, message: str, *, report: "ImportReport | None" = None):
        super().__init__(_("{file} was rejected: {problem}").format(file=path.name, problem=message), "file")
        self.path = path
        self.problem = message
        self.report = report


@dataclass(frozen=True)
class RejectedOrder:
    position: int
    external_id: str
    message: str


@dataclass
class ImportReport:
    source: str = ""
    format: str = ""
    found: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: list[RejectedOrder] = field(default_factory=list)
    states: Counter = field(default_factory=Counter)
    exceptions_by_reason: Counter = field(default_factory=Counter)
    numbers: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "source": self.source, "format": self.format, "found": self.found, "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": [{"position": r.position, "external_id": r.external_id, "reason": r.message}
                         for r in self.rejected],
            "states": dict(sorted(self.states.items())),
            "exceptions_by_reason": dict(sorted(self.exceptions_by_reason.items())),
            "first_number": self.numbers[0] if self.numbers else None,
            "last_number": self.numbers[-1] if self.numbers else None,
        }

    def merge(self, other: "ImportReport") -> None:
        self.found += other.found
        self.imported += other.imported
        self.duplicates += other.duplicates
        self.rejected.extend(other.rejected)
        self.states.update(other.states)
        self.exceptions_by_reason.update(other.exceptions_by_reason)
        self.numbers.extend(other.numbers)
        self.duplicate_ids.extend(other.duplicate_ids[:100])


Progress = Callable[[int, int], None]


@dataclass
class IntakeContext:
    """What every batch of one import shares, read once: catalogue, regions, settings."""

    products: dict[str, ProductFacts]
    warehouses: WarehouseMap
    review_settings: ReviewSettings
    intake_settings: IntakeSettings

    @classmethod
    def load(cls, session: Session) -> "IntakeContext":
        products = {
            row.sku: ProductFacts(row.id, row.sku, row.name_en, row.name_zh, row.active, row.unit,
                                  row.nominal_weight_g, row.price_cents, row.shelf_life_days,
                                  row.min_remaining_shelf_life_days)
            for row in session.execute(select(Product.id, Product.sku, Product.name_en, Product.name_zh,
                                              Product.active, Product.unit, Product.nominal_weight_g,
                                              Product.price_cents, Product.shelf_life_days,
                                              Product.min_remaining_shelf_life_days))
        }
        return cls(products, load_warehouse_map(session), review_settings_in(session), intake_settings_in(session))


def import_file(db: Database, actor: Actor, path: Path, format: str = "auto", *, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Import every order of ``path``. A file that cannot be read is refused whole (``FileRejected``)."""
    require(actor, Action.ORDER_IMPORT)
    path = Path(path)
    context = db.read(IntakeContext.load)
    from app.importers import open_orders  # the file readers load only when a file is imported

    try:
        source = open_orders(path, format, context.intake_settings.import_options())
        total = source.check()
    except ImportFileError as error:
        raise FileRejected(path, error.message) from error
    except OSError as error:
        raise FileRejected(path, error.strerror or str(error)) from error
    report = ImportReport(source=str(path), format=source.format)
    try:
        import_drafts(db, actor, source, context=context, total=total, progress=progress, cancelled=cancelled,
                      report=report)
    except ImportFileError as error:  # the file changed after the check (still being written, cut off)
        raise FileRejected(path, _("{problem} The file changed while it was imported: {n} of its orders were "
                                   "imported before that point; importing the complete file again skips them.")
                           .format(problem=error.message, n=report.imported), report=report) from error
    return report


def import_drafts(db: Database, actor: Actor, drafts: Iterable[OrderDraft | DraftError], *,
                  context: IntakeContext | None = None, total: int = 0, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None, now: datetime | None = None,
                  report: ImportReport | None = None) -> ImportReport:
    """Import drafts in batches of ``batch_size`` orders (one transaction each); ``report`` is filled as
    batches commit, so a caller still knows what was imported when the drafts stop with an error."""
    require(actor, Action.ORDER_IMPORT)
    context = context or db.read(IntakeContext.load)
    report = report if report is not None else ImportReport()
    done = 0
    for batch in _batches(drafts, context.intake_settings.batch_size, report):
        if cancelled is not None and cancelled():
            break
        report.merge(_import_batch(db, actor, batch, context, now))
        done += len(batch)
        if progress is not None:
            progress(done + len(report.rejected), total)
    return report


def _batches(drafts: Iterable[OrderDraft | DraftError], size: int, report: ImportReport) -> Iterator[list]:
    batch: list[OrderDraft] = []
    for item in drafts:
        if isinstance(item, DraftError):
            report.found += 1
            report.rejected.append(RejectedOrder(item.position, item.external_id, item.message))
            continue
        problem = plausibility_error(item)
        if problem:
            report.found += 1
            report.rejected.append(RejectedOrder(item.position, item.external_id, problem))
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _RaceLost(Exception):
    """Another importer committed some of this batch's orders while it ran; run the batch again."""


def _import_batch(db: Database, actor: Actor, drafts: list[OrderDraft], context: IntakeContext,
                  now: datetime | None) -> ImportReport:
    for attempt in range(_RACE_RETRIES):
        try:
            return db.transaction(lambda session: _import_in_session(session, actor, drafts, context, now))
        except _RaceLost:
            if attempt == _RACE_RETRIES - 1:
                raise ConflictError(_("Another station kept importing the same orders; import the file again."))
            log.info("import race on batch starting at position %s; running it again", drafts[0].position)
    raise AssertionError("unreachable")


def _import_in_session(session: Session, actor: Actor, drafts: list[OrderDraft], context: IntakeContext,
                       now: datetime | None) -> ImportReport:
    report = ImportReport(found=len(drafts))
    received_at = now or utcnow()
    existing = _existing_keys(session, drafts)
    fresh: list[OrderDraft] = []
    for draft in drafts:
        key = (draft.channel, draft.external_id)
        if key in existing:
            report.duplicates += 1
            report.duplicate_ids.append(draft.external_id)
            continue
        existing.add(key)
        fresh.append(draft)
    if not fresh:
        return report
    settings = context.review_settings
    orders = [prepare_draft(draft, received_at, context.products) for draft in fresh]
    for order in orders:
        place(order, context.warehouses, settings)
    for order, number in zip(orders, take_numbers(session, local_today(received_at, settings), len(orders)),
                             strict=True):
        order.number = number
    attach_latest_expiry(session, orders)
    _mark_duplicates(session, orders, settings)
    findings = [review(review_subject(order), settings) for order in orders]
    to_reserve = [to_allocate(order) for order, found in zip(orders, findings, strict=True) if not found]
    allocate_in_session(session, actor, to_reserve, context.warehouses,
                        use_fallback=context.intake_settings.use_fallback_warehouses)
    allocation = {item.number: item for item in to_reserve}
    for order, found in zip(orders, findings, strict=True):
        allocated = allocation.get(order.number)
        if allocated is not None:
            found.extend(allocated.findings)
            order.warehouse_id = allocated.warehouse_id
    write_orders(session, actor, orders, findings, allocation, received_at)
    for order, found in zip(orders, findings, strict=True):
        state = "exception" if found else "allocated"
        report.states[state] += 1
        report.exceptions_by_reason.update({finding.rule for finding in found})
        report.numbers.append(order.number)
    report.imported = len(orders)
    return report


def _existing_keys(session: Session, drafts: list[OrderDraft]) -> set[tuple[str, str]]:
    """(channel, external id) of the batch's orders that are already imported: one indexed lookup per channel
    (an array parameter on PostgreSQL instead of a 1,000-pair row-value IN list)."""
    by_channel: dict[str, list[str]] = {}
    for draft in drafts:
        by_channel.setdefault(draft.channel, []).append(draft.external_id)
    postgres = session.get_bind().dialect.name == "postgresql"
    existing: set[tuple[str, str]] = set()
    for channel, ids in by_channel.items():
        ids = sorted(set(ids))
        match = (_ORDERS.c.external_id == any_(bindparam("ids", ids, type_=ARRAY(String)))) if postgres \
            else _ORDERS.c.external_id.in_(ids)
        existing.update((channel, found) for found in session.execute(
            select(_ORDERS.c.external_id).where(_ORDERS.c.channel == channel, match)).scalars())
    return existing


def write_orders(session: Session, actor: Actor, orders: list[PreparedOrder], findings: list[list[Finding]],
                 allocation: dict, received_at: datetime) -> None:
    """Insert the orders, their lines, confirmations and audit entries (multi-row statements)."""
    rows = []
    for order, found in zip(orders, findings, strict=True):
        rows.append({
            "number": order.number, "channel": order.channel, "external_id": order.external_id,
            "state": "exception" if found else "allocated", "state_reason": "",
            "review_reasons": [finding.to_json() for finding in found], "customer_id": None,
            "customer_name": order.customer_name, "phone": order.phone, "email": order.email,
            "language": order.language, "has_address": order.has_address, "address_line1": order.address_line1,
            "address_line2": order.address_line2, "city": order.city, "province": order.province,
            "postal_code": order.postal_code, "country": order.country, "delivery_date": order.delivery_date,
            "delivery_slot": order.delivery_slot, "slot_assigned": order.slot_assigned,
            "warehouse_id": order.warehouse_id, "payment_status": order.payment_status, "currency": order.currency,
            "total_cents": order.total_cents, "note": order.note, "partial_allowed": False,
            "substitutions_allowed": order.substitutions_allowed,
            "fingerprint": order.fingerprint, "placed_at": order.placed_at, "received_at": received_at,
            "state_changed_at": received_at, "claimed_by": "", "claimed_until": None, "version": 1,
        })
    try:  # a plain executemany: INSERT ... RETURNING in parameter order is one statement per row on SQLite
        bulk_insert(session, _ORDERS, rows)
    except IntegrityError as error:
        if "external_id" in str(error):
            raise _RaceLost() from error
        raise
    id_of = dict(session.execute(select(_ORDERS.c.number, _ORDERS.c.id)
                                 .where(_ORDERS.c.number.in_([order.number for order in orders]))).all())
    ids = [id_of[order.number] for order in orders]
    lines = []
    for order_id, order in zip(ids, orders, strict=True):
        reserved = allocation[order.number].reserved if order.number in allocation else {}
        for line in order.lines:
            product = line.product
            lines.append({
                "order_id": order_id, "line_no": line.line_no, "sku": line.sku, "name": line.name,
                "product_id": product.id if product else None, "quantity": line.quantity,
                "base_quantity": line.base_quantity, "reserved_quantity": reserved.get(line.line_no, 0),
                "unit_price_cents": line.unit_price_cents,
                "catalog_price_cents": product.price_cents if product else None,
                "external_line_id": line.external_line_id, "state": "cancelled" if line.cancelled else "open",
            })
    bulk_insert(session, _LINES, lines)
    confirmations.enqueue_confirmations(session, [
        (order_id, order) for order_id, order, found in zip(ids, orders, findings, strict=True) if not found])
    dialect = session.get_bind().dialect.name
    audit.record_many(session, [
        audit.entry_row(actor, "order.imported", "order", order.number, from_state="received",
                        to_state="exception" if found else "allocated", dialect=dialect,
                        details={"channel": order.channel, "external_id": order.external_id,
                                 "warehouse": order.warehouse_id, "reasons": sorted({f.rule for f in found})})
        for order, found in zip(orders, findings, strict=True)])


def attach_latest_expiry(session: Session, orders: list[PreparedOrder]) -> None:
    """Latest reservable expiry per (warehouse, product) for the batch: the shelf-life rule's fact."""
    warehouse_ids = sorted({o.warehouse_id for o in orders if o.warehouse_id is not None})
    product_ids = sorted({line.product.id for o in orders for line in o.lines if line.product is not None})
    latest: dict[tuple[int, int], date] = {}
    if warehouse_ids and product_ids:
        for warehouse_id, product_id, expiry in session.execute(
                select(StockQuant.warehouse_id, StockQuant.product_id, func.max(Lot.expiry_date))
                .join(Lot, Lot.id == StockQuant.lot_id).join(Bin, Bin.id == StockQuant.bin_id)
                .where(StockQuant.warehouse_id.in_(warehouse_ids), StockQuant.product_id.in_(product_ids),
                       StockQuant.on_hand > StockQuant.reserved, Lot.quarantined.is_(False),
                       Bin.active.is_(True), Bin.kind == "storage", Lot.expiry_date >= clock.today())
                .group_by(StockQuant.warehouse_id, StockQuant.product_id)):
            latest[(warehouse_id, product_id)] = expiry
    cache: dict = {}
    for order in orders:
        with_latest_expiry(order, latest, cache)


def _mark_duplicates(session: Session, orders: list[PreparedOrder], settings: ReviewSettings) -> None:
    """Set ``duplicate_of`` when an earlier order (stored, or earlier in this batch) has the same fingerprint
    and was placed within the window."""
    window = timedelta(hours=settings.duplicate_window_hours)
    if not window:
        return
    seen: dict[str, list[tuple[datetime, str]]] = {}
    fingerprints = sorted({order.fingerprint for order in orders})
    for fingerprint, number, placed_at, received_at in session.execute(
            select(_ORDERS.c.fingerprint, _ORDERS.c.number, _ORDERS.c.placed_at, _ORDERS.c.received_at)
            .where(_ORDERS.c.fingerprint.in_(fingerprints), _ORDERS.c.state != "cancelled")):
        seen.setdefault(fingerprint, []).append((placed_at or received_at, number))  # UTCDateTime: aware
    for order in orders:
        at = order.placed_at or order.received_at
        for earlier_at, number in seen.get(order.fingerprint, ()):
            if abs(at - earlier_at) <= window:
                order.duplicate_of = number
                break
        seen.setdefault(order.fingerprint, []).append((at, order.number))

