"""stock

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import pgroles


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('count_sheets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('zone', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_by', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('submitted_by', sa.String(length=32), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.String(length=32), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('open','submitted','approved','cancelled')", name=op.f('ck_count_sheets_status_known')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_count_sheets_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_count_sheets'))
    )
    op.create_table('lots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('lot_number', sa.String(length=40), nullable=False),
    sa.Column('expiry_date', sa.Date(), nullable=False),
    sa.Column('best_before', sa.Date(), nullable=True),
    sa.Column('pack_date', sa.Date(), nullable=True),
    sa.Column('supplier', sa.String(length=120), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=False),
    sa.Column('quarantined', sa.Boolean(), nullable=False),
    sa.Column('quarantine_reason', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_lots_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lots')),
    sa.UniqueConstraint('product_id', 'lot_number', name='uq_lots_product_lot')
    )
    with op.batch_alter_table('lots', schema=None) as batch_op:
        batch_op.create_index('ix_lots_expiry', ['product_id', 'expiry_date'], unique=False)

    op.create_table('count_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('bin_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('counted', sa.Integer(), nullable=True),
    sa.Column('system_qty', sa.Integer(), nullable=True),
    sa.Column('counted_by', sa.String(length=32), nullable=True),
    sa.Column('counted_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('counted IS NULL OR counted >= 0', name=op.f('ck_count_lines_counted_not_negative')),
    sa.ForeignKeyConstraint(['bin_id'], ['bins.id'], name=op.f('fk_count_lines_bin_id_bins')),
    sa.ForeignKeyConstraint(['lot_id'], ['lots.id'], name=op.f('fk_count_lines_lot_id_lots')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_count_lines_product_id_products')),
    sa.ForeignKeyConstraint(['sheet_id'], ['count_sheets.id'], name=op.f('fk_count_lines_sheet_id_count_sheets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_count_lines')),
    sa.UniqueConstraint('sheet_id', 'bin_id', 'lot_id', name='uq_count_lines_sheet_bin_lot')
    )
    with op.batch_alter_table('count_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_count_lines_sheet_id'), ['sheet_id'], unique=False)

    op.create_table('stock_quants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('bin_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('on_hand', sa.Integer(), nullable=False),
    sa.Column('reserved', sa.Integer(), nullable=False),
    sa.CheckConstraint('on_hand >= 0', name=op.f('ck_stock_quants_on_hand_not_negative')),
    sa.CheckConstraint('reserved >= 0 AND reserved <= on_hand', name=op.f('ck_stock_quants_reserved_within_on_hand')),
    sa.ForeignKeyConstraint(['bin_id'], ['bins.id'], name=op.f('fk_stock_quants_bin_id_bins')),
    sa.ForeignKeyConstraint(['lot_id'], ['lots.id'], name=op.f('fk_stock_quants_lot_id_lots')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_stock_quants_product_id_products')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_stock_quants_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_quants')),
    sa.UniqueConstraint('bin_id', 'lot_id', name='uq_stock_quants_bin_lot')
    )
    with op.batch_alter_table('stock_quants', schema=None) as batch_op:
        batch_op.create_index('ix_stock_quants_lot', ['lot_id'], unique=False)
        batch_op.create_index('ix_stock_quants_product', ['product_id', 'warehouse_id'], unique=False)

    op.create_table('stock_moves',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('quant_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('bin_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('on_hand_delta', sa.Integer(), nullable=False),
    sa.Column('reserved_delta', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('batch', sa.String(length=32), nullable=False),
    sa.Column('value_cents', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.CheckConstraint("kind IN ('receipt','transfer','reserve','release','pick','write_off','adjustment','count')", name=op.f('ck_stock_moves_kind_known')),
    sa.CheckConstraint('on_hand_delta <> 0 OR reserved_delta <> 0', name=op.f('ck_stock_moves_changes_something')),
    sa.ForeignKeyConstraint(['quant_id'], ['stock_quants.id'], name=op.f('fk_stock_moves_quant_id_stock_quants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_moves'))
    )
    with op.batch_alter_table('stock_moves', schema=None) as batch_op:
        batch_op.create_index('ix_stock_moves_product_at', ['product_id', 'at'], unique=False)
        batch_op.create_index('ix_stock_moves_quant', ['quant_id'], unique=False)
        batch_op.create_index('ix_stock_moves_reference', ['reference'], unique=False)

    op.create_table('stock_reservations',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('quant_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('bin_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("status IN ('active','released','picked')", name=op.f('ck_stock_reservations_status_known')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_stock_reservations_quantity_positive')),
    sa.ForeignKeyConstraint(['quant_id'], ['stock_quants.id'], name=op.f('fk_stock_reservations_quant_id_stock_quants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_reservations'))
    )
    with op.batch_alter_table('stock_reservations', schema=None) as batch_op:
        batch_op.create_index('ix_stock_reservations_quant', ['quant_id', 'status'], unique=False)
        batch_op.create_index('ix_stock_reservations_reference', ['reference', 'status'], unique=False)

    _ledger_is_append_only()
    if op.get_bind().dialect.name == "postgresql":
        pgroles.apply_table_grants(op.get_bind(), GRANTS)


_STOCK_WRITERS = ("picker", "qc_inspector", "stock_clerk", "supervisor", "admin")

#: Table privileges per app role at this revision ("*" = every role).
GRANTS = {
    "lots": {"*": "SELECT", "stock_clerk": "INSERT, UPDATE", "qc_inspector": "UPDATE",
             "supervisor": "INSERT, UPDATE", "admin": "INSERT, UPDATE"},
    "stock_quants": {"*": "SELECT", **{role: "UPDATE" for role in ("picker", "qc_inspector")},
                     **{role: "INSERT, UPDATE" for role in ("stock_clerk", "supervisor", "admin")}},
    "stock_moves": {"*": "SELECT", **{role: "INSERT" for role in _STOCK_WRITERS}},
    # QC and stock clerks release reservations when they put a lot in quarantine (rows limited in 0003)
    "stock_reservations": {"*": "SELECT", **{role: "INSERT, UPDATE" for role in ("picker", "supervisor", "admin")},
                           **{role: "UPDATE" for role in ("qc_inspector", "stock_clerk")}},
    "count_sheets": {"*": "SELECT", **{role: "INSERT, UPDATE" for role in ("stock_clerk", "supervisor", "admin")}},
    "count_lines": {"*": "SELECT", **{role: "INSERT, UPDATE" for role in ("stock_clerk", "supervisor", "admin")}},
}


def _ledger_is_append_only() -> None:
    """Ledger rows are never changed or removed, by anyone (corrections are new rows)."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER stock_moves_no_{verb.lower()} BEFORE {verb} ON stock_moves "
                "BEGIN SELECT RAISE(ABORT, 'the stock ledger is append-only'); END"
            )
        return
    op.execute(
        """
        CREATE FUNCTION freshflow_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the stock ledger is append-only' USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER stock_moves_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON stock_moves "
        "FOR EACH STATEMENT EXECUTE FUNCTION freshflow_ledger_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS stock_moves_append_only ON stock_moves")
        op.execute("DROP FUNCTION IF EXISTS freshflow_ledger_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS stock_moves_no_update")
        op.execute("DROP TRIGGER IF EXISTS stock_moves_no_delete")
    with op.batch_alter_table('stock_reservations', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_reservations_reference')
        batch_op.drop_index('ix_stock_reservations_quant')

    op.drop_table('stock_reservations')
    with op.batch_alter_table('stock_moves', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_moves_reference')
        batch_op.drop_index('ix_stock_moves_quant')
        batch_op.drop_index('ix_stock_moves_product_at')

    op.drop_table('stock_moves')
    with op.batch_alter_table('stock_quants', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_quants_product')
        batch_op.drop_index('ix_stock_quants_lot')

    op.drop_table('stock_quants')
    with op.batch_alter_table('count_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_count_lines_sheet_id'))

    op.drop_table('count_lines')
    with op.batch_alter_table('lots', schema=None) as batch_op:
        batch_op.drop_index('ix_lots_expiry')

    op.drop_table('lots')
    op.drop_table('count_sheets')
