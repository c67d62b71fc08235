"""The admin view: warehouses and bins, users, the audit log; tabs per role."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from app.services import users, warehouses
from app.services.context import Actor
from app.services.warehouses import BinInput
from ui.dialogs.user_dialog import UserDialog
from ui.dialogs.warehouse_dialog import BinDialog, WarehouseDialog
from ui.models.admin import AuditTableModel as A
from ui.models.admin import BinTableModel as B
from ui.models.admin import WarehouseTableModel as W
from ui.views.admin_view import AdminView

from .conftest import column_texts, show


def tab_titles(view: AdminView) -> list[str]:
    return [view.tabs.tabText(i) for i in range(view.tabs.count())]


def open_admin(qtbot, context) -> AdminView:
    view = show(qtbot, AdminView(context))
    assert view.objectName() == "adminView"
    return view


def test_tabs_follow_permissions(qtbot, make_context):
    assert tab_titles(open_admin(qtbot, make_context("admin"))) == ["Warehouses", "Users", "Audit log"]
    assert tab_titles(open_admin(qtbot, make_context("super"))) == ["Warehouses", "Users", "Audit log"]
    assert tab_titles(open_admin(qtbot, make_context("cs"))) == ["Warehouses", "Audit log"]
    picker = open_admin(qtbot, make_context("picker"))
    assert tab_titles(picker) == ["Warehouses"]
    panel = picker.warehouses_panel
    qtbot.waitUntil(lambda: panel.warehouse_model.rowCount() == 2)
    for name in ("newWarehouseButton", "editWarehouseButton", "newBinButton", "editBinButton"):
        assert panel.findChild(QPushButton, name).isHidden()


def test_warehouses_with_regions_and_bins_in_pick_order(qtbot, make_context):
    view = open_admin(qtbot, make_context("admin"))
    panel = view.warehouses_panel
    qtbot.waitUntil(lambda: panel.warehouse_model.rowCount() == 2)
    assert column_texts(panel.warehouse_model, W.COL_CODE) == ["SH", "BJ"]  # by fallback rank
    assert column_texts(panel.warehouse_model, W.COL_REGIONS) == ["200, 201", "100"]
    assert column_texts(panel.warehouse_model, W.COL_BINS) == ["3", "1"]
    assert panel.selected_warehouse().code == "SH"  # the first is selected so its bins show
    qtbot.waitUntil(lambda: panel.bin_model.rowCount() == 3)
    assert column_texts(panel.bin_model, B.COL_CODE) == ["SH-AMB-A01-01", "SH-AMB-A01-02", "SH-CHL-A01-02"]
    panel.warehouse_table.selectRow(1)
    qtbot.waitUntil(lambda: column_texts(panel.bin_model, B.COL_CODE) == ["BJ-AMB-A01-01"])


def test_edit_warehouse_and_add_bin(qtbot, make_context, database, seed):
    view = open_admin(qtbot, make_context("admin"))
    panel = view.warehouses_panel
    qtbot.waitUntil(lambda: panel.bin_model.rowCount() == 3)
    panel.edit_warehouse_button.click()
    dialog = panel.findChild(WarehouseDialog)
    assert dialog.prefixes_edit.text() == "200, 201"
    dialog.prefixes_edit.setText("200, 201, 21x!")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.prefixes_edit.property("invalid") is True)
    dialog.prefixes_edit.setText("200，201, 215")  # a full-width comma is fine too
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: column_texts(panel.warehouse_model, W.COL_REGIONS)[0] == "200, 201, 215")

    qtbot.waitUntil(lambda: panel.new_bin_button.isEnabled())
    panel.new_bin_button.click()
    bin_dialog = panel.findChild(BinDialog)
    assert bin_dialog.sequence_spin.value() == 40  # after the last bin on the path
    bin_dialog.code_edit.setText("sh-frz-a01-01")
    bin_dialog.zone_combo.setCurrentText("FRZ")
    with qtbot.waitSignal(bin_dialog.saved, timeout=5000):
        bin_dialog.save_button.click()
    qtbot.waitUntil(lambda: panel.bin_model.rowCount() == 4)
    assert column_texts(panel.bin_model, B.COL_CODE)[-1] == "SH-FRZ-A01-01"
    assert panel.selected_bin().code == "SH-FRZ-A01-01"
    qtbot.waitUntil(lambda: column_texts(panel.warehouse_model, W.COL_BINS)[0] == "4")
    assert [b.code for b in warehouses.list_bins(database, Actor.system(), seed.warehouses["SH"].id)][-1] \
        == "SH-FRZ-A01-01"


def test_bin_added_elsewhere_shows_after_notification(qtbot, make_context, seed, other_database):
    view = open_admin(qtbot, make_context("super"))
    panel = view.warehouses_panel
    qtbot.waitUntil(lambda: panel.bin_model.rowCount() == 3)
    warehouses.save_bin(other_database, seed.actor("admin"), BinInput(seed.warehouses["SH"].id, "SH-AMB-A00-01",
                                                                     "AMB", 5))
    view.warehouses_panel.context.notifier.changed.emit(frozenset({"*"}))
    qtbot.waitUntil(lambda: panel.bin_model.rowCount() == 4)
    assert column_texts(panel.bin_model, B.COL_CODE)[0] == "SH-AMB-A00-01"


def test_supervisor_sees_users_but_cannot_manage(qtbot, make_context):
    view = open_admin(qtbot, make_context("super"))
    view.show_tab(view.users_panel)
    qtbot.waitUntil(lambda: view.users_panel.model.rowCount() == 5)
    assert view.users_panel.new_button.isHidden() and view.users_panel.edit_button.isHidden()


def test_create_user_password_twice(qtbot, make_context, database):
    view = open_admin(qtbot, make_context("admin"))
    panel = view.users_panel
    view.show_tab(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5)
    panel.new_button.click()
    dialog = panel.findChild(UserDialog)
    dialog.username_edit.setText("zhangwei")
    dialog.full_name_edit.setText("Zhang Wei 张伟")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("qc_inspector"))
    dialog.password_edit.setText("long-enough-1")
    dialog.confirm_edit.setText("long-enough-2")
    dialog.save_button.click()
    assert dialog.confirm_edit.property("invalid") is True and dialog.isVisible()
    dialog.password_edit.setText("short")
    dialog.confirm_edit.setText("short")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.password_edit.property("invalid") is True)
    assert "at least 8" in dialog.message_bar.text()
    dialog.password_edit.setText("long-enough-1")
    dialog.confirm_edit.setText("long-enough-1")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 6)
    assert panel.selected_user().username == "zhangwei"
    result = users.login(database, "zhangwei", "long-enough-1")
    assert result.actor.role == "qc_inspector"


def test_edit_user_role_active_and_password(qtbot, make_context, database, seed):
    view = open_admin(qtbot, make_context("admin"))
    panel = view.users_panel
    view.show_tab(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5)
    panel.table.selectRow(panel.model.find_row(lambda r: r.username == "packer"))
    panel.edit_button.click()
    dialog = panel.findChild(UserDialog)
    assert not dialog.password_group.isChecked()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("stock_clerk"))
    dialog.password_group.setChecked(True)
    dialog.password_edit.setText("new-password-9")
    dialog.confirm_edit.setText("new-password-9")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    assert users.login(database, "packer", "new-password-9").actor.role == "stock_clerk"
    qtbot.waitUntil(lambda: panel.selected_user() is not None and panel.selected_user().role == "stock_clerk")
    assert panel.selected_user().username == "packer"


def test_admin_cannot_disable_self(qtbot, make_context):
    view = open_admin(qtbot, make_context("admin"))
    panel = view.users_panel
    view.show_tab(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5)
    panel.table.selectRow(panel.model.find_row(lambda r: r.username == "admin"))
    panel.edit_user()
    dialog = panel.findChild(UserDialog)
    dialog.active_check.setChecked(False)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message_bar.isVisible())
    assert "cannot disable yourself" in dialog.message_bar.text()
    assert dialog.isVisible()


def test_audit_tab_lists_entries_newest_first_and_searches(qtbot, make_context):
    view = open_admin(qtbot, make_context("super"))
    panel = view.audit_panel
    view.show_tab(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    rows = panel.model.rows()
    assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)
    actions = column_texts(panel.model, A.COL_ACTION)
    assert actions[0] == "customer.created" and actions[-1] == "user.created"
    assert {"product.created", "warehouse.created", "bin.created"} <= set(actions)
    first = panel.model.index(0, A.COL_TIME).data()
    assert len(first) == 19 and first[4] == "-"  # local "YYYY-MM-DD HH:MM:SS"
    assert panel.model.index(0, A.COL_DB_USER).data() == "sqlite"
    salmon = panel.model.find_row(lambda r: r.entity_id == "SEA-0001")
    assert "sku: SEA-0001" in panel.model.index(salmon, A.COL_DETAILS).data()
    assert panel.model.index(salmon, A.COL_ENTITY).data() == "product SEA-0001"
    qtbot.keyClicks(panel.search_edit, "warehouse.")
    qtbot.waitUntil(lambda: column_texts(panel.model, A.COL_ACTION) == ["warehouse.created"] * 2)


def test_audit_tab_shows_a_save_made_in_another_view(qtbot, make_context, seed):
    from ui.views.catalog_view import CatalogView

    context = make_context("admin")
    admin = open_admin(qtbot, context)
    admin.show_tab(admin.audit_panel)
    qtbot.waitUntil(lambda: admin.audit_panel.model.rowCount() > 0)
    before = admin.audit_panel.model.rowCount()
    catalog_view = show(qtbot, CatalogView(context))
    qtbot.waitUntil(lambda: catalog_view.product_model.rowCount() == 4)
    catalog_view.new_category_button.click()
    from ui.dialogs.category_dialog import CategoryDialog

    dialog = catalog_view.findChild(CategoryDialog)
    dialog.code_edit.setText("herbs")
    dialog.name_en_edit.setText("Herbs")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: admin.audit_panel.model.rowCount() == before + 1)
    assert admin.audit_panel.model.index(0, A.COL_ACTION).data() == "category.created"

