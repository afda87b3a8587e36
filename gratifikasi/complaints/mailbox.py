"""The secret two-way mailbox (kotak komunikasi rahasia) of a complaint.

Messages from either side are encrypted under the complaint's case key, bound to the
message id: officers open that key through the case ring, the reporter through the receipt
code. Nothing has to be re-wrapped when an officer asks a question, and shredding the
complaint's sealed key makes the whole conversation unreadable at once. Who may post as an
officer is decided by the case workspace before it calls :func:`add_officer_message`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import bindparam, select

from .. import audit, clock
from ..extensions import db
from ..intake import browser_access, reporter_access
from ..intake.browser_access import KIND_MAILBOX
from ..integrity import totals
from ..keyring import vault
from ..models import (
    Complaint,
    ComplaintMessage,
    Officer,
)
from ..models.case import CaseKind
from ..models.complaint import MESSAGE_RECORD_TYPE, RECORD_TYPE
from ..rules.text import N_, Text
from ..rules.workflow import COMPLAINT
from ..uploads import service as uploads
from .access import MAILBOX_ABSOLUTE_HOURS, MAILBOX_IDLE_MINUTES, hold_receipt, issue_code
from .intake import ComplaintError

# The mailbox form asks for the secret code alone: the message names nothing else.
WRONG_MAILBOX_CODE = N_("Kode rahasia tidak cocok. Periksa kembali kode Anda.")


@dataclass(frozen=True)
class MailboxLogin:
    ok: bool
    error: str | None = None
    retry_after: int | None = None
    mailbox_cookie: str | None = field(default=None, repr=False)
    receipt_cookie: str | None = field(default=None, repr=False)  # set when a one-time code was replaced


# Only the columns the code check needs, from the table as a plain Core row: no complaint object
# and no ORM query context, and the statement is built once (a login is on the hot path, issue
# 14: under 3 ms). The record is the complaint's id.
_ACCESS = Complaint.__table__.c
_CANDIDATE = select(_ACCESS.id, _ACCESS.access_verifier, _ACCESS.access_salt, _ACCESS.access_wrapped_dek,
                    _ACCESS.access_one_time).where(_ACCESS.access_locator == bindparam("locator"))


def _find_candidate(locator: str) -> reporter_access.Candidate | None:
    row = db.session.execute(_CANDIDATE, {"locator": locator}).one_or_none()
    if row is None or row.access_verifier is None:
        return None
    return reporter_access.Candidate(
        record=row.id,
        record_ref=vault.record_ref(RECORD_TYPE, row.id),
        verifier=bytes(row.access_verifier),
        salt=bytes(row.access_salt or b""),
        wrapped_dek=bytes(row.access_wrapped_dek or b""),
        one_time=row.access_one_time,
    )


def open_mailbox(code_text: str, *, client: str) -> MailboxLogin:
    """Check the code (throttled by the shared service, per code and per hashed ``client``);
    on success open the mailbox.

    A one-time code (staff-assisted intake) is replaced at once by a fresh code that only
    the reporter sees; the old one stops working in the same transaction.
    """
    result = reporter_access.check_code(code_text, _find_candidate, client=client, wrong_code=WRONG_MAILBOX_CODE)
    if not result.ok:
        return MailboxLogin(ok=False, error=result.message(), retry_after=result.retry_after)
    complaint_id: int = result.record
    assert result.dek is not None
    now = clock.utcnow()
    receipt_cookie = None
    if result.must_rotate:
        complaint = db.session.get(Complaint, complaint_id)
        assert complaint is not None
        new_code = issue_code(complaint, result.dek, one_time=False, keep_locator=True)
        receipt_cookie = hold_receipt(complaint_id, new_code.display, now=now)
        audit.record("complaint.code_replaced", actor_type="reporter", object_type=RECORD_TYPE,
                     object_id=complaint_id, commit=False)
    # No audit entry for an ordinary opening: the chained log is permanent, and a list of the
    # moments a reporter came back could be matched against traffic records (threat T7). The
    # one-time code's retirement above is logged because staff knew that code.
    mailbox_cookie = browser_access.hold_at_once(RECORD_TYPE, complaint_id, KIND_MAILBOX, result.dek,
                                                 lifetime=timedelta(minutes=MAILBOX_IDLE_MINUTES), now=now)
    db.session.commit()
    return MailboxLogin(ok=True, mailbox_cookie=mailbox_cookie, receipt_cookie=receipt_cookie)


@dataclass(frozen=True)
class Mailbox:
    complaint: Complaint
    dek: bytes = field(repr=False)


def current_mailbox(cookie: str | None) -> Mailbox | None:
    """The open mailbox for this browser, sliding its idle expiry (capped)."""
    opened = browser_access.open_record(
        cookie, KIND_MAILBOX, Complaint,
        idle=timedelta(minutes=MAILBOX_IDLE_MINUTES), lifetime=timedelta(hours=MAILBOX_ABSOLUTE_HOURS),
    )
    return None if opened is None else Mailbox(*opened)


def close_mailbox(cookie: str | None) -> None:
    browser_access.drop(cookie, KIND_MAILBOX)


@dataclass(frozen=True)
class MessageView:
    id: int
    from_officer: bool
    body: str
    created_at: datetime
    attachment_count: int
    unread: bool


def public_status(complaint: Complaint) -> str:
    """The reporter-facing status label (a msgid to translate): never internal steps."""
    return COMPLAINT.state(complaint.status).public_label


def _decrypt_message(dek: bytes, message: ComplaintMessage) -> str:
    return vault.decrypt_text(dek, MESSAGE_RECORD_TYPE, message.id, "body", bytes(message.body))


def _thread(complaint: Complaint, dek: bytes, *, reader: str) -> list[MessageView]:
    """Every message, oldest first; those from the other side are marked read by ``reader`` now."""
    now = clock.utcnow()
    views = []
    for message in complaint.messages:
        unread = message.author_type != reader and message.read_at is None
        views.append(MessageView(message.id, message.author_type == "officer", _decrypt_message(dek, message),
                                 message.created_at, message.attachment_count, unread))
        if unread:
            message.read_at = now
    return views


def reporter_thread(mailbox: Mailbox) -> list[MessageView]:
    """The conversation as the reporter sees it; officers' messages become read."""
    views = _thread(mailbox.complaint, mailbox.dek, reader="reporter")
    db.session.commit()
    return views


