"""Every role × every action: allowed or refused, through the services and,
on PostgreSQL, directly in SQL on the role's own connection."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import PermissionDenied
from app.permissions import PERMISSIONS, Action, Role, allowed
from app.services import audit, catalog, customers, users, warehouses
from app.services.context import Actor


@pytest.fixture
def seeded(db, system):
    category = catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables", "蔬菜", "chilled"))
    warehouse = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("SH", "Shanghai", "", ("200",)))
    customer = customers.save_customer(db, system, customers.CustomerInput("Li Lei", "+8613812345678"))
    return {"category": category, "warehouse": warehouse, "customer": customer}


def _unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}"


SERVICE_CALLS = {
    Action.CATALOG_VIEW: lambda db, a, s: catalog.list_products(db, a),
    Action.CATALOG_EDIT: lambda db, a, s: catalog.save_category(
        db, a, catalog.CategoryInput(_unique("c"), "Fruit", "水果", "ambient")),
    Action.WAREHOUSE_VIEW: lambda db, a, s: warehouses.list_bins(db, a, s["warehouse"].id),
    Action.WAREHOUSE_EDIT: lambda db, a, s: warehouses.save_bin(
        db, a, warehouses.BinInput(s["warehouse"].id, _unique("B-"), "CHL", 10)),
    Action.CUSTOMER_VIEW: lambda db, a, s: customers.list_customers(db, a),
    Action.CUSTOMER_EDIT: lambda db, a, s: customers.save_customer(
        db, a, customers.CustomerInput("Han Meimei", "+8613912345678"), s["customer"].id),
    Action.USER_VIEW: lambda db, a, s: users.list_users(db, a),
    Action.USER_MANAGE: lambda db, a, s: users.create_user(db, a, _unique("t_new"), Role.PICKER, "long-enough-1"),
    Action.AUDIT_VIEW: lambda db, a, s: audit.list_entries(db, a),
}

#: The same actions as plain SQL. Run on the role's own PostgreSQL connection
#: and rolled back; the server must refuse exactly what the permission table refuses.
SQL_PROBES = {
    Action.CATALOG_VIEW: "SELECT count(*) FROM products",
    Action.CATALOG_EDIT: "UPDATE products SET name_en = name_en",
    Action.WAREHOUSE_VIEW: "SELECT count(*) FROM bins",
    Action.WAREHOUSE_EDIT: "UPDATE bins SET zone = zone",
    Action.CUSTOMER_VIEW: "SELECT count(*) FROM customers",
    Action.CUSTOMER_EDIT: "UPDATE customers SET name = name",
    Action.USER_VIEW: "SELECT username, role FROM users",
    Action.USER_MANAGE: "INSERT INTO users (username, full_name, role, password_hash, active, language, version) "
                        "VALUES ('t_probe', '', 'picker', 'x', true, 'en', 1)",
    Action.AUDIT_VIEW: "SELECT count(*) FROM audit_log",
}


def test_every_action_has_a_service_call_and_a_sql_probe():
    assert set(SERVICE_CALLS) == set(Action) == set(SQL_PROBES)
    assert set(PERMISSIONS) == set(Role)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_role_action_matrix_through_services(db, seeded, login_as, role):
    login = login_as(role)
    for action, call in SERVICE_CALLS.items():
        if allowed(role, action):
            call(login.database, login.actor, seeded)  # must not raise
        else:
            with pytest.raises(PermissionDenied):
                call(login.database, login.actor, seeded)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_role_action_matrix_in_sql(db, seeded, login_as, role):
    if not db.is_postgres:
        pytest.skip("SQL-level grants exist on PostgreSQL only (SQLite is one PC, one file)")
    login = login_as(role)
    for action, sql in SQL_PROBES.items():
        with login.database.engine.connect() as connection:
            transaction = connection.begin()
            try:
                connection.execute(text(sql))
                permitted = True
            except DBAPIError as error:
                assert "permission denied" in str(error.orig), error
                permitted = False
            finally:
                transaction.rollback()
        assert permitted == allowed(role, action), f"{role.value} {action.value}: SQL said {permitted}"


def test_permission_denied_names_role_and_action(db, system, login_as):
    login = login_as(Role.PICKER)
    with pytest.raises(PermissionDenied) as caught:
        users.list_users(login.database, login.actor)
    assert "Picker" in str(caught.value) and "view users" in str(caught.value)


def test_hidden_is_not_the_check_system_actor_is_admin():
    assert Actor.system().role is Role.ADMIN
