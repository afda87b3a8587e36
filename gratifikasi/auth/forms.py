"""Login, TOTP and password forms. Every field has a length limit and a clear message."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp


class LoginForm(FlaskForm):
    username = StringField(
        _l("Nama pengguna"),
        validators=[
            DataRequired(_l("Nama pengguna wajib diisi.")), Length(max=64, message=_l("Maksimal 64 karakter.")),
        ],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Kata sandi"),
        validators=[DataRequired(_l("Kata sandi wajib diisi.")), Length(max=128, message=_l("Maksimal 128 karakter."))],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Lanjut"))


class TotpForm(FlaskForm):
    code = StringField(
        _l("Kode dari aplikasi autentikator"),
        validators=[
            DataRequired(_l("Kode wajib diisi.")),
            Length(max=10, message=_l("Kode terdiri atas 6 angka.")),
            Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("Kode terdiri atas 6 angka.")),
        ],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"},
    )
    submit = SubmitField(_l("Masuk"))


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        _l("Kata sandi saat ini"),
        validators=[DataRequired(_l("Kata sandi saat ini wajib diisi.")), Length(max=128)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("Kata sandi baru"),
        validators=[
            DataRequired(_l("Kata sandi baru wajib diisi.")), Length(max=128, message=_l("Maksimal 128 karakter.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        _l("Ulangi kata sandi baru"),
        validators=[
            DataRequired(_l("Ulangi kata sandi baru.")),
            EqualTo("new_password", message=_l("Kedua isian kata sandi baru tidak sama.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Simpan kata sandi"))


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("Keluar"))


class KeyEnrolForm(FlaskForm):
    password = PasswordField(
        _l("Kata sandi Anda"),
        validators=[DataRequired(_l("Kata sandi wajib diisi.")), Length(max=128, message=_l("Maksimal 128 karakter."))],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Buat kunci pribadi"))


class KeyConfirmForm(FlaskForm):
    stored = BooleanField(
        _l("Saya sudah menyimpan kunci pemulihan di tempat aman (dicetak atau di pengelola kata sandi)."),
        validators=[DataRequired(_l("Centang kotak ini setelah Anda menyimpan kunci pemulihan."))],
    )
    submit = SubmitField(_l("Selesai"))


class RecoveryForm(FlaskForm):
    username = StringField(
        _l("Nama pengguna"),
        validators=[
            DataRequired(_l("Nama pengguna wajib diisi.")), Length(max=64, message=_l("Maksimal 64 karakter.")),
        ],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    recovery_key = StringField(
        _l("Kunci pemulihan"),
        validators=[
            DataRequired(_l("Kunci pemulihan wajib diisi.")), Length(max=80, message=_l("Maksimal 80 karakter.")),
        ],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
    code = TotpForm.code
    new_password = PasswordChangeForm.new_password
    confirm_password = PasswordChangeForm.confirm_password
    submit = SubmitField(_l("Pulihkan akses"))