def reporter_reply(mailbox: Mailbox, text: str, files: Sequence[Any] = ()) -> ComplaintMessage:
    """The reporter answers or adds evidence; readable by case-ring officers and by the code."""
    files = list(files)
    if files:
        problems = uploads.check_files(files)
        if problems:
            raise ComplaintError(problems[0], problems=problems)
        _check_complaint_total(mailbox.complaint, len(files))
    message = _add_message(mailbox.complaint, mailbox.dek, text, author_type="reporter", officer=None)
    if files:
        # Owned by the complaint (not the message): "message" owners are shared with
        # gratification-report messages, whose ids would collide.
        uploads.store_attachments(RECORD_TYPE, mailbox.complaint.id, files, "reporter", owner_dek=mailbox.dek)
        message.attachment_count = len(files)
    audit.record("complaint.reporter_message", actor_type="reporter", object_type=RECORD_TYPE,
                 object_id=mailbox.complaint.id, commit=False, attachments=len(files))
    db.session.commit()
    return message


def _check_complaint_total(complaint: Complaint, adding: int) -> None:
    # Config, beside the per-submission limits of the uploads service.
    limit = current_app.config["COMPLAINT_MAX_ATTACHMENTS"]
    existing = len(uploads.attachments_of(RECORD_TYPE, complaint.id))
    if existing + adding > limit:
        raise ComplaintError(Text(
            N_("Satu pengaduan paling banyak memuat %(limit)d lampiran (sudah ada %(existing)d)."),
            {"limit": limit, "existing": existing},
        ))


def _add_message(
    complaint: Complaint, dek: bytes, text: str, *, author_type: str, officer: Officer | None
) -> ComplaintMessage:
    text = text.strip()
    if not text:
        raise ComplaintError(N_("Tulis pesan terlebih dahulu."))
    if len(text) > 5000:
        raise ComplaintError(N_("Pesan paling banyak 5000 karakter."))
    now = clock.utcnow()
    message = ComplaintMessage(
        complaint_id=complaint.id, author_type=author_type, officer_id=officer.id if officer else None,
        body=b"", attachment_count=0, created_at=now,
    )
    db.session.add(message)
    db.session.flush()
    message.body = vault.encrypt_text(dek, MESSAGE_RECORD_TYPE, message.id, "body", text)
    complaint.updated_at = now
    totals.mark_changed(CaseKind.pengaduan.value, complaint.id)  # response times on the dashboard
    return message


# ---------------------------------------------------------------------------
# Officer side (the case page decides who may read and post)
# ---------------------------------------------------------------------------


def officer_thread(complaint: Complaint, dek: bytes) -> list[MessageView]:
    """The conversation for a case-ring officer; the reporter's messages become read.
    Runs in the caller's transaction."""
    return _thread(complaint, dek, reader="officer")


def add_officer_message(complaint: Complaint, dek: bytes, officer: Officer, text: str) -> ComplaintMessage:
    """An officer's question, readable by the reporter with the code; the caller commits.
    No e-mail: anonymous reporters give none. They see the question when they come back."""
    message = _add_message(complaint, dek, text, author_type="officer", officer=officer)
    audit.record("complaint.officer_message", actor_id=officer.id, object_type=RECORD_TYPE,
                 object_id=complaint.id, commit=False)
    return message
