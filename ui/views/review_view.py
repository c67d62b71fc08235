"""The review desk: the exception queue on the left, the order under review on the right.

* The queue (``reviewTable``) lists exceptions and orders on hold, earliest
  delivery first, then the longest waiting, with the failed rules and who is
  editing each order. It reloads when another station changes orders
  (``TABLES``) and keeps the selection; the tab title counts the exceptions
  (``badge_changed``), also while the view is hidden.
* Selecting an order opens it: ``desk.claim`` in the runner. When another
  reviewer holds it, the panel shows who and stays read-only. The claim is
  released when the reviewer opens another order or closes the window, and
  renewed while the order stays open.
* Each review finding is listed at the top and shown next to the field it
  concerns (a red frame and the message under the field; line findings on
  the line's row). Approve saves pending edits first, then runs the review
  and allocation again; an order that passes leaves the queue and the next
  one opens, one that still fails shows its new findings.
* Unsaved edits are never dropped silently: opening another order or
  closing the window asks first.

Every database call runs through the ``OperationRunner``.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy,
    QSpinBox, QSplitter, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget,
)

from app.errors import ConflictError, DomainError
from app.permissions import Action
from app.services.orders import desk, queries
from app.services.orders.desk import ACCEPTABLE_RULES, LineEdit, OrderEdit, ReviewOutcome
from app.services.orders.queries import OrderDetail, QueueRow
from app.services.orders.review import rule_label
from app.services.orders.review_types import Finding
from app.services.orders.shared_settings import load_review_settings
from ui.context import ViewContext
from ui.formatting import format_cents, format_local_time
from ui.models.orders import (
    PAYMENT_STATUSES, QueueFilterProxyModel, QueueSnapshot, QueueTableModel, ReviewLinesTableModel,
    order_state_label, payment_status_label, prepare_queue, reasons_text, utc_now,
)
from ui.models.row_table_model import ROW_ROLE
from ui.dialogs.reason_dialog import ReasonDialog
from ui.results import error_text
from ui.views.view_support import RefreshingView
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.message_bar import MessageBar
from ui.widgets.tables import configure_table

#: an order selected with the keyboard opens after this pause, so arrowing through the queue claims nothing
OPEN_DELAY_MS = 150
#: the claim lasts ``desk.CLAIM_MINUTES``; it is renewed this often while the order stays open
CLAIM_RENEW_MS = 5 * 60 * 1000
#: the first load asks for the most urgent orders only, so the table is painted at once, then for the rest
FIRST_PAGE = 200


def _queue_pages() -> bool:
    """Whether ``review_queue`` takes a ``limit`` (the first page); without it the queue loads whole."""
    try:
        return "limit" in inspect.signature(queries.review_queue).parameters
    except (TypeError, ValueError):  # pragma: no cover - not a plain function
        return False


QUEUE_PAGES = _queue_pages()
#: the "waiting" column moves on once a minute
AGE_TICK_MS = 60 * 1000
#: states in which the desk may approve, hold, or decide on lines (``app.services.orders.desk``)
APPROVABLE = ("exception", "on_hold", "received", "in_review")
HOLDABLE = ("exception", "allocated", "received", "in_review")
OVERRIDABLE = ("exception", "on_hold")
#: the tables an approval, hold or cancellation changes (other views refresh)
CHANGED_BY_DECISIONS = ("orders", "order_lines", "audit_log", "stock_quants", "stock_moves", "stock_reservations",
                        "outbox")

INVALID_STYLE = ('QLineEdit:read-only, QPlainTextEdit:read-only { background: #f1f3f4; color: #3c4043; }'
                 ' *[invalid="true"], QLineEdit[invalid="true"]:read-only, QPlainTextEdit[invalid="true"]:read-only'
                 ' { border: 2px solid #d32f2f; border-radius: 3px; background: #fff5f5; }'
                 ' QLabel[fieldMessage="true"] { color: #b71c1c; border: none; background: transparent;'
                 ' font-size: 9.5pt; }'
                 ' QListWidget#reviewReasonList { background: #fdecea; border: 1px solid #f5c2c0;'
                 ' border-radius: 4px; color: #7f1d1d; }'
                 ' QListWidget#reviewReasonList::item { padding: 3px 4px; }'
                 ' QDateEdit:disabled, QComboBox:disabled { color: #5f6368; background: #f1f3f4; }'
                 ' QLabel#reviewOrderNumber { font-size: 13pt; font-weight: 600; }'
                 ' QLabel#reviewOrderState { border-radius: 9px; padding: 1px 10px; font-weight: 600; }')
STATE_BADGE_STYLE = {
    "exception": "background: #fdecea; color: #b71c1c;",
    "on_hold": "background: #fff3d6; color: #7a4f00;",
    "allocated": "background: #e9f6ec; color: #1b5e20;",
    "cancelled": "background: #eceff1; color: #5f6368;",
}
APPROVE_STYLE = ("QPushButton { background: #2e7d32; color: #ffffff; border-color: #1b5e20; font-weight: 600; }"
                 " QPushButton:hover { background: #357f39; }"
                 " QPushButton:disabled { background: #f1f3f4; color: #9aa0a6; border-color: #dadce0; }"
                 " QPushButton:focus { border: 2px solid #f9a825; }")


@dataclass(frozen=True)
class OpenedOrder:
    """An order opened at the desk: ``claimed`` when this station holds it for editing; otherwise
    ``refusal`` says who does ("" when the order is only shown, not asked for)."""

    detail: OrderDetail
    claimed: bool = True
    refusal: str = ""

    @property
    def taken_by_other(self) -> bool:
        return not self.claimed and bool(self.refusal)


@dataclass(frozen=True)
class StepResult:
    """What an action did: the saved order (pending edits went first), the outcome, the reopened order
    (still an exception: claimed again to go on), or the error after the edits were saved."""

    saved: OrderDetail | None = None
    outcome: ReviewOutcome | None = None
    reopened: OpenedOrder | None = None
    error: BaseException | None = None


def _open_order(db, actor, order_id: int, *, claim: bool = True, release: int | None = None) -> OpenedOrder:
    """Claim the order (or read it, when another reviewer holds it). Runs in the worker."""
    if release is not None and release != order_id:
        desk.release_claim(db, actor, release)
    if not claim:
        return OpenedOrder(queries.get_order(db, actor, order_id), claimed=False)
    try:
        return OpenedOrder(desk.claim(db, actor, order_id))
    except ConflictError as error:
        return OpenedOrder(queries.get_order(db, actor, order_id), claimed=False, refusal=str(error))


def _save_then(db, actor, order_id: int, version: int, edit: OrderEdit | None,
               action: Callable[[int], ReviewOutcome] | None, *, reopen_unless: tuple[str, ...] = ()) -> StepResult:
    """Save pending edits, then run ``action(version)``; claim the order again when it stays at the desk."""
    saved = None
    if edit is not None:
        saved = desk.save_edits(db, actor, order_id, edit, version)
        version = saved.version
    if action is None:
        return StepResult(saved)
    try:
        outcome = action(version)
    except DomainError as error:
        if saved is None:
            raise
        return StepResult(saved, error=error)
    reopened = None
    if outcome.state not in reopen_unless:
        reopened = _open_order(db, actor, order_id)
    return StepResult(saved, outcome, reopened)


class _LineDelegate(QStyledItemDelegate):
    """SKU as text, quantity as whole units of sale (at least 1). What is typed reaches the model at
    once, so Save or Approve pressed while a cell is still being edited (Ctrl+S, Ctrl+Enter) include it."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        if index.column() == ReviewLinesTableModel.COL_QUANTITY:
            editor = QSpinBox(parent)
            editor.setRange(1, 1_000_000)
            editor.setObjectName("reviewLineQuantityEditor")
            editor.valueChanged.connect(lambda _value: self.commitData.emit(editor))
            return editor
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(40)
            editor.setObjectName("reviewLineSkuEditor")
            editor.textEdited.connect(lambda _text: self.commitData.emit(editor))
        return editor


