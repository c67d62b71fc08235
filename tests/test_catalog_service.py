"""Catalogue service: products, GTINs, substitutes, search and stale edits."""

from __future__ import annotations

import dataclasses
import json

import pytest

from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.models import AuditEntry
from app.permissions import Role
from app.services import catalog

APPLE_13 = "4006381333931"
APPLE_14 = "0" + APPLE_13
PEAR_13 = "9501101530003"
CASE_14 = "10012345000017"  # a GTIN-14 case code
UPC_12 = "036000291452"


@pytest.fixture
def fruit(db, system) -> catalog.CategoryRow:
    return catalog.save_category(db, system, catalog.CategoryInput("fruit", "Fruit", "水果", "ambient"))


def _product(category_id: int, sku: str = "APL-001", **changes) -> catalog.ProductInput:
    data = catalog.ProductInput(
        sku=sku, name_en="Fuji apple", name_zh="富士苹果", category_id=category_id, temperature_class="chilled",
        shelf_life_days=21, min_remaining_shelf_life_days=7, price_cents=1299, gtins=(APPLE_13,),
    )
    return dataclasses.replace(data, **changes)


def _products(db, system) -> list[catalog.ProductRow]:
    return catalog.list_products(db, system)


# -- GTINs ----------------------------------------------------------------------

def test_wrong_check_digit_names_expected_and_given_digit(db, system, fruit):
    with pytest.raises(ValidationError) as error:
        catalog.save_product(db, system, _product(fruit.id, gtins=("4006381333932",)))
    message = str(error.value)
    assert "4006381333932" in message and "check digit 2" in message and "expected 1" in message
    assert error.value.field == "gtin"
    assert _products(db, system) == []


@pytest.mark.parametrize("bad, fragment", [("40063813339", "11 digits"), ("40063813339A1", "digits only")])
def test_malformed_gtin_is_refused_with_reason(bad, fragment):
    with pytest.raises(ValidationError, match=fragment):
        catalog.validate_product(_product(1, gtins=(bad,)))


def test_gtin13_and_its_gtin14_form_are_the_same_code(db, system, fruit):
    catalog.save_product(db, system, _product(fruit.id, "APL-001", gtins=(APPLE_13,)))
    with pytest.raises(ConflictError) as error:
        catalog.save_product(db, system, _product(fruit.id, "APL-002", name_en="Other apple", gtins=(APPLE_14,)))
    assert "APL-001" in str(error.value) and APPLE_13 in str(error.value)
    assert [p.sku for p in _products(db, system)] == ["APL-001"]


def test_find_product_by_gtin_in_13_and_14_digit_forms(db, system, fruit):
    created = catalog.save_product(db, system, _product(fruit.id, gtins=(APPLE_13, APPLE_14, CASE_14, UPC_12)))
    assert created.gtins == (APPLE_13, CASE_14, "0" + UPC_12)  # the 14-digit form of APPLE_13 is kept once
    for code in (APPLE_13, APPLE_14, CASE_14, UPC_12, "00" + UPC_12):
        assert catalog.find_product_by_gtin(db, system, code).id == created.id
    with pytest.raises(NotFound, match=PEAR_13):
        catalog.find_product_by_gtin(db, system, PEAR_13)
    with pytest.raises(ValidationError, match="expected"):
        catalog.find_product_by_gtin(db, system, "4006381333935")


def test_gtin_moves_between_products_only_after_it_is_removed(db, system, fruit):
    apple = catalog.save_product(db, system, _product(fruit.id, "APL-001", gtins=(APPLE_13, PEAR_13)))
    catalog.save_product(db, system, _product(fruit.id, "APL-001", gtins=(APPLE_13,)), apple.id)
    pear = catalog.save_product(db, system, _product(fruit.id, "PER-001", name_en="Pear", gtins=(PEAR_13,)))
    assert catalog.find_product_by_gtin(db, system, PEAR_13).id == pear.id
    assert catalog.get_product(db, system, apple.id).gtins == (APPLE_13,)


# -- validation -------------------------------------------------------------------

def test_weighed_product_needs_a_nominal_weight(db, system, fruit):
    with pytest.raises(ValidationError) as error:
        catalog.save_product(db, system, _product(fruit.id, unit="weighed", nominal_weight_g=None,
                                                  weight_tolerance_g=20))
    assert error.value.field == "nominal_weight_g"
    row = catalog.save_product(db, system, _product(fruit.id, unit="weighed", nominal_weight_g=500,
                                                    weight_tolerance_g=20))
    assert (row.unit, row.nominal_weight_g, row.weight_tolerance_g) == ("weighed", 500, 20)


