"""Integrity pages. Views stay thin: parse, check the role, call a service, render.

Who sees what (checked on the server for every route):

* dashboards, unit pages, the LKE and the evidence lists: admin, UPG, Inspektorat, pimpinan
  (pimpinan reads every unit and changes nothing);
* entering evidence (with its file) and the LKE, generating the monev report: admin and UPG;
* evidence files: the viewers above, downloaded at /lampiran/<id> under the rule in
  :mod:`.access`, and only by holders of the case ring (the key the files are sealed to);
* the cases behind a number: gratification reports for the UPG and pimpinan, complaints for
  the Inspektorat and pimpinan; an admin sees the numbers without links.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response

from .. import clock

from ..settings import service as settings_service
from ..models import Role
from ..models.integrity import ActivityKind, DocumentKind, MonevRecord, MonevScope, RecommendationStatus
from ..keyring.session import current_private_key
from ..keyring.vault import VaultNotReady
from ..rules.indicators import Period
from ..rules.lke_data import PERCENT
from ..extensions import db
from ..security.roles import role_required
from ..uploads.inspect import UploadRejected
from ..uploads.service import check_files, refusal_text
from . import bp, charts, exports, public_bp, queries, services, totals
from .access import EDITORS, VIEWERS
from .forms import (
    ACTIVITY_LABELS,
    DOCUMENT_LABELS,
    RECOMMENDATION_LABELS,
    SCOPE_LABELS,
    ActivityForm,
    AreaCheckForm,
    DocumentForm,
    MonevForm,
    MonevReportForm,
    RecapForm,
    RecommendationStatusForm,
    answer_field_name,
    choices,
    lke_form_class,
    score_field_name,
)
from .services import IntegrityError

DRILL_ROLES = {
    queries.KIND_REPORT: (Role.upg, Role.pimpinan),
    queries.KIND_COMPLAINT: (Role.inspektorat, Role.pimpinan),
}
# Who handles each kind in the case workspace (its own checks still apply there).
WORKSPACE_ROLES = {queries.KIND_REPORT: (Role.upg,), queries.KIND_COMPLAINT: (Role.inspektorat,)}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ------------------------------------------------------------------ helpers

@bp.after_request
def _keep_recount(response: Response) -> Response:
    """Reading the dashboard totals may have recounted months with new changes
    (totals.catch_up). GET pages change nothing else: commit, so the next reader finds them
    counted."""
    if request.method == "GET" and response.status_code < 400 and db.session.info.pop(totals.RECOUNTED, False):
        db.session.commit()
    return response


def _period() -> Period:
    try:
        return services.parse_period(request.args.get("periode"))
    except IntegrityError as error:
        flash(str(error), "error")
        return services.parse_period(None)


def _unit_or_404(unit_id: int) -> str:
    name = queries.unit_name(unit_id)
    if name is None:
        abort(404)
    return name


def can_drill(kind: str) -> bool:
    return current_user.has_role(*DRILL_ROLES.get(kind, ()))


def case_link(kind: str, measure: str, period: Period, unit_id: int | None = None) -> str | None:
    """URL of the cases behind a number, or None when the viewer may not see them.

    It goes to this package's list, which filters by the very SQL condition that produced
    the number (period and measure included), so the two always agree. That list links on to
    the case workspace's queue (``cases`` blueprint, issue 6) when it is registered."""
    if not can_drill(kind):
        return None
    params: dict[str, Any] = {"jenis": kind, "ukuran": measure, "periode": services.period_code(period)}
    if unit_id is not None:
        params["unit"] = unit_id
    return url_for("integrity.cases", **params)


def workspace_link(kind: str, measure: str, unit_id: int | None) -> str | None:
    """The case workspace queue with the nearest filters (status/unit/category), if present."""
    if "cases" not in current_app.blueprints or not current_user.has_role(*WORKSPACE_ROLES.get(kind, ())):
        return None
    params: dict[str, Any] = {"cakupan": "semua"}
    if unit_id is not None:
        params["unit"] = unit_id
    if measure.startswith("status:"):
        params["status"] = measure[7:]
    elif measure.startswith("kategori:"):
        params["category"] = measure[9:]
    try:
        return url_for("cases.queue", **params)
    except BuildError:
        return None


@bp.app_context_processor
def _helpers() -> dict[str, Any]:
    return {"integrity_case_link": case_link, "percent_text": services.percent_text,
            "integrity_status_label": services.status_label}


