"""Per-record data keys (DEKs) and field encryption with AES-256-GCM.

Every report, complaint and attachment gets its own random 256-bit DEK. Each
encrypted column value is bound to ``(table, column, record id)`` through the
associated data, so a ciphertext copied to another row or column fails to open.

Blob layout: ``version (1 byte) || nonce (12) || ciphertext || tag (16)``.
Associated data: length-prefixed ``(domain, version, table, column, record id)``.

Record ids are bound as text: ``42`` and ``"42"`` name the same row, so callers
may pass whichever type their layer has at hand.
"""

from __future__ import annotations

from . import symmetric
from .errors import CryptoError
from .framing import length_prefixed

FORMAT_VERSION = 1
_HEADER = bytes([FORMAT_VERSION])
_DOMAIN = b"gratifikasi/field"


def new_data_key() -> bytes:
    """Return a fresh random 32-byte data key for one record."""
    return symmetric.new_key()


def _context(table: str, column: str, record_id: str | int) -> bytes:
    if not table or not column:
        raise ValueError("table and column must be non-empty")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
        raise TypeError("record_id must be str or int")
    return length_prefixed(_DOMAIN, _HEADER, table, column, str(record_id))


def encrypt_field(
    dek: bytes, value: str | bytes, *, table: str, column: str, record_id: str | int
) -> bytes:
    """Encrypt one column value (text is stored as UTF-8) for one row."""
    plaintext = value.encode("utf-8") if isinstance(value, str) else value
    if not isinstance(plaintext, bytes):
        raise TypeError("value must be str or bytes")
    return symmetric.encrypt(
        dek, plaintext, header=_HEADER, context=_context(table, column, record_id)
    )


def decrypt_field(
    dek: bytes, blob: bytes, *, table: str, column: str, record_id: str | int
) -> bytes:
    """Decrypt a value from :func:`encrypt_field`; mismatch raises :class:`CryptoError`."""
    return symmetric.decrypt(
        dek, blob, header=_HEADER, context=_context(table, column, record_id)
    )


def decrypt_text(
    dek: bytes, blob: bytes, *, table: str, column: str, record_id: str | int
) -> str:
    """Like :func:`decrypt_field` but returns text; non-UTF-8 raises :class:`CryptoError`."""
    raw = decrypt_field(dek, blob, table=table, column=column, record_id=record_id)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CryptoError() from None
