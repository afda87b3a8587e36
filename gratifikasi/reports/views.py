"""Public pages of a gratification report: the form, the receipt, the PDF and the status page.

No login: the reporter holds a tracking number and a secret access code. The code is shown
once (in the response to the form, never in a URL or the session) and typed back in a POST;
afterwards this browser alone may read the report for a short while (services.grant_access):
the session keeps only the opaque access value, whose server row closing the page deletes.
"""
from __future__ import annotations

import secrets
from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from .. import clock
from ..extensions import limiter
from ..intake import idempotency
from ..keyring.vault import VaultNotReady
from ..models.report import GratificationReport
from ..rules.report_fields import HubunganPemberi, JenisLaporan, JenisObjek, JenisPeristiwa, LokasiObjek, parse_rupiah
from ..security.client_key import hashed_client_key
from ..uploads.service import check_files, non_empty
from . import services, thread
from .forms import MAX_OBJECTS, AnswerForm, ReportForm, StatusLoginForm
from .outcome import outcome
from .receipt_pdf import receipt_pdf
from .status import completion_shown, late_message, public_status, report_deadlines

bp = Blueprint("reports", __name__)

NONCE_KEY = "grt_formulir"  # one submission per form shown: a reload cannot file it twice
PREFILL_KEY = "grt_isian_penasihat"
ACCESS_SESSION_KEY = "grt_akses"  # the status-page access value (services.current_access)


def _current_access() -> tuple[GratificationReport, bytes] | None:
    access = services.current_access(session.get(ACCESS_SESSION_KEY))
    if access is None:
        session.pop(ACCESS_SESSION_KEY, None)  # expired or closed: nothing stale stays behind
    return access


def _new_form() -> ReportForm:
    form = ReportForm()
    form.set_units(services.active_units())
    return form


def _render_form(form: ReportForm, status: int = 200):
    session[NONCE_KEY] = secrets.token_urlsafe(16)
    return render_template("reports/form.html", form=form, nonce=session[NONCE_KEY],
                           max_objects=MAX_OBJECTS), status


@bp.get("/laporan-gratifikasi")
def report_form():
    form = _new_form()
    _apply_prefill(form, session.pop(PREFILL_KEY, None))
    return _render_form(form)


@bp.post("/laporan-gratifikasi")
@limiter.limit(lambda: current_app.config["PUBLIC_SUBMIT_RATE_LIMIT"])
def submit():
    form = _new_form()
    if "tambah_objek" in request.form:
        # Server-side "add an object": re-show everything typed with one more empty row.
        if len(form.objects.entries) < MAX_OBJECTS:
            form.objects.append_entry()
        return _render_form(form)
    nonce = idempotency.usable(request.form.get("nonce"))
    if nonce is None or nonce != session.get(NONCE_KEY):
        flash(_("Formulir ini sudah dikirim atau sudah kedaluwarsa. Periksa status laporan Anda, "
                "atau isi formulir baru."), "error")
        return redirect(url_for("reports.status"))
    valid, files = _validate_with_files(form)
    if not valid:
        flash(_("Laporan belum terkirim: periksa isian yang ditandai."), "error")
        return _render_form(form, 422)
    try:
        submitted = services.submit_report(_input_from(form), files, nonce=nonce)
    except idempotency.AlreadyReceived:
        return _already_received(nonce)
    except VaultNotReady:
        flash(_("Sistem belum siap menerima laporan (kunci belum disiapkan). Hubungi UPG."), "error")
        return _render_form(form, 503)
    except services.ReportError as error:
        flash(str(error), "error")
        return _render_form(form, 409)
    # The nonce stays: the same form sent again shows this receipt (intake.idempotency), and so
    # does the receipt page this browser is sent to (post/redirect/get: a reload sends nothing).
    session[ACCESS_SESSION_KEY] = submitted.access_cookie
    return redirect(url_for("reports.receipt"), 303)


@bp.get("/laporan-gratifikasi/tanda-terima")
def receipt():
    """The receipt of the form this browser just sent: its code is held for it for
    ``services.RECEIPT_MINUTES`` (under a key derived from the form's nonce), then it is gone."""
    nonce = idempotency.usable(session.get(NONCE_KEY))
    if nonce is None:
        return redirect(url_for("reports.status"))
    return _already_received(nonce)


def _receipt(report: GratificationReport, code: str):
    return render_template(
        "reports/receipt.html", report=report, code=code, late=late_message(report),
        deadlines=report_deadlines(report), status=public_status(report),
    )


def _already_received(nonce: str):
    """The same form again: its receipt while the code's hold lasts, else where to find it."""
    repeat = services.repeat_receipt(nonce)
    if repeat is None:
        return render_template("intake/already_received.html", kind="gratifikasi"), 200
    if repeat.access_cookie:
        session[ACCESS_SESSION_KEY] = repeat.access_cookie
    return _receipt(repeat.report, repeat.code)


def _validate_with_files(form) -> tuple[bool, list]:
    """Validate the form and its ``lampiran`` files (checked by content); errors go beside
    the file field, so everything else typed is shown again."""
    files = non_empty(request.files.getlist(form.lampiran.name))
    valid = form.validate()
    file_errors = check_files(files)
    if file_errors:
        form.lampiran.errors = [*form.lampiran.errors, *file_errors]
        valid = False
    return valid, files


