"""Forms of the case workspace: every field has a length limit and an Indonesian message."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from ..models.case import ConflictKind

_MAX = 4000


class QueueFilterForm(FlaskForm):
    """GET filters of the queue (no CSRF: reading only)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validate_choice=False, validators=[Optional(), Length(max=40)])
    unit = SelectField(_l("OPD"), validate_choice=False, validators=[Optional(), Length(max=12)])
    category = SelectField(_l("Kategori"), validate_choice=False, validators=[Optional(), Length(max=40)])
    tenggat = SelectField(
        _l("Tenggat"), validate_choice=False,
        choices=[SelectChoice("", _l("Semua")), SelectChoice("terlambat", _l("Terlambat")),
                 SelectChoice("segera", _l("Segera jatuh tempo"))],
    )
    cakupan = SelectField(
        _l("Tampilkan"), validate_choice=False,
        choices=[SelectChoice("terbuka", _l("Belum selesai")), SelectChoice("selesai", _l("Selesai")),
                 SelectChoice("semua", _l("Semua"))],
    )
    urut = SelectField(
        _l("Urutkan"), validate_choice=False,
        choices=[SelectChoice("tenggat", _l("Tenggat terdekat")), SelectChoice("terbaru", _l("Diterima terbaru")),
                 SelectChoice("terlama", _l("Diterima terlama"))],
    )
    saya = BooleanField(_l("Hanya yang saya tangani"))
    baru = BooleanField(_l("Hanya yang baru (belum ada penangan)"))
    menunggu = BooleanField(_l("Hanya yang menunggu tindakan saya"))


class TransitionForm(FlaskForm):
    action = SelectField(_l("Tindakan"), validators=[DataRequired(message=_l("Pilih tindakan.")), Length(max=60)])
    reason = TextAreaField(
        _l("Alasan / keterangan"),
        validators=[Length(max=_MAX, message=_l("Paling banyak %(max)d karakter.", max=_MAX))],
    )


class AssignForm(FlaskForm):
    officer = SelectField(_l("Petugas penangan"), coerce=int,
                          validators=[InputRequired(message=_l("Pilih petugas."))])
    reason = TextAreaField(
        _l("Alasan pengalihan"),
        validators=[Length(max=2000, message=_l("Paling banyak %(max)d karakter.", max=2000))],
    )


class ConflictForm(FlaskForm):
    kind = SelectField(
        _l("Jenis konflik kepentingan"),
        choices=[
            SelectChoice(ConflictKind.keluarga.value, _l("Hubungan keluarga dengan pihak dalam perkara")),
            SelectChoice(ConflictKind.atasan_bawahan.value, _l("Hubungan atasan/bawahan dengan pihak dalam perkara")),
            SelectChoice(ConflictKind.kepentingan.value, _l("Kepentingan pribadi atau keuangan")),
            SelectChoice(ConflictKind.lainnya.value, _l("Lainnya")),
        ],
        validators=[DataRequired(message=_l("Pilih jenis konflik kepentingan.")), Length(max=20)],
    )
    confirm = BooleanField(
        _l("Saya menyatakan memiliki konflik kepentingan dan mundur dari perkara ini"),
        validators=[DataRequired(message=_l("Centang pernyataan ini untuk melanjutkan."))],
    )


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Catatan internal (tidak terlihat oleh pelapor)"),
        validators=[DataRequired(message=_l("Tulis catatannya.")),
                    Length(max=_MAX, message=_l("Paling banyak %(max)d karakter.", max=_MAX))],
    )


class MessageForm(FlaskForm):
    body = TextAreaField(
        _l("Pertanyaan atau pesan untuk pelapor"),
        validators=[DataRequired(message=_l("Tulis pesannya.")),
                    Length(max=_MAX, message=_l("Paling banyak %(max)d karakter.", max=_MAX))],
    )


class IdentityRequestForm(FlaskForm):
    reason = TextAreaField(
        _l("Alasan meminta identitas pelapor"),
        validators=[DataRequired(message=_l("Tuliskan alasannya.")),
                    Length(min=20, max=2000, message=_l("Alasan 20 sampai 2000 karakter."))],
    )


class RoutingRuleForm(FlaskForm):
    kind = SelectField(
        _l("Jenis perkara"),
        choices=[SelectChoice("gratifikasi", _l("Laporan gratifikasi")), SelectChoice("pengaduan", _l("Pengaduan"))],
        validators=[DataRequired(message=_l("Pilih jenis perkara.")), Length(max=20)],
    )
    source_unit = SelectField(_l("Berlaku untuk OPD asal"), coerce=int,
                              validators=[InputRequired(message=_l("Pilih OPD atau semua OPD."))])
    handling_unit = SelectField(_l("Unit penangan"), coerce=int,
                                validators=[InputRequired(message=_l("Pilih unit penangan."))])
    head_officer = SelectField(_l("Pimpinan unit penangan (menerima pengingat)"), coerce=int,
                               validators=[InputRequired(message=_l("Pilih pimpinan atau tidak ada."))])
    kpk_loss_threshold = IntegerField(
        _l("Ambang kerugian negara untuk tanda kewenangan KPK/APH (Rp)"),
        validators=[InputRequired(message=_l("Isi ambang kerugian dalam rupiah.")),
                    NumberRange(min=1, max=10**15, message=_l("Ambang harus antara 1 dan 10^15 rupiah."))],
    )
    flag_penyelenggara_negara = BooleanField(_l("Tandai bila terlapor penyelenggara negara"))
    flag_law_enforcer = BooleanField(_l("Tandai bila terlapor aparat penegak hukum"))
