"""case workspace: routing rules, case files (queue index), recusals, assignments, sealed history and notes

Every report and complaint stored before this revision gets its case file here
(`gratifikasi.cases.backfill`: queue, handling unit, status, due date, recusals and a first
history entry, as intake would have opened it), so an upgraded database shows its records in
the officers' queue and on the case pages. The downgrade drops the tables and with them the
case files; the records themselves are untouched.

Revision ID: 0010_cases
Revises: 0009_kpk
Create Date: 2026-11-27 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

from gratifikasi.cases.backfill import backfill_case_files


# revision identifiers, used by Alembic.
revision = '0010_cases'
down_revision = '0009_kpk'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('gratifikasi', 'pengaduan', name='casekind', native_enum=False, length=20), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('tracking_number', sa.String(length=30), nullable=False),
    sa.Column('queue', sa.String(length=20), nullable=False),
    sa.Column('handling_unit_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('flag_kpk_aph', sa.Boolean(), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['officer.id'], name=op.f('fk_case_file_assignee_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['handling_unit_id'], ['unit.id'], name=op.f('fk_case_file_handling_unit_id_unit')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_case_file_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_file')),
    sa.UniqueConstraint('record_type', 'record_id', name='uq_case_file_record')
    )
    op.create_index(op.f('ix_case_file_assignee_id'), 'case_file', ['assignee_id'], unique=False)
    op.create_index('ix_case_file_queue_due', 'case_file', ['queue', 'handling_unit_id', 'is_open', 'due_on', 'id'], unique=False)
    op.create_index('ix_case_file_queue_received', 'case_file', ['queue', 'handling_unit_id', 'is_open', 'received_on', 'id'], unique=False)
    op.create_index('ix_case_file_queue_status_due', 'case_file', ['queue', 'handling_unit_id', 'status', 'due_on', 'id'], unique=False)
    op.create_index('ix_case_file_queue_unit_due', 'case_file', ['queue', 'handling_unit_id', 'unit_id', 'due_on', 'id'], unique=False)
    op.create_table('routing_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('gratifikasi', 'pengaduan', name='casekind', native_enum=False, length=20), nullable=False),
    sa.Column('source_unit_id', sa.Integer(), nullable=True),
    sa.Column('handling_unit_id', sa.Integer(), nullable=False),
    sa.Column('head_officer_id', sa.Integer(), nullable=True),
    sa.Column('kpk_loss_threshold', sa.BigInteger(), nullable=False),
    sa.Column('flag_penyelenggara_negara', sa.Boolean(), nullable=False),
    sa.Column('flag_law_enforcer', sa.Boolean(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['handling_unit_id'], ['unit.id'], name=op.f('fk_routing_rule_handling_unit_id_unit')),
    sa.ForeignKeyConstraint(['head_officer_id'], ['officer.id'], name=op.f('fk_routing_rule_head_officer_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_unit_id'], ['unit.id'], name=op.f('fk_routing_rule_source_unit_id_unit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['officer.id'], name=op.f('fk_routing_rule_updated_by_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_routing_rule')),
    sa.UniqueConstraint('kind', 'source_unit_id', name='uq_routing_rule_kind_source')
    )
    op.create_table('case_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('previous_officer_id', sa.Integer(), nullable=True),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['officer.id'], name=op.f('fk_case_assignment_assigned_by_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_case_assignment_case_id_case_file'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_case_assignment_officer_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['previous_officer_id'], ['officer.id'], name=op.f('fk_case_assignment_previous_officer_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_assignment'))
    )
    op.create_index(op.f('ix_case_assignment_case_id'), 'case_assignment', ['case_id'], unique=False)
    op.create_table('case_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('actor_type', sa.String(length=10), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('from_status', sa.String(length=40), nullable=True),
    sa.Column('to_status', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['officer.id'], name=op.f('fk_case_event_actor_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_case_event_case_id_case_file'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_event'))
    )
    op.create_index(op.f('ix_case_event_case_id'), 'case_event', ['case_id'], unique=False)
    op.create_table('case_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_case_note_case_id_case_file'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_case_note_officer_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_note'))
    )
    op.create_index(op.f('ix_case_note_case_id'), 'case_note', ['case_id'], unique=False)
    op.create_table('case_recusal',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('basis', sa.Enum('terlapor', 'konflik', name='recusalbasis', native_enum=False, length=20), nullable=False),
    sa.Column('conflict_kind', sa.Enum('keluarga', 'atasan_bawahan', 'kepentingan', 'lainnya', name='conflictkind', native_enum=False, length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_case_recusal_case_id_case_file'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_case_recusal_officer_id_officer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'officer_id', name=op.f('pk_case_recusal'))
    )
    op.create_index('ix_case_recusal_officer_case', 'case_recusal', ['officer_id', 'case_id'], unique=False)
    backfill_case_files(op.get_bind(), revision)


def downgrade():
    op.drop_index('ix_case_recusal_officer_case', table_name='case_recusal')
    op.drop_table('case_recusal')
    op.drop_index(op.f('ix_case_note_case_id'), table_name='case_note')
    op.drop_table('case_note')
    op.drop_index(op.f('ix_case_event_case_id'), table_name='case_event')
    op.drop_table('case_event')
    op.drop_index(op.f('ix_case_assignment_case_id'), table_name='case_assignment')
    op.drop_table('case_assignment')
    op.drop_table('routing_rule')
    op.drop_index('ix_case_file_queue_unit_due', table_name='case_file')
    op.drop_index('ix_case_file_queue_status_due', table_name='case_file')
    op.drop_index('ix_case_file_queue_received', table_name='case_file')
    op.drop_index('ix_case_file_queue_due', table_name='case_file')
    op.drop_index(op.f('ix_case_file_assignee_id'), table_name='case_file')
    op.drop_table('case_file')
