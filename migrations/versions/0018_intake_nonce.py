"""intake_nonce: a submitted form's nonce and the record it stored (idempotent submissions)

Revision ID: 0018_intake_nonce
Revises: 0017_case_backfill
Create Date: 2026-12-07

During a database restart a complaint could be stored while its page said it was not, and
sending the form again stored it twice. A form now carries a random nonce whose hash is
written with the record in one transaction; the same form sent again finds that record and
shows its receipt (`gratifikasi.intake.idempotency`). Rows live a day. The table starts
empty (forms shown before the upgrade carry no recorded nonce); the downgrade drops it.
"""
from alembic import op
import sqlalchemy as sa


revision = "0018_intake_nonce"
down_revision = "0017_case_backfill"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "intake_nonce",
        sa.Column("nonce_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("nonce_hash", name=op.f("pk_intake_nonce")),
    )
    op.create_index(op.f("ix_intake_nonce_created_at"), "intake_nonce", ["created_at"])


def downgrade():
    op.drop_index(op.f("ix_intake_nonce_created_at"), table_name="intake_nonce")
    op.drop_table("intake_nonce")
