"""The inbox folder and the order commands, with real files."""

from __future__ import annotations

import json
import os
import time

import pytest

from app.cli import main
from app.services.orders.inbox import process_inbox
from app.services.orders.intake import FileRejected, import_file
from app.services.orders.queries import search_orders


def _order(external_id: str, sku: str = "VEG-1", phone: str = "13812345678") -> dict:
    return {"external_id": external_id, "customer": {"name": "Li Lei", "email": "li@example.com", "phone": phone},
            "shipping_address": {"line1": "1 Nanjing Road", "city": "Shanghai", "province": "Shanghai",
                                 "postal_code": "200001", "country": "CN"},
            "payment_status": "paid", "lines": [{"sku": sku, "quantity": 1}]}


def _write(path, orders, *, age: float = 10.0):
    path.write_text("\n".join(json.dumps(o) for o in orders) + "\n", encoding="utf-8")
    past = time.time() - age
    os.utime(path, (past, past))
    return path


def test_inbox_archives_imported_files_with_a_summary_and_rejects_broken_ones(db, system, shop, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "good.jsonl", [_order("I1"), _order("I2", phone="123")])
    broken = inbox / "broken.json"
    broken.write_text('[{"external_id": "I3", "lines": [', encoding="utf-8")
    os.utime(broken, (time.time() - 10, time.time() - 10))
    _write(inbox / "fresh.jsonl", [_order("I4")], age=0)  # still being copied: left for the next round

    results = {r.file: r for r in process_inbox(db, system, inbox)}
    assert set(results) == {"good.jsonl", "broken.json"}
    assert results["good.jsonl"].report.imported == 2
    archived = next((inbox / "archive").rglob("good.jsonl"))
    summary = json.loads(archived.with_name("good.jsonl.summary.json").read_text(encoding="utf-8"))
    assert summary["imported"] == 2 and summary["states"] == {"allocated": 1, "exception": 1}
    assert (inbox / "rejected" / "broken.json").exists()
    assert "not imported" in (inbox / "rejected" / "broken.json.error.txt").read_text(encoding="utf-8")
    assert (inbox / "fresh.jsonl").exists()
    assert {row.external_id for row in search_orders(db, system)} == {"I1", "I2"}


def test_a_file_left_in_processing_by_a_crash_is_imported_once_on_the_next_run(db, system, shop, tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "processing").mkdir(parents=True)
    import_file(db, system, _write(tmp_path / "half.jsonl", [_order("C1")]))  # the crashed run got this far
    _write(inbox / "processing" / "crashed.jsonl", [_order("C1"), _order("C2")])
    result = process_inbox(db, system, inbox)[0]
    assert (result.report.imported, result.report.duplicates) == (1, 1)
    assert not any((inbox / "processing").iterdir())
    _write(inbox / "again.jsonl", [_order("C1"), _order("C2")])  # the same orders dropped again
    assert process_inbox(db, system, inbox)[0].report.duplicates == 2
    assert len(search_orders(db, system)) == 2


def test_a_corrupt_file_imports_nothing(db, system, shop, tmp_path):
    path = tmp_path / "cut.json"
    path.write_text(json.dumps([_order(f"T{i}") for i in range(50)])[:-40], encoding="utf-8")
    with pytest.raises(FileRejected) as caught:
        import_file(db, system, path)
    assert "cut.json" in str(caught.value)
    assert search_orders(db, system) == []


def test_import_orders_json_counts_and_orders_commands(db, shop, tmp_path, capsys):
    url = str(db.engine.url.render_as_string(hide_password=False))
    path = _write(tmp_path / "orders.jsonl", [_order("K1"), _order("K2", sku="NOPE"), _order("K1")])
    assert main(["import-orders", str(path), "--json", "--db", url]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["imported"], report["duplicates"], report["rejected"]) == (2, 1, [])
    assert report["exceptions_by_reason"] == {"sku": 1} and report["format"] == "native"
    assert main(["orders", "list", "--state", "exception", "--json", "--db", url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [o["external_id"] for o in listed] == ["K2"]
    assert main(["orders", "show", listed[0]["number"], "--json", "--db", url]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["reasons"][0]["rule"] == "sku" and shown["lines"][0]["sku"] == "NOPE"
    assert main(["orders", "show", "19990101-0001", "--db", url]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_import_orders_reports_a_rejected_file_and_exits_1(db, shop, tmp_path, capsys):
    url = str(db.engine.url.render_as_string(hide_password=False))
    path = tmp_path / "bad.csv"
    path.write_bytes(b"external_id,sku\nA1,VEG-1\n\xff\xfe\x00broken")
    assert main(["import-orders", str(path), "--format", "csv", "--db", url]) == 1
    assert "rejected" in capsys.readouterr().out




def test_review_settings_change_how_orders_are_judged(db, system, shop, tmp_path, capsys):
    url = str(db.engine.url.render_as_string(hide_password=False))
    assert main(["review-settings", "--set", "enabled.phone=false", "--set", "max_line_quantity=2",
                 "--db", url, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["review"]["enabled"]["phone"] is False and shown["review"]["max_line_quantity"] == 2
    order = _order("S1", phone="123")
    order["lines"][0]["quantity"] = 3
    report = import_file(db, system, _write(tmp_path / "s.jsonl", [order]))
    assert dict(report.exceptions_by_reason) == {"quantity": 1}
    assert main(["review-settings", "--set", "max_line_quantity=-1", "--db", url]) == 1
    assert main(["review-settings", "--set", "no_such_rule=1", "--db", url]) == 1
    assert "Unknown setting" in capsys.readouterr().err
