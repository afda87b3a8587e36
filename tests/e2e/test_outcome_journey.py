"""A report from filing to KPK's SK and the hand-over, in Chromium on a phone-size screen, with
what the reporter's status page says at each step (issue 16 item 1; issue 15 item 4).

The clock stands at Thursday 26 March 2026, 10:00 WIB, just after Lebaran (18–24 March off);
Good Friday 3 April and 1 May are holidays. Deadlines counted by hand, day 0 the event:
* receipt Thu 5 March → UPG, 10 HK: 6, 9–13, 16, 17, 25, 26 March → 26 March (on time);
* UPG → KPK from the filing day (complete), 10 HK: 27, 30, 31 March, 1, 2, 6–10 April → 10 April;
* KPK's decision from forwarding on 26 March, 30 HK: … 27–30 April (24), 4–8 May (29), 11 May;
* the hand-over, 7 HK from the SK dated 26 March: 27, 30, 31 March, 1, 2, 6, 7 April → 7 April.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.cases.conftest import build_world
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

NOW = datetime(2026, 3, 26, 3, 0)  # 10:00 WIB


def _deadline(page, label: str) -> str:
    return page.locator("tr[data-testid=deadline]", has_text=label).inner_text()


def test_reporter_follows_a_report_to_the_sk_and_the_hand_over(live_server, browser_page, frozen_clock):
    frozen_clock.now = NOW
    base_url, app = live_server
    build_world(app)
    reporter = browser_page
    errors: list[str] = []
    reporter.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # Filing.
    reporter.goto(base_url + "/laporan-gratifikasi")
    fill = {
        "nama": "Rina Kartika", "nik": "3575016208900002", "nip": "199008222015032001", "tempat_lahir": "Pasuruan",
        "tanggal_lahir": "1990-08-22", "jabatan": "Bidan", "instansi": "Pemerintah Kota Pasuruan",
        "alamat": "Jl. Soekarno-Hatta 12, Pasuruan", "telepon": "081234567890", "pemberi_nama": "CV Pemberi",
        "tanggal_penerimaan": "2026-03-05", "tempat_penerimaan": "Puskesmas Bugul Kidul",
        "kronologi": "Rekanan mengantar parsel ke ruang kerja setelah rapat pengadaan.",
        "objects-0-uraian": "Parsel berisi jam tangan", "objects-0-nilai_taksiran": "2.750.000",
    }
    for name, value in fill.items():
        reporter.locator(f"[name='{name}']").fill(value)
    reporter.locator("#jenis_laporan-0").check()
    reporter.locator("[name=unit_id]").select_option(label="Dinas Kesehatan")
    reporter.locator("[name=hubungan_pemberi]").select_option("pihak_terkait_tugas")
    reporter.locator("[name=jenis_peristiwa]").select_option("lainnya")
    reporter.locator("[name=objects-0-jenis_objek]").select_option("barang")
    reporter.locator("[name=objects-0-lokasi_objek]").select_option("disimpan_pelapor")
    reporter.get_by_role("button", name="Kirim laporan").click()
    number = reporter.get_by_test_id("nomor-laporan").inner_text()
    code = reporter.get_by_test_id("kode-akses").inner_text()

    def status_page() -> None:
        reporter.goto(base_url + "/laporan-gratifikasi/status")
        if reporter.locator("[name=kode]").count():
            reporter.locator("[name=nomor]").fill(number)
            reporter.locator("[name=kode]").fill(code)
            reporter.get_by_role("button", name="Buka status laporan").click()

    status_page()
    assert reporter.get_by_test_id("status").inner_text() == "Laporan diterima"
    assert "Terpenuhi (26 Maret 2026)" in _deadline(reporter, "Batas lapor ke UPG")
    forward = _deadline(reporter, "Batas UPG meneruskan laporan ke KPK")
    assert "10 April 2026" in forward and "10 hari kerja lagi" in forward
    assert reporter.get_by_test_id("outcome").count() == 0

    # The UPG checks, analyses and forwards it.
    officer = reporter.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()
    log_in(officer, base_url, "upg")
    officer.goto(base_url + "/perkara/")
    officer.get_by_role("link", name=number).click()
    assert "10 April 2026" in officer.get_by_test_id("case-due").inner_text()
    for action in ("verifikasi_lengkap", "analisis"):
        officer.locator("[name=action]").select_option(action)
        if action == "analisis":
            officer.get_by_label("Alasan / keterangan").fill("Ceklis analisis lengkap.")
        officer.get_by_role("button", name="Jalankan").click()
    status_page()
    assert reporter.get_by_test_id("status").inner_text() == "Sedang diproses UPG"

    officer.get_by_role("link", name="Penerusan ke KPK, SK dan barang titipan").click()
    officer.get_by_label("Nomor referensi GOL").fill("GOL-2026-0042")
    officer.get_by_label("Tanggal diteruskan ke KPK").fill("2026-03-26")
    officer.get_by_role("button", name="Catat penerusan ke KPK").click()
    status_page()
    assert reporter.get_by_test_id("status").inner_text() == "Diteruskan ke KPK untuk penetapan status"
    assert "Terpenuhi (26 Maret 2026)" in _deadline(reporter, "Batas UPG meneruskan laporan ke KPK")
    decision = _deadline(reporter, "Batas penetapan status oleh KPK")
    assert "11 Mei 2026" in decision and "30 hari kerja lagi" in decision

    # KPK's SK: state property.
    officer.get_by_label("Nomor SK KPK").fill("123/GTF.00.02/03/2026")
    officer.get_by_label("Tanggal SK").fill("2026-03-26")
    officer.get_by_label("Keputusan").select_option("milik_negara")
    officer.get_by_role("button", name="Catat SK KPK").click()
    status_page()
    assert reporter.get_by_test_id("status").inner_text() == "Ditetapkan KPK menjadi milik negara"
    outcome = reporter.get_by_test_id("outcome").inner_text()
    assert "SK) nomor 123/GTF.00.02/03/2026 tanggal 26 Maret 2026" in outcome
    assert "Gratifikasi ini ditetapkan menjadi milik negara." in outcome
    assert "Serahkan barangnya kepada negara melalui UPG" in outcome
    assert "Paling lambat 7 April 2026" in outcome and "7 hari kerja lagi" in outcome
    assert reporter.get_by_test_id("outcome-done").inner_text().strip() == "SK KPK diterima dan dicatat."
    assert "Terpenuhi (26 Maret 2026)" in _deadline(reporter, "Batas penetapan status oleh KPK")
    assert "7 April 2026" in _deadline(reporter, "Batas penyerahan barang milik negara")
    assert reporter.evaluate("document.documentElement.scrollWidth") <= 390 + 1

    # The hand-over is recorded.
    officer.get_by_label("Tindak lanjut", exact=True).select_option("serahkan_barang")
    officer.get_by_label("Tanggal tindak lanjut").fill("2026-03-26")
    officer.get_by_label("Nomor bukti").fill("BA-12/UPG/2026")
    officer.get_by_role("button", name="Catat tindak lanjut").click()
    status_page()
    outcome = reporter.get_by_test_id("outcome").inner_text()
    assert "Tidak ada lagi yang perlu Anda lakukan." in outcome
    assert "Barang diserahkan kepada negara pada 26 Maret 2026." in outcome
    assert "Terpenuhi (26 Maret 2026)" in _deadline(reporter, "Batas penyerahan barang milik negara")
    assert errors == []
