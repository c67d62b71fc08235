"""The demo generator fills an empty database with a usable back office:
catalogue, warehouses with regions and bins, customers, and a user per role."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from app.db import pgroles
from app.demo.catalog_data import CATEGORIES, DEMO_USERS, WAREHOUSES
from app.demo.generate import generate_demo
from app.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.gtin import mod10_check_digit
from app.models import ProductGtin
from app.permissions import Role
from app.services import catalog, customers, users, warehouses
from app.services.context import Actor
from tests.conftest import PG_ADMIN_URL

CUSTOMERS = 40  # the default is larger; the shape is the same


@pytest.fixture
def demo_roles_cleanup(engine_name) -> Iterator[None]:
    """PostgreSQL: drop the demo login roles this test created (not ones another database already uses)."""
    if engine_name != "postgresql":
        yield
        return
    names = [u.username for u in DEMO_USERS]
    admin = create_engine(make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")

    def existing() -> set[str]:
        with admin.connect() as connection:
            return set(connection.execute(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:n)"),
                                          {"n": names}).scalars())

    before = existing()
    try:
        yield
    finally:
        with admin.connect() as connection:
            for name in sorted(existing() - before):
                connection.execute(text(f"DROP OWNED BY {pgroles.quote_ident(name)}"))
                connection.execute(text(f"DROP ROLE IF EXISTS {pgroles.quote_ident(name)}"))
        admin.dispose()


@pytest.fixture
def demo(demo_roles_cleanup, db):
    steps: list[int] = []
    summary = generate_demo(db, seed=3, progress=lambda pct, _text: steps.append(pct), customers=CUSTOMERS)
    return summary, steps


def test_catalogue_has_150_products_in_the_8_categories_with_valid_gtins(db, demo, system):
    summary, steps = demo
    products = catalog.list_products(db, system)
    assert len(products) == summary.products >= 150
    per_category = Counter(p.category_code for p in products)
    assert set(per_category) == {c.code for c in CATEGORIES} and len(per_category) == 8
    assert min(per_category.values()) >= 5
    stored = db.read(lambda s: list(s.scalars(select(ProductGtin.gtin))))
    assert len(stored) >= len(products)
    for gtin in stored:
        assert len(gtin) == 14 and gtin.isdigit()
        assert mod10_check_digit(gtin[:-1]) == int(gtin[-1]), gtin
    first_gtin = next(p for p in products if p.gtins).gtins[0]
    assert catalog.find_product_by_gtin(db, system, first_gtin).gtins[0] == first_gtin
    weighed = [p for p in products if p.unit == "weighed"]
    assert weighed and all(p.nominal_weight_g for p in weighed)
    assert any(p.substitutes for p in products)
    assert steps[-1] == 100 and steps == sorted(steps)


def test_three_warehouses_with_regions_and_bins(db, demo, system):
    summary, _ = demo
    rows = warehouses.list_warehouses(db, system)
    assert {w.code for w in rows} == {"SH", "BJ", "GZ"} and len(rows) == 3
    assert sum(w.bin_count for w in rows) == summary.bins
    for row in rows:
        assert row.active and row.postal_prefixes and row.bin_count > 0
        bins = warehouses.list_bins(db, system, row.id)
        assert [b.pick_sequence for b in bins] == sorted(b.pick_sequence for b in bins)
        assert {b.zone for b in bins} == {"AMB", "CHL", "FRZ"}
    for warehouse in WAREHOUSES:
        postal_code = warehouse.postal_prefixes[0] + "123"
        assert warehouses.warehouse_for_postal_code(db, system, postal_code).code == warehouse.code


def test_customers_are_generated(db, demo, system):
    summary, _ = demo
    rows = customers.list_customers(db, system)
    assert len(rows) == summary.customers == CUSTOMERS
    assert all(r.name and r.postal_code for r in rows)
    served = [r for r in rows if warehouses.warehouse_for_postal_code(db, system, r.postal_code)]
    assert len(served) >= CUSTOMERS // 2


def test_every_role_has_a_demo_user_who_can_log_in(db, demo):
    assert {Role(u.role) for u in DEMO_USERS} == set(Role)
    for demo_user in DEMO_USERS:
        login = users.login(db, demo_user.username, demo_user.password, station="demo")
        try:
            assert login.actor.role is Role(demo_user.role)
            assert login.user.full_name == demo_user.full_name
            # what the role may see, it sees: the demo catalogue on its own connection
            assert len(catalog.list_products(login.database, login.actor, "apple")) > 0
        finally:
            if login.database is not db:
                login.database.dispose()
        with pytest.raises(AuthenticationFailed):
            users.login(db, demo_user.username, demo_user.password + "x")


def test_demo_refuses_a_database_with_a_catalogue(db, demo, system):
    before = len(catalog.list_products(db, system))
    with pytest.raises(ValidationError, match="empty database"):
        generate_demo(db, seed=4, customers=CUSTOMERS)
    assert len(catalog.list_products(db, system)) == before
    assert len(customers.list_customers(db, system)) == CUSTOMERS


def test_seed_decides_the_customers(db, demo, system, tmp_path):
    """Same seed, same customers; another seed, other customers (SQLite side databases)."""
    from app.db import migrate
    from app.db.database import Database

    generated = {}
    for seed, name in ((3, "same"), (4, "other")):
        other = Database(f"sqlite:///{tmp_path / name}.db")
        try:
            migrate.upgrade(other)
            generate_demo(other, seed=seed, customers=CUSTOMERS)
            generated[name] = [(c.name, c.phone, c.postal_code) for c in customers.list_customers(other, system)]
        finally:
            other.dispose()
    ours = [(c.name, c.phone, c.postal_code) for c in customers.list_customers(db, system)]
    assert generated["same"] == ours
    assert generated["other"] != ours


def test_demo_requires_an_administrator(db):
    with pytest.raises(PermissionDenied):
        generate_demo(db, actor=Actor(None, "someone", Role.SUPERVISOR))
    assert catalog.list_products(db, Actor.system("test")) == []
