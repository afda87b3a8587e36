"""browser_access: one store for reporters' short-lived browser access, replacing complaint_access

Revision ID: 0015_browser_access
Revises: 0014_complaint_status_changed_at
Create Date: 2026-12-01

`complaint_access` held a complainant's mailbox and receipt access; the gratification
reporter's status page kept its data key in the signed session cookie instead, where a
logout could not revoke it. Both now use `browser_access`, keyed by record type and id
(no foreign key: any record can be the target) with a longer `kind` ("report-status").

Existing rows are dropped, on upgrade and on downgrade: each lives at most two hours and
opens only with the key in its browser's cookie, so nothing can be carried across. A
reporter whose access is dropped types the code again; a receipt code still waiting for
"Saya sudah menyimpannya" is lost from the screen, but the code itself keeps working.
"""
from alembic import op
import sqlalchemy as sa


revision = "0015_browser_access"
down_revision = "0014_complaint_status_changed_at"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table("complaint_access")  # its indexes go with it
    op.create_table(
        "browser_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_browser_access")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_browser_access_token_hash")),
    )
    op.create_index(op.f("ix_browser_access_expires_at"), "browser_access", ["expires_at"])


def downgrade():
    op.drop_table("browser_access")
    op.create_table(
        "complaint_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"],
                                name=op.f("fk_complaint_access_complaint_id_complaint"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_access")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_complaint_access_token_hash")),
    )
    op.create_index(op.f("ix_complaint_access_complaint_id"), "complaint_access", ["complaint_id"])
    op.create_index(op.f("ix_complaint_access_expires_at"), "complaint_access", ["expires_at"])
