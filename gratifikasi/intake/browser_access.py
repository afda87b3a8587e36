"""The short-lived access one browser holds to one record after its reporter typed a code.

A complainant's mailbox, a receipt code waiting for "Saya sudah menyimpannya" and an ASN
reporter's status page all need the same thing: for some minutes this browser, and no other,
may use a secret (the record's data key, or the new code) without typing the code again.

The secret is kept in a server row (:class:`~gratifikasi.models.access.BrowserAccess`),
encrypted under a random key that exists only in the value handed back to the view, which
the view keeps in the browser's session cookie. The row stores a hash of the cookie's token
to find it. So:

- a copy of the database opens nothing (the key is not in it), and a copied cookie opens
  nothing once the row is gone;
- logout, confirmation and expiry delete the row: the access is revoked on the server, not
  merely forgotten by a browser that might have kept the cookie;
- the code itself never travels in a URL or sits in a cookie.

Services take and return the opaque cookie value; only views touch the Flask session.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Table, delete, insert, select

from .. import clock
from ..crypto import symmetric
from ..crypto.errors import CryptoError
from ..crypto.framing import length_prefixed
from ..extensions import Model, db
from ..models import BrowserAccess
from ..models.rows import Rows

M = TypeVar("M", bound=Model)  # an intake record: its table name is its record type

__all__ = [
    "KIND_MAILBOX",
    "KIND_RECEIPT",
    "KIND_REPORT_STATUS",
    "Held",
    "drop",
    "hold",
    "hold_at_once",
    "open_held",
    "purge_expired",
]

KIND_MAILBOX = "mailbox"              # a complaint's data key: the secret mailbox
KIND_RECEIPT = "receipt"              # a new code shown until the reporter has written it down
KIND_REPORT_STATUS = "report-status"  # a gratification report's data key: the status page

# Declarative types ``__table__`` as a FromClause; the model is mapped to a Table.
_TABLE = cast(Table, BrowserAccess.__table__)
_INSERT = insert(_TABLE)  # built once: constructing a statement costs more than sending it
_HEADER = b"\x01"
_DOMAIN = b"gratifikasi/browser-access/v1"


@dataclass(frozen=True)
class Held:
    """What an open access gives: the record it is for and the secret it keeps."""

    record_type: str
    record_id: int
    payload: bytes = field(repr=False)


def _token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _context(kind: str, token_hash: bytes, record_type: str, record_id: int) -> bytes:
    # The payload opens only in its own row, for its own kind and record.
    return length_prefixed(_DOMAIN, kind, token_hash, record_type, record_id)


def _split(cookie: object) -> tuple[str, str] | None:
    """(token, key text) from a cookie value; None for anything else (an old or tampered value)."""
    if not isinstance(cookie, str) or "." not in cookie:
        return None
    token, _, key_text = cookie.partition(".")
    return (token, key_text) if token and key_text else None


def hold(record_type: str, record_id: int, kind: str, payload: bytes, *, lifetime: timedelta,
         now: datetime | None = None, cookie: str | None = None, into: Rows | None = None) -> str:
    """Keep ``payload`` for one browser for ``lifetime``; returns the cookie value (token.key).

    ``cookie``: a value made in advance (``intake.idempotency.derived_cookie``) instead of a
    random one. Runs in the caller's transaction (the row is added, not committed): it goes in
    with the caller's next flush, after the rows added before it (a submission's nonce first);
    ``into``: the intake's batch of new rows (``models.rows``) instead of the session.
    """
    values, value = _sealed(record_type, record_id, kind, payload, lifetime, now, cookie)
    (db.session if into is None else into).add(BrowserAccess(**values))
    return value


def hold_at_once(record_type: str, record_id: int, kind: str, payload: bytes, *, lifetime: timedelta,
                 now: datetime | None = None) -> str:
    """:func:`hold` with a random cookie value, inserted at once by one Core statement: no ORM
    object and no flush (a reporter's code login, issue 14). Runs in the caller's transaction."""
    values, value = _sealed(record_type, record_id, kind, payload, lifetime, now, None)
    db.session.execute(_INSERT, values)
    return value


def _sealed(record_type: str, record_id: int, kind: str, payload: bytes, lifetime: timedelta,
            now: datetime | None, cookie: str | None) -> tuple[dict[str, Any], str]:
    """The row's column values and the cookie value that opens it."""
    now = now or clock.utcnow()
    given = _split(cookie)
    if given is not None:
        token, key = given[0], base64.urlsafe_b64decode(given[1].encode())
    else:
        token, key = secrets.token_urlsafe(32), symmetric.new_key()
    token_hash = _token_hash(token)
    sealed = symmetric.encrypt(key, payload, header=_HEADER,
                               context=_context(kind, token_hash, record_type, record_id))
    values = {"token_hash": token_hash, "record_type": record_type, "record_id": record_id, "kind": kind,
              "sealed": sealed, "created_at": now, "expires_at": now + lifetime}
    return values, f"{token}.{base64.urlsafe_b64encode(key).decode()}"


def open_held(cookie: object, kind: str, *, record_type: str, idle: timedelta | None = None,
              lifetime: timedelta | None = None) -> Held | None:
    """The access this cookie value holds, or None (none, expired, revoked or tampered).

    With ``idle`` the expiry slides to ``now + idle`` on each use, never past ``lifetime``
    after the access was granted (and the change is committed). An expired row is deleted.
    """
    parts = _split(cookie)
    if parts is None:
        return None
    token, key_text = parts
    row = db.session.execute(
        select(BrowserAccess).where(BrowserAccess.token_hash == _token_hash(token), BrowserAccess.kind == kind,
                                    BrowserAccess.record_type == record_type)
    ).scalar_one_or_none()
    if row is None:
        return None
    now = clock.utcnow()
    if row.expires_at <= now:
        db.session.delete(row)
        db.session.commit()
        return None
    try:
        key = base64.urlsafe_b64decode(key_text.encode())
        payload = symmetric.decrypt(key, bytes(row.sealed), header=_HEADER,
                                    context=_context(kind, bytes(row.token_hash), row.record_type, row.record_id))
    except (CryptoError, ValueError):  # a bad key: base64 or AES-GCM refuses it
        return None
    if idle is not None:
        latest = row.created_at + lifetime if lifetime is not None else None
        row.expires_at = min(now + idle, latest) if latest is not None else now + idle
        db.session.commit()
    return Held(row.record_type, row.record_id, payload)


def open_record(cookie: object, kind: str, model: type[M], *, idle: timedelta | None = None,
                lifetime: timedelta | None = None) -> tuple[M, bytes] | None:
    """The record this access opens (``model`` names its table) and the secret held for it;
    None when the access is gone, or the record is (shredded meanwhile)."""
    held = open_held(cookie, kind, record_type=model.__tablename__, idle=idle, lifetime=lifetime)
    if held is None:
        return None
    record = db.session.get(model, held.record_id)
    return None if record is None else (record, held.payload)


def drop(cookie: object, kind: str) -> None:
    """Revoke this browser's access of ``kind`` (logout, confirmation); commits."""
    parts = _split(cookie)
    if parts is None:
        return
    db.session.execute(
        delete(BrowserAccess).where(BrowserAccess.token_hash == _token_hash(parts[0]), BrowserAccess.kind == kind)
    )
    db.session.commit()


def revoke_record(record_type: str, record_id: int) -> None:
    """End every browser's access to the record (crypto-shredding: no key may survive in a row).
    Runs in the caller's transaction."""
    db.session.execute(delete(BrowserAccess).where(BrowserAccess.record_type == record_type,
                                                   BrowserAccess.record_id == record_id))


def purge_expired(now: datetime | None = None) -> int:
    """Delete every expired access (opening one also deletes it); returns how many. Commits."""
    # Session.execute is typed as returning Result; a DELETE returns a CursorResult (rowcount).
    result = cast(CursorResult[Any], db.session.execute(
        delete(BrowserAccess).where(BrowserAccess.expires_at <= (now or clock.utcnow()))
    ))
    db.session.commit()
    return result.rowcount or 0
