"""FreshFlow's own codes: bins, totes, pick lists, orders, packages.

Scheme (printed as Code 128, no FNC1, so scanners send ``]C0`` if they send
an identifier at all)::

    PREFIX ":" VALUE

``PREFIX`` says what the code is (default ``B`` bin, ``T`` tote, ``PL`` pick
list, ``O`` order, ``P`` package; configurable, 1-3 capital letters).
``VALUE`` is the record's code or number: 1 to 30 characters of ``A-Z``,
``0-9`` and ``- . / _``, starting with a letter or digit. It is printed in
capitals; scans are read case-insensitively (a keyboard-wedge scanner with
Caps Lock on sends lower case) and returned in capitals.

A code can never be mistaken for GS1 data (those start with digits) nor for
an EAN/UPC (digits only).
"""

from __future__ import annotations

import re

from app.barcodes.config import DEFAULT_CONFIG, BarcodeConfig
from app.barcodes.errors import BarcodeError
from app.barcodes.result import ScanResult
from app.i18n import N_, _

SEPARATOR = ":"
MAX_VALUE_LENGTH = 30
_VALUE = re.compile(r"[A-Z0-9][A-Z0-9._/-]*", re.ASCII)
#: What looks like a FreshFlow code: 1-3 letters and a colon.
LOOKS_INTERNAL = re.compile(r"([A-Za-z]{1,3}):", re.ASCII)

_KIND_NAMES = {
    "bin": N_("bin"),
    "tote": N_("tote"),
    "pick_list": N_("pick list"),
    "order": N_("order"),
    "package": N_("package"),
}


def kind_name(kind: str) -> str:
    """The translated name of a code kind, for messages."""
    return _(_KIND_NAMES.get(kind, kind))


def _check_value(kind: str, value: str) -> None:
    if not value:
        raise BarcodeError(
            _("The FreshFlow {kind} code has no value after the colon.").format(kind=kind_name(kind)),
            "internal",
            code="internal_code",
        )
    if len(value) > MAX_VALUE_LENGTH:
        raise BarcodeError(
            _("The FreshFlow {kind} code is too long: at most {max} characters, got {got}.").format(
                kind=kind_name(kind), max=MAX_VALUE_LENGTH, got=len(value)
            ),
            "internal",
            code="internal_code",
        )
    if _VALUE.fullmatch(value) is None:
        from app.barcodes.gs1 import show

        bad = next(
            (ch for ch in value if not ("A" <= ch <= "Z" or "0" <= ch <= "9" or ch in "._/-")),
            value[0],
        )
        raise BarcodeError(
            _(
                "The FreshFlow {kind} code {value} has the character {char}; "
                "allowed are A-Z, 0-9 and - . / _ (not first)."
            ).format(kind=kind_name(kind), value=show(value), char=show(bad)),
            "internal",
            code="internal_code",
        )


def encode_internal(kind: str, value: object, *, config: BarcodeConfig | None = None) -> str:
    """The text to print as Code 128 for a FreshFlow record.

    ``encode_internal("bin", "SH1-C-A01-02-3")`` -> ``"B:SH1-C-A01-02-3"``.
    Raises :class:`BarcodeError` for an unknown kind or a value outside the
    scheme (lower case is refused rather than silently changed, so two
    records can never share a label).
    """
    config = config or DEFAULT_CONFIG
    prefix = config.prefix_for(kind)
    if prefix is None:
        raise BarcodeError(
            _("Unknown FreshFlow code kind {kind}: expected one of {kinds}.").format(
                kind=kind, kinds=", ".join(config.internal_prefixes.values())
            ),
            "internal",
            code="internal_code",
        )
    text = str(value)
    _check_value(kind, text)
    return f"{prefix}{SEPARATOR}{text}"


def parse_internal(text: str, *, raw: str, symbology: str | None, config: BarcodeConfig) -> ScanResult:
    """Read ``B:A-01`` and the like (``text`` already trimmed)."""
    head, _sep, value = text.partition(SEPARATOR)
    prefix = head.upper()
    kind = config.internal_prefixes.get(prefix)
    if kind is None:
        raise BarcodeError(
            _("Unknown FreshFlow code type {prefix} (before the colon); expected one of: {prefixes}.").format(
                prefix=head,
                prefixes=", ".join(f"{p} ({kind_name(k)})" for p, k in config.internal_prefixes.items()),
            ),
            "internal",
            code="internal_code",
        )
    value = value.upper()
    _check_value(kind, value)
    return ScanResult(
        kind="internal",
        raw=raw,
        symbology=symbology or "Code 128",
        internal_kind=kind,
        internal_value=value,
    )
