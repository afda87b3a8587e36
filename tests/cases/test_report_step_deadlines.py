"""Every deadline of a report counted from the right day and shown the same everywhere
(issue 15 item 4), estimates marked (item 5), and the reporter told KPK's decision (issue 16
item 1): the queue's due date, the case page, the reporter's status page and the receipt PDF.

Dates counted by hand, day 0 the event. Lebaran 2026: 18–24 March off (cuti bersama 18, 20,
23, 24; Nyepi 19; Idul Fitri 21–22), Good Friday 3 April. Year end: 24 December cuti bersama,
25 Natal, 1 January 2027; 2027 is not confirmed (the package's guess puts Isra Mikraj on 5 Jan).
"""
from __future__ import annotations

import io
from datetime import date, datetime

from pypdf import PdfReader
from sqlalchemy import func, select

from gratifikasi.extensions import db
from gratifikasi.integrity.report_queries import report_measure
from gratifikasi.kpk import services as kpk
from gratifikasi.models import FollowUpKind, KpkDecision
from gratifikasi.models.case import CaseFile
from gratifikasi.models.report import GratificationReport
from gratifikasi.settings.registry import REGISTRY, workflow_sla_keys
from tests.cases.conftest import submit_report_with_code
from tests.helpers import login


def _case(app, case_id: int) -> CaseFile:
    with app.app_context():
        case = db.session.get(CaseFile, case_id)
        db.session.expunge(case)
        return case


def _reporter(app, number: str, code: str):
    client = app.test_client()
    assert client.post("/laporan-gratifikasi/status", data={"nomor": number, "kode": code}).status_code == 302
    return client


def _status(app, number: str, code: str) -> str:
    """The reporter's status page, opened afresh (an opened page lives two hours)."""
    return _reporter(app, number, code).get("/laporan-gratifikasi/status").get_data(as_text=True)


def _row(html: str, label: str) -> str:
    """The deadline table row whose label starts with ``label``."""
    start = html.index(label)
    return html[start:html.index("</tr>", start)]


def _officer(app):
    """A freshly logged-in UPG officer (a session does not outlive the clock's jumps)."""
    client = app.test_client()
    login(client, "upg")
    return client


def _move(upg, case_id: int, action: str, reason: str | None = None) -> None:
    data = {"action": action} | ({"reason": reason} if reason else {})
    assert upg.post(f"/perkara/{case_id}/status", data=data).status_code == 302


def test_forwarding_runs_from_the_completion_day_across_lebaran_on_every_page(app, world, frozen_clock):
    case, number, code = submit_report_with_code(app)  # filed Monday 2 March 2026
    upg = app.test_client()
    login(upg, "upg")
    _move(upg, case.id, "minta_kelengkapan", "Mohon lampirkan foto parsel.")
    frozen_clock.now = datetime(2026, 3, 25, 2, 0)  # Wednesday 25 March, after Lebaran
    reporter = _reporter(app, number, code)
    assert reporter.post("/laporan-gratifikasi/status/jawab", data={"jawaban": "Foto terlampir."},
                         content_type="multipart/form-data").status_code == 302
    upg = _officer(app)
    # 10 HK from 25 March: 26, 27, 30, 31 March, 1, 2, 6, 7, 8, 9 April (3 April Good Friday).
    # Counted from the filing day it would be 16 March, already overdue: the reporter's weeks.
    assert _case(app, case.id).due_on == date(2026, 4, 9)
    row = _row(_status(app, number, code), "Batas UPG meneruskan laporan ke KPK")
    assert "9 April 2026" in row and "10 hari kerja lagi" in row
    page = upg.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert "9 April 2026" in _row(page, "Batas UPG meneruskan laporan ke KPK")
    assert "9 April 2026" in page[page.index('data-testid="case-due"'):][:200]
    queue = upg.get("/perkara/").get_data(as_text=True)
    assert "9 April 2026" in queue[queue.index(number):][:600]


