"""Fixtures for the catalogue, customers and admin views: a migrated temp
SQLite database with users, a small catalogue, warehouses and customers, and a
``ViewContext`` per acting user. Teardown waits for the runner so no worker
thread outlives its test."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

import pytest

from app.db.database import Database
from app.db.migrate import upgrade
from app.gtin import mod10_check_digit
from app.services import catalog, customers, users, warehouses
from app.services.catalog import CategoryInput, ProductInput
from app.services.context import Actor
from app.services.customers import CustomerInput
from app.services.warehouses import BinInput, WarehouseInput
from tests import qt_support
from tests.qt_support import context_factory, wait_idle  # noqa: F401 - wait_idle is imported by the tests
from ui.context import ViewContext

from .stock_support import demo_db, demo_template, stock_context, stock_qsettings  # noqa: F401 - fixtures

PASSWORD = "secret-pass-1"
USERS = {
    "super": "supervisor",
    "picker": "picker",
    "packer": "packer",
    "cs": "cs_rep",
    "admin": "admin",
}


def gtin13(body: str) -> str:
    """A valid GTIN-13 from 12 digits."""
    return body + str(mod10_check_digit(body))


def bad_check_digit(gtin: str) -> str:
    return gtin[:-1] + str((int(gtin[-1]) + 1) % 10)


@dataclass
class Seed:
    users: dict[str, users.UserRow] = field(default_factory=dict)
    categories: dict[str, catalog.CategoryRow] = field(default_factory=dict)
    products: dict[str, catalog.ProductRow] = field(default_factory=dict)
    warehouses: dict[str, warehouses.WarehouseRow] = field(default_factory=dict)
    customers: dict[str, customers.CustomerRow] = field(default_factory=dict)

    def actor(self, username: str, station: str = "test") -> Actor:
        user = self.users[username]
        return Actor(user.id, user.username, user.role, station, user.full_name)


TOMATO_GTIN = gtin13("690123400001")
SALMON_GTIN = gtin13("690123400002")


def seed_database(db: Database) -> Seed:
    system = Actor.system()
    seed = Seed()
    for username, role in USERS.items():
        seed.users[username] = users.create_user(db, system, username, role, PASSWORD, f"{username.title()} Test")
    for code, en, zh, temp in (("vegetables", "Vegetables", "蔬菜", "chilled"),
                               ("fruit", "Fruit", "水果", "ambient"),
                               ("seafood", "Seafood", "水产海鲜", "chilled")):
        seed.categories[code] = catalog.save_category(db, system, CategoryInput(code, en, zh, temp))
    veg, fruit, sea = (seed.categories[c].id for c in ("vegetables", "fruit", "seafood"))
    for data in (
        ProductInput("VEG-0001", "Cherry tomatoes 250 g", veg, "chilled", 7, 890, name_zh="樱桃番茄",
                     min_remaining_shelf_life_days=3, nominal_weight_g=250, reorder_point=40,
                     gtins=(TOMATO_GTIN,)),
        ProductInput("VEG-0002", "Broccoli", veg, "chilled", 6, 1280, name_zh="西兰花", unit="weighed",
                     nominal_weight_g=400, weight_tolerance_g=60, min_remaining_shelf_life_days=2),
        ProductInput("FRU-0001", "Fuji apples", fruit, "ambient", 30, 1590, name_zh="富士苹果", unit="weighed",
                     nominal_weight_g=1000, weight_tolerance_g=150, min_remaining_shelf_life_days=10),
        ProductInput("FRU-0002", "Bananas", fruit, "ambient", 5, 650, name_zh="香蕉",
                     min_remaining_shelf_life_days=2, active=False),
        ProductInput("SEA-0001", "Atlantic salmon fillet", sea, "chilled", 4, 8990, name_zh="三文鱼柳",
                     unit="weighed", nominal_weight_g=300, weight_tolerance_g=30, min_remaining_shelf_life_days=2,
                     gtins=(SALMON_GTIN,), substitutes=("VEG-0001",)),
    ):
        row = catalog.save_product(db, system, data)
        seed.products[row.sku] = row
    seed.warehouses["SH"] = warehouses.save_warehouse(
        db, system, WarehouseInput("SH", "Shanghai Minhang DC", "上海市闵行区申旺路88号", ("200", "201"), 10))
    seed.warehouses["BJ"] = warehouses.save_warehouse(
        db, system, WarehouseInput("BJ", "Beijing Daxing DC", "北京市大兴区金星路18号", ("100",), 20))
    for code, zone, sequence in (("SH-CHL-A01-02", "CHL", 30), ("SH-AMB-A01-01", "AMB", 10),
                                 ("SH-AMB-A01-02", "AMB", 20)):
        warehouses.save_bin(db, system, BinInput(seed.warehouses["SH"].id, code, zone, sequence))
    warehouses.save_bin(db, system, BinInput(seed.warehouses["BJ"].id, "BJ-AMB-A01-01", "AMB", 10))
    for key, data in (
        ("li", CustomerInput("Li Lei 李雷", "+86 13800138000", "li.lei@example.cn", "zh_CN", "申旺路 1号",
                             "Shanghai", "201108")),
        ("han", CustomerInput("Han Meimei 韩梅梅", "+86 13900139000", "han@example.com", "zh_CN",
                              "金星路 18号", "Beijing", "102600")),
        ("emma", CustomerInput("Emma Thompson", "+86 13700137000", "emma@example.net", "en", "Baiyun Rd 66",
                               "Guangzhou", "510540")),
    ):
        seed.customers[key] = customers.save_customer(db, system, data)
    return seed


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "freshflow.db"


@pytest.fixture
def database(db_path):
    db = Database("sqlite:///" + str(db_path))
    upgrade(db)
    yield db
    db.dispose()


@pytest.fixture
def seed(database) -> Seed:
    return seed_database(database)


@pytest.fixture
def other_database(db_path, database):
    """A second handle on the same file: another station."""
    db = Database("sqlite:///" + str(db_path))
    yield db
    db.dispose()


@pytest.fixture
def main_thread_gc():
    """Torn down after pytest-qt closed the test's widgets: collect the Qt wrappers'
    reference cycles here, on the UI thread, not in whichever pool thread next
    triggers a collection."""
    yield
    gc.collect()


@pytest.fixture
def make_context(main_thread_gc, qtbot, database, seed):
    """``make_context("picker")`` -> a ViewContext acting as that user."""
    factory = context_factory(lambda _database, username: seed.actor(username))
    make_on = next(factory)

    def make(username: str = "super") -> ViewContext:
        return make_on(database, username)

    yield make
    next(factory, None)


@pytest.fixture
def context(make_context) -> ViewContext:
    return make_context("super")


def show(qtbot, widget):
    return qt_support.show(qtbot, widget, size=(1200, 700))


def column_texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]
