"""Reading one scan: symbology identifier, format detection, dispatch.

:func:`parse_scan` is the entry point; :func:`scan_to_json` and
:func:`format_scan_human` are what ``freshflow barcode parse`` prints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from biip import BiipException
from biip._config import ParseConfig
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.symbology import GS1Symbology, ISOSymbology, SymbologyIdentifier

from app.barcodes import gs1
from app.barcodes.ai_table import GS
from app.barcodes.checkdigits import DIGITS, is_digits
from app.barcodes.config import DEFAULT_CONFIG, BarcodeConfig
from app.barcodes.errors import BarcodeError
from app.barcodes.internal import LOOKS_INTERNAL, kind_name, parse_internal
from app.barcodes.result import ScanResult
from app.barcodes.retail import parse_gtin, parse_sscc, parse_upce
from app.i18n import N_, _

log = logging.getLogger(__name__)

# --- symbology identifiers ------------------------------------------------------------

_GS1_SYMBOLOGIES: dict[GS1Symbology, tuple[str, str]] = {
    GS1Symbology.GS1_128: ("GS1-128", "gs1"),
    GS1Symbology.GS1_DATAMATRIX: ("GS1 DataMatrix", "gs1"),
    GS1Symbology.GS1_QR_CODE: ("GS1 QR", "gs1"),
    GS1Symbology.GS1_DATABAR: ("GS1 DataBar", "gs1"),
    GS1Symbology.GS1_COMPOSITE_WITH_SEPARATOR_CHAR: ("GS1 Composite", "gs1"),
    GS1Symbology.GS1_COMPOSITE_WITH_ESCAPE_CHAR: ("GS1 Composite", "gs1"),
    GS1Symbology.GS1_DOTCODE: ("GS1 DotCode", "gs1"),
    GS1Symbology.EAN_13: ("EAN-13", "ean"),
    GS1Symbology.EAN_13_WITH_ADD_ON: ("EAN-13", "ean_addon"),
    GS1Symbology.EAN_8: ("EAN-8", "ean8"),
    GS1Symbology.ITF_14: ("ITF-14", "itf14"),
    GS1Symbology.EAN_TWO_DIGIT_ADD_ON: ("EAN add-on", "addon"),
    GS1Symbology.EAN_FIVE_DIGIT_ADD_ON: ("EAN add-on", "addon"),
}
_ISO_LABELS: dict[ISOSymbology, str] = {
    ISOSymbology.CODE_128: "Code 128",
    ISOSymbology.DATA_MATRIX: "Data Matrix",
    ISOSymbology.QR_CODE: "QR Code",
    ISOSymbology.CODE_39: "Code 39",
    ISOSymbology.CODE_93: "Code 93",
    ISOSymbology.ITF: "ITF",
    ISOSymbology.PDF417: "PDF417",
    ISOSymbology.AZTEC_CODE: "Aztec Code",
    ISOSymbology.EAN_UPC: "EAN/UPC",
    ISOSymbology.RSS_EAN_UCC_COMPOSITE: "GS1 DataBar",
    ISOSymbology.CODABAR: "Codabar",
}


#: The identifiers FreshFlow's scanners send, looked up directly (fast, and
#: biip 5.2 does not know ISO code character "J", GS1 DotCode).
_COMMON: dict[str, tuple[str, str]] = {
    "]C1": ("GS1-128", "gs1"),
    "]d2": ("GS1 DataMatrix", "gs1"),
    "]Q3": ("GS1 QR", "gs1"),
    "]e0": ("GS1 DataBar", "gs1"),
    "]J1": ("GS1 DotCode", "gs1"),
    "]E0": ("EAN-13", "ean"),
    "]E3": ("EAN-13", "ean_addon"),
    "]E4": ("EAN-8", "ean8"),
    "]I1": ("ITF-14", "itf14"),
    "]C0": ("Code 128", "plain"),
    "]d1": ("Data Matrix", "plain"),
    "]Q1": ("QR Code", "plain"),
}


def _split_symbology(s: str) -> tuple[str, str, str, int]:
    """``]C1...`` -> (label, mode, data after the identifier, its 1-based position)."""
    common = _COMMON.get(s[:3])
    if common is not None:
        return common[0], common[1], s[3:], 4
    try:
        if len(s) < 3:
            raise ValueError("too short")
        si = SymbologyIdentifier.extract(s)
    except (BiipException, ValueError, IndexError) as exc:
        raise BarcodeError(
            _("The scan starts with {text}, which is not a valid symbology identifier (like ]C1 or ]E0).").format(
                text=gs1.show(s[:4])
            ),
            "symbology",
            code="symbology",
        ) from exc
    if si.gs1_symbology is not None and si.gs1_symbology in _GS1_SYMBOLOGIES:
        label, mode = _GS1_SYMBOLOGIES[si.gs1_symbology]
    else:
        label = _ISO_LABELS.get(si.iso_symbology) or si.iso_symbology.name.replace("_", " ").title()
        mode = "plain"
    return label, mode, s[len(si.value) :], len(si.value) + 1


# --- input normalisation --------------------------------------------------------------

# Full-width ASCII (a Chinese IME in full-width mode turns a keyboard-wedge
# scan into these) -> ASCII; the ideographic space -> space.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_TRIM = " \t\r\n"  # never str.strip() without arguments: it would eat GS (0x1D)


def normalise(text: str) -> str:
    """Trim the scanner's suffix and spaces, map full-width characters to ASCII."""
    if not text.isascii():
        text = text.translate(_FULLWIDTH)
    return text.strip(_TRIM)