def test_kpk_decision_sk_and_handover_are_shown_and_count_from_the_sk_date(app, world, frozen_clock):
    case, number, code = submit_report_with_code(app)
    upg = app.test_client()
    login(upg, "upg")
    _move(upg, case.id, "verifikasi_lengkap")
    _move(upg, case.id, "analisis")
    frozen_clock.now = datetime(2026, 3, 5, 2, 0)
    with app.test_request_context():
        report = db.session.get(GratificationReport, case.record_id)
        kpk.record_forwarding(report, world.officer("upg"), "GOL-UPG/2026/00017", date(2026, 3, 4))
    # KPK decides within 30 HK of Wed 4 March: 5, 6, 9–13, 16, 17, 25–27, 30, 31 March,
    # 1, 2, 6–10, 13–17, 20–23 April -> 30th is Thursday 23 April.
    assert _case(app, case.id).due_on == date(2026, 4, 23)
    html = _status(app, number, code)
    assert "23 April 2026" in _row(html, "Batas penetapan status oleh KPK")
    assert 'data-testid="outcome"' not in html

    frozen_clock.now = datetime(2026, 3, 26, 2, 0)  # the UPG records on Thursday 26 March …
    with app.test_request_context():
        report = db.session.get(GratificationReport, case.record_id)
        kpk.record_decision(report, world.officer("upg"), "SK-77/GTF.00.02/03/2026", date(2026, 3, 13),
                            KpkDecision.milik_negara)  # … an SK dated Friday 13 March
    # 7 HK from the SK's date: 16, 17, 25, 26, 27, 30, 31 March (not from 26 March: 6 April).
    assert _case(app, case.id).due_on == date(2026, 3, 31)
    html = _status(app, number, code)
    outcome = html[html.index('data-testid="outcome"'):]
    assert "SK-77/GTF.00.02/03/2026" in outcome and "13 Maret 2026" in outcome
    assert "ditetapkan menjadi milik negara" in outcome
    assert "Paling lambat 31 Maret 2026" in outcome and "3 hari kerja lagi" in outcome  # 27, 30, 31
    assert "Serahkan barangnya kepada negara melalui UPG" in outcome
    assert "Barang diserahkan kepada negara" not in outcome
    assert "31 Maret 2026" in _row(html, "Batas penyerahan barang milik negara")
    assert "31 Maret 2026" in _row(html, "Batas penyampaian SK kepada penerima")
    assert "Terpenuhi" in _row(html, "Batas penetapan status oleh KPK")
    upg = _officer(app)
    page = upg.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert "31 Maret 2026" in _row(page, "Batas penyerahan barang milik negara")
    assert "31 Maret 2026" in page[page.index('data-testid="case-due"'):][:200]

    frozen_clock.now = datetime(2026, 4, 2, 2, 0)  # Thursday 2 April: one working day late
    html = _status(app, number, code)
    assert "Batas ini sudah terlewati" in html[html.index('data-testid="outcome"'):]
    assert "Terlewati" in _row(html, "Batas penyerahan barang milik negara")
    with app.test_request_context():
        report = db.session.get(GratificationReport, case.record_id)
        kpk.record_follow_up(report, world.officer("upg"), FollowUpKind.serahkan_barang, date(2026, 4, 2),
                             "BA-12/UPG/2026")
    html = _status(app, number, code)
    outcome = html[html.index('data-testid="outcome"'):]
    assert "Barang diserahkan kepada negara pada 2 April 2026." in outcome
    assert "Tidak ada lagi yang perlu Anda lakukan." in outcome
    assert "Terpenuhi setelah batas" in _row(html, "Batas penyerahan barang milik negara")


def test_milik_penerima_tells_the_reporter_there_is_nothing_to_hand_over(app, world, frozen_clock):
    case, number, code = submit_report_with_code(app)
    upg = app.test_client()
    login(upg, "upg")
    _move(upg, case.id, "verifikasi_lengkap")
    _move(upg, case.id, "analisis")
    frozen_clock.now = datetime(2026, 3, 16, 2, 0)
    with app.test_request_context():
        officer = world.officer("upg")
        kpk.record_forwarding(db.session.get(GratificationReport, case.record_id), officer, "GOL-1", date(2026, 3, 4))
        kpk.record_decision(db.session.get(GratificationReport, case.record_id), officer, "SK-9/2026",
                            date(2026, 3, 13), KpkDecision.milik_penerima)
    html = _status(app, number, code)
    outcome = html[html.index('data-testid="outcome"'):]
    assert "milik Anda (milik penerima)" in outcome and "SK-9/2026" in outcome
    assert "Anda tidak perlu menyerahkan atau membayar apa pun." in outcome
    assert "Batas penyerahan barang milik negara" not in html


