"""Dialogs for what happens to stock in a bin: transfer, write-off, quarantine and
release, and a supervisor's correction. Each works on one stock record (a lot
in a bin, a ``QuantRow``), saves through ``app.services.stock.operations`` in
the runner and shows the service's message in the dialog when it refuses.

Quantities are typed in the product's unit: pieces, or kg with up to three
decimals for goods sold by weight (converted to grams exactly).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget,
)

from app.errors import ValidationError
from app.i18n import _
from app.permissions import Action
from app.services import catalog, warehouses
from app.services.stock import operations
from app.services.stock.ledger import stock_value_cents
from app.services.stock.operations import (WRITE_OFF_REASON_LABELS, WRITE_OFF_REASONS, AdjustmentRow,
                                           QuarantineRow, TransferRow, WriteOffRow)
from app.services.stock.queries import QuantRow
from app.services.warehouses import BinRow
from ui.context import ViewContext
from ui.dialogs.entity_dialog import EntityDialog
from ui.formatting import format_cents
from ui.quantities import (QuantityError, format_quantity, is_weighed, parse_quantity, quantity_error_message,
                           quantity_text)
from ui.results import guarded


class _QuantDialog(EntityDialog):
    """Shows which stock record the dialog acts on and reads quantities in its unit."""

    ACTION_TEXT = "Save"

    def __init__(self, context: ViewContext, quant: QuantRow, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.quant = quant
        self.summary = QLabel(objectName="quantSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setText(self.tr("{sku} {name}\nLot {lot}, expiry {expiry} — bin {bin}\n"
                                     "On hand {on_hand}, reserved {reserved}, free {available}").format(
            sku=quant.sku, name=quant.name_en, lot=quant.lot_number, expiry=quant.expiry_date.isoformat(),
            bin=quant.bin_code, on_hand=self.qty(quant.on_hand), reserved=self.qty(quant.reserved),
            available=self.qty(quant.available)))
        self.form = QFormLayout()
        self.body.addWidget(self.summary)
        self.body.addLayout(self.form)
        self.setMinimumWidth(520)
        self._set_action_text()

    def qty(self, quantity: int) -> str:
        return format_quantity(quantity, self.quant.unit)

    def unit_suffix(self) -> str:
        return self.tr("kg") if is_weighed(self.quant.unit) else self.tr("pcs")

    def quantity_edit(self, object_name: str = "quantityEdit") -> QLineEdit:
        edit = QLineEdit(objectName=object_name)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setMaxLength(12)
        edit.setPlaceholderText("0.000" if is_weighed(self.quant.unit) else "0")
        return edit

    def read_quantity(self, edit: QLineEdit, field: str = "quantity") -> int:
        try:
            return parse_quantity(edit.text(), self.quant.unit)
        except QuantityError as error:
            raise ValidationError(quantity_error_message(error, self.quant.unit), field) from None

    def action_text(self) -> str:
        return self.tr("Save")

    def _set_action_text(self) -> None:
        self.save_button.setText(self.action_text())

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if not busy:
            self._set_action_text()


def _with_unit(edit: QWidget, unit: str) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(QLabel(unit))
    return box


class TransferDialog(_QuantDialog):
    """Move free stock of this lot to another bin of the same warehouse."""

    def __init__(self, context: ViewContext, quant: QuantRow, parent: QWidget | None = None) -> None:
        super().__init__(context, quant, parent)
        self.setObjectName("transferDialog")
        self.setWindowTitle(self.tr("Transfer {sku} lot {lot}").format(sku=quant.sku, lot=quant.lot_number))
        self._bins: dict[str, BinRow] = {}
        self.bin_edit = QLineEdit(objectName="toBinEdit")
        self.bin_edit.setPlaceholderText(self.tr("Scan or type the bin, e.g. {example}").format(
            example=quant.bin_code))
        self.bin_completer = QCompleter([], self)
        self.bin_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.bin_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.bin_edit.setCompleter(self.bin_completer)
        self.quantity = self.quantity_edit()
        self.quantity.setText(quantity_text(max(quant.available, 0), quant.unit))
        self.reason_edit = QLineEdit(objectName="reasonEdit")
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText(self.tr("Optional, e.g. consolidating a pick face"))
        self.form.addRow(self.tr("To bin"), self.bin_edit)
        self.form.addRow(self.tr("Quantity"), _with_unit(self.quantity, self.unit_suffix()))
        self.form.addRow(self.tr("Reason"), self.reason_edit)
        self.register_field("bin", self.bin_edit, "to_bin_id", "bin_id")
        self.register_field("quantity", self.quantity)
        self.register_field("reason", self.reason_edit)
        db, actor, warehouse_id = context.database, context.actor, quant.warehouse_id
        context.runner.run(lambda: warehouses.list_bins(db, actor, warehouse_id), guarded(self, self._bins_loaded),
                           guarded(self, lambda error: self.message_bar.show_error(str(error))))
        self.bin_edit.setFocus()

    def action_text(self) -> str:
        return self.tr("Transfer")

    def _bins_loaded(self, rows: list[BinRow]) -> None:
        self._bins = {b.code.upper(): b for b in rows if b.active}
        self.bin_completer.model().setStringList([b.code for b in rows if b.active and b.id != self.quant.bin_id])

    def find_bin(self, text: str) -> BinRow | None:
        code = text.strip().upper()
        if code.startswith("B:"):  # a bin label scanned into the field
            code = code[2:]
        return self._bins.get(code)

    def collect(self) -> tuple[int, int, str]:
        text = self.bin_edit.text().strip()
        if not text:
            raise ValidationError(self.tr("Scan or type the bin the stock goes to."), "bin")
        target = self.find_bin(text)
        if target is None:
            raise ValidationError(self.tr("{code} is not a bin of this warehouse.").format(code=text.upper()), "bin")
        return target.id, self.read_quantity(self.quantity), self.reason_edit.text()

    def save_work(self, data: tuple[int, int, str]) -> Callable[[], TransferRow]:
        db, actor, quant_id = self.context.database, self.context.actor, self.quant.quant_id
        to_bin_id, quantity, reason = data
        return lambda: operations.transfer(db, actor, quant_id, to_bin_id, quantity, reason)


class WriteOffDialog(_QuantDialog):
    """Take stock out for a reason (spoiled, damaged, expired, QC reject, other) and show its value."""

    def __init__(self, context: ViewContext, quant: QuantRow, parent: QWidget | None = None) -> None:
        super().__init__(context, quant, parent)
        self.setObjectName("writeOffDialog")
        self.setWindowTitle(self.tr("Write off {sku} lot {lot}").format(sku=quant.sku, lot=quant.lot_number))
        self._price_cents: int | None = None
        self.quantity = self.quantity_edit()
        self.reason_combo = QComboBox(objectName="reasonCombo")
        for code in WRITE_OFF_REASONS:
            self.reason_combo.addItem(_(WRITE_OFF_REASON_LABELS[code]), code)
        default = "expired" if quant.expiry_status == "expired" else "spoiled"
        self.reason_combo.setCurrentIndex(self.reason_combo.findData(default))
        self.note_edit = QPlainTextEdit(objectName="noteEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 3 + 16)
        self.note_label = QLabel(self.tr("Note"))
        self.value_label = QLabel(objectName="writeOffValue")
        self.value_label.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(self.tr("Quantity"), _with_unit(self.quantity, self.unit_suffix()))
        self.form.addRow(self.tr("Reason"), self.reason_combo)
        self.form.addRow(self.note_label, self.note_edit)
        self.form.addRow(self.tr("Value"), self.value_label)
        self.register_field("quantity", self.quantity)
        self.register_field("reason", self.reason_combo)
        self.register_field("note", self.note_edit)
        self.quantity.textChanged.connect(self._update_value)
        self.reason_combo.currentIndexChanged.connect(self._reason_changed)
        db, actor, product_id = context.database, context.actor, quant.product_id
        context.runner.run(lambda: catalog.get_product(db, actor, product_id), guarded(self, self._product_loaded),
                           guarded(self, lambda _error: self._update_value()))
        self._reason_changed()
        self.quantity.setFocus()

    def action_text(self) -> str:
        return self.tr("Write off")

    def reason(self) -> str:
        return str(self.reason_combo.currentData())

    def _reason_changed(self, *_args) -> None:
        required = self.reason() == "other"
        self.note_label.setText(self.tr("Note (required)") if required else self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("Say why the stock is written off") if required
                                          else self.tr("Optional"))

    def _product_loaded(self, product: catalog.ProductRow) -> None:
        self._price_cents = product.price_cents
        self._update_value()

    def value_cents(self) -> int | None:
        """The value that will be written off (what the service records), or None if unknown yet."""
        if self._price_cents is None:
            return None
        try:
            quantity = parse_quantity(self.quantity.text(), self.quant.unit)
        except QuantityError:
            return None
        return stock_value_cents(self.quant.unit, self._price_cents, quantity)

    def _update_value(self, *_args) -> None:
        value = self.value_cents()
        self.value_label.setText(format_cents(value) if value is not None else "—")

    def collect(self) -> tuple[int, str, str]:
        quantity = self.read_quantity(self.quantity)
        note = self.note_edit.toPlainText().strip()
        if self.reason() == "other" and not note:
            raise ValidationError(self.tr("Say why the stock is written off (a note is needed for “other”)."),
                                  "note")
        return quantity, self.reason(), note

    def save_work(self, data: tuple[int, str, str]) -> Callable[[], WriteOffRow]:
        db, actor, quant_id = self.context.database, self.context.actor, self.quant.quant_id
        quantity, reason, note = data
        return lambda: operations.write_off(db, actor, quant_id, quantity, reason, note)


class QuarantineDialog(_QuantDialog):
    """Put the lot in quarantine (it cannot be reserved; its reservations end) or release it."""

    def __init__(self, context: ViewContext, quant: QuantRow, parent: QWidget | None = None) -> None:
        super().__init__(context, quant, parent)
        self.setObjectName("quarantineDialog")
        self.release = quant.quarantined
        self.setWindowTitle((self.tr("Release lot {lot} of {sku}") if self.release
                             else self.tr("Quarantine lot {lot} of {sku}")).format(lot=quant.lot_number,
                                                                                  sku=quant.sku))
        self.explanation = QLabel(objectName="quarantineExplanation")
        self.explanation.setWordWrap(True)
        if self.release:
            self.explanation.setText(self.tr("The lot can be reserved and picked again in every bin."))
        else:
            self.explanation.setText(self.tr("The whole lot, in every bin, can no longer be reserved. Orders "
                                             "already reserved on it lose that stock and are allocated again."))
        self.reason_edit = QLineEdit(objectName="reasonEdit")
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText(self.tr("e.g. QC check passed") if self.release
                                            else self.tr("e.g. temperature excursion, supplier recall"))
        if getattr(quant, "quarantine_reason", ""):
            self.form.addRow(self.tr("In quarantine because"), QLabel(quant.quarantine_reason))
        self.form.addRow(self.explanation)
        self.form.addRow(self.tr("Reason"), self.reason_edit)
        self.register_field("reason", self.reason_edit)
        if self.release and not context.can(Action.STOCK_APPROVE):
            self.message_bar.show_info(self.tr("Releasing a lot from quarantine needs a supervisor."))
            self.save_button.setEnabled(False)
        self.reason_edit.setFocus()

    def action_text(self) -> str:
        return self.tr("Release") if self.quant.quarantined else self.tr("Quarantine")

    def collect(self) -> str:
        reason = self.reason_edit.text().strip()
        if not reason:
            raise ValidationError(self.tr("Give a reason."), "reason")
        return reason

    def save_work(self, reason: str) -> Callable[[], QuarantineRow]:
        db, actor, lot_id, quarantined = self.context.database, self.context.actor, self.quant.lot_id, \
            not self.release
        return lambda: operations.set_quarantine(db, actor, lot_id, quarantined, reason)


class AdjustDialog(_QuantDialog):
    """A supervisor's correction of what a bin holds of this lot."""

    def __init__(self, context: ViewContext, quant: QuantRow, parent: QWidget | None = None) -> None:
        super().__init__(context, quant, parent)
        self.setObjectName("adjustDialog")
        self.setWindowTitle(self.tr("Correct {sku} lot {lot} in {bin}").format(
            sku=quant.sku, lot=quant.lot_number, bin=quant.bin_code))
        self.quantity = self.quantity_edit("newOnHandEdit")
        self.quantity.setText(quantity_text(quant.on_hand, quant.unit))
        self.reason_edit = QLineEdit(objectName="reasonEdit")
        self.reason_edit.setMaxLength(200)
        self.form.addRow(self.tr("New on hand"), _with_unit(self.quantity, self.unit_suffix()))
        self.form.addRow(self.tr("Reason"), self.reason_edit)
        self.register_field("quantity", self.quantity)
        self.register_field("reason", self.reason_edit)
        self.quantity.setFocus()
        self.quantity.selectAll()

    def action_text(self) -> str:
        return self.tr("Correct")

    def collect(self) -> tuple[int, str]:
        return self.read_quantity(self.quantity), self.reason_edit.text()

    def save_work(self, data: tuple[int, str]) -> Callable[[], AdjustmentRow]:
        db, actor, quant_id = self.context.database, self.context.actor, self.quant.quant_id
        new_on_hand, reason = data
        return lambda: operations.adjust(db, actor, quant_id, new_on_hand, reason)


