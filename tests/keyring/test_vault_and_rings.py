"""Records sealed to rings: members open them, outsiders cannot, rotation excludes the revoked."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from gratifikasi.crypto.errors import CryptoError
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import KeyringError, NoAccess, rings, vault
from gratifikasi.models import KeyRing, RecordKey, RingMembership
from tests.scan import database_hits


def _seal(record_id: int, text: str, purpose: RingPurpose = RingPurpose.CASE) -> dict[str, bytes | None]:
    sealed = vault.seal_record("laporan", record_id, {"uraian": text, "kosong": None}, purpose=purpose)
    db.session.commit()
    return sealed.ciphertexts


def test_member_opens_outsider_cannot(app, crew):
    with app.app_context():
        blobs = _seal(1, "Amplop berisi uang Rp5.000.000")
        admin = crew.officer("admin")
        assert vault.open_record(admin, crew.key("admin"), "laporan", 1, blobs) == {
            "uraian": "Amplop berisi uang Rp5.000.000", "kosong": None,
        }
        upg = crew.officer("upg")
        with pytest.raises(NoAccess):
            vault.open_record(upg, crew.key("upg"), "laporan", 1, blobs)
        rings.grant(RingPurpose.CASE, admin, crew.key("admin"), upg)
        assert vault.open_record(upg, crew.key("upg"), "laporan", 1, blobs)["uraian"].startswith("Amplop")


def test_only_a_member_can_grant(app, crew):
    with app.app_context():
        upg, irban = crew.officer("upg"), crew.officer("irban")
        with pytest.raises(NoAccess):
            rings.grant(RingPurpose.CASE, upg, crew.key("upg"), irban)
        with pytest.raises(NoAccess):
            rings.grant(RingPurpose.CASE, crew.officer("admin"), None, irban)  # key not unlocked


def test_ciphertext_moved_to_another_record_or_column_fails(app, crew):
    with app.app_context():
        first = _seal(1, "rahasia satu")
        _seal(2, "rahasia dua")
        admin, key = crew.officer("admin"), crew.key("admin")
        with pytest.raises(CryptoError):
            vault.open_record(admin, key, "laporan", 2, {"uraian": first["uraian"]})
        with pytest.raises(CryptoError):
            vault.open_record(admin, key, "laporan", 1, {"kronologi": first["uraian"]})
        # A sealed DEK copied onto another record does not open either.
        keys = {k.record_id: k for k in db.session.execute(select(RecordKey)).scalars()}
        keys[2].sealed_dek = keys[1].sealed_dek
        db.session.commit()
        with pytest.raises(NoAccess):
            vault.open_record(admin, key, "laporan", 2, {"uraian": first["uraian"]})


def test_sealing_needs_initialised_rings(app):
    with app.app_context():
        with pytest.raises(vault.VaultNotReady):
            vault.seal_record("laporan", 1, {"uraian": "x"})


def test_revoked_member_cannot_open_records_written_after_revocation(app, crew):
    with app.app_context():
        admin, upg, irban = crew.officer("admin"), crew.officer("upg"), crew.officer("irban")
        rings.grant(RingPurpose.CASE, admin, crew.key("admin"), upg)
        rings.grant(RingPurpose.CASE, admin, crew.key("admin"), irban)
        before = [_seal(i, f"sebelum {i}") for i in range(1, 8)]
        seen: list[tuple[int, int]] = []
        result = rings.revoke(
            RingPurpose.CASE, admin, crew.key("admin"), irban, batch_size=3, progress=lambda d, t: seen.append((d, t))
        )
        assert result.new_version == 2 and result.resealed == 7
        assert seen == [(3, 7), (6, 7), (7, 7)]
        after = _seal(100, "sesudah pencabutan")
        with pytest.raises(NoAccess):
            vault.open_record(irban, crew.key("irban"), "laporan", 100, after)
        with pytest.raises(NoAccess):  # old records were re-sealed to the new version too
            vault.open_record(irban, crew.key("irban"), "laporan", 1, before[0])
        # Remaining members read everything, old and new.
        assert vault.open_record(upg, crew.key("upg"), "laporan", 100, after)["uraian"] == "sesudah pencabutan"
        assert vault.open_record(upg, crew.key("upg"), "laporan", 7, before[6])["uraian"] == "sebelum 7"
        old = db.session.execute(select(KeyRing).where(KeyRing.version == 1, KeyRing.purpose == "case")).scalar_one()
        assert old.retired_at is not None
        members = select(func.count()).select_from(RingMembership).where(RingMembership.ring_id == old.id)
        assert db.session.execute(members).scalar_one() == 0


def test_interrupted_rotation_resumes(app, crew):
    with app.app_context():
        admin, upg = crew.officer("admin"), crew.officer("upg")
        rings.grant(RingPurpose.CASE, admin, crew.key("admin"), upg)
        blobs = [_seal(i, f"catatan {i}") for i in range(1, 6)]

        class Crash(Exception):
            pass

        def crash_after_first_batch(done: int, total: int) -> None:
            raise Crash()

        with pytest.raises(Crash):
            rings.revoke(
                RingPurpose.CASE, admin, crew.key("admin"), upg, batch_size=2, progress=crash_after_first_batch
            )
        db.session.rollback()
        assert [s.rotation_pending for s in rings.status() if s.purpose == "case"] == [True]
        with pytest.raises(KeyringError):  # a second revoke must wait for the first to finish
            rings.revoke(RingPurpose.CASE, admin, crew.key("admin"), upg)
        result = rings.resume_rotation(RingPurpose.CASE, admin, crew.key("admin"), batch_size=2)
        assert result.resumed and result.resealed == 3  # the first batch of 2 was already done
        for i, sealed in enumerate(blobs, start=1):
            assert vault.open_record(admin, crew.key("admin"), "laporan", i, sealed)["uraian"] == f"catatan {i}"
        with pytest.raises(NoAccess):
            vault.open_record(upg, crew.key("upg"), "laporan", 1, blobs[0])


def test_shredded_record_cannot_be_opened(app, crew):
    with app.app_context():
        from gratifikasi.retention import service as retention

        blobs = _seal(9, "akan dimusnahkan")
        assert retention.shred_record("laporan", 9) == 1
        with pytest.raises(NoAccess):
            vault.open_record(crew.officer("admin"), crew.key("admin"), "laporan", 9, blobs)


def test_server_stores_ring_public_keys_only(app, crew):
    """No column anywhere holds a ring private key in the clear."""
    with app.app_context():
        from gratifikasi.crypto import sealing

        admin_key = crew.key("admin")
        ring = rings.current_ring(RingPurpose.CASE)
        ring_private = rings.open_ring(ring, crew.officer("admin"), admin_key)
        assert sealing.public_key_from_private(ring_private) == ring.public_key
        assert database_hits([ring_private, admin_key]) == []
        assert database_hits([ring.public_key]) == ["key_ring.public_key"]  # the scan does find what is there