def _input_from(form: ReportForm) -> services.ReportInput:
    def text(value: str | None) -> str | None:
        value = (value or "").strip()
        return value or None

    identity = {
        "nik": form.nik.data.strip(), "nama": form.nama.data.strip(), "nip": text(form.nip.data),
        "tempat_lahir": form.tempat_lahir.data.strip(), "tanggal_lahir": form.tanggal_lahir.data.isoformat(),
        "alamat": form.alamat.data.strip(), "telepon": form.telepon.data.strip(), "email": text(form.email.data),
        "jabatan": form.jabatan.data.strip(), "instansi": form.instansi.data.strip(),
    }
    case = {
        "pemberi_nama": form.pemberi_nama.data.strip(), "pemberi_instansi": text(form.pemberi_instansi.data),
        "pemberi_alamat": text(form.pemberi_alamat.data), "alasan_pemberian": text(form.alasan_pemberian.data),
        "tempat_penerimaan": form.tempat_penerimaan.data.strip(), "kronologi": form.kronologi.data.strip(),
    }
    objects = [
        services.ObjectInput(JenisObjek(row.jenis_objek.data), row.uraian.data.strip(),
                             parse_rupiah(row.nilai_taksiran.data), LokasiObjek(row.lokasi_objek.data))
        for row in form.filled_objects()
    ]
    return services.ReportInput(
        jenis_laporan=JenisLaporan(form.jenis_laporan.data), identity=identity, case=case,
        unit_id=form.unit_id.data, hubungan_pemberi=HubunganPemberi(form.hubungan_pemberi.data),
        jenis_peristiwa=JenisPeristiwa(form.jenis_peristiwa.data), tanggal_penerimaan=form.tanggal_penerimaan.data,
        minta_kompensasi=form.minta_kompensasi.data, objects=objects, language=str(get_locale() or "id"),
    )


def _apply_prefill(form: ReportForm, prefill: dict | None) -> None:
    """Values the advisor collected (categorical only, carried in the session)."""
    if not isinstance(prefill, dict):
        return
    try:
        form.tanggal_penerimaan.data = date.fromisoformat(prefill["tanggal_penerimaan"])
    except (KeyError, TypeError, ValueError):
        return
    first = form.objects.entries[0].form
    if prefill.get("jenis_objek") in {m.value for m in JenisObjek}:
        first.jenis_objek.data = prefill["jenis_objek"]
    if isinstance(prefill.get("nilai"), int):
        first.nilai_taksiran.data = f"{prefill['nilai']:,}".replace(",", ".")
    if prefill.get("jenis_peristiwa") in {m.value for m in JenisPeristiwa}:
        form.jenis_peristiwa.data = prefill["jenis_peristiwa"]
    if prefill.get("hubungan_pemberi") in {m.value for m in HubunganPemberi}:
        form.hubungan_pemberi.data = prefill["hubungan_pemberi"]


# -- PDF and status -------------------------------------------------------------------------


@bp.get("/laporan-gratifikasi/tanda-terima.pdf")
def receipt_download() -> Response:
    access = _current_access()
    if access is None:
        flash(_("Masukkan nomor laporan dan kode akses untuk mengunduh tanda terima."), "error")
        return redirect(url_for("reports.status"))
    report, _dek = access
    data = receipt_pdf(report, report_deadlines(report), late_message(report),
                       public_status(report), report.unit.name, clock.local_today())
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="tanda-terima-{report.tracking_number}.pdf"'
    return response


@bp.get("/laporan-gratifikasi/status")
def status():
    access = _current_access()
    if access is None:
        return render_template("reports/status_login.html", form=StatusLoginForm())
    return _status_page(*access)


@bp.post("/laporan-gratifikasi/status")
def status_open():
    form = StatusLoginForm()
    if not form.validate():
        return render_template("reports/status_login.html", form=form), 422
    login = services.open_with_code(form.nomor.data, form.kode.data, client=hashed_client_key())
    result = login.result
    if not result.ok:
        form.kode.errors = [*form.kode.errors, result.message() or _("Nomor atau kode tidak cocok.")]
        return render_template("reports/status_login.html", form=form), 429 if result.retry_after else 422
    session[ACCESS_SESSION_KEY] = login.access_cookie
    return redirect(url_for("reports.status"))


def _status_page(report, dek, answer_form: AnswerForm | None = None, code: int = 200):
    return render_template(
        "reports/status.html", report=report, status=public_status(report),
        deadlines=report_deadlines(report), late=late_message(report), outcome=outcome(report),
        messages=thread.read_messages(report, dek), completion=completion_shown(report),
        answer_form=answer_form or AnswerForm(),
    ), code


@bp.post("/laporan-gratifikasi/status/jawab")
def answer():
    access = _current_access()
    if access is None:
        flash(_("Sesi Anda berakhir. Masukkan nomor laporan dan kode akses lagi."), "error")
        return redirect(url_for("reports.status"))
    report, dek = access
    form = AnswerForm()
    valid, files = _validate_with_files(form)
    if not valid:
        return _status_page(report, dek, form, 422)
    try:
        services.answer_completion(report, dek, form.jawaban.data, files)
    except services.ReportError as error:
        flash(str(error), "error")
        return redirect(url_for("reports.status"))
    flash(_("Terima kasih. Kelengkapan laporan Anda sudah dikirim ke UPG."), "success")
    return redirect(url_for("reports.status"))


@bp.post("/laporan-gratifikasi/status/keluar")
def status_close() -> Response:
    services.forget_access(session.pop(ACCESS_SESSION_KEY, None))
    services.forget_receipt(idempotency.usable(session.pop(NONCE_KEY, None)))
    flash(_("Halaman status ditutup di peramban ini."), "success")
    return redirect(url_for("reports.status"))


from . import advisor_views  # noqa: E402,F401  (registers the advisor's routes on bp)
