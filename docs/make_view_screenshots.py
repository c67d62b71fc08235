"""Screenshots of the catalogue, customers and admin views (and the product dialog).

    xvfb-run -a python docs/make_view_screenshots.py [OUTDIR]

Builds a throw-away SQLite database with the demo data (``generate_demo``),
makes a few edits so the audit log has something to show, opens each view as
the demo administrator, waits for its data and saves PNGs (default: /tmp).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db.database import Database  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.demo.generate import generate_demo  # noqa: E402
from app.services import catalog, users  # noqa: E402
from app.services.catalog import ProductInput  # noqa: E402
from ui.context import ChangeNotifier, ViewContext  # noqa: E402
from ui.operations import OperationRunner  # noqa: E402


WIDTH = 1366  # a common office laptop; the main window adds a little chrome


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate, timeout_ms: int = 10_000) -> None:
    waited = 0
    while not predicate() and waited < timeout_ms:
        wait(50)
        waited += 50


def grab(widget: QWidget, path: Path) -> None:
    wait(150)
    QCoreApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    style = ROOT / "resources" / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))

    tmp = tempfile.mkdtemp(prefix="freshflow-shots-")
    db = Database(f"sqlite:///{tmp}/demo.db")
    upgrade(db)
    generate_demo(db, seed=1, customers=200)
    admin = users.login(db, "admin", "admin123", station="office").actor
    # a few edits, so the audit log shows changes
    for product in catalog.list_products(db, admin)[:3]:
        fields = {k: getattr(product, k) for k in ProductInput.__dataclass_fields__}
        fields["price_cents"] = product.price_cents + 50
        catalog.save_product(db, admin, ProductInput(**fields), product.id, product.version)

    context = ViewContext(db, admin, Settings(), OperationRunner(), ChangeNotifier())

    from ui.views.admin_view import AdminView
    from ui.views.catalog_view import CatalogView
    from ui.views.customers_view import CustomersView

    catalog_view = CatalogView(context)
    catalog_view.resize(WIDTH, 720)
    catalog_view.show()
    wait_until(lambda: catalog_view.product_model.rowCount() > 0)
    catalog_view.product_table.selectRow(2)
    grab(catalog_view, out / "view_catalog_products.png")
    catalog_view.tabs.setCurrentIndex(1)
    wait_until(lambda: catalog_view.category_model.rowCount() > 0)
    grab(catalog_view, out / "view_catalog_categories.png")
    catalog_view.tabs.setCurrentIndex(0)
    weighed = catalog_view.product_model.find_row(lambda r: r.unit == "weighed")
    catalog_view.product_table.selectRow(weighed)
    catalog_view.edit_product()
    from ui.dialogs.product_dialog import ProductDialog

    dialog = catalog_view.findChild(ProductDialog)
    dialog.gtins_edit.appendPlainText("6901234567890")
    dialog.save()
    wait_until(lambda: dialog.message_bar.isVisible())
    grab(dialog, out / "view_product_dialog.png")
    dialog.reject()

    customers_view = CustomersView(context)
    customers_view.resize(WIDTH, 720)
    customers_view.show()
    wait_until(lambda: customers_view.model.rowCount() > 0)
    grab(customers_view, out / "view_customers.png")

    admin_view = AdminView(context)
    admin_view.resize(WIDTH, 720)
    admin_view.show()
    panel = admin_view.warehouses_panel
    wait_until(lambda: panel.bin_model.rowCount() > 0)
    grab(admin_view, out / "view_admin_warehouses.png")
    admin_view.show_tab(admin_view.users_panel)
    wait_until(lambda: admin_view.users_panel.model.rowCount() > 0)
    grab(admin_view, out / "view_admin_users.png")
    admin_view.show_tab(admin_view.audit_panel)
    wait_until(lambda: admin_view.audit_panel.model.rowCount() > 0)
    grab(admin_view, out / "view_admin_audit.png")

    context.runner.wait_idle()
    QCoreApplication.processEvents()
    for widget in (catalog_view, customers_view, admin_view):
        widget.close()
    db.dispose()


if __name__ == "__main__":
    main()
