"""The typed result of reading one scan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

#: Values of :attr:`ScanResult.kind`.
KINDS = ("gs1", "sscc", "ean13", "ean8", "upca", "upce", "gtin14", "variable_measure", "internal")


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan says.

    ``kind`` is one of :data:`KINDS`: ``gs1`` (GS1 element strings with a
    trade item), ``sscc`` (a logistic unit: AI 00 without AI 01 - possibly with
    the contained GTIN in AI 02 - or a bare 18-digit SSCC), ``ean13``/``ean8``/``upca``/``upce``/``gtin14`` (a plain
    GTIN), ``variable_measure`` (an EAN-13 with prefix 20-29 and a configured
    layout) or ``internal`` (a FreshFlow code: bin, tote, pick list, order,
    package).

    ``symbology`` comes from the symbology identifier (``]C1`` -> ``GS1-128``)
    or, without one, from the format where that is unambiguous (13 digits ->
    ``EAN-13``, a FreshFlow code -> ``Code 128``); None for GS1 data without
    an identifier.

    GTINs (``gtin``, ``content_gtin``) are always the 14-digit form, as the
    catalogue stores them. For a variable-measure EAN-13, ``gtin`` is the
    item's GTIN with the value (and its check digit) zeroed, ``item_code``
    the item digits. ``ais`` maps each GS1 AI to its raw value string, in scan
    order. Weights: ``net_weight_kg`` keeps the encoded precision,
    ``net_weight_g`` is whole grams (rounded half up below a gram; pounds are
    converted exactly, then rounded to grams).
    """

    kind: str
    raw: str
    symbology: str | None = None
    ais: dict[str, str] = field(default_factory=dict)
    gtin: str | None = None
    content_gtin: str | None = None
    batch: str | None = None
    serial: str | None = None
    sscc: str | None = None
    count: int | None = None
    expiry: dt.date | None = None
    best_before: dt.date | None = None
    production_date: dt.date | None = None
    packaging_date: dt.date | None = None
    sell_by: dt.date | None = None
    net_weight_g: int | None = None
    net_weight_kg: Decimal | None = None
    net_weight_lb: Decimal | None = None
    gross_weight_kg: Decimal | None = None
    price: Decimal | None = None
    price_cents: int | None = None
    variable_measure: bool = False
    item_code: str | None = None
    purchase_order: str | None = None
    ship_to_gln: str | None = None
    ship_to_postcode: str | None = None
    internal_kind: str | None = None
    internal_value: str | None = None

    @property
    def is_item(self) -> bool:
        """True if the scan identifies a trade item (it has a GTIN)."""
        return self.gtin is not None

    @property
    def hri(self) -> str | None:
        """GS1 data in human-readable form, ``(01)...(17)...``; else None."""
        if not self.ais:
            return None
        return "".join(f"({ai}){value}" for ai, value in self.ais.items())