class _FieldBox(QWidget):
    """An editor with the review finding about it underneath (hidden while there is none)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.message = QLabel(objectName=editor.objectName().removesuffix("Edit").removesuffix("Table") + "Message")
        self.message.setProperty("fieldMessage", True)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.message)

    def set_finding(self, messages: list[str]) -> None:
        flagged = bool(messages)
        self.editor.setProperty("invalid", flagged)
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)
        self.message.setText("\n".join(messages))
        self.message.setVisible(flagged)

    def flagged(self) -> bool:
        return bool(self.editor.property("invalid"))


class ReviewDetailPanel(QFrame):
    """The order under review: findings, editable fields, lines. Knows nothing of the database."""

    #: something the person typed changed the form (dirty state, buttons)
    changed = Signal()
    #: a finding was clicked and its field focused (the view scrolls it into sight)
    field_focused = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDetail")
        self.detail: OrderDetail | None = None
        self._original: OrderEdit | None = None
        self._editable = False
        self._filling = False

        # -- header --------------------------------------------------------------------------
        self.number_label = QLabel(objectName="reviewOrderNumber")
        self.state_label = QLabel(objectName="reviewOrderState")
        self.info_label = QLabel(objectName="reviewOrderInfo")
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.info_label.setWordWrap(True)
        self.info_label.setStyleSheet("color: #5f6368;")
        self.message_bar = MessageBar(self, "reviewDetailMessage")

        # -- findings ------------------------------------------------------------------------------
        self.reason_list = QListWidget(objectName="reviewReasonList")
        self.reason_list.setWordWrap(False)
        self.reason_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.reason_list.setUniformItemSizes(True)
        self.reason_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.reason_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reason_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reason_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.reason_list.itemClicked.connect(self._reason_clicked)
        # findings about the order as a whole (a duplicate suspicion) have no field to sit under
        self.order_message = QLabel(objectName="reviewOrderMessage")
        self.order_message.setProperty("fieldMessage", True)
        self.order_message.setWordWrap(True)
        self.order_message.setTextFormat(Qt.TextFormat.PlainText)
        self.order_message.hide()
        self.accept_label = QLabel(self.tr("Accept as it is:"), objectName="reviewAcceptLabel")
        self.accept_boxes: dict[str, QCheckBox] = {
            "duplicate": QCheckBox(self.tr("Not a duplicate"), objectName="reviewAcceptDuplicate"),
            "price": QCheckBox(self.tr("Price difference"), objectName="reviewAcceptPrice"),
            "payment": QCheckBox(self.tr("Payment status"), objectName="reviewAcceptPayment"),
        }
        self.accept_boxes["duplicate"].setToolTip(self.tr("The order is genuine, not the same order placed twice"))
        self.accept_boxes["price"].setToolTip(self.tr("Ship at the shop's price although it differs from the "
                                                      "catalogue"))
        self.accept_boxes["payment"].setToolTip(self.tr("Ship although the shop does not report the order as paid"))
        accept_row = QHBoxLayout()
        accept_row.setContentsMargins(0, 0, 0, 0)
        accept_row.addWidget(self.accept_label)
        for box in self.accept_boxes.values():
            accept_row.addWidget(box)
        accept_row.addStretch(1)
        self.accept_row = QWidget(objectName="reviewAcceptRow")
        self.accept_row.setLayout(accept_row)

        # -- fields -------------------------------------------------------------------------------------
        self.name_edit = self._line_edit("reviewNameEdit", 120)
        self.phone_edit = self._line_edit("reviewPhoneEdit", 40)
        self.email_edit = self._line_edit("reviewEmailEdit", 200)
        self.address1_edit = self._line_edit("reviewAddress1Edit", 200)
        self.address2_edit = self._line_edit("reviewAddress2Edit", 200)
        self.city_edit = self._line_edit("reviewCityEdit", 80)
        self.province_edit = self._line_edit("reviewProvinceEdit", 80)
        self.postal_code_edit = self._line_edit("reviewPostalCodeEdit", 16)
        self.country_edit = self._line_edit("reviewCountryEdit", 2)
        self.country_edit.setPlaceholderText("CN")
        self.country_edit.setMaximumWidth(60)
        self.delivery_date_edit = OptionalDateEdit(objectName="reviewDeliveryDateEdit")
        self.delivery_date_edit.dateChanged.connect(self._edited)
        self.slot_edit = QComboBox(objectName="reviewSlotEdit")
        self.slot_edit.setEditable(True)
        self.slot_edit.lineEdit().setMaxLength(20)
        self.slot_edit.lineEdit().setPlaceholderText("09:00-12:00")
        self.slot_edit.currentTextChanged.connect(self._edited)
        self.payment_edit = QComboBox(objectName="reviewPaymentEdit")
        self.payment_edit.currentIndexChanged.connect(self._edited)
        self.note_edit = QPlainTextEdit(objectName="reviewNoteEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.ensurePolished()  # the style sheet's font decides the height of two lines
        margins = int(self.note_edit.document().documentMargin() * 2) + self.note_edit.frameWidth() * 2
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 2 + margins + 16)
        self.note_edit.textChanged.connect(self._edited)

        self.lines_model = ReviewLinesTableModel(self)
        self.lines_model.edited.connect(self._edited)
        self.lines_table = QTableView(objectName="reviewLinesTable")
        configure_table(self.lines_table, self.lines_model, stretch=ReviewLinesTableModel.COL_PROBLEM,
                        sortable=False, min_stretch_width=150, widths={
            ReviewLinesTableModel.COL_LINE: "99",
            ReviewLinesTableModel.COL_SKU: "VEG-0000",
            ReviewLinesTableModel.COL_NAME: "Broccoli 西兰花",
            ReviewLinesTableModel.COL_QUANTITY: "99",
            ReviewLinesTableModel.COL_RESERVED: "9.999 kg",
            ReviewLinesTableModel.COL_PRICE: "¥99.99",
        })
        self.lines_table.setItemDelegate(_LineDelegate(self.lines_table))
        self.lines_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed
                                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.lines_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.lines_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.lines_table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.lines_table.setToolTip(self.tr("Double-click (or type over) a SKU or quantity to correct it"))

        self.boxes: dict[str, _FieldBox] = {}
        customer = QGroupBox(self.tr("Customer"), objectName="reviewCustomerGroup")
        customer_form = self._form(customer)
        self._add_row(customer_form, self.tr("Name"), "customer_name", self.name_edit)
        self._add_row(customer_form, self.tr("Phone"), "phone", self.phone_edit)
        self._add_row(customer_form, self.tr("E-mail"), "email", self.email_edit)
        delivery = QGroupBox(self.tr("Delivery and payment"), objectName="reviewDeliveryGroup")
        delivery_form = self._form(delivery)
        self._add_row(delivery_form, self.tr("Date"), "delivery_date", self.delivery_date_edit)
        self._add_row(delivery_form, self.tr("Slot"), "delivery_slot", self.slot_edit)
        self._add_row(delivery_form, self.tr("Payment"), "payment_status", self.payment_edit)
        address = QGroupBox(self.tr("Shipping address"), objectName="reviewAddressGroup")
        address_form = self._form(address)
        self._add_row(address_form, self.tr("Address"), "address", self.address1_edit)
        self._add_row(address_form, "", "address_line2", self.address2_edit)
        self._add_row(address_form, self.tr("City"), "city", self.city_edit)
        self._add_row(address_form, self.tr("Province"), "province", self.province_edit)
        self._add_row(address_form, self.tr("Postal code"), "postal_code", self.postal_code_edit)
        self._add_row(address_form, self.tr("Country"), "country", self.country_edit)
        self._add_row(address_form, self.tr("Note"), "note", self.note_edit)  # usually for the courier
        self.boxes["lines"] = _FieldBox(self.lines_table)
        self.lines_title = QLabel(self.tr("Lines"), objectName="reviewLinesTitle")
        title_font = self.lines_title.font()
        title_font.setBold(True)
        self.lines_title.setFont(title_font)

        left_column = QVBoxLayout()
        left_column.addWidget(customer)
        left_column.addWidget(delivery)
        left_column.addStretch(1)
        right_column = QVBoxLayout()
        right_column.addWidget(address)
        right_column.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left_column, 1)
        columns.addLayout(right_column, 1)

        header = QHBoxLayout()
        header.addWidget(self.number_label)
        header.addWidget(self.state_label)
        header.addStretch(1)

        self.editor = QWidget(objectName="reviewEditor")
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(header)
        editor_layout.addWidget(self.info_label)
        editor_layout.addWidget(self.message_bar)
        editor_layout.addWidget(self.reason_list)
        editor_layout.addWidget(self.order_message)
        editor_layout.addWidget(self.accept_row)
        editor_layout.addLayout(columns)
        self.lines_header = QHBoxLayout()
        self.lines_header.addWidget(self.lines_title)
        self.lines_header.addStretch(1)
        editor_layout.addLayout(self.lines_header)
        editor_layout.addWidget(self.boxes["lines"])
        editor_layout.addStretch(1)

        self.placeholder = QLabel(objectName="reviewPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #5f6368; font-size: 14px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.editor, 1)
        self.setStyleSheet(INVALID_STYLE)  # once the widgets are in place: one style pass, not one per widget
        self.show_placeholder(self.tr("Select an order in the queue, or press F8 for the next one."))

    # -- building --------------------------------------------------------------------------------------
    def _line_edit(self, name: str, length: int) -> QLineEdit:
        edit = QLineEdit(objectName=name)
        edit.setMaxLength(length)
        edit.textChanged.connect(self._edited)
        return edit

    @staticmethod
    def _form(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(6)
        return form

    def _add_row(self, form: QFormLayout, label: str, field: str, editor: QWidget) -> None:
        box = _FieldBox(editor)
        self.boxes[field] = box
        form.addRow(label, box)

    # -- showing -------------------------------------------------------------------------------------------
    def show_placeholder(self, text: str) -> None:
        self.detail = None
        self._original = None
        self.placeholder.setText(text)
        self.placeholder.show()
        self.editor.hide()

    def show_order(self, detail: OrderDetail, *, editable: bool, slots: tuple[str, ...] = ()) -> None:
        """Fill the form from ``detail`` (any typing is replaced) and flag its findings."""
        self._filling = True
        try:
            self.detail = detail
            self.number_label.setText(self.tr("Order {number}").format(number=detail.number))
            self.state_label.setText(order_state_label(detail.state))
            self.state_label.setStyleSheet(STATE_BADGE_STYLE.get(detail.state, "background: #e8eaed;"))
            info = [f"{detail.channel} · {detail.external_id}",
                    self.tr("received {time}").format(time=format_local_time(detail.received_at)[:16])]
            if detail.warehouse_code:
                info.append(self.tr("warehouse {code}").format(code=detail.warehouse_code))
            if detail.total_cents is not None:
                info.append(self.tr("total {amount}").format(amount=format_cents(detail.total_cents)))
            if detail.state_reason:
                info.append(self.tr("reason: {reason}").format(reason=detail.state_reason))
            self.info_label.setText("  ·  ".join(info))
            for edit, text in ((self.name_edit, detail.customer_name), (self.phone_edit, detail.phone),
                               (self.email_edit, detail.email), (self.address1_edit, detail.address_line1),
                               (self.address2_edit, detail.address_line2), (self.city_edit, detail.city),
                               (self.province_edit, detail.province), (self.postal_code_edit, detail.postal_code),
                               (self.country_edit, detail.country)):
                edit.setText(text)
                edit.setCursorPosition(0)  # a long address shows its beginning
            self.delivery_date_edit.set_value(detail.delivery_date)
            self.slot_edit.clear()
            for slot in dict.fromkeys((*slots, detail.delivery_slot) if detail.delivery_slot else slots):
                self.slot_edit.addItem(slot)
            self.slot_edit.setCurrentText(detail.delivery_slot)
            self.payment_edit.clear()
            for code in dict.fromkeys((*PAYMENT_STATUSES, detail.payment_status)):
                self.payment_edit.addItem(payment_status_label(code), code)
            self.payment_edit.setCurrentIndex(self.payment_edit.findData(detail.payment_status))
            self.note_edit.setPlainText(detail.note)
            self.lines_model.set_lines(detail.lines, self._line_problems(detail.reasons))
            self._fit_lines_table()
            QTimer.singleShot(0, self._fit_lines_table)  # again once the header has its real height
            self.show_findings(detail.reasons)
            self.set_editable(editable)
            self._original = self._edit_from_detail(detail)
            self.message_bar.clear()
        finally:
            self._filling = False
        self.placeholder.hide()
        self.editor.show()

    def show_findings(self, findings: tuple[Finding, ...]) -> None:
        """List the findings at the top and flag each next to its field (or line)."""
        self.reason_list.clear()
        per_field: dict[str, list[str]] = {}
        unplaced: list[str] = []
        for finding in findings:
            text = f"⚠  {rule_label(finding.rule)}: {finding.message}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, finding.field)
            item.setData(Qt.ItemDataRole.UserRole + 1, finding.rule)
            item.setToolTip(text + "\n" + self.tr("Click to go to the field."))
            self.reason_list.addItem(item)
            box_field = "address" if finding.field in ("address_line1", "address") else finding.field
            if box_field in self.boxes:
                per_field.setdefault(box_field, []).append(finding.message)
            elif not finding.field.startswith("line:"):
                unplaced.append(finding.message)
        self.order_message.setText("\n".join(unplaced))
        self.order_message.setVisible(bool(unplaced))
        for field, box in self.boxes.items():
            box.set_finding(per_field.get(field, []))
        self.lines_model.set_problems(self._line_problems(findings))
        self.reason_list.setVisible(bool(findings))
        self._fit_reason_list()
        rules = {finding.rule for finding in findings}
        for rule, box in self.accept_boxes.items():
            box.setChecked(False)
            box.setVisible(rule in rules)
        self.accept_row.setVisible(bool(rules & set(ACCEPTABLE_RULES)))

    @staticmethod
    def _line_problems(findings: tuple[Finding, ...]) -> dict[int, list[str]]:
        problems: dict[int, list[str]] = {}
        for finding in findings:
            if finding.field.startswith("line:"):
                try:
                    line_no = int(finding.field.split(":", 1)[1])
                except ValueError:
                    continue
                problems.setdefault(line_no, []).append(finding.message)
        return problems

    def _fit_reason_list(self) -> None:
        """One line per finding (the whole message is under its field, and in the tooltip), no scroll bar."""
        count = self.reason_list.count()
        if not count:
            return
        row = max(self.reason_list.sizeHintForRow(0), self.reason_list.fontMetrics().height() + 6)
        self.reason_list.setFixedHeight(count * row + 2 * self.reason_list.frameWidth() + 2)

    def _fit_lines_table(self) -> None:
        """Tall enough for the lines (up to 8; more scroll), no taller."""
        rows = max(min(self.lines_model.rowCount(), 8), 1)
        table = self.lines_table
        header = table.horizontalHeader()
        header_height = max(header.sizeHint().height(), header.height() if header.isVisible() else 0)
        height = header_height + rows * table.verticalHeader().defaultSectionSize()
        scroll_bar = table.horizontalScrollBar().sizeHint().height() if table.horizontalScrollBar().isVisible() else 0
        table.setFixedHeight(height + 2 * table.frameWidth() + 4 + scroll_bar)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for edit in (self.name_edit, self.phone_edit, self.email_edit, self.address1_edit, self.address2_edit,
                     self.city_edit, self.province_edit, self.postal_code_edit, self.country_edit):
            edit.setReadOnly(not editable)
        self.note_edit.setReadOnly(not editable)
        for widget in (self.delivery_date_edit, self.slot_edit, self.payment_edit, *self.accept_boxes.values()):
            widget.setEnabled(editable)
        self.lines_model.set_editable(editable)

    def is_editable(self) -> bool:
        return self._editable

    # -- reading -----------------------------------------------------------------------------------------------
    def edit(self) -> OrderEdit:
        """The form as the service's ``OrderEdit`` (text trimmed as the service stores it)."""
        payment = self.payment_edit.currentData()
        return OrderEdit(
            self.name_edit.text().strip(), self.phone_edit.text().strip(), self.email_edit.text().strip(),
            self.address1_edit.text().strip(), self.address2_edit.text().strip(), self.city_edit.text().strip(),
            self.province_edit.text().strip(), self.postal_code_edit.text().strip(),
            self.country_edit.text().strip().upper(), self.delivery_date_edit.value(),
            self.slot_edit.currentText().strip(), payment if isinstance(payment, str) else "",
            self.note_edit.toPlainText(),
            tuple(LineEdit(no, sku, quantity) for no, sku, quantity in self.lines_model.line_values()))

    @staticmethod
    def _edit_from_detail(detail: OrderDetail) -> OrderEdit:
        return OrderEdit(
            detail.customer_name, detail.phone, detail.email, detail.address_line1, detail.address_line2,
            detail.city, detail.province, detail.postal_code, detail.country.upper(), detail.delivery_date,
            detail.delivery_slot, detail.payment_status, detail.note,
            tuple(LineEdit(line.line_no, line.sku, line.quantity) for line in detail.lines
                  if line.state != "cancelled"))

    def add_slots(self, slots: tuple[str, ...]) -> None:
        """Offer the delivery slots of the review settings (they arrive after the first order may be shown)."""
        self._filling = True
        try:
            current = self.slot_edit.currentText()
            for slot in slots:
                if self.slot_edit.findText(slot) < 0:
                    self.slot_edit.addItem(slot)
            self.slot_edit.setCurrentText(current)
        finally:
            self._filling = False

    def forget_edits(self) -> None:
        """Treat what the form holds as unchanged (the person chose to drop the edits; a reload follows)."""
        if self.detail is not None:
            self._original = self.edit()

    def is_dirty(self) -> bool:
        return self.detail is not None and self._original is not None and self.edit() != self._original

    def changed_fields(self) -> list[str]:
        if not self.is_dirty():
            return []
        current, original = self.edit(), self._original
        return [name for name in OrderEdit.__dataclass_fields__ if getattr(current, name) != getattr(original, name)]

    def accepted_rules(self) -> frozenset[str]:
        return frozenset(rule for rule, box in self.accept_boxes.items() if box.isVisible() and box.isChecked())

    def selected_line_numbers(self) -> list[int]:
        rows = self.lines_table.selectionModel().selectedRows()
        numbers = []
        for index in rows:
            line = index.data(ROW_ROLE)
            if line is not None and line.state != "cancelled":
                numbers.append(line.line_no)
        return sorted(numbers)

    def box(self, field: str) -> _FieldBox | None:
        return self.boxes.get(field)

    def highlight(self, field: str, message: str) -> None:
        """Flag one field (a save refused by the service): message under it, focus on it."""
        if field.startswith("line:"):
            try:
                line_no = int(field.split(":", 1)[1])
            except ValueError:
                return
            problems = self._line_problems(self.detail.reasons if self.detail else ())
            problems.setdefault(line_no, []).append(message)
            self.lines_model.set_problems(problems)
            self.focus_field(field)
            return
        box = self.boxes.get(field)
        if box is not None:
            box.set_finding([message])
            self.focus_field(field)

    def focus_field(self, field: str) -> None:
        if field.startswith("line:"):
            try:
                line_no = int(field.split(":", 1)[1])
            except ValueError:
                return
            row = self.lines_model.find_row(lambda r: r.line_no == line_no)
            if row >= 0:
                self.lines_table.setFocus()
                self.lines_table.selectRow(row)
                self.field_focused.emit(self.boxes["lines"])
            return
        box = self.boxes.get("address" if field == "address_line1" else field)
        if box is not None:
            box.editor.setFocus()
            if isinstance(box.editor, QLineEdit):
                box.editor.selectAll()
            self.field_focused.emit(box)

    # -- signals --------------------------------------------------------------------------------------------------
    def _edited(self, *_args) -> None:
        if not self._filling:
            self.changed.emit()

    def _reason_clicked(self, item: QListWidgetItem) -> None:
        self.focus_field(item.data(Qt.ItemDataRole.UserRole) or "")


