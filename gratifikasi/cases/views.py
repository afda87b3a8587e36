"""Officer pages of the case workspace. Thin: forms in, services do the work.

Every case route looks the case up through ``access.case_or_404`` first: a case the officer
may not list (other queue, other handling unit, recused) answers 404 exactly like a missing
one. The case page is the only officer screen of a report or complaint.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from ..calendar.service import working_day_calendar
from ..extensions import db
from ..i18n import translate
from ..keyring import KeyringError, NoAccess
from ..keyring.session import current_private_key
from ..kpk import services as kpk_services
from ..models import Officer, Role, Unit
from ..models.case import CaseKind, ConflictKind
from ..models.complaint import Complaint
from ..models.report import GratificationReport
from ..rules.state_machine import IllegalTransition
from ..rules.workflow import MACHINES
from ..security.roles import role_required
from . import labels, page, queries, routing, services, sla
from .access import case_or_404
from .forms import (
    AssignForm,
    ConflictForm,
    IdentityRequestForm,
    MessageForm,
    NoteForm,
    QueueFilterForm,
    RoutingRuleForm,
    TransitionForm,
)

bp = Blueprint("cases", __name__, url_prefix="/perkara")

HANDLERS = (Role.upg, Role.inspektorat)


def _me() -> Officer:
    return current_user._get_current_object()


def _kind_for(officer: Officer) -> CaseKind:
    kind = CaseKind.of_queue(officer.role.value)
    assert kind is not None  # the routes that call this admit handling roles only
    return kind


def _message(error: Exception) -> str:
    if isinstance(error, IllegalTransition):
        return translate(error.message)
    return _(str(error))


# -- queue -------------------------------------------------------------------------------------


def _filter_form(officer: Officer) -> QueueFilterForm:
    form = QueueFilterForm(request.args)
    machine = MACHINES[_kind_for(officer).value]
    form.status.choices = [SelectChoice("", _("Semua status"))] + [
        SelectChoice(s.id, _(s.label)) for s in machine.states.values()
    ]
    units = db.session.execute(select(Unit).order_by(Unit.name)).scalars()
    form.unit.choices = [SelectChoice("", _("Semua OPD"))] + [SelectChoice(str(u.id), u.name) for u in units]
    form.category.choices = [SelectChoice("", _("Semua kategori"))] + [
        SelectChoice(value, label) for value, label in labels.categories(_kind_for(officer))
    ]
    return form


def _filters(form: QueueFilterForm) -> queries.QueueFilters:
    unit = form.unit.data or ""
    return queries.QueueFilters(
        status=(form.status.data or None) if form.status.data in {c.value for c in form.status.choices} else None,
        unit_id=int(unit) if unit.isdigit() else None,
        category=form.category.data or None,
        overdue=form.tenggat.data == "terlambat",
        due_soon=form.tenggat.data == "segera",
        mine=bool(form.saya.data),
        new=bool(form.baru.data),
        awaiting_me=bool(form.menunggu.data),
        scope=form.cakupan.data if form.cakupan.data in queries.SCOPES else "terbuka",
        sort=form.urut.data if form.urut.data in queries.SORTS else "tenggat",
    )


@bp.get("/")
@role_required(*HANDLERS)
def queue() -> str:
    officer = _me()
    form = _filter_form(officer)
    filters = _filters(form)
    today = services.today()
    calendar = working_day_calendar()
    soon = services.soon_within_hk()
    try:
        page = queries.queue_page(
            officer, filters, today=today, soon_until=sla.soon_limit(today, calendar, soon),
            cursor=request.args.get("setelah") or None,
        )
    except queries.BadCursor:
        abort(400)
    markers = {case.id: sla.marker(case.due_on, today, calendar, soon) for case in page.rows}
    args: dict[str, Any] = {k: v for k, v in request.args.items() if k != "setelah"}
    next_url = url_for("cases.queue", **args, setelah=page.next_cursor) if page.next_cursor else None
    machine = MACHINES[_kind_for(officer).value]
    return render_template(
        "cases/queue.html", form=form, page=page, markers=markers, next_url=next_url,
        first_url=url_for("cases.queue", **args) if not page.first else None, machine=machine,
    )


# -- case page ---------------------------------------------------------------------------------


def _action_choices(officer: Officer, case) -> list[tuple[str, str]]:
    return [SelectChoice("", _("— Pilih tindakan —"))] + [
        SelectChoice(tr.name, _(tr.label) + (" *" if tr.reason_required else ""))
        for tr in services.available_actions(officer, case)
    ]


def _case_forms(officer: Officer, case) -> dict[str, Any]:
    transition_form = TransitionForm()
    transition_form.action.choices = _action_choices(officer, case)
    assign_form = AssignForm()
    assign_form.officer.choices = [SelectChoice(o.id, o.full_name) for o in services.eligible_assignees(case)]
    return {
        "transition_form": transition_form, "assign_form": assign_form, "conflict_form": ConflictForm(),
        "note_form": NoteForm(), "message_form": MessageForm(), "identity_form": IdentityRequestForm(),
    }


def _render_case(case_id: int, status: int = 200, identity: dict | None = None, **forms: Any):
    officer = _me()
    try:
        view = page.case_view(officer, current_private_key(), case_id)
    except services.CaseNotFound:
        abort(404)
    context = _case_forms(officer, view.case)
    context.update(forms)  # a failed submission keeps what was typed, with its errors
    record = view.record
    return render_template(
        "cases/case.html", view=view, case=view.case, machine=services.machine_of(view.case),
        marker=services.marker(view.case), identity=identity,
        working_days_left=working_day_calendar().working_days_between(services.today(), view.case.due_on)
        if view.case.has_deadline else None,
        kpk_url=url_for("kpk.report", report_id=view.case.record_id) if view.is_report else None,
        kpk_pending=services.owner_actions_pending(officer, view.case),
        kpk=kpk_services.records(record) if isinstance(record, GratificationReport) else None,
        value_labels=labels.for_template(),
        recorded_by=db.session.get(Officer, record.recorded_by_id)
        if isinstance(record, Complaint) and record.recorded_by_id else None,
        **context,
    ), status


@bp.get("/<int:case_id>")
@role_required(*HANDLERS)
def case_page(case_id: int):
    return _render_case(case_id)


def _visible_or_404(case_id: int) -> None:
    case_or_404(_me(), case_id)


def _done(case_id: int, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for("cases.case_page", case_id=case_id))


@bp.post("/<int:case_id>/status")
@role_required(*HANDLERS)
def change_status(case_id: int):
    _visible_or_404(case_id)
    form = TransitionForm()
    case = services.case_for(_me(), case_id)
    form.action.choices = _action_choices(_me(), case)
    if not form.validate_on_submit():
        return _render_case(case_id, 400, transition_form=form)
    try:
        services.apply_transition(_me(), current_private_key(), case_id, form.action.data, form.reason.data)
    except services.CaseNotFound:
        abort(404)
    except (IllegalTransition, NoAccess, services.CaseError) as error:
        form.reason.errors = [*form.reason.errors, _message(error)]
        return _render_case(case_id, 400, transition_form=form)
    return _done(case_id, _("Status perkara diperbarui."))


@bp.post("/<int:case_id>/penanganan")
@role_required(*HANDLERS)
def assign(case_id: int):
    _visible_or_404(case_id)
    form = AssignForm()
    form.officer.choices = [
        SelectChoice(o.id, o.full_name) for o in services.eligible_assignees(services.case_for(_me(), case_id))
    ]
    if not form.validate_on_submit():
        return _render_case(case_id, 400, assign_form=form)
    try:
        services.assign(_me(), current_private_key(), case_id, form.officer.data, form.reason.data)
    except services.CaseNotFound:
        abort(404)
    except (NoAccess, services.CaseError) as error:
        form.reason.errors = [*form.reason.errors, _message(error)]
        return _render_case(case_id, 400, assign_form=form)
    return _done(case_id, _("Petugas penangan diperbarui."))


@bp.post("/<int:case_id>/konflik")
@role_required(*HANDLERS)
def declare_conflict(case_id: int):
    _visible_or_404(case_id)
    form = ConflictForm()
    if not form.validate_on_submit():
        return _render_case(case_id, 400, conflict_form=form)
    services.declare_conflict(_me(), case_id, ConflictKind(form.kind.data))
    flash(_("Konflik kepentingan dicatat. Perkara ini tidak lagi dapat Anda buka."), "success")
    return redirect(url_for("cases.queue"))


@bp.post("/<int:case_id>/catatan")
@role_required(*HANDLERS)
def add_note(case_id: int):
    _visible_or_404(case_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _render_case(case_id, 400, note_form=form)
    try:
        services.add_note(_me(), current_private_key(), case_id, form.body.data)
    except (NoAccess, services.CaseError) as error:
        form.body.errors = [*form.body.errors, _message(error)]
        return _render_case(case_id, 400, note_form=form)
    return _done(case_id, _("Catatan internal disimpan."))


@bp.post("/<int:case_id>/pesan")
@role_required(*HANDLERS)
def post_message(case_id: int):
    _visible_or_404(case_id)
    form = MessageForm()
    if not form.validate_on_submit():
        return _render_case(case_id, 400, message_form=form)
    try:
        services.post_message(_me(), current_private_key(), case_id, form.body.data)
    except (NoAccess, services.CaseError) as error:
        form.body.errors = [*form.body.errors, _message(error)]
        return _render_case(case_id, 400, message_form=form)
    return _done(case_id, _("Pesan terkirim ke kotak pesan pelapor."))


@bp.post("/<int:case_id>/identitas")
@role_required(*HANDLERS)
def show_identity(case_id: int):
    _visible_or_404(case_id)
    try:
        values = services.view_identity(_me(), current_private_key(), case_id)
    except NoAccess as error:
        flash(_message(error), "error")
        return redirect(url_for("cases.case_page", case_id=case_id))
    # Rendered in this response only: never stored in the session or put in a URL.
    return _render_case(case_id, identity=values)


@bp.post("/<int:case_id>/identitas/permintaan")
@role_required(*HANDLERS)
def request_identity(case_id: int):
    _visible_or_404(case_id)
    form = IdentityRequestForm()
    if not form.validate_on_submit():
        return _render_case(case_id, 400, identity_form=form)
    try:
        services.request_identity(_me(), case_id, form.reason.data)
    except (KeyringError, services.CaseError) as error:
        form.reason.errors = [*form.reason.errors, _message(error)]
        return _render_case(case_id, 400, identity_form=form)
    return _done(case_id, _("Permintaan dikirim ke kustodian identitas."))


# -- routing rules (admin) ---------------------------------------------------------------------


def _routing_form() -> RoutingRuleForm:
    form = RoutingRuleForm()
    units = list(db.session.execute(select(Unit).order_by(Unit.name)).scalars())
    form.source_unit.choices = [SelectChoice(0, _("Semua OPD (aturan bawaan)"))] + [
        SelectChoice(u.id, u.name) for u in units
    ]
    form.handling_unit.choices = [SelectChoice(u.id, u.name) for u in units]
    officers = db.session.execute(
        select(Officer).where(Officer.disabled_at.is_(None)).order_by(Officer.full_name)
    ).scalars()
    form.head_officer.choices = [SelectChoice(0, _("Tidak ada"))] + [
        SelectChoice(o.id, f"{o.full_name} ({o.unit.name})") for o in officers
    ]
    if request.method == "GET":
        form.kpk_loss_threshold.data = 1_000_000_000
        form.flag_penyelenggara_negara.data = form.flag_law_enforcer.data = True
    return form


@bp.route("/aturan-rute", methods=["GET", "POST"])
@role_required(Role.admin)
def routing_rules():
    form = _routing_form()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                routing.save_rule(
                    _me(), kind=CaseKind(form.kind.data), source_unit_id=form.source_unit.data or None,
                    handling_unit_id=form.handling_unit.data, head_officer_id=form.head_officer.data or None,
                    kpk_loss_threshold=form.kpk_loss_threshold.data,
                    flag_penyelenggara_negara=bool(form.flag_penyelenggara_negara.data),
                    flag_law_enforcer=bool(form.flag_law_enforcer.data),
                )
            except routing.RoutingError as error:
                db.session.rollback()
                form.handling_unit.errors = [*form.handling_unit.errors, _message(error)]
                status = 400
            else:
                flash(_("Aturan rute disimpan; berlaku untuk perkara baru."), "success")
                return redirect(url_for("cases.routing_rules"))
        else:
            status = 400
    return render_template("cases/routing.html", form=form, rules=routing.list_rules()), status
