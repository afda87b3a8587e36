"""Forms of the public gratification report, the advisor, the status page and the UPG page.

Every field has a length limit and an Indonesian message; identifier and money checks come
from :mod:`gratifikasi.rules.report_fields` so the rules stay testable without Flask.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from .. import clock
from ..rules.exemptions_data import SITUATIONS
from ..rules.report_fields import (
    HUBUNGAN_LABELS,
    JENIS_LAPORAN_LABELS,
    JENIS_OBJEK_LABELS,
    LOKASI_OBJEK_LABELS,
    PERISTIWA_LABELS,
    JenisLaporan,
    RupiahError,
    check_nik,
    check_nip,
    parse_rupiah,
)

MAX_OBJECTS = 20
OBJECT_ROWS = 2  # rows shown at first; "tambah objek" adds one more without JavaScript
EARLIEST_DATE = date(2000, 1, 1)


def _len(maximum: int):
    return Length(max=maximum, message=_l("Maksimal %(n)s karakter.", n=maximum))


def _choices(labels, blank: str | None = None):
    """A choices callable: WTForms calls it when the form is built, so the labels follow the
    visitor's language."""

    def build() -> list[SelectChoice]:
        options = [SelectChoice(key.value, _(text)) for key, text in labels.items()]
        return ([SelectChoice("", _(blank))] if blank else []) + options

    return build


def _optional_int(value) -> int | None:
    if value in ("", None):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _not_in_future(form, field) -> None:
    if field.data is not None and field.data > clock.local_today():
        raise ValidationError(_("Tanggal tidak boleh di masa depan."))


def _not_before(earliest: date):
    def check(form, field) -> None:
        if field.data is not None and field.data < earliest:
            raise ValidationError(_("Tanggal terlalu lama; periksa kembali tahunnya."))
    return check


def _rupiah(form, field) -> None:
    if not (field.data or "").strip():
        return
    try:
        field.parsed = parse_rupiah(field.data)
    except RupiahError as error:
        raise ValidationError(_(str(error))) from None


class ObjectForm(Form):
    """One gift object. A row left completely empty is ignored (see ReportForm.validate)."""

    jenis_objek = SelectField(
        _l("Jenis pemberian"), choices=(_choices(JENIS_OBJEK_LABELS, "— pilih —")),
        validators=[Optional(), _len(40)],
    )
    uraian = TextAreaField(_l("Uraian objek"), validators=[Optional(), _len(1000)])
    nilai_taksiran = StringField(
        _l("Nilai taksiran (Rupiah)"), validators=[Optional(), _len(30), _rupiah],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "placeholder": "1.500.000"},
    )
    lokasi_objek = SelectField(
        _l("Keberadaan objek saat ini"), choices=(_choices(LOKASI_OBJEK_LABELS, "— pilih —")),
        validators=[Optional(), _len(40)],
    )

    def is_blank(self) -> bool:
        return not any((self.jenis_objek.data, (self.uraian.data or "").strip(),
                        (self.nilai_taksiran.data or "").strip(), self.lokasi_objek.data))

    def check_complete(self) -> bool:
        """Every field of a row that is not blank is required."""
        ok = True
        for field, message in (
            (self.jenis_objek, _l("Pilih jenis pemberian.")),
            (self.uraian, _l("Uraikan objek yang diberikan.")),
            (self.nilai_taksiran, _l("Isi perkiraan nilai dalam Rupiah (0 bila tidak diketahui).")),
            (self.lokasi_objek, _l("Pilih keberadaan objek saat ini.")),
        ):
            if not (field.data or "").strip() and not field.errors:
                field.errors = [*field.errors, str(message)]
                ok = False
        return ok and not any(f.errors for f in self)


_NAMA = [DataRequired(_l("Nama wajib diisi.")), _len(200)]


