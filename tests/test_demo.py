"""The demo generator fills an empty database with a usable back office:
catalogue, warehouses with regions and bins, customers, and a user per role."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from app.db import migrate, pgroles
from app.db.database import Database
from app.demo.catalog_data import CATEGORIES, DEMO_USERS, PRODUCTS, WAREHOUSES
from app.demo.generate import DEMO_COUNT_ZONE, DemoSummary, generate_demo
from app.demo.stock_data import ZONE_FOR_TEMPERATURE
from app.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.gtin import mod10_check_digit
from app.models import Lot, Order, Product, ProductGtin, StockQuant
from app.permissions import Role
from app.services import catalog, customers, users, warehouses
from app.services.orders.queries import get_order, search_orders
from app.services.picking import claiming as picking_claiming
from app.services.picking import views as picking_views
from app.services.stock import counts, queries
from app.services.context import Actor
from tests.conftest import ENGINES, PG_ADMIN_URL, PostgresDatabases, require_postgres

CUSTOMERS = 40  # the default is larger; the shape is the same


def _drop_new_demo_roles(before: set[str]) -> None:
    admin = create_engine(make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            for name in sorted(_existing_demo_roles(connection) - before):
                connection.execute(text(f"DROP ROLE IF EXISTS {pgroles.quote_ident(name)}"))
    finally:
        admin.dispose()


def _existing_demo_roles(connection) -> set[str]:
    return set(connection.execute(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:n)"),
                                  {"n": [u.username for u in DEMO_USERS]}).scalars())


def _demo(request, tmp_path_factory, orders: int = 0) -> Iterator[tuple[Database, DemoSummary, list[int]]]:
    steps: list[int] = []
    with pytest.MonkeyPatch.context() as patch:  # test-sized argon2id, as the autouse fixture does per test
        patch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        if request.param == "sqlite":
            database = Database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
            migrate.upgrade(database)
            summary = generate_demo(database, seed=3, progress=lambda pct, _t: steps.append(pct), customers=CUSTOMERS,
                                    orders=orders)
            yield database, summary, steps
            database.dispose()
            return
        require_postgres()
        databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
        with databases.admin.connect() as connection:
            before = _existing_demo_roles(connection)
        url = databases.create()
        database = Database(url)
        try:
            migrate.upgrade(database)
            summary = generate_demo(database, seed=3, progress=lambda pct, _t: steps.append(pct), customers=CUSTOMERS,
                                    orders=orders)
            yield database, summary, steps
        finally:
            database.dispose()
            databases.drop(url)
            _drop_new_demo_roles(before)


@pytest.fixture(scope="module", params=ENGINES)
def demo_db(request, tmp_path_factory) -> Iterator[tuple[Database, DemoSummary, list[int]]]:
    """One demo database per engine for the whole module (generating it is the slow part).

    The tests only read it. On PostgreSQL the demo login roles this fixture
    created are dropped afterwards (not ones another database on the server uses).
    """
    yield from _demo(request, tmp_path_factory)


#: demo orders in the module's demo with orders (``freshflow demo`` imports 300; the shape is the same)
DEMO_ORDERS = 120


@pytest.fixture(scope="module", params=ENGINES)
def demo_with_orders(request, tmp_path_factory) -> Iterator[tuple[Database, DemoSummary, list[int]]]:
    """The demo with a day of orders, some of them planned and picked (as ``freshflow demo`` and the first start)."""
    yield from _demo(request, tmp_path_factory, orders=DEMO_ORDERS)


@pytest.fixture
def demo(demo_db):
    return demo_db[1], demo_db[2]


@pytest.fixture
def demo_database(demo_db) -> Database:
    return demo_db[0]


def test_catalogue_has_150_products_in_the_8_categories_with_valid_gtins(demo_database, demo, system):
    summary, steps = demo
    products = catalog.list_products(demo_database, system)
    assert len(products) == summary.products >= 150
    per_category = Counter(p.category_code for p in products)
    assert set(per_category) == {c.code for c in CATEGORIES} and len(per_category) == 8
    assert min(per_category.values()) >= 5
    stored = demo_database.read(lambda s: list(s.scalars(select(ProductGtin.gtin))))
    assert len(stored) >= len(products)
    for gtin in stored:
        assert len(gtin) == 14 and gtin.isdigit()
        assert mod10_check_digit(gtin[:-1]) == int(gtin[-1]), gtin
    first_gtin = next(p for p in products if p.gtins).gtins[0]
    assert catalog.find_product_by_gtin(demo_database, system, first_gtin).gtins[0] == first_gtin
    weighed = [p for p in products if p.unit == "weighed"]
    assert weighed and all(p.nominal_weight_g for p in weighed)
    assert any(p.substitutes for p in products)
    assert steps[-1] == 100 and steps == sorted(steps)


def test_three_warehouses_with_regions_and_bins(demo_database, demo, system):
    summary, _ = demo
    rows = warehouses.list_warehouses(demo_database, system)
    assert {w.code for w in rows} == {"SH", "BJ", "GZ"} and len(rows) == 3
    assert sum(w.bin_count for w in rows) == summary.bins
    for row in rows:
        assert row.active and row.postal_prefixes and row.bin_count > 0
        bins = warehouses.list_bins(demo_database, system, row.id)
        assert [b.pick_sequence for b in bins] == sorted(b.pick_sequence for b in bins)
        assert {b.zone for b in bins} == {"AMB", "CHL", "FRZ"}
    for warehouse in WAREHOUSES:
        postal_code = warehouse.postal_prefixes[0] + "123"
        assert warehouses.warehouse_for_postal_code(demo_database, system, postal_code).code == warehouse.code


def test_customers_are_generated(demo_database, demo, system):
    summary, _ = demo
    rows = customers.list_customers(demo_database, system)
    assert len(rows) == summary.customers == CUSTOMERS
    assert all(r.name and r.postal_code for r in rows)
    served = [r for r in rows if warehouses.warehouse_for_postal_code(demo_database, system, r.postal_code)]
    assert len(served) >= CUSTOMERS // 2


def test_every_role_has_a_demo_user_who_can_log_in(demo_database, demo):
    assert {Role(u.role) for u in DEMO_USERS} == set(Role)
    for demo_user in DEMO_USERS:
        login = users.login(demo_database, demo_user.username, demo_user.password, station="demo")
        try:
            assert login.actor.role is Role(demo_user.role)
            assert login.user.full_name == demo_user.full_name
            # what the role may see, it sees: the demo catalogue on its own connection
            assert len(catalog.list_products(login.database, login.actor, "apple")) > 0
        finally:
            if login.database is not demo_database:
                login.database.dispose()
        with pytest.raises(AuthenticationFailed):
            users.login(demo_database, demo_user.username, demo_user.password + "x")


def test_demo_refuses_a_database_with_a_catalogue(demo_database, demo, system):
    before = len(catalog.list_products(demo_database, system))
    with pytest.raises(ValidationError, match="empty database"):
        generate_demo(demo_database, seed=4, customers=CUSTOMERS)
    assert len(catalog.list_products(demo_database, system)) == before
    assert len(customers.list_customers(demo_database, system)) == CUSTOMERS


def test_seed_decides_the_customers(demo_database, demo, system, tmp_path):
    """Same seed, same customers (on either engine); another seed, other customers."""
    generated = {}
    for seed, name in ((3, "same"), (4, "other")):
        other = Database(f"sqlite:///{tmp_path / name}.db")
        try:
            migrate.upgrade(other)
            generate_demo(other, seed=seed, customers=CUSTOMERS)
            generated[name] = [(c.name, c.phone, c.postal_code) for c in customers.list_customers(other, system)]
            generated[f"{name}_lots"] = _lots(other)
        finally:
            other.dispose()
    ours = [(c.name, c.phone, c.postal_code) for c in customers.list_customers(demo_database, system)]
    assert generated["same"] == ours
    assert generated["other"] != ours
    assert generated["same_lots"] == _lots(demo_database)
    assert generated["other_lots"] != _lots(demo_database)


def _lots(database: Database) -> list[tuple]:
    return sorted(database.read(lambda s: [tuple(r) for r in s.execute(
        select(Product.sku, Lot.lot_number, Lot.expiry_date, Lot.received_date, Lot.supplier, StockQuant.on_hand)
        .join(StockQuant, StockQuant.lot_id == Lot.id).join(Product, Product.id == Lot.product_id))]))


def test_stock_in_every_warehouse_with_realistic_expiries(demo_database, demo, system):
    summary, _ = demo
    rows = queries.list_quants(demo_database, system)
    assert summary.quants == len(rows) and summary.lots == len({r.lot_id for r in rows}) > 0
    assert queries.verify(demo_database, system) == []
    active = {p.sku: p for p in PRODUCTS if p.active}
    stocked = {(r.warehouse_code, r.sku) for r in rows}
    assert stocked == {(w.code, sku) for w in WAREHOUSES for sku in active}  # every active product everywhere
    for row in rows:
        product = active[row.sku]
        assert row.zone == ZONE_FOR_TEMPERATURE[product.temperature_class], row
        assert row.reserved == 0 and row.on_hand > 0 and not row.quarantined
    lots_per_pair = Counter((r.warehouse_code, r.sku, r.lot_id) for r in rows)
    per_pair = Counter((w, sku) for w, sku, _lot in lots_per_pair)
    assert max(per_pair.values()) <= 4 and min(per_pair.values()) >= 1
    weighed = [r.on_hand for r in rows if r.unit == "weighed"]
    assert max(weighed) <= 40_999 and sorted(weighed)[len(weighed) // 2] >= 5_000  # grams: 5-40 kg a lot
    statuses = Counter(r.expiry_status for r in rows)
    assert statuses["ok"] > statuses["near"] > statuses["expired"] > 0
    assert 1 <= len({r.sku for r in rows if r.expiry_status == "expired"}) <= 10
    alerts = queries.alerts(demo_database, system)
    assert 1 <= len([a for a in alerts if a.kind == "below_reorder_point"]) <= 20
    assert {a.kind for a in alerts} == {"below_reorder_point", "near_expiry", "expired"}


def test_one_count_sheet_is_open(demo_database, demo, system):
    sheets = counts.list_count_sheets(demo_database, system)
    assert [(s.warehouse_code, s.zone, s.status) for s in sheets] == [(WAREHOUSES[0].code, DEMO_COUNT_ZONE, "open")]
    sheet = counts.sheet_for_counter(demo_database, system, sheets[0].id)
    assert sheet.lines and 0 < sheet.sheet.counted_lines < sheet.sheet.line_count
    assert {line.bin_code.split("-")[1] for line in sheet.lines} == {DEMO_COUNT_ZONE}
    variances = [v.variance for v in counts.count_variances(demo_database, system, sheets[0].id) if v.counted]
    assert -1 in variances


def test_demo_requires_an_administrator(tmp_path, system):
    empty = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        migrate.upgrade(empty)
        with pytest.raises(PermissionDenied):
            generate_demo(empty, actor=Actor(None, "someone", Role.SUPERVISOR))
        assert catalog.list_products(empty, system) == []
        assert users.list_users(empty, system) == []
    finally:
        empty.dispose()


def test_an_interrupted_demo_leaves_no_half_filled_database(empty_db_url, monkeypatch):
    """A demo that fails after the catalogue was written rolls back, and can simply be run again."""
    from app.db import migrate
    from app.db.database import Database
    from app.demo import generate

    database = Database(empty_db_url)
    migrate.upgrade(database)

    def boom(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(generate, "_stock", boom)
    with pytest.raises(RuntimeError):
        generate.generate_demo(database, seed=3, customers=5)
    from app.models import Product
    assert database.read(lambda s: s.query(Product).count()) == 0
    monkeypatch.undo()
    summary = generate.generate_demo(database, seed=3, customers=5)
    assert summary.products >= 150
    database.dispose()


# -- the demo with orders: every state so far, picking included ------------------------------------------------


def test_demo_orders_are_in_every_state_so_far(demo_with_orders, system):
    database, summary, steps = demo_with_orders
    assert summary.orders == DEMO_ORDERS and summary.pick_lists >= 5
    assert steps[-1] == 100 and steps == sorted(steps)
    states = Counter(row.state for row in search_orders(database, system, limit=10_000))
    assert {"allocated", "picking", "picked", "exception", "on_hold", "cancelled"} <= set(states), states
    assert states["allocated"] >= DEMO_ORDERS // 2          # plenty left for a person to plan and pick
    assert queries.verify(database, system) == []           # freshflow stock verify: clean
    allowed = database.read(lambda s: s.scalar(select(func.count()).select_from(Order)
                                                .where(Order.substitutions_allowed.is_(True))))
    assert 0 < allowed < DEMO_ORDERS


def test_demo_pick_lists_done_half_picked_and_open(demo_with_orders, system):
    database, _summary, _steps = demo_with_orders
    lists = picking_views.pick_lists(database, system, states=("open", "claimed", "done", "cancelled"))
    by_state = Counter(row.state for row in lists)
    assert by_state["done"] >= 3 and by_state["claimed"] == 1 and by_state["open"] >= 1, by_state
    [claimed] = [row for row in lists if row.state == "claimed"]
    assert claimed.claimed_by == "picker" and 0 < claimed.open_tasks < claimed.tasks   # half picked
    view = picking_views.pick_list(database, system, claimed.id)
    assert view.current is not None and view.current.state == "open"
    assert {order.state for order in view.orders} == {"picking"}
    for row in lists:
        if row.state == "done":
            assert {o.state for o in picking_views.pick_list(database, system, row.id).orders} <= {"picked",
                                                                                                   "picking"}
    picked = [row for row in search_orders(database, system, state="picked", limit=1000)]
    assert picked and all(get_order(database, system, number=row.number).state == "picked" for row in picked[:3])


def test_demo_wave_was_picked_into_totes(demo_with_orders, system):
    database, _summary, _steps = demo_with_orders
    waves = [row for row in picking_views.pick_lists(database, system, states=("done",)) if row.kind == "wave"]
    assert waves
    for row in waves:
        view = picking_views.pick_list(database, system, row.id)
        assert view.temperature_class and all(order.tote_code for order in view.orders), view.orders
        assert all(task.state == "done" and task.tote_code for task in view.tasks)


def test_demo_scan_history_has_rejections_and_an_undo(demo_with_orders, system):
    database, _summary, _steps = demo_with_orders
    scans = [scan for row in picking_views.pick_lists(database, system, states=("claimed", "done"))
             for scan in picking_views.scan_log(database, system, row.id)]
    rejected = Counter(scan.code for scan in scans if scan.outcome == "rejected")
    assert rejected["wrong_bin"] >= 1 and rejected["wrong_item"] >= 1, rejected
    assert any(scan.action == "undo" and scan.outcome == "accepted" for scan in scans)
    assert any(scan.undone for scan in scans)
    assert {scan.username for scan in scans} == {"picker"}
    assert any(scan.action == "tote" for scan in scans) and any(scan.action == "count" for scan in scans)


def test_a_person_can_go_on_picking_in_the_demo(demo_with_orders):
    """The demo picker's "take next" continues the half-picked list; a second picker gets an open one."""
    database, _summary, _steps = demo_with_orders
    picker = users.login(database, "picker", next(u.password for u in DEMO_USERS if u.username == "picker"),
                         station="try-1")
    try:
        warehouse = next(w for w in warehouses.list_warehouses(database, Actor.system()) if w.code == "SH")
        mine = picking_claiming.take_next(picker.database, picker.actor, warehouse.id, "try-1")
        assert mine is not None and mine.claimed_by == "picker" and mine.done_tasks > 0 and mine.current is not None
    finally:
        if picker.database is not database:
            picker.database.dispose()
    supervisor = Actor.system("try-2")
    other = picking_claiming.take_next(database, supervisor, warehouse.id, "try-2")
    assert other is not None and other.id != mine.id and other.done_tasks == 0
