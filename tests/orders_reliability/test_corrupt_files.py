"""A file that is broken as a whole is refused before anything from it is imported.

A 1,000-order file cut off in its last order (JSON array and JSON Lines), a JSON array with garbage
in the middle, and a CSV file with bytes in the middle that are neither UTF-8 nor GB18030: each is
refused with ``FileRejected`` naming the problem, and the database holds no order, line, reservation,
ledger row, confirmation, audit entry or order number from it. Each test first shows that the same
file without the damage reads fine, so it is the damage that is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.importers import open_orders
from app.services.orders.intake import FileRejected, import_file
from tests.orders_reliability import orderfiles
from tests.orders_reliability.helpers import SYSTEM, count_rows

COUNT = 1_000


def _orders() -> list[dict]:
    return list(orderfiles.make_orders(COUNT, seed=3, exception_share=0.05))


def _assert_nothing_imported(db) -> None:
    rows = count_rows(db)
    assert rows == {"orders": 0, "order_lines": 0, "outbox": 0, "reservations": 0, "counters": 0,
                    "reserve_moves": 0, "order_audit": 0}, rows


def _assert_readable(path: Path) -> None:
    assert open_orders(path).check() == COUNT


def _refused(db, path: Path) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        import_file(db, SYSTEM, path)
    _assert_nothing_imported(db)
    return caught.value


def _cut_in_last_order(path: Path) -> None:
    data = path.read_bytes()
    last = data.rstrip().rfind(b'{"channel"')
    path.write_bytes(data[:last + (len(data) - last) // 2])


def test_json_array_cut_off_in_its_last_order_is_refused(db, tmp_path):
    path = tmp_path / "orders.json"
    orderfiles.write_json_array(path, _orders())
    _assert_readable(path)
    _cut_in_last_order(path)
    error = _refused(db, path)
    assert "ends before its JSON is complete" in error.problem


def test_json_lines_cut_off_in_the_last_line_is_refused(db, tmp_path):
    path = tmp_path / "orders.jsonl"
    orderfiles.write_jsonl(path, _orders())
    _assert_readable(path)
    _cut_in_last_order(path)
    error = _refused(db, path)
    assert f"Line {COUNT} is not valid JSON" in error.problem


def test_json_array_with_garbage_in_the_middle_is_refused(db, tmp_path):
    path = tmp_path / "orders.json"
    orderfiles.write_json_array(path, _orders())
    _assert_readable(path)
    data = path.read_bytes()
    middle = data.index(b'{"channel"', len(data) // 2)
    path.write_bytes(data[:middle] + b'{"channel":"web",,"external_id":' + data[middle:])
    error = _refused(db, path)
    assert "not valid JSON" in error.problem


@pytest.mark.parametrize("damage", [b"\xff\xfe\xff", b"\x80\x80\x80\x80"])
def test_csv_with_undecodable_bytes_in_the_middle_is_refused(db, tmp_path, damage):
    path = tmp_path / "orders.csv"
    orderfiles.write_csv(path, _orders())
    _assert_readable(path)
    data = path.read_bytes()
    middle = data.index(b"\n", len(data) // 2) + 1
    path.write_bytes(data[:middle] + b"W9" + damage + data[middle:])
    error = _refused(db, path)
    assert f"at byte offset {middle + 2}" in error.problem


def test_file_cut_after_the_check_is_reported_as_rejected(db, tmp_path, monkeypatch):
    """A shop exporter still writing the file, or a copy cut off, while the import runs: the first pass saw a
    complete file, the second finds it broken. import_file must still end in ``FileRejected`` (what the inbox
    and the CLI handle), not in an ImportFileError from the middle of the import."""
    from app.importers import base

    path = tmp_path / "orders.jsonl"
    orderfiles.write_jsonl(path, orderfiles.make_orders(600, seed=4))
    counted = base.OrderSource.check

    def check_then_cut(source):
        total = counted(source)
        path.write_bytes(path.read_bytes()[:-40])
        return total

    monkeypatch.setattr(base.OrderSource, "check", check_then_cut)
    with pytest.raises(FileRejected) as caught:
        import_file(db, SYSTEM, path)
    imported = caught.value.report.imported
    assert imported < 600 and f"{imported} of its orders were imported" in caught.value.problem
