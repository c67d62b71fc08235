"""substitutions_allowed: read from every format as a yes/no value; absent is no; a bad value fails only its order."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from app.importers import DraftError, OrderDraft
from app.importers.values import OrderProblem, yes_no
from tests.importers.helpers import read_all, write
from tests.importers.test_native import order as native_order
from tests.importers.test_shopify import shopify_order
from tests.importers.test_woocommerce import woo_order


@pytest.mark.parametrize("value", [True, 1, "true", "TRUE", " yes ", "Y", "1", "是"])
def test_yes_spellings(value):
    assert yes_no(value, "substitutions_allowed") is True


@pytest.mark.parametrize("value", [False, 0, None, "", "  ", "false", "No", "n", "0", "否"])
def test_no_spellings_and_absent(value):
    assert yes_no(value, "substitutions_allowed") is False


@pytest.mark.parametrize("value", ["maybe", "2", 2, Decimal("1.0"), "yes please", ["yes"], {"value": True}])
def test_anything_else_names_the_field_the_value_and_what_is_accepted(value):
    with pytest.raises(OrderProblem) as caught:
        yes_no(value, "substitutions_allowed")
    message = caught.value.message
    assert message.startswith("substitutions_allowed: ") and "is not a yes/no value" in message
    assert "true or false" in message and "是/否" in message


def _flags_and_error(items: list) -> tuple[list[bool], DraftError]:
    """The flags of the orders read, and the one order error among them."""
    errors = [item for item in items if isinstance(item, DraftError)]
    assert len(errors) == 1, items
    return [item.substitutions_allowed for item in items if isinstance(item, OrderDraft)], errors[0]


def test_native_json(tmp_path):
    orders = [native_order(external_id="A", substitutions_allowed=True), native_order(external_id="B"),
              native_order(external_id="C", substitutions_allowed="maybe"),
              native_order(external_id="D", substitutions_allowed="否"),
              native_order(external_id="E", substitutions_allowed=None)]
    items = read_all(write(tmp_path, "o.json", json.dumps(orders, ensure_ascii=False)))
    flags, error = _flags_and_error(items)
    assert flags == [True, False, False, False]
    assert (error.position, error.external_id) == (3, "C")
    assert 'substitutions_allowed: "maybe" is not a yes/no value' in error.message
    assert all("substitutions_allowed" not in item.raw_fields for item in items if isinstance(item, OrderDraft))


def test_native_json_lines(tmp_path):
    lines = [native_order(external_id="A", substitutions_allowed="yes"), native_order(external_id="B"),
             native_order(external_id="C", substitutions_allowed=2)]
    items = read_all(write(tmp_path, "o.jsonl", "".join(json.dumps(line) + "\n" for line in lines)))
    flags, error = _flags_and_error(items)
    assert flags == [True, False]
    assert error.message.startswith("Order on line 3 (external id C)") and '"2" is not a yes/no value' in error.message


def test_csv_column(tmp_path):
    content = ("external_id,sku,quantity,Substitutions Allowed\n"
               "A,FRU-1,1,Yes\nA,FRU-2,1,\n"  # later rows of an order may leave the column empty
               "B,FRU-1,1,\n"
               "C,FRU-1,1,perhaps\n"
               "D,FRU-1,1,是\n")
    items = read_all(write(tmp_path, "o.csv", content))
    flags, error = _flags_and_error(items)
    assert flags == [True, False, True]
    assert (error.position, error.external_id) == (5, "C")
    assert 'column "substitutions_allowed" on line 5: "perhaps" is not a yes/no value' in error.message
    assert all(item.raw_fields == {} for item in items if isinstance(item, OrderDraft))


def test_csv_without_the_column(tmp_path):
    (draft,) = read_all(write(tmp_path, "o.csv", "external_id,sku,quantity\nA,FRU-1,1\n"))
    assert draft.substitutions_allowed is False


def test_shopify_note_attributes(tmp_path):
    orders = [shopify_order(id=1, note_attributes=[{"name": "Substitutions allowed", "value": "yes"}]),
              shopify_order(id=2, note_attributes=[{"name": "Gift message", "value": "Hi"}]),
              shopify_order(id=3, note_attributes=[{"name": "substitutions_allowed", "value": "sometimes"}]),
              shopify_order(id=4, note_attributes=[{"name": "SUBSTITUTIONS_ALLOWED", "value": "false"}]),
              # a line item property is not the order's consent
              shopify_order(id=5, line_items=[{"id": 1, "sku": "FRU-1", "quantity": 1, "price": "1.00",
                                               "properties": [{"name": "substitutions_allowed", "value": "yes"}]}])]
    items = read_all(write(tmp_path, "s.json", json.dumps({"orders": orders})), "shopify")
    flags, error = _flags_and_error(items)
    assert flags == [True, False, False, False]
    assert (error.position, error.external_id) == (3, "3")
    assert 'note_attributes.substitutions_allowed: "sometimes" is not a yes/no value' in error.message
    assert items[0].raw_fields == {} and items[1].raw_fields == {"Gift message": "Hi"}


def test_woocommerce_meta_data(tmp_path):
    orders = [woo_order(id=1, meta_data=[{"id": 7, "key": "substitutions_allowed", "value": "1"}]),
              woo_order(id=2),
              woo_order(id=3, meta_data=[{"id": 7, "key": "Substitutions allowed", "value": ["yes"]}]),
              woo_order(id=4, meta_data=[{"id": 7, "key": "substitutions_allowed", "value": True}])]
    items = read_all(write(tmp_path, "w.json", json.dumps(orders)), "woocommerce")
    flags, error = _flags_and_error(items)
    assert flags == [True, False, True]
    assert (error.position, error.external_id) == (3, "3")
    assert 'meta_data.Substitutions allowed: "[\'yes\']" is not a yes/no value' in error.message
    assert items[0].raw_fields == {"status": "processing"}
