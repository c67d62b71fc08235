"""The review queue view with 100,000 orders in the database: how long until it is painted.

    QT_QPA_PLATFORM=offscreen python bench/bench_review_view.py [--orders 100000] [--exceptions 0.1] [--runs 7]

Builds a temporary SQLite database: the demo (``generate_demo(seed=1,
customers=10)``), then ``--import`` realistic web-shop orders through the real
intake (``intake.import_drafts``: review, numbering, allocation), about
``--exceptions`` of them made to fail a rule (bad phone, unserved postal code,
pending payment, unknown SKU, wrong price, too many pieces); then the database
is topped up to ``--orders`` with Core bulk inserts copied from those imported
orders (same share of exceptions, with their findings; the rest allocated,
picked, shipped, delivered or cancelled, received over the last 60 days; two
lines each). Then, offscreen with the application's style sheet:

- service: ``review_queue`` (median of 5) and ``prepare_queue`` (display texts
  and search keys, the worker's second step), ``exception_count``;
- opening the view: from creating and showing ``ReviewView`` to the queue
  painted with its rows (the worker's load included), median of ``--runs``
  fresh views; and from the rows arriving on the UI thread to that paint;
- a filter keystroke in ``reviewFilter`` until the table has repainted, and
  opening (claiming) an order until the detail panel shows it.

Target (issue 5): the view opens (table painted) in <= 300 ms with 100,000 orders.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db.database import Database  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.demo.catalog_data import PRODUCTS, generate_customers, warehouse_for_postal_code  # noqa: E402
from app.demo.generate import generate_demo  # noqa: E402
from app.importers.draft import DraftAddress, DraftLine, OrderDraft  # noqa: E402
from app.models import Order, OrderLine, utcnow  # noqa: E402
from app.services import users  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.orders import intake, queries  # noqa: E402
from app.services.orders.review import expected_unit_price  # noqa: E402
from app.services.orders.review_settings import ReviewSettings  # noqa: E402
from app.services.orders.slots import next_feasible_slot  # noqa: E402

TARGET_MS = 300
SLOTS = ("09:00-12:00", "14:00-18:00", "18:00-21:00")
#: what makes an imported order fail, and how often (relative weights)
FAULTS = {"phone": 5, "postal_code": 3, "payment": 4, "sku": 2, "price": 2, "quantity": 1, "email": 2}
LATER_STATES = {"allocated": 20, "picking": 3, "picked": 2, "qc_passed": 2, "packed": 3, "shipped": 15,
                "delivered": 50, "cancelled": 5}


# -- realistic drafts ---------------------------------------------------------------------------------------

def make_drafts(count: int, *, seed: int = 7, exception_share: float = 0.1, first_day: date | None = None,
                prefix: str = "WEB") -> list[OrderDraft]:
    """``count`` web-shop orders from demo-like customers; about ``exception_share`` carry one fault."""
    rng = random.Random(seed)
    customers = generate_customers(random.Random(seed + 1), 800)
    products = [p for p in PRODUCTS if p.active]
    first_day = first_day or next_feasible_slot(utcnow(), ReviewSettings.from_json({}), "SH")[0]
    faults = list(FAULTS)
    weights = [FAULTS[f] for f in faults]
    drafts = []
    for i in range(count):
        customer = rng.choice(customers)
        fault = rng.choices(faults, weights)[0] if rng.random() < exception_share else ""
        lines = []
        for line_no, product in enumerate(rng.sample(products, rng.randint(1, 4)), start=1):
            price = expected_unit_price(product)
            lines.append(DraftLine(product.sku, rng.randint(1, 3), price, product.name_en,
                                   external_line_id=f"{prefix}-{i}-{line_no}"))
        phone, email, postal_code, payment = customer.phone, customer.email, customer.postal_code, "paid"
        if fault == "phone":
            phone = rng.choice(("138 1234", "12345", "+86 1381234567", "021-555"))
        elif fault == "postal_code":
            postal_code = rng.choice(("999999", "830000", "850000"))
        elif fault == "payment":
            payment = "pending"
        elif fault == "email":
            email = ""
        elif fault == "sku":
            lines[-1] = DraftLine(rng.choice(("VEG-9999", "FRU-0999", "APPLE-RED")), 1, 990, "Unknown item")
        elif fault == "price":
            old = lines[0]
            lines[0] = DraftLine(old.sku, old.quantity, (old.unit_price_cents or 1000) * 2 // 3, old.name)
        elif fault == "quantity":
            old = lines[0]
            lines[0] = DraftLine(old.sku, 80, old.unit_price_cents, old.name)
        elif warehouse_for_postal_code(postal_code) is None:
            postal_code = "201108"  # unserved customers only where the fault says so
        total = sum((line.unit_price_cents or 0) * line.quantity for line in lines)
        drafts.append(OrderDraft(
            "webshop", f"{prefix}-{i:07d}", customer.name, email, phone,
            DraftAddress(customer.name, phone, customer.address_line, "", customer.city, "", postal_code, "CN"),
            tuple(lines), placed_at=utcnow() - timedelta(minutes=rng.randint(5, 600)),
            language=customer.language, delivery_date=first_day + timedelta(days=rng.choice((0, 0, 0, 1))),
            delivery_slot=rng.choice(SLOTS), payment_status=payment, currency="CNY", total_cents=total,
            position=i + 1))
    return drafts


# -- the big database -------------------------------------------------------------------------------------------

def bulk_orders(db: Database, wanted: int, *, exception_share: float, seed: int = 11) -> int:
    """Top ``orders`` up to ``wanted`` rows, copying the imported orders (Core executemany). Returns rows added."""
    rng = random.Random(seed)
    order_table, line_table = Order.__table__, OrderLine.__table__

    def work(session) -> int:
        existing = session.execute(select(func.count()).select_from(Order)).scalar_one()
        missing = max(wanted - existing, 0)
        if not missing:
            return 0
        templates = [dict(row._mapping) for row in session.execute(select(order_table))]
        exceptions = [t for t in templates if t["state"] == "exception"]
        passing = [t for t in templates if t["state"] != "exception"] or templates
        lines_by_order: dict[int, list[dict]] = {}
        for row in session.execute(select(line_table)):
            lines_by_order.setdefault(row.order_id, []).append(dict(row._mapping))
        next_id = session.execute(select(func.coalesce(func.max(Order.id), 0))).scalar_one() + 1
        now = utcnow()
        states = list(LATER_STATES)
        weights = [LATER_STATES[s] for s in states]
        added = 0
        batch = 20_000
        while added < missing:
            orders, lines = [], []
            for _ in range(min(batch, missing - added)):
                exception = rng.random() < exception_share
                template = rng.choice(exceptions if exception and exceptions else passing)
                order = dict(template)
                order_id = next_id
                next_id += 1
                if exception:
                    received = now - timedelta(minutes=rng.randint(1, 3 * 24 * 60))
                    state = "exception"
                    delivery = (template["delivery_date"] or date.today()) + timedelta(days=rng.randint(0, 3))
                else:
                    received = now - timedelta(minutes=rng.randint(3 * 24 * 60, 60 * 24 * 60))
                    state = rng.choices(states, weights)[0]
                    delivery = received.date() + timedelta(days=rng.randint(1, 3))
                order.update(id=order_id, number=f"B{received:%Y%m%d}-{order_id:07d}"[:20],
                             external_id=f"BULK-{order_id}", state=state, received_at=received,
                             state_changed_at=received, placed_at=received - timedelta(minutes=3),
                             delivery_date=delivery, claimed_by="", claimed_until=None, version=1,
                             fingerprint=f"bulk{order_id}",
                             review_reasons=template["review_reasons"] if exception else [],
                             state_reason="customer cancelled" if state == "cancelled" else "")
                orders.append(order)
                for line in lines_by_order.get(template["id"], [])[:2]:
                    copy = dict(line)
                    copy.pop("id")
                    copy["order_id"] = order_id
                    copy["reserved_quantity"] = 0
                    lines.append(copy)
            session.execute(insert(order_table), orders)
            if lines:
                session.execute(insert(line_table), lines)
            added += len(orders)
        return added

    return db.transaction(work)


def build_database(directory: str, orders: int, exception_share: float, imported: int) -> Database:
    db = Database(f"sqlite:///{directory}/bench.db")
    upgrade(db)
    users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # the demo users, quickly
    generate_demo(db, seed=1, customers=10)
    system = Actor.system("bench")
    started = time.perf_counter()
    report = intake.import_drafts(db, system, make_drafts(min(imported, orders), exception_share=exception_share))
    took = time.perf_counter() - started
    print(f"intake: {report.imported:,} orders imported in {took:.1f} s ({report.imported / took:,.0f} orders/s); "
          f"states {dict(report.states)}; exceptions by rule {dict(report.exceptions_by_reason)}")
    started = time.perf_counter()
    added = bulk_orders(db, orders, exception_share=exception_share)
    total, exceptions = db.read(lambda s: (
        s.execute(select(func.count()).select_from(Order)).scalar_one(),
        s.execute(select(func.count()).select_from(Order).where(Order.state == "exception")).scalar_one()))
    print(f"data: {total:,} orders ({added:,} bulk-inserted in {time.perf_counter() - started:.1f} s), "
          f"{exceptions:,} exceptions ({exceptions / max(total, 1):.1%})")
    return db


# -- measuring ----------------------------------------------------------------------------------------------------

def ms(seconds: float) -> float:
    return seconds * 1000


def median_text(values: list[float]) -> str:
    return (f"median {ms(statistics.median(values)):6.1f} ms  (runs {', '.join(f'{ms(v):.0f}' for v in values)}; "
            f"min {ms(min(values)):.0f}, max {ms(max(values)):.0f})")


def measure_service(db: Database, actor: Actor) -> None:
    from ui.models.orders import prepare_queue

    loads, prepares = [], []
    for _ in range(5):
        started = time.perf_counter()
        rows = queries.review_queue(db, actor)
        loads.append(time.perf_counter() - started)
        started = time.perf_counter()
        prepare_queue(rows)
        prepares.append(time.perf_counter() - started)
    started = time.perf_counter()
    count = queries.exception_count(db, actor)
    counted = time.perf_counter() - started
    print(f"service: review_queue {len(rows):,} rows {median_text(loads)}")
    print(f"         prepare_queue {median_text(prepares)}; exception_count ({count:,}) {ms(counted):.0f} ms")


def measure_view(db: Database, actor: Actor, runs: int) -> None:
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    from ui.application import apply_stylesheet
    from ui.context import ChangeNotifier, ViewContext
    from ui.operations import OperationRunner
    from ui.views.review_view import FIRST_PAGE, QUEUE_PAGES, ReviewView

    app = QApplication.instance() or QApplication([])
    apply_stylesheet(app)

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    def wait_until(predicate, timeout: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout
        while not predicate():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            if time.perf_counter() > deadline:
                raise TimeoutError("gave up waiting")

    context = ViewContext(db, actor, Settings(), OperationRunner(), ChangeNotifier())
    opens, after_rows, filters, claims, builds, arrivals = [], [], [], [], [], []
    view = None
    for run in range(runs + 1):  # the first run warms Qt, the style sheet and the disk cache up
        if view is not None:  # the last view's loads are done: each open starts on an idle station
            wait_until(lambda view=view: view.queue_complete() and not context.runner.busy)
            view.close()
            view.deleteLater()
            app.processEvents()
        started = time.perf_counter()
        view = ReviewView(context)
        built = time.perf_counter()
        counter = PaintCounter()
        view.table.viewport().installEventFilter(counter)
        state = {"rows_at": None, "painted_at": None, "paints": None}

        def shown(state=state, counter=counter) -> None:
            state["rows_at"] = time.perf_counter()
            state["paints"] = counter.count

        view.queue_shown.connect(shown)
        view.resize(1366, 800)
        view.show()
        wait_until(lambda state=state, counter=counter: state["paints"] is not None and counter.count > state["paints"])
        painted = time.perf_counter()
        if run:
            opens.append(painted - started)
            after_rows.append(painted - state["rows_at"])
            builds.append(built - started)
            arrivals.append(state["rows_at"] - started)
    wait_until(lambda: view.queue_complete() and not context.runner.busy)
    rows = view.model.rowCount()
    # a filter keystroke: a word narrowing 10,000 rows, repainted
    for word in ("phone", "pending", "B2026", "hu", "9999", "zz-none"):
        before = counter.count
        started = time.perf_counter()
        view.filter_edit.setText(word)
        wait_until(lambda before=before: counter.count > before, timeout=10)
        filters.append(time.perf_counter() - started)
    view.filter_edit.clear()
    app.processEvents()
    # opening (claiming) an order until its detail is shown
    queue = view.queue_rows()
    for row in queue[:35:7]:
        done = []
        view.order_opened.connect(lambda opened, done=done: done.append(opened))
        started = time.perf_counter()
        view.open_order(row.id)
        wait_until(lambda done=done: bool(done))
        claims.append(time.perf_counter() - started)
    view.release_claim()
    context.runner.wait_idle()
    app.processEvents()
    print("view: first load " + (f"pages: the {FIRST_PAGE} most urgent orders, then the rest" if QUEUE_PAGES else
                                  "takes the whole queue (queries.review_queue has no limit parameter)"))
    print(f"      {rows:,} queue rows; open (create + show -> table painted): {median_text(opens)}")
    print(f"      building the widgets: {median_text(builds)}")
    print(f"      create -> first rows on the UI thread: {median_text(arrivals)}")
    print(f"      rows arrived -> painted: {median_text(after_rows)}")
    print(f"      filter keystroke -> repainted: {median_text(filters)}")
    print(f"      open an order (claim + detail shown): {median_text(claims)}")
    verdict = "met" if ms(statistics.median(opens)) <= TARGET_MS else "NOT met"
    print(f"target: view painted <= {TARGET_MS} ms with the orders above: {verdict}")
    view.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--exceptions", type=float, default=0.10, help="share of orders in the exception queue")
    parser.add_argument("--import", dest="imported", type=int, default=2_000,
                        help="orders imported through the intake (the rest are bulk copies)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", help="build the database in this directory and keep it")
    args = parser.parse_args()
    directory = args.keep or tempfile.mkdtemp(prefix="freshflow-bench-review-")
    Path(directory).mkdir(parents=True, exist_ok=True)
    print(f"Python {sys.version.split()[0]}, SQLite database in {directory}, {datetime.now(timezone.utc):%Y-%m-%d}")
    db = build_database(directory, args.orders, args.exceptions, args.imported)
    actor = users.login(db, "super", "super123", station="review").actor
    measure_service(db, actor)
    measure_view(db, actor, args.runs)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
