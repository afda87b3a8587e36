"""unit totals: the dashboard totals kept per unit too, so a unit's page reads stored totals

Revision ID: 0032_unit_totals
Revises: 0031_report_received_on
Create Date: 2026-12-07

The unit page of the agency dashboard counted its unit's cases live, so its cost grew with the
data (3.35–3.69× from 10,000 to 1,000,000 cases, issue 14.5). The category and duration rows
are counted per unit (``by_unit``, ``unit_id``; NULL: complaints without a unit) and summed
from those for the agency (``by_unit`` false, as the rows were before), a new
``integrity_unit_total`` holds each unit's gift objects and completion requests (the agency
sums stay on the month row), and every slice table gets a (unit_id, kind, month) index.

Stored totals are counted the old way (no per-unit rows), so both directions delete them:
until `flask integrity refresh-totals` or the next change in a month counts it again, a month
is read from the case tables (same figures, slower).
"""
from alembic import op
import sqlalchemy as sa


revision = "0032_unit_totals"
down_revision = "0031_report_received_on"
branch_labels = None
depends_on = None

OLD_TABLES = ("integrity_status_total", "integrity_category_total", "integrity_duration_total")
GIVEN_UNIT = ("integrity_category_total", "integrity_duration_total")


def _uncount():
    for table in (*OLD_TABLES, "integrity_total_month"):
        # Accepted bandit B608 (bare nosec): table names from the fixed tuples above.
        op.execute(f"DELETE FROM {table}")  # nosec


def upgrade():
    _uncount()
    for table in GIVEN_UNIT:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("by_unit", sa.Boolean(), nullable=False))
            batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_{table}_unit_id_unit", "unit", ["unit_id"], ["id"])
    op.create_table(
        "integrity_unit_total",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("object_value", sa.BigInteger(), nullable=False),
        sa.Column("completion_requested", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["kind", "month"], ["integrity_total_month.kind", "integrity_total_month.month"],
                                name="fk_integrity_unit_total_slice", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_integrity_unit_total_unit_id_unit"),
        sa.PrimaryKeyConstraint("id", name="pk_integrity_unit_total"),
    )
    op.create_index("ix_integrity_unit_total_slice", "integrity_unit_total", ["kind", "month"], unique=False)
    for table in (*OLD_TABLES, "integrity_unit_total"):
        op.create_index(f"ix_{table}_unit", table, ["unit_id", "kind", "month"], unique=False)


def downgrade():
    _uncount()
    for table in (*OLD_TABLES, "integrity_unit_total"):
        op.drop_index(f"ix_{table}_unit", table_name=table)
    op.drop_index("ix_integrity_unit_total_slice", table_name="integrity_unit_total")
    op.drop_table("integrity_unit_total")
    for table in GIVEN_UNIT:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_unit_id_unit", type_="foreignkey")
            batch.drop_column("unit_id")
            batch.drop_column("by_unit")
