"""Officers work from the queue and one case page per case, on a phone-size screen.

A UPG officer sees everything of a gratification report on its case page (form data, objects,
event, date and place, giver, compensation), verifies and analyses it, forwards it to KPK and
records KPK's decision (SK) on the KPK page, while the reporter sees each status on the
status page. An Inspektorat officer handles a complaint on its case page: category, 5W2H
answers, incident date, value, the reported person and unit, routing reasons, the mailbox.
"""
from __future__ import annotations

import pytest

from gratifikasi import clock
from tests.cases.conftest import SECRET_TEXT, build_world, submit_complaint, submit_report_with_code
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_upg_officer_takes_a_report_to_a_kpk_decision(live_server, browser_page):
    base_url, app = live_server
    build_world(app)
    case, number, code = submit_report_with_code(app)
    officer = browser_page
    errors: list[str] = []
    officer.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    reporter = officer.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()

    def reporter_sees(label: str) -> None:
        reporter.goto(base_url + "/laporan-gratifikasi/status")
        if reporter.locator("[name=kode]").count():
            reporter.locator("[name=nomor]").fill(number)
            reporter.locator("[name=kode]").fill(code)
            reporter.get_by_role("button", name="Buka status laporan").click()
        assert reporter.get_by_test_id("status").inner_text() == label

    reporter_sees("Laporan diterima")

    log_in(officer, base_url, "upg")
    officer.goto(base_url + "/perkara/")
    officer.get_by_role("link", name=number).click()
    assert officer.get_by_role("heading", name=f"Perkara {number}").is_visible()
    # One screen shows the whole report: form data, the giver, the objects, the KPK steps.
    report_data = officer.locator("section[aria-labelledby=data-laporan]").inner_text()
    for shown in ("Laporan penerimaan", "27 Februari 2026", "Kantor", "CV Pemberi", SECRET_TEXT, "Tidak",
                  "Rp500.000"):
        assert shown in report_data, shown
    objects = officer.get_by_role("table", name="Objek gratifikasi").inner_text()
    assert "Amplop" in objects and "Rp500.000" in objects and "Uang" in objects
    assert "Belum" in officer.locator("section[aria-labelledby=langkah-kpk]").inner_text()
    # The action list starts neutral: running it without a choice explains, beside the field.
    assert officer.locator("[name=action]").input_value() == ""
    officer.get_by_role("button", name="Jalankan").click()
    assert officer.get_by_text("Pilih tindakan.").is_visible()
    errors.clear()  # that refused form answered 400 on purpose

    steps = [
        ("verifikasi_lengkap", "", "Terverifikasi lengkap", "Sedang diproses UPG"),
        ("analisis", "Ceklis analisis lengkap; nilai wajar.", "Dianalisis UPG", "Sedang diproses UPG"),
    ]
    for action, reason, officer_label, reporter_label in steps:
        officer.locator("[name=action]").select_option(action)
        if reason:
            officer.get_by_label("Alasan / keterangan").fill(reason)
        officer.get_by_role("button", name="Jalankan").click()
        assert officer.locator("#status-perkara").inner_text() == officer_label
        if reason:
            assert reason in officer.locator(".history").inner_text()
        reporter_sees(reporter_label)

    # Forwarding and the SK are recorded on the KPK page, linked from the case.
    today = clock.local_today().isoformat()  # the officer's date, in Jakarta
    officer.get_by_role("link", name="Penerusan ke KPK, SK dan barang titipan").click()
    officer.get_by_label("Nomor referensi GOL").fill("GOL-2026-0042")
    officer.get_by_label("Tanggal diteruskan ke KPK").fill(today)
    officer.get_by_role("button", name="Catat penerusan ke KPK").click()
    assert officer.get_by_test_id("status").inner_text() == "Diteruskan ke KPK"
    reporter_sees("Diteruskan ke KPK untuk penetapan status")

    officer.get_by_label("Nomor SK KPK").fill("123/GTF.00.02/03/2026")
    officer.get_by_label("Tanggal SK").fill(today)
    officer.get_by_label("Keputusan").select_option("milik_penerima")
    officer.get_by_role("button", name="Catat SK KPK").click()
    assert officer.get_by_test_id("status").inner_text() == "Ditetapkan milik penerima"
    reporter_sees("Ditetapkan KPK menjadi milik Anda")

    # Back in the workspace: the mirrored status, and the steps in the history with the officer.
    officer.goto(base_url + f"/perkara/{case.id}")
    assert officer.locator("#status-perkara").inner_text() == "Ditetapkan milik penerima"
    history = officer.locator(".history").inner_text()
    assert "Diteruskan ke KPK" in history and "Petugas upg" in history
    assert errors == []


def test_inspektorat_officer_handles_a_complaint_on_its_case_page(live_server, browser_page):
    base_url, app = live_server
    build_world(app)
    case, code = submit_complaint(app)
    officer = browser_page
    errors: list[str] = []
    officer.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(officer, base_url, "irban")
    officer.goto(base_url + "/perkara/")
    officer.get_by_role("link", name=case.tracking_number).click()
    assert officer.get_by_role("heading", name=f"Perkara {case.tracking_number}").is_visible()
    data = officer.locator("section[aria-labelledby=data-pengaduan]").inner_text()
    for shown in ("Suap atau pemerasan (pungli)", "Portal pengaduan", "10 Februari 2026", "Rp1.500.000",
                  "Budi Santoso", "Petugas loket perizinan", "Loket 3, Mal Pelayanan Publik",
                  "Petugas loket meminta uang pelicin", "sekitar pukul 10 pagi", "Pengaduan ditangani Inspektorat",
                  "Tidak (anonim)"):
        assert shown in data, shown

    # A question through the mailbox, then the reporter answers with the code.
    officer.get_by_label("Pertanyaan atau pesan untuk pelapor").fill("Apakah ada saksi lain?")
    officer.get_by_role("button", name="Kirim pesan").click()
    assert officer.get_by_text("Pesan terkirim ke kotak pesan pelapor.").is_visible()
    reporter = officer.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()
    reporter.goto(base_url + "/pengaduan/kotak")
    reporter.get_by_label("Kode rahasia").fill(code)
    reporter.get_by_role("button", name="Buka").click()
    reporter.get_by_label("Pesan atau jawaban Anda").fill("Ada, rekan saya.")
    reporter.get_by_role("button", name="Kirim", exact=True).click()
    officer.reload()
    thread = officer.locator("section[aria-labelledby=pesan]").inner_text()
    assert "Apakah ada saksi lain?" in thread and "Ada, rekan saya." in thread

    officer.locator("[name=action]").select_option("telaah")
    officer.get_by_role("button", name="Jalankan").click()
    assert officer.locator("#status-perkara").inner_text() == "Sedang ditelaah"
    assert errors == []
