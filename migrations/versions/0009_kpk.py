"""KPK forwarding (GOL reference), SK decisions, follow-ups and deposited objects

Revision ID: 0009_kpk
Revises: 0008_integrity
Create Date: 2026-11-26 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_kpk'
down_revision = '0008_integrity'
branch_labels = None
depends_on = None


def _recorded_by(table: str, column: str = 'recorded_by_id') -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ['officer.id'], name=op.f(f'fk_{table}_{column}_officer'), ondelete='SET NULL'
    )


def _report_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ['report_id'], ['gratification_report.id'],
        name=op.f(f'fk_{table}_report_id_gratification_report'), ondelete='CASCADE',
    )


def upgrade():
    op.create_table('kpk_forwarding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('gol_reference', sa.String(length=64), nullable=False),
    sa.Column('forwarded_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    _report_fk('kpk_forwarding'),
    _recorded_by('kpk_forwarding'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpk_forwarding')),
    sa.UniqueConstraint('report_id', name=op.f('uq_kpk_forwarding_report_id'))
    )
    op.create_table('kpk_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('sk_number', sa.String(length=100), nullable=False),
    sa.Column('sk_date', sa.Date(), nullable=False),
    sa.Column('decision', sa.Enum('milik_penerima', 'milik_negara', 'milik_negara_dapat_dikompensasi', name='kpkdecision', native_enum=False, length=40), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    _report_fk('kpk_decision'),
    _recorded_by('kpk_decision'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpk_decision')),
    sa.UniqueConstraint('report_id', name=op.f('uq_kpk_decision_report_id'))
    )
    op.create_table('kpk_follow_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('serahkan_barang', 'setor_uang', 'setor_kompensasi', 'kembalikan_ke_pelapor', name='followupkind', native_enum=False, length=30), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    _report_fk('kpk_follow_up'),
    _recorded_by('kpk_follow_up'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpk_follow_up'))
    )
    with op.batch_alter_table('kpk_follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpk_follow_up_report_id'), ['report_id'], unique=False)

    op.create_table('deposited_object',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('gift_object_id', sa.Integer(), nullable=False),
    sa.Column('receipt_year', sa.Integer(), nullable=False),
    sa.Column('receipt_seq', sa.Integer(), nullable=False),
    sa.Column('receipt_number', sa.String(length=30), nullable=False),
    sa.Column('deposited_on', sa.Date(), nullable=False),
    sa.Column('received_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('released_on', sa.Date(), nullable=True),
    sa.Column('release_kind', sa.Enum('diserahkan_kpk', 'dikembalikan_pelapor', name='releasekind', native_enum=False, length=30), nullable=True),
    sa.Column('released_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['gift_object_id'], ['gift_object.id'], name=op.f('fk_deposited_object_gift_object_id_gift_object'), ondelete='CASCADE'),
    _report_fk('deposited_object'),
    _recorded_by('deposited_object', 'received_by_id'),
    _recorded_by('deposited_object', 'released_by_id'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deposited_object')),
    sa.UniqueConstraint('gift_object_id', name=op.f('uq_deposited_object_gift_object_id')),
    sa.UniqueConstraint('receipt_number', name=op.f('uq_deposited_object_receipt_number')),
    sa.UniqueConstraint('receipt_year', 'receipt_seq', name='uq_deposited_object_receipt_year_seq')
    )
    with op.batch_alter_table('deposited_object', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deposited_object_report_id'), ['report_id'], unique=False)


def downgrade():
    with op.batch_alter_table('deposited_object', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deposited_object_report_id'))
    op.drop_table('deposited_object')
    with op.batch_alter_table('kpk_follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kpk_follow_up_report_id'))
    op.drop_table('kpk_follow_up')
    op.drop_table('kpk_decision')
    op.drop_table('kpk_forwarding')
