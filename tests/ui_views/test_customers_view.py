"""The customers view: search, permissions, the customer dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from app.services import customers
from app.services.context import Actor
from app.services.customers import CustomerInput
from ui.dialogs.customer_dialog import CustomerDialog
from ui.models.customers import CustomerTableModel as C
from ui.views.customers_view import CustomersView

from .conftest import column_texts, show


def open_customers(qtbot, context, expected: int = 3) -> CustomersView:
    view = show(qtbot, CustomersView(context))
    qtbot.waitUntil(lambda: view.model.rowCount() == expected)
    return view


def test_customers_appear_sorted_by_name(qtbot, context):
    view = open_customers(qtbot, context)
    assert view.objectName() == "customersView"
    assert column_texts(view.model, C.COL_NAME) == ["Emma Thompson", "Han Meimei 韩梅梅", "Li Lei 李雷"]
    assert column_texts(view.model, C.COL_LANGUAGE)[0] == "English"


def test_search_by_phone_email_postal_code_and_name(qtbot, context):
    view = open_customers(qtbot, context)
    for term, expected in (("13900139", ["Han Meimei 韩梅梅"]), ("emma@", ["Emma Thompson"]),
                           ("2011", ["Li Lei 李雷"]), ("李", ["Li Lei 李雷"]), ("zzz", [])):
        view.search_edit.setText(term)
        qtbot.waitUntil(lambda expected=expected: column_texts(view.model, C.COL_NAME) == expected)


def test_picker_may_not_see_customers_and_is_told_so(qtbot, make_context):
    view = show(qtbot, CustomersView(make_context("picker")))
    qtbot.waitUntil(lambda: view.message_bar.isVisible())
    assert "may not view customers" in view.message_bar.text()
    assert view.model.rowCount() == 0
    assert view.findChild(QPushButton, "newCustomerButton").isHidden()


def test_packer_sees_but_cannot_edit(qtbot, make_context):
    view = open_customers(qtbot, make_context("packer"))
    assert view.new_button.isHidden() and view.edit_button.isHidden()
    view.table.selectRow(0)
    view.edit_customer()
    assert view.findChild(CustomerDialog) is None


def test_edit_customer_with_validation_then_save(qtbot, make_context, seed, database):
    view = open_customers(qtbot, make_context("cs"))
    view.table.selectRow(view.model.find_row(lambda r: r.name.startswith("Li Lei")))
    view.edit_button.click()
    dialog = view.findChild(CustomerDialog)
    dialog.email_edit.setText("not-an-email")
    dialog.city_edit.setText("Shanghai 上海")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.email_edit.property("invalid") is True)
    assert dialog.isVisible() and "not a valid e-mail" in dialog.message_bar.text()
    assert dialog.city_edit.text() == "Shanghai 上海"
    dialog.email_edit.setText("lilei@example.cn")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: "lilei@example.cn" in column_texts(view.model, C.COL_EMAIL))
    assert view.selected_customer().email == "lilei@example.cn"
    stored = customers.get_customer(database, Actor.system(), seed.customers["li"].id)
    assert (stored.email, stored.city, stored.version) == ("lilei@example.cn", "Shanghai 上海", 2)


def test_stale_customer_edit(qtbot, make_context, seed, other_database):
    view = open_customers(qtbot, make_context("cs"))
    view.table.selectRow(view.model.find_row(lambda r: r.name == "Emma Thompson"))
    view.edit_customer()
    dialog = view.findChild(CustomerDialog)
    emma = seed.customers["emma"]
    customers.save_customer(other_database, seed.actor("super"), CustomerInput(
        emma.name, emma.phone, "emma.t@example.net", emma.language, emma.address_line, emma.city,
        emma.postal_code), emma.id, emma.version)
    dialog.phone_edit.setText("+86 13700137001")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message_bar.action_button().isVisible())
    dialog.message_bar.action_button().click()
    assert dialog.email_edit.text() == "emma.t@example.net"


def test_new_customer_appears(qtbot, make_context, other_database, seed):
    view = open_customers(qtbot, make_context("super"))
    view.new_button.click()
    dialog = view.findChild(CustomerDialog)
    dialog.name_edit.setText("Wang Fang 王芳")
    dialog.phone_edit.setText("+86 13600136000")
    dialog.postal_code_edit.setText("100010")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    assert view.selected_customer().name == "Wang Fang 王芳"
    # and one from another station after a change notification
    customers.save_customer(other_database, seed.actor("admin"), CustomerInput("Zhou Xun"))
    view.context.notifier.changed.emit(frozenset({"customers"}))
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
