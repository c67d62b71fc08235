"""A date field that can be empty (QDateEdit cannot): expiry and best-before dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import QDateEdit, QWidget

_EMPTY = QDate(2000, 1, 1)


class OptionalDateEdit(QDateEdit):
    """``value()`` is a ``date`` or None; empty shows ``placeholder`` (the special value text).

    The calendar popup opens on today's month when the field is empty, not on
    the sentinel date.
    """

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "—", objectName: str = "") -> None:  # noqa: N803
        super().__init__(parent)
        if objectName:
            self.setObjectName(objectName)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumDate(_EMPTY)
        self.setMaximumDate(QDate(2199, 12, 31))
        self.setSpecialValueText(placeholder)
        self.setDate(_EMPTY)
        self.calendarWidget().installEventFilter(self)

    def value(self) -> date | None:
        current = self.date()
        if current == _EMPTY:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(_EMPTY if value is None else QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        self.setDate(_EMPTY)

    def is_empty(self) -> bool:
        return self.date() == _EMPTY

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show and self.is_empty():
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return False
