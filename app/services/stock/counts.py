"""Cycle counts per zone, counted blind and approved by a supervisor.

A sheet lists every bin × lot with stock in one zone of one warehouse when it
is created. The counter sees bin, product, lot and expiry but never the
expected quantity (``sheet_for_counter``). Each count entry stores what was
counted *and* the on hand at that moment (``system_qty``), so picking and
receiving can go on during the count: on approval each line's variance is
``counted − system_qty``, applied as a ledger row of kind "count" to the
current quantity, and later movements are kept.

States: open → submitted → approved, or cancelled from open or submitted.
Only one open or submitted sheet per zone (a partial unique index).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.orm import Session

from app import clock
from app.db.database import Database
from app.errors import ConflictError, NotFound, ValidationError
from app.i18n import _
from app.models import Bin, CountLine, CountSheet, Lot, Product, StockQuant, Warehouse, utcnow
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor
from app.services.stock.ledger import (QuantKey, change_quant, ensure_lot, ensure_quant, new_batch,
                                       stock_value_cents)
from app.services.stock.operations import active_references, format_quantity

OPEN_STATES = ("open", "submitted")


# -- rows ------------------------------------------------------------------

@dataclass(frozen=True)
class CountSheetRow:
    id: int
    warehouse_id: int
    warehouse_code: str
    zone: str
    status: str
    note: str
    created_by: str
    created_at: datetime
    submitted_by: str | None
    submitted_at: datetime | None
    decided_by: str | None
    decided_at: datetime | None
    line_count: int
    counted_lines: int

    @property
    def reference(self) -> str:
        """What the sheet's ledger rows carry as their reference."""
        return sheet_reference(self.id)


@dataclass(frozen=True)
class CounterLine:
    """One line as the counter sees it: where and what, never how many are expected."""

    line_id: int
    bin_id: int
    bin_code: str
    product_id: int
    sku: str
    name_en: str
    name_zh: str
    unit: str
    lot_id: int
    lot_number: str
    expiry_date: date
    counted: int | None  # what this sheet's counter entered, None until counted
    counted_by: str | None


@dataclass(frozen=True)
class CountSheetForCounter:
    sheet: CountSheetRow
    lines: tuple[CounterLine, ...]


@dataclass(frozen=True)
class VarianceRow:
    line_id: int
    bin_id: int
    bin_code: str
    product_id: int
    sku: str
    name_en: str
    unit: str
    lot_id: int
    lot_number: str
    expiry_date: date
    expected: int | None  # on hand when the line was counted (None: not counted)
    counted: int | None
    counted_by: str | None
    counted_at: datetime | None
    on_hand_now: int
    reserved_now: int
    value_cents: int | None  # value of the variance, negative for a loss

    @property
    def variance(self) -> int | None:
        return None if self.counted is None or self.expected is None else self.counted - self.expected


@dataclass(frozen=True)
class CountApprovalRow:
    sheet: CountSheetRow
    batch: str
    adjusted_lines: int
    units_gained: int  # sum of positive variances, base units
    units_lost: int  # sum of negative variances, as a positive number
    value_cents: int  # net value of all variances


def sheet_reference(sheet_id: int) -> str:
    return f"CS:{sheet_id}"


# -- helpers ---------------------------------------------------------------

def _sheet_query():
    counts = select(CountLine.sheet_id, func.count().label("lines"),
                    func.count(CountLine.counted).label("counted")).group_by(CountLine.sheet_id).subquery()
    return (select(CountSheet.id, CountSheet.warehouse_id, Warehouse.code, CountSheet.zone, CountSheet.status,
                   CountSheet.note, CountSheet.created_by, CountSheet.created_at, CountSheet.submitted_by,
                   CountSheet.submitted_at, CountSheet.decided_by, CountSheet.decided_at,
                   func.coalesce(counts.c.lines, 0), func.coalesce(counts.c.counted, 0))
            .join(Warehouse, Warehouse.id == CountSheet.warehouse_id)
            .outerjoin(counts, counts.c.sheet_id == CountSheet.id))


def _sheet_row(session: Session, sheet_id: int) -> CountSheetRow:
    row = session.execute(_sheet_query().where(CountSheet.id == sheet_id)).one_or_none()
    if row is None:
        raise NotFound(_("Count sheet {id} does not exist.").format(id=sheet_id))
    return CountSheetRow(*row)


