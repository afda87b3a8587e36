"""Integrity pages: the dashboards, the cases behind a number, the settings and the public
transparency page. Views stay thin: parse, check the role, call a service, render.

The LKE pages are in :mod:`.lke_views`, the evidence records in :mod:`.evidence_views`, the
monev report in :mod:`.monev_views`; what they share in :mod:`.view_helpers`.

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

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import clock
from ..models import Role
from ..security.roles import role_required
from ..settings import service as settings_service
from . import charts, dashboards
from .access import VIEWERS
from .blueprints import bp, public_bp
from .case_queries import case_rows
from .count_labels import period_label, status_label
from .forms import AreaCheckForm
from .lke_worksheet import AREA_CHECK_SETTING, area_check_mode, area_check_spec
from .periods import MIN_YEAR
from .queries import KINDS, Scope, unit_name
from .view_helpers import can_drill, page_context, period_from_request, unit_name_or_404, workspace_link

LIST_PAGE_SIZE = 100


def _month_chart(chart_id: str, months: list[dict[str, Any]]) -> Any:
    labels = [period_label(m["period"], short=True) for m in months]
    return charts.bar_chart(chart_id, _("Laporan gratifikasi dan pengaduan per bulan"), labels, [
        charts.Series(_("Laporan gratifikasi"), [m["reports"] for m in months], "chart-a"),
        charts.Series(_("Pengaduan"), [m["complaints"] for m in months], "chart-b"),
    ])


# ------------------------------------------------------------------ dashboards

@bp.get("/")
@role_required(*VIEWERS)
def dashboard() -> str:
    period = period_from_request()
    data = dashboards.agency_dashboard(period)
    ranking = data["ranking"]
    ranking_chart = charts.hbar_chart(
        "peringkat", _("Persentase penanganan pengaduan per unit"),
        [r.name for r in ranking], [round(r.pre2.score * 100) for r in ranking], 100, " %")
    return render_template("integrity/dashboard.html", data=data, month_chart=_month_chart("tren", data["months"]),
                           ranking_chart=ranking_chart, **page_context(period))


@bp.get("/unit/<int:unit_id>")
@role_required(*VIEWERS)
def unit(unit_id: int) -> str:
    name = unit_name_or_404(unit_id)
    period = period_from_request()
    data = dashboards.unit_dashboard(unit_id, period)
    return render_template("integrity/unit.html", unit_id=unit_id, unit_name=name, data=data,
                           month_chart=_month_chart("tren-unit", data["months"]), **page_context(period))


@bp.get("/perkara")
@role_required(*VIEWERS)
def cases() -> str:
    """The cases behind a number: public number, status and date only, never content."""
    kind = request.args.get("jenis", "")
    if kind not in KINDS:
        abort(404)
    if not can_drill(kind):
        abort(403)
    measure = request.args.get("ukuran", "semua")[:60]
    unit_id = request.args.get("unit", type=int)
    if unit_id is not None:
        unit_name_or_404(unit_id)
    period = period_from_request()
    page = max(1, min(request.args.get("hal", 1, type=int), 100_000))
    try:
        rows, total = case_rows(kind, Scope(period.start, period.end, unit_id), measure, viewer_id=current_user.id,
                                limit=LIST_PAGE_SIZE, offset=(page - 1) * LIST_PAGE_SIZE)
    except ValueError:
        abort(404)
    return render_template(
        "integrity/cases.html", kind=kind, measure=measure, unit_id=unit_id,
        unit_name=unit_name(unit_id) if unit_id else None, rows=rows, total=total, page=page,
        page_size=LIST_PAGE_SIZE, status_label=status_label,
        workspace=workspace_link(kind, measure, unit_id), **page_context(period))


# ------------------------------------------------------------------ settings

@bp.route("/pengaturan", methods=["GET", "POST"])
@role_required(Role.admin)
def settings() -> tuple[str, int] | Response:
    form = AreaCheckForm()
    if request.method == "GET":
        form.mode.data = area_check_mode()
    elif form.validate_on_submit():
        settings_service.set_choice(AREA_CHECK_SETTING, form.mode.data, current_user)
        flash(_("Cara pengujian ambang per area disimpan."), "success")
        return redirect(url_for("integrity.settings"))
    else:
        return render_template("integrity/settings.html", form=form, spec=area_check_spec()), 400
    return render_template("integrity/settings.html", form=form, spec=area_check_spec()), 200


# ------------------------------------------------------------------ public page

@public_bp.get("/transparansi")
def transparency() -> str:
    """Public statistics: no login, no cookie, small counts shown as "<3"."""
    today = clock.local_today()
    year = request.args.get("tahun", today.year, type=int)
    if not MIN_YEAR <= year <= today.year:
        year = today.year
    return render_template("integrity/public.html", stats=dashboards.public_statistics(year),
                           years=list(range(today.year, max(MIN_YEAR, today.year - 5) - 1, -1)))


# The other pages register their routes on the same blueprint.
from . import evidence_views, lke_views, monev_views  # noqa: E402,F401
