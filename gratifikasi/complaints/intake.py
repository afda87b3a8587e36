"""Complaint intake from the portal and from officers (phone, walk-in, letter): one
transaction that seals the complaint, routes it once (``cases.opening``), opens its case file
and issues its receipt code.

The hot path (issue 14): reference data comes from the per-process cache, the complaint's and
its case's ids are drawn in one statement, every new row goes in with one more
(``models.rows``), and the audit entry, with its lock, comes last. A locator already taken (a
receipt code's public part; the unique index says so, no read beforehand) makes the whole
transaction roll back and start again with a new code.

- A complaint's free text is sealed under its own data key to the ``case`` ring; the
  reporter's identity, when given, under a second key to the ``whistleblower-identity`` ring.
- Officers named in the complaint are found *before* the name is sealed (recusal,
  domain.md §6.4); only their ids are kept.
- A complaint typed in by an officer gets a one-time code: the reporter must replace it at
  first use, so the officer who heard it cannot read the conversation later.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from .. import audit, clock
from ..cases import opening
from ..cases.sources import COMPLAINT as COMPLAINT_SOURCE
from ..extensions import db
from ..intake import idempotency
from ..intake.recusal import named_officer_ids
from ..intake.reporter_access import until_locator_free
from ..intake.units import active_units, unit_ids
from ..keyring import RingPurpose, vault
from ..models import (
    Complaint,
    ComplaintCategory,
    ComplaintChannel,
    Officer,
    Role,
)
from ..models.case import CaseFile
from ..models.complaint import CONTENT_COLUMNS, RECORD_TYPE
from ..models.ids import reserve_ids
from ..models.rows import Rows
from ..outbox import enqueue
from ..rules.text import N_, Text
from ..settings.cache import cached
from ..uploads import service as uploads
from .access import hold_receipt, issue_code


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
    complaint: Complaint  # as written; not in the session
    code: Any = field(repr=False)  # ReceiptCode, shown once
    receipt_cookie: str = field(repr=False)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def unit_choices() -> list[tuple[int, str]]:
    """The active units (id, name) by name, from the per-process cache (intake.units)."""
    return list(active_units())


def submit_complaint(
    data: ComplaintInput,
    *,
    channel: ComplaintChannel = ComplaintChannel.portal,
    recorded_by: Officer | None = None,
    nonce: str | None = None,
) -> Submitted:
    """Store a complaint sealed, route it, issue its receipt code; commit once.

    ``nonce``: the form's (``intake.idempotency``); raises ``AlreadyReceived`` if that form
    was stored already, and holds the receipt under a cookie value derived from it.

    A complaint typed in by an officer gets a one-time code: the reporter must replace it at
    first use, so the officer who heard it cannot read the conversation later.
    """
    problems = [p for found in upload_problems(data).values() for p in found]
    if problems:
        raise ComplaintError(problems[0], problems=problems)
    if data.terlapor_unit_id is not None and data.terlapor_unit_id not in unit_ids():
        raise ComplaintError(N_("Unit kerja terlapor tidak dikenal."))
    return until_locator_free(lambda: _store(data, channel, recorded_by, nonce))


def _store(data: ComplaintInput, channel: ComplaintChannel, recorded_by: Officer | None,
           nonce: str | None) -> Submitted:
    """One attempt: everything in one transaction, committed at the end."""
    now = clock.utcnow()
    # Routed once, with the administrator's rule for the reported OPD: the complaint keeps the
    # flag and its reasons, and its case file is opened with the very same outcome.
    routed = opening.route(
        COMPLAINT_SOURCE, unit_id=data.terlapor_unit_id, category=data.category.value,
        route_inputs=(data.terlapor_penyelenggara_negara, data.terlapor_penegak_hukum, data.estimated_loss),
    )
    route = routed.route
    # The ids bind every ciphertext and the case's rows; drawn together, before anything is written.
    complaint_id, case_id = reserve_ids(Complaint, CaseFile)
    received_on = clock.local_date(now)
    rows = Rows()
    complaint = rows.add(Complaint(
        id=complaint_id,
        number=f"ADU-{received_on.year}-{complaint_id:06d}",
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
        received_on=received_on,
        created_at=now,
        updated_at=now,
        access_one_time=recorded_by is not None,
    ))
    sealed = vault.seal_record(RECORD_TYPE, complaint_id, data.content(), purpose=RingPurpose.CASE, into=rows)
    for column, blob in sealed.ciphertexts.items():
        setattr(complaint, column, blob)

    identity = data.identity()
    sealed_identity = None
    if any(identity.values()) or data.ktp_file is not None:
        sealed_identity = vault.seal_record(RECORD_TYPE, complaint_id, identity,
                                            purpose=RingPurpose.WHISTLEBLOWER_IDENTITY, into=rows)
        for column, blob in sealed_identity.ciphertexts.items():
            setattr(complaint, column, blob)
        complaint.identity_given = True

    code = issue_code(complaint, sealed.dek, one_time=complaint.access_one_time, check_locator=False)

    uploaded_by: Any = recorded_by if recorded_by is not None else "reporter"
    stored = uploads.store_attachments(RECORD_TYPE, complaint_id, data.files, uploaded_by, owner_dek=sealed.dek)
    if data.ktp_file is not None:
        assert sealed_identity is not None
        complaint.ktp_attachment_id = _store_identity_document(
            complaint, data.ktp_file, uploaded_by, identity_dek=sealed_identity.dek
        )
    ktp_count = 1 if complaint.ktp_attachment_id else 0

    opening.open_case(COMPLAINT_SOURCE, complaint, routed=routed, now=now,
                      recorded_by_id=recorded_by.id if recorded_by is not None else None, into=rows, case_id=case_id)
    _notify_inspektorat(complaint, rows)
    receipt_cookie = hold_receipt(complaint_id, code.display, now=now,
                                  cookie=idempotency.derived_cookie(nonce, "receipt") if nonce else None, into=rows)
    if nonce:
        idempotency.claim(nonce, RECORD_TYPE, complaint_id, now=now, into=rows)
    idempotency.written(rows, nonce, RECORD_TYPE)
    audit.record(
        "complaint.submitted",
        actor_type="officer" if recorded_by is not None else "reporter",
        actor_id=recorded_by.id if recorded_by is not None else None,
        object_type=RECORD_TYPE,
        object_id=complaint_id,
        commit=False,
        category=complaint.category.value,
        channel=channel.value,
        flag_kpk_aph=complaint.flag_kpk_aph,
        identity_given=complaint.identity_given,
        attachments=len(stored) + ktp_count,
        recused=len(complaint.recused_officer_ids),
    )
    idempotency.commit(nonce, RECORD_TYPE)
    return Submitted(complaint, code, receipt_cookie)


def _store_identity_document(complaint: Complaint, file: Any, uploaded_by: Any, *, identity_dek: bytes) -> int:
    """Store the KTP copy through the shared pipeline, then move its key to the identity ring.

    The uploads service seals every attachment key to the case ring; a KTP copy is identity,
    so its key is re-sealed to the whistleblower-identity ring (custodians) in the same
    transaction, replacing the case-ring copy before anything is committed. It is also
    wrapped under the complaint's identity key, so an officer granted the identity by a
    custodian can open it (``open_attachment_with_owner_dek``); the receipt code cannot.
    """
    (row,) = uploads.store_attachments(RECORD_TYPE, complaint.id, [file], uploaded_by, owner_dek=identity_dek)
    assert row.owner_wrapped_dek is not None
    attachment_dek = vault.open_wrapped_key(identity_dek, bytes(row.owner_wrapped_dek),
                                            record_type=uploads.RECORD_TYPE, record_id=row.id)
    vault.reseal_to_ring(uploads.RECORD_TYPE, row.id, attachment_dek, RingPurpose.WHISTLEBLOWER_IDENTITY)
    return row.id


def _recused_officers(terlapor_nama: str | None) -> list[int]:
    """Ids of officers whose name matches the reported person (before the name is sealed)."""
    return named_officer_ids([(_clean(terlapor_nama), None)])


def _notify_inspektorat(complaint: Complaint, rows: Rows) -> None:
    """Tell Inspektorat officers (not the recused ones) that a complaint arrived; no content."""
    recused = set(complaint.recused_officer_ids or ())
    addresses = [email for officer_id, email in cached("_gratifikasi_inspektorat_emails", _read_inspektorat_emails)
                 if officer_id not in recused]
    for address in filter(None, addresses):
        enqueue(
            address,
            "Pengaduan baru masuk",
            "Ada pengaduan baru nomor "
            f"{complaint.number}. Silakan masuk ke aplikasi untuk menelaahnya.\n\n"
            "E-mail ini sengaja tidak memuat isi pengaduan.",
            kind="complaint.new",
            into=rows,
        )


def _read_inspektorat_emails() -> list[tuple[int, str]]:
    """(id, e-mail) of the active Inspektorat officers with an address."""
    rows = db.session.execute(
        select(Officer.id, Officer.email).where(
            Officer.role == Role.inspektorat, Officer.disabled_at.is_(None), Officer.email.is_not(None),
        ).order_by(Officer.id)
    )
    return [(row.id, row.email) for row in rows]


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
