"""Officers' case actions: transitions, assignment, conflicts of interest, notes, messages to
the reporter, identity.

Each public function is one transaction and looks the case up through the one visibility
rule (``queries.visible_case``). Every status change goes through
:func:`.transitions.move`; its reason is sealed on the case history (``case_event``) and the
audit log gets only ids and state names. Free text is encrypted under the intake record's
case data key, which the acting officer opens with their unlocked private key, so only
case-ring members can write or read it.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from .. import audit, clock
from ..calendar.service import working_day_calendar
from ..complaints import mailbox
from ..extensions import db
from ..keyring import KeyringError, NoAccess, RingPurpose
from ..keyring import identity as identity_service
from ..keyring.vault import decrypt_values, encrypt_values, open_data_key
from ..models import IdentityRequest, Officer, RequestStatus, Role
from ..models.case import (
    CaseAssignment,
    CaseEvent,
    CaseFile,
    CaseNote,
    CaseRecusal,
    ConflictKind,
    RecusalBasis,
)
from ..models.complaint import ComplaintMessage
from ..reports import thread
from ..reports.notify import notify_status_change
from ..rules.state_machine import IllegalTransition
from ..settings.service import all_settings
from . import queries, sla
from .recusals import add_recusal
from .sources import COMPLAINT, GRATIFICATION, Source, source_for
from .transitions import facts_for, machine_of, move, refusal

MAX_TEXT = 4000
MIN_REASSIGN_REASON = 10


class CaseNotFound(LookupError):
    """Missing, or not visible to this officer (the same answer: 404)."""


class CaseError(ValueError):
    """A refused action; the message is Indonesian and shown as is."""


# -- reading ----------------------------------------------------------------------------------


def case_for(officer: Officer, case_id: int, *, lock: bool = False) -> CaseFile:
    case = queries.visible_case(officer, case_id, lock=lock)
    if case is None:
        raise CaseNotFound(case_id)
    return case


def today() -> date:
    return clock.local_date(clock.utcnow())


def soon_within_hk() -> int:
    return all_settings()["soon_within_hk"]


def queue_summary(officer: Officer) -> queries.QueueSummary:
    """The officer's home page counts: new, awaiting them, due soon, overdue (open cases)."""
    on = today()
    return queries.summary(officer, today=on, soon_until=sla.soon_limit(on, working_day_calendar(), soon_within_hk()))


def marker(case: CaseFile, on: date | None = None) -> str | None:
    return sla.marker(case.due_on, on or today(), working_day_calendar(), soon_within_hk())


def dek_for(officer: Officer, private_key: bytes | None, case: CaseFile) -> bytes:
    """The record's case data key; NoAccess for a non-member or a locked key."""
    return open_data_key(officer, private_key, case.record_type, case.record_id, purpose=RingPurpose.CASE)


def _seal(dek: bytes, table: str, row_id: int, column: str, text: str) -> bytes:
    blob = encrypt_values(dek, table, row_id, {column: text})[column]
    assert blob is not None
    return blob


def open_text(dek: bytes, table: str, row_id: int, column: str, blob: bytes | None) -> str | None:
    if blob is None:
        return None
    return decrypt_values(dek, table, row_id, {column: bytes(blob)})[column]


def _clean(text: str | None, *, limit: int = MAX_TEXT) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise CaseError(f"Paling banyak {limit} karakter.")
    return text


# -- transitions --------------------------------------------------------------------------------


def delegated(source: Source, action: str) -> bool:
    """The action is recorded on the KPK pages (GOL reference, SK, follow-up evidence)."""
    return action in source.owned_actions


