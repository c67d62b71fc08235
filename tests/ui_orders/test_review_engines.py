"""Two reviewers at two stations, on SQLite and on PostgreSQL (each logged in as themselves):
the second is told who edits the order, and sees the first one's decision after the change feed."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication

from app.config import Settings
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.permissions import Role
from app.services.orders import intake, queries
from ui.context import ChangeNotifier, ViewContext
from ui.operations import OperationRunner
from ui.views.review_view import ReviewView

from .conftest import show, wait_idle


def test_two_reviewers_on_each_engine(qtbot, db, system, login_as):
    # no catalogue and no warehouses: every order lands in the exception queue
    report = intake.import_drafts(db, system, [
        OrderDraft("webshop", f"E-{i}", f"Customer {i}", f"c{i}@example.cn", f"+86 139 0000 00{i:02d}",
                   DraftAddress("", "", f"Road {i}", "", "Shanghai", "", "201108", "CN"),
                   (DraftLine("VEG-0001", 1, 690, "Broccoli"),), payment_status="paid")
        for i in range(1, 4)])
    assert report.states["exception"] == 3
    first_login, second_login = login_as(Role.SUPERVISOR), login_as(Role.CS_REP)
    contexts = [ViewContext(login.database, login.actor, Settings(), OperationRunner(), ChangeNotifier())
                for login in (first_login, second_login)]
    try:
        first, second = (show(qtbot, ReviewView(context)) for context in contexts)
        for view in (first, second):
            qtbot.waitUntil(lambda view=view: view.model.rowCount() == 3, timeout=10_000)
        order_id = first.queue_rows()[0].id
        with qtbot.waitSignal(first.order_opened, timeout=10_000):
            first.open_order(order_id)
        assert first.opened.claimed
        with qtbot.waitSignal(second.order_opened, timeout=10_000):
            second.open_order(order_id)
        assert not second.opened.claimed
        assert f"is being edited by {first_login.actor.username}" in second.detail.message_bar.text()
        assert not second.save_button.isEnabled() and second.detail.phone_edit.isReadOnly()
        # the first reviewer holds it; the second station's feed says orders changed
        first._hold_with("Waiting for the customer")
        qtbot.waitUntil(lambda: first.model.find_order(order_id) < 0 or
                        first.model.row_at(first.model.find_order(order_id)).state == "on_hold", timeout=10_000)
        wait_idle(qtbot, contexts[0], 10_000)
        with qtbot.waitSignal(second.queue_shown, timeout=10_000):
            second.context.notifier.changed.emit(frozenset({"orders"}))
        row = second.model.row_at(second.model.find_order(order_id))
        assert (row.state, row.claimed_by) == ("on_hold", "")
        qtbot.waitUntil(lambda: second.opened.claimed, timeout=10_000)  # free now: the second reviewer has it
        wait_idle(qtbot, contexts[1], 10_000)
        assert queries.get_order(db, system, order_id).claimed_by == second_login.actor.username
        for view in (first, second):
            view.close()
    finally:
        for context in contexts:
            assert context.runner.wait_idle(10_000)
        QApplication.processEvents()
        gc.collect()