# --- dispatch ----------------------------------------------------------------------------


def _unrecognised(text: str) -> BarcodeError:
    return BarcodeError(
        _("Not a barcode FreshFlow can read: {text}").format(text=gs1.show(text)),
        "scan",
        code="unrecognised",
    )


def _gs1_raw(body: str, offset: int, raw: str, symbology: str | None, config: BarcodeConfig) -> ScanResult:
    reference = config.today()
    ais = gs1.collect(gs1.split_raw(body, offset), reference)
    return gs1.build_result(ais, raw=raw, symbology=symbology, config=config, reference=reference)


def _gs1_hri(body: str, raw: str, symbology: str | None, config: BarcodeConfig) -> ScanResult:
    reference = config.today()
    ais = gs1.collect(gs1.split_hri(body), reference)
    return gs1.build_result(ais, raw=raw, symbology=symbology, config=config, reference=reference)


def _digital_link(body: str, raw: str, symbology: str | None, config: BarcodeConfig) -> ScanResult:
    try:
        uri = GS1DigitalLinkURI.parse(body, config=ParseConfig(gs1_element_strings_verify_date=False))
        elements = [(es.ai.ai, es.value, 0) for es in uri.element_strings]
    except (BiipException, ValueError, IndexError, KeyError, StopIteration) as exc:
        raise BarcodeError(
            _("Not a GS1 Digital Link FreshFlow can read: {text}").format(text=gs1.show(body)),
            "scan",
            code="format",
        ) from exc
    reference = config.today()
    ais = gs1.collect(elements, reference)
    return gs1.build_result(ais, raw=raw, symbology=symbology, config=config, reference=reference)


def _auto(body: str, offset: int, raw: str, symbology: str | None, config: BarcodeConfig) -> ScanResult:
    """Tell the format from the data alone (no or a non-GS1 identifier)."""
    first = body[0]
    if first == "(":
        return _gs1_hri(body, raw, symbology, config)
    if first in DIGITS:
        if is_digits(body):
            length = len(body)
            if length in (8, 12, 13, 14):
                return parse_gtin(body, raw=raw, symbology=symbology, config=config)
            if length == 18:
                return parse_sscc(body, raw=raw, symbology=symbology)
        return _gs1_raw(body, offset, raw, symbology, config)
    if first == GS:
        return _gs1_raw(body, offset, raw, symbology, config)
    if LOOKS_INTERNAL.match(body):
        return parse_internal(body, raw=raw, symbology=symbology, config=config)
    if body[:8].lower().startswith(("http://", "https://")):
        return _digital_link(body, raw, symbology, config)
    raise _unrecognised(body)


def _length_error(name: str, expected: str, got: int) -> BarcodeError:
    return BarcodeError(
        _("{symbology} scan: expected {expected} digits, got {got}").format(symbology=name, expected=expected, got=got),
        "gtin",
        code="length",
    )


