"""The stock ledger primitive: change a quant and record the move, atomically.

Quantities are integers in base units (pieces, or grams for weighed goods).
``change_quant`` is a single conditional UPDATE whose WHERE clause keeps
on hand ≥ 0 and 0 ≤ reserved ≤ on hand; if another station got there first
the row count is 0 and nothing changes (``InsufficientStock``). The database
CHECK constraints are the backstop behind it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert
from app.errors import ConflictError, NotFound, ValidationError
from app.i18n import _
from app.models import Bin, Lot, Product, StockMove, StockQuant
from app.services.context import Actor


class InsufficientStock(ConflictError):
    """The quant no longer has the quantity the change needs (another station took it)."""


@dataclass(frozen=True)
class QuantKey:
    warehouse_id: int
    bin_id: int
    product_id: int
    lot_id: int


_QUANTS = StockQuant.__table__

#: The one conditional UPDATE behind every stock change, built once: Core on the table with bind
#: parameters, so each call is a compiled-cache hit (the ORM-enabled form built per call cost ~8x more).
_CHANGE_QUANT = (
    update(_QUANTS)
    .where(_QUANTS.c.id == bindparam("quant_id_"),
           _QUANTS.c.on_hand + bindparam("on_hand_delta_") >= 0,
           _QUANTS.c.reserved + bindparam("reserved_delta_") >= 0,
           _QUANTS.c.reserved + bindparam("reserved_delta_") <= _QUANTS.c.on_hand + bindparam("on_hand_delta_"))
    .values(on_hand=_QUANTS.c.on_hand + bindparam("on_hand_delta_"),
            reserved=_QUANTS.c.reserved + bindparam("reserved_delta_"))
)


def new_batch() -> str:
    """Groups the rows of one operation (a transfer's out and in, a count's adjustments)."""
    return uuid.uuid4().hex


def _upsert(session: Session, table, values: dict, conflict_columns: list[str]):
    dialect = session.get_bind().dialect.name
    builder = pg_insert if dialect == "postgresql" else sqlite_insert
    return builder(table).values(**values).on_conflict_do_nothing(index_elements=conflict_columns)


def ensure_lot(session: Session, product_id: int, lot_number: str, expiry_date: date, *, received_date: date,
               best_before: date | None = None, pack_date: date | None = None, supplier: str = "") -> int:
    """The id of the product's lot ``lot_number``, created on first receipt.

    A lot is one production batch: receiving it again with another expiry date
    is a label or typing error, and is refused.
    """
    lot_number = lot_number.strip(" ")
    if not lot_number or len(lot_number) > 40:
        raise ValidationError(_("Enter the lot number (1-40 characters)."), "lot_number")
    session.execute(_upsert(session, Lot.__table__, {
        "product_id": product_id, "lot_number": lot_number, "expiry_date": expiry_date, "best_before": best_before,
        "pack_date": pack_date, "supplier": supplier, "received_date": received_date, "quarantined": False,
        "quarantine_reason": "",
    }, ["product_id", "lot_number"]))
    lot_id, existing_expiry = session.execute(
        select(Lot.id, Lot.expiry_date).where(Lot.product_id == product_id, Lot.lot_number == lot_number)).one()
    if existing_expiry != expiry_date:
        raise ValidationError(
            _("Lot {lot} is already in stock with expiry {known}, not {given}. Check the label.").format(
                lot=lot_number, known=existing_expiry.isoformat(), given=expiry_date.isoformat()), "expiry_date")
    return lot_id


def ensure_quant(session: Session, key: QuantKey) -> int:
    """The id of the quant for (bin, lot), created empty if needed (safe under concurrency)."""
    session.execute(_upsert(session, StockQuant.__table__, {
        "warehouse_id": key.warehouse_id, "bin_id": key.bin_id, "product_id": key.product_id,
        "lot_id": key.lot_id, "on_hand": 0, "reserved": 0,
    }, ["bin_id", "lot_id"]))
    return session.execute(
        select(StockQuant.id).where(StockQuant.bin_id == key.bin_id, StockQuant.lot_id == key.lot_id)).scalar_one()


def add_to_quant(session: Session, key: QuantKey, on_hand: int, reserved: int) -> int:
    """Put stock into the quant for (bin, lot), creating it if needed, in one statement; returns its id. Only
    for adding (``0 <= reserved <= on_hand``); the caller appends the ledger row(s) in this transaction."""
    if not 0 <= reserved <= on_hand:
        raise ValueError("add_to_quant only adds stock")
    builder = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = builder(StockQuant.__table__).values(
        warehouse_id=key.warehouse_id, bin_id=key.bin_id, product_id=key.product_id, lot_id=key.lot_id,
        on_hand=on_hand, reserved=reserved)
    return session.execute(statement.on_conflict_do_update(
        index_elements=["bin_id", "lot_id"],
        set_={"on_hand": _QUANTS.c.on_hand + statement.excluded.on_hand,
              "reserved": _QUANTS.c.reserved + statement.excluded.reserved})
        .returning(_QUANTS.c.id)).scalar_one()


def quant_key(session: Session, quant_id: int) -> QuantKey:
    row = session.execute(select(StockQuant.warehouse_id, StockQuant.bin_id, StockQuant.product_id,
                                 StockQuant.lot_id).where(StockQuant.id == quant_id)).one_or_none()
    if row is None:
        raise NotFound(_("Stock record {id} does not exist.").format(id=quant_id))
    return QuantKey(*row)


def apply_quant_delta(session: Session, quant_id: int, on_hand_delta: int, reserved_delta: int) -> None:
    """The conditional UPDATE alone; the caller must append the matching ledger row(s) in this transaction."""
    result = session.execute(_CHANGE_QUANT, {"quant_id_": quant_id, "on_hand_delta_": on_hand_delta,
                                             "reserved_delta_": reserved_delta})
    if result.rowcount != 1:
        raise InsufficientStock(_("Not enough stock left in that bin and lot: another station may have taken it. "
                                  "Refresh and try again."))


def apply_quant_deltas(session: Session, deltas: list[tuple[int, int, int]]) -> None:
    """Many (quant id, on hand delta, reserved delta) at once, one executemany; all apply or ``InsufficientStock``.

    For callers holding SQLite's write lock, whose amounts cannot have changed since they read them.
    """
    if not deltas:
        return
    result = session.execute(_CHANGE_QUANT, [
        {"quant_id_": quant_id, "on_hand_delta_": on_hand, "reserved_delta_": reserved}
        for quant_id, on_hand, reserved in deltas])
    if result.rowcount != len(deltas):
        raise InsufficientStock(_("Not enough stock left in that bin and lot: another station may have taken it. "
                                  "Refresh and try again."))


def move_row(actor: Actor, quant_id: int, key: QuantKey, *, kind: str, on_hand_delta: int = 0,
             reserved_delta: int = 0, reason: str = "", reference: str = "", batch: str = "",
             value_cents: int | None = None) -> dict:
    """The ledger row recording one quant change (for ``insert_moves``)."""
    return {
        "kind": kind, "quant_id": quant_id, "warehouse_id": key.warehouse_id, "bin_id": key.bin_id,
        "product_id": key.product_id, "lot_id": key.lot_id, "on_hand_delta": on_hand_delta,
        "reserved_delta": reserved_delta, "reason": reason, "reference": reference, "batch": batch,
        "value_cents": value_cents, "user_id": actor.user_id, "username": actor.username, "station": actor.station,
    }


def insert_moves(session: Session, rows: list[dict]) -> None:
    """Append ledger rows (one multi-row INSERT)."""
    bulk_insert(session, StockMove.__table__, rows)


def change_quant(
    session: Session,
    actor: Actor,
    quant_id: int,
    key: QuantKey,
    *,
    kind: str,
    on_hand_delta: int = 0,
    reserved_delta: int = 0,
    reason: str = "",
    reference: str = "",
    batch: str = "",
    value_cents: int | None = None,
) -> None:
    """Apply the deltas to one quant if they keep it valid, and append the ledger row."""
    if on_hand_delta == 0 and reserved_delta == 0:
        return
    apply_quant_delta(session, quant_id, on_hand_delta, reserved_delta)
    insert_moves(session, [move_row(actor, quant_id, key, kind=kind, on_hand_delta=on_hand_delta,
                                    reserved_delta=reserved_delta, reason=reason, reference=reference, batch=batch,
                                    value_cents=value_cents)])


def bin_in_warehouse(session: Session, bin_id: int) -> tuple[int, str]:
    """(warehouse id, bin code) of an active bin, or a ValidationError naming the problem."""
    row = session.execute(select(Bin.warehouse_id, Bin.code, Bin.active).where(Bin.id == bin_id)).one_or_none()
    if row is None:
        raise ValidationError(_("Choose or scan a bin."), "bin")
    if not row.active:
        raise ValidationError(_("Bin {code} is not in use; choose another bin.").format(code=row.code), "bin")
    return row.warehouse_id, row.code


def product_unit(session: Session, product_id: int) -> tuple[str, str, int]:
    """(sku, unit, price_cents) of a product, or NotFound."""
    row = session.execute(select(Product.sku, Product.unit, Product.price_cents)
                          .where(Product.id == product_id)).one_or_none()
    if row is None:
        raise NotFound(_("Product {id} does not exist.").format(id=product_id))
    return row.sku, row.unit, row.price_cents


def stock_value_cents(unit: str, price_cents: int, quantity: int) -> int:
    """Value of ``quantity`` base units: pieces × price, or grams × price per kg / 1000 (rounded half up)."""
    if unit == "weighed":
        return (quantity * price_cents + 500) // 1000
    return quantity * price_cents
