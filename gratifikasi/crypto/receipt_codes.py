"""Receipt codes for anonymous reporters and access codes for ASN reporters.

A code is ``locator || secret || check``, shown in dash-separated groups of four:

- locator: 6 symbols (~29.7 bits), stored in clear to find the record; not secret.
  Uniqueness is the database's job (unique index, retry on collision).
- secret: 21 symbols (~104 bits, threat T3 asks for >= 80), never stored. The
  server keeps only :func:`secret_verifier` and a DEK wrapped under
  :func:`key_from_secret`, both HKDF outputs, which is enough at this entropy.
- check: 1 symbol catching every single typo and every adjacent swap
  (see :mod:`gratifikasi.crypto.text_codes`).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from . import symmetric, text_codes
from .errors import CodeProblem, InvalidCodeFormat
from .framing import length_prefixed
from .kdf import hkdf

__all__ = [
    "CodeProblem",
    "InvalidCodeFormat",
    "ReceiptCode",
    "key_from_secret",
    "new_receipt_code",
    "parse_receipt_code",
    "secret_verifier",
    "unwrap_data_key",
    "verify_secret",
    "wrap_data_key",
]

LOCATOR_SYMBOLS = 6
SECRET_SYMBOLS = 21
CODE_SYMBOLS = LOCATOR_SYMBOLS + SECRET_SYMBOLS + 1  # + check character
SECRET_BITS = text_codes.bits_of_entropy(SECRET_SYMBOLS)

# Distinct HKDF info strings: the verifier can never be used as the wrapping key.
_VERIFIER_INFO = b"gratifikasi/receipt-code/verifier/v1"
_WRAP_KEY_INFO = b"gratifikasi/receipt-code/wrap-key/v1"


@dataclass(frozen=True)
class ReceiptCode:
    """A parsed code. ``secret`` is hidden from repr so it does not land in logs."""

    locator: str
    secret: str = field(repr=False)

    @property
    def compact(self) -> str:
        """All symbols with the check character, no separators."""
        return text_codes.with_check(self.locator + self.secret)

    @property
    def display(self) -> str:
        """The form shown to the reporter, e.g. ``ABCD-EFGH-...``."""
        return text_codes.group(self.compact)

    def __str__(self) -> str:
        return self.display


def new_receipt_code() -> ReceiptCode:
    """Draw a fresh random code."""
    return ReceiptCode(
        locator=text_codes.random_symbols(LOCATOR_SYMBOLS),
        secret=text_codes.random_symbols(SECRET_SYMBOLS),
    )


def parse_receipt_code(text: str) -> ReceiptCode:
    """Parse a typed code, ignoring case, spaces and dashes.

    Raises :class:`InvalidCodeFormat` (with ``reason``) if the length, a symbol or
    the check character is wrong.
    """
    compact = text_codes.normalise(text, length=CODE_SYMBOLS)
    return ReceiptCode(
        locator=compact[:LOCATOR_SYMBOLS],
        secret=compact[LOCATOR_SYMBOLS : LOCATOR_SYMBOLS + SECRET_SYMBOLS],
    )


def _secret_bytes(secret: str) -> bytes:
    if len(secret) != SECRET_SYMBOLS:
        raise ValueError("not a receipt-code secret")
    return secret.encode("ascii")


def secret_verifier(secret: str, salt: bytes) -> bytes:
    """What the server stores to recognise the secret later (32 bytes)."""
    return hkdf(_secret_bytes(secret), salt=salt, info=_VERIFIER_INFO)


def verify_secret(secret: str, salt: bytes, verifier: bytes) -> bool:
    """Constant-time check of ``secret`` against a stored verifier."""
    return hmac.compare_digest(secret_verifier(secret, salt), verifier)


def key_from_secret(secret: str, salt: bytes) -> bytes:
    """32-byte key that wraps the record's DEK so the reporter can read replies."""
    return hkdf(_secret_bytes(secret), salt=salt, info=_WRAP_KEY_INFO)


_DEK_HEADER = b"\x01"
_DEK_DOMAIN = b"gratifikasi/receipt-code/dek"


def wrap_data_key(secret: str, salt: bytes, dek: bytes, *, record_ref: str) -> bytes:
    """Wrap a record's DEK under the key from :func:`key_from_secret`.

    ``record_ref`` binds the wrapped key to its record, so it cannot be moved.
    """
    return symmetric.encrypt(
        key_from_secret(secret, salt),
        dek,
        header=_DEK_HEADER,
        context=length_prefixed(_DEK_DOMAIN, record_ref),
    )


def unwrap_data_key(secret: str, salt: bytes, wrapped: bytes, *, record_ref: str) -> bytes:
    """Inverse of :func:`wrap_data_key`; wrong secret or record raises CryptoError."""
    return symmetric.decrypt(
        key_from_secret(secret, salt),
        wrapped,
        header=_DEK_HEADER,
        context=length_prefixed(_DEK_DOMAIN, record_ref),
    )
