"""integrity score: evidence records, monev, KPK recaps, LKE entries; dashboard indexes on
the report and complaint tables

Revision ID: 0008_integrity
Revises: 0007_complaints
Create Date: 2026-11-25 03:29:30.068527

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_integrity'
down_revision = '0007_complaints'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('evidence_activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('public_campaign', 'sosialisasi', name='activitykind', native_enum=False, length=20), nullable=False),
    sa.Column('activity_date', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=300), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['officer.id'], name=op.f('fk_evidence_activity_created_by_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_evidence_activity_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_activity'))
    )
    with op.batch_alter_table('evidence_activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_activity_activity_date'), ['activity_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_activity_unit_id'), ['unit_id'], unique=False)

    op.create_table('evidence_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('sk_upg', 'sop', 'kebijakan_wbs', 'kebijakan_pengaduan', name='documentkind', native_enum=False, length=20), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('document_date', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=300), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['officer.id'], name=op.f('fk_evidence_document_created_by_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_evidence_document_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_document'))
    )
    with op.batch_alter_table('evidence_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_document_unit_id'), ['unit_id'], unique=False)

    op.create_table('kpk_recap',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('semester', sa.Integer(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=300), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['officer.id'], name=op.f('fk_kpk_recap_created_by_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_kpk_recap_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpk_recap')),
    sa.UniqueConstraint('unit_id', 'year', 'semester', name='uq_kpk_recap_unit_year_semester')
    )
    with op.batch_alter_table('kpk_recap', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpk_recap_unit_id'), ['unit_id'], unique=False)

    op.create_table('lke_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('manual_scores', sa.JSON(), nullable=False),
    sa.Column('ipak', sa.Float(), nullable=True),
    sa.Column('ipkp', sa.Float(), nullable=True),
    sa.Column('capaian', sa.String(length=1), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_lke_entry_unit_id_unit')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['officer.id'], name=op.f('fk_lke_entry_updated_by_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lke_entry')),
    sa.UniqueConstraint('unit_id', 'year', name='uq_lke_entry_unit_year')
    )
    with op.batch_alter_table('lke_entry', schema=None) as batch_op:
        batch_op.create_index('ix_lke_entry_year', ['year'], unique=False)

    op.create_table('monev_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('scope', sa.Enum('pengaduan', 'wbs', 'keduanya', name='monevscope', native_enum=False, length=20), nullable=False),
    sa.Column('source', sa.Enum('rapat', 'laporan_aplikasi', name='monevsource', native_enum=False, length=20), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('period_year', sa.Integer(), nullable=True),
    sa.Column('period_kind', sa.String(length=10), nullable=True),
    sa.Column('period_index', sa.Integer(), nullable=True),
    sa.Column('obstacles', sa.Text(), nullable=True),
    sa.Column('solutions', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['officer.id'], name=op.f('fk_monev_record_created_by_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_monev_record_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monev_record'))
    )
    with op.batch_alter_table('monev_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_monev_record_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_monev_record_unit_id'), ['unit_id'], unique=False)

    op.create_table('monev_recommendation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('monev_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('status', sa.Enum('terbuka', 'dalam_proses', 'selesai', name='recommendationstatus', native_enum=False, length=20), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(), nullable=False),
    sa.Column('status_changed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['monev_id'], ['monev_record.id'], name=op.f('fk_monev_recommendation_monev_id_monev_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['status_changed_by_id'], ['officer.id'], name=op.f('fk_monev_recommendation_status_changed_by_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monev_recommendation'))
    )
    with op.batch_alter_table('monev_recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_monev_recommendation_monev_id'), ['monev_id'], unique=False)


    # Covering indexes for the integrity dashboards (declared in models/integrity.py).
    report_cols = ['status', 'late_working_days', 'jenis_laporan', 'id']
    op.create_index('ix_gratification_report_integrity_date', 'gratification_report',
                    ['tanggal_lapor', 'unit_id', *report_cols], unique=False)
    op.create_index('ix_gratification_report_integrity_unit', 'gratification_report',
                    ['unit_id', 'tanggal_lapor', *report_cols], unique=False)
    op.create_index('ix_report_message_integrity_kind', 'report_message', ['kind', 'report_id'], unique=False)
    op.create_index('ix_gift_object_integrity_value', 'gift_object', ['report_id', 'nilai_taksiran'], unique=False)
    complaint_cols = ['status', 'category', 'channel', 'updated_at', 'id']
    op.create_index('ix_complaint_integrity_date', 'complaint', ['received_on', 'terlapor_unit_id', *complaint_cols],
                    unique=False)
    op.create_index('ix_complaint_integrity_unit', 'complaint', ['terlapor_unit_id', 'received_on', *complaint_cols],
                    unique=False)
    op.create_index('ix_complaint_message_integrity_first', 'complaint_message',
                    ['complaint_id', 'author_type', 'created_at'], unique=False)


def downgrade():
    for name, table in (('ix_complaint_message_integrity_first', 'complaint_message'),
                        ('ix_complaint_integrity_unit', 'complaint'), ('ix_complaint_integrity_date', 'complaint'),
                        ('ix_gift_object_integrity_value', 'gift_object'),
                        ('ix_report_message_integrity_kind', 'report_message'),
                        ('ix_gratification_report_integrity_unit', 'gratification_report'),
                        ('ix_gratification_report_integrity_date', 'gratification_report')):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table('monev_recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_monev_recommendation_monev_id'))

    op.drop_table('monev_recommendation')
    with op.batch_alter_table('monev_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_monev_record_unit_id'))
        batch_op.drop_index(batch_op.f('ix_monev_record_held_on'))

    op.drop_table('monev_record')
    with op.batch_alter_table('lke_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_lke_entry_year')

    op.drop_table('lke_entry')
    with op.batch_alter_table('kpk_recap', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kpk_recap_unit_id'))

    op.drop_table('kpk_recap')
    with op.batch_alter_table('evidence_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_document_unit_id'))

    op.drop_table('evidence_document')
    with op.batch_alter_table('evidence_activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_activity_unit_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_activity_activity_date'))

    op.drop_table('evidence_activity')
