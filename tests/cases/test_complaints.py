"""Complaints in the workspace: routing with the KPK/APH flag, recusal of the officer the
complaint names, every transition through the web, questions to the mailbox, and the
whistleblower's identity only through a custodian's approval."""
from __future__ import annotations

from sqlalchemy import select

from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry, Complaint
from gratifikasi.models.case import CaseEvent, CaseFile, CaseKind
from gratifikasi.rules.workflow import COMPLAINT
from tests.cases.conftest import submit_complaint
from tests.helpers import login


def test_a_complaint_goes_to_the_inspektorat_with_its_number_and_flag(app, world):
    case, _code = submit_complaint(app, terlapor_penyelenggara_negara="y")
    with app.app_context():
        complaint = db.session.get(Complaint, case.record_id)
        assert case.kind is CaseKind.pengaduan and case.queue == "inspektorat"
        assert case.tracking_number == complaint.number and case.tracking_number.startswith("ADU-2026-")
        assert case.flag_kpk_aph is True and case.category == "suap_pemerasan"
        assert case.handling_unit_id == world.unit_id("INSPEKTORAT")
    plain, _ = submit_complaint(app)
    assert plain.flag_kpk_aph is False
    irban, upg = app.test_client(), app.test_client()
    login(irban, "irban"), login(upg, "upg")
    html = irban.get("/perkara/").get_data(as_text=True)
    assert case.tracking_number in html and "Kewenangan KPK/APH" in html
    assert upg.get(f"/perkara/{case.id}").status_code == 404


def test_the_named_officer_never_sees_the_complaint(app, world):
    # make_officer names officers "Petugas <username>"; the complaint names irban2 (with a title).
    case, _code = submit_complaint(app, terlapor_nama="Drs. Petugas Irban2, M.Si.")
    named, other = app.test_client(), app.test_client()
    login(named, "irban2"), login(other, "irban")
    assert case.tracking_number not in named.get("/perkara/").get_data(as_text=True)
    assert named.get(f"/perkara/{case.id}").status_code == 404
    assert named.get(f"/inspektorat/pengaduan/{case.record_id}").status_code == 404
    assert named.post(f"/perkara/{case.id}/status", data={"action": "telaah"}).status_code == 404
    assert other.get(f"/perkara/{case.id}").status_code == 200


def test_every_complaint_action_from_every_state_through_the_web(app, world):
    case, _code = submit_complaint(app)
    client = app.test_client()
    login(client, "irban")
    legal = illegal = 0
    for state in COMPLAINT.states:
        for action in sorted(COMPLAINT.actions):
            with app.app_context():
                row = db.session.get(CaseFile, case.id)
                row.status = state
                row.is_open = not COMPLAINT.is_final(state)
                db.session.commit()
            response = client.post(f"/perkara/{case.id}/status", data={"action": action, "reason": "Alasan uji."})
            expected = COMPLAINT.find(state, action)
            with app.app_context():
                now = (db.session.get(CaseFile, case.id).status, db.session.get(Complaint, case.record_id).status)
            if expected is not None:
                assert response.status_code == 302 and now == (expected.target, expected.target), (state, action)
                legal += 1
            else:
                assert response.status_code == 400 and now == (state, state), (state, action)
                illegal += 1
    # By hand from the table: telaah 1, nyatakan_tidak_dapat_ditindaklanjuti 2, tandai_duplikat 2,
    # teruskan_opd 1, mulai_pemeriksaan 1, simpulkan_terbukti 1, simpulkan_tidak_terbukti 1,
    # teruskan_kpk_aph 3, catat_tindak_lanjut_opd 1, selesaikan 3 = 16; 9 states x 10 actions.
    assert legal == 16 and illegal == 90 - 16


def test_questions_reach_the_reporters_mailbox(app, world):
    case, code = submit_complaint(app)
    officer = app.test_client()
    login(officer, "irban")
    refused = officer.post(f"/perkara/{case.id}/pesan", data={"body": ""})
    assert refused.status_code == 400 and "Tulis pesannya." in refused.get_data(as_text=True)
    question = "Siapa saja yang melihat penyerahan uang itu?"
    assert officer.post(f"/perkara/{case.id}/pesan", data={"body": question}).status_code == 302
    assert question in officer.get(f"/perkara/{case.id}").get_data(as_text=True)
    reporter = app.test_client()
    reporter.get("/pengaduan/kotak")
    assert reporter.post("/pengaduan/kotak", data={"kode": code}).status_code == 302
    assert question in reporter.get("/pengaduan/kotak/pesan").get_data(as_text=True)


def test_whistleblower_identity_only_after_a_custodian_approves(app, world):
    case, _code = submit_complaint(app, identitas="beri", pelapor_nama="Penandanama Whistleblower",
                                   pelapor_kontak="0812 0000 1111")
    officer = app.test_client()
    login(officer, "irban")
    page = officer.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert "Penandanama" not in page and "kustodian" in page
    denied = officer.post(f"/perkara/{case.id}/identitas", follow_redirects=True)
    assert "Penandanama" not in denied.get_data(as_text=True)
    short = officer.post(f"/perkara/{case.id}/identitas/permintaan", data={"reason": "perlu"})
    assert short.status_code == 400
    reason = "Saksi kunci perlu dimintai keterangan resmi untuk pemeriksaan."
    assert officer.post(f"/perkara/{case.id}/identitas/permintaan", data={"reason": reason}).status_code == 302
    with app.app_context():
        from gratifikasi.keyring import identity
        from gratifikasi.models import IdentityRequest

        request = db.session.execute(select(IdentityRequest)).scalar_one()
        identity.decide(request, world.officer("kustodian"), world.key("kustodian"), approve=True)
    shown = officer.post(f"/perkara/{case.id}/identitas")
    assert shown.status_code == 200 and "Penandanama Whistleblower" in shown.get_data(as_text=True)
    with app.app_context():
        views = db.session.execute(select(AuditEntry).where(AuditEntry.action == "identity.viewed")).scalars().all()
        irban_id = world.officer("irban").id
        assert [(v.actor_id, v.details["ring"]) for v in views] == [(irban_id, "whistleblower-identity")]
        events = db.session.execute(select(CaseEvent.action).where(CaseEvent.case_id == case.id)).scalars().all()
        assert events == ["diajukan"]
