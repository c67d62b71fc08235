"""Start the desktop app: ``python main.py [--station NAME] [--db URL]``.

``main`` builds the ``QApplication`` (name, icon, style sheet, translations)
and hands over to ``AppController``, which walks through the few states of a
session: prepare the database (create the demo on first start, else migrate)
→ log in → main window → (log out → log in again) → quit. Database work runs
off the UI thread; a database that cannot be reached is a message box with
"Open settings" / "Retry" / "Quit", never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget

from app import i18n
from app.config import ENV_DB_URL, Settings, default_sqlite_url, resolve_database_url
from app.db.database import Database
from app.db.engine import normalize_url
from app.errors import DatabaseUnavailable, DomainError
from app.services import users
from app.services.users import LoginResult
from ui.context import ChangeNotifier, ViewContext
from ui.dialogs.login_dialog import LoginDialog
from ui.operations import OperationRunner
from ui.version import app_version

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ICON_PATH = RESOURCES / "icons" / "freshflow.svg"
STYLE_PATH = RESOURCES / "style.qss"
TRANSLATIONS_DIR = RESOURCES / "translations"

Progress = Callable[[int, str], None]


# -- the application object -------------------------------------------------------

def freeze_long_lived_objects() -> None:
    """Move what start-up created (modules, classes, Qt wrappers, the views) out of the garbage collector's
    reach. They live as long as the app; without this every full collection walks them all again (about
    100,000 objects, some 60 ms on a small machine), and it runs on whichever thread allocates: a scan's
    answer would wait for it and the screen would stall longer than it may."""
    gc.collect()
    gc.freeze()


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """FreshFlow's own options; anything else is left for Qt (e.g. ``-platform offscreen``)."""
    parser = argparse.ArgumentParser(
        prog="freshflow-gui", allow_abbrev=False,
        description="FreshFlow back office. Without --station the main window shows a tab per view "
                    "your role may use.")
    parser.add_argument("--station", metavar="NAME", default=None,
                        help="open just this station's view after login (e.g. admin, picking)")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="database URL (else FRESHFLOW_DB_URL, else the settings file, else the embedded "
                             "SQLite database)")
    return parser.parse_known_args(argv)


def create_application(argv: list[str]) -> QApplication:
    """The ``QApplication`` with FreshFlow's names, icon, style and style sheet (reused if one exists)."""
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("FreshFlow")
    app.setOrganizationName("FreshFlow")
    app.setApplicationVersion(app_version())
    app.setDesktopFileName("freshflow")
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(str(ICON_PATH)))
    apply_stylesheet(app)
    return app


