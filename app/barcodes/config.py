"""Configuration of the barcode parser: variable-measure layouts, date window,
FreshFlow's own code prefixes.

The defaults (:data:`DEFAULT_CONFIG`) are documented in ``docs/barcodes.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from app.barcodes.errors import BarcodeError
from app.i18n import _

Measure = Literal["weight", "price"]


@dataclass(frozen=True, slots=True)
class VariableMeasureLayout:
    """How a variable-measure EAN-13 (prefix 20-29) is laid out.

    The 13 digits are ``PP`` (prefix) + item code (``item_digits``) +
    optional value check digit (``value_check_digit``) + value
    (``value_digits``) + the EAN-13 check digit, so
    ``2 + item_digits + value_check_digit + value_digits + 1 == 13``.

    ``measure`` is ``"weight"`` (value in kg with ``decimals`` decimals, at
    most 3 so that it is a whole number of grams) or ``"price"`` (value in
    currency units with ``decimals`` decimals, at most 2 so that it is a whole
    number of cents). With ``value_check_digit`` the value has 4 or 5 digits
    and its check digit uses the GS1 price/weight algorithm (§7.9.3/§7.9.4).
    """

    prefixes: tuple[str, ...]
    measure: Measure
    item_digits: int
    value_digits: int
    value_check_digit: bool
    decimals: int
    name: str = ""

    def __post_init__(self) -> None:
        prefixes = tuple(self.prefixes)
        object.__setattr__(self, "prefixes", prefixes)
        problems = []
        if not prefixes:
            problems.append(_("no prefix given"))
        for prefix in prefixes:
            if not (len(prefix) == 2 and prefix.isascii() and prefix.isdigit() and prefix[0] == "2"):
                problems.append(_("prefix {prefix} is not one of 20 to 29").format(prefix=prefix))
        if self.measure not in ("weight", "price"):
            problems.append(_("measure must be weight or price, got {measure}").format(measure=self.measure))
        total = 2 + self.item_digits + int(self.value_check_digit) + self.value_digits + 1
        if self.item_digits < 1 or self.value_digits < 1 or total != 13:
            problems.append(
                _("prefix, item code, check digit and value must fill 13 digits, got {total}").format(total=total)
            )
        if self.value_check_digit and self.value_digits not in (4, 5):
            problems.append(
                _("a value check digit needs a 4- or 5-digit value, got {n} digits").format(n=self.value_digits)
            )
        max_decimals = 3 if self.measure == "weight" else 2
        if not 0 <= self.decimals <= max_decimals:
            problems.append(
                _("{measure} decimals must be 0 to {max}, got {got}").format(
                    measure=self.measure, max=max_decimals, got=self.decimals
                )
            )
        if problems:
            raise BarcodeError(
                _("Invalid variable-measure layout {name}: {problems}").format(
                    name=self.name or "/".join(prefixes), problems="; ".join(problems)
                ),
                "layout",
                code="config",
            )

    @property
    def pattern(self) -> str:
        """The layout as letters, e.g. ``PPIIIICVVVVVK``."""
        return (
            "PP"
            + "I" * self.item_digits
            + ("C" if self.value_check_digit else "")
            + "V" * self.value_digits
            + "K"
        )


#: Default layouts: prefixes 20-24 carry a weight, 25-29 a price, both as
#: ``2P IIII C VVVVV K`` (4-digit item code, value check digit, 5-digit value).
#: Weight is in grams (kg with 3 decimals, up to 99.999 kg); price in cents
#: (up to 999.99).
DEFAULT_VARIABLE_MEASURE_LAYOUTS: tuple[VariableMeasureLayout, ...] = (
    VariableMeasureLayout(
        prefixes=("20", "21", "22", "23", "24"),
        measure="weight",
        item_digits=4,
        value_digits=5,
        value_check_digit=True,
        decimals=3,
        name="weight",
    ),
    VariableMeasureLayout(
        prefixes=("25", "26", "27", "28", "29"),
        measure="price",
        item_digits=4,
        value_digits=5,
        value_check_digit=True,
        decimals=2,
        name="price",
    ),
)

#: FreshFlow's own code prefixes (before the ``:``) and what they identify.
DEFAULT_INTERNAL_PREFIXES: Mapping[str, str] = MappingProxyType(
    {"B": "bin", "T": "tote", "PL": "pick_list", "O": "order", "P": "package"}
)


@dataclass(frozen=True)
class BarcodeConfig:
    """Everything a site may configure about reading barcodes.

    ``variable_measure_layouts``: the variable-measure EAN-13 layouts; an
    EAN-13 with a prefix 20-29 that no layout claims is an ordinary EAN-13.

    ``reference_date``: the date the GS1 century rule slides around
    (§7.12: a two-digit year up to 49 years back or 50 years ahead of it).
    None means today's date at each parse.

    ``internal_prefixes``: prefix (1-3 letters, before ``:``) -> kind of
    FreshFlow code.

    ``enforce_pairing``: check the GS1 AI pairing rules (mandatory
    associations and invalid pairs). Turn off only for labels whose AIs are
    split over several barcodes; :func:`~app.barcodes.parse_label` checks
    them over the combined data instead.
    """

    variable_measure_layouts: tuple[VariableMeasureLayout, ...] = DEFAULT_VARIABLE_MEASURE_LAYOUTS
    reference_date: dt.date | None = None
    internal_prefixes: Mapping[str, str] = field(default_factory=lambda: DEFAULT_INTERNAL_PREFIXES)
    enforce_pairing: bool = True

    def __post_init__(self) -> None:
        layouts = tuple(self.variable_measure_layouts)
        object.__setattr__(self, "variable_measure_layouts", layouts)
        by_prefix: dict[str, VariableMeasureLayout] = {}
        for layout in layouts:
            for prefix in layout.prefixes:
                if prefix in by_prefix:
                    raise BarcodeError(
                        _("Prefix {prefix} is in more than one variable-measure layout.").format(prefix=prefix),
                        "layout",
                        code="config",
                    )
                by_prefix[prefix] = layout
        object.__setattr__(self, "_layout_by_prefix", MappingProxyType(by_prefix))

        prefixes: dict[str, str] = {}
        kinds: set[str] = set()
        for prefix, kind in dict(self.internal_prefixes).items():
            if not (1 <= len(prefix) <= 3 and prefix.isascii() and prefix.isalpha() and prefix.isupper()):
                raise BarcodeError(
                    _("FreshFlow code prefix {prefix} must be 1 to 3 capital letters.").format(prefix=prefix),
                    "internal",
                    code="config",
                )
            if not kind or kind in kinds:
                raise BarcodeError(
                    _("FreshFlow code kind {kind} must be non-empty and unique.").format(kind=kind),
                    "internal",
                    code="config",
                )
            kinds.add(kind)
            prefixes[prefix] = kind
        object.__setattr__(self, "internal_prefixes", MappingProxyType(prefixes))
        object.__setattr__(self, "_prefix_by_kind", MappingProxyType({k: p for p, k in prefixes.items()}))

    def layout_for(self, prefix: str) -> VariableMeasureLayout | None:
        """The variable-measure layout of a two-digit EAN-13 prefix, if any."""
        return self._layout_by_prefix.get(prefix)  # type: ignore[attr-defined]

    def prefix_for(self, kind: str) -> str | None:
        """The FreshFlow code prefix of ``kind`` (``"bin"`` -> ``"B"``)."""
        return self._prefix_by_kind.get(kind)  # type: ignore[attr-defined]

    def today(self) -> dt.date:
        return self.reference_date or dt.date.today()


DEFAULT_CONFIG = BarcodeConfig()
