"""Warehouses, the postal-code regions they serve, and their bins."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.db.database import Database
from app.errors import ConflictError, NotFound, ValidationError
from app.i18n import _
from app.models import Bin, DeliveryRegion, Warehouse
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor


@dataclass(frozen=True)
class WarehouseRow:
    id: int
    code: str
    name: str
    address: str
    postal_prefixes: tuple[str, ...]
    fallback_rank: int
    active: bool
    bin_count: int
    version: int


@dataclass(frozen=True)
class WarehouseInput:
    code: str
    name: str
    address: str = ""
    postal_prefixes: tuple[str, ...] = ()
    fallback_rank: int = 100
    active: bool = True


@dataclass(frozen=True)
class BinRow:
    id: int
    warehouse_id: int
    code: str
    zone: str
    pick_sequence: int
    active: bool
    version: int


@dataclass(frozen=True)
class BinInput:
    warehouse_id: int
    code: str
    zone: str
    pick_sequence: int
    active: bool = True


def list_warehouses(db: Database, actor: Actor) -> list[WarehouseRow]:
    require(actor, Action.WAREHOUSE_VIEW)

    def work(session: Session) -> list[WarehouseRow]:
        bins = dict(session.execute(select(Bin.warehouse_id, func.count()).group_by(Bin.warehouse_id)).all())
        prefixes: dict[int, list[str]] = {}
        for warehouse_id, prefix in session.execute(
            select(DeliveryRegion.warehouse_id, DeliveryRegion.postal_prefix).order_by(DeliveryRegion.postal_prefix)
        ):
            prefixes.setdefault(warehouse_id, []).append(prefix)
        return [
            WarehouseRow(w.id, w.code, w.name, w.address, tuple(prefixes.get(w.id, ())), w.fallback_rank, w.active,
                         bins.get(w.id, 0), w.version)
            for w in session.scalars(select(Warehouse).order_by(Warehouse.fallback_rank, Warehouse.code))
        ]

    return db.read(work)


def _validate_prefixes(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(p.strip(" ") for p in prefixes if p.strip(" ")))
    for prefix in cleaned:
        if not prefix.isascii() or not prefix.isalnum() or len(prefix) > 10:
            raise ValidationError(
                _("Postal-code prefix {prefix!r} must be 1-10 letters or digits.").format(prefix=prefix),
                "postal_prefixes")
    return cleaned


def save_warehouse(db: Database, actor: Actor, data: WarehouseInput, warehouse_id: int | None = None,
                   expected_version: int | None = None) -> WarehouseRow:
    require(actor, Action.WAREHOUSE_EDIT)
    code = data.code.strip(" ").upper()
    if not code or len(code) > 10 or not code.isalnum():
        raise ValidationError(_("The warehouse code must be 1-10 letters or digits."), "code")
    if not data.name.strip(" "):
        raise ValidationError(_("The warehouse needs a name."), "name")
    prefixes = _validate_prefixes(data.postal_prefixes)

    def work(session: Session) -> WarehouseRow:
        clash = session.scalar(select(Warehouse.id).where(Warehouse.code == code))
        if clash is not None and clash != warehouse_id:
            raise ConflictError(_("A warehouse with code {code} already exists.").format(code=code))
        for prefix in prefixes:
            owner = session.scalar(select(Warehouse.code).join(DeliveryRegion).where(
                DeliveryRegion.postal_prefix == prefix, Warehouse.id != (warehouse_id or -1)))
            if owner is not None:
                raise ConflictError(
                    _("Postal-code prefix {prefix} is already served by {code}.").format(prefix=prefix, code=owner))
        if warehouse_id is None:
            warehouse = Warehouse(code=code)
            session.add(warehouse)
            before: dict = {}
        else:
            warehouse = session.get(Warehouse, warehouse_id)
            if warehouse is None:
                raise NotFound(_("Warehouse {id} does not exist.").format(id=warehouse_id))
            if expected_version is not None and warehouse.version != expected_version:
                raise ConflictError(_("Someone else changed this record at the same time. Reload it and try again."))
            before = {"code": warehouse.code, "name": warehouse.name, "address": warehouse.address,
                      "fallback_rank": warehouse.fallback_rank, "active": warehouse.active,
                      "postal_prefixes": [r.postal_prefix for r in warehouse.regions]}
        if warehouse_id is not None and sorted(before["postal_prefixes"]) != sorted(prefixes):
            flag_modified(warehouse, "code")  # regions live in another table: still a new version
        warehouse.code, warehouse.name, warehouse.address = code, data.name.strip(" "), data.address.strip(" ")
        warehouse.fallback_rank, warehouse.active = data.fallback_rank, data.active
        current = {r.postal_prefix: r for r in warehouse.regions}
        for prefix, region in current.items():
            if prefix not in prefixes:
                warehouse.regions.remove(region)
        session.flush()
        for prefix in prefixes:
            if prefix not in current:
                warehouse.regions.append(DeliveryRegion(postal_prefix=prefix))
        session.flush()
        after = {"code": code, "name": warehouse.name, "address": warehouse.address,
                 "fallback_rank": warehouse.fallback_rank, "active": warehouse.active,
                 "postal_prefixes": list(prefixes)}
        audit.record(session, actor, "warehouse.created" if warehouse_id is None else "warehouse.updated",
                     "warehouse", code, details=audit.changes(before, after))
        bins = session.scalar(select(func.count()).select_from(Bin).where(Bin.warehouse_id == warehouse.id))
        return WarehouseRow(warehouse.id, code, warehouse.name, warehouse.address, tuple(sorted(prefixes)),
                            warehouse.fallback_rank, warehouse.active, bins or 0, warehouse.version)

    return db.transaction(work)


def warehouse_for_postal_code(db: Database, actor: Actor, postal_code: str) -> WarehouseRow | None:
    """The active warehouse serving ``postal_code``: the longest matching prefix wins."""
    require(actor, Action.WAREHOUSE_VIEW)
    code = postal_code.strip(" ")
    candidates = [code[:n] for n in range(len(code), 0, -1)]
    if not candidates:
        return None

    def work(session: Session) -> int | None:
        rows = session.execute(
            select(DeliveryRegion.postal_prefix, Warehouse.id).join(Warehouse)
            .where(DeliveryRegion.postal_prefix.in_(candidates), Warehouse.active.is_(True))
        ).all()
        if not rows:
            return None
        return max(rows, key=lambda r: len(r.postal_prefix)).id

    warehouse_id = db.read(work)
    if warehouse_id is None:
        return None
    return next(w for w in list_warehouses(db, actor) if w.id == warehouse_id)


def list_bins(db: Database, actor: Actor, warehouse_id: int) -> list[BinRow]:
    """Bins of a warehouse in pick-path order."""
    require(actor, Action.WAREHOUSE_VIEW)
    return db.read(lambda s: [
        BinRow(b.id, b.warehouse_id, b.code, b.zone, b.pick_sequence, b.active, b.version)
        for b in s.scalars(select(Bin).where(Bin.warehouse_id == warehouse_id).order_by(Bin.pick_sequence, Bin.code))
    ])


def save_bin(db: Database, actor: Actor, data: BinInput, bin_id: int | None = None,
             expected_version: int | None = None) -> BinRow:
    require(actor, Action.WAREHOUSE_EDIT)
    code = data.code.strip(" ").upper()
    if not code or len(code) > 30 or not all(c.isalnum() or c in "-_." for c in code):
        raise ValidationError(_("The bin code must be 1-30 letters, digits, -, _ or ."), "code")
    if not data.zone.strip(" "):
        raise ValidationError(_("The bin needs a zone."), "zone")
    if data.pick_sequence < 0:
        raise ValidationError(_("The pick-path sequence cannot be negative."), "pick_sequence")

    def work(session: Session) -> BinRow:
        if session.get(Warehouse, data.warehouse_id) is None:
            raise ValidationError(_("Choose a warehouse."), "warehouse_id")
        clash = session.scalar(select(Bin.id).where(Bin.code == code))
        if clash is not None and clash != bin_id:
            raise ConflictError(_("A bin with code {code} already exists.").format(code=code))
        if bin_id is None:
            bin_ = Bin(code=code, warehouse_id=data.warehouse_id, zone="", pick_sequence=0)
            session.add(bin_)
            before: dict = {}
        else:
            bin_ = session.get(Bin, bin_id)
            if bin_ is None:
                raise NotFound(_("Bin {id} does not exist.").format(id=bin_id))
            if expected_version is not None and bin_.version != expected_version:
                raise ConflictError(_("Someone else changed this record at the same time. Reload it and try again."))
            before = {"code": bin_.code, "zone": bin_.zone, "pick_sequence": bin_.pick_sequence,
                      "active": bin_.active, "warehouse_id": bin_.warehouse_id}
        bin_.code, bin_.zone, bin_.pick_sequence = code, data.zone.strip(" ").upper(), data.pick_sequence
        bin_.active, bin_.warehouse_id = data.active, data.warehouse_id
        session.flush()
        after = {"code": code, "zone": bin_.zone, "pick_sequence": bin_.pick_sequence, "active": bin_.active,
                 "warehouse_id": bin_.warehouse_id}
        audit.record(session, actor, "bin.created" if bin_id is None else "bin.updated", "bin", code,
                     details=audit.changes(before, after))
        return BinRow(bin_.id, bin_.warehouse_id, code, bin_.zone, bin_.pick_sequence, bin_.active, bin_.version)

    return db.transaction(work)
