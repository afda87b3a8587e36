"""dashboard totals: agency-wide aggregates per (kind, month), kept by the services' transactions

Revision ID: 0012_integrity_totals
Revises: 0011_report_recusal
Create Date: 2026-11-29

Creates the tables empty: a month without a counted row is read from the case tables (same
numbers, slower) until `flask integrity refresh-totals` or the next change in that month
counts it.
"""
from alembic import op
import sqlalchemy as sa


revision = "0012_integrity_totals"
down_revision = "0011_report_recusal"
branch_labels = None
depends_on = None

SLICE_TABLES = ("integrity_status_total", "integrity_category_total", "integrity_duration_total")


def _slice_columns(table):
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["kind", "month"], ["integrity_total_month.kind", "integrity_total_month.month"],
                                name=f"fk_{table}_slice", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    ]


def upgrade():
    op.create_table(
        "integrity_total_month",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("counted_at", sa.DateTime(), nullable=False),
        sa.Column("objects", sa.Integer(), nullable=False),
        sa.Column("object_value", sa.BigInteger(), nullable=False),
        sa.Column("completion_requested", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "month"),
    )
    op.create_table(
        "integrity_status_total",
        *_slice_columns("integrity_status_total"),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("on_time", sa.Integer(), nullable=False),
        sa.Column("refusals", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
    )
    op.create_table(
        "integrity_category_total",
        *_slice_columns("integrity_category_total"),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=True),
    )
    op.create_table(
        "integrity_duration_total",
        *_slice_columns("integrity_duration_total"),
        sa.Column("measure", sa.String(length=12), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=False),
    )
    for table in SLICE_TABLES:
        op.create_index(f"ix_{table}_slice", table, ["kind", "month"], unique=False)


def downgrade():
    for table in SLICE_TABLES:
        op.drop_index(f"ix_{table}_slice", table_name=table)
        op.drop_table(table)
    op.drop_table("integrity_total_month")
