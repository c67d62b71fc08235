"""Picking station: a picker walks a pick list with a scanner and never needs the mouse.

* "Take next pick list" (F5, or Enter on the empty scan field when no list
  is open) claims the next list of the station's warehouse
  (``claiming.take_next``); the picker's own unfinished list comes back first,
  and a list this picker still holds is resumed when the view opens.
* The current task fills the screen: bin (very large), product in the UI
  language, SKU, a colour tag for the temperature class, what is left to take
  (pieces, or "n pieces" of about the nominal weight), the reserved lot and
  its expiry, and for waves the order and its tote. The task list below
  shows every task in pick order with its state.
* Every scan (bin ``B:…``, tote ``T:…``, item: GTIN, GS1 with GS, variable
  measure EAN-13, or a typed count of 1–4 digits) goes to
  ``scanning.scan`` numbered with the station's scan sequence. Keys: F2 undo,
  F4 short (press again or Enter to confirm), F6 lot not found, F7 skip,
  Enter / Esc to accept / decline a substitute, F9 release the list.
* Each answer flashes the banner green or red with the service's message and
  plays the accept or reject sound; a rejected scan changes nothing.

Every database call runs off the UI thread through the context's runner, one
at a time: scans arriving meanwhile wait in a queue and are sent in order.
A scan whose call fails because the database cannot be reached is sent again
with the *same* sequence number (the service answers a repeated number with
what it did the first time), so no scan is lost or counted twice.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton,
    QSizePolicy, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from app.errors import DatabaseUnavailable, NotFound
from app.services import warehouses
from app.services.picking import claiming, scanning, views
from app.services.picking.scanning import ScanOutcome
from app.services.picking.views import PickListView, TaskView
from app.services.warehouses import WarehouseRow
from ui.context import ViewContext
from ui.models.picking import (PickTaskFilterProxyModel, PickTaskTableModel, amount_to_pick, left_text, nominal_text,
                               picked_text, temperature_colours, temperature_label)
from ui.models.stock import product_name
from ui.results import error_text
from ui.scanning.feedback import FeedbackBanner, ScanFeedback
from ui.scanning.scan_field import ScanField
from ui.scanning.station_devices import connect_station_scans
from ui.views.view_support import RefreshingView
from ui.widgets.message_bar import MessageBar
from ui.widgets.warehouse_combo import fill_warehouse_combo
from ui.widgets.tables import configure_table

log = logging.getLogger(__name__)

#: tables whose change (here or at another station) makes the open list stale
PICKING_TABLES = frozenset({"pick_lists", "pick_tasks", "pick_list_orders", "warehouses"})
#: QSettings key of the warehouse this station picks in (its code)
WAREHOUSE_SETTING = "picking/warehouse"
#: QSettings key of this station's name for the scan numbering (default: derived from the host name)
STATION_SETTING = "picking/stationName"
#: waits before sending a scan again while the database cannot be reached (the last one repeats)
RETRY_DELAYS_MS = (200, 500, 1000, 2000, 4000)

# what the queue holds
SCAN, UNDO, SHORT, LOT_MISSING, SKIP, SUBSTITUTE, TAKE_NEXT, RELEASE = (
    "scan", "undo", "short", "lot_missing", "skip", "substitute", "take_next", "release")
#: actions that are numbered with the station's scan sequence (and need an open list)
NUMBERED = frozenset({SCAN, UNDO, SHORT, LOT_MISSING, SKIP, SUBSTITUTE})


def default_station_name() -> str:
    """``pick@<host>``: scans are numbered per station, so every picking PC needs its own name."""
    host = (socket.gethostname() or "pc").split(".")[0]
    return f"pick@{host}"[:40]


def configured_station_name() -> str:
    return (str(QSettings().value(STATION_SETTING, "") or "").strip() or default_station_name())[:40]


@dataclass
class PendingAction:
    """A scan or key press waiting for (or in) its database call."""

    kind: str
    raw: str = ""
    accept: bool = False
    #: the scan sequence, given when first sent and kept for every retry
    seq: int | None = None
    attempts: int = 0
    #: time.perf_counter() when the scan or key arrived (scan-to-feedback latency)
    received: float = field(default_factory=time.perf_counter)

    @property
    def numbered(self) -> bool:
        return self.kind in NUMBERED


def _style(widget: QWidget, css: str) -> None:
    """A widget's own style sheet: wins over the application's station font sizes (set only when it changes:
    every new style sheet re-polishes the widget)."""
    if widget.styleSheet() != css:
        widget.setStyleSheet(css)


class PickingView(RefreshingView):
    TABLES = PICKING_TABLES

    #: (outcome, seconds from the scan's arrival to the result on screen) after every numbered action
    outcome_shown = Signal(object, float)
    #: the list shown changed (a PickListView, or None)
    list_changed = Signal(object)
    #: the queue ran empty (nothing waiting, nothing in flight)
    idle = Signal()

    def __init__(self, context: ViewContext, parent: QWidget | None = None, *, station_name: str | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("pickingView")
        self.setProperty("station", True)  # large type, whether opened as a station or as a tab
        self.station_name = (station_name or configured_station_name())[:40]
        self._list: PickListView | None = None
        self._warehouses: list[WarehouseRow] = []
        self._queue: deque[PendingAction] = deque()
        self._in_flight: PendingAction | None = None
        self._seq: int | None = None
        self._seq_loading = False
        self._generation = 0  # bumped whenever a result replaces the list shown
        self._confirming: str | None = None  # SHORT or RELEASE while the picker is asked to confirm
        self._resume_checked = False
        self._nothing_waiting = False  # the last "take next" found no list
        self._retry_index = 0
        self._keys = {name: f"picking:{id(self)}:{name}" for name in ("warehouses", "list", "resume")}
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._pump)

        self.message_bar = MessageBar(self, "pickingMessage")

        # -- header: list, kind, slot, temperature, progress, warehouse ------------------------
        self.list_label = QLabel(objectName="listLabel")
        _style(self.list_label, "font-size: 22pt; font-weight: 700;")
        self.kind_label = QLabel(objectName="kindLabel")
        self.slot_label = QLabel(objectName="slotLabel")
        self.list_temperature = QLabel(objectName="listTemperatureTag")
        self.progress_bar = QProgressBar(objectName="progressBar")
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setMinimumWidth(200)
        self.progress_bar.setMinimumHeight(34)
        _style(self.progress_bar, "QProgressBar { font-size: 14pt; border: 1px solid #bdc1c6; border-radius: 4px;"
                                  " text-align: center; background: #ffffff; }"
                                  " QProgressBar::chunk { background: #81c995; border-radius: 3px; }")
        self.warehouse_combo = QComboBox(objectName="warehouseCombo")
        self.warehouse_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.warehouse_combo.setToolTip(self.tr("The warehouse this station picks in"))

        # -- scan field and feedback --------------------------------------------------------------
        self.scan_field = ScanField(self)  # objectName "scanInput"
        self.scan_field.setPlaceholderText(self.tr("Scan the bin, the item or a tote; type a count and press Enter"))
        _style(self.scan_field, "font-size: 18pt; min-height: 44px;")
        self.banner = FeedbackBanner(self, object_name="feedbackBanner", point_size=20)
        self.banner.setStyleSheet(self.banner.styleSheet() + "\nQLabel#feedbackBanner { font-size: 20pt;"
                                                             " font-weight: 700; }")
        self.feedback = ScanFeedback(self.banner, parent=self, muted=context.settings.devices.sound_muted)

        # -- the current task ----------------------------------------------------------------------
        self.step_label = QLabel(objectName="stepLabel")
        _style(self.step_label, "font-size: 18pt; font-weight: 600; color: #1a73e8;")
        self.bin_caption = QLabel(self.tr("Bin"), objectName="binCaption")
        self.bin_label = QLabel(objectName="binLabel")
        _style(self.bin_label, "font-size: 60pt; font-weight: 800; letter-spacing: 1px;")
        self.bin_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.temperature_tag = QLabel(objectName="temperatureTag")
        self.temperature_tag.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.product_label = QLabel(objectName="productLabel")
        _style(self.product_label, "font-size: 28pt; font-weight: 700;")
        self.product_label.setWordWrap(True)
        self.sku_label = QLabel(objectName="skuLabel")
        _style(self.sku_label, "font-size: 18pt; color: #3c4043;")
        self.quantity_caption = QLabel(self.tr("Take"), objectName="quantityCaption")
        self.quantity_label = QLabel(objectName="quantityLabel")
        _style(self.quantity_label, "font-size: 60pt; font-weight: 800;")
        self.quantity_detail = QLabel(objectName="quantityDetail")
        self.quantity_detail.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        _style(self.quantity_detail, "font-size: 16pt; color: #3c4043;")
        self.lot_label = QLabel(objectName="lotLabel")
        _style(self.lot_label, "font-size: 18pt;")
        self.lot_label.setWordWrap(True)
        self.order_label = QLabel(objectName="orderLabel")
        _style(self.order_label, "font-size: 18pt;")
        self.order_label.setWordWrap(True)
        for caption in (self.bin_caption, self.quantity_caption):
            _style(caption, "font-size: 13pt; color: #5f6368; text-transform: uppercase;")
        for label in (self.list_label, self.kind_label, self.slot_label, self.step_label, self.bin_label,
                      self.product_label, self.sku_label, self.quantity_label, self.quantity_detail, self.lot_label,
                      self.order_label):
            label.setTextFormat(Qt.TextFormat.PlainText)

        # -- no list / finished ----------------------------------------------------------------------------
        self.idle_label = QLabel(objectName="idleLabel")
        self.idle_label.setTextFormat(Qt.TextFormat.PlainText)
        self.idle_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_label.setWordWrap(True)
        _style(self.idle_label, "font-size: 24pt; font-weight: 600;")
        self.take_next_button = QPushButton(self.tr("F5  Take next pick list"), objectName="takeNextButton")
        _style(self.take_next_button, "font-size: 20pt; font-weight: 700; min-height: 64px; padding: 8px 40px;")

        # -- substitute offer and confirmations ------------------------------------------------------
        self.offer_label = QLabel(objectName="offerLabel")
        self.offer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.offer_label.setWordWrap(True)
        _style(self.offer_label, "font-size: 20pt; font-weight: 700;")
        self.accept_offer_button = QPushButton(self.tr("Enter  Yes, take it"), objectName="acceptSubstituteButton")
        self.decline_offer_button = QPushButton(self.tr("Esc  No"), objectName="declineSubstituteButton")
        self.offer_panel = QFrame(objectName="offerPanel")
        self.offer_panel.hide()
        _style(self.offer_panel, "QFrame#offerPanel { background: #e8f0fe; border: 2px solid #1a73e8;"
                                 " border-radius: 6px; }")
        self.confirm_label = QLabel(objectName="confirmPrompt")
        self.confirm_label.hide()
        self.confirm_label.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm_label.setWordWrap(True)
        _style(self.confirm_label, "QLabel#confirmPrompt { font-size: 20pt; font-weight: 700; background: #fff3c4;"
                                   " border: 2px solid #f9ab00; border-radius: 6px; padding: 10px; }")

        # -- key buttons (for a touch screen or a mouse; the keys do the same) --------------------------
        self.undo_button = QPushButton(self.tr("F2  Undo"), objectName="undoButton")
        self.short_button = QPushButton(self.tr("F4  Short"), objectName="shortButton")
        self.lot_missing_button = QPushButton(self.tr("F6  Lot not found"), objectName="lotMissingButton")
        self.skip_button = QPushButton(self.tr("F7  Skip"), objectName="skipButton")
        self.release_button = QPushButton(self.tr("F9  Release list"), objectName="releaseButton")
        self.undo_button.setToolTip(self.tr("Take back the last item scan (the goods go back into the bin)"))
        self.short_button.setToolTip(self.tr("The rest of this task is not there"))
        self.lot_missing_button.setToolTip(self.tr("The reserved lot is not in the bin; another valid lot of the "
                                                   "product will be accepted"))
        self.skip_button.setToolTip(self.tr("Leave this task for later (it moves to the end of the list)"))
        self.release_button.setToolTip(self.tr("Put the list back for another picker; what is picked stays picked"))

        # -- the task list --------------------------------------------------------------------------------
        self.task_model = PickTaskTableModel(self)
        self.task_proxy = PickTaskFilterProxyModel(self)
        self.task_proxy.setSourceModel(self.task_model)
        self.task_table = QTableView(self, objectName="taskTable")
        # its own font size, set before the columns are measured (the station style must not make it bigger)
        _style(self.task_table, "QTableView#taskTable { font-size: 12pt; }")
        # columns sized for the current task's row, which is bold (widest: the bold table font)
        self.task_table.ensurePolished()
        bold = QFont(self.task_table.font())
        bold.setBold(True)
        self.task_model.current_font = bold
        metrics = QFontMetrics(bold)
        samples = {
            PickTaskTableModel.COL_POSITION: "888",
            PickTaskTableModel.COL_STATE: "▶ now",
            PickTaskTableModel.COL_BIN: "SH-CHL-A01-02-1",
            PickTaskTableModel.COL_SKU: "VEG-0000",
            PickTaskTableModel.COL_LOT: "SH261028C005",
            PickTaskTableModel.COL_EXPIRY: "2026-12-31",
            PickTaskTableModel.COL_PICKED: "88 / 88 (888 g)",
            PickTaskTableModel.COL_ORDER: "20260101-0000",
            PickTaskTableModel.COL_TOTE: "TOTE-000",
        }
        configure_table(self.task_table, self.task_proxy, stretch=PickTaskTableModel.COL_NAME,
                        min_stretch_width=200, sortable=False,
                        widths={column: metrics.horizontalAdvance(text) + 24 for column, text in samples.items()})
        # an overview: where, what, how many, whose; the current task's SKU and expiry are in the panel above
        for column in (PickTaskTableModel.COL_SKU, PickTaskTableModel.COL_EXPIRY):
            self.task_table.setColumnHidden(column, True)
        # the scanner keeps typing into the scan field whatever the picker touches
        self.task_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.task_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.open_only_check = QCheckBox(self.tr("Only tasks still to pick"), objectName="openOnlyCheck")
        self.open_only_check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.task_count_label = QLabel(objectName="taskCountLabel")
        _style(self.task_count_label, "font-size: 13pt; color: #3c4043;")
        self.station_label = QLabel(objectName="stationNameLabel")
        self.station_label.setTextFormat(Qt.TextFormat.PlainText)
        _style(self.station_label, "font-size: 11pt; color: #5f6368;")
        self.station_label.setToolTip(self.tr("This station's name: its scans are numbered under it"))

        for button in (self.take_next_button, self.accept_offer_button, self.decline_offer_button, self.undo_button,
                       self.short_button, self.lot_missing_button, self.skip_button, self.release_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)

        self._build_layout()
        self._connect()
        self._show()

    # -- layout -----------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(14)
        header.addWidget(self.list_label)
        header.addWidget(self.kind_label)
        header.addWidget(self.list_temperature)
        header.addWidget(self.slot_label)
        header.addStretch(1)
        header.addWidget(self.progress_bar, 1)
        warehouse_label = QLabel(self.tr("Warehouse"))
        warehouse_label.setBuddy(self.warehouse_combo)
        header.addSpacing(12)
        header.addWidget(warehouse_label)
        header.addWidget(self.warehouse_combo)
        header.addWidget(self.station_label)

        # the current task: what to do next; bin and what is left to take in the largest type; the product
        # across the whole width; lot, expiry, order and tote below
        task_page = QFrame(objectName="currentTaskPanel")
        _style(task_page, "QFrame#currentTaskPanel { background: #ffffff; border: 1px solid #dadce0;"
                          " border-radius: 8px; }")
        bin_box = QVBoxLayout()
        bin_box.setSpacing(0)
        bin_box.addWidget(self.bin_caption)
        bin_box.addWidget(self.bin_label)
        bin_box.addStretch(1)
        quantity_box = QVBoxLayout()
        quantity_box.setSpacing(0)
        quantity_box.addWidget(self.quantity_caption, 0, Qt.AlignmentFlag.AlignRight)
        quantity_box.addWidget(self.quantity_label, 0, Qt.AlignmentFlag.AlignRight)
        quantity_box.addWidget(self.quantity_detail, 0, Qt.AlignmentFlag.AlignRight)
        quantity_box.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(bin_box)
        top.addStretch(1)
        top.addLayout(quantity_box)
        name_row = QHBoxLayout()
        name_row.setSpacing(14)
        name_row.addWidget(self.temperature_tag, 0, Qt.AlignmentFlag.AlignVCenter)
        name_row.addWidget(self.product_label, 1)
        details = QHBoxLayout()
        details.setSpacing(28)
        details.addWidget(self.sku_label)
        details.addWidget(self.lot_label, 1)
        panel = QVBoxLayout(task_page)
        panel.setContentsMargins(18, 8, 18, 10)
        panel.setSpacing(2)
        panel.addWidget(self.step_label)
        panel.addLayout(top)
        panel.addLayout(name_row)
        panel.addLayout(details)
        panel.addWidget(self.order_label)

        idle_page = QWidget(objectName="idlePage")
        idle_layout = QVBoxLayout(idle_page)
        idle_layout.addStretch(1)
        idle_layout.addWidget(self.idle_label)
        idle_layout.addSpacing(12)
        idle_layout.addWidget(self.take_next_button, 0, Qt.AlignmentFlag.AlignHCenter)
        idle_layout.addStretch(1)

        self.task_stack = QStackedWidget(objectName="taskStack")
        self.task_stack.addWidget(idle_page)
        self.task_stack.addWidget(task_page)
        self.task_stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        offer_layout = QHBoxLayout(self.offer_panel)
        offer_layout.setContentsMargins(14, 8, 14, 8)
        offer_layout.addWidget(self.offer_label, 1)
        offer_layout.addWidget(self.accept_offer_button)
        offer_layout.addWidget(self.decline_offer_button)

        keys = QHBoxLayout()
        for button in (self.undo_button, self.short_button, self.lot_missing_button, self.skip_button):
            keys.addWidget(button)
        keys.addSpacing(12)
        keys.addWidget(self.task_count_label)
        keys.addStretch(1)
        keys.addWidget(self.open_only_check)
        keys.addSpacing(12)
        keys.addWidget(self.release_button)

        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        outer.addWidget(self.message_bar)
        outer.addLayout(header)
        outer.addWidget(self.scan_field)
        outer.addWidget(self.banner)
        outer.addWidget(self.confirm_label)
        outer.addWidget(self.offer_panel)
        outer.addWidget(self.task_stack)
        outer.addLayout(keys)
        outer.addWidget(self.task_table, 1)

    def _connect(self) -> None:
        connect_station_scans(self, self.context, self.scan_field, self.feedback, self.handle_scan,
                              self.tr("The same label was read twice; it counts once. Scan the next one."))
        self.warehouse_combo.currentIndexChanged.connect(self._warehouse_changed)
        self.open_only_check.toggled.connect(self._open_only_toggled)
        self.take_next_button.clicked.connect(self.take_next)
        self.accept_offer_button.clicked.connect(lambda: self.answer_substitute(True))
        self.decline_offer_button.clicked.connect(lambda: self.answer_substitute(False))
        self.undo_button.clicked.connect(self.undo)
        self.short_button.clicked.connect(self.short)
        self.lot_missing_button.clicked.connect(self.lot_missing)
        self.skip_button.clicked.connect(self.skip)
        self.release_button.clicked.connect(self.release)
        self.shortcut_actions: dict[str, QAction] = {}
        self._function_keys: dict[Qt.Key, Callable[[], None]] = {}
        for name, key, slot in (("undo", Qt.Key.Key_F2, self.undo), ("short", Qt.Key.Key_F4, self.short),
                                ("take_next", Qt.Key.Key_F5, self.take_next),
                                ("lot_missing", Qt.Key.Key_F6, self.lot_missing), ("skip", Qt.Key.Key_F7, self.skip),
                                ("release", Qt.Key.Key_F9, self.release)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.shortcut_actions[name] = action
            self._function_keys[key] = slot

    # -- loading and refreshing -------------------------------------------------------------------------------
    def _load(self) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: warehouses.list_warehouses(db, actor), self._warehouses_loaded, self._load_failed,
                 key=self._keys["warehouses"])
        self._ensure_seq()
        self._reload_list()

    def _load_failed(self, error: BaseException) -> None:
        self.message_bar.show_error(error_text(error), self.tr("Try again"), self.refresh)

    def _warehouses_loaded(self, rows: list[WarehouseRow]) -> None:
        self._warehouses = [w for w in rows if w.active]
        fill_warehouse_combo(self.warehouse_combo, self._warehouses, WAREHOUSE_SETTING)
        if self._warehouses and not self._resume_checked:
            self._resume_checked = True
            self._resume_own_list()
        self._show()

    def _warehouse_changed(self, _index: int) -> None:
        warehouse = self.warehouse()
        self._nothing_waiting = False
        if warehouse is not None:
            QSettings().setValue(WAREHOUSE_SETTING, warehouse.code)
        if self._list is None or not self.list_active():
            self._resume_own_list()
        self._show()

    def warehouse(self) -> WarehouseRow | None:
        warehouse_id = self.warehouse_combo.currentData()
        return next((w for w in self._warehouses if w.id == warehouse_id), None)

    def _resume_own_list(self) -> None:
        """A list this picker still holds in the warehouse (a restarted station) is picked up again."""
        warehouse = self.warehouse()
        if warehouse is None or self._list is not None or self._busy():
            return
        db, actor = self.context.database, self.context.actor

        def own() -> int | None:
            return next((row.id for row in views.pick_lists(db, actor, warehouse.id, states=("claimed",))
                         if row.claimed_by == actor.username), None)

        self.run(own, lambda found: self._enqueue(PendingAction(TAKE_NEXT)) if found and self._list is None
                 and not self._busy() else None, self._load_failed, key=self._keys["resume"])

    def _ensure_seq(self) -> None:
        if self._seq is not None or self._seq_loading:
            return
        self._seq_loading = True
        db, station = self.context.database, self.station_name
        self.run(lambda: views.next_scan_seq(db, station), self._seq_loaded, self._seq_failed)

    def _seq_loaded(self, seq: int) -> None:
        self._seq_loading = False
        self.message_bar.clear()
        if self._seq is None or seq > self._seq:
            self._seq = seq
        self._retry_index = 0
        self._pump()

    def _seq_failed(self, error: BaseException) -> None:
        self._seq_loading = False
        if self._busy():  # scans are waiting for their numbers
            self._show_waiting(error)
        else:
            self.message_bar.show_error(error_text(error))
        QTimer.singleShot(self._next_retry_delay(), self, self._ensure_seq)

    def _reload_list(self) -> None:
        """Read the open list again (another station or a supervisor changed it); never over a newer answer."""
        if self._list is None or self._busy():
            return
        db, actor, list_id, generation = self.context.database, self.context.actor, self._list.id, self._generation
        self.run(lambda: views.pick_list(db, actor, list_id),
                 lambda view: self._list_reloaded(view, generation),
                 self._reload_failed, key=self._keys["list"])

    def _list_reloaded(self, view: PickListView, generation: int) -> None:
        if generation != self._generation or self._busy() or self._list is None or self._list.id != view.id:
            return  # a scan answered meanwhile: its view is newer
        was_active = self.list_active()
        self._set_list(view)
        if was_active and not self.list_active() and not view.finished:
            self.feedback.reject(self._not_yours_text(view))

    def _reload_failed(self, error: BaseException) -> None:
        if isinstance(error, NotFound):
            self._set_list(None)
        self._load_failed(error)

    def refresh(self) -> None:
        if self._busy():  # the answers on their way are newer than a reload; look again when they are in
            self.mark_stale()
            return
        super().refresh()

    # -- state --------------------------------------------------------------------------------------------------
    def current_list(self) -> PickListView | None:
        return self._list

    def current_task(self) -> TaskView | None:
        return self._list.current if self._list is not None else None

    def list_active(self) -> bool:
        """A list is open, claimed by this picker and not finished: scans go to it."""
        view = self._list
        return view is not None and view.state == "claimed" and view.claimed_by == self.context.actor.username

    def _busy(self) -> bool:
        return self._in_flight is not None or bool(self._queue)

    def pending_count(self) -> int:
        """Scans and key actions waiting or in flight."""
        return len(self._queue) + (1 if self._in_flight is not None else 0)

    @property
    def next_seq(self) -> int | None:
        return self._seq

    def _set_list(self, view: PickListView | None) -> None:
        if view is not None:
            self._nothing_waiting = False
        changed = (view.id if view else None) != (self._list.id if self._list else None)
        self._list = view
        self._generation += 1
        if changed:
            self._cancel_confirmation()
        self._show()
        self.list_changed.emit(view)

    # -- input ---------------------------------------------------------------------------------------------------
    def handle_scan(self, text: str) -> None:
        """A scan from the wedge field or the serial scanner, or a typed count: queued and sent in order."""
        if not text.strip():
            return
        self._cancel_confirmation()
        self._enqueue(PendingAction(SCAN, raw=text))

    def take_next(self) -> None:
        if self.list_active() and not self._list_will_change():
            view = self._list
            self.feedback.reject(self.tr("Pick list {code} is still open: finish it, or release it (F9) first.")
                                 .format(code=view.code))
            return
        if self.warehouse() is None:
            self.feedback.reject(self.tr("Choose the warehouse this station picks in first."))
            return
        if any(action.kind == TAKE_NEXT for action in self._queue):
            return
        self._cancel_confirmation()
        self._enqueue(PendingAction(TAKE_NEXT))

    def _list_will_change(self) -> bool:
        """Something queued may finish or release the list (then F5 waits in the queue behind it)."""
        return self._busy()

    def undo(self) -> None:
        self._cancel_confirmation()
        self._enqueue(PendingAction(UNDO))

    def lot_missing(self) -> None:
        self._cancel_confirmation()
        self._enqueue(PendingAction(LOT_MISSING))

    def skip(self) -> None:
        self._cancel_confirmation()
        self._enqueue(PendingAction(SKIP))

    def short(self) -> None:
        """F4: ask first (F4 again or Enter confirms, Esc cancels); a short pick cannot be undone."""
        if self._confirming == SHORT:
            self._confirm()
            return
        task = self.current_task()
        if not self.list_active() or task is None:
            self.feedback.reject(self._no_list_text())
            return
        self._ask(SHORT, self.tr("Report {product} short in bin {bin}: {left} not there? F4 or Enter = yes, "
                                 "Esc = no.").format(product=product_name(task), bin=task.bin_code,
                                                     left=left_text(task)))

    def release(self) -> None:
        """F9: put the list back for another picker (after a confirmation)."""
        if self._confirming == RELEASE:
            self._confirm()
            return
        if not self.list_active():
            self.feedback.reject(self._no_list_text())
            return
        self._ask(RELEASE, self.tr("Release pick list {code} for another picker? What you picked stays picked. "
                                   "F9 or Enter = yes, Esc = no.").format(code=self._list.code))

    def answer_substitute(self, accept: bool) -> None:
        self._cancel_confirmation()
        self._enqueue(PendingAction(SUBSTITUTE, accept=accept))

    def _ask(self, what: str, text: str) -> None:
        self._confirming = what
        self.confirm_label.setText(text)
        self.confirm_label.show()

    def _confirm(self) -> None:
        what, self._confirming = self._confirming, None
        self.confirm_label.hide()
        if what is not None:
            self._enqueue(PendingAction(what))

    def _cancel_confirmation(self) -> bool:
        if self._confirming is None:
            return False
        self._confirming = None
        self.confirm_label.hide()
        return True

    def _offer_pending(self) -> bool:
        return self.list_active() and self._list.offer is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.scan_field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.scan_field.raw_text():
                self._enter_on_empty_field()
                return True
            if key == Qt.Key.Key_Escape:
                self._escape()
                return True
            # the function keys reach the field when no shortcut took them (the window not active yet)
            slot = self._function_keys.get(key) if not event.modifiers() else None
            if slot is not None:
                slot()
                return True
        return super().eventFilter(watched, event)

    def _enter_on_empty_field(self) -> None:
        if self._confirming is not None:
            self._confirm()
        elif self._offer_pending() and not self._busy():
            self.answer_substitute(True)
        elif not self.list_active() and not any(a.kind == TAKE_NEXT for a in self._queue):
            self.take_next()

    def _escape(self) -> None:
        if self.scan_field.text():
            self.scan_field.clear()
        elif self._cancel_confirmation():
            self.banner.setText(self.tr("Cancelled."))
            self.banner.end_flash()
        elif self._offer_pending() and not self._busy():
            self.answer_substitute(False)

    # -- the queue -------------------------------------------------------------------------------------------------
    def _enqueue(self, action: PendingAction) -> None:
        self._queue.append(action)
        self._pump()

    def _pump(self) -> None:
        """Send the next action when none is in flight (one at a time, in the order they came)."""
        while self._in_flight is None and self._queue and not self._retry_timer.isActive():
            action = self._queue[0]
            if action.numbered:
                if self._seq is None:
                    self._ensure_seq()
                    return  # sent once the station's sequence is known
                if action.seq is None and not self.list_active():
                    self._queue.popleft()
                    self._reject_locally(action, self._no_list_text())
                    continue
                if action.seq is None:
                    action.seq, self._seq = self._seq, self._seq + 1
            work = self._work_for(action)
            if work is None:
                self._queue.popleft()
                continue
            self._in_flight = action
            action.attempts += 1
            self.run(work, lambda result, a=action: self._answered(a, result),
                     lambda error, a=action: self._failed(a, error))
            self._show_keys()
            return
        if self._in_flight is None and not self._queue:
            self._show_keys()
            self.idle.emit()

    def _work_for(self, action: PendingAction) -> Callable[[], Any] | None:
        db, actor, station = self.context.database, self.context.actor, self.station_name
        if action.kind == TAKE_NEXT:
            warehouse = self.warehouse()
            if warehouse is None:
                self.feedback.reject(self.tr("Choose the warehouse this station picks in first."))
                return None
            return lambda: claiming.take_next(db, actor, warehouse.id, station)
        if action.kind == RELEASE:
            if not self.list_active():
                self._reject_locally(action, self._no_list_text())
                return None
            list_id = self._list.id
            return lambda: (list_id, claiming.release_claim(db, actor, list_id))
        list_id, seq = self._list.id if self._list else 0, action.seq or 0
        calls = {
            SCAN: lambda: scanning.scan(db, actor, list_id, station, seq, action.raw),
            UNDO: lambda: scanning.undo(db, actor, list_id, station, seq),
            SHORT: lambda: scanning.report_short(db, actor, list_id, station, seq),
            LOT_MISSING: lambda: scanning.report_lot_missing(db, actor, list_id, station, seq),
            SKIP: lambda: scanning.skip(db, actor, list_id, station, seq),
            SUBSTITUTE: lambda: scanning.answer_substitute(db, actor, list_id, station, seq, accept=action.accept),
        }
        return calls[action.kind]

    def _finish(self, action: PendingAction) -> None:
        if self._queue and self._queue[0] is action:
            self._queue.popleft()
        self._in_flight = None
        self._retry_index = 0
        if not self._queue and self.is_stale():
            QTimer.singleShot(0, self, self._refresh_if_stale)
        self._pump()

    def _refresh_if_stale(self) -> None:
        if self.is_stale() and self.isVisible() and not self._busy():
            self.refresh()

    def _answered(self, action: PendingAction, result: Any) -> None:
        if action.kind == TAKE_NEXT:
            self._took(result)
        elif action.kind == RELEASE:
            self._released(result[0])
        else:
            outcome: ScanOutcome = result
            if outcome.replayed and action.attempts == 1:
                # the number was used before this station sent it: another station runs under the same name
                self._renumber(action)
                return
            self._show_outcome(action, outcome)
        self._finish(action)

    def _failed(self, action: PendingAction, error: BaseException) -> None:
        if isinstance(error, DatabaseUnavailable) and action.kind in NUMBERED | {TAKE_NEXT}:
            # the same action, with the same scan number, once the database answers again
            self._in_flight = None
            self._show_waiting(error)
            self._retry_timer.start(self._next_retry_delay())
            self._show_keys()
            return
        if action.numbered:
            self._reject_locally(action, error_text(error))
            if isinstance(error, NotFound):  # the list was cancelled and removed meanwhile
                self._set_list(None)
        else:
            self.feedback.reject(error_text(error))
            if action.kind == RELEASE:
                self.mark_stale()
        self._finish(action)

    def _next_retry_delay(self) -> int:
        delay = RETRY_DELAYS_MS[min(self._retry_index, len(RETRY_DELAYS_MS) - 1)]
        self._retry_index += 1
        return delay

    def _show_waiting(self, error: BaseException) -> None:
        text = self.tr("The database cannot be reached; trying again. Your {n} scan(s) are kept and sent in "
                       "order — keep the goods where they are.").format(n=max(1, self.pending_count()))
        if self._retry_index == 0:
            self.feedback.reject(text)  # the reject sound once, not at every retry
        else:
            self.banner.show_rejected(text)
        log.warning("picking station %s waits for the database: %s", self.station_name, error)

    def _renumber(self, action: PendingAction) -> None:
        """Another station uses this station's name: continue under a name of our own, numbered afresh."""
        log.warning("scan %s of station %s was already used by another station; renaming the station",
                    action.seq, self.station_name)
        base = self.station_name.split("#")[0]
        self.station_name = f"{base[:40 - 8]}#{os.getpid() % 10_000_000}"
        self._seq = None
        action.seq = None
        action.attempts = 0
        self._in_flight = None
        self._show_station_name()
        self._ensure_seq()

    def _reject_locally(self, action: PendingAction, message: str) -> None:
        self.feedback.reject(message)

    # -- answers -----------------------------------------------------------------------------------------------------
    def _took(self, view: PickListView | None) -> None:
        if view is None:
            self._nothing_waiting = True
            self._set_list(None)
            self.banner.setText(self.tr("No pick list is waiting."))
            self.banner.end_flash()
            return
        self._set_list(view)
        task = view.current
        if task is None:
            self.feedback.accept(self.tr("Pick list {code}: nothing left to pick.").format(code=view.code))
        else:
            self.feedback.accept(self.tr("Pick list {code}: {n} task(s). Go to bin {bin}.").format(
                code=view.code, n=len(view.tasks) - view.done_tasks, bin=task.bin_code))
        self.announce("pick_lists")

    def _released(self, list_id: int) -> None:
        code = self._list.code if self._list is not None else f"PL-{list_id}"
        self._set_list(None)
        self.feedback.accept(self.tr("Pick list {code} is released; another picker can take it.").format(code=code))
        self.announce("pick_lists")

    def _show_outcome(self, action: PendingAction, outcome: ScanOutcome) -> None:
        self._set_list(outcome.view)
        if outcome.accepted:
            self.feedback.accept(outcome.message)
        else:
            self.feedback.reject(outcome.message)
        self.outcome_shown.emit(outcome, time.perf_counter() - action.received)

    # -- showing ------------------------------------------------------------------------------------------------------
    def _no_list_text(self) -> str:
        view = self._list
        if view is not None and view.state == "done":
            return self.tr("Pick list {code} is finished. Press F5 or Enter to take the next one.").format(
                code=view.code)
        if view is not None and not self.list_active():
            return self._not_yours_text(view)
        return self.tr("No pick list is open. Press F5 or Enter to take the next one.")

    def _not_yours_text(self, view: PickListView) -> str:
        if view.state == "cancelled":
            return self.tr("Pick list {code} was cancelled. Press F5 to take the next one.").format(code=view.code)
        return self.tr("Pick list {code} is no longer yours (now: {holder}). Press F5 to take the next one.").format(
            code=view.code, holder=view.claimed_by or self.tr("nobody"))

    def _show(self) -> None:
        view = self._list
        self._show_header(view)
        if view is None:
            self.task_model.clear()
        else:
            self.task_model.set_tasks(view.tasks, view.current_task_id if self.list_active() else None)
            # an order list is one order (named in the header); a wave's tasks say whose and which tote
            for column in (PickTaskTableModel.COL_ORDER, PickTaskTableModel.COL_TOTE):
                self.task_table.setColumnHidden(column, view.kind != "wave")
        self._update_task_count(view)
        task = view.current if view is not None and self.list_active() else None
        if task is None:
            self.task_stack.setCurrentIndex(0)
            self.idle_label.setText(self._idle_text(view))
            finished = view is not None and view.state == "done"
            _style(self.idle_label, "font-size: 24pt; font-weight: 600;" + (" color: #1e8e3e;" if finished else ""))
        else:
            self.task_stack.setCurrentIndex(1)
            self._show_task(view, task)
            row = self.task_proxy.mapFromSource(self.task_model.index(self.task_model.current_row(), 0))
            if row.isValid():
                self.task_table.scrollTo(row, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_offer(view)
        self._show_keys()
        self._show_station_name()

    def _idle_text(self, view: PickListView | None) -> str:
        warehouse = self.warehouse()
        if view is not None and view.state == "done":
            return self.tr("✔ Pick list {code} is finished.\nPress F5 or Enter to take the next one.").format(
                code=view.code)
        if view is not None and self.list_active():
            return self.tr("Nothing left to pick on {code}.").format(code=view.code)
        if view is not None:
            return self._not_yours_text(view)
        if warehouse is None:
            return self.tr("Choose the warehouse this station picks in.")
        if self._nothing_waiting:
            return self.tr("Nothing to pick in {warehouse} right now.\nPress F5 or Enter to look again.").format(
                warehouse=warehouse.code)
        return self.tr("No pick list open.\nPress F5 or Enter to take the next pick list of {warehouse}.").format(
            warehouse=warehouse.code)

    def _show_header(self, view: PickListView | None) -> None:
        if view is None:
            self.list_label.setText(self.tr("Picking"))
            self.kind_label.setText("")
            self.slot_label.setText("")
            self.list_temperature.hide()
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)
            self.progress_bar.setFormat(self.tr("no list"))
            self.warehouse_combo.setEnabled(True)
            return
        self.list_label.setText(view.code)
        kind = self.tr("Wave") if view.kind == "wave" else self.tr("Order")
        if view.kind != "wave" and view.orders:
            kind = self.tr("Order {number}").format(number=view.orders[0].number)
        elif view.kind == "wave":
            kind = self.tr("Wave of {n} orders").format(n=len(view.orders))
        self.kind_label.setText(kind)
        slot = " ".join(part for part in (view.delivery_date.isoformat() if view.delivery_date else "",
                                          view.delivery_slot) if part)
        self.slot_label.setText(self.tr("Delivery {slot}").format(slot=slot) if slot else "")
        self._paint_tag(self.list_temperature, view.temperature_class, 13)
        total, done = len(view.tasks), view.done_tasks
        self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(self.tr("{done} / {total} tasks").format(done=done, total=total))
        self.warehouse_combo.setEnabled(not self.list_active())

    def _paint_tag(self, label: QLabel, temperature_class: str, point_size: int) -> None:
        if not temperature_class:
            label.hide()
            return
        background, foreground = temperature_colours(temperature_class)
        label.setText(temperature_label(temperature_class).upper())
        label.setProperty("temperature", temperature_class)
        _style(label, f"font-size: {point_size}pt; font-weight: 800; color: {foreground};"
                      f" background: {background}; border-radius: 6px; padding: 4px 12px;")
        label.show()

    def _show_task(self, view: PickListView, task: TaskView) -> None:
        at_bin = view.at_bin_id == task.bin_id
        tote_needed = view.kind == "wave" and not task.tote_code
        if not at_bin:
            step = self.tr("Go to bin {bin} and scan it").format(bin=task.bin_code)
        elif tote_needed:
            step = self.tr("Scan an empty tote for order {order}").format(order=task.order_number)
        elif view.reserved_lot_missing:
            step = self.tr("Scan another lot of the product")
        else:
            step = self.tr("Scan each item (or scan one and type how many)") if not task.weighed else \
                self.tr("Scan each piece's label")
        self.step_label.setText(("✔ " if at_bin else "➜ ") + step)
        self.bin_label.setText(task.bin_code)
        _style(self.bin_label, "font-size: 60pt; font-weight: 800; letter-spacing: 1px;"
                               + (" color: #1e8e3e;" if at_bin else ""))
        self._paint_tag(self.temperature_tag, task.temperature_class, 14)
        self.product_label.setText(product_name(task))
        self.sku_label.setText(self.tr("SKU {sku}").format(sku=task.sku))
        self.quantity_label.setText(left_text(task))
        detail = self.tr("of {amount}").format(amount=amount_to_pick(task))
        if task.weighed:  # two lines: the nominal weight, then the pieces and grams picked
            nominal = nominal_text(task)
            detail += " · " + nominal if nominal else ""
            if task.picked_pieces:
                detail += "\n" + self.tr("picked {picked}").format(picked=picked_text(task))
        elif task.picked_quantity:
            detail += " · " + self.tr("{n} picked").format(n=task.picked_quantity)
        self.quantity_detail.setText(detail)
        if view.reserved_lot_missing:
            lot = self.tr("Lot {lot} not found: any other valid lot of this product in the bin is accepted.").format(
                lot=task.lot_number)
        else:
            lot = self.tr("Lot {lot} · expires {date}").format(lot=task.lot_number, date=task.expiry_date.isoformat())
        self.lot_label.setText(lot)
        if view.kind == "wave":
            tote = task.tote_code or self.tr("no tote yet: scan an empty one")
            self.order_label.setText(self.tr("Order {order} → tote {tote}").format(order=task.order_number, tote=tote))
        else:
            self.order_label.setText(self.tr("Order {order}").format(order=task.order_number))

    def _show_offer(self, view: PickListView | None) -> None:
        offer = view.offer if view is not None and self.list_active() else None
        if offer is None:
            self.offer_panel.hide()
            return
        name = product_name(offer)
        original = next((t for t in view.tasks if t.id == offer.task_id), None)
        text = self.tr("Substitute: {n} × {product} ({sku}) instead of {original}?").format(
            n=offer.pieces, product=name, sku=offer.sku,
            original=product_name(original) if original else self.tr("the missing goods"))
        self.offer_label.setText(text)
        self.offer_panel.show()

    def _show_keys(self) -> None:
        active = self.list_active()
        has_task = active and self.current_task() is not None
        self.undo_button.setEnabled(active)
        for button in (self.short_button, self.lot_missing_button, self.skip_button):
            button.setEnabled(has_task)
        self.release_button.setEnabled(active)
        self.take_next_button.setEnabled(not active)

    def _show_station_name(self) -> None:
        self.station_label.setText(self.station_name)

    def _update_task_count(self, view: PickListView | None) -> None:
        if view is None:
            self.task_count_label.setText("")
            return
        open_tasks = sum(1 for task in view.tasks if task.state == "open")
        short = sum(1 for task in view.tasks if task.state == "short")
        text = self.tr("{open} to pick, {done} done").format(open=open_tasks, done=len(view.tasks) - open_tasks - short)
        if short:
            text += self.tr(", {n} short").format(n=short)
        self.task_count_label.setText(text)

    def _open_only_toggled(self, on: bool) -> None:
        self.task_proxy.set_open_only(on)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

