"""The streaming JSON reader: layouts, and a guard that never refuses valid order JSON.

The guard counts nesting depth and number lengths outside strings with bytes operations per
chunk; strings full of quotes, backslashes, brackets and digits cut at every possible chunk
boundary must not fool it. The chunk size is shrunk to a few bytes to put boundaries everywhere.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.importers import ImportFileError
from app.importers import jsonstream
from app.importers.jsonstream import MAX_DEPTH, iter_json_values, json_layout
from tests.importers.helpers import write

TRICKY_TEXT = st.text(alphabet='"\\[]{}0123456789 ,:aé王\n\t/u', max_size=20)
JSON_DOCUMENTS = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | TRICKY_TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TRICKY_TEXT, children, max_size=4),
    max_leaves=25)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(orders=st.lists(JSON_DOCUMENTS, max_size=5), chunk=st.integers(1, 17), indent=st.sampled_from([None, 2]))
def test_guard_accepts_every_valid_document_whatever_the_chunk_boundaries(tmp_path, monkeypatch, orders, chunk,
                                                                          indent):
    monkeypatch.setattr(jsonstream, "CHUNK_BYTES", chunk)
    path = write(tmp_path, "orders.json", json.dumps(orders, indent=indent, ensure_ascii=bool(chunk % 2)))
    assert [value for _position, value in iter_json_values(path, json_layout(path))] == orders


def test_depth_limit(tmp_path):
    def nested(depth: int) -> str:
        return "[" * depth + "]" * depth

    deep_enough = write(tmp_path, "ok.json", nested(MAX_DEPTH))
    assert len(list(iter_json_values(deep_enough, json_layout(deep_enough)))) == 1
    too_deep = write(tmp_path, "deep.json", nested(MAX_DEPTH + 1))
    with pytest.raises(ImportFileError, match="nested more than"):
        list(iter_json_values(too_deep, json_layout(too_deep)))


def test_long_digit_runs_inside_strings_are_fine(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonstream, "CHUNK_BYTES", 1000)
    path = write(tmp_path, "o.json", json.dumps([{"note": "1" * 9000, "n": 10**3000}]))
    ((_position, value),) = iter_json_values(path, json_layout(path))
    assert value == {"note": "1" * 9000, "n": 10**3000}


def test_long_number_split_over_chunks_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonstream, "CHUNK_BYTES", 1000)
    path = write(tmp_path, "o.json", "[" + "7" * 4500 + "]")
    with pytest.raises(ImportFileError, match="more than 4000 digits"):
        list(iter_json_values(path, json_layout(path)))


@pytest.mark.parametrize(("text", "kind"), [
    ("[]", "array"), ('  \n{"orders": []}', "orders"), ('{"order": {"id": 1}}', "order"),
    ('{"id": 1, "line_items": []}', "object"), ('{"meta": {"orders": [1]}, "id": 1}', "object"),
    ('{"next": "' + "x" * 100_000 + '", "orders": [{"id": 1}]}', "orders"),
    ('{"a": 1}\n{"a": 2}\n', "lines"), ('{"a": 1}\n', "object"), ('{\n  "a": 1\n}\n', "object"),
    ('"text"', "value"), ("12", "value"), ("\ufeff[]", "array"),
])
def test_layouts(tmp_path, text, kind):
    assert json_layout(write(tmp_path, "o.json", text)).kind == kind


def test_not_json_at_all(tmp_path):
    assert json_layout(write(tmp_path, "o.csv", "external_id,sku\n")) is None
