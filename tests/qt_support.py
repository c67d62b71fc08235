"""Helpers shared by the widget tests: QSettings in a temp directory, contexts that must end idle, showing a widget,
waiting for the runner."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from app.config import Settings
from ui.context import ChangeNotifier, ViewContext
from ui.operations import OperationRunner


@contextmanager
def isolated_qsettings(tmp_path: Path, application_name: str = "FreshFlow") -> Iterator[None]:
    """Send QSettings (Ini by default, Native too) to ``tmp_path / "qsettings"`` under a test organisation, so a test
    neither reads nor overwrites what a real installation remembers; the application's names come back after."""
    old_org, old_app = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName("FreshFlowTests")
    QCoreApplication.setApplicationName(application_name)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    try:
        yield
    finally:
        QCoreApplication.setOrganizationName(old_org)
        QCoreApplication.setApplicationName(old_app)


def context_factory(make_actor: Callable[..., object]) -> Iterator[Callable[..., ViewContext]]:
    """Yield ``make(database, *args)`` -> a ViewContext acting as ``make_actor(database, *args)``; at teardown
    fail if any context's background work is still running or never reported back."""
    made: list[ViewContext] = []

    def make(database, *args) -> ViewContext:
        context = ViewContext(database=database, actor=make_actor(database, *args), settings=Settings(),
                              runner=OperationRunner(), notifier=ChangeNotifier())
        context.settings.devices.sound_muted = True
        made.append(context)
        return context

    yield make
    settle_runners(made)
    gc.collect()


def settle_runners(contexts: list[ViewContext], timeout_s: float = 10.0) -> None:
    """Wait for the contexts' background work and deliver its results; fail if work is still running or a result
    never arrives within ``timeout_s``. Loops because a delivered result (or a view's debounce timer firing
    meanwhile) may start more work: on a busy machine that is often still under way after one round."""
    deadline = time.monotonic() + timeout_s
    while True:
        for context in contexts:
            assert context.runner.wait_idle(10_000), "background work still running at teardown"
        QApplication.processEvents()
        if not any(context.runner.busy for context in contexts) or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    for context in contexts:
        assert not context.runner.busy, "an operation never reported back"


def show(qtbot, widget, size=(1280, 800)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wait_idle(qtbot, context: ViewContext, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: not context.runner.busy, timeout=timeout)
