"""The monev report pages: generate one (admin and UPG; it counts as a monev held), read it
and download it as PDF or XLSX. Who sees what: see :mod:`.views`."""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import clock
from ..extensions import db
from ..models.integrity import MonevRecord, MonevScope
from ..rules.periods import Period
from ..security.roles import role_required
from . import exports, queries
from .access import EDITORS, VIEWERS
from .blueprints import bp
from .count_labels import period_label
from .evidence_labels import SCOPE_LABELS
from .evidence_records import monev_report_data, record_monev_report
from .forms import MonevReportForm, choices
from .periods import parse_period, period_choices, period_code
from .view_helpers import XLSX, page_context


def _monev_form(formdata: Any = None) -> MonevReportForm:
    form = MonevReportForm(formdata=formdata) if formdata is not None else MonevReportForm(formdata=None)
    form.set_units(queries.active_units())
    year = clock.utcnow().year
    form.period.choices = choices(period_choices(year, period_label) + period_choices(year - 1, period_label))
    if formdata is None:
        form.period.data = period_code(Period.containing(clock.local_today(), "quarter"))
    return form


@bp.get("/monev")
@role_required(*EDITORS)
def monev_report_form() -> str:
    return render_template("integrity/monev_form.html", form=_monev_form(), **page_context(parse_period(None)))


@bp.post("/monev")
@role_required(*EDITORS)
def monev_report_create() -> tuple[str, int] | Response:
    form = _monev_form(request.form)
    if not form.validate_on_submit():
        flash(_("Laporan monev belum dibuat. Periksa isian yang ditandai."), "error")
        return render_template("integrity/monev_form.html", form=form, **page_context(parse_period(None))), 400
    record = record_monev_report(
        current_user, unit_id=form.unit_id, period=parse_period(form.period.data),
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
    data = monev_report_data(_monev_record(record_id))
    return render_template("integrity/monev_report.html", data=data, scope_labels=SCOPE_LABELS,
                           **page_context(data["period"]))


@bp.get("/monev/<int:record_id>/laporan.<fmt>")
@role_required(*VIEWERS)
def monev_download(record_id: int, fmt: str) -> Response:
    data = monev_report_data(_monev_record(record_id))
    unit_name = queries.unit_name(data["record"].unit_id) if data["record"].unit_id else None
    if fmt == "pdf":
        return send_file(exports.monev_pdf(data, unit_name), mimetype="application/pdf", as_attachment=True,
                         download_name=f"monev-{record_id}.pdf")
    if fmt == "xlsx":
        return send_file(exports.monev_workbook(data, unit_name), mimetype=XLSX, as_attachment=True,
                         download_name=f"monev-{record_id}.xlsx")
    abort(404)
