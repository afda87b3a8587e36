"""The officer's key in a session, password change and recovery keep access."""
from __future__ import annotations

from sqlalchemy import select

from gratifikasi.auth.services import find_officer
from gratifikasi.crypto.sealing import public_key_from_private
from gratifikasi.extensions import db
from gratifikasi.keyring import officers as key_officers
from gratifikasi.keyring import session as key_session
from gratifikasi.models import OfficerKey, OfficerSession, Role
from tests.helpers import PASSWORD, current_code, login, make_officer


def _session_key(app, client) -> bytes | None:
    """What a request of this client would unlock: the row's sealed key + the cookie's key."""
    with client.session_transaction() as flask_session:
        cookie_key = flask_session.get(key_session.COOKIE_KEY)
    with app.app_context():
        row = db.session.execute(
            select(OfficerSession).where(OfficerSession.verified_at.is_not(None))
        ).scalar_one_or_none()
        return key_session.open_key(row, cookie_key)


def _public_key(app, username: str) -> bytes:
    with app.app_context():
        return db.session.get(OfficerKey, find_officer(username).id).public_key


def test_login_unlocks_private_key_into_the_session_only(app, client, frozen_clock):
    make_officer(app, "ani")
    login(client, "ani")
    private_key = _session_key(app, client)
    assert private_key is not None
    assert public_key_from_private(private_key) == _public_key(app, "ani")
    with app.app_context():
        row = db.session.execute(select(OfficerSession)).scalar_one()
        # The row alone does not open it: the cookie key is needed.
        assert key_session.open_key(row, None) is None
        assert key_session.open_key(row, "A" * 43) is None


def test_expired_session_cannot_open_the_key(app, client, frozen_clock):
    make_officer(app, "ani")
    login(client, "ani")
    with client.session_transaction() as flask_session:
        cookie_key = flask_session[key_session.COOKIE_KEY]
    frozen_clock.advance(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
    assert client.get("/beranda").status_code == 302  # expired: the row is deleted
    with app.app_context():
        assert db.session.execute(select(OfficerSession)).scalar_one_or_none() is None
        # Even with the cookie key, nothing is left to open.
        assert key_session.open_key(None, cookie_key) is None


def test_new_officer_is_sent_to_key_enrolment_and_confirms_recovery_key(app, client, frozen_clock):
    make_officer(app, "baru", Role.upg, keys=False)
    response = login(client, "baru")
    assert response.headers["Location"].endswith("/akun/kunci")
    page = client.post("/akun/kunci", data={"password": PASSWORD})
    html = page.get_data(as_text=True)
    assert 'data-testid="recovery-key"' in html
    assert _session_key(app, client) is not None  # usable at once
    not_confirmed = client.post("/akun/kunci/konfirmasi", data={})
    assert not_confirmed.headers["Location"].endswith("/akun/kunci")
    confirmed = client.post("/akun/kunci/konfirmasi", data={"stored": "y"})
    assert confirmed.headers["Location"].endswith("/beranda")
    with app.app_context():
        assert key_officers.has_confirmed_key(find_officer("baru"))


def test_password_change_keeps_access(app, client, frozen_clock):
    make_officer(app, "ani")
    public_key = _public_key(app, "ani")
    login(client, "ani")
    response = client.post("/akun/kata-sandi", data={
        "current_password": PASSWORD, "new_password": "sandi-baru-yang-kuat",
        "confirm_password": "sandi-baru-yang-kuat"})
    assert response.status_code == 302
    with app.app_context():
        officer = find_officer("ani")
        assert key_officers.unlock_with_password(officer, PASSWORD) is None
        private_key = key_officers.unlock_with_password(officer, "sandi-baru-yang-kuat")
        assert private_key is not None and public_key_from_private(private_key) == public_key


def test_recovery_key_sets_new_password_and_keeps_access(app, client, frozen_clock):
    make_officer(app, "lupa", Role.upg, keys=False)
    with app.app_context():
        officer = find_officer("lupa")
        enrolment = key_officers.enrol(officer, PASSWORD)
        key_officers.confirm_recovery_stored(officer)
    public_key = _public_key(app, "lupa")
    # An admin reset the password: the old wrap no longer opens with the temporary password.
    with app.app_context():
        from gratifikasi.admin.services import reset_password

        make_officer(app, "admin1", Role.admin)
        temporary = reset_password("lupa", by_admin="admin1")
        assert key_officers.unlock_with_password(find_officer("lupa"), temporary) is None
    wrong = client.post("/akun/pulihkan", data={
        "username": "lupa", "recovery_key": "2222-2222-2222-2222-2222-2222-2222",
        "code": current_code(), "new_password": "sandi-pulih-yang-kuat", "confirm_password": "sandi-pulih-yang-kuat"})
    assert "Data pemulihan tidak cocok." in wrong.get_data(as_text=True)
    frozen_clock.advance(seconds=30)
    ok = client.post("/akun/pulihkan", data={
        "username": "lupa", "recovery_key": enrolment.recovery_key_text.lower(),
        "code": current_code(), "new_password": "sandi-pulih-yang-kuat", "confirm_password": "sandi-pulih-yang-kuat"})
    assert ok.status_code == 302 and ok.headers["Location"].endswith("/masuk")
    with app.app_context():
        private_key = key_officers.unlock_with_password(find_officer("lupa"), "sandi-pulih-yang-kuat")
        assert private_key is not None and public_key_from_private(private_key) == public_key
    frozen_clock.advance(seconds=30)
    assert login(client, "lupa", "sandi-pulih-yang-kuat").headers["Location"].endswith("/beranda")
