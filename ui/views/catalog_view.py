"""The catalogue: products (search, filter, edit) and their categories."""

from __future__ import annotations


from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView, QTabWidget, QVBoxLayout,
    QWidget,
)

from app.permissions import Action
from app.services import catalog
from app.services.catalog import CategoryRow, ProductRow
from ui.context import ViewContext
from ui.dialogs.category_dialog import CategoryDialog
from ui.dialogs.product_dialog import ProductDialog
from ui.models.catalog import CategoryTableModel, ProductTableModel
from ui.views.view_support import RefreshingView, debounced_search
from ui.widgets.message_bar import MessageBar
from ui.widgets.tables import add_edit_action, configure_table, replace_rows, selected_row

CATALOG_TABLES = frozenset({"products", "categories", "product_gtins", "product_substitutes"})
#: what a product save touches (the audit tab listens for audit_log)
PRODUCT_SAVE_TABLES = ("products", "product_gtins", "product_substitutes", "audit_log")


class CatalogView(RefreshingView):
    TABLES = CATALOG_TABLES

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("catalogView")
        self.can_edit = context.can(Action.CATALOG_EDIT)
        self._categories: list[CategoryRow] = []
        self._select_product_id: int | None = None
        self._select_category_id: int | None = None
        self._load_error = False
        self._keys = (f"catalog:{id(self)}:products", f"catalog:{id(self)}:categories")

        self.message_bar = MessageBar(self, "catalogMessage")

        # -- products tab -------------------------------------------------------
        self.search_edit = QLineEdit(objectName="productSearch")
        self.search_edit.setPlaceholderText(self.tr("Search SKU, name or GTIN"))
        self.search_edit.setClearButtonEnabled(True)
        self.category_filter = QComboBox(objectName="categoryFilter")
        self.category_filter.addItem(self.tr("All categories"), None)
        self.category_filter.setMinimumContentsLength(16)
        self.category_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.include_inactive = QCheckBox(self.tr("Include inactive"), objectName="includeInactive")
        self.count_label = QLabel(objectName="productCount")
        self.new_product_button = QPushButton(self.tr("New product…"), objectName="newProductButton")
        self.edit_product_button = QPushButton(self.tr("Edit product…"), objectName="editProductButton")
        for button in (self.new_product_button, self.edit_product_button):
            button.setVisible(self.can_edit)

        self.product_model = ProductTableModel(self)
        self.product_table = QTableView(objectName="productTable")
        configure_table(self.product_table, self.product_model, stretch=ProductTableModel.COL_NAME_EN,
                        min_stretch_width=200, widths={
            ProductTableModel.COL_SKU: "VEG-0000",
            ProductTableModel.COL_NAME_ZH: "布里欧修面包",
            ProductTableModel.COL_CATEGORY: "Meat & Poultry",
            ProductTableModel.COL_TEMPERATURE: "Ambient",
            ProductTableModel.COL_UNIT: "By weight",
            ProductTableModel.COL_PRICE: "¥888.88/kg",
            ProductTableModel.COL_GTINS: "6901234567892 +1",
        })

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 2)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.include_inactive)
        filters.addStretch(0)
        filters.addWidget(self.count_label)
        filters.addSpacing(12)
        filters.addWidget(self.new_product_button)
        filters.addWidget(self.edit_product_button)
        products_page = QWidget(objectName="productsPage")
        layout = QVBoxLayout(products_page)
        layout.addLayout(filters)
        layout.addWidget(self.product_table, 1)

        # -- categories tab ---------------------------------------------------------
        self.category_model = CategoryTableModel(self)
        self.category_table = QTableView(objectName="categoryTable")
        configure_table(self.category_table, self.category_model, stretch=CategoryTableModel.COL_NAME_EN, widths={
            CategoryTableModel.COL_CODE: "vegetables-xx",
            CategoryTableModel.COL_NAME_ZH: "水产海鲜水产",
            CategoryTableModel.COL_TEMPERATURE: "Ambient",
        })
        self.new_category_button = QPushButton(self.tr("New category…"), objectName="newCategoryButton")
        self.edit_category_button = QPushButton(self.tr("Edit category…"), objectName="editCategoryButton")
        for button in (self.new_category_button, self.edit_category_button):
            button.setVisible(self.can_edit)
        category_buttons = QHBoxLayout()
        category_buttons.addStretch(1)
        category_buttons.addWidget(self.new_category_button)
        category_buttons.addWidget(self.edit_category_button)
        categories_page = QWidget(objectName="categoriesPage")
        layout = QVBoxLayout(categories_page)
        layout.addLayout(category_buttons)
        layout.addWidget(self.category_table, 1)

        self.tabs = QTabWidget(objectName="catalogTabs")
        self.tabs.addTab(products_page, self.tr("Products"))
        self.tabs.addTab(categories_page, self.tr("Categories"))
        self.tabs.setDocumentMode(True)

        outer = QVBoxLayout(self)
        outer.addWidget(self.message_bar)
        outer.addWidget(self.tabs, 1)

        # -- behaviour -----------------------------------------------------------------
        self._search_timer = debounced_search(self, self.search_edit, self.load_products)
        self.category_filter.currentIndexChanged.connect(lambda _i: self.load_products())
        self.include_inactive.toggled.connect(lambda _on: self.load_products())
        self.new_product_button.clicked.connect(self.new_product)
        self.edit_product_button.clicked.connect(self.edit_product)
        self.new_category_button.clicked.connect(self.new_category)
        self.edit_category_button.clicked.connect(self.edit_category)
        add_edit_action(self.product_table, self.edit_product)
        add_edit_action(self.category_table, self.edit_category)
        self.product_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.category_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.product_model.modelReset.connect(self._update_buttons)
        self.category_model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------
    def _load(self) -> None:
        self.load_categories()
        self.load_products()

    def load_products(self) -> None:
        self._search_timer.stop()
        db, actor = self.context.database, self.context.actor
        search = self.search_edit.text()
        category_id = self.category_filter.currentData()
        include_inactive = self.include_inactive.isChecked()
        self.count_label.setText(self.tr("Loading…"))
        self.run(lambda: catalog.list_products(db, actor, search, include_inactive=include_inactive,
                                               category_id=category_id),
                 self._products_loaded, self._load_failed, key=self._keys[0])

    def load_categories(self) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: catalog.list_categories(db, actor), self._categories_loaded, self._load_failed,
                 key=self._keys[1])

    def _products_loaded(self, rows: list[ProductRow]) -> None:
        replace_rows(self.product_table, self.product_model, rows, key=lambda r: r.id,
                     select_key=self._select_product_id)
        self._select_product_id = None
        self.count_label.setText(self.tr("%n product(s)", "", len(rows)))
        if self._load_error and self.message_bar.kind() == "error":
            self.message_bar.clear()
        self._load_error = False

    def _categories_loaded(self, rows: list[CategoryRow]) -> None:
        self._categories = list(rows)
        replace_rows(self.category_table, self.category_model, rows, key=lambda r: r.id,
                     select_key=self._select_category_id)
        self._select_category_id = None
        current = self.category_filter.currentData()
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem(self.tr("All categories"), None)
        for category in rows:
            self.category_filter.addItem(category.name_en, category.id)
        index = self.category_filter.findData(current)
        self.category_filter.setCurrentIndex(index if index >= 0 else 0)
        self.category_filter.blockSignals(False)
        if current is not None and index < 0:  # the filtered category disappeared
            self.load_products()

    def _load_failed(self, error: BaseException) -> None:
        self.count_label.setText("")
        self._show_error(error)
        self._load_error = True

    # -- editing ---------------------------------------------------------------------------
    def _update_buttons(self, *_args) -> None:
        self.edit_product_button.setEnabled(selected_row(self.product_table) is not None)
        self.edit_category_button.setEnabled(selected_row(self.category_table) is not None)

    def selected_product(self) -> ProductRow | None:
        return selected_row(self.product_table)

    def selected_category(self) -> CategoryRow | None:
        return selected_row(self.category_table)

    def new_product(self) -> None:
        if self.can_edit:
            self._open_product_dialog(None)

    def edit_product(self) -> None:
        product = self.selected_product()
        if self.can_edit and product is not None:
            self._open_product_dialog(product)

    def _open_product_dialog(self, product: ProductRow | None) -> ProductDialog:
        dialog = ProductDialog(self.context, self._categories, product, self)
        dialog.saved.connect(self._product_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _product_saved(self, row: ProductRow) -> None:
        self._select_product_id = row.id
        self.message_bar.show_success(self.tr("Saved product {sku}.").format(sku=row.sku))
        self.announce(*PRODUCT_SAVE_TABLES, "categories")

    def new_category(self) -> None:
        if self.can_edit:
            self._open_category_dialog(None)

    def edit_category(self) -> None:
        category = self.selected_category()
        if self.can_edit and category is not None:
            self._open_category_dialog(category)

    def _open_category_dialog(self, category: CategoryRow | None) -> CategoryDialog:
        dialog = CategoryDialog(self.context, category, self)
        dialog.saved.connect(self._category_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _category_saved(self, row: CategoryRow) -> None:
        self._select_category_id = row.id
        self.message_bar.show_success(self.tr("Saved category {code}.").format(code=row.code))
        self.announce("categories", "products", "audit_log")
