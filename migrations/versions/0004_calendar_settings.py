"""working-day calendar days and per-tenant settings

Revision ID: 0004_calendar_settings
Revises: 0002_keys_audit
Create Date: 2026-11-25 03:07:26.800066

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_calendar_settings'
down_revision = '0002_keys_audit'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('libur', 'cuti_bersama', 'hari_kerja', name='calendardaykind', native_enum=False, length=20), nullable=False),
    sa.Column('source', sa.Enum('admin', 'import', 'seed', name='calendarsource', native_enum=False, length=10), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['officer.id'], name=op.f('fk_calendar_day_created_by_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_day')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_day_day'))
    )
    op.create_table('setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['officer.id'], name=op.f('fk_setting_updated_by_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_setting')),
    sa.UniqueConstraint('key', name=op.f('uq_setting_key'))
    )


def downgrade():
    op.drop_table('setting')
    op.drop_table('calendar_day')
