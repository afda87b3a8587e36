"""The reference-data generation: one row bumped by every change to units, officers, rings, routing, calendar or settings

Revision ID: 0034_reference_generation
Revises: 0032_unit_totals
Create Date: 2026-12-07

Each submission used to read units, every officer, the key ring, the routing rule, every
calendar day and every setting again (issue 14 §1). They are now cached per process; a
worker must still never act on a stale copy after an administrator changed them in another
worker. Every such change increments this one row in its own transaction, and a worker reads
the number once per transaction and reloads its cache when it moved.
"""
from alembic import op
import sqlalchemy as sa


revision = "0034_reference_generation"
down_revision = "0032_unit_totals"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "reference_generation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(table, [{"id": 1, "value": 0}])


def downgrade():
    op.drop_table("reference_generation")
