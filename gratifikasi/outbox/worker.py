"""The outbox worker: claim due messages under a lease, send them, record the outcome.

Claiming is one short transaction. Each row is taken with a compare-and-set UPDATE (the
status and attempt count it was seen with), so two workers never both win a row; on
PostgreSQL the candidate SELECT also uses FOR UPDATE SKIP LOCKED, so workers on several
machines pass over each other's rows instead of waiting for them.

A claimed row is `sending` until its lease (next_attempt_at) runs out. A worker killed
between claim and result therefore loses nothing: once the lease expires the row is due
again, and because the first attempt may have reached the recipient it is resent with
`possible_duplicate` set, an `X-Gratifikasi-Possible-Duplicate: yes` header and a note.

Logs carry message ids and error classes only: never a recipient, subject or body.
"""
from __future__ import annotations

import logging
import os
import re
import secrets
import smtplib
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from typing import Any, cast

from flask_mail import Message
from sqlalchemy import CursorResult, Select, select, update

from .. import clock
from ..extensions import db
from ..models import OutboxMessage, OutboxStatus
from . import delivery, recipients
from .queue import mask_address
from .settings import setting

log = logging.getLogger(__name__)

DUPLICATE_HEADER = "X-Gratifikasi-Possible-Duplicate"
DUPLICATE_NOTE = (
    "Catatan: pesan ini mungkin sudah pernah terkirim; abaikan jika Anda sudah menerimanya. "
    "(Note: this message may be a duplicate of one you already received.)"
)
MAX_ERROR_LENGTH = 1000
_ADDRESS_LIKE = re.compile(r"[^\s<>()\[\]:;,\"']+@[^\s<>()\[\]:;,\"']+")


@dataclass(frozen=True)
class Claim:
    id: int
    attempts: int  # the attempt number this claim is; part of the compare-and-set key


