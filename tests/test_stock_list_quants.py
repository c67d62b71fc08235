"""``list_quants`` (the stock view's load) joins in Python for speed: it must return exactly
what the five-table join returns, in the same order, on both engines."""

from __future__ import annotations

import dataclasses
import gc
from datetime import date, timedelta

import pytest

from app.demo.generate import generate_demo
from app.models import Bin, Lot, Product, StockQuant, Warehouse
from app.services import catalog, warehouses
from app.services.stock import operations, queries
from app.services.stock.receiving import ReceiptInput, receive

TODAY = date.today()


def joined(db, today, *, warehouse_id=None, include_empty=False) -> list[queries.QuantRow]:
    """The straightforward query: the five-table join read row by row."""
    query = queries._quant_query().order_by(Warehouse.code, Product.sku, Lot.expiry_date, Bin.pick_sequence,
                                            StockQuant.id)
    if warehouse_id is not None:
        query = query.where(StockQuant.warehouse_id == warehouse_id)
    if not include_empty:
        query = query.where(StockQuant.on_hand > 0)
    return db.read(lambda session: queries._rows(session, query, today))


@pytest.fixture
def stocked(db, system):
    generate_demo(db, seed=1, customers=5)
    eggs = next(p for p in catalog.list_products(db, system, "EGG-0001") if p.sku == "EGG-0001")
    sh = next(w for w in warehouses.list_warehouses(db, system) if w.code == "SH")
    bins = [b for b in warehouses.list_bins(db, system, sh.id) if b.zone == "AMB"]
    near = receive(db, system, ReceiptInput(eggs.id, "LQ-NEAR", TODAY + timedelta(days=1), 24, bins[0].id))
    receive(db, system, ReceiptInput(eggs.id, "LQ-OLD", TODAY - timedelta(days=1), 12, bins[1].id),
            today=TODAY - timedelta(days=5))
    operations.set_quarantine(db, system, near.lot_id, True, "Recall")
    emptied = receive(db, system, ReceiptInput(eggs.id, "LQ-GONE", TODAY + timedelta(days=9), 6, bins[2].id))
    operations.write_off(db, system, emptied.quant_id, 6, "damaged")
    return sh, near, emptied


def test_list_quants_equals_the_joined_query(db, system, stocked):
    sh, near, emptied = stocked
    rows = queries.list_quants(db, system)
    assert len(rows) > 1000
    assert rows == joined(db, TODAY)
    assert emptied.quant_id not in {r.quant_id for r in rows}

    by_id = {r.quant_id: r for r in rows}
    quarantined = by_id[near.quant_id]
    assert (quarantined.quarantined, quarantined.quarantine_reason, quarantined.expiry_status,
            quarantined.days_left) == (True, "Recall", "near", 1)
    assert any(r.lot_number == "LQ-OLD" and r.expiry_status == "expired" and r.days_left == -1 for r in rows)

    in_sh = queries.list_quants(db, system, warehouse_id=sh.id)
    assert in_sh == joined(db, TODAY, warehouse_id=sh.id) and {r.warehouse_code for r in in_sh} == {"SH"}
    with_empty = queries.list_quants(db, system, include_empty=True)
    assert with_empty == joined(db, TODAY, include_empty=True)
    assert emptied.quant_id in {r.quant_id for r in with_empty}
    later = TODAY + timedelta(days=3)
    assert queries.list_quants(db, system, today=later) == joined(db, later)


def test_rows_are_ordinary_frozen_quant_rows(db, system, stocked):
    assert gc.isenabled()
    row = queries.list_quants(db, system)[0]
    assert gc.isenabled()  # the collector is back on
    rebuilt = queries.QuantRow(**{f.name: getattr(row, f.name) for f in dataclasses.fields(row)})
    assert type(row) is queries.QuantRow and row == rebuilt and hash(row) == hash(rebuilt) and repr(row) == repr(
        rebuilt)
    assert row.available == row.on_hand - row.reserved
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.on_hand = 0
    assert dataclasses.replace(row, reserved=1).reserved == 1


def test_an_empty_stock(db, system):
    assert queries.list_quants(db, system) == []
