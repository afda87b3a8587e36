"""Moving a record's key to another ring: the new ring's members open it, the case ring's no longer."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from gratifikasi.extensions import db
from gratifikasi.keyring import NoAccess, RingPurpose, rings, vault
from gratifikasi.models import KeyRing, RecordKey, RingMembership

IDENTITY = RingPurpose.WHISTLEBLOWER_IDENTITY


def _purposes(record_type: str, record_id: int) -> set[str]:
    return set(db.session.execute(
        select(RecordKey.purpose).where(RecordKey.record_type == record_type, RecordKey.record_id == record_id)
    ).scalars())


def test_reseal_moves_the_key_from_the_case_ring_to_the_identity_ring(app, crew):
    with app.app_context():
        admin, upg, kustodian = crew.officer("admin"), crew.officer("upg"), crew.officer("kustodian")
        rings.grant(RingPurpose.CASE, admin, crew.key("admin"), upg)
        rings.grant(IDENTITY, admin, crew.key("admin"), kustodian)
        sealed = vault.seal_record("attachment", 7, {"filename": "ktp.jpg"})
        neighbour = vault.seal_record("attachment", 8, {"filename": "foto.jpg"})
        db.session.commit()
        assert vault.open_record(upg, crew.key("upg"), "attachment", 7, sealed.ciphertexts) == {"filename": "ktp.jpg"}

        vault.reseal_to_ring("attachment", 7, sealed.dek, IDENTITY)
        db.session.commit()
        assert _purposes("attachment", 7) == {IDENTITY.value}
        with pytest.raises(NoAccess):  # the case-ring copy is gone
            vault.open_record(upg, crew.key("upg"), "attachment", 7, sealed.ciphertexts)
        with pytest.raises(NoAccess):  # a case-ring member outside the identity ring gets nothing
            vault.open_record(upg, crew.key("upg"), "attachment", 7, sealed.ciphertexts, purpose=IDENTITY)
        assert vault.open_record(kustodian, crew.key("kustodian"), "attachment", 7, sealed.ciphertexts,
                                 purpose=IDENTITY) == {"filename": "ktp.jpg"}
        # Other records keep their keys.
        assert _purposes("attachment", 8) == {RingPurpose.CASE.value}
        assert vault.open_record(upg, crew.key("upg"), "attachment", 8,
                                 neighbour.ciphertexts) == {"filename": "foto.jpg"}


def test_reseal_without_the_target_ring_changes_nothing(app, crew):
    with app.app_context():
        sealed = vault.seal_record("attachment", 7, {"filename": "ktp.jpg"})
        db.session.commit()
        ring_ids = select(KeyRing.id).where(KeyRing.purpose == IDENTITY.value)
        db.session.execute(delete(RingMembership).where(RingMembership.ring_id.in_(ring_ids)))
        db.session.execute(delete(KeyRing).where(KeyRing.purpose == IDENTITY.value))
        db.session.commit()
        with pytest.raises(vault.VaultNotReady):
            vault.reseal_to_ring("attachment", 7, sealed.dek, IDENTITY)
        db.session.commit()
        assert _purposes("attachment", 7) == {RingPurpose.CASE.value}
        with pytest.raises(ValueError):
            vault.reseal_to_ring("attachment", 7, sealed.dek, RingPurpose.CASE)
