from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gratifikasi.crypto import sealing
from gratifikasi.crypto.errors import CryptoError
from gratifikasi.crypto.sealing import (
    DEFAULT,
    MLKEM768_X25519,
    X25519,
    generate_keypair,
    load_private_key,
    load_public_key,
    open_sealed,
    public_key_from_private,
    seal,
)

from .helpers import assert_every_flip_fails, assert_truncations_fail

SUITES = [MLKEM768_X25519, X25519]


@pytest.fixture(scope="module", params=SUITES, ids=lambda s: s.name.split("/")[0])
def keypair(request: pytest.FixtureRequest) -> sealing.KeyPair:
    return generate_keypair(request.param)


def test_default_suite_is_post_quantum_hybrid() -> None:
    assert DEFAULT is MLKEM768_X25519
    assert DEFAULT.id == 1 and X25519.id == 2
    keys = generate_keypair()
    assert keys.private[0] == 1 and keys.public[0] == 1
    assert len(keys.public) == 1 + 1184 + 32
    assert len(keys.private) == 1 + 64 + 32


def test_round_trip_with_context(keypair: sealing.KeyPair) -> None:
    blob = seal(keypair.public, b"data key bytes", info=b"purpose", aad=b"row 7")
    assert open_sealed(keypair.private, blob, info=b"purpose", aad=b"row 7") == b"data key bytes"


def test_blob_starts_with_version_and_suite(keypair: sealing.KeyPair) -> None:
    blob = seal(keypair.public, b"x", info=b"")
    assert blob[0] == sealing.FORMAT_VERSION
    assert blob[1] == keypair.public[0]


def test_sealing_is_randomised(keypair: sealing.KeyPair) -> None:
    assert seal(keypair.public, b"same", info=b"i") != seal(keypair.public, b"same", info=b"i")


def test_loaded_keys_work_like_bytes(keypair: sealing.KeyPair) -> None:
    public, private = load_public_key(keypair.public), load_private_key(keypair.private)
    assert load_private_key(private) is private
    assert repr(private.key) not in repr(private)
    from_loaded = seal(public, b"v", info=b"i", aad=b"a")
    from_bytes = seal(keypair.public, b"v", info=b"i", aad=b"a")
    for blob in (from_loaded, from_bytes):
        assert open_sealed(private, blob, info=b"i", aad=b"a") == b"v"
        assert open_sealed(keypair.private, blob, info=b"i", aad=b"a") == b"v"
    with pytest.raises(CryptoError):
        open_sealed(private, from_loaded, info=b"i", aad=b"b")


def test_public_key_is_recomputed_from_private(keypair: sealing.KeyPair) -> None:
    assert public_key_from_private(keypair.private) == keypair.public


def test_repr_hides_private_key(keypair: sealing.KeyPair) -> None:
    assert repr(keypair.private) not in repr(keypair)


def test_every_flipped_bit_is_detected(keypair: sealing.KeyPair) -> None:
    blob = seal(keypair.public, b"k" * 32, info=b"i", aad=b"a")
    assert_every_flip_fails(blob, lambda b: open_sealed(keypair.private, b, info=b"i", aad=b"a"))
    assert_truncations_fail(blob, lambda b: open_sealed(keypair.private, b, info=b"i", aad=b"a"))


@pytest.mark.parametrize(
    ("info", "aad"),
    [(b"other", b"a"), (b"i", b"b"), (b"i", b""), (b"ia", b""), (b"", b"ia")],
)
def test_wrong_info_or_aad_fails(keypair: sealing.KeyPair, info: bytes, aad: bytes) -> None:
    blob = seal(keypair.public, b"secret", info=b"i", aad=b"a")
    with pytest.raises(CryptoError):
        open_sealed(keypair.private, blob, info=info, aad=aad)


def test_wrong_private_key_fails(keypair: sealing.KeyPair) -> None:
    suite = sealing.SUITES[keypair.public[0]]
    blob = seal(keypair.public, b"secret", info=b"i")
    with pytest.raises(CryptoError):
        open_sealed(generate_keypair(suite).private, blob, info=b"i")


def test_key_of_other_suite_fails() -> None:
    hybrid, classic = generate_keypair(MLKEM768_X25519), generate_keypair(X25519)
    with pytest.raises(CryptoError):
        open_sealed(classic.private, seal(hybrid.public, b"s", info=b""), info=b"")
    with pytest.raises(CryptoError):
        open_sealed(hybrid.private, seal(classic.public, b"s", info=b""), info=b"")


def test_relabelled_suite_byte_fails() -> None:
    # The suite byte is bound into the HPKE info: changing it must not help.
    classic = generate_keypair(X25519)
    blob = seal(classic.public, b"s", info=b"")
    with pytest.raises(CryptoError):
        open_sealed(classic.private, blob[:1] + b"\x01" + blob[2:], info=b"")


@pytest.mark.parametrize("bad", [b"", b"\x00" + b"k" * 32, b"\x09" + b"k" * 32, b"\x02" + b"k" * 31])
def test_malformed_keys_raise_crypto_error(bad: bytes) -> None:
    with pytest.raises(CryptoError):
        seal(bad, b"x", info=b"")
    with pytest.raises(CryptoError):
        open_sealed(bad, b"\x01\x02" + b"z" * 80, info=b"")


@pytest.fixture(scope="module")
def hybrid_keys() -> sealing.KeyPair:
    return generate_keypair(MLKEM768_X25519)


@settings(max_examples=40, deadline=None)
@given(plaintext=st.binary(max_size=2048), info=st.binary(max_size=64), aad=st.binary(max_size=64))
def test_property_round_trip_binary(
    hybrid_keys: sealing.KeyPair, plaintext: bytes, info: bytes, aad: bytes
) -> None:
    blob = seal(hybrid_keys.public, plaintext, info=info, aad=aad)
    assert open_sealed(hybrid_keys.private, blob, info=info, aad=aad) == plaintext
    with pytest.raises(CryptoError):
        open_sealed(hybrid_keys.private, blob, info=info + b"\x00", aad=aad)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=300))
def test_property_round_trip_unicode(hybrid_keys: sealing.KeyPair, text: str) -> None:
    blob = seal(hybrid_keys.public, text.encode("utf-8"), info=b"t")
    assert open_sealed(hybrid_keys.private, blob, info=b"t").decode("utf-8") == text