class ReportForm(FlaskForm):
    jenis_laporan = RadioField(
        _l("Jenis laporan"), choices=(_choices(JENIS_LAPORAN_LABELS)),
        validators=[InputRequired(_l("Pilih jenis laporan."))], default=JenisLaporan.PENERIMAAN.value,
    )
    # -- reporter
    nama = StringField(_l("Nama lengkap"), validators=_NAMA, render_kw={"autocomplete": "name"})
    nik = StringField(
        _l("NIK"), validators=[DataRequired(_l("NIK wajib diisi.")), _len(16)],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 16},
    )
    nip = StringField(
        _l("NIP (bila ada)"), validators=[Optional(), _len(18)],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 18},
    )
    tempat_lahir = StringField(
        _l("Tempat lahir"), validators=[DataRequired(_l("Tempat lahir wajib diisi.")), _len(100)],
    )
    tanggal_lahir = DateField(
        _l("Tanggal lahir"),
        validators=[InputRequired(_l("Tanggal lahir wajib diisi (hari-bulan-tahun).")), _not_in_future,
                    _not_before(date(1900, 1, 1))],
    )
    jabatan = StringField(_l("Jabatan"), validators=[DataRequired(_l("Jabatan wajib diisi.")), _len(200)])
    unit_id = SelectField(
        _l("Unit kerja (OPD)"), coerce=_optional_int, validate_choice=False,
        validators=[InputRequired(_l("Pilih unit kerja."))],
    )
    instansi = StringField(_l("Instansi"), validators=[DataRequired(_l("Instansi wajib diisi.")), _len(200)])
    alamat = TextAreaField(_l("Alamat lengkap"), validators=[DataRequired(_l("Alamat wajib diisi.")), _len(500)],
                           render_kw={"rows": 3, "autocomplete": "street-address"})
    telepon = StringField(
        _l("Nomor telepon/HP"),
        validators=[
            DataRequired(_l("Nomor telepon wajib diisi.")), _len(20),
            Regexp(r"^\+?[0-9 ()-]{8,20}$",
                   message=_l("Nomor telepon hanya angka, spasi, tanda + atau -, 8–20 karakter.")),
        ],
        render_kw={"inputmode": "tel", "autocomplete": "tel"},
    )
    email = StringField(
        _l("E-mail (tidak wajib, untuk pemberitahuan)"),
        validators=[Optional(), _len(254),
                    Regexp(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$", message=_l("Alamat e-mail tidak valid."))],
        render_kw={"inputmode": "email", "autocomplete": "email"},
    )
    # -- giver
    pemberi_nama = StringField(
        _l("Nama pemberi"),
        validators=[
            DataRequired(_l("Nama pemberi wajib diisi (tulis \"tidak diketahui\" bila tidak tahu).")), _len(200),
        ],
    )
    pemberi_instansi = StringField(_l("Instansi/perusahaan pemberi"), validators=[Optional(), _len(200)])
    pemberi_alamat = TextAreaField(_l("Alamat pemberi"), validators=[Optional(), _len(500)], render_kw={"rows": 2})
    hubungan_pemberi = SelectField(
        _l("Hubungan dengan pemberi"), choices=(_choices(HUBUNGAN_LABELS, "— pilih —")),
        validators=[DataRequired(_l("Pilih hubungan dengan pemberi.")), _len(40)],
    )
    alasan_pemberian = TextAreaField(
        _l("Alasan pemberian (menurut Anda)"), validators=[Optional(), _len(2000)], render_kw={"rows": 3},
    )
    # -- event
    jenis_peristiwa = SelectField(
        _l("Jenis peristiwa"), choices=(_choices(PERISTIWA_LABELS, "— pilih —")),
        validators=[DataRequired(_l("Pilih jenis peristiwa.")), _len(40)],
    )
    tanggal_penerimaan = DateField(
        _l("Tanggal penerimaan (atau penolakan)"),
        validators=[InputRequired(_l("Tanggal penerimaan wajib diisi.")), _not_in_future, _not_before(EARLIEST_DATE)],
    )
    tempat_penerimaan = StringField(
        _l("Tempat penerimaan"), validators=[DataRequired(_l("Tempat penerimaan wajib diisi.")), _len(300)],
    )
    kronologi = TextAreaField(
        _l("Kronologi penerimaan"),
        validators=[
            DataRequired(_l("Ceritakan kronologi penerimaan.")),
            Length(min=20, max=5000, message=_l("Kronologi 20–5000 karakter.")),
        ],
        render_kw={"rows": 6},
    )
    # -- objects, compensation, files
    objects = FieldList(FormField(ObjectForm), min_entries=OBJECT_ROWS, max_entries=MAX_OBJECTS)
    minta_kompensasi = BooleanField(
        _l("Saya ingin memiliki objek dengan mengganti nilainya (kompensasi) bila ditetapkan milik negara"),
    )
    lampiran = MultipleFileField(_l("Lampiran: foto objek, dokumen pendukung (tidak wajib)"))
    tambah_objek = SubmitField(_l("Tambah objek"))
    kirim = SubmitField(_l("Kirim laporan"))

    def set_units(self, units) -> None:
        self.unit_id.choices = [SelectChoice("", _("— pilih —"))] + [SelectChoice(u.id, u.name) for u in units]
        self._unit_ids = {u.id for u in units}

    def validate_unit_id(self, field) -> None:
        if field.data not in getattr(self, "_unit_ids", set()):
            raise ValidationError(_("Pilih unit kerja dari daftar."))

    def validate_nik(self, field) -> None:
        problem = check_nik((field.data or "").strip())
        if problem:
            raise ValidationError(_(problem))

    def validate_nip(self, field) -> None:
        text = (field.data or "").strip()
        if not text:
            return
        problem = check_nip(text, today=clock.local_today(), birth_date=self.tanggal_lahir.data)
        if problem:
            raise ValidationError(_(problem))

    def validate_tanggal_penerimaan(self, field) -> None:
        born = self.tanggal_lahir.data
        if field.data is not None and born is not None and field.data <= born:
            raise ValidationError(_("Tanggal penerimaan harus setelah tanggal lahir."))

    def filled_objects(self) -> list[ObjectForm]:
        return [entry.form for entry in self.objects.entries if not entry.form.is_blank()]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        filled = self.filled_objects()
        for row in filled:
            ok = row.check_complete() and ok
        if not filled:
            first = self.objects.entries[0].form
            first.jenis_objek.errors = [*first.jenis_objek.errors, _("Isi paling sedikit satu objek pemberian.")]
            ok = False
        return ok


class AdvisorStartForm(FlaskForm):
    tanggal_penerimaan = DateField(
        _l("Tanggal Anda menerima (atau ditawari) pemberian"),
        validators=[InputRequired(_l("Tanggal penerimaan wajib diisi.")), _not_in_future, _not_before(EARLIEST_DATE)],
    )
    situation = SelectField(
        _l("Dalam situasi apa pemberian ini Anda terima?"),
        validators=[DataRequired(_l("Pilih situasinya.")), _len(40)],
    )
    lanjut = SubmitField(_l("Lanjut"))


class StatusLoginForm(FlaskForm):
    nomor = StringField(
        _l("Nomor laporan"),
        validators=[DataRequired(_l("Nomor laporan wajib diisi.")), _len(20),
                    Regexp(r"^\s*[Gg][Rr][Tt]-\d{4}-\d{6}\s*$",
                           message=_l("Nomor laporan berbentuk GRT-2026-000123."))],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
    kode = StringField(
        _l("Kode akses rahasia"),
        validators=[DataRequired(_l("Kode akses wajib diisi.")), _len(60)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
    buka = SubmitField(_l("Buka status laporan"))


class AnswerForm(FlaskForm):
    jawaban = TextAreaField(
        _l("Jawaban atau keterangan tambahan"),
        validators=[DataRequired(_l("Tuliskan jawaban Anda.")), _len(5000)], render_kw={"rows": 5},
    )
    lampiran = MultipleFileField(_l("Berkas tambahan (tidak wajib)"))
    kirim = SubmitField(_l("Kirim kelengkapan"))


def situation_choices():
    return [SelectChoice("", _("— pilih —"))] + [
        SelectChoice(s.code.value, _(s.label)) for s in SITUATIONS
    ]