def apply_transition(
    officer: Officer, private_key: bytes | None, case_id: int, action: str, reason: str | None = None
) -> CaseEvent:
    """Move the case by ``action``. Raises CaseNotFound, IllegalTransition, NoAccess, CaseError.

    A gratification report returned for completion also gets the request the reporter reads
    (with the regulation's completion deadline); the reporter is told by e-mail, if they
    gave an address, whenever the status they see changes.
    """
    try:
        case = case_for(officer, case_id, lock=True)
        reason = _clean(reason)
        source = source_for(case.record_type)
        record = source.load(case.record_id)
        if delegated(source, action):
            why = refusal(case, record, action, officer.role.value)
            if why is not None:  # say why it cannot happen at all, e.g. a refusal report's KPK step
                raise IllegalTransition("refused", why)
            raise CaseError("Tindakan ini dicatat di halaman KPK (nomor GOL, SK atau bukti tindak lanjut).")
        dek = dek_for(officer, private_key, case) if reason else None
        previous = case.status
        now = clock.utcnow()
        event = move(case, record, action, role=officer.role.value, actor_id=officer.id, reason=reason or None,
                     dek=dek, now=now)
        if source is GRATIFICATION:
            if action == "minta_kelengkapan":
                assert dek is not None  # the workflow requires the request's text
                request = thread.add_completion_request(record, dek, officer, reason, now)
                notify_status_change(officer, private_key, record, kind="report-update",
                                     completion_due=request.due_date)
            else:
                notify_status_change(officer, private_key, record, previous)
        db.session.commit()
        return event
    except Exception:
        db.session.rollback()
        raise


def _facts(case: CaseFile):
    return facts_for(source_for(case.record_type).load(case.record_id), today())


def available_actions(officer: Officer, case: CaseFile) -> list:
    """The workspace's own actions from the case's state that the workflow's guards allow
    today (KPK steps live on their page)."""
    source = source_for(case.record_type)
    return [tr for tr in machine_of(case).available_actions(case.status, officer.role.value, _facts(case))
            if not delegated(source, tr.name)]


def blocked_actions(officer: Officer, case: CaseFile) -> list:
    """(transition, guard) for each step the state and role would allow but the workflow
    refuses for this case today (a refusal report's KPK step, an early or late completion
    step): the case page names the step and says why, instead of offering it."""
    return machine_of(case).blocked_actions(case.status, officer.role.value, _facts(case))


def owner_actions_pending(officer: Officer, case: CaseFile) -> bool:
    """Whether a step of this state is recorded on the KPK page (the case page links to it)."""
    source = source_for(case.record_type)
    return any(delegated(source, tr.name)
               for tr in machine_of(case).available_actions(case.status, officer.role.value, _facts(case)))


# -- assignment and recusal --------------------------------------------------------------------


def eligible_assignees(case: CaseFile) -> list[Officer]:
    """Active officers of the case's queue and handling unit who are not recused."""
    recused = select(CaseRecusal.officer_id).where(CaseRecusal.case_id == case.id)
    return list(
        db.session.execute(
            select(Officer).where(
                Officer.role == Role(case.queue), Officer.unit_id == case.handling_unit_id,
                Officer.disabled_at.is_(None), Officer.id.not_in(recused),
            ).order_by(Officer.full_name)
        ).scalars()
    )


def assign(
    officer: Officer, private_key: bytes | None, case_id: int, to_officer_id: int, reason: str | None = None
) -> CaseAssignment:
    """Take an unassigned case (to_officer_id = oneself) or reassign it (a reason is required)."""
    try:
        case = case_for(officer, case_id, lock=True)
        reason = _clean(reason, limit=2000)
        target = db.session.get(Officer, to_officer_id)
        if target is None or target.id not in {o.id for o in eligible_assignees(case)}:
            raise CaseError("Petugas tujuan tidak dapat menangani perkara ini.")
        previous = case.assignee_id
        if previous == target.id:
            raise CaseError("Perkara sudah ditangani petugas tersebut.")
        reassignment = previous is not None or target.id != officer.id
        if reassignment and len(reason) < MIN_REASSIGN_REASON:
            raise CaseError(f"Pengalihan wajib disertai alasan paling sedikit {MIN_REASSIGN_REASON} karakter.")
        row = CaseAssignment(case_id=case.id, officer_id=target.id, previous_officer_id=previous,
                             assigned_by_id=officer.id, assigned_at=clock.utcnow())
        db.session.add(row)
        db.session.flush()
        if reason:
            row.reason = _seal(dek_for(officer, private_key, case), "case_assignment", row.id, "reason", reason)
        case.assignee_id = target.id
        audit.record(
            "case.reassigned" if reassignment else "case.claimed", actor_id=officer.id,
            object_type=case.record_type, object_id=case.record_id, commit=False, case_id=case.id,
            assignee_id=target.id, previous_assignee_id=previous, assignment_id=row.id,
        )
        db.session.commit()
        return row
    except Exception:
        db.session.rollback()
        raise


