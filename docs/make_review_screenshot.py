"""Screenshots of the review queue (and the orders browser) with real data.

    xvfb-run -a python docs/make_review_screenshot.py [OUTDIR] [--zh]

Builds a throw-away SQLite database with the demo (``generate_demo``), imports
150 web-shop orders through the real intake (``bench.bench_review_view.make_drafts``,
about one in five failing a rule) plus one order with several problems at once
(a phone number that is too short, an unknown SKU on line 2, payment pending);
a second reviewer opens one exception and one order is put on hold. Then it
opens the review view as the demo supervisor, opens the order with several
problems and saves, in OUTDIR (default /tmp): ``review.png`` (that order),
``review-other.png`` (an order another reviewer is editing: read-only) and
``orders.png`` (the orders browser on an allocated order).
``docs/screenshot-review.png`` is a copy of ``review.png``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app import i18n  # noqa: E402
from app.config import Settings  # noqa: E402
from app.db.database import Database  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.demo.generate import generate_demo  # noqa: E402
from app.importers.draft import DraftAddress, DraftLine, OrderDraft  # noqa: E402
from app.models import utcnow  # noqa: E402
from app.services import users  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.orders import desk, intake, queries  # noqa: E402
from bench.bench_review_view import make_drafts  # noqa: E402
from ui.context import ChangeNotifier, ViewContext  # noqa: E402
from ui.operations import OperationRunner  # noqa: E402

WIDTH, HEIGHT = 1366, 880  # a laptop's width; tall enough to show the lines without scrolling


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate, timeout_ms: int = 15_000) -> None:
    waited = 0
    while not predicate() and waited < timeout_ms:
        wait(50)
        waited += 50
    if not predicate():
        raise TimeoutError("the view did not get there")


def grab(widget: QWidget, path: Path) -> None:
    wait(200)
    QCoreApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def build(db: Database) -> str:
    """The data; returns the number of the order with several problems."""
    generate_demo(db, seed=1, customers=200)
    system = Actor.system("webshop")
    users.create_user(db, Actor.system(), "super2", "supervisor", "super2pass", "Wu Lei 吴磊")
    drafts = make_drafts(150, exception_share=0.2, seed=3)
    first_day = drafts[0].delivery_date
    for batch in range(5):  # the shop's export arrives every 35 minutes
        intake.import_drafts(db, system, drafts[batch * 30:(batch + 1) * 30],
                             now=utcnow() - timedelta(minutes=35 * (5 - batch) + 3))
    messy = OrderDraft(
        "webshop", "WEB-MESSY-1", "王芳", "wang.fang@example.cn", "138 1234",
        DraftAddress("王芳", "138 1234", "闵行区莘庄镇莘松路 380 号 5 栋 1202", "", "上海市", "上海市", "201100", "CN"),
        (DraftLine("VEG-0001", 2, 690, "Broccoli 西兰花"), DraftLine("VEG-9999", 1, 1590, "Organic kale 羽衣甘蓝"),
         DraftLine("FRU-0002", 1, None, "Bananas")),
        placed_at=utcnow() - timedelta(hours=2, minutes=10), language="zh_CN", delivery_date=first_day,
        delivery_slot="09:00-12:00", payment_status="pending", currency="CNY", total_cents=3870,
        note="请放在门卫处 (leave with the guard)")
    report = intake.import_drafts(db, system, [messy], now=utcnow() - timedelta(hours=2, minutes=10))
    queue = queries.review_queue(db, system)
    other = users.login(db, "super2", "super2pass", station="review").actor
    candidates = [row for row in queue if row.number != report.numbers[0]]
    desk.claim(db, other, candidates[2].id)
    desk.hold(db, other, candidates[5].id, "Waiting for the customer to call back")
    return report.numbers[0]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0]) if args else Path("/tmp")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    from ui.application import apply_stylesheet, install_translations

    apply_stylesheet(app)
    translators = []
    if "--zh" in sys.argv:
        translators = install_translations(app, "zh_CN")
        i18n.set_language("zh_CN")

    tmp = tempfile.mkdtemp(prefix="freshflow-review-shots-")
    db = Database(f"sqlite:///{tmp}/demo.db")
    upgrade(db)
    messy_number = build(db)
    supervisor = users.login(db, "super", "super123", station="review").actor
    context = ViewContext(db, supervisor, Settings(), OperationRunner(), ChangeNotifier())

    from ui.views.orders_view import OrdersView
    from ui.views.review_view import ReviewView

    view = ReviewView(context)
    view.resize(WIDTH, HEIGHT)
    view.show()
    wait_until(lambda: view.model.rowCount() > 0 and not context.runner.busy)
    messy = next(row for row in view.queue_rows() if row.number == messy_number)
    view.open_order(messy.id)
    wait_until(lambda: view.opened is not None and view.opened.detail.id == messy.id and not context.runner.busy)
    grab(view, out / "review.png")
    shutil.copyfile(out / "review.png", ROOT / "docs" / "screenshot-review.png")

    taken = next(row for row in view.queue_rows() if row.claimed_by and row.claimed_by != supervisor.username)
    view.open_order(taken.id)
    wait_until(lambda: view.opened is not None and view.opened.detail.id == taken.id and not context.runner.busy)
    grab(view, out / "review-other.png")
    view.release_claim()

    orders = OrdersView(context)
    orders.resize(WIDTH, HEIGHT)
    orders.show()
    wait_until(lambda: orders.model.rowCount() > 0 and not context.runner.busy)
    row = orders.model.find_row(lambda r: r.state == "allocated" and r.line_count >= 3)
    orders.table.selectRow(max(row, 0))
    wait_until(lambda: orders.current_detail is not None and not context.runner.busy)
    orders.detail_tabs.setCurrentIndex(1)
    grab(orders, out / "orders.png")
    orders.detail_tabs.setCurrentIndex(2)
    grab(orders, out / "orders-history.png")

    context.runner.wait_idle()
    QCoreApplication.processEvents()
    for widget in (view, orders):
        widget.close()
    context.runner.wait_idle()
    QCoreApplication.processEvents()
    db.dispose()
    del translators


if __name__ == "__main__":
    main()
