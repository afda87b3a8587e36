"""A pimpinan opens the integrity dashboard, follows a number to its cases and downloads the
unit's LKE worksheet, in Chromium (no JavaScript needed; the CSP must block nothing)."""
from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from gratifikasi import clock
from gratifikasi.extensions import db
from gratifikasi.models import Role
from tests.helpers import PASSWORD, current_code, make_officer
from tests.integrity import factories as f

pytestmark = pytest.mark.e2e


def test_pimpinan_dashboard_drill_down_and_worksheet(live_server, browser_page):
    base_url, app = live_server
    make_officer(app, "walikota", Role.pimpinan)
    year = clock.utcnow().year
    with app.app_context():
        unit = f.unit("DPMPTSP", "Dinas Penanaman Modal dan PTSP")
        for day in (5, 6, 7):
            f.report(unit, date(year, 1, day), "diterima_upg")
        f.complaint(unit, date(year, 1, 8), "selesai", responded=date(year, 1, 9))
        db.session.commit()
    page = browser_page
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    page.goto(base_url + "/masuk")
    page.get_by_label("Nama pengguna").fill("walikota")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_url("**/masuk/kode")
    page.get_by_label("Kode dari aplikasi autentikator").fill(current_code())
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url("**/beranda")

    page.goto(base_url + f"/integritas/?periode={year}")
    assert page.get_by_role("heading", name="Dasbor integritas seluruh instansi").is_visible()
    assert page.get_by_role("img", name="Laporan gratifikasi dan pengaduan per bulan").count() == 1
    row = page.get_by_role("row").filter(has_text="Dinas Penanaman Modal dan PTSP")
    row.get_by_test_id("drill-gratifikasi-semua").click()
    page.wait_for_url("**/integritas/perkara?**")
    assert page.get_by_test_id("case-total").inner_text() == "3"
    assert page.get_by_role("cell", name=f"GRT-{year}-", exact=False).count() == 3

    page.goto(base_url + f"/integritas/?periode={year}")
    page.get_by_role("link", name="Dinas Penanaman Modal dan PTSP").click()
    page.get_by_role("link", name=f"LKE lengkap dan kesiapan WBK/WBBM {year}").click()
    assert page.get_by_test_id("ready-WBK").is_visible()
    with page.expect_download() as download_info:
        page.get_by_test_id("download-worksheet").click()
    download = download_info.value
    assert download.suggested_filename == f"lke-{unit}-{year}.xlsx"
    with open(download.path(), "rb") as handle:
        content = handle.read()
    strings = zipfile.ZipFile(io.BytesIO(content)).read("xl/sharedStrings.xml").decode()
    assert "PRE2.a" in strings and "Dinas Penanaman Modal dan PTSP" in strings
    assert not [e for e in console_errors if "Content Security Policy" in e], console_errors
