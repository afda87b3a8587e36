"""Forms of the integrity pages: evidence records, the monev report, the whole-LKE entry.

Every field has a length or range limit and an Indonesian message; a failed validation
re-shows what was typed (WTForms keeps the raw input).
"""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from werkzeug.datastructures import FileStorage
from wtforms import DateField, DecimalField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from .. import clock
from ..models.integrity import MonevScope
from ..rules.lke_data import PERCENT, SCALES, LkeRuleset
from ..settings.registry import CHOICE_REGISTRY
from .evidence_labels import ACTIVITY_LABELS, DOCUMENT_LABELS, RECOMMENDATION_LABELS, SCOPE_LABELS

_REQUIRED = _l("Isian ini wajib diisi.")


def choices(pairs) -> list[SelectChoice]:
    """SelectChoice objects (tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(value, label) for value, label in pairs]
_DATE_INVALID = _l("Tulis tanggal yang benar (tahun-bulan-hari, misalnya 2026-03-02).")


class _DateField(DateField):
    """A date field whose parse error is our Indonesian message (and keeps the raw text)."""

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(str(_DATE_INVALID)) from None


def _not_future(_form: FlaskForm, field: DateField) -> None:
    if field.data and field.data > clock.local_today():
        raise ValidationError(_l("Tanggal tidak boleh di masa depan."))


def _not_too_old(_form: FlaskForm, field: DateField) -> None:
    if field.data and field.data < date(2000, 1, 1):
        raise ValidationError(_l("Tanggal terlalu lama (sebelum tahun 2000)."))


def _unit_field() -> SelectField:
    return SelectField(_l("Unit/OPD"), coerce=str, validators=[Length(max=12, message=_l("Pilihan tidak dikenal."))])


def _date_field(label: object) -> DateField:
    return _DateField(label, validators=[InputRequired(_REQUIRED), _not_future, _not_too_old],
                      format="%Y-%m-%d")


def _reference() -> StringField:
    return StringField(_l("Lokasi/nomor arsip dokumen bukti (opsional)"),
                       validators=[Optional(), Length(max=300, message=_l("Paling banyak 300 karakter."))])


class _UnitForm(FlaskForm):
    unit = _unit_field()

    def set_units(self, units: list[tuple[int, str, str]]) -> None:
        self.unit.choices = choices([("", _l("Seluruh instansi"))] + [(str(i), name) for i, _c, name in units])

    @property
    def unit_id(self) -> int | None:
        return int(self.unit.data) if self.unit.data else None


class _FileForm(_UnitForm):
    """An evidence form with one file (``berkas``); its size and type are checked by the
    view with the upload service, which reads the content."""

    berkas: FileField

    @property
    def chosen_file(self) -> FileStorage | None:
        data = self.berkas.data
        return data if isinstance(data, FileStorage) and data.filename else None


class DocumentForm(_FileForm):
    kind = SelectField(_l("Jenis dokumen"), choices=choices((k.value, v) for k, v in DOCUMENT_LABELS.items()),
                       validators=[InputRequired(_REQUIRED)])
    number = StringField(_l("Nomor dokumen"), validators=[DataRequired(_REQUIRED),
                                                          Length(max=100, message=_l("Paling banyak 100 karakter."))])
    title = StringField(_l("Judul/perihal"), validators=[DataRequired(_REQUIRED),
                                                         Length(max=200, message=_l("Paling banyak 200 karakter."))])
    document_date = _date_field(_l("Tanggal ditetapkan"))
    reference = _reference()
    berkas = FileField(_l("Berkas dokumen"), validators=[
        FileRequired(_l("Unggah berkas dokumennya (PDF, dokumen Office atau hasil pindaian)."))])
    submit = SubmitField(_l("Simpan dokumen"))


class ActivityForm(_FileForm):
    kind = SelectField(_l("Jenis kegiatan"), choices=choices((k.value, v) for k, v in ACTIVITY_LABELS.items()),
                       validators=[InputRequired(_REQUIRED)])
    activity_date = _date_field(_l("Tanggal kegiatan"))
    title = StringField(_l("Nama kegiatan"), validators=[DataRequired(_REQUIRED),
                                                         Length(max=200, message=_l("Paling banyak 200 karakter."))])
    participants = IntegerField(_l("Jumlah peserta (opsional)"), validators=[
        Optional(), NumberRange(min=0, max=1_000_000, message=_l("Isi bilangan bulat 0 sampai 1.000.000."))])
    reference = _reference()
    berkas = FileField(_l("Lampiran (opsional): foto, poster, daftar hadir"))
    submit = SubmitField(_l("Simpan kegiatan"))


class MonevForm(_FileForm):
    scope = SelectField(_l("Cakupan monev"), choices=choices((k.value, v) for k, v in SCOPE_LABELS.items()),
                        validators=[InputRequired(_REQUIRED)])
    held_on = _date_field(_l("Tanggal rapat monev"))
    title = StringField(_l("Judul/notulen"), validators=[DataRequired(_REQUIRED),
                                                         Length(max=200, message=_l("Paling banyak 200 karakter."))])
    recommendations = TextAreaField(
        _l("Rekomendasi (satu per baris, opsional)"),
        validators=[Optional(), Length(max=5000, message=_l("Paling banyak 5.000 karakter."))])
    berkas = FileField(_l("Notulen (opsional)"))
    submit = SubmitField(_l("Simpan monev"))


class MonevReportForm(_UnitForm):
    period = SelectField(_l("Periode"), validators=[InputRequired(_REQUIRED)])
    scope = SelectField(_l("Cakupan"), choices=choices((k.value, v) for k, v in SCOPE_LABELS.items()),
                        default=MonevScope.keduanya.value, validators=[InputRequired(_REQUIRED)])
    obstacles = TextAreaField(_l("Kendala"), validators=[
        DataRequired(_l("Tuliskan kendala yang dihadapi (atau \"tidak ada\").")),
        Length(max=4000, message=_l("Paling banyak 4.000 karakter."))])
    solutions = TextAreaField(_l("Solusi"), validators=[
        DataRequired(_l("Tuliskan solusi yang ditempuh (atau \"tidak ada\").")),
        Length(max=4000, message=_l("Paling banyak 4.000 karakter."))])
    recommendations = TextAreaField(
        _l("Rekomendasi (satu per baris, opsional)"),
        validators=[Optional(), Length(max=5000, message=_l("Paling banyak 5.000 karakter."))])
    submit = SubmitField(_l("Buat laporan monev"))


class RecommendationStatusForm(FlaskForm):
    status = SelectField(_l("Status tindak lanjut"),
                         choices=choices((k.value, v) for k, v in RECOMMENDATION_LABELS.items()),
                         validators=[InputRequired(_REQUIRED)])
    submit = SubmitField(_l("Ubah status"))


class RecapForm(_UnitForm):
    year = IntegerField(_l("Tahun"), validators=[
        InputRequired(_REQUIRED), NumberRange(min=2015, max=2100, message=_l("Isi tahun 2015 sampai 2100."))])
    semester = SelectField(_l("Semester"), choices=choices([("1", _l("Semester I (Januari–Juni)")),
                                                            ("2", _l("Semester II (Juli–Desember)"))]),
                           validators=[InputRequired(_REQUIRED)])
    sent_on = _date_field(_l("Tanggal dikirim ke KPK"))
    reference = _reference()
    submit = SubmitField(_l("Simpan rekap"))


_AREA_CHECK = CHOICE_REGISTRY["lke.area_check_mode"]


class AreaCheckForm(FlaskForm):
    mode = SelectField(
        _l(_AREA_CHECK.label),
        choices=choices((value, _l(label)) for value, label in _AREA_CHECK.choices),
        validators=[InputRequired(_REQUIRED)],
    )
    submit = SubmitField(_l("Simpan cara pengujian"))


# ------------------------------------------------------------------ whole LKE (generated)

def answer_field_name(code: str) -> str:
    return "q__" + code.replace(".", "_")


def score_field_name(key: str) -> str:
    return "s__" + key.replace(".", "__")


def lke_form_class(rs: LkeRuleset, manual_keys: list[tuple[str, str, float]]) -> type[FlaskForm]:
    """A form with one field per question (blank = the app's answer or none) and per block."""
    attrs: dict[str, object] = {}
    for question in rs.questions():
        if question.scale == PERCENT:
            attrs[answer_field_name(question.code)] = DecimalField(
                f"{question.code} {question.text} (%)", places=2, validators=[
                    Optional(), NumberRange(min=0, max=100, message=_l("Isi persentase 0 sampai 100."))],
            )
        else:
            options = [("", str(_l("— kosong / hitungan aplikasi —")))]
            options += [(opt, f"{opt}: {question.options.get(opt, '')}".rstrip(": "))
                        for opt in SCALES[question.scale]]
            attrs[answer_field_name(question.code)] = SelectField(
                f"{question.code} {question.text}", choices=choices(options),
                validators=[Optional(), Length(max=5, message=_l("Pilihan tidak dikenal."))])
    for key, label, maximum in manual_keys:
        attrs[score_field_name(key)] = DecimalField(
            f"{label} (0–{maximum:g})", places=3, validators=[
                Optional(), NumberRange(min=0, max=maximum, message=_l("Isi nilai 0 sampai %(max)s."))],
        )
    survey = [Optional(), NumberRange(min=0, max=rs.survey_index_max, message=_l("Isi indeks 0 sampai 4."))]
    attrs["ipak"] = DecimalField(_l("IPAK – indeks persepsi anti korupsi (0–4)"), places=2, validators=survey)
    attrs["ipkp"] = DecimalField(_l("IPKP – indeks persepsi kualitas pelayanan (0–4)"), places=2,
                                 validators=survey)
    attrs["capaian"] = SelectField(
        _l("Capaian kinerja (A–E)"), choices=choices([("", "—")] + [(o, o) for o in SCALES[rs.capaian_scale]]),
        validators=[Optional(), Length(max=1, message=_l("Pilihan tidak dikenal."))])
    attrs["submit"] = SubmitField(_l("Simpan LKE"))
    return type("LkeForm", (FlaskForm,), attrs)
