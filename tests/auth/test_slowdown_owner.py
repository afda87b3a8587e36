"""Slow-downs that never lock out the owner (issue 17 item 5): the failing (client, account)
pair waits, the account as a whole only up to a low ceiling, the owner's own browser never,
and the officer is told of the failed attempts at their next login."""
from __future__ import annotations

from gratifikasi.auth.devices import COOKIE
from tests.helpers import PASSWORD, current_code, make_officer

WRONG = "bukan-kata-sandinya"
LOCKED = "Terlalu banyak percobaan gagal"


def _post(client, address: str, password: str, username: str = "ani"):
    return client.post("/masuk", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def _login(client, address: str, username: str = "ani"):
    first = _post(client, address, PASSWORD, username)
    if first.status_code != 302:
        return first
    return client.post("/masuk/kode", data={"code": current_code()}, environ_base={"REMOTE_ADDR": address})


def test_wrong_passwords_from_one_client_do_not_refuse_the_owner_on_another(app, frozen_clock):
    make_officer(app, "ani")
    guesser, owner = app.test_client(), app.test_client()
    for _ in range(8):
        _post(guesser, "203.0.113.9", WRONG)
    assert LOCKED in _post(guesser, "203.0.113.9", PASSWORD).get_data(as_text=True)  # the guesser waits
    assert _login(owner, "10.1.2.3").headers["Location"].endswith("/beranda")     # the owner does not


def test_guessing_from_many_clients_is_slowed_only_up_to_the_ceiling(app, frozen_clock):
    make_officer(app, "ani")
    free = app.config["LOGIN_ACCOUNT_FREE_FAILURES"]
    ceiling = app.config["LOGIN_ACCOUNT_MAX_DELAY_SECONDS"]
    for i in range(free + 10):  # one or two tries from each of many addresses
        _post(app.test_client(), f"198.51.100.{i}", WRONG)
    newcomer = app.test_client()
    assert LOCKED in _post(newcomer, "10.9.9.9", PASSWORD).get_data(as_text=True)  # the account waits ...
    frozen_clock.advance(seconds=ceiling)
    assert _login(newcomer, "10.9.9.9").headers["Location"].endswith("/beranda")  # ... a minute at most


def test_the_owners_own_browser_is_not_held_by_the_account_wide_wait(app, frozen_clock):
    make_officer(app, "ani")
    owner = app.test_client()
    assert _login(owner, "10.1.1.1").status_code == 302
    assert owner.get_cookie(COOKIE) is not None
    owner.post("/keluar")
    frozen_clock.advance(seconds=60)  # the next TOTP code
    for i in range(app.config["LOGIN_ACCOUNT_FREE_FAILURES"] + 10):
        _post(app.test_client(), f"198.51.100.{i}", WRONG)
    assert LOCKED in _post(app.test_client(), "10.9.9.9", PASSWORD).get_data(as_text=True)
    assert _login(owner, "10.7.7.7").headers["Location"].endswith("/beranda")  # another address, same browser


def test_the_officer_is_told_of_failed_attempts_at_next_login(app, frozen_clock):
    make_officer(app, "ani")
    for i in range(3):
        _post(app.test_client(), f"198.51.100.{i}", WRONG)
    frozen_clock.advance(minutes=5)
    owner = app.test_client()
    assert _login(owner, "10.1.1.1").status_code == 302
    home = owner.get("/beranda").get_data(as_text=True)
    # How many, and when the last one was (08.00 WIB, five minutes before this login).
    assert "ada 3 percobaan masuk yang gagal ke akun Anda, terakhir 2 Maret 2026 pukul 08.00 WIB." in home
    # Told once: the count starts again.
    owner.post("/keluar")
    frozen_clock.advance(seconds=60)
    again = app.test_client()
    assert _login(again, "10.1.1.1").status_code == 302
    assert "percobaan masuk yang gagal" not in again.get("/beranda").get_data(as_text=True)