def declare_conflict(officer: Officer, case_id: int, kind: ConflictKind) -> None:
    """The officer steps aside: the case leaves their queue and their reach at once."""
    try:
        case = case_for(officer, case_id, lock=True)
        add_recusal(case, officer.id, RecusalBasis.konflik, clock.utcnow(), kind)
        if case.assignee_id == officer.id:
            db.session.add(CaseAssignment(case_id=case.id, officer_id=None, previous_officer_id=officer.id,
                                          assigned_by_id=officer.id, assigned_at=clock.utcnow()))
            case.assignee_id = None
        # The kind of conflict is sealed with the recusal, so the audit entry does not name it.
        audit.record("case.conflict_declared", actor_id=officer.id, object_type=case.record_type,
                     object_id=case.record_id, commit=False, case_id=case.id)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise


# -- notes and messages ----------------------------------------------------------------------------


def add_note(officer: Officer, private_key: bytes | None, case_id: int, text: str) -> CaseNote:
    try:
        case = case_for(officer, case_id)
        text = _clean(text)
        if not text:
            raise CaseError("Catatan tidak boleh kosong.")
        dek = dek_for(officer, private_key, case)
        note = CaseNote(case_id=case.id, officer_id=officer.id, created_at=clock.utcnow(), body=b"")
        db.session.add(note)
        db.session.flush()
        note.body = _seal(dek, "case_note", note.id, "body", text)
        audit.record("case.note_added", actor_id=officer.id, object_type=case.record_type, object_id=case.record_id,
                     commit=False, case_id=case.id, note_id=note.id)
        db.session.commit()
        return note
    except Exception:
        db.session.rollback()
        raise


def post_message(officer: Officer, private_key: bytes | None, case_id: int, text: str) -> ComplaintMessage:
    """A question to the reporter, read in their mailbox (complaints) with their code."""
    try:
        case = case_for(officer, case_id)
        if case.record_type != COMPLAINT.record_type:
            raise CaseError("Pesan ke pelapor untuk jenis perkara ini dikirim melalui permintaan kelengkapan.")
        text = _clean(text)
        if not text:
            raise CaseError("Pesan tidak boleh kosong.")
        complaint = COMPLAINT.load(case.record_id)
        message = mailbox.add_officer_message(complaint, dek_for(officer, private_key, case), officer, text)
        db.session.commit()
        return message
    except Exception:
        db.session.rollback()
        raise


# -- identity ----------------------------------------------------------------------------------


def _identity_blobs(source: Source, record: object) -> dict[str, bytes | None]:
    return {column: getattr(record, column) for column in source.identity_columns}


def view_identity(officer: Officer, private_key: bytes | None, case_id: int) -> dict[str, str | None]:
    """Gratification: ring members read it (audited). Whistleblower: an approved request only."""
    case = case_for(officer, case_id)
    source = source_for(case.record_type)
    record = source.load(case.record_id)
    if source.identity_purpose is RingPurpose.GRATIFICATION_IDENTITY:
        return identity_service.view_gratification_identity(
            officer, private_key, case.record_type, case.record_id, _identity_blobs(source, record)
        )
    approved = db.session.execute(
        select(IdentityRequest).where(
            IdentityRequest.record_type == case.record_type, IdentityRequest.record_id == case.record_id,
            IdentityRequest.requested_by_id == officer.id, IdentityRequest.status == RequestStatus.approved,
        ).order_by(IdentityRequest.id.desc()).limit(1)
    ).scalar_one_or_none()
    if approved is None:
        raise NoAccess("Identitas pelapor hanya dapat dibuka setelah permintaan Anda disetujui kustodian.")
    return identity_service.view_whistleblower_identity(officer, private_key, approved, _identity_blobs(source, record))


def request_identity(officer: Officer, case_id: int, reason: str) -> IdentityRequest:
    case = case_for(officer, case_id)
    source = source_for(case.record_type)
    if source.identity_purpose is not RingPurpose.WHISTLEBLOWER_IDENTITY:
        raise CaseError("Identitas pelapor gratifikasi dibuka langsung oleh anggota cincin kunci identitas.")
    try:
        return identity_service.request_whistleblower_identity(officer, case.record_type, case.record_id, reason)
    except KeyringError:
        db.session.rollback()
        raise


__all__ = [
    "CaseError", "CaseNotFound", "IllegalTransition", "NoAccess", "apply_transition", "assign", "case_for",
    "declare_conflict", "post_message", "request_identity", "view_identity",
]
