"""The orders browser: search, state filter, an order's lines, reservations and history; who sees which view."""

from __future__ import annotations

from app.permissions import Role
from app.services.orders import desk, queries
from ui.models.orders import OrderLineTableModel, ReservationTableModel, TimelineTableModel
from ui.views.orders_view import OrdersView
from ui.views.registry import resolve_station, views_for

from .conftest import actor, show, wait_idle


def open_orders(qtbot, context, rows: int = 5) -> OrdersView:
    view = show(qtbot, OrdersView(context))
    qtbot.waitUntil(lambda: view.model.rowCount() == rows and not context.runner.busy, timeout=5000)
    return view


def numbers(view: OrdersView) -> list[str]:
    return [row.number for row in view.model.rows()]


def search(qtbot, view: OrdersView, text: str, expected: list[str]) -> None:
    view.search_edit.setText(text)
    qtbot.waitUntil(lambda: numbers(view) == expected, timeout=5000)
    wait_idle(qtbot, view.context)


def test_orders_newest_first_with_state_filter(qtbot, make_context, seed_orders):
    view = open_orders(qtbot, make_context("cs"))
    assert view.objectName() == "ordersView"
    s = seed_orders
    assert numbers(view) == [s.unknown_sku, s.pending, s.not_served, s.bad_phone, s.good]
    assert view.count_label.text() == "5 order(s)"
    view.state_filter.setCurrentIndex(view.state_filter.findData("allocated"))
    qtbot.waitUntil(lambda: numbers(view) == [s.good], timeout=5000)
    view.state_filter.setCurrentIndex(view.state_filter.findData("exception"))
    qtbot.waitUntil(lambda: len(numbers(view)) == 4, timeout=5000)
    wait_idle(qtbot, view.context)


def test_search_by_number_shows_lines_reservations_and_history(qtbot, make_context, seed_orders):
    view = open_orders(qtbot, make_context("cs"))
    with qtbot.waitSignal(view.detail_shown, timeout=5000) as shown:
        search(qtbot, view, seed_orders.good, [seed_orders.good])  # the one order found opens
    detail = shown.args[0]
    assert detail.number == seed_orders.good and view.current_detail == detail
    assert view.fields["number"].text() == seed_orders.good
    assert view.fields["state"].text() == "Allocated"
    assert view.fields["phone"].text() == "+8613900000001"
    assert "申旺路 1号" in view.fields["address"].text() and "201108" in view.fields["address"].text()
    lines = view.lines_model
    assert lines.rowCount() == 1
    assert lines.index(0, OrderLineTableModel.COL_SKU).data() == "VEG-0001"
    assert lines.index(0, OrderLineTableModel.COL_RESERVED).data() == lines.index(0, OrderLineTableModel.COL_BASE) \
        .data() == "2"
    reservations = view.reservation_model
    assert reservations.rowCount() >= 1
    assert {reservations.index(r, ReservationTableModel.COL_WAREHOUSE).data()
            for r in range(reservations.rowCount())} == {"SH"}
    assert reservations.index(0, ReservationTableModel.COL_STATUS).data() == "Active"
    assert reservations.index(0, ReservationTableModel.COL_LOT).data()
    timeline = view.timeline_model
    assert timeline.index(0, TimelineTableModel.COL_ACTION).data() == "order.imported"
    assert timeline.index(0, TimelineTableModel.COL_TRANSITION).data() == "Received → Allocated"
    assert view.detail_tabs.tabText(2) == "History (1)"


def test_search_by_phone_customer_and_external_id(qtbot, make_context, seed_orders):
    view = open_orders(qtbot, make_context("super"))
    search(qtbot, view, "139 0000 0003", [seed_orders.not_served])
    search(qtbot, view, "13900000003", [seed_orders.not_served])
    search(qtbot, view, "Emma", [seed_orders.unknown_sku])
    search(qtbot, view, "W-4", [seed_orders.pending])
    search(qtbot, view, "no such order", [])
    assert view.current_detail is None and view.detail_placeholder.isVisible()


def test_detail_lists_the_review_findings_and_follows_other_stations(qtbot, make_context, second_station,
                                                                   seed_orders):
    view = open_orders(qtbot, make_context("cs"))
    search(qtbot, view, seed_orders.bad_phone, [seed_orders.bad_phone])
    qtbot.waitUntil(lambda: view.current_detail is not None)
    assert '"12345" is not a valid phone number' in view.fields["findings"].text()
    other = actor(second_station, "super")
    order = queries.get_order(second_station, other, number=seed_orders.bad_phone)
    desk.hold(second_station, other, order.id, "Waiting for the customer to call back")
    with qtbot.waitSignal(view.detail_shown, timeout=5000):
        view.context.notifier.changed.emit(frozenset({"orders"}))
    assert view.fields["state"].text() == "On hold — Waiting for the customer to call back"
    assert view.timeline_model.rowCount() == 2


def test_who_sees_the_order_views():
    assert [spec.view_id for spec in views_for(Role.PICKER) if spec.view_id in ("review", "orders")] == []
    assert [spec.view_id for spec in views_for(Role.PACKER) if spec.view_id in ("review", "orders")] == []
    for role in (Role.CS_REP, Role.SUPERVISOR, Role.ADMIN):
        assert [spec.view_id for spec in views_for(role) if spec.view_id in ("review", "orders")] == \
            ["review", "orders"]
    review = next(spec for spec in views_for(Role.SUPERVISOR) if spec.view_id == "review")
    assert review.display_title() == "Review queue"
    assert resolve_station("review", Role.CS_REP).spec.view_id == "review"
    assert resolve_station("orders", Role.SUPERVISOR).spec.view_id == "orders"
