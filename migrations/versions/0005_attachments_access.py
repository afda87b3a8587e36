"""attachments (encrypted chunks) and reporter access-code throttle

Revision ID: 0005_attachments_access
Revises: 0004_calendar_settings
Create Date: 2026-11-26 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_attachments_access'
down_revision = '0004_calendar_settings'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_type', sa.String(length=30), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('filename_sealed', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('uploaded_by', sa.String(length=10), nullable=False),
    sa.Column('uploaded_by_officer_id', sa.Integer(), nullable=True),
    sa.Column('metadata_removed', sa.Boolean(), nullable=False),
    sa.Column('owner_wrapped_dek', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['uploaded_by_officer_id'], ['officer.id'], name=op.f('fk_attachment_uploaded_by_officer_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index('ix_attachment_owner', ['owner_type', 'owner_id'], unique=False)

    op.create_table('attachment_chunk',
    sa.Column('attachment_id', sa.Integer(), nullable=False),
    sa.Column('index', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('ciphertext', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachment.id'], name=op.f('fk_attachment_chunk_attachment_id_attachment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attachment_id', 'index', name=op.f('pk_attachment_chunk'))
    )
    op.create_table('access_throttle',
    sa.Column('key_hash', sa.LargeBinary(length=32), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('key_hash', name=op.f('pk_access_throttle'))
    )


def downgrade():
    op.drop_table('access_throttle')
    op.drop_table('attachment_chunk')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index('ix_attachment_owner')

    op.drop_table('attachment')
