"""The catalogue view: loading, searching, permissions, the product dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableView

from app.services import catalog
from app.services.catalog import ProductInput
from app.services.context import Actor
from ui.dialogs.category_dialog import CategoryDialog
from ui.dialogs.product_dialog import ProductDialog
from ui.models.catalog import ProductTableModel as P
from ui.views.catalog_view import CatalogView

from .conftest import TOMATO_GTIN, bad_check_digit, column_texts, gtin13, show, wait_idle


def open_catalog(qtbot, context) -> CatalogView:
    view = show(qtbot, CatalogView(context))
    qtbot.waitUntil(lambda: view.product_model.rowCount() == 4)  # Bananas is inactive: hidden by default
    qtbot.waitUntil(lambda: view.category_model.rowCount() == 3)
    return view


def select_sku(qtbot, view: CatalogView, sku: str) -> None:
    row = view.product_model.find_row(lambda r: r.sku == sku)
    assert row >= 0, sku
    view.product_table.selectRow(row)
    assert view.selected_product().sku == sku


def open_product_dialog(qtbot, view: CatalogView, sku: str) -> ProductDialog:
    select_sku(qtbot, view, sku)
    view.product_table.setFocus()
    qtbot.keyClick(view.product_table, Qt.Key.Key_Return)  # Enter edits, like a double-click
    dialog = view.findChild(ProductDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_products_and_categories_appear_after_load(qtbot, context):
    view = open_catalog(qtbot, context)
    assert view.objectName() == "catalogView"
    assert view.findChild(QTableView, "productTable") is view.product_table
    assert view.findChild(QTableView, "categoryTable") is view.category_table
    model = view.product_model
    assert column_texts(model, P.COL_SKU) == ["FRU-0001", "SEA-0001", "VEG-0001", "VEG-0002"]
    by_sku = {model.index(r, P.COL_SKU).data(): r for r in range(model.rowCount())}
    tomato, salmon = by_sku["VEG-0001"], by_sku["SEA-0001"]
    assert model.index(tomato, P.COL_PRICE).data() == "¥8.90"
    assert model.index(salmon, P.COL_PRICE).data() == "¥89.90/kg"
    assert model.index(tomato, P.COL_NAME_ZH).data() == "樱桃番茄"
    assert model.index(tomato, P.COL_GTINS).data() == TOMATO_GTIN
    assert model.index(tomato, P.COL_CATEGORY).data() == "Vegetables"
    assert model.index(salmon, P.COL_UNIT).data() == "By weight"
    assert model.index(tomato, P.COL_MIN_REMAINING).data() == "3 d"
    assert view.count_label.text().startswith("4 ")
    counts = {view.category_model.row_at(r).code: view.category_model.row_at(r).product_count
              for r in range(3)}
    assert counts == {"fruit": 2, "seafood": 1, "vegetables": 2}


def test_search_filters_by_name_sku_and_gtin(qtbot, context):
    view = open_catalog(qtbot, context)
    qtbot.keyClicks(view.search_edit, "salmon")
    qtbot.waitUntil(lambda: column_texts(view.product_model, P.COL_SKU) == ["SEA-0001"])
    view.search_edit.setText("veg-")
    qtbot.waitUntil(lambda: column_texts(view.product_model, P.COL_SKU) == ["VEG-0001", "VEG-0002"])
    view.search_edit.setText(TOMATO_GTIN)
    qtbot.waitUntil(lambda: column_texts(view.product_model, P.COL_SKU) == ["VEG-0001"])
    view.search_edit.setText("番茄")
    qtbot.waitUntil(lambda: column_texts(view.product_model, P.COL_SKU) == ["VEG-0001"])
    view.search_edit.setText("no such thing")
    qtbot.waitUntil(lambda: view.product_model.rowCount() == 0)


def test_category_filter_and_include_inactive(qtbot, context, seed):
    view = open_catalog(qtbot, context)
    view.category_filter.setCurrentIndex(view.category_filter.findData(seed.categories["fruit"].id))
    qtbot.waitUntil(lambda: column_texts(view.product_model, P.COL_SKU) == ["FRU-0001"])
    view.include_inactive.setChecked(True)
    qtbot.waitUntil(lambda: column_texts(view.product_model, P.COL_SKU) == ["FRU-0001", "FRU-0002"])
    view.category_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.product_model.rowCount() == 5)


def test_typing_fast_runs_one_search(qtbot, context, monkeypatch):
    view = open_catalog(qtbot, context)
    wait_idle(qtbot, context)
    calls: list[str] = []
    original = catalog.list_products

    def counting(db, actor, search="", **kwargs):
        calls.append(search)
        return original(db, actor, search, **kwargs)

    monkeypatch.setattr(catalog, "list_products", counting)
    qtbot.keyClicks(view.search_edit, "apple")
    qtbot.waitUntil(lambda: column_texts(view.product_model, P.COL_SKU) == ["FRU-0001"])
    assert calls == ["apple"]


def test_picker_sees_no_edit_buttons_supervisor_does(qtbot, make_context):
    picker_view = open_catalog(qtbot, make_context("picker"))
    names = ("newProductButton", "editProductButton", "newCategoryButton", "editCategoryButton")
    for name in names:
        assert picker_view.findChild(QPushButton, name).isHidden(), name
    select_sku(qtbot, picker_view, "VEG-0001")
    qtbot.keyClick(picker_view.product_table, Qt.Key.Key_Return)
    picker_view.product_table.doubleClicked.emit(picker_view.product_model.index(0, 0))
    assert picker_view.findChild(ProductDialog) is None

    super_view = open_catalog(qtbot, make_context("super"))
    for name in names:
        assert not super_view.findChild(QPushButton, name).isHidden(), name
    assert not super_view.edit_product_button.isEnabled()  # nothing selected yet
    select_sku(qtbot, super_view, "VEG-0001")
    assert super_view.edit_product_button.isEnabled()


def test_editing_a_product_saves_and_updates_the_table(qtbot, context, seed, database):
    view = open_catalog(qtbot, context)
    dialog = open_product_dialog(qtbot, view, "VEG-0001")
    assert dialog.sku_edit.text() == "VEG-0001"
    assert dialog.price_edit.text() == "8.90"
    dialog.name_en_edit.setText("Cherry tomatoes on the vine")
    dialog.price_edit.setText("19.99")
    dialog.gtins_edit.setPlainText(f"{TOMATO_GTIN}\n{gtin13('690123400099')}\n")
    dialog.substitutes_edit.setText("veg-0002")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    row = view.product_model.find_row(lambda r: r.sku == "VEG-0001")
    qtbot.waitUntil(lambda: view.product_model.index(
        view.product_model.find_row(lambda r: r.sku == "VEG-0001"), P.COL_NAME_EN).data()
        == "Cherry tomatoes on the vine")
    row = view.product_model.find_row(lambda r: r.sku == "VEG-0001")
    assert view.product_model.index(row, P.COL_PRICE).data() == "¥19.99"
    assert view.selected_product().sku == "VEG-0001"  # the saved row stays selected
    saved = catalog.get_product(database, Actor.system(), seed.products["VEG-0001"].id)
    assert saved.price_cents == 1999
    assert saved.gtins == (TOMATO_GTIN, gtin13("690123400099"))
    assert saved.substitutes == ("VEG-0002",)
    assert saved.version == seed.products["VEG-0001"].version + 1
    assert "VEG-0001" in view.message_bar.text()


def test_new_weighed_product(qtbot, context, seed, database):
    view = open_catalog(qtbot, context)
    view.new_product_button.click()
    dialog = view.findChild(ProductDialog)
    dialog.sku_edit.setText("sea-0002")
    dialog.name_en_edit.setText("King prawns")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData(seed.categories["seafood"].id))
    assert dialog.temperature_combo.currentData() == "chilled"  # from the category
    assert not dialog.tolerance_spin.isEnabled()
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("weighed"))
    assert dialog.tolerance_spin.isEnabled()
    assert "kg" in dialog.price_label.text()
    dialog.weight_spin.setValue(500)
    dialog.tolerance_spin.setValue(25)
    dialog.price_edit.setText("128.1")
    dialog.shelf_life_spin.setValue(3)
    dialog.min_remaining_spin.setValue(1)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: view.product_model.find_row(lambda r: r.sku == "SEA-0002") >= 0)
    row = view.product_model.index(view.product_model.find_row(lambda r: r.sku == "SEA-0002"), P.COL_PRICE)
    assert row.data() == "¥128.10/kg"
    saved = catalog.list_products(database, Actor.system(), "SEA-0002")[0]
    assert (saved.unit, saved.nominal_weight_g, saved.weight_tolerance_g, saved.price_cents) == \
        ("weighed", 500, 25, 12810)


def test_bad_gtin_check_digit_keeps_dialog_open_and_saves_nothing(qtbot, context, seed, database):
    view = open_catalog(qtbot, context)
    dialog = open_product_dialog(qtbot, view, "VEG-0001")
    wrong = bad_check_digit(gtin13("690123400077"))
    dialog.name_en_edit.setText("Renamed tomatoes")
    dialog.gtins_edit.setPlainText(f"{TOMATO_GTIN}\n{wrong}")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message_bar.isVisible())
    assert dialog.isVisible()
    assert dialog.gtins_edit.property("invalid") is True
    assert dialog.invalid_fields() == ["gtins", "gtin"]
    assert "check digit" in dialog.message_bar.text()
    assert wrong in dialog.message_bar.text()
    assert dialog.name_en_edit.text() == "Renamed tomatoes"  # what was typed is kept
    assert wrong in dialog.gtins_edit.toPlainText()
    wait_idle(qtbot, context)
    assert catalog.get_product(database, Actor.system(), seed.products["VEG-0001"].id) == seed.products["VEG-0001"]

    # fixing the field clears the highlight and saves
    dialog.gtins_edit.setPlainText(TOMATO_GTIN)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    assert dialog.gtins_edit.property("invalid") is False


def test_malformed_price_and_missing_name_are_highlighted(qtbot, context):
    view = open_catalog(qtbot, context)
    dialog = open_product_dialog(qtbot, view, "VEG-0001")
    dialog.price_edit.setText("")
    dialog.save_button.click()
    assert dialog.price_edit.property("invalid") is True
    assert dialog.isVisible()
    dialog.price_edit.setText("3.5")
    dialog.name_en_edit.setText("  ")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.name_en_edit.property("invalid") is True)
    assert dialog.price_edit.property("invalid") is False
    assert "English name" in dialog.message_bar.text()


def test_stale_edit_reports_conflict_and_offers_reload(qtbot, context, seed, other_database):
    view = open_catalog(qtbot, context)
    dialog = open_product_dialog(qtbot, view, "VEG-0001")
    # meanwhile another station changes the same product
    original = seed.products["VEG-0001"]
    other = seed.actor("admin", station="office")
    fields = {k: getattr(original, k) for k in ProductInput.__dataclass_fields__}
    catalog.save_product(other_database, other, ProductInput(**fields | {"price_cents": 999}), original.id,
                         original.version)

    dialog.name_en_edit.setText("My tomatoes")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message_bar.isVisible())
    assert dialog.isVisible()
    assert "Someone else changed this record" in dialog.message_bar.text()
    reload_button = dialog.message_bar.action_button()
    assert reload_button.isVisible() and reload_button.text() == "Reload"
    assert dialog.name_en_edit.text() == "My tomatoes"  # nothing lost until the user reloads

    reload_button.click()
    assert dialog.price_edit.text() == "9.99"  # the other station's version
    assert dialog.name_en_edit.text() == original.name_en
    dialog.name_en_edit.setText("My tomatoes")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    saved = dialog.saved_row
    assert (saved.name_en, saved.price_cents) == ("My tomatoes", 999)


def test_duplicate_sku_is_a_conflict_without_reload(qtbot, context):
    view = open_catalog(qtbot, context)
    dialog = open_product_dialog(qtbot, view, "VEG-0001")
    dialog.sku_edit.setText("VEG-0002")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message_bar.isVisible())
    assert "already exists" in dialog.message_bar.text()
    assert not dialog.message_bar.action_button().isVisible()


def test_change_by_another_station_shows_after_notification(qtbot, context, seed, other_database):
    view = open_catalog(qtbot, context)
    select_sku(qtbot, view, "VEG-0002")
    other = seed.actor("admin", station="office")
    catalog.save_product(other_database, other, ProductInput(
        "ABC-0001", "Asparagus", seed.categories["vegetables"].id, "chilled", 5, 2500))
    view.context.notifier.changed.emit(frozenset({"*"}))
    qtbot.waitUntil(lambda: view.product_model.rowCount() == 5)
    assert view.selected_product().sku == "VEG-0002"  # the selection is kept by id


def test_notifications_are_debounced_and_filtered(qtbot, context, monkeypatch):
    view = open_catalog(qtbot, context)
    wait_idle(qtbot, context)
    calls: list[str] = []
    original = catalog.list_products

    def counting(db, actor, search="", **kwargs):
        calls.append(search)
        return original(db, actor, search, **kwargs)

    monkeypatch.setattr(catalog, "list_products", counting)
    view.context.notifier.changed.emit(frozenset({"customers"}))
    qtbot.wait(400)
    assert calls == []  # not a catalogue table
    for _ in range(5):
        view.context.notifier.changed.emit(frozenset({"products"}))
    qtbot.wait(400)
    wait_idle(qtbot, context)
    assert len(calls) == 1


def test_hidden_view_reloads_when_shown(qtbot, context, seed, other_database, monkeypatch):
    view = open_catalog(qtbot, context)
    view.hide()
    catalog.save_product(other_database, seed.actor("admin"), ProductInput(
        "ABC-0002", "Leeks", seed.categories["vegetables"].id, "chilled", 5, 900))
    context.notifier.changed.emit(frozenset({"*"}))
    qtbot.wait(400)
    assert view.is_stale() and view.product_model.rowCount() == 4
    view.show()
    qtbot.waitUntil(lambda: view.product_model.rowCount() == 5)


def test_category_dialog_creates_and_validates(qtbot, context):
    view = open_catalog(qtbot, context)
    view.tabs.setCurrentIndex(1)
    view.new_category_button.click()
    dialog = view.findChild(CategoryDialog)
    dialog.code_edit.setText("dairy products!")
    dialog.name_en_edit.setText("Dairy")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.code_edit.property("invalid") is True)
    dialog.code_edit.setText("dairy")
    dialog.temperature_combo.setCurrentIndex(dialog.temperature_combo.findData("chilled"))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: view.category_model.rowCount() == 4)
    assert view.selected_category().code == "dairy"
    qtbot.waitUntil(lambda: view.category_filter.findText("Dairy") > 0)


def test_permission_error_is_shown_not_raised(qtbot, make_context, monkeypatch):
    from app.errors import DatabaseUnavailable

    def unavailable(*_args, **_kwargs):
        raise DatabaseUnavailable("The database at sqlite:///x cannot be reached.")

    monkeypatch.setattr(catalog, "list_products", unavailable)
    view = show(qtbot, CatalogView(make_context("super")))
    qtbot.waitUntil(lambda: view.message_bar.isVisible())
    assert view.message_bar.kind() == "error"
    assert "cannot be reached" in view.message_bar.text()


def test_a_slow_older_search_never_overwrites_a_newer_one(qtbot, context, monkeypatch):
    import time

    view = open_catalog(qtbot, context)
    wait_idle(qtbot, context)
    original = catalog.list_products

    def slow_for_tomatoes(db, actor, search="", **kwargs):
        if search == "tomato":
            time.sleep(0.6)
        return original(db, actor, search, **kwargs)

    monkeypatch.setattr(catalog, "list_products", slow_for_tomatoes)
    view.search_edit.setText("tomato")
    view.load_products()  # Enter: search now; the slow request is under way
    view.search_edit.setText("apple")
    view.load_products()
    qtbot.waitUntil(lambda: column_texts(view.product_model, P.COL_SKU) == ["FRU-0001"])
    wait_idle(qtbot, context)  # the tomato result arrives afterwards ...
    qtbot.wait(50)
    assert column_texts(view.product_model, P.COL_SKU) == ["FRU-0001"]  # ... and is dropped


def test_category_column_follows_the_ui_language():
    from types import SimpleNamespace

    from app import i18n
    from ui.models.catalog import category_title

    row = SimpleNamespace(category_name="Vegetables", category_name_zh="蔬菜")
    try:
        i18n.set_language("zh_CN")
        assert category_title(row) == "蔬菜"
        i18n.set_language("en")
        assert category_title(row) == "Vegetables"
    finally:
        i18n.set_language("en")
