"""Forms of the admin's officer and unit pages: every field has a limit and a message beside it.

Choices (roles, units, rings) are filled by the views; destructive steps carry a "yes, I am
sure" box, so the confirmation works without JavaScript.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from ..models import UNIT_KINDS

_USERNAME = r"^[A-Za-z0-9._-]+$"
_CODE = r"^[A-Za-z0-9._-]+$"


def _required(message: str) -> DataRequired:
    return DataRequired(message=message)


class _RoleUnit:
    role = SelectField(_l("Peran"), validators=[InputRequired(message=_l("Pilih peran."))])
    unit = SelectField(_l("Unit"), coerce=int, validators=[InputRequired(message=_l("Pilih unit."))])


class OfficerCreateForm(_RoleUnit, FlaskForm):
    username = StringField(_l("Nama pengguna"), validators=[
        _required(_l("Isi nama pengguna.")),
        Length(max=64, message=_l("Paling banyak %(max)d karakter.", max=64)),
        Regexp(_USERNAME, message=_l("Hanya huruf, angka, titik, garis bawah atau tanda hubung.")),
    ])
    full_name = StringField(_l("Nama lengkap"), validators=[
        _required(_l("Isi nama lengkap.")), Length(max=200, message=_l("Paling banyak %(max)d karakter.", max=200)),
    ])
    email = StringField(_l("E-mail"), validators=[
        Optional(), Length(max=254, message=_l("Paling banyak %(max)d karakter.", max=254)),
        Regexp(r"^[^@\s]+@[^@\s]+$", message=_l("Alamat e-mail tidak sah.")),
    ])
    nip = StringField(_l("NIP (18 angka, boleh kosong)"), validators=[
        Optional(), Regexp(r"^[0-9]{18}$", message=_l("NIP harus 18 angka.")),
    ])


class OfficerChangeForm(_RoleUnit, FlaskForm):
    pass


class ConfirmForm(FlaskForm):
    confirm = BooleanField(_l("Ya, saya yakin"), validators=[_required(_l("Centang untuk mengonfirmasi."))])


class _Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DisableForm(ConfirmForm):
    revoke = _Checkboxes(_l("Cabut juga keanggotaan cincin kunci (kunci cincin diganti)"), validate_choice=True)


class RevokeForm(ConfirmForm):
    revoke = _Checkboxes(_l("Cincin kunci yang dicabut"), validate_choice=True,
                         validators=[_required(_l("Pilih cincin kunci."))])


class GrantForm(FlaskForm):
    grant = _Checkboxes(_l("Cincin kunci yang diberikan"), validate_choice=True,
                        validators=[_required(_l("Pilih cincin kunci."))])


_KIND_CHOICES = [SelectChoice(kind, kind) for kind in UNIT_KINDS]


class UnitEditForm(FlaskForm):
    name = StringField(_l("Nama unit"), validators=[
        _required(_l("Isi nama unit.")), Length(max=200, message=_l("Paling banyak %(max)d karakter.", max=200)),
    ])
    kind = SelectField(_l("Jenis"), choices=_KIND_CHOICES, validators=[InputRequired(message=_l("Pilih jenis."))])


class UnitCreateForm(UnitEditForm):
    code = StringField(_l("Kode unit"), validators=[
        _required(_l("Isi kode unit.")), Length(max=32, message=_l("Paling banyak %(max)d karakter.", max=32)),
        Regexp(_CODE, message=_l("Hanya huruf, angka, titik, garis bawah atau tanda hubung.")),
    ])


class HandlingForm(FlaskForm):
    """Which unit handles this OPD's cases, per kind ("" = the kind's default rule)."""

    gratifikasi = SelectField(_l("Unit penangan laporan gratifikasi"), validate_choice=True)
    pengaduan = SelectField(_l("Unit penangan pengaduan"), validate_choice=True)
