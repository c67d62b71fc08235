"""Fixtures for the review queue and the orders browser.

A session template: a migrated SQLite file with the demo (catalogue, warehouses,
stock, users) and a handful of web-shop orders imported through the intake
service, four of which fail the review for different reasons. Each test works
on its own copy; ``second_station`` is another handle on the same file (another
PC), and ``make_context("cs")`` acts as a demo user there.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tests import qt_support
from tests.qt_support import context_factory, isolated_qsettings, wait_idle  # noqa: F401 - wait_idle is imported by the tests
from argon2 import PasswordHasher

from app.db.database import Database
from app.db.migrate import upgrade
from app.demo.generate import generate_demo
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.models import utcnow
from app.services import users
from app.services.context import Actor
from app.services.orders import intake, queries
from app.services.orders.review_settings import ReviewSettings
from app.services.orders.slots import next_feasible_slot
from ui.context import ViewContext

#: demo users (app/demo/catalog_data.py DEMO_USERS) and one more reviewer the tests add
USERNAMES = {"super": "super", "cs": "cs", "admin": "admin", "picker": "picker", "super2": "super2"}


@dataclass(frozen=True)
class SeedOrders:
    """Order numbers of the template, by what is special about them."""

    good: str          # passes: allocated, with reservations
    bad_phone: str     # phone "12345"
    not_served: str    # postal code no warehouse serves
    pending: str       # payment pending
    unknown_sku: str   # line 1 names no product
    first_day: date    # the earliest feasible delivery date when the template was made


def draft(external_id: str, name: str, phone: str, *, postal_code: str = "201108", payment: str = "paid",
          sku: str = "FRU-0001", quantity: int = 2, price: int | None = None, delivery: date | None = None,
          slot: str = "09:00-12:00", line1: str = "申旺路 1号") -> OrderDraft:
    from app.demo.catalog_data import PRODUCTS_BY_SKU

    if price is None:
        product = PRODUCTS_BY_SKU.get(sku)
        price = product.price_cents if product is not None and product.unit == "piece" else None
    return OrderDraft(
        "webshop", external_id, name, f"{external_id.lower()}@example.cn", phone,
        DraftAddress(name, phone, line1, "", "Shanghai", "上海市", postal_code, "CN"),
        (DraftLine(sku, quantity, price, "Item"),), delivery_date=delivery, delivery_slot=slot,
        payment_status=payment, currency="CNY", total_cents=(price or 0) * quantity)


def feasible_day() -> date:
    return next_feasible_slot(utcnow(), ReviewSettings.from_json({}), "SH")[0]


def piece_sku() -> str:
    """A sellable piece product with plenty of stock in Shanghai (the demo has these)."""
    return "VEG-0001"


@pytest.fixture(scope="session")
def orders_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("orders_template") / "orders.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        db = Database("sqlite:///" + str(path))
        upgrade(db)
        generate_demo(db, seed=1, customers=10)
        system = Actor.system("test")
        users.create_user(db, system, "super2", "supervisor", "super2pass", "Wu Lei 吴磊")
        day = feasible_day()
        sku = piece_sku()
        report = intake.import_drafts(db, system, [
            draft("W-1", "Zhou Xun 周迅", "+86 139 0000 0001", sku=sku, delivery=day),
            draft("W-2", "Sun Li 孙俪", "12345", sku=sku, delivery=day + timedelta(days=1), line1="莘庄 2号"),
            draft("W-3", "Hu Ge 胡歌", "+86 139 0000 0003", sku=sku, postal_code="999999", delivery=day,
                  line1="某路 3号"),
            draft("W-4", "Li Bing 李冰", "+86 139 0000 0004", sku=sku, payment="pending",
                  delivery=day + timedelta(days=2), line1="七宝 4号"),
            draft("W-5", "Emma Thompson", "+86 139 0000 0005", sku="NOPE-1", price=500,
                  delivery=day + timedelta(days=1), line1="Hongqiao Rd 5"),
        ])
        assert report.imported == 5, report.to_json()
        numbers = report.numbers
        states = {row.number: row.state for row in queries.search_orders(db, system)}
        assert states[numbers[0]] == "allocated", states
        assert [states[n] for n in numbers[1:]] == ["exception"] * 4, states
        db.dispose()
    return path, SeedOrders(*numbers, first_day=day)


@pytest.fixture
def seed_orders(orders_template) -> SeedOrders:
    return orders_template[1]


@pytest.fixture
def orders_db(orders_template, tmp_path):
    path = tmp_path / "freshflow.db"
    shutil.copyfile(orders_template[0], path)
    db = Database("sqlite:///" + str(path))
    yield db
    db.dispose()


@pytest.fixture
def second_station(orders_db, tmp_path):
    """Another PC on the same database file."""
    db = Database("sqlite:///" + str(tmp_path / "freshflow.db"))
    yield db
    db.dispose()


def actor(db: Database, who: str, station: str = "review") -> Actor:
    username = USERNAMES.get(who, who)
    user = next(u for u in users.list_users(db, Actor.system()) if u.username == username)
    return Actor(user.id, user.username, user.role, station, user.full_name)


@pytest.fixture
def qsettings(tmp_path, qapp):
    with isolated_qsettings(tmp_path):
        yield


@pytest.fixture
def make_context(qtbot, orders_db, qsettings):
    """``make_context("cs")`` -> a ViewContext acting as that user; ``db=`` another station's handle."""
    factory = context_factory(actor)
    make_on = next(factory)

    def make(who: str = "super", db: Database | None = None) -> ViewContext:
        return make_on(db or orders_db, who)

    yield make
    next(factory, None)


def show(qtbot, widget, size=(1366, 800)):
    return qt_support.show(qtbot, widget, size)