def _status_message(sheet: CountSheetRow) -> str:
    return {
        "submitted": _("Count sheet {id} was already submitted; ask a supervisor."),
        "approved": _("Count sheet {id} was already approved."),
        "cancelled": _("Count sheet {id} was cancelled."),
        "open": _("Count sheet {id} is still being counted; submit it first."),
    }[sheet.status].format(id=sheet.id)


def _set_status(session: Session, sheet: CountSheetRow, from_states: tuple[str, ...], values: dict) -> None:
    """Move the sheet on from one of ``from_states``; refuse if another station moved it first."""
    if sheet.status not in from_states:
        raise ConflictError(_status_message(sheet))
    changed = session.execute(
        update(CountSheet).where(and_(CountSheet.id == sheet.id, CountSheet.status.in_(from_states)))
        .values(version=CountSheet.version + 1, **values).execution_options(synchronize_session=False)).rowcount
    if changed != 1:
        raise ConflictError(_status_message(_sheet_row(session, sheet.id)))


def _lock_open_sheet(session: Session, sheet_id: int) -> CountSheetRow:
    """The sheet, held open until commit: a submit or cancel from another station waits for this entry."""
    sheet = _sheet_row(session, sheet_id)
    if sheet.status != "open":
        raise ConflictError(_status_message(sheet))
    touched = session.execute(update(CountSheet).where(and_(CountSheet.id == sheet_id, CountSheet.status == "open"))
                              .values(status=CountSheet.status).execution_options(synchronize_session=False))
    if touched.rowcount != 1:
        raise ConflictError(_status_message(_sheet_row(session, sheet_id)))
    return sheet


def _on_hand_now(session: Session, bin_id: int, lot_id: int) -> int:
    return session.execute(select(StockQuant.on_hand).where(StockQuant.bin_id == bin_id,
                                                            StockQuant.lot_id == lot_id)).scalar() or 0


def _counter_lines(session: Session, sheet_id: int, line_id: int | None = None) -> list[CounterLine]:
    query = (select(CountLine.id, CountLine.bin_id, Bin.code, CountLine.product_id, Product.sku, Product.name_en,
                    Product.name_zh, Product.unit, CountLine.lot_id, Lot.lot_number, Lot.expiry_date,
                    CountLine.counted, CountLine.counted_by)
             .join(Bin, Bin.id == CountLine.bin_id).join(Product, Product.id == CountLine.product_id)
             .join(Lot, Lot.id == CountLine.lot_id)
             .where(CountLine.sheet_id == sheet_id)
             .order_by(Bin.pick_sequence, Bin.code, Product.sku, Lot.expiry_date, CountLine.id))
    if line_id is not None:
        query = query.where(CountLine.id == line_id)
    return [CounterLine(*row) for row in session.execute(query)]


def _validate_count(counted: int) -> None:
    if not isinstance(counted, int) or isinstance(counted, bool) or counted < 0:
        raise ValidationError(_("Enter the quantity counted (0 if the bin holds none of this lot)."), "counted")


# -- creating and counting --------------------------------------------------

def create_count_sheet(db: Database, actor: Actor, warehouse_id: int, zone: str) -> CountSheetRow:
    """A new sheet for ``zone`` of a warehouse: one line per bin × lot with stock on hand now."""
    require(actor, Action.STOCK_COUNT)
    zone = (zone or "").strip(" ").upper()
    if not zone:
        raise ValidationError(_("Choose the zone to count."), "zone")

    def work(session: Session) -> CountSheetRow:
        if session.execute(select(Warehouse.id).where(Warehouse.id == warehouse_id)).scalar() is None:
            raise ValidationError(_("Choose a warehouse."), "warehouse_id")
        if session.execute(select(Bin.id).where(Bin.warehouse_id == warehouse_id, Bin.zone == zone)
                           .limit(1)).scalar() is None:
            raise ValidationError(_("The warehouse has no bins in zone {zone}.").format(zone=zone), "zone")
        existing = session.execute(select(CountSheet.id).where(
            CountSheet.warehouse_id == warehouse_id, CountSheet.zone == zone,
            CountSheet.status.in_(OPEN_STATES))).scalar()
        if existing is not None:
            raise ConflictError(_("Zone {zone} already has count sheet {id} in progress; finish or cancel it "
                                  "first.").format(zone=zone, id=existing))
        sheet = CountSheet(warehouse_id=warehouse_id, zone=zone, status="open", note="", created_by=actor.username)
        session.add(sheet)
        session.flush()  # a second sheet for the zone racing this one fails here on the unique index
        lines = session.execute(
            select(StockQuant.bin_id, StockQuant.product_id, StockQuant.lot_id)
            .join(Bin, Bin.id == StockQuant.bin_id)
            .where(StockQuant.warehouse_id == warehouse_id, Bin.zone == zone, StockQuant.on_hand > 0)
            .order_by(Bin.pick_sequence, StockQuant.id)).all()
        if lines:
            session.execute(insert(CountLine), [
                {"sheet_id": sheet.id, "bin_id": b, "product_id": p, "lot_id": lot} for b, p, lot in lines])
        audit.record(session, actor, "stock.count_created", "count_sheet", sheet.id, to_state="open",
                     details={"warehouse_id": warehouse_id, "zone": zone, "lines": len(lines)})
        return _sheet_row(session, sheet.id)

    return db.transaction(work)


