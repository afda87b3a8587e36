"""Forms of the complaint portal, the secret mailbox and the Inspektorat's intake.

Every field has a length limit and an Indonesian message. On a validation error WTForms
re-renders everything typed (files excepted: browsers never re-send them, so the page says
so next to the upload field).
"""
from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from .. import clock
from ..models import ComplaintCategory, ComplaintChannel

CATEGORY_LABELS: dict[str, Any] = {
    ComplaintCategory.gratifikasi.value: _l("Gratifikasi"),
    ComplaintCategory.suap_pemerasan.value: _l("Suap atau pemerasan (pungli)"),
    ComplaintCategory.penyalahgunaan_wewenang.value: _l("Penyalahgunaan wewenang"),
    ComplaintCategory.pengadaan.value: _l("Pengadaan barang/jasa"),
    ComplaintCategory.pelayanan_publik.value: _l("Pelayanan publik"),
    ComplaintCategory.benturan_kepentingan.value: _l("Benturan kepentingan"),
    ComplaintCategory.lainnya.value: _l("Lainnya"),
}

CHANNEL_LABELS: dict[str, Any] = {
    ComplaintChannel.portal.value: _l("Portal pengaduan"),
    ComplaintChannel.telepon.value: _l("Telepon"),
    ComplaintChannel.tatap_muka.value: _l("Datang langsung"),
    ComplaintChannel.surat.value: _l("Surat"),
}

MAX_LOSS = 10**15  # Rp1.000 triliun: anything above is a typo


def _text(label: Any, maximum: int, *, required: bool = False, minimum: int = 0, message: Any = None) -> list[Any]:
    """Validators for a free-text field: required or optional, with a length window."""
    limits = Length(
        min=minimum,
        max=maximum,
        message=message or _l("Paling banyak %(max)d karakter.", max=maximum),
    )
    if required:
        return [DataRequired(message=_l("%(label)s wajib diisi.", label=label)), limits]
    return [Optional(), limits]


class _OneOf:
    """"Choose from the list" with an Indonesian message (WTForms ships no Indonesian catalogue)."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, form: FlaskForm, field: Any) -> None:
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(self.message)


class _DateField(DateField):
    """A date whose parse error is Indonesian."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Tulis tanggal yang benar, misalnya 2026-02-10.")) from None


def _ticked(label: Any, message: Any) -> BooleanField:
    """A checkbox that must be ticked to go on (a statement or a confirmation)."""
    return BooleanField(label, validators=[DataRequired(message=message)])


def parse_rupiah(text: str | None) -> int | None:
    """'Rp 1.500.000' or '1500000' → 1500000; '' → None; ValueError if not a whole amount."""
    if text is None or not text.strip():
        return None
    cleaned = re.sub(r"^\s*rp\.?\s*", "", text.strip(), flags=re.IGNORECASE)
    cleaned = cleaned.replace(".", "").replace(" ", "")
    if cleaned.endswith(",00"):
        cleaned = cleaned[:-3]
    if not cleaned.isdigit():
        raise ValueError(text)
    return int(cleaned)


