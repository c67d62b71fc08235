"""Render docs/screenshot-main.png: the main window on a fresh demo database, logged in as admin.

    xvfb-run -s "-screen 0 1400x900x24" python docs/make_screenshot.py [--station NAME] [--tab N] [-o FILE]

Uses a temporary demo database and temporary settings, so it never touches
the real ones.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--station", default=None)
    parser.add_argument("--tab", type=int, default=0, help="index of the tab to show")
    parser.add_argument("--user", default="admin", help="a demo user name")
    parser.add_argument("--language", default="en")
    parser.add_argument("--size", default="1360x840")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshot-main.png"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="freshflow-shot-") as tmp:
        os.environ["FRESHFLOW_DATA_DIR"] = tmp
        os.environ.pop("FRESHFLOW_DB_URL", None)

        from PySide6.QtCore import QCoreApplication, QSettings

        from app.config import Settings
        from app.db.database import Database
        from app.db.migrate import upgrade
        from app.demo.catalog_data import DEMO_USERS
        from app.demo.generate import generate_demo
        from app.services import users
        from ui.application import create_application, install_translations
        from ui.context import ChangeNotifier, ViewContext
        from ui.main_window import MainWindow
        from ui.operations import OperationRunner

        app = create_application([sys.argv[0]])
        QCoreApplication.setOrganizationName("FreshFlowScreenshot")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        install_translations(app, args.language)

        database = Database(f"sqlite:///{Path(tmp) / 'demo.db'}")
        upgrade(database)
        generate_demo(database, orders=300)  # the review queue tab then has its exceptions
        password = next(u.password for u in DEMO_USERS if u.username == args.user)
        result = users.login(database, args.user, password, args.station or "")

        runner = OperationRunner()
        context = ViewContext(result.database, result.actor, Settings(), runner, ChangeNotifier())
        window = MainWindow(context, args.station)
        runner.setParent(window)
        width, height = (int(v) for v in args.size.split("x"))
        window.resize(width, height)
        window.show()
        if args.tab:
            window.tabs.setCurrentIndex(args.tab)
        _settle(app, runner, window)
        path = Path(args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(f"wrote {path} ({window.width()}×{window.height()})")
        window.close()
        database.dispose()
    return 0


def _settle(app, runner, window, timeout: float = 10.0) -> None:
    """Process events until the views have loaded (runner idle for a moment) and painted."""
    deadline = time.monotonic() + timeout
    idle_since = None
    while time.monotonic() < deadline:
        app.processEvents()
        connection_known = window.monitor.ok is not None
        if runner.busy or not connection_known:
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > 0.4:
            break
        time.sleep(0.01)
    window.repaint()
    app.processEvents()


if __name__ == "__main__":
    raise SystemExit(main())
