"""Administration pages for units (OPD): add, rename, deactivate, and where their cases go.

The handling unit of an OPD's cases is a routing rule for that OPD (``cases.routing``), the
same rule the routing page edits; leaving it on "default" follows the kind's default rule.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from ..cases import routing
from ..extensions import db
from ..models import Role, Unit, UnitKind
from ..models.case import CaseKind
from ..security.roles import role_required
from . import bp, services
from .people_forms import ConfirmForm, HandlingForm, UnitCreateForm, UnitEditForm
from .views import acting_admin

Page = tuple[str, int]


def _list(form: UnitCreateForm | None = None, status: int = 200) -> Page:
    rows = db.session.execute(select(Unit).order_by(Unit.name)).scalars().all()
    return render_template("admin/units.html", units=rows, form=form or UnitCreateForm(formdata=None)), status


@bp.get("/unit")
@role_required(Role.admin)
def units() -> Page:
    return _list()


@bp.post("/unit")
@role_required(Role.admin)
def unit_create() -> Page | Response:
    form = UnitCreateForm()
    if not form.validate_on_submit():
        return _list(form, 400)
    try:
        unit = services.create_unit(code=form.code.data or "", name=form.name.data or "",
                                    kind=UnitKind(form.kind.data), by=acting_admin())
    except services.AdminError as error:
        db.session.rollback()
        form.code.errors = [_(str(error))]
        return _list(form, 400)
    flash(_("Unit %(nama)s ditambahkan.", nama=unit.name), "success")
    return redirect(url_for("admin.unit", unit_id=unit.id))


def _handling_choices(form: HandlingForm, unit: Unit) -> None:
    units = db.session.execute(
        select(Unit).where(Unit.active.is_(True) | (Unit.id.in_(routing.own_handling_units(unit.id).values())))
        .order_by(Unit.name)
    ).scalars().all()
    choices = [SelectChoice("", _("Ikuti aturan bawaan"))] + [SelectChoice(str(u.id), u.name) for u in units]
    form.gratifikasi.choices = choices
    form.pengaduan.choices = list(choices)


def _detail(unit: Unit, status: int = 200, *, edit: UnitEditForm | None = None,
            handling: HandlingForm | None = None, active: ConfirmForm | None = None) -> Page:
    if handling is None:
        own = routing.own_handling_units(unit.id)
        handling = HandlingForm(formdata=None, **{kind.value: str(own.get(kind, "")) for kind in CaseKind})
    _handling_choices(handling, unit)
    return render_template(
        "admin/unit.html", unit=unit, handling=handling,
        edit=edit or UnitEditForm(formdata=None, name=unit.name, kind=unit.kind.value),
        active=active or ConfirmForm(formdata=None),
    ), status


@bp.get("/unit/<int:unit_id>")
@role_required(Role.admin)
def unit(unit_id: int) -> Page:
    return _detail(db.get_or_404(Unit, unit_id))


@bp.post("/unit/<int:unit_id>/ubah")
@role_required(Role.admin)
def unit_rename(unit_id: int) -> Page | Response:
    unit = db.get_or_404(Unit, unit_id)
    form = UnitEditForm()
    if not form.validate_on_submit():
        return _detail(unit, 400, edit=form)
    try:
        services.rename_unit(unit.id, name=form.name.data or "", kind=UnitKind(form.kind.data), by=acting_admin())
    except services.AdminError as error:
        db.session.rollback()
        form.name.errors = [_(str(error))]
        return _detail(unit, 400, edit=form)
    flash(_("Unit disimpan."), "success")
    return redirect(url_for("admin.unit", unit_id=unit.id))


@bp.post("/unit/<int:unit_id>/penangan")
@role_required(Role.admin)
def unit_handling(unit_id: int) -> Page | Response:
    unit = db.get_or_404(Unit, unit_id)
    form = HandlingForm()
    _handling_choices(form, unit)
    if not form.validate_on_submit():
        return _detail(unit, 400, handling=form)
    try:
        for kind in CaseKind:
            chosen = form[kind.value].data or ""
            routing.set_handling_unit(acting_admin(), kind=kind, source_unit_id=unit.id,
                                      handling_unit_id=int(chosen) if chosen.isdigit() else None)
    except routing.RoutingError as error:
        db.session.rollback()
        form.gratifikasi.errors = [_(str(error))]
        return _detail(unit, 400, handling=form)
    flash(_("Unit penangan disimpan; berlaku untuk perkara baru."), "success")
    return redirect(url_for("admin.unit", unit_id=unit.id))


@bp.post("/unit/<int:unit_id>/status")
@role_required(Role.admin)
def unit_active(unit_id: int) -> Page | Response:
    unit = db.get_or_404(Unit, unit_id)
    form = ConfirmForm()
    valid = form.validate_on_submit()
    if "csrf_token" in form.errors:
        abort(400)
    if unit.active and not valid:  # deactivating needs the box ticked; reactivating does not
        return _detail(unit, 400, active=form)
    services.set_unit_active(unit.id, not unit.active, by=acting_admin())
    flash(_("Unit dinonaktifkan.") if not unit.active else _("Unit diaktifkan kembali."), "success")
    return redirect(url_for("admin.unit", unit_id=unit.id))
