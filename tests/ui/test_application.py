"""Start-up: demo database on first start, migrations, unreachable databases, the login → window → log-out loop."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app import i18n
from app.config import Settings, default_sqlite_url
from app.db import migrate
from app.db.database import Database
from tests.ui.conftest import USERS
from ui.application import AppController, install_translations, parse_args
from ui.dialogs.settings_dialog import SettingsDialog


@pytest.fixture
def controllers(qtbot):
    """Build controllers and make sure each one's windows are gone at the end."""
    made: list[AppController] = []

    def _make(settings: Settings | None = None, **kwargs) -> AppController:
        controller = AppController(settings or Settings(), **kwargs)
        made.append(controller)
        return controller

    yield _make
    for controller in made:
        for widget in (controller.problem_box, controller.login_dialog, controller.window, controller.progress_dialog):
            if widget is not None:
                widget.close()
        controller._runner.wait_idle()
        if controller.base is not None:
            controller.base.dispose()


def _log_in(qtbot, controller: AppController, username: str, password: str) -> None:
    qtbot.waitUntil(lambda: controller.login_dialog is not None and controller.login_dialog.isVisible(),
                    timeout=20_000)
    dialog = controller.login_dialog
    dialog.user_edit.setText(username)
    dialog.password_edit.setText(password)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=5000)


def test_parse_args_takes_station_and_db_and_leaves_the_rest_to_qt():
    args, rest = parse_args(["--station", "picking", "--db", "sqlite:///x.db", "-platform", "offscreen"])
    assert (args.station, args.db, rest) == ("picking", "sqlite:///x.db", ["-platform", "offscreen"])
    args, rest = parse_args([])
    assert (args.station, args.db, rest) == (None, None, [])


def test_first_start_builds_the_demo_database_and_lists_the_demo_users(qtbot, controllers):
    from app.demo.catalog_data import DEMO_USERS

    database_file = Path(default_sqlite_url().removeprefix("sqlite:///"))
    assert not database_file.exists()
    controller = controllers()
    controller.start()
    assert controller.progress_dialog is not None and controller.progress_dialog.isVisible()
    assert "Preparing the demo database" in controller.progress_dialog.labelText()

    qtbot.waitUntil(lambda: controller.login_dialog is not None, timeout=30_000)
    assert controller.progress_dialog is None
    assert database_file.exists()
    hint = controller.login_dialog.findChild(QLabel, "loginHint")
    assert hint is not None and "admin123" in hint.text()

    admin = next(u for u in DEMO_USERS if u.username == "admin")
    _log_in(qtbot, controller, admin.username, admin.password)
    assert controller.window.findChild(QLabel, "statusUser").text().startswith(admin.full_name)
    with qtbot.waitSignal(controller.finished, timeout=5000) as finished:
        controller.window.close()
    assert finished.args == [0]


def test_an_existing_database_is_migrated_before_the_login(qtbot, tmp_path, controllers):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    empty = Database(url)
    empty.ping()  # the file exists, without any tables
    assert not migrate.is_up_to_date(empty)
    controller = controllers(cli_url=url)
    controller.start()
    qtbot.waitUntil(lambda: controller.login_dialog is not None, timeout=10_000)
    assert migrate.is_up_to_date(empty)
    assert controller.login_dialog.findChild(QLabel, "loginHint") is None  # not a demo database
    empty.dispose()


def test_an_unreachable_database_offers_settings_retry_and_quit(qtbot, controllers):
    controller = controllers(cli_url="postgresql://ff:s3cret@127.0.0.1:1/freshflow")
    controller.start()
    qtbot.waitUntil(lambda: controller.problem_box is not None and controller.problem_box.isVisible(),
                    timeout=10_000)
    box = controller.problem_box
    text = box.text() + "\n" + box.informativeText()
    assert "cannot be reached" in text
    assert "127.0.0.1:1/freshflow" in text and "s3cret" not in text
    assert {b.text() for b in box.buttons()} == {"Open &settings…", "&Retry", "&Quit"}

    box.retry_button.click()
    qtbot.waitUntil(lambda: controller.problem_box is not None and controller.problem_box is not box
                    and controller.problem_box.isVisible(), timeout=10_000)
    with qtbot.waitSignal(controller.finished, timeout=5000) as finished:
        controller.problem_box.quit_button.click()
    assert finished.args == [1]


def test_a_missing_sqlite_file_is_not_created_silently(qtbot, tmp_path, controllers):
    missing = tmp_path / "typo.db"
    controller = controllers(cli_url=f"sqlite:///{missing}")
    controller.start()
    qtbot.waitUntil(lambda: controller.problem_box is not None, timeout=10_000)
    assert "does not exist" in controller.problem_box.informativeText()
    assert not missing.exists()


def test_open_settings_from_the_problem_fixes_the_database(qtbot, tmp_path, ui_db, controllers):
    controller = controllers(Settings(database_url=f"sqlite:///{tmp_path / 'nowhere' / 'x.db'}"))
    controller.start()
    qtbot.waitUntil(lambda: controller.problem_box is not None, timeout=10_000)

    def fill_in_settings():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        dialog.url_edit.setText(str(ui_db.url))
        dialog.buttons.accepted.emit()

    QTimer.singleShot(100, fill_in_settings)
    controller.problem_box.settings_button.click()
    qtbot.waitUntil(lambda: controller.login_dialog is not None, timeout=10_000)
    assert Settings.load().database_url == str(ui_db.url)


def test_log_out_returns_to_the_login_and_quit_ends_the_session(qtbot, ui_db, controllers):
    controller = controllers(cli_url=str(ui_db.url), cli_station="catalog")
    controller.start()
    user = USERS["admin"]
    _log_in(qtbot, controller, user.username, user.password)
    window = controller.window
    assert window.station == "catalog"
    # what start-up built is out of the collector's reach, so a full collection cannot stall a scan's answer
    try:
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 10_000, timeout=5000)
    finally:
        gc.unfreeze()  # this test process lives on

    window.logout_action.trigger()
    qtbot.waitUntil(lambda: controller.login_dialog is not None and controller.login_dialog.isVisible(),
                    timeout=5000)
    assert controller.window is None
    assert controller.login_dialog.user_edit.text() == "admin"  # remembered

    with qtbot.waitSignal(controller.finished, timeout=5000) as finished:
        controller.login_dialog.reject()
    assert finished.args == [0]


def test_chinese_translation_is_installed(qapp):
    locale = QLocale()
    translators = install_translations(qapp, "zh_CN")
    try:
        assert translators, "resources/translations/freshflow_zh_CN.qm is missing"
        assert QCoreApplication.translate("LoginDialog", "Log in") == "登录"
        assert QCoreApplication.translate("MainWindow", "&File") != "&File"
        assert i18n.current_language() == "zh_CN"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(locale)