@dataclass
class RunResult:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def count(self, outcome: OutboxStatus | None) -> None:
        if outcome is OutboxStatus.sent:
            self.sent += 1
        elif outcome is OutboxStatus.pending:
            self.retried += 1
        elif outcome is OutboxStatus.failed:
            self.failed += 1


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the given number of failed attempts: base, 2×base, 4×base … capped."""
    base, cap = setting("OUTBOX_RETRY_BASE_SECONDS"), setting("OUTBOX_RETRY_MAX_SECONDS")
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def due_query(now: datetime, batch: int) -> Select:
    """Pending rows whose time has come and sending rows whose lease has run out."""
    query = (
        select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.attempts)
        .where(
            OutboxMessage.status.in_((OutboxStatus.pending, OutboxStatus.sending)),
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(batch)
    )
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return query


def claim_candidates(candidates: list, worker_id: str, now: datetime) -> list[Claim]:
    """Take each candidate row unless another worker changed it since it was read."""
    lease_until = now + timedelta(seconds=setting("OUTBOX_LEASE_SECONDS"))
    claims = []
    for message_id, status, attempts in candidates:
        values = {
            "status": OutboxStatus.sending, "attempts": attempts + 1,
            "locked_by": worker_id, "locked_at": now, "next_attempt_at": lease_until,
        }
        if status is OutboxStatus.sending:
            values["possible_duplicate"] = True  # its previous worker stopped mid-send
        # Session.execute is typed as returning Result; an UPDATE returns a CursorResult (rowcount).
        result = cast(CursorResult[Any], db.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id, OutboxMessage.status == status,
                OutboxMessage.attempts == attempts, OutboxMessage.next_attempt_at <= now,
            )
            .values(**values)
        ))
        if result.rowcount == 1:
            claims.append(Claim(message_id, attempts + 1))
            if status is OutboxStatus.sending:
                log.warning("outbox %s: lease expired, resending as a possible duplicate", message_id)
    return claims


def claim_due(worker_id: str, batch: int = 20) -> list[Claim]:
    """Claim up to `batch` due messages for this worker and commit the claim."""
    now = clock.utcnow()
    candidates = list(db.session.execute(due_query(now, batch)).all())
    claims = claim_candidates(candidates, worker_id, now)
    db.session.commit()
    return claims


def run_once(batch: int = 20, worker_id: str | None = None) -> RunResult:
    """Claim one batch and deliver it. Returns what happened, for the CLI and tests."""
    worker_id = worker_id or default_worker_id()
    claims = claim_due(worker_id, batch)
    result = RunResult(claimed=len(claims))
    for claim in claims:
        result.count(deliver(claim, worker_id))
    return result


def deliver(claim: Claim, worker_id: str) -> OutboxStatus | None:
    """Send one claimed message and record the outcome; None if the claim was lost."""
    message = db.session.get(OutboxMessage, claim.id)
    if message is None or message.locked_by != worker_id or message.attempts != claim.attempts:
        log.warning("outbox %s: claim lost before sending", claim.id)
        return None
    if message.attempts > setting("OUTBOX_MAX_ATTEMPTS"):
        # Only a reclaim gets past the maximum: the last worker died during its final
        # attempt. Stop here, so a message that kills workers cannot loop for ever.
        error = f"worker stopped during attempt {message.attempts - 1}; not retried"
        return _record(claim, worker_id, OutboxStatus.failed, last_error=error)
    try:
        recipient = _recipient(message)
        delivery.send(_build_mail(message, recipient))
    except Exception as error:  # noqa: BLE001  any failure must leave the row retryable
        return _record_failure(claim, worker_id, message, error)
    log.info("outbox %s sent (attempt %d)", claim.id, claim.attempts)
    # An address is no longer needed once delivered: an officer's stays masked, a reporter's
    # (identity, threat T1) goes entirely, with the body that named their report.
    return _record(
        claim, worker_id, OutboxStatus.sent, sent_at=clock.utcnow(), last_error=None,
        **_forget_recipient(message),
    )


def _recipient(message: OutboxMessage) -> str:
    """The address to send to: in clear for officers, opened with the outbox key for reporters."""
    if message.sealed_recipient is not None:
        return recipients.open_recipient(message.id, message.sealed_recipient)
    if message.to_address is None:
        raise recipients.OutboxKeyMissing("the recipient was already dropped")
    return message.to_address


def _forget_recipient(message: OutboxMessage) -> dict[str, object]:
    if message.sealed_recipient is None and message.to_address is not None:
        return {"to_address": mask_address(message.to_address)}
    return {"to_address": None, "sealed_recipient": None, "body_text": "", "body_html": None}


def _build_mail(message: OutboxMessage, recipient: str) -> Message:
    body, html, headers = message.body_text, message.body_html, {}
    if message.possible_duplicate:
        headers[DUPLICATE_HEADER] = "yes"
        body = f"{DUPLICATE_NOTE}\n\n{body}"
        html = None if html is None else f"<p>{escape(DUPLICATE_NOTE)}</p>\n{html}"
    mail_message = Message(
        subject=message.subject, recipients=[recipient], body=body, html=html,
        extra_headers=headers,
    )
    # A stable Message-ID per outbox row lets mail systems recognise a resent copy.
    domain = str(mail_message.sender).rpartition("@")[2].strip(">") or "localhost"
    mail_message.msgId = f"<outbox-{message.id}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"
    return mail_message


def _record_failure(claim: Claim, worker_id: str, message: OutboxMessage, error: Exception) -> OutboxStatus | None:
    text = describe_error(error, message.to_address)
    if claim.attempts >= setting("OUTBOX_MAX_ATTEMPTS"):
        log.error("outbox %s: giving up after %d attempts (%s)", claim.id, claim.attempts, type(error).__name__)
        # A reporter's message given up keeps no address (it cannot be retried; an officer's
        # next action queues a fresh notice); an officer's keeps it for the retry button.
        forget = _forget_recipient(message) if message.sealed_recipient is not None else {}
        return _record(claim, worker_id, OutboxStatus.failed, last_error=text, **forget)
    retry_at = clock.utcnow() + retry_delay(claim.attempts)
    log.warning(
        "outbox %s: attempt %d failed (%s), retry at %s",
        claim.id, claim.attempts, type(error).__name__, retry_at.isoformat(timespec="seconds"),
    )
    return _record(claim, worker_id, OutboxStatus.pending, next_attempt_at=retry_at, last_error=text)


def _record(claim: Claim, worker_id: str, status: OutboxStatus, **values: object) -> OutboxStatus | None:
    """Store the outcome only if this worker still holds the claim, then commit."""
    result = cast(CursorResult[Any], db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == claim.id, OutboxMessage.status == OutboxStatus.sending,
            OutboxMessage.locked_by == worker_id, OutboxMessage.attempts == claim.attempts,
        )
        .values(status=status, locked_by=None, locked_at=None, **values)
    ))
    db.session.commit()
    if result.rowcount != 1:
        log.warning("outbox %s: lease lost before the outcome was recorded", claim.id)
        return None
    return status


def describe_error(error: Exception, to_address: str | None) -> str:
    """The SMTP server's answer as readable text, the recipient masked, truncated.

    For a sealed (reporter) recipient, whose address is not at hand here, every address-like
    word of the answer is masked.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        text = "recipient refused: " + "; ".join(
            f"{code} {_decode(reply)}" for code, reply in error.recipients.values()
        )
    elif isinstance(error, smtplib.SMTPResponseException):
        text = f"{type(error).__name__}: {error.smtp_code} {_decode(error.smtp_error)}"
    else:
        text = f"{type(error).__name__}: {error}"
    if to_address is not None:
        text = text.replace(to_address, mask_address(to_address))
    else:
        text = _ADDRESS_LIKE.sub(lambda found: mask_address(found.group()), text)
    return text[:MAX_ERROR_LENGTH]


def _decode(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
