"""Holding an officer's unlocked private key in a server-side session row.

The private key is encrypted with AES-256-GCM under a random key that lives only
in the officer's cookie; the session id is the associated data. The database
row alone or the cookie alone opens nothing, and a blob copied to another
session fails.

Blob layout: ``version (1 byte) || nonce (12) || ciphertext || tag (16)``.
"""

from __future__ import annotations

import base64
import re

from . import symmetric
from .errors import CryptoError
from .framing import length_prefixed

FORMAT_VERSION = 1
_HEADER = bytes([FORMAT_VERSION])
_DOMAIN = b"gratifikasi/session-key"
# 32 bytes are exactly 43 unpadded base64 characters. Checked strictly because
# the lenient decoder would silently skip stray characters.
_COOKIE_KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_cookie_key() -> str:
    """A random 256-bit key as unpadded URL-safe base64 (43 characters), for a cookie."""
    return base64.urlsafe_b64encode(symmetric.new_key()).rstrip(b"=").decode("ascii")


def _decode_cookie_key(cookie_key: str) -> bytes:
    # The cookie comes from the browser: anything malformed is a plain failure.
    if not isinstance(cookie_key, str) or not _COOKIE_KEY_PATTERN.fullmatch(cookie_key):
        raise CryptoError()
    raw = base64.urlsafe_b64decode(cookie_key + "=")
    if base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii") != cookie_key:
        # Non-canonical trailing bits: another spelling of some key, not one we issued.
        raise CryptoError()
    return raw


def _context(session_id: str) -> bytes:
    if not session_id:
        raise ValueError("session_id must be non-empty")
    return length_prefixed(_DOMAIN, session_id)


def lock_for_session(private_key: bytes, cookie_key: str, *, session_id: str) -> bytes:
    """Encrypt the unlocked private key for storage in the session row."""
    return symmetric.encrypt(
        _decode_cookie_key(cookie_key), private_key, header=_HEADER, context=_context(session_id)
    )


def unlock_from_session(blob: bytes, cookie_key: str, *, session_id: str) -> bytes:
    """Recover the private key; wrong cookie key or session raises :class:`CryptoError`."""
    return symmetric.decrypt(
        _decode_cookie_key(cookie_key), blob, header=_HEADER, context=_context(session_id)
    )
