"""``freshflow stock show SKU`` and ``freshflow stock verify``: text and --json, exit codes, one-line errors."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text

from app import clock
from app.cli import main
from app.services import catalog, warehouses
from app.services.stock import operations, receiving, reservations

TODAY = clock.today()


def run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exit_:
        return exit_.code


@pytest.fixture
def stocked(db, system, empty_db_url):
    """SH and BJ with broccoli in three lots (one expired, one near expiry, one quarantined) and spinach."""
    category = catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables", "蔬菜", "chilled"))
    sh = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("SH", "Shanghai", "", ("200",)))
    bj = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("BJ", "Beijing", "", ("100",)))
    sh1 = warehouses.save_bin(db, system, warehouses.BinInput(sh.id, "SH-CHL-1", "CHL", 10))
    sh2 = warehouses.save_bin(db, system, warehouses.BinInput(sh.id, "SH-CHL-2", "CHL", 20))
    bj1 = warehouses.save_bin(db, system, warehouses.BinInput(bj.id, "BJ-CHL-1", "CHL", 10))
    broccoli = catalog.save_product(db, system, catalog.ProductInput(
        "VEG-1", "Broccoli", category.id, "chilled", 10, 690, name_zh="西兰花", min_remaining_shelf_life_days=2))
    spinach = catalog.save_product(db, system, catalog.ProductInput(
        "VEG-2", "Spinach", category.id, "chilled", 5, 1800, unit="weighed", nominal_weight_g=300,
        weight_tolerance_g=30))
    catalog.save_product(db, system, catalog.ProductInput("VEG-3", "Kale", category.id, "chilled", 5, 900))

    def receive(product, lot, days, quantity, bin_):
        return receiving.receive(db, system, receiving.ReceiptInput(product.id, lot, TODAY + timedelta(days=days),
                                                                    quantity, bin_.id), today=TODAY - timedelta(days=5))

    expired = receive(broccoli, "L-OLD", -1, 4, sh1)
    receive(broccoli, "L-NEAR", 1, 10, sh1)
    receive(broccoli, "L-GOOD", 8, 30, sh2)
    held = receive(broccoli, "L-HELD", 9, 6, bj1)
    receive(spinach, "S1", 3, 2500, sh1)
    reservations.reserve_line(db, system, warehouse_id=sh.id, product_id=broccoli.id, quantity=12,
                              delivery_date=TODAY, reference="OL:1-1")  # L-GOOD: L-NEAR has under 2 days left
    operations.set_quarantine(db, system, held.lot_id, True, "recall")
    return {"url": empty_db_url, "expired": expired}


def test_stock_show_prints_each_warehouse_lot_and_bin(stocked, capsys):
    assert run(["--db", stocked["url"], "stock", "show", "veg-1"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("VEG-1  Broccoli  西兰花")
    assert lines[1].split() == ["warehouse", "lot", "bin", "expiry", "days", "on", "hand", "reserved", "available",
                                "status"]
    rows = [line.split() for line in lines[2:]]
    # BJ before SH, FEFO inside a warehouse, a total per warehouse
    assert rows[0][:3] == ["BJ", "L-HELD", "BJ-CHL-1"] and rows[0][-1] == "quarantined"
    assert rows[1] == ["BJ", "total", "6", "0", "6"]
    sh = {row[1]: row for row in rows if row[0] == "SH"}
    assert sh["L-OLD"][2:] == ["SH-CHL-1", (TODAY - timedelta(days=1)).isoformat(), "-1", "4", "0", "4", "expired"]
    assert sh["L-NEAR"][-1] == "expiry" and sh["L-NEAR"][-2] == "near"  # "near expiry"
    assert sh["L-NEAR"][4:8] == ["1", "10", "0", "10"]  # too close to expiry to be reserved (2 days minimum)
    assert sh["L-GOOD"][2:] == ["SH-CHL-2", (TODAY + timedelta(days=8)).isoformat(), "8", "30", "12", "18", "ok"]
    assert sh["total"][2:] == ["44", "12", "32"]


def test_stock_show_json(stocked, capsys):
    assert run(["stock", "show", "VEG-1", "--json", "--db", stocked["url"]]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["sku"], data["unit"], data["on_hand"], data["reserved"], data["available"]) == (
        "VEG-1", "piece", 50, 12, 38)
    assert [w["warehouse"] for w in data["warehouses"]] == ["BJ", "SH"]
    sh = data["warehouses"][1]
    assert (sh["on_hand"], sh["reserved"], sh["available"]) == (44, 12, 32)
    assert [lot["lot"] for lot in sh["lots"]] == ["L-OLD", "L-NEAR", "L-GOOD"]
    good = sh["lots"][2]
    assert good == {"lot": "L-GOOD", "bin": "SH-CHL-2", "zone": "CHL",
                    "expiry": (TODAY + timedelta(days=8)).isoformat(), "days_left": 8, "status": "ok",
                    "quarantined": False, "on_hand": 30, "reserved": 12, "available": 18}
    assert sh["lots"][0]["status"] == "expired" and data["warehouses"][0]["lots"][0]["status"] == "quarantined"


def test_stock_show_weighed_goods_in_kilograms(stocked, capsys):
    assert run(["--db", stocked["url"], "stock", "show", "VEG-2"]) == 0
    out = capsys.readouterr().out
    assert "2.500 kg" in out and "S1" in out


def test_stock_show_without_stock_and_unknown_sku(stocked, capsys):
    assert run(["--db", stocked["url"], "stock", "show", "VEG-3"]) == 0
    assert capsys.readouterr().out.strip() == "No stock of VEG-3."
    assert run(["--db", stocked["url"], "stock", "show", "VEG-3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["warehouses"] == []
    assert run(["--db", stocked["url"], "stock", "show", "NOPE-1"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.strip() == "freshflow: No product has SKU NOPE-1."
    assert run(["--db", stocked["url"], "stock", "show", "NOPE-1", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {"error": "No product has SKU NOPE-1."}
    assert run(["--db", stocked["url"], "stock", "show"]) == 2  # usage


def test_stock_verify_ok_then_reports_each_difference(db, stocked, capsys):
    assert run(["--db", stocked["url"], "stock", "verify"]) == 0
    assert capsys.readouterr().out.strip() == "OK: 5 stock records agree with the ledger"
    assert run(["--db", stocked["url"], "stock", "verify", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "stock_records": 5, "differences": []}

    quant_id = stocked["expired"].quant_id
    with db.engine.begin() as connection:  # someone edits a quantity behind the ledger's back
        connection.execute(text(f"UPDATE stock_quants SET on_hand = on_hand + 3 WHERE id = {quant_id}"))
    assert run(["--db", stocked["url"], "stock", "verify"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "1 difference(s) between the stock records and the ledger:",
        f"  stock record {quant_id}: on_hand is 7 but the ledger adds up to 4"]
    assert captured.err.strip() == "freshflow: stock verify found 1 difference(s)"
    assert run(["--db", stocked["url"], "stock", "verify", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["differences"] == [{
        "quant_id": quant_id, "field": "on_hand", "recorded": 7, "expected": 4,
        "message": f"stock record {quant_id}: on_hand is 7 but the ledger adds up to 4"}]


def test_stock_commands_on_an_empty_or_outdated_database(empty_db_url, tmp_path, capsys):
    assert run(["--db", empty_db_url, "stock", "verify"]) == 1
    assert "freshflow db upgrade" in capsys.readouterr().err
    assert run(["--db", empty_db_url, "db", "upgrade"]) == 0
    capsys.readouterr()
    assert run(["--db", empty_db_url, "stock", "verify"]) == 0
    assert capsys.readouterr().out.strip() == "OK: 0 stock records agree with the ledger"