def _ean(body: str, mode: str, raw: str, symbology: str, config: BarcodeConfig) -> ScanResult:
    """Data after ]E0, ]E3, ]E4 or ]I1."""
    if not is_digits(body):
        raise BarcodeError(
            _("{symbology} data must be digits only, got {text}").format(symbology=symbology, text=gs1.show(body)),
            "gtin",
            code="charset",
        )
    length = len(body)
    if mode == "ean8":
        if length != 8:
            raise _length_error("EAN-8", "8", length)
    elif mode == "itf14":
        if length != 14:
            raise _length_error("ITF-14", "14", length)
    elif mode == "ean_addon":
        if length not in (15, 18):
            raise _length_error(_("EAN-13 with add-on"), "15 or 18", length)
        body = body[:13]  # the 2- or 5-digit add-on (periodicals) is not used
    elif length == 8:
        return parse_upce(body, raw=raw, symbology="UPC-E")
    elif length not in (12, 13):
        raise _length_error("EAN-13/UPC-A", "13 or 12", length)
    return parse_gtin(body, raw=raw, symbology=symbology, config=config)


def _parse(text: str, config: BarcodeConfig) -> ScanResult:
    if not isinstance(text, str):
        raise BarcodeError(_("The scan is not text."), "scan", code="charset")
    s = normalise(text)
    if not s:
        raise BarcodeError(_("The scan is empty."), "scan", code="empty")
    if s[0] != "]":
        return _auto(s, 1, text, None, config)
    label, mode, body, offset = _split_symbology(s)
    body = body.strip(_TRIM)
    if not body:
        raise BarcodeError(
            _("The {symbology} scan holds no data.").format(symbology=label), "scan", code="empty"
        )
    if mode == "gs1":
        if body[0] == "(":
            return _gs1_hri(body, text, label, config)
        if body[0] not in DIGITS and body[0] != GS:
            if body[:8].lower().startswith(("http://", "https://")):
                return _digital_link(body, text, label, config)
            raise BarcodeError(
                _("{symbology} data must start with a GS1 Application Identifier, got {text}").format(
                    symbology=label, text=gs1.show(body[:8])
                ),
                "scan",
                code="unknown_ai",
            )
        return _gs1_raw(body, offset, text, label, config)
    if mode in ("ean", "ean_addon", "ean8", "itf14"):
        return _ean(body, mode, text, label, config)
    if mode == "addon":
        raise BarcodeError(
            _("Only the add-on of an EAN/UPC barcode was read; scan the main barcode."),
            "symbology",
            code="symbology",
        )
    return _auto(body, offset, text, label, config)


def parse_scan(text: str, *, config: BarcodeConfig | None = None) -> ScanResult:
    """Read one scan as it arrives from a scanner or as a person typed it.

    Accepts, with or without a symbology identifier (``]C1``, ``]d2``,
    ``]Q3``, ``]e0``, ``]E0``, ``]E4``, ``]I1``, ``]C0`` ...): GS1 element
    strings with GS (0x1D) for FNC1, GS1 human-readable text
    ``(01)...(17)...``, GS1 Digital Link URIs, EAN-13/EAN-8/UPC-A/UPC-E/ITF-14,
    variable-measure EAN-13, bare SSCCs and FreshFlow's own codes.
    Surrounding spaces, CR and LF are ignored.

    Returns a :class:`ScanResult`; raises :class:`BarcodeError` - and nothing
    else - saying what is wrong.
    """
    try:
        return _parse(text, config or DEFAULT_CONFIG)
    except BarcodeError:
        raise
    except Exception as exc:  # a bug: never let it reach the station as a crash
        log.exception("unexpected error parsing scan %r", text)
        raise BarcodeError(
            _("FreshFlow could not read this barcode because of an internal error; please report it."),
            "scan",
            code="internal",
        ) from exc


