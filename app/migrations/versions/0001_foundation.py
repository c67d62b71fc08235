"""foundation: users, audit, catalogue, warehouses, customers

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import pgroles


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name_en', sa.String(length=80), nullable=False),
    sa.Column('name_zh', sa.String(length=80), nullable=False),
    sa.Column('temperature_class', sa.String(length=10), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("temperature_class IN ('ambient','chilled','frozen')", name=op.f('ck_categories_temperature_class_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories')),
    sa.UniqueConstraint('code', name=op.f('uq_categories_code'))
    )
    op.create_table('customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('address_line', sa.String(length=200), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('postal_code', sa.String(length=12), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers'))
    )
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customers_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_customers_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_customers_phone'), ['phone'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("role IN ('picker','qc_inspector','packer','stock_clerk','cs_rep','supervisor','admin')", name=op.f('ck_users_role_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('warehouses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('fallback_rank', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warehouses')),
    sa.UniqueConstraint('code', name=op.f('uq_warehouses_code'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('app_user_id', sa.Integer(), nullable=True),
    sa.Column('app_username', sa.String(length=32), nullable=False),
    sa.Column('db_user', sa.String(length=63), nullable=True),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=60), nullable=False),
    sa.Column('from_state', sa.String(length=40), nullable=True),
    sa.Column('to_state', sa.String(length=40), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['app_user_id'], ['users.id'], name=op.f('fk_audit_log_app_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_log_entity', ['entity_type', 'entity_id'], unique=False)

    op.create_table('bins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('zone', sa.String(length=20), nullable=False),
    sa.Column('pick_sequence', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_bins_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bins')),
    sa.UniqueConstraint('code', name=op.f('uq_bins_code'))
    )
    with op.batch_alter_table('bins', schema=None) as batch_op:
        batch_op.create_index('ix_bins_path', ['warehouse_id', 'pick_sequence'], unique=False)

    op.create_table('delivery_regions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('postal_prefix', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_delivery_regions_warehouse_id_warehouses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_regions')),
    sa.UniqueConstraint('postal_prefix', name=op.f('uq_delivery_regions_postal_prefix'))
    )
    with op.batch_alter_table('delivery_regions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_regions_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=40), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('name_zh', sa.String(length=120), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('temperature_class', sa.String(length=10), nullable=False),
    sa.Column('shelf_life_days', sa.Integer(), nullable=False),
    sa.Column('min_remaining_shelf_life_days', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('nominal_weight_g', sa.Integer(), nullable=True),
    sa.Column('weight_tolerance_g', sa.Integer(), nullable=True),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('reorder_point', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("temperature_class IN ('ambient','chilled','frozen')", name=op.f('ck_products_temperature_class_known')),
    sa.CheckConstraint("unit = 'piece' OR (nominal_weight_g > 0 AND weight_tolerance_g >= 0)", name=op.f('ck_products_weighed_has_nominal_weight')),
    sa.CheckConstraint("unit IN ('piece','weighed')", name=op.f('ck_products_unit_known')),
    sa.CheckConstraint('min_remaining_shelf_life_days >= 0 AND min_remaining_shelf_life_days <= shelf_life_days', name=op.f('ck_products_min_remaining_within_shelf_life')),
    sa.CheckConstraint('price_cents >= 0', name=op.f('ck_products_price_not_negative')),
    sa.CheckConstraint('reorder_point >= 0', name=op.f('ck_products_reorder_point_not_negative')),
    sa.CheckConstraint('shelf_life_days > 0', name=op.f('ck_products_shelf_life_positive')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_products_category_id_categories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products')),
    sa.UniqueConstraint('sku', name=op.f('uq_products_sku'))
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_category_id'), ['category_id'], unique=False)

    op.create_table('product_gtins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('gtin', sa.String(length=14), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_gtins_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_gtins')),
    sa.UniqueConstraint('gtin', name=op.f('uq_product_gtins_gtin'))
    )
    with op.batch_alter_table('product_gtins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_gtins_product_id'), ['product_id'], unique=False)

    op.create_table('product_substitutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('substitute_id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.CheckConstraint('product_id <> substitute_id', name=op.f('ck_product_substitutes_not_itself')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_substitutes_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['substitute_id'], ['products.id'], name=op.f('fk_product_substitutes_substitute_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_substitutes')),
    sa.UniqueConstraint('product_id', 'substitute_id', name='uq_product_substitutes_pair')
    )
    with op.batch_alter_table('product_substitutes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_substitutes_product_id'), ['product_id'], unique=False)

    _install_audit_guards()
    if op.get_bind().dialect.name == "postgresql":
        _install_postgres_security()


#: Table privileges per app role at this revision ("*" = every role).
#: Later migrations add their own tables' grants the same way.
GRANTS = {
    "users": {
        "supervisor": "SELECT (id, username, full_name, role, active, language, created_at, version)",
        "admin": "SELECT, INSERT, UPDATE",
    },
    "my_account": {"*": "SELECT"},
    "audit_log": {"*": "INSERT", "cs_rep": "SELECT", "supervisor": "SELECT", "admin": "SELECT"},
    "categories": {"*": "SELECT", "supervisor": "INSERT, UPDATE", "admin": "INSERT, UPDATE"},
    "products": {"*": "SELECT", "supervisor": "INSERT, UPDATE", "admin": "INSERT, UPDATE"},
    "product_gtins": {"*": "SELECT", "supervisor": "INSERT, UPDATE, DELETE", "admin": "INSERT, UPDATE, DELETE"},
    "product_substitutes": {"*": "SELECT", "supervisor": "INSERT, UPDATE, DELETE", "admin": "INSERT, UPDATE, DELETE"},
    "warehouses": {"*": "SELECT", "admin": "INSERT, UPDATE"},
    "delivery_regions": {"*": "SELECT", "admin": "INSERT, UPDATE, DELETE"},
    "bins": {"*": "SELECT", "admin": "INSERT, UPDATE"},
    "customers": {
        "packer": "SELECT",
        "cs_rep": "SELECT, INSERT, UPDATE",
        "supervisor": "SELECT, INSERT, UPDATE",
        "admin": "SELECT, INSERT, UPDATE",
    },
    "alembic_version": {"*": "SELECT"},
}


def _install_audit_guards() -> None:
    """The audit log is append-only on both engines, even for its owner."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
        return
    op.execute(
        """
        CREATE FUNCTION freshflow_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION freshflow_audit_append_only()"
    )
    op.execute(
        """
        CREATE FUNCTION freshflow_audit_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.db_user := session_user;
            NEW.at := now();
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION freshflow_audit_stamp()"
    )