def _common(period: Period) -> dict[str, Any]:
    return {"period": period, "period_code": services.period_code(period),
            "all_period_choices": [c for y in range(clock.utcnow().year, clock.utcnow().year - 6, -1)
                                   for c in services.period_choices(y)],
            "can_edit": current_user.has_role(*EDITORS)}


def _month_chart(chart_id: str, months: list[dict[str, Any]]) -> Any:
    labels = [m["period"].label_id[:3] for m in months]
    return charts.bar_chart(chart_id, _("Laporan gratifikasi dan pengaduan per bulan"), labels, [
        charts.Series(_("Laporan gratifikasi"), [m["reports"] for m in months], "chart-a"),
        charts.Series(_("Pengaduan"), [m["complaints"] for m in months], "chart-b"),
    ])


# ------------------------------------------------------------------ dashboards

@bp.get("/")
@role_required(*VIEWERS)
def dashboard() -> str:
    period = _period()
    data = services.agency_dashboard(period)
    ranking = data["ranking"]
    ranking_chart = charts.hbar_chart(
        "peringkat", _("Persentase penanganan pengaduan per unit"),
        [r.name for r in ranking], [round(r.pre2.score * 100) for r in ranking], 100, " %")
    return render_template("integrity/dashboard.html", data=data, month_chart=_month_chart("tren", data["months"]),
                           ranking_chart=ranking_chart, **_common(period))


@bp.get("/unit/<int:unit_id>")
@role_required(*VIEWERS)
def unit(unit_id: int) -> str:
    name = _unit_or_404(unit_id)
    period = _period()
    data = services.unit_dashboard(unit_id, period)
    return render_template("integrity/unit.html", unit_id=unit_id, unit_name=name, data=data,
                           month_chart=_month_chart("tren-unit", data["months"]), **_common(period))


@bp.get("/perkara")
@role_required(*VIEWERS)
def cases() -> str:
    """The cases behind a number: public number, status and date only, never content."""
    kind = request.args.get("jenis", "")
    if kind not in queries.KINDS:
        abort(404)
    if not can_drill(kind):
        abort(403)
    measure = request.args.get("ukuran", "semua")[:60]
    unit_id = request.args.get("unit", type=int)
    if unit_id is not None:
        _unit_or_404(unit_id)
    period = _period()
    page = max(1, min(request.args.get("hal", 1, type=int), 100_000))
    try:
        rows, total = queries.case_rows(kind, queries.Scope(period.start, period.end, unit_id), measure,
                                        limit=services.LIST_PAGE_SIZE, offset=(page - 1) * services.LIST_PAGE_SIZE)
    except ValueError:
        abort(404)
    return render_template(
        "integrity/cases.html", kind=kind, measure=measure, unit_id=unit_id,
        unit_name=queries.unit_name(unit_id) if unit_id else None, rows=rows, total=total, page=page,
        page_size=services.LIST_PAGE_SIZE, status_label=services.status_label,
        workspace=workspace_link(kind, measure, unit_id), **_common(period))


# ------------------------------------------------------------------ whole LKE

def _lke_form(view: services.LkeView, formdata: Any = None) -> Any:
    keys = services.manual_score_keys(view.ruleset)
    form_class = lke_form_class(view.ruleset, keys)
    if formdata is not None:
        return form_class(formdata=formdata), keys
    data: dict[str, Any] = {}
    entry = view.entry
    if entry is not None:
        for code, value in (entry.answers or {}).items():
            if services.is_percent_question(view.ruleset, code):
                data[answer_field_name(code)] = Decimal(str(round(float(value) * 100, 2)))
            else:
                data[answer_field_name(code)] = value
        for key, value in (entry.manual_scores or {}).items():
            data[score_field_name(key)] = Decimal(str(value))
        data["ipak"] = Decimal(str(entry.ipak)) if entry.ipak is not None else None
        data["ipkp"] = Decimal(str(entry.ipkp)) if entry.ipkp is not None else None
        data["capaian"] = entry.capaian or ""
    return form_class(formdata=None, data=data), keys


