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
    STOCK_VIEW = "stock.view"
    STOCK_RECEIVE = "stock.receive"
    STOCK_TRANSFER = "stock.transfer"
    STOCK_WRITE_OFF = "stock.write_off"
    STOCK_QUARANTINE = "stock.quarantine"
    STOCK_COUNT = "stock.count"
    STOCK_APPROVE = "stock.approve"
    STOCK_RESERVE = "stock.reserve"
    STOCK_RESERVATION_MOVE = "stock.reservation_move"
    ORDER_VIEW = "order.view"
    ORDER_IMPORT = "order.import"
    ORDER_REVIEW = "order.review"
    ORDER_OVERRIDE = "order.override"
    ORDER_SETTINGS_EDIT = "order.settings_edit"
    NOTIFICATION_SEND = "notification.send"
    PICK = "pick.work"
    PICK_PLAN = "pick.plan"
    PICK_TAKEOVER = "pick.takeover"


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
    Action.STOCK_VIEW: N_("view stock"),
    Action.STOCK_RECEIVE: N_("receive goods"),
    Action.STOCK_TRANSFER: N_("move stock between bins"),
    Action.STOCK_WRITE_OFF: N_("write off stock"),
    Action.STOCK_QUARANTINE: N_("put a lot in quarantine"),
    Action.STOCK_COUNT: N_("count stock"),
    Action.STOCK_APPROVE: N_("approve count variances, adjustments and quarantine releases"),
    Action.STOCK_RESERVE: N_("reserve and release stock for orders"),
    Action.STOCK_RESERVATION_MOVE: N_("move a reservation to another lot or bin"),
    Action.ORDER_VIEW: N_("view orders"),
    Action.ORDER_IMPORT: N_("import orders"),
    Action.ORDER_REVIEW: N_("review, edit, approve, hold and cancel orders"),
    Action.ORDER_OVERRIDE: N_("allow partial shipments and cancel order lines"),
    Action.ORDER_SETTINGS_EDIT: N_("change the order review and intake settings"),
    Action.NOTIFICATION_SEND: N_("send customer notifications"),
    Action.PICK: N_("pick orders"),
    Action.PICK_PLAN: N_("plan pick lists and waves"),
    Action.PICK_TAKEOVER: N_("take over or release another picker's pick list"),
}

_EVERYONE = {Action.CATALOG_VIEW, Action.WAREHOUSE_VIEW, Action.STOCK_VIEW}
_ORDER_DESK = {Action.ORDER_VIEW, Action.ORDER_IMPORT, Action.ORDER_REVIEW}
_STOCK_FLOOR = {Action.STOCK_RECEIVE, Action.STOCK_TRANSFER, Action.STOCK_WRITE_OFF, Action.STOCK_QUARANTINE,
                Action.STOCK_COUNT}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.PICKER: frozenset(_EVERYONE | {Action.STOCK_RESERVATION_MOVE, Action.PICK}),
    Role.QC_INSPECTOR: frozenset(_EVERYONE | {Action.STOCK_WRITE_OFF, Action.STOCK_QUARANTINE}),
    Role.PACKER: frozenset(_EVERYONE | {Action.CUSTOMER_VIEW}),
    Role.STOCK_CLERK: frozenset(_EVERYONE | _STOCK_FLOOR),
    Role.CS_REP: frozenset(_EVERYONE | _ORDER_DESK | {Action.STOCK_RESERVE, Action.CUSTOMER_VIEW, Action.CUSTOMER_EDIT, Action.AUDIT_VIEW}),
    Role.SUPERVISOR: frozenset(
        _EVERYONE
        | _STOCK_FLOOR
        | _ORDER_DESK
        | {Action.ORDER_OVERRIDE, Action.ORDER_SETTINGS_EDIT, Action.NOTIFICATION_SEND,
           Action.CATALOG_EDIT, Action.CUSTOMER_VIEW, Action.CUSTOMER_EDIT, Action.USER_VIEW, Action.AUDIT_VIEW,
           Action.STOCK_APPROVE, Action.STOCK_RESERVE, Action.STOCK_RESERVATION_MOVE,
           Action.PICK, Action.PICK_PLAN, Action.PICK_TAKEOVER}
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
