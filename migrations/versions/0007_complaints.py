"""complaints (pengaduan/WBS), their secret mailbox messages and reporters' browser access

Revision ID: 0007_complaints
Revises: 0006_reports
Create Date: 2026-11-26 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_complaints'
down_revision = '0006_reports'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('complaint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('category', sa.Enum('gratifikasi', 'suap_pemerasan', 'penyalahgunaan_wewenang', 'pengadaan', 'pelayanan_publik', 'benturan_kepentingan', 'lainnya', name='complaintcategory', native_enum=False, length=40), nullable=False),
    sa.Column('channel', sa.Enum('portal', 'telepon', 'tatap_muka', 'surat', name='complaintchannel', native_enum=False, length=20), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('terlapor_unit_id', sa.Integer(), nullable=True),
    sa.Column('terlapor_penyelenggara_negara', sa.Boolean(), nullable=False),
    sa.Column('terlapor_penegak_hukum', sa.Boolean(), nullable=False),
    sa.Column('estimated_loss', sa.BigInteger(), nullable=True),
    sa.Column('event_date', sa.Date(), nullable=True),
    sa.Column('flag_kpk_aph', sa.Boolean(), nullable=False),
    sa.Column('route_reasons', sa.JSON(), nullable=False),
    sa.Column('recused_officer_ids', sa.JSON(), nullable=False),
    sa.Column('identity_given', sa.Boolean(), nullable=False),
    sa.Column('ktp_attachment_id', sa.Integer(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('apa', sa.LargeBinary(), nullable=True),
    sa.Column('terlapor_nama', sa.LargeBinary(), nullable=True),
    sa.Column('terlapor_jabatan', sa.LargeBinary(), nullable=True),
    sa.Column('di_mana', sa.LargeBinary(), nullable=True),
    sa.Column('kapan', sa.LargeBinary(), nullable=True),
    sa.Column('mengapa', sa.LargeBinary(), nullable=True),
    sa.Column('bagaimana', sa.LargeBinary(), nullable=True),
    sa.Column('berapa', sa.LargeBinary(), nullable=True),
    sa.Column('pelapor_nama', sa.LargeBinary(), nullable=True),
    sa.Column('pelapor_nik', sa.LargeBinary(), nullable=True),
    sa.Column('pelapor_kontak', sa.LargeBinary(), nullable=True),
    sa.Column('access_locator', sa.String(length=16), nullable=True),
    sa.Column('access_verifier', sa.LargeBinary(), nullable=True),
    sa.Column('access_salt', sa.LargeBinary(), nullable=True),
    sa.Column('access_wrapped_dek', sa.LargeBinary(), nullable=True),
    sa.Column('access_one_time', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['ktp_attachment_id'], ['attachment.id'], name=op.f('fk_complaint_ktp_attachment_id_attachment'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['officer.id'], name=op.f('fk_complaint_recorded_by_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['terlapor_unit_id'], ['unit.id'], name=op.f('fk_complaint_terlapor_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint')),
    sa.UniqueConstraint('access_locator', name=op.f('uq_complaint_access_locator')),
    sa.UniqueConstraint('number', name=op.f('uq_complaint_number'))
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_status'), ['status'], unique=False)

    op.create_table('complaint_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('author_type', sa.String(length=10), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('attachment_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_message_complaint_id_complaint'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_complaint_message_officer_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_message'))
    )
    with op.batch_alter_table('complaint_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_message_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('complaint_access',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.LargeBinary(length=32), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('sealed', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_access_complaint_id_complaint'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_access')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_complaint_access_token_hash'))
    )
    with op.batch_alter_table('complaint_access', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_access_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_access_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('complaint_access', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_access_expires_at'))
        batch_op.drop_index(batch_op.f('ix_complaint_access_complaint_id'))
    op.drop_table('complaint_access')
    with op.batch_alter_table('complaint_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_message_complaint_id'))
    op.drop_table('complaint_message')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_status'))
    op.drop_table('complaint')
