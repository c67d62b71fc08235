"""Several processes (stations) editing the same records at once: nothing is lost or doubled."""

from __future__ import annotations

import multiprocessing

import pytest

from app.errors import ConflictError
from app.models import AuditEntry, Product
from app.services import catalog
from app.services.context import Actor

PROCESSES = 6


def _create_same_sku(url: str, category_id: int, barrier) -> str:
    from app.db.database import Database

    database = Database(url)
    barrier.wait()
    try:
        catalog.save_product(database, Actor.system("station"), catalog.ProductInput(
            sku="RACE-1", name_en="Contested", category_id=category_id, temperature_class="chilled",
            shelf_life_days=5, price_cents=100))
        return "created"
    except ConflictError:
        return "conflict"
    finally:
        database.dispose()


def _edit_price(url: str, product_id: int, price: int, barrier) -> str:
    from app.db.database import Database

    database = Database(url)
    actor = Actor.system(f"station-{price}")
    row = catalog.get_product(database, actor, product_id)
    barrier.wait()
    data = catalog.ProductInput(**{f: getattr(row, f) for f in catalog.ProductInput.__dataclass_fields__})
    try:
        catalog.save_product(database, actor, data.__class__(**{**data.__dict__, "price_cents": price}),
                             product_id, expected_version=row.version)
        return "saved"
    except ConflictError:
        return "conflict"
    finally:
        database.dispose()


@pytest.fixture
def category(db, system):
    return catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables"))


def _run(target, args_list):
    context = multiprocessing.get_context("spawn")
    with context.Pool(PROCESSES) as pool:
        return pool.starmap(target, args_list)


def test_same_sku_created_by_many_stations_exists_once(db, category):
    barrier = multiprocessing.get_context("spawn").Manager().Barrier(PROCESSES)
    results = _run(_create_same_sku, [(str(db.url.render_as_string(hide_password=False)), category.id, barrier)]
                   * PROCESSES)
    assert results.count("created") == 1 and results.count("conflict") == PROCESSES - 1
    assert db.read(lambda s: s.query(Product).filter_by(sku="RACE-1").count()) == 1
    assert db.read(lambda s: s.query(AuditEntry).filter_by(action="product.created").count()) == 1


def test_stale_edits_are_refused_not_lost(db, system, category):
    product = catalog.save_product(db, system, catalog.ProductInput(
        sku="P-1", name_en="Pak choi", category_id=category.id, temperature_class="chilled",
        shelf_life_days=5, price_cents=100))
    barrier = multiprocessing.get_context("spawn").Manager().Barrier(PROCESSES)
    url = db.url.render_as_string(hide_password=False)
    results = _run(_edit_price, [(url, product.id, 200 + i, barrier) for i in range(PROCESSES)])
    saved = results.count("saved")
    assert saved == 1, results  # every station read version 1; only the first save may win
    final = catalog.get_product(db, system, product.id)
    assert final.version == 2 and 200 <= final.price_cents < 200 + PROCESSES
    updates = db.read(lambda s: s.query(AuditEntry).filter_by(action="product.updated").all())
    assert len(updates) == 1 and str(final.price_cents) in updates[0].details
