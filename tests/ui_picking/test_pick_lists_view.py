"""The supervisor's pick lists view: plan per order and in waves, cancel a list, release and take over a claim,
and the service's refusals shown without changing anything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from sqlalchemy import update

from app.models import PickList, utcnow
from app.permissions import Role
from app.services import warehouses
from app.services.orders.queries import get_order
from app.services.picking import planning, views
from tests.picking.conftest import APPLE_GTIN, Station, bin_code, order_draft, place_orders
from tests.qt_support import context_factory, show, wait_idle
from ui.views.pick_lists_view import WAREHOUSE_SETTING, PickListsView
from ui.views.registry import StationStatus, resolve_station, views_for


@pytest.fixture
def supervisor_context(qtbot, supervisor, picking_qsettings):
    """``supervisor_context()`` -> a ViewContext acting as the logged-in supervisor on their own connection."""
    factory = context_factory(lambda database, actor: actor)
    make = next(factory)
    yield lambda: make(supervisor.database, supervisor.actor)
    next(factory, None)


@pytest.fixture
def open_lists(qtbot, supervisor_context):
    """``open_lists()`` -> the pick lists view on screen, its warehouses and lists loaded."""

    def open_() -> PickListsView:
        view = PickListsView(supervisor_context())
        show(qtbot, view, size=(1280, 700))
        qtbot.waitUntil(lambda: view.warehouse() is not None, timeout=10_000)
        wait_idle(qtbot, view.context, timeout=10_000)
        return view

    return open_


def settle(qtbot, view: PickListsView) -> None:
    """Wait for the action, its reload and the reload its change notice asks for."""
    wait_idle(qtbot, view.context, timeout=10_000)
    qtbot.waitUntil(lambda: not view._refresh_timer.isActive(), timeout=5_000)
    wait_idle(qtbot, view.context, timeout=10_000)


def shown_rows(view: PickListsView) -> list:
    return view.model.rows()


def select(view: PickListsView, pick_list_id: int) -> None:
    assert view.select_list(pick_list_id)
    assert view.selected_list().id == pick_list_id


def confirm_reason(qtbot, dialog, reason: str) -> None:
    dialog.reason_edit.setText(reason)
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)


def test_the_warehouse_chosen_is_remembered(qtbot, db, system, shop, open_lists):
    other = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("BJ", "Beijing", "", ("100",), 2))
    view = open_lists()
    view.warehouse_combo.setCurrentIndex(view.warehouse_combo.findData(other.id))
    settle(qtbot, view)
    assert QSettings().value(WAREHOUSE_SETTING) == "BJ"
    assert open_lists().warehouse().code == "BJ"
    view.warehouse_combo.setCurrentIndex(view.warehouse_combo.findData(shop.warehouse.id))
    settle(qtbot, view)
    assert open_lists().warehouse().code == "SH"


def test_only_roles_that_plan_see_the_view():
    assert "pick_lists" not in [spec.view_id for spec in views_for(Role.PICKER)]
    assert "pick_lists" not in [spec.view_id for spec in views_for(Role.STOCK_CLERK)]
    assert "pick_lists" in [spec.view_id for spec in views_for(Role.SUPERVISOR)]
    assert resolve_station("pick_lists", Role.PICKER).status is StationStatus.FORBIDDEN
    assert resolve_station("pick_lists", Role.SUPERVISOR).status is StationStatus.OPEN


def test_plan_per_order_shows_one_list_per_order_with_its_counts(qtbot, db, system, shop, open_lists):
    first, second = place_orders(db, system, order_draft("pl-1", ("APL-1", 3), ("MLK-1", 2)),
                                 order_draft("pl-2", ("APL-1", 1)))
    view = open_lists()
    assert view.objectName() == "pickListsView" and view.model.rowCount() == 0
    assert view.warehouse_combo.currentText() == "SH" and view.state_filter.currentData() == "active"
    assert not view.cancel_button.isEnabled() and not view.release_button.isEnabled()

    qtbot.mouseClick(view.plan_orders_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)

    rows = shown_rows(view)
    assert [(row.kind, row.state, row.orders, row.tasks, row.open_tasks) for row in rows] == [
        ("order", "open", 1, 2, 2), ("order", "open", 1, 1, 1)]
    assert view.message_bar.kind() == "success" and "2 pick list" in view.message_bar.text()
    assert view.table.model().index(0, 0).data() == f"PL-{rows[0].id}"
    assert view.table.model().index(0, 3).data() == f"{shop.delivery.isoformat()} 09:00-12:00"
    assert {get_order(db, system, number=n).state for n in (first, second)} == {"picking"}
    select(view, rows[1].id)
    assert view.cancel_button.isEnabled() and not view.release_button.isEnabled()

    # nothing left to plan: said so, nothing changes
    qtbot.mouseClick(view.plan_orders_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert view.message_bar.kind() == "info" and len(shown_rows(view)) == 2


def test_plan_a_wave_for_a_delivery_date_and_slot(qtbot, db, system, shop, open_lists):
    morning = place_orders(db, system, order_draft("wv-1", ("APL-1", 2), ("MLK-1", 1)),
                           order_draft("wv-2", ("MLK-1", 1)))
    [afternoon] = place_orders(db, system, order_draft("wv-3", ("APL-1", 1), slot="14:00-18:00"))
    view = open_lists()

    dialog = view.plan_wave()
    dialog.date_edit.setDate(QDate(shop.delivery.year, shop.delivery.month, shop.delivery.day))
    assert dialog.slot_combo.itemText(0) == "09:00-12:00"  # the shop's slots are offered
    dialog.slot_combo.setCurrentText("09:00-12:00")
    qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)

    rows = shown_rows(view)
    assert [(row.kind, row.temperature_class, row.delivery_slot, row.orders, row.tasks) for row in rows] == [
        ("wave", "chilled", "09:00-12:00", 2, 2), ("wave", "ambient", "09:00-12:00", 1, 1)]
    assert view.message_bar.kind() == "success"
    assert {get_order(db, system, number=n).state for n in morning} == {"picking"}
    assert get_order(db, system, number=afternoon).state == "allocated"


def test_cancel_a_list_with_a_reason_puts_its_orders_back(qtbot, db, system, shop, supervisor, open_lists):
    [number] = place_orders(db, system, order_draft("cx-1", ("APL-1", 2)))
    [planned] = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    view = open_lists()
    select(view, planned.id)

    dialog = view.cancel_list()
    assert not dialog.action_button.isEnabled()  # no reason yet
    confirm_reason(qtbot, dialog, "Planned by mistake")
    settle(qtbot, view)

    assert view.message_bar.kind() == "success" and f"PL-{planned.id}" in view.message_bar.text()
    assert shown_rows(view) == []
    assert get_order(db, system, number=number).state == "allocated"
    view.state_filter.setCurrentIndex(view.state_filter.findData("cancelled"))
    settle(qtbot, view)
    assert [(row.id, row.state) for row in shown_rows(view)] == [(planned.id, "cancelled")]
    assert view.table.model().index(0, 2).data() == "cancelled"


def test_cancelling_a_list_with_picks_shows_the_refusal_and_changes_nothing(qtbot, db, system, shop, supervisor,
                                                                            picker, open_lists):
    [number] = place_orders(db, system, order_draft("cx-2", ("APL-1", 3)))
    [planned] = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    station = Station(picker.database, picker.actor)
    station.take_next(shop.warehouse.id)
    station.scan(bin_code("SH-A-01"))
    station.scan(APPLE_GTIN)  # one of three apples: the task is still open
    view = open_lists()
    select(view, planned.id)
    assert view.selected_list().state == "claimed" and view.cancel_button.isEnabled()

    confirm_reason(qtbot, view.cancel_list(), "Customer called")
    settle(qtbot, view)

    assert view.message_bar.kind() == "error" and "picked already" in view.message_bar.text()
    assert [(row.id, row.state) for row in shown_rows(view)] == [(planned.id, "claimed")]
    assert get_order(db, system, number=number).state == "picking"
    assert view.plan_orders_button.isEnabled()  # the view is usable again


def test_release_waits_for_the_claim_to_expire_then_take_over(qtbot, db, system, shop, supervisor, picker,
                                                              open_lists):
    place_orders(db, system, order_draft("to-1", ("APL-1", 1)))
    [planned] = planning.plan_order_lists(supervisor.database, supervisor.actor, shop.warehouse.id)
    Station(picker.database, picker.actor).take_next(shop.warehouse.id)
    view = open_lists()
    select(view, planned.id)
    assert view.release_button.isEnabled() and view.take_over_button.isEnabled()

    # the picker is still at it: the service refuses, the list stays theirs
    confirm_reason(qtbot, view.release(), "Station crashed")
    settle(qtbot, view)
    assert view.message_bar.kind() == "error" and "still picking" in view.message_bar.text()
    assert shown_rows(view)[0].claimed_by == picker.actor.username

    db.transaction(lambda session: session.execute(
        update(PickList).where(PickList.id == planned.id).values(claimed_until=utcnow() - timedelta(minutes=1))))
    view.refresh()
    settle(qtbot, view)
    select(view, planned.id)
    confirm_reason(qtbot, view.take_over(), "Picker left")
    settle(qtbot, view)
    assert view.message_bar.kind() == "success"
    [row] = views.pick_lists(db, system, shop.warehouse.id)
    assert (row.state, row.claimed_by) == ("claimed", supervisor.actor.username)
    assert shown_rows(view)[0].claimed_by == supervisor.actor.username
