"""``freshflow picking plan | list | show | print``: pick lists from the command line, on SQLite and PostgreSQL.

Exit codes as everywhere (DESIGN.md §6): 0 done, 1 a domain or input error with one line on stderr, 2 usage."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from app import clock
from app.cli import main
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.services import catalog, warehouses
from app.services.orders.intake import import_drafts
from app.services.orders.queries import get_order
from app.services.picking import claiming, scanning
from app.services.stock import queries as stock_queries
from app.services.stock import receiving
from printers import fonts
from tests.printers import pdf_tools

APPLE_GTIN = "06901234567892"
MILK_GTIN = "06901234567809"
FISH_GTIN = "06901234567823"


def run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exit_:
        return exit_.code


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def shop(db, system):
    """Warehouse SH (上海仓) with an ambient and a chilled bin, apples, milk and weighed salmon in stock."""
    fruit = catalog.save_category(db, system, catalog.CategoryInput("fruit", "Fruit", "水果", "ambient"))
    dairy = catalog.save_category(db, system, catalog.CategoryInput("chill", "Chilled", "冷藏", "chilled"))
    warehouse = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("SH", "Shanghai 上海仓", "", ("200",),
                                                                                1))
    apple = catalog.save_product(db, system, catalog.ProductInput(
        "APL-1", "Fuji apple", fruit.id, "ambient", 30, 350, name_zh="红富士苹果", gtins=(APPLE_GTIN,)))
    milk = catalog.save_product(db, system, catalog.ProductInput(
        "MLK-1", "Fresh milk 1 l", dairy.id, "chilled", 10, 1590, name_zh="鲜牛奶", gtins=(MILK_GTIN,)))
    fish = catalog.save_product(db, system, catalog.ProductInput(
        "FSH-1", "Salmon fillet", dairy.id, "chilled", 5, 3200, name_zh="三文鱼柳", unit="weighed",
        nominal_weight_g=250, weight_tolerance_g=20, gtins=(FISH_GTIN,)))
    bin_a = warehouses.save_bin(db, system, warehouses.BinInput(warehouse.id, "SH-A-01", "AMB", 20))
    bin_c = warehouses.save_bin(db, system, warehouses.BinInput(warehouse.id, "SH-C-01", "CHL", 10))
    for product, bin_, lot, quantity in ((apple, bin_a, "A-1", 100), (milk, bin_c, "M-1", 50),
                                         (fish, bin_c, "S-1", 5000)):
        receiving.receive(db, system, receiving.ReceiptInput(product.id, lot, clock.today() + timedelta(days=5),
                                                             quantity, bin_.id))
    return warehouse


def order(external_id: str, *lines: tuple[str, int], slot: str = "09:00-12:00") -> OrderDraft:
    return OrderDraft(
        channel="web", external_id=external_id, customer_name="Li Lei", email="li@example.com", phone="13812345678",
        address=DraftAddress(name="Li Lei", line1="1 Nanjing Road", city="Shanghai", province="Shanghai",
                             postal_code="200001", country="CN"),
        lines=tuple(DraftLine(sku, quantity, None) for sku, quantity in lines),
        delivery_date=clock.today() + timedelta(days=1), delivery_slot=slot, payment_status="paid", position=1)


def place(db, system, *drafts: OrderDraft) -> list[str]:
    report = import_drafts(db, system, list(drafts))
    assert report.states.get("allocated", 0) == len(drafts), report.exceptions_by_reason
    return report.numbers


def plan_json(url: str, capsys, *extra: str) -> dict:
    assert run(["--db", url, "picking", "plan", "--warehouse", "sh", *extra, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_plan_list_show_and_print_an_order_list(db, empty_db_url, system, shop, capsys, tmp_path):
    [number] = place(db, system, order("w-1", ("APL-1", 3), ("MLK-1", 2), ("FSH-1", 2)))
    planned = plan_json(empty_db_url, capsys)
    assert planned["warehouse"] == "SH"
    [only] = planned["planned"]
    assert (only["kind"], only["orders"], only["lines"]) == ("order", 1, 3)
    assert get_order(db, system, number=number).state == "picking"

    assert run(["--db", empty_db_url, "picking", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["id"], row["warehouse"], row["state"], row["lines"], row["open_lines"]) == (only["id"], "SH", "open",
                                                                                             3, 3)
    assert run(["--db", empty_db_url, "picking", "list", "--warehouse", "SH"]) == 0
    captured = capsys.readouterr()
    assert f"PL-{only['id']}" in captured.out and "1 pick list(s)" in captured.err

    assert run(["--db", empty_db_url, "picking", "show", f"PL-{only['id']}", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [line["bin"] for line in shown["lines"]] == ["SH-C-01", "SH-C-01", "SH-A-01"]   # the pick path
    assert {line["sku"]: line["pieces"] for line in shown["lines"]} == {"APL-1": 3, "MLK-1": 2, "FSH-1": 2}
    assert shown["orders"] == [{"number": number, "position": 1, "tote": None, "state": "picking"}]
    assert shown["scans"] == [] and shown["warehouse"] == "SH"
    assert run(["--db", empty_db_url, "picking", "show", str(only["id"])]) == 0
    text = capsys.readouterr().out
    assert "2 × 250 g" in text and "红富士苹果" in text and "SH-A-01" in text

    pdf = tmp_path / "list.pdf"
    assert run(["--db", empty_db_url, "picking", "print", f"PL:{only['id']}", "--out", str(pdf)]) == 0
    assert f"PL-{only['id']}" in capsys.readouterr().out
    assert pdf_tools.barcodes(pdf, 1) == {f"PL:{only['id']}", "B:SH-C-01", "B:SH-A-01"}
    content = pdf_tools.text(pdf)
    assert content.count("SH-C-01") == 2 and content.count("SH-A-01") == 1
    assert "红富士苹果" in content and "鲜牛奶" in content and "三文鱼柳" in content and "上海仓" in content
    assert number in content and "× 250 g" in content


def test_waves_by_slot_and_temperature(db, empty_db_url, system, shop, capsys, tmp_path):
    place(db, system, order("w-1", ("APL-1", 1), ("MLK-1", 1)), order("w-2", ("MLK-1", 2)),
          order("w-3", ("APL-1", 2), slot="14:00-18:00"))
    delivery = (clock.today() + timedelta(days=1)).isoformat()
    planned = plan_json(empty_db_url, capsys, "--wave", "--date", delivery, "--slot", "09:00-12:00")["planned"]
    assert [(p["kind"], p["temperature_class"], p["orders"], p["lines"]) for p in planned] == [
        ("wave", "chilled", 2, 2), ("wave", "ambient", 1, 1)]
    # the other slot's order is left for its own wave
    assert run(["--db", empty_db_url, "picking", "plan", "--warehouse", "SH", "--wave", "--date", delivery,
                "--slot", "09:00-12:00"]) == 0
    assert "No allocated orders to plan in SH" in capsys.readouterr().out
    pdf = tmp_path / "wave.pdf"
    assert run(["--db", empty_db_url, "--json", "picking", "print", str(planned[0]["id"]), "-o", str(pdf)]) == 0
    assert json.loads(capsys.readouterr().out)["pages"] == 1 == pdf_tools.pages(pdf)
    content = pdf_tools.text(pdf)
    assert "CHILLED" in content and "tote" in content and "Wave pick list" in content


def test_picked_lists_show_their_scans(db, empty_db_url, system, shop, capsys):
    place(db, system, order("w-1", ("APL-1", 2)))
    [planned] = plan_json(empty_db_url, capsys)["planned"]
    view = claiming.take_next(db, system, shop.id, "cli-test")
    assert view.id == planned["id"]
    for seq, raw in enumerate(("B:SH-C-01", "B:SH-A-01", APPLE_GTIN[1:], APPLE_GTIN[1:]), 1):
        scanning.scan(db, system, view.id, "cli-test", seq, raw)
    assert run(["--db", empty_db_url, "picking", "list"]) == 0
    assert f"PL-{view.id}" not in capsys.readouterr().out          # done: not among open and claimed
    assert run(["--db", empty_db_url, "picking", "list", "--state", "done", "--json"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == [view.id]
    assert run(["--db", empty_db_url, "picking", "show", str(view.id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["state"] == "done"
    assert [(scan["seq"], scan["outcome"], scan["code"]) for scan in shown["scans"]] == [
        (1, "rejected", "wrong_bin"), (2, "accepted", "bin"), (3, "accepted", "picked"), (4, "accepted", "list_done")]
    assert run(["--db", empty_db_url, "picking", "show", str(view.id)]) == 0
    text = capsys.readouterr().out
    assert "wrong_bin" in text and "picked by system at cli-test" in text
    assert stock_queries.verify(db, system) == []


def test_nothing_to_plan_is_not_an_error(db, empty_db_url, shop, capsys):
    assert run(["--db", empty_db_url, "picking", "plan", "--warehouse", "SH"]) == 0
    assert "No allocated orders to plan in SH" in capsys.readouterr().out
    assert run(["--db", empty_db_url, "picking", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("argv, message", [
    (["picking", "plan", "--warehouse", "XX"], "no warehouse XX. Warehouses: SH"),
    (["picking", "show", "999"], "Pick list 999 does not exist"),
    (["picking", "show", "PL-x"], "PL-x is not a pick list"),
    (["picking", "print", "999", "--out", "x.pdf"], "Pick list 999 does not exist"),
    (["picking", "list", "--warehouse", "BJ"], "no warehouse BJ"),
])
def test_domain_and_input_errors_exit_1_with_one_line(empty_db_url, db, shop, capsys, argv, message):
    assert run(["--db", empty_db_url, *argv]) == 1
    assert message in one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("argv", [
    ["picking", "plan", "--warehouse", "SH", "--wave", "--slot", "09:00-12:00"],          # no --date
    ["picking", "plan", "--warehouse", "SH", "--wave", "--date", "2026-11-29"],           # no --slot
    ["picking", "plan", "--warehouse", "SH", "--date", "29.11.2026"],
    ["picking", "plan"],                                                                  # no --warehouse
    ["picking", "print", "1"],                                                            # no --out
    ["picking", "list", "--state", "lost"],
])
def test_usage_errors_exit_2(empty_db_url, db, argv, capsys):
    assert run(["--db", empty_db_url, *argv]) == 2
    assert "usage:" in capsys.readouterr().err


def test_print_errors_are_one_clear_line_and_write_nothing(db, empty_db_url, system, shop, capsys, tmp_path,
                                                          monkeypatch):
    place(db, system, order("w-1", ("APL-1", 1)))
    [planned] = plan_json(empty_db_url, capsys)["planned"]
    target = tmp_path / "no-such-folder" / "list.pdf"
    assert run(["--db", empty_db_url, "picking", "print", str(planned["id"]), "--out", str(target)]) == 1
    assert "Cannot write" in one_error_line(capsys.readouterr().err) and not target.exists()
    # no font for the Chinese names on this computer: say what to install
    fonts.reset()
    monkeypatch.setattr(fonts, "KNOWN_FONTS", ())
    monkeypatch.setattr(fonts, "_from_fontconfig", lambda: None)
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    target = tmp_path / "list.pdf"
    try:
        assert run(["--db", empty_db_url, "picking", "print", str(planned["id"]), "--out", str(target)]) == 1
    finally:
        fonts.reset()
    assert "fonts-noto-cjk" in one_error_line(capsys.readouterr().err) and not target.exists()


def test_the_date_option_reads_iso_dates():
    from app.cli.picking_commands import _iso_date, pick_list_id

    assert _iso_date("2026-11-29") == date(2026, 11, 29)
    assert [pick_list_id(text) for text in ("12", "PL-12", "pl:12", " PL:12 ")] == [12, 12, 12, 12]
