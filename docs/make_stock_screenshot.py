"""Screenshots of the stock view with the demo data.

    xvfb-run -a python docs/make_stock_screenshot.py [OUTDIR] [--zh]

Builds a throw-away SQLite database with the demo (``generate_demo``, which
includes stock: some lots near expiry, a few expired), quarantines one lot,
opens the stock view as the demo administrator and saves, in OUTDIR (default
/tmp): ``stock.png`` (all stock), ``stock-filtered.png`` (a search and one
warehouse) and ``stock-products.png`` (per-product totals).
``docs/screenshot-stock.png`` is a copy of ``stock.png``.
"""

from __future__ import annotations

import sys
import tempfile
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
from app.services import users  # noqa: E402
from app.services.stock import operations, queries  # noqa: E402
from ui.context import ChangeNotifier, ViewContext  # noqa: E402
from ui.operations import OperationRunner  # noqa: E402

WIDTH, HEIGHT = 1366, 800


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate, timeout_ms: int = 20_000) -> None:
    waited = 0
    while not predicate() and waited < timeout_ms:
        wait(50)
        waited += 50


def grab(widget: QWidget, path: Path) -> None:
    wait(200)
    QCoreApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    chinese = "--zh" in sys.argv
    out = Path(args[0]) if args else Path("/tmp")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.application import apply_stylesheet, install_translations

    apply_stylesheet(app)
    if chinese:
        i18n.set_language("zh_CN")
        install_translations(app, "zh_CN")

    db = Database(f"sqlite:///{tempfile.mkdtemp(prefix='freshflow-stock-shot-')}/demo.db")
    upgrade(db)
    generate_demo(db, seed=1, customers=20)
    admin = users.login(db, "admin", "admin123", station="office").actor
    # one quarantined lot, so the grey italic rows show
    quant = next(r for r in queries.list_quants(db, admin) if r.warehouse_code == "BJ" and r.sku == "BAK-0003")
    operations.set_quarantine(db, admin, quant.lot_id, True, "Supplier recall 2611")

    from ui.views.stock_view import MODE_SUMMARY, StockView

    view = StockView(ViewContext(db, admin, Settings(), OperationRunner(), ChangeNotifier()))
    view.resize(WIDTH, HEIGHT)
    view.show()
    wait_until(lambda: view.model.rowCount() and view.alert_model.rowCount())
    suffix = "-zh" if chinese else ""
    grab(view, out / f"stock{suffix}.png")
    view.search_edit.setText("chicken")
    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData("SH"))
    view.apply_filter()
    view.table.selectRow(1)
    grab(view, out / f"stock-filtered{suffix}.png")
    view.search_edit.clear()
    view.status_filter.setCurrentIndex(0)
    view.set_mode(MODE_SUMMARY)
    grab(view, out / f"stock-products{suffix}.png")
    view.context.runner.wait_idle()
    view.close()
    db.dispose()


if __name__ == "__main__":
    main()
