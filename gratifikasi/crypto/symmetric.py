"""AES-256-GCM with a random nonce and a versioned header.

Shared by field encryption, officer key wrapping and session locking so that the
nonce handling lives in one place.

Blob layout: ``header || nonce (12 bytes) || ciphertext || tag (16 bytes)``.
The header (which starts with a format version byte) is authenticated together
with a caller-supplied context, so neither can be swapped without detection.

Why random nonces are safe here: every key in this package encrypts a small
number of messages (one record's fields, one wrapped private key, one session),
far below the 2**32 messages per key at which random 96-bit nonces start to risk
a collision.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import CryptoError
from .framing import length_prefixed

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16


def new_key() -> bytes:
    """Return 32 bytes from the operating system's CSPRNG."""
    return os.urandom(KEY_BYTES)


def _aad(header: bytes, context: bytes) -> bytes:
    return length_prefixed(header, context)


def _cipher(key: bytes) -> AESGCM:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError("AES-256-GCM needs a 32-byte key")
    return AESGCM(key)


def encrypt(key: bytes, plaintext: bytes, *, header: bytes, context: bytes) -> bytes:
    """Encrypt ``plaintext``; return ``header || nonce || ciphertext+tag``."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher(key).encrypt(nonce, plaintext, _aad(header, context))
    return header + nonce + sealed


def decrypt(key: bytes, blob: bytes, *, header: bytes, context: bytes) -> bytes:
    """Reverse :func:`encrypt`; the blob must start with exactly ``header``.

    Any mismatch (header, length, key, context, tag) raises :class:`CryptoError`.
    """
    cipher = _cipher(key)
    if isinstance(blob, (bytearray, memoryview)):
        blob = bytes(blob)  # database drivers may hand back either
    if not isinstance(blob, bytes) or len(blob) < len(header) + NONCE_BYTES + TAG_BYTES:
        raise CryptoError()
    if blob[: len(header)] != header:
        raise CryptoError()
    nonce = blob[len(header) : len(header) + NONCE_BYTES]
    body = blob[len(header) + NONCE_BYTES :]
    try:
        return cipher.decrypt(nonce, body, _aad(header, context))
    except InvalidTag:
        raise CryptoError() from None
