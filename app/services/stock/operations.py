"""Stock operations at the goods-in and supervisor desks: transfers, write-offs,
adjustments and quarantine.

Each operation checks the permission first, runs in one transaction, changes
quantities only through ``ledger.change_quant`` (one conditional UPDATE plus
one ledger row), writes one audit entry, and returns a frozen row.

Only *free* stock (on hand − reserved) can be moved or written off: stock
reserved for an order must have its reservation moved first
(``reservations.move_reservation``), so an order never loses the lot it was
promised without someone deciding so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import ConflictError, NotFound, ValidationError
from app.i18n import N_, _
from app.models import Bin, Lot, Product, StockQuant, StockReservation
from app.models.stock import WRITE_OFF_REASONS
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor
from app.services.stock.queries import format_quantity
from app.services.stock.ledger import (InsufficientStock, QuantKey, bin_in_warehouse, change_quant, ensure_quant,
                                       new_batch, stock_value_cents)

__all__ = [
    "WRITE_OFF_REASONS", "WRITE_OFF_REASON_LABELS", "AdjustmentRow", "QuarantineRow", "ReleasedReservation",
    "TransferRow", "WriteOffRow", "adjust", "format_quantity", "set_quarantine", "transfer", "write_off",
]

#: What the station shows for each write-off reason (translate with ``_()`` when shown).
WRITE_OFF_REASON_LABELS: dict[str, str] = {
    "spoiled": N_("spoiled"),
    "damaged": N_("damaged"),
    "expired": N_("expired"),
    "qc_reject": N_("rejected by QC"),
    "other": N_("other (say why)"),
}

_REASON_MAX = 200


# -- rows ------------------------------------------------------------------

@dataclass(frozen=True)
class TransferRow:
    batch: str
    product_id: int
    sku: str
    unit: str
    lot_id: int
    lot_number: str
    quantity: int
    from_quant_id: int
    from_bin_id: int
    from_bin_code: str
    from_on_hand_after: int
    to_quant_id: int
    to_bin_id: int
    to_bin_code: str
    to_on_hand_after: int


@dataclass(frozen=True)
class WriteOffRow:
    quant_id: int
    product_id: int
    sku: str
    unit: str
    lot_id: int
    lot_number: str
    bin_id: int
    bin_code: str
    quantity: int
    reason: str
    note: str
    value_cents: int
    on_hand_after: int


@dataclass(frozen=True)
class AdjustmentRow:
    quant_id: int
    product_id: int
    sku: str
    unit: str
    lot_id: int
    lot_number: str
    bin_id: int
    bin_code: str
    on_hand_before: int
    on_hand_after: int
    reserved: int
    reason: str
    value_cents: int  # value of the change: negative when stock was lost

    @property
    def delta(self) -> int:
        return self.on_hand_after - self.on_hand_before


@dataclass(frozen=True)
class ReleasedReservation:
    reservation_id: int
    reference: str
    quant_id: int
    bin_code: str
    quantity: int


@dataclass(frozen=True)
class QuarantineRow:
    lot_id: int
    product_id: int
    sku: str
    lot_number: str
    expiry_date: date
    quarantined: bool
    reason: str
    on_hand: int  # of the whole lot, over all bins and warehouses
    released: tuple[ReleasedReservation, ...]  # reservations ended by putting the lot in quarantine

    @property
    def affected_references(self) -> tuple[str, ...]:
        """The demands (order lines) that lost stock and must be allocated again, in order, once each."""
        return tuple(dict.fromkeys(r.reference for r in self.released))

    @property
    def released_quantity(self) -> int:
        return sum(r.quantity for r in self.released)


# -- helpers ---------------------------------------------------------------

@dataclass(frozen=True)
class _Quant:
    id: int
    warehouse_id: int
    bin_id: int
    bin_code: str
    product_id: int
    sku: str
    unit: str
    price_cents: int
    lot_id: int
    lot_number: str
    on_hand: int
    reserved: int

    @property
    def key(self) -> QuantKey:
        return QuantKey(self.warehouse_id, self.bin_id, self.product_id, self.lot_id)

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


def _load_quant(session: Session, quant_id: int) -> _Quant:
    """The quant with what messages need, locked against other writers until commit (PostgreSQL)."""
    row = session.execute(
        select(StockQuant.id, StockQuant.warehouse_id, StockQuant.bin_id, Bin.code, StockQuant.product_id,
               Product.sku, Product.unit, Product.price_cents, StockQuant.lot_id, Lot.lot_number,
               StockQuant.on_hand, StockQuant.reserved)
        .join(Bin, Bin.id == StockQuant.bin_id).join(Product, Product.id == StockQuant.product_id)
        .join(Lot, Lot.id == StockQuant.lot_id)
        .where(StockQuant.id == quant_id)
        .with_for_update(of=StockQuant)
    ).one_or_none()
    if row is None:
        raise NotFound(_("Stock record {id} does not exist.").format(id=quant_id))
    return _Quant(*row)


def _on_hand(session: Session, quant_id: int) -> int:
    return session.execute(select(StockQuant.on_hand).where(StockQuant.id == quant_id)).scalar_one()


def active_references(session: Session, quant_id: int, limit: int = 5) -> list[str]:
    """References holding active reservations on a quant (for messages), oldest first."""
    return list(dict.fromkeys(session.execute(
        select(StockReservation.reference)
        .where(StockReservation.quant_id == quant_id, StockReservation.status == "active")
        .order_by(StockReservation.id)).scalars()))[:limit]


def _reserved_message(session: Session, quant: _Quant) -> str:
    refs = active_references(session, quant.id)
    return _("Only {free} of {on_hand} of lot {lot} in bin {bin} is free; {reserved} is reserved for {refs}. "
             "Move those reservations to another lot or bin first.").format(
        free=format_quantity(quant.unit, max(quant.available, 0)),
        on_hand=format_quantity(quant.unit, quant.on_hand), lot=quant.lot_number, bin=quant.bin_code,
        reserved=format_quantity(quant.unit, quant.reserved), refs=", ".join(refs) or "-")


def _check_free(session: Session, quant: _Quant, quantity: int) -> None:
    if quantity <= quant.available:
        return
    if quant.reserved:
        raise InsufficientStock(_reserved_message(session, quant))
    raise InsufficientStock(_("Only {free} of lot {lot} is in bin {bin}; you entered {wanted}.").format(
        free=format_quantity(quant.unit, quant.on_hand), lot=quant.lot_number, bin=quant.bin_code,
        wanted=format_quantity(quant.unit, quantity)))


def _positive(quantity: int) -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise ValidationError(_("Enter a quantity greater than zero."), "quantity")


def _clean(text: str) -> str:
    return " ".join((text or "").split())


# -- transfer ---------------------------------------------------------------

def transfer(db: Database, actor: Actor, quant_id: int, to_bin_id: int, quantity: int,
             reason: str = "") -> TransferRow:
    """Move ``quantity`` free base units of one bin's lot into another bin of the same warehouse.

    Two ledger rows of kind "transfer" (out and in) share one batch. Refuses
    more than is free, the same bin, a bin of another warehouse, and a bin
    that is not in use.
    """
    require(actor, Action.STOCK_TRANSFER)
    _positive(quantity)
    reason = _clean(reason)[:_REASON_MAX]

    def work(session: Session) -> TransferRow:
        source = _load_quant(session, quant_id)
        to_warehouse_id, to_bin_code = bin_in_warehouse(session, to_bin_id)
        if to_bin_id == source.bin_id:
            raise ValidationError(_("The stock is already in bin {bin}; choose another bin.").format(
                bin=source.bin_code), "bin")
        if to_warehouse_id != source.warehouse_id:
            raise ValidationError(_("Bin {bin} is in another warehouse. Transfers stay within one warehouse; "
                                    "ship stock between warehouses instead.").format(bin=to_bin_code), "bin")
        _check_free(session, source, quantity)
        target_key = QuantKey(source.warehouse_id, to_bin_id, source.product_id, source.lot_id)
        target_id = ensure_quant(session, target_key)
        batch = new_batch()
        change_quant(session, actor, source.id, source.key, kind="transfer", on_hand_delta=-quantity,
                     reason=reason, reference=f"TO:{to_bin_code}"[:60], batch=batch)
        change_quant(session, actor, target_id, target_key, kind="transfer", on_hand_delta=quantity,
                     reason=reason, reference=f"FROM:{source.bin_code}"[:60], batch=batch)
        row = TransferRow(batch, source.product_id, source.sku, source.unit, source.lot_id, source.lot_number,
                          quantity, source.id, source.bin_id, source.bin_code, _on_hand(session, source.id),
                          target_id, to_bin_id, to_bin_code, _on_hand(session, target_id))
        audit.record(session, actor, "stock.transferred", "quant", source.id, reason=reason, details={
            "sku": source.sku, "lot": source.lot_number, "quantity": quantity, "from_bin": source.bin_code,
            "to_bin": to_bin_code, "batch": batch})
        return row

    return db.transaction(work)


# -- write-off --------------------------------------------------------------

def write_off(db: Database, actor: Actor, quant_id: int, quantity: int, reason: str, note: str = "", *,
              reference: str = "") -> WriteOffRow:
    """Take ``quantity`` free base units out of stock for ``reason`` and record their value.

    ``reason`` is one of ``WRITE_OFF_REASONS``; "other" needs a note. The
    value is price × pieces, or price per kg × grams / 1000 for weighed goods.
    ``reference`` links the write-off to what caused it (e.g. a QC record).
    """
    require(actor, Action.STOCK_WRITE_OFF)
    _positive(quantity)
    note = _clean(note)
    if reason not in WRITE_OFF_REASONS:
        raise ValidationError(_("Choose a write-off reason: {reasons}.").format(
            reasons=", ".join(_(WRITE_OFF_REASON_LABELS[r]) for r in WRITE_OFF_REASONS)), "reason")
    if reason == "other" and not note:
        raise ValidationError(_("Say why the stock is written off (a note is needed for \"other\")."), "note")
    ledger_reason = (f"{reason}: {note}" if note else reason)[:_REASON_MAX]

    def work(session: Session) -> WriteOffRow:
        quant = _load_quant(session, quant_id)
        _check_free(session, quant, quantity)
        value = stock_value_cents(quant.unit, quant.price_cents, quantity)
        change_quant(session, actor, quant.id, quant.key, kind="write_off", on_hand_delta=-quantity,
                     reason=ledger_reason, reference=reference[:60], value_cents=value)
        row = WriteOffRow(quant.id, quant.product_id, quant.sku, quant.unit, quant.lot_id, quant.lot_number,
                          quant.bin_id, quant.bin_code, quantity, reason, note, value, _on_hand(session, quant.id))
        audit.record(session, actor, "stock.written_off", "quant", quant.id, reason=ledger_reason, details={
            "sku": quant.sku, "lot": quant.lot_number, "bin": quant.bin_code, "quantity": quantity,
            "value_cents": value, "reference": reference[:60]})
        return row

    return db.transaction(work)


# -- adjustment -------------------------------------------------------------

def adjust(db: Database, actor: Actor, quant_id: int, new_on_hand: int, reason: str) -> AdjustmentRow:
    """A supervisor's correction: set a bin's lot to ``new_on_hand`` (ledger kind "adjustment").

    Never below what is reserved on it: move those reservations first.
    """
    require(actor, Action.STOCK_APPROVE)
    reason = _clean(reason)[:_REASON_MAX]
    if not reason:
        raise ValidationError(_("Give a reason for the correction."), "reason")
    if not isinstance(new_on_hand, int) or isinstance(new_on_hand, bool) or new_on_hand < 0:
        raise ValidationError(_("The new quantity cannot be negative."), "quantity")

    def work(session: Session) -> AdjustmentRow:
        quant = _load_quant(session, quant_id)
        if new_on_hand == quant.on_hand:
            raise ValidationError(_("Bin {bin} already holds {qty} of lot {lot}; nothing to correct.").format(
                bin=quant.bin_code, qty=format_quantity(quant.unit, quant.on_hand), lot=quant.lot_number),
                "quantity")
        if new_on_hand < quant.reserved:
            raise InsufficientStock(_("{reserved} of lot {lot} in bin {bin} is reserved for {refs}; the quantity "
                                      "cannot go below that. Move those reservations first.").format(
                reserved=format_quantity(quant.unit, quant.reserved), lot=quant.lot_number, bin=quant.bin_code,
                refs=", ".join(active_references(session, quant.id)) or "-"))
        delta = new_on_hand - quant.on_hand
        value = _signed_value(quant.unit, quant.price_cents, delta)
        change_quant(session, actor, quant.id, quant.key, kind="adjustment", on_hand_delta=delta, reason=reason,
                     value_cents=value)
        audit.record(session, actor, "stock.adjusted", "quant", quant.id, reason=reason, details={
            "sku": quant.sku, "lot": quant.lot_number, "bin": quant.bin_code,
            "on_hand": [quant.on_hand, new_on_hand], "value_cents": value})
        return AdjustmentRow(quant.id, quant.product_id, quant.sku, quant.unit, quant.lot_id, quant.lot_number,
                             quant.bin_id, quant.bin_code, quant.on_hand, new_on_hand, quant.reserved, reason, value)

    return db.transaction(work)


def _signed_value(unit: str, price_cents: int, delta: int) -> int:
    value = stock_value_cents(unit, price_cents, abs(delta))
    return value if delta >= 0 else -value


# -- quarantine -------------------------------------------------------------

def set_quarantine(db: Database, actor: Actor, lot_id: int, quarantined: bool, reason: str) -> QuarantineRow:
    """Put a lot in quarantine (``STOCK_QUARANTINE``) or release it (``STOCK_APPROVE``).

    A quarantined lot cannot be reserved. Putting it in quarantine ends its
    active reservations through the ledger (kind "release") and returns them,
    so the order flow can allocate those references again from other lots.
    """
    require(actor, Action.STOCK_QUARANTINE if quarantined else Action.STOCK_APPROVE)
    reason = _clean(reason)[:_REASON_MAX]
    if not reason:
        raise ValidationError(_("Give a reason (for example: temperature excursion, supplier recall)."), "reason")

    def work(session: Session) -> QuarantineRow:
        lot = session.execute(
            select(Lot.id, Lot.product_id, Product.sku, Lot.lot_number, Lot.expiry_date, Lot.quarantined)
            .join(Product, Product.id == Lot.product_id).where(Lot.id == lot_id)).one_or_none()
        if lot is None:
            raise NotFound(_("Lot {id} does not exist.").format(id=lot_id))
        changed = session.execute(
            update(Lot).where(and_(Lot.id == lot_id, Lot.quarantined.is_(not quarantined)))
            .values(quarantined=quarantined, quarantine_reason=reason if quarantined else "")
            .execution_options(synchronize_session=False)).rowcount
        if changed != 1:
            message = (_("Lot {lot} of {sku} is already in quarantine.") if quarantined
                       else _("Lot {lot} of {sku} is not in quarantine."))
            raise ConflictError(message.format(lot=lot.lot_number, sku=lot.sku))
        # lock the lot's stock records: a reservation committing on them now is seen and released below
        session.execute(select(StockQuant.id).where(StockQuant.lot_id == lot_id).with_for_update()).all()
        released = _release_lot_reservations(session, actor, lot_id, reason) if quarantined else ()
        on_hand = sum(session.execute(select(StockQuant.on_hand).where(StockQuant.lot_id == lot_id)).scalars())
        audit.record(session, actor, "stock.quarantined" if quarantined else "stock.quarantine_released", "lot",
                     lot_id, from_state="quarantined" if not quarantined else "available",
                     to_state="quarantined" if quarantined else "available", reason=reason, details={
                         "sku": lot.sku, "lot": lot.lot_number, "on_hand": on_hand,
                         "released": [[r.reference, r.quantity] for r in released]})
        return QuarantineRow(lot_id, lot.product_id, lot.sku, lot.lot_number, lot.expiry_date, quarantined, reason,
                             on_hand, released)

    return db.transaction(work)


def _release_lot_reservations(session: Session, actor: Actor, lot_id: int,
                              reason: str) -> tuple[ReleasedReservation, ...]:
    rows = session.execute(
        select(StockReservation.id, StockReservation.reference, StockReservation.quant_id, Bin.code,
               StockReservation.quantity)
        .join(Bin, Bin.id == StockReservation.bin_id)
        .where(StockReservation.lot_id == lot_id, StockReservation.status == "active")
        .order_by(StockReservation.id)).all()
    released = []
    keys: dict[int, QuantKey] = {}
    for reservation_id, reference, quant_id, bin_code, quantity in rows:
        ended = session.execute(
            update(StockReservation)
            .where(and_(StockReservation.id == reservation_id, StockReservation.status == "active"))
            .values(status="released").execution_options(synchronize_session=False)).rowcount
        if ended != 1:  # picked or released by another station in between: nothing to give back
            continue
        if quant_id not in keys:
            keys[quant_id] = QuantKey(*session.execute(
                select(StockQuant.warehouse_id, StockQuant.bin_id, StockQuant.product_id, StockQuant.lot_id)
                .where(StockQuant.id == quant_id)).one())
        change_quant(session, actor, quant_id, keys[quant_id], kind="release", reserved_delta=-quantity,
                     reason=f"quarantine: {reason}"[:_REASON_MAX], reference=reference)
        released.append(ReleasedReservation(reservation_id, reference, quant_id, bin_code, quantity))
    return tuple(released)
