"""The officer's private key during a session: sealed in the session row under a key
that only the officer's cookie holds (design.md §3, "Unlocked keys during a session")."""
from __future__ import annotations

from flask import session
from flask_login import current_user

from ..crypto import session_keys
from ..crypto.errors import CryptoError
from ..models import OfficerSession

COOKIE_KEY = "ck"


def attach(row: OfficerSession, private_key: bytes) -> str:
    """Seal the private key into the row; returns the cookie key for the Flask session."""
    cookie_key = session_keys.new_cookie_key()
    row.sealed_private_key = session_keys.lock_for_session(private_key, cookie_key, session_id=str(row.id))
    return cookie_key


def open_key(row: OfficerSession | None, cookie_key: str | None) -> bytes | None:
    if row is None or row.sealed_private_key is None or not cookie_key:
        return None
    try:
        return session_keys.unlock_from_session(bytes(row.sealed_private_key), cookie_key, session_id=str(row.id))
    except (CryptoError, ValueError):
        return None


def current_private_key() -> bytes | None:
    """The logged-in officer's private key for this request, or None."""
    if not current_user.is_authenticated:
        return None
    return open_key(current_user.current_session, session.get(COOKIE_KEY))