class ReviewView(RefreshingView):
    TABLES = frozenset({"orders"})

    #: the number of exceptions waiting (the main window shows it in the tab title)
    badge_changed = Signal(int)
    #: the queue's rows are in the model and the table was asked to repaint (benchmarks, tests)
    queue_shown = Signal()
    #: an order was put in the detail panel (``OpenedOrder``)
    order_opened = Signal(object)
    #: an approve/hold/cancel/partial/cancel-lines decision came back (``ReviewOutcome``)
    outcome_shown = Signal(object)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("reviewView")
        self.can_review = context.can(Action.ORDER_REVIEW)
        self.can_override = context.can(Action.ORDER_OVERRIDE)
        prefix = f"review:{id(self)}"
        self._key_queue, self._key_open, self._key_act = f"{prefix}:queue", f"{prefix}:open", f"{prefix}:act"
        self._key_count, self._key_renew, self._key_slots = f"{prefix}:count", f"{prefix}:renew", f"{prefix}:slots"
        self.opened: OpenedOrder | None = None
        self._wanted: int | None = None
        self._busy = False
        self._opening = False
        self._syncing = False
        self._loaded_once = False
        self._complete = False
        self._load_error = False
        self._badge: int | None = None
        self._slots: tuple[str, ...] = ()
        self._slots_loaded = False
        self._watched_window: QWidget | None = None
        self._closing_after_save = False
        self._discard_on_close = False
        self._question: QMessageBox | None = None
        self._load_started = 0.0
        self._include_on_hold = True
        self._rest_after_paint: bool | None = None
        #: seconds from asking for the queue to the rows being in the model (the last load)
        self.last_load_seconds = 0.0
        # the queue starts loading now, while the widgets are built; this is the view's first refresh
        self._load()
        self._stale = False

        # The tree is built from the top down (each container in its place before its children are made):
        # with the application's style sheet, every reparenting of a finished subtree polishes it again.
        self.message_bar = MessageBar(self, "reviewMessage")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="reviewSplitter")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        queue_panel = QWidget(self.splitter, objectName="reviewQueuePanel")
        order_panel = QWidget(self.splitter, objectName="reviewOrderPanel")
        self.splitter.addWidget(queue_panel)
        self.splitter.addWidget(order_panel)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([680, 680])

        # -- the queue ------------------------------------------------------------------------------
        queue_layout = QVBoxLayout(queue_panel)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit(queue_panel, objectName="reviewFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter: number, customer, phone, reason…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.on_hold_toggle = QCheckBox(self.tr("Include on hold"), queue_panel, objectName="reviewIncludeOnHold")
        self.on_hold_toggle.setChecked(True)
        self.count_label = QLabel(self.tr("Loading…"), queue_panel, objectName="reviewCount")
        self.model = QueueTableModel(self, me=context.actor.username)
        self.proxy = QueueFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(queue_panel, objectName="reviewTable")
        queue_bar = QHBoxLayout()
        queue_bar.addWidget(self.filter_edit, 1)
        queue_bar.addWidget(self.on_hold_toggle)
        queue_layout.addLayout(queue_bar)
        queue_layout.addWidget(self.table, 1)
        queue_layout.addWidget(self.count_label)
        configure_table(self.table, self.proxy, stretch=QueueTableModel.COL_REASONS, min_stretch_width=160, widths={
            QueueTableModel.COL_NUMBER: "20261231-0000",
            QueueTableModel.COL_STATE: order_state_label("exception"),
            QueueTableModel.COL_DELIVERY: "12-31 09:00-12:00",
            QueueTableModel.COL_AGE: self.tr("{h} h {m} min").format(h=23, m=59),
            QueueTableModel.COL_CUSTOMER: "Emma Thompson",
            QueueTableModel.COL_REASONS: 160,
            QueueTableModel.COL_CLAIMED: "super",
        })
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

        # -- the order ---------------------------------------------------------------------------------
        order_layout = QVBoxLayout(order_panel)
        order_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(order_panel, objectName="reviewDetailScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        order_layout.addWidget(self.scroll, 1)
        self.detail = ReviewDetailPanel(self.scroll.viewport())
        self.scroll.setWidget(self.detail)
        buttons = QHBoxLayout()
        order_layout.addLayout(buttons)
        self.save_button = QPushButton(self.tr("Save"), order_panel, objectName="reviewSaveButton")
        self.approve_button = QPushButton(self.tr("Approve"), order_panel, objectName="reviewApproveButton")
        self.approve_button.setStyleSheet(APPROVE_STYLE)
        self.hold_button = QPushButton(self.tr("Hold…"), order_panel, objectName="reviewHoldButton")
        self.cancel_button = QPushButton(self.tr("Cancel order…"), order_panel, objectName="reviewCancelButton")
        self.partial_button = QPushButton(self.tr("Allow partial shipment…"), self.detail,
                                          objectName="reviewPartialButton")
        self.cancel_lines_button = QPushButton(self.tr("Cancel selected lines…"), self.detail,
                                               objectName="reviewCancelLinesButton")
        self.next_button = QPushButton(self.tr("Next order"), order_panel, objectName="reviewNextButton")
        for button in (self.partial_button, self.cancel_lines_button):
            button.setVisible(self.can_override)
        for button in (self.save_button, self.approve_button, self.hold_button, self.cancel_button):
            button.setVisible(self.can_review)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.hold_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.detail.lines_header.addWidget(self.partial_button)  # the supervisor's decisions are about the lines
        self.detail.lines_header.addWidget(self.cancel_lines_button)
        buttons.addWidget(self.next_button)

        # -- keyboard --------------------------------------------------------------------------------------
        self.save_action = self._action(self.save, QKeySequence.StandardKey.Save)
        self.approve_action = self._action(self.approve, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"))
        self.hold_action = self._action(self.hold, QKeySequence("Ctrl+H"))
        self.cancel_action = self._action(self.cancel_order, QKeySequence("Ctrl+Shift+Delete"))
        self.next_action = self._action(self.next_order, QKeySequence("Ctrl+Down"), QKeySequence("F8"))
        self.filter_action = self._action(self._focus_filter, QKeySequence.StandardKey.Find)
        for button, action, text in (
                (self.save_button, self.save_action, self.tr("Save the corrections (Ctrl+S)")),
                (self.approve_button, self.approve_action,
                 self.tr("Save, then review and allocate the order again (Ctrl+Enter)")),
                (self.hold_button, self.hold_action, self.tr("Park the order with a reason (Ctrl+H)")),
                (self.cancel_button, self.cancel_action, self.tr("Cancel the whole order (Ctrl+Shift+Delete)")),
                (self.next_button, self.next_action, self.tr("Open the next order in the queue (F8 or Ctrl+Down)"))):
            button.setToolTip(text)
            action.setToolTip(text)
        self.partial_button.setToolTip(self.tr("Supervisor: ship what can be reserved now; the rest is not sent"))
        self.cancel_lines_button.setToolTip(self.tr("Supervisor: drop the lines selected in the lines table"))

        # -- behaviour ---------------------------------------------------------------------------------------
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.on_hold_toggle.toggled.connect(self._on_hold_toggled)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.save_button.clicked.connect(self.save)
        self.approve_button.clicked.connect(self.approve)
        self.hold_button.clicked.connect(self.hold)
        self.cancel_button.clicked.connect(self.cancel_order)
        self.partial_button.clicked.connect(self.allow_partial)
        self.cancel_lines_button.clicked.connect(self.cancel_lines)
        self.next_button.clicked.connect(self.next_order)
        self.detail.changed.connect(self._update_buttons)
        self.detail.field_focused.connect(lambda box: self.scroll.ensureWidgetVisible(box, 20, 40))
        self.detail.lines_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._open_now)
        self._renew_timer = QTimer(self)
        self._renew_timer.setInterval(CLAIM_RENEW_MS)
        self._renew_timer.timeout.connect(self._renew_claim)
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(AGE_TICK_MS)
        self._age_timer.timeout.connect(lambda: self.model.set_now(utc_now()))
        self._age_timer.start()
        self._update_count()
        self._update_buttons()

    def _action(self, slot: Callable[[], Any], *keys) -> QAction:
        action = QAction(self)
        action.setShortcuts(list(keys) if not isinstance(keys[0], QKeySequence.StandardKey)
                            else QKeySequence.keyBindings(keys[0]))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # -- the queue ---------------------------------------------------------------------------------------
    def _load(self) -> None:
        db, actor = self.context.database, self.context.actor
        include = self._include_on_hold
        self._load_started = time.perf_counter()
        if not self._loaded_once:
            if QUEUE_PAGES:  # the most urgent orders first, painted at once; the whole queue follows
                self.run(lambda: prepare_queue(queries.review_queue(db, actor, include_on_hold=include,
                                                                    limit=FIRST_PAGE)),
                         lambda snapshot: self._first_page_loaded(snapshot, include), self._load_failed,
                         key=self._key_queue)
                return
        self._load_all(include)

    def _load_all(self, include: bool) -> None:
        db, actor = self.context.database, self.context.actor
        self.run(lambda: prepare_queue(queries.review_queue(db, actor, include_on_hold=include)),
                 self._queue_loaded, self._load_failed, key=self._key_queue)

    def _first_page_loaded(self, snapshot: QueueSnapshot, include: bool) -> None:
        complete = len(snapshot.rows) < FIRST_PAGE
        self._queue_loaded(snapshot, complete=complete)
        if complete:
            return
        if self.table.isVisible():  # the rest once the first page is on screen (not competing with its paint)
            self._rest_after_paint = include
            self.table.viewport().installEventFilter(self)
        else:
            self._load_all(include)

    def _load_slots(self) -> None:
        db, actor = self.context.database, self.context.actor
        self._slots_loaded = True
        self.run(lambda: tuple(load_review_settings(db, actor).slots), self._slots_arrived, lambda _e: None,
                 key=self._key_slots)

    def _slots_arrived(self, slots: tuple[str, ...]) -> None:
        self._slots, self._slots_loaded = slots, True
        self.detail.add_slots(slots)

    def _queue_loaded(self, snapshot: QueueSnapshot, *, complete: bool = True) -> None:
        self.last_load_seconds = time.perf_counter() - self._load_started
        wanted = self.opened.detail.id if self.opened is not None else self._selected_id()
        scroll = self.table.verticalScrollBar().value()
        self._syncing = True
        try:
            self.model.set_snapshot(snapshot)
            if wanted is None or not self._select_order(wanted, scroll=False):
                self.table.selectionModel().clearSelection()
        finally:
            self._syncing = False
        self.table.verticalScrollBar().setValue(scroll)
        self._loaded_once = True
        self._complete = complete
        if complete:
            self._set_badge(snapshot.exceptions)
        self._update_count()
        if self._load_error and self.message_bar.kind() == "error":
            self.message_bar.clear()
        self._load_error = False
        self.table.viewport().update()
        self.queue_shown.emit()
        if complete:
            self._follow_open_order()
            if not self._slots_loaded:
                self._load_slots()
        self._update_buttons()

    def _load_failed(self, error: BaseException) -> None:
        self.count_label.setText("")
        self._show_error(error)
        self._load_error = True

    def _on_refresh_due(self) -> None:
        super()._on_refresh_due()
        if not self.isVisible():
            self.load_count()

    def load_count(self) -> None:
        """Only the number of exceptions (for the tab title while the view is hidden)."""
        db, actor = self.context.database, self.context.actor
        self.run(lambda: queries.exception_count(db, actor), self._set_badge, lambda _error: None,
                 key=self._key_count)

    def _set_badge(self, count: int) -> None:
        if count != self._badge:
            self._badge = count
            self.badge_changed.emit(count)

    def badge(self) -> int:
        return self._badge or 0

    def queue_complete(self) -> bool:
        """The whole queue is loaded (not only its first page)."""
        return self._loaded_once and self._complete

    def _update_count(self, *_args) -> None:
        if not self._loaded_once:
            return
        if not self._complete:
            self.count_label.setText(self.tr("The first {n} orders; loading the rest…").format(
                n=self.model.rowCount()))
            return
        total = self.model.rowCount()
        exceptions = self.model.exception_count()
        text = self.tr("%n exception(s)", "", exceptions)
        if total != exceptions:
            text += self.tr(", %n on hold", "", total - exceptions)
        shown = self.proxy.rowCount()
        if shown != total:
            text += self.tr(" — {shown} shown").format(shown=shown)
        self.count_label.setText(text)

    def _on_hold_toggled(self, on: bool) -> None:
        self._include_on_hold = on
        self.refresh()

    def _filter_changed(self, text: str) -> None:
        # hiding the selected row moves Qt's current row to a neighbour: that must not open it
        self._syncing = True
        try:
            self.proxy.set_filter_text(text)
            if self.opened is None or not self._select_order(self.opened.detail.id, scroll=False):
                self.table.selectionModel().clear()
        finally:
            self._syncing = False
        self._update_count()

    def _selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row.id if row is not None else None

    def _select_order(self, order_id: int, *, scroll: bool = True) -> bool:
        source_row = self.model.find_order(order_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        was_syncing, self._syncing = self._syncing, True
        try:
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._syncing = was_syncing
        if scroll:
            self.table.scrollTo(index)
        return True

    def queue_rows(self) -> list[QueueRow]:
        """The rows as shown (filtered and sorted)."""
        return [self.proxy.index(row, 0).data(ROW_ROLE) for row in range(self.proxy.rowCount())]

    def _next_id(self, after: int | None) -> int | None:
        """The order after ``after`` in the queue as shown, skipping orders other reviewers have open."""
        rows = [row for row in self.queue_rows() if row is not None]
        if not rows:
            return None
        start = next((i + 1 for i, row in enumerate(rows) if row.id == after), 0)
        ordered = rows[start:] + rows[:start]
        me = self.context.actor.username
        for row in ordered:
            if row.id != after and row.claimed_by in ("", me):
                return row.id
        return None

    # -- opening an order ----------------------------------------------------------------------------------
    def _selection_changed(self, *_args) -> None:
        """A row was chosen (click, arrow keys): open it. Focus coming into the table only moves Qt's
        current index, selecting nothing, so it opens nothing."""
        if self._syncing:
            return
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if len(rows) == 1 else None
        if row is not None:
            self.request_open(row.id)

    def request_open(self, order_id: int) -> None:
        """Open ``order_id`` (after asking about unsaved edits of the order open now)."""
        if self.opened is not None and self.opened.detail.id == order_id and self._wanted is None:
            return
        if self.has_unsaved_edits():
            self._ask_unsaved(lambda: self._schedule_open(order_id), self._reselect_open_order)
            return
        self._schedule_open(order_id)

    def _schedule_open(self, order_id: int) -> None:
        self._wanted = order_id
        self._open_timer.start()

    def open_order(self, order_id: int) -> None:
        """Open ``order_id`` now (no unsaved-edits question: callers have asked)."""
        self._select_order(order_id)
        self._wanted = order_id
        self._open_now()

    def _open_now(self) -> None:
        self._open_timer.stop()
        order_id, self._wanted = self._wanted, None
        if order_id is None:
            return
        db, actor = self.context.database, self.context.actor
        release = self._take_release()
        claim = self.can_review
        self._opening = True
        self._update_buttons()
        self.run(lambda: _open_order(db, actor, order_id, claim=claim, release=release), self._opened,
                 self._open_failed, key=self._key_open)

    def _take_release(self) -> int | None:
        """The order whose claim this station gives up now (None when it holds none)."""
        if self.opened is None or not self.opened.claimed:
            return None
        order_id = self.opened.detail.id
        self.opened = replace(self.opened, claimed=False, refusal="")  # no longer ours, whatever happens next
        self._renew_timer.stop()
        self.model.update_claim(order_id, "")
        return order_id

    def _opened(self, opened: OpenedOrder) -> None:
        self._opening = False
        self._show_opened(opened)

    def _show_opened(self, opened: OpenedOrder, *, keep_message: bool = False) -> None:
        self.opened = opened
        detail = opened.detail
        self.detail.show_order(detail, editable=opened.claimed and self.can_review, slots=self._slots)
        if opened.claimed:
            self._renew_timer.start()
            self.model.update_claim(detail.id, self.context.actor.username)
        else:
            self._renew_timer.stop()
            if opened.taken_by_other:
                self.detail.message_bar.show_warning(opened.refusal)
            elif detail.state not in APPROVABLE + ("allocated",):
                self.detail.message_bar.show_info(self.tr("Order {number} is {state}; it is shown read-only.")
                                                  .format(number=detail.number,
                                                          state=order_state_label(detail.state)))
        if not keep_message and self.message_bar.kind() in ("error", "warning") and not self._load_error:
            self.message_bar.clear()
        self._select_order(detail.id, scroll=False)
        self._update_buttons()
        self.order_opened.emit(opened)

    def _open_failed(self, error: BaseException) -> None:
        self._opening = False
        self._show_error(error)
        if self.opened is None:
            self.detail.show_placeholder(self.tr("The order could not be opened."))
        self._update_buttons()

    def _reselect_open_order(self) -> None:
        self._wanted = None
        self._open_timer.stop()
        if self.opened is not None:
            self._select_order(self.opened.detail.id)

    def _follow_open_order(self) -> None:
        """After a reload: notice what other stations did to the order shown read-only."""
        opened = self.opened
        if opened is None or opened.claimed or self._opening or self._busy:
            return
        row_index = self.model.find_order(opened.detail.id)
        row = self.model.row_at(row_index) if row_index >= 0 else None
        db, actor = self.context.database, self.context.actor
        order_id = opened.detail.id
        if row is None:
            if opened.detail.state in queries.QUEUE_STATES:  # decided elsewhere: show what it is now
                self.run(lambda: OpenedOrder(queries.get_order(db, actor, order_id), claimed=False), self._reread,
                         lambda _error: None, key=self._key_open)
        elif opened.taken_by_other and row.claimed_by == "" and self.can_review:
            # the other reviewer let it go: take it
            self._opening = True
            self.run(lambda: _open_order(db, actor, order_id), self._opened, self._open_failed, key=self._key_open)
        elif row.version != opened.detail.version or row.claimed_by != opened.detail.claimed_by:
            refusal = opened.refusal
            self.run(lambda: OpenedOrder(queries.get_order(db, actor, order_id), claimed=False, refusal=refusal),
                     self._reread, lambda _error: None, key=self._key_open)

    def _reread(self, opened: OpenedOrder) -> None:
        if self.opened is not None and self.opened.detail.id == opened.detail.id and not self.opened.claimed:
            self._show_opened(opened, keep_message=True)

    def _renew_claim(self) -> None:
        if self.opened is None or not self.opened.claimed:
            self._renew_timer.stop()
            return
        db, actor, order_id = self.context.database, self.context.actor, self.opened.detail.id

        def renewed(_detail: OrderDetail) -> None:
            pass

        def refused(error: BaseException) -> None:
            if self.opened is not None and self.opened.detail.id == order_id:
                self.opened = replace(self.opened, claimed=False, refusal=error_text(error))
                self.detail.set_editable(False)
                self.detail.message_bar.show_warning(error_text(error))
                self._renew_timer.stop()
                self._update_buttons()

        self.run(lambda: desk.claim(db, actor, order_id), renewed, refused, key=self._key_renew)

    def release_claim(self) -> None:
        """Give the open order back (fire and forget: the claim also expires on its own)."""
        order_id = self._take_release()
        if order_id is None:
            return
        db, actor = self.context.database, self.context.actor
        self.context.runner.run(lambda: desk.release_claim(db, actor, order_id), lambda _r: None,
                                lambda _e: None)

    # -- unsaved edits -------------------------------------------------------------------------------------
    def has_unsaved_edits(self) -> bool:
        return self.opened is not None and self.opened.claimed and self.detail.is_dirty()

    def _ask_unsaved(self, proceed: Callable[[], None], stay: Callable[[], None]) -> None:
        number = self.opened.detail.number if self.opened else ""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("Order {number} has changes that are not saved yet.").format(number=number),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("reviewUnsavedQuestion")
        box.setInformativeText(self.tr("Save them before leaving the order?"))
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Save"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Discard changes"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Stay on this order"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        self._question = box

        def answered(result: int) -> None:
            self._question = None
            box.deleteLater()
            button = box.standardButton(box.clickedButton()) if box.clickedButton() else result
            if button == QMessageBox.StandardButton.Save:
                self.save(then=proceed, on_failure=stay)
            elif button == QMessageBox.StandardButton.Discard:
                self.detail.forget_edits()  # dropped on purpose
                proceed()
            else:
                stay()

        box.finished.connect(answered)
        box.open()

    def unsaved_question(self) -> QMessageBox | None:
        return self._question

    # -- actions -----------------------------------------------------------------------------------------------
    def _can_act(self) -> bool:
        return (self.can_review and self.opened is not None and self.opened.claimed and not self._busy
                and not self._opening)

    def _update_buttons(self, *_args) -> None:
        acting = self._can_act()
        state = self.opened.detail.state if self.opened is not None else ""
        dirty = acting and self.detail.is_dirty()
        self.save_button.setEnabled(dirty and state in desk.DESK_STATES)
        self.approve_button.setEnabled(acting and state in APPROVABLE)
        self.hold_button.setEnabled(acting and state in HOLDABLE)
        self.cancel_button.setEnabled(acting and state in desk.CANCELLABLE_STATES)
        self.partial_button.setEnabled(acting and self.can_override and state in OVERRIDABLE)
        self.cancel_lines_button.setEnabled(acting and self.can_override and state in OVERRIDABLE
                                            and bool(self.detail.selected_line_numbers()))
        self.next_button.setEnabled(not self._busy and self.proxy.rowCount() > 0)
        self.approve_button.setText(self.tr("Save and approve") if dirty else self.tr("Approve"))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _pending_edit(self) -> OrderEdit | None:
        return self.detail.edit() if self.detail.is_dirty() else None

    def _run_step(self, work: Callable[[], StepResult], done: Callable[[StepResult], None],
                  on_failure: Callable[[], None] | None = None) -> None:
        self._set_busy(True)

        def succeeded(result: StepResult) -> None:
            self._set_busy(False)
            if result.saved is not None:
                self._show_opened(OpenedOrder(result.saved), keep_message=True)
            if result.error is not None:
                self._action_failed(result.error)
                if on_failure is not None:
                    on_failure()
                return
            done(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self._action_failed(error)
            if on_failure is not None:
                on_failure()

        self.run(work, succeeded, failed, key=self._key_act)

    def _action_failed(self, error: BaseException) -> None:
        field = getattr(error, "field", None)
        text = error_text(error)
        if isinstance(error, ConflictError) and self.opened is not None:
            order_id = self.opened.detail.id
            self.message_bar.show_error(text, self.tr("Reload the order"), lambda: self._reload_order(order_id))
            return
        self.message_bar.show_error(text)
        if field and self.opened is not None:
            self.detail.highlight(field, text)

    def _reload_order(self, order_id: int) -> None:
        self.message_bar.clear()
        self.detail.forget_edits()  # the person chose to reload: edits go
        self._wanted = order_id
        self._open_now()

    def save(self, then: Callable[[], None] | None = None, on_failure: Callable[[], None] | None = None) -> None:
        """Save the corrections (Ctrl+S); ``then`` runs after a successful save."""
        if not self._can_act():
            if then is not None and not self.has_unsaved_edits():
                then()
            return
        edit = self._pending_edit()
        if edit is None:
            if then is not None:
                then()
            return
        db, actor = self.context.database, self.context.actor
        order_id, version = self.opened.detail.id, self.opened.detail.version

        def done(result: StepResult) -> None:
            self.message_bar.show_success(self.tr("Saved order {number}.").format(number=result.saved.number))
            self.announce("orders", "order_lines", "audit_log")
            if then is not None:
                then()

        self._run_step(lambda: _save_then(db, actor, order_id, version, edit, None), done, on_failure)

    def approve(self) -> None:
        """Save pending edits, then review and allocate again (Ctrl+Enter)."""
        if not self._can_act() or self.opened.detail.state not in APPROVABLE:
            return
        db, actor = self.context.database, self.context.actor
        order_id, version = self.opened.detail.id, self.opened.detail.version
        accepted = self.detail.accepted_rules()
        edit = self._pending_edit()
        self._run_step(lambda: _save_then(
            db, actor, order_id, version, edit,
            lambda v: desk.approve(db, actor, order_id, accepted_rules=accepted, expected_version=v),
            reopen_unless=("allocated",)), self._decided)

    def hold(self) -> None:
        """Put the order on hold with a reason (Ctrl+H); pending edits are saved first."""
        if not self._can_act() or self.opened.detail.state not in HOLDABLE:
            return
        number = self.opened.detail.number
        dialog = ReasonDialog(
            self, self.tr("Hold order {number}").format(number=number),
            self.tr("Why is order {number} put on hold? It stays in the queue (on hold) until someone "
                    "approves or cancels it.").format(number=number),
            self.tr("Hold order"),
            details=self.tr("Your unsaved changes are saved first.") if self.detail.is_dirty() else "",
            suggestions=(self.tr("Waiting for the customer to call back"), self.tr("Waiting for the payment"),
                         self.tr("Customer asked to change the order"), self.tr("Address being checked")))
        self._ask_reason(dialog, "reviewHoldDialog", self._hold_with)

    def _hold_with(self, reason: str) -> None:
        self._decide(lambda db, actor, order_id, v: desk.hold(db, actor, order_id, reason, expected_version=v),
                     reopen_unless=("on_hold",))

    def cancel_order(self) -> None:
        """Cancel the whole order with a reason (Ctrl+Shift+Delete); asks for confirmation."""
        if not self._can_act() or self.opened.detail.state not in desk.CANCELLABLE_STATES:
            return
        number = self.opened.detail.number
        details = self.tr("The order is cancelled for good and its reserved stock is released. "
                          "This cannot be undone.")
        if self.detail.is_dirty():
            details += " " + self.tr("Your unsaved changes to it are discarded.")
        dialog = ReasonDialog(
            self, self.tr("Cancel order {number}?").format(number=number),
            self.tr("Why is order {number} cancelled?").format(number=number),
            self.tr("Cancel order"), details=details, destructive=True, keep_text=self.tr("Keep the order"),
            suggestions=(self.tr("Customer cancelled"), self.tr("Duplicate order"),
                         self.tr("Address outside the delivery area"), self.tr("Payment not received"),
                         self.tr("Customer cannot be reached")))
        self._ask_reason(dialog, "reviewCancelDialog", self._cancel_with)

    def _cancel_with(self, reason: str) -> None:
        self._decide(lambda db, actor, order_id, v: desk.cancel(db, actor, order_id, reason, expected_version=v),
                     reopen_unless=("cancelled",), save_edits=False)

    def allow_partial(self) -> None:
        """Supervisor: ship what can be reserved; pending edits are saved first."""
        if not self._can_act() or not self.can_override or self.opened.detail.state not in OVERRIDABLE:
            return
        number = self.opened.detail.number
        dialog = ReasonDialog(
            self, self.tr("Allow a partial shipment of {number}").format(number=number),
            self.tr("Why may order {number} ship without the quantities that are short?").format(number=number),
            self.tr("Allow partial shipment"),
            details=self.tr("The order is reviewed again and allocated with what is in stock now."),
            suggestions=(self.tr("Customer agreed"), self.tr("Customer asked to send what is there")))
        self._ask_reason(dialog, "reviewPartialDialog", self._partial_with)

    def _partial_with(self, reason: str) -> None:
        self._decide(lambda db, actor, order_id, v: desk.allow_partial(db, actor, order_id, reason,
                                                                       expected_version=v),
                     reopen_unless=("allocated",))

    def cancel_lines(self) -> None:
        """Supervisor: cancel the lines selected in the lines table."""
        if not self._can_act() or not self.can_override or self.opened.detail.state not in OVERRIDABLE:
            return
        lines = self.detail.selected_line_numbers()
        if not lines:
            self.message_bar.show_warning(self.tr("Select the lines to cancel in the lines table first."))
            return
        number = self.opened.detail.number
        dialog = ReasonDialog(
            self, self.tr("Cancel lines of {number}").format(number=number),
            self.tr("Why are lines {lines} of order {number} cancelled?").format(
                lines=", ".join(str(n) for n in lines), number=number),
            self.tr("Cancel lines"), destructive=True, keep_text=self.tr("Keep the lines"),
            details=self.tr("Their reserved stock is released and the rest of the order is reviewed again."),
            suggestions=(self.tr("Out of stock, customer agreed"), self.tr("Product discontinued"),
                         self.tr("Customer removed the item")))
        self._ask_reason(dialog, "reviewCancelLinesDialog", lambda reason: self._cancel_lines_with(lines, reason))

    def _cancel_lines_with(self, lines: list[int], reason: str) -> None:
        self._decide(lambda db, actor, order_id, v: desk.cancel_lines(db, actor, order_id, lines, reason,
                                                                      expected_version=v),
                     reopen_unless=("allocated",))

    def _ask_reason(self, dialog: ReasonDialog, object_name: str, on_reason: Callable[[str], None]) -> None:
        """Open a reason dialog (window-modal, deleted when closed) that calls ``on_reason`` with the text."""
        dialog.setObjectName(object_name)
        dialog.reason_given.connect(on_reason)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _decide(self, action: Callable[..., ReviewOutcome], *, reopen_unless: tuple[str, ...],
                save_edits: bool = True) -> None:
        """Run a desk decision in the runner: pending edits saved first (unless discarded, as by a cancel),
        then ``action(db, actor, order_id, version)``; the order is opened again when it stays at the desk."""
        if not self._can_act():
            return
        db, actor = self.context.database, self.context.actor
        order_id, version = self.opened.detail.id, self.opened.detail.version
        edit = self._pending_edit() if save_edits else None
        self._run_step(lambda: _save_then(db, actor, order_id, version, edit,
                                          lambda v: action(db, actor, order_id, v),
                                          reopen_unless=reopen_unless), self._decided)

    def _decided(self, result: StepResult) -> None:
        """Show what a decision did; move on when the order left the desk's hands."""
        outcome = result.outcome
        assert outcome is not None
        self.announce(*CHANGED_BY_DECISIONS)
        if result.reopened is not None:
            self._show_opened(result.reopened, keep_message=True)
            labels = reasons_text(tuple(dict.fromkeys(f.rule for f in outcome.reasons)))
            self.message_bar.show_warning(
                self.tr("Order {number} is still an exception: {reasons}. The findings are marked below.")
                .format(number=outcome.number, reasons=labels or order_state_label(outcome.state)))
            self.outcome_shown.emit(outcome)
            return
        if outcome.state == "allocated":
            self.message_bar.show_success(self.tr("Order {number} approved and allocated.").format(
                number=outcome.number))
        elif outcome.state == "on_hold":
            self.message_bar.show_info(self.tr("Order {number} is on hold.").format(number=outcome.number))
        elif outcome.state == "cancelled":
            self.message_bar.show_info(self.tr("Order {number} cancelled.").format(number=outcome.number))
        else:
            self.message_bar.show_info(self.tr("Order {number} is now {state}.").format(
                number=outcome.number, state=order_state_label(outcome.state)))
        left = self.opened.detail.id if self.opened is not None else None
        next_id = self._next_id(left)
        self.opened = None  # the service gave the claim back with the decision
        self._renew_timer.stop()
        if left is not None:
            self.model.update_claim(left, "")
        self.outcome_shown.emit(outcome)
        if next_id is not None and next_id != left:
            self.open_order(next_id)
        else:
            self.detail.show_placeholder(self.tr("The queue is empty. Well done."))
            self._update_buttons()

    def next_order(self) -> None:
        """Open the next order in the queue (F8 / Ctrl+Down)."""
        if self._busy:
            return
        current = self.opened.detail.id if self.opened is not None else self._selected_id()
        next_id = self._next_id(current)
        if next_id is None:
            self.message_bar.show_info(self.tr("No other order in the queue is free to open."))
            return
        if self.has_unsaved_edits():
            self._ask_unsaved(lambda: self.open_order(next_id), self._reselect_open_order)
            return
        self.open_order(next_id)

    # -- leaving ------------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._watched_window:
            if self._watched_window is not None:
                self._watched_window.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched_window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._watched_window and event.type() == QEvent.Type.Close:
            return self._window_closing(event)
        if (self._rest_after_paint is not None and watched is self.table.viewport()
                and event.type() == QEvent.Type.Paint):
            include, self._rest_after_paint = self._rest_after_paint, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, lambda: self._load_all(include))
        return False

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._window_closing(event):
            super().closeEvent(event)

    def _window_closing(self, event: QEvent) -> bool:
        """True (and the close is ignored) while unsaved edits wait for an answer."""
        if self.has_unsaved_edits() and not self._discard_on_close:
            event.ignore()
            if self._question is None:
                window = self._watched_window or self
                self._ask_unsaved(lambda: self._close_again(window), lambda: None)
            return True
        self.release_claim()
        return False

    def _close_again(self, window: QWidget) -> None:
        self._discard_on_close = True
        QTimer.singleShot(0, window.close)
