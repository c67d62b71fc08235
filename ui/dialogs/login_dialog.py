"""The login: user name, Tab, password, Enter.

The password check (argon2id, and on PostgreSQL a connection as the user)
runs through the ``OperationRunner`` so the dialog stays responsive; while it
runs the inputs are disabled and a busy bar shows. A failure shows the
service's message, clears the password and puts the cursor back in it.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget,
)

from app.db.database import Database
from app.errors import DomainError
from app.permissions import Role
from app.services import users
from app.services.users import LoginResult
from ui.operations import OperationRunner
from ui.views.registry import role_title, station_title

log = logging.getLogger(__name__)

LAST_USER_KEY = "login/lastUser"

LoginFunction = Callable[[Database, str, str, str], LoginResult]


class LoginDialog(QDialog):
    """Ask for user name and password; ``login_result`` holds the outcome after ``accept``."""

    def __init__(self, database: Database, runner: OperationRunner, station: str = "", *,
                 demo_users: Sequence[tuple[str, str, str, str]] = (), parent: QWidget | None = None,
                 login: LoginFunction = users.login) -> None:
        super().__init__(parent)
        self._database = database
        self._runner = runner
        self._station = station
        self._login = login
        self._running = False
        # the logged-in database handle, actor and user, set just before ``accept()``
        self.login_result: LoginResult | None = None

        self.setWindowTitle(self.tr("FreshFlow — Log in"))
        self.setMinimumWidth(420)

        title = QLabel(self.tr("FreshFlow"), objectName="loginTitle")
        station_text = (self.tr("Station: {name}").format(name=station_title(station)) if station
                        else self.tr("Station: all views"))
        self.station_label = QLabel(station_text, objectName="loginStation")
        self.database_label = QLabel(self.tr("Database: {url}").format(url=database.display_url),
                                     objectName="loginDatabase")
        self.database_label.setWordWrap(True)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.user_edit = QLineEdit(objectName="loginUser")
        self.user_edit.setPlaceholderText(self.tr("user name"))
        self.user_edit.setMaxLength(32)
        self.password_edit = QLineEdit(objectName="loginPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("password"))

        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.user_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)

        self.error_label = QLabel(objectName="loginError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.busy = QProgressBar(objectName="loginBusy")
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.setAccessibleName(self.tr("Checking the password"))
        self.busy.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Log in"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.buttons.accepted.connect(self._attempt_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.station_label)
        layout.addWidget(self.database_label)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        if demo_users:
            layout.addWidget(self._demo_hint(demo_users))
        layout.addWidget(self.buttons)

        self.setTabOrder(self.user_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.ok_button)
        last_user = str(QSettings().value(LAST_USER_KEY, "") or "")
        self.user_edit.setText(last_user)
        # Always start in the user name, selected: "name, Tab, password, Enter" works at a shared
        # station whoever logged in last, and the last user only has to press Tab.
        self.user_edit.selectAll()
        self.user_edit.setFocus()

    def _demo_hint(self, demo_users: Sequence[tuple[str, str, str, str]]) -> QLabel:
        rows = "".join(
            f"<tr><td><b>{html.escape(username)}</b></td><td>{html.escape(password)}</td>"
            f"<td>{html.escape(role_title(Role(role)))}</td></tr>"
            for username, _full_name, role, password in demo_users)
        intro = self.tr("This is a demo database. Demo users (user name / password):")
        text = (f"<p>{html.escape(intro)}</p>"
                f"<table cellspacing='0' cellpadding='2' style='margin-left: 12px'>{rows}</table>")
        hint = QLabel(text, objectName="loginHint")
        hint.setTextFormat(Qt.TextFormat.RichText)
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return hint

    # -- logging in -------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    def _attempt_login(self) -> None:
        if self._running:
            return
        username = self.user_edit.text().strip()
        password = self.password_edit.text()
        if username and not password:  # Enter in the user name field: go on to the password
            self.password_edit.setFocus()
            return
        self._set_running(True)
        database, station, login = self._database, self._station, self._login
        self._runner.run(lambda: login(database, username, password, station),
                         self._logged_in, self._failed, key="login")

    def _logged_in(self, result: LoginResult) -> None:
        self._set_running(False)
        if not self.isVisible():  # cancelled while the check ran: let go of the handle
            if result.database is not self._database:
                result.database.dispose()
            return
        self.login_result = result
        QSettings().setValue(LAST_USER_KEY, result.user.username)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, DomainError):
            message = str(error)
        else:
            log.error("login failed unexpectedly", exc_info=error)
            message = self.tr("Logging in failed: {error}").format(error=str(error).splitlines()[0] if str(error)
                                                                    else type(error).__name__)
        self.error_label.setText(message)
        self.error_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _set_running(self, running: bool) -> None:
        self._running = running
        for widget in (self.user_edit, self.password_edit, self.ok_button):
            widget.setEnabled(not running)
        self.busy.setVisible(running)
        if running:
            self.error_label.hide()
