"""Fixtures for the goods-in and counts views: the demo data set (generated once per
test session into a template file, copied for each test), a ``ViewContext`` per
demo user, QSettings in a temp directory, and typing scans into a ``ScanField``.

``conftest.py`` imports the fixtures from here, so every test module of the
folder can ask for them by name.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from tests.qt_support import context_factory, isolated_qsettings, show, wait_idle  # noqa: F401 - used by the stock tests
from argon2 import PasswordHasher
from PySide6.QtCore import Qt

from app.db.database import Database
from app.db.migrate import upgrade
from app.demo.generate import generate_demo
from app.services import catalog, users, warehouses
from app.services.context import Actor
from app.services.warehouses import BinInput
from ui.context import ViewContext
from ui.scanning.scan_field import GS

#: bins the tests add to the demo (zone TST holds no demo stock, so counts and bin lists are the test's own)
TEST_BINS = {"SH": ("SH-TST-01-1", "SH-TST-01-2", "SH-TST-02-1"), "BJ": ("BJ-TST-01-1",)}
TEST_ZONE = "TST"

#: demo users (app/demo/catalog_data.py DEMO_USERS)
CLERK, SUPERVISOR, PICKER = "clerk", "supervisor", "picker"
_DEMO_USERNAMES = {CLERK: "clerk", SUPERVISOR: "super", PICKER: "picker"}


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A migrated SQLite file with ``generate_demo(seed=1, customers=10)`` and the empty ``TEST_BINS``."""
    path = tmp_path_factory.mktemp("demo_template") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        db = Database("sqlite:///" + str(path))
        upgrade(db)
        generate_demo(db, seed=1, customers=10)
        system = Actor.system()
        for code, bin_codes in TEST_BINS.items():
            warehouse_id = warehouse(db, code).id
            for sequence, bin_code in enumerate(bin_codes, start=1):
                warehouses.save_bin(db, system, BinInput(warehouse_id, bin_code, TEST_ZONE, 100_000 + sequence))
        db.dispose()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path):
    path = tmp_path / "freshflow.db"
    shutil.copyfile(demo_template, path)
    db = Database("sqlite:///" + str(path))
    yield db
    db.dispose()


@pytest.fixture
def other_station_db(demo_db, tmp_path):
    """A second handle on the same file: another station."""
    db = Database("sqlite:///" + str(tmp_path / "freshflow.db"))
    yield db
    db.dispose()


@pytest.fixture
def stock_qsettings(tmp_path, qapp):
    """The remembered warehouse goes to a per-test directory."""
    with isolated_qsettings(tmp_path):
        yield


def demo_actor(db: Database, who: str, station: str = "stock") -> Actor:
    username = _DEMO_USERNAMES.get(who, who)
    user = next(u for u in users.list_users(db, Actor.system()) if u.username == username)
    return Actor(user.id, user.username, user.role, station, user.full_name)


@pytest.fixture
def stock_context(qtbot, demo_db, stock_qsettings):
    """``stock_context("clerk")`` -> a ViewContext acting as that demo user."""
    factory = context_factory(demo_actor)
    make_on = next(factory)

    def make(who: str = CLERK) -> ViewContext:
        return make_on(demo_db, who)

    yield make
    next(factory, None)


def type_scan(qtbot, field, text: str, *, enter: bool = True) -> None:
    """Type ``text`` into a ScanField key by key; GS goes in as Ctrl+] like many wedge scanners send it."""
    field.setFocus()
    for char in text:
        if char == GS:
            qtbot.keyClick(field, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
        else:
            qtbot.keyClick(field, char)
    if enter:
        qtbot.keyClick(field, Qt.Key.Key_Return)


def yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def in_days(days: int) -> date:
    return date.today() + timedelta(days=days)


def gtin14(gtin: str) -> str:
    return gtin.zfill(14)


def product(db: Database, sku: str) -> catalog.ProductRow:
    return next(p for p in catalog.list_products(db, Actor.system(), sku) if p.sku == sku)


def warehouse(db: Database, code: str) -> warehouses.WarehouseRow:
    return next(w for w in warehouses.list_warehouses(db, Actor.system()) if w.code == code)


def bins(db: Database, code: str, zone: str | None = None) -> list[warehouses.BinRow]:
    rows = warehouses.list_bins(db, Actor.system(), warehouse(db, code).id)
    return [b for b in rows if zone is None or b.zone == zone]
