"""officer keys, key rings, record keys, audit log, identity requests; session key columns

Revision ID: 0002_keys_audit
Revises: 0003_outbox
Create Date: 2026-11-25

(Named 0002 because it was planned second; it follows the outbox migration, which landed first.)
"""
from alembic import op
import sqlalchemy as sa


revision = "0002_keys_audit"
down_revision = "0003_outbox"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "officer_key",
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("password_wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("recovery_wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("recovery_confirmed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"], name=op.f("fk_officer_key_officer_id_officer"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("officer_id", name=op.f("pk_officer_key")),
    )
    op.create_table(
        "key_ring",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["officer.id"], name=op.f("fk_key_ring_created_by_id_officer"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_ring")),
        sa.UniqueConstraint("purpose", "version", name="uq_key_ring_purpose_version"),
    )
    op.create_table(
        "ring_membership",
        sa.Column("ring_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("sealed_ring_key", sa.LargeBinary(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["granted_by_id"], ["officer.id"], name=op.f("fk_ring_membership_granted_by_id_officer"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"], name=op.f("fk_ring_membership_officer_id_officer"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["ring_id"], ["key_ring.id"], name=op.f("fk_ring_membership_ring_id_key_ring"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("ring_id", "officer_id", name=op.f("pk_ring_membership")),
    )
    op.create_table(
        "record_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("ring_id", sa.Integer(), nullable=False),
        sa.Column("sealed_dek", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["ring_id"], ["key_ring.id"], name=op.f("fk_record_key_ring_id_key_ring")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_key")),
        sa.UniqueConstraint("record_type", "record_id", "purpose", name="uq_record_key_record"),
    )
    with op.batch_alter_table("record_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_key_ring_id"), ["ring_id"], unique=False)
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("actor_type", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=True),
        sa.Column("object_id", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("entry_hash", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_entry_seq")),
    )
    op.create_table(
        "identity_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.Enum("pending", "approved", "refused", name="requeststatus", native_enum=False, length=20), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("granted_dek", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["decided_by_id"], ["officer.id"], name=op.f("fk_identity_request_decided_by_id_officer")),
        sa.ForeignKeyConstraint(["requested_by_id"], ["officer.id"], name=op.f("fk_identity_request_requested_by_id_officer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_request")),
    )
    with op.batch_alter_table("identity_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_request_record_id"), ["record_id"], unique=False)
    with op.batch_alter_table("officer_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("sealed_private_key", sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table("officer_session", schema=None) as batch_op:
        batch_op.drop_column("sealed_private_key")
        batch_op.drop_column("verified_at")
    with op.batch_alter_table("identity_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_request_record_id"))
    op.drop_table("identity_request")
    op.drop_table("audit_entry")
    with op.batch_alter_table("record_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_key_ring_id"))
    op.drop_table("record_key")
    op.drop_table("ring_membership")
    op.drop_table("key_ring")
    op.drop_table("officer_key")
