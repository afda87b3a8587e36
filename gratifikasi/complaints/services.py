"""Complaint intake, receipt codes and the secret two-way mailbox (one transaction each).

Key design (design.md §3):

- A complaint's free text is sealed under its own data key (DEK) to the ``case`` ring; the
  reporter's identity, when given, under a second DEK to the ``whistleblower-identity`` ring.
- The case DEK is also wrapped under a key derived from the receipt code
  (:mod:`gratifikasi.reporter_access`), so the reporter can come back with the code alone.
- Mailbox messages, from either side, are encrypted under that same case DEK, bound to the
  message id: officers open it through the ring, the reporter through the code. Nothing else
  has to be re-wrapped when an officer asks a question, and shredding the complaint's sealed
  DEK makes the whole conversation unreadable at once.
- Officers named in the complaint are found *before* the name is sealed (recusal,
  domain.md §6.4); only their ids are kept.
- After a code is accepted the browser gets a short-lived :class:`ComplaintAccess` row whose
  content (the DEK, or a new code waiting to be written down) is encrypted under a random key
  held only in the session cookie.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import and_, delete, func, select

from .. import audit, clock

from ..intake import reporter_access
from ..crypto import fields, symmetric
from ..crypto import rings as ring_crypto
from ..crypto.errors import CryptoError
from ..crypto.framing import length_prefixed
from ..crypto.rings import RingPurpose
from ..extensions import db
from ..keyring import NoAccess
from ..keyring import vault
from ..keyring.rings import current_ring
from ..models import (
    Complaint,
    ComplaintAccess,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintMessage,
    Officer,
    RecordKey,
    Role,
    Unit,
)
from ..models.complaint import CONTENT_COLUMNS, MESSAGE_RECORD_TYPE, RECORD_TYPE
from ..models.ids import reserve_id
from ..intake.recusal import named_officer_ids
from ..rules import routing
from ..rules.text import N_, Text
from ..rules.workflow import COMPLAINT
from ..uploads import service as uploads

RECEIPT_MINUTES = 60  # a new code waits this long for "Saya sudah menyimpannya"
MAILBOX_IDLE_MINUTES = 20
MAILBOX_ABSOLUTE_HOURS = 2

KIND_MAILBOX = "mailbox"
KIND_RECEIPT = "receipt"

_ACCESS_HEADER = b"\x01"
_ACCESS_DOMAIN = b"gratifikasi/complaint-access/v1"


class ComplaintError(ValueError):
    """A refused action; ``str(error)`` is Indonesian, ``message`` the msgid or message to translate."""

    def __init__(self, message: str | Text, *, problems: Sequence[str] = ()) -> None:
        super().__init__(str(message))
        self.message = message
        self.problems = list(problems)


@dataclass
class ComplaintInput:
    """Everything the form collected, already validated."""

    category: ComplaintCategory
    apa: str
    terlapor_nama: str | None = None
    terlapor_jabatan: str | None = None
    terlapor_unit_id: int | None = None
    terlapor_penyelenggara_negara: bool = False
    terlapor_penegak_hukum: bool = False
    di_mana: str | None = None
    event_date: date | None = None
    kapan: str | None = None
    mengapa: str | None = None
    bagaimana: str | None = None
    estimated_loss: int | None = None
    berapa: str | None = None
    files: list[Any] = field(default_factory=list)
    pelapor_nama: str | None = None
    pelapor_nik: str | None = None
    pelapor_kontak: str | None = None
    ktp_file: Any | None = None

    def content(self) -> dict[str, str | None]:
        return {column: _clean(getattr(self, column)) for column in CONTENT_COLUMNS}

    def identity(self) -> dict[str, str | None]:
        return {
            "pelapor_nama": _clean(self.pelapor_nama),
            "pelapor_nik": _clean(self.pelapor_nik),
            "pelapor_kontak": _clean(self.pelapor_kontak),
        }


@dataclass(frozen=True)
class Submitted:
    complaint: Complaint
    code: Any = field(repr=False)  # ReceiptCode, shown once
    receipt_cookie: str = field(repr=False)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


# ---------------------------------------------------------------------------
# Intake
# ---------------------------------------------------------------------------


def unit_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(select(Unit.id, Unit.name).where(Unit.active.is_(True)).order_by(Unit.name))
    return [(row.id, row.name) for row in rows]


def submit_complaint(
    data: ComplaintInput,
    *,
    channel: ComplaintChannel = ComplaintChannel.portal,
    recorded_by: Officer | None = None,
) -> Submitted:
    """Store a complaint sealed, route it, issue its receipt code; commit once.

    A complaint typed in by an officer gets a one-time code: the reporter must replace it at
    first use, so the officer who heard it cannot read the conversation later.
    """
    problems = [p for found in upload_problems(data).values() for p in found]
    if problems:
        raise ComplaintError(problems[0], problems=problems)
    if data.terlapor_unit_id is not None and db.session.get(Unit, data.terlapor_unit_id) is None:
        raise ComplaintError(N_("Unit kerja terlapor tidak dikenal."))

    now = clock.utcnow()
    route = routing.route_complaint(
        data.terlapor_penyelenggara_negara, data.terlapor_penegak_hukum, data.estimated_loss
    )
    complaint = Complaint(
        id=reserve_id(Complaint),
        status=COMPLAINT.initial,
        category=data.category,
        channel=channel,
        recorded_by_id=recorded_by.id if recorded_by is not None else None,
        terlapor_unit_id=data.terlapor_unit_id,
        terlapor_penyelenggara_negara=data.terlapor_penyelenggara_negara,
        terlapor_penegak_hukum=data.terlapor_penegak_hukum,
        estimated_loss=data.estimated_loss,
        event_date=data.event_date,
        flag_kpk_aph=route.flag_kpk_aph,
        route_reasons=list(route.reasons),
        recused_officer_ids=_recused_officers(data.terlapor_nama),
        identity_given=False,
        received_on=clock.local_date(now),
        created_at=now,
        updated_at=now,
        status_changed_at=now,
        access_one_time=recorded_by is not None,
    )
    db.session.add(complaint)
    if complaint.id is None:
        db.session.flush()  # the id binds every ciphertext to this row
    complaint.number = f"ADU-{complaint.received_on.year}-{complaint.id:06d}"

    # With the id reserved, the row is inserted once, whole, at the next flush.
    with db.session.no_autoflush:
        sealed = vault.seal_record(RECORD_TYPE, complaint.id, data.content(), purpose=RingPurpose.CASE)
        for column, blob in sealed.ciphertexts.items():
            setattr(complaint, column, blob)

        identity = data.identity()
        sealed_identity = None
        if any(identity.values()) or data.ktp_file is not None:
            sealed_identity = vault.seal_record(
                RECORD_TYPE, complaint.id, identity, purpose=RingPurpose.WHISTLEBLOWER_IDENTITY
            )
            for column, blob in sealed_identity.ciphertexts.items():
                setattr(complaint, column, blob)
            complaint.identity_given = True

        code = _issue_code(complaint, sealed.dek, one_time=complaint.access_one_time)
    db.session.flush()

    uploaded_by: Any = recorded_by if recorded_by is not None else "reporter"
    stored = uploads.store_attachments(RECORD_TYPE, complaint.id, data.files, uploaded_by, owner_dek=sealed.dek)
    if data.ktp_file is not None:
        assert sealed_identity is not None
        complaint.ktp_attachment_id = _store_identity_document(
            complaint, data.ktp_file, uploaded_by, identity_dek=sealed_identity.dek
        )
    ktp_count = 1 if complaint.ktp_attachment_id else 0

    _notify_inspektorat(complaint)
    receipt_cookie = _hold(complaint.id, KIND_RECEIPT, code.display.encode(), minutes=RECEIPT_MINUTES, now=now)
    audit.record(
        "complaint.submitted",
        actor_type="officer" if recorded_by is not None else "reporter",
        actor_id=recorded_by.id if recorded_by is not None else None,
        object_type=RECORD_TYPE,
        object_id=complaint.id,
        commit=False,
        category=complaint.category.value,
        channel=channel.value,
        flag_kpk_aph=complaint.flag_kpk_aph,
        identity_given=complaint.identity_given,
        attachments=len(stored) + ktp_count,
        recused=len(complaint.recused_officer_ids),
    )
    db.session.commit()
    return Submitted(complaint, code, receipt_cookie)


def _store_identity_document(complaint: Complaint, file: Any, uploaded_by: Any, *, identity_dek: bytes) -> int:
    """Store the KTP copy through the shared pipeline, then move its key to the identity ring.

    The uploads service seals every attachment key to the case ring; a KTP copy is identity,
    so its key is re-sealed to the whistleblower-identity ring (custodians) in the same
    transaction and the case-ring copy is deleted before anything is committed. It is also
    wrapped under the complaint's identity key, so an officer granted the identity by a
    custodian can open it (``open_attachment_with_owner_dek``); the receipt code cannot.
    """
    (row,) = uploads.store_attachments(RECORD_TYPE, complaint.id, [file], uploaded_by, owner_dek=identity_dek)
    assert row.owner_wrapped_dek is not None
    attachment_dek = fields.decrypt_field(
        identity_dek, bytes(row.owner_wrapped_dek), table=uploads.RECORD_TYPE, column="owner_wrapped_dek", record_id=row.id
    )
    db.session.execute(
        delete(RecordKey).where(RecordKey.record_type == uploads.RECORD_TYPE, RecordKey.record_id == row.id)
    )
    ring = current_ring(RingPurpose.WHISTLEBLOWER_IDENTITY)
    if ring is None:
        raise vault.VaultNotReady("Kunci sistem belum disiapkan. Hubungi admin (flask keys init).")
    db.session.add(
        RecordKey(
            record_type=uploads.RECORD_TYPE, record_id=row.id, purpose=RingPurpose.WHISTLEBLOWER_IDENTITY.value,
            ring_id=ring.id,
            sealed_dek=ring_crypto.seal_data_key(
                ring.public_key, attachment_dek, purpose=RingPurpose.WHISTLEBLOWER_IDENTITY,
                ring_version=ring.version, record_ref=vault.record_ref(uploads.RECORD_TYPE, row.id),
            ),
        )
    )
    return row.id


def _recused_officers(terlapor_nama: str | None) -> list[int]:
    """Ids of officers whose name matches the reported person (before the name is sealed)."""
    return named_officer_ids([(_clean(terlapor_nama), None)])


def _issue_code(complaint: Complaint, dek: bytes, *, one_time: bool, keep_locator: bool = False) -> Any:
    ref = vault.record_ref(RECORD_TYPE, complaint.id)
    if keep_locator and complaint.access_locator:
        issued = reporter_access.rotate_credentials(ref, dek, locator=complaint.access_locator, one_time=one_time)
    else:
        issued = reporter_access.issue_credentials(ref, dek, one_time=one_time, locator_taken=_locator_taken)
    complaint.access_locator = issued.locator
    complaint.access_verifier = issued.verifier
    complaint.access_salt = issued.salt
    complaint.access_wrapped_dek = issued.wrapped_dek
    complaint.access_one_time = issued.one_time
    return issued.code


def _locator_taken(locator: str) -> bool:
    return db.session.execute(select(Complaint.id).where(Complaint.access_locator == locator)).first() is not None


def _notify_inspektorat(complaint: Complaint) -> None:
    """Tell Inspektorat officers (not the recused ones) that a complaint arrived; no content."""
    from ..outbox import enqueue

    addresses = db.session.execute(
        select(Officer.email).where(
            Officer.role == Role.inspektorat, Officer.disabled_at.is_(None), Officer.email.is_not(None),
            Officer.id.not_in(complaint.recused_officer_ids),
        )
    ).scalars().all()
    for address in addresses:
        enqueue(
            address,
            "Pengaduan baru masuk",
            "Ada pengaduan baru nomor "
            f"{complaint.number}. Silakan masuk ke aplikasi untuk menelaahnya.\n\n"
            "E-mail ini sengaja tidak memuat isi pengaduan.",
            kind="complaint.new",
        )


# ---------------------------------------------------------------------------
# Browser access rows (receipt waiting to be saved; an open mailbox)
# ---------------------------------------------------------------------------


def _token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _access_context(kind: str, token_hash: bytes, complaint_id: int) -> bytes:
    return length_prefixed(_ACCESS_DOMAIN, kind, token_hash, complaint_id)


def _hold(complaint_id: int, kind: str, payload: bytes, *, minutes: int, now: datetime) -> str:
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


def _open(cookie: str | None, kind: str) -> tuple[ComplaintAccess, bytes] | None:
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


def _drop(cookie: str | None, kind: str) -> None:
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
    opened = _open(cookie, KIND_RECEIPT)
    if opened is None:
        return None
    row, payload = opened
    complaint = db.session.get(Complaint, row.complaint_id)
    assert complaint is not None
    return PendingReceipt(complaint, payload.decode())


def confirm_receipt_saved(cookie: str | None) -> None:
    """'Saya sudah menyimpannya': the code is gone from the server for good."""
    _drop(cookie, KIND_RECEIPT)


# ---------------------------------------------------------------------------
# The secret mailbox, reporter side
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MailboxLogin:
    ok: bool
    error: str | None = None
    retry_after: int | None = None
    mailbox_cookie: str | None = field(default=None, repr=False)
    receipt_cookie: str | None = field(default=None, repr=False)  # set when a one-time code was replaced


def _find_candidate(locator: str) -> reporter_access.Candidate | None:
    # Only the columns the code check needs, as a plain row: no complaint object is built (a
    # login is on the hot path, issue 5: under 5 ms). The record is the complaint's id.
    row = db.session.execute(
        select(Complaint.id, Complaint.access_verifier, Complaint.access_salt, Complaint.access_wrapped_dek,
               Complaint.access_one_time)
        .where(Complaint.access_locator == locator)
    ).one_or_none()
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


def open_mailbox(code_text: str) -> MailboxLogin:
    """Check the code (throttled by the shared service); on success open the mailbox.

    A one-time code (staff-assisted intake) is replaced at once by a fresh code that only
    the reporter sees; the old one stops working in the same transaction.
    """
    result = reporter_access.check_code(code_text, _find_candidate)
    if not result.ok:
        return MailboxLogin(ok=False, error=result.message(), retry_after=result.retry_after)
    complaint_id: int = result.record
    assert result.dek is not None
    now = clock.utcnow()
    receipt_cookie = None
    if result.must_rotate:
        complaint = db.session.get(Complaint, complaint_id)
        assert complaint is not None
        new_code = _issue_code(complaint, result.dek, one_time=False, keep_locator=True)
        receipt_cookie = _hold(complaint_id, KIND_RECEIPT, new_code.display.encode(), minutes=RECEIPT_MINUTES, now=now)
        audit.record("complaint.code_replaced", actor_type="reporter", object_type=RECORD_TYPE,
                     object_id=complaint_id, commit=False)
    # No audit entry for an ordinary opening: the chained log is permanent, and a list of the
    # moments a reporter came back could be matched against traffic records (threat T7). The
    # one-time code's retirement above is logged because staff knew that code.
    mailbox_cookie = _hold(complaint_id, KIND_MAILBOX, result.dek, minutes=MAILBOX_IDLE_MINUTES, now=now)
    db.session.commit()
    return MailboxLogin(ok=True, mailbox_cookie=mailbox_cookie, receipt_cookie=receipt_cookie)


@dataclass(frozen=True)
class Mailbox:
    complaint: Complaint
    dek: bytes = field(repr=False)


def current_mailbox(cookie: str | None) -> Mailbox | None:
    """The open mailbox for this browser, sliding its idle expiry (capped)."""
    opened = _open(cookie, KIND_MAILBOX)
    if opened is None:
        return None
    row, dek = opened
    now = clock.utcnow()
    row.expires_at = min(now + timedelta(minutes=MAILBOX_IDLE_MINUTES), row.created_at + timedelta(hours=MAILBOX_ABSOLUTE_HOURS))
    db.session.commit()
    complaint = db.session.get(Complaint, row.complaint_id)
    assert complaint is not None
    return Mailbox(complaint, dek)


def close_mailbox(cookie: str | None) -> None:
    _drop(cookie, KIND_MAILBOX)


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
    return fields.decrypt_text(dek, bytes(message.body), table=MESSAGE_RECORD_TYPE, column="body", record_id=message.id)


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


def _add_message(complaint: Complaint, dek: bytes, text: str, *, author_type: str, officer: Officer | None) -> ComplaintMessage:
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
    message.body = fields.encrypt_field(dek, text, table=MESSAGE_RECORD_TYPE, column="body", record_id=message.id)
    complaint.updated_at = now
    return message


# ---------------------------------------------------------------------------
# Officer side
# ---------------------------------------------------------------------------


def is_recused(officer: Officer, complaint: Complaint) -> bool:
    return officer.id in (complaint.recused_officer_ids or [])


def complaints_for(officer: Officer, limit: int = 200) -> list[Complaint]:
    """Complaints whose case the officer may open (the workspace's rule: queue, unit, named
    officers and declared conflicts left out), newest first."""
    from ..cases.queries import visible_to  # imported here: the case workspace builds on complaints
    from ..models.case import CaseFile

    return list(db.session.execute(
        select(Complaint)
        .join(CaseFile, and_(CaseFile.record_type == RECORD_TYPE, CaseFile.record_id == Complaint.id))
        .where(*visible_to(officer))
        .order_by(Complaint.id.desc()).limit(limit)
    ).scalars())


def get_for_officer(officer: Officer, complaint_id: int) -> Complaint:
    complaint = db.session.get(Complaint, complaint_id)
    if complaint is None or is_recused(officer, complaint):
        # A recused officer learns nothing, not even that the case exists.
        raise NoAccess("Pengaduan tidak ditemukan.")
    return complaint


@dataclass(frozen=True)
class OfficerCase:
    complaint: Complaint
    content: dict[str, str | None]
    thread: list[MessageView]


def open_for_officer(officer: Officer, private_key: bytes | None, complaint_id: int) -> OfficerCase:
    """Decrypt content and conversation for a case-ring member; audited; NoAccess otherwise."""
    complaint = get_for_officer(officer, complaint_id)
    dek = vault.open_data_key(officer, private_key, RECORD_TYPE, complaint.id, purpose=RingPurpose.CASE)
    content = vault.decrypt_values(dek, RECORD_TYPE, complaint.id, complaint.content_blobs())
    thread = _thread(complaint, dek, reader="officer")
    audit.record("complaint.viewed", actor_id=officer.id, object_type=RECORD_TYPE, object_id=complaint.id, commit=False)
    db.session.commit()
    return OfficerCase(complaint, content, thread)


def post_officer_message(officer: Officer, private_key: bytes | None, complaint_id: int, text: str) -> ComplaintMessage:
    """An officer asks the reporter something; readable by the reporter with the code."""
    complaint = get_for_officer(officer, complaint_id)
    if not officer.has_role(Role.inspektorat):
        raise NoAccess("Hanya petugas Inspektorat yang dapat mengirim pesan kepada pelapor.")
    dek = vault.open_data_key(officer, private_key, RECORD_TYPE, complaint.id, purpose=RingPurpose.CASE)
    message = _add_message(complaint, dek, text, author_type="officer", officer=officer)
    audit.record("complaint.officer_message", actor_id=officer.id, object_type=RECORD_TYPE,
                 object_id=complaint.id, commit=False)
    # No e-mail: anonymous reporters give none. They see the question when they come back.
    db.session.commit()
    return message


def unread_from_reporter(complaint_ids: Sequence[int]) -> dict[int, int]:
    if not complaint_ids:
        return {}
    rows = db.session.execute(
        select(ComplaintMessage.complaint_id, func.count(ComplaintMessage.id))
        .where(
            ComplaintMessage.complaint_id.in_(complaint_ids),
            ComplaintMessage.author_type == "reporter",
            ComplaintMessage.read_at.is_(None),
        )
        .group_by(ComplaintMessage.complaint_id)
    )
    return {complaint_id: count for complaint_id, count in rows}


@dataclass(frozen=True)
class EvidenceItem:
    id: int
    filename: str | None  # None when this officer cannot open it
    kind: str
    size: int
    uploaded_by: str
    metadata_removed: bool


def case_evidence(officer: Officer, private_key: bytes | None, complaint: Complaint) -> list[EvidenceItem]:
    """The complaint's evidence for an officer, without the KTP copy (identity ring only)."""
    items = []
    for row in uploads.attachments_of(RECORD_TYPE, complaint.id):
        if row.id == complaint.ktp_attachment_id:
            continue
        try:
            name: str | None = uploads.display_filename(officer, private_key, row)
        except NoAccess:
            name = None
        items.append(EvidenceItem(row.id, name, row.kind, row.size, row.uploaded_by, row.metadata_removed))
    return items


def upload_problems(data: ComplaintInput) -> dict[str, list[str]]:
    """Problems per form field ("lampiran", "ktp"); empty when every file is acceptable."""
    problems: dict[str, list[str]] = {}
    if data.files:
        found = uploads.check_files(data.files)
        if found:
            problems["lampiran"] = found
    if data.ktp_file is not None:
        found = uploads.check_files([data.ktp_file])
        if found:
            problems["ktp"] = found
    return problems


def _officer_may_open(officer: Officer, complaint_id: int) -> bool:
    # Only recusal is decided here; ring membership is still needed to open the key.
    complaint = db.session.get(Complaint, complaint_id)
    return complaint is None or not is_recused(officer, complaint)


# Recused officers cannot download a complaint's evidence either (ring membership is not enough).
uploads.register_owner_access(RECORD_TYPE, _officer_may_open)
