"""Administration pages for officer accounts (admin role only).

Thin: the forms check the input, ``services`` and ``ring_rules`` do the work (the same
functions `flask officers …` and `flask keys …` call). Destructive steps (reset TOTP,
disable, ring revocation) need a ticked confirmation box; every change is audited.
"""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from ..extensions import db
from ..keyring import KeyringError, RingPurpose
from ..keyring.session import current_private_key
from ..models import Officer, Role, Unit
from ..models.officer import ROLE_LABELS
from ..security.roles import role_required
from . import bp, ring_rules, services
from .people_forms import ConfirmForm, DisableForm, GrantForm, OfficerChangeForm, OfficerCreateForm, RevokeForm

Page = tuple[str, int]


def acting_admin() -> Officer:
    """The logged-in admin, as the actor the services record."""
    return current_user._get_current_object()


def _role_unit_choices(form: OfficerCreateForm | OfficerChangeForm, current_unit_id: int | None = None) -> None:
    form.role.choices = [SelectChoice(role.value, _(ROLE_LABELS[role])) for role in Role]
    units = db.session.execute(
        select(Unit).where((Unit.active.is_(True)) | (Unit.id == current_unit_id)).order_by(Unit.name)
    ).scalars()
    form.unit.choices = [SelectChoice(unit.id, unit.name) for unit in units]


def _ring_choices(field: Any, purposes: list[RingPurpose]) -> None:
    field.choices = [SelectChoice(p.value, _(ring_rules.RING_LABELS[p])) for p in purposes]


def _forms(officer: Officer, given: dict[str, FlaskForm]) -> dict[str, FlaskForm]:
    offers = ring_rules.offers(officer)
    change = given.get("change") or OfficerChangeForm(formdata=None, role=officer.role.value, unit=officer.unit_id)
    _role_unit_choices(change, officer.unit_id)
    disable = given.get("disable") or DisableForm(formdata=None, prefix="off", revoke=[p.value for p in offers.held])
    _ring_choices(disable.revoke, offers.held)
    grant = given.get("grant") or GrantForm(formdata=None, grant=[p.value for p in offers.to_grant])
    _ring_choices(grant.grant, offers.to_grant)
    revoke = given.get("revoke") or RevokeForm(formdata=None, prefix="ring", revoke=[p.value for p in offers.to_revoke])
    _ring_choices(revoke.revoke, offers.held)
    return {"change": change, "disable": disable, "grant": grant, "revoke": revoke,
            "totp": given.get("totp") or ConfirmForm(formdata=None, prefix="totp"),
            "enable": given.get("enable") or FlaskForm(formdata=None)}


def _detail(officer: Officer, status: int = 200, **given: FlaskForm) -> Page:
    return render_template(
        "admin/officer.html", officer=officer, offers=ring_rules.offers(officer), forms=_forms(officer, given),
        ring_labels=ring_rules.RING_LABELS, me=acting_admin(),
    ), status


@bp.get("/petugas")
@role_required(Role.admin)
def officers() -> str:
    rows = db.session.execute(select(Officer).order_by(Officer.username)).scalars().all()
    return render_template("admin/officers.html", officers=rows)


@bp.route("/petugas/baru", methods=["GET", "POST"])
@role_required(Role.admin)
def officer_new() -> Page:
    form = OfficerCreateForm()
    _role_unit_choices(form)
    if not form.validate_on_submit():
        return render_template("admin/officer_new.html", form=form), 400 if form.is_submitted() else 200
    unit = db.session.get(Unit, form.unit.data)
    try:
        officer, temporary = services.create_officer(
            username=form.username.data or "", full_name=form.full_name.data or "", role=Role(form.role.data),
            unit_code=unit.code if unit else "", email=form.email.data or None, nip=form.nip.data or None,
            by=acting_admin(),
        )
    except services.AdminError as error:
        db.session.rollback()
        form.username.errors = [_(str(error))]
        return render_template("admin/officer_new.html", form=form), 400
    # The temporary password is shown on this response only: never in a URL, a flash or a log.
    return render_template("admin/officer_created.html", officer=officer, temporary=temporary), 201


@bp.get("/petugas/<int:officer_id>")
@role_required(Role.admin)
def officer(officer_id: int) -> Page:
    return _detail(db.get_or_404(Officer, officer_id))


