"""Routing to queues, rules as admin data, and recusal: a named officer or one with a declared
conflict can neither list nor open the case, by URL either."""
from __future__ import annotations

from sqlalchemy import select

from gratifikasi import clock
from gratifikasi.cases.recusals import add_recusal, recusal_reason
from gratifikasi.cases.routing import rules_of
from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry
from gratifikasi.models.case import (
    CaseAssignment,
    CaseFile,
    CaseKind,
    CaseRecusal,
    ConflictKind,
    RecusalBasis,
    RoutingRule,
)
from gratifikasi.rules.routing import route_complaint
from tests.cases.conftest import submit_complaint, submit_report
from tests.helpers import login
from tests.scan import database_hits


def _recuse(app, case_id: int, username: str, world) -> None:
    with app.app_context():
        add_recusal(db.session.get(CaseFile, case_id), world.officer(username).id, RecusalBasis.terlapor,
                    clock.utcnow())
        db.session.commit()


def test_a_report_goes_to_the_upg_of_the_inspektorat(app, world):
    case = submit_report(app, "DINKES")
    with app.app_context():
        assert case.queue == "upg" and case.kind is CaseKind.gratifikasi
        assert case.handling_unit_id == world.unit_id("INSPEKTORAT") and case.unit_id == world.unit_id("DINKES")
        assert case.category == "penerimaan" and case.flag_kpk_aph is False
    upg, upgx, irban = (app.test_client() for _ in range(3))
    login(upg, "upg"), login(upgx, "upgx"), login(irban, "irban")
    assert case.tracking_number in upg.get("/perkara/").get_data(as_text=True)
    # The UPG officer of another unit and the Inspektorat do not see it, not even by URL.
    assert case.tracking_number not in upgx.get("/perkara/").get_data(as_text=True)
    assert upgx.get(f"/perkara/{case.id}").status_code == 404
    assert irban.get(f"/perkara/{case.id}").status_code == 404


def test_an_admin_rule_sends_one_opd_to_its_own_upg(app, world):
    admin = app.test_client()
    login(admin, "admin")
    with app.app_context():
        dinkes, upgx = world.unit_id("DINKES"), world.officer("upgx").id
    response = admin.post("/perkara/aturan-rute", data={
        "kind": "gratifikasi", "source_unit": dinkes, "handling_unit": dinkes, "head_officer": upgx,
        "kpk_loss_threshold": "1000000000", "flag_penyelenggara_negara": "y", "flag_law_enforcer": "y",
    })
    assert response.status_code == 302
    from_dinkes, from_dishub = submit_report(app, "DINKES"), submit_report(app, "DISHUB")
    assert from_dinkes.handling_unit_id == dinkes
    with app.app_context():
        assert from_dishub.handling_unit_id == world.unit_id("INSPEKTORAT")
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "routing_rule.saved")).scalar_one()
        assert entry.details["handling_unit_id"] == dinkes and entry.details["head_officer_id"] == upgx
    upgx_client = app.test_client()
    login(upgx_client, "upgx")
    html = upgx_client.get("/perkara/").get_data(as_text=True)
    assert from_dinkes.tracking_number in html and from_dishub.tracking_number not in html
    # A head must belong to the handling unit; the form keeps what was typed.
    bad = admin.post("/perkara/aturan-rute", data={
        "kind": "gratifikasi", "source_unit": 0, "handling_unit": dinkes,
        "head_officer": 0, "kpk_loss_threshold": "abc",
    })
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.get_data(as_text=True)
    upg = app.test_client()
    login(upg, "upg")
    assert upg.get("/perkara/aturan-rute").status_code == 403


def test_complaint_flag_thresholds_come_from_the_rule_row():
    rule = RoutingRule(kind=CaseKind.pengaduan, kpk_loss_threshold=500_000_000, flag_penyelenggara_negara=False,
                       flag_law_enforcer=True)
    rules = rules_of(rule)
    assert route_complaint(False, False, 500_000_000, rules).flag_kpk_aph is True  # the threshold itself counts
    assert route_complaint(False, False, 499_999_999, rules).flag_kpk_aph is False
    assert route_complaint(True, False, None, rules).flag_kpk_aph is False  # switched off by the admin
    assert route_complaint(False, True, None, rules).flag_kpk_aph is True


def test_officers_named_at_submission_are_recused_in_the_same_transaction(app, world):
    with app.app_context():
        officer = world.officer("upg2")
        named = officer.id
        # The reporter is this officer (matched by NIP at submission, before sealing).
        officer.nip = "198507152010012003"
        db.session.commit()
    case = submit_report(app)
    with app.app_context():
        rows = db.session.execute(select(CaseRecusal).where(CaseRecusal.case_id == case.id)).scalars().all()
        assert [r.officer_id for r in rows] == [named]
        assert recusal_reason(world.officer("upg"), world.key("upg"), rows[0]) == (RecusalBasis.terlapor, None)