class ComplaintForm(FlaskForm):
    """The 5W2H complaint, optional identity and evidence."""

    kategori = SelectField(
        _l("Jenis pelanggaran"),
        choices=[SelectChoice("", _l("— pilih —"))] + [SelectChoice(k, v) for k, v in CATEGORY_LABELS.items()],
        validators=[
            InputRequired(message=_l("Pilih jenis pelanggaran.")),
            _OneOf(_l("Pilih jenis pelanggaran dari daftar.")),
        ],
        validate_choice=False,
    )
    apa = TextAreaField(
        _l("Apa yang terjadi?"),
        validators=_text(_l("Uraian kejadian"), 5000, required=True, minimum=30,
                         message=_l("Uraikan kejadiannya paling sedikit 30 dan paling banyak 5000 karakter.")),
    )
    terlapor_nama = StringField(_l("Siapa yang Anda laporkan? (nama)"), validators=_text(None, 200))
    terlapor_jabatan = StringField(_l("Jabatan terlapor"), validators=_text(None, 200))
    terlapor_opd = SelectField(
        _l("Unit kerja (OPD) terlapor"), choices=[], default="",
        validators=[_OneOf(_l("Pilih unit kerja dari daftar."))], validate_choice=False,
    )
    terlapor_penyelenggara_negara = BooleanField(
        _l("Terlapor adalah penyelenggara negara (misalnya kepala daerah, pejabat eselon II, anggota DPRD)")
    )
    terlapor_penegak_hukum = BooleanField(_l("Terlapor adalah aparat penegak hukum (polisi, jaksa, hakim)"))
    di_mana = StringField(_l("Di mana kejadiannya?"), validators=_text(None, 500))
    tanggal_kejadian = _DateField(
        _l("Kapan? (tanggal, bila tahu)"),
        validators=[Optional()],
        render_kw={"max": "9999-12-31"},
    )
    kapan = StringField(_l("Keterangan waktu"), validators=_text(None, 300))
    mengapa = TextAreaField(_l("Mengapa menurut Anda ini pelanggaran?"), validators=_text(None, 3000))
    bagaimana = TextAreaField(_l("Bagaimana caranya dilakukan?"), validators=_text(None, 5000))
    berapa_nilai = StringField(
        _l("Berapa perkiraan nilai atau kerugian? (Rp)"),
        validators=_text(None, 30),
        render_kw={"inputmode": "numeric"},
    )
    berapa = StringField(_l("Keterangan nilai"), validators=_text(None, 500))
    lampiran = MultipleFileField(_l("Bukti pendukung (foto, dokumen, rekaman)"))

    identitas = RadioField(
        _l("Identitas Anda"),
        choices=[
            SelectChoice("anonim", _l("Tanpa identitas (anonim)")),
            SelectChoice("beri", _l("Saya bersedia mencantumkan identitas (dirahasiakan)")),
        ],
        default="anonim",
        validators=[InputRequired(message=_l("Pilih salah satu.")), _OneOf(_l("Pilih salah satu."))],
        validate_choice=False,
    )
    # No Optional() here: it would stop the chain before the "required if identity" check.
    pelapor_nama = StringField(
        _l("Nama lengkap"), validators=[Length(max=200, message=_l("Paling banyak %(max)d karakter.", max=200))],
    )
    pelapor_nik = StringField(
        _l("NIK (16 angka)"),
        validators=[Optional(), Regexp(r"^\d{16}$", message=_l("NIK terdiri atas 16 angka."))],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    pelapor_kontak = StringField(
        _l("Nomor telepon atau alamat untuk dihubungi"),
        validators=[Length(max=200, message=_l("Paling banyak %(max)d karakter.", max=200))],
    )
    ktp = FileField(_l("Salinan KTP (bila ingin memenuhi syarat PP 43/2018)"))

    itikad_baik = _ticked(
        _l("Saya menyampaikan pengaduan ini dengan itikad baik dan sesuai yang saya ketahui."),
        _l("Centang pernyataan itikad baik untuk melanjutkan."),
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.terlapor_opd.choices = [SelectChoice("", _l("Tidak tahu / di luar daftar"))] + [
            SelectChoice(str(unit_id), name) for unit_id, name in (units or [])
        ]

    def validate_berapa_nilai(self, field: StringField) -> None:
        try:
            value = parse_rupiah(field.data)
        except ValueError:
            raise ValidationError(_l("Tulis angka rupiah saja, misalnya 1.500.000.")) from None
        if value is not None and value > MAX_LOSS:
            raise ValidationError(_l("Nilai terlalu besar; periksa kembali angkanya."))

    def validate_tanggal_kejadian(self, field: DateField) -> None:
        if field.data is not None and field.data > clock.local_today():
            raise ValidationError(_l("Tanggal kejadian tidak boleh di masa depan."))

    def validate_pelapor_nama(self, field: StringField) -> None:
        if self.identitas.data == "beri" and not (field.data or "").strip():
            raise ValidationError(_l("Tulis nama Anda, atau pilih \"Tanpa identitas\"."))

    def validate_pelapor_kontak(self, field: StringField) -> None:
        if self.identitas.data == "beri" and not (field.data or "").strip():
            raise ValidationError(_l("Tulis nomor telepon atau alamat agar petugas dapat menghubungi Anda."))

    @property
    def loss(self) -> int | None:
        return parse_rupiah(self.berapa_nilai.data)

    @property
    def unit_id(self) -> int | None:
        return int(self.terlapor_opd.data) if self.terlapor_opd.data else None

    @property
    def files(self) -> list[Any]:
        return [f for f in (self.lampiran.data or []) if f and getattr(f, "filename", "")]

    @property
    def ktp_file(self) -> Any | None:
        f = self.ktp.data
        return f if self.identitas.data == "beri" and f and getattr(f, "filename", "") else None


class StaffComplaintForm(ComplaintForm):
    """An officer types in a complaint received by phone, in person or by letter."""

    saluran = SelectField(
        _l("Diterima melalui"),
        choices=[SelectChoice(k, v) for k, v in CHANNEL_LABELS.items() if k != ComplaintChannel.portal.value],
        validators=[InputRequired(message=_l("Pilih saluran penerimaan.")), _OneOf(_l("Pilih saluran penerimaan."))],
        validate_choice=False,
    )
    itikad_baik = _ticked(
        _l("Pelapor menyatakan menyampaikan pengaduan dengan itikad baik."),
        _l("Centang pernyataan itikad baik pelapor untuk melanjutkan."),
    )


class ConfirmSavedForm(FlaskForm):
    disimpan = _ticked(
        _l("Saya sudah menyimpannya"),
        _l("Centang kotak ini setelah kode Anda simpan atau catat."),
    )


class StaffConfirmGivenForm(ConfirmSavedForm):
    disimpan = _ticked(
        _l("Kode sudah saya serahkan kepada pelapor"),
        _l("Centang kotak ini setelah kode diserahkan kepada pelapor."),
    )


class MailboxLoginForm(FlaskForm):
    kode = StringField(
        _l("Kode rahasia"),
        validators=[
            DataRequired(message=_l("Tulis kode rahasia Anda.")),
            Length(max=80, message=_l("Kode terlalu panjang; periksa kembali.")),
        ],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class ReplyForm(FlaskForm):
    pesan = TextAreaField(
        _l("Pesan atau jawaban Anda"),
        validators=[
            DataRequired(message=_l("Tulis pesan Anda.")),
            Length(max=5000, message=_l("Paling banyak %(max)d karakter.", max=5000)),
        ],
    )
    lampiran = MultipleFileField(_l("Tambah bukti (boleh dikosongkan)"))

    @property
    def files(self) -> list[Any]:
        return [f for f in (self.lampiran.data or []) if f and getattr(f, "filename", "")]


class OfficerMessageForm(FlaskForm):
    pesan = TextAreaField(
        _l("Pertanyaan atau pesan untuk pelapor"),
        validators=[
            DataRequired(message=_l("Tulis pesan untuk pelapor.")),
            Length(max=5000, message=_l("Paling banyak %(max)d karakter.", max=5000)),
        ],
    )
