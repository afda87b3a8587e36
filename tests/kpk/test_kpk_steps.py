"""Forwarding, SK decision, follow-up and deposits: services with their workflow
transitions and audit entries, and the pages (errors beside the field, nothing lost)."""
from __future__ import annotations

import io
import re
from datetime import date, datetime

import pypdf
import pytest
from sqlalchemy import select

from gratifikasi.cases.queries import case_of_record
from gratifikasi.extensions import db
from gratifikasi.kpk import services
from gratifikasi.kpk.services import KpkError
from gratifikasi.models import (
    AuditEntry,
    DepositedObject,
    FollowUpKind,
    GratificationReport,
    KpkDecision,
    ReleaseKind,
    Role,
)
from gratifikasi.rules.report_fields import LokasiObjek
from tests.helpers import login, make_officer
from tests.kpk.helpers import ReportSpec, make_report
from tests.outbox.helpers import recipient_of

TODAY = datetime(2026, 4, 6, 3, 0)  # Monday 6 April 2026, 10:00 WIB


@pytest.fixture
def clock_today(frozen_clock):
    frozen_clock.now = TODAY
    return frozen_clock


def _report(report_id: int) -> GratificationReport:
    db.session.expire_all()
    return db.session.get(GratificationReport, report_id)


def _transitions(report_id: int) -> list[tuple]:
    entries = db.session.execute(
        select(AuditEntry).where(AuditEntry.action == "case.transition", AuditEntry.object_id == str(report_id))
        .order_by(AuditEntry.seq)
    ).scalars()
    return [(e.details["transition"], e.details["from_status"], e.details["to_status"], e.actor_id) for e in entries]


def test_forward_decide_follow_up_moves_the_workflow_and_logs_each_step(upg_crew, clock_today):
    with upg_crew.app.test_request_context():
        upg = upg_crew.officer("upg")
        report_id = make_report()
        services.record_forwarding(_report(report_id), upg, " GOL-UPG/2026/00417 ", date(2026, 3, 2))
        assert _report(report_id).status == "diteruskan_kpk"
        services.record_decision(_report(report_id), upg, "SK-1234/GTF.00.02/01-13/04/2026", date(2026, 4, 1),
                                 KpkDecision.milik_negara)
        assert _report(report_id).status == "milik_negara"
        services.record_follow_up(_report(report_id), upg, FollowUpKind.setor_uang, date(2026, 4, 6),
                                  "NTPN 0A1B2C3D4E5F6G7H", 1_500_000)
        report = _report(report_id)
        assert report.status == "tindak_lanjut" and report.status_changed_at == TODAY
        kpk = services.records(report)
        assert kpk.forwarding.gol_reference == "GOL-UPG/2026/00417"  # trimmed
        assert kpk.decision.sk_number == "SK-1234/GTF.00.02/01-13/04/2026"
        assert kpk.decision.decision is KpkDecision.milik_negara
        assert [(f.kind, f.amount, f.reference) for f in kpk.follow_ups] == [
            (FollowUpKind.setor_uang, 1_500_000, "NTPN 0A1B2C3D4E5F6G7H")
        ]
        assert _transitions(report_id) == [
            ("teruskan_kpk", "dianalisis_upg", "diteruskan_kpk", upg.id),
            ("tetapkan_milik_negara", "diteruskan_kpk", "milik_negara", upg.id),
            ("setor_uang", "milik_negara", "tindak_lanjut", upg.id),
        ]


@pytest.mark.parametrize(("decision", "state"), [
    (KpkDecision.milik_penerima, "milik_penerima"),
    (KpkDecision.milik_negara, "milik_negara"),
    (KpkDecision.milik_negara_dapat_dikompensasi, "milik_negara_dapat_dikompensasi"),
])
def test_each_decision_leads_to_its_state(upg_crew, clock_today, decision, state):
    with upg_crew.app.test_request_context():
        upg = upg_crew.officer("upg")
        report_id = make_report(ReportSpec(status="diteruskan_kpk"))
        with pytest.raises(KpkError, match="penerusan laporan ke KPK"):
            services.record_decision(_report(report_id), upg, "SK-1", date(2026, 4, 1), decision)
        db.session.rollback()
        report_id = make_report(ReportSpec(status="dianalisis_upg"))
        services.record_forwarding(_report(report_id), upg, "GOL-1", date(2026, 3, 2))
        services.record_decision(_report(report_id), upg, "SK-1", date(2026, 4, 1), decision)
        assert _report(report_id).status == state
        assert _transitions(report_id)[-1][3] == upg.id
        assert _report(report_id).status == state


