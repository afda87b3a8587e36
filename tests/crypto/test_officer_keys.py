from __future__ import annotations

import pytest

from gratifikasi.crypto import officer_keys
from gratifikasi.crypto.errors import CodeProblem, CryptoError, InvalidCodeFormat
from gratifikasi.crypto.kdf import FAST_FOR_TESTS, Argon2Params
from gratifikasi.crypto.officer_keys import (
    OfficerKeyMaterial,
    enrol,
    needs_rewrap,
    rewrap_for_new_password,
    unlock_with_password,
    unlock_with_recovery,
    wrapped_params,
)
from gratifikasi.crypto.sealing import open_sealed, public_key_from_private, seal
from gratifikasi.crypto.text_codes import ALPHABET, bits_of_entropy

from .helpers import assert_every_flip_fails

PASSWORD = "Rahasia-Irban-2024!"


@pytest.fixture(scope="module")
def material() -> OfficerKeyMaterial:
    return enrol(PASSWORD, FAST_FOR_TESTS)


def test_enrolment_gives_a_working_key_pair(material: OfficerKeyMaterial) -> None:
    assert public_key_from_private(material.private_key) == material.public_key
    blob = seal(material.public_key, b"ring key", info=b"t")
    assert open_sealed(material.private_key, blob, info=b"t") == b"ring key"


def test_repr_hides_secrets(material: OfficerKeyMaterial) -> None:
    text = repr(material)
    assert material.recovery_key_text not in text
    assert repr(material.private_key) not in text


def test_password_unlocks(material: OfficerKeyMaterial) -> None:
    assert unlock_with_password(material.password_wrapped, PASSWORD) == material.private_key


@pytest.mark.parametrize("wrong", ["", "rahasia-irban-2024!", PASSWORD + " ", PASSWORD[:-1]])
def test_wrong_password_fails(material: OfficerKeyMaterial, wrong: str) -> None:
    with pytest.raises(CryptoError):
        unlock_with_password(material.password_wrapped, wrong)


def test_unicode_password_is_normalised() -> None:
    composed, decomposed = "kata-sandi-\u00e9", "kata-sandi-e\u0301"
    keys = enrol(composed, FAST_FOR_TESTS)
    assert unlock_with_password(keys.password_wrapped, decomposed) == keys.private_key


def test_every_flipped_bit_in_password_blob_fails(material: OfficerKeyMaterial) -> None:
    assert_every_flip_fails(
        material.password_wrapped, lambda b: unlock_with_password(b, PASSWORD)
    )


def test_every_flipped_bit_in_recovery_blob_fails(material: OfficerKeyMaterial) -> None:
    assert_every_flip_fails(
        material.recovery_wrapped,
        lambda b: unlock_with_recovery(b, material.recovery_key_text),
    )


def test_recovery_key_format(material: OfficerKeyMaterial) -> None:
    groups = material.recovery_key_text.split("-")
    assert len(groups) == 7 and all(len(g) == 4 for g in groups)
    assert all(symbol in ALPHABET for symbol in "".join(groups))
    assert len(ALPHABET) == 31
    assert bits_of_entropy(officer_keys.RECOVERY_RANDOM_SYMBOLS) >= 128


def test_recovery_key_unlocks_tolerating_spaces_dashes_and_case(material: OfficerKeyMaterial) -> None:
    sloppy = " " + material.recovery_key_text.lower().replace("-", " ") + "\n"
    assert unlock_with_recovery(material.recovery_wrapped, sloppy) == material.private_key


def test_recovery_key_typo_is_reported_as_format_error(material: OfficerKeyMaterial) -> None:
    text = material.recovery_key_text
    replacement = "2" if text[0] != "2" else "3"
    with pytest.raises(InvalidCodeFormat) as caught:
        unlock_with_recovery(material.recovery_wrapped, replacement + text[1:])
    assert caught.value.reason is CodeProblem.TYPO_DETECTED


def test_another_officers_recovery_key_fails(material: OfficerKeyMaterial) -> None:
    other = officer_keys.new_recovery_key()
    with pytest.raises(CryptoError):
        unlock_with_recovery(material.recovery_wrapped, other)


def test_blobs_are_not_interchangeable(material: OfficerKeyMaterial) -> None:
    with pytest.raises(CryptoError):
        unlock_with_password(material.recovery_wrapped, PASSWORD)
    with pytest.raises(CryptoError):
        unlock_with_recovery(material.password_wrapped, material.recovery_key_text)


def test_password_change_keeps_access_and_recovery_still_works(material: OfficerKeyMaterial) -> None:
    private = unlock_with_password(material.password_wrapped, PASSWORD)
    new_blob = rewrap_for_new_password(private, "kata sandi baru yang panjang", FAST_FOR_TESTS)
    assert unlock_with_password(new_blob, "kata sandi baru yang panjang") == material.private_key
    with pytest.raises(CryptoError):
        unlock_with_password(new_blob, PASSWORD)
    assert unlock_with_recovery(material.recovery_wrapped, material.recovery_key_text) == private


def test_recovery_then_new_password(material: OfficerKeyMaterial) -> None:
    private = unlock_with_recovery(material.recovery_wrapped, material.recovery_key_text)
    new_blob = rewrap_for_new_password(private, "setelah lupa sandi", FAST_FOR_TESTS)
    assert unlock_with_password(new_blob, "setelah lupa sandi") == material.private_key


def test_params_travel_with_the_blob_and_can_be_raised(material: OfficerKeyMaterial) -> None:
    assert wrapped_params(material.password_wrapped) == FAST_FOR_TESTS
    stronger = Argon2Params(time_cost=2, memory_kib=128, parallelism=1)
    assert needs_rewrap(material.password_wrapped, stronger)
    upgraded = rewrap_for_new_password(material.private_key, PASSWORD, stronger)
    assert wrapped_params(upgraded) == stronger
    assert not needs_rewrap(upgraded, stronger)
    assert unlock_with_password(upgraded, PASSWORD) == material.private_key


def test_rewrap_refuses_garbage_private_key() -> None:
    with pytest.raises(CryptoError):
        rewrap_for_new_password(b"\x01" + b"x" * 10, "pw", FAST_FOR_TESTS)
