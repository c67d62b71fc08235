"""A small warehouse to pick in: a chilled and an ambient zone, piece and weighed goods, lots with known expiry,
a substitute, and orders imported through the real intake (so they are allocated with FEFO reservations)."""

from __future__ import annotations

import zlib

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from app import clock
from app.barcodes import encode_internal, item_label
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.models import Order
from app.services import catalog, warehouses
from app.services.context import Actor
from app.services.orders.intake import import_drafts
from app.services.picking import claiming
from app.services.stock import receiving

GS = "\x1d"
APPLE_GTIN = "06901234567892"      # piece, chilled? no: ambient
MILK_GTIN = "06901234567809"       # piece, chilled
OATMILK_GTIN = "06901234567816"    # piece, chilled: the milk's substitute
SALMON_GTIN = "06901234567823"     # weighed, 250 g +- 20 g


#: catalogue prices per unit of sale (the salmon: 128.00 per kg x 250 g)
PRICES = {"APL-1": 350, "MLK-1": 1590, "OAT-1": 1890, "FSH-1": 3200}


@dataclass
class Shop:
    warehouse: object
    apple: object
    milk: object
    oat_milk: object
    salmon: object
    bin_a: object      # ambient, path 10: apples
    bin_c1: object     # chilled, path 20: milk (two lots), salmon
    bin_c2: object     # chilled, path 30: more milk, oat milk
    delivery: date


def receive(db, actor, product_id, bin_id, lot, days, quantity):
    """Receive a lot expiring in ``days`` (an expired one as received a week ago)."""
    return receiving.receive(db, actor, receiving.ReceiptInput(product_id, lot, clock.today() + timedelta(days=days),
                                                               quantity, bin_id),
                             today=clock.today() - timedelta(days=7) if days < 0 else None)


@pytest.fixture
def shop(db, system) -> Shop:
    fruit = catalog.save_category(db, system, catalog.CategoryInput("fruit", "Fruit", "水果", "ambient"))
    dairy = catalog.save_category(db, system, catalog.CategoryInput("dairy", "Dairy", "乳制品", "chilled"))
    warehouse = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("SH", "Shanghai", "", ("200",), 1))
    oat = catalog.save_product(db, system, catalog.ProductInput(
        "OAT-1", "Oat milk 1 l", dairy.id, "chilled", 30, 1890, gtins=(OATMILK_GTIN,)))
    apple = catalog.save_product(db, system, catalog.ProductInput(
        "APL-1", "Fuji apple", fruit.id, "ambient", 30, 350, gtins=(APPLE_GTIN,)))
    milk = catalog.save_product(db, system, catalog.ProductInput(
        "MLK-1", "Fresh milk 1 l", dairy.id, "chilled", 10, 1590, min_remaining_shelf_life_days=2,
        gtins=(MILK_GTIN,), substitutes=("OAT-1",)))
    salmon = catalog.save_product(db, system, catalog.ProductInput(
        "FSH-1", "Salmon fillet", dairy.id, "chilled", 5, 12800, unit="weighed", nominal_weight_g=250,
        weight_tolerance_g=20, gtins=(SALMON_GTIN,)))
    bin_a = warehouses.save_bin(db, system, warehouses.BinInput(warehouse.id, "SH-A-01", "AMB", 10))
    bin_c1 = warehouses.save_bin(db, system, warehouses.BinInput(warehouse.id, "SH-C-01", "CHL", 20))
    bin_c2 = warehouses.save_bin(db, system, warehouses.BinInput(warehouse.id, "SH-C-02", "CHL", 30))
    receive(db, system, apple.id, bin_a.id, "A-1", 20, 100)
    receive(db, system, milk.id, bin_c1.id, "M-SOON", 5, 6)
    receive(db, system, milk.id, bin_c1.id, "M-LATER", 9, 10)
    receive(db, system, milk.id, bin_c2.id, "M-C2", 7, 10)
    receive(db, system, milk.id, bin_c1.id, "M-OLD", -1, 3)   # expired: never reserved, never pickable
    receive(db, system, oat.id, bin_c2.id, "O-1", 20, 10)
    receive(db, system, salmon.id, bin_c1.id, "S-1", 4, 5000)
    return Shop(warehouse, apple, milk, oat, salmon, bin_a, bin_c1, bin_c2, clock.today() + timedelta(days=1))


def order_draft(external_id: str, *lines: tuple[str, int], slot: str = "09:00-12:00",
                delivery: date | None = None) -> OrderDraft:
    return OrderDraft(
        channel="web", external_id=external_id, customer_name="Li Lei", email="li@example.com",
        phone="138" + f"{zlib.crc32(external_id.encode()) % 10 ** 8:08d}",  # one customer per order: no duplicates
        address=DraftAddress(name="Li Lei", line1=f"{zlib.crc32(external_id.encode()) % 999 + 1} Nanjing Road", city="Shanghai", province="Shanghai",
                             postal_code="200001", country="CN"),
        lines=tuple(DraftLine(sku, quantity, PRICES.get(sku)) for sku, quantity in lines),
        delivery_date=delivery or clock.today() + timedelta(days=1), delivery_slot=slot, payment_status="paid",
        position=1)


def place_orders(db, actor, *drafts: OrderDraft, substitutions: bool = False) -> list[str]:
    report = import_drafts(db, actor, list(drafts))
    assert report.states.get("exception", 0) == 0, report.exceptions_by_reason
    if substitutions:
        db.transaction(lambda session: session.execute(
            update(Order).where(Order.number.in_(report.numbers)).values(substitutions_allowed=True)))
    return report.numbers


def bin_code(code: str) -> str:
    return encode_internal("bin", code)


def tote_code(code: str) -> str:
    return encode_internal("tote", code)


#: a GS1-128 item scan as a scanner sends it (]C1, GS after variable-length fields)
gs1 = item_label


class Station:
    """A picking station in a test: numbers its scans like the real one."""

    def __init__(self, db, actor: Actor, name: str = "pick-1"):
        from app.services.picking import views

        self.db, self.actor, self.name = db, actor, name
        self.seq = views.next_scan_seq(db, name)
        self.list_id: int | None = None

    def take_next(self, warehouse_id: int):
        view = claiming.take_next(self.db, self.actor, warehouse_id, self.name)
        self.list_id = view.id if view else None
        return view

    def _next(self) -> int:
        seq, self.seq = self.seq, self.seq + 1
        return seq

    def scan(self, raw: str):
        from app.services.picking import scanning

        return scanning.scan(self.db, self.actor, self.list_id, self.name, self._next(), raw)

    def do(self, action: str, **kw):
        from app.services.picking import scanning

        return getattr(scanning, action)(self.db, self.actor, self.list_id, self.name, self._next(), **kw)


@pytest.fixture
def picker(db, login_as):
    """A logged-in picker (``.database`` is their own connection on PostgreSQL, ``.actor``)."""
    from app.permissions import Role

    return login_as(Role.PICKER)


@pytest.fixture
def supervisor(db, login_as):
    from app.permissions import Role

    return login_as(Role.SUPERVISOR)


@pytest.fixture
def station(picker) -> Station:
    return Station(picker.database, picker.actor)
