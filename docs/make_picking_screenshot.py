"""A screenshot of the picking station mid-list on the demo data (run under a display, e.g. xvfb-run -a).

    python docs/make_picking_screenshot.py 1366 768 docs/screenshot-picking.png [weighed]

Four web-shop orders for Shanghai are imported and planned as waves; the demo picker takes the chilled wave,
scans a tote per order and picks the first tasks, and the view is grabbed while the next one waits.
"""
import os, sys, tempfile, time
os.environ["FRESHFLOW_DATA_DIR"] = tempfile.mkdtemp()
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from argon2 import PasswordHasher
from PySide6.QtCore import QSettings
from app.services import users
users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
from app.config import Settings
from app.db.database import Database
from app.db.migrate import upgrade
from app.demo.catalog_data import PRODUCTS_BY_SKU
from app.demo.generate import generate_demo
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.models import utcnow
from app.services.context import Actor
from app.services.orders import intake
from app.services.orders.review_settings import ReviewSettings
from app.services.orders.slots import next_feasible_slot
from app.services.picking import planning
from ui.application import create_application
from ui.context import ChangeNotifier, ViewContext
from ui.operations import OperationRunner

W, H, OUT = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
app = create_application(sys.argv)
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
db = Database("sqlite:///" + os.path.join(tempfile.mkdtemp(), "shot.db"))
upgrade(db)
generate_demo(db, seed=1, customers=10)
system = Actor.system("demo")
day, slot = next_feasible_slot(utcnow(), ReviewSettings.from_json({}), "SH")


def order(external_id, name, *lines):
    return OrderDraft(
        "webshop", external_id, name, f"{external_id.lower()}@example.cn", "+86 139 0000 0001",
        DraftAddress(name, "+86 139 0000 0001", "申旺路 1号", "", "Shanghai", "上海市", "201108", "CN"),
        tuple(DraftLine(sku, n, PRODUCTS_BY_SKU[sku].price_cents if PRODUCTS_BY_SKU[sku].unit == "piece" else None)
              for sku, n in lines),
        delivery_date=day, delivery_slot=slot, payment_status="paid", currency="CNY")


report = intake.import_drafts(db, system, [
    order("W-101", "Zhou Xun 周迅", ("EGG-0006", 1), ("DAI-0002", 2), ("FRU-0014", 2), ("EGG-0012", 1)),
    order("W-102", "Sun Li 孙俪", ("DAI-0009", 3), ("DAI-0008", 2), ("FRZ-0003", 1)),
    order("W-103", "Hu Ge 胡歌", ("EGG-0008", 1), ("DAI-0015", 1), ("FRU-0014", 1)),
    order("W-104", "Emma Thompson", ("DAI-0002", 4), ("DAI-0008", 1), ("DAI-0013", 2)),
])
assert report.imported == 4, report.to_json()
supervisor = next(u for u in users.list_users(db, system) if u.username == "super")
planning.plan_waves(db, Actor(supervisor.id, supervisor.username, supervisor.role, "demo", supervisor.full_name),
                    1, day, slot)

picker = next(u for u in users.list_users(db, system) if u.username == "picker")
context = ViewContext(db, Actor(picker.id, picker.username, picker.role, "picking", picker.full_name), Settings(),
                      OperationRunner(), ChangeNotifier())
context.settings.devices.sound_muted = True
QSettings().setValue("picking/warehouse", "SH")

from ui.views.picking_view import PickingView  # noqa: E402 - after the application exists

view = PickingView(context, station_name="pick-03")
view.setWindowTitle("FreshFlow — Picking")
view.resize(W, H)
view.show()


def pump(ms=400):
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end or view.pending_count() or context.runner.busy:
        app.processEvents()
        time.sleep(0.01)


pump(1200)
totes = iter(range(11, 99))


def label(task, weight_extra=12):
    gtin = PRODUCTS_BY_SKU[task.sku].gtins[0].zfill(14)
    if task.weighed:
        return "]C101" + gtin + "3103" + f"{task.nominal_weight_g + weight_extra:06d}" + "10" + task.lot_number
    return "]C101" + gtin + "10" + task.lot_number + "\x1d17" + task.expiry_date.strftime("%y%m%d")


def pick(task, whole=True):
    """Bin, tote (waves), one item; then the count (pieces) or more labels (weighed)."""
    if view.current_list().at_bin_id != task.bin_id:
        view.handle_scan("B:" + task.bin_code); pump()
    if view.current_list().kind == "wave" and not view.current_task().tote_code:
        view.handle_scan(f"T:TOTE-{next(totes)}"); pump()
    view.handle_scan(label(task)); pump()
    while whole and view.current_task() and view.current_task().id == task.id:
        if task.weighed:
            view.handle_scan(label(task, -9)); pump()
        else:
            view.handle_scan(str(task.quantity)); pump()


view.take_next(); pump()
while view.current_list().temperature_class != "chilled":  # the chilled wave is the one to show
    while view.current_task() is not None:
        pick(view.current_task())
    view.take_next(); pump()
STOP = sys.argv[4] if len(sys.argv) > 4 else ""  # "weighed": stop at a product sold by weight instead
for _ in range(3 if not STOP else 20):  # the first tasks of the wave
    if STOP and view.current_task().weighed:
        break
    pick(view.current_task())
pick(view.current_task(), whole=False)  # the next one under way
pump(600)
view.grab().save(OUT)
print(OUT, view.current_list().code, view.current_task().sku if view.current_task() else None, view.banner.text())
