"""Officer login (password, then TOTP), TOTP enrolment, logout and password change."""
from __future__ import annotations

from datetime import datetime

from flask import Response, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from .. import audit
from ..extensions import db, limiter
from ..i18n import tanggal
from ..keyring import KeyringError
from ..keyring import officers as key_officers
from ..keyring import session as key_session
from ..models import Officer, OfficerSession
from ..security.client_key import hashed_client_key
from . import bp, devices, services, sessions, totp
from .forms import KeyConfirmForm, KeyEnrolForm, LoginForm, LogoutForm, PasswordChangeForm, RecoveryForm, TotpForm

PENDING_KEY = "pending_token"


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _pending_row() -> OfficerSession | None:
    """The half-open session of an officer who passed the password step a moment ago."""
    token = session.get(PENDING_KEY)
    row = sessions.find_pending(token) if token else None
    if row is None or not row.officer.is_active:
        return None
    return row


def _pending_officer() -> Officer | None:
    row = _pending_row()
    return row.officer if row else None


def _clear_pending() -> None:
    session.pop(PENDING_KEY, None)
    session.pop(key_session.COOKIE_KEY, None)


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
        result = services.check_password(form.username.data or "", form.password.data or "",
                                         client=hashed_client_key(), device_officer_id=devices.remembered_officer_id())
        if result.locked_until is not None:
            flash(_locked_message(result.locked_until), "error")
        elif result.officer is None:
            flash(_("Nama pengguna atau kata sandi salah, atau akun tidak aktif."), "error")
        else:
            row = sessions.start_pending(result.officer)
            private_key = key_officers.unlock_with_password(result.officer, form.password.data or "")
            cookie_key = key_session.attach(row, private_key) if private_key else None
            db.session.commit()
            session.clear()
            session[PENDING_KEY] = row.raw_token
            if cookie_key:
                session[key_session.COOKIE_KEY] = cookie_key
            elif key_officers.key_of(result.officer) is not None:
                flash(_("Kunci pribadi Anda tidak terbuka dengan kata sandi ini (misalnya setelah reset oleh admin). "
                        "Gunakan kunci pemulihan di halaman Pemulihan."), "info")
            if result.officer.totp_enrolled:
                return redirect(url_for("auth.totp_verify"))
            return redirect(url_for("auth.totp_enrol"))
    return render_template("auth/login.html", form=form)


@bp.route("/masuk/kode", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def totp_verify() -> str | tuple[str, int] | WerkzeugResponse:
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
def totp_enrol() -> str | tuple[str, int] | WerkzeugResponse:
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


def _finish_login(officer: Officer, form: TotpForm) -> tuple[str, int] | WerkzeugResponse:
    client = hashed_client_key()
    if not services.check_totp(officer, form.code.data or "", client=client):
        until = services.throttle.locked_until(officer.username, client,
                                               own_device=devices.remembered_officer_id() == officer.id)
        if until is not None:
            _clear_pending()
            flash(_locked_message(until), "error")
            return redirect(url_for("auth.login"))
        flash(_("Kode salah atau sudah pernah dipakai. Tunggu kode berikutnya lalu coba lagi."), "error")
        template = "auth/totp.html" if officer.totp_enrolled else "auth/totp_enrol.html"
        return render_template(template, form=form, secret=None, username=officer.username), 200
    row = _pending_row()
    if row is None or row.officer_id != officer.id:
        return redirect(url_for("auth.login"))
    cookie_key = session.get(key_session.COOKIE_KEY)
    session.clear()  # a fresh session on privilege change (no fixation)
    failed_logins = services.complete_login(row)
    login_user(officer)
    session.permanent = True
    if cookie_key:
        session[key_session.COOKIE_KEY] = cookie_key
    if failed_logins is not None:
        _tell_of_failed_logins(failed_logins)
    if officer.must_change_password:
        flash(_("Silakan ganti kata sandi sementara Anda."), "info")
        target = url_for("auth.change_password")
    elif not key_officers.has_confirmed_key(officer):
        target = url_for("auth.key_enrol")
    else:
        target = url_for("home.officer_home")
    return devices.remember(redirect(target), officer)


def _tell_of_failed_logins(notice: services.FailedLogins) -> None:
    flash(ngettext(
        "Sejak Anda terakhir masuk ada %(num)d percobaan masuk yang gagal ke akun Anda, terakhir "
        "%(waktu)s. Bila itu bukan Anda, ganti kata sandi dan beri tahu admin.",
        "Sejak Anda terakhir masuk ada %(num)d percobaan masuk yang gagal ke akun Anda, terakhir "
        "%(waktu)s. Bila itu bukan Anda, ganti kata sandi dan beri tahu admin.",
        notice.count, waktu=tanggal(notice.last_at, "short"),
    ), "error")


@bp.post("/keluar")
@login_required
def logout() -> WerkzeugResponse:
    form = LogoutForm()
    if form.validate_on_submit():
        officer = current_user._get_current_object()
        audit.record("logout", actor_id=officer.id, object_type="officer", object_id=officer.id)
        sessions.end_session(officer)
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
            current_user._get_current_object(), form.current_password.data or "", form.new_password.data or "",
            private_key=key_session.current_private_key(),
        )
        if not problems:
            flash(_("Kata sandi berhasil diganti."), "success")
            # A first login goes on to the key pair, as the login itself would have.
            if not key_officers.has_confirmed_key(current_user._get_current_object()):
                return redirect(url_for("auth.key_enrol"))
            return redirect(url_for("home.officer_home"))
        form.new_password.errors = [_(text, **params) for text, params in problems]
    return render_template("auth/change_password.html", form=form)


