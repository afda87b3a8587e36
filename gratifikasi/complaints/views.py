"""The public complaint portal and the reporter's secret mailbox (no account, no JavaScript needed).

Cookies: the explanation page sets none (it renders no CSRF token and touches no session).
The session cookie, which carries the CSRF secret, is created only when the visitor presses
"Mulai" (or opens the mailbox page on purpose). The session holds random handles to
server-side access rows, never a code, a data key or anything typed.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from ..extensions import csrf, limiter
from ..i18n import LANGUAGE_COOKIE, translate
from ..intake import idempotency
from ..keyring.vault import VaultNotReady
from ..models import ComplaintCategory
from ..security.client_key import hashed_client_key
from . import access, intake
from . import mailbox as mailboxes
from .forms import CATEGORY_LABELS, ComplaintForm, ConfirmSavedForm, MailboxLoginForm, ReplyForm

bp = Blueprint("complaints", __name__, url_prefix="/pengaduan")

SESSION_STARTED = "wbs_mulai"
SESSION_RECEIPT = "wbs_tanda_terima"
SESSION_NEW_CODE = "wbs_kode_baru"
SESSION_MAILBOX = "wbs_kotak"
SESSION_NONCE = "wbs_formulir"  # the nonce of the form last shown (intake.idempotency)


def form_input(form: ComplaintForm) -> intake.ComplaintInput:
    """The validated form as service input (shared with the Inspektorat's intake)."""
    give_identity = form.identitas.data == "beri"
    return intake.ComplaintInput(
        category=ComplaintCategory(form.kategori.data),
        apa=form.apa.data,
        terlapor_nama=form.terlapor_nama.data,
        terlapor_jabatan=form.terlapor_jabatan.data,
        terlapor_unit_id=form.unit_id,
        terlapor_penyelenggara_negara=bool(form.terlapor_penyelenggara_negara.data),
        terlapor_penegak_hukum=bool(form.terlapor_penegak_hukum.data),
        di_mana=form.di_mana.data,
        event_date=form.tanggal_kejadian.data,
        kapan=form.kapan.data,
        mengapa=form.mengapa.data,
        bagaimana=form.bagaimana.data,
        estimated_loss=form.loss,
        berapa=form.berapa.data,
        files=form.files,
        # Identity typed and then switched back to "anonim" is dropped, never stored.
        pelapor_nama=form.pelapor_nama.data if give_identity else None,
        pelapor_nik=form.pelapor_nik.data if give_identity else None,
        pelapor_kontak=form.pelapor_kontak.data if give_identity else None,
        ktp_file=form.ktp_file,
    )


def show_upload_problems(form: ComplaintForm, problems: dict[str, list[str]]) -> None:
    for name, messages in problems.items():
        getattr(form, name).errors = list(messages)


# ---------------------------------------------------------------------------
# Explanation page and start
# ---------------------------------------------------------------------------


@bp.get("/")
def explain() -> str:
    # No session access and no csrf_token() here: this page must not set a cookie.
    return render_template("complaints/explain.html")


@bp.get("/bahasa")
def language() -> Response:
    """Language switch for the cookie-free pages: a plain link, no CSRF token needed.

    It sets only the language cookie the visitor asked for, and always returns to the
    explanation page (no open redirect).
    """
    response = make_response(redirect(url_for(".explain")))
    chosen = request.args.get("bahasa", "")
    if chosen in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600,
            secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True, samesite="Lax",
        )
    return response


@bp.post("/mulai")
@csrf.exempt  # starting a session is harmless; every later form carries a token
def start() -> Response:
    session[SESSION_STARTED] = True
    return redirect(url_for(".complaint_form"))


# ---------------------------------------------------------------------------
# The 5W2H form
# ---------------------------------------------------------------------------


