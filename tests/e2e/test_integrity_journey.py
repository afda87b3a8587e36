"""A pimpinan opens the integrity dashboard, follows a number to its cases and downloads the
unit's LKE worksheet; a UPG officer records the SK UPG with its file and downloads it again.
In Chromium (no JavaScript needed; the CSP must block nothing)."""
from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from gratifikasi import clock
from gratifikasi.auth.services import find_officer
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import officers as key_officers
from gratifikasi.keyring import rings
from gratifikasi.models import Role
from tests.e2e.conftest import log_in
from tests.helpers import PASSWORD, make_officer
from tests.integrity import factories as f
from tests.uploads import samples

pytestmark = pytest.mark.e2e


def seed_pimpinan_and_a_unit(app, unit_name: str) -> tuple[int, int]:
    """A pimpinan 'walikota' and one unit with three reports and a closed complaint this
    January; returns (year, unit id)."""
    make_officer(app, "walikota", Role.pimpinan)
    year = clock.utcnow().year
    with app.app_context():
        unit = f.unit("DPMPTSP", unit_name)
        for day in (5, 6, 7):
            f.report(unit, date(year, 1, day), "diterima_upg")
        f.complaint(unit, date(year, 1, 8), "selesai", responded=date(year, 1, 9))
        db.session.commit()
    return year, unit


def test_pimpinan_dashboard_drill_down_and_worksheet(live_server, browser_page):
    base_url, app = live_server
    year, unit = seed_pimpinan_and_a_unit(app, "Dinas Penanaman Modal dan PTSP")
    page = browser_page
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    log_in(page, base_url, "walikota")

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


def test_upg_records_the_sk_upg_with_its_file_and_downloads_it(live_server, browser_page, tmp_path):
    base_url, app = live_server
    make_officer(app, "admin", Role.admin)
    make_officer(app, "upg", Role.upg)
    with app.app_context():
        admin = find_officer("admin")
        rings.init_rings(admin)
        rings.grant(RingPurpose.CASE, admin, key_officers.unlock_with_password(admin, PASSWORD), find_officer("upg"))
    scan = tmp_path / "SK UPG 2025.pdf"
    scan.write_bytes(samples.pdf())
    page = browser_page
    log_in(page, base_url, "upg")

    page.goto(base_url + "/integritas/bukti")
    page.get_by_label("Nomor dokumen").fill("188/45/2025")
    page.get_by_label("Judul/perihal").fill("Pembentukan UPG")
    page.get_by_label("Tanggal ditetapkan").fill(f"{clock.utcnow().year - 1}-01-02")
    page.get_by_label("Berkas dokumen").set_input_files(str(scan))
    page.get_by_role("button", name="Simpan dokumen").click()
    page.wait_for_url("**/integritas/bukti")
    link = page.get_by_role("link", name="SK UPG 2025.pdf")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "SK UPG 2025.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read().startswith(b"%PDF")
