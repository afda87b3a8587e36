"""Officer login (password, then TOTP), TOTP enrolment, logout and password change."""
from __future__ import annotations

from datetime import datetime

from flask import Response, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from .. import clock
from ..extensions import db, limiter
from ..i18n import tanggal
from ..models import Officer
from . import bp, services, sessions, totp
from .forms import LoginForm, LogoutForm, PasswordChangeForm, TotpForm

PENDING_KEY = "pending_officer"
PENDING_AT_KEY = "pending_at"


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _pending_officer() -> Officer | None:
    """The officer who passed the password step in the last few minutes, if any."""
    officer_id = session.get(PENDING_KEY)
    started = session.get(PENDING_AT_KEY)
    if officer_id is None or started is None:
        return None
    age = clock.utcnow().timestamp() - float(started)
    if age < 0 or age > current_app.config["LOGIN_PENDING_MINUTES"] * 60:
        _clear_pending()
        return None
    officer = db.session.get(Officer, int(officer_id))
    return officer if officer is not None and officer.is_active else None


def _clear_pending() -> None:
    session.pop(PENDING_KEY, None)
    session.pop(PENDING_AT_KEY, None)


def _locked_message(until: datetime) -> str:
    return _(
        "Terlalu banyak percobaan gagal. Coba lagi setelah %(waktu)s.",
        waktu=tanggal(until, "short"),
    )


@bp.route("/masuk", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def login() -> str | WerkzeugResponse:
    if current_user.is_authenticated:
        return redirect(url_for("home.officer_home"))
    form = LoginForm()
    if form.validate_on_submit():
        result = services.check_password(form.username.data or "", form.password.data or "")
        if result.locked_until is not None:
            flash(_locked_message(result.locked_until), "error")
        elif result.officer is None:
            flash(_("Nama pengguna atau kata sandi salah, atau akun tidak aktif."), "error")
        else:
            session.clear()
            session[PENDING_KEY] = result.officer.id
            session[PENDING_AT_KEY] = clock.utcnow().timestamp()
            if result.officer.totp_enrolled:
                return redirect(url_for("auth.totp_verify"))
            return redirect(url_for("auth.totp_enrol"))
    return render_template("auth/login.html", form=form)


@bp.route("/masuk/kode", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def totp_verify() -> str | WerkzeugResponse:
    officer = _pending_officer()
    if officer is None:
        flash(_("Sesi masuk berakhir. Silakan masukkan nama pengguna dan kata sandi lagi."), "info")
        return redirect(url_for("auth.login"))
    if not officer.totp_enrolled:
        return redirect(url_for("auth.totp_enrol"))
    form = TotpForm()
    if form.validate_on_submit():
        return _finish_login(officer, form)
    return render_template("auth/totp.html", form=form)


@bp.route("/masuk/daftar-autentikator", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def totp_enrol() -> str | WerkzeugResponse:
    officer = _pending_officer()
    if officer is None:
        flash(_("Sesi masuk berakhir. Silakan masukkan nama pengguna dan kata sandi lagi."), "info")
        return redirect(url_for("auth.login"))
    if officer.totp_enrolled:
        return redirect(url_for("auth.totp_verify"))
    secret = services.begin_totp_enrolment(officer)
    form = TotpForm()
    if form.validate_on_submit():
        return _finish_login(officer, form)
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render_template("auth/totp_enrol.html", form=form, secret=grouped, username=officer.username)


@bp.get("/masuk/daftar-autentikator/qr.svg")
def totp_qr() -> Response:
    officer = _pending_officer()
    if officer is None or officer.totp_enrolled or not officer.totp_secret:
        abort(404)
    uri = totp.provisioning_uri(officer.totp_secret, officer.username, current_app.config["TOTP_ISSUER"])
    return Response(totp.qr_svg(uri), mimetype="image/svg+xml")


def _finish_login(officer: Officer, form: TotpForm) -> str | WerkzeugResponse:
    if not services.check_totp(officer, form.code.data or ""):
        until = services.throttle.locked_until(officer.username)
        if until is not None:
            _clear_pending()
            flash(_locked_message(until), "error")
            return redirect(url_for("auth.login"))
        flash(_("Kode salah atau sudah pernah dipakai. Tunggu kode berikutnya lalu coba lagi."), "error")
        template = "auth/totp.html" if officer.totp_enrolled else "auth/totp_enrol.html"
        return render_template(template, form=form, secret=None, username=officer.username), 200
    session.clear()  # a fresh session on privilege change (no fixation)
    sessions.start_session(officer)
    login_user(officer)
    session.permanent = True
    if officer.must_change_password:
        flash(_("Silakan ganti kata sandi sementara Anda."), "info")
        return redirect(url_for("auth.change_password"))
    return redirect(url_for("home.officer_home"))


@bp.post("/keluar")
@login_required
def logout() -> WerkzeugResponse:
    form = LogoutForm()
    if form.validate_on_submit():
        sessions.end_session(current_user._get_current_object())
        logout_user()
        session.clear()
        flash(_("Anda telah keluar."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/akun/kata-sandi", methods=["GET", "POST"])
@login_required
def change_password() -> str | WerkzeugResponse:
    form = PasswordChangeForm()
    if form.validate_on_submit():
        problems = services.change_password(
            current_user._get_current_object(), form.current_password.data or "", form.new_password.data or ""
        )
        if not problems:
            flash(_("Kata sandi berhasil diganti."), "success")
            return redirect(url_for("home.officer_home"))
        form.new_password.errors = [_(text, **params) for text, params in problems]
    return render_template("auth/change_password.html", form=form)
