"""Stock: every quant (warehouse × bin × lot) with on hand, reserved and available,
expiry colouring, per-product totals, alerts and CSV export.

Built for 100,000 quants: the worker loads the rows and computes their search
keys (``ui.models.stock.prepare_snapshot``); searching and the filters run on
the model's own list (no proxy model, no query per keystroke); column widths
come from sample texts, never from the rows.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QLocale, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QComboBox, QFileDialog, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QProgressDialog, QPushButton, QSplitter, QStackedWidget, QTableView, QToolButton, QVBoxLayout, QWidget,
)

from app.services.stock import queries
from app.services.stock.queries import QuantRow, StockAlert
from ui.context import ViewContext
from ui.csv_export import ExportCancelled, ExportProgress, write_csv
from ui.models.row_table_model import ROW_ROLE
from ui.models.stock import (
    ALERT_KINDS, STATUS_ALL, STATUS_AVAILABLE, STATUS_EXPIRED, STATUS_NEAR, STATUS_QUARANTINED, AlertTableModel,
    ProductStockRow, ProductStockTableModel, QuantSnapshot, QuantTableModel, StockFilter, alert_kind_label,
    chinese_names, prepare_snapshot, status_text, summarise, summary_status_text,
)
from ui.views.view_support import RefreshingView
from ui.widgets.message_bar import MessageBar
from ui.widgets.tables import configure_table, selected_row

#: the tables whose change makes the stock view stale
STOCK_TABLES = frozenset({"stock_quants", "stock_moves", "stock_reservations", "lots", "products", "categories",
                          "warehouses", "bins"})
#: the filter runs when the event loop is next idle, so a burst of keys (or a paste) filters once
FILTER_DELAY_MS = 0
#: the alerts load after the quants have been painted
ALERTS_DELAY_MS = 50

MODE_DETAIL = 0
MODE_SUMMARY = 1

MODE_BUTTON_STYLE = ("QPushButton:checked { background: #c8e6c9; border-color: #2e7d32; color: #1b3d1f; }"
                     " QPushButton:focus { border: 2px solid #f9a825; }")
#: the alert filter buttons, coloured like the rows they stand for while switched on
ALERT_BUTTON_STYLE = (
    "QToolButton {{ padding: 3px 10px; border: 1px solid #dadce0; border-radius: 11px; background: #ffffff;"
    " color: #5f6368; }}"
    " QToolButton:checked {{ background: {background}; border-color: {border}; color: #202124; }}"
    " QToolButton:focus {{ border: 2px solid #f9a825; }}"  # the style sheet's focus ring, kept
)
ALERT_COLOURS = {
    "below_reorder_point": {"background": "#dbe9f7", "border": "#9cbfe3"},
    "near_expiry": {"background": "#ffe7a8", "border": "#e0b84a"},
    "expired": {"background": "#f8d3d0", "border": "#e09a93"},
}


class StockView(RefreshingView):
    TABLES = STOCK_TABLES

    #: emitted after the quants were put in the model and the table was asked to repaint (benchmarks, tests)
    quants_shown = Signal()
    #: emitted when a CSV export finished (path, rows) — or was cancelled/failed (path, -1)
    export_finished = Signal(str, int)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("stockView")
        self._keys = (f"stock:{id(self)}:quants", f"stock:{id(self)}:alerts", f"stock:{id(self)}:export")
        self._load_error = False
        self._loaded_once = False
        self._load_started = 0.0
        #: seconds from asking for the rows to the rows being in the model (the last load)
        self.last_load_seconds = 0.0
        self._export: ExportProgress | None = None
        self._export_dialog: QProgressDialog | None = None
        self._export_dir = str(Path.home())

        self.message_bar = MessageBar(self, "stockMessage")

        # -- filters ---------------------------------------------------------------------
        self.search_edit = QLineEdit(objectName="stockSearch")
        self.search_edit.setPlaceholderText(self.tr("Search SKU, name, lot or bin"))
        self.search_edit.setClearButtonEnabled(True)
        self.warehouse_filter = QComboBox(objectName="stockWarehouse")
        self.warehouse_filter.addItem(self.tr("All warehouses"), None)
        self.warehouse_filter.setMinimumContentsLength(10)
        self.warehouse_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_filter = QComboBox(objectName="stockStatus")
        for label, value in ((self.tr("All stock"), STATUS_ALL), (self.tr("Near expiry"), STATUS_NEAR),
                             (self.tr("Expired"), STATUS_EXPIRED), (self.tr("Quarantined"), STATUS_QUARANTINED),
                             (self.tr("Available > 0"), STATUS_AVAILABLE)):
            self.status_filter.addItem(label, value)
        self.detail_button = QPushButton(self.tr("Lots and bins"), objectName="stockDetailMode")
        self.detail_button.setToolTip(self.tr("One row per lot in each bin"))
        self.summary_button = QPushButton(self.tr("Per product"), objectName="stockSummaryMode")
        self.summary_button.setToolTip(self.tr("One row per product and warehouse, with totals"))
        self.mode_group = QButtonGroup(self)
        for mode, button in ((MODE_DETAIL, self.detail_button), (MODE_SUMMARY, self.summary_button)):
            button.setCheckable(True)
            button.setStyleSheet(MODE_BUTTON_STYLE)
            self.mode_group.addButton(button, mode)
        self.detail_button.setChecked(True)
        self.count_label = QLabel(objectName="stockCount")
        self.export_button = QPushButton(self.tr("Export CSV…"), objectName="exportCsv")
        self.export_button.setToolTip(self.tr("Save the rows shown to a CSV file (quantities in pieces or grams)"))

        # -- the tables -----------------------------------------------------------------------
        self.model = QuantTableModel(self)
        self.table = QTableView(objectName="stockTable")
        configure_table(self.table, self.model, stretch=QuantTableModel.COL_NAME, min_stretch_width=150, widths={
            QuantTableModel.COL_WAREHOUSE: "WH",
            QuantTableModel.COL_BIN: "SH-CHL-A01-04-1",
            QuantTableModel.COL_ZONE: "AMB",
            QuantTableModel.COL_SKU: "VEG-0000",
            QuantTableModel.COL_LOT: "SH261127C000",
            QuantTableModel.COL_EXPIRY: "2026-12-31",
            QuantTableModel.COL_DAYS_LEFT: "-99 d",
            QuantTableModel.COL_ON_HAND: "999.999 kg",
            QuantTableModel.COL_RESERVED: "999.999 kg",
            QuantTableModel.COL_AVAILABLE: "999.999 kg",
            QuantTableModel.COL_STATUS: status_text(SimpleNamespace(quarantined=False, expiry_status="near")),
        })
        self._fixed_rows(self.table)
        self.model.set_base_font(self.table.font())

        self.summary_model = ProductStockTableModel(self)
        self.summary_table = QTableView(objectName="stockSummaryTable")
        configure_table(self.summary_table, self.summary_model, stretch=ProductStockTableModel.COL_NAME,
                        min_stretch_width=200, widths={
            ProductStockTableModel.COL_WAREHOUSE: "WH",
            ProductStockTableModel.COL_SKU: "VEG-0000",
            ProductStockTableModel.COL_LOTS: "999",
            ProductStockTableModel.COL_BINS: "999",
            ProductStockTableModel.COL_EARLIEST: "2026-12-31",
            ProductStockTableModel.COL_ON_HAND: "99,999.999 kg",
            ProductStockTableModel.COL_RESERVED: "99,999.999 kg",
            ProductStockTableModel.COL_AVAILABLE: "99,999.999 kg",
            ProductStockTableModel.COL_STATUS: summary_status_text(SimpleNamespace(expired_lots=9, near_lots=9,
                                                                                   quarantined_lots=0)),
        })
        self._fixed_rows(self.summary_table)
        self.tables = QStackedWidget(objectName="stockTables")
        self.tables.addWidget(self.table)
        self.tables.addWidget(self.summary_table)

        # -- alerts -------------------------------------------------------------------------------
        self.alerts_panel = QFrame(objectName="stockAlerts")
        self.alerts_title = QLabel(self.tr("Alerts"), objectName="stockAlertsTitle")
        title_font = self.alerts_title.font()
        title_font.setBold(True)
        self.alerts_title.setFont(title_font)
        self.alert_buttons: dict[str, QToolButton] = {}
        alert_header = QHBoxLayout()
        alert_header.addWidget(self.alerts_title)
        for kind, name in zip(ALERT_KINDS, ("alertsBelowReorder", "alertsNearExpiry", "alertsExpired")):
            button = QToolButton(objectName=name)
            button.setCheckable(True)
            button.setChecked(True)
            button.setStyleSheet(ALERT_BUTTON_STYLE.format(**ALERT_COLOURS[kind]))
            button.setToolTip(self.tr("Show or hide these alerts"))
            button.toggled.connect(lambda _on: self._show_alerts())
            self.alert_buttons[kind] = button
            alert_header.addWidget(button)
        alert_header.addStretch(1)
        self.alert_hint = QLabel(self.tr("Click an alert to show that product's stock."), objectName="stockAlertsHint")
        alert_header.addWidget(self.alert_hint)
        self.alert_model = AlertTableModel(self)
        self.alert_table = QTableView(objectName="stockAlertTable")
        configure_table(self.alert_table, self.alert_model, stretch=AlertTableModel.COL_MESSAGE, widths={
            AlertTableModel.COL_KIND: self.tr("Below reorder point"),
            AlertTableModel.COL_WAREHOUSE: "WH",
            AlertTableModel.COL_SKU: "VEG-0000",
            AlertTableModel.COL_NAME: "Atlantic salmon fillet",
        })
        self._fixed_rows(self.alert_table)
        alerts_layout = QVBoxLayout(self.alerts_panel)
        alerts_layout.setContentsMargins(0, 6, 0, 0)
        alerts_layout.addLayout(alert_header)
        alerts_layout.addWidget(self.alert_table, 1)
        self._alerts: list[StockAlert] = []
        self._update_alert_header()

        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="stockSplitter")
        self.splitter.addWidget(self.tables)
        self.splitter.addWidget(self.alerts_panel)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([520, 180])

        # -- layout --------------------------------------------------------------------------------
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 3)
        bar.addWidget(self.warehouse_filter, 1)
        bar.addWidget(self.status_filter, 1)
        bar.addSpacing(8)
        bar.addWidget(self.detail_button)
        bar.addWidget(self.summary_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        # -- behaviour -----------------------------------------------------------------------------
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.warehouse_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.mode_group.idToggled.connect(self._mode_toggled)
        self.export_button.clicked.connect(self.export_csv)
        self.alert_table.clicked.connect(self._alert_clicked)
        self.alert_table.activated.connect(self._alert_clicked)
        self.summary_table.doubleClicked.connect(self._summary_opened)
        self.summary_table.activated.connect(self._summary_opened)
        self._alerts_timer = QTimer(self)
        self._alerts_timer.setSingleShot(True)
        self._alerts_timer.setInterval(ALERTS_DELAY_MS)
        self._alerts_timer.timeout.connect(self.load_alerts)
        self._update_count()

    @staticmethod
    def _fixed_rows(table: QTableView) -> None:
        """Every row the same height, decided once: nothing measures 100,000 rows."""
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    # -- loading ---------------------------------------------------------------------------------------
    def _load(self) -> None:
        self.load_quants()

    def load_quants(self) -> None:
        db, actor = self.context.database, self.context.actor
        column, descending = self.model.sort_spec()
        chinese = chinese_names()
        if not self._loaded_once:
            self.count_label.setText(self.tr("Loading…"))
        self._load_started = time.perf_counter()
        self.run(lambda: prepare_snapshot(queries.list_quants(db, actor), column, descending, chinese),
                 self._quants_loaded, self._load_failed, key=self._keys[0])

    def load_alerts(self) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: queries.alerts(db, actor), self._alerts_loaded, self._load_failed, key=self._keys[1])

    def _quants_loaded(self, snapshot: QuantSnapshot) -> None:
        self.last_load_seconds = time.perf_counter() - self._load_started
        selected = selected_row(self.table)
        selected_group = selected_row(self.summary_table)
        scroll = self.table.verticalScrollBar().value()
        self._set_warehouses(snapshot.warehouses)
        self.model.set_snapshot(snapshot)
        if self.mode() == MODE_SUMMARY:
            self._fill_summary(selected_group)
        if selected is not None:
            self._select_quant(selected.quant_id, scroll)
        self._loaded_once = True
        self._update_count()
        if self._load_error and self.message_bar.kind() == "error":
            self.message_bar.clear()
        self._load_error = False
        self.alert_model.set_chinese_names(snapshot.names_zh)
        self.table.viewport().update()
        self.quants_shown.emit()
        self._alerts_timer.start()

    def _alerts_loaded(self, alerts: list[StockAlert]) -> None:
        urgency = {"expired": 0, "near_expiry": 1}  # the most urgent first; the service's order within a kind
        self._alerts = sorted(alerts, key=lambda a: urgency.get(a.kind, 2))
        self._update_alert_header()
        self._show_alerts()

    def _load_failed(self, error: BaseException) -> None:
        self.count_label.setText("")
        self._show_error(error)
        self._load_error = True

    def _set_warehouses(self, codes: tuple[str, ...]) -> None:
        current = self.warehouse_filter.currentData()
        known = [self.warehouse_filter.itemData(i) for i in range(1, self.warehouse_filter.count())]
        if known == list(codes) and (current is None or current in codes):
            return
        with QSignalBlocker(self.warehouse_filter):
            self.warehouse_filter.clear()
            self.warehouse_filter.addItem(self.tr("All warehouses"), None)
            for code in codes:
                self.warehouse_filter.addItem(code, code)
            if current is not None and current not in codes:  # keep the person's choice while it has no stock
                self.warehouse_filter.addItem(current, current)
            index = self.warehouse_filter.findData(current)
            self.warehouse_filter.setCurrentIndex(max(index, 0))

    # -- filtering -------------------------------------------------------------------------------------
    def current_filter(self) -> StockFilter:
        return StockFilter(self.search_edit.text(), self.warehouse_filter.currentData(),
                           self.status_filter.currentData() or STATUS_ALL)

    def apply_filter(self) -> None:
        """Filter the loaded rows by the search box, warehouse and status (no database query)."""
        self._filter_timer.stop()
        selected = selected_row(self.table)
        self.model.set_filter(self.current_filter())
        if selected is not None:
            self._select_quant(selected.quant_id, None)
        if self.mode() == MODE_SUMMARY:
            self._fill_summary(selected_row(self.summary_table))
        self._update_count()

    def show_product(self, sku: str, warehouse_code: str | None = None) -> None:
        """Filter the table to one product (in one warehouse), all its lots and bins."""
        with QSignalBlocker(self.search_edit), QSignalBlocker(self.warehouse_filter), \
                QSignalBlocker(self.status_filter):
            self.search_edit.setText(sku)
            index = self.warehouse_filter.findData(warehouse_code) if warehouse_code else 0
            self.warehouse_filter.setCurrentIndex(max(index, 0))
            self.status_filter.setCurrentIndex(0)
        if self.mode() != MODE_DETAIL:
            self.detail_button.setChecked(True)  # applies the filter
        else:
            self.apply_filter()

    def _update_count(self) -> None:
        if not self._loaded_once:
            return
        total = self.model.total_count()
        if self.mode() == MODE_SUMMARY:
            text = self.tr("%Ln product(s) in stock", "", self.summary_model.rowCount())
        elif self.model.stock_filter().is_empty():
            text = self.tr("%Ln stock record(s)", "", total)
        else:
            locale = QLocale()
            text = self.tr("{shown} of {total} stock records").format(
                shown=locale.toString(self.model.rowCount()), total=locale.toString(total))
        self.count_label.setText(text)

    def _select_quant(self, quant_id: int, scroll: int | None) -> None:
        row = self.model.find_quant(quant_id)
        if row < 0:
            return
        self.table.selectRow(row)
        if scroll is None:
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.verticalScrollBar().setValue(scroll)

    # -- detail / per-product -----------------------------------------------------------------------
    def mode(self) -> int:
        return self.mode_group.checkedId()

    def set_mode(self, mode: int) -> None:
        (self.summary_button if mode == MODE_SUMMARY else self.detail_button).setChecked(True)

    def _mode_toggled(self, mode: int, checked: bool) -> None:
        if not checked:
            return
        if mode == MODE_SUMMARY:
            self._fill_summary(None)
            self.tables.setCurrentWidget(self.summary_table)
        else:
            self.summary_model.set_rows([])
            self.tables.setCurrentWidget(self.table)
            self.apply_filter()
        self._update_count()

    def _fill_summary(self, keep: ProductStockRow | None) -> None:
        self.summary_model.set_rows(summarise(self.model.visible_rows()))
        if keep is not None:
            row = self.summary_model.find_group(keep.warehouse_code, keep.product_id)
            if row >= 0:
                self.summary_table.selectRow(row)

    def _summary_opened(self, index: QModelIndex) -> None:
        group = index.data(ROW_ROLE) if index.isValid() else None
        if group is not None:
            self.show_product(group.sku, group.warehouse_code)

    # -- alerts --------------------------------------------------------------------------------------
    def _update_alert_header(self) -> None:
        counts = {kind: 0 for kind in ALERT_KINDS}
        for alert in self._alerts:
            counts[alert.kind] = counts.get(alert.kind, 0) + 1
        self.alert_counts = counts
        for kind, button in self.alert_buttons.items():
            button.setText(self.tr("{kind}: {count}").format(kind=alert_kind_label(kind),
                                                             count=QLocale().toString(counts[kind])))
        self.alerts_title.setText(self.tr("Alerts (%Ln)", "", len(self._alerts)))

    def _show_alerts(self) -> None:
        kinds = {kind for kind, button in self.alert_buttons.items() if button.isChecked()}
        self.alert_model.set_rows([a for a in self._alerts if a.kind in kinds])

    def _alert_clicked(self, index: QModelIndex) -> None:
        alert = index.data(ROW_ROLE) if index.isValid() else None
        if alert is not None:
            self.show_product(alert.sku, alert.warehouse_code)

    # -- CSV export ---------------------------------------------------------------------------------
    def export_csv(self) -> None:
        """Ask for a file and write the rows shown (detail or per product) in the background."""
        if self._export is not None:
            return
        summary = self.mode() == MODE_SUMMARY
        rows = self.summary_model.rows() if summary else list(self.model.visible_rows())
        name = f"stock-{'products-' if summary else ''}{date.today():%Y%m%d}.csv"
        path, _selected = QFileDialog.getSaveFileName(self, self.tr("Export stock"),
                                                      str(Path(self._export_dir) / name), self.tr("CSV files (*.csv)"))
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        self._export_dir = str(Path(path).parent)
        header, values = self._summary_csv() if summary else self._detail_csv()
        progress = self._export = ExportProgress(total=len(rows))
        dialog = self._export_dialog = QProgressDialog(self.tr("Writing {name}…").format(name=Path(path).name),
                                                       self.tr("Cancel"), 0, max(len(rows), 1), self)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(self.tr("Export stock"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(progress.cancel.set)
        poll = QTimer(dialog)
        poll.setInterval(50)
        poll.timeout.connect(lambda: dialog.setValue(progress.done))
        poll.start()
        self.export_button.setEnabled(False)
        self.run(lambda: write_csv(path, header, rows, values, progress),
                 lambda count: self._export_done(path, count), lambda error: self._export_failed(path, error),
                 key=self._keys[2])

    def _unit_labels(self) -> dict[str, str]:
        return {"piece": self.tr("pcs"), "weighed": self.tr("g")}

    def _detail_csv(self):
        header = [self.tr("Warehouse"), self.tr("Bin"), self.tr("Zone"), self.tr("SKU"), self.tr("Name (English)"),
                  self.tr("Name (Chinese)"), self.tr("Category"), self.tr("Lot"), self.tr("Expiry"),
                  self.tr("Days left"), self.tr("Unit"), self.tr("On hand"), self.tr("Reserved"),
                  self.tr("Available"), self.tr("Status")]
        units = self._unit_labels()
        statuses: dict[tuple[str, bool], str] = {}  # translated once, on the UI thread
        for expiry in ("ok", "near", "expired"):
            for quarantined in (False, True):
                statuses[(expiry, quarantined)] = status_text(SimpleNamespace(expiry_status=expiry,
                                                                              quarantined=quarantined))

        def values(r: QuantRow):
            return (r.warehouse_code, r.bin_code, r.zone, r.sku, r.name_en, r.name_zh, r.category_code, r.lot_number,
                    r.expiry_date.isoformat(), r.days_left, units.get(r.unit, r.unit), r.on_hand, r.reserved,
                    r.on_hand - r.reserved, statuses[(r.expiry_status, r.quarantined)])

        return header, values

    def _summary_csv(self):
        header = [self.tr("Warehouse"), self.tr("SKU"), self.tr("Name (English)"), self.tr("Name (Chinese)"),
                  self.tr("Lots"), self.tr("Bins"), self.tr("Earliest expiry"), self.tr("Unit"), self.tr("On hand"),
                  self.tr("Reserved"), self.tr("Available"), self.tr("Status")]
        units = self._unit_labels()
        statuses = {id(r): summary_status_text(r) for r in self.summary_model.rows()}

        def values(r: ProductStockRow):
            return (r.warehouse_code, r.sku, r.name_en, r.name_zh, r.lots, r.bins, r.earliest_expiry.isoformat(),
                    units.get(r.unit, r.unit), r.on_hand, r.reserved, r.available, statuses.get(id(r), ""))

        return header, values

    def _end_export(self) -> None:
        if self._export_dialog is not None:
            self._export_dialog.close()
            self._export_dialog.deleteLater()
        self._export = self._export_dialog = None
        self.export_button.setEnabled(True)

    def _export_done(self, path: str, count: int) -> None:
        self._end_export()
        self.message_bar.show_success(self.tr("Exported %n row(s) to {path}.", "", count).format(path=path))
        self.export_finished.emit(path, count)

    def _export_failed(self, path: str, error: BaseException) -> None:
        self._end_export()
        if isinstance(error, ExportCancelled):
            self.message_bar.show_info(self.tr("Export cancelled; no file was written."))
        elif isinstance(error, OSError):
            self.message_bar.show_error(self.tr("Could not write {path}: {reason}").format(
                path=path, reason=error.strerror or error))
        else:
            self._show_error(error)
        self.export_finished.emit(path, -1)

    def cancel_export(self) -> None:
        if self._export is not None:
            self._export.cancel.set()

