"""Helpers shared by the widget tests: contexts that must end idle, showing a widget, waiting for the runner."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QApplication

from app.config import Settings
from ui.context import ChangeNotifier, ViewContext
from ui.operations import OperationRunner


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
