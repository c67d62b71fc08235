"""Every role × every action: allowed or refused, through the services and,
on PostgreSQL, directly in SQL on the role's own connection."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError

from app import clock
from app.errors import PermissionDenied
from app.models import PickList, utcnow
from app.permissions import PERMISSIONS, Action, Role, allowed
from app.importers.draft import DraftAddress, DraftLine, OrderDraft
from app.services import audit, catalog, customers, outbox, users, warehouses
from app.services.orders import desk, intake, shared_settings
from app.services.orders import queries as order_queries
from app.services.orders.review_settings import ReviewSettings
from app.services.picking import claiming, planning
from app.services.context import Actor
from app.services.stock import counts, operations, queries, receiving, reservations


@pytest.fixture
def seeded(db, system):
    category = catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables", "蔬菜", "chilled"))
    warehouse = warehouses.save_warehouse(db, system, warehouses.WarehouseInput("SH", "Shanghai", "", ("200",)))
    customer = customers.save_customer(db, system, customers.CustomerInput("Li Lei", "+8613812345678"))
    product = catalog.save_product(db, system, catalog.ProductInput(
        "VEG-1", "Broccoli", category.id, "chilled", 10, 690))
    bin1 = warehouses.save_bin(db, system, warehouses.BinInput(warehouse.id, "SH-CHL-1", "CHL", 10))
    bin2 = warehouses.save_bin(db, system, warehouses.BinInput(warehouse.id, "SH-CHL-2", "CHL", 20))
    today = clock.today()

    def receive(lot: str, days: int, quantity: int, bin_id: int) -> receiving.ReceiptRow:
        return receiving.receive(db, system, receiving.ReceiptInput(
            product.id, lot, today + timedelta(days=days), quantity, bin_id))

    early = receive("L-EARLY", 3, 5, bin1.id)  # FEFO's first choice: fully reserved below, quarantined by a call
    main = receive("L-A", 10, 100, bin1.id)
    spare = receive("L-A", 10, 50, bin2.id)
    reservations.reserve_line(db, system, warehouse_id=warehouse.id, product_id=product.id, quantity=5,
                              delivery_date=today, reference="OL:seed-0")
    moved = reservations.reserve_line(db, system, warehouse_id=warehouse.id, product_id=product.id, quantity=10,
                                      delivery_date=today, reference="OL:seed-1")
    assert moved.parts[0].quant_id == main.quant_id
    exception = intake.import_drafts(db, system, [_order_draft("seed-order", phone="12345")]).numbers[0]
    # picking: a list claimed by a picker whose station crashed (claim expired), an open list, an order to plan
    picking = intake.import_drafts(db, system, [_order_draft(f"seed-pick-{k}", quantity=k) for k in (2, 3, 4)])
    assert picking.states == {"allocated": 3}, picking.exceptions_by_reason
    planning.plan_order_lists(db, system, warehouse.id, order_numbers=picking.numbers[:2])
    crashed = claiming.take_next(db, system, warehouse.id, "crashed-station")
    db.transaction(lambda session: session.execute(update(PickList).where(PickList.id == crashed.id).values(
        claimed_until=utcnow() - timedelta(minutes=1))))
    return {"category": category, "warehouse": warehouse, "customer": customer, "product": product,
            "bin2": bin2, "early_lot": early.lot_id, "quant": main.quant_id, "quant2": spare.quant_id,
            "reservation": moved.parts[0].reservation_id,
            "order": order_queries.get_order(db, system, number=exception).id, "claimed_list": crashed.id}


def _order_draft(external_id: str, phone: str = "13812345678", quantity: int = 1) -> OrderDraft:
    return OrderDraft("web", external_id, "Li Lei", "li@example.com", phone,
                      DraftAddress(line1="1 Nanjing Rd", city="Shanghai", postal_code="200001", country="CN"),
                      (DraftLine("VEG-1", quantity, None),), payment_status="paid")


class _NoSmtp:
    def send(self, message) -> None:  # pragma: no cover - nothing is due in the matrix
        raise AssertionError("nothing should be sent")


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
    Action.STOCK_VIEW: lambda db, a, s: queries.list_quants(db, a),
    Action.STOCK_RECEIVE: lambda db, a, s: receiving.receive(db, a, receiving.ReceiptInput(
        s["product"].id, _unique("L-"), clock.today() + timedelta(days=8), 10, s["bin2"].id)),
    Action.STOCK_TRANSFER: lambda db, a, s: operations.transfer(db, a, s["quant"], s["bin2"].id, 1),
    Action.STOCK_WRITE_OFF: lambda db, a, s: operations.write_off(db, a, s["quant"], 1, "damaged"),
    Action.STOCK_QUARANTINE: lambda db, a, s: operations.set_quarantine(db, a, s["early_lot"], True, "recall"),
    Action.STOCK_COUNT: lambda db, a, s: counts.create_count_sheet(db, a, s["warehouse"].id, "CHL"),
    Action.STOCK_APPROVE: lambda db, a, s: operations.adjust(db, a, s["quant"], 500, "found a pallet"),
    Action.STOCK_RESERVE: lambda db, a, s: reservations.reserve_line(
        db, a, warehouse_id=s["warehouse"].id, product_id=s["product"].id, quantity=1,
        delivery_date=clock.today(), reference=_unique("OL:")),
    Action.STOCK_RESERVATION_MOVE: lambda db, a, s: reservations.move_reservation(
        db, a, s["reservation"], s["quant2"], "not in the bin"),
    Action.ORDER_VIEW: lambda db, a, s: order_queries.search_orders(db, a, "Li"),
    Action.ORDER_IMPORT: lambda db, a, s: intake.import_drafts(db, a, [_order_draft(_unique("o-"))]),
    Action.ORDER_REVIEW: lambda db, a, s: desk.claim(db, a, s["order"]),
    Action.ORDER_OVERRIDE: lambda db, a, s: desk.allow_partial(db, a, s["order"], "customer agreed"),
    Action.ORDER_SETTINGS_EDIT: lambda db, a, s: shared_settings.save_review_settings(db, a, ReviewSettings()),
    Action.NOTIFICATION_SEND: lambda db, a, s: outbox.send_due(db, a, _NoSmtp()),
    Action.PICK: lambda db, a, s: claiming.take_next(db, a, s["warehouse"].id, _unique("station-")),
    Action.PICK_PLAN: lambda db, a, s: planning.plan_order_lists(db, a, s["warehouse"].id),
    Action.PICK_TAKEOVER: lambda db, a, s: claiming.take_over(db, a, s["claimed_list"], _unique("station-"),
                                                              "station crashed"),
}


def _ledger_probe(kind: str, on_hand_delta: int) -> str:
    """Append one ledger row of ``kind`` to the first stock record, as the role itself."""
    return ("INSERT INTO stock_moves (kind, quant_id, warehouse_id, bin_id, product_id, lot_id, on_hand_delta, "
            "reserved_delta, reason, reference, batch, username, station) "
            f"SELECT '{kind}', id, warehouse_id, bin_id, product_id, lot_id, {on_hand_delta}, 0, 'probe', '', '', "
            "'probe', '' FROM stock_quants ORDER BY id LIMIT 1")


def _reservation_probe(reference: str) -> str:
    return ("INSERT INTO stock_reservations (reference, quant_id, product_id, lot_id, bin_id, warehouse_id, quantity, "
            f"status) SELECT '{reference}', id, product_id, lot_id, bin_id, warehouse_id, 1, 'active' "
            "FROM stock_quants ORDER BY id LIMIT 1")

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
    Action.STOCK_VIEW: "SELECT count(*) FROM stock_quants JOIN lots ON lots.id = stock_quants.lot_id",
    Action.STOCK_RECEIVE: "INSERT INTO lots (product_id, lot_number, expiry_date, supplier, received_date, "
                          "quarantined, quarantine_reason) SELECT id, 'PROBE', current_date + 5, '', current_date, "
                          "false, '' FROM products ORDER BY id LIMIT 1",
    Action.STOCK_TRANSFER: _ledger_probe("transfer", -1),
    Action.STOCK_WRITE_OFF: _ledger_probe("write_off", -1),
    Action.STOCK_QUARANTINE: "UPDATE lots SET quarantined = true, quarantine_reason = 'probe'",
    Action.STOCK_COUNT: "INSERT INTO count_sheets (warehouse_id, zone, status, note, created_by, version) "
                        "SELECT id, 'PROBE', 'open', '', 'probe', 1 FROM warehouses ORDER BY id LIMIT 1",
    Action.STOCK_APPROVE: _ledger_probe("adjustment", 1),
    # a reservation for a new demand: reserving; another one for a demand that has one: moving it
    Action.STOCK_RESERVE: _reservation_probe("OL:probe-new"),
    Action.STOCK_RESERVATION_MOVE: _reservation_probe("OL:seed-1"),
    # the customer's details: a picker reads some columns of an order (number, state, slot), never these
    Action.ORDER_VIEW: "SELECT number, customer_name, phone, address_line1 FROM orders",
    Action.ORDER_IMPORT: "INSERT INTO order_number_counters (day, last_value) VALUES ('PROBE', 0)",
    Action.ORDER_REVIEW: "UPDATE orders SET state_reason = state_reason",
    Action.ORDER_OVERRIDE: "UPDATE orders SET partial_allowed = partial_allowed",
    Action.ORDER_SETTINGS_EDIT: "INSERT INTO shared_settings (key, value, updated_by, updated_at, version) "
                                "VALUES ('probe', '{}', 'probe', now(), 1)",
    Action.NOTIFICATION_SEND: "UPDATE outbox SET attempts = attempts",
    # a station logs a scan; a planner makes a pick list; taking over another picker's claimed list must change
    # it (row-level security hides other pickers' lists from a picker's UPDATE, which would change nothing)
    Action.PICK: "INSERT INTO pick_scans (station, seq, pick_list_id, at, username, raw, action, outcome, code, "
                 "message, quantity, reserved_part, pieces, undone) SELECT 'probe', 1, id, now(), 'probe', '', "
                 "'bin', 'rejected', 'probe', '', 0, 0, 0, false FROM pick_lists ORDER BY id LIMIT 1",
    Action.PICK_PLAN: "INSERT INTO pick_lists (warehouse_id, kind, delivery_slot, temperature_class, state, "
                      "claimed_by, claimed_station, reserved_lot_missing, created_by, created_at) "
                      "SELECT id, 'order', '', '', 'open', '', '', false, 'probe', now() FROM warehouses "
                      "ORDER BY id LIMIT 1",
    Action.PICK_TAKEOVER: "DO $$ BEGIN UPDATE pick_lists SET claimed_by = session_user, claimed_station = 'probe' "
                          "WHERE state = 'claimed' AND claimed_by <> session_user; IF NOT FOUND THEN RAISE "
                          "EXCEPTION 'no list to take over' USING ERRCODE = '42501'; END IF; END $$",
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
                # a missing grant ("permission denied") or a row-level policy (migration 0003): both 42501
                assert getattr(error.orig, "sqlstate", None) == "42501", error
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
