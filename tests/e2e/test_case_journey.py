"""A UPG officer verifies and analyses a report in the case workspace, forwards it to KPK and
records KPK's decision (SK) on the kpk blueprint's page, on a phone-size screen, while the
reporter sees each status on the status page."""
from __future__ import annotations

import pytest

from gratifikasi import clock
from tests.cases.conftest import build_world, submit_report_with_code
from tests.helpers import PASSWORD, current_code

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

    officer.goto(base_url + "/masuk")
    officer.get_by_label("Nama pengguna").fill("upg")
    officer.get_by_label("Kata sandi").fill(PASSWORD)
    officer.get_by_role("button", name="Lanjut").click()
    officer.get_by_label("Kode dari aplikasi autentikator").fill(current_code())
    officer.get_by_role("button", name="Masuk", exact=True).click()
    officer.goto(base_url + "/perkara/")
    officer.get_by_role("link", name=number).click()
    assert officer.get_by_role("heading", name=f"Perkara {number}").is_visible()

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
