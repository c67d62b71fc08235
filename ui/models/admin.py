"""Table models for the admin view: warehouses, bins, users and the audit log."""

from __future__ import annotations

from app.services.audit import AuditRow
from app.services.users import UserRow
from app.services.warehouses import BinRow, WarehouseRow
from ui.formatting import format_audit_details, format_local_time
from ui.labels import language_label, role_label
from ui.models.catalog import inactive_foreground
from ui.models.row_table_model import Column, RowTableModel


class WarehouseTableModel(RowTableModel[WarehouseRow]):
    COL_CODE = 0
    COL_NAME = 1
    COL_ADDRESS = 2
    COL_REGIONS = 3
    COL_FALLBACK_RANK = 4
    COL_BINS = 5
    COL_ACTIVE = 6

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Code"), lambda r: r.code, foreground=inactive_foreground),
            Column(self.tr("Name"), lambda r: r.name, foreground=inactive_foreground),
            Column(self.tr("Address"), lambda r: r.address, foreground=inactive_foreground,
                   tooltip=lambda r: r.address),
            Column(self.tr("Regions (postal prefixes)"), lambda r: ", ".join(r.postal_prefixes),
                   foreground=inactive_foreground),
            Column(self.tr("Fallback rank"), lambda r: r.fallback_rank, align_right=True,
                   foreground=inactive_foreground),
            Column(self.tr("Bins"), lambda r: r.bin_count, align_right=True, foreground=inactive_foreground),
            Column(self.tr("Active"), lambda r: r.active),
        ]
        super().__init__(columns, parent)


class BinTableModel(RowTableModel[BinRow]):
    COL_SEQUENCE = 0
    COL_CODE = 1
    COL_ZONE = 2
    COL_ACTIVE = 3

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Pick order"), lambda r: r.pick_sequence, align_right=True, foreground=inactive_foreground),
            Column(self.tr("Bin"), lambda r: r.code, foreground=inactive_foreground),
            Column(self.tr("Zone"), lambda r: r.zone, foreground=inactive_foreground),
            Column(self.tr("Active"), lambda r: r.active),
        ]
        super().__init__(columns, parent)


class UserTableModel(RowTableModel[UserRow]):
    COL_USERNAME = 0
    COL_FULL_NAME = 1
    COL_ROLE = 2
    COL_LANGUAGE = 3
    COL_ACTIVE = 4

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("User name"), lambda r: r.username, foreground=inactive_foreground),
            Column(self.tr("Full name"), lambda r: r.full_name, foreground=inactive_foreground),
            Column(self.tr("Role"), lambda r: r.role.value, display=role_label, foreground=inactive_foreground),
            Column(self.tr("Language"), lambda r: r.language, display=language_label, foreground=inactive_foreground),
            Column(self.tr("Active"), lambda r: r.active),
        ]
        super().__init__(columns, parent)


def _transition(row: AuditRow) -> str:
    if row.from_state is None and row.to_state is None:
        return ""
    return f"{row.from_state or '—'} → {row.to_state or '—'}"


class AuditTableModel(RowTableModel[AuditRow]):
    COL_TIME = 0
    COL_USER = 1
    COL_DB_USER = 2
    COL_STATION = 3
    COL_ACTION = 4
    COL_ENTITY = 5
    COL_TRANSITION = 6
    COL_REASON = 7
    COL_DETAILS = 8

    def __init__(self, parent=None) -> None:
        columns = [
            Column(self.tr("Time"), lambda r: r.at, display=format_local_time, tooltip=lambda r: r.at.isoformat()),
            Column(self.tr("User"), lambda r: r.app_username),
            Column(self.tr("DB user"), lambda r: r.db_user or ""),
            Column(self.tr("Station"), lambda r: r.station),
            Column(self.tr("Action"), lambda r: r.action),
            Column(self.tr("Entity"), lambda r: f"{r.entity_type} {r.entity_id}"),
            Column(self.tr("From → to"), _transition),
            Column(self.tr("Reason"), lambda r: r.reason, tooltip=lambda r: r.reason),
            Column(self.tr("Details"), lambda r: format_audit_details(r.details),
                   tooltip=lambda r: format_audit_details(r.details).replace("; ", "\n")),
        ]
        super().__init__(columns, parent)
