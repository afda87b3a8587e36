"""Receipt codes of complaints and the browser's short-lived access after a code.

The receipt code (``intake.reporter_access``) wraps the complaint's case key, so the
reporter can come back with the code alone. After a code is accepted the browser gets a
short-lived :class:`~gratifikasi.models.complaint.ComplaintAccess` row whose content (the key,
or a new code waiting to be written down) is encrypted under a random key held only in the
browser's cookie: the database alone opens nothing, and the code never travels in a URL.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from .. import clock
from ..crypto import symmetric
from ..crypto.errors import CryptoError
from ..crypto.framing import length_prefixed
from ..extensions import db
from ..intake import reporter_access
from ..keyring import vault
from ..models import (
    Complaint,
    ComplaintAccess,
)
from ..models.complaint import RECORD_TYPE

RECEIPT_MINUTES = 60  # a new code waits this long for "Saya sudah menyimpannya"
MAILBOX_IDLE_MINUTES = 20
MAILBOX_ABSOLUTE_HOURS = 2
KIND_MAILBOX = "mailbox"
KIND_RECEIPT = "receipt"
_ACCESS_HEADER = b"\x01"
_ACCESS_DOMAIN = b"gratifikasi/complaint-access/v1"


def issue_code(complaint: Complaint, dek: bytes, *, one_time: bool, keep_locator: bool = False) -> Any:
    ref = vault.record_ref(RECORD_TYPE, complaint.id)
    if keep_locator and complaint.access_locator:
        issued = reporter_access.rotate_credentials(ref, dek, locator=complaint.access_locator, one_time=one_time)
    else:
        issued = reporter_access.issue_credentials(ref, dek, one_time=one_time, locator_taken=locator_taken)
    complaint.access_locator = issued.locator
    complaint.access_verifier = issued.verifier
    complaint.access_salt = issued.salt
    complaint.access_wrapped_dek = issued.wrapped_dek
    complaint.access_one_time = issued.one_time
    return issued.code


def locator_taken(locator: str) -> bool:
    return db.session.execute(select(Complaint.id).where(Complaint.access_locator == locator)).first() is not None


def _token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _access_context(kind: str, token_hash: bytes, complaint_id: int) -> bytes:
    return length_prefixed(_ACCESS_DOMAIN, kind, token_hash, complaint_id)


def hold(complaint_id: int, kind: str, payload: bytes, *, minutes: int, now: datetime) -> str:
    """Store ``payload`` encrypted for this browser; returns the cookie value (token.key)."""
    token = secrets.token_urlsafe(32)
    key = symmetric.new_key()
    token_hash = _token_hash(token)
    sealed = symmetric.encrypt(
        key, payload, header=_ACCESS_HEADER, context=_access_context(kind, token_hash, complaint_id)
    )
    db.session.add(
        ComplaintAccess(
            token_hash=token_hash, complaint_id=complaint_id, kind=kind, sealed=sealed,
            created_at=now, expires_at=now + timedelta(minutes=minutes),
        )
    )
    return f"{token}.{base64.urlsafe_b64encode(key).decode()}"


def open_held(cookie: str | None, kind: str) -> tuple[ComplaintAccess, bytes] | None:
    if not cookie or "." not in cookie:
        return None
    token, _, key_text = cookie.partition(".")
    row = db.session.execute(
        select(ComplaintAccess).where(ComplaintAccess.token_hash == _token_hash(token), ComplaintAccess.kind == kind)
    ).scalar_one_or_none()
    if row is None:
        return None
    if row.expires_at <= clock.utcnow():
        db.session.delete(row)
        db.session.commit()
        return None
    try:
        key = base64.urlsafe_b64decode(key_text.encode())
        payload = symmetric.decrypt(
            key, bytes(row.sealed), header=_ACCESS_HEADER,
            context=_access_context(kind, bytes(row.token_hash), row.complaint_id),
        )
    except (CryptoError, ValueError):
        return None
    return row, payload


def drop_held(cookie: str | None, kind: str) -> None:
    if cookie and "." in cookie:
        token = cookie.partition(".")[0]
        db.session.execute(
            delete(ComplaintAccess).where(ComplaintAccess.token_hash == _token_hash(token), ComplaintAccess.kind == kind)
        )
        db.session.commit()


def purge_expired_access() -> int:
    """Delete expired access rows (also done lazily); returns how many."""
    result = db.session.execute(delete(ComplaintAccess).where(ComplaintAccess.expires_at <= clock.utcnow()))
    db.session.commit()
    return result.rowcount or 0


@dataclass(frozen=True)
class PendingReceipt:
    complaint: Complaint
    code_display: str = field(repr=False)


def pending_receipt(cookie: str | None) -> PendingReceipt | None:
    opened = open_held(cookie, KIND_RECEIPT)
    if opened is None:
        return None
    row, payload = opened
    complaint = db.session.get(Complaint, row.complaint_id)
    assert complaint is not None
    return PendingReceipt(complaint, payload.decode())


def confirm_receipt_saved(cookie: str | None) -> None:
    """'Saya sudah menyimpannya': the code is gone from the server for good."""
    drop_held(cookie, KIND_RECEIPT)
