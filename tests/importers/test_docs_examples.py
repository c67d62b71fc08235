"""The examples in docs/formats.md import as the page says."""

from __future__ import annotations

import re
from pathlib import Path

from tests.importers.helpers import drafts, write

DOC = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def examples(language: str) -> list[str]:
    blocks = re.finditer(r"^```(\w*)\n(.*?)^```$", DOC.read_text(encoding="utf-8"), flags=re.M | re.S)
    return [block[2] for block in blocks if block[1] == language]


def test_native_example(tmp_path):
    (example,) = examples("json")
    first, second = drafts(write(tmp_path, "example.json", example))
    assert (first.external_id, first.delivery_slot, first.total_cents) == ("W-100234", "08:00-12:00", 9640)
    assert first.raw_fields == {"gift_message": "生日快乐"}
    assert (second.external_id, second.address, second.lines[0].quantity) == ("100235", None, 2)


def test_json_lines_example(tmp_path):
    (example,) = examples("")
    assert [d.external_id for d in drafts(write(tmp_path, "example.jsonl", example))] == ["W-100234", "100235"]


def test_csv_example(tmp_path):
    (example,) = examples("csv")
    orders = drafts(write(tmp_path, "example.csv", example))
    assert [(d.external_id, d.position, len(d.lines)) for d in orders] == [("C-1001", 2, 2), ("C-1002", 4, 1)]
    assert orders[0].delivery_slot == "08:00-12:00" and orders[0].address.postal_code == "200120"
