"""Customers: browse, search and correct contact and address details."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import NotFound, ValidationError
from app.i18n import _
from app.models import Customer
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class CustomerInput:
    name: str
    phone: str = ""
    email: str = ""
    language: str = "zh_CN"
    address_line: str = ""
    city: str = ""
    postal_code: str = ""


@dataclass(frozen=True)
class CustomerRow(CustomerInput):
    id: int = 0
    version: int = 1


def _row(c: Customer) -> CustomerRow:
    return CustomerRow(name=c.name, phone=c.phone, email=c.email, language=c.language, address_line=c.address_line,
                       city=c.city, postal_code=c.postal_code, id=c.id, version=c.version)


def list_customers(db: Database, actor: Actor, search: str = "", limit: int = 5000) -> list[CustomerRow]:
    """Customers whose name, phone, email or postal code contains ``search``; by name."""
    require(actor, Action.CUSTOMER_VIEW)

    def work(session: Session) -> list[CustomerRow]:
        query = select(Customer).order_by(Customer.name, Customer.id).limit(limit)
        term = search.strip(" ")
        if term:
            pattern = f"%{term}%"
            query = query.where(or_(Customer.name.ilike(pattern), Customer.phone.like(pattern),
                                    Customer.email.ilike(pattern), Customer.postal_code.like(pattern)))
        return [_row(c) for c in session.scalars(query)]

    return db.read(work)


def get_customer(db: Database, actor: Actor, customer_id: int) -> CustomerRow:
    """One customer by id (an edit form reloading the current version)."""
    require(actor, Action.CUSTOMER_VIEW)

    def work(session: Session) -> CustomerRow:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFound(_("Customer {id} does not exist.").format(id=customer_id))
        return _row(customer)

    return db.read(work)


def validate_customer(data: CustomerInput) -> CustomerInput:
    cleaned = CustomerInput(**{k: v.strip(" ") if isinstance(v, str) else v for k, v in asdict(data).items()})
    if not cleaned.name:
        raise ValidationError(_("The customer needs a name."), "name")
    if cleaned.email and not _EMAIL_RE.match(cleaned.email):
        raise ValidationError(_("{email} is not a valid e-mail address.").format(email=cleaned.email), "email")
    if cleaned.phone and not re.fullmatch(r"\+?[0-9 \-]{6,20}", cleaned.phone):
        raise ValidationError(_("{phone} is not a valid phone number.").format(phone=cleaned.phone), "phone")
    if cleaned.language not in LANGUAGES:
        raise ValidationError(_("The language must be zh_CN or en."), "language")
    return cleaned


def save_customer(db: Database, actor: Actor, data: CustomerInput, customer_id: int | None = None,
                  expected_version: int | None = None) -> CustomerRow:
    require(actor, Action.CUSTOMER_EDIT)
    data = validate_customer(data)

    def work(session: Session) -> CustomerRow:
        if customer_id is None:
            customer = Customer(**asdict(data))
            session.add(customer)
            before: dict = {}
        else:
            customer = session.get(Customer, customer_id)
            if customer is None:
                raise NotFound(_("Customer {id} does not exist.").format(id=customer_id))
            if expected_version is not None and customer.version != expected_version:
                from app.errors import ConflictError
                raise ConflictError(_("Someone else changed this record at the same time. Reload it and try again."))
            before = {k: getattr(customer, k) for k in asdict(data)}
            for key, value in asdict(data).items():
                setattr(customer, key, value)
        session.flush()
        audit.record(session, actor, "customer.created" if customer_id is None else "customer.updated",
                     "customer", customer.id, details=audit.changes(before, asdict(data)))
        return _row(customer)

    return db.transaction(work)