def list_count_sheets(db: Database, actor: Actor, *, warehouse_id: int | None = None,
                      status: str | None = None) -> list[CountSheetRow]:
    """Newest first."""
    require(actor, Action.STOCK_COUNT)

    def work(session: Session) -> list[CountSheetRow]:
        query = _sheet_query().order_by(CountSheet.id.desc())
        if warehouse_id is not None:
            query = query.where(CountSheet.warehouse_id == warehouse_id)
        if status is not None:
            query = query.where(CountSheet.status == status)
        return [CountSheetRow(*row) for row in session.execute(query)]

    return db.read(work)


def sheet_for_counter(db: Database, actor: Actor, sheet_id: int) -> CountSheetForCounter:
    """The blind sheet: bins, products, lots and expiry in pick-path order, no expected quantities."""
    require(actor, Action.STOCK_COUNT)
    return db.read(lambda session: CountSheetForCounter(_sheet_row(session, sheet_id),
                                                        tuple(_counter_lines(session, sheet_id))))


def record_count(db: Database, actor: Actor, sheet_id: int, line_id: int, counted: int) -> CounterLine:
    """Enter (or correct) the quantity counted on a line; the on hand at this moment is kept with it."""
    require(actor, Action.STOCK_COUNT)
    _validate_count(counted)

    def work(session: Session) -> CounterLine:
        _lock_open_sheet(session, sheet_id)
        line = session.execute(select(CountLine.bin_id, CountLine.lot_id)
                               .where(CountLine.id == line_id, CountLine.sheet_id == sheet_id)).one_or_none()
        if line is None:
            raise NotFound(_("Line {line} is not on count sheet {id}.").format(line=line_id, id=sheet_id))
        system_qty = _on_hand_now(session, line.bin_id, line.lot_id)
        session.execute(update(CountLine).where(CountLine.id == line_id).values(
            counted=counted, system_qty=system_qty, counted_by=actor.username, counted_at=utcnow()))
        result = _counter_lines(session, sheet_id, line_id)[0]
        audit.record(session, actor, "stock.counted", "count_sheet", sheet_id, details={
            "line": line_id, "bin": result.bin_code, "sku": result.sku, "lot": result.lot_number,
            "counted": counted})
        return result

    return db.transaction(work)


def add_found_stock(db: Database, actor: Actor, sheet_id: int, bin_id: int, product_id: int, lot_number: str,
                    expiry_date: date, counted: int) -> CounterLine:
    """A bin × lot found during the count that the sheet does not list (the lot is created if new)."""
    require(actor, Action.STOCK_COUNT)
    _validate_count(counted)
    if counted == 0:
        raise ValidationError(_("Found stock needs a quantity greater than zero."), "counted")

    def work(session: Session) -> CounterLine:
        sheet = _lock_open_sheet(session, sheet_id)
        bin_ = session.execute(select(Bin.warehouse_id, Bin.zone, Bin.code).where(Bin.id == bin_id)).one_or_none()
        if bin_ is None:
            raise ValidationError(_("Choose or scan a bin."), "bin")
        if bin_.warehouse_id != sheet.warehouse_id or bin_.zone != sheet.zone:
            raise ValidationError(_("Bin {bin} is not in zone {zone} of this count; count it on that zone's "
                                    "sheet.").format(bin=bin_.code, zone=sheet.zone), "bin")
        if session.execute(select(Product.id).where(Product.id == product_id)).scalar() is None:
            raise ValidationError(_("Choose or scan a product."), "product")
        lot_id = ensure_lot(session, product_id, lot_number, expiry_date, received_date=clock.today())
        existing = session.execute(select(CountLine.id).where(
            CountLine.sheet_id == sheet_id, CountLine.bin_id == bin_id, CountLine.lot_id == lot_id)).scalar()
        if existing is not None:
            raise ConflictError(_("Lot {lot} in bin {bin} is already line {line} of this sheet; enter the count "
                                  "there.").format(lot=lot_number.strip(" "), bin=bin_.code, line=existing))
        line_id = session.execute(insert(CountLine).values(
            sheet_id=sheet_id, bin_id=bin_id, product_id=product_id, lot_id=lot_id, counted=counted,
            system_qty=_on_hand_now(session, bin_id, lot_id), counted_by=actor.username,
            counted_at=utcnow()).returning(CountLine.id)).scalar_one()
        result = _counter_lines(session, sheet_id, line_id)[0]
        audit.record(session, actor, "stock.count_found", "count_sheet", sheet_id, details={
            "line": line_id, "bin": bin_.code, "sku": result.sku, "lot": result.lot_number, "counted": counted,
            "expiry": expiry_date.isoformat()})
        return result

    return db.transaction(work)


