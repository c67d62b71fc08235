"""Cycle counts: count sheets per zone, counted blind, approved by a supervisor.

* The sheet list (left) shows every sheet with its status and progress;
  "New count sheet…" starts one for a warehouse zone.
* "Count" is the blind counting mode: bin, product, lot and expiry per line
  and the quantity counted — the table's model holds the service's
  ``CounterLine`` rows, which carry no expected quantity at all. Scanning a
  bin (``B:…``) jumps to its lines, scanning a product label to that lot in
  the current bin; a number typed into the scan field (or into the
  "Counted" cell) is the count of the current line, and Enter moves on to
  the next line. "Add found stock…" adds a lot the sheet does not list;
  "Submit" hands the sheet to a supervisor.
* "Variances" (roles that may approve) shows expected, counted, variance
  and value; "Approve…" turns the variances into stock adjustments.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton,
    QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from app.barcodes import BarcodeError, parse_scan
from app.errors import NotFound
from app.permissions import Action
from app.services import catalog, warehouses
from app.services.catalog import ProductRow
from app.services.stock import counts, queries
from app.services.stock.counts import (CountApprovalRow, CounterLine, CountSheetForCounter, CountSheetRow,
                                       VarianceRow)
from app.services.stock.queries import QuantRow
from app.services.warehouses import WarehouseRow
from ui.context import ViewContext
from ui.dialogs.count_dialogs import FoundStockDialog, NewCountSheetDialog
from ui.dialogs.stock_dialogs import AdjustDialog, QuarantineDialog, TransferDialog, WriteOffDialog, describe_result
from ui.formatting import format_cents
from ui.models.counts import CounterLineTableModel, CountSheetTableModel, VarianceTableModel
from ui.quantities import QuantityError, format_quantity, parse_quantity, quantity_error_message
from ui.results import error_text
from ui.scanning.feedback import FeedbackBanner, ScanFeedback
from ui.scanning.scan_field import ScanField
from ui.views.view_support import RefreshingView
from ui.widgets.message_bar import MessageBar
from ui.widgets.tables import configure_table, replace_rows, select_where, selected_row

COUNT_TABLES = frozenset({"count_sheets", "count_lines", "stock_quants", "lots"})
#: what approving a sheet changes
APPROVAL_TABLES = ("count_sheets", "count_lines", "stock_quants", "stock_moves", "audit_log")
FINISHED = ("approved", "cancelled")
_QUANTITY_ENTRY = re.compile(r"^\d{1,7}([.,]\d{1,3})?$")


class CountsView(RefreshingView):
    TABLES = COUNT_TABLES

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("countsView")
        self.setProperty("station", True)
        self.can_approve = context.can(Action.STOCK_APPROVE)
        self._warehouses: list[WarehouseRow] = []
        self._sheet: CountSheetRow | None = None
        self._select_sheet_id: int | None = None
        #: a sheet read that arrived while a cell was being edited, with the saves done when it was asked for
        self._pending_lines: tuple[CountSheetForCounter, int] | None = None
        self._saving_lines: set[int] = set()
        #: counts saved so far: a sheet read started before the latest save would show the older count
        self._saves_done = 0
        self._edit_next = False
        self._load_error = False
        self._keys = {name: f"counts:{id(self)}:{name}"
                      for name in ("sheets", "warehouses", "lines", "variances", "gtin", "quant")}

        self.message_bar = MessageBar(self, "countsMessage")

        # -- sheets -------------------------------------------------------------------
        self.sheet_model = CountSheetTableModel(self)
        self.sheet_table = QTableView(objectName="countSheetTable")
        configure_table(self.sheet_table, self.sheet_model, stretch=CountSheetTableModel.COL_STATUS,
                        min_stretch_width=100, widths={
            CountSheetTableModel.COL_ID: "999",
            CountSheetTableModel.COL_ZONE: "SH AMB",
            CountSheetTableModel.COL_STATUS: "to approve",
            CountSheetTableModel.COL_PROGRESS: "88 / 888",
        })
        self.show_finished = QCheckBox(self.tr("Show approved and cancelled"), objectName="showFinishedCheck")
        self.new_sheet_button = QPushButton(self.tr("New count sheet…"), objectName="newCountSheetButton")

        # -- counting --------------------------------------------------------------------
        self.sheet_header = QLabel(objectName="sheetHeader")
        self.sheet_header.setTextFormat(Qt.TextFormat.PlainText)
        header_font = QFont(self.sheet_header.font())
        header_font.setBold(True)
        self.sheet_header.setFont(header_font)
        self.cancel_sheet_button = QPushButton(self.tr("Cancel sheet…"), objectName="cancelSheetButton")
        self.scan_field = ScanField(self, object_name="countScanInput")
        self.scan_field.setPlaceholderText(self.tr("Scan a bin (B:…) or a label; type the count and press Enter"))
        # a click on a line selects it and the focus goes back to the scan field, so the next scan or
        # count typed lands there (double-click a Counted cell to edit it in place)
        self.scan_field.focus_exempt_types = tuple(
            t for t in ScanField.focus_exempt_types if t is not QAbstractItemView)
        self.banner = FeedbackBanner(self, object_name="countFeedback", point_size=15)
        self.feedback = ScanFeedback(self.banner, parent=self, muted=context.settings.devices.sound_muted)
        self.line_model = CounterLineTableModel(self)
        self.line_table = QTableView(objectName="countLineTable")
        configure_table(self.line_table, self.line_model, stretch=CounterLineTableModel.COL_NAME,
                        min_stretch_width=160, sortable=False, widths={
            CounterLineTableModel.COL_BIN: "SH-CHL-A01-02-1",
            CounterLineTableModel.COL_SKU: "VEG-0000",
            CounterLineTableModel.COL_LOT: "SH261028C005",
            CounterLineTableModel.COL_EXPIRY: "2026-12-31",
            CounterLineTableModel.COL_COUNTED: "123.456 kg",
            CounterLineTableModel.COL_COUNTED_BY: "supervisor",
        })
        self.line_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed
                                        | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.found_button = QPushButton(self.tr("Add found stock…"), objectName="addFoundStockButton")
        self.submit_button = QPushButton(self.tr("Submit"), objectName="submitCountButton")
        self.submit_button.setToolTip(self.tr("Hand the counted sheet to a supervisor for approval"))

        # -- variances -------------------------------------------------------------------------
        self.variance_model = VarianceTableModel(self)
        self.variance_table = QTableView(objectName="varianceTable")
        configure_table(self.variance_table, self.variance_model, stretch=VarianceTableModel.COL_NAME,
                        min_stretch_width=100, widths={
            VarianceTableModel.COL_BIN: "SH-CHL-A01-02-1",
            VarianceTableModel.COL_SKU: "VEG-0000",
            VarianceTableModel.COL_LOT: "SH261028C005",
            VarianceTableModel.COL_EXPECTED: "123.456 kg",
            VarianceTableModel.COL_COUNTED: "123.456 kg",
            VarianceTableModel.COL_VARIANCE: "+123.456 kg",
            VarianceTableModel.COL_VALUE: "-¥8,888.88",
        })
        self.variance_summary = QLabel(objectName="varianceSummary")
        self.variance_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.variance_summary.setWordWrap(True)
        self.only_differences = QCheckBox(self.tr("Only lines that differ"), objectName="onlyDifferencesCheck")
        self.only_differences.setChecked(True)
        self.approve_button = QPushButton(self.tr("Approve…"), objectName="approveButton")
        self.write_off_button = QPushButton(self.tr("Write off…"), objectName="varianceWriteOffButton")
        self.transfer_button = QPushButton(self.tr("Transfer…"), objectName="varianceTransferButton")
        self.adjust_button = QPushButton(self.tr("Correct…"), objectName="varianceAdjustButton")
        self.quarantine_button = QPushButton(self.tr("Quarantine…"), objectName="varianceQuarantineButton")
        self._variances: list[VarianceRow] = []
        self.stock_dialog: QWidget | None = None  # the last stock dialog opened from a variance line

        self._build_layout()
        self._connect()
        self._show_sheet(None)

    # -- layout -------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        sheets_box = QGroupBox(self.tr("Count sheets"), objectName="sheetsBox")
        # wide enough for the sheet columns (sized from samples, never from the rows) and a scroll bar
        header = self.sheet_table.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in range(header.count()) if c != CountSheetTableModel.COL_STATUS)
        sheets_box.setMinimumWidth(columns + 100 + self.sheet_table.verticalScrollBar().sizeHint().width() + 40)
        sheets_layout = QVBoxLayout(sheets_box)
        sheets_layout.addWidget(self.sheet_table, 1)
        sheets_layout.addWidget(self.show_finished)
        sheets_layout.addWidget(self.new_sheet_button)

        count_page = QWidget(objectName="countPage")
        count_layout = QVBoxLayout(count_page)
        count_layout.addWidget(self.scan_field)
        count_layout.addWidget(self.banner)
        count_layout.addWidget(self.line_table, 1)
        count_buttons = QHBoxLayout()
        count_buttons.addWidget(self.found_button)
        count_buttons.addStretch(1)
        count_buttons.addWidget(self.submit_button)
        count_layout.addLayout(count_buttons)

        self.tabs = QTabWidget(objectName="countTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(count_page, self.tr("Count"))
        variance_page = QWidget(objectName="variancePage")
        variance_layout = QVBoxLayout(variance_page)
        variance_top = QHBoxLayout()
        variance_top.addWidget(self.variance_summary, 1)
        variance_top.addWidget(self.only_differences)
        variance_layout.addLayout(variance_top)
        variance_layout.addWidget(self.variance_table, 1)
        variance_buttons = QHBoxLayout()
        for button in (self.transfer_button, self.write_off_button, self.quarantine_button, self.adjust_button):
            variance_buttons.addWidget(button)
        variance_buttons.addStretch(1)
        variance_buttons.addWidget(self.approve_button)
        variance_layout.addLayout(variance_buttons)
        if self.can_approve:
            self.tabs.addTab(variance_page, self.tr("Variances"))
        else:  # a counter never sees it (and the view never loads variances for them)
            variance_page.setParent(self)
            variance_page.hide()

        right = QWidget(objectName="sheetPanel")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.sheet_header, 1)
        header.addWidget(self.cancel_sheet_button)
        right_layout.addLayout(header)
        right_layout.addWidget(self.tabs, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="countsSplitter")
        splitter.addWidget(sheets_box)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.addWidget(self.message_bar)
        outer.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.sheet_table.selectionModel().selectionChanged.connect(self._sheet_selected)
        self.show_finished.toggled.connect(lambda _on: self.load_sheets())
        self.new_sheet_button.clicked.connect(self.new_sheet)
        self.cancel_sheet_button.clicked.connect(self.cancel_sheet)
        self.found_button.clicked.connect(self.add_found_stock)
        self.submit_button.clicked.connect(self.submit)
        self.approve_button.clicked.connect(self.approve)
        self.only_differences.toggled.connect(lambda _on: self._show_variances())
        self.scan_field.scanned.connect(self.handle_scan)
        self.context.connect_serial_scans(self, self.handle_scan)
        self.scan_field.installEventFilter(self)
        self.line_model.count_entered.connect(self._count_entered_in_table)
        self.line_model.count_refused.connect(lambda _line, message: self.feedback.reject(message))
        self.line_table.selectionModel().currentChanged.connect(self._current_line_changed)
        self.line_table.itemDelegate().closeEditor.connect(self._editor_closed)
        self.variance_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.transfer_button.clicked.connect(lambda: self.stock_action(TransferDialog))
        self.write_off_button.clicked.connect(lambda: self.stock_action(WriteOffDialog))
        self.quarantine_button.clicked.connect(lambda: self.stock_action(QuarantineDialog))
        self.adjust_button.clicked.connect(lambda: self.stock_action(AdjustDialog))
        next_line = QAction(self.line_table)
        next_line.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        next_line.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        next_line.triggered.connect(self._edit_current_line)
        self.line_table.addAction(next_line)

    # -- loading ---------------------------------------------------------------------------------
    def _load(self) -> None:
        self.load_sheets()
        db, actor = self.context.database, self.context.actor
        self.run(lambda: warehouses.list_warehouses(db, actor), self._warehouses_loaded, self._load_failed,
                 key=self._keys["warehouses"])
        if self._sheet is not None:
            self.load_sheet(self._sheet.id)

    def load_sheets(self) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: counts.list_count_sheets(db, actor), self._sheets_loaded, self._load_failed,
                 key=self._keys["sheets"])

    def _warehouses_loaded(self, rows: list[WarehouseRow]) -> None:
        self._warehouses = list(rows)

    def _sheets_loaded(self, rows: list[CountSheetRow]) -> None:
        selected = self._select_sheet_id or (self._sheet.id if self._sheet else None)
        shown = [r for r in rows if self.show_finished.isChecked() or r.status not in FINISHED
                 or r.id == selected]
        self.sheet_table.selectionModel().blockSignals(True)
        replace_rows(self.sheet_table, self.sheet_model, shown, key=lambda r: r.id, select_key=self._select_sheet_id)
        self.sheet_table.selectionModel().blockSignals(False)
        self._select_sheet_id = None
        current = selected_row(self.sheet_table)
        if current is None and self.sheet_model.rowCount() and self._sheet is None:
            # straight to the work: a sheet to approve for a supervisor, else the sheet being counted
            wanted = [r for r in shown if self.can_approve and r.status == "submitted"] \
                or [r for r in shown if r.status == "open"]
            if wanted:
                select_where(self.sheet_table, self.sheet_model, lambda r: r.id == wanted[0].id)
                current = selected_row(self.sheet_table)
        if current is None:
            if self._sheet is not None:
                self._show_sheet(None)
        elif self._sheet is None or current.id != self._sheet.id:
            self._show_sheet(current)
            self.load_sheet(current.id)
        else:
            self._sheet = current
            self._update_header()
        if self._load_error and self.message_bar.kind() == "error":
            self.message_bar.clear()
        self._load_error = False

    def _load_failed(self, error: BaseException) -> None:
        self._show_error(error)
        self._load_error = True

    def _sheet_selected(self, *_args) -> None:
        sheet = selected_row(self.sheet_table)
        self._show_sheet(sheet)
        if sheet is not None:
            self.load_sheet(sheet.id)

    def load_sheet(self, sheet_id: int) -> None:
        db, actor, saves_done = self.context.database, self.context.actor, self._saves_done
        self.run(lambda: counts.sheet_for_counter(db, actor, sheet_id),
                 lambda result: self._lines_loaded(result, saves_done), self._load_failed, key=self._keys["lines"])
        if self.can_approve:
            self.run(lambda: (sheet_id, counts.count_variances(db, actor, sheet_id)), self._variances_loaded,
                     self._load_failed, key=self._keys["variances"])

    def _lines_loaded(self, result: CountSheetForCounter, saves_done: int) -> None:
        if self._sheet is None or result.sheet.id != self._sheet.id:
            return
        if saves_done != self._saves_done or self._saving_lines:
            # read while a count of this station was being saved: it may hold the older count; read again
            if not self._saving_lines:
                self.load_sheet(result.sheet.id)
            return
        if self.line_table.state() == QAbstractItemView.State.EditingState:
            self._pending_lines = (result, saves_done)  # applied when the editor closes: never pull a cell away
            return
        self._pending_lines = None
        self._sheet = result.sheet
        if list(result.lines) != self.line_model.rows():
            current = selected_row(self.line_table)
            self.line_model.set_rows(list(result.lines))
            if current is not None:
                self.select_line(lambda r: r.line_id == current.line_id)
            elif result.lines and result.sheet.status == "open":
                first = next((r for r in result.lines if r.counted is None), result.lines[0])
                self.select_line(lambda r: r.line_id == first.line_id)
        self._update_header()

    def _variances_loaded(self, result: tuple[int, list[VarianceRow]]) -> None:
        sheet_id, rows = result
        if self._sheet is None or sheet_id != self._sheet.id:
            return
        self._variances = list(rows)
        self._show_variances()

    def _show_variances(self) -> None:
        rows = [r for r in self._variances if r.variance or not self.only_differences.isChecked()]
        replace_rows(self.variance_table, self.variance_model, rows, key=lambda r: r.line_id)
        differing = [r for r in self._variances if r.variance]
        uncounted = sum(1 for r in self._variances if r.counted is None)
        value = sum(r.value_cents or 0 for r in differing)
        if not self._variances:
            text = self.tr("No lines.")
        elif not differing:
            text = self.tr("All {n} counted line(s) match.").format(n=len(self._variances) - uncounted)
        else:
            text = self.tr("{n} line(s) differ; net value {value}.").format(n=len(differing),
                                                                           value=format_cents(value))
        if uncounted:
            text += " " + self.tr("{n} line(s) not counted yet.").format(n=uncounted)
        self.variance_summary.setText(text)
        self._update_buttons()

    # -- the current sheet ---------------------------------------------------------------------
    def current_sheet(self) -> CountSheetRow | None:
        return self._sheet

    def _show_sheet(self, sheet: CountSheetRow | None) -> None:
        changed = (sheet.id if sheet else None) != (self._sheet.id if self._sheet else None)
        self._sheet = sheet
        if changed:
            self.line_model.set_rows([])
            self._variances = []
            self.variance_model.set_rows([])
            self.variance_summary.clear()
            self.banner.clear_feedback()
        self._update_header()

    def _update_header(self) -> None:
        sheet = self._sheet
        if sheet is None:
            self.sheet_header.setText(self.tr("Choose a count sheet, or start a new one."))
        else:
            self.sheet_header.setText(self.tr("Sheet {id} — {warehouse} zone {zone} — {status} — {counted} of "
                                              "{lines} line(s) counted").format(
                id=sheet.id, warehouse=sheet.warehouse_code, zone=sheet.zone,
                status=self.sheet_model.status_label(sheet.status), counted=self._counted_lines(),
                lines=max(sheet.line_count, self.line_model.rowCount())))
        self.line_model.editable = sheet is not None and sheet.status == "open"
        self._update_buttons()

    def _counted_lines(self) -> int:
        if self.line_model.rowCount():
            return sum(1 for r in self.line_model.rows() if r.counted is not None)
        return self._sheet.counted_lines if self._sheet else 0

    def _update_buttons(self, *_args) -> None:
        sheet = self._sheet
        status = sheet.status if sheet else None
        counting = status == "open"
        self.scan_field.setEnabled(counting)
        self.found_button.setEnabled(counting)
        self.submit_button.setEnabled(counting)
        self.cancel_sheet_button.setEnabled(counting or (status == "submitted" and self.can_approve))
        self.approve_button.setEnabled(status == "submitted" and self.can_approve)
        line = selected_row(self.variance_table)
        for button, action in ((self.transfer_button, Action.STOCK_TRANSFER),
                               (self.write_off_button, Action.STOCK_WRITE_OFF),
                               (self.quarantine_button, Action.STOCK_QUARANTINE),
                               (self.adjust_button, Action.STOCK_APPROVE)):
            button.setEnabled(line is not None and line.on_hand_now > 0 and self.context.can(action))

    # -- counting ---------------------------------------------------------------------------------
    def current_line(self) -> CounterLine | None:
        index = self.line_table.currentIndex()
        return self.line_model.row_at(index.row()) if index.isValid() else None

    def select_line(self, predicate) -> bool:
        row = self.line_model.find_row(predicate)
        if row < 0:
            return False
        self.select_line_row(row)
        return True

    def select_line_row(self, row: int) -> None:
        index = self.line_model.index(row, CounterLineTableModel.COL_COUNTED)
        self.line_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.line_table.scrollTo(index)

    def _current_line_changed(self, current, _previous) -> None:
        # typing on a line edits its count, wherever the person clicked in the row
        if current.isValid() and current.column() != CounterLineTableModel.COL_COUNTED:
            QTimer.singleShot(0, lambda row=current.row(): self._to_counted_column(row))

    def _to_counted_column(self, row: int) -> None:
        current = self.line_table.currentIndex()
        if current.isValid() and current.row() == row and current.column() != CounterLineTableModel.COL_COUNTED \
                and self.line_table.state() != QAbstractItemView.State.EditingState:
            self.line_table.selectionModel().setCurrentIndex(
                self.line_model.index(row, CounterLineTableModel.COL_COUNTED),
                QItemSelectionModel.SelectionFlag.NoUpdate)

    def next_line(self) -> None:
        """Move to the next line (the first one not counted after this one, else simply the next)."""
        rows = self.line_model.rowCount()
        if not rows:
            return
        current = self.line_table.currentIndex().row()
        self.select_line_row(min(current + 1, rows - 1) if current >= 0 else 0)

    def _edit_current_line(self) -> None:
        index = self.line_table.currentIndex()
        if index.isValid() and self.line_model.editable:
            self.line_table.edit(self.line_model.index(index.row(), CounterLineTableModel.COL_COUNTED))

    def _count_entered_in_table(self, line: CounterLine, counted: int) -> None:
        self.record(line, counted)
        self._edit_next = True  # Enter in the cell: the next line's cell opens for typing

    def _editor_closed(self, _editor, _hint) -> None:
        if self._pending_lines is not None:
            pending, saves_done = self._pending_lines
            QTimer.singleShot(0, lambda: self._lines_loaded(pending, saves_done))
        if self._edit_next:
            self._edit_next = False
            QTimer.singleShot(0, self._edit_after_next)

    def _edit_after_next(self) -> None:
        before = self.line_table.currentIndex().row()
        self.next_line()
        if self.line_table.currentIndex().row() != before:
            self._edit_current_line()

    def record(self, line: CounterLine, counted: int) -> None:
        """Save the count of ``line`` (in base units)."""
        sheet = self._sheet
        if sheet is None or sheet.status != "open":
            return
        db, actor = self.context.database, self.context.actor
        self._saving_lines.add(line.line_id)
        self.run(lambda: counts.record_count(db, actor, sheet.id, line.line_id, counted),
                 lambda saved: self._count_saved(saved), lambda error: self._count_failed(line, error))

    def _count_saved(self, line: CounterLine) -> None:
        self._saving_lines.discard(line.line_id)
        self._saves_done += 1
        self.line_model.replace_line(line)
        self._update_header()
        self.feedback.accept(self.tr("{bin} {sku} lot {lot}: counted {quantity}").format(
            bin=line.bin_code, sku=line.sku, lot=line.lot_number, quantity=format_quantity(line.counted, line.unit)))
        self.load_sheets()  # the progress column
        self._reload_variances()

    def _count_failed(self, line: CounterLine, error: BaseException) -> None:
        self._saving_lines.discard(line.line_id)
        self.feedback.reject(error_text(error))
        self.select_line(lambda r: r.line_id == line.line_id)

    def _reload_variances(self) -> None:
        if self.can_approve and self._sheet is not None:
            db, actor, sheet_id = self.context.database, self.context.actor, self._sheet.id
            self.run(lambda: (sheet_id, counts.count_variances(db, actor, sheet_id)), self._variances_loaded,
                     self._load_failed, key=self._keys["variances"])

    def is_saving(self) -> bool:
        return bool(self._saving_lines)

    # -- scanning ----------------------------------------------------------------------------------
    def handle_scan(self, text: str) -> None:
        if self._sheet is None or self._sheet.status != "open":
            self.feedback.reject(self.tr("Choose a sheet that is being counted."))
            return
        entry = text.strip()
        if _QUANTITY_ENTRY.match(entry):
            self._count_typed(entry)
            return
        try:
            result = parse_scan(text)
        except BarcodeError as error:
            if not self._typed_bin(entry):
                self.feedback.reject(str(error))
            return
        if result.kind == "internal":
            if result.internal_kind == "bin":
                self.scan_bin(result.internal_value or "")
            else:
                self.feedback.reject(self.tr("That is a FreshFlow {kind} code; scan a bin or a product label.")
                                     .format(kind=result.internal_kind))
            return
        gtin = result.gtin or result.content_gtin
        if not gtin:
            self.feedback.reject(self.tr("This label names no product (no GTIN)."))
            return
        db, actor = self.context.database, self.context.actor
        self.run(lambda: catalog.find_product_by_gtin(db, actor, gtin),
                 lambda product: self._product_scanned(product, result.batch or ""),
                 lambda error: self.feedback.reject(
                     self.tr("Unknown GTIN {gtin}: no product in the catalogue has it.").format(gtin=gtin)
                     if isinstance(error, NotFound) else error_text(error)),
                 key=self._keys["gtin"])

    def _typed_bin(self, code: str) -> bool:
        if self.line_model.find_row(lambda r: r.bin_code.upper() == code.upper()) >= 0:
            self.scan_bin(code)
            return True
        return False

    def scan_bin(self, code: str) -> None:
        code = code.strip().upper()
        lines = [r for r in self.line_model.rows() if r.bin_code.upper() == code]
        if not lines:
            self.feedback.reject(self.tr("Bin {code} has no lines on this sheet. If you find stock there, use "
                                         "“Add found stock”.").format(code=code))
            return
        first = next((r for r in lines if r.counted is None), lines[0])
        self.select_line(lambda r: r.line_id == first.line_id)
        self.feedback.accept(self.tr("Bin {code}: {n} lot(s) to count — {sku} lot {lot} first").format(
            code=code, n=len(lines), sku=first.sku, lot=first.lot_number))

    def _product_scanned(self, product: ProductRow, lot: str) -> None:
        current = self.current_line()
        bin_code = current.bin_code if current else None

        def matches(r: CounterLine) -> bool:
            return r.product_id == product.id and (not lot or r.lot_number == lot)

        candidates = [r for r in self.line_model.rows() if matches(r)]
        here = [r for r in candidates if r.bin_code == bin_code]
        chosen = (here or candidates or [None])[0]
        if chosen is None:
            where = self.tr(" in bin {bin}").format(bin=bin_code) if bin_code else ""
            self.feedback.reject(self.tr("{sku}{lot} is not on this sheet{where}. If it is in the bin, use "
                                         "“Add found stock”.").format(
                sku=product.sku, lot=self.tr(" lot {lot}").format(lot=lot) if lot else "", where=where))
            return
        self.select_line(lambda r: r.line_id == chosen.line_id)
        self.feedback.accept(self.tr("{bin} {sku} lot {lot}: type the count").format(
            bin=chosen.bin_code, sku=chosen.sku, lot=chosen.lot_number))

    def _count_typed(self, text: str) -> None:
        line = self.current_line()
        if line is None:
            self.feedback.reject(self.tr("Scan the bin first, then type the count."))
            return
        try:
            counted = parse_quantity(text, line.unit)
        except QuantityError as error:
            self.feedback.reject(quantity_error_message(error, line.unit))
            return
        self.record(line, counted)
        self.next_line()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.scan_field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.scan_field.raw_text():
            self.next_line()  # Enter on the empty scan field: the next line
            return True
        return super().eventFilter(watched, event)

    # -- sheet actions ------------------------------------------------------------------------------
    def new_sheet(self) -> NewCountSheetDialog:
        warehouse_id = self._sheet.warehouse_id if self._sheet else None
        dialog = NewCountSheetDialog(self.context, self._warehouses, warehouse_id, self)
        dialog.saved.connect(self._sheet_created)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _sheet_created(self, sheet: CountSheetRow) -> None:
        self.message_bar.show_success(self.tr("Count sheet {id} for {warehouse} zone {zone}: {n} line(s) to "
                                              "count.").format(id=sheet.id, warehouse=sheet.warehouse_code,
                                                               zone=sheet.zone, n=sheet.line_count))
        self._select_sheet_id = sheet.id
        self.load_sheets()
        self.announce("count_sheets", "count_lines", "audit_log")

    def add_found_stock(self) -> FoundStockDialog | None:
        if self._sheet is None or self._sheet.status != "open":
            return None
        current = self.current_line()
        dialog = FoundStockDialog(self.context, self._sheet, current.bin_code if current else "", self)
        dialog.saved.connect(self._found_stock_added)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _found_stock_added(self, line: CounterLine) -> None:
        self.line_model.replace_line(line)
        self.select_line(lambda r: r.line_id == line.line_id)
        self._update_header()
        self.feedback.accept(self.tr("Added {sku} lot {lot} in {bin}: {quantity}").format(
            sku=line.sku, lot=line.lot_number, bin=line.bin_code, quantity=format_quantity(line.counted, line.unit)))
        self.load_sheets()
        self._reload_variances()

    def _confirm(self, object_name: str, title: str, text: str, ok_text: str, on_ok) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName(object_name)
        ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
        ok.setObjectName("confirmButton")
        box.addButton(self.tr("Back"), QMessageBox.ButtonRole.RejectRole).setObjectName("backButton")
        box.setDefaultButton(ok)
        box.finished.connect(lambda _result: on_ok() if box.clickedButton() is ok else None)
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def submit(self) -> QMessageBox | None:
        sheet = self._sheet
        if sheet is None or sheet.status != "open":
            return None
        uncounted = sum(1 for r in self.line_model.rows() if r.counted is None)
        text = self.tr("Submit count sheet {id} ({warehouse} zone {zone}) for approval? The counts cannot be "
                       "changed afterwards.").format(id=sheet.id, warehouse=sheet.warehouse_code, zone=sheet.zone)
        if uncounted:
            text += "\n\n" + self.tr("{n} line(s) are not counted yet; enter 0 where a lot is not in its bin.") \
                .format(n=uncounted)
        return self._confirm("submitConfirm", self.tr("Submit count"), text, self.tr("Submit"),
                             lambda: self._submit(sheet.id))

    def _submit(self, sheet_id: int) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: counts.submit_count_sheet(db, actor, sheet_id), self._sheet_changed,
                 lambda error: self.message_bar.show_error(error_text(error)), changes=True)

    def approve(self) -> QMessageBox | None:
        sheet = self._sheet
        if sheet is None or sheet.status != "submitted" or not self.can_approve:
            return None
        differing = [r for r in self._variances if r.variance]
        value = sum(r.value_cents or 0 for r in differing)
        text = self.tr("Approve count sheet {id} ({warehouse} zone {zone})?").format(
            id=sheet.id, warehouse=sheet.warehouse_code, zone=sheet.zone) + "\n\n"
        text += (self.tr("{n} line(s) differ; stock is adjusted by their variances, net value {value}.").format(
            n=len(differing), value=format_cents(value)) if differing
            else self.tr("Every line matches; no stock changes."))
        return self._confirm("approveConfirm", self.tr("Approve count"), text, self.tr("Approve"),
                             lambda: self._approve(sheet.id))

    def _approve(self, sheet_id: int) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: counts.approve_count_sheet(db, actor, sheet_id), self._approved,
                 lambda error: self.message_bar.show_error(error_text(error)), changes=True)

    def _approved(self, result: CountApprovalRow) -> None:
        self.message_bar.show_success(self.tr("Count sheet {id} approved: {n} adjustment(s), net value {value}.")
                                      .format(id=result.sheet.id, n=result.adjusted_lines,
                                              value=format_cents(result.value_cents)))
        self._sheet_changed(result.sheet, announce=APPROVAL_TABLES)

    def cancel_sheet(self) -> QInputDialog | None:
        sheet = self._sheet
        if sheet is None or sheet.status not in ("open", "submitted"):
            return None
        dialog = QInputDialog(self)
        dialog.setObjectName("cancelSheetDialog")
        dialog.setWindowTitle(self.tr("Cancel count sheet"))
        dialog.setLabelText(self.tr("Cancel count sheet {id} ({warehouse} zone {zone})? Stock is not changed.\n"
                                    "Reason:").format(id=sheet.id, warehouse=sheet.warehouse_code, zone=sheet.zone))
        dialog.setOkButtonText(self.tr("Cancel sheet"))
        dialog.setCancelButtonText(self.tr("Back"))
        dialog.textValueSelected.connect(lambda reason: self._cancel(sheet.id, reason))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _cancel(self, sheet_id: int, reason: str) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: counts.cancel_count_sheet(db, actor, sheet_id, reason), self._sheet_changed,
                 lambda error: self.message_bar.show_error(error_text(error)), changes=True)

    def _sheet_changed(self, sheet: CountSheetRow, announce: tuple[str, ...] = ("count_sheets", "audit_log")) -> None:
        if self._sheet is not None and self._sheet.id == sheet.id:
            self._sheet = sheet
            self._update_header()
        if sheet.status == "submitted":
            self.message_bar.show_success(self.tr("Count sheet {id} is submitted for approval.").format(id=sheet.id))
        elif sheet.status == "cancelled":
            self.message_bar.show_info(self.tr("Count sheet {id} is cancelled.").format(id=sheet.id))
        self._select_sheet_id = sheet.id
        self.load_sheets()
        self.load_sheet(sheet.id)
        self.announce(*announce)

    # -- stock actions on a variance line ---------------------------------------------------------
    def selected_variance(self) -> VarianceRow | None:
        return selected_row(self.variance_table)

    def stock_action(self, dialog_class) -> None:
        """Open a stock dialog for the bin × lot of the selected variance line (its stock record is read first)."""
        line = self.selected_variance()
        sheet = self._sheet
        if line is None or sheet is None:
            return
        db, actor, warehouse_id = self.context.database, self.context.actor, sheet.warehouse_id

        def find() -> QuantRow | None:
            return next((q for q in queries.list_quants(db, actor, warehouse_id=warehouse_id)
                         if q.bin_id == line.bin_id and q.lot_id == line.lot_id), None)

        self.run(find, lambda quant: self._open_stock_dialog(dialog_class, quant, line), key=self._keys["quant"])

    def _open_stock_dialog(self, dialog_class, quant: QuantRow | None, line: VarianceRow) -> None:
        if quant is None:
            self.message_bar.show_warning(self.tr("Bin {bin} holds none of lot {lot} now.").format(
                bin=line.bin_code, lot=line.lot_number))
            return
        dialog = dialog_class(self.context, quant, self)
        dialog.saved.connect(self._stock_action_done)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.stock_dialog = dialog

    def _stock_action_done(self, row) -> None:
        self.message_bar.show_success(describe_result(row))
        self._reload_variances()
        self.announce("stock_quants", "stock_moves", "lots", "audit_log")
