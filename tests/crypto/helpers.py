"""Shared helpers for the crypto tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from gratifikasi.crypto.errors import CryptoError


def one_bit_flips(blob: bytes) -> Iterator[tuple[int, bytes]]:
    """Every byte of ``blob`` with one bit flipped (bit chosen by position, so all 8 occur)."""
    for index in range(len(blob)):
        changed = bytearray(blob)
        changed[index] ^= 1 << (index % 8)
        yield index, bytes(changed)


def assert_every_flip_fails(blob: bytes, open_blob: Callable[[bytes], object]) -> None:
    """Flip one bit in each byte in turn; every variant must raise CryptoError."""
    for index, changed in one_bit_flips(blob):
        with pytest.raises(CryptoError):
            open_blob(changed)
            pytest.fail(f"flipped bit in byte {index} went unnoticed")


def assert_truncations_fail(blob: bytes, open_blob: Callable[[bytes], object]) -> None:
    """Cutting bytes off either end must raise CryptoError."""
    for cut in (1, 2, 16, len(blob) - 1, len(blob)):
        with pytest.raises(CryptoError):
            open_blob(blob[:-cut] if cut < len(blob) else b"")
        with pytest.raises(CryptoError):
            open_blob(blob[cut:])
