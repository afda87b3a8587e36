"""Password policy and Argon2id hashing."""
from __future__ import annotations

from gratifikasi.auth import passwords
from tests.helpers import PASSWORD, login, make_officer


def _messages(password: str, username: str = "") -> list[str]:
    return [text for text, _params in passwords.password_problems(password, username=username)]


def test_policy_length_boundaries():
    assert _messages("a-b-c-d-e-f") == ["Kata sandi minimal %(n)d karakter."]  # 11 characters
    assert _messages("a-b-c-d-e-fg") == []  # 12 characters
    assert "Kata sandi maksimal %(n)d karakter." in _messages("x1y2" * 40)


def test_policy_refuses_common_and_repetitive_passwords():
    assert "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain." in _messages("Password1234")
    assert _messages("BISMILLAH123") != []
    assert _messages("abcabcabcabc") != []
    assert _messages("aaaaaaaaaaaaaaa") != []


def test_policy_refuses_user_name_inside_password():
    assert "Kata sandi tidak boleh memuat nama pengguna." in _messages("sayaadalahbudi99", username="budi")


def test_production_hash_is_argon2id_with_rfc9106_parameters():
    hashed = passwords.hash_password("kalimat panjang sekali", fast=False)
    assert hashed.startswith("$argon2id$")
    assert "m=65536,t=3,p=4" in hashed
    assert passwords.verify_password(hashed, "kalimat panjang sekali")
    assert not passwords.verify_password(hashed, "kalimat panjang sekalI")


def test_change_password_requires_current_and_policy(app, client, frozen_clock):
    make_officer(app, "ani")
    login(client, "ani")
    wrong = client.post("/akun/kata-sandi", data={
        "current_password": "bukan-ini-sandinya", "new_password": "sandi-baru-yang-kuat",
        "confirm_password": "sandi-baru-yang-kuat"})
    assert "Kata sandi saat ini salah." in wrong.get_data(as_text=True)
    weak = client.post("/akun/kata-sandi", data={
        "current_password": PASSWORD, "new_password": "qwertyuiop123", "confirm_password": "qwertyuiop123"})
    assert "terlalu umum" in weak.get_data(as_text=True)
    mismatch = client.post("/akun/kata-sandi", data={
        "current_password": PASSWORD, "new_password": "sandi-baru-yang-kuat",
        "confirm_password": "sandi-baru-yang-lain"})
    assert "tidak sama" in mismatch.get_data(as_text=True)
    ok = client.post("/akun/kata-sandi", data={
        "current_password": PASSWORD, "new_password": "sandi-baru-yang-kuat",
        "confirm_password": "sandi-baru-yang-kuat"})
    assert ok.status_code == 302
    client.post("/keluar")
    frozen_clock.advance(seconds=30)
    assert login(client, "ani", PASSWORD).status_code == 200  # old password refused
    assert login(client, "ani", "sandi-baru-yang-kuat").headers["Location"].endswith("/beranda")
