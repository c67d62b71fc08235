"""Customers: search, validation and audited edits."""

from __future__ import annotations

import dataclasses
import json

import pytest

from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.models import AuditEntry
from app.permissions import Role
from app.services import customers
from app.services.customers import CustomerInput

LI = CustomerInput("Li Lei", "+86 138 1234 5678", "li.lei@example.com", "zh_CN", "1 Nanjing Rd", "Shanghai",
                   "200001")
HAN = CustomerInput("Han Meimei", "13912345678", "han@example.cn", "en", "8 Chang'an Ave", "Beijing", "100010")
WANG = CustomerInput("王小明", "13700001111", "", "zh_CN", "3 Hubin Rd", "Hangzhou", "310002")


@pytest.fixture
def three(db, system) -> dict[str, customers.CustomerRow]:
    return {c.name: customers.save_customer(db, system, c) for c in (LI, HAN, WANG)}


def _names(db, actor, term: str) -> list[str]:
    return [c.name for c in customers.list_customers(db, actor, term)]


def test_search_by_name_phone_email_and_postal_code(db, system, three):
    assert _names(db, system, "li lei") == ["Li Lei"]
    assert _names(db, system, "MEIMEI") == ["Han Meimei"]
    assert _names(db, system, "小明") == ["王小明"]
    assert _names(db, system, "1391234") == ["Han Meimei"]
    assert _names(db, system, "138 1234") == ["Li Lei"]
    assert _names(db, system, "example.cn") == ["Han Meimei"]
    assert _names(db, system, "3100") == ["王小明"]
    assert _names(db, system, "no-such-customer") == []
    assert _names(db, system, "") == ["Han Meimei", "Li Lei", "王小明"]


def test_invalid_email_is_refused_and_nothing_saved(db, system, three):
    for email in ("li.lei", "li@lei", "li lei@example.com", "@example.com"):
        with pytest.raises(ValidationError) as error:
            customers.save_customer(db, system, dataclasses.replace(LI, email=email), three["Li Lei"].id)
        assert error.value.field == "email", email
    with pytest.raises(ValidationError) as error:
        customers.save_customer(db, system, dataclasses.replace(HAN, name="New", email="broken"))
    assert error.value.field == "email"
    assert customers.list_customers(db, system, "Li Lei")[0].email == "li.lei@example.com"
    assert len(customers.list_customers(db, system)) == 3


def test_other_fields_are_validated(db, system):
    for data, field in [(dataclasses.replace(LI, name="  "), "name"),
                        (dataclasses.replace(LI, phone="call me"), "phone"),
                        (dataclasses.replace(LI, language="fr"), "language")]:
        with pytest.raises(ValidationError) as error:
            customers.save_customer(db, system, data)
        assert error.value.field == field
    assert customers.list_customers(db, system) == []


def test_edit_audits_only_the_changed_fields(db, system, three):
    li = three["Li Lei"]
    changed = dataclasses.replace(LI, phone="13800000000", city="Suzhou ")
    row = customers.save_customer(db, system, changed, li.id, expected_version=li.version)
    assert row.city == "Suzhou" and row.version > li.version
    entries = db.read(lambda s: s.query(AuditEntry).filter_by(action="customer.updated").all())
    assert len(entries) == 1
    assert entries[0].entity_id == str(li.id)
    assert json.loads(entries[0].details) == {
        "phone": ["+86 138 1234 5678", "13800000000"],
        "city": ["Shanghai", "Suzhou"],
    }


def test_stale_edit_is_a_conflict_and_changes_nothing(db, system, three):
    li = three["Li Lei"]
    customers.save_customer(db, system, dataclasses.replace(LI, city="Suzhou"), li.id, expected_version=li.version)
    with pytest.raises(ConflictError):
        customers.save_customer(db, system, dataclasses.replace(LI, phone="13800000000"), li.id,
                                expected_version=li.version)
    [now] = customers.list_customers(db, system, "Li Lei")
    assert (now.city, now.phone) == ("Suzhou", LI.phone)
    with pytest.raises(NotFound):
        customers.save_customer(db, system, LI, 12345)


def test_cs_rep_edits_packer_only_reads(db, three, login_as):
    rep = login_as(Role.CS_REP)
    li = three["Li Lei"]
    row = customers.save_customer(rep.database, rep.actor, dataclasses.replace(LI, postal_code="200002"), li.id)
    assert row.postal_code == "200002"
    entry = rep.database.read(lambda s: s.query(AuditEntry).filter_by(action="customer.updated").one())
    assert entry.app_username == rep.actor.username
    packer = login_as(Role.PACKER)
    assert _names(packer.database, packer.actor, "200002") == ["Li Lei"]
    with pytest.raises(PermissionDenied):
        customers.save_customer(packer.database, packer.actor, LI, li.id)
    picker = login_as(Role.PICKER)
    with pytest.raises(PermissionDenied):
        customers.list_customers(picker.database, picker.actor)
