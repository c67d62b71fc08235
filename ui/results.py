"""Handling what comes back from the runner: the message a person sees for an
error, and callbacks that are dropped when their widget is gone."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from app.errors import DomainError

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    """The message for the person at the station: a domain error's own text,
    otherwise a short generic line (the traceback goes to the log)."""
    if isinstance(error, DomainError):
        return str(error)
    log.error("unexpected error in a background operation", exc_info=error)
    return QCoreApplication.translate(
        "error", "Something went wrong ({kind}: {detail}). The details are in the log; try again."
    ).format(kind=type(error).__name__, detail=str(error)[:200])


def guarded(owner: QWidget, callback: Callable[..., Any]) -> Callable[..., None]:
    """Wrap a runner callback so it is dropped if ``owner`` was deleted meanwhile."""

    def call(*args: Any) -> None:
        if isValid(owner):
            callback(*args)

    return call
