from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gratifikasi.crypto import receipt_codes, text_codes
from gratifikasi.crypto.errors import CodeProblem, CryptoError, InvalidCodeFormat
from gratifikasi.crypto.fields import new_data_key
from gratifikasi.crypto.kdf import new_salt
from gratifikasi.crypto.receipt_codes import (
    ReceiptCode,
    key_from_secret,
    new_receipt_code,
    parse_receipt_code,
    secret_verifier,
    unwrap_data_key,
    verify_secret,
    wrap_data_key,
)
from gratifikasi.crypto.text_codes import ALPHABET

RANDOM_CODES = 1000


def test_alphabet_is_unambiguous_and_prime_sized() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 31
    assert not set("01OIL") & set(ALPHABET)
    assert all(len(ALPHABET) % d for d in range(2, len(ALPHABET)))  # prime


def test_secret_entropy_from_alphabet_size_and_length() -> None:
    bits = receipt_codes.SECRET_SYMBOLS * math.log2(len(ALPHABET))
    assert bits >= 100  # the design asks for >= 80; we keep a margin
    assert receipt_codes.SECRET_BITS == pytest.approx(bits)


def test_display_format() -> None:
    code = new_receipt_code()
    assert re.fullmatch(r"([2-9A-HJKMNP-Z]{4}-){6}[2-9A-HJKMNP-Z]{4}", code.display)
    assert str(code) == code.display
    assert code.compact == code.display.replace("-", "")
    assert code.display.replace("-", "").startswith(code.locator + code.secret)


def test_repr_hides_the_secret() -> None:
    code = new_receipt_code()
    assert code.secret not in repr(code)
    assert code.locator in repr(code)


def test_codes_are_random() -> None:
    codes = {new_receipt_code().secret for _ in range(200)}
    assert len(codes) == 200
    # Every symbol of the alphabet turns up across 200 * 21 draws.
    assert set("".join(codes)) == set(ALPHABET)


def test_parse_normalises_case_spaces_and_dashes() -> None:
    code = new_receipt_code()
    sloppy = " " + " ".join(code.display.lower().split("-")) + " "
    assert parse_receipt_code(sloppy) == code
    assert parse_receipt_code(code.compact) == code


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ABCD", CodeProblem.WRONG_LENGTH),
        ("", CodeProblem.WRONG_LENGTH),
        ("0" * 28, CodeProblem.BAD_CHARACTER),
        ("O" + "A" * 27, CodeProblem.BAD_CHARACTER),
        ("ß" + "A" * 26, CodeProblem.BAD_CHARACTER),
    ],
)
def test_parse_rejects_bad_shapes(text: str, reason: CodeProblem) -> None:
    with pytest.raises(InvalidCodeFormat) as caught:
        parse_receipt_code(text)
    assert caught.value.reason is reason
    assert isinstance(caught.value, ValueError)


def test_weights_make_every_single_error_and_adjacent_swap_visible() -> None:
    # The algebraic argument, checked for every position of a code and every pair
    # of distinct symbol values: each change moves the sum by a non-zero amount mod 31.
    length = receipt_codes.CODE_SYMBOLS
    for position in range(length):
        for a in range(31):
            for b in range(31):
                if a == b:
                    continue
                assert (text_codes.weight(position) * (a - b)) % 31 != 0
                if position + 1 < length:
                    swap = (a - b) * (text_codes.weight(position) - text_codes.weight(position + 1))
                    assert swap % 31 != 0


def _single_substitutions(code: str):
    for index, original in enumerate(code):
        for symbol in ALPHABET:
            if symbol != original:
                yield code[:index] + symbol + code[index + 1 :]


def _adjacent_swaps(code: str):
    for index in range(len(code) - 1):
        if code[index] != code[index + 1]:
            yield code[:index] + code[index + 1] + code[index] + code[index + 2 :]


def test_every_single_substitution_is_caught_on_random_codes() -> None:
    checked = 0
    for _ in range(RANDOM_CODES):
        code = new_receipt_code().compact
        assert text_codes.is_valid(code)
        for typo in _single_substitutions(code):
            assert not text_codes.is_valid(typo), typo
            checked += 1
    assert checked == RANDOM_CODES * receipt_codes.CODE_SYMBOLS * 30


def test_every_adjacent_swap_is_caught_on_random_codes() -> None:
    checked = 0
    for _ in range(RANDOM_CODES):
        code = new_receipt_code().compact
        for swapped in _adjacent_swaps(code):
            assert not text_codes.is_valid(swapped), swapped
            checked += 1
    assert checked > RANDOM_CODES * 20


def test_typos_surface_as_typo_detected_through_the_parser() -> None:
    code = new_receipt_code().display
    compact = code.replace("-", "")
    for typo in list(_single_substitutions(compact)) + list(_adjacent_swaps(compact)):
        with pytest.raises(InvalidCodeFormat) as caught:
            parse_receipt_code(text_codes.group(typo))
        assert caught.value.reason is CodeProblem.TYPO_DETECTED


@settings(max_examples=300, deadline=None)
@given(data=st.text(alphabet=ALPHABET, min_size=1, max_size=40))
def test_property_check_symbol_makes_any_data_valid(data: str) -> None:
    assert text_codes.is_valid(text_codes.with_check(data))


def test_verifier_accepts_only_the_right_secret() -> None:
    code, salt = new_receipt_code(), new_salt()
    stored = secret_verifier(code.secret, salt)
    assert len(stored) == 32
    assert verify_secret(code.secret, salt, stored)
    assert not verify_secret(new_receipt_code().secret, salt, stored)
    assert not verify_secret(code.secret, new_salt(), stored)


def test_verifier_and_wrapping_key_differ() -> None:
    code, salt = new_receipt_code(), new_salt()
    assert secret_verifier(code.secret, salt) != key_from_secret(code.secret, salt)
    assert len(key_from_secret(code.secret, salt)) == 32


def test_reporter_can_unwrap_the_record_key() -> None:
    code, salt, dek = new_receipt_code(), new_salt(), new_data_key()
    wrapped = wrap_data_key(code.secret, salt, dek, record_ref="complaint:3")
    typed = parse_receipt_code(code.display.lower())
    assert unwrap_data_key(typed.secret, salt, wrapped, record_ref="complaint:3") == dek


@pytest.mark.parametrize("change", ["secret", "salt", "record"])
def test_wrapped_record_key_needs_the_exact_code_salt_and_record(change: str) -> None:
    code, salt, dek = new_receipt_code(), new_salt(), new_data_key()
    wrapped = wrap_data_key(code.secret, salt, dek, record_ref="complaint:3")
    secret = new_receipt_code().secret if change == "secret" else code.secret
    salt = new_salt() if change == "salt" else salt
    record = "complaint:4" if change == "record" else "complaint:3"
    with pytest.raises(CryptoError):
        unwrap_data_key(secret, salt, wrapped, record_ref=record)


def test_secret_of_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError):
        secret_verifier("ABC", new_salt())


def test_receipt_code_is_frozen() -> None:
    code = ReceiptCode(locator="AAAAAA", secret="B" * 21)
    with pytest.raises(AttributeError):
        code.secret = "C" * 21  # type: ignore[misc]
