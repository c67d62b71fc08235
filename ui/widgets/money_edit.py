"""A money field: two decimals on screen, integer cents in and out (via Decimal, never float)."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit

from ui.formatting import cents_to_text, parse_money


class MoneyEdit(QLineEdit):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        # digits, then optionally a decimal point or comma and at most two decimals
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,7}([.,]\d{0,2})?$"), self))
        self.editingFinished.connect(self._normalise)

    def set_cents(self, cents: int | None) -> None:
        self.setText(cents_to_text(cents))

    def cents(self) -> int:
        """The amount in cents; ``ValueError`` when empty or not an amount."""
        return parse_money(self.text())

    def _normalise(self) -> None:
        try:
            self.set_cents(self.cents())
        except ValueError:
            pass
