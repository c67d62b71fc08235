"""The login dialog: keyboard only, errors, busy state, remembered user name."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from app.errors import AuthenticationFailed
from app.services import users
from tests.ui.conftest import USERS
from ui.dialogs.login_dialog import LAST_USER_KEY, LoginDialog
from ui.operations import OperationRunner


@pytest.fixture
def runner(qapp):
    runner = OperationRunner()
    yield runner
    runner.wait_idle()


def _open(qtbot, database, runner, **kwargs) -> LoginDialog:
    dialog = LoginDialog(database, runner, **kwargs)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget()))
    return dialog


def test_keyboard_only_login(qtbot, ui_db, runner):
    dialog = _open(qtbot, ui_db, runner, station="admin")
    user = USERS["picker"]
    assert QApplication.focusWidget() is dialog.findChild(QLineEdit, "loginUser")

    qtbot.keyClicks(QApplication.focusWidget(), user.username)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.findChild(QLineEdit, "loginPassword")
    qtbot.keyClicks(QApplication.focusWidget(), user.password)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert dialog.login_result is not None
    assert dialog.login_result.user.username == "picker"
    assert dialog.login_result.actor.station == "admin"
    assert QSettings().value(LAST_USER_KEY) == "picker"


def test_enter_in_the_user_field_moves_on_to_the_password(qtbot, ui_db, runner):
    dialog = _open(qtbot, ui_db, runner)
    qtbot.keyClicks(dialog.user_edit, "admin")
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.password_edit
    assert not dialog.running
    assert dialog.error_label.isHidden()


def test_wrong_password_shows_the_message_and_clears_the_password(qtbot, ui_db, runner):
    dialog = _open(qtbot, ui_db, runner)
    qtbot.keyClicks(dialog.user_edit, "admin")
    qtbot.keyClicks(dialog.password_edit, "not-the-password")
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy, timeout=5000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    error = dialog.findChild(QLabel, "loginError")
    assert error.isVisible()
    assert error.text() == "Wrong user name or password."
    assert dialog.password_edit.text() == ""
    assert dialog.user_edit.text() == "admin"
    assert QApplication.focusWidget() is dialog.password_edit
    assert dialog.password_edit.isEnabled() and dialog.user_edit.isEnabled()
    assert dialog.isVisible() and dialog.login_result is None


def test_inputs_are_disabled_and_busy_shows_while_checking(qtbot, ui_db, runner):
    release = threading.Event()

    def slow_login(database, username, password, station):
        release.wait(5)
        raise AuthenticationFailed("Wrong user name or password.")

    dialog = _open(qtbot, ui_db, runner, login=slow_login)
    dialog.user_edit.setText("admin")
    dialog.password_edit.setText("whatever")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    try:
        assert dialog.running
        assert not dialog.user_edit.isEnabled()
        assert not dialog.password_edit.isEnabled()
        assert not dialog.ok_button.isEnabled()
        assert dialog.busy.isVisible()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.user_edit.isEnabled() and not dialog.busy.isVisible()


def test_the_last_user_name_is_remembered(qtbot, ui_db, runner):
    QSettings().setValue(LAST_USER_KEY, "super")
    dialog = _open(qtbot, ui_db, runner)
    assert dialog.user_edit.text() == "super"
    assert dialog.user_edit.selectedText() == "super"  # typing another name replaces it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # the same user just tabs on
    assert QApplication.focusWidget() is dialog.password_edit
    qtbot.keyClicks(dialog.password_edit, USERS["super"].password)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Enter)
    assert dialog.login_result.user.full_name == "Sam Supervisor"


def test_a_disabled_account_is_refused_with_its_own_message(qtbot, ui_db, runner):
    from app.services.context import Actor

    picker_id = next(u.id for u in users.list_users(ui_db, Actor.system()) if u.username == "picker")
    users.update_user(ui_db, Actor.system(), picker_id, active=False)
    dialog = _open(qtbot, ui_db, runner)
    dialog.user_edit.setText("picker")
    dialog.password_edit.setText(USERS["picker"].password)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert "disabled" in dialog.error_label.text()


def test_demo_hint_lists_the_demo_users(qtbot, ui_db, runner):
    from app.demo.catalog_data import DEMO_USERS

    dialog = _open(qtbot, ui_db, runner, demo_users=DEMO_USERS)
    hint = dialog.findChild(QLabel, "loginHint")
    assert hint is not None and hint.isVisible()
    roles = {"picker": "Picker", "qc_inspector": "QC inspector", "packer": "Packer", "stock_clerk": "Stock clerk",
             "cs_rep": "Customer service", "supervisor": "Supervisor", "admin": "Administrator"}
    for demo_user in DEMO_USERS:  # one table row per user: name, password, role
        row = (f"<tr><td><b>{demo_user.username}</b></td><td>{demo_user.password}</td>"
               f"<td>{roles[demo_user.role]}</td></tr>")
        assert row in hint.text()
    assert "demo database" in QTextDocumentFragment.fromHtml(hint.text()).toPlainText()


def test_no_demo_hint_for_an_ordinary_database(qtbot, ui_db, runner):
    dialog = _open(qtbot, ui_db, runner)
    assert dialog.findChild(QLabel, "loginHint") is None
    assert ui_db.display_url in dialog.database_label.text()


def test_keyboard_only_login_when_another_user_is_remembered(qtbot, ui_db, runner):
    """At a shared station the last user's name is remembered: typing a name still replaces it."""
    QSettings().setValue(LAST_USER_KEY, "admin")
    dialog = _open(qtbot, ui_db, runner)
    user = USERS["picker"]
    assert QApplication.focusWidget() is dialog.findChild(QLineEdit, "loginUser")
    qtbot.keyClicks(QApplication.focusWidget(), user.username)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), user.password)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.login_result.user.username == "picker"