def parse_label(texts: Iterable[str], *, config: BarcodeConfig | None = None) -> ScanResult:
    """Combine the GS1 barcodes of one label (e.g. a GS1-128 split over two
    symbols) into one result; the pairing rules apply to the combined data.
    """
    config = config or DEFAULT_CONFIG
    loose = dataclasses.replace(config, enforce_pairing=False)
    texts = list(texts)
    merged: list[gs1.Element] = []
    symbology = None
    for text in texts:
        result = parse_scan(text, config=loose)
        if not result.ais:
            raise BarcodeError(
                _("Only GS1 barcodes can be combined, got {text}").format(text=gs1.show(str(text))),
                "scan",
                code="unrecognised",
            )
        symbology = symbology or result.symbology
        merged.extend((ai, value, 0) for ai, value in result.ais.items())
    if not merged:
        raise BarcodeError(_("The scan is empty."), "scan", code="empty")
    try:
        reference = config.today()
        ais = gs1.collect(merged, reference)
        return gs1.build_result(ais, raw="\n".join(texts), symbology=symbology, config=config, reference=reference)
    except BarcodeError:
        raise
    except Exception as exc:
        log.exception("unexpected error combining scans %r", texts)
        raise BarcodeError(
            _("FreshFlow could not read this barcode because of an internal error; please report it."),
            "scan",
            code="internal",
        ) from exc


# --- output --------------------------------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def result_to_json(result: ScanResult, *, extended: bool = False) -> dict[str, Any]:
    """The DESIGN.md §6 fields of ``result`` (without ``input``).

    ``symbology`` is always present (null if unknown), ``variable_measure``
    for every item or logistic unit (not for FreshFlow's own codes), the
    others only when they apply. ``extended=True`` adds ``kind`` and the remaining decoded
    fields (price, FreshFlow code, other dates ...).
    """
    out: dict[str, Any] = {"symbology": result.symbology}
    if result.ais:
        out["ais"] = dict(result.ais)
    pairs: list[tuple[str, Any]] = [
        ("gtin", result.gtin),
        ("batch", result.batch),
        ("expiry", _iso(result.expiry)),
        ("best_before", _iso(result.best_before)),
        ("net_weight_kg", None if result.net_weight_kg is None else str(result.net_weight_kg)),
        ("sscc", result.sscc),
        ("serial", result.serial),
        ("count", result.count),
    ]
    out.update((key, value) for key, value in pairs if value is not None)
    if result.kind != "internal":  # it applies to items and logistic units only
        out["variable_measure"] = result.variable_measure
    if extended:
        more: list[tuple[str, Any]] = [
            ("kind", result.kind),
            ("content_gtin", result.content_gtin),
            ("production_date", _iso(result.production_date)),
            ("packaging_date", _iso(result.packaging_date)),
            ("sell_by", _iso(result.sell_by)),
            ("net_weight_g", result.net_weight_g),
            ("gross_weight_kg", None if result.gross_weight_kg is None else str(result.gross_weight_kg)),
            ("price", None if result.price is None else str(result.price)),
            ("price_cents", result.price_cents),
            ("item_code", result.item_code),
            ("purchase_order", result.purchase_order),
            ("ship_to_gln", result.ship_to_gln),
            ("ship_to_postcode", result.ship_to_postcode),
            ("internal_kind", result.internal_kind),
            ("internal_value", result.internal_value),
        ]
        out.update((key, value) for key, value in more if value is not None)
    return out


def scan_to_json(text: str, *, config: BarcodeConfig | None = None, extended: bool = False) -> dict[str, Any]:
    """One line of ``freshflow barcode parse --json`` (DESIGN.md §6).

    ``{"input": text, "symbology": ..., "ais": {...}, "gtin": ..., ...,
    "variable_measure": false}`` or ``{"input": text, "error": "..."}``.
    The CLI exits 1 if any line has ``"error"``.
    """
    try:
        result = parse_scan(text, config=config)
    except BarcodeError as exc:
        return {"input": text, "error": str(exc)}
    return {"input": text, **result_to_json(result, extended=extended)}


_KIND_TITLES = {
    "gs1": N_("GS1 item"),
    "sscc": N_("SSCC"),
    "ean13": N_("EAN-13"),
    "ean8": N_("EAN-8"),
    "upca": N_("UPC-A"),
    "upce": N_("UPC-E"),
    "gtin14": N_("GTIN-14"),
    "variable_measure": N_("variable-measure EAN-13"),
}