def describe_result(row) -> str:
    """One sentence for the message bar after a stock action."""
    translate = QCoreApplication.translate
    if isinstance(row, TransferRow):
        return translate("StockDialogs", "Moved {quantity} of {sku} lot {lot} from {source} to {target}.").format(
            quantity=format_quantity(row.quantity, row.unit), sku=row.sku, lot=row.lot_number,
            source=row.from_bin_code, target=row.to_bin_code)
    if isinstance(row, WriteOffRow):
        return translate("StockDialogs", "Wrote off {quantity} of {sku} lot {lot} from {bin} ({reason}), "
                                         "value {value}.").format(
            quantity=format_quantity(row.quantity, row.unit), sku=row.sku, lot=row.lot_number, bin=row.bin_code,
            reason=_(WRITE_OFF_REASON_LABELS.get(row.reason, row.reason)), value=format_cents(row.value_cents))
    if isinstance(row, QuarantineRow):
        if not row.quarantined:
            return translate("StockDialogs", "Lot {lot} of {sku} is released from quarantine.").format(
                lot=row.lot_number, sku=row.sku)
        text = translate("StockDialogs", "Lot {lot} of {sku} is in quarantine.").format(lot=row.lot_number,
                                                                                        sku=row.sku)
        if row.released:
            text += " " + translate("StockDialogs", "Reservations released, to be allocated again: {refs}.").format(
                refs=", ".join(row.affected_references))
        return text
    if isinstance(row, AdjustmentRow):
        return translate("StockDialogs", "{bin} now holds {quantity} of {sku} lot {lot} (was {before}).").format(
            bin=row.bin_code, quantity=format_quantity(row.on_hand_after, row.unit), sku=row.sku,
            lot=row.lot_number, before=format_quantity(row.on_hand_before, row.unit))
    return translate("StockDialogs", "Done.")
