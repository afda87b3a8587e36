"""Every transition of the gratification workflow through the web layer, with the audit and
the sealed history; the rule-level exhaustive tests are tests/rules (both machines)."""
from __future__ import annotations

from sqlalchemy import select

from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry
from gratifikasi.models.case import CaseEvent, CaseFile
from gratifikasi.models.report import GratificationReport, MessageKind, ReportMessage
from gratifikasi.rules.workflow import GRATIFICATION
from tests.cases.conftest import submit_report
from tests.helpers import login
from tests.scan import database_hits


def _force_state(app, case_id: int, state: str) -> None:
    with app.app_context():
        case = db.session.get(CaseFile, case_id)
        report = db.session.get(GratificationReport, case.record_id)
        case.status = report.status = state
        case.is_open = not GRATIFICATION.is_final(state)
        db.session.commit()


def _status(app, case_id: int) -> tuple[str, str]:
    with app.app_context():
        case = db.session.get(CaseFile, case_id)
        return case.status, db.session.get(GratificationReport, case.record_id).status


def test_every_action_from_every_state_through_the_web(app, world):
    """The workspace's own actions move the case; those the kpk blueprint owns (they record a
    GOL reference, an SK or follow-up evidence) are refused here and done on the KPK page."""
    from gratifikasi.cases.sources import GRATIFICATION as SOURCE

    assert "kpk" in app.blueprints
    case_id = submit_report(app).id
    client = app.test_client()
    login(client, "upg")
    from datetime import date

    # A report of an accepted gift, on Monday 2 March: its completion deadline (7 April) has
    # not passed, so closing it as not completed and recording it as a refusal are refused.
    facts = {"jenis_laporan": "penerimaan", "today": date(2026, 3, 2), "completion_due": date(2026, 4, 7)}
    legal = illegal = delegated = guarded = 0
    for state in GRATIFICATION.states:
        for action in sorted(GRATIFICATION.actions):
            if action == "minta_kelengkapan":
                continue  # the reports module's own request is tested below
            _force_state(app, case_id, state)
            response = client.post(f"/perkara/{case_id}/status", data={"action": action, "reason": "Alasan uji coba."})
            expected = GRATIFICATION.find(state, action)
            if expected is not None and action in SOURCE.owned_actions:
                assert response.status_code == 400, (state, action)
                assert "halaman KPK" in response.get_data(as_text=True)
                assert _status(app, case_id) == (state, state)
                delegated += 1
            elif expected is not None and expected.refusal(facts) is not None:
                assert response.status_code == 400, (state, action)
                assert str(expected.refusal(facts).why_not.msgid)[:40] in response.get_data(as_text=True)
                assert _status(app, case_id) == (state, state)
                guarded += 1
            elif expected is not None and "upg" in expected.roles:
                assert response.status_code == 302, (state, action)
                assert _status(app, case_id) == (expected.target, expected.target)
                legal += 1
            else:
                assert response.status_code == 400, (state, action)
                assert _status(app, case_id) == (state, state)
                illegal += 1
    # (source, action) pairs in the table, counted by hand: minta_kelengkapan 1, lengkapi 1,
    # tutup_tidak_dilengkapi 1, verifikasi_lengkap 1, analisis 1, teruskan_kpk 1,
    # nyatakan_tidak_dapat_ditindaklanjuti 4, catat_penolakan 3, the three tetapkan_* 3,
    # serahkan_barang 2, setor_uang 1, setor_kompensasi 1, kembalikan_ke_pelapor 1, selesaikan 2
    # = 23, all open to the UPG; without minta_kelengkapan 22. Of those the KPK page owns
    # teruskan_kpk 1 + tetapkan_* 3 + serahkan_barang 2 + setor_uang 1 + setor_kompensasi 1 +
    # kembalikan_ke_pelapor 1 = 9; the guards refuse catat_penolakan 3 (not a refusal report)
    # and tutup_tidak_dilengkapi 1 (before the deadline). 13 states x 15 actions = 195.
    assert (legal, delegated, guarded, illegal) == (9, 9, 4, 195 - 22)


