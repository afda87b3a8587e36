"""A minimal UPG page: the list of reports and "minta kelengkapan" (issue 6 builds the full
workspace). Lists show only plaintext categories; the messages are decrypted with the
officer's case-ring key."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..keyring import NoAccess
from ..keyring.session import current_private_key
from ..extensions import db
from ..i18n import translate
from ..models import Role
from ..models.report import GratificationReport
from ..rules.state_machine import IllegalTransition
from ..rules.workflow import GRATIFICATION
from ..security.roles import role_required
from . import bp, services
from .forms import CompletionRequestForm


@bp.get("/upg/laporan-gratifikasi")
@role_required(Role.upg)
def upg_reports() -> str:
    reports = services.list_reports(current_user._get_current_object())
    return render_template("reports/upg_list.html", reports=reports, status_of=services.officer_status)


@bp.get("/upg/laporan-gratifikasi/<int:report_id>")
@role_required(Role.upg)
def upg_report(report_id: int):
    return _detail(report_id, CompletionRequestForm())


def _detail(report_id: int, form: CompletionRequestForm, code: int = 200):
    report = db.session.get(GratificationReport, report_id)
    if report is None:
        abort(404)
    messages = services.messages_for_officer(current_user, current_private_key(), report)
    can_request = any(t.name == "minta_kelengkapan" for t in
                      GRATIFICATION.available_actions(report.status, "upg"))
    return render_template(
        "reports/upg_detail.html", report=report, status=services.officer_status(report),
        deadlines=services.report_deadlines(report), late=services.late_message(report), messages=messages,
        form=form, can_request=can_request,
    ), code


@bp.post("/upg/laporan-gratifikasi/<int:report_id>/minta-kelengkapan")
@role_required(Role.upg)
def upg_request_completion(report_id: int):
    form = CompletionRequestForm()
    if not form.validate():
        return _detail(report_id, form, 422)
    try:
        services.request_completion(current_user, current_private_key(), report_id, form.permintaan.data)
    except NoAccess:
        flash(_("Anda tidak memegang kunci kasus, jadi permintaan tidak dapat dienkripsi untuk pelapor."), "error")
    except IllegalTransition as error:
        flash(translate(error.message), "error")
    except services.ReportError as error:
        flash(str(error), "error")
    else:
        flash(_("Permintaan kelengkapan dikirim; pelapor melihatnya di halaman status."), "success")
    return redirect(url_for("reports.upg_report", report_id=report_id))
