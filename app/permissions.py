"""Roles, actions and the one permission table.

Services call ``require(actor, Action.X)`` before doing anything; the UI asks
``allowed()`` only to hide what a role cannot do (hiding is not the check).
On PostgreSQL the same split is enforced again by table grants per role
(``app.db.pgroles``).
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import N_, _


class Role(StrEnum):
    PICKER = "picker"
    QC_INSPECTOR = "qc_inspector"
    PACKER = "packer"
    STOCK_CLERK = "stock_clerk"
    CS_REP = "cs_rep"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


ROLE_LABELS: dict[Role, str] = {
    Role.PICKER: N_("Picker"),
    Role.QC_INSPECTOR: N_("QC inspector"),
    Role.PACKER: N_("Packer"),
    Role.STOCK_CLERK: N_("Stock clerk"),
    Role.CS_REP: N_("Customer service"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.ADMIN: N_("Administrator"),
}


class Action(StrEnum):
    CATALOG_VIEW = "catalog.view"
    CATALOG_EDIT = "catalog.edit"
    WAREHOUSE_VIEW = "warehouse.view"
    WAREHOUSE_EDIT = "warehouse.edit"
    CUSTOMER_VIEW = "customer.view"
    CUSTOMER_EDIT = "customer.edit"
    USER_VIEW = "user.view"
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"


ACTION_LABELS: dict[Action, str] = {
    Action.CATALOG_VIEW: N_("view the catalogue"),
    Action.CATALOG_EDIT: N_("edit products and categories"),
    Action.WAREHOUSE_VIEW: N_("view warehouses and bins"),
    Action.WAREHOUSE_EDIT: N_("edit warehouses, regions and bins"),
    Action.CUSTOMER_VIEW: N_("view customers"),
    Action.CUSTOMER_EDIT: N_("edit customers"),
    Action.USER_VIEW: N_("view users"),
    Action.USER_MANAGE: N_("manage users"),
    Action.AUDIT_VIEW: N_("read the audit log"),
}

_EVERYONE = {Action.CATALOG_VIEW, Action.WAREHOUSE_VIEW}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.PICKER: frozenset(_EVERYONE),
    Role.QC_INSPECTOR: frozenset(_EVERYONE),
    Role.PACKER: frozenset(_EVERYONE | {Action.CUSTOMER_VIEW}),
    Role.STOCK_CLERK: frozenset(_EVERYONE),
    Role.CS_REP: frozenset(_EVERYONE | {Action.CUSTOMER_VIEW, Action.CUSTOMER_EDIT, Action.AUDIT_VIEW}),
    Role.SUPERVISOR: frozenset(
        _EVERYONE
        | {Action.CATALOG_EDIT, Action.CUSTOMER_VIEW, Action.CUSTOMER_EDIT, Action.USER_VIEW, Action.AUDIT_VIEW}
    ),
    Role.ADMIN: frozenset(Action),
}


def allowed(role: Role | str, action: Action) -> bool:
    return action in PERMISSIONS.get(Role(role), frozenset())


def require(actor, action: Action) -> None:
    """Raise ``PermissionDenied`` unless ``actor``'s role may perform ``action``."""
    from app.errors import PermissionDenied

    if not allowed(actor.role, action):
        raise PermissionDenied(
            _("Your role ({role}) may not {action}. Ask a supervisor.").format(
                role=_(ROLE_LABELS[Role(actor.role)]), action=_(ACTION_LABELS[action])
            )
        )