def apply_stylesheet(app: QApplication, path: Path = STYLE_PATH) -> None:
    """Apply ``resources/style.qss``; ``%ICONS%`` in it stands for the icon folder."""
    try:
        sheet = path.read_text(encoding="utf-8")
    except OSError:
        log.warning("style sheet %s not found; using the plain style", path)
        return
    app.setStyleSheet(sheet.replace("%ICONS%", (RESOURCES / "icons").as_posix()))


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Use ``language`` ("en" or "zh_CN") for the UI (Qt .qm files) and the core (``app.i18n``)."""
    i18n.set_language(language)
    installed: list[QTranslator] = []
    if not language or language == "en":
        return installed
    QLocale.setDefault(QLocale(language))
    candidates = [
        (f"freshflow_{language}", str(TRANSLATIONS_DIR)),
        (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.info("no translation %s in %s", name, directory)
    return installed


# -- preparing the database (Qt-free; runs on a worker thread) ---------------------

@dataclass(frozen=True)
class PreparedDatabase:
    created_demo: bool
    # the database holds the generated demo (so the login may list the demo users)
    is_demo: bool


def is_embedded_default(url: str) -> bool:
    return url == default_sqlite_url()


def _sqlite_path(database: Database) -> Path | None:
    path = database.url.database if database.is_sqlite else None
    return Path(path) if path and path != ":memory:" else None


def prepare_database(database: Database, create_demo: bool, progress: Progress | None = None) -> PreparedDatabase:
    """Create the demo database, or bring an existing one to the newest schema."""
    from app.db.migrate import is_up_to_date, upgrade

    report = progress or (lambda _percent, _text: None)
    path = _sqlite_path(database)
    if path is not None and not create_demo and not path.exists():
        raise DatabaseUnavailable(QCoreApplication.translate(
            "Application", "The database file {path} does not exist. Choose another database in the settings, "
                           "or create this one with “freshflow demo --db {url}”.").format(
            path=path, url=database.display_url))
    if create_demo:
        from app.demo.generate import generate_demo
        from app.demo.orders_data import DEFAULT_DEMO_ORDERS

        try:
            report(1, QCoreApplication.translate("Application", "Creating the database…"))
            upgrade(database)
            generate_demo(database, progress=lambda percent, text: report(5 + percent * 95 // 100, text),
                          orders=DEFAULT_DEMO_ORDERS)
        except BaseException:
            _remove_sqlite_files(database)
            raise
        return PreparedDatabase(created_demo=True, is_demo=True)
    database.ping()
    if not is_up_to_date(database):
        report(-1, QCoreApplication.translate("Application", "Updating the database…"))
        upgrade(database)
    return PreparedDatabase(created_demo=False, is_demo=_holds_demo(database))


def _holds_demo(database: Database) -> bool:
    from app.services import audit
    from app.services.context import Actor

    try:
        entries = audit.list_entries(database, Actor.system("desktop"), entity_type="database", limit=20)
    except Exception:  # no rights to read the audit log before login, etc.: no hint
        return False
    return any(entry.action == "demo.generated" for entry in entries)


def _remove_sqlite_files(database: Database) -> None:
    """A half-built demo database is removed so that the next start builds it again."""
    path = _sqlite_path(database)
    database.dispose()
    if path is None:
        return
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            candidate.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", candidate)


def _mask(url: str) -> str:
    """``url`` without its password, for messages."""
    try:
        return normalize_url(url).render_as_string(hide_password=True).replace("+psycopg", "")
    except Exception:  # not a URL at all
        return url


def needs_login_to_connect(database: Database) -> bool:
    """A PostgreSQL URL without a user: every person connects as their own login role, so nothing
    can be checked before the login (the schema is checked right after it instead)."""
    return database.is_postgres and not database.url.username


def login_and_check_schema(base: Database, username: str, password: str, station: str = "") -> LoginResult:
    """``users.login``, then (PostgreSQL) make sure the schema matches this version of the app."""
    from app.db.migrate import current_revision, head_revision

    result = users.login(base, username, password, station)
    if not result.database.is_postgres:
        return result
    try:
        current, head = current_revision(result.database), head_revision()
    except Exception:  # the role may not read alembic_version: the services will tell
        log.info("could not check the schema version", exc_info=True)
        return result
    if current != head:
        if result.database is not base:
            result.database.dispose()
        raise DatabaseUnavailable(QCoreApplication.translate(
            "Application", "The database {url} is at schema version {current}, but this version of FreshFlow "
                           "needs {head}. Ask an administrator to run “freshflow db upgrade”.").format(
            url=base.display_url, current=current or "-", head=head))
    return result


# -- the session's states ------------------------------------------------------------

class _ProgressRelay(QObject):
    """Carries progress reports from the worker thread to the UI thread (queued)."""

    progressed = Signal(int, str)


class AppController(QObject):
    """Prepare the database → log in → main window → (log out → log in) → quit.

    Holds the state between those steps and nothing else; the main window and
    the views know nothing about it.
    """

    # the session is over; the value is the process exit code
    finished = Signal(int)

    def __init__(self, settings: Settings, *, cli_url: str | None = None, cli_station: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._cli_url = cli_url
        self._cli_station = cli_station
        self._runner = OperationRunner(self, max_threads=1)
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self.base: Database | None = None
        self.url = ""
        self.is_demo = False
        self.progress_dialog: QProgressDialog | None = None
        self.problem_box: QMessageBox | None = None
        self.login_dialog: LoginDialog | None = None
        self.window: QWidget | None = None
        self._preparing = False
        self._progress_is_demo = False

    @property
    def station(self) -> str:
        return (self._cli_station if self._cli_station is not None else self._settings.station) or ""

    @property
    def database_overridden(self) -> bool:
        return bool(self._cli_url or os.environ.get(ENV_DB_URL))

    def start(self) -> None:
        self.prepare()

    # -- 1. the database ----------------------------------------------------------
    def prepare(self) -> None:
        self.url = resolve_database_url(self._cli_url, self._settings)
        if self.base is not None:
            self.base.dispose()
            self.base = None
        try:
            base = Database(self.url, application_name=f"freshflow:{self.station or 'desktop'}")
        except Exception as error:  # malformed URL, unknown driver
            log.warning("cannot use database URL %s", _mask(self.url), exc_info=error)
            self._show_problem(QCoreApplication.translate(
                "Application", "“{url}” is not a database URL FreshFlow can use: {error}").format(
                url=_mask(self.url), error=error))
            return
        self.base = base
        if needs_login_to_connect(base):
            self.is_demo = False
            self.show_login()
            return
        path = _sqlite_path(base)
        create_demo = is_embedded_default(self.url) and path is not None and not path.exists()
        self._preparing = True
        self._open_progress(create_demo)
        self._runner.run(lambda: prepare_database(base, create_demo, self._relay.progressed.emit),
                         self._prepared, self._prepare_failed)

    def _open_progress(self, demo: bool) -> None:
        self._progress_is_demo = demo
        if demo:
            self._show_progress_dialog(QCoreApplication.translate("Application", "Preparing the demo database…"),
                                       0, 100)
        else:  # a quick check usually: show the busy dialog only if it takes a while
            QTimer.singleShot(400, self._show_busy_if_still_preparing)

    def _show_busy_if_still_preparing(self) -> None:
        if self._preparing and self.progress_dialog is None:
            self._show_progress_dialog(QCoreApplication.translate("Application", "Opening the database…"), 0, 0)

    def _show_progress_dialog(self, text: str, minimum: int, maximum: int) -> None:
        dialog = QProgressDialog(text, None, minimum, maximum)
        dialog.setObjectName("prepareProgress")
        dialog.setWindowTitle("FreshFlow")
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setCancelButton(None)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.setValue(minimum)
        dialog.show()
        self.progress_dialog = dialog

    @Slot(int, str)
    def _on_progress(self, percent: int, text: str) -> None:
        if not self._preparing:
            return
        if percent < 0:  # a busy step (migration): make sure the person sees something is happening
            if self.progress_dialog is None:
                self._show_progress_dialog(text, 0, 0)
            else:
                self.progress_dialog.setLabelText(text)
            return
        if self.progress_dialog is not None:
            if self._progress_is_demo:
                text = QCoreApplication.translate("Application", "Preparing the demo database…") + "\n" + text
            self.progress_dialog.setLabelText(text)
            if self.progress_dialog.maximum() > 0:
                self.progress_dialog.setValue(percent)

    def _close_progress(self) -> None:
        self._preparing = False
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _prepared(self, result: PreparedDatabase) -> None:
        self._close_progress()
        self.is_demo = result.is_demo
        self.show_login()

    def _prepare_failed(self, error: BaseException) -> None:
        self._close_progress()
        if isinstance(error, DomainError):
            message = str(error)
        else:
            log.error("preparing the database failed", exc_info=error)
            detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            message = QCoreApplication.translate(
                "Application", "The database could not be opened or updated: {detail}").format(detail=detail)
        self._show_problem(message)

    def _show_problem(self, message: str) -> None:
        url = self.base.display_url if self.base is not None else _mask(self.url)
        box = QMessageBox(QMessageBox.Icon.Critical, "FreshFlow",
                          QCoreApplication.translate("Application", "FreshFlow cannot open its database."))
        box.setObjectName("databaseProblem")
        box.setInformativeText(message + "\n\n" + QCoreApplication.translate(
            "Application", "Database: {url}").format(url=url))
        box.settings_button = box.addButton(QCoreApplication.translate("Application", "Open &settings…"),
                                            QMessageBox.ButtonRole.ActionRole)
        box.retry_button = box.addButton(QCoreApplication.translate("Application", "&Retry"),
                                         QMessageBox.ButtonRole.AcceptRole)
        box.quit_button = box.addButton(QCoreApplication.translate("Application", "&Quit"),
                                        QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(box.retry_button)
        box.setEscapeButton(box.quit_button)
        box.finished.connect(lambda _code: self._problem_answered(box))
        self.problem_box = box
        box.open()

    def _problem_answered(self, box: QMessageBox) -> None:
        clicked: QPushButton | None = box.clickedButton()
        self.problem_box = None
        box.deleteLater()
        if clicked is box.settings_button:
            self.open_settings_then_retry()
        elif clicked is box.retry_button:
            self.prepare()
        else:
            self._finish(1)

    def open_settings_then_retry(self) -> None:
        from ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._settings, overridden_url=_mask(self.url) if self.database_overridden else None)
        dialog.setObjectName("startupSettings")
        if dialog.exec() == SettingsDialog.DialogCode.Accepted and dialog.saved_settings is not None:
            self._settings = dialog.saved_settings
        dialog.deleteLater()
        self.prepare()

    # -- 2. the login -----------------------------------------------------------------
    def show_login(self) -> None:
        from app.demo.catalog_data import DEMO_USERS

        assert self.base is not None
        dialog = LoginDialog(self.base, self._runner, self.station, demo_users=DEMO_USERS if self.is_demo else (),
                             login=login_and_check_schema)
        dialog.accepted.connect(lambda: self._logged_in(dialog))
        dialog.rejected.connect(lambda: self._login_cancelled(dialog))
        self.login_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _login_cancelled(self, dialog: LoginDialog) -> None:
        self.login_dialog = None
        dialog.deleteLater()
        self._finish(0)

    def _logged_in(self, dialog: LoginDialog) -> None:
        result = dialog.login_result
        self.login_dialog = None
        dialog.deleteLater()
        assert result is not None
        self.open_main_window(result)

    # -- 3. the main window --------------------------------------------------------------
    def open_main_window(self, result: LoginResult) -> None:
        from ui.main_window import MainWindow

        runner = OperationRunner()
        context = ViewContext(result.database, result.actor, self._settings, runner, ChangeNotifier())
        window = MainWindow(context, self.station or None, database_overridden=self.database_overridden)
        runner.setParent(window)
        context.notifier.setParent(window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.closed.connect(lambda logged_out: self._window_closed(result, logged_out))
        self.window = window
        window.present()
        QTimer.singleShot(0, freeze_long_lived_objects)

    def _window_closed(self, result: LoginResult, logged_out: bool) -> None:
        self.window = None
        if result.database is not self.base:
            result.database.dispose()
        if not logged_out:
            self._finish(0)
            return
        # settings may have changed during the session: the station and the database apply now
        if self._cli_station is None or self._cli_url is None:
            self._settings = Settings.load()
        if resolve_database_url(self._cli_url, self._settings) != self.url:
            self.prepare()
        else:
            self.show_login()

    # -- the end --------------------------------------------------------------------------
    def _finish(self, code: int) -> None:
        self._runner.wait_idle(10_000)
        if self.base is not None:
            self.base.dispose()
        self.finished.emit(code)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args, qt_args = parse_args(argv[1:])
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_application([argv[0] if argv else "freshflow", *qt_args])
    app.setQuitOnLastWindowClosed(False)
    settings = Settings.load()
    translators = install_translations(app, settings.language)
    controller = AppController(settings, cli_url=args.db, cli_station=args.station)
    controller.finished.connect(app.exit)
    QTimer.singleShot(0, controller.start)
    code = app.exec()
    del translators
    return code