def test_a_named_officer_can_neither_list_nor_open_the_case(app, world):
    case = submit_report(app)
    _recuse(app, case.id, "upg2", world)
    named, other = app.test_client(), app.test_client()
    login(named, "upg2"), login(other, "upg")
    assert case.tracking_number not in named.get("/perkara/").get_data(as_text=True)
    assert case.tracking_number in other.get("/perkara/").get_data(as_text=True)
    for path in ("", "/status", "/penanganan", "/konflik", "/catatan", "/pesan", "/identitas", "/identitas/permintaan"):
        method = named.get if path == "" else named.post
        assert method(f"/perkara/{case.id}{path}", data={"action": "verifikasi_lengkap"}).status_code == 404, path
    # The KPK steps of the record are guarded by the same rule; the early intake page is gone.
    assert named.get(f"/perkara/gratifikasi/{case.record_id}/kpk").status_code == 404
    assert other.get(f"/perkara/gratifikasi/{case.record_id}/kpk").status_code == 200
    assert other.get(f"/upg/laporan-gratifikasi/{case.record_id}").status_code == 404
    with app.app_context():
        assert db.session.get(CaseFile, case.id).status == "diterima_upg"
        # Nor can they be made the handler.
        upg2 = world.officer("upg2").id
    assert other.post(f"/perkara/{case.id}/penanganan",
                      data={"officer": upg2, "reason": "Dialihkan karena beban kerja."}).status_code == 400


def test_declaring_a_conflict_takes_the_case_away_at_once(app, world):
    case = submit_report(app)
    client = app.test_client()
    login(client, "upg")
    with app.app_context():
        me = world.officer("upg").id
    assert client.post(f"/perkara/{case.id}/penanganan", data={"officer": me}).status_code == 302  # claim
    refused = client.post(f"/perkara/{case.id}/konflik", data={"kind": "keluarga"})
    assert refused.status_code == 400 and "Centang pernyataan" in refused.get_data(as_text=True)
    assert client.post(f"/perkara/{case.id}/konflik", data={"kind": "keluarga", "confirm": "y"}).status_code == 302
    assert client.get(f"/perkara/{case.id}").status_code == 404
    assert case.tracking_number not in client.get("/perkara/").get_data(as_text=True)
    with app.app_context():
        recusal = db.session.get(CaseRecusal, (case.id, me))
        assert recusal_reason(world.officer("upg2"), world.key("upg2"), recusal) == (
            RecusalBasis.konflik, ConflictKind.keluarga)
        assert db.session.get(CaseFile, case.id).assignee_id is None
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "case.conflict_declared")).scalar_one()
        # The kind of conflict is sealed with the recusal; the audit entry does not repeat it.
        assert entry.actor_id == me and entry.details == {"case_id": case.id}


def test_reassignment_needs_a_reason_which_is_sealed_and_audited(app, world):
    case = submit_report(app)
    client = app.test_client()
    login(client, "upg")
    with app.app_context():
        me, colleague = world.officer("upg").id, world.officer("upg2").id
    client.post(f"/perkara/{case.id}/penanganan", data={"officer": me})
    short = client.post(f"/perkara/{case.id}/penanganan", data={"officer": colleague, "reason": "cuti"})
    assert short.status_code == 400 and "paling sedikit 10 karakter" in short.get_data(as_text=True)
    reason = "Penandapengalihan: saya cuti dinas luar dua minggu."
    response = client.post(f"/perkara/{case.id}/penanganan", data={"officer": colleague, "reason": reason})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(CaseFile, case.id).assignee_id == colleague
        rows = db.session.execute(select(CaseAssignment).order_by(CaseAssignment.id)).scalars().all()
        assert [(r.officer_id, r.previous_officer_id) for r in rows] == [(me, None), (colleague, me)]
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "case.reassigned")).scalar_one()
        assert entry.details["assignee_id"] == colleague and entry.details["previous_assignee_id"] == me
        assert database_hits(["Penandapengalihan"]) == []
    assert reason in client.get(f"/perkara/{case.id}").get_data(as_text=True)


def test_a_complaint_is_stored_before_any_inspektorat_officer_exists(app, world):
    # A new installation: the Inspektorat unit exists but nobody works the complaint queue yet.
    # The citizen's complaint must still be kept (routed to the Inspektorat), not lost to an error.
    with app.app_context():
        for name in ("irban", "irban2"):
            world.officer(name).disabled_at = clock.utcnow()
        db.session.commit()
    case, _code = submit_complaint(app)
    with app.app_context():
        assert case.queue == "inspektorat" and case.handling_unit_id == world.unit_id("INSPEKTORAT")


def test_a_recused_officer_sees_no_row_of_the_case_in_lists_or_exports(app, world, frozen_clock):
    """The integrity drill-down and the semester recap list cases one by one: the case rule's
    recusal holds there too (aggregate counts may still include the case)."""
    case = submit_report(app)
    _recuse(app, case.id, "upg2", world)
    named, other = app.test_client(), app.test_client()
    login(named, "upg2"), login(other, "upg")
    drill_down = "/integritas/perkara?jenis=gratifikasi&ukuran=semua&periode=2026"
    assert case.tracking_number in other.get(drill_down).get_data(as_text=True)
    assert case.tracking_number not in named.get(drill_down).get_data(as_text=True)
    recap = "/perkara/gratifikasi/rekap?tahun=2026&semester=1&format=csv"
    assert case.tracking_number in other.get(recap).get_data(as_text=True)
    assert case.tracking_number not in named.get(recap).get_data(as_text=True)
