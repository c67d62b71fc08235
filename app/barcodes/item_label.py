"""The other direction of ``parse_scan`` for item labels: the text a wedge scanner sends for a GS1-128 label.

The demo's scan history, the picking benchmark and the tests all need the same scans; one writer keeps them
honest about the GS rule (a value whose AI has no predefined length ends with GS unless it is the last).
"""

from __future__ import annotations

from datetime import date

from app.barcodes.ai_table import GS, PREDEFINED_LENGTHS


def element_string(elements: list[tuple[str, str]], symbology: str = "]C1") -> str:
    """``(AI, value)`` pairs as a scanner sends them after the symbology identifier."""
    parts = []
    for index, (ai, value) in enumerate(elements):
        parts.append(ai + value)
        if ai[:2] not in PREDEFINED_LENGTHS and index < len(elements) - 1:
            parts.append(GS)
    return symbology + "".join(parts)


def item_label(gtin: str, *, lot: str | None = None, expiry: date | None = None, best_before: date | None = None,
               weight_g: int | None = None, count: int | None = None) -> str:
    """An item's GS1-128 label: GTIN (padded to 14), expiry, best before, net weight in grams, lot, count."""
    elements = [("01", gtin.zfill(14))]
    if expiry is not None:
        elements.append(("17", expiry.strftime("%y%m%d")))
    if best_before is not None:
        elements.append(("15", best_before.strftime("%y%m%d")))
    if weight_g is not None:
        elements.append(("3103", f"{weight_g:06d}"))
    if lot is not None:
        elements.append(("10", lot))
    if count is not None:
        elements.append(("30", str(count)))
    return element_string(elements)