# (decision, follow-up, allowed?) per the workflow: the KPK decision fixes what may follow.
FOLLOW_UPS = [
    (KpkDecision.milik_penerima, FollowUpKind.kembalikan_ke_pelapor, True),
    (KpkDecision.milik_penerima, FollowUpKind.serahkan_barang, False),
    (KpkDecision.milik_penerima, FollowUpKind.setor_uang, False),
    (KpkDecision.milik_penerima, FollowUpKind.setor_kompensasi, False),
    (KpkDecision.milik_negara, FollowUpKind.serahkan_barang, True),
    (KpkDecision.milik_negara, FollowUpKind.setor_uang, True),
    (KpkDecision.milik_negara, FollowUpKind.setor_kompensasi, False),
    (KpkDecision.milik_negara, FollowUpKind.kembalikan_ke_pelapor, False),
    (KpkDecision.milik_negara_dapat_dikompensasi, FollowUpKind.serahkan_barang, True),
    (KpkDecision.milik_negara_dapat_dikompensasi, FollowUpKind.setor_kompensasi, True),
    (KpkDecision.milik_negara_dapat_dikompensasi, FollowUpKind.setor_uang, False),
    (KpkDecision.milik_negara_dapat_dikompensasi, FollowUpKind.kembalikan_ke_pelapor, False),
]


@pytest.mark.parametrize(("decision", "kind", "allowed"), FOLLOW_UPS)
def test_follow_up_is_allowed_only_after_the_matching_decision(upg_crew, clock_today, decision, kind, allowed):
    with upg_crew.app.test_request_context():
        upg = upg_crew.officer("upg")
        report_id = make_report()
        services.record_forwarding(_report(report_id), upg, "GOL-1", date(2026, 3, 2))
        services.record_decision(_report(report_id), upg, "SK-1", date(2026, 4, 1), decision)
        assert (kind in services.possible_follow_ups(_report(report_id))) is allowed
        if allowed:
            services.record_follow_up(_report(report_id), upg, kind, date(2026, 4, 2), "BA-7", 2_000_000)
            assert _report(report_id).status == "tindak_lanjut"
        else:
            with pytest.raises(KpkError, match="tidak dapat dilakukan"):
                services.record_follow_up(_report(report_id), upg, kind, date(2026, 4, 2), "BA-7", 2_000_000)
            db.session.rollback()
            assert _report(report_id).status == decision.value
            assert services.records(_report(report_id)).follow_ups == []


def test_illegal_and_inconsistent_steps_are_refused_and_change_nothing(upg_crew, clock_today):
    with upg_crew.app.test_request_context():
        upg = upg_crew.officer("upg")
        fresh = make_report(ReportSpec(status="diterima_upg"))
        with pytest.raises(KpkError, match="tidak dapat dilakukan pada status 'Diterima UPG'"):
            services.record_forwarding(_report(fresh), upg, "GOL-1", date(2026, 3, 2))
        db.session.rollback()
        assert _report(fresh).status == "diterima_upg" and services.records(_report(fresh)).forwarding is None

        report_id = make_report()
        with pytest.raises(KpkError, match="masa depan") as error:
            services.record_forwarding(_report(report_id), upg, "GOL-1", date(2026, 4, 7))
        assert error.value.field == "forwarded_on"
        with pytest.raises(KpkError, match="sebelum laporan diterima UPG"):
            services.record_forwarding(_report(report_id), upg, "GOL-1", date(2026, 2, 22))
        services.record_forwarding(_report(report_id), upg, "GOL-1", date(2026, 2, 23))
        with pytest.raises(KpkError, match="sudah dicatat"):
            services.record_forwarding(_report(report_id), upg, "GOL-2", date(2026, 2, 24))
        with pytest.raises(KpkError, match="sebelum laporan diteruskan") as error:
            services.record_decision(_report(report_id), upg, "SK-1", date(2026, 2, 20), KpkDecision.milik_negara)
        assert error.value.field == "sk_date"
        with pytest.raises(KpkError, match="SK KPK sebelum"):
            services.record_follow_up(_report(report_id), upg, FollowUpKind.setor_uang, date(2026, 4, 2), "X", 5)
        services.record_decision(_report(report_id), upg, "SK-1", date(2026, 3, 30), KpkDecision.milik_negara)
        with pytest.raises(KpkError, match="jumlah uang") as error:
            services.record_follow_up(_report(report_id), upg, FollowUpKind.setor_uang, date(2026, 4, 2), "NTPN-1")
        assert error.value.field == "amount"
        with pytest.raises(KpkError, match="sebelum tanggal SK"):
            services.record_follow_up(_report(report_id), upg, FollowUpKind.serahkan_barang, date(2026, 3, 29), "BA-1")
        db.session.rollback()
        assert _report(report_id).status == "milik_negara"
        assert [t[0] for t in _transitions(report_id)] == ["teruskan_kpk", "tetapkan_milik_negara"]