def submit_count_sheet(db: Database, actor: Actor, sheet_id: int) -> CountSheetRow:
    """Hand the counted sheet to a supervisor; every line must have a count (0 for an empty bin)."""
    require(actor, Action.STOCK_COUNT)

    def work(session: Session) -> CountSheetRow:
        sheet = _sheet_row(session, sheet_id)
        if sheet.status == "open":
            missing = session.execute(
                select(Bin.code).select_from(CountLine).join(Bin, Bin.id == CountLine.bin_id)
                .where(CountLine.sheet_id == sheet_id, CountLine.counted.is_(None))
                .order_by(Bin.pick_sequence, Bin.code)).scalars().all()
            if missing:
                bins = list(dict.fromkeys(missing))
                raise ValidationError(_("{n} line(s) are not counted yet (bins {bins}). Enter 0 where a lot is "
                                        "not in its bin.").format(
                    n=len(missing), bins=", ".join(bins[:5]) + (" …" if len(bins) > 5 else "")), "counted")
        _set_status(session, sheet, ("open",), {"status": "submitted", "submitted_by": actor.username,
                                                "submitted_at": utcnow()})
        audit.record(session, actor, "stock.count_submitted", "count_sheet", sheet_id, from_state="open",
                     to_state="submitted")
        return _sheet_row(session, sheet_id)

    return db.transaction(work)


def cancel_count_sheet(db: Database, actor: Actor, sheet_id: int, reason: str = "") -> CountSheetRow:
    """Cancel a sheet: the counter while it is open, a supervisor once it is submitted. Stock is not changed."""
    require(actor, Action.STOCK_COUNT)
    reason = " ".join(reason.split())[:200]

    def work(session: Session) -> CountSheetRow:
        sheet = _sheet_row(session, sheet_id)
        if sheet.status == "submitted":
            require(actor, Action.STOCK_APPROVE)
        _set_status(session, sheet, OPEN_STATES, {"status": "cancelled", "note": reason,
                                                  "decided_by": actor.username, "decided_at": utcnow()})
        audit.record(session, actor, "stock.count_cancelled", "count_sheet", sheet_id, from_state=sheet.status,
                     to_state="cancelled", reason=reason)
        return _sheet_row(session, sheet_id)

    return db.transaction(work)


# -- reviewing and approving ------------------------------------------------

def _variances(session: Session, sheet_id: int) -> list[VarianceRow]:
    rows = session.execute(
        select(CountLine.id, CountLine.bin_id, Bin.code, CountLine.product_id, Product.sku, Product.name_en,
               Product.unit, Product.price_cents, CountLine.lot_id, Lot.lot_number, Lot.expiry_date,
               CountLine.system_qty, CountLine.counted, CountLine.counted_by, CountLine.counted_at,
               func.coalesce(StockQuant.on_hand, 0), func.coalesce(StockQuant.reserved, 0))
        .join(Bin, Bin.id == CountLine.bin_id).join(Product, Product.id == CountLine.product_id)
        .join(Lot, Lot.id == CountLine.lot_id)
        .outerjoin(StockQuant, and_(StockQuant.bin_id == CountLine.bin_id, StockQuant.lot_id == CountLine.lot_id))
        .where(CountLine.sheet_id == sheet_id)
        .order_by(Bin.pick_sequence, Bin.code, Product.sku, Lot.expiry_date, CountLine.id)).all()
    result = []
    for (line_id, bin_id, bin_code, product_id, sku, name_en, unit, price, lot_id, lot_number, expiry, expected,
         counted, counted_by, counted_at, on_hand, reserved) in rows:
        value = None
        if counted is not None and expected is not None:
            delta = counted - expected
            value = stock_value_cents(unit, price, abs(delta)) * (1 if delta >= 0 else -1)
        result.append(VarianceRow(line_id, bin_id, bin_code, product_id, sku, name_en, unit, lot_id, lot_number,
                                  expiry, expected, counted, counted_by, counted_at, on_hand, reserved, value))
    return result


