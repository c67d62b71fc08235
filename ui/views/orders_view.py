"""Orders: find an order by number, external id, customer, phone or e-mail, filter by
state, and read its whole story — header, lines with what is reserved, the stock
reservations (warehouse, bin, lot, expiry) and the audit timeline.

Read-only: decisions are made at the review desk. Searching runs in the
service (``queries.search_orders``, newest first, at most ``ORDER_LIMIT`` rows);
the selected order's detail loads in the background and both reload when
another station changes orders.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QSplitter, QTableView, QTabWidget,
    QVBoxLayout, QWidget,
)

from app.services.orders import queries
from app.services.orders.queries import OrderDetail, OrderRow
from app.services.orders.review import rule_label
from ui.context import ViewContext
from ui.formatting import format_cents, format_local_time
from ui.models.orders import (
    ORDER_STATES, OrderLineTableModel, OrderTableModel, ReservationTableModel, TimelineTableModel, delivery_text,
    order_state_label, payment_status_label,
)
from ui.views.view_support import RefreshingView, debounced_search
from ui.widgets.message_bar import MessageBar
from ui.widgets.tables import configure_table, replace_rows, selected_row

#: rows fetched per search; a narrower search finds the rest
ORDER_LIMIT = 500
#: the detail loads once the selection rests this long (arrowing through the list reads nothing)
DETAIL_DELAY_MS = 120

#: header fields of the detail pane: key, label (translated in ``OrdersView._detail_labels``)
DETAIL_FIELDS = ("number", "state", "channel", "customer", "phone", "email", "address", "delivery", "warehouse",
                 "payment", "total", "placed", "received", "claimed", "findings", "note")


#: rows of the header left out when empty
OPTIONAL_FIELDS = frozenset({"email", "placed", "claimed", "findings", "note", "warehouse"})


class OrdersView(RefreshingView):
    TABLES = frozenset({"orders"})

    #: the detail pane shows an order (tests)
    detail_shown = Signal(object)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("ordersView")
        self._key = f"orders:{id(self)}"
        self._detail_key = f"orders:{id(self)}:detail"
        self._load_error = False
        self._loaded_once = False
        self.current_detail: OrderDetail | None = None

        self.message_bar = MessageBar(self, "ordersMessage")
        self.search_edit = QLineEdit(objectName="ordersSearch")
        self.search_edit.setPlaceholderText(self.tr("Search number, external id, customer, phone or e-mail"))
        self.search_edit.setClearButtonEnabled(True)
        self.state_filter = QComboBox(objectName="ordersState")
        self.state_filter.addItem(self.tr("All states"), None)
        for state in ORDER_STATES:
            self.state_filter.addItem(order_state_label(state), state)
        self.count_label = QLabel(objectName="ordersCount")

        self.model = OrderTableModel(self)
        self.table = QTableView(objectName="ordersTable")
        configure_table(self.table, self.model, stretch=OrderTableModel.COL_CUSTOMER, min_stretch_width=160, widths={
            OrderTableModel.COL_NUMBER: "20261231-0000",
            OrderTableModel.COL_RECEIVED: "2026-12-31 23:59",
            OrderTableModel.COL_STATE: order_state_label("qc_passed"),
            OrderTableModel.COL_PHONE: "+8613800138000",
            OrderTableModel.COL_CITY: "Guangzhou 广州",
            OrderTableModel.COL_DELIVERY: "2026-12-31 09:00-12:00",
            OrderTableModel.COL_WAREHOUSE: "WH",
            OrderTableModel.COL_LINES: "99",
            OrderTableModel.COL_TOTAL: "¥99,999.99",
        })

        # -- detail ----------------------------------------------------------------------------
        self.detail = QFrame(objectName="ordersDetail")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        labels = self._detail_labels()
        self._form = form
        for key in DETAIL_FIELDS:
            value = QLabel(objectName=f"ordersDetail{key.title()}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(labels[key], value)
        number_font = self.fields["number"].font()
        number_font.setBold(True)
        number_font.setPointSizeF(number_font.pointSizeF() * 1.15)
        self.fields["number"].setFont(number_font)
        self.fields["findings"].setStyleSheet("color: #b71c1c;")
        header = QWidget(objectName="ordersDetailHeader")
        header.setLayout(form)
        header_scroll = QScrollArea(objectName="ordersDetailHeaderScroll")
        header_scroll.setWidgetResizable(True)
        header_scroll.setFrameShape(QFrame.Shape.NoFrame)
        header_scroll.setWidget(header)
        header_scroll.setMinimumWidth(340)
        header_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.lines_model = OrderLineTableModel(self)
        self.lines_table = QTableView(objectName="ordersLinesTable")
        configure_table(self.lines_table, self.lines_model, stretch=OrderLineTableModel.COL_NAME, sortable=False,
                        min_stretch_width=140, widths={
            OrderLineTableModel.COL_LINE: "99",
            OrderLineTableModel.COL_SKU: "VEG-00000",
            OrderLineTableModel.COL_QUANTITY: "9999",
            OrderLineTableModel.COL_BASE: "99.999 kg",
            OrderLineTableModel.COL_RESERVED: "99.999 kg",
            OrderLineTableModel.COL_PRICE: "¥9,999.99",
            OrderLineTableModel.COL_CATALOG_PRICE: "¥9,999.99",
        })
        self.reservation_model = ReservationTableModel(self)
        self.reservations_table = QTableView(objectName="ordersReservationsTable")
        configure_table(self.reservations_table, self.reservation_model, stretch=ReservationTableModel.COL_BIN,
                        sortable=False, min_stretch_width=140, widths={
            ReservationTableModel.COL_LINE: "99",
            ReservationTableModel.COL_WAREHOUSE: "WH",
            ReservationTableModel.COL_LOT: "SH261127C000",
            ReservationTableModel.COL_EXPIRY: "2026-12-31",
            ReservationTableModel.COL_QUANTITY: "99.999 kg",
            ReservationTableModel.COL_STATUS: self.tr("Released"),
        })
        self.timeline_model = TimelineTableModel(self)
        self.timeline_table = QTableView(objectName="ordersTimelineTable")
        configure_table(self.timeline_table, self.timeline_model,
                        stretch=(TimelineTableModel.COL_REASON, TimelineTableModel.COL_DETAILS),
                        sortable=False, min_stretch_width=100, widths={
            TimelineTableModel.COL_TIME: "2026-12-31 23:59:59",
            TimelineTableModel.COL_USER: "supervisor",
            TimelineTableModel.COL_STATION: "webshop",
            TimelineTableModel.COL_ACTION: "order.approved",
            TimelineTableModel.COL_TRANSITION: "Exception → Allocated",
        })
        self.detail_tabs = QTabWidget(objectName="ordersDetailTabs")
        self.detail_tabs.addTab(self.lines_table, self.tr("Lines"))
        self.detail_tabs.addTab(self.reservations_table, self.tr("Reservations"))
        self.detail_tabs.addTab(self.timeline_table, self.tr("History"))
        self.detail_placeholder = QLabel(self.tr("Select an order to see its lines, reservations and history."),
                                         objectName="ordersDetailPlaceholder")
        self.detail_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_placeholder.setStyleSheet("color: #5f6368;")
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="ordersDetailSplitter")
        self.detail_splitter.addWidget(header_scroll)
        self.detail_splitter.addWidget(self.detail_tabs)
        self.detail_splitter.setStretchFactor(0, 2)
        self.detail_splitter.setStretchFactor(1, 5)
        self.detail_splitter.setChildrenCollapsible(False)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        detail_layout.addWidget(self.detail_placeholder, 1)
        detail_layout.addWidget(self.detail_splitter, 1)
        self.detail_splitter.hide()

        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="ordersSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([320, 420])
        self.detail_splitter.setSizes([380, 900])

        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 3)
        bar.addWidget(self.state_filter, 1)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self._search_timer = debounced_search(self, self.search_edit, self.refresh)
        self.state_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self.load_detail)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._detail_timer.start())

    def _detail_labels(self) -> dict[str, str]:
        return {
            "number": self.tr("Order"), "state": self.tr("State"), "channel": self.tr("Channel"),
            "customer": self.tr("Customer"), "phone": self.tr("Phone"), "email": self.tr("E-mail"),
            "address": self.tr("Address"), "delivery": self.tr("Delivery"), "warehouse": self.tr("Warehouse"),
            "payment": self.tr("Payment"), "total": self.tr("Total"), "placed": self.tr("Placed"),
            "received": self.tr("Received"), "claimed": self.tr("Being edited by"),
            "findings": self.tr("Review findings"), "note": self.tr("Note"),
        }

    # -- the list -------------------------------------------------------------------------------------
    def _load(self) -> None:
        self._search_timer.stop()
        db, actor = self.context.database, self.context.actor
        text, state = self.search_edit.text(), self.state_filter.currentData()
        if not self._loaded_once:
            self.count_label.setText(self.tr("Loading…"))
        self.run(lambda: queries.search_orders(db, actor, text, state, limit=ORDER_LIMIT), self._loaded,
                 self._load_failed, key=self._key)

    def _loaded(self, rows: list[OrderRow]) -> None:
        before = selected_row(self.table)
        replace_rows(self.table, self.model, rows, key=lambda r: r.id)
        self._loaded_once = True
        if len(rows) >= ORDER_LIMIT:
            self.count_label.setText(self.tr("Newest {n} orders; narrow the search").format(n=len(rows)))
        else:
            self.count_label.setText(self.tr("%n order(s)", "", len(rows)))
        if self._load_error and self.message_bar.kind() == "error":
            self.message_bar.clear()
        self._load_error = False
        after = selected_row(self.table)
        if after is None and len(rows) == 1:
            self.table.selectRow(0)  # the one order found: show it
        elif after is not None and before is not None and after.id == before.id:
            self.load_detail()  # the same order, perhaps changed elsewhere
        elif after is None:
            self._show_detail(None)

    def _load_failed(self, error: BaseException) -> None:
        self.count_label.setText("")
        self._show_error(error)
        self._load_error = True

    def selected_order(self) -> OrderRow | None:
        return selected_row(self.table)

    # -- the detail -----------------------------------------------------------------------------------------
    def load_detail(self) -> None:
        self._detail_timer.stop()
        row = self.selected_order()
        if row is None:
            self._show_detail(None)
            return
        db, actor, order_id = self.context.database, self.context.actor, row.id
        self.run(lambda: queries.get_order(db, actor, order_id), self._show_detail, key=self._detail_key)

    def _show_detail(self, detail: OrderDetail | None) -> None:
        self.current_detail = detail
        if detail is None:
            self.detail_splitter.hide()
            self.detail_placeholder.show()
            for model in (self.lines_model, self.reservation_model, self.timeline_model):
                model.set_rows([])
            return
        selected = self.selected_order()
        if selected is not None and selected.id != detail.id:
            return  # an older answer: the selection moved on
        values = {
            "number": detail.number,
            "state": order_state_label(detail.state) + (f" — {detail.state_reason}" if detail.state_reason else ""),
            "channel": f"{detail.channel} · {detail.external_id}",
            "customer": detail.customer_name,
            "phone": detail.phone,
            "email": detail.email,
            "address": "\n".join(part for part in (
                detail.address_line1, detail.address_line2,
                " ".join(p for p in (detail.postal_code, detail.city, detail.province) if p), detail.country) if part)
            if detail.has_address else self.tr("(no shipping address)"),
            "delivery": delivery_text(detail.delivery_date, detail.delivery_slot)
            + (" " + self.tr("(slot chosen by FreshFlow)") if detail.slot_assigned else ""),
            "warehouse": detail.warehouse_code,
            "payment": payment_status_label(detail.payment_status)
            + (" · " + self.tr("partial shipment allowed") if detail.partial_allowed else ""),
            "total": format_cents(detail.total_cents) + (f" {detail.currency}" if detail.currency else ""),
            "placed": format_local_time(detail.placed_at),
            "received": format_local_time(detail.received_at),
            "claimed": detail.claimed_by,
            "findings": "\n".join(f"{rule_label(f.rule)}: {f.message}" for f in detail.reasons),
            "note": detail.note,
        }
        for key, label in self.fields.items():
            label.setText(values.get(key, ""))
            if key in OPTIONAL_FIELDS:
                self._form.setRowVisible(label, bool(values.get(key)))
        self.lines_model.set_rows(detail.lines)
        self.reservation_model.set_units({line.line_no: line.unit for line in detail.lines})
        self.reservation_model.set_rows(detail.reservations)
        self.timeline_model.set_rows(detail.timeline)
        self.detail_tabs.setTabText(1, self.tr("Reservations ({n})").format(n=len(detail.reservations)))
        self.detail_tabs.setTabText(2, self.tr("History ({n})").format(n=len(detail.timeline)))
        self.detail_placeholder.hide()
        self.detail_splitter.show()
        self.detail_shown.emit(detail)