def test_deposits_get_numbered_receipts_and_leave_only_after_the_decision(upg_crew, clock_today):
    with upg_crew.app.test_request_context():
        upg = upg_crew.officer("upg")
        report_id = make_report()
        first, second = (obj.id for obj in _report(report_id).objects)
        d1 = services.deposit_object(_report(report_id), upg, first, date(2026, 2, 23))
        d2 = services.deposit_object(_report(report_id), upg, second, date(2026, 2, 24))
        assert (d1.receipt_number, d2.receipt_number) == ("TTP-2026-0001", "TTP-2026-0002")
        assert {o.lokasi_objek for o in _report(report_id).objects} == {LokasiObjek.DITITIPKAN_UPG}
        with pytest.raises(KpkError, match="tidak dapat dititipkan"):
            services.deposit_object(_report(report_id), upg, first, date(2026, 2, 24))
        other = make_report(ReportSpec(unit_code="DINKES", unit_name="Dinas Kesehatan"))
        with pytest.raises(KpkError, match="tidak dapat dititipkan"):
            services.deposit_object(_report(other), upg, first, date(2026, 2, 24))
        with pytest.raises(KpkError, match="sebelum tanggal penerimaan"):
            services.deposit_object(_report(other), upg, _report(other).objects[0].id, date(2026, 2, 19))

        deposit = db.session.get(DepositedObject, d1.id)
        with pytest.raises(KpkError, match="setelah KPK menetapkan"):
            services.release_object(deposit, upg, date(2026, 3, 1), ReleaseKind.dikembalikan_pelapor)
        db.session.rollback()

        services.record_forwarding(_report(report_id), upg, "GOL-9", date(2026, 2, 25))
        services.record_decision(_report(report_id), upg, "SK-9", date(2026, 3, 20), KpkDecision.milik_negara)
        deposit = db.session.get(DepositedObject, d1.id)
        services.release_object(deposit, upg, date(2026, 3, 23), ReleaseKind.diserahkan_kpk)
        with pytest.raises(KpkError, match="sudah dikeluarkan"):
            services.release_object(db.session.get(DepositedObject, d1.id), upg, date(2026, 3, 24),
                                    ReleaseKind.diserahkan_kpk)
        # The hand-over releases what is still held, dated the day of the follow-up.
        services.record_follow_up(_report(report_id), upg, FollowUpKind.serahkan_barang, date(2026, 4, 1), "BA-77")
        db.session.expire_all()
        rows = db.session.execute(select(DepositedObject).order_by(DepositedObject.id)).scalars().all()
        assert [(r.released_on, r.release_kind) for r in rows] == [
            (date(2026, 3, 23), ReleaseKind.diserahkan_kpk), (date(2026, 4, 1), ReleaseKind.diserahkan_kpk),
        ]
        assert {o.lokasi_objek for o in _report(report_id).objects} == {LokasiObjek.DITITIPKAN_KPK}
        actions = db.session.execute(select(AuditEntry.action).where(AuditEntry.action.like("deposit.%"))
                                     .order_by(AuditEntry.seq)).scalars().all()
        assert actions == ["deposit.received", "deposit.received", "deposit.released", "deposit.released"]


def _receipt_number(upg, report_id: int, position: int, day: date) -> str:
    """Deposit the report's object at ``position`` on ``day``; the receipt number it got."""
    report = _report(report_id)
    return services.deposit_object(report, upg, report.objects[position].id, day).receipt_number


def test_receipt_numbers_restart_each_year(upg_crew, clock_today):
    with upg_crew.app.test_request_context():
        upg = upg_crew.officer("upg")
        old = make_report(ReportSpec(tanggal_penerimaan=date(2025, 12, 20), received_on=date(2025, 12, 22)))
        new = make_report()
        assert _receipt_number(upg, old, 0, date(2025, 12, 22)) == "TTP-2025-0001"
        assert _receipt_number(upg, new, 0, date(2026, 2, 23)) == "TTP-2026-0001"
        assert _receipt_number(upg, old, 1, date(2026, 1, 5)) == "TTP-2026-0002"


def _pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))


