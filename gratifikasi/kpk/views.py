"""/perkara/gratifikasi/<id>/kpk/…: the UPG's KPK steps for one report, and the recap export.

Views stay thin: forms validate, services do the work in one transaction, and a refused
step re-shows the page with everything typed and the message beside the field.
Documents with identity are POST (CSRF, audited) and sent as attachments, never cached.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms.fields.choices import SelectChoice

from .. import audit, clock
from ..cases.access import record_case_or_404
from ..exports import RECAP_HEADER, Semester, csv_chunks, recap_rows, xlsx_chunks
from ..extensions import db
from ..keyring import NoAccess
from ..keyring.session import current_private_key
from ..models import FollowUpKind, GratificationReport, KpkDecision, ReleaseKind, Role
from ..models.report import REPORT_RECORD_TYPE
from ..rules.workflow import GRATIFICATION
from ..security.roles import role_required
from . import documents, services
from .forms import (
    FOLLOW_UP_LABELS,
    CorrectionForm,
    DecisionForm,
    DepositForm,
    FollowUpForm,
    ForwardForm,
    RecapForm,
    ReleaseForm,
)
from .pdf import rupiah

bp = Blueprint("kpk", __name__, url_prefix="/perkara/gratifikasi")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report_or_404(report_id: int) -> GratificationReport:
    """The case rule decides (role, unit, handling, recusal): a report the officer may not
    open answers 404 like a missing one."""
    case = record_case_or_404(current_user, REPORT_RECORD_TYPE, report_id)
    report = services.get_report(case.record_id)
    if report is None:
        abort(404)
    g.case_id = case.id  # the page links back to its case
    return report


def _deposit_choices(report: GratificationReport) -> list[SelectChoice]:
    return [
        SelectChoice(obj.id, _("Objek %(no)d – %(nilai)s", no=obj.position, nilai=rupiah(obj.nilai_taksiran)))
        for obj in services.depositable_objects(report)
    ]


def _page(report: GratificationReport, status: int = 200, **forms) -> tuple[str, int]:
    follow_up = forms.get("follow_up") or FollowUpForm(formdata=None)
    allowed = {kind.value for kind in services.possible_follow_ups(report)}
    follow_up.kind.choices = [SelectChoice(key, text) for key, text in FOLLOW_UP_LABELS.items() if key in allowed]
    deposit = forms.get("deposit") or DepositForm(formdata=None)
    deposit.gift_object_id.choices = _deposit_choices(report)
    forward_refused = services.forwarding_refused(report)
    decided = services.records(report).decision
    correction = forms.get("correction") or CorrectionForm(
        formdata=None, prefix="koreksi",
        sk_number=decided.sk_number if decided else None, sk_date=decided.sk_date if decided else None,
    )
    can = {
        "correction": decided is not None,
        "forward": forward_refused is None and GRATIFICATION.find(report.status, "teruskan_kpk") is not None,
        "decision": GRATIFICATION.find(report.status, "tetapkan_milik_negara") is not None,
        "follow_up": bool(allowed),
        "deposit": bool(deposit.gift_object_id.choices),
    }
    # A refused form is shown again with its message even if the step is no longer possible.
    can.update({key: True for key in can if forms.get(key) is not None})
    return render_template(
        "kpk/report.html", report=report, records=services.records(report), can=can, case_id=g.case_id,
        forward_refused=forward_refused,
        state=GRATIFICATION.state(report.status),
        forward_form=forms.get("forward") or ForwardForm(formdata=None),
        decision_form=forms.get("decision") or DecisionForm(formdata=None), correction_form=correction,
        follow_up_form=follow_up, deposit_form=deposit,
        release_form=forms.get("release") or ReleaseForm(formdata=None),
        release_error_id=forms.get("release_error_id"),
        follow_up_labels=FOLLOW_UP_LABELS, release_labels=services.RELEASE_LABELS, rupiah=rupiah,
    ), status


def _refused(report: GratificationReport, form, error: services.KpkError, key: str) -> tuple[str, int]:
    target = getattr(form, error.field, None) if error.field else None
    if target is None:
        target = form.submit
    target.errors = [*target.errors, str(error)] if isinstance(target.errors, list) else [str(error)]
    return _page(report, 400, **{key: form})


def _done(report: GratificationReport, message: str):
    flash(message, "success")
    return redirect(url_for("kpk.report", report_id=report.id))


@bp.get("/<int:report_id>/kpk")
@role_required(Role.upg)
def report(report_id: int):
    return _page(_report_or_404(report_id))


@bp.post("/<int:report_id>/kpk/teruskan")
@role_required(Role.upg)
def forward(report_id: int):
    report = _report_or_404(report_id)
    form = ForwardForm()
    if not form.validate_on_submit():
        return _page(report, 400, forward=form)
    try:
        services.record_forwarding(report, current_user, form.gol_reference.data, form.forwarded_on.data,
                                   private_key=current_private_key())
    except services.KpkError as error:
        db.session.rollback()
        return _refused(report, form, error, "forward")
    return _done(report, _("Penerusan ke KPK dicatat."))


@bp.post("/<int:report_id>/kpk/sk")
@role_required(Role.upg)
def decision(report_id: int):
    report = _report_or_404(report_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _page(report, 400, decision=form)
    try:
        services.record_decision(report, current_user, form.sk_number.data, form.sk_date.data,
                                 KpkDecision(form.decision.data), private_key=current_private_key())
    except services.KpkError as error:
        db.session.rollback()
        return _refused(report, form, error, "decision")
    return _done(report, _("SK KPK dicatat."))


@bp.post("/<int:report_id>/kpk/sk/koreksi")
@role_required(Role.upg)
def correct_decision(report_id: int):
    report = _report_or_404(report_id)
    form = CorrectionForm(prefix="koreksi")
    if not form.validate_on_submit():
        return _page(report, 400, correction=form)
    try:
        services.correct_decision(report, current_user, form.sk_number.data, form.sk_date.data, form.reason.data)
    except services.KpkError as error:
        db.session.rollback()
        return _refused(report, form, error, "correction")
    return _done(report, _("Koreksi SK KPK disimpan dan dicatat dalam log audit."))


@bp.post("/<int:report_id>/kpk/tindak-lanjut")
@role_required(Role.upg)
def follow_up(report_id: int):
    report = _report_or_404(report_id)
    form = FollowUpForm()
    form.kind.choices = [SelectChoice(key, text) for key, text in FOLLOW_UP_LABELS.items()]
    if not form.validate_on_submit():
        return _page(report, 400, follow_up=form)
    try:
        services.record_follow_up(report, current_user, FollowUpKind(form.kind.data), form.done_on.data,
                                  form.reference.data, form.amount_value, private_key=current_private_key())
    except services.KpkError as error:
        db.session.rollback()
        return _refused(report, form, error, "follow_up")
    return _done(report, _("Tindak lanjut dicatat."))


@bp.post("/<int:report_id>/kpk/titipan")
@role_required(Role.upg)
def deposit(report_id: int):
    report = _report_or_404(report_id)
    form = DepositForm()
    form.gift_object_id.choices = _deposit_choices(report)
    if not form.validate_on_submit():
        return _page(report, 400, deposit=form)
    try:
        row = services.deposit_object(report, current_user, form.gift_object_id.data, form.deposited_on.data)
    except services.KpkError as error:
        db.session.rollback()
        return _refused(report, form, error, "deposit")
    return _done(report, _("Titipan dicatat dengan nomor tanda terima %(nomor)s.", nomor=row.receipt_number))


@bp.post("/<int:report_id>/kpk/titipan/<int:deposit_id>/keluar")
@role_required(Role.upg)
def release(report_id: int, deposit_id: int):
    report = _report_or_404(report_id)
    row = services.get_deposit(report, deposit_id)
    if row is None:
        abort(404)
    form = ReleaseForm()
    if not form.validate_on_submit():
        return _page(report, 400, release=form, release_error_id=deposit_id)
    try:
        services.release_object(row, current_user, form.released_on.data, ReleaseKind(form.release_kind.data))
    except services.KpkError as error:
        db.session.rollback()
        form.released_on.errors = [*form.released_on.errors, str(error)]
        return _page(report, 400, release=form, release_error_id=deposit_id)
    return _done(report, _("Objek %(nomor)s dicatat keluar.", nomor=row.receipt_number))


def _pdf_response(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _document(report: GratificationReport, build, filename: str, refused: str) -> WerkzeugResponse:
    """A PDF with identity, built for this officer only; a flash message if they lack a ring."""
    try:
        data = build(current_user, current_private_key())
    except NoAccess:
        db.session.rollback()
        flash(refused, "error")
        return redirect(url_for("kpk.report", report_id=report.id))
    return _pdf_response(data, filename)


@bp.post("/<int:report_id>/kpk/formulir.pdf")
@role_required(Role.upg)
def form_pdf(report_id: int):
    report = _report_or_404(report_id)
    return _document(
        report, lambda officer, key: documents.kpk_form(report, officer, key),
        f"formulir-kpk-{report.tracking_number}.pdf",
        _("Anda tidak memegang kunci kasus dan kunci identitas gratifikasi, jadi formulir KPK tidak dapat dibuat."),
    )


@bp.post("/<int:report_id>/kpk/titipan/<int:deposit_id>/tanda-terima.pdf")
@role_required(Role.upg)
def deposit_receipt(report_id: int, deposit_id: int):
    report = _report_or_404(report_id)
    row = services.get_deposit(report, deposit_id)
    if row is None:
        abort(404)
    return _document(
        report, lambda officer, key: documents.deposit_receipt(row, officer, key),
        f"tanda-terima-{row.receipt_number}.pdf",
        _("Anda tidak memegang kunci kasus dan kunci identitas gratifikasi, jadi tanda terima tidak dapat dibuat."),
    )


# -- semester recap ---------------------------------------------------------------------------


@bp.get("/rekap")
@role_required(Role.upg)
def recap():
    if not request.args:
        today = clock.local_today()
        current = RecapForm(formdata=None, tahun=today.year, semester="1" if today.month <= 6 else "2", format="xlsx")
        return render_template("kpk/recap.html", form=current), 200
    form = RecapForm(request.args)
    if not form.validate():
        return render_template("kpk/recap.html", form=form), 400
    semester = Semester(form.tahun.data, int(form.semester.data))
    fmt = form.format.data
    audit.record("export.semester_recap", actor_id=current_user.id, object_type="semester",
                 object_id=semester.slug, format=fmt)
    rows = recap_rows(db.session(), semester, viewer_id=current_user.id)  # the request's Session, not its proxy
    if fmt == "csv":
        body, mimetype = csv_chunks(RECAP_HEADER, rows), "text/csv; charset=utf-8"
    else:
        body, mimetype = xlsx_chunks(RECAP_HEADER, rows, sheet_name=f"Rekap {semester.slug}"), XLSX_MIME
    response = Response(stream_with_context(body), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="rekap-gratifikasi-{semester.slug}.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response
