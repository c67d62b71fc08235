"""Ask for the reason of a decision (hold, cancel, partial shipment, cancelled lines).

The dialog is opened with ``open()`` (never blocks the event loop) and emits
``reason_given(text)`` when the person confirms; the action button stays
disabled until a reason is typed. A destructive action (cancelling an order)
gets a red button and its consequences spelt out, so the dialog is the
confirmation too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget)

DESTRUCTIVE_STYLE = ("QPushButton { background: #c62828; color: #ffffff; border-color: #8e0000; }"
                     " QPushButton:disabled { background: #f1f3f4; color: #9aa0a6; border-color: #dadce0; }"
                     " QPushButton:focus { border: 2px solid #f9a825; }")


class ReasonDialog(QDialog):
    reason_given = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, prompt: str, action_text: str, *,
                 details: str = "", suggestions: Sequence[str] = (), destructive: bool = False,
                 keep_text: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        self.prompt_label = QLabel(prompt, objectName="reasonPrompt")
        self.prompt_label.setWordWrap(True)
        self.details_label = QLabel(details, objectName="reasonDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setVisible(bool(details))
        if destructive:
            self.details_label.setStyleSheet("color: #b71c1c;")
        self.reason_edit = QLineEdit(objectName="reasonEdit")
        self.reason_edit.setMaxLength(500)
        self.reason_edit.setPlaceholderText(self.tr("Reason (saved in the order's history)"))
        self.reason_edit.setClearButtonEnabled(True)
        if suggestions:
            completer = QCompleter(list(suggestions), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.reason_edit.setCompleter(completer)
            self.reason_edit.setToolTip(self.tr("Type a reason, or pick one of the usual ones:\n{reasons}").format(
                reasons="\n".join(suggestions)))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.action_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.action_button.setObjectName("reasonConfirm")
        self.action_button.setText(action_text)
        if destructive:
            self.action_button.setStyleSheet(DESTRUCTIVE_STYLE)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("reasonBack")
        cancel.setText(keep_text or self.tr("Back"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._update()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _update(self, *_args) -> None:
        self.action_button.setEnabled(bool(self.reason()))

    def accept(self) -> None:
        if not self.reason():
            self.reason_edit.setFocus()
            return
        super().accept()
        self.reason_given.emit(self.reason())