def count_variances(db: Database, actor: Actor, sheet_id: int) -> list[VarianceRow]:
    """Every line with expected (on hand when counted), counted, variance and its value."""
    require(actor, Action.STOCK_APPROVE)
    return db.read(lambda session: (_sheet_row(session, sheet_id), _variances(session, sheet_id))[1])


def approve_count_sheet(db: Database, actor: Actor, sheet_id: int) -> CountApprovalRow:
    """Apply each variance as a ledger row of kind "count" (one batch) and close the sheet.

    The delta is ``counted − system_qty``, added to the quantity on hand now,
    so movements since the count are kept. If any bin would end up with less
    than is reserved on it (or below zero), nothing is applied and the message
    names the bins and the reservations to move.
    """
    require(actor, Action.STOCK_APPROVE)

    def work(session: Session) -> CountApprovalRow:
        sheet = _sheet_row(session, sheet_id)
        # claim the sheet first: a second supervisor approving at the same time waits here, then is refused
        _set_status(session, sheet, ("submitted",), {"status": "approved", "decided_by": actor.username,
                                                     "decided_at": utcnow()})
        changes = [row for row in _variances(session, sheet_id) if row.variance]
        keys: dict[int, tuple[int, QuantKey]] = {}
        for row in changes:
            key = QuantKey(sheet.warehouse_id, row.bin_id, row.product_id, row.lot_id)
            keys[row.line_id] = (ensure_quant(session, key), key)
        quant_ids = sorted(quant_id for quant_id, _key in keys.values())
        current = {r.id: (r.on_hand, r.reserved) for r in session.execute(
            select(StockQuant.id, StockQuant.on_hand, StockQuant.reserved).where(StockQuant.id.in_(quant_ids))
            .order_by(StockQuant.id).with_for_update())} if quant_ids else {}
        problems = []
        for row in changes:
            quant_id = keys[row.line_id][0]
            on_hand, reserved = current[quant_id]
            after = on_hand + row.variance
            if after < reserved:
                refs = ", ".join(active_references(session, quant_id)) or "-"
                problems.append(_("{bin} lot {lot}: {after} would remain but {reserved} is reserved for "
                                  "{refs}").format(bin=row.bin_code, lot=row.lot_number,
                                                   after=format_quantity(row.unit, max(after, 0)),
                                                   reserved=format_quantity(row.unit, reserved), refs=refs))
            elif after < 0:
                problems.append(_("{bin} lot {lot}: only {on_hand} is left since the count, less than the "
                                  "{loss} to remove").format(bin=row.bin_code, lot=row.lot_number,
                                                             on_hand=format_quantity(row.unit, on_hand),
                                                             loss=format_quantity(row.unit, -row.variance)))
        if problems:
            raise ConflictError(_("Nothing was applied. Move the reservations or recount first: {problems}.")
                                .format(problems="; ".join(problems)))
        batch = new_batch()
        reference = sheet_reference(sheet_id)
        for row in changes:
            quant_id, key = keys[row.line_id]
            change_quant(session, actor, quant_id, key, kind="count", on_hand_delta=row.variance,
                         reason=f"cycle count, zone {sheet.zone}", reference=reference,
                         batch=batch, value_cents=row.value_cents)
        gained = sum(row.variance for row in changes if row.variance > 0)
        lost = -sum(row.variance for row in changes if row.variance < 0)
        value = sum(row.value_cents or 0 for row in changes)
        audit.record(session, actor, "stock.count_approved", "count_sheet", sheet_id, from_state="submitted",
                     to_state="approved", details={"batch": batch, "lines": len(changes), "value_cents": value})
        return CountApprovalRow(_sheet_row(session, sheet_id), batch, len(changes), gained, lost, value)

    return db.transaction(work)
