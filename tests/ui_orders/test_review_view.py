"""The review desk: the queue, findings next to their fields, approve / hold / cancel,
claims between two reviewers, refreshing when another station decides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QTabWidget

from app.errors import ConflictError
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.services.orders import desk, intake, queries
from ui.dialogs.reason_dialog import ReasonDialog
from ui.models.orders import PROBLEM_BACKGROUND, QueueTableModel
from ui.models.row_table_model import ROW_ROLE
from ui.views.review_view import ReviewView

from .conftest import actor, show, wait_idle


def open_review(qtbot, context, rows: int | None = 4) -> ReviewView:
    view = show(qtbot, ReviewView(context))
    if rows is not None:
        qtbot.waitUntil(lambda: view.model.rowCount() == rows and not context.runner.busy, timeout=5000)
    return view


def queue_numbers(view: ReviewView) -> list[str]:
    return [row.number for row in view.queue_rows()]


def open_number(qtbot, view: ReviewView, number: str) -> None:
    row = next(i for i, r in enumerate(view.queue_rows()) if r.number == number)
    with qtbot.waitSignal(view.order_opened, timeout=5000):
        view.table.selectRow(row)
    wait_idle(qtbot, view.context)
    assert view.opened.detail.number == number


def stored(db, number: str):
    return queries.get_order(db, actor(db, "admin"), number=number)


def answer_reason(qtbot, view: ReviewView, reason: str, *, accept: bool = True) -> dict[str, str]:
    """Type ``reason`` into the reason dialog and confirm (or go back); returns what the dialog said."""
    qtbot.waitUntil(lambda: view.findChild(ReasonDialog) is not None and view.findChild(ReasonDialog).isVisible())
    dialog = view.findChild(ReasonDialog)
    said = {"title": dialog.windowTitle(), "prompt": dialog.prompt_label.text(),
            "details": dialog.details_label.text(), "action": dialog.action_button.text()}
    assert not dialog.action_button.isEnabled()  # no reason, no decision
    dialog.reason_edit.setText(reason)
    assert dialog.action_button.isEnabled()
    if accept:
        dialog.action_button.click()
    else:
        dialog.reject()
    qtbot.waitUntil(lambda: view.findChild(ReasonDialog) is None)  # deleted once closed
    return said


# -- the queue ------------------------------------------------------------------------------------------------

def test_queue_lists_the_exceptions_by_delivery_date_then_age(qtbot, make_context, seed_orders):
    view = open_review(qtbot, make_context("super"))
    assert view.objectName() == "reviewView"
    s = seed_orders
    # the unserved postal code delivers first; the two of the next day in the order they came in
    assert queue_numbers(view) == [s.not_served, s.bad_phone, s.unknown_sku, s.pending]
    texts = {row.number: view.model.index(i, QueueTableModel.COL_REASONS).data()
             for i, row in enumerate(view.model.rows())}
    assert texts[s.bad_phone] == "Phone number"
    assert texts[s.pending] == "Payment received"
    assert texts[s.unknown_sku] == "Known, active products"
    first = view.model.index(0, QueueTableModel.COL_DELIVERY).data()
    assert first.endswith("09:00-12:00") and s.first_day.strftime("%m-%d") in first
    assert view.model.index(0, QueueTableModel.COL_AGE).data() in ("just now", "1 min", "2 min", "3 min")
    assert view.model.index(0, QueueTableModel.COL_CLAIMED).data() == ""
    assert view.count_label.text() == "4 exception(s)"
    assert view.badge() == 4


def test_filter_and_sort_keep_the_open_order_selected(qtbot, make_context, seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.pending)
    view.filter_edit.setText("phone")
    assert queue_numbers(view) == [seed_orders.bad_phone]
    assert "1 shown" in view.count_label.text()
    view.filter_edit.setText("payment")
    assert queue_numbers(view) == [seed_orders.pending]
    view.filter_edit.clear()
    view.table.sortByColumn(QueueTableModel.COL_NUMBER, Qt.SortOrder.DescendingOrder)
    assert queue_numbers(view) == sorted(queue_numbers(view), reverse=True)
    assert view.table.selectionModel().currentIndex().data(ROW_ROLE).number == seed_orders.pending
    assert view.opened.detail.number == seed_orders.pending  # sorting opened nothing else


def test_badge_in_the_main_window_tab_follows_the_queue(qtbot, make_context, second_station, seed_orders):
    from ui.main_window import MainWindow

    context = make_context("super")
    window = MainWindow(context, change_feed=False)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    tabs = window.findChild(QTabWidget, "mainTabs")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    review_tab = titles.index("Review queue")
    assert "Orders" in titles
    tabs.setCurrentIndex(review_tab)
    qtbot.waitUntil(lambda: tabs.tabText(review_tab) == "Review queue (4)", timeout=5000)
    # hidden, the view still counts: another station cancels an exception
    tabs.setCurrentIndex(titles.index("Orders"))
    other = actor(second_station, "cs")
    order = queries.get_order(second_station, other, number=seed_orders.not_served)
    desk.cancel(second_station, other, order.id, "customer moved away")
    context.notifier.changed.emit(frozenset({"*"}))
    qtbot.waitUntil(lambda: tabs.tabText(review_tab) == "Review queue (3)", timeout=5000)
    wait_idle(qtbot, context)
    window.close()


# -- findings next to their fields -----------------------------------------------------------------------------

def test_phone_finding_is_shown_under_the_phone_field(qtbot, make_context, seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.bad_phone)
    detail = view.detail
    assert detail.phone_edit.objectName() == "reviewPhoneEdit"
    assert detail.phone_edit.property("invalid") is True
    message = view.findChild(QLabel, "reviewPhoneMessage")
    assert message is detail.boxes["phone"].message
    assert message.isVisible() and '"12345" is not a valid phone number' in message.text()
    for field in ("customer_name", "email", "address", "postal_code", "delivery_date", "payment_status"):
        assert not detail.boxes[field].flagged(), field
        assert not detail.boxes[field].message.isVisible(), field
    assert detail.reason_list.objectName() == "reviewReasonList"
    assert [detail.reason_list.item(i).text() for i in range(detail.reason_list.count())] == [
        '⚠  Phone number: "12345" is not a valid phone number; enter an 11-digit Chinese mobile number '
        '(e.g. 138 1234 5678) or an international number starting with + and the country code.']
    assert not any(box.isVisible() for box in detail.accept_boxes.values())
    # clicking the finding puts the cursor in the phone field
    detail.email_edit.setFocus()
    detail.reason_list.itemClicked.emit(detail.reason_list.item(0))
    qtbot.waitUntil(lambda: detail.phone_edit.hasFocus())
    assert view.opened.claimed and detail.is_editable()
    assert not detail.phone_edit.isReadOnly()


def test_line_finding_is_shown_on_the_line(qtbot, make_context, seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.unknown_sku)
    model = view.detail.lines_model
    assert view.detail.lines_table.objectName() == "reviewLinesTable"
    assert model.problem_lines() == [1]
    assert model.index(0, model.COL_SKU).data(Qt.ItemDataRole.BackgroundRole) == PROBLEM_BACKGROUND
    assert 'Unknown SKU "NOPE-1"' in model.index(0, model.COL_PROBLEM).data()
    assert model.flags(model.index(0, model.COL_SKU)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, model.COL_NAME)) & Qt.ItemFlag.ItemIsEditable


# -- deciding -----------------------------------------------------------------------------------------------------

def test_fix_the_phone_and_approve_allocates_and_opens_the_next_order(qtbot, make_context, orders_db, seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.bad_phone)
    assert not view.save_button.isEnabled()
    view.detail.phone_edit.setText("139 0000 0002")
    assert view.detail.is_dirty() and view.save_button.isEnabled()
    assert view.approve_button.text() == "Save and approve"
    with qtbot.waitSignal(view.outcome_shown, timeout=10_000) as outcome:
        view.approve_button.click()
    assert outcome.args[0].state == "allocated"
    assert view.message_bar.kind() == "success"
    assert view.message_bar.text() == f"Order {seed_orders.bad_phone} approved and allocated."
    order = stored(orders_db, seed_orders.bad_phone)
    assert (order.state, order.phone, order.reasons, order.claimed_by) == ("allocated", "+8613900000002", (), "")
    assert all(line.reserved_quantity == line.base_quantity for line in order.lines)
    assert [t.action for t in order.timeline][-2:] == ["order.edited", "order.approved"]
    # the order left the queue and the next one is open for editing
    qtbot.waitUntil(lambda: seed_orders.bad_phone not in queue_numbers(view), timeout=5000)
    qtbot.waitUntil(lambda: view.opened is not None and view.opened.detail.number == seed_orders.unknown_sku)
    wait_idle(qtbot, view.context)
    assert view.opened.claimed
    assert stored(orders_db, seed_orders.unknown_sku).claimed_by == "super"
    assert view.badge() == 3


def test_approve_without_accepting_the_payment_keeps_the_exception_then_accepting_passes(
        qtbot, make_context, orders_db, seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.pending)
    payment = view.detail.accept_boxes["payment"]
    assert payment.objectName() == "reviewAcceptPayment" and payment.isVisible()
    assert not view.detail.accept_boxes["price"].isVisible()
    assert view.detail.payment_edit.property("invalid") is True
    with qtbot.waitSignal(view.outcome_shown, timeout=10_000) as outcome:
        view.approve()
    assert outcome.args[0].state == "exception"
    wait_idle(qtbot, view.context)
    assert view.message_bar.kind() == "warning" and "still an exception" in view.message_bar.text()
    assert view.opened.detail.number == seed_orders.pending and view.opened.claimed  # claimed again
    assert view.detail.payment_edit.property("invalid") is True
    assert "payment" in {f.rule for f in view.opened.detail.reasons}
    for rule in {f.rule for f in view.opened.detail.reasons} & set(desk.ACCEPTABLE_RULES):
        view.detail.accept_boxes[rule].setChecked(True)
    with qtbot.waitSignal(view.outcome_shown, timeout=10_000) as outcome:
        view.approve()
    assert outcome.args[0].state == "allocated"
    assert stored(orders_db, seed_orders.pending).state == "allocated"


def test_hold_asks_for_a_reason_and_the_order_stays_in_the_queue_on_hold(qtbot, make_context, orders_db,
                                                                         seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.not_served)
    view.hold_button.click()
    answer_reason(qtbot, view, "reason", accept=False)  # changed their mind
    wait_idle(qtbot, view.context)
    assert stored(orders_db, seed_orders.not_served).state == "exception"
    with qtbot.waitSignal(view.outcome_shown, timeout=10_000) as outcome:
        view.hold_button.click()
        answer_reason(qtbot, view, "Customer checks the postal code")
    assert outcome.args[0].state == "on_hold"
    order = stored(orders_db, seed_orders.not_served)
    assert (order.state, order.state_reason) == ("on_hold", "Customer checks the postal code")
    qtbot.waitUntil(lambda: any(r.number == seed_orders.not_served and r.state == "on_hold"
                                for r in view.queue_rows()), timeout=5000)
    assert view.count_label.text() == "3 exception(s), 1 on hold"
    view.on_hold_toggle.setChecked(False)
    qtbot.waitUntil(lambda: seed_orders.not_served not in queue_numbers(view), timeout=5000)
    assert view.model.rowCount() == 3


def test_cancel_asks_for_a_reason_and_confirmation(qtbot, make_context, orders_db, seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.unknown_sku)
    with qtbot.waitSignal(view.outcome_shown, timeout=10_000) as outcome:
        view.cancel_action.trigger()  # Ctrl+Shift+Delete
        dialog = answer_reason(qtbot, view, "Customer cancelled by phone")
    assert dialog["title"] == f"Cancel order {seed_orders.unknown_sku}?"
    assert dialog["action"] == "Cancel order"
    assert "cannot be undone" in dialog["details"]
    assert outcome.args[0].state == "cancelled"
    order = stored(orders_db, seed_orders.unknown_sku)
    assert (order.state, order.state_reason) == ("cancelled", "Customer cancelled by phone")
    assert order.timeline[-1].action == "order.cancelled"
    qtbot.waitUntil(lambda: seed_orders.unknown_sku not in queue_numbers(view), timeout=5000)


def test_supervisor_cancels_a_line_and_the_rest_is_allocated(qtbot, make_context, orders_db, seed_orders):
    system = actor(orders_db, "admin")
    two_lines = OrderDraft("webshop", "W-9", "Zhang San", "zhang@example.cn", "+86 139 0000 0009",
                           DraftAddress("Zhang San", "", "申旺路 9号", "", "Shanghai", "", "201108", "CN"),
                           (DraftLine("VEG-0001", 1, 690, "Broccoli"), DraftLine("GONE-1", 1, 100, "Gone")),
                           delivery_date=seed_orders.first_day, delivery_slot="09:00-12:00", payment_status="paid")
    number = intake.import_drafts(orders_db, system, [two_lines]).numbers[0]
    view = open_review(qtbot, make_context("super"), rows=5)
    open_number(qtbot, view, number)
    assert view.partial_button.isVisible() and view.cancel_lines_button.isVisible()
    assert not view.cancel_lines_button.isEnabled()  # nothing selected yet
    view.detail.lines_table.selectRow(1)
    assert view.cancel_lines_button.isEnabled()
    with qtbot.waitSignal(view.outcome_shown, timeout=10_000) as outcome:
        view.cancel_lines_button.click()
        dialog = answer_reason(qtbot, view, "Product discontinued")
    assert "lines 2 of order" in dialog["prompt"]
    assert outcome.args[0].state == "allocated"
    order = stored(orders_db, number)
    assert [(line.line_no, line.state) for line in order.lines] == [(1, "open"), (2, "cancelled")]


def test_cs_rep_does_not_see_the_supervisor_buttons(qtbot, make_context, seed_orders):
    view = open_review(qtbot, make_context("cs"))
    open_number(qtbot, view, seed_orders.bad_phone)
    assert view.partial_button.isHidden() and view.cancel_lines_button.isHidden()
    assert view.approve_button.isVisible() and view.hold_button.isVisible() and view.cancel_button.isVisible()
    view.allow_partial()  # even called directly, nothing happens
    assert view.findChild(ReasonDialog) is None


# -- two reviewers ----------------------------------------------------------------------------------------------

def test_second_reviewer_sees_who_edits_the_order_and_cannot_save(qtbot, make_context, second_station,
                                                                  orders_db, seed_orders):
    first = open_review(qtbot, make_context("super"))
    open_number(qtbot, first, seed_orders.bad_phone)
    second = open_review(qtbot, make_context("super2", db=second_station))
    assert second.model.index(second.model.find_order(first.opened.detail.id), QueueTableModel.COL_CLAIMED) \
        .data() == "super"
    open_number(qtbot, second, seed_orders.bad_phone)
    assert not second.opened.claimed
    bar = second.detail.message_bar
    assert bar.objectName() == "reviewDetailMessage" and bar.kind() == "warning"
    assert f"Order {seed_orders.bad_phone} is being edited by super" in bar.text()
    assert second.detail.phone_edit.isReadOnly() and not second.detail.payment_edit.isEnabled()
    for button in (second.save_button, second.approve_button, second.hold_button, second.cancel_button):
        assert not button.isEnabled(), button.objectName()
    second.detail.phone_edit.setText("139 0000 0002")  # read-only for the person; even code cannot save it
    second.save()
    second.approve()
    wait_idle(qtbot, second.context)
    assert stored(orders_db, seed_orders.bad_phone).phone == "12345"
    with pytest.raises(ConflictError, match="being edited by super"):
        desk.save_edits(second_station, actor(second_station, "super2"), first.opened.detail.id,
                        first.detail.edit(), first.opened.detail.version)
    # the first reviewer moves on: the second one gets the order at the next refresh
    open_number(qtbot, first, seed_orders.not_served)
    second.context.notifier.changed.emit(frozenset({"*"}))
    qtbot.waitUntil(lambda: second.opened.claimed, timeout=5000)
    wait_idle(qtbot, second.context)
    assert not second.detail.phone_edit.isReadOnly() and second.detail.message_bar.kind() == ""
    assert stored(orders_db, seed_orders.bad_phone).claimed_by == "super2"


def test_claim_is_released_when_leaving_the_order(qtbot, make_context, orders_db, seed_orders):
    view = open_review(qtbot, make_context("cs"))
    open_number(qtbot, view, seed_orders.bad_phone)
    assert stored(orders_db, seed_orders.bad_phone).claimed_by == "cs"
    open_number(qtbot, view, seed_orders.pending)
    assert stored(orders_db, seed_orders.bad_phone).claimed_by == ""
    assert stored(orders_db, seed_orders.pending).claimed_by == "cs"
    view.close()
    wait_idle(qtbot, view.context)
    view.context.runner.wait_idle()
    assert stored(orders_db, seed_orders.pending).claimed_by == ""


def test_the_view_refreshes_when_another_station_approves(qtbot, make_context, second_station, seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.pending)
    other = actor(second_station, "cs")
    order = desk.claim(second_station, other, queries.get_order(second_station, other,
                                                                number=seed_orders.bad_phone).id)
    edit = desk.OrderEdit(order.customer_name, "+86 139 0000 0002", order.email, order.address_line1,
                          order.address_line2, order.city, order.province, order.postal_code, order.country,
                          order.delivery_date, order.delivery_slot, order.payment_status, order.note)
    saved = desk.save_edits(second_station, other, order.id, edit, order.version)
    assert desk.approve(second_station, other, order.id, expected_version=saved.version).state == "allocated"
    with qtbot.waitSignal(view.queue_shown, timeout=5000):
        view.context.notifier.changed.emit(frozenset({"orders"}))  # what the change feed delivers
    assert queue_numbers(view) == [seed_orders.not_served, seed_orders.unknown_sku, seed_orders.pending]
    assert view.table.selectionModel().currentIndex().data(ROW_ROLE).number == seed_orders.pending
    assert view.opened.detail.number == seed_orders.pending and view.opened.claimed
    assert view.badge() == 3


# -- unsaved edits and the keyboard ------------------------------------------------------------------------------

def test_switching_orders_with_unsaved_edits_asks(qtbot, make_context, orders_db, seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.bad_phone)
    view.detail.phone_edit.setText("139 0000 0002")
    other_row = next(i for i, r in enumerate(view.queue_rows()) if r.number == seed_orders.pending)
    view.table.selectRow(other_row)
    box = view.unsaved_question()
    assert box is not None and box.objectName() == "reviewUnsavedQuestion"
    box.button(QMessageBox.StandardButton.Cancel).click()  # stay on this order
    qtbot.waitUntil(lambda: view.unsaved_question() is None)
    assert view.opened.detail.number == seed_orders.bad_phone
    assert view.detail.phone_edit.text() == "139 0000 0002"
    assert view.table.selectionModel().currentIndex().data(ROW_ROLE).number == seed_orders.bad_phone
    # again, and save on the way
    view.table.selectRow(other_row)
    view.unsaved_question().button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: view.opened.detail.number == seed_orders.pending, timeout=5000)
    wait_idle(qtbot, view.context)
    assert view.opened.claimed
    assert stored(orders_db, seed_orders.bad_phone).phone == "+8613900000002"
    # and discard
    view.detail.email_edit.setText("changed@example.cn")
    view.next_order()
    view.unsaved_question().button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: view.opened.detail.number != seed_orders.pending, timeout=5000)
    wait_idle(qtbot, view.context)
    assert stored(orders_db, seed_orders.pending).email != "changed@example.cn"
    assert stored(orders_db, seed_orders.pending).claimed_by == ""


def test_keyboard_shortcuts(qtbot, make_context, orders_db, seed_orders):
    view = open_review(qtbot, make_context("super"))
    shortcuts = {name: [key.toString() for key in action.shortcuts()] for name, action in (
        ("save", view.save_action), ("approve", view.approve_action), ("hold", view.hold_action),
        ("cancel", view.cancel_action), ("next", view.next_action))}
    assert shortcuts["save"][0] == "Ctrl+S"
    shortcuts["save"] = shortcuts["save"][:1]
    assert shortcuts == {"save": ["Ctrl+S"], "approve": ["Ctrl+Return", "Ctrl+Enter"], "hold": ["Ctrl+H"],
                         "cancel": ["Ctrl+Shift+Del"], "next": ["Ctrl+Down", "F8"]}
    view.activateWindow()
    view.table.setFocus()
    with qtbot.waitSignal(view.order_opened, timeout=5000):
        qtbot.keyClick(view.table, Qt.Key.Key_F8)
    wait_idle(qtbot, view.context)
    assert view.opened.detail.number == seed_orders.not_served  # the first free order
    view.detail.postal_code_edit.setFocus()
    view.detail.postal_code_edit.setText("201108")
    with qtbot.waitSignal(view.outcome_shown, timeout=10_000) as outcome:
        qtbot.keyClick(view.detail.postal_code_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert outcome.args[0].state == "allocated"
    assert stored(orders_db, seed_orders.not_served).postal_code == "201108"


def test_correct_the_sku_in_the_lines_table_and_approve_while_still_typing(qtbot, make_context, orders_db,
                                                                          seed_orders):
    view = open_review(qtbot, make_context("super"))
    open_number(qtbot, view, seed_orders.unknown_sku)
    table, model = view.detail.lines_table, view.detail.lines_model
    view.activateWindow()
    table.setFocus()
    table.setCurrentIndex(model.index(0, model.COL_SKU))
    table.edit(model.index(0, model.COL_SKU))
    editor = table.findChild(QLineEdit, "reviewLineSkuEditor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "VEG-0001")
    assert view.detail.is_dirty() and view.save_button.isEnabled()  # the cell is still open
    with qtbot.waitSignal(view.outcome_shown, timeout=10_000) as outcome:
        view.approve_action.trigger()
    # the SKU is known now, and the shop's price (5.00) is not the catalogue's: a new finding, on the line
    assert outcome.args[0].state == "exception"
    assert [(f.rule, f.field) for f in outcome.args[0].reasons] == [("price", "line:1")]
    wait_idle(qtbot, view.context)
    assert model.problem_lines() == [1] and "catalogue price" in model.index(0, model.COL_PROBLEM).data()
    accept_price = view.detail.accept_boxes["price"]
    assert accept_price.isVisible() and not view.detail.accept_boxes["payment"].isVisible()
    accept_price.setChecked(True)
    with qtbot.waitSignal(view.outcome_shown, timeout=10_000) as outcome:
        view.approve_button.click()
    assert outcome.args[0].state == "allocated"
    order = stored(orders_db, seed_orders.unknown_sku)
    assert [(line.sku, line.quantity, line.product_id is not None) for line in order.lines] == [("VEG-0001", 2, True)]


def test_closing_the_window_with_unsaved_edits_asks_then_releases_the_order(qtbot, make_context, orders_db,
                                                                            seed_orders):
    from ui.main_window import MainWindow

    context = make_context("super")
    window = MainWindow(context, "review", change_feed=False)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    view = window.current_view()
    assert isinstance(view, ReviewView)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4 and not context.runner.busy, timeout=5000)
    open_number(qtbot, view, seed_orders.bad_phone)
    view.detail.phone_edit.setText("139 0000 0002")
    assert not window.close()  # refused while the question is open
    assert window.isVisible()
    box = view.unsaved_question()
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible() and view.detail.phone_edit.text() == "139 0000 0002"
    assert not window.close()
    view.unsaved_question().button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    context.runner.wait_idle()
    order = stored(orders_db, seed_orders.bad_phone)
    assert (order.phone, order.claimed_by) == ("12345", "")
