"""Everything the one case page shows, read in one place (issue 13: one officer screen).

Categorical fields are read from the intake record as they are (plaintext by design); free
text, the objects' descriptions and the conversation with the reporter are decrypted with the
record's case key, which the officer opens with their unlocked private key. Without the key
the page still shows the categorical facts, the history and the list of attachments.
Opening a readable case is audited ("case.viewed").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from .. import audit
from ..complaints import mailbox
from ..extensions import db
from ..keyring import NoAccess
from ..keyring.vault import decrypt_values
from ..models import IdentityRequest, Officer
from ..models.case import CaseAssignment, CaseEvent, CaseFile, CaseNote
from ..models.complaint import Complaint
from ..models.report import OBJECT_RECORD_TYPE, GiftObject, GratificationReport
from ..reports import thread
from ..reports.completion import completion_due
from ..uploads.service import attachments_of, display_filename
from .services import case_for, dek_for, open_text
from .sources import COMPLAINT, GRATIFICATION, Source, source_for


@dataclass
class ShownEvent:
    event: CaseEvent
    reason: str | None


@dataclass
class ShownNote:
    note: CaseNote
    body: str


@dataclass
class ShownAttachment:
    id: int
    filename: str
    size: int
    uploaded_by: str


@dataclass
class ShownObject:
    obj: GiftObject
    uraian: str | None  # None without the case key


@dataclass
class ShownMessage:
    """One message with the reporter, whichever kind of record: who wrote it, when, the text."""

    created_at: object
    from_officer: bool
    text: str
    kind: str | None = None  # gratification: completion_request | reporter_answer
    due_date: object = None  # a completion request's deadline
    unread: bool = False  # a complaint reporter's message no officer had opened before
    attachment_count: int = 0


@dataclass
class CaseView:
    case: CaseFile
    source: Source
    record: GratificationReport | Complaint
    readable: bool  # the officer opened the case key
    problem: str | None
    content: dict[str, str | None]
    events: list[ShownEvent]
    notes: list[ShownNote]
    messages: list[ShownMessage]
    attachments: list[ShownAttachment]
    assignments: list[tuple[CaseAssignment, str | None]]
    identity_requests: list[IdentityRequest]
    objects: list[ShownObject] = field(default_factory=list)

    @property
    def is_report(self) -> bool:
        return self.source is GRATIFICATION

    @property
    def is_complaint(self) -> bool:
        return self.source is COMPLAINT


def _rows(query) -> list:
    return list(db.session.execute(query).scalars())


def _messages(source: Source, record, dek: bytes) -> list[ShownMessage]:
    if source is GRATIFICATION:
        # The open request shows today's computation, the same date as the case's due date.
        waiting = thread.open_completion_request(record)
        due_now = completion_due(record) if waiting is not None else None
        return [ShownMessage(m.message.created_at, m.message.officer_id is not None, m.text, m.message.kind.value,
                             due_now if waiting is not None and m.message.id == waiting.id else m.message.due_date)
                for m in thread.read_messages(record, dek)]
    return [ShownMessage(m.created_at, m.from_officer, m.body, unread=m.unread, attachment_count=m.attachment_count)
            for m in mailbox.officer_thread(record, dek)]


def case_view(officer: Officer, private_key: bytes | None, case_id: int) -> CaseView:
    """Everything the case page shows; free text only if the officer holds the case ring."""
    case = case_for(officer, case_id)
    source = source_for(case.record_type)
    record = source.load(case.record_id)
    events = _rows(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.occurred_at, CaseEvent.id))
    notes = _rows(select(CaseNote).where(CaseNote.case_id == case.id).order_by(CaseNote.id))
    assignments = _rows(select(CaseAssignment).where(CaseAssignment.case_id == case.id).order_by(CaseAssignment.id))
    requests = _rows(select(IdentityRequest).where(
        IdentityRequest.record_type == case.record_type, IdentityRequest.record_id == case.record_id,
        IdentityRequest.requested_by_id == officer.id,
    ).order_by(IdentityRequest.id))
    hidden = source.hidden_attachments(record)
    attachment_rows = [row for row in attachments_of(source.attachment_owner, case.record_id) if row.id not in hidden]
    objects = list(record.objects) if source is GRATIFICATION else []
    try:
        dek = dek_for(officer, private_key, case)
    except NoAccess as error:
        return CaseView(
            case, source, record, False, str(error), {}, [ShownEvent(e, None) for e in events], [], [],
            [ShownAttachment(a.id, f"#{a.id}", a.size, a.uploaded_by) for a in attachment_rows],
            [(a, None) for a in assignments], requests, [ShownObject(o, None) for o in objects],
        )
    content = decrypt_values(dek, case.record_type, case.record_id,
                             {column: getattr(record, column) for column in source.case_columns})
    shown_attachments = []
    for row in attachment_rows:
        try:
            name = display_filename(officer, private_key, row)
        except NoAccess:
            name = f"#{row.id}"
        shown_attachments.append(ShownAttachment(row.id, name, row.size, row.uploaded_by))
    shown_objects = [
        ShownObject(o, decrypt_values(dek, OBJECT_RECORD_TYPE, o.id, {"uraian": bytes(o.uraian)})["uraian"])
        for o in objects
    ]
    messages = _messages(source, record, dek)
    audit.record("case.viewed", actor_id=officer.id, object_type=case.record_type, object_id=case.record_id,
                 case_id=case.id)  # commits, with the reporter's messages marked read
    return CaseView(
        case=case, source=source, record=record, readable=True, problem=None, content=content,
        events=[ShownEvent(e, open_text(dek, "case_event", e.id, "reason", e.reason)) for e in events],
        notes=[ShownNote(n, open_text(dek, "case_note", n.id, "body", n.body) or "") for n in notes],
        messages=messages, attachments=shown_attachments,
        assignments=[(a, open_text(dek, "case_assignment", a.id, "reason", a.reason)) for a in assignments],
        identity_requests=requests, objects=shown_objects,
    )


__all__ = ["CaseView", "case_view"]