def _done(officer: Officer, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for("admin.officer", officer_id=officer.id))


@bp.post("/petugas/<int:officer_id>/ubah")
@role_required(Role.admin)
def officer_change(officer_id: int) -> Page | Response:
    officer = db.get_or_404(Officer, officer_id)
    form = OfficerChangeForm()
    _role_unit_choices(form, officer.unit_id)
    if not form.validate_on_submit():
        return _detail(officer, 400, change=form)
    try:
        services.change_officer(officer.username, role=Role(form.role.data), unit_id=form.unit.data, by=acting_admin())
    except services.AdminError as error:
        db.session.rollback()
        form.role.errors = [_(str(error))]
        return _detail(officer, 400, change=form)
    return _done(officer, _("Peran dan unit disimpan; sesi petugas itu diakhiri."))


@bp.post("/petugas/<int:officer_id>/reset-totp")
@role_required(Role.admin)
def officer_reset_totp(officer_id: int) -> Page | Response:
    officer = db.get_or_404(Officer, officer_id)
    form = ConfirmForm(prefix="totp")
    if not form.validate_on_submit():
        return _detail(officer, 400, totp=form)
    services.reset_totp(officer.username, by=acting_admin())
    return _done(officer, _("Autentikator direset; petugas mendaftarkan autentikator baru saat masuk."))


def _ring_step(officer: Officer, step: str, purposes: list[RingPurpose]) -> str | None:
    """Grant or revoke rings with the admin's own key; the refusal message, if any."""
    if not purposes:
        return None
    try:
        if step == "grant":
            ring_rules.grant(acting_admin(), current_private_key(), officer, purposes)
        else:
            ring_rules.revoke(acting_admin(), current_private_key(), officer, purposes)
    except KeyringError as error:
        db.session.rollback()
        return _(str(error))
    return None


@bp.post("/petugas/<int:officer_id>/nonaktifkan")
@role_required(Role.admin)
def officer_disable(officer_id: int) -> Page | Response:
    officer = db.get_or_404(Officer, officer_id)
    form = DisableForm(prefix="off")
    _ring_choices(form.revoke, ring_rules.offers(officer).held)
    if not form.validate_on_submit():
        return _detail(officer, 400, disable=form)
    try:
        services.disable_officer(officer.username, by=acting_admin())
    except services.AdminError as error:
        db.session.rollback()
        form.confirm.errors = [_(str(error))]
        return _detail(officer, 400, disable=form)
    refused = _ring_step(officer, "revoke", [RingPurpose(p) for p in form.revoke.data or []])
    if refused:
        flash(_("Akun dinonaktifkan, tetapi keanggotaan cincin belum dicabut: %(alasan)s", alasan=refused), "error")
        return redirect(url_for("admin.officer", officer_id=officer.id))
    return _done(officer, _("Akun dinonaktifkan; semua sesinya diakhiri."))


@bp.post("/petugas/<int:officer_id>/aktifkan")
@role_required(Role.admin)
def officer_enable(officer_id: int) -> Page | Response:
    officer = db.get_or_404(Officer, officer_id)
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    services.enable_officer(officer.username, by=acting_admin())
    return _done(officer, _("Akun diaktifkan kembali."))


@bp.post("/petugas/<int:officer_id>/cincin/<any(beri, cabut):step>")
@role_required(Role.admin)
def officer_rings(officer_id: int, step: str) -> Page | Response:
    """Grant the rings the role calls for, or revoke held ones (ticked confirmation)."""
    officer = db.get_or_404(Officer, officer_id)
    offers = ring_rules.offers(officer)
    form: GrantForm | RevokeForm = GrantForm() if step == "beri" else RevokeForm(prefix="ring")
    field = form.grant if isinstance(form, GrantForm) else form.revoke
    _ring_choices(field, offers.to_grant if step == "beri" else offers.held)
    given = {"grant" if step == "beri" else "revoke": form}
    if not form.validate_on_submit():
        return _detail(officer, 400, **given)
    refused = _ring_step(officer, "grant" if step == "beri" else "revoke", [RingPurpose(p) for p in field.data or []])
    if refused:
        field.errors = [refused]
        return _detail(officer, 400, **given)
    return _done(officer, _("Cincin kunci diberikan.") if step == "beri" else
                 _("Keanggotaan cincin dicabut; kunci cincin diganti dan kunci data disegel ulang."))
