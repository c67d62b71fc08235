"""An inline message area for views and dialogs (errors are shown here, never as a traceback)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton

_COLOURS = {
    "error": ("#fdecea", "#b71c1c", "#f5c2c0"),
    "warning": ("#fff8e1", "#7a4f00", "#ffe08a"),
    "info": ("#e8f1fb", "#0d3c61", "#b9d4f1"),
    "success": ("#e9f6ec", "#1b5e20", "#b7dfbf"),
}


class MessageBar(QFrame):
    """Hidden until something is shown; ``kind`` is error, warning, info or success."""

    def __init__(self, parent=None, object_name: str = "messageBar") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._label = QLabel(self)
        self._label.setObjectName("messageText")
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._action = QPushButton(self)
        self._action.setObjectName("messageAction")
        self._action.hide()
        self._action_callback: Callable[[], None] | None = None
        self._action.clicked.connect(self._on_action)
        close = QToolButton(self)
        close.setObjectName("messageClose")
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._action)
        layout.addWidget(close)
        self._kind = ""
        self.hide()

    # -- showing ----------------------------------------------------------
    def show_message(self, kind: str, text: str, action_text: str = "",
                     action: Callable[[], None] | None = None) -> None:
        self._kind = kind
        self.setProperty("kind", kind)
        background, foreground, border = _COLOURS.get(kind, _COLOURS["info"])
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 4px; }}"
            f" QFrame#{self.objectName()} QLabel {{ color: {foreground}; background: transparent; border: none; }}"
        )
        self._label.setText(text)
        self._action_callback = action
        self._action.setText(action_text)
        self._action.setVisible(bool(action_text and action))
        self.show()

    def show_error(self, text: str, action_text: str = "", action: Callable[[], None] | None = None) -> None:
        self.show_message("error", text, action_text, action)

    def show_warning(self, text: str, action_text: str = "", action: Callable[[], None] | None = None) -> None:
        self.show_message("warning", text, action_text, action)

    def show_info(self, text: str) -> None:
        self.show_message("info", text)

    def show_success(self, text: str) -> None:
        self.show_message("success", text)

    def clear(self) -> None:
        self._kind = ""
        self._label.clear()
        self._action_callback = None
        self._action.hide()
        self.hide()

    # -- reading (tests, accessibility) -----------------------------------------
    def text(self) -> str:
        return self._label.text()

    def kind(self) -> str:
        return self._kind

    def action_button(self) -> QPushButton:
        return self._action

    def _on_action(self) -> None:
        callback = self._action_callback
        if callback is not None:
            callback()
