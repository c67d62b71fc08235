"""Format detection by content, and what happens when the chosen format does not fit the file."""

from __future__ import annotations

import json

import pytest

from app.importers import FORMATS, ImportFileError, ImportOptions, detect_format, open_orders
from tests.importers.helpers import file_error, fixture, write


@pytest.mark.parametrize(("name", "format"), [
    ("native_orders.json", "native"), ("orders.csv", "csv"), ("shopify_webhook_order.json", "shopify"),
    ("shopify_orders_page.json", "shopify"), ("shopify_order_response.json", "shopify"),
    ("woocommerce_order.json", "woocommerce"), ("woocommerce_orders.json", "woocommerce"),
])
def test_fixtures_are_recognised(name, format):
    assert detect_format(fixture(name)) == format
    assert open_orders(fixture(name)).format == format


def test_content_wins_over_the_file_name(tmp_path):
    csv_named_json = write(tmp_path, "orders.json", "external_id,sku,quantity\nA,B,1\n")
    json_named_csv = write(tmp_path, "orders.csv", fixture("woocommerce_order.json").read_bytes())
    assert (detect_format(csv_named_json), detect_format(json_named_csv)) == ("csv", "woocommerce")


def test_json_lines_of_each_platform(tmp_path):
    shopify = json.loads(fixture("shopify_webhook_order.json").read_text(encoding="utf-8"))
    woo = json.loads(fixture("woocommerce_order.json").read_text(encoding="utf-8"))
    assert detect_format(write(tmp_path, "s.jsonl", json.dumps(shopify) + "\n" + json.dumps(shopify) + "\n")) == \
        "shopify"
    assert detect_format(write(tmp_path, "w.jsonl", json.dumps(woo) + "\n" + json.dumps(woo))) == "woocommerce"


def test_quoted_csv_header(tmp_path):
    assert detect_format(write(tmp_path, "o.csv", '"external_id","sku","quantity"\n"A","B","1"\n')) == "csv"


def test_an_empty_list_is_nothing_to_import(tmp_path):
    source = open_orders(write(tmp_path, "o.json", "[]"))
    assert (source.format, source.check(), list(source)) == ("native", 0, [])


def test_unrecognised_json_names_its_fields_and_the_formats_tried(tmp_path):
    error = file_error(write(tmp_path, "o.json", '[{"order_ref": 1, "items": []}]'))
    assert "items, order_ref" in error.message
    for tried in ("native", "Shopify", "WooCommerce", "--format"):
        assert tried in error.message


def test_unrecognised_text_says_which_formats_were_tried(tmp_path):
    error = file_error(write(tmp_path, "o.txt", "order,product\n1,apple\n"))
    for tried in ("native", "Shopify", "WooCommerce", "CSV", "--format"):
        assert tried in error.message


def test_a_file_plainly_in_another_format_is_refused_as_a_whole(tmp_path):
    error = file_error(fixture("native_orders.json"), "shopify")
    assert "looks like native orders, not shopify" in error.message
    error = file_error(fixture("shopify_webhook_order.json"), "woocommerce")
    assert "--format shopify" in error.message


def test_a_chosen_format_that_fits_is_used_without_detection(tmp_path):
    # Without the platform's marker fields, detection could not tell; the chosen format reads it.
    path = write(tmp_path, "o.json", json.dumps([{"id": 5, "line_items": [{"sku": "A", "quantity": 1}]}]))
    assert file_error(path).message.startswith("The JSON orders' format is not recognised")
    source = open_orders(path, "woocommerce")
    assert source.check() == 1 and next(iter(source)).external_id == "5"


def test_json_chosen_for_a_csv_file(tmp_path):
    error = file_error(fixture("orders.csv"), "native")
    assert "not JSON" in error.message


def test_unknown_format_name_and_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match="Unknown order format"):
        open_orders(fixture("orders.csv"), "xml")
    with pytest.raises(ImportFileError, match="does not exist"):
        open_orders(tmp_path / "nope.json")
    with pytest.raises(ImportFileError, match="cannot be read"):
        detect_format(tmp_path)


def test_unknown_time_zone_setting_is_reported_at_open(tmp_path):
    with pytest.raises(ImportFileError, match="Mars/Base"):
        open_orders(fixture("orders.csv"), options=ImportOptions(naive_timezone="Mars/Base"))


def test_formats_constant():
    assert FORMATS == ("native", "csv", "shopify", "woocommerce")