def format_scan_human(result: ScanResult) -> str:
    """One line for people: what was scanned and what it says.

    E.g. ``GS1 item (GS1-128): GTIN 09501101530003, batch ABC1,
    expiry 2025-01-31, net weight 1.234 kg, variable measure``.
    """
    if result.kind == "internal":
        title = _("FreshFlow {kind}").format(kind=kind_name(result.internal_kind or ""))
        return f"{title} {result.internal_value}" + (f" ({result.symbology})" if result.symbology else "")
    title = _(_KIND_TITLES.get(result.kind, result.kind))
    if result.symbology and result.symbology not in title:
        title = f"{title} ({result.symbology})"
    parts: list[str] = []

    def add(label: str, value: object) -> None:
        if value is not None:
            parts.append(f"{_(label)} {value}")

    add(N_("SSCC"), result.sscc)
    add(N_("GTIN"), result.gtin)
    add(N_("contained GTIN"), result.content_gtin)
    add(N_("item code"), result.item_code)
    add(N_("count"), result.count)
    add(N_("batch"), result.batch)
    add(N_("serial"), result.serial)
    add(N_("production date"), _iso(result.production_date))
    add(N_("packaging date"), _iso(result.packaging_date))
    add(N_("best before"), _iso(result.best_before))
    add(N_("sell by"), _iso(result.sell_by))
    add(N_("expiry"), _iso(result.expiry))
    if result.net_weight_kg is not None:
        parts.append(_("net weight {kg} kg").format(kg=result.net_weight_kg))
    if result.gross_weight_kg is not None:
        parts.append(_("gross weight {kg} kg").format(kg=result.gross_weight_kg))
    if result.price is not None:
        parts.append(_("price {price}").format(price=result.price))
    add(N_("order number"), result.purchase_order)
    add(N_("ship-to GLN"), result.ship_to_gln)
    add(N_("ship-to postal code"), result.ship_to_postcode)
    if result.variable_measure:
        parts.append(_("variable measure"))
    known = {"00", "01", "02", "10", "11", "13", "15", "16", "17", "21", "37", "400", "410", "420"}
    others = [f"({ai}){value}" for ai, value in result.ais.items() if ai not in known and ai[:3] not in
              ("310", "320", "330", "392")]
    if others:
        parts.append(_("other data {hri}").format(hri="".join(others)))
    return f"{title}: " + ", ".join(parts) if parts else title


# --- matching ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Whether a scan is what the station expected; ``reason`` for the person."""

    ok: bool
    code: str = "ok"  # ok | not_an_item | wrong_item | lot_missing | wrong_lot | expired
    reason: str = ""


_OK = MatchResult(True)


def match_expected(
    result: ScanResult,
    *,
    gtins: Collection[str],
    lot: str | None = None,
    require_lot: bool = False,
    not_expired_on: dt.date | None = None,
) -> MatchResult:
    """Check a parsed scan against the expected item (used by picking).

    ``gtins``: the acceptable GTINs (any of 8/12/13/14 digits; 14-digit ones
    are compared directly, so pass GTIN-14s as the catalogue stores them).
    ``lot``: the expected batch; a scan with another batch is rejected, one
    without a batch only if ``require_lot``. ``not_expired_on``: reject an
    expiry date (AI 17) before this day.
    """
    gtin = result.gtin
    if gtin is None:
        return MatchResult(False, "not_an_item", _("This barcode does not identify an item."))
    if gtin not in gtins and gtin not in {g.zfill(14) for g in gtins if len(g) != 14}:
        return MatchResult(
            False, "wrong_item", _("Wrong item: scanned GTIN {gtin} is not the one to pick.").format(gtin=gtin)
        )
    if lot is not None:
        if result.batch is None:
            if require_lot:
                return MatchResult(False, "lot_missing", _("The scan has no lot; scan the label with the lot."))
        elif result.batch != lot:
            return MatchResult(
                False,
                "wrong_lot",
                _("Wrong lot: scanned {got}, expected {expected}.").format(got=result.batch, expected=lot),
            )
    if not_expired_on is not None and result.expiry is not None and result.expiry < not_expired_on:
        return MatchResult(
            False, "expired", _("Expired: the label's expiry date is {date}.").format(date=result.expiry.isoformat())
        )
    return _OK
