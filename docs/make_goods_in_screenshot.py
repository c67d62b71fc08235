"""Screenshots of the goods-in and counts views on the demo data (run under a display, e.g. xvfb-run -a).

    python docs/make_goods_in_screenshot.py goods_in 1366 768 docs/screenshot-goods-in.png
    python docs/make_goods_in_screenshot.py counts 1366 768 super /tmp/counts.png   (or clerk)
"""
import os, sys, tempfile, time
os.environ["FRESHFLOW_DATA_DIR"] = tempfile.mkdtemp()
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from datetime import date, timedelta
from argon2 import PasswordHasher
from PySide6.QtCore import QSettings
from app.services import users
users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
from app.config import Settings
from app.db.database import Database
from app.db.migrate import upgrade
from app.demo.generate import generate_demo
from app.services.context import Actor
from app.services.stock import counts
from ui.application import create_application
from ui.context import ChangeNotifier, ViewContext
from ui.operations import OperationRunner
from ui.scanning.scan_field import GS

app = create_application(sys.argv)
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
path = os.path.join(tempfile.mkdtemp(), "shot.db")
db = Database("sqlite:///" + path); upgrade(db); generate_demo(db, seed=1, customers=10)
def actor(name):
    u = next(u for u in users.list_users(db, Actor.system()) if u.username == name)
    return Actor(u.id, u.username, u.role, "stock", u.full_name)
def ctx(name):
    c = ViewContext(db, actor(name), Settings(), OperationRunner(), ChangeNotifier())
    c.settings.devices.sound_muted = True
    return c
def pump(ms=600):
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents(); time.sleep(0.01)
which = sys.argv[1]
W, H = int(sys.argv[2]), int(sys.argv[3])
if which == "goods_in":
    from ui.views.goods_in_view import GoodsInView
    c = ctx("clerk")
    view = GoodsInView(c); view.resize(W, H); view.show(); pump(1500)
    view.supplier_edit.setText("Bright Dairy 光明乳业"); view.delivery_edit.setText("DN-2026-0412")
    exp = date.today() + timedelta(days=9)
    view.handle_scan("]C1010697001201090517" + exp.strftime("%y%m%d") + "10M2604A" + GS + "3024"); pump()
    view.handle_scan("B:SH-CHL-A01-01-1"); pump()
    view.receive(); pump(1000)
    view.handle_scan("]C1010704000101069417" + (date.today()+timedelta(days=4)).strftime("%y%m%d") + "3103002345" + "10S77"); pump()
    view.handle_scan("B:SH-CHL-A01-02-1"); pump(1000)
    if "bin" in sys.argv[-1]:
        view.clear_line(); view.handle_scan("B:SH-CHL-A01-02-1"); pump(800); view.stock_panel.table.selectRow(2); pump()
    view.grab().save(sys.argv[-1] if sys.argv[-1].endswith(".png") else "goods_in.png")
elif which == "counts":
    from ui.views.counts_view import CountsView
    sup = actor("super")
    sheet = counts.create_count_sheet(db, sup, 1, "FRZ")
    lines = counts.sheet_for_counter(db, sup, sheet.id).lines
    for i, line in enumerate(lines[:6]):
        counts.record_count(db, sup, sheet.id, line.line_id, 3 + i)
    c = ctx(sys.argv[4])
    view = CountsView(c); view.resize(W, H); view.show(); pump(1500)
    view.handle_scan("B:" + lines[7].bin_code); pump()
    if sys.argv[4] == "super":
        view.tabs.setCurrentIndex(1); pump(800)
    view.grab().save(sys.argv[5])
