"""Chunked attachment encryption: round trip, and every cut, shuffle or swap is detected."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gratifikasi.crypto import chunked
from gratifikasi.crypto.errors import CryptoError

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
REF = "attachment:7"


def _seal(data: bytes, chunk_size: int = 4, ref: str = REF) -> list[bytes]:
    return chunked.encrypt_chunks(KEY, data, ref=ref, chunk_size=chunk_size)


def test_round_trip_and_chunk_count():
    data = b"0123456789"  # 10 bytes in chunks of 4: 4 + 4 + 2
    chunks = _seal(data)
    assert len(chunks) == 3
    # version byte + 12-byte nonce + plaintext + 16-byte tag
    assert [len(c) for c in chunks] == [1 + 12 + 4 + 16, 1 + 12 + 4 + 16, 1 + 12 + 2 + 16]
    assert all(c[0] == 1 for c in chunks)
    assert chunked.decrypt_chunks(KEY, chunks, ref=REF) == data


def test_default_chunk_size_is_64_kib():
    data = bytes(64 * 1024 + 1)
    assert len(chunked.encrypt_chunks(KEY, data, ref=REF)) == 2


def test_empty_file_is_one_final_chunk():
    chunks = _seal(b"")
    assert len(chunks) == 1
    assert chunked.decrypt_chunks(KEY, chunks, ref=REF) == b""


def test_no_chunks_at_all_fails():
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, [], ref=REF)


def test_truncation_is_detected():
    chunks = _seal(b"0123456789ab")  # exactly 3 full chunks
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, chunks[:2], ref=REF)  # the final chunk dropped
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, chunks[:1], ref=REF)


def test_dropping_a_middle_chunk_is_detected():
    chunks = _seal(b"0123456789ab")
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, [chunks[0], chunks[2]], ref=REF)


def test_reordering_is_detected():
    chunks = _seal(b"0123456789ab")
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, [chunks[1], chunks[0], chunks[2]], ref=REF)


def test_extra_chunk_after_the_final_one_is_detected():
    chunks = _seal(b"0123456789ab")
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, chunks + [chunks[2]], ref=REF)


def test_chunk_from_another_attachment_is_detected():
    mine = _seal(b"0123456789ab", ref="attachment:7")
    theirs = _seal(b"abcdefghijkl", ref="attachment:8")
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, [mine[0], theirs[1], mine[2]], ref=REF)
    # Even the whole other file does not open under this reference.
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, theirs, ref=REF)


def test_wrong_key_and_flipped_bit_fail():
    chunks = _seal(b"0123456789")
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(OTHER_KEY, chunks, ref=REF)
    damaged = bytearray(chunks[1])
    damaged[20] ^= 0x01
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, [chunks[0], bytes(damaged), chunks[2]], ref=REF)


def test_unknown_version_header_fails():
    chunks = _seal(b"01")
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, [b"\x02" + chunks[0][1:]], ref=REF)


def test_content_key_differs_from_the_dek():
    """The same DEK also encrypts the file name, so content uses a derived key."""
    from gratifikasi.crypto import symmetric

    chunk = _seal(b"abcd")[0]
    with pytest.raises(CryptoError):
        # Trying the DEK itself with the right header and context must fail.
        symmetric.decrypt(KEY, chunk, header=b"\x01", context=chunked._context(REF, 0, True))


def test_bad_arguments():
    with pytest.raises(ValueError):
        chunked.encrypt_chunks(b"short", b"x", ref=REF)
    with pytest.raises(ValueError):
        chunked.encrypt_chunks(KEY, b"x", ref=REF, chunk_size=0)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=200), chunk_size=st.integers(min_value=1, max_value=64))
def test_round_trip_property(data, chunk_size):
    chunks = chunked.encrypt_chunks(KEY, data, ref=REF, chunk_size=chunk_size)
    assert len(chunks) == max(1, -(-len(data) // chunk_size))
    assert chunked.decrypt_chunks(KEY, chunks, ref=REF) == data


@settings(max_examples=60, deadline=None)
@given(data=st.binary(min_size=2, max_size=120), chunk_size=st.integers(min_value=1, max_value=16), st_data=st.data())
def test_any_proper_prefix_or_permutation_fails(data, chunk_size, st_data):
    chunks = chunked.encrypt_chunks(KEY, data, ref=REF, chunk_size=chunk_size)
    cut = st_data.draw(st.integers(min_value=0, max_value=len(chunks) - 1))
    with pytest.raises(CryptoError):
        chunked.decrypt_chunks(KEY, chunks[:cut], ref=REF)
    order = st_data.draw(st.permutations(range(len(chunks))))
    if list(order) != list(range(len(chunks))):
        with pytest.raises(CryptoError):
            chunked.decrypt_chunks(KEY, [chunks[i] for i in order], ref=REF)
