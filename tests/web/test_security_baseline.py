"""Security headers, CSRF, error pages, role checks, request limits, language switch."""
from __future__ import annotations

import re

import pytest

from gratifikasi.models import Role
from tests.conftest import make_app
from tests.helpers import PASSWORD, login, make_officer


def _assert_baseline_headers(response, *, cacheable: bool = False) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in response.headers["Permissions-Policy"]
    if cacheable:
        assert response.headers.get("Cache-Control") != "no-store"
    else:
        assert response.headers["Cache-Control"] == "no-store"


def test_headers_on_every_kind_of_page(app, client, frozen_clock):
    make_officer(app, "admin1", Role.admin)
    _assert_baseline_headers(client.get("/"))  # public page
    _assert_baseline_headers(client.get("/masuk"))  # login form
    _assert_baseline_headers(client.get("/tidak-ada"))  # error page
    static = client.get("/static/css/app.css")
    _assert_baseline_headers(static, cacheable=True)  # static asset
    static.close()
    login(client, "admin1")
    _assert_baseline_headers(client.get("/beranda"))  # after login
    _assert_baseline_headers(client.get("/admin/petugas"))
    redirect = client.post("/bahasa", data={"bahasa": "en", "next": "/"})
    _assert_baseline_headers(redirect)


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/", base_url="http://localhost").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_session_cookie_flags(tmp_path, frozen_clock):
    app = make_app(tmp_path, SESSION_COOKIE_SECURE=True)
    make_officer(app, "ani")
    client = app.test_client()
    response = client.post("/masuk", data={"username": "ani", "password": PASSWORD}, base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie


def test_pages_have_no_inline_script_or_style(app, client):
    html = client.get("/masuk").get_data(as_text=True)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_no_third_party_urls_in_pages(app, client):
    html = client.get("/").get_data(as_text=True) + client.get("/masuk").get_data(as_text=True)
    for url in re.findall(r'(?:src|href|action)="([^"]+)"', html):
        assert url.startswith("/") or url.startswith("#"), url


def test_csrf_enabled_forms_carry_tokens_and_refuse_posts_without(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    make_officer(app, "ani")
    client = app.test_client()
    page = client.get("/masuk").get_data(as_text=True)
    token = re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token, "the login form must carry a CSRF token"
    # The language switch in the header carries one too.
    assert page.count('name="csrf_token"') >= 2
    refused = client.post("/masuk", data={"username": "ani", "password": PASSWORD})
    assert refused.status_code == 400
    assert "Formulir kedaluwarsa atau tidak sah" in refused.get_data(as_text=True)
    accepted = client.post("/masuk", data={"username": "ani", "password": PASSWORD, "csrf_token": token.group(1)})
    assert accepted.status_code == 302
    assert client.post("/bahasa", data={"bahasa": "en", "next": "/"}).status_code == 400


def test_admin_page_refuses_other_roles(app, frozen_clock):
    make_officer(app, "admin1", Role.admin)
    make_officer(app, "upg1", Role.upg)
    anonymous = app.test_client()
    assert anonymous.get("/admin/petugas").status_code == 302
    upg_client = app.test_client()
    login(upg_client, "upg1")
    forbidden = upg_client.get("/admin/petugas")
    assert forbidden.status_code == 403
    assert "Akses ditolak" in forbidden.get_data(as_text=True)
    frozen_clock.advance(seconds=30)
    admin_client = app.test_client()
    login(admin_client, "admin1")
    page = admin_client.get("/admin/petugas")
    assert page.status_code == 200 and "upg1" in page.get_data(as_text=True)


@pytest.mark.parametrize("path, code", [("/tidak-ada", 404), ("/keluar", 405)])
def test_error_pages_in_site_look(client, path, code):
    response = client.get(path)
    assert response.status_code == code
    html = response.get_data(as_text=True)
    assert 'class="site-header"' in html and f">{code}<" in html
    assert "Traceback" not in html


def test_server_error_page_has_no_stack_trace(tmp_path):
    app = make_app(tmp_path)

    @app.get("/rusak")
    def broken() -> str:
        raise RuntimeError("rahasia-pelapor-tidak-boleh-bocor")

    response = app.test_client().get("/rusak")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Terjadi kesalahan" in html
    assert "rahasia-pelapor" not in html and "Traceback" not in html


def test_request_size_limit(tmp_path):
    app = make_app(tmp_path, MAX_CONTENT_LENGTH=1024)
    response = app.test_client().post("/masuk", data={"username": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert "Berkas terlalu besar" in response.get_data(as_text=True)


def test_language_switch_to_english_and_back(client):
    assert "Masuk petugas" in client.get("/masuk").get_data(as_text=True)
    response = client.post("/bahasa", data={"bahasa": "en", "next": "/masuk"})
    assert response.status_code == 302 and response.headers["Location"] == "/masuk"
    english = client.get("/masuk").get_data(as_text=True)
    assert "Officer login" in english and '<html lang="en">' in english
    client.post("/bahasa", data={"bahasa": "id", "next": "/masuk"})
    assert '<html lang="id">' in client.get("/masuk").get_data(as_text=True)


def test_language_switch_is_not_an_open_redirect(client):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example/",
                   "/masuk\nSet-Cookie: x=1", "/masuk\r\nLocation: //evil.example/", "/\tevil", " /masuk"):
        response = client.post("/bahasa", data={"bahasa": "en", "next": target})
        assert response.status_code == 302, repr(target)
        assert response.headers["Location"] == "/", repr(target)
    # A plain local path with a query survives.
    kept = client.post("/bahasa", data={"bahasa": "en", "next": "/pengaduan/?x=1"})
    assert kept.headers["Location"] == "/pengaduan/?x=1"


def test_field_errors_are_shown_next_to_fields_and_input_kept(client):
    response = client.post("/masuk", data={"username": "ani-yang-lupa", "password": ""})
    html = response.get_data(as_text=True)
    assert "Kata sandi wajib diisi." in html
    assert 'value="ani-yang-lupa"' in html
    assert 'aria-invalid="true"' in html
