"""Goods-in: the stock clerk receives a supplier's delivery, line by line, scanner first.

Scanning a supplier's GS1 label fills the product (by GTIN), the lot (AI 10),
the expiry (AI 17, or the best-before date of AI 15 when the label has no
expiry) and the quantity (net weight of AI 310n for goods sold by weight,
the count of AI 30 / 37 for pieces). A plain EAN-13 fills the product only; a
FreshFlow bin code (``B:…``) sets the putaway bin. A number typed into the
scan field is the quantity. Enter on the empty scan field (or "Receive")
books the line through ``app.services.stock.receiving.receive``.

The "Stock in bin" panel lists the lots in the bin last scanned and opens
the transfer, write-off and quarantine dialogs for the selected one.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QEvent, QObject, QSettings, QStringListModel, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QCompleter, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy,
    QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from app import clock
from app.barcodes import BarcodeError, ScanResult, parse_scan
from app.errors import NotFound, ValidationError
from app.permissions import Action
from app.services import catalog, warehouses
from app.services.catalog import ProductRow
from app.services.stock import queries, receiving
from app.services.stock.queries import QuantRow
from app.services.stock.receiving import ReceiptInput, ReceiptRow
from app.services.warehouses import BinRow, WarehouseRow
from ui.context import ViewContext
from ui.dialogs.stock_dialogs import AdjustDialog, QuarantineDialog, TransferDialog, WriteOffDialog, describe_result
from ui.models.goods_in import BinStockTableModel, ReceivedLineRow, ReceivedLineTableModel
from ui.quantities import (QuantityError, format_quantity, is_weighed, parse_quantity, quantity_error_message,
                           quantity_text)
from ui.results import error_text
from ui.scanning.feedback import FeedbackBanner, ScanFeedback
from ui.scanning.scan_field import ScanField
from ui.scanning.station_devices import connect_station_scans
from ui.views.view_support import RefreshingView
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.message_bar import MessageBar
from ui.widgets.warehouse_combo import fill_warehouse_combo
from ui.widgets.tables import configure_table, replace_rows, select_where, selected_row

#: tables whose change makes the goods-in data (warehouses, bins, products, bin stock) stale
GOODS_IN_TABLES = frozenset({"warehouses", "bins", "products", "product_gtins", "stock_quants", "lots"})
#: what a receipt touches (other views listen for these)
RECEIPT_TABLES = ("stock_quants", "stock_moves", "lots", "audit_log")
#: QSettings key of the warehouse this station receives into
WAREHOUSE_SETTING = "goodsIn/warehouse"

# A number typed into the scan field is a quantity: at most 7 digits, up to 3 decimals (kg).
# Barcodes are 8 digits or more, or carry a symbology identifier / letters, so they never match.
_QUANTITY_ENTRY = re.compile(r"^\d{1,7}([.,]\d{1,3})?$")
_INVALID_STYLE = '*[invalid="true"] { border: 2px solid #d32f2f; border-radius: 3px; background: #fff5f5; }'


class GoodsInView(RefreshingView):
    TABLES = GOODS_IN_TABLES

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("goodsInView")
        self.setProperty("station", True)  # large type, whether opened as a station or as a tab
        self._warehouses: list[WarehouseRow] = []
        self._bins: list[BinRow] = []
        self._bins_by_code: dict[str, BinRow] = {}
        self._bins_warehouse_id: int | None = None
        self._products: list[ProductRow] = []
        self._products_by_display: dict[str, ProductRow] = {}
        self._product: ProductRow | None = None
        self._pack_date: date | None = None
        self._receiving = False
        self._lookup_pending = False
        self._receive_after_lookup = False
        self._delivery_key: tuple[str, str] | None = None
        self._load_error = False
        self._keys = {name: f"goodsIn:{id(self)}:{name}"
                      for name in ("warehouses", "bins", "products", "gtin", "binStock")}

        self.message_bar = MessageBar(self, "goodsInMessage")

        # -- scan field and feedback ------------------------------------------------
        self.scan_field = ScanField(self)  # objectName "scanInput"
        self.scan_field.setPlaceholderText(self.tr("Scan a supplier label, a product or a bin (B:…); "
                                                   "type a quantity; Enter receives"))
        scan_font = QFont(self.scan_field.font())
        scan_font.setPointSize(18)
        self.scan_field.setFont(scan_font)
        self.scan_field.setMinimumHeight(48)
        # clicking a row of a list selects it and the scanner keeps typing into the scan field
        self.scan_field.focus_exempt_types = tuple(
            t for t in ScanField.focus_exempt_types if t is not QAbstractItemView)
        self.banner = FeedbackBanner(self, point_size=18)
        self.banner.setText(self.tr("Scan the first label of the delivery."))
        self.feedback = ScanFeedback(self.banner, parent=self, muted=context.settings.devices.sound_muted)

        # -- delivery ----------------------------------------------------------------------
        self.warehouse_combo = QComboBox(objectName="warehouseCombo")
        self.warehouse_combo.setMinimumContentsLength(14)
        self.warehouse_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.supplier_edit = QLineEdit(objectName="supplierEdit")
        self.supplier_edit.setMaxLength(120)
        self.supplier_edit.setPlaceholderText(self.tr("Supplier"))
        self.delivery_edit = QLineEdit(objectName="deliveryEdit")
        self.delivery_edit.setMaxLength(50)
        self.delivery_edit.setPlaceholderText(self.tr("Delivery note no."))
        self.new_delivery_button = QPushButton(self.tr("New delivery"), objectName="newDeliveryButton")
        self.new_delivery_button.setToolTip(self.tr("Clear the supplier, the delivery note and the list of "
                                                    "lines received"))

        # -- the line being received ------------------------------------------------------------
        self.product_edit = QLineEdit(objectName="productEdit")
        self.product_edit.setPlaceholderText(self.tr("Scan, or type SKU or name"))
        self.product_model = QStringListModel(self)
        self.product_completer = QCompleter(self.product_model, self)
        self.product_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.product_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.product_completer.setMaxVisibleItems(12)
        self.product_edit.setCompleter(self.product_completer)
        self.product_info = QLabel(objectName="productInfo")
        self.product_info.setTextFormat(Qt.TextFormat.PlainText)
        self.lot_edit = QLineEdit(objectName="lotEdit")
        self.lot_edit.setMaxLength(40)
        self.expiry_edit = OptionalDateEdit(objectName="expiryEdit")
        self.expiry_source = QLabel(objectName="expirySource")
        self.expiry_source.setTextFormat(Qt.TextFormat.PlainText)
        self.best_before_edit = OptionalDateEdit(objectName="bestBeforeEdit")
        self.best_before_edit.setToolTip(self.tr("Optional: the best-before date printed on the label"))
        self.quantity_edit = QLineEdit(objectName="quantityEdit")
        self.quantity_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.quantity_edit.setMaxLength(12)
        self.quantity_unit = QLabel(objectName="quantityUnit")
        self.quantity_unit.setMinimumWidth(self.quantity_unit.fontMetrics().horizontalAdvance("pcs") + 16)
        self.bin_edit = QLineEdit(objectName="binEdit")
        self.bin_edit.setPlaceholderText(self.tr("Scan or type the bin"))
        self.bin_model = QStringListModel(self)
        self.bin_completer = QCompleter(self.bin_model, self)
        self.bin_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.bin_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.bin_edit.setCompleter(self.bin_completer)
        self.receive_button = QPushButton(self.tr("Receive"), objectName="receiveButton")
        self.receive_button.setDefault(True)
        self.receive_button.setVisible(context.can(Action.STOCK_RECEIVE))
        self.clear_button = QPushButton(self.tr("Clear line"), objectName="clearLineButton")
        self._fields: dict[str, QWidget] = {
            "warehouse": self.warehouse_combo, "warehouse_id": self.warehouse_combo,
            "product": self.product_edit, "product_id": self.product_edit,
            "lot_number": self.lot_edit, "lot": self.lot_edit,
            "expiry_date": self.expiry_edit, "expiry": self.expiry_edit,
            "best_before": self.best_before_edit, "pack_date": self.expiry_edit,
            "quantity": self.quantity_edit, "bin": self.bin_edit, "bin_id": self.bin_edit,
            "supplier": self.supplier_edit, "delivery_reference": self.delivery_edit,
        }

        # -- lists ------------------------------------------------------------------------------
        self.received_model = ReceivedLineTableModel(self)
        self.received_table = QTableView(objectName="receivedTable")
        configure_table(self.received_table, self.received_model, stretch=ReceivedLineTableModel.COL_NAME,
                        min_stretch_width=110, widths={
            ReceivedLineTableModel.COL_SKU: "VEG-0000",
            ReceivedLineTableModel.COL_LOT: "SH261028C005",
            ReceivedLineTableModel.COL_EXPIRY: "2026-12-31",
            ReceivedLineTableModel.COL_QUANTITY: "12.345 kg",
            ReceivedLineTableModel.COL_BIN: "SH-CHL-A01-02-1",
        })
        self.received_count = QLabel(objectName="receivedCount")
        self.stock_panel = BinStockPanel(context, self)
        self.stock_panel.title_changed.connect(self._bin_panel_changed)

        self._build_layout()
        self._connect()
        self._set_product(None)

    # -- layout --------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        scan_row = QHBoxLayout()
        scan_label = QLabel(self.tr("Scan"))
        scan_label.setBuddy(self.scan_field)
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan_field, 1)

        delivery = QHBoxLayout()
        for text, widget, stretch in ((self.tr("Warehouse"), self.warehouse_combo, 0),
                                      (self.tr("Supplier"), self.supplier_edit, 2),
                                      (self.tr("Delivery note"), self.delivery_edit, 1)):
            label = QLabel(text)
            label.setBuddy(widget)
            delivery.addWidget(label)
            delivery.addWidget(widget, stretch)
            delivery.addSpacing(8)
        delivery.addWidget(self.new_delivery_button)

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(8)

        def label(text: str, buddy: QWidget) -> QLabel:
            widget = QLabel(text)
            widget.setBuddy(buddy)
            return widget

        form.addWidget(label(self.tr("Product"), self.product_edit), 0, 0)
        form.addWidget(self.product_edit, 0, 1, 1, 3)
        form.addWidget(self.product_info, 0, 4, 1, 4)
        form.addWidget(label(self.tr("Lot"), self.lot_edit), 1, 0)
        form.addWidget(self.lot_edit, 1, 1)
        form.addWidget(label(self.tr("Expiry"), self.expiry_edit), 1, 2)
        form.addWidget(self.expiry_edit, 1, 3)
        form.addWidget(self.expiry_source, 1, 4, 1, 2)
        form.addWidget(label(self.tr("Best before"), self.best_before_edit), 1, 6)
        form.addWidget(self.best_before_edit, 1, 7)
        form.addWidget(label(self.tr("Quantity"), self.quantity_edit), 2, 0)
        quantity = QHBoxLayout()
        quantity.setSpacing(6)
        quantity.addWidget(self.quantity_edit, 1)
        quantity.addWidget(self.quantity_unit)
        form.addLayout(quantity, 2, 1)
        form.addWidget(label(self.tr("Bin"), self.bin_edit), 2, 2)
        form.addWidget(self.bin_edit, 2, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.receive_button)
        form.addLayout(buttons, 2, 4, 1, 4)
        for column, stretch in ((1, 2), (3, 2), (5, 1), (7, 1)):
            form.setColumnStretch(column, stretch)
        line_box = QGroupBox(self.tr("Line"), objectName="lineBox")
        line_box.setLayout(form)

        received_page = QWidget(objectName="receivedPage")
        received_layout = QVBoxLayout(received_page)
        received_layout.addWidget(self.received_table, 1)
        received_layout.addWidget(self.received_count)
        # the delivery's lines and the scanned bin's stock share the lower half: side by side
        # neither fits on a 1366-pixel station screen
        self.lower_tabs = QTabWidget(objectName="goodsInTabs")
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(received_page, self.tr("Received this delivery"))
        self.lower_tabs.addTab(self.stock_panel, self.tr("Stock in bin"))

        outer = QVBoxLayout(self)
        outer.addWidget(self.message_bar)
        outer.addLayout(scan_row)
        outer.addWidget(self.banner)
        outer.addLayout(delivery)
        outer.addWidget(line_box)
        outer.addWidget(self.lower_tabs, 1)

    def _connect(self) -> None:
        connect_station_scans(self, self.context, self.scan_field, self.feedback, self.handle_scan,
                              self.tr("The same label was read twice; it counts once. Scan the next one."))
        for widget in (self.lot_edit, self.expiry_edit, self.best_before_edit, self.quantity_edit, self.bin_edit):
            widget.installEventFilter(self)  # Enter receives
        for edit in (self.supplier_edit, self.delivery_edit):
            edit.returnPressed.connect(self.scan_field.setFocus)
        self.warehouse_combo.currentIndexChanged.connect(self._warehouse_changed)
        self.product_completer.activated[str].connect(self._product_chosen)
        self.product_edit.textEdited.connect(self._product_text_edited)
        self.product_edit.returnPressed.connect(self._product_entered)
        self.bin_completer.activated[str].connect(lambda _text: self._bin_entered())
        self.bin_edit.editingFinished.connect(self._bin_entered)
        self.expiry_edit.dateChanged.connect(lambda _d: self._expiry_edited())
        self.receive_button.clicked.connect(self.receive)
        self.clear_button.clicked.connect(self.clear_line)
        self.new_delivery_button.clicked.connect(self.new_delivery)
        for widget in set(self._fields.values()):
            signal = getattr(widget, "textEdited", None) or getattr(widget, "dateChanged", None) \
                or getattr(widget, "currentIndexChanged", None)
            signal.connect(lambda *_args, w=widget: self._clear_highlight(w))

    # -- loading ---------------------------------------------------------------------------------
    def _load(self) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: warehouses.list_warehouses(db, actor), self._warehouses_loaded, self._load_failed,
                 key=self._keys["warehouses"])
        self.run(lambda: catalog.list_products(db, actor, include_inactive=False), self._products_loaded,
                 self._load_failed, key=self._keys["products"])
        self.stock_panel.refresh()

    def _warehouses_loaded(self, rows: list[WarehouseRow]) -> None:
        self._warehouses = [w for w in rows if w.active]
        current = self.warehouse_combo.currentData()
        if fill_warehouse_combo(self.warehouse_combo, self._warehouses, WAREHOUSE_SETTING):
            if current is not None and self.warehouse_combo.currentData() != current:
                self._warehouse_changed(self.warehouse_combo.currentIndex())  # ours went inactive
                self._load_succeeded()
                return
        self._load_bins()  # also when the warehouse stayed: its bins may have changed elsewhere
        self._load_succeeded()

    def _load_bins(self) -> None:
        warehouse_id = self.warehouse_combo.currentData()
        if warehouse_id is None:
            return
        db, actor = self.context.database, self.context.actor
        self.run(lambda: (warehouse_id, warehouses.list_bins(db, actor, warehouse_id)), self._bins_loaded,
                 self._load_failed, key=self._keys["bins"])

    def _bins_loaded(self, result: tuple[int, list[BinRow]]) -> None:
        warehouse_id, rows = result
        if warehouse_id != self.warehouse_combo.currentData():
            return
        self._bins_warehouse_id = warehouse_id
        self._bins = list(rows)
        self._bins_by_code = {b.code.upper(): b for b in rows}
        codes = [b.code for b in rows if b.active]
        if codes != self.bin_model.stringList():  # a refresh must not close an open completer for nothing
            self.bin_model.setStringList(codes)

    def _products_loaded(self, rows: list[ProductRow]) -> None:
        self._products = list(rows)
        self._products_by_display = {product_display(p): p for p in rows}
        entries = list(self._products_by_display)
        if entries != self.product_model.stringList():
            self.product_model.setStringList(entries)
        self._load_succeeded()

    def _load_failed(self, error: BaseException) -> None:
        self._show_error(error)
        self._load_error = True

    def _load_succeeded(self) -> None:
        if self._load_error and self.message_bar.kind() == "error":
            self.message_bar.clear()
        self._load_error = False

    # -- reading the form ---------------------------------------------------------------------------
    def warehouse(self) -> WarehouseRow | None:
        warehouse_id = self.warehouse_combo.currentData()
        return next((w for w in self._warehouses if w.id == warehouse_id), None)

    def product(self) -> ProductRow | None:
        return self._product

    def find_bin(self, code: str) -> BinRow | None:
        return self._bins_by_code.get(code.strip().upper())

    def received_lines(self) -> list[ReceivedLineRow]:
        return self.received_model.rows()

    # -- scanning ----------------------------------------------------------------------------------
    def handle_scan(self, text: str) -> None:
        """One entry from the scan field: a label, a product code, a bin, or a quantity."""
        if _QUANTITY_ENTRY.match(text.strip()):
            self._quantity_typed(text.strip())
            return
        try:
            result = parse_scan(text)
        except BarcodeError as error:
            if not self._typed_code(text):
                self.feedback.reject(str(error))
            return
        if result.kind == "internal":
            if result.internal_kind == "bin":
                self.scan_bin(result.internal_value or "")
            else:
                self.feedback.reject(self.tr("That is a FreshFlow {kind} code ({value}). Scan a supplier label, "
                                             "a product or a bin.").format(kind=result.internal_kind,
                                                                          value=result.internal_value))
            return
        gtin = result.gtin or result.content_gtin
        if not gtin:
            self.feedback.reject(self.tr("This label names no product (no GTIN): it is a pallet or case label. "
                                         "Scan the label on the goods."))
            return
        db, actor = self.context.database, self.context.actor
        self._lookup_pending = True
        self.run(lambda: catalog.find_product_by_gtin(db, actor, gtin),
                 lambda product: self._label_product_found(product, result),
                 lambda error: self._label_product_failed(error, gtin), key=self._keys["gtin"])

    def _typed_code(self, text: str) -> bool:
        """A SKU or a bin code typed into the scan field by hand (no barcode); True if it was one."""
        code = text.strip()
        product = next((p for p in self._products if p.sku.casefold() == code.casefold()), None)
        if product is not None:
            self._choose_product(product)
            return True
        if self.find_bin(code) is not None:
            self.scan_bin(code)
            return True
        return False

    def _label_product_failed(self, error: BaseException, gtin: str) -> None:
        self._lookup_pending = False
        self._receive_after_lookup = False
        if isinstance(error, NotFound):
            self.feedback.reject(self.tr("Unknown GTIN {gtin}: no product in the catalogue has it. Check the "
                                         "label, or ask for the GTIN to be added to the product.").format(gtin=gtin))
        else:
            self.feedback.reject(error_text(error))

    def _label_product_found(self, product: ProductRow, result: ScanResult) -> None:
        self._lookup_pending = False
        self.clear_highlights()
        new_product = self._product is None or self._product.id != product.id
        self._set_product(product)
        notes: list[str] = []
        is_label = result.kind in ("gs1", "sscc")
        if is_label or new_product:  # a plain EAN-13 of the same product keeps what was typed
            self.lot_edit.setText(result.batch or "")
            self.best_before_edit.set_value(result.best_before)
            self._pack_date = result.packaging_date
            if result.expiry is not None:
                self._set_expiry(result.expiry, self.tr("from the label (AI 17)"))
            elif result.best_before is not None:
                self._set_expiry(result.best_before,
                                 self.tr("best-before date (AI 15): the label has no expiry date"))
            else:
                self._set_expiry(None, "")
            self.quantity_edit.clear()
        quantity = self._label_quantity(product, result, notes)
        if quantity is not None:
            self.quantity_edit.setText(quantity_text(quantity, product.unit))

        parts = [f"{product.sku} {product.name_en}"]
        if result.batch:
            parts.append(self.tr("lot {lot}").format(lot=result.batch))
        expiry = self.expiry_edit.value()
        if expiry is not None and is_label:
            parts.append(self.tr("expiry {date}").format(date=expiry.isoformat()) if result.expiry is not None
                         else self.tr("expiry {date} (best-before, AI 15)").format(date=expiry.isoformat()))
        if quantity is not None:
            parts.append(format_quantity(quantity, product.unit))
        missing = self._missing_for_receipt()
        text = " · ".join(parts)
        if notes:
            text += " — " + " ".join(notes)
        if expiry is not None and expiry < clock.today():
            self.feedback.reject(self.tr("{line} — this lot expired on {date}; expired goods cannot be received.")
                                 .format(line=text, date=expiry.isoformat()))
            self._receive_after_lookup = False
            return
        if missing:
            text += " — " + self.tr("enter: {fields}").format(fields=", ".join(missing))
        self.feedback.accept(text)
        self._select_in_stock_panel()
        if self._receive_after_lookup:
            self._receive_after_lookup = False
            self.receive()

    def _label_quantity(self, product: ProductRow, result: ScanResult, notes: list[str]) -> int | None:
        """The quantity the label states in the product's base unit, if it states one."""
        count = result.count
        if count is None and "30" in result.ais:
            try:
                count = int(result.ais["30"])
            except ValueError:
                count = None
        if is_weighed(product.unit):
            if result.net_weight_g is not None:
                return result.net_weight_g
            if count is not None:
                notes.append(self.tr("(the label counts {count} pieces; {sku} is received by weight)")
                             .format(count=count, sku=product.sku))
            return None
        if count is not None:
            return count
        if result.net_weight_g is not None:
            notes.append(self.tr("(net weight ignored: {sku} is received in pieces)").format(sku=product.sku))
        return None

    def scan_bin(self, code: str) -> None:
        """A bin code was scanned: the putaway bin, if it is an active bin of this warehouse."""
        warehouse = self.warehouse()
        found = self.find_bin(code)
        if warehouse is None:
            self.feedback.reject(self.tr("Choose the warehouse first."))
            return
        if found is None:
            self.feedback.reject(self.tr("Bin {code} is not a bin of warehouse {warehouse}. Scan a bin of "
                                         "{warehouse}, or choose the right warehouse.").format(
                code=code, warehouse=warehouse.code))
            return
        if not found.active:
            self.feedback.reject(self.tr("Bin {code} is not in use; choose another bin.").format(code=found.code))
            return
        self.bin_edit.setText(found.code)
        self._clear_highlight(self.bin_edit)
        self.stock_panel.show_bin(found)
        if self._product is None:  # not receiving a line: the clerk wants to see (or act on) the bin
            self.lower_tabs.setCurrentWidget(self.stock_panel)
        missing = self._missing_for_receipt()
        text = self.tr("Bin {code}").format(code=found.code)
        if missing:
            text += " — " + self.tr("enter: {fields}").format(fields=", ".join(missing))
        else:
            text += " — " + self.tr("press Enter to receive")
        self.feedback.accept(text)

    def _quantity_typed(self, text: str) -> None:
        unit = self._product.unit if self._product else "piece"
        try:
            quantity = parse_quantity(text, unit)
        except QuantityError as error:
            self.feedback.reject(quantity_error_message(error, unit))
            return
        self.quantity_edit.setText(quantity_text(quantity, unit))
        self._clear_highlight(self.quantity_edit)
        missing = self._missing_for_receipt()
        shown = format_quantity(quantity, unit) if self._product else str(quantity)
        text = self.tr("Quantity {quantity}").format(quantity=shown)
        text += " — " + (self.tr("enter: {fields}").format(fields=", ".join(missing)) if missing
                         else self.tr("press Enter to receive"))
        self.feedback.accept(text)

    def _missing_for_receipt(self) -> list[str]:
        missing = []
        if self._product is None:
            missing.append(self.tr("product"))
        if not self.lot_edit.text().strip():
            missing.append(self.tr("lot"))
        if self.expiry_edit.is_empty():
            missing.append(self.tr("expiry"))
        if not self.quantity_edit.text().strip():
            missing.append(self.tr("quantity"))
        if not self.bin_edit.text().strip():
            missing.append(self.tr("bin"))
        return missing

    # -- product by hand ---------------------------------------------------------------------------
    def _product_chosen(self, text: str) -> None:
        product = self._products_by_display.get(text)
        if product is not None:
            self._choose_product(product)

    def _product_text_edited(self, text: str) -> None:
        if self._product is not None and text != product_display(self._product):
            self._product = None
            self._show_product_info(None)

    def _product_entered(self) -> None:
        self.product_completer.popup().hide()
        text = self.product_edit.text().strip()
        if not text:
            return
        product = self._products_by_display.get(text) or self._match_product(text)
        if product is None:
            self.feedback.reject(self.tr("No single product matches “{text}”; pick one from the list.")
                                 .format(text=text))
            return
        self._choose_product(product)
        self.scan_field.setFocus()

    def _match_product(self, text: str) -> ProductRow | None:
        folded = text.casefold()
        exact = [p for p in self._products if p.sku.casefold() == folded]
        if exact:
            return exact[0]
        matches = [p for p in self._products if folded in product_display(p).casefold()]
        return matches[0] if len(matches) == 1 else None

    def _choose_product(self, product: ProductRow) -> None:
        if self._product is None or self._product.id != product.id:
            self.lot_edit.clear()
            self._set_expiry(None, "")
            self.best_before_edit.clear_value()
            self.quantity_edit.clear()
            self._pack_date = None
        self._set_product(product)
        self._clear_highlight(self.product_edit)
        self.feedback.accept(f"{product.sku} {product.name_en}")

    def _set_product(self, product: ProductRow | None) -> None:
        self._product = product
        self.product_edit.setText(product_display(product) if product else "")
        self._show_product_info(product)

    def _show_product_info(self, product: ProductRow | None) -> None:
        if product is None:
            self.product_info.setText("")
            self.quantity_unit.setText(self.tr("pcs"))
            self.quantity_edit.setPlaceholderText(self.tr("pieces"))
            return
        if is_weighed(product.unit):
            self.product_info.setText(self.tr("by weight: enter kg (3 decimals)"))
            self.quantity_unit.setText(self.tr("kg"))
            self.quantity_edit.setPlaceholderText("0.000")
        else:
            self.product_info.setText(self.tr("in pieces"))
            self.quantity_unit.setText(self.tr("pcs"))
            self.quantity_edit.setPlaceholderText(self.tr("pieces"))

    def _set_expiry(self, value: date | None, source: str) -> None:
        self.expiry_edit.blockSignals(True)
        self.expiry_edit.set_value(value)
        self.expiry_edit.blockSignals(False)
        self.expiry_source.setText(source)

    def _expiry_edited(self) -> None:
        self.expiry_source.setText(self.tr("typed") if not self.expiry_edit.is_empty() else "")

    # -- bins, warehouse ------------------------------------------------------------------------------
    def _bin_entered(self) -> None:
        found = self.find_bin(self.bin_edit.text())
        if found is not None:
            self.bin_edit.setText(found.code)
            self.stock_panel.show_bin(found)

    def _warehouse_changed(self, _index: int) -> None:
        warehouse = self.warehouse()
        if warehouse is None:
            return
        QSettings().setValue(WAREHOUSE_SETTING, warehouse.code)
        self._bins, self._bins_by_code = [], {}
        self.bin_model.setStringList([])
        self.bin_edit.clear()
        self.stock_panel.show_bin(None)
        self._load_bins()

    # -- receiving -------------------------------------------------------------------------------------
    def is_receiving(self) -> bool:
        return self._receiving

    def collect(self) -> ReceiptInput:
        """The receipt from the form, or ``ValidationError(field=…)`` for what is missing or malformed."""
        warehouse = self.warehouse()
        if warehouse is None:
            raise ValidationError(self.tr("Choose the warehouse."), "warehouse")
        product = self._product
        if product is None:
            raise ValidationError(self.tr("Scan the product label, or type the SKU or name and pick the product."),
                                  "product")
        expiry = self.expiry_edit.value()
        if expiry is None:
            raise ValidationError(self.tr("Enter the expiry date from the label."), "expiry_date")
        try:
            quantity = parse_quantity(self.quantity_edit.text(), product.unit)
        except QuantityError as error:
            raise ValidationError(quantity_error_message(error, product.unit), "quantity") from None
        bin_text = self.bin_edit.text().strip()
        if not bin_text:
            raise ValidationError(self.tr("Scan or type the bin the goods go into."), "bin")
        found = self.find_bin(bin_text)
        if found is None:
            raise ValidationError(self.tr("Bin {code} is not a bin of warehouse {warehouse}.").format(
                code=bin_text.upper(), warehouse=warehouse.code), "bin")
        return ReceiptInput(product_id=product.id, lot_number=self.lot_edit.text().strip(), expiry_date=expiry,
                            quantity=quantity, bin_id=found.id, supplier=self.supplier_edit.text().strip(),
                            delivery_reference=self.delivery_edit.text().strip(),
                            best_before=self.best_before_edit.value(), pack_date=self._pack_date)

    def receive(self) -> None:
        """Book the line (Enter on the empty scan field, Enter in a line field, or the button)."""
        if self._receiving or not self.context.can(Action.STOCK_RECEIVE):
            return
        if self._lookup_pending:
            self._receive_after_lookup = True  # the label is still being looked up; receive when it is in
            return
        self.clear_highlights()
        try:
            data = self.collect()
        except ValidationError as error:
            self._reject(error)
            return
        product = self._product
        assert product is not None
        db, actor = self.context.database, self.context.actor
        self._set_receiving(True)
        self.run(lambda: receiving.receive(db, actor, data),
                 lambda row: self._received(row, product, data), self._receive_failed, changes=True)

    def _received(self, row: ReceiptRow, product: ProductRow, data: ReceiptInput) -> None:
        self._set_receiving(False)
        key = (data.supplier, data.delivery_reference)
        lines = self.received_model.rows() if key == self._delivery_key else []
        self._delivery_key = key
        lines.insert(0, ReceivedLineRow(row, product.name_en, product.unit, datetime.now(), data.supplier,
                                        data.delivery_reference))
        self.received_model.set_rows(lines)
        self._update_received_count()
        self.lower_tabs.setCurrentIndex(0)
        self.feedback.accept(self.tr("Received {quantity} × {sku} lot {lot} into {bin}").format(
            quantity=format_quantity(row.quantity, product.unit), sku=row.sku, lot=row.lot_number,
            bin=row.bin_code))
        found = next((b for b in self._bins if b.id == row.bin_id), None)
        self.clear_line()
        if found is not None:
            self.stock_panel.show_bin(found, select_quant=row.quant_id)
        self.announce(*RECEIPT_TABLES)
        self.scan_field.setFocus()

    def _receive_failed(self, error: BaseException) -> None:
        self._set_receiving(False)
        self._reject(error)

    def _reject(self, error: BaseException) -> None:
        self.feedback.reject(error_text(error))
        if isinstance(error, ValidationError):
            self.highlight(error.field, str(error))

    def _set_receiving(self, busy: bool) -> None:
        self._receiving = busy
        self.receive_button.setEnabled(not busy)
        self.receive_button.setText(self.tr("Receiving…") if busy else self.tr("Receive"))

    def _update_received_count(self) -> None:
        count = self.received_model.rowCount()
        self.received_count.setText(self.tr("%n line(s) received", "", count) if count else "")
        self.lower_tabs.setTabText(0, self.tr("Received this delivery (%n)", "", count) if count
                                   else self.tr("Received this delivery"))

    def clear_line(self) -> None:
        """Empty the line fields; warehouse, supplier and delivery note stay."""
        self.clear_highlights()
        self._set_product(None)
        self.lot_edit.clear()
        self._set_expiry(None, "")
        self.best_before_edit.clear_value()
        self.quantity_edit.clear()
        self.bin_edit.clear()
        self._pack_date = None

    def new_delivery(self) -> None:
        self.clear_line()
        self.supplier_edit.clear()
        self.delivery_edit.clear()
        self.received_model.set_rows([])
        self._delivery_key = None
        self._update_received_count()
        self.banner.clear_feedback()
        self.banner.setText(self.tr("Scan the first label of the delivery."))
        self.supplier_edit.setFocus()

    # -- highlighting ------------------------------------------------------------------------------------
    def highlight(self, field: str | None, message: str = "") -> QWidget | None:
        widget = self._fields.get(field or "")
        if widget is None:
            return None
        widget.setProperty("invalid", True)
        widget.setStyleSheet(_INVALID_STYLE)
        widget.setToolTip(message)
        return widget

    def invalid_fields(self) -> list[str]:
        return sorted({name for name, widget in self._fields.items() if widget.property("invalid")})

    def _clear_highlight(self, widget: QWidget) -> None:
        if widget.property("invalid"):
            widget.setProperty("invalid", False)
            widget.setStyleSheet("")
            widget.setToolTip("")

    def clear_highlights(self) -> None:
        for widget in set(self._fields.values()):
            self._clear_highlight(widget)

    # -- stock panel ---------------------------------------------------------------------------------------
    def _bin_panel_changed(self, code: str) -> None:
        self.lower_tabs.setTabText(1, self.tr("Stock in bin {code}").format(code=code) if code
                                   else self.tr("Stock in bin"))

    def _select_in_stock_panel(self) -> None:
        if self._product is not None:
            self.stock_panel.select_lot(self._product.id, self.lot_edit.text().strip())

    # -- keys ------------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if watched is self.scan_field:
                if not self.scan_field.raw_text():
                    self.receive()  # Enter on the empty scan field books the line
                    return True
                return False
            completer = getattr(watched, "completer", lambda: None)()
            if completer is not None and completer.popup().isVisible():
                return False
            self.receive()
            return True
        return super().eventFilter(watched, event)


