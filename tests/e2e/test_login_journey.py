"""An officer logs in with password and TOTP in a real browser and reaches the home page."""
from __future__ import annotations

import pytest

from gratifikasi.models import Role
from tests.helpers import PASSWORD, current_code, make_officer

pytestmark = pytest.mark.e2e


def test_officer_logs_in_with_password_and_totp(live_server, browser_page):
    base_url, app = live_server
    make_officer(app, "sari", Role.inspektorat)
    page = browser_page
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)

    page.goto(base_url + "/masuk")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_label("Nama pengguna").fill("sari")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Lanjut").click()

    page.wait_for_url("**/masuk/kode")
    page.get_by_label("Kode dari aplikasi autentikator").fill(current_code())
    page.get_by_role("button", name="Masuk", exact=True).click()

    page.wait_for_url("**/beranda")
    assert page.get_by_role("heading", name="Selamat datang, Petugas sari").is_visible()
    assert page.get_by_test_id("role").get_attribute("data-role") == "inspektorat"
    assert page.get_by_test_id("role").inner_text() == "Inspektorat (Irban)"
    # The strict CSP must not have blocked anything the page needs.
    assert not [e for e in console_errors if "Content Security Policy" in e], console_errors

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk")
    page.goto(base_url + "/beranda")
    assert page.url.endswith("/masuk?next=%2Fberanda") or "/masuk" in page.url


def test_language_switch_in_browser(live_server, browser_page):
    base_url, _app = live_server
    page = browser_page
    page.goto(base_url + "/masuk")
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/masuk")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Officer login").is_visible()
