"""Warehouses: which warehouse serves a postal code, regions, and bins in pick-path order."""

from __future__ import annotations

import pytest

from app.errors import ConflictError, PermissionDenied, ValidationError
from app.permissions import Role
from app.services import warehouses
from app.services.warehouses import BinInput, WarehouseInput


@pytest.fixture
def sh(db, system) -> warehouses.WarehouseRow:
    return warehouses.save_warehouse(db, system, WarehouseInput("SH", "Shanghai", "Pudong", ("200", "201")))


def _serving(db, actor, postal_code: str) -> str | None:
    row = warehouses.warehouse_for_postal_code(db, actor, postal_code)
    return row.code if row else None


def test_longest_postal_prefix_wins(db, system, sh):
    warehouses.save_warehouse(db, system, WarehouseInput("SHN", "Shanghai north", "", ("2001",)))
    assert _serving(db, system, "200135") == "SHN"
    assert _serving(db, system, "200235") == "SH"
    assert _serving(db, system, "201100") == "SH"
    assert _serving(db, system, "2001") == "SHN"
    assert _serving(db, system, "100001") is None
    assert _serving(db, system, "") is None


def test_inactive_warehouse_is_not_chosen(db, system, sh):
    north = warehouses.save_warehouse(db, system, WarehouseInput("SHN", "Shanghai north", "", ("2001",)))
    warehouses.save_warehouse(db, system, WarehouseInput("SHN", "Shanghai north", "", ("2001",), active=False),
                              north.id, expected_version=north.version)
    assert _serving(db, system, "200135") == "SH"
    warehouses.save_warehouse(db, system, WarehouseInput("SH", "Shanghai", "Pudong", ("200", "201"), active=False),
                              sh.id)
    assert _serving(db, system, "200135") is None


def test_prefix_served_by_another_warehouse_is_a_conflict(db, system, sh):
    with pytest.raises(ConflictError) as error:
        warehouses.save_warehouse(db, system, WarehouseInput("BJ", "Beijing", "", ("100", "201")))
    assert "201" in str(error.value) and "SH" in str(error.value)
    assert [w.code for w in warehouses.list_warehouses(db, system)] == ["SH"]
    assert _serving(db, system, "201100") == "SH"


def test_prefix_moves_to_another_warehouse_after_it_is_released(db, system, sh):
    warehouses.save_warehouse(db, system, WarehouseInput("SH", "Shanghai", "Pudong", ("200",)), sh.id)
    warehouses.save_warehouse(db, system, WarehouseInput("KS", "Kunshan", "", ("201",)))
    assert _serving(db, system, "201100") == "KS"
    listed = {w.code: w.postal_prefixes for w in warehouses.list_warehouses(db, system)}
    assert listed == {"SH": ("200",), "KS": ("201",)}


def test_bad_prefix_and_duplicate_code_are_refused(db, system, sh):
    with pytest.raises(ValidationError) as error:
        warehouses.save_warehouse(db, system, WarehouseInput("BJ", "Beijing", "", ("10 0",)))
    assert error.value.field == "postal_prefixes"
    with pytest.raises(ConflictError, match="SH"):
        warehouses.save_warehouse(db, system, WarehouseInput("sh", "Shanghai again", "", ("300",)))
    assert _serving(db, system, "300000") is None


def test_stale_warehouse_edit_is_a_conflict(db, system, sh):
    warehouses.save_warehouse(db, system, WarehouseInput("SH", "Shanghai Pudong", "", ("200", "201")), sh.id,
                              expected_version=sh.version)
    with pytest.raises(ConflictError):
        warehouses.save_warehouse(db, system, WarehouseInput("SH", "Stale name", "", ("200",)), sh.id,
                                  expected_version=sh.version)
    [row] = warehouses.list_warehouses(db, system)
    assert row.name == "Shanghai Pudong" and row.postal_prefixes == ("200", "201")


# -- bins ---------------------------------------------------------------------------

def test_bins_are_listed_in_pick_path_order(db, system, sh):
    for code, zone, sequence in [("C-03", "chl", 30), ("A-01", "amb", 10), ("F-02", "frz", 20), ("A-02", "amb", 10)]:
        warehouses.save_bin(db, system, BinInput(sh.id, code, zone, sequence))
    bins = warehouses.list_bins(db, system, sh.id)
    assert [b.code for b in bins] == ["A-01", "A-02", "F-02", "C-03"]
    assert [b.zone for b in bins] == ["AMB", "AMB", "FRZ", "CHL"]
    assert warehouses.list_warehouses(db, system)[0].bin_count == 4
    moved = warehouses.save_bin(db, system, BinInput(sh.id, "A-01", "AMB", 40), bins[0].id,
                                expected_version=bins[0].version)  # to the end of the path
    assert moved.version > bins[0].version
    assert [b.code for b in warehouses.list_bins(db, system, sh.id)] == ["A-02", "F-02", "C-03", "A-01"]


def test_duplicate_bin_code_is_refused(db, system, sh):
    other = warehouses.save_warehouse(db, system, WarehouseInput("BJ", "Beijing", "", ("100",)))
    warehouses.save_bin(db, system, BinInput(sh.id, "A-01", "AMB", 10))
    for warehouse_id in (sh.id, other.id):
        with pytest.raises(ConflictError, match="A-01"):
            warehouses.save_bin(db, system, BinInput(warehouse_id, "a-01", "CHL", 20))
    assert [b.code for b in warehouses.list_bins(db, system, sh.id)] == ["A-01"]
    assert warehouses.list_bins(db, system, other.id) == []


def test_bin_input_is_validated(db, system, sh):
    for data, field in [(BinInput(sh.id, "A 01", "AMB", 1), "code"), (BinInput(sh.id, "A-01", " ", 1), "zone"),
                        (BinInput(sh.id, "A-01", "AMB", -1), "pick_sequence"),
                        (BinInput(sh.id + 99, "A-01", "AMB", 1), "warehouse_id")]:
        with pytest.raises(ValidationError) as error:
            warehouses.save_bin(db, system, data)
        assert error.value.field == field
    assert warehouses.list_bins(db, system, sh.id) == []


def test_stock_clerk_sees_but_cannot_edit_warehouses(db, system, sh, login_as):
    clerk = login_as(Role.STOCK_CLERK)
    assert _serving(clerk.database, clerk.actor, "200135") == "SH"
    with pytest.raises(PermissionDenied):
        warehouses.save_bin(clerk.database, clerk.actor, BinInput(sh.id, "A-01", "AMB", 10))
    with pytest.raises(PermissionDenied):
        warehouses.save_warehouse(clerk.database, clerk.actor, WarehouseInput("BJ", "Beijing"))
