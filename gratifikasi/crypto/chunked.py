"""Chunked AES-256-GCM for attachments: each chunk is sealed on its own.

Why chunks: a 20 MB file is stored as rows of 64 KiB, so no single database value is huge
and a download never needs one giant blob. Why the associated data: each chunk's AAD binds

- the attachment reference (a chunk copied from another file fails),
- the chunk index (reordering fails),
- a "final chunk" flag (dropping trailing chunks fails: the new last chunk was sealed as
  not final, and a final chunk followed by more chunks fails too).

Chunk layout: ``version (1 byte) || nonce (12) || ciphertext || tag (16)`` via
:mod:`gratifikasi.crypto.symmetric`. The key given is the attachment's DEK; the content key
is derived from it (HKDF) so content and the DEK's other uses (field encryption of the
file name) never share a key. Pure module: no Flask.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import symmetric
from .errors import CryptoError
from .framing import length_prefixed
from .kdf import hkdf

__all__ = ["CHUNK_SIZE", "decrypt_chunks", "encrypt_chunks", "iter_decrypt_chunks"]

CHUNK_SIZE = 64 * 1024
_VERSION = b"\x01"
_DOMAIN = b"gratifikasi/attachment-chunk/v1"
_KEY_INFO = b"gratifikasi/attachment-content-key/v1"


def _content_key(dek: bytes) -> bytes:
    if not isinstance(dek, bytes) or len(dek) != symmetric.KEY_BYTES:
        raise ValueError("the attachment key must be 32 bytes")
    return hkdf(dek, salt=b"", info=_KEY_INFO)


def _context(ref: str, index: int, final: bool) -> bytes:
    return length_prefixed(_DOMAIN, ref, index, b"\x01" if final else b"\x00")


def encrypt_chunks(dek: bytes, data: bytes, *, ref: str, chunk_size: int = CHUNK_SIZE) -> list[bytes]:
    """Split ``data`` into chunks and seal each; an empty input gives one (final) chunk."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be positive")
    key = _content_key(dek)
    pieces = [data[i : i + chunk_size] for i in range(0, len(data), chunk_size)] or [b""]
    last = len(pieces) - 1
    return [
        symmetric.encrypt(key, piece, header=_VERSION, context=_context(ref, index, index == last))
        for index, piece in enumerate(pieces)
    ]


def iter_decrypt_chunks(dek: bytes, chunks: Iterable[bytes], *, ref: str) -> Iterator[bytes]:
    """Open chunks in order, yielding plaintext pieces.

    Raises :class:`CryptoError` on any mismatch, including a missing final chunk, which is
    only noticed at the end: consumers must not treat yielded pieces as complete until the
    iterator is exhausted.
    """
    key = _content_key(dek)
    items = iter(chunks)
    try:
        current = next(items)
    except StopIteration:
        raise CryptoError() from None
    index = 0
    for following in items:
        yield symmetric.decrypt(key, bytes(current), header=_VERSION, context=_context(ref, index, False))
        current, index = following, index + 1
    yield symmetric.decrypt(key, bytes(current), header=_VERSION, context=_context(ref, index, True))


def decrypt_chunks(dek: bytes, chunks: Iterable[bytes], *, ref: str) -> bytes:
    """All of :func:`iter_decrypt_chunks` joined; nothing is returned unless every chunk checks."""
    return b"".join(iter_decrypt_chunks(dek, chunks, ref=ref))