@bp.route("/formulir", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PUBLIC_SUBMIT_RATE_LIMIT"], methods=["POST"])
def complaint_form() -> Any:
    if request.method == "GET" and not session.get(SESSION_STARTED):
        # Not started yet: the explanation (and consent to the cookie) comes first.
        return redirect(url_for(".explain"))
    nonce = _sent_nonce()
    form = ComplaintForm(units=intake.unit_choices())
    if form.validate_on_submit():
        data = form_input(form)
        problems = intake.upload_problems(data)
        if not problems:
            try:
                submitted = intake.submit_complaint(data, nonce=nonce)
            except idempotency.AlreadyReceived:
                assert nonce is not None
                return _already_received(nonce)
            except VaultNotReady:
                flash(_("Layanan pengaduan belum siap menerima laporan. Silakan coba lagi nanti."), "error")
                return _form_page(form, files_lost=bool(data.files), status=503)
            session[SESSION_STARTED] = True
            session[SESSION_RECEIPT] = submitted.receipt_cookie
            session.pop(SESSION_NEW_CODE, None)
            return redirect(url_for(".receipt"))
        show_upload_problems(form, problems)
    files_lost = request.method == "POST" and any(f.filename for f in request.files.values())
    return _form_page(form, files_lost=files_lost, new_nonce=nonce is None)


def _sent_nonce() -> str | None:
    """The nonce of a posted form, if it is the one this browser was shown (else None: a form
    from before this session, which is stored without the repeat check)."""
    sent = idempotency.usable(request.form.get("nonce")) if request.method == "POST" else None
    return sent if sent is not None and sent == session.get(SESSION_NONCE) else None


def _form_page(form: ComplaintForm, *, files_lost: bool, status: int = 200, new_nonce: bool = False) -> Any:
    """The form; a form shown again after an error keeps its nonce (it stored nothing)."""
    if new_nonce or not session.get(SESSION_NONCE):
        session[SESSION_NONCE] = idempotency.new_nonce()
    return render_template("complaints/form.html", form=form, files_lost=files_lost,
                           nonce=session[SESSION_NONCE]), status


def _already_received(nonce: str) -> Any:
    """The same form again: its receipt while this browser's hold lasts, else where to find it."""
    cookie = idempotency.derived_cookie(nonce, "receipt")
    if access.pending_receipt(cookie) is not None:
        session[SESSION_RECEIPT] = cookie
        return redirect(url_for(".receipt"))
    return render_template("intake/already_received.html", kind="pengaduan"), 200


# ---------------------------------------------------------------------------
# Receipt code: shown until "Saya sudah menyimpannya", printable
# ---------------------------------------------------------------------------


@bp.route("/tanda-terima", methods=["GET", "POST"])
def receipt() -> Any:
    pending = access.pending_receipt(session.get(SESSION_RECEIPT))
    if pending is None:
        session.pop(SESSION_RECEIPT, None)
        return redirect(url_for(".mailbox") if session.get(SESSION_MAILBOX) else url_for(".explain"))
    form = ConfirmSavedForm()
    if form.validate_on_submit():
        access.confirm_receipt_saved(session.pop(SESSION_RECEIPT, None))
        replaced = session.pop(SESSION_NEW_CODE, False)
        if replaced and session.get(SESSION_MAILBOX):
            flash(_("Kode baru tersimpan. Kode lama tidak berlaku lagi."), "success")
            return redirect(url_for(".mailbox"))
        return redirect(url_for(".done"))
    return render_template(
        "complaints/receipt.html", pending=pending, form=form, replaced=session.get(SESSION_NEW_CODE, False),
        category_label=CATEGORY_LABELS[pending.complaint.category.value],
        status_label=_(mailboxes.public_status(pending.complaint)),
    )


@bp.get("/tanda-terima/cetak")
def receipt_print() -> Any:
    pending = access.pending_receipt(session.get(SESSION_RECEIPT))
    if pending is None:
        return redirect(url_for(".explain"))
    return render_template(
        "complaints/receipt_print.html", pending=pending,
        category_label=CATEGORY_LABELS[pending.complaint.category.value],
        back_url=url_for(".receipt"),
    )


@bp.get("/terkirim")
def done() -> str:
    return render_template("complaints/done.html")


# ---------------------------------------------------------------------------
# Secret mailbox (kotak komunikasi rahasia)
# ---------------------------------------------------------------------------


@bp.route("/kotak", methods=["GET", "POST"])
@limiter.limit("60 per hour", methods=["POST"])
def mailbox_login() -> Any:
    form = MailboxLoginForm()
    status = 200
    if request.method == "GET" and mailboxes.current_mailbox(session.get(SESSION_MAILBOX)) is not None:
        return redirect(url_for(".mailbox"))
    if form.validate_on_submit():
        result = mailboxes.open_mailbox(form.kode.data, client=hashed_client_key())
        if result.ok:
            session[SESSION_STARTED] = True
            session[SESSION_MAILBOX] = result.mailbox_cookie
            if result.receipt_cookie:
                # A one-time code from the Inspektorat: the new code must be seen first.
                session[SESSION_RECEIPT] = result.receipt_cookie
                session[SESSION_NEW_CODE] = True
                return redirect(url_for(".receipt"))
            return redirect(url_for(".mailbox"))
        form.kode.errors = [result.error or _("Kode tidak dapat diperiksa.")]
        status = 429 if result.retry_after else 200
    return render_template("complaints/mailbox_login.html", form=form), status


@bp.route("/kotak/pesan", methods=["GET", "POST"])
@limiter.limit("60 per hour", methods=["POST"])
def mailbox() -> Any:
    box = mailboxes.current_mailbox(session.get(SESSION_MAILBOX))
    if box is None:
        session.pop(SESSION_MAILBOX, None)
        flash(_("Kotak komunikasi sudah tertutup. Masukkan kode Anda lagi."), "info")
        return redirect(url_for(".mailbox_login"))
    if access.pending_receipt(session.get(SESSION_RECEIPT)) is not None:
        return redirect(url_for(".receipt"))
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            mailboxes.reporter_reply(box, form.pesan.data, form.files)
        except intake.ComplaintError as error:
            form.lampiran.errors = error.problems or [translate(error.message)]
        else:
            flash(_("Pesan Anda terkirim kepada petugas."), "success")
            return redirect(url_for(".mailbox"))
    thread = mailboxes.reporter_thread(box)
    files_lost = request.method == "POST" and any(f.filename for f in request.files.values())
    return render_template(
        "complaints/mailbox.html", box=box, thread=thread, form=form, files_lost=files_lost,
        status_label=_(mailboxes.public_status(box.complaint)),
        category_label=CATEGORY_LABELS[box.complaint.category.value],
    )


@bp.post("/kotak/keluar")
def mailbox_logout() -> Response:
    mailboxes.close_mailbox(session.get(SESSION_MAILBOX))
    # Nothing of this visit stays in the browser.
    session.clear()  # Flask then deletes the session cookie
    return redirect(url_for(".explain"))
