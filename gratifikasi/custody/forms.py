from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length


class DecisionForm(FlaskForm):
    note = TextAreaField(
        _l("Catatan keputusan (untuk pemohon)"),
        validators=[Length(max=2000, message=_l("Maksimal 2000 karakter."))],
    )
    approve = SubmitField(_l("Setujui"))
    refuse = SubmitField(_l("Tolak"))