def test_pages_walk_the_whole_kpk_path_with_errors_beside_the_fields(upg_crew, clock_today):
    app = upg_crew.app
    with app.test_request_context():
        report_id = make_report()
        first_object = _report(report_id).objects[0].id
    base = f"/perkara/gratifikasi/{report_id}/kpk"
    client = app.test_client()
    login(client, "upg")
    with app.app_context():
        case_id = case_of_record("gratification_report", report_id).id
    assert f'href="{base}"' in client.get(f"/perkara/{case_id}").get_data(as_text=True)
    page = client.get(base).get_data(as_text=True)
    assert "Catat penerusan ke KPK" in page and "Catat SK penetapan" not in page
    assert f'href="/perkara/{case_id}"' in page and 'href="/perkara/gratifikasi/rekap"' in page

    # A refused forwarding keeps what was typed and puts the message beside the date field.
    response = client.post(
        f"{base}/teruskan", data={"gol_reference": "GOL-UPG/2026/00417", "forwarded_on": "2026-02-01"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="GOL-UPG/2026/00417"' in page and 'value="2026-02-01"' in page
    assert re.search(r'id="forwarded_on-error">Tanggal diteruskan tidak boleh sebelum laporan diterima UPG', page)
    response = client.post(f"{base}/teruskan", data={"gol_reference": "", "forwarded_on": "kemarin"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="gol_reference-error"' in page and 'value="kemarin"' in page
    assert 'aria-invalid="true"' in page

    assert client.post(f"{base}/teruskan", data={"gol_reference": "GOL-UPG/2026/00417",
                                                 "forwarded_on": "2026-03-02"}).status_code == 302
    page = client.get(base).get_data(as_text=True)
    assert "Penerusan ke KPK dicatat." in page and "GOL-UPG/2026/00417" in page and "Diteruskan ke KPK" in page
    # The reporter gave an address: told of the new status, with nothing of the report in it.
    with app.test_request_context():
        from gratifikasi.models import OutboxMessage

        notices = db.session.execute(select(OutboxMessage).where(OutboxMessage.kind == "report-status")).scalars().all()
        assert [recipient_of(n) for n in notices] == ["siti.aminah@example.go.id"]
        assert "Amplop" not in notices[0].body_text and "Hendra" not in notices[0].body_text

    response = client.post(f"{base}/sk", data={"sk_number": "SK-5/2026", "sk_date": "2026-04-01",
                                               "decision": "milik_negara_dapat_dikompensasi"})
    assert response.status_code == 302
    response = client.post(f"{base}/tindak-lanjut", data={"kind": "setor_kompensasi", "done_on": "2026-04-03",
                                                          "reference": "NTPN-77", "amount": "1,5 juta"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="amount-error"' in page and 'value="1,5 juta"' in page and 'value="NTPN-77"' in page
    response = client.post(f"{base}/tindak-lanjut", data={"kind": "setor_kompensasi", "done_on": "2026-04-03",
                                                          "reference": "NTPN-77", "amount": "Rp 1.500.000"})
    assert response.status_code == 302
    with app.test_request_context():
        report = _report(report_id)
        assert report.status == "tindak_lanjut"
        assert services.records(report).follow_ups[0].amount == 1_500_000

    # Deposit log: the object is taken in, the receipt printed as a PDF attachment.
    response = client.post(f"{base}/titipan", data={"gift_object_id": str(first_object), "deposited_on": "2026-04-06"})
    assert response.status_code == 400, "after KPK decided nothing is taken in any more"
    assert 'id="gift_object_id-error">Objek ini tidak dapat dititipkan' in response.get_data(as_text=True)
    with app.test_request_context():
        later = make_report(ReportSpec(received_on=date(2026, 3, 3)))
        later_object = _report(later).objects[1].id
    response = client.post(f"/perkara/gratifikasi/{later}/kpk/titipan",
                           data={"gift_object_id": str(later_object), "deposited_on": "2026-03-03"})
    assert response.status_code == 302
    with app.test_request_context():
        deposit_id = db.session.execute(select(DepositedObject.id)).scalar_one()
    response = client.post(f"/perkara/gratifikasi/{later}/kpk/titipan/{deposit_id}/tanda-terima.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="tanda-terima-TTP-2026-0001.pdf"'
    text = _pdf_text(response.data)
    assert "TANDA TERIMA BARANG TITIPAN GRATIFIKASI" in text and "Nomor tanda terima TTP-2026-0001" in text
    assert "Dititipkan oleh Siti Aminah Rahmawati" in text
    assert "Uraian objek Jam tangan pria merek Alba warna perak" in text and "Rp2.750.000" in text
    assert "Tanggal dititipkan 3 Maret 2026" in text and "Petugas upg" in text
    # Releasing before KPK decides is refused on the page, beside the date.
    response = client.post(f"/perkara/gratifikasi/{later}/kpk/titipan/{deposit_id}/keluar",
                           data={"released_on": "2026-04-01", "release_kind": "dikembalikan_pelapor"})
    assert response.status_code == 400 and "setelah KPK menetapkan" in response.get_data(as_text=True)


def test_deposit_of_a_refused_objects_page(upg_crew, clock_today):
    """A deposit whose object belongs to another report is a 404, not someone else's receipt."""
    app = upg_crew.app
    with app.test_request_context():
        one = make_report()
        two = make_report(ReportSpec(unit_code="DINKES", unit_name="Dinas Kesehatan"))
        deposit = services.deposit_object(_report(one), upg_crew.officer("upg"), _report(one).objects[0].id,
                                          date(2026, 2, 23))
        deposit_id = deposit.id
    client = app.test_client()
    login(client, "upg")
    assert client.post(f"/perkara/gratifikasi/{two}/kpk/titipan/{deposit_id}/tanda-terima.pdf").status_code == 404
    assert client.post(f"/perkara/gratifikasi/{two}/kpk/titipan/{deposit_id}/keluar",
                       data={"released_on": "2026-04-01", "release_kind": "dikembalikan_pelapor"}).status_code == 404
    assert client.get("/perkara/gratifikasi/9999/kpk").status_code == 404


ROUTES = [
    ("get", "/perkara/gratifikasi/{id}/kpk"),
    ("post", "/perkara/gratifikasi/{id}/kpk/teruskan"),
    ("post", "/perkara/gratifikasi/{id}/kpk/sk"),
    ("post", "/perkara/gratifikasi/{id}/kpk/tindak-lanjut"),
    ("post", "/perkara/gratifikasi/{id}/kpk/titipan"),
    ("post", "/perkara/gratifikasi/{id}/kpk/titipan/1/keluar"),
    ("post", "/perkara/gratifikasi/{id}/kpk/titipan/1/tanda-terima.pdf"),
    ("post", "/perkara/gratifikasi/{id}/kpk/formulir.pdf"),
    ("get", "/perkara/gratifikasi/rekap"),
    ("get", "/perkara/gratifikasi/rekap?tahun=2026&semester=1&format=csv"),
]


@pytest.mark.parametrize("role", [Role.admin, Role.inspektorat, Role.custodian, Role.pimpinan])
def test_only_upg_officers_reach_the_kpk_pages(app, role):
    make_officer(app, "lain", role)
    client = app.test_client()
    for method, path in ROUTES:
        anonymous = getattr(client, method)(path.format(id=1))
        assert anonymous.status_code == 302 and "/masuk" in anonymous.headers["Location"], path
    login(client, "lain")
    for method, path in ROUTES:
        assert getattr(client, method)(path.format(id=1)).status_code == 403, (role, path)


def test_today_is_jakartas_today_before_seven_in_the_morning(upg_crew, frozen_clock):
    # 05:30 WIB on Tuesday 7 April is still 6 April in UTC: the officer's "today" (7 April) is
    # not in the future, and 8 April is.
    frozen_clock.now = datetime(2026, 4, 6, 22, 30)
    with upg_crew.app.test_request_context():
        upg = upg_crew.officer("upg")
        report_id = make_report()
        with pytest.raises(KpkError, match="masa depan"):
            services.record_forwarding(_report(report_id), upg, "GOL-1", date(2026, 4, 8))
        services.record_forwarding(_report(report_id), upg, "GOL-1", date(2026, 4, 7))
        assert services.records(_report(report_id)).forwarding.forwarded_on == date(2026, 4, 7)


@pytest.mark.parametrize(("now", "semester"), [(datetime(2026, 3, 2, 1), "1"), (datetime(2026, 8, 10, 1), "2"),
                                               (datetime(2026, 6, 30, 18), "2")])  # 1 July 01.00 WIB
def test_the_recap_form_starts_at_the_current_year_and_semester(upg_crew, frozen_clock, now, semester):
    frozen_clock.now = now
    client = upg_crew.app.test_client()
    login(client, "upg")
    page = client.get("/perkara/gratifikasi/rekap").get_data(as_text=True)
    assert re.search(r'<input[^>]*name="tahun"[^>]*value="2026"', page) or re.search(
        r'<input[^>]*value="2026"[^>]*name="tahun"', page)
    assert re.search(rf'<option selected value="{semester}">|<option value="{semester}" selected>', page)
