"""scan_to_json (DESIGN.md §6), format_scan_human, match_expected, the guard."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pathlib
import subprocess
import sys

import pytest

from app.barcodes import (
    DEFAULT_VARIABLE_MEASURE_LAYOUTS,
    BarcodeError,
    encode_internal,
    encode_variable_measure,
    format_scan_human,
    match_expected,
    parse_scan,
    scan_to_json,
)
from app.barcodes import scan as scan_module
from app.errors import DomainError, ValidationError
from tests.barcodes.helpers import CFG, EAN13, GS, GTIN14, GTIN14_VM, SSCC, wrong_check

DESIGN_KEYS = {
    "input", "symbology", "ais", "gtin", "batch", "expiry", "best_before", "net_weight_kg",
    "sscc", "serial", "count", "variable_measure",
}  # fmt: skip


def test_json_of_a_gs1_scan():
    text = f"]C101{GTIN14_VM}3103001234{'15'}25060010LOT-7{GS}21S1"
    out = scan_to_json(text, config=CFG)
    assert out == {
        "input": text,
        "symbology": "GS1-128",
        "ais": {"01": GTIN14_VM, "3103": "001234", "15": "250600", "10": "LOT-7", "21": "S1"},
        "gtin": GTIN14_VM,
        "batch": "LOT-7",
        "best_before": "2025-06-30",
        "net_weight_kg": "1.234",
        "serial": "S1",
        "variable_measure": True,
    }
    assert list(out) == [
        "input", "symbology", "ais", "gtin", "batch", "best_before", "net_weight_kg", "serial", "variable_measure",
    ]  # fmt: skip
    json.dumps(out)  # serialisable as is


def test_json_of_a_logistic_label():
    out = scan_to_json(f"00{SSCC}02{GTIN14}3712{GS}17250615", config=CFG)
    assert out["sscc"] == SSCC
    assert out["count"] == 12
    assert out["expiry"] == "2025-06-15"
    assert "gtin" not in out  # the contained GTIN (02) is only in "ais"
    assert set(out) <= DESIGN_KEYS


def test_json_of_retail_and_internal_scans_has_only_design_keys():
    for text in [EAN13, encode_variable_measure(DEFAULT_VARIABLE_MEASURE_LAYOUTS[0], "1234", 500), "B:A1", SSCC]:
        out = scan_to_json(text, config=CFG)
        assert set(out) <= DESIGN_KEYS, out
        assert "ais" not in out
    vm = scan_to_json(encode_variable_measure(DEFAULT_VARIABLE_MEASURE_LAYOUTS[0], "1234", 500), config=CFG)
    assert vm["net_weight_kg"] == "0.500"
    assert vm["variable_measure"] is True


def test_json_error_line():
    bad = wrong_check(EAN13)
    assert scan_to_json(bad) == {
        "input": bad,
        "error": f"Bad check digit in GTIN {bad}: expected {EAN13[-1]}, got {bad[-1]}",
    }


def test_json_extended_adds_kind_price_and_internal_code():
    out = scan_to_json("O:FF-1", extended=True)
    assert (out["kind"], out["internal_kind"], out["internal_value"]) == ("internal", "order", "FF-1")
    price = encode_variable_measure(DEFAULT_VARIABLE_MEASURE_LAYOUTS[1], "0042", 1299)
    out = scan_to_json(price, extended=True)
    assert (out["price"], out["price_cents"], out["item_code"]) == ("12.99", 1299, "0042")


def test_human_format():
    text = f"]C101{GTIN14}17250615{'10'}L1{GS}3103000500"
    line = format_scan_human(parse_scan(text, config=CFG))
    assert line == f"GS1 item (GS1-128): GTIN {GTIN14}, batch L1, expiry 2025-06-15, net weight 0.500 kg"
    assert "\n" not in line
    assert format_scan_human(parse_scan(encode_internal("bin", "A-1"))) == "FreshFlow bin A-1 (Code 128)"
    assert format_scan_human(parse_scan(EAN13)) == f"EAN-13: GTIN 0{EAN13}"
    vm = format_scan_human(parse_scan(encode_variable_measure(DEFAULT_VARIABLE_MEASURE_LAYOUTS[0], "1234", 500)))
    assert "net weight 0.500 kg" in vm and "variable measure" in vm
    other = format_scan_human(parse_scan(f"01{GTIN14}90ABC", config=CFG))
    assert "other data (90)ABC" in other


# --- errors ------------------------------------------------------------------------------------


def test_barcode_error_is_a_validation_error():
    with pytest.raises(ValidationError):
        parse_scan("nonsense")
    assert issubclass(BarcodeError, DomainError)


def test_unexpected_exceptions_become_a_barcode_error(monkeypatch):
    def boom(*args, **kwargs):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(scan_module, "_auto", boom)
    with pytest.raises(BarcodeError) as info:
        parse_scan(EAN13)
    assert info.value.code == "internal"
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    assert scan_to_json(EAN13)["error"].startswith("FreshFlow could not read this barcode")


def test_non_text_input():
    with pytest.raises(BarcodeError):
        parse_scan(b"4006381333931")  # type: ignore[arg-type]
    with pytest.raises(BarcodeError):
        parse_scan(None)  # type: ignore[arg-type]


def test_barcode_error_pickles():
    import pickle

    err = BarcodeError("m", "17", code="date", ai="17")
    copy = pickle.loads(pickle.dumps(err))
    assert (str(copy), copy.field, copy.code, copy.ai) == ("m", "17", "date", "17")


# --- match_expected --------------------------------------------------------------------------


def _item(lot: str | None = "L1", expiry: str = "250615"):
    text = f"01{GTIN14}17{expiry}" + (f"10{lot}" if lot else "")
    return parse_scan(text, config=CFG)


def test_match_ok_and_wrong_item():
    assert match_expected(_item(), gtins={GTIN14}).ok
    assert match_expected(_item(), gtins={GTIN14[1:]}).ok  # a GTIN-13 in the expected set
    result = match_expected(_item(), gtins={"0" + EAN13})
    assert (result.ok, result.code) == (False, "wrong_item")
    assert GTIN14 in result.reason


def test_match_lot_and_expiry():
    assert match_expected(_item(), gtins={GTIN14}, lot="L1").ok
    assert match_expected(_item("L2"), gtins={GTIN14}, lot="L1").code == "wrong_lot"
    assert match_expected(_item(None), gtins={GTIN14}, lot="L1").ok
    assert match_expected(_item(None), gtins={GTIN14}, lot="L1", require_lot=True).code == "lot_missing"
    assert match_expected(_item(), gtins={GTIN14}, not_expired_on=dt.date(2025, 6, 15)).ok
    assert match_expected(_item(), gtins={GTIN14}, not_expired_on=dt.date(2025, 6, 16)).code == "expired"


def test_match_non_item():
    assert match_expected(parse_scan("B:A1"), gtins={GTIN14}).code == "not_an_item"


# --- packaging rules ----------------------------------------------------------------------------


def test_barcodes_package_does_not_import_qt():
    code = "import sys, app.barcodes; print([m for m in sys.modules if m.startswith(('PySide', 'PyQt', 'shiboken'))])"
    root = pathlib.Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "[]"


def test_result_is_frozen():
    result = parse_scan(EAN13)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.gtin = "x"  # type: ignore[misc]


def test_json_of_an_internal_code_has_no_variable_measure():
    assert scan_to_json("B:A1") == {"input": "B:A1", "symbology": "Code 128"}


def test_scan_code_never_splits_or_strips_on_default_whitespace():
    """str.split()/strip() without arguments treat GS (0x1D) as whitespace."""
    import ast

    import app.barcodes

    offenders = []
    for path in pathlib.Path(app.barcodes.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("split", "strip", "lstrip", "rstrip", "splitlines")
                and not node.args
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
