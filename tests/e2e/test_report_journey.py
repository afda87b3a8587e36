"""A civil servant checks the advisor, files a report with two objects and a photo on a
phone-size screen, downloads the receipt PDF and opens the status page with number + code."""
from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from gratifikasi import clock
from gratifikasi.auth.services import find_officer
from gratifikasi.keyring import rings
from gratifikasi.models import Role
from tests.helpers import make_officer, seed_unit
from tests.uploads.samples import jpeg_with_gps

pytestmark = pytest.mark.e2e

TEXT = {
    "id": {"must": "Wajib lapor", "make": "Buat laporan dengan jawaban ini", "received": "Laporan Anda sudah diterima",
           "pdf": "Unduh tanda terima (PDF)", "close": "Tutup halaman status di perangkat ini",
           "open": "Buka status laporan", "status": "Laporan diterima", "add": "Tambah objek", "send": "Kirim laporan",
           "next": "Lanjut", "check": "Lihat hasil"},
    "en": {"must": "Must report", "make": "Start a report with these answers",
           "received": "Your report has been received",
           "pdf": "Download the receipt (PDF)", "close": "Close the status page on this device",
           "open": "Open report status", "status": "Report received", "add": "Add an object", "send": "Send report",
           "next": "Continue", "check": "See the result"},
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_report_journey(live_server, browser_page, tmp_path: Path, language):
    base_url, app = live_server
    seed_unit(app, "DINKES", "Dinas Kesehatan", "dinas")
    make_officer(app, "admin", Role.admin)
    with app.app_context():
        rings.init_rings(find_officer("admin"))
    t = TEXT[language]
    page = browser_page
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    received = (clock.local_today() - timedelta(days=3)).isoformat()

    page.goto(base_url + "/wajib-lapor")
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_url("**/wajib-lapor")
    assert page.locator("html").get_attribute("lang") == language
    page.locator("[name=tanggal_penerimaan]").fill(received)
    page.locator("[name=situation]").select_option("rekan_kerja_lainnya")
    page.get_by_role("button", name=t["next"]).click()
    page.locator("#conflict_of_interest-1").check()  # "tidak"
    page.locator("#related_to_duties-1").check()
    page.locator("[name=gift_form]").select_option("barang")
    page.locator("[name=value_rupiah]").fill("600.000")
    page.locator("[name=yearly_total_from_giver]").fill("600.000")
    page.get_by_role("button", name=t["check"]).click()
    assert page.get_by_test_id("hasil").inner_text() == t["must"]
    page.get_by_role("button", name=t["make"]).click()
    page.wait_for_url("**/laporan-gratifikasi")

    # Pre-filled from the advisor.
    assert page.locator("[name=tanggal_penerimaan]").input_value() == received
    assert page.locator("[name=objects-0-nilai_taksiran]").input_value() == "600.000"
    fill = {
        "nama": "Rina Kartika", "nik": "3575016208900002", "nip": "199008222015032001", "tempat_lahir": "Pasuruan",
        "tanggal_lahir": "1990-08-22", "jabatan": "Bidan", "instansi": "Pemerintah Kota Pasuruan",
        "alamat": "Jl. Soekarno-Hatta 12, Pasuruan", "telepon": "081234567890", "pemberi_nama": "Budi",
        "tempat_penerimaan": "Puskesmas Bugul Kidul",
        "kronologi": "Rekan kerja memberikan bingkisan dan voucher setelah acara kantor.",
        "objects-0-uraian": "Bingkisan kue", "objects-1-uraian": "Voucher belanja",
        "objects-1-nilai_taksiran": "250.000",
    }
    for name, value in fill.items():
        page.locator(f"[name='{name}']").fill(value)
    page.locator("[name=unit_id]").select_option(label="Dinas Kesehatan")
    page.locator("[name=jenis_peristiwa]").select_option("lainnya")
    page.locator("[name=objects-0-lokasi_objek]").select_option("disimpan_pelapor")
    page.locator("[name=objects-1-jenis_objek]").select_option("voucher")
    page.locator("[name=objects-1-lokasi_objek]").select_option("dititipkan_upg")
    page.locator("[name=lampiran]").set_input_files(
        files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}]
    )
    page.get_by_role("button", name=t["send"]).click()

    assert page.get_by_role("heading", name=t["received"]).is_visible()
    number = page.get_by_test_id("nomor-laporan").inner_text()
    code = page.get_by_test_id("kode-akses").inner_text()
    assert number.startswith(f"GRT-{clock.local_today().year}-") and len(code.replace("-", "")) == 28

    with page.expect_download() as download_info:
        page.get_by_role("link", name=t["pdf"]).click()
    data = Path(download_info.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert number in text and "Rp850.000" in text and "Rina" not in text

    page.goto(base_url + "/laporan-gratifikasi/status")
    page.get_by_role("button", name=t["close"]).click()
    page.locator("[name=nomor]").fill(number)
    page.locator("[name=kode]").fill(code)
    page.get_by_role("button", name=t["open"]).click()
    assert page.get_by_test_id("status").inner_text() == t["status"]
    assert code not in page.url and number not in page.url
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling
    assert not [e for e in errors if "Content Security Policy" in e], errors
