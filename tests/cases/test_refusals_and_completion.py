"""Issue 15 items 2, 3 and 6 through the web and the daily command: refusal reports never reach
a KPK step and accepted gifts never close as refusals; a returned report may be completed only
until its deadline (counted from the legal anchor), is closed as "tidak dilengkapi" after it by
`flask cases tutup-tidak-dilengkapi` and not before, and the queue, the case page, the status
page and the e-mail show the same date.

Expected dates are counted by hand on the 2026 SKB calendar (domain.md §6.3) in the comments.
The clock starts at Monday 2026-03-02 08:00 WIB (tests/cases/conftest.py).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry, OutboxMessage
from gratifikasi.models.case import CaseEvent, CaseFile
from gratifikasi.settings.registry import REGISTRY
from tests.cases.conftest import submit_report, submit_report_with_code
from tests.helpers import login

REFUSAL_REASON = "Laporan penolakan tidak diteruskan ke KPK"
RECEIPT_REASON = "Laporan ini melaporkan pemberian yang diterima, bukan penolakan"
TOO_EARLY = "Laporan baru dapat ditutup sebagai tidak dilengkapi setelah batas waktu melengkapi lewat"
TOO_LATE = "Batas waktu melengkapi laporan menurut peraturan sudah lewat"


def _case(app, case_id: int) -> CaseFile:
    with app.app_context():
        row = db.session.get(CaseFile, case_id)
        db.session.expunge(row)
        return row


def _step(client, case_id: int, action: str, reason: str = ""):
    return client.post(f"/perkara/{case_id}/status", data={"action": action, "reason": reason})


# -- item 2: refusals ----------------------------------------------------------------------------


def test_a_refusal_report_is_checked_and_closed_as_a_refusal_and_offers_no_kpk_step(app, world):
    case = submit_report(app, jenis="penolakan")
    client = app.test_client()
    login(client, "upg")
    for action in ("verifikasi_lengkap", "analisis"):
        assert _step(client, case.id, action).status_code == 302
    page = client.get(f"/perkara/{case.id}").get_data(as_text=True)
    # The KPK step is not offered, the case page says why, and does not send the officer to KPK.
    assert 'value="teruskan_kpk"' not in page
    assert REFUSAL_REASON in page and "Langkah berikutnya dicatat di halaman KPK" not in page
    kpk_page = client.get(f"/perkara/gratifikasi/{case.record_id}/kpk").get_data(as_text=True)
    assert "Catat penerusan ke KPK" not in kpk_page and REFUSAL_REASON in kpk_page

    # Forced requests get the reason, and nothing moves.
    forced = client.post(f"/perkara/gratifikasi/{case.record_id}/kpk/teruskan",
                         data={"gol_reference": "GOL-UPG/2026/9", "forwarded_on": "2026-03-02"})
    assert forced.status_code == 400 and REFUSAL_REASON in forced.get_data(as_text=True)
    forced = _step(client, case.id, "teruskan_kpk")
    assert forced.status_code == 400 and REFUSAL_REASON in forced.get_data(as_text=True)
    assert _case(app, case.id).status == "dianalisis_upg"

    assert _step(client, case.id, "catat_penolakan").status_code == 302
    closed = _case(app, case.id)
    assert (closed.status, closed.is_open) == ("penolakan_dicatat", False)


def test_a_report_of_an_accepted_gift_cannot_be_closed_as_a_refusal(app, world):
    case = submit_report(app, jenis="penerimaan")
    client = app.test_client()
    login(client, "upg")
    page = client.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert 'value="catat_penolakan"' not in page and RECEIPT_REASON in page
    forced = _step(client, case.id, "catat_penolakan")
    assert forced.status_code == 400 and RECEIPT_REASON in forced.get_data(as_text=True)
    assert _case(app, case.id).status == "diterima_upg"


# -- item 3: completion requests -------------------------------------------------------------------


def _return_for_completion(app, world, frozen_clock, *, on: datetime, email: str | None = None):
    """A report made on Monday 2 March, returned on ``on`` (UTC); (case, number, access code)."""
    case, number, code = submit_report_with_code(app, email=email)
    frozen_clock.now = on
    client = app.test_client()
    login(client, "upg")
    assert _step(client, case.id, "minta_kelengkapan", "Mohon lampirkan foto amplop.").status_code == 302
    return case, number, code, client


def test_the_deadline_runs_from_the_report_not_from_the_return_and_every_screen_shows_it(app, world, frozen_clock):
    # Report Mon 2 Mar 2026 (2026 rules: 20 HK from the report): 3–6 (4), 9–13 (9), 16, 17 (11);
    # 18 cuti, 19 Nyepi, 20 cuti, 23–24 cuti bersama Idul Fitri; 25–27 (14), 30, 31 (16),
    # 1, 2 Apr (18), 3 Apr Wafat Yesus Kristus, 6, 7 Apr (20): due Tue 7 Apr 2026, although the
    # UPG returned it a week later (20 HK from 9 Mar would be 14 Apr).
    case, number, code, client = _return_for_completion(
        app, world, frozen_clock, on=datetime(2026, 3, 9, 2, 0), email="pelapor@example.go.id")
    assert _case(app, case.id).due_on == date(2026, 4, 7)
    # The law sets the period: no tenant setting can move it away from what the reporter is told.
    assert "gratifikasi.kelengkapan_hk" not in REGISTRY
    queue = client.get("/perkara/").get_data(as_text=True)
    assert "7 April 2026" in queue and "14 April 2026" not in queue
    page = client.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert "7 April 2026" in page and "7 April 2026" in page and "14 Apr" not in page
    with app.app_context():
        mail = db.session.execute(select(OutboxMessage).where(OutboxMessage.kind == "report-update")).scalar_one()
        assert "paling lambat 7 April 2026" in mail.body_text
    reporter = app.test_client()
    reporter.post("/laporan-gratifikasi/status", data={"nomor": number, "kode": code})
    status = reporter.get("/laporan-gratifikasi/status").get_data(as_text=True)
    assert "Lengkapi paling lambat 7 April 2026." in status and "14 April" not in status
    assert 'name="jawaban"' in status


def test_the_reporter_completes_until_the_deadline_day_and_not_after(app, world, frozen_clock):
    case, number, code, _client = _return_for_completion(app, world, frozen_clock, on=datetime(2026, 3, 3, 2, 0))
    frozen_clock.now = datetime(2026, 4, 8, 2, 0)  # Wed 8 Apr, 09:00 WIB: one day late
    reporter = app.test_client()
    reporter.post("/laporan-gratifikasi/status", data={"nomor": number, "kode": code})
    status = reporter.get("/laporan-gratifikasi/status").get_data(as_text=True)
    assert 'name="jawaban"' not in status and "Batas waktu melengkapi laporan (7 April 2026) sudah lewat" in status
    late = reporter.post("/laporan-gratifikasi/status/jawab", data={"jawaban": "Foto terlampir."})
    assert late.status_code == 302
    assert TOO_LATE in reporter.get("/laporan-gratifikasi/status").get_data(as_text=True)
    assert _case(app, case.id).status == "perlu_dilengkapi"

    frozen_clock.now = datetime(2026, 4, 7, 16, 0)  # Tue 7 Apr, 23:00 WIB: the last day
    on_time = reporter.post("/laporan-gratifikasi/status/jawab", data={"jawaban": "Foto terlampir."})
    assert on_time.status_code == 302 and _case(app, case.id).status == "diterima_upg"


def test_an_officer_cannot_close_it_as_not_completed_before_the_deadline(app, world, frozen_clock):
    case, _number, _code, client = _return_for_completion(app, world, frozen_clock, on=datetime(2026, 3, 3, 2, 0))
    frozen_clock.now = datetime(2026, 4, 7, 9, 0)  # the due day itself: still the reporter's
    login(client, "upg")  # a month later: a new session
    page = client.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert 'value="tutup_tidak_dilengkapi"' not in page and TOO_EARLY in page
    forced = _step(client, case.id, "tutup_tidak_dilengkapi")
    assert forced.status_code == 400 and TOO_EARLY in forced.get_data(as_text=True)
    assert _case(app, case.id).status == "perlu_dilengkapi"
    frozen_clock.now = datetime(2026, 4, 7, 17, 0)  # Wed 8 Apr 00:00 WIB
    login(client, "upg2")
    page = client.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert 'value="tutup_tidak_dilengkapi"' in page and 'value="lengkapi"' not in page
    assert _step(client, case.id, "tutup_tidak_dilengkapi").status_code == 302
    assert _case(app, case.id).status == "tidak_ditindaklanjuti"


def test_the_daily_command_closes_after_the_deadline_once_with_audit(app, world, frozen_clock):
    case, _number, _code, _client = _return_for_completion(app, world, frozen_clock, on=datetime(2026, 3, 3, 2, 0))
    waiting = submit_report(app)  # not returned: never touched
    runner = app.test_cli_runner()
    helped = runner.invoke(args=["cases", "tutup-tidak-dilengkapi", "--help"])
    assert helped.exit_code == 0 and "completion deadline" in helped.output and "--date" in helped.output
    early = runner.invoke(args=["cases", "tutup-tidak-dilengkapi", "--date", "2026-04-07"])
    assert early.exit_code == 0 and "ditutup tidak dilengkapi: 0" in early.output
    assert _case(app, case.id).status == "perlu_dilengkapi"
    done = runner.invoke(args=["cases", "tutup-tidak-dilengkapi", "--date", "2026-04-08"])
    assert done.exit_code == 0 and "menunggu kelengkapan 1; ditutup tidak dilengkapi: 1" in done.output
    again = runner.invoke(args=["cases", "tutup-tidak-dilengkapi", "--date", "2026-04-08"])
    assert "menunggu kelengkapan 0; ditutup tidak dilengkapi: 0" in again.output
    closed = _case(app, case.id)
    assert (closed.status, closed.is_open) == ("tidak_ditindaklanjuti", False)
    assert _case(app, waiting.id).status == "diterima_upg"
    with app.app_context():
        last = db.session.execute(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                  .order_by(CaseEvent.id.desc()).limit(1)).scalar_one()
        assert (last.action, last.actor_type, last.actor_id) == ("tutup_tidak_dilengkapi", "system", None)
        entries = db.session.execute(select(AuditEntry).where(AuditEntry.action.in_(
            ["case.closed_not_completed", "cases.lapsed_completions_closed"])).order_by(AuditEntry.seq)).scalars().all()
        assert [e.action for e in entries] == ["cases.lapsed_completions_closed", "case.closed_not_completed",
                                               "cases.lapsed_completions_closed", "cases.lapsed_completions_closed"]
        assert entries[1].details["to_status"] == "tidak_ditindaklanjuti" and entries[1].actor_type == "system"
        assert [e.details["closed"] for e in entries if e.action == "cases.lapsed_completions_closed"] == [0, 1, 0]


def test_across_the_year_end_the_deadline_and_the_closing_follow_the_2027_calendar(app, world, frozen_clock):
    # Report Mon 14 Dec 2026: 15–18 (4), 21–23 (7), 24 cuti bersama, 25 Natal, 28–31 (11),
    # 1 Jan 2027 Tahun Baru, 4 (12), 5 Jan Isra Mikraj (estimated by the holidays package),
    # 6–8 (15), 11–15 (20): due Fri 15 Jan 2027; Mon 18 Jan is the first day it may be closed.
    frozen_clock.now = datetime(2026, 12, 14, 2, 0)
    case, _number, _code, _client = _return_for_completion(app, world, frozen_clock, on=datetime(2026, 12, 15, 2, 0))
    assert _case(app, case.id).due_on == date(2027, 1, 15)
    runner = app.test_cli_runner()
    assert "ditutup tidak dilengkapi: 0" in runner.invoke(
        args=["cases", "tutup-tidak-dilengkapi", "--date", "2027-01-15"]).output
    assert "ditutup tidak dilengkapi: 1" in runner.invoke(
        args=["cases", "tutup-tidak-dilengkapi", "--date", "2027-01-16"]).output
    assert _case(app, case.id).status == "tidak_ditindaklanjuti"


# -- item 6: the procedure follows the date of the report -------------------------------------------


def test_a_gift_received_before_the_amendment_and_reported_after_gets_the_2026_procedure(app, world, frozen_clock):
    # Received Mon 19 Jan 2026 (2019 thresholds), reported Thu 5 Mar 2026 (day 31: late).
    # Completion, 2026 rules, 20 HK from 5 Mar: 6 (1), 9–13 (6), 16, 17 (8), 18–24 off, 25–27 (11),
    # 30, 31 (13), 1, 2 Apr (15), 3 Apr off, 6–10 (20): Fri 10 Apr (the 2019 rule would give
    # 30 HK from receipt: Wed 4 Mar, before the report was even made).
    frozen_clock.now = datetime(2026, 3, 5, 2, 0)
    case, number, code = submit_report_with_code(app, received=date(2026, 1, 19))
    client = app.test_client()
    login(client, "upg")
    assert _step(client, case.id, "minta_kelengkapan", "Mohon lampirkan foto.").status_code == 302
    assert _case(app, case.id).due_on == date(2026, 4, 10)
    reporter = app.test_client()
    reporter.post("/laporan-gratifikasi/status", data={"nomor": number, "kode": code})
    status = reporter.get("/laporan-gratifikasi/status").get_data(as_text=True)
    assert "Lengkapi paling lambat 10 April 2026." in status
    assert 'data-testid="late-warning"' in status and "dapat ditetapkan menjadi milik negara" in status