@bp.route("/akun/kunci", methods=["GET", "POST"])
@login_required
def key_enrol() -> str | WerkzeugResponse:
    """Create the officer's key pair and show the recovery key once."""
    officer = current_user._get_current_object()
    if key_officers.has_confirmed_key(officer):
        return redirect(url_for("home.officer_home"))
    form = KeyEnrolForm()
    if form.validate_on_submit():
        try:
            enrolment = key_officers.enrol(officer, form.password.data or "")
        except KeyringError as error:
            form.password.errors = [_(str(error))]
        else:
            session[key_session.COOKIE_KEY] = key_session.attach(officer.current_session, enrolment.private_key)
            db.session.commit()
            audit.record("key.enrolled", actor_id=officer.id, object_type="officer", object_id=officer.id)
            return render_template(
                "auth/recovery_key.html", recovery_key=enrolment.recovery_key_text, form=KeyConfirmForm(formdata=None)
            )
    return render_template("auth/key_enrol.html", form=form)


@bp.post("/akun/kunci/konfirmasi")
@login_required
def key_confirm() -> str | WerkzeugResponse:
    officer = current_user._get_current_object()
    form = KeyConfirmForm()
    if key_officers.key_of(officer) is None:
        return redirect(url_for("auth.key_enrol"))
    if form.validate_on_submit():
        key_officers.confirm_recovery_stored(officer)
        flash(_("Kunci pribadi Anda siap. Admin dapat memberi Anda akses ke cincin kunci."), "success")
        return redirect(url_for("home.officer_home"))
    # The recovery key is not shown again: an unconfirmed key is replaced on the next try.
    flash(_("Kunci pemulihan belum dikonfirmasi. Buat ulang kunci dan simpan kunci pemulihan yang baru."), "error")
    return redirect(url_for("auth.key_enrol"))


@bp.route("/akun/pulihkan", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def recover() -> str | WerkzeugResponse:
    """Forgotten password: the recovery key and a TOTP code set a new password, keeping every key."""
    form = RecoveryForm()
    if form.validate_on_submit():
        username, client = form.username.data or "", hashed_client_key()
        officer = services.find_officer(username)
        own_device = officer is not None and devices.remembered_officer_id() == officer.id
        until = services.throttle.locked_until(username, client, own_device=own_device)
        problems = services.new_password_problems(form.new_password.data or "", username)
        if until is not None:
            flash(_locked_message(until), "error")
        elif problems:
            form.new_password.errors = [_(text, **params) for text, params in problems]
        elif officer is None or not officer.is_active:
            services.throttle.record_failure(username, client)
            flash(_("Data pemulihan tidak cocok."), "error")
        elif not services.check_totp(officer, form.code.data or "", client=client):  # counts its own failure
            flash(_("Data pemulihan tidak cocok."), "error")
        else:
            try:
                key_officers.recover(officer, form.recovery_key.data or "", form.new_password.data or "")
            except KeyringError:
                services.throttle.record_failure(username, client, officer)
                flash(_("Data pemulihan tidak cocok."), "error")
            else:
                sessions.end_all_sessions(officer.id)
                audit.record("key.recovered", actor_id=officer.id, object_type="officer", object_id=officer.id)
                flash(_("Kata sandi baru tersimpan dan kunci Anda tetap utuh. Silakan masuk."), "success")
                return redirect(url_for("auth.login"))
    return render_template("auth/recover.html", form=form)
