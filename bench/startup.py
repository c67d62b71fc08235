"""Cold start: a fresh process until the main window shows its first data.

    python bench/startup.py [--runs 5] [--user admin] [--station NAME] [--platform offscreen|xcb]

Each run is a new Python process (nothing imported, nothing cached in the
process) against the same demo SQLite database, which is built once before
the runs. The child goes through what the app does after the person typed
their password: imports → QApplication (style, icon, style sheet,
translations) → schema check (``is_up_to_date``) → ``users.login`` with the
production argon2id parameters → ``MainWindow`` shown → the views' first
queries done and painted. The figure is wall time from just before the
parent spawns the child to that paint (CLOCK_MONOTONIC is shared by both
processes). Target: ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_S = 1.5


def child(url: str, username: str, password: str, station: str | None, started: float) -> None:
    """Runs in the fresh process; prints one JSON line of phase times (seconds since spawn)."""
    marks: dict[str, float] = {"python_ready": time.monotonic() - started}

    def mark(name: str) -> None:
        marks[name] = time.monotonic() - started

    from PySide6.QtCore import QCoreApplication, QSettings

    from app.config import Settings
    from app.db.database import Database
    from ui.application import create_application, install_translations
    mark("imports")

    app = create_application([sys.argv[0]])
    QCoreApplication.setOrganizationName("FreshFlowBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["FRESHFLOW_DATA_DIR"])
    settings = Settings.load()
    install_translations(app, settings.language)
    mark("qapplication")

    from app.db.migrate import is_up_to_date
    database = Database(url)
    if not is_up_to_date(database):
        raise SystemExit("the bench database is not up to date")
    mark("migrate_check")

    from app.services import users
    result = users.login(database, username, password, station or "")
    mark("login")

    from ui.context import ChangeNotifier, ViewContext
    from ui.main_window import MainWindow
    from ui.operations import OperationRunner
    runner = OperationRunner()
    context = ViewContext(result.database, result.actor, settings, runner, ChangeNotifier())
    window = MainWindow(context, station)
    runner.setParent(window)
    window.present()
    app.processEvents()
    mark("window_shown")

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # wait for the views' first load to come back
        app.processEvents()
        if not runner.busy and window.isVisible():
            break
        time.sleep(0.001)
    app.processEvents()
    window.repaint()  # synchronous paint of the loaded rows
    mark("data_painted")
    print(json.dumps(marks), flush=True)
    window.close()
    database.dispose()


def build_database(directory: Path) -> str:
    os.environ["FRESHFLOW_DATA_DIR"] = str(directory)
    from app.db.database import Database
    from app.db.migrate import upgrade
    from app.demo.generate import generate_demo

    url = f"sqlite:///{directory / 'bench.db'}"
    database = Database(url)
    upgrade(database)
    generate_demo(database)
    database.dispose()
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--user", default="admin", help="demo user to log in as")
    parser.add_argument("--station", default=None)
    parser.add_argument("--platform", default=None,
                        help="Qt platform for the child (default: offscreen unless $DISPLAY is set)")
    parser.add_argument("--child", nargs=2, metavar=("URL", "STARTED"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    from app.demo.catalog_data import DEMO_USERS  # only data, no Qt
    password = next(u.password for u in DEMO_USERS if u.username == args.user)

    if args.child:
        child(args.child[0], args.user, password, args.station, float(args.child[1]))
        return 0

    with tempfile.TemporaryDirectory(prefix="freshflow-bench-") as tmp:
        url = build_database(Path(tmp))
        env = dict(os.environ, FRESHFLOW_DATA_DIR=tmp)
        env.pop("FRESHFLOW_DB_URL", None)
        if args.platform:
            env["QT_QPA_PLATFORM"] = args.platform
        elif not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        runs: list[dict[str, float]] = []
        for _ in range(args.runs):
            cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.monotonic()
            command = [sys.executable, str(Path(__file__).resolve()), "--user", args.user,
                       "--child", url, repr(started)]
            if args.station:
                command += ["--station", args.station]
            output = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            lines = [line for line in output.stdout.splitlines() if line.startswith("{")]
            if output.returncode != 0 or not lines:
                print(output.stdout + output.stderr, file=sys.stderr)
                return 1
            marks = json.loads(lines[-1])
            cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU seconds of the whole child (including its exit): a figure less sensitive to a busy machine
            marks["child_cpu"] = ((cpu_after.ru_utime - cpu_before.ru_utime)
                                  + (cpu_after.ru_stime - cpu_before.ru_stime))
            runs.append(marks)

    phases = [phase for phase in runs[0] if phase != "child_cpu"]
    print(f"FreshFlow cold start to the main window with data painted ({args.runs} fresh processes, "
          f"user {args.user}, platform {env.get('QT_QPA_PLATFORM', 'default')})")
    print(f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} CPUs · Python {platform.python_version()} · {time.strftime('%Y-%m-%d')}")
    print(f"{'phase (cumulative s)':<22}" + "".join(f"run {i + 1:>2}  " for i in range(len(runs))) + "median")
    for phase in phases:
        values = [run[phase] for run in runs]
        print(f"{phase:<22}" + "".join(f"{v:7.3f} " for v in values) + f"{statistics.median(values):7.3f}")
    cpu = [run["child_cpu"] for run in runs]
    print(f"{'child CPU s (all)':<22}" + "".join(f"{v:7.3f} " for v in cpu) + f"{statistics.median(cpu):7.3f}")
    total = [run["data_painted"] for run in runs]
    median = statistics.median(total)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average while measuring: {load:.2f} on {os.cpu_count()} CPUs")
    print(f"\nstartup: median {median:.3f} s, best {min(total):.3f} s, worst {max(total):.3f} s "
          f"(target ≤ {TARGET_S} s: {'met' if median <= TARGET_S else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
