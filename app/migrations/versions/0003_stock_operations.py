"""stock operations: one count sheet in progress per zone; row-level rules for the stock tables

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

Table grants (0002) say which tables a role may write; on PostgreSQL these
row-level security policies say *which rows*, so the server agrees with the
permission table where table grants alone cannot tell two roles apart:

- ``stock_moves``: each role may append only the ledger kinds its actions
  write (a picker reserves, releases and picks, but cannot write off, receive
  or adjust; only supervisors and administrators write "adjustment" and "count").
- ``stock_reservations``: supervisors and administrators reserve; a picker may
  only add a reservation for a reference that already has one (moving it to
  another bin or lot); QC and stock clerks may only release (quarantine).
- ``lots``: QC and stock clerks may put a lot in quarantine but not release it.

The table owner (the account that runs migrations) is not subject to them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import pgroles

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_IN_PROGRESS = "status IN ('open','submitted')"
_ALL_KINDS = ("receipt", "transfer", "reserve", "release", "pick", "write_off", "adjustment", "count")

#: Ledger kinds each role may append (roles without INSERT on stock_moves are left out).
LEDGER_KINDS = {
    "picker": ("reserve", "release", "pick"),
    "qc_inspector": ("write_off", "release"),
    "stock_clerk": ("receipt", "transfer", "write_off", "release"),
    "supervisor": _ALL_KINDS,
    "admin": _ALL_KINDS,
}

_ANYTHING = "true"
#: table -> role -> (command, USING, WITH CHECK); every table also gets "everyone may read".
POLICIES = {
    "stock_moves": {
        role: ("INSERT", None, "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")")
        for role, kinds in LEDGER_KINDS.items()
    },
    "stock_reservations": {
        "picker": [
            ("INSERT", None, "EXISTS (SELECT 1 FROM stock_reservations AS earlier "
                             "WHERE earlier.reference = stock_reservations.reference)"),
            ("UPDATE", _ANYTHING, _ANYTHING),
        ],
        "qc_inspector": ("UPDATE", "status = 'active'", "status = 'released'"),
        "stock_clerk": ("UPDATE", "status = 'active'", "status = 'released'"),
        "supervisor": ("ALL", _ANYTHING, _ANYTHING),
        "admin": ("ALL", _ANYTHING, _ANYTHING),
    },
    "lots": {
        "stock_clerk": [("INSERT", None, _ANYTHING), ("UPDATE", _ANYTHING, "quarantined")],
        "qc_inspector": ("UPDATE", _ANYTHING, "quarantined"),
        "supervisor": ("ALL", _ANYTHING, _ANYTHING),
        "admin": ("ALL", _ANYTHING, _ANYTHING),
    },
}


def upgrade() -> None:
    with op.batch_alter_table('count_sheets', schema=None) as batch_op:
        batch_op.create_index('uq_count_sheets_zone_in_progress', ['warehouse_id', 'zone'], unique=True,
                              sqlite_where=sa.text(_IN_PROGRESS), postgresql_where=sa.text(_IN_PROGRESS))
    if op.get_bind().dialect.name == "postgresql":
        _create_policies()


def _create_policies() -> None:
    database = pgroles.current_database(op.get_bind())
    for table, per_role in POLICIES.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_read ON {table} FOR SELECT USING (true)")
        for role, rules in per_role.items():
            group = pgroles.quote_ident(pgroles.group_role(database, role))
            for command, using, check in rules if isinstance(rules, list) else [rules]:
                clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
                op.execute(f"CREATE POLICY {table}_{command.lower()}_{role} ON {table} FOR {command} "
                           f"TO {group}{clauses}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, per_role in POLICIES.items():
            op.execute(f"DROP POLICY IF EXISTS {table}_read ON {table}")
            for role, rules in per_role.items():
                for command, _using, _check in rules if isinstance(rules, list) else [rules]:
                    op.execute(f"DROP POLICY IF EXISTS {table}_{command.lower()}_{role} ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    with op.batch_alter_table('count_sheets', schema=None) as batch_op:
        batch_op.drop_index('uq_count_sheets_zone_in_progress')
