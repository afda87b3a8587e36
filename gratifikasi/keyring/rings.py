"""Key rings in the database: creation, membership, rotation on revocation, status.

The server stores ring public keys only. A ring's private key exists in the database
only sealed to each member's public key, so only a member (unlocked with their
password) can add another member — the server cannot.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from .. import audit, clock
from ..crypto import rings as ring_crypto
from ..crypto.errors import CryptoError
from ..crypto.rings import RingPurpose
from ..crypto.sealing import load_private_key, load_public_key
from ..extensions import db
from ..models import KeyRing, Officer, OfficerKey, RecordKey, RingMembership
from ..settings.cache import bump
from . import KeyringError, NoAccess

ProgressCallback = Callable[[int, int], None]


def current_ring(purpose: RingPurpose) -> KeyRing | None:
    """The newest version: new records are sealed to it (also during a rotation)."""
    return db.session.execute(
        select(KeyRing).where(KeyRing.purpose == purpose.value).order_by(KeyRing.version.desc()).limit(1)
    ).scalar_one_or_none()


def _member_public_key(officer: Officer) -> bytes:
    key = db.session.get(OfficerKey, officer.id)
    if key is None or key.recovery_confirmed_at is None:
        raise KeyringError(
            f"Petugas '{officer.username}' belum membuat kunci pribadi (atau belum mengonfirmasi kunci pemulihan)."
        )
    return key.public_key


def membership(ring: KeyRing, officer: Officer) -> RingMembership | None:
    return db.session.get(RingMembership, (ring.id, officer.id))


def purposes_held(officer: Officer) -> list[RingPurpose]:
    """The rings whose current version the officer is a member of."""
    return [purpose for purpose in RingPurpose
            if (ring := current_ring(purpose)) is not None and membership(ring, officer) is not None]


def open_ring(ring: KeyRing, officer: Officer, private_key: bytes | None) -> bytes:
    """The ring private key for a member; NoAccess for anyone else."""
    member = membership(ring, officer)
    if member is None or private_key is None:
        raise NoAccess("Anda tidak memegang kunci untuk data ini.")
    try:
        return ring_crypto.open_ring_key(
            private_key, member.sealed_ring_key, purpose=RingPurpose(ring.purpose), ring_version=ring.version
        )
    except CryptoError as error:
        raise NoAccess("Kunci Anda tidak dapat membuka cincin kunci ini.") from error


def _add_member(ring: KeyRing, ring_private: bytes, officer: Officer, granted_by: Officer | None) -> None:
    sealed = ring_crypto.seal_ring_key_for_member(
        ring_private, _member_public_key(officer), purpose=RingPurpose(ring.purpose), ring_version=ring.version
    )
    db.session.add(
        RingMembership(
            ring_id=ring.id, officer_id=officer.id, sealed_ring_key=sealed,
            granted_by_id=granted_by.id if granted_by else None, granted_at=clock.utcnow(),
        )
    )


def init_rings(admin: Officer, members: dict[RingPurpose, list[Officer]] | None = None) -> list[KeyRing]:
    """Create version 1 of every ring.

    Without ``members`` the first admin is each ring's only member (it hands the rings on
    and can then be revoked). With ``members`` each ring is sealed to exactly those officers
    (see keyring.defaults), so the admin who founds the rings need not hold any.
    """
    founders = members if members is not None else {purpose: [admin] for purpose in RingPurpose}
    if not all(founders.get(purpose) for purpose in RingPurpose):
        # A ring sealed to nobody could never be opened or handed on.
        raise KeyringError("Setiap cincin kunci perlu paling sedikit satu anggota.")
    created = []
    for purpose in RingPurpose:
        if current_ring(purpose) is not None:
            continue
        pair = ring_crypto.new_ring()
        ring = KeyRing(purpose=purpose.value, version=1, public_key=pair.public, created_at=clock.utcnow(),
                       created_by_id=admin.id)
        db.session.add(ring)
        db.session.flush()
        for member in founders[purpose]:
            _add_member(ring, pair.private, member, admin)
        audit.record("ring.created", actor_id=admin.id, object_type="ring", object_id=purpose.value, commit=False,
                     version=1)
        created.append(ring)
    if created:
        bump()  # ring public keys are cached per process (settings.cache)
    db.session.commit()
    return created


def grant(purpose: RingPurpose, granter: Officer, granter_private: bytes | None, grantee: Officer) -> None:
    """A current member seals the ring key to another officer (every live version)."""
    versions = _live_versions(purpose)
    if not versions:
        raise KeyringError("Cincin kunci belum dibuat. Jalankan `flask keys init` terlebih dahulu.")
    for ring in versions:
        if membership(ring, grantee) is not None:
            continue
        _add_member(ring, open_ring(ring, granter, granter_private), grantee, granter)
    audit.record("ring.granted", actor_id=granter.id, object_type="ring", object_id=purpose.value, commit=False,
                 member_id=grantee.id)
    db.session.commit()


def _live_versions(purpose: RingPurpose) -> list[KeyRing]:
    return list(
        db.session.execute(
            select(KeyRing).where(KeyRing.purpose == purpose.value, KeyRing.retired_at.is_(None))
            .order_by(KeyRing.version)
        ).scalars()
    )


@dataclass(frozen=True)
class RotationResult:
    new_version: int
    resealed: int
    resumed: bool


def revoke(
    purpose: RingPurpose,
    revoker: Officer,
    revoker_private: bytes | None,
    member: Officer,
    *,
    progress: ProgressCallback | None = None,
    batch_size: int = 500,
) -> RotationResult:
    """Remove a member: a new ring version for the others, then every data key re-sealed.

    Each batch is committed, so an interrupted rotation resumes with :func:`resume_rotation`.
    """
    if revoker.id == member.id:
        raise KeyringError("Anda tidak dapat mencabut keanggotaan Anda sendiri; minta anggota lain.")
    versions = _live_versions(purpose)
    if len(versions) != 1:
        raise KeyringError("Rotasi sebelumnya belum selesai. Jalankan `flask keys resume` terlebih dahulu.")
    old = versions[0]
    old_private = open_ring(old, revoker, revoker_private)
    if membership(old, member) is None:
        raise KeyringError(f"'{member.username}' bukan anggota cincin {purpose.value}.")
    remaining = [
        m.officer for m in db.session.execute(select(RingMembership).where(RingMembership.ring_id == old.id)).scalars()
        if m.officer_id != member.id
    ]
    pair = ring_crypto.new_ring()
    new = KeyRing(purpose=purpose.value, version=old.version + 1, public_key=pair.public, created_at=clock.utcnow(),
                  created_by_id=revoker.id)
    db.session.add(new)
    db.session.flush()
    for officer in remaining:
        _add_member(new, pair.private, officer, revoker)
    # The revoked member loses the old version at once; the rest keep it until re-sealing ends.
    db.session.execute(
        delete(RingMembership).where(RingMembership.ring_id == old.id, RingMembership.officer_id == member.id)
    )
    audit.record("ring.revoked", actor_id=revoker.id, object_type="ring", object_id=purpose.value, commit=False,
                 member_id=member.id, new_version=new.version)
    bump()  # new records are sealed to the new version from now on, in every worker
    db.session.commit()
    resealed = _reseal(old, new, old_private, progress, batch_size)
    _finish(old, revoker)
    return RotationResult(new.version, resealed, resumed=False)


def resume_rotation(
    purpose: RingPurpose, officer: Officer, private_key: bytes | None, *, progress: ProgressCallback | None = None,
    batch_size: int = 500,
) -> RotationResult:
    versions = _live_versions(purpose)
    if len(versions) < 2:
        raise KeyringError("Tidak ada rotasi yang tertunda.")
    old, new = versions[0], versions[-1]
    resealed = _reseal(old, new, open_ring(old, officer, private_key), progress, batch_size)
    _finish(old, officer)
    return RotationResult(new.version, resealed, resumed=True)


def _reseal(old: KeyRing, new: KeyRing, old_private: bytes, progress: ProgressCallback | None, batch_size: int) -> int:
    purpose = RingPurpose(old.purpose)
    total = db.session.execute(
        select(func.count()).select_from(RecordKey).where(RecordKey.ring_id == old.id)
    ).scalar_one()
    done = 0
    old_loaded = load_private_key(old_private)
    new_loaded = load_public_key(new.public_key)
    while True:
        rows = list(
            db.session.execute(
                select(RecordKey).where(RecordKey.ring_id == old.id).order_by(RecordKey.id).limit(batch_size)
            ).scalars()
        )
        if not rows:
            break
        by_ref = {f"{row.record_type}:{row.record_id}": row for row in rows}
        resealed = ring_crypto.reseal_data_keys(
            old_loaded, new_loaded, ((ref, bytes(row.sealed_dek)) for ref, row in by_ref.items()),
            purpose=purpose, old_ring_version=old.version, new_ring_version=new.version,
        )
        for ref, sealed in resealed:
            by_ref[ref].sealed_dek = sealed
            by_ref[ref].ring_id = new.id
        db.session.commit()  # a batch at a time: an interruption loses at most one batch of work
        done += len(rows)
        if progress:
            progress(done, total)
    return done


def _finish(old: KeyRing, officer: Officer) -> None:
    old.retired_at = clock.utcnow()
    db.session.execute(delete(RingMembership).where(RingMembership.ring_id == old.id))
    audit.record("ring.rotated", actor_id=officer.id, object_type="ring", object_id=old.purpose, commit=False,
                 retired_version=old.version)
    db.session.commit()


@dataclass(frozen=True)
class RingStatus:
    purpose: str
    version: int | None
    members: list[str]
    records: int
    rotation_pending: bool


def status() -> list[RingStatus]:
    result = []
    for purpose in RingPurpose:
        ring = current_ring(purpose)
        if ring is None:
            result.append(RingStatus(purpose.value, None, [], 0, False))
            continue
        members = sorted(
            m.officer.username
            for m in db.session.execute(select(RingMembership).where(RingMembership.ring_id == ring.id)).scalars()
        )
        records = db.session.execute(
            select(func.count()).select_from(RecordKey).where(RecordKey.purpose == purpose.value)
        ).scalar_one()
        result.append(RingStatus(purpose.value, ring.version, members, records, len(_live_versions(purpose)) > 1))
    return result
