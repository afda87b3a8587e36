"""Forms of the KPK pages. Every field has a length limit and an Indonesian message."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..exports.semester import MAX_YEAR, MIN_YEAR
from ..rules.report_fields import RupiahError, parse_rupiah

_DATE = _l("Isi tanggal dengan format TTTT-BB-HH, misalnya 2026-08-17.")
_MAX = _l("Paling banyak %(max)d karakter.")


def _date(label) -> DateField:
    return DateField(label, validators=[InputRequired(_DATE)], invalid_value_message=_DATE)


def _sk_number() -> StringField:
    return StringField(
        _l("Nomor SK KPK"),
        validators=[DataRequired(_l("Isi nomor SK penetapan status dari KPK.")), Length(max=100, message=_MAX)],
    )


class ForwardForm(FlaskForm):
    gol_reference = StringField(
        _l("Nomor referensi GOL"),
        validators=[
            DataRequired(_l("Isi nomor referensi dari GOL (Gratifikasi Online).")), Length(max=64, message=_MAX),
        ],
    )
    forwarded_on = _date(_l("Tanggal diteruskan ke KPK"))
    submit = SubmitField(_l("Catat penerusan ke KPK"))


DECISION_CHOICES = [
    SelectChoice("milik_penerima", _l("Milik penerima")),
    SelectChoice("milik_negara", _l("Milik negara")),
    SelectChoice("milik_negara_dapat_dikompensasi", _l("Milik negara, dapat diganti dengan sejumlah uang")),
]


class DecisionForm(FlaskForm):
    sk_number = _sk_number()
    sk_date = _date(_l("Tanggal SK"))
    decision = SelectField(_l("Keputusan"), choices=DECISION_CHOICES,
                           validators=[DataRequired(_l("Pilih keputusan KPK."))])
    submit = SubmitField(_l("Catat SK KPK"))


CORRECTION_REASONS = [
    SelectChoice("", _l("— pilih —")),
    SelectChoice("salah_ketik", _l("Salah ketik saat mencatat")),
    SelectChoice("ralat_kpk", _l("KPK menerbitkan ralat SK")),
    SelectChoice("salah_laporan", _l("Tercatat SK untuk laporan lain")),
]


class CorrectionForm(FlaskForm):
    """Correct the recorded SK's number or date; the reason goes to the audit log. Made with
    ``prefix="koreksi"`` (its fields share names with the decision form's on the same page)."""

    sk_number = _sk_number()
    sk_date = _date(_l("Tanggal SK"))
    reason = SelectField(_l("Alasan koreksi"), choices=CORRECTION_REASONS,
                         validators=[DataRequired(_l("Pilih alasan koreksi."))])
    submit = SubmitField(_l("Simpan koreksi SK"))


FOLLOW_UP_LABELS = {
    "serahkan_barang": _l("Barang diserahkan (kepada KPK/negara)"),
    "setor_uang": _l("Uang disetor ke kas negara"),
    "setor_kompensasi": _l("Kompensasi disetor (barang tetap pada pelapor)"),
    "kembalikan_ke_pelapor": _l("Barang titipan dikembalikan kepada pelapor"),
}


class FollowUpForm(FlaskForm):
    kind = SelectField(_l("Tindak lanjut"), choices=[SelectChoice(key, text) for key, text in FOLLOW_UP_LABELS.items()],
                       validators=[DataRequired(_l("Pilih tindak lanjut."))])
    done_on = _date(_l("Tanggal tindak lanjut"))
    reference = StringField(
        _l("Nomor bukti"),
        validators=[
            DataRequired(_l("Isi nomor berita acara, NTPN, atau tanda terima.")), Length(max=100, message=_MAX),
        ],
    )
    amount = StringField(_l("Jumlah uang (Rp), bila menyetor uang"),
                         validators=[Optional(), Length(max=30, message=_MAX)])
    submit = SubmitField(_l("Catat tindak lanjut"))

    amount_value: int | None = None

    def validate_amount(self, field: StringField) -> None:
        self.amount_value = None
        if field.data:
            try:
                self.amount_value = parse_rupiah(field.data)
            except RupiahError as error:
                raise ValidationError(_(str(error))) from error
            if self.amount_value <= 0:
                raise ValidationError(_l("Jumlah harus lebih dari nol."))


class DepositForm(FlaskForm):
    gift_object_id = SelectField(_l("Objek yang dititipkan"), coerce=int, choices=[],
                                 validators=[InputRequired(_l("Pilih objek yang dititipkan."))],
                                 validate_choice=False)
    deposited_on = _date(_l("Tanggal dititipkan"))
    submit = SubmitField(_l("Catat titipan dan buat tanda terima"))


RELEASE_CHOICES = [
    SelectChoice("diserahkan_kpk", _l("Diserahkan kepada KPK/negara")),
    SelectChoice("dikembalikan_pelapor", _l("Dikembalikan kepada pelapor")),
]


class ReleaseForm(FlaskForm):
    released_on = _date(_l("Tanggal keluar"))
    release_kind = SelectField(_l("Keluar karena"), choices=RELEASE_CHOICES,
                               validators=[DataRequired(_l("Pilih ke mana objek keluar."))])
    submit = SubmitField(_l("Catat objek keluar"))


class RecapForm(FlaskForm):
    """A GET form (no secrets, bookmarkable): no CSRF token needed."""

    class Meta:
        csrf = False

    tahun = IntegerField(_l("Tahun"), validators=[
        InputRequired(_l("Isi tahun, misalnya 2026.")),
        NumberRange(min=MIN_YEAR, max=MAX_YEAR, message=_l("Tahun harus antara %(min)s dan %(max)s.")),
    ])
    semester = SelectField(_l("Semester"), choices=[SelectChoice("1", _l("Semester 1 (Januari–Juni)")),
                                                    SelectChoice("2", _l("Semester 2 (Juli–Desember)"))],
                           validators=[DataRequired(_l("Pilih semester."))])
    format = SelectField(_l("Format berkas"), choices=[SelectChoice("xlsx", _l("Excel (XLSX)")),
                                                       SelectChoice("csv", _l("CSV"))],
                         validators=[DataRequired(_l("Pilih format berkas."))])
    submit = SubmitField(_l("Unduh rekap"))
