"""Officer login: password then TOTP, generic failures, slow-down, sessions."""
from __future__ import annotations

from sqlalchemy import func, select

from gratifikasi.extensions import db
from gratifikasi.models import LoginThrottle, OfficerSession, Role
from tests.helpers import PASSWORD, TOTP_SECRET, current_code, login, make_officer


def test_login_with_password_and_totp_reaches_home(app, client, frozen_clock):
    make_officer(app, "ani", Role.upg)
    response = login(client, "ani")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/beranda")
    page = client.get("/beranda")
    assert page.status_code == 200
    assert "Petugas ani" in page.get_data(as_text=True)


def test_wrong_password_and_unknown_user_give_the_same_message(app, client, frozen_clock):
    make_officer(app, "ani")
    wrong_password = client.post("/masuk", data={"username": "ani", "password": "salah-sekali-kata-sandi"})
    unknown_user = client.post("/masuk", data={"username": "tidakada", "password": PASSWORD})
    assert wrong_password.status_code == unknown_user.status_code == 200
    message = "Nama pengguna atau kata sandi salah, atau akun tidak aktif."
    assert message in wrong_password.get_data(as_text=True)
    assert message in unknown_user.get_data(as_text=True)
    assert client.get("/beranda").status_code == 302


def test_password_alone_does_not_log_in(app, client, frozen_clock):
    make_officer(app, "ani")
    response = client.post("/masuk", data={"username": "ani", "password": PASSWORD})
    assert response.headers["Location"].endswith("/masuk/kode")
    assert client.get("/beranda").status_code == 302


def test_wrong_totp_is_refused(app, client, frozen_clock):
    make_officer(app, "ani")
    client.post("/masuk", data={"username": "ani", "password": PASSWORD})
    good = current_code()
    bad = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post("/masuk/kode", data={"code": bad})
    assert "Kode salah" in response.get_data(as_text=True)
    assert client.get("/beranda").status_code == 302


def test_totp_code_is_accepted_once_only(app, client, frozen_clock):
    make_officer(app, "ani")
    code = current_code()
    assert login(client, "ani", code=code).headers["Location"].endswith("/beranda")
    client.post("/keluar")
    # Same 30-second window, same code: a replay must fail.
    frozen_clock.advance(seconds=5)
    replay = login(client, "ani", code=code)
    assert replay.status_code == 200
    assert "sudah pernah dipakai" in replay.get_data(as_text=True)
    # The next window's code works.
    frozen_clock.advance(seconds=30)
    assert login(client, "ani").headers["Location"].endswith("/beranda")


def test_disabled_officer_cannot_log_in_and_loses_sessions(app, client, frozen_clock):
    make_officer(app, "ani")
    login(client, "ani")
    assert client.get("/beranda").status_code == 200
    with app.app_context():
        from gratifikasi.admin.services import disable_officer

        disable_officer("ani")
    assert client.get("/beranda").status_code == 302
    frozen_clock.advance(seconds=30)
    response = client.post("/masuk", data={"username": "ani", "password": PASSWORD})
    assert "Nama pengguna atau kata sandi salah" in response.get_data(as_text=True)


def test_slow_down_after_repeated_failures(app, client, frozen_clock):
    make_officer(app, "ani")
    free = app.config["LOGIN_FREE_FAILURES"]
    for _ in range(free):
        client.post("/masuk", data={"username": "ani", "password": "bukan-kata-sandinya"})
    # Now locked: even the right password is refused, with the lock message.
    locked = client.post("/masuk", data={"username": "ani", "password": PASSWORD})
    assert "Terlalu banyak percobaan gagal" in locked.get_data(as_text=True)
    assert not locked.headers.get("Location")
    # The lock is in the database (shared by every worker) and keyed by hashes, not the name:
    # one row for this (client, account) pair, one for the account across clients.
    with app.app_context():
        rows = db.session.execute(select(LoginThrottle)).scalars().all()
        assert len(rows) == 2 and [row.failures for row in rows] == [free, free]
        assert all(b"ani" not in row.key_hash for row in rows)
    frozen_clock.advance(seconds=app.config["LOGIN_BASE_DELAY_SECONDS"] - 1)
    still = client.post("/masuk", data={"username": "ani", "password": PASSWORD})
    assert "Terlalu banyak percobaan gagal" in still.get_data(as_text=True)
    frozen_clock.advance(seconds=2)
    assert login(client, "ani").headers["Location"].endswith("/beranda")
    with app.app_context():
        # The pair's count is forgotten; the account-wide one waits for a quiet day.
        assert db.session.execute(select(func.count()).select_from(LoginThrottle)).scalar_one() == 1


