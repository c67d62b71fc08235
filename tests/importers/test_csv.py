"""CSV: one row per line, adjacent rows per order, encodings, delimiters, positions as line numbers."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.importers import DraftAddress, DraftError, DraftLine, OrderDraft, detect_format
from tests.importers.helpers import drafts, file_error, fixture, read_all, write

HEADER = "external_id,sku,quantity,unit_price,customer_name,postal_code\n"


def test_fixture_orders_lines_and_positions():
    items = read_all(fixture("orders.csv"))
    assert [(type(i).__name__, i.position) for i in items] == [
        ("OrderDraft", 2), ("OrderDraft", 4), ("DraftError", 7), ("DraftError", 9), ("DraftError", 10)]
    first, second, half, no_id, repeated = items
    assert first == OrderDraft(
        channel="web", external_id="C-1001", customer_name="王芳", email="wang.fang@example.cn",
        phone="+86 138 0013 8000",
        address=DraftAddress(name="王芳", phone="+86 138 0013 8000", line1="世纪大道88号", line2="1203室",
                             city="上海", province="上海", postal_code="200120", country="CN"),
        lines=(DraftLine("FRU-APL-001", 2, 1990, "烟台红富士苹果 1kg"), DraftLine("VEG-SPN-500", 1, 4660, "有机菠菜 500g")),
        placed_at=datetime(2026, 11, 27, 9, 15, tzinfo=ZoneInfo("Asia/Shanghai")), language="zh_CN",
        delivery_date=date(2026, 11, 29), delivery_slot="08:00-12:00", payment_status="paid", currency="CNY",
        total_cents=9640, note="请放门口, 谢谢", position=2)
    assert first.raw_fields == {"gift_message": "生日快乐"}  # an unknown column, kept for the reviewer
    assert second.note == "Two lines\nin the note" and second.address is None
    assert second.lines[0] == DraftLine("", 2, None, "Mystery box")  # no SKU, no price
    assert second.raw_fields == {"delivery_date": "29/11/2026"}  # day-first: not guessed
    assert half.message.startswith("Order starting on line 7 (external id C-1003)")
    assert 'column "quantity" on line 7: "2.5" is not a whole number' in half.message
    assert no_id.external_id == "" and "external_id is empty" in no_id.message
    assert repeated.external_id == "C-1001" and "also appear from line 2" in repeated.message


def test_header_names_are_case_and_space_insensitive(tmp_path):
    path = write(tmp_path, "o.csv", " External ID ;SKU;Quantity;unit-price\nA;FRU-1;2;1,5\n".replace(",5", ""))
    assert drafts(path)[0].lines == (DraftLine("FRU-1", 2, 100),)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_taken_from_the_header(tmp_path, delimiter):
    text = HEADER.replace(",", delimiter) + delimiter.join(["A", "FRU-1", "2", "12.50", "王芳", "200001"]) + "\n"
    draft = drafts(write(tmp_path, "o.csv", text))[0]
    assert (draft.lines[0].unit_price_cents, draft.customer_name, draft.address.postal_code) == (1250, "王芳", "200001")


def test_utf8_with_bom(tmp_path):
    path = write(tmp_path, "bom.csv", codecs.BOM_UTF8 + (HEADER + "A,FRU-1,1,,王芳,200001\n").encode())
    assert detect_format(path) == "csv"
    assert drafts(path)[0].customer_name == "王芳"


def test_gb18030_from_chinese_excel(tmp_path):
    text = HEADER + "A,FRU-1,1,,王芳,200001\r\nB,VEG-2,3,8.80,陈敏,200002\r\n"
    path = write(tmp_path, "gbk.csv", text.encode("gb18030"))
    assert detect_format(path) == "csv"
    assert [(d.customer_name, d.position) for d in drafts(path)] == [("王芳", 2), ("陈敏", 3)]


def test_neither_utf8_nor_gb18030_names_the_byte_offset(tmp_path):
    before = (HEADER + "A,FRU-1,1,,").encode()
    error = file_error(write(tmp_path, "bad.csv", before + b"\xff\xfe\x80,200001\n"), "csv")
    assert f"0xFF at byte offset {len(before)}" in error.message and error.position == len(before)


def test_utf16_from_excel_unicode_text_gets_advice(tmp_path):
    data = codecs.BOM_UTF16_LE + (HEADER.replace(",", "\t") + "A\tFRU-1\t1\t\tx\t1\n").encode("utf-16-le")
    error = file_error(write(tmp_path, "unicode.txt", data), "csv")
    assert "UTF-16" in error.message and "UTF-8" in error.message


def test_missing_required_columns_are_named(tmp_path):
    error = file_error(write(tmp_path, "o.csv", "external_id,product,qty\nA,FRU-1,1\n"), "csv")
    assert "sku, quantity" in error.message and "external_id, product, qty" in error.message


def test_a_row_with_the_wrong_number_of_fields_is_a_file_error(tmp_path):
    error = file_error(write(tmp_path, "o.csv", HEADER + "A,FRU-1,1,,x,1\nB,FRU-1,1,,x\n"), "csv")
    assert "Line 3 has 5 fields but the header has 6" in error.message and error.position == 3


def test_duplicate_known_column_is_a_file_error(tmp_path):
    error = file_error(write(tmp_path, "o.csv", "external_id,sku,quantity,sku\nA,B,1,C\n"), "csv")
    assert "sku appears twice" in error.message


def test_blank_and_empty_rows_are_skipped_and_line_numbers_stay_physical(tmp_path):
    text = HEADER + "\n,,,,,\nA,FRU-1,1,,x,1\n\r\nA,FRU-2,1,,,\nB,FRU-1,1,,y,2\n"
    items = drafts(write(tmp_path, "o.csv", text))
    assert [(d.external_id, d.position, len(d.lines)) for d in items] == [("A", 4, 2), ("B", 7, 1)]


def test_same_sku_twice_keeps_both_lines(tmp_path):
    draft = drafts(write(tmp_path, "o.csv", HEADER + "A,FRU-1,1,,x,1\nA,FRU-1,2,,,\n"))[0]
    assert [line.quantity for line in draft.lines] == [1, 2]


def test_old_mac_line_endings(tmp_path):
    items = drafts(write(tmp_path, "o.csv", HEADER.replace("\n", "\r") + "A,FRU-1,1,,x,1\rB,FRU-1,1,,y,2\r"))
    assert [d.position for d in items] == [2, 3]


def test_a_bad_order_does_not_stop_the_next(tmp_path):
    items = read_all(write(tmp_path, "o.csv", HEADER + "A,FRU-1,0,,x,1\nB,FRU-1,1,abc,y,2\nC,FRU-1,1,,z,3\n"))
    assert [type(i) for i in items] == [DraftError, DraftError, OrderDraft]
    assert "at least 1" in items[0].message and 'column "unit_price" on line 3' in items[1].message


def test_json_given_as_csv_says_so(tmp_path):
    error = file_error(write(tmp_path, "o.csv", '[{"external_id": "A"}]'), "csv")
    assert "JSON" in error.message


def test_only_a_header_has_no_orders(tmp_path):
    assert read_all(write(tmp_path, "o.csv", HEADER)) == []


@pytest.mark.parametrize("row", ['A,FRU-1,1,,"x,1\nB,FRU-1,1,,y,2\n', 'A,FRU-1,1,,"x"y,1\n',
                                 'A,FRU-1,1,,"x' + ("y" * 1000 + "\n") * 200])
def test_broken_quoting_names_the_row(tmp_path, row):
    error = file_error(write(tmp_path, "o.csv", HEADER + "Z,FRU-1,1,,z,1\n" + row), "csv")
    assert "row starting on line 3" in error.message and error.position == 3