def _lke_page(unit_id: int, year: int, form: Any = None, status: int = 200) -> tuple[str, int]:
    name = _unit_or_404(unit_id)
    try:
        view = services.lke_view(unit_id, year)
    except IntegrityError as error:
        flash(str(error), "error")
        return render_template("integrity/lke_unavailable.html", unit_id=unit_id, unit_name=name, year=year,
                               **_common(Period.of_year(min(max(year, services.MIN_YEAR), services.MAX_YEAR)))), 404
    keys = services.manual_score_keys(view.ruleset)
    if form is None and current_user.has_role(*EDITORS):
        form, keys = _lke_form(view)
    return render_template("integrity/lke.html", unit_id=unit_id, unit_name=name, year=year, view=view, form=form,
                           manual_keys=keys, score_field_name=score_field_name, answer_field_name=answer_field_name,
                           mode_labels=dict(services.settings_registry_choices()),
                           **_common(Period.of_year(year))), status


def _year_or_404(year: int) -> int:
    if not services.MIN_YEAR <= year <= services.MAX_YEAR:
        abort(404)
    return year


@bp.get("/lke/<int:unit_id>/<int:year>")
@role_required(*VIEWERS)
def lke(unit_id: int, year: int) -> tuple[str, int]:
    return _lke_page(unit_id, _year_or_404(year))


@bp.post("/lke/<int:unit_id>/<int:year>")
@role_required(*EDITORS)
def lke_save(unit_id: int, year: int) -> tuple[str, int] | Response:
    _unit_or_404(unit_id)
    _year_or_404(year)
    try:
        view = services.lke_view(unit_id, year)
    except IntegrityError:
        abort(404)
    form, keys = _lke_form(view, formdata=request.form)
    if not form.validate_on_submit():
        flash(_("LKE belum disimpan. Periksa isian yang ditandai."), "error")
        return _lke_page(unit_id, year, form, 400)
    answers: dict[str, str | float] = {}
    for question in view.ruleset.questions():
        value = form[answer_field_name(question.code)].data
        if value in (None, ""):
            continue
        answers[question.code] = float(value) / 100 if question.scale == PERCENT else value
    scores = {key: float(form[score_field_name(key)].data) for key, _l, _m in keys
              if form[score_field_name(key)].data is not None}
    try:
        services.save_lke_entry(
            unit_id, year, answers, scores,
            ipak=float(form.ipak.data) if form.ipak.data is not None else None,
            ipkp=float(form.ipkp.data) if form.ipkp.data is not None else None,
            capaian=form.capaian.data or None, officer=current_user)
    except (ValueError, IntegrityError) as error:
        flash(str(error), "error")
        return _lke_page(unit_id, year, form, 400)
    flash(_("LKE disimpan."), "success")
    return redirect(url_for("integrity.lke", unit_id=unit_id, year=year))


@bp.get("/lke/<int:unit_id>/<int:year>/lembar-kerja.xlsx")
@role_required(*VIEWERS)
def lke_export(unit_id: int, year: int) -> Response:
    name = _unit_or_404(unit_id)
    _year_or_404(year)
    try:
        view = services.lke_view(unit_id, year)
    except IntegrityError:
        abort(404)
    period = Period.of_year(year)
    evidence = _with_files(services.evidence_list(unit_id, period.start, period.end))
    data = exports.lke_workbook(view, name, evidence)
    return send_file(data, mimetype=XLSX, as_attachment=True, download_name=f"lke-{unit_id}-{year}.xlsx")


# ------------------------------------------------------------------ evidence

def _with_files(evidence: services.EvidenceList) -> services.EvidenceList:
    return services.with_files(evidence, current_user._get_current_object(), current_private_key())


def _evidence_forms(units: list[tuple[int, str, str]], **given: Any) -> dict[str, Any]:
    forms = {
        "document_form": given.get("document_form") or DocumentForm(formdata=None, prefix="dok"),
        "activity_form": given.get("activity_form") or ActivityForm(formdata=None, prefix="keg"),
        "monev_form": given.get("monev_form") or MonevForm(formdata=None, prefix="mon"),
        "recap_form": given.get("recap_form") or RecapForm(formdata=None, prefix="rek"),
    }
    for form in forms.values():
        form.set_units(units)
    return forms


def _evidence_page(status: int = 200, **forms: Any) -> tuple[str, int]:
    unit_id = request.args.get("unit", type=int)
    units = queries.active_units()
    evidence = _with_files(services.evidence_list(unit_id))
    return render_template(
        "integrity/evidence.html", evidence=evidence, units=units, unit_id=unit_id,
        document_labels=DOCUMENT_LABELS, activity_labels=ACTIVITY_LABELS, scope_labels=SCOPE_LABELS,
        recommendation_labels=RECOMMENDATION_LABELS, status_form=RecommendationStatusForm(formdata=None),
        **_evidence_forms(units, **forms), **_common(services.parse_period(None))), status


