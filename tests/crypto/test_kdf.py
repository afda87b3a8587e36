from __future__ import annotations

import base64
import dataclasses

import pytest
from argon2 import PasswordHasher
from argon2.low_level import Type

from gratifikasi.crypto.kdf import (
    FAST_FOR_TESTS,
    PRODUCTION,
    Argon2Params,
    derive_key,
    hkdf,
    new_salt,
)

SALT = b"s" * 16


def test_production_meets_rfc9106_second_recommendation() -> None:
    assert PRODUCTION.time_cost >= 3
    assert PRODUCTION.memory_kib >= 64 * 1024
    assert PRODUCTION.parallelism >= 4
    assert FAST_FOR_TESTS.weaker_than(PRODUCTION)
    assert not PRODUCTION.weaker_than(FAST_FOR_TESTS)


def test_params_are_frozen_and_encode_round_trip() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PRODUCTION.time_cost = 1  # type: ignore[misc]
    assert Argon2Params.decode(PRODUCTION.encode()) == PRODUCTION
    assert len(PRODUCTION.encode()) == 12


@pytest.mark.parametrize(
    "values",
    [(0, 64, 1), (1, 7, 1), (1, 64, 0), (1, 16, 4), (65, 64, 1), (1, 5 * 1024 * 1024, 1)],
)
def test_out_of_range_params_are_refused(values: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError):
        Argon2Params(*values)


def test_derive_key_is_deterministic_and_depends_on_every_input() -> None:
    key = derive_key(b"password", SALT, FAST_FOR_TESTS)
    assert len(key) == 32
    assert derive_key(b"password", SALT, FAST_FOR_TESTS) == key
    assert derive_key(b"passwore", SALT, FAST_FOR_TESTS) != key
    assert derive_key(b"password", b"t" * 16, FAST_FOR_TESTS) != key
    other = Argon2Params(time_cost=2, memory_kib=64, parallelism=1)
    assert derive_key(b"password", SALT, other) != key


def test_derive_key_is_argon2id_known_answer() -> None:
    # Recomputed through argon2-cffi's high-level API (an independent path).
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1, hash_len=32, type=Type.ID)
    encoded = hasher.hash("password", salt=SALT)
    digest_b64 = encoded.rsplit("$", 1)[1]
    digest = base64.b64decode(digest_b64 + "=" * (-len(digest_b64) % 4))
    assert encoded.startswith("$argon2id$v=19$m=64,t=1,p=1$")
    assert derive_key(b"password", SALT, FAST_FOR_TESTS) == digest


def test_short_salt_is_refused() -> None:
    with pytest.raises(ValueError):
        derive_key(b"pw", b"short", FAST_FOR_TESTS)


def test_hkdf_rfc5869_test_case_1() -> None:
    ikm = bytes.fromhex("0b" * 22)
    salt = bytes.fromhex("000102030405060708090a0b0c")
    info = bytes.fromhex("f0f1f2f3f4f5f6f7f8f9")
    expected = bytes.fromhex(
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )
    assert hkdf(ikm, salt=salt, info=info, length=42) == expected


def test_hkdf_info_separates_keys() -> None:
    assert hkdf(b"s" * 32, salt=SALT, info=b"a") != hkdf(b"s" * 32, salt=SALT, info=b"b")


def test_new_salt() -> None:
    assert len(new_salt()) == 16
    assert new_salt() != new_salt()
