"""What every integrity page shares: the period and unit read from the URL, the links from a
number to the cases behind it, the page context, and keeping a recount the read did.

Who sees what is listed in :mod:`.views`; the roles are in :mod:`.access`.
"""
from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, request, url_for
from flask_login import current_user
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response

from .. import clock
from ..extensions import db
from ..keyring.session import current_private_key
from ..models import Role
from ..rules.periods import Period
from . import totals
from .access import EDITORS
from .blueprints import bp
from .count_labels import category_label, count_label, count_value, measure_label, period_label, status_label
from .evidence_records import EvidenceList, with_files
from .kpis import percent_text
from .periods import IntegrityError, parse_period, period_choices, period_code
from .queries import KIND_COMPLAINT, KIND_REPORT, unit_name

DRILL_ROLES = {
    KIND_REPORT: (Role.upg, Role.pimpinan),
    KIND_COMPLAINT: (Role.inspektorat, Role.pimpinan),
}
# Who handles each kind in the case workspace (its own checks still apply there).
WORKSPACE_ROLES = {KIND_REPORT: (Role.upg,), KIND_COMPLAINT: (Role.inspektorat,)}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.after_request
def _keep_recount(response: Response) -> Response:
    """Reading the dashboard totals may have recounted months with new changes
    (totals.catch_up). GET pages change nothing else: commit, so the next reader finds them
    counted."""
    if request.method == "GET" and response.status_code < 400 and db.session.info.pop(totals.RECOUNTED, False):
        db.session.commit()
    return response


def period_from_request() -> Period:
    """The ``periode`` argument; a bad one is flashed and the current year shown instead."""
    try:
        return parse_period(request.args.get("periode"))
    except IntegrityError as error:
        flash(str(error), "error")
        return parse_period(None)


def unit_name_or_404(unit_id: int) -> str:
    name = unit_name(unit_id)
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
    params: dict[str, Any] = {"jenis": kind, "ukuran": measure, "periode": period_code(period)}
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
    return {"integrity_case_link": case_link, "percent_text": percent_text,
            "integrity_status_label": status_label, "integrity_count_label": count_label,
            "integrity_category_label": category_label, "integrity_measure_label": measure_label,
            "period_label": period_label, "integrity_count_value": count_value}


def page_context(period: Period) -> dict[str, Any]:
    """The template values every integrity page reads (period picker, edit rights)."""
    return {"period": period, "period_code": period_code(period),
            "all_period_choices": [c for y in range(clock.utcnow().year, clock.utcnow().year - 6, -1)
                                   for c in period_choices(y, period_label)],
            "can_edit": current_user.has_role(*EDITORS)}


def with_readable_files(evidence: EvidenceList) -> EvidenceList:
    """The evidence with its files, names opened for the signed-in officer."""
    return with_files(evidence, current_user._get_current_object(), current_private_key())
