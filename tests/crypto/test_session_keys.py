from __future__ import annotations

import base64

import pytest

from gratifikasi.crypto.errors import CryptoError
from gratifikasi.crypto.sealing import generate_keypair
from gratifikasi.crypto.session_keys import lock_for_session, new_cookie_key, unlock_from_session

from .helpers import assert_every_flip_fails, assert_truncations_fail

PRIVATE = generate_keypair().private


def test_cookie_key_is_urlsafe_base64_of_32_bytes() -> None:
    key = new_cookie_key()
    assert len(key) == 43
    assert base64.urlsafe_b64decode(key + "=").__len__() == 32
    assert new_cookie_key() != key


def test_round_trip() -> None:
    key = new_cookie_key()
    blob = lock_for_session(PRIVATE, key, session_id="sess-1")
    assert unlock_from_session(blob, key, session_id="sess-1") == PRIVATE


def test_other_session_id_fails() -> None:
    key = new_cookie_key()
    blob = lock_for_session(PRIVATE, key, session_id="sess-1")
    with pytest.raises(CryptoError):
        unlock_from_session(blob, key, session_id="sess-2")


def test_other_cookie_key_fails() -> None:
    blob = lock_for_session(PRIVATE, new_cookie_key(), session_id="sess-1")
    with pytest.raises(CryptoError):
        unlock_from_session(blob, new_cookie_key(), session_id="sess-1")


def test_every_flipped_bit_fails() -> None:
    key = new_cookie_key()
    blob = lock_for_session(PRIVATE, key, session_id="s")
    assert_every_flip_fails(blob, lambda b: unlock_from_session(b, key, session_id="s"))
    assert_truncations_fail(blob, lambda b: unlock_from_session(b, key, session_id="s"))


@pytest.mark.parametrize("bad", ["", "short", "!" * 43, "A" * 44, "A" * 42 + "B"])
def test_malformed_cookie_keys_fail_quietly(bad: str) -> None:
    # "A"*42 + "B" decodes to 32 bytes but with non-zero padding bits: not a key we issue.
    with pytest.raises(CryptoError):
        lock_for_session(PRIVATE, bad, session_id="s")
    with pytest.raises(CryptoError):
        unlock_from_session(b"\x01" + b"0" * 60, bad, session_id="s")
