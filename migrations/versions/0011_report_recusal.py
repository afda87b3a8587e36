"""officers named in a gratification report (reporter or giver), recused from its case

Revision ID: 0011_report_recusal
Revises: 0010_cases
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = "0011_report_recusal"
down_revision = "0010_cases"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("gratification_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recused_officer_ids", sa.JSON(), nullable=False, server_default="[]"))


def downgrade():
    with op.batch_alter_table("gratification_report", schema=None) as batch_op:
        batch_op.drop_column("recused_officer_ids")
