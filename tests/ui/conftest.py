"""Fixtures for the application shell tests: a migrated temp SQLite database with
users, per-test QSettings, a ViewContext factory, and a check that no test
leaves threads (change feeds, runner pools) running.

The root conftest already points ``FRESHFLOW_DATA_DIR`` at a per-test temp
directory and makes argon2 cheap.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool
from shiboken6 import isValid

from app.config import Settings
from app.db import migrate
from app.db.database import Database
from app.permissions import Role
from app.services import users
from app.services.context import Actor
from ui import operations
from ui.context import ChangeNotifier, ViewContext
from ui.operations import OperationRunner
from tests.qt_support import isolated_qsettings


@dataclass(frozen=True)
class UiUser:
    username: str
    password: str
    role: Role
    full_name: str


USERS = {
    "admin": UiUser("admin", "admin-pass-1", Role.ADMIN, "Ada Admin"),
    "picker": UiUser("picker", "picker-pass-1", Role.PICKER, "Pia Picker"),
    "super": UiUser("super", "super-pass-1", Role.SUPERVISOR, "Sam Supervisor"),
    "cs": UiUser("cs", "cs-pass-123", Role.CS_REP, "Cleo Service"),
}


@pytest.fixture(autouse=True)
def qsettings_tmp(tmp_path, qapp) -> Iterator[None]:
    """Window state and the remembered user name go to a per-test directory."""
    with isolated_qsettings(tmp_path):
        yield


@pytest.fixture(autouse=True)
def no_leftover_threads(qapp, monkeypatch) -> Iterator[None]:
    """Fail a test that leaves a Python thread (e.g. the change feed) or runner work running.

    Set up before ``qtbot``, so it checks after qtbot has closed the test's widgets.
    """
    runners: weakref.WeakSet[OperationRunner] = weakref.WeakSet()
    original_init = operations.OperationRunner.__init__

    def tracking_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        runners.add(self)

    monkeypatch.setattr(operations.OperationRunner, "__init__", tracking_init)
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 1.0
    while True:
        QCoreApplication.processEvents()
        threads = [t for t in threading.enumerate()
                   if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)]
        busy = [r for r in list(runners) if isValid(r) and r._pool.activeThreadCount()]
        if not threads and not busy and QThreadPool.globalInstance().activeThreadCount() == 0:
            break
        if time.monotonic() > deadline:
            pytest.fail(f"test left threads running: {[t.name for t in threads]}, "
                        f"{len(busy)} operation runner(s) still busy")
        time.sleep(0.02)


@pytest.fixture
def ui_db(tmp_path) -> Iterator[Database]:
    """A migrated SQLite database in a temp file, with the users of ``USERS``."""
    database = Database(f"sqlite:///{tmp_path / 'ui-test.db'}")
    migrate.upgrade(database)
    for user in USERS.values():
        users.create_user(database, Actor.system("test"), user.username, user.role, user.password, user.full_name)
    yield database
    database.dispose()


@pytest.fixture
def make_context(ui_db) -> Callable[..., ViewContext]:
    """``make_context("admin")``: log in as that test user and build the context a view gets."""

    def _make(username: str = "admin", station: str = "") -> ViewContext:
        user = USERS[username]
        result = users.login(ui_db, user.username, user.password, station)
        return ViewContext(result.database, result.actor, Settings(), OperationRunner(), ChangeNotifier())

    return _make
