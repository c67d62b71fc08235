"""Create a user, or change a user's name, role, language, active flag and password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.permissions import Role
from app.services import users
from app.services.users import UserRow
from ui.context import ViewContext
from ui.dialogs.entity_dialog import EntityDialog
from ui.labels import LANGUAGES, language_label, role_label


class UserDialog(EntityDialog):
    def __init__(self, context: ViewContext, user: UserRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("userDialog")
        self.user = user
        self.setWindowTitle(self.tr("New user") if user is None
                            else self.tr("Edit user {name}").format(name=user.username))
        # parented to the dialog even where the form does not show them (a parentless
        # widget would be destroyed by whichever thread's garbage collection finds it)
        self.username_edit = QLineEdit(self, objectName="usernameEdit")
        self.username_edit.setMaxLength(32)
        self.username_edit.setPlaceholderText(self.tr("lower-case letters, digits or _"))
        self.full_name_edit = QLineEdit(objectName="fullNameEdit")
        self.full_name_edit.setMaxLength(120)
        self.role_combo = QComboBox(objectName="roleCombo")
        for role in Role:
            self.role_combo.addItem(role_label(role), role.value)
        self.language_combo = QComboBox(objectName="languageCombo")
        for code in ("en", *[c for c in LANGUAGES if c != "en"]):
            self.language_combo.addItem(language_label(code), code)
        self.active_check = QCheckBox(self.tr("Active (may log in)"), self, objectName="activeCheck")
        self.active_check.setChecked(True)
        self.password_edit = QLineEdit(objectName="passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit(objectName="passwordConfirmEdit")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        hint = self.tr("At least {n} characters.").format(n=users.MIN_PASSWORD_LENGTH)
        self.password_edit.setPlaceholderText(hint)

        form = QFormLayout()
        if user is None:
            form.addRow(self.tr("User name"), self.username_edit)
        else:
            self.username_edit.setText(user.username)
            self.username_edit.setReadOnly(True)
            self.username_edit.hide()
            form.addRow(self.tr("User name"), QLabel(user.username, objectName="usernameLabel"))
        form.addRow(self.tr("Full name"), self.full_name_edit)
        form.addRow(self.tr("Role"), self.role_combo)
        form.addRow(self.tr("Language"), self.language_combo)
        if user is not None:
            form.addRow("", self.active_check)
        else:
            self.active_check.hide()
        self.body.addLayout(form)

        self.password_group = QGroupBox(self.tr("Password") if user is None else self.tr("Set a new password"))
        self.password_group.setObjectName("passwordGroup")
        if user is not None:
            self.password_group.setCheckable(True)
            self.password_group.setChecked(False)
        password_form = QFormLayout(self.password_group)
        password_form.addRow(self.tr("Password"), self.password_edit)
        password_form.addRow(self.tr("Repeat password"), self.confirm_edit)
        self.body.addWidget(self.password_group)

        for name, widget in (("username", self.username_edit), ("full_name", self.full_name_edit),
                             ("role", self.role_combo), ("language", self.language_combo),
                             ("active", self.active_check), ("password", self.password_edit),
                             ("password_confirm", self.confirm_edit)):
            self.register_field(name, widget)
        if user is not None:
            self.apply_row(user)
        else:
            self.role_combo.setCurrentIndex(self.role_combo.findData(Role.PICKER.value))
        self.setMinimumWidth(440)

    def _wants_password(self) -> bool:
        return self.user is None or self.password_group.isChecked()

    def apply_row(self, row: UserRow) -> None:
        self.full_name_edit.setText(row.full_name)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(Role(row.role).value)))
        index = self.language_combo.findData(row.language)
        if index < 0:
            self.language_combo.addItem(row.language, row.language)
            index = self.language_combo.count() - 1
        self.language_combo.setCurrentIndex(index)
        self.active_check.setChecked(row.active)

    def collect(self) -> dict:
        password = self.password_edit.text() if self._wants_password() else ""
        if self._wants_password():
            if not password:
                raise ValidationError(self.tr("Enter the password."), "password")
            if password != self.confirm_edit.text():
                raise ValidationError(self.tr("The two passwords differ; type the same password twice."),
                                      "password_confirm")
        return {
            "username": self.username_edit.text(), "full_name": self.full_name_edit.text(),
            "role": self.role_combo.currentData(), "language": self.language_combo.currentData(),
            "active": self.active_check.isChecked(), "password": password,
        }

    def save_work(self, data: dict) -> Callable[[], UserRow]:
        db, actor = self.context.database, self.context.actor
        if self.user is None:
            return lambda: users.create_user(db, actor, data["username"], data["role"], data["password"],
                                             data["full_name"], data["language"])
        user_id = self.user.id

        def update() -> UserRow:
            if data["password"]:
                users.validate_password(data["password"])  # before anything is changed
            row = users.update_user(db, actor, user_id, full_name=data["full_name"], role=data["role"],
                                    active=data["active"], language=data["language"])
            if data["password"]:
                users.set_password(db, actor, user_id, data["password"])
            return row

        return update
