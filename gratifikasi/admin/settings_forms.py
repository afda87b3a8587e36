"""The /admin/pengaturan form, generated from the settings registry (one field per setting)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from ..settings.registry import REGISTRY, SettingSpec


def field_name(key: str) -> str:
    """HTML-safe field name: dots would make awkward ids for labels and aria links."""
    return key.replace(".", "__")


def _field(spec: SettingSpec) -> IntegerField:
    return IntegerField(
        _l(spec.label),
        validators=[
            InputRequired(_l("Isian ini wajib diisi.")),
            NumberRange(
                min=spec.minimum,
                max=spec.maximum,
                message=_l("Isi bilangan bulat dari %(min)s sampai %(max)s."),
            ),
        ],
        invalid_value_message=_l("Isi bilangan bulat (hari kerja), tanpa huruf atau koma."),
        render_kw={"min": spec.minimum, "max": spec.maximum, "inputmode": "numeric"},
    )


def settings_form_class() -> type[FlaskForm]:
    """A form class with an IntegerField per registry entry, in registry order."""
    attributes: dict[str, object] = {field_name(key): _field(spec) for key, spec in REGISTRY.items()}
    attributes["submit"] = SubmitField(_l("Simpan pengaturan"))
    return type("SettingsForm", (FlaskForm,), attributes)


SettingsForm = settings_form_class()
