from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gratifikasi.crypto import fields
from gratifikasi.crypto.errors import CryptoError
from gratifikasi.crypto.fields import decrypt_field, decrypt_text, encrypt_field, new_data_key

from .helpers import assert_every_flip_fails, assert_truncations_fail

WHERE = dict(table="complaint", column="chronology", record_id=42)


def test_new_data_key_is_32_random_bytes() -> None:
    keys = {new_data_key() for _ in range(50)}
    assert len(keys) == 50
    assert all(len(k) == 32 for k in keys)


def test_text_round_trip() -> None:
    dek = new_data_key()
    blob = encrypt_field(dek, "Kepala dinas menerima amplop Rp 5.000.000", **WHERE)
    assert decrypt_text(dek, blob, **WHERE) == "Kepala dinas menerima amplop Rp 5.000.000"
    assert decrypt_field(dek, blob, **WHERE) == "Kepala dinas menerima amplop Rp 5.000.000".encode()


def test_blob_layout_and_overhead() -> None:
    blob = encrypt_field(new_data_key(), b"abc", **WHERE)
    assert blob[0] == fields.FORMAT_VERSION
    assert len(blob) == 1 + 12 + 3 + 16


def test_nonces_differ_for_same_value() -> None:
    dek = new_data_key()
    a, b = encrypt_field(dek, "x", **WHERE), encrypt_field(dek, "x", **WHERE)
    assert a[1:13] != b[1:13]


def test_blob_from_a_driver_as_memoryview_opens() -> None:
    dek = new_data_key()
    blob = encrypt_field(dek, "v", **WHERE)
    assert decrypt_text(dek, memoryview(blob), **WHERE) == "v"  # type: ignore[arg-type]


def test_int_and_str_record_ids_name_the_same_row() -> None:
    dek = new_data_key()
    blob = encrypt_field(dek, "v", table="t", column="c", record_id=7)
    assert decrypt_text(dek, blob, table="t", column="c", record_id="7") == "v"


def test_every_flipped_bit_is_detected() -> None:
    dek = new_data_key()
    blob = encrypt_field(dek, "nama pelapor", **WHERE)
    assert_every_flip_fails(blob, lambda b: decrypt_field(dek, b, **WHERE))
    assert_truncations_fail(blob, lambda b: decrypt_field(dek, b, **WHERE))


@pytest.mark.parametrize(
    "moved",
    [
        dict(table="complaint", column="chronology", record_id=43),  # another row
        dict(table="complaint", column="reporter_name", record_id=42),  # another column
        dict(table="report", column="chronology", record_id=42),  # another table
    ],
)
def test_ciphertext_moved_elsewhere_fails(moved: dict) -> None:
    dek = new_data_key()
    blob = encrypt_field(dek, "isi", **WHERE)
    with pytest.raises(CryptoError):
        decrypt_field(dek, blob, **moved)


def test_context_parts_are_unambiguous() -> None:
    dek = new_data_key()
    blob = encrypt_field(dek, "v", table="ab", column="c", record_id=1)
    with pytest.raises(CryptoError):
        decrypt_field(dek, blob, table="a", column="bc", record_id=1)
    blob = encrypt_field(dek, "v", table="t", column="c1", record_id=2)
    with pytest.raises(CryptoError):
        decrypt_field(dek, blob, table="t", column="c", record_id=12)


def test_dek_of_another_record_fails() -> None:
    blob = encrypt_field(new_data_key(), "isi", **WHERE)
    with pytest.raises(CryptoError):
        decrypt_field(new_data_key(), blob, **WHERE)


def test_unknown_version_fails() -> None:
    dek = new_data_key()
    blob = encrypt_field(dek, "isi", **WHERE)
    with pytest.raises(CryptoError):
        decrypt_field(dek, b"\x02" + blob[1:], **WHERE)


def test_binary_value_that_is_not_text_fails_as_text() -> None:
    dek = new_data_key()
    blob = encrypt_field(dek, b"\xff\xfe", **WHERE)
    with pytest.raises(CryptoError):
        decrypt_text(dek, blob, **WHERE)


@pytest.mark.parametrize("bad_key", [b"", b"k" * 16, b"k" * 31])
def test_wrong_size_key_is_a_programming_error(bad_key: bytes) -> None:
    with pytest.raises(ValueError):
        encrypt_field(bad_key, "x", **WHERE)


@pytest.mark.parametrize("bad", [dict(table="", column="c", record_id=1), dict(table="t", column="c", record_id=True)])
def test_bad_context_is_rejected(bad: dict) -> None:
    with pytest.raises((ValueError, TypeError)):
        encrypt_field(new_data_key(), "x", **bad)


DEK = new_data_key()


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=500),
    table=st.text(min_size=1, max_size=20),
    column=st.text(min_size=1, max_size=20),
    record_id=st.one_of(st.integers(), st.text(max_size=20)),
)
def test_property_unicode_round_trip(text: str, table: str, column: str, record_id: int | str) -> None:
    blob = encrypt_field(DEK, text, table=table, column=column, record_id=record_id)
    assert decrypt_text(DEK, blob, table=table, column=column, record_id=record_id) == text
    with pytest.raises(CryptoError):
        decrypt_text(DEK, blob, table=table, column=column + "x", record_id=record_id)


@settings(max_examples=150, deadline=None)
@given(value=st.binary(max_size=4096), flip=st.integers(min_value=0))
def test_property_binary_round_trip_and_flip(value: bytes, flip: int) -> None:
    blob = encrypt_field(DEK, value, **WHERE)
    assert decrypt_field(DEK, blob, **WHERE) == value
    position = flip % (len(blob) * 8)
    changed = bytearray(blob)
    changed[position // 8] ^= 1 << (position % 8)
    with pytest.raises(CryptoError):
        decrypt_field(DEK, bytes(changed), **WHERE)
