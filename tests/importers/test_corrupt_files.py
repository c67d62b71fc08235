"""Corrupt files are rejected by check() as a whole, with the problem and where it is."""

from __future__ import annotations

import codecs
import json

import pytest

from app.importers import DraftError, ImportFileError, OrderDraft, open_orders
from tests.importers.helpers import file_error, fixture, write

ORDER = {"external_id": "W-1", "customer": {"name": "王芳"}, "lines": [{"sku": "FRU-APL-001", "quantity": 1}]}


def array_text(count: int) -> str:
    return "[\n" + ",\n".join(json.dumps({**ORDER, "external_id": f"W-{n}"}) for n in range(count)) + "\n]\n"


def test_truncated_json_says_it_was_cut_off_at_the_end(tmp_path):
    data = array_text(3).encode()[:-20]
    error = file_error(write(tmp_path, "cut.json", data))
    assert "ends before its JSON is complete" in error.message
    assert error.position == len(data) and f"byte offset {len(data)}" in error.message


def test_invalid_json_names_line_and_column(tmp_path):
    text = array_text(3).replace('"W-1", "customer"', '"W-1" "customer"')
    error = file_error(write(tmp_path, "bad.json", text), "native")
    line = text[: error.position].count("\n") + 1
    assert line == 3 and "line 3, column" in error.message
    assert text.encode()[error.position - 10: error.position + 1].endswith(b'"')  # at the token after the id


def test_error_far_into_a_big_file_is_located_exactly(tmp_path):
    text = array_text(3000)
    at = text.rindex('"quantity": 1') + len('"quantity": 1')
    broken = text[:at] + ",," + text[at:]
    path = write(tmp_path, "big.json", broken)
    assert path.stat().st_size > 200_000  # several 64 KB read chunks
    error = file_error(path, "native")
    assert at <= error.position <= at + 2
    assert "line 3001" in error.message


def test_trailing_garbage(tmp_path):
    error = file_error(write(tmp_path, "o.json", array_text(1) + "oops"))
    assert "trailing garbage" in error.message


def test_truncated_json_lines(tmp_path):
    text = json.dumps(ORDER) + "\n" + json.dumps(ORDER)[:-5] + "\n"
    error = file_error(write(tmp_path, "o.jsonl", text))
    assert error.message.startswith("Line 2 is not valid JSON")


def test_undecodable_bytes_in_json_name_the_offset(tmp_path):
    data = array_text(2).encode()
    at = data.index(b"W-1")
    data = data[:at] + b"\xc3\x28" + data[at + 2:]
    error = file_error(write(tmp_path, "o.json", data))
    assert error.position == at and f"0xC3 at byte offset {at}" in error.message


def test_undecodable_bytes_in_json_lines(tmp_path):
    data = json.dumps(ORDER).encode() + b"\n" + json.dumps(ORDER).encode().replace(b"W-1", b"W-\xff")
    error = file_error(write(tmp_path, "o.jsonl", data))
    assert error.position == data.index(b"\xff")


def test_utf16_json_is_refused_with_advice(tmp_path):
    error = file_error(write(tmp_path, "o.json", codecs.BOM_UTF16_LE + array_text(1).encode("utf-16-le")))
    assert "UTF-16" in error.message and "UTF-8" in error.message


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n", codecs.BOM_UTF8])
def test_empty_file(tmp_path, content):
    for format in ("auto", "native", "shopify", "csv"):
        assert "empty" in file_error(write(tmp_path, "empty.json", content), format).message.lower() or \
            format == "csv"


@pytest.mark.parametrize("content", ['"just text"', "42", "true", "null", "-1.5"])
def test_top_level_that_is_not_an_object_or_list(tmp_path, content):
    for format in ("auto", "native", "woocommerce"):
        error = file_error(write(tmp_path, "scalar.json", content), format)
        assert "not an order object or a list of orders" in error.message


def test_nesting_too_deep_to_be_orders(tmp_path):
    error = file_error(write(tmp_path, "deep.json", "[" * 200_000), "native")
    assert "nested more than 64 levels" in error.message


def test_number_with_thousands_of_digits(tmp_path):
    # ijson's C backend crashes the process on integers past CPython's 4,300-digit limit.
    error = file_error(write(tmp_path, "digits.json", '[{"external_id": ' + "9" * 5000 + "}]"), "native")
    assert "more than 4000 digits" in error.message


def test_check_rejects_before_anything_is_handed_out_but_iteration_alone_stops_too(tmp_path):
    path = write(tmp_path, "cut.json", array_text(5)[:-30])
    source = open_orders(path)
    with pytest.raises(ImportFileError):
        source.check()
    seen = []
    with pytest.raises(ImportFileError):
        for item in open_orders(path):
            seen.append(item)
    assert seen and all(isinstance(item, OrderDraft) for item in seen)  # why the intake calls check() first


def test_file_removed_between_passes(tmp_path):
    path = write(tmp_path, "o.json", array_text(2))
    source = open_orders(path)
    assert source.check() == 2
    path.unlink()
    with pytest.raises(ImportFileError, match="cannot be read"):
        list(source)


def test_individually_bad_orders_are_not_file_errors():
    source = open_orders(fixture("native_orders.json"))
    assert source.check() == 6
    assert sum(isinstance(item, DraftError) for item in source) == 4