def test_min_remaining_shelf_life_cannot_exceed_shelf_life(db, system, fruit):
    with pytest.raises(ValidationError) as error:
        catalog.save_product(db, system, _product(fruit.id, shelf_life_days=5, min_remaining_shelf_life_days=6))
    assert error.value.field == "min_remaining_shelf_life_days"
    assert "5" in str(error.value)
    assert _products(db, system) == []


def test_duplicate_sku_is_a_conflict_and_sku_is_upper_cased(db, system, fruit):
    row = catalog.save_product(db, system, _product(fruit.id, " apl-001 ", gtins=()))
    assert row.sku == "APL-001"
    with pytest.raises(ConflictError, match="APL-001"):
        catalog.save_product(db, system, _product(fruit.id, "APL-001", gtins=()))
    with pytest.raises(ValidationError) as error:
        catalog.save_product(db, system, _product(fruit.id + 99, "APL-002", gtins=()))
    assert error.value.field == "category_id"
    assert [p.sku for p in _products(db, system)] == ["APL-001"]


# -- stale edits --------------------------------------------------------------------

def test_stale_expected_version_is_a_conflict_and_changes_nothing(db, system, fruit):
    created = catalog.save_product(db, system, _product(fruit.id))
    first = catalog.save_product(db, system, _product(fruit.id, price_cents=1399), created.id,
                                 expected_version=created.version)
    assert first.version > created.version and first.price_cents == 1399
    with pytest.raises(ConflictError, match="Reload"):
        catalog.save_product(db, system, _product(fruit.id, price_cents=999, gtins=(PEAR_13,)), created.id,
                             expected_version=created.version)
    now = catalog.get_product(db, system, created.id)
    assert now.price_cents == 1399 and now.gtins == (APPLE_13,) and now.version == first.version
    with pytest.raises(NotFound):
        catalog.find_product_by_gtin(db, system, PEAR_13)


def test_update_records_only_changed_fields_in_the_audit(db, system, fruit):
    created = catalog.save_product(db, system, _product(fruit.id))
    catalog.save_product(db, system, _product(fruit.id, price_cents=1499, gtins=(APPLE_13, PEAR_13)), created.id)
    entry = db.read(lambda s: s.query(AuditEntry).filter_by(action="product.updated").one())
    details = json.loads(entry.details)
    assert set(details) == {"price_cents", "gtins"}
    assert details["price_cents"] == [1299, 1499]


# -- search ---------------------------------------------------------------------------

def test_search_by_sku_english_chinese_name_and_gtin_digits(db, system, fruit):
    catalog.save_product(db, system, _product(fruit.id, "APL-001", gtins=(APPLE_13,)))
    catalog.save_product(db, system, _product(fruit.id, "PER-001", name_en="Nashi pear", name_zh="梨",
                                              gtins=(PEAR_13,)))
    catalog.save_product(db, system, _product(fruit.id, "BAN-001", name_en="Banana", name_zh="香蕉", gtins=()))

    def skus(term: str) -> list[str]:
        return [p.sku for p in catalog.list_products(db, system, term)]

    assert skus("per-0") == ["PER-001"]
    assert skus("FUJI") == ["APL-001"]
    assert skus("香蕉") == ["BAN-001"]
    assert skus("梨") == ["PER-001"]
    assert skus("501101") == ["PER-001"]  # part of the GTIN
    assert skus(APPLE_13) == ["APL-001"]
    assert skus("") == ["APL-001", "BAN-001", "PER-001"]
    assert skus("no such thing") == []


def test_inactive_and_category_filters(db, system, fruit):
    veg = catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables", "蔬菜", "chilled"))
    catalog.save_product(db, system, _product(fruit.id, "APL-001", gtins=()))
    catalog.save_product(db, system, _product(fruit.id, "APL-OLD", gtins=(), active=False))
    catalog.save_product(db, system, _product(veg.id, "CAR-001", name_en="Carrot", gtins=()))
    assert [p.sku for p in catalog.list_products(db, system, include_inactive=False)] == ["APL-001", "CAR-001"]
    assert [p.sku for p in catalog.list_products(db, system, category_id=veg.id)] == ["CAR-001"]
    counts = {c.code: c.product_count for c in catalog.list_categories(db, system)}
    assert counts == {"fruit": 2, "veg": 1}


