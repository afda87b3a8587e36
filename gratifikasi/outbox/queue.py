"""Putting messages into the outbox, requeueing failed ones, and counting them."""
from __future__ import annotations

import logging

from sqlalchemy import func, select

from .. import clock
from ..extensions import db
from ..models import OutboxMessage, OutboxStatus
from ..models.rows import Rows
from . import recipients

log = logging.getLogger(__name__)


class OutboxError(ValueError):
    """A refused outbox operation; the message is Indonesian and shown as is."""


def _valid_address(address: str) -> bool:
    # One bare address only: no display names, lists or header-breaking characters.
    local, _, domain = address.rpartition("@")
    return (
        bool(local) and "." in domain and len(address) <= 254
        and not any(c.isspace() or c in ",;<>\"" for c in address)
    )


def enqueue(
    to: str, subject: str, body_text: str, *, kind: str, body_html: str | None = None, sealed: bool = False,
    into: Rows | None = None, message_id: int | None = None,
) -> OutboxMessage:
    """Queue a message in the caller's transaction; it is sent once that transaction commits.

    Nothing touches the network here, so a slow or broken SMTP server never slows a request.
    ``sealed``: the recipient is identity (a reporter): it is stored only sealed to the
    outbox key (raises recipients.OutboxKeyMissing when no outbox key is configured).
    ``into``: the intake's batch of new rows (``models.rows``) instead of the session; a sealed
    message then needs its ``message_id`` reserved (``models.ids``), since the seal is bound to it.
    """
    to = to.strip()
    if not _valid_address(to):
        raise OutboxError("Alamat e-mail tujuan tidak valid.")
    if "\r" in subject or "\n" in subject or len(subject) > 255:
        raise OutboxError("Subjek e-mail harus satu baris, paling banyak 255 karakter.")
    if not kind or len(kind) > 64:
        raise OutboxError("Jenis pesan wajib diisi (paling banyak 64 karakter).")
    now = clock.utcnow()
    if sealed:
        recipients.public_key()  # no outbox key: refuse before anything is written
    message = OutboxMessage(
        to_address=None if sealed else to, subject=subject, body_text=body_text, body_html=body_html, kind=kind,
        status=OutboxStatus.pending, attempts=0, next_attempt_at=now, created_at=now,
        possible_duplicate=False, id=message_id,
    )
    if into is not None:
        if sealed and message_id is None:
            raise ValueError("a sealed message written in a batch needs its reserved id")
        into.add(message)
    else:
        db.session.add(message)
        db.session.flush()  # assigns the id (the seal is bound to it); the caller still owns the commit
    if sealed:
        message.sealed_recipient = recipients.seal_recipient(message.id, to)
    log.debug("outbox %s queued (%s)", message.id, kind)
    return message


def requeue(message_id: int) -> OutboxMessage:
    """Give a failed message a fresh set of attempts, due now. Commits."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        raise OutboxError(f"Pesan {message_id} tidak ditemukan.")
    if message.status is not OutboxStatus.failed:
        raise OutboxError(f"Pesan {message_id} tidak berstatus gagal ({message.status.value}).")
    if message.to_address is None and message.sealed_recipient is None:
        raise OutboxError(f"Pesan {message_id} untuk pelapor: alamatnya sudah dihapus, jadi tidak dapat dikirim ulang.")
    message.status = OutboxStatus.pending
    message.attempts = 0
    message.next_attempt_at = clock.utcnow()
    message.locked_by = message.locked_at = None
    db.session.commit()
    log.info("outbox %s requeued", message_id)
    return message


def status_counts() -> dict[OutboxStatus, int]:
    """Number of messages per status, every status present (zero when none)."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    ).all()
    counts = dict.fromkeys(OutboxStatus, 0)
    counts.update({status: count for status, count in rows})
    return counts


def mask_address(address: str | None) -> str:
    """an***@example.go.id: enough for an admin to recognise, not to harvest.

    A reporter's address (sealed, so None here) is never shown, not even masked.
    """
    if address is None:
        return "***"
    local, at, domain = address.rpartition("@")
    if not at:
        return "***"
    keep = 2 if len(local) > 3 else 1
    return f"{local[:keep]}***@{domain}"