def _install_postgres_security() -> None:
    bind = op.get_bind()
    pgroles.ensure_group_roles(bind)
    # A user reads only their own password hash, to verify it after connecting.
    op.execute(
        """
        CREATE FUNCTION freshflow_login_hash() RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
            SELECT password_hash FROM users WHERE username = session_user AND active
        $$
        """
    )
    op.execute("REVOKE ALL ON FUNCTION freshflow_login_hash() FROM PUBLIC")
    # Everyone reads their own account row (role, active) but not the user list.
    op.execute(
        "CREATE VIEW my_account AS SELECT id, username, full_name, role, active, language "
        "FROM users WHERE username = session_user"
    )
    database = pgroles.current_database(bind)
    for role in pgroles.Role:
        op.execute(f"GRANT EXECUTE ON FUNCTION freshflow_login_hash() TO {pgroles.quote_ident(pgroles.group_role(database, role))}")
    _install_login_management(database)
    pgroles.apply_table_grants(bind, GRANTS)


def _install_login_management(database: str) -> None:
    """Login roles are managed only through these SECURITY DEFINER functions, executable by this
    database's admin group. Nobody gets CREATEROLE (on PostgreSQL 15 it would let an admin grant
    themselves any role on the server, pg_execute_server_program included), and the functions only
    ever touch this database's own group roles."""
    roles = [role.value for role in pgroles.Role]
    groups = [pgroles.group_role(database, role) for role in pgroles.Role]
    arrays = (
        "v_roles text[] := ARRAY[" + ",".join(pgroles.quote_literal(r) for r in roles) + "];\n"
        "    v_groups text[] := ARRAY[" + ",".join(pgroles.quote_literal(g) for g in groups) + "];"
    )
    op.execute(f"""
        CREATE FUNCTION freshflow_ensure_login(p_username text, p_password text, p_role text) RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            {arrays}
            v_target text;
            v_found boolean;
            v_privileged boolean;
            g text;
        BEGIN
            IF p_username !~ '^[a-z][a-z0-9_]{{1,31}}$' OR p_username LIKE 'pg\\_%' OR p_username LIKE 'ff\\_%' THEN
                RAISE EXCEPTION 'invalid user name %', p_username USING ERRCODE = '22023';
            END IF;
            v_target := v_groups[array_position(v_roles, p_role)];
            IF v_target IS NULL THEN
                RAISE EXCEPTION 'unknown role %', p_role USING ERRCODE = '22023';
            END IF;
            SELECT true, rolsuper OR rolreplication OR rolbypassrls OR NOT rolcanlogin
              INTO v_found, v_privileged FROM pg_roles WHERE rolname = p_username;
            IF coalesce(v_found, false) THEN
                IF v_privileged THEN
                    RAISE EXCEPTION 'role % exists and is not a plain login role', p_username USING ERRCODE = '42501';
                END IF;
                EXECUTE format('ALTER ROLE %I WITH NOCREATEROLE NOCREATEDB', p_username);
            ELSE
                EXECUTE format('CREATE ROLE %I WITH LOGIN NOCREATEROLE NOCREATEDB PASSWORD %L', p_username, p_password);
            END IF;
            FOREACH g IN ARRAY v_groups LOOP
                IF g <> v_target THEN
                    EXECUTE format('REVOKE %I FROM %I', g, p_username);
                END IF;
            END LOOP;
            EXECUTE format('GRANT %I TO %I', v_target, p_username);
            RETURN NOT coalesce(v_found, false);
        END $$
    """)
    op.execute(f"""
        CREATE FUNCTION freshflow_set_login_group(p_username text, p_role text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            {arrays}
            v_target text;
            g text;
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM public.users WHERE username = p_username) THEN
                RAISE EXCEPTION 'no FreshFlow user %', p_username USING ERRCODE = '42501';
            END IF;
            v_target := v_groups[array_position(v_roles, p_role)];  -- NULL role: disabled, no group
            FOREACH g IN ARRAY v_groups LOOP
                IF v_target IS NULL OR g <> v_target THEN
                    EXECUTE format('REVOKE %I FROM %I', g, p_username);
                END IF;
            END LOOP;
            IF v_target IS NOT NULL THEN
                EXECUTE format('GRANT %I TO %I', v_target, p_username);
            END IF;
        END $$
    """)
    op.execute(f"""
        CREATE FUNCTION freshflow_set_login_password(p_username text, p_password text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            {arrays}
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM public.users WHERE username = p_username) THEN
                RAISE EXCEPTION 'no FreshFlow user %', p_username USING ERRCODE = '42501';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles grp ON grp.oid = m.roleid
                       JOIN pg_roles u ON u.oid = m.member
                       WHERE u.rolname = p_username AND grp.rolname LIKE 'ff\\_%'
                         AND NOT (grp.rolname = ANY (v_groups))) THEN
                RAISE EXCEPTION 'shared login' USING ERRCODE = '42501',
                    DETAIL = 'the login role is also a user of another FreshFlow database on this server';
            END IF;
            EXECUTE format('ALTER ROLE %I WITH PASSWORD %L', p_username, p_password);
        END $$
    """)
    admin_group = pgroles.quote_ident(pgroles.group_role(database, pgroles.Role.ADMIN))
    for signature in ("freshflow_ensure_login(text, text, text)", "freshflow_set_login_group(text, text)",
                      "freshflow_set_login_password(text, text)"):
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {admin_group}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS freshflow_login_hash()")
        op.execute("DROP FUNCTION IF EXISTS freshflow_ensure_login(text, text, text)")
        op.execute("DROP FUNCTION IF EXISTS freshflow_set_login_group(text, text)")
        op.execute("DROP FUNCTION IF EXISTS freshflow_set_login_password(text, text)")
        op.execute("DROP VIEW IF EXISTS my_account")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_stamp ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS freshflow_audit_append_only()")
        op.execute("DROP FUNCTION IF EXISTS freshflow_audit_stamp()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table('product_substitutes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_substitutes_product_id'))

    op.drop_table('product_substitutes')
    with op.batch_alter_table('product_gtins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_gtins_product_id'))

    op.drop_table('product_gtins')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_category_id'))

    op.drop_table('products')
    with op.batch_alter_table('delivery_regions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_regions_warehouse_id'))

    op.drop_table('delivery_regions')
    with op.batch_alter_table('bins', schema=None) as batch_op:
        batch_op.drop_index('ix_bins_path')

    op.drop_table('bins')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_entity')
        batch_op.drop_index('ix_audit_log_at')

    op.drop_table('audit_log')
    op.drop_table('warehouses')
    op.drop_table('users')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customers_phone'))
        batch_op.drop_index(batch_op.f('ix_customers_name'))
        batch_op.drop_index(batch_op.f('ix_customers_email'))

    op.drop_table('customers')
    op.drop_table('categories')
