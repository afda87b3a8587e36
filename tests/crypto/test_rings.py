from __future__ import annotations

import pytest

from gratifikasi.crypto.errors import CryptoError
from gratifikasi.crypto.fields import new_data_key
from gratifikasi.crypto.rings import (
    RingPurpose,
    new_ring,
    open_data_key,
    open_ring_key,
    reseal_data_key,
    reseal_data_keys,
    seal_data_key,
    seal_ring_key_for_member,
)
from gratifikasi.crypto.sealing import KeyPair, generate_keypair, load_private_key

from .helpers import assert_every_flip_fails

CASE = RingPurpose.CASE


@pytest.fixture(scope="module")
def ring() -> KeyPair:
    return new_ring()


@pytest.fixture(scope="module")
def member() -> KeyPair:
    return generate_keypair()


def test_purposes_have_the_agreed_names() -> None:
    assert {p.value for p in RingPurpose} == {
        "case",
        "gratification-identity",
        "whistleblower-identity",
    }


def test_member_opens_ring_key(ring: KeyPair, member: KeyPair) -> None:
    sealed = seal_ring_key_for_member(ring.private, member.public, purpose=CASE, ring_version=1)
    assert open_ring_key(member.private, sealed, purpose=CASE, ring_version=1) == ring.private


def test_outsider_cannot_open_ring_key(ring: KeyPair, member: KeyPair) -> None:
    sealed = seal_ring_key_for_member(ring.private, member.public, purpose=CASE, ring_version=1)
    outsider = generate_keypair()
    with pytest.raises(CryptoError):
        open_ring_key(outsider.private, sealed, purpose=CASE, ring_version=1)


@pytest.mark.parametrize(
    ("purpose", "version"),
    [(RingPurpose.WHISTLEBLOWER_IDENTITY, 1), (RingPurpose.GRATIFICATION_IDENTITY, 1), (CASE, 2)],
)
def test_ring_key_bound_to_purpose_and_version(
    ring: KeyPair, member: KeyPair, purpose: RingPurpose, version: int
) -> None:
    sealed = seal_ring_key_for_member(ring.private, member.public, purpose=CASE, ring_version=1)
    with pytest.raises(CryptoError):
        open_ring_key(member.private, sealed, purpose=purpose, ring_version=version)


def test_data_key_round_trip(ring: KeyPair) -> None:
    dek = new_data_key()
    sealed = seal_data_key(ring.public, dek, purpose=CASE, ring_version=3, record_ref="complaint:9")
    assert open_data_key(ring.private, sealed, purpose=CASE, ring_version=3, record_ref="complaint:9") == dek


def test_sealed_data_key_every_flip_fails(ring: KeyPair) -> None:
    sealed = seal_data_key(ring.public, new_data_key(), purpose=CASE, ring_version=1, record_ref="r:1")
    assert_every_flip_fails(
        sealed,
        lambda b: open_data_key(ring.private, b, purpose=CASE, ring_version=1, record_ref="r:1"),
    )


@pytest.mark.parametrize(
    "elsewhere",
    [
        dict(purpose=CASE, ring_version=1, record_ref="complaint:10"),  # copied to another record
        dict(purpose=RingPurpose.WHISTLEBLOWER_IDENTITY, ring_version=1, record_ref="complaint:9"),
        dict(purpose=CASE, ring_version=2, record_ref="complaint:9"),
    ],
)
def test_sealed_data_key_bound_to_record_purpose_and_version(ring: KeyPair, elsewhere: dict) -> None:
    sealed = seal_data_key(
        ring.public, new_data_key(), purpose=CASE, ring_version=1, record_ref="complaint:9"
    )
    with pytest.raises(CryptoError):
        open_data_key(ring.private, sealed, **elsewhere)


def test_another_ring_cannot_open_data_key(ring: KeyPair) -> None:
    sealed = seal_data_key(ring.public, new_data_key(), purpose=CASE, ring_version=1, record_ref="r")
    with pytest.raises(CryptoError):
        open_data_key(new_ring().private, sealed, purpose=CASE, ring_version=1, record_ref="r")


def test_ring_key_cannot_be_opened_as_data_key(ring: KeyPair, member: KeyPair) -> None:
    # Domain separation: a member-key seal is not a data-key seal.
    sealed = seal_ring_key_for_member(ring.private, member.public, purpose=CASE, ring_version=1)
    with pytest.raises(CryptoError):
        open_data_key(member.private, sealed, purpose=CASE, ring_version=1, record_ref="")


def test_rotation_reseals_to_new_ring_and_drops_the_old(ring: KeyPair) -> None:
    dek = new_data_key()
    old = seal_data_key(ring.public, dek, purpose=CASE, ring_version=1, record_ref="report:5")
    rotated = new_ring()
    resealed = reseal_data_key(
        ring.private,
        rotated.public,
        old,
        purpose=CASE,
        old_ring_version=1,
        new_ring_version=2,
        record_ref="report:5",
    )
    assert open_data_key(rotated.private, resealed, purpose=CASE, ring_version=2, record_ref="report:5") == dek
    # A removed member still holding the old ring key cannot open the new seal.
    with pytest.raises(CryptoError):
        open_data_key(ring.private, resealed, purpose=CASE, ring_version=2, record_ref="report:5")


def test_rotation_of_a_tampered_seal_fails(ring: KeyPair) -> None:
    old = seal_data_key(ring.public, new_data_key(), purpose=CASE, ring_version=1, record_ref="a")
    with pytest.raises(CryptoError):
        reseal_data_key(
            ring.private, new_ring().public, old, purpose=CASE,
            old_ring_version=1, new_ring_version=2, record_ref="b",
        )


@pytest.mark.parametrize("version", [0, -1, True])
def test_bad_ring_version_is_refused(ring: KeyPair, version: int) -> None:
    with pytest.raises(ValueError):
        seal_data_key(ring.public, new_data_key(), purpose=CASE, ring_version=version, record_ref="r")


def test_unknown_purpose_is_refused(ring: KeyPair) -> None:
    with pytest.raises(ValueError):
        seal_data_key(ring.public, new_data_key(), purpose="cases", ring_version=1, record_ref="r")  # type: ignore[arg-type]


def test_data_key_must_be_32_bytes(ring: KeyPair) -> None:
    with pytest.raises(ValueError):
        seal_data_key(ring.public, b"short", purpose=CASE, ring_version=1, record_ref="r")


def test_bulk_rotation_reseals_every_record_lazily(ring: KeyPair) -> None:
    deks = {f"report:{i}": new_data_key() for i in range(5)}
    old = [
        (ref, seal_data_key(ring.public, dek, purpose=CASE, ring_version=4, record_ref=ref))
        for ref, dek in deks.items()
    ]
    rotated = new_ring()
    results = reseal_data_keys(
        ring.private, rotated.public, old, purpose=CASE, old_ring_version=4, new_ring_version=5
    )
    loaded = load_private_key(rotated.private)
    opened = {
        ref: open_data_key(loaded, sealed, purpose=CASE, ring_version=5, record_ref=ref)
        for ref, sealed in results
    }
    assert opened == deks


def test_bulk_rotation_stops_at_a_seal_for_another_record(ring: KeyPair) -> None:
    good = seal_data_key(ring.public, new_data_key(), purpose=CASE, ring_version=1, record_ref="a")
    results = reseal_data_keys(
        ring.private, new_ring().public, [("a", good), ("b", good)],
        purpose=CASE, old_ring_version=1, new_ring_version=2,
    )
    assert next(results)[0] == "a"
    with pytest.raises(CryptoError):
        next(results)
