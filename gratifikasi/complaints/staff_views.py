"""Inspektorat intake of a complaint received by phone, in person or by letter.

The officer types it in (the same form as the portal, plus the channel), hands the one-time
receipt code over, and continues on the complaint's case page: the queue and the case page
(``/perkara``) are the only officer screens of a complaint.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..cases.access import record_case_or_404
from ..keyring.vault import VaultNotReady
from ..models import ComplaintChannel, Role
from ..models.complaint import RECORD_TYPE
from ..security.roles import role_required
from . import access, intake
from .forms import CATEGORY_LABELS, StaffComplaintForm, StaffConfirmGivenForm
from .views import form_input, show_upload_problems

staff_bp = Blueprint("complaints_staff", __name__, url_prefix="/inspektorat/pengaduan")

SESSION_STAFF_RECEIPT = "wbs_petugas_tanda_terima"


@staff_bp.route("/baru", methods=["GET", "POST"], endpoint="intake")
@role_required(Role.inspektorat)
def intake_form() -> Any:
    form = StaffComplaintForm(units=intake.unit_choices())
    if form.validate_on_submit():
        data = form_input(form)
        problems = intake.upload_problems(data)
        if not problems:
            try:
                submitted = intake.submit_complaint(
                    data, channel=ComplaintChannel(form.saluran.data), recorded_by=current_user._get_current_object()
                )
            except VaultNotReady:
                flash(_("Kunci sistem belum disiapkan. Hubungi admin (flask keys init)."), "error")
            else:
                session[SESSION_STAFF_RECEIPT] = submitted.receipt_cookie
                return redirect(url_for(".receipt"))
        show_upload_problems(form, problems)
    return render_template("complaints/staff_form.html", form=form)


@staff_bp.route("/tanda-terima", methods=["GET", "POST"])
@role_required(Role.inspektorat)
def receipt() -> Any:
    pending = access.pending_receipt(session.get(SESSION_STAFF_RECEIPT))
    if pending is None:
        return redirect(url_for("cases.queue"))
    form = StaffConfirmGivenForm()
    if form.validate_on_submit():
        access.confirm_receipt_saved(session.pop(SESSION_STAFF_RECEIPT, None))
        flash(_("Pengaduan %(number)s tercatat.", number=pending.complaint.number), "success")
        case = record_case_or_404(current_user, RECORD_TYPE, pending.complaint.id)
        return redirect(url_for("cases.case_page", case_id=case.id))
    return render_template(
        "complaints/staff_receipt.html", pending=pending, form=form,
        category_label=CATEGORY_LABELS[pending.complaint.category.value],
    )


@staff_bp.get("/tanda-terima/cetak")
@role_required(Role.inspektorat)
def receipt_print() -> Any:
    pending = access.pending_receipt(session.get(SESSION_STAFF_RECEIPT))
    if pending is None:
        return redirect(url_for("cases.queue"))
    return render_template(
        "complaints/receipt_print.html", pending=pending, one_time=True,
        category_label=CATEGORY_LABELS[pending.complaint.category.value],
        back_url=url_for(".receipt"),
    )