def product_display(product: ProductRow) -> str:
    """How a product appears in the product field and its completer: "VEG-0001 — Cherry tomatoes 250 g"."""
    name = product.name_en
    if product.name_zh:
        name += f" {product.name_zh}"
    return f"{product.sku} — {name}"


class BinStockPanel(RefreshingView):
    """The lots in one bin, and the stock actions (transfer, write off, quarantine) on the selected one."""

    TABLES = frozenset({"stock_quants", "lots", "stock_moves"})
    #: the bin shown changed ("" for none)
    title_changed = Signal(str)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("stockActionsPanel")
        self._bin: BinRow | None = None
        self._select_quant_id: int | None = None
        self._select_lot: tuple[int, str] | None = None
        self._key = f"binStock:{id(self)}"
        self.message_bar = MessageBar(self, "stockActionsMessage")
        self.title = QLabel(objectName="stockActionsTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.model = BinStockTableModel(self)
        self.table = QTableView(objectName="binStockTable")
        configure_table(self.table, self.model, stretch=BinStockTableModel.COL_NAME, min_stretch_width=90, widths={
            BinStockTableModel.COL_SKU: "VEG-0000",
            BinStockTableModel.COL_LOT: "SH261028C005",
            BinStockTableModel.COL_EXPIRY: "2026-12-31",
            BinStockTableModel.COL_ON_HAND: "123.456 kg",
            BinStockTableModel.COL_AVAILABLE: "123.456 kg",
            BinStockTableModel.COL_STATUS: "near expiry",
        })
        self.transfer_button = QPushButton(self.tr("Transfer…"), objectName="transferButton")
        self.write_off_button = QPushButton(self.tr("Write off…"), objectName="writeOffButton")
        self.quarantine_button = QPushButton(self.tr("Quarantine…"), objectName="quarantineButton")
        self.adjust_button = QPushButton(self.tr("Correct…"), objectName="adjustButton")
        self.adjust_button.setToolTip(self.tr("Set what the bin really holds of this lot (supervisor)"))
        self.transfer_button.setVisible(context.can(Action.STOCK_TRANSFER))
        self.adjust_button.setVisible(context.can(Action.STOCK_APPROVE))
        self.write_off_button.setVisible(context.can(Action.STOCK_WRITE_OFF))
        self.quarantine_button.setVisible(context.can(Action.STOCK_QUARANTINE))
        buttons = QHBoxLayout()
        buttons.addWidget(self.transfer_button)
        buttons.addWidget(self.write_off_button)
        buttons.addWidget(self.quarantine_button)
        buttons.addWidget(self.adjust_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.transfer_button.clicked.connect(self.transfer)
        self.write_off_button.clicked.connect(self.write_off)
        self.quarantine_button.clicked.connect(self.quarantine)
        self.adjust_button.clicked.connect(self.adjust)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_title()
        self._update_buttons()

    # -- which bin ------------------------------------------------------------------------------------
    def current_bin(self) -> BinRow | None:
        return self._bin

    def show_bin(self, bin_row: BinRow | None, *, select_quant: int | None = None) -> None:
        changed = (bin_row.id if bin_row else None) != (self._bin.id if self._bin else None)
        self._bin = bin_row
        self._select_quant_id = select_quant
        if changed:
            self.model.set_rows([])
        self._update_title()
        self.refresh()

    def select_lot(self, product_id: int, lot_number: str) -> None:
        """Select the row of this product and lot if the bin holds it (a label was scanned)."""
        self._select_lot = (product_id, lot_number)
        select_where(self.table, self.model,
                     lambda r: r.product_id == product_id and (not lot_number or r.lot_number == lot_number))

    def selected_quant(self) -> QuantRow | None:
        return selected_row(self.table)

    def _update_title(self) -> None:
        if self._bin is None:
            self.title.setText(self.tr("Scan a bin to see its lots and move, write off or quarantine them."))
        else:
            self.title.setText(self.tr("Bin {code} (zone {zone})").format(code=self._bin.code, zone=self._bin.zone))
        self.title_changed.emit(self._bin.code if self._bin else "")

    # -- loading --------------------------------------------------------------------------------------
    def _load(self) -> None:
        bin_row = self._bin
        if bin_row is None:
            self.model.set_rows([])
            return
        db, actor = self.context.database, self.context.actor
        self.run(lambda: (bin_row.id, [q for q in queries.list_quants(db, actor, warehouse_id=bin_row.warehouse_id)
                                       if q.bin_id == bin_row.id]),
                 self._loaded, key=self._key)

    def _loaded(self, result: tuple[int, list[QuantRow]]) -> None:
        bin_id, rows = result
        if self._bin is None or self._bin.id != bin_id:
            return
        select = self._select_quant_id
        replace_rows(self.table, self.model, rows, key=lambda r: r.quant_id, select_key=select)
        self._select_quant_id = None
        if select is None and self._select_lot is not None and self.selected_quant() is None:
            product_id, lot = self._select_lot
            select_where(self.table, self.model, lambda r: r.product_id == product_id and r.lot_number == lot)
        if self.message_bar.kind() == "error":
            self.message_bar.clear()

    # -- actions ----------------------------------------------------------------------------------------
    def _update_buttons(self, *_args) -> None:
        quant = self.selected_quant()
        for button in (self.transfer_button, self.write_off_button, self.quarantine_button, self.adjust_button):
            button.setEnabled(quant is not None)
        if quant is not None and quant.quarantined:
            self.quarantine_button.setText(self.tr("Release…"))
            # releasing needs a supervisor (STOCK_APPROVE); quarantining does not
            self.quarantine_button.setEnabled(self.context.can(Action.STOCK_APPROVE))
        else:
            self.quarantine_button.setText(self.tr("Quarantine…"))

    def _open(self, dialog):
        dialog.saved.connect(self._action_done)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def transfer(self) -> TransferDialog | None:
        quant = self.selected_quant()
        return self._open(TransferDialog(self.context, quant, self)) if quant is not None else None

    def write_off(self) -> WriteOffDialog | None:
        quant = self.selected_quant()
        return self._open(WriteOffDialog(self.context, quant, self)) if quant is not None else None

    def quarantine(self) -> QuarantineDialog | None:
        quant = self.selected_quant()
        return self._open(QuarantineDialog(self.context, quant, self)) if quant is not None else None

    def adjust(self) -> AdjustDialog | None:
        quant = self.selected_quant()
        return self._open(AdjustDialog(self.context, quant, self)) if quant is not None else None

    def _action_done(self, row) -> None:
        self.message_bar.show_success(describe_result(row))
        self.announce(*RECEIPT_TABLES)
