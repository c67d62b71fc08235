"""Sanity checks of the deterministic demo catalogue data."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from app.demo.catalog_data import (
    CATEGORIES,
    CUSTOMER_NAMES,
    DEMO_USERS,
    PRODUCTS,
    PRODUCTS_BY_SKU,
    TEMPERATURE_CLASSES,
    WAREHOUSES,
    generate_bins,
    generate_customers,
    gtin_check_digit,
    is_valid_gtin,
    warehouse_for_postal_code,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
REQUIRED_CATEGORIES = {
    "vegetables", "fruit", "meat", "seafood", "dairy", "eggs", "bakery", "frozen",
}
ROLES = {"picker", "qc_inspector", "packer", "stock_clerk", "cs_rep", "supervisor", "admin"}


# --------------------------------------------------------------------------- GTIN


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("400638133393", 1),  # 4006381333931
        ("950110153000", 3),  # 9501101530003 (GS1 example)
        ("629104150021", 3),  # 6291041500213 (GS1 example)
        ("1001234500001", 7),  # GTIN-14 10012345000017
        ("9638507", 4),  # GTIN-8 96385074
    ],
)
def test_gtin_check_digit_known_values(body, check):
    assert gtin_check_digit(body) == check


def test_is_valid_gtin():
    for good in ("4006381333931", "9501101530003", "96385074", "036000291452", "10012345000017"):
        assert is_valid_gtin(good), good
    for bad in ("4006381333932", "950110153000", "123", "40063813339X1", "", "１２３４５６７８"):
        assert not is_valid_gtin(bad), bad


# ----------------------------------------------------------------------- catalogue


def test_categories():
    codes = [c.code for c in CATEGORIES]
    assert len(codes) == len(set(codes))
    assert REQUIRED_CATEGORIES <= set(codes)
    for c in CATEGORIES:
        assert re.fullmatch(r"[a-z]+", c.code)
        assert c.temperature_class in TEMPERATURE_CLASSES
        assert CJK.search(c.name_zh)
    by_code = {c.code: c.temperature_class for c in CATEGORIES}
    assert by_code["frozen"] == "frozen"
    assert by_code["meat"] == by_code["seafood"] == by_code["dairy"] == "chilled"


def test_product_counts():
    assert len(PRODUCTS) >= 150
    per_category = Counter(p.category for p in PRODUCTS)
    for code in REQUIRED_CATEGORIES:
        assert per_category[code] >= 15, code
    assert sum(p.unit == "weighed" for p in PRODUCTS) >= 30
    inactive = [p for p in PRODUCTS if not p.active]
    assert 1 <= len(inactive) <= 10


def test_skus_unique_and_lookup():
    skus = [p.sku for p in PRODUCTS]
    assert len(skus) == len(set(skus))
    assert all(re.fullmatch(r"[A-Z]{3}-\d{4}", s) for s in skus)
    assert set(PRODUCTS_BY_SKU) == set(skus)


def test_gtins_valid_and_unique():
    all_gtins = [g for p in PRODUCTS for g in p.gtins]
    assert all(is_valid_gtin(g) for g in all_gtins)
    assert len({g.zfill(14) for g in all_gtins}) == len(all_gtins)
    for p in PRODUCTS:
        assert 1 <= len(p.gtins) <= 2
        assert len(p.gtins[0]) == 13
        if len(p.gtins) == 2:
            case = p.gtins[1]
            assert len(case) == 14 and case[0] in "12345678"
            assert case[1:13] == p.gtins[0][:12]
    assert sum(len(p.gtins) == 2 for p in PRODUCTS) >= 5
    chinese = sum(p.gtins[0][:3] in {str(n) for n in range(690, 700)} for p in PRODUCTS)
    assert chinese > len(PRODUCTS) * 0.8


def test_substitutes_exist_in_same_category():
    for p in PRODUCTS:
        assert p.sku not in p.substitutes
        for sku in p.substitutes:
            assert sku in PRODUCTS_BY_SKU
            assert PRODUCTS_BY_SKU[sku].category == p.category
    assert sum(bool(p.substitutes) for p in PRODUCTS) >= 100


def test_product_fields_realistic():
    categories = {c.code for c in CATEGORIES}
    for p in PRODUCTS:
        assert p.category in categories
        assert p.temperature_class in TEMPERATURE_CLASSES
        assert p.unit in ("piece", "weighed")
        assert CJK.search(p.name_zh), p.name_zh
        assert p.name_en.isascii()
        assert 0 < p.min_remaining_shelf_life_days < p.shelf_life_days
        assert isinstance(p.price_cents, int) and p.price_cents > 0
        assert isinstance(p.reorder_point, int) and p.reorder_point > 0
        if p.unit == "weighed":
            assert p.nominal_weight_g and p.nominal_weight_g > 0
            assert p.weight_tolerance_g and 0 < p.weight_tolerance_g < p.nominal_weight_g
        else:
            assert p.weight_tolerance_g is None
        if p.category == "frozen":
            assert p.temperature_class == "frozen"
            assert 180 <= p.shelf_life_days <= 365
            assert 30 <= p.min_remaining_shelf_life_days <= 90
        if p.category == "seafood":
            assert 2 <= p.shelf_life_days <= 4


# ---------------------------------------------------------------------- warehouses


def test_warehouses_and_bins():
    assert len(WAREHOUSES) == 3
    prefixes = [pre for w in WAREHOUSES for pre in w.postal_prefixes]
    assert len(prefixes) == len(set(prefixes))
    assert all(re.fullmatch(r"\d{3}", pre) for pre in prefixes)
    all_codes: list[str] = []
    for w in WAREHOUSES:
        assert {z.code for z in w.zones} == {"AMB", "CHL", "FRZ"}
        bins = generate_bins(w)
        assert 60 <= len(bins) <= 120
        assert bins == generate_bins(w)
        seqs = [b.pick_sequence for b in bins]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
        for b in bins:
            assert re.fullmatch(rf"{w.code}-(AMB|CHL|FRZ)-A\d\d-\d\d-\d", b.code)
            assert b.code.split("-")[1] == b.zone
        all_codes += [b.code for b in bins]
    assert len(all_codes) == len(set(all_codes))


def test_bins_follow_serpentine_path():
    bins = generate_bins(WAREHOUSES[0])
    chl = [b for b in bins if b.zone == "CHL"]

    def racks(aisle: int) -> list[int]:
        return [int(b.code.split("-")[3]) for b in chl if f"-A{aisle:02d}-" in b.code]

    assert racks(1) == sorted(racks(1))
    assert racks(2) == sorted(racks(2), reverse=True)
    assert chl[0].code == "SH-CHL-A01-01-1"


# ---------------------------------------------------------------------- customers


def test_customers_deterministic_and_valid():
    a = generate_customers(random.Random(42), 400)
    b = generate_customers(random.Random(42), 400)
    c = generate_customers(random.Random(7), 400)
    assert a == b
    assert a != c
    assert len(a) == 400
    assert len({x.phone for x in a}) == 400
    assert len({x.email for x in a}) == 400
    for x in a:
        assert re.fullmatch(r"\+861[3-9]\d{9}", x.phone), x.phone
        assert x.email.isascii() and re.fullmatch(r"[a-z.]+\d+@[a-z.]+", x.email), x.email
        assert x.language in ("zh_CN", "en")
        assert re.fullmatch(r"\d{6}", x.postal_code)
        assert x.name and x.address_line and x.city
        if x.language == "zh_CN":
            assert CJK.search(x.name) and CJK.search(x.address_line)
    served = sum(warehouse_for_postal_code(x.postal_code) is not None for x in a)
    assert 0.9 * len(a) <= served < len(a)
    assert 0.6 < sum(x.language == "zh_CN" for x in a) / len(a) < 0.95
    assert {warehouse_for_postal_code(x.postal_code).code for x in a
            if warehouse_for_postal_code(x.postal_code)} == {"SH", "BJ", "GZ"}


def test_customer_district_data_consistent():
    for code, districts in CUSTOMER_NAMES.districts.items():
        for d in districts:
            assert warehouse_for_postal_code(d.postal_code).code == code
    for d in CUSTOMER_NAMES.unserved_districts:
        assert warehouse_for_postal_code(d.postal_code) is None


# -------------------------------------------------------------------------- users


def test_demo_users():
    assert {u.role for u in DEMO_USERS} == ROLES
    assert len(DEMO_USERS) == len(ROLES)
    assert len({u.username for u in DEMO_USERS}) == len(DEMO_USERS)
    for username, full_name, role, password in DEMO_USERS:
        assert len(password) >= 8 and full_name and role in ROLES
