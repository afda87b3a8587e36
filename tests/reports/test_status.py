"""Receipt PDF, status page with number + code, completion requests and answers."""
from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from gratifikasi.cases.queries import case_of_record
from gratifikasi.crypto.receipt_codes import new_receipt_code
from gratifikasi.extensions import db
from gratifikasi.models import OutboxMessage
from gratifikasi.models.report import REPORT_RECORD_TYPE, GratificationReport
from gratifikasi.reports.views import ACCESS_SESSION_KEY
from tests.copy_checks import copy_problems
from tests.helpers import login
from tests.outbox.helpers import recipient_of
from tests.reports.conftest import MARKERS, receipt_of, submit
from tests.uploads.samples import png


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_receipt_pdf_has_summary_and_deadlines_but_no_identity_or_text(client, app, ready):
    number, code = receipt_of(submit(client, app))
    response = client.get("/laporan-gratifikasi/tanda-terima.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = _pdf_text(response.data)
    assert number in text and "Rp750.000" in text and "Rp1.500.000" in text and "Rp2.250.000" in text
    assert "Voucher" in text and "Dititipkan di UPG" in text
    # 30 HK from receipt on Friday 2026-02-20: Feb 23-27 (5), Mar 2-13 (15), 16-17 (17), then
    # 18-24 March off (cuti bersama, Nyepi, Idul Fitri), 25-31 (22), Apr 1-2 (24), Good Friday
    # 3 April off, 6-10 (29), 13 April (30) -> 13 April 2026.
    # 10 HK from UPG receipt on Monday 2026-03-02: Mar 3-6 (4), 9-13 (9), 16 (10) -> 16 March 2026.
    assert "13 April 2026" in text and "16 Maret 2026" in text
    for value in (*MARKERS.values(), code, code.replace("-", "")):
        assert value not in text
    assert response.data.count(b"/Subtype /Image") == 0  # the QR code is drawn as vectors


def test_status_page_needs_number_and_code_in_a_post(client, app, ready):
    number, code = receipt_of(submit(client, app))
    fresh = app.test_client()
    page = fresh.get("/laporan-gratifikasi/status")
    assert 'name="kode"' in page.get_data(as_text=True) and number not in page.get_data(as_text=True)

    wrong = fresh.post("/laporan-gratifikasi/status",
                       data={"nomor": number, "kode": "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-3456"})
    assert wrong.status_code == 422
    other_number = fresh.post("/laporan-gratifikasi/status", data={"nomor": "GRT-2026-000777", "kode": code})
    assert other_number.status_code == 422
    assert "tidak cocok" in other_number.get_data(as_text=True)

    opened = fresh.post("/laporan-gratifikasi/status", data={"nomor": number.lower(), "kode": code.lower()})
    assert opened.status_code == 302 and opened.headers["Location"] == "/laporan-gratifikasi/status"
    html = fresh.get("/laporan-gratifikasi/status").get_data(as_text=True)
    assert 'data-testid="status">Laporan diterima<' in html
    assert "16 Maret 2026" in html and "Belum ada permintaan dari UPG." in html
    # The code is in no URL and not in the session; the session holds an opaque access value only.
    with fresh.session_transaction() as sess:
        held = str(sess[ACCESS_SESSION_KEY])
    assert code not in held and code.replace("-", "") not in held
    fresh.post("/laporan-gratifikasi/status/keluar")
    assert 'name="kode"' in fresh.get("/laporan-gratifikasi/status").get_data(as_text=True)


def test_wrong_codes_are_slowed_down(client, app, ready):
    number, _code = receipt_of(submit(client, app))
    fresh = app.test_client()
    statuses = [
        fresh.post("/laporan-gratifikasi/status",
                   data={"nomor": number, "kode": new_receipt_code().display}).status_code
        for _ in range(7)
    ]
    assert statuses[:5] == [422] * 5 and statuses[5:] == [429, 429]


def test_completion_request_reaches_the_reporter_who_answers_with_a_file(client, app, ready):
    app.config["BASE_URL"] = "https://wbs.example.go.id/layanan/"  # the public address, not the request's host
    number, code = receipt_of(submit(client, app))
    upg = app.test_client()
    login(upg, "upg")
    with app.app_context():
        report_id = db.session.execute(select(GratificationReport.id)).scalar_one()
        case_id = case_of_record("gratification_report", report_id).id
    listing = upg.get("/perkara/").get_data(as_text=True)
    assert number in listing and MARKERS["nama"] not in listing
    # The completion request is a workflow action on the case page; its text goes to the reporter.
    response = upg.post(f"/perkara/{case_id}/status",
                        data={"action": "minta_kelengkapan",
                              "reason": "Mohon lampirkan foto voucher Penandapermintaan."})
    assert response.status_code == 302

    with app.app_context():
        report = db.session.get(GratificationReport, report_id)
        assert report.status == "perlu_dilengkapi"
        # PerKPK 1/2026 Ps. 9(1): 20 HK from reporting (Mon 2 March 2026), skipping
        # 18-24 March (cuti bersama, Nyepi, Idul Fitri) and Good Friday 3 April -> 7 April 2026.
        assert str(report.messages[0].due_date) == "2026-04-07"
        mails = db.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()
        assert [m.kind for m in mails] == ["report-received", "report-update"]
        update = mails[-1]
        assert number in update.subject and "Mohon lengkapi laporan Anda" in update.subject
        assert "https://wbs.example.go.id/layanan/laporan-gratifikasi/status" in update.body_text
        for value in (*MARKERS.values(), code, "Penandapermintaan"):
            assert value not in update.subject + update.body_text

    reporter = app.test_client()
    reporter.post("/laporan-gratifikasi/status", data={"nomor": number, "kode": code})
    html = reporter.get("/laporan-gratifikasi/status").get_data(as_text=True)
    assert "Mohon lampirkan foto voucher Penandapermintaan." in html
    assert "7 April 2026" in html and 'name="jawaban"' in html
    answered = reporter.post(
        "/laporan-gratifikasi/status/jawab",
        data={"jawaban": "Foto voucher terlampir.", "lampiran": [(io.BytesIO(png()), "voucher.png")]},
        content_type="multipart/form-data",
    )
    assert answered.status_code == 302
    html = reporter.get("/laporan-gratifikasi/status").get_data(as_text=True)
    assert 'data-testid="status">Laporan diterima<' in html and 'name="jawaban"' not in html
    detail = upg.get(f"/perkara/{case_id}").get_data(as_text=True)
    assert "Foto voucher terlampir." in detail and "voucher.png" in detail
    with app.app_context():
        from gratifikasi.uploads.service import attachments_of

        assert len(attachments_of("gratification_report", report_id)) == 1


def test_officer_without_the_case_ring_cannot_request_completion(client, app, ready):
    from gratifikasi.models import Role
    from tests.helpers import make_officer

    receipt_of(submit(client, app))
    make_officer(app, "upg2", Role.upg)
    other = app.test_client()
    login(other, "upg2")
    with app.app_context():
        report_id = db.session.execute(select(GratificationReport.id)).scalar_one()
        case_id = case_of_record("gratification_report", report_id).id
    refused = other.post(f"/perkara/{case_id}/status",
                         data={"action": "minta_kelengkapan", "reason": "Mohon lengkapi data."})
    assert refused.status_code == 400
    with app.app_context():
        assert db.session.get(GratificationReport, report_id).status == "diterima_upg"
        assert case_of_record("gratification_report", report_id).status == "diterima_upg"


def test_the_early_upg_pages_are_retired(client, app, ready):
    receipt_of(submit(client, app))
    upg = app.test_client()
    login(upg, "upg")
    with app.app_context():
        report_id = db.session.execute(select(GratificationReport.id)).scalar_one()
    assert upg.get("/upg/laporan-gratifikasi").status_code == 404
    assert upg.get(f"/upg/laporan-gratifikasi/{report_id}").status_code == 404


def test_status_change_notice_carries_only_number_status_and_link(client, app, ready):
    from gratifikasi.reports.notify import notify_status_change

    number, _code = receipt_of(submit(client, app))
    with app.test_request_context("/upg/laporan-gratifikasi"):
        report = db.session.execute(select(GratificationReport)).scalar_one()
        case_of_record(REPORT_RECORD_TYPE, report.id).status = "diverifikasi"
        db.session.flush()
        db.session.expire(report, ["status"])
        # An officer outside the identity ring cannot address the reporter.
        assert not notify_status_change(ready.officer("irban"), ready.key("irban"), report)
        assert notify_status_change(ready.officer("upg"), ready.key("upg"), report)
        db.session.commit()
        notice = db.session.execute(
            select(OutboxMessage).where(OutboxMessage.kind == "report-status")
        ).scalar_one()
        assert notice.to_address is None and recipient_of(notice) == MARKERS["email"]
        assert number in notice.subject and number in notice.body_text
        assert [m for m in MARKERS.values() if m in notice.subject + notice.body_text] == []


def test_receipt_pdf_has_finished_copy(client, app, ready):
    """No backtick, developer note or raw key in the reporter's receipt (issue 16)."""
    submit(client, app)
    text = _pdf_text(client.get("/laporan-gratifikasi/tanda-terima.pdf").data)
    assert copy_problems({"tanda-terima.pdf": text}) == []
