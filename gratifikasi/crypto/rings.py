"""Key rings: an HPKE key pair per purpose, shared among member officers.

- A record's DEK is sealed to the ring public key (the server holds only that).
- The ring private key is sealed to each member officer's public key.
- Removing a member rotates the ring: a new key pair and every DEK re-sealed
  (:func:`reseal_data_key`).

Every seal binds the purpose and the ring version in the HPKE ``info`` and, for
DEKs, the record reference in the ``aad``, so a sealed value copied to another
record, ring version or purpose fails to open.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum

from . import symmetric
from .errors import CryptoError
from .framing import length_prefixed
from .sealing import (
    DEFAULT,
    KeyPair,
    LoadedPrivateKey,
    LoadedPublicKey,
    SealingSuite,
    generate_keypair,
    load_private_key,
    load_public_key,
    open_sealed,
    seal,
    suite_of_key,
)

_RING_KEY_INFO = b"gratifikasi/ring/member-key"
_DATA_KEY_INFO = b"gratifikasi/ring/data-key"
_DEK_BYTES = symmetric.KEY_BYTES


class RingPurpose(StrEnum):
    """What a ring protects; each purpose has its own ring and membership."""

    CASE = "case"
    GRATIFICATION_IDENTITY = "gratification-identity"
    WHISTLEBLOWER_IDENTITY = "whistleblower-identity"


def _info(label: bytes, purpose: RingPurpose, ring_version: int) -> bytes:
    purpose = RingPurpose(purpose)  # rejects unknown purposes early
    if isinstance(ring_version, bool) or not isinstance(ring_version, int) or ring_version < 1:
        raise ValueError("ring_version must be a positive integer")
    return length_prefixed(label, purpose.value, ring_version)


def new_ring(suite: SealingSuite = DEFAULT) -> KeyPair:
    """Create the key pair for a new ring (or a new version of one)."""
    return generate_keypair(suite)


def seal_ring_key_for_member(
    ring_private: bytes, member_public: bytes, *, purpose: RingPurpose, ring_version: int
) -> bytes:
    """Give a member the ring's private key, sealed to their officer public key."""
    suite_of_key(ring_private, private=True)  # refuse to hand out garbage
    return seal(member_public, ring_private, info=_info(_RING_KEY_INFO, purpose, ring_version))


def open_ring_key(
    member_private: bytes, sealed: bytes, *, purpose: RingPurpose, ring_version: int
) -> bytes:
    """A member recovers the ring's private key; non-members get :class:`CryptoError`."""
    ring_private = open_sealed(
        member_private, sealed, info=_info(_RING_KEY_INFO, purpose, ring_version)
    )
    suite_of_key(ring_private, private=True)
    return ring_private


def seal_data_key(
    ring_public: bytes | LoadedPublicKey,
    dek: bytes,
    *,
    purpose: RingPurpose,
    ring_version: int,
    record_ref: str,
) -> bytes:
    """Seal a record's DEK to the ring. ``record_ref`` names the record, e.g. ``"report:42"``."""
    if len(dek) != _DEK_BYTES:
        raise ValueError("data keys are 32 bytes")
    return seal(
        ring_public,
        dek,
        info=_info(_DATA_KEY_INFO, purpose, ring_version),
        aad=length_prefixed(record_ref),
    )


def open_data_key(
    ring_private: bytes | LoadedPrivateKey,
    sealed: bytes,
    *,
    purpose: RingPurpose,
    ring_version: int,
    record_ref: str,
) -> bytes:
    """Recover a record's DEK with the ring private key."""
    dek = open_sealed(
        ring_private,
        sealed,
        info=_info(_DATA_KEY_INFO, purpose, ring_version),
        aad=length_prefixed(record_ref),
    )
    if len(dek) != _DEK_BYTES:
        raise CryptoError()
    return dek


def reseal_data_key(
    old_ring_private: bytes | LoadedPrivateKey,
    new_ring_public: bytes | LoadedPublicKey,
    sealed: bytes,
    *,
    purpose: RingPurpose,
    old_ring_version: int,
    new_ring_version: int,
    record_ref: str,
) -> bytes:
    """Move one sealed DEK from the old ring version to the new one (ring rotation).

    For many records use :func:`reseal_data_keys`, which parses the keys once.
    """
    dek = open_data_key(
        old_ring_private,
        sealed,
        purpose=purpose,
        ring_version=old_ring_version,
        record_ref=record_ref,
    )
    return seal_data_key(
        new_ring_public, dek, purpose=purpose, ring_version=new_ring_version, record_ref=record_ref
    )


def reseal_data_keys(
    old_ring_private: bytes | LoadedPrivateKey,
    new_ring_public: bytes | LoadedPublicKey,
    sealed_by_record: Iterable[tuple[str, bytes]],
    *,
    purpose: RingPurpose,
    old_ring_version: int,
    new_ring_version: int,
) -> Iterator[tuple[str, bytes]]:
    """Re-seal ``(record_ref, sealed)`` pairs lazily, yielding ``(record_ref, new_sealed)``.

    Lazy so the caller can write in batches and show progress. A seal that does
    not open raises :class:`CryptoError`; it belongs to the record after the last
    one yielded.
    """
    old_private = load_private_key(old_ring_private)
    new_public = load_public_key(new_ring_public)
    for record_ref, sealed in sealed_by_record:
        yield record_ref, reseal_data_key(
            old_private,
            new_public,
            sealed,
            purpose=purpose,
            old_ring_version=old_ring_version,
            new_ring_version=new_ring_version,
            record_ref=record_ref,
        )