def test_steps_on_the_kpk_page_reach_the_case_history_with_the_officer(app, world):
    case = submit_report(app)
    client = app.test_client()
    login(client, "upg")
    for action in ("verifikasi_lengkap", "analisis"):
        assert client.post(f"/perkara/{case.id}/status", data={"action": action}).status_code == 302
    page = client.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert f"/perkara/gratifikasi/{case.record_id}/kpk" in page and "Langkah berikutnya dicatat di halaman KPK" in page
    forwarded = client.post(f"/perkara/gratifikasi/{case.record_id}/kpk/teruskan",
                            data={"gol_reference": "GOL-2026-0042", "forwarded_on": "2026-03-02"})
    assert forwarded.status_code == 302
    with app.app_context():
        row = db.session.get(CaseFile, case.id)
        assert row.status == "diteruskan_kpk"
        # KPK's 30 HK run from entry (Monday 2 March): 3-6 (4), 9-13 (9), 16-17 (11), 18-24 off,
        # 25-27 (14), 30-31 (16), 1-2 Apr (18), 3 Apr off, 6-10 (23), 13-17 (28), 20-21 (30).
        from datetime import date

        assert row.due_on == date(2026, 4, 21)
        last = db.session.execute(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                  .order_by(CaseEvent.id.desc()).limit(1)).scalar_one()
        assert (last.action, last.actor_type, last.actor_id) == ("teruskan_kpk", "officer", world.officer("upg").id)


def test_a_reason_is_required_where_the_rule_says_so_and_is_sealed(app, world):
    case_id = submit_report(app).id
    client = app.test_client()
    login(client, "upg")
    refused = client.post(f"/perkara/{case_id}/status", data={"action": "nyatakan_tidak_dapat_ditindaklanjuti"})
    assert refused.status_code == 400
    assert "wajib disertai alasan" in refused.get_data(as_text=True)
    assert _status(app, case_id) == ("diterima_upg", "diterima_upg")

    reason = "Penandaalasan: objek ternyata bukan gratifikasi menurut hasil klarifikasi."
    done = client.post(f"/perkara/{case_id}/status",
                       data={"action": "nyatakan_tidak_dapat_ditindaklanjuti", "reason": reason})
    assert done.status_code == 302
    page = client.get(f"/perkara/{case_id}").get_data(as_text=True)
    assert reason in page  # ring members read it on the history
    with app.app_context():
        assert database_hits([reason, "Penandaalasan"]) == []
        event = db.session.execute(select(CaseEvent).where(CaseEvent.case_id == case_id,
                                                           CaseEvent.action == "nyatakan_tidak_dapat_ditindaklanjuti")
                                   ).scalar_one()
        assert event.actor_id == world.officer("upg").id and event.from_status == "diterima_upg"
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "case.transition")).scalar_one()
        assert entry.actor_id == world.officer("upg").id
        assert entry.details["from_status"] == "diterima_upg"
        assert entry.details["to_status"] == "tidak_dapat_ditindaklanjuti"
        assert entry.details["event_id"] == event.id and entry.details["reason_given"] is True
        assert entry.occurred_at is not None


def test_a_failed_transition_keeps_what_was_typed(app, world):
    case_id = submit_report(app).id
    client = app.test_client()
    login(client, "upg")
    typed = "Teks yang sudah diketik panjang-panjang"
    response = client.post(f"/perkara/{case_id}/status", data={"action": "teruskan_kpk", "reason": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and typed in html and 'aria-invalid="true"' in html


def test_completion_request_reaches_the_reporter_and_their_answer_comes_back(app, world):
    case = submit_report(app)
    client = app.test_client()
    login(client, "upg")
    text = "Mohon lampirkan foto amplop dan tanda terima."
    assert client.post(f"/perkara/{case.id}/status",
                       data={"action": "minta_kelengkapan", "reason": text}).status_code == 302
    with app.app_context():
        report = db.session.get(GratificationReport, case.record_id)
        assert report.status == "perlu_dilengkapi"
        request = db.session.execute(select(ReportMessage).where(ReportMessage.report_id == report.id)).scalar_one()
        assert request.kind is MessageKind.completion_request and request.due_date is not None
        events = db.session.execute(select(CaseEvent.action).where(CaseEvent.case_id == case.id)
                                    .order_by(CaseEvent.id)).scalars().all()
        assert events == ["diajukan", "minta_kelengkapan"]  # no duplicate from the mirror
    page = client.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert text in page

    # The reporter answers on their status page (the reports module): the mirror follows.
    from gratifikasi.crypto.rings import RingPurpose
    from gratifikasi.keyring.vault import open_data_key
    from gratifikasi.reports.services import answer_completion

    with app.test_request_context("/"):
        report = db.session.get(GratificationReport, case.record_id)
        dek = open_data_key(world.officer("upg"), world.key("upg"), "gratification_report", report.id,
                            purpose=RingPurpose.CASE)
        answer_completion(report, dek, "Foto terlampir.")
        mirrored = db.session.get(CaseFile, case.id)
        db.session.refresh(mirrored)
        assert mirrored.status == "diterima_upg"
        last = db.session.execute(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                  .order_by(CaseEvent.id.desc()).limit(1)).scalar_one()
        assert (last.action, last.actor_type, last.actor_id) == ("lengkapi", "reporter", None)