@bp.get("/bukti")
@role_required(*VIEWERS)
def evidence() -> tuple[str, int]:
    return _evidence_page()


def _bound(form_class: type, prefix: str) -> Any:
    form = form_class(prefix=prefix)
    form.set_units(queries.active_units())
    return form


def _checked(form: Any) -> bool:
    """Validate the form and its file (size, and type by content). A refused file's message
    goes beside the file field; everything typed is shown again (a browser never re-sends a
    file, so only the file has to be chosen again)."""
    valid = form.validate_on_submit()
    problems = check_files([form.chosen_file], kinds=services.EVIDENCE_FILE_KINDS)
    form.berkas.errors = [*form.berkas.errors, *problems]
    return valid and not problems


def _save_with_file(form: Any, form_key: str, not_saved: str, saved: str,
                    save: Callable[[Any], object]) -> tuple[str, int] | Response:
    """The shared steps of the evidence forms that carry a file: check, save, answer."""
    if not _checked(form):
        flash(not_saved, "error")
        return _evidence_page(400, **{form_key: form})
    try:
        save(form)
    except UploadRejected as error:  # e.g. a damaged image, found only when re-encoding it
        form.berkas.errors = [*form.berkas.errors, refusal_text(form.chosen_file.filename, error)]
        flash(not_saved, "error")
        return _evidence_page(400, **{form_key: form})
    except VaultNotReady:
        flash(_("Berkas belum dapat disimpan karena kunci sistem belum disiapkan. Hubungi admin."), "error")
        return _evidence_page(503, **{form_key: form})
    flash(saved, "success")
    return redirect(url_for("integrity.evidence"))


@bp.post("/bukti/dokumen")
@role_required(*EDITORS)
def add_document() -> tuple[str, int] | Response:
    return _save_with_file(
        _bound(DocumentForm, "dok"), "document_form", _("Dokumen belum disimpan. Periksa isian yang ditandai."),
        _("Dokumen bukti disimpan."),
        lambda form: services.add_document(
            current_user, unit_id=form.unit_id, kind=DocumentKind(form.kind.data), number=form.number.data.strip(),
            title=form.title.data.strip(), document_date=form.document_date.data,
            reference=(form.reference.data or "").strip(), file=form.chosen_file))


@bp.post("/bukti/kegiatan")
@role_required(*EDITORS)
def add_activity() -> tuple[str, int] | Response:
    return _save_with_file(
        _bound(ActivityForm, "keg"), "activity_form", _("Kegiatan belum disimpan. Periksa isian yang ditandai."),
        _("Kegiatan disimpan."),
        lambda form: services.add_activity(
            current_user, unit_id=form.unit_id, kind=ActivityKind(form.kind.data),
            activity_date=form.activity_date.data, title=form.title.data.strip(),
            participants=form.participants.data, reference=(form.reference.data or "").strip(),
            file=form.chosen_file))


@bp.post("/bukti/monev")
@role_required(*EDITORS)
def add_monev() -> tuple[str, int] | Response:
    return _save_with_file(
        _bound(MonevForm, "mon"), "monev_form", _("Monev belum disimpan. Periksa isian yang ditandai."),
        _("Monev disimpan."),
        lambda form: services.add_monev(
            current_user, unit_id=form.unit_id, scope=MonevScope(form.scope.data), held_on=form.held_on.data,
            title=form.title.data.strip(), recommendations=form.recommendations.data, file=form.chosen_file))


@bp.post("/bukti/rekap")
@role_required(*EDITORS)
def add_recap() -> tuple[str, int] | Response:
    form = _bound(RecapForm, "rek")
    if not form.validate_on_submit():
        flash(_("Rekap belum disimpan. Periksa isian yang ditandai."), "error")
        return _evidence_page(400, recap_form=form)
    try:
        services.add_recap(current_user, unit_id=form.unit_id, year=form.year.data,
                           semester=int(form.semester.data), sent_on=form.sent_on.data,
                           reference=(form.reference.data or "").strip())
    except IntegrityError as error:
        form.semester.errors = [str(error)]
        return _evidence_page(400, recap_form=form)
    flash(_("Rekap semester disimpan."), "success")
    return redirect(url_for("integrity.evidence"))