def test_delay_doubles_with_each_further_failure(app, frozen_clock):
    with app.test_request_context():
        from gratifikasi.auth.throttle import delay_after

        free = app.config["LOGIN_FREE_FAILURES"]
        base = app.config["LOGIN_BASE_DELAY_SECONDS"]
        assert delay_after(free - 1).total_seconds() == 0
        assert delay_after(free).total_seconds() == base
        assert delay_after(free + 1).total_seconds() == 2 * base
        assert delay_after(free + 50).total_seconds() == app.config["LOGIN_MAX_DELAY_SECONDS"]


def test_idle_timeout_ends_session(app, client, frozen_clock):
    make_officer(app, "ani")
    login(client, "ani")
    frozen_clock.advance(minutes=app.config["SESSION_IDLE_MINUTES"] - 1)
    assert client.get("/beranda").status_code == 200
    frozen_clock.advance(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
    assert client.get("/beranda").status_code == 302
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(OfficerSession)).scalar_one() == 0


def test_absolute_lifetime_ends_active_session(app, client, frozen_clock):
    make_officer(app, "ani")
    login(client, "ani")
    hours = app.config["SESSION_ABSOLUTE_HOURS"]
    # Stay active (a request every 20 minutes) until the absolute lifetime is reached.
    for _ in range(hours * 3 - 1):
        frozen_clock.advance(minutes=20)
        assert client.get("/beranda").status_code == 200
    frozen_clock.advance(minutes=21)
    assert client.get("/beranda").status_code == 302


def test_logout_deletes_server_side_session(app, client, frozen_clock):
    make_officer(app, "ani")
    login(client, "ani")
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(OfficerSession)).scalar_one() == 1
    client.post("/keluar")
    assert client.get("/beranda").status_code == 302
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(OfficerSession)).scalar_one() == 0


def test_stolen_cookie_after_logout_is_useless(app, frozen_clock):
    make_officer(app, "ani")
    first = app.test_client()
    login(first, "ani")
    cookie = first.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    first.post("/keluar")
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie.value)
    assert thief.get("/beranda").status_code == 302


def test_totp_enrolment_shows_qr_and_confirms_with_code(app, client, frozen_clock):
    make_officer(app, "baru", enrolled=False)
    response = client.post("/masuk", data={"username": "baru", "password": PASSWORD})
    assert response.headers["Location"].endswith("/masuk/daftar-autentikator")
    page = client.get("/masuk/daftar-autentikator")
    assert page.status_code == 200
    qr = client.get("/masuk/daftar-autentikator/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    assert qr.get_data(as_text=True).lstrip().startswith("<svg")
    with app.app_context():
        from gratifikasi.auth.services import find_officer

        secret = find_officer("baru").totp_secret
    assert secret and secret != TOTP_SECRET
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page.get_data(as_text=True)
    confirm = client.post("/masuk/daftar-autentikator", data={"code": current_code(secret)})
    assert confirm.headers["Location"].endswith("/beranda")
    with app.app_context():
        from gratifikasi.auth.services import find_officer

        assert find_officer("baru").totp_enrolled
    # Once enrolled, the QR is no longer served.
    assert client.get("/masuk/daftar-autentikator/qr.svg").status_code == 404


def test_pending_login_expires(app, client, frozen_clock):
    make_officer(app, "ani")
    client.post("/masuk", data={"username": "ani", "password": PASSWORD})
    frozen_clock.advance(minutes=app.config["LOGIN_PENDING_MINUTES"] + 1)
    response = client.post("/masuk/kode", data={"code": current_code()})
    assert response.headers["Location"].endswith("/masuk")
