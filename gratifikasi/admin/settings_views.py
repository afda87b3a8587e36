"""/admin/pengaturan: the per-tenant settings of the registry, with labels and legal basis."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from ..extensions import db
from ..models import Officer, Role
from ..security.roles import role_required
from ..settings import service as settings_service
from ..settings.registry import REGISTRY
from . import bp
from .settings_forms import SettingsForm, field_name


# SettingsForm is built at import time from the registry, so the type checker cannot use it as
# a type; its base class is what the page needs.
def _page(form: FlaskForm, status: int = 200) -> tuple[str, int]:
    rows = settings_service.setting_rows()
    editor_ids = {row.updated_by_id for row in rows.values() if row.updated_by_id is not None}
    editors = {
        officer.id: officer.username
        for officer in db.session.execute(select(Officer).where(Officer.id.in_(editor_ids))).scalars()
    } if editor_ids else {}
    groups: dict[str, list[dict[str, object]]] = {}
    for key, spec in REGISTRY.items():
        row = rows.get(key)
        groups.setdefault(spec.group, []).append({
            "spec": spec,
            "field": form[field_name(key)],
            "row": row,
            "editor": editors.get(row.updated_by_id) if row is not None and row.updated_by_id else None,
        })
    return render_template("admin/settings.html", form=form, groups=groups,
                           values=settings_service.all_settings()), status


@bp.get("/pengaturan")
@role_required(Role.admin)
def settings() -> tuple[str, int]:
    current = settings_service.all_settings()
    form = SettingsForm(formdata=None, data={field_name(key): value for key, value in current.items()})
    return _page(form)


@bp.post("/pengaturan")
@role_required(Role.admin)
def settings_save() -> tuple[str, int] | Response:
    form = SettingsForm()
    if not form.validate_on_submit():
        flash(_("Pengaturan belum disimpan. Periksa isian yang ditandai."), "error")
        return _page(form, status=400)
    current = settings_service.all_settings()
    changed = 0
    for key in REGISTRY:
        value = form[field_name(key)].data
        if value != current[key]:
            try:
                settings_service.set_setting(key, value, current_user)
            except settings_service.SettingError as error:  # the form checks the same limits
                form[field_name(key)].errors = [str(error)]
                return _page(form, status=400)
            changed += 1
    flash(_("Pengaturan disimpan (%(n)d diubah).", n=changed), "success")
    return redirect(url_for("admin.settings"))
