"""Issue 15 in the browser, on a phone-size screen: a report returned for completion shows one
deadline to the officer and the reporter and is closed as not completed by the daily command
run after that date (a moved clock: ``--date``); a refusal report offers no KPK step and is
closed as a refusal."""
from __future__ import annotations

from datetime import timedelta

import pytest

from gratifikasi.extensions import db
from gratifikasi.i18n import long_date
from gratifikasi.models.report import GratificationReport
from gratifikasi.reports.completion import completion_due
from tests.cases.conftest import build_world, submit_report_with_code
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def _reporter(officer, base_url: str, number: str, code: str):
    page = officer.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()

    def open_status():
        page.goto(base_url + "/laporan-gratifikasi/status")
        if page.locator("[name=kode]").count():
            page.locator("[name=nomor]").fill(number)
            page.locator("[name=kode]").fill(code)
            page.get_by_role("button", name="Buka status laporan").click()
        return page

    return open_status


def test_a_returned_report_closes_as_not_completed_after_its_deadline(live_server, browser_page):
    base_url, app = live_server
    build_world(app)
    case, number, code = submit_report_with_code(app)
    with app.app_context():
        due = completion_due(db.session.get(GratificationReport, case.record_id))
    officer = browser_page
    log_in(officer, base_url, "upg")
    officer.goto(base_url + f"/perkara/{case.id}")
    officer.locator("[name=action]").select_option("minta_kelengkapan")
    officer.get_by_label("Alasan / keterangan").fill("Mohon lampirkan foto amplop.")
    officer.get_by_role("button", name="Jalankan").click()
    assert officer.locator("#status-perkara").inner_text() == "Perlu dilengkapi pelapor"
    # Before the deadline the officer is not offered the closing, and is told why.
    assert officer.locator("[name=action] option[value=tutup_tidak_dilengkapi]").count() == 0
    assert "setelah batas waktu melengkapi lewat" in officer.get_by_test_id("tindakan-tertahan").inner_text()
    facts = officer.locator("dl.facts").first.inner_text()
    assert long_date(due) in facts  # the stage's deadline
    assert officer.locator("#status-perkara").is_visible()

    open_status = _reporter(officer, base_url, number, code)
    reporter = open_status()
    assert reporter.get_by_test_id("batas-kelengkapan").inner_text() == (
        f"Lengkapi paling lambat {long_date(due)}.")
    assert reporter.locator("[name=jawaban]").count() == 1

    runner = app.test_cli_runner()
    on_due_day = runner.invoke(args=["cases", "tutup-tidak-dilengkapi", "--date", due.isoformat()])
    assert "ditutup tidak dilengkapi: 0" in on_due_day.output
    after = runner.invoke(args=["cases", "tutup-tidak-dilengkapi", "--date", (due + timedelta(days=1)).isoformat()])
    assert after.exit_code == 0 and "ditutup tidak dilengkapi: 1" in after.output

    officer.reload()
    assert officer.locator("#status-perkara").inner_text() == "Tidak ditindaklanjuti (tidak dilengkapi)"
    assert "sistem" in officer.locator(".history").inner_text()
    reporter = open_status()
    assert reporter.get_by_test_id("status").inner_text() == "Tidak ditindaklanjuti karena tidak dilengkapi"


def test_a_refusal_report_offers_no_kpk_step(live_server, browser_page):
    base_url, app = live_server
    build_world(app)
    case, number, code = submit_report_with_code(app, jenis="penolakan")
    officer = browser_page
    log_in(officer, base_url, "upg")
    officer.goto(base_url + f"/perkara/{case.id}")
    for action in ("verifikasi_lengkap", "analisis"):
        officer.locator("[name=action]").select_option(action)
        if action == "analisis":
            officer.get_by_label("Alasan / keterangan").fill("Ceklis analisis penolakan lengkap.")
        officer.get_by_role("button", name="Jalankan").click()
    assert officer.locator("#status-perkara").inner_text() == "Dianalisis UPG"
    offered = officer.locator("[name=action] option").all_inner_texts()
    assert not any("KPK" in text for text in offered) and any("penolakan" in text for text in offered)
    assert "Laporan penolakan tidak diteruskan ke KPK" in officer.get_by_test_id("tindakan-tertahan").inner_text()
    assert officer.get_by_text("Langkah berikutnya dicatat di halaman KPK:").count() == 0

    officer.get_by_role("link", name="Penerusan ke KPK, SK dan barang titipan").click()
    assert "Laporan penolakan tidak diteruskan ke KPK" in officer.get_by_test_id("tanpa-langkah-kpk").inner_text()
    assert officer.get_by_role("button", name="Catat penerusan ke KPK").count() == 0
    assert officer.get_by_role("button", name="Catat SK KPK").count() == 0

    officer.goto(base_url + f"/perkara/{case.id}")
    officer.locator("[name=action]").select_option("catat_penolakan")
    officer.get_by_role("button", name="Jalankan").click()
    assert officer.locator("#status-perkara").inner_text() == "Penolakan dicatat"
    reporter = _reporter(officer, base_url, number, code)()
    assert reporter.get_by_test_id("status").inner_text() == "Laporan penolakan telah dicatat"