# -- substitutes ------------------------------------------------------------------------

def test_substitutes_are_saved_in_order_of_preference(db, system, fruit):
    for sku in ("APL-002", "APL-003", "APL-004"):
        catalog.save_product(db, system, _product(fruit.id, sku, gtins=()))
    row = catalog.save_product(db, system, _product(fruit.id, "APL-001", substitutes=("apl-004", "APL-002")))
    assert row.substitutes == ("APL-004", "APL-002")
    assert catalog.get_product(db, system, row.id).substitutes == ("APL-004", "APL-002")
    by_sku = {p.sku: p for p in _products(db, system)}
    assert by_sku["APL-001"].substitutes == ("APL-004", "APL-002")
    updated = catalog.save_product(db, system, _product(fruit.id, "APL-001", substitutes=("APL-003", "APL-004")),
                                   row.id)
    assert catalog.get_product(db, system, updated.id).substitutes == ("APL-003", "APL-004")


def test_unknown_substitute_or_itself_is_refused(db, system, fruit):
    with pytest.raises(ValidationError) as error:
        catalog.save_product(db, system, _product(fruit.id, substitutes=("NOPE-1",)))
    assert error.value.field == "substitutes" and "NOPE-1" in str(error.value)
    with pytest.raises(ValidationError) as error:
        catalog.save_product(db, system, _product(fruit.id, substitutes=("APL-001",)))
    assert error.value.field == "substitutes"
    assert _products(db, system) == []


# -- who may edit -----------------------------------------------------------------------

def test_supervisor_edits_the_catalogue_on_their_own_connection(db, fruit, login_as):
    boss = login_as(Role.SUPERVISOR)
    catalog.save_product(boss.database, boss.actor, _product(fruit.id, "PER-001", name_en="Pear", gtins=(PEAR_13,)))
    row = catalog.save_product(boss.database, boss.actor, _product(fruit.id, substitutes=("PER-001",)))
    again = catalog.save_product(boss.database, boss.actor, _product(fruit.id, gtins=(CASE_14,), substitutes=()),
                                 row.id, expected_version=row.version)
    assert again.gtins == (CASE_14,) and again.substitutes == ()


def test_picker_may_look_up_but_not_edit(db, system, fruit, login_as):
    catalog.save_product(db, system, _product(fruit.id))
    picker = login_as(Role.PICKER)
    assert catalog.find_product_by_gtin(picker.database, picker.actor, APPLE_14).sku == "APL-001"
    with pytest.raises(PermissionDenied):
        catalog.save_product(picker.database, picker.actor, _product(fruit.id, "APL-009", gtins=()))


def test_gtin_only_edit_is_a_new_version_and_stale_gtin_edits_are_refused(db, system):
    category = catalog.save_category(db, system, catalog.CategoryInput("vx", "Veg X"))
    base = catalog.ProductInput(sku="GV-1", name_en="Kale", category_id=category.id, temperature_class="chilled",
                                shelf_life_days=5, price_cents=100, gtins=("4006381333931",))
    first = catalog.save_product(db, system, base)
    from dataclasses import replace

    second = catalog.save_product(db, system, replace(base, gtins=("4006381333931", "9501101530003")),
                                  first.id, expected_version=first.version)
    assert second.version == first.version + 1
    with pytest.raises(ConflictError):  # another station still holds the first version
        catalog.save_product(db, system, replace(base, gtins=()), first.id, expected_version=first.version)
    assert catalog.get_product(db, system, first.id).gtins == ("4006381333931", "9501101530003")


def test_substitute_only_edit_is_audited_with_the_change(db, system):
    from dataclasses import replace

    from app.models import AuditEntry

    category = catalog.save_category(db, system, catalog.CategoryInput("vy", "Veg Y"))
    base = catalog.ProductInput(sku="SV-1", name_en="Leek", category_id=category.id, temperature_class="chilled",
                                shelf_life_days=5, price_cents=100)
    other = catalog.save_product(db, system, replace(base, sku="SV-2", name_en="Spring onion"))
    first = catalog.save_product(db, system, base)
    catalog.save_product(db, system, replace(base, substitutes=("SV-2",)), first.id, expected_version=first.version)
    entry = db.read(lambda s: s.query(AuditEntry).filter_by(action="product.updated").one())
    assert '"substitutes": [[], ["SV-2"]]' in entry.details
    assert other.sku == "SV-2"