def test_the_dashboard_counts_on_time_against_the_upg_deadline_not_the_kpk_limit(app, world, frozen_clock):
    # Received Tue 10 February: 10 HK to the UPG are 11–13, 18–20, 23–26 February (16 cuti
    # bersama, 17 Imlek) -> 26 February. Filed 2 March: late for the UPG, in time for KPK (30 HK).
    late, _, _ = submit_report_with_code(app, received=date(2026, 2, 10))
    on_time, _, _ = submit_report_with_code(app, received=date(2026, 2, 27))  # UPG due 13 March
    with app.app_context():
        report = db.session.get(GratificationReport, late.record_id)
        assert report.upg_due_on == date(2026, 2, 26) and report.late_working_days is None

        def ids(measure: str) -> set[int]:
            return set(db.session.execute(select(GratificationReport.id).where(report_measure(measure))).scalars())

        assert ids("tepat_waktu") == {on_time.record_id}
        assert ids("terlambat") == {late.record_id}
        assert db.session.execute(select(func.count()).select_from(GratificationReport)).scalar_one() == 2


def test_dates_through_an_unconfirmed_year_are_marked_estimates_on_every_page(app, world, frozen_clock):
    frozen_clock.now = datetime(2026, 12, 7, 2, 0)  # Monday 7 December 2026
    case, number, code = submit_report_with_code(app, received=date(2026, 12, 1))
    reporter = _reporter(app, number, code)
    html = _status(app, number, code)
    # Report to KPK: 30 HK from 1 December runs into January 2027, whose holidays are a guess.
    assert 'data-testid="estimate"' in _row(html, "Batas lapor ke KPK")
    # Forwarding: 10 HK from 7 December end on 21 December 2026, a confirmed year.
    assert 'data-testid="estimate"' not in _row(html, "Batas UPG meneruskan laporan ke KPK")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(
        reporter.get("/laporan-gratifikasi/tanda-terima.pdf").data)).pages)
    assert "perkiraan" in text
    upg = app.test_client()
    login(upg, "upg")
    _move(upg, case.id, "verifikasi_lengkap")
    _move(upg, case.id, "analisis")
    assert 'data-testid="estimate"' not in upg.get(f"/perkara/{case.id}").get_data(as_text=True).split(
        'data-testid="case-due"')[1][:300]
    frozen_clock.now = datetime(2026, 12, 10, 2, 0)
    with app.test_request_context():
        kpk.record_forwarding(db.session.get(GratificationReport, case.record_id), world.officer("upg"),
                              "GOL-2", date(2026, 12, 10))
    upg = _officer(app)
    # KPK's 30 HK from 10 December: 13 in December, then 4, 6–8, 11–15, 18–22, 25–27 January.
    assert _case(app, case.id).due_on == date(2027, 1, 27)
    page = upg.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert 'data-testid="estimate"' in page.split('data-testid="case-due"')[1][:400]
    queue = upg.get("/perkara/").get_data(as_text=True)
    assert 'data-testid="estimate"' in queue[queue.index(number):][:800]
    assert 'data-testid="estimate"' in _row(_status(app, number, code), "Batas penetapan status oleh KPK")


def test_statutory_deadlines_are_not_tenant_settings_that_would_change_nothing():
    # KPK's 30 HK and the 7 HK hand-over are counted by rules.report_steps from their own day.
    for key in ("gratifikasi.penetapan_kpk_hk", "gratifikasi.serah_milik_negara_hk"):
        assert key not in REGISTRY and key not in workflow_sla_keys()
    assert "receipt_to_upg_hk" in REGISTRY and "upg_to_kpk_hk" in REGISTRY
