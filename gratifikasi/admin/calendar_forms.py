"""Forms of /admin/kalender. Every field has a length limit and an Indonesian message."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..calendar.service import MAX_NAME_LENGTH, MAX_YEAR, MIN_YEAR

MAX_CSV_BYTES = 256 * 1024  # a year is ~30 lines; this leaves room for decades

KIND_CHOICES = [
    SelectChoice("libur", _l("Hari libur")),
    SelectChoice("cuti_bersama", _l("Cuti bersama")),
    SelectChoice("hari_kerja", _l("Hari kerja (membatalkan hari libur)")),
]

_DATE_MESSAGE = _l("Isi tanggal dengan format TTTT-BB-HH, misalnya 2026-08-17.")


class AddDayForm(FlaskForm):
    tanggal = DateField(_l("Tanggal"), validators=[InputRequired(_DATE_MESSAGE)],
                        invalid_value_message=_DATE_MESSAGE)
    nama = StringField(
        _l("Nama hari"),
        validators=[Optional(), Length(max=MAX_NAME_LENGTH, message=_l("Maksimal %(max)d karakter."))],
    )
    jenis = SelectField(_l("Jenis"), choices=KIND_CHOICES,
                        validators=[DataRequired(_l("Pilih jenis hari."))])
    submit = SubmitField(_l("Simpan hari"))

    def validate_nama(self, field: StringField) -> None:
        if self.jenis.data != "hari_kerja" and not (field.data or "").strip():
            raise ValidationError(_l("Nama hari libur wajib diisi."))

    def validate_tanggal(self, field: DateField) -> None:
        if field.data is not None and not MIN_YEAR <= field.data.year <= MAX_YEAR:
            raise ValidationError(_l("Tahun harus antara %(min)d dan %(max)d.", min=MIN_YEAR, max=MAX_YEAR))


class RemoveDayForm(FlaskForm):
    tanggal = HiddenField(validators=[DataRequired(_DATE_MESSAGE), Length(max=10, message=_DATE_MESSAGE)])


class ImportForm(FlaskForm):
    berkas = FileField(
        _l("Berkas CSV (kolom tanggal,nama,jenis)"),
        validators=[
            FileRequired(_l("Pilih berkas CSV.")),
            FileAllowed(["csv", "txt"], _l("Berkas harus berakhiran .csv atau .txt.")),
        ],
        render_kw={"accept": ".csv,text/csv,text/plain"},
    )
    submit = SubmitField(_l("Impor"))


class SeedForm(FlaskForm):
    tahun = IntegerField(
        validators=[InputRequired(), NumberRange(min=MIN_YEAR, max=MAX_YEAR)],
    )


MAX_SKB_TEXT = 8000  # a year's SKB is ~30 lines of "tanggal,nama,jenis"


class ConfirmYearForm(FlaskForm):
    """The year's official SKB 3 Menteri dates: they replace the package's estimate."""

    nomor_skb = StringField(
        _l("Nomor SKB 3 Menteri"),
        validators=[DataRequired(_l("Isi nomor SKB.")),
                    Length(max=MAX_NAME_LENGTH, message=_l("Maksimal %(max)d karakter."))],
    )
    tanggal_resmi = TextAreaField(
        _l("Tanggal libur nasional dan cuti bersama"),
        validators=[DataRequired(_l("Isi tanggal dari SKB, satu baris per tanggal.")),
                    Length(max=MAX_SKB_TEXT, message=_l("Maksimal %(max)d karakter."))],
        render_kw={"rows": 12},
    )
    submit = SubmitField(_l("Simpan sebagai kalender resmi"))
