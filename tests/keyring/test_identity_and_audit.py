"""Identity disclosure rules and the tamper-evident audit log."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from gratifikasi import audit
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import KeyringError, NoAccess, identity, rings, vault
from gratifikasi.models import AuditEntry, RequestStatus
from tests.scan import database_hits


def _actions() -> list[str]:
    return list(db.session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())


def test_gratification_identity_read_by_ring_members_and_every_view_audited(app, crew):
    with app.app_context():
        admin = crew.officer("admin")
        rings.grant(RingPurpose.GRATIFICATION_IDENTITY, admin, crew.key("admin"), crew.officer("upg"))
        sealed = vault.seal_record("laporan", 5, {"nama": "Siti Pelapor", "nik": "3575010101800001"},
                                   purpose=RingPurpose.GRATIFICATION_IDENTITY)
        db.session.commit()
        upg = crew.officer("upg")
        values = identity.view_gratification_identity(upg, crew.key("upg"), "laporan", 5, sealed.ciphertexts)
        assert values == {"nama": "Siti Pelapor", "nik": "3575010101800001"}
        with pytest.raises(NoAccess):
            identity.view_gratification_identity(
                crew.officer("irban"), crew.key("irban"), "laporan", 5, sealed.ciphertexts
            )
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "identity.viewed")).scalar_one()
        assert entry.actor_id == upg.id and entry.object_id == "5"
        assert database_hits(["Siti Pelapor", "3575010101800001"]) == []


def test_whistleblower_identity_needs_custodian_approval(app, crew):
    with app.app_context():
        admin = crew.officer("admin")
        rings.grant(RingPurpose.WHISTLEBLOWER_IDENTITY, admin, crew.key("admin"), crew.officer("kustodian"))
        sealed = vault.seal_record("aduan", 7, {"nama": "Pak Saksi"}, purpose=RingPurpose.WHISTLEBLOWER_IDENTITY)
        db.session.commit()
        irban = crew.officer("irban")
        with pytest.raises(KeyringError):
            identity.request_whistleblower_identity(irban, "aduan", 7, "terlalu pendek")
        request = identity.request_whistleblower_identity(
            irban, "aduan", 7, "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan khusus.")
        with pytest.raises(NoAccess):  # not yet approved
            identity.view_whistleblower_identity(irban, crew.key("irban"), request, sealed.ciphertexts)
        with pytest.raises(NoAccess):  # a non-custodian cannot approve
            identity.decide(request, crew.officer("upg"), crew.key("upg"), approve=True)
        identity.decide(
            request, crew.officer("kustodian"), crew.key("kustodian"), approve=True, note="Disetujui terbatas."
        )
        assert request.status is RequestStatus.approved
        shown = identity.view_whistleblower_identity(irban, crew.key("irban"), request, sealed.ciphertexts)
        assert shown == {"nama": "Pak Saksi"}
        with pytest.raises(NoAccess):  # the grant is for the requester only
            identity.view_whistleblower_identity(crew.officer("upg"), crew.key("upg"), request, sealed.ciphertexts)
        assert _actions()[-3:] == ["identity.requested", "identity.approved", "identity.viewed"]
        details = [e.details for e in db.session.execute(select(AuditEntry)).scalars()]
        assert "Pelapor perlu dipanggil" not in str(details)


def test_refused_request_is_shown_and_opens_nothing(app, crew, client):
    with app.app_context():
        admin = crew.officer("admin")
        rings.grant(RingPurpose.WHISTLEBLOWER_IDENTITY, admin, crew.key("admin"), crew.officer("kustodian"))
        sealed = vault.seal_record("aduan", 8, {"nama": "Bu Saksi"}, purpose=RingPurpose.WHISTLEBLOWER_IDENTITY)
        db.session.commit()
        irban = crew.officer("irban")
        request = identity.request_whistleblower_identity(
            irban, "aduan", 8, "Diperlukan untuk klarifikasi lapangan segera."
        )
        identity.decide(
            request, crew.officer("kustodian"), crew.key("kustodian"), approve=False, note="Bukti belum cukup."
        )
        assert request.status is RequestStatus.refused and request.decision_note == "Bukti belum cukup."
        assert request.granted_dek is None
        with pytest.raises(NoAccess):
            identity.view_whistleblower_identity(irban, crew.key("irban"), request, sealed.ciphertexts)


def test_custodian_page_decides_with_the_unlocked_session_key(app, crew, frozen_clock):
    from tests.helpers import login

    with app.app_context():
        admin = crew.officer("admin")
        rings.grant(RingPurpose.WHISTLEBLOWER_IDENTITY, admin, crew.key("admin"), crew.officer("kustodian"))
        vault.seal_record("aduan", 3, {"nama": "X"}, purpose=RingPurpose.WHISTLEBLOWER_IDENTITY)
        db.session.commit()
        request = identity.request_whistleblower_identity(
            crew.officer("irban"), "aduan", 3, "Alasan yang cukup panjang untuk diajukan.")
        request_id = request.id
    custodian = app.test_client()
    login(custodian, "kustodian")
    page = custodian.get("/kustodian/")
    assert page.status_code == 200 and "Alasan yang cukup panjang" in page.get_data(as_text=True)
    response = custodian.post(f"/kustodian/{request_id}", data={"approve": "1", "note": "ok"})
    assert response.status_code == 302
    with app.app_context():
        from gratifikasi.models import IdentityRequest

        assert db.session.get(IdentityRequest, request_id).status is RequestStatus.approved
    frozen_clock.advance(seconds=30)
    other = app.test_client()
    login(other, "irban")
    assert other.get("/kustodian/").status_code == 403


def _entries(n: int) -> None:
    for i in range(n):
        audit.record("test.event", actor_id=1, object_type="laporan", object_id=i, step=i)


def test_audit_chain_intact(app):
    with app.app_context():
        _entries(5)
        result = audit.verify()
        assert result.ok and result.checked == 5


def test_audit_chain_detects_an_edited_row(app):
    with app.app_context():
        _entries(5)
        db.session.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(action="test.edited"))
        db.session.commit()
        third = db.session.execute(select(AuditEntry.id).where(AuditEntry.seq == 3)).scalar_one()
        result = audit.verify()
        assert not result.ok and result.first_broken_id == third and result.reason == "hash mismatch"


def test_audit_chain_detects_a_deleted_row(app):
    with app.app_context():
        _entries(5)
        db.session.execute(text("DELETE FROM audit_entry WHERE seq = 2"))
        db.session.commit()
        result = audit.verify()
        assert not result.ok and "gap" in result.reason


def test_audit_chain_detects_reordered_rows(app):
    with app.app_context():
        _entries(4)
        # Swap the content of rows 2 and 3 (hashes travel with them).
        rows = {e.seq: e for e in db.session.execute(select(AuditEntry)).scalars()}
        second, third = rows[2], rows[3]
        fields = ("seq", "occurred_at", "action", "object_id", "details", "entry_hash")
        values2 = {f: getattr(second, f) for f in fields}
        values3 = {f: getattr(third, f) for f in fields}
        db.session.execute(update(AuditEntry).where(AuditEntry.id == second.id).values(seq=-2))
        db.session.execute(update(AuditEntry).where(AuditEntry.id == third.id).values(**values2))
        db.session.execute(update(AuditEntry).where(AuditEntry.id == second.id).values(**values3))
        db.session.commit()
        result = audit.verify()
        assert not result.ok and result.first_broken_id == second.id


def test_flask_audit_verify_names_the_first_broken_link(app):
    with app.app_context():
        _entries(3)
        runner = app.test_cli_runner()
        assert "utuh: 3 entri" in runner.invoke(args=["audit", "verify"]).output
        db.session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(object_id="99"))
        db.session.commit()
        broken_id = db.session.execute(select(AuditEntry.id).where(AuditEntry.seq == 2)).scalar_one()
        result = runner.invoke(args=["audit", "verify"])
        assert result.exit_code == 1
        assert f"id={broken_id}" in result.output


def test_logins_and_key_events_are_audited(app, crew, frozen_clock):
    from tests.helpers import login

    client = app.test_client()
    login(client, "upg")
    client.post("/keluar")
    with app.app_context():
        actions = _actions()
        assert "ring.created" in actions and "login.succeeded" in actions and "logout" in actions
        assert audit.verify().ok
