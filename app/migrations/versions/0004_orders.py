"""orders: intake, review and allocation; the notification outbox; shared settings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28

Customer service reps import and review orders, and allocation reserves
stock as the acting user, so on PostgreSQL their group now also reserves and
releases stock (ledger kinds "reserve" and "release" only, by row-level
policy, like the other roles in 0003).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import pgroles


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('order_number_counters',
    sa.Column('day', sa.String(length=8), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_order_number_counters'))
    )
    op.create_table('shared_settings',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_by', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_shared_settings'))
    )
    op.create_table('orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=30), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('state_reason', sa.Text(), nullable=False),
    sa.Column('review_reasons', sa.JSON(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('customer_name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('has_address', sa.Boolean(), nullable=False),
    sa.Column('address_line1', sa.String(length=200), nullable=False),
    sa.Column('address_line2', sa.String(length=200), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('province', sa.String(length=80), nullable=False),
    sa.Column('postal_code', sa.String(length=16), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('delivery_date', sa.Date(), nullable=True),
    sa.Column('delivery_slot', sa.String(length=20), nullable=False),
    sa.Column('slot_assigned', sa.Boolean(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=True),
    sa.Column('payment_status', sa.String(length=20), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('partial_allowed', sa.Boolean(), nullable=False),
    sa.Column('fingerprint', sa.String(length=40), nullable=False),
    sa.Column('placed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=120), nullable=False),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("state IN ('received','in_review','exception','on_hold','allocated','picking','picked','qc_passed','qc_failed','packed','shipped','delivered','cancelled')", name=op.f('ck_orders_state_known')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_orders_customer_id_customers')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_orders_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    sa.UniqueConstraint('channel', 'external_id', name='uq_orders_channel_external_id'),
    sa.UniqueConstraint('number', name=op.f('uq_orders_number'))
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index('ix_orders_fingerprint', ['fingerprint', 'placed_at'], unique=False)
        batch_op.create_index('ix_orders_received', ['received_at'], unique=False)
        batch_op.create_index('ix_orders_state_delivery', ['state', 'delivery_date', 'received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('order_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=40), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('base_quantity', sa.Integer(), nullable=False),
    sa.Column('reserved_quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_cents', sa.Integer(), nullable=True),
    sa.Column('catalog_price_cents', sa.Integer(), nullable=True),
    sa.Column('external_line_id', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.CheckConstraint("state IN ('open','cancelled')", name=op.f('ck_order_lines_state_known')),
    sa.CheckConstraint('base_quantity >= 0 AND reserved_quantity >= 0', name=op.f('ck_order_lines_base_quantities_not_negative')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_order_lines_quantity_positive')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_lines_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_order_lines_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_lines')),
    sa.UniqueConstraint('order_id', 'line_no', name='uq_order_lines_order_line_no')
    )
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.create_index('ix_order_lines_product', ['product_id'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dedupe_key', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('leased_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('pending','sent','failed')", name=op.f('ck_outbox_status_known')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_outbox_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_outbox_dedupe_key'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_due', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_order_id'), ['order_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        pgroles.apply_table_grants(op.get_bind(), GRANTS)
        _create_policies()


_ORDER_DESK = ("cs_rep", "supervisor", "admin")
#: What a customer-service rep may change on an order and a line: not ``partial_allowed`` and not a
#: line's ``state`` (allowing a partial shipment and cancelling lines are a supervisor's).
_REP_ORDER_COLUMNS = ("state", "state_reason", "review_reasons", "customer_id", "customer_name", "phone", "email",
                      "language", "has_address", "address_line1", "address_line2", "city", "province", "postal_code",
                      "country", "delivery_date", "delivery_slot", "slot_assigned", "warehouse_id", "payment_status",
                      "note", "fingerprint", "state_changed_at", "claimed_by", "claimed_until", "version")
_REP_LINE_COLUMNS = ("sku", "product_id", "name", "quantity", "base_quantity", "reserved_quantity",
                     "unit_price_cents", "catalog_price_cents")

#: Table privileges per app role at this revision ("*" = every role). The stock tables are listed
#: whole (0002's grants plus the order desk), since granting starts by revoking everything.
GRANTS = {
    "orders": {role: "SELECT" for role in _ORDER_DESK}
    | {"cs_rep": f"SELECT, INSERT, UPDATE ({', '.join(_REP_ORDER_COLUMNS)})",
       "supervisor": "SELECT, INSERT, UPDATE", "admin": "SELECT, INSERT, UPDATE"},
    "order_lines": {"cs_rep": f"SELECT, INSERT, UPDATE ({', '.join(_REP_LINE_COLUMNS)})",
                    "supervisor": "SELECT, INSERT, UPDATE", "admin": "SELECT, INSERT, UPDATE"},
    "order_number_counters": {role: "SELECT, INSERT, UPDATE" for role in _ORDER_DESK},
    "outbox": {"cs_rep": "SELECT, INSERT", "supervisor": "SELECT, INSERT, UPDATE", "admin": "SELECT, INSERT, UPDATE"},
    "shared_settings": {"*": "SELECT", "supervisor": "INSERT, UPDATE", "admin": "INSERT, UPDATE"},
    # reserving holds the lot (SELECT ... FOR SHARE), which needs UPDATE on one column; the policy below
    # lets the rep lock a lot but never change one
    "lots": {"*": "SELECT", "stock_clerk": "INSERT, UPDATE", "qc_inspector": "UPDATE", "cs_rep": "UPDATE (quarantined)",
             "supervisor": "INSERT, UPDATE", "admin": "INSERT, UPDATE"},
    "stock_quants": {"*": "SELECT", **{role: "UPDATE" for role in ("picker", "qc_inspector", "cs_rep")},
                     **{role: "INSERT, UPDATE" for role in ("stock_clerk", "supervisor", "admin")}},
    "stock_moves": {"*": "SELECT", **{role: "INSERT" for role in ("picker", "qc_inspector", "stock_clerk", "cs_rep",
                                                                   "supervisor", "admin")}},
    "stock_reservations": {"*": "SELECT",
                           **{role: "INSERT, UPDATE" for role in ("picker", "cs_rep", "supervisor", "admin")},
                           **{role: "UPDATE" for role in ("qc_inspector", "stock_clerk")}},
}

#: (table, policy name, command, USING, WITH CHECK) for the customer-service group: allocation reserves
#: a line that holds nothing at the moment and releases; moving a held reservation is a picker's.
CS_POLICIES = (
    ("stock_moves", "stock_moves_insert_cs_rep", "INSERT", None, "kind IN ('reserve', 'release')"),
    ("stock_reservations", "stock_reservations_insert_cs_rep", "INSERT", None,
     "NOT EXISTS (SELECT 1 FROM stock_reservations AS held WHERE held.reference = stock_reservations.reference "
     "AND held.status = 'active')"),
    ("stock_reservations", "stock_reservations_update_cs_rep", "UPDATE", "status = 'active'", "status = 'released'"),
    ("lots", "lots_lock_cs_rep", "UPDATE", "true", "false"),
)


def _create_policies() -> None:
    group = pgroles.quote_ident(pgroles.group_role(pgroles.current_database(op.get_bind()), "cs_rep"))
    for table, name, command, using, check in CS_POLICIES:
        clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO {group}{clauses}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, name, *_rest in CS_POLICIES:
            op.execute(f"DROP POLICY IF EXISTS {name} ON {table}")
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_order_id'))
        batch_op.drop_index('ix_outbox_due')

    op.drop_table('outbox')
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_index('ix_order_lines_product')

    op.drop_table('order_lines')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orders_warehouse_id'))
        batch_op.drop_index('ix_orders_state_delivery')
        batch_op.drop_index('ix_orders_received')
        batch_op.drop_index('ix_orders_fingerprint')

    op.drop_table('orders')
    op.drop_table('shared_settings')
    op.drop_table('order_number_counters')
