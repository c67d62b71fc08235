"""The table models pass Qt's model checks and return the row object for ROW_ROLE."""

from __future__ import annotations

import pytest

from app.services import audit, catalog, customers, users, warehouses
from app.services.context import Actor
from ui.models.admin import AuditTableModel, BinTableModel, UserTableModel, WarehouseTableModel
from ui.models.catalog import CategoryTableModel, ProductTableModel
from ui.models.customers import CustomerTableModel
from ui.models.row_table_model import ROW_ROLE


def _rows(db, seed):
    system = Actor.system()
    return {
        ProductTableModel: catalog.list_products(db, system),
        CategoryTableModel: catalog.list_categories(db, system),
        CustomerTableModel: customers.list_customers(db, system),
        WarehouseTableModel: warehouses.list_warehouses(db, system),
        BinTableModel: warehouses.list_bins(db, system, seed.warehouses["SH"].id),
        UserTableModel: users.list_users(db, system),
        AuditTableModel: audit.list_entries(db, system),
    }


@pytest.mark.parametrize("model_class", [ProductTableModel, CategoryTableModel, CustomerTableModel,
                                         WarehouseTableModel, BinTableModel, UserTableModel, AuditTableModel])
def test_model_passes_qtmodeltester(qtmodeltester, database, seed, model_class):
    rows = _rows(database, seed)[model_class]
    assert rows
    model = model_class()
    model.set_rows(rows)
    qtmodeltester.check(model)  # Qt's QAbstractItemModelTester
    qtmodeltester.check(model, force_py=True)  # pytest-qt's Python port, stricter about roles
    assert model.index(0, 0).data(ROW_ROLE) == rows[0]
    assert model.rowCount() == len(rows)
    # sorting happens on the list and keeps every row
    model.sort(1)
    assert sorted(model.rows(), key=id) == sorted(rows, key=id)
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)


def test_inactive_product_is_greyed(database, seed):
    from PySide6.QtCore import Qt

    model = ProductTableModel()
    model.set_rows(catalog.list_products(database, Actor.system()))
    bananas = model.find_row(lambda r: r.sku == "FRU-0002")
    apples = model.find_row(lambda r: r.sku == "FRU-0001")
    assert model.index(bananas, ProductTableModel.COL_SKU).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(apples, ProductTableModel.COL_SKU).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(bananas, ProductTableModel.COL_ACTIVE).data() == ""
    assert model.index(apples, ProductTableModel.COL_ACTIVE).data() == "✓"
