"""Base of the edit dialogs: collect the form into a service ``*Input``, save
through the runner, and show what went wrong without losing what was typed.

* ``ValidationError``: the message goes to the dialog's message bar and the
  widget registered for ``error.field`` is highlighted and focused.
* A stale edit (someone else saved the record since the form was filled):
  the message says so and offers "Reload", which puts the current version in
  the form.
* Anything else: the message (or a short generic one) in the bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from app.errors import ConflictError, DomainError, ValidationError
from ui.context import ViewContext
from ui.results import error_text, guarded
from ui.widgets.message_bar import MessageBar

_INVALID_STYLE = '*[invalid="true"] { border: 2px solid #d32f2f; border-radius: 3px; background: #fff5f5; }'


class StaleEdit(ConflictError):
    """Raised in the worker when a save failed because the record changed meanwhile."""

    def __init__(self, message: str, current: Any) -> None:
        super().__init__(message)
        self.current = current


class EntityDialog(QDialog):
    #: the saved ``*Row`` (emitted on the UI thread after the transaction committed)
    saved = Signal(object)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.expected_version: int | None = None
        self.saved_row: Any = None
        self._fields: dict[str, QWidget] = {}
        self._busy = False

        self.message_bar = MessageBar(self, "dialogMessage")
        self.body = QVBoxLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("dialogButtons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.buttons)

    # -- fields ---------------------------------------------------------------
    def register_field(self, name: str, widget: QWidget, *aliases: str) -> QWidget:
        """``widget`` edits the service input field ``name`` (and error fields ``aliases``)."""
        for key in (name, *aliases):
            self._fields[key] = widget
        return widget

    def field_widget(self, name: str) -> QWidget | None:
        return self._fields.get(name)

    def highlight(self, name: str | None, message: str = "") -> QWidget | None:
        widget = self._fields.get(name or "")
        if widget is None:
            return None
        widget.setProperty("invalid", True)
        widget.setStyleSheet(_INVALID_STYLE)
        if message:
            widget.setToolTip(message)
        widget.setFocus()
        return widget

    def invalid_fields(self) -> list[str]:
        return [name for name, widget in self._fields.items() if widget.property("invalid")]

    def clear_highlights(self) -> None:
        for widget in set(self._fields.values()):
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setStyleSheet("")
                widget.setToolTip("")

    # -- subclass hooks -------------------------------------------------------------
    def collect(self) -> Any:
        """The service input from the form; raise ``ValidationError(field=…)`` for what
        the form itself cannot turn into a value (e.g. a malformed amount)."""
        raise NotImplementedError

    def save_work(self, data: Any) -> Callable[[], Any]:
        """A callable, run in the pool, that saves ``data`` and returns the saved row."""
        raise NotImplementedError

    def fetch_work(self) -> Callable[[], Any] | None:
        """A callable returning the record's current row (for stale-edit detection), or None."""
        return None

    def apply_row(self, row: Any) -> None:
        """Fill the form from ``row``."""
        raise NotImplementedError

    # -- saving -----------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._busy

    def save(self) -> None:
        if self._busy:
            return
        self.clear_highlights()
        self.message_bar.clear()
        try:
            data = self.collect()
        except ValidationError as error:
            self._show_validation(error)
            return
        work = self.save_work(data)
        fetch = self.fetch_work()
        expected = self.expected_version

        def save_and_check() -> Any:
            try:
                return work()
            except ConflictError as error:
                if fetch is None or expected is None:
                    raise
                try:
                    current = fetch()
                except DomainError:
                    raise error from None
                if current is not None and getattr(current, "version", expected) != expected:
                    raise StaleEdit(str(error), current) from error
                raise

        self._set_busy(True)
        self.context.runner.run(save_and_check, guarded(self, self._on_saved), guarded(self, self._on_failed),
                                changes=True)

    def _on_saved(self, row: Any) -> None:
        self._set_busy(False)
        self.saved_row = row
        self.saved.emit(row)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, StaleEdit):
            current = error.current
            self.message_bar.show_error(
                self.tr("{message}\nReload to see the current version; what you typed here will be replaced.")
                .format(message=str(error)),
                self.tr("Reload"), lambda: self.reload(current),
            )
        elif isinstance(error, ValidationError):
            self._show_validation(error)
        else:
            self.message_bar.show_error(error_text(error))

    def _show_validation(self, error: ValidationError) -> None:
        self.message_bar.show_error(str(error))
        self.highlight(error.field, str(error))

    def reload(self, current: Any) -> None:
        """Put the record's current version in the form (after a stale edit)."""
        self.clear_highlights()
        self.apply_row(current)
        self.expected_version = getattr(current, "version", None)
        self.message_bar.show_info(self.tr("Reloaded the current version. Make your change again and save."))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.setEnabled(not busy)
        self.save_button.setText(self.tr("Saving…") if busy else self.tr("Save"))

    def reject(self) -> None:
        if self._busy:  # the save is under way; its result must reach the view
            return
        super().reject()
