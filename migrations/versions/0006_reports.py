"""gratification reports, gift objects, report messages

Revision ID: 0006_reports
Revises: 0005_attachments_access
Create Date: 2026-11-25 03:19:30.057554

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_reports'
down_revision = '0005_attachments_access'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('gratification_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tracking_year', sa.Integer(), nullable=False),
    sa.Column('tracking_seq', sa.Integer(), nullable=False),
    sa.Column('tracking_number', sa.String(length=20), nullable=False),
    sa.Column('jenis_laporan', sa.Enum('penerimaan', 'penolakan', name='jenislaporan', native_enum=False, length=20), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('hubungan_pemberi', sa.Enum('keluarga', 'pihak_terkait_tugas', 'sesama_pegawai', 'tidak_diketahui', 'lainnya', name='hubunganpemberi', native_enum=False, length=40), nullable=False),
    sa.Column('jenis_peristiwa', sa.Enum('acara_adat', 'keagamaan', 'tugas_pelayanan', 'tugas_non_pelayanan', 'ulang_tahun', 'mutasi_promosi_pisah_sambut', 'pernikahan', 'seminar_diklat_workshop', 'lainnya', name='jenisperistiwa', native_enum=False, length=40), nullable=False),
    sa.Column('tanggal_penerimaan', sa.Date(), nullable=False),
    sa.Column('tanggal_lapor', sa.Date(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('minta_kompensasi', sa.Boolean(), nullable=False),
    sa.Column('late_working_days', sa.Integer(), nullable=True),
    sa.Column('has_email', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('access_locator', sa.String(length=16), nullable=True),
    sa.Column('access_verifier', sa.LargeBinary(), nullable=True),
    sa.Column('access_salt', sa.LargeBinary(), nullable=True),
    sa.Column('access_wrapped_dek', sa.LargeBinary(), nullable=True),
    sa.Column('nik', sa.LargeBinary(), nullable=False),
    sa.Column('nama', sa.LargeBinary(), nullable=False),
    sa.Column('nip', sa.LargeBinary(), nullable=True),
    sa.Column('tempat_lahir', sa.LargeBinary(), nullable=False),
    sa.Column('tanggal_lahir', sa.LargeBinary(), nullable=False),
    sa.Column('alamat', sa.LargeBinary(), nullable=False),
    sa.Column('telepon', sa.LargeBinary(), nullable=False),
    sa.Column('email', sa.LargeBinary(), nullable=True),
    sa.Column('jabatan', sa.LargeBinary(), nullable=False),
    sa.Column('instansi', sa.LargeBinary(), nullable=False),
    sa.Column('pemberi_nama', sa.LargeBinary(), nullable=False),
    sa.Column('pemberi_instansi', sa.LargeBinary(), nullable=True),
    sa.Column('pemberi_alamat', sa.LargeBinary(), nullable=True),
    sa.Column('alasan_pemberian', sa.LargeBinary(), nullable=True),
    sa.Column('tempat_penerimaan', sa.LargeBinary(), nullable=False),
    sa.Column('kronologi', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_gratification_report_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gratification_report')),
    sa.UniqueConstraint('access_locator', name=op.f('uq_gratification_report_access_locator')),
    sa.UniqueConstraint('tracking_number', name=op.f('uq_gratification_report_tracking_number')),
    sa.UniqueConstraint('tracking_year', 'tracking_seq', name='uq_gratification_report_tracking_year_seq')
    )
    with op.batch_alter_table('gratification_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gratification_report_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_gratification_report_unit_id'), ['unit_id'], unique=False)

    op.create_table('gift_object',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('jenis_objek', sa.Enum('uang', 'barang', 'rabat', 'komisi', 'pinjaman_tanpa_bunga', 'tiket_perjalanan', 'fasilitas_penginapan', 'perjalanan_wisata', 'pengobatan_cuma_cuma', 'fasilitas_lainnya', 'voucher', 'makanan_hidangan', 'lainnya', name='jenisobjek', native_enum=False, length=40), nullable=False),
    sa.Column('nilai_taksiran', sa.BigInteger(), nullable=False),
    sa.Column('lokasi_objek', sa.Enum('disimpan_pelapor', 'dititipkan_upg', 'dititipkan_kpk', 'disalurkan_sosial', 'dikembalikan_pemberi', 'lainnya', name='lokasiobjek', native_enum=False, length=40), nullable=False),
    sa.Column('uraian', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['gratification_report.id'], name=op.f('fk_gift_object_report_id_gratification_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_object'))
    )
    with op.batch_alter_table('gift_object', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_object_report_id'), ['report_id'], unique=False)

    op.create_table('report_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('completion_request', 'reporter_answer', name='messagekind', native_enum=False, length=30), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answers_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answers_id'], ['report_message.id'], name=op.f('fk_report_message_answers_id_report_message'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_report_message_officer_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['gratification_report.id'], name=op.f('fk_report_message_report_id_gratification_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_message'))
    )
    with op.batch_alter_table('report_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_message_report_id'), ['report_id'], unique=False)



def downgrade():
    with op.batch_alter_table('report_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_message_report_id'))

    op.drop_table('report_message')
    with op.batch_alter_table('gift_object', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gift_object_report_id'))

    op.drop_table('gift_object')
    with op.batch_alter_table('gratification_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gratification_report_unit_id'))
        batch_op.drop_index(batch_op.f('ix_gratification_report_status'))

    op.drop_table('gratification_report')
