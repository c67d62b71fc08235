"""Station processes for the concurrency tests (started with the ``spawn`` method, so importable and pytest-free).

An order is a list of lines ``(reference, warehouse_id, product_id, quantity)``. A one-line order goes
through ``reserve_line`` (one transaction per line), a longer one through ``reserve_in_session`` for each
line inside one ``db.transaction`` (how allocation reserves a whole order at once).
"""

from __future__ import annotations

import os
import time
import traceback

Line = tuple[str, int, int, int]
#: per line: (reference, requested, ((reservation id, quant id, quantity), ...))
LineResult = tuple[str, int, tuple[tuple[int, int, int], ...]]


def _reserve_order(db, actor, order: list[Line], today, pause: float = 0.0, on_start=None) -> list[LineResult]:
    from app.services.stock.reservations import reserve_in_session, reserve_line

    def summary(result) -> LineResult:
        return (result.reference, result.requested,
                tuple((p.reservation_id, p.quant_id, p.quantity) for p in result.parts))

    if len(order) == 1 and on_start is None:
        reference, warehouse_id, product_id, quantity = order[0]
        return [summary(reserve_line(db, actor, warehouse_id=warehouse_id, product_id=product_id, quantity=quantity,
                                     delivery_date=today, reference=reference, today=today))]

    def work(session):
        if on_start is not None:
            on_start()
        results = []
        for reference, warehouse_id, product_id, quantity in order:
            results.append(summary(reserve_in_session(
                session, actor, warehouse_id=warehouse_id, product_id=product_id, quantity=quantity,
                delivery_date=today, reference=reference, today=today)))
            if pause:
                time.sleep(pause)
        return results

    return db.transaction(work)


def station(url: str, name: str, today, inbox, outbox, barrier) -> None:
    """Serve tasks (lists of orders) from ``inbox`` until ``None``; start each together at ``barrier``.

    Puts ``{"results": [...], "errors": [...], "retries": n, "seconds": s}`` per task on ``outbox``:
    an error is anything that escaped the service call (it would have reached the user).
    """
    from app.db.database import Database
    from app.db.retry import retry_stats
    from app.services.context import Actor
    from app.services.stock import reservations  # noqa: F401 - imported before "ready"

    db = Database(url, application_name=f"freshflow:{name}")
    actor = Actor.system(name)
    db.ping()
    outbox.put(("ready", name, os.getpid()))
    try:
        while (orders := inbox.get()) is not None:
            barrier.wait(timeout=60)
            retries_before, start = retry_stats.retries, time.perf_counter()
            results: list[LineResult] = []
            errors: list[str] = []
            for order in orders:
                try:
                    results.extend(_reserve_order(db, actor, order, today))
                except Exception:  # noqa: BLE001 - reported to the test, which fails on any
                    errors.append(traceback.format_exc(limit=3))
            outbox.put({"name": name, "results": results, "errors": errors,
                        "retries": retry_stats.retries - retries_before, "seconds": time.perf_counter() - start})
    finally:
        db.dispose()


def victim(url: str, name: str, today, make_order, in_transaction, ready) -> None:
    """Reserve orders back to back until killed; ``in_transaction`` is 1 while a unit of work runs.

    ``make_order(n)`` gives order ``n``. A short pause after each line keeps the process inside its
    transaction most of the time, so a kill at a random moment usually lands mid-order.
    """
    from app.db.database import Database
    from app.services.context import Actor
    from app.services.stock import reservations  # noqa: F401 - imported before "ready", not at the first order

    db = Database(url, application_name=f"freshflow:{name}")
    actor = Actor.system(name)
    db.ping()
    ready.set()

    def started() -> None:
        in_transaction.value = 1

    n = 0
    while True:
        try:
            _reserve_order(db, actor, make_order(n), today, pause=0.002, on_start=started)
        except Exception:  # noqa: BLE001 - a victim's errors do not matter, only what it leaves behind
            traceback.print_exc()
        in_transaction.value = 0
        n += 1


class OrderMaker:
    """Deterministic orders ``{prefix}{n}:{line}``: ``lines`` lines of 1-3 units of the scarce product, then a
    one-unit line ``{prefix}{n}:M`` of a plentiful product: the marker is there exactly when the order committed."""

    def __init__(self, prefix: str, warehouse_id: int, scarce_product_id: int, marker_product_id: int,
                 lines: int = 3) -> None:
        self.prefix, self.warehouse_id, self.lines = prefix, warehouse_id, lines
        self.scarce_product_id, self.marker_product_id = scarce_product_id, marker_product_id

    def __call__(self, n: int) -> list[Line]:
        order = [(f"{self.prefix}{n}:{i}", self.warehouse_id, self.scarce_product_id, 1 + (n + i) % 3)
                 for i in range(self.lines)]
        return order + [(f"{self.prefix}{n}:M", self.warehouse_id, self.marker_product_id, 1)]
