"""Inspektorat pages: record a phone or walk-in complaint, read a case, ask the reporter.

The full case workspace (triage, examination, conclusions) is issue 6; these pages hold only
what the intake and the secret mailbox need.
"""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..keyring import NoAccess
from ..keyring.session import current_private_key
from ..keyring.vault import VaultNotReady
from ..models import ComplaintChannel, Role
from ..rules.workflow import COMPLAINT
from ..security.roles import role_required
from . import services, staff_bp
from .forms import CATEGORY_LABELS, CHANNEL_LABELS, OfficerMessageForm, StaffComplaintForm, StaffConfirmGivenForm
from .views import form_input, show_upload_problems

SESSION_STAFF_RECEIPT = "wbs_petugas_tanda_terima"


@staff_bp.get("/")
@role_required(Role.inspektorat)
def index() -> str:
    complaints = services.complaints_for(current_user._get_current_object())
    unread = services.unread_from_reporter([c.id for c in complaints])
    return render_template(
        "complaints/staff_list.html", complaints=complaints, unread=unread, machine=COMPLAINT,
        category_labels=CATEGORY_LABELS, channel_labels=CHANNEL_LABELS,
    )


@staff_bp.route("/baru", methods=["GET", "POST"])
@role_required(Role.inspektorat)
def intake() -> Any:
    form = StaffComplaintForm(units=services.unit_choices())
    if form.validate_on_submit():
        data = form_input(form)
        problems = services.upload_problems(data)
        if not problems:
            try:
                submitted = services.submit_complaint(
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
    pending = services.pending_receipt(session.get(SESSION_STAFF_RECEIPT))
    if pending is None:
        return redirect(url_for(".index"))
    form = StaffConfirmGivenForm()
    if form.validate_on_submit():
        services.confirm_receipt_saved(session.pop(SESSION_STAFF_RECEIPT, None))
        flash(_("Pengaduan %(number)s tercatat.", number=pending.complaint.number), "success")
        return redirect(url_for(".detail", complaint_id=pending.complaint.id))
    return render_template(
        "complaints/staff_receipt.html", pending=pending, form=form,
        category_label=CATEGORY_LABELS[pending.complaint.category.value],
    )


@staff_bp.get("/tanda-terima/cetak")
@role_required(Role.inspektorat)
def receipt_print() -> Any:
    pending = services.pending_receipt(session.get(SESSION_STAFF_RECEIPT))
    if pending is None:
        return redirect(url_for(".index"))
    return render_template(
        "complaints/receipt_print.html", pending=pending, one_time=True,
        category_label=CATEGORY_LABELS[pending.complaint.category.value],
        back_url=url_for(".receipt"),
    )


def _render_detail(complaint_id: int, form: OfficerMessageForm) -> Any:
    officer = current_user._get_current_object()
    private_key = current_private_key()
    try:
        case = services.open_for_officer(officer, private_key, complaint_id)
    except NoAccess as error:
        try:
            complaint = services.get_for_officer(officer, complaint_id)
        except NoAccess:
            abort(404)
        return render_template(
            "complaints/staff_detail.html", complaint=complaint, case=None, locked_reason=_(str(error)),
            form=form, evidence=[], machine=COMPLAINT, category_labels=CATEGORY_LABELS, channel_labels=CHANNEL_LABELS,
        )
    return render_template(
        "complaints/staff_detail.html", complaint=case.complaint, case=case, locked_reason=None, form=form,
        evidence=services.case_evidence(officer, private_key, case.complaint), machine=COMPLAINT,
        category_labels=CATEGORY_LABELS, channel_labels=CHANNEL_LABELS,
    )


@staff_bp.get("/<int:complaint_id>")
@role_required(Role.inspektorat)
def detail(complaint_id: int) -> Any:
    return _render_detail(complaint_id, OfficerMessageForm())


@staff_bp.post("/<int:complaint_id>/pesan")
@role_required(Role.inspektorat)
def ask(complaint_id: int) -> Any:
    form = OfficerMessageForm()
    if not form.validate_on_submit():
        return _render_detail(complaint_id, form)
    try:
        services.post_officer_message(current_user._get_current_object(), current_private_key(), complaint_id, form.pesan.data)
    except NoAccess as error:
        flash(_(str(error)), "error")
    except services.ComplaintError as error:
        flash(_(str(error)), "error")
    else:
        flash(_("Pesan terkirim. Pelapor membacanya saat membuka kotak komunikasi dengan kodenya."), "success")
    return redirect(url_for(".detail", complaint_id=complaint_id))
