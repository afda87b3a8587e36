"""Idempotent submissions: one record per form, however often it is sent (issue 18 item 4).

A form shown to a reporter carries a random nonce, also kept in the browser's session. The
intake service writes the nonce's hash with the record, in the same transaction
(:func:`claim`), so the same form sent again (after a timeout, a database restart, a second
press of "Kirim") finds the record it already stored (:func:`stored_record`) instead of
storing a second one.

What the repeat may show. The receipt code never travels in a URL or a log and is shown to
no one but the browser that sent the form. At submission the code is held for a few minutes
in a ``browser_access`` row (encrypted, like a complaint's pending receipt) whose cookie value
is derived from the nonce (:func:`derived_cookie`): only a request carrying the nonce in its
form *and* in its session can open it, i.e. the browser that sent the form. While the hold
lasts, the repeat shows the same receipt; afterwards it says the form was received and how to
open the receipt with the tracking number and code. The database alone opens nothing: it
holds a hash of the nonce, and the hold's key exists only in the derivation.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from .. import clock
from ..extensions import db
from ..models import IntakeNonce
from ..models.rows import Rows

KEEP = timedelta(days=1)  # longer than a form is valid (its CSRF token: hours)
MAX_NONCE_LENGTH = 64


class AlreadyReceived(Exception):
    """This form was already stored: ``record_id`` is the record it stored."""

    def __init__(self, record_id: int) -> None:
        super().__init__("form already received")
        self.record_id = record_id


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def usable(nonce: object) -> str | None:
    """The nonce if it looks like one this app issued, else None."""
    if isinstance(nonce, str) and 16 <= len(nonce) <= MAX_NONCE_LENGTH:
        return nonce
    return None


def nonce_hash(nonce: str) -> bytes:
    return hashlib.sha256(b"gratifikasi/intake-nonce/v1\x00" + nonce.encode()).digest()


def derived_cookie(nonce: str, purpose: str) -> str:
    """A ``browser_access`` cookie value (token.key) that only the nonce's holder can make."""
    def part(label: str) -> bytes:
        return hmac.new(nonce.encode(), f"gratifikasi/intake-nonce/{purpose}/{label}".encode(), hashlib.sha256).digest()

    token = base64.urlsafe_b64encode(part("token")).decode().rstrip("=")
    return f"{token}.{base64.urlsafe_b64encode(part('key')).decode()}"


def claim(nonce: str, record_type: str, record_id: int, *, now: datetime | None = None,
          into: Rows | None = None) -> None:
    """Record that this nonce stored this record, in the caller's transaction, flushed at once:
    of two concurrent sends of one form, the second waits here for the first and then raises
    :class:`AlreadyReceived` (its own work rolled back), so one record is stored.

    ``into``: the intake's batch of new rows (``models.rows``); the second send then waits at
    the batch's INSERT and the caller's :func:`written` turns the clash into ``AlreadyReceived``.
    """
    row = IntakeNonce(nonce_hash=nonce_hash(nonce), record_type=record_type, record_id=record_id,
                      created_at=now or clock.utcnow())
    if into is not None:
        into.add(row)
        return
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        refuse_repeat(nonce, record_type)
        raise


def written(rows: Rows, nonce: str | None, record_type: str) -> None:
    """Write an intake's batch of new rows; if this form's nonce is already taken (a concurrent
    send of the same form committed first), roll back and raise :class:`AlreadyReceived`."""
    try:
        rows.write(db.session)
    except IntegrityError:
        db.session.rollback()
        refuse_repeat(nonce, record_type)
        raise


def stored_record(nonce: str, record_type: str) -> int | None:
    """The id of the record this nonce already stored, if any."""
    return db.session.execute(
        select(IntakeNonce.record_id).where(IntakeNonce.nonce_hash == nonce_hash(nonce),
                                            IntakeNonce.record_type == record_type)
    ).scalar_one_or_none()


def refuse_repeat(nonce: str | None, record_type: str) -> None:
    """Raise :class:`AlreadyReceived` if this nonce already stored a record."""
    found = stored_record(nonce, record_type) if nonce else None
    if found is not None:
        raise AlreadyReceived(found)


def commit(nonce: str | None, record_type: str) -> None:
    """Commit the submission; if a concurrent send of the same form committed first (the
    nonce's key is taken), roll back and raise :class:`AlreadyReceived`."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        refuse_repeat(nonce, record_type)
        raise


def purge_old(now: datetime | None = None) -> int:
    """Delete nonces older than :data:`KEEP` (commits); returns how many."""
    cutoff = (now or clock.utcnow()) - KEEP
    result = db.session.execute(delete(IntakeNonce).where(IntakeNonce.created_at < cutoff))
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


__all__ = ["AlreadyReceived", "claim", "commit", "derived_cookie", "new_nonce", "nonce_hash", "purge_old",
           "refuse_repeat", "stored_record", "usable", "written"]
