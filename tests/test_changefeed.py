"""Two stations see each other's changes within a second."""

from __future__ import annotations

import threading
import time

from app.db.changefeed import ChangeFeed
from app.db.database import Database
from app.services import catalog


def test_other_station_change_arrives_within_one_second(db, system):
    station_a = Database(db.url)
    station_b = Database(db.url)
    received: list[tuple[float, frozenset[str]]] = []
    arrived = threading.Event()

    def on_change(tables):
        received.append((time.monotonic(), tables))
        arrived.set()

    feed = ChangeFeed(station_b, on_change)
    feed.start()
    assert feed.wait_ready()
    try:
        time.sleep(0.3)
        assert not arrived.is_set(), "no change yet, no event"
        written_at = time.monotonic()
        catalog.save_category(station_a, system, catalog.CategoryInput("veg", "Vegetables"))
        assert arrived.wait(1.0), "change not seen within one second"
        seen_at, tables = received[0]
        assert seen_at - written_at < 1.0
        assert "categories" in tables or tables == frozenset({"*"})
        if db.is_postgres:
            assert {"categories", "audit_log"} <= tables
        # station B reads the new truth
        assert [c.code for c in catalog.list_categories(station_b, system)] == ["veg"]
    finally:
        feed.stop()
        station_a.dispose()
        station_b.dispose()


def test_reads_do_not_trigger_the_feed(db, system):
    catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables"))
    arrived = threading.Event()
    feed = ChangeFeed(db, lambda tables: arrived.set())
    feed.start()
    assert feed.wait_ready()
    try:
        time.sleep(0.2)
        catalog.list_categories(db, system)
        catalog.list_products(db, system, "x")
        assert not arrived.wait(0.6)
    finally:
        feed.stop()