@bp.post("/bukti/rekomendasi/<int:recommendation_id>")
@role_required(*EDITORS)
def recommendation_status(recommendation_id: int) -> Response:
    form = RecommendationStatusForm()
    if not form.validate_on_submit():
        flash(_("Status tidak dikenal."), "error")
        return redirect(url_for("integrity.evidence"))
    try:
        services.set_recommendation_status(current_user, recommendation_id, RecommendationStatus(form.status.data))
    except IntegrityError:
        abort(404)
    flash(_("Status rekomendasi diubah."), "success")
    return redirect(url_for("integrity.evidence"))


# ------------------------------------------------------------------ monev report

def _monev_form(formdata: Any = None) -> MonevReportForm:
    form = MonevReportForm(formdata=formdata) if formdata is not None else MonevReportForm(formdata=None)
    form.set_units(queries.active_units())
    year = clock.utcnow().year
    form.period.choices = choices(services.period_choices(year) + services.period_choices(year - 1))
    if formdata is None:
        form.period.data = services.period_code(Period.containing(clock.local_today(), "quarter"))
    return form


@bp.get("/monev")
@role_required(*EDITORS)
def monev_report_form() -> str:
    return render_template("integrity/monev_form.html", form=_monev_form(), **_common(services.parse_period(None)))


@bp.post("/monev")
@role_required(*EDITORS)
def monev_report_create() -> tuple[str, int] | Response:
    form = _monev_form(request.form)
    if not form.validate_on_submit():
        flash(_("Laporan monev belum dibuat. Periksa isian yang ditandai."), "error")
        return render_template("integrity/monev_form.html", form=form, **_common(services.parse_period(None))), 400
    record = services.record_monev_report(
        current_user, unit_id=form.unit_id, period=services.parse_period(form.period.data),
        scope=MonevScope(form.scope.data), obstacles=form.obstacles.data.strip(),
        solutions=form.solutions.data.strip(), recommendations=form.recommendations.data)
    flash(_("Laporan monev dibuat dan dicatat sebagai kegiatan monev."), "success")
    return redirect(url_for("integrity.monev_report", record_id=record.id))


def _monev_record(record_id: int) -> MonevRecord:
    record = db.session.get(MonevRecord, record_id)
    if record is None:
        abort(404)
    return record


@bp.get("/monev/<int:record_id>")
@role_required(*VIEWERS)
def monev_report(record_id: int) -> str:
    data = services.monev_report_data(_monev_record(record_id))
    return render_template("integrity/monev_report.html", data=data, scope_labels=SCOPE_LABELS,
                           **_common(data["period"]))


@bp.get("/monev/<int:record_id>/laporan.<fmt>")
@role_required(*VIEWERS)
def monev_download(record_id: int, fmt: str) -> Response:
    data = services.monev_report_data(_monev_record(record_id))
    unit_name = queries.unit_name(data["record"].unit_id) if data["record"].unit_id else None
    if fmt == "pdf":
        return send_file(exports.monev_pdf(data, unit_name), mimetype="application/pdf", as_attachment=True,
                         download_name=f"monev-{record_id}.pdf")
    if fmt == "xlsx":
        return send_file(exports.monev_workbook(data, unit_name), mimetype=XLSX, as_attachment=True,
                         download_name=f"monev-{record_id}.xlsx")
    abort(404)


# ------------------------------------------------------------------ settings

@bp.route("/pengaturan", methods=["GET", "POST"])
@role_required(Role.admin)
def settings() -> tuple[str, int] | Response:
    form = AreaCheckForm()
    if request.method == "GET":
        form.mode.data = services.area_check_mode()
    elif form.validate_on_submit():
        settings_service.set_choice(services.AREA_CHECK_SETTING, form.mode.data, current_user)
        flash(_("Cara pengujian ambang per area disimpan."), "success")
        return redirect(url_for("integrity.settings"))
    else:
        return render_template("integrity/settings.html", form=form,
                               spec=services.area_check_spec()), 400
    return render_template("integrity/settings.html", form=form, spec=services.area_check_spec()), 200


# ------------------------------------------------------------------ public page

@public_bp.get("/transparansi")
def transparency() -> str:
    """Public statistics: no login, no cookie, small counts shown as "<3"."""
    today = clock.local_today()
    year = request.args.get("tahun", today.year, type=int)
    if not services.MIN_YEAR <= year <= today.year:
        year = today.year
    return render_template("integrity/public.html", stats=services.public_statistics(year),
                           years=list(range(today.year, max(services.MIN_YEAR, today.year - 5) - 1, -1)))

