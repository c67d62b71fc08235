"""Tables, settings and small helpers shared by the picking services."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ConflictError
from app.i18n import _
from app.models import (Bin, Lot, Order, OrderLine, PickList, PickListOrder, PickScan, PickTask, Product,
                        StockQuant, StockReservation)

LISTS, LIST_ORDERS, TASKS, SCANS = (PickList.__table__, PickListOrder.__table__, PickTask.__table__,
                                    PickScan.__table__)
ORDERS, LINES, PRODUCTS, BINS, LOTS = (Order.__table__, OrderLine.__table__, Product.__table__, Bin.__table__,
                                       Lot.__table__)
QUANTS, RESERVATIONS = StockQuant.__table__, StockReservation.__table__

#: A claim lasts this long after the picker's last scan; then a supervisor may take the list over.
CLAIM_MINUTES = 10
CLAIM_DURATION = timedelta(minutes=CLAIM_MINUTES)

PACKING_ZONE = "PACK"


class PickListGone(ConflictError):
    """The pick list is no longer this picker's (taken over, cancelled or finished)."""


def packing_bin_code(warehouse_code: str) -> str:
    return f"{warehouse_code}-PACK"


#: (database, warehouse) -> its packing-area bin: created once, never deleted, read on every pick
_PACKING_BINS: dict[tuple[str, int], int] = {}


def packing_bin_id(session: Session, warehouse_id: int) -> int | None:
    key = (str(session.get_bind().url), warehouse_id)
    found = _PACKING_BINS.get(key)
    if found is None:
        found = session.execute(select(BINS.c.id).where(BINS.c.warehouse_id == warehouse_id,
                                                        BINS.c.kind == "packing")
                                .order_by(BINS.c.id).limit(1)).scalar_one_or_none()
        if found is not None:
            _PACKING_BINS[key] = found
    return found


def require_packing_bin(session: Session, warehouse_id: int) -> int:
    found = packing_bin_id(session, warehouse_id)
    if found is None:
        raise ConflictError(_("This warehouse has no packing area yet; ask a supervisor to plan its pick lists."))
    return found


def share_pieces_by_weight(weights: list[int], pieces: int) -> list[int]:
    """Share ``pieces`` of a weighed line over reservation parts of these weights (largest remainder), so they
    add up to ``pieces``. A part may get none: fewer pieces than parts, or a few grams left in a lot."""
    total = sum(weights)
    exact = [weight * pieces / total for weight in weights]
    shares = [int(value) for value in exact]
    for index in sorted(range(len(exact)), key=lambda i: exact[i] - shares[i], reverse=True)[:pieces - sum(shares)]:
        shares[index] += 1
    return shares
