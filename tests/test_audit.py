"""The audit log: one entry per change, in the same transaction, append-only."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import ConflictError, ValidationError
from app.models import AuditEntry
from app.permissions import Role
from app.services import audit, catalog, customers, users
from app.services.context import Actor


def _entries(db):
    return db.read(lambda s: s.query(AuditEntry).order_by(AuditEntry.id).all())


def test_change_writes_one_entry_with_user_station_and_db_user(db, login_as):
    login = login_as(Role.SUPERVISOR)
    before = len(_entries(db))
    category = catalog.save_category(login.database, login.actor,
                                     catalog.CategoryInput("veg", "Vegetables", "蔬菜", "chilled"))
    entries = _entries(db)
    assert len(entries) == before + 1
    entry = entries[-1]
    assert entry.action == "category.created" and entry.entity_id == str(category.id)
    assert entry.app_username == login.actor.username and entry.app_user_id == login.actor.user_id
    assert entry.station == "test"
    assert json.loads(entry.details)["name_zh"] == [None, "蔬菜"]
    assert entry.db_user == (login.actor.username if db.is_postgres else "sqlite")


def test_failed_change_leaves_no_entry(db, login_as):
    login = login_as(Role.SUPERVISOR)
    catalog.save_category(login.database, login.actor, catalog.CategoryInput("veg", "Vegetables"))
    before = len(_entries(db))
    with pytest.raises(ConflictError):
        catalog.save_category(login.database, login.actor, catalog.CategoryInput("veg", "Again"))
    with pytest.raises(ValidationError):
        customers.save_customer(login.database, login.actor, customers.CustomerInput("", "+8613812345678"))
    assert len(_entries(db)) == before


def test_audit_entry_is_rolled_back_with_its_change(db, system):
    def work(session):
        audit.record(session, system, "test.action", "thing", 1)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        db.transaction(work)
    assert not [e for e in _entries(db) if e.action == "test.action"]


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET reason = 'rewritten'", "DELETE FROM audit_log"])
def test_audit_log_is_append_only_even_for_the_owner(db, system, statement):
    users.create_user(db, system, "alice", Role.PICKER, "long-enough-1")
    with pytest.raises(DBAPIError, match="append-only"):
        with db.engine.begin() as connection:
            connection.execute(text(statement))
    assert len(_entries(db)) == 1


def test_db_user_cannot_be_spoofed_on_postgres(db, login_as):
    if not db.is_postgres:
        pytest.skip("PostgreSQL stamps session_user")
    login = login_as(Role.PICKER)
    with login.database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO audit_log (app_username, db_user, station, action, entity_type, entity_id, reason, details)"
            " VALUES ('someone', 'postgres', 's', 'forged', 'x', '1', '', '')"))
    forged = [e for e in _entries(db) if e.action == "forged"]
    assert forged[0].db_user == login.actor.username


def test_picker_cannot_rewrite_audit_or_grant_itself_a_role(db, login_as):
    if not db.is_postgres:
        pytest.skip("PostgreSQL grants")
    from app.db import pgroles

    login = login_as(Role.PICKER)
    admin_group = pgroles.group_role(db.database_name, Role.ADMIN)
    for statement in ("UPDATE audit_log SET reason = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log",
                      f'GRANT "{admin_group}" TO "{login.actor.username}"',
                      f'ALTER ROLE "{login.actor.username}" CREATEROLE'):
        with pytest.raises(DBAPIError):
            with login.database.engine.begin() as connection:
                connection.execute(text(statement))


def test_list_entries_filters_and_orders_newest_first(db, system, login_as):
    catalog.save_category(db, system, catalog.CategoryInput("veg", "Vegetables"))
    catalog.save_category(db, system, catalog.CategoryInput("fruit", "Fruit"))
    login = login_as(Role.ADMIN)
    rows = audit.list_entries(login.database, login.actor, entity_type="category")
    assert [r.action for r in rows] == ["category.created", "category.created"]
    assert rows[0].id > rows[1].id
    assert audit.list_entries(login.database, login.actor, search="nothing-like-this") == []
    assert all(isinstance(r, audit.AuditRow) for r in rows)


def test_system_actor_entries_have_no_app_user(db):
    users.create_user(db, Actor.system("cli"), "bob", Role.PACKER, "long-enough-1")
    entry = _entries(db)[-1]
    assert entry.app_user_id is None and entry.app_username == "system" and entry.station == "cli"
