"""The messages between the UPG and a reporter: completion requests and the answers.

Bodies are sealed under the report's case key, bound to the message row, so case-ring
officers read them with their key and the reporter with the access code. Status changes
are not made here: the caller moves the case (``cases.transitions.move``) in the same
transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..calendar.service import deadline_calculator
from ..extensions import db
from ..integrity import totals
from ..keyring.vault import decrypt_values, encrypt_text
from ..models import Officer
from ..models.case import CaseKind
from ..models.report import (
    MESSAGE_RECORD_TYPE,
    GratificationReport,
    MessageKind,
    ReportMessage,
)

MAX_TEXT = 4000


@dataclass(frozen=True)
class ShownMessage:
    message: ReportMessage
    text: str


def open_completion_request(report: GratificationReport) -> ReportMessage | None:
    """The newest completion request if the reporter has not answered it yet."""
    for message in reversed(report.messages):
        if message.kind is MessageKind.completion_request:
            return None if message.answered_at is not None else message
    return None


def read_messages(report: GratificationReport, dek: bytes) -> list[ShownMessage]:
    """Every message of the report, decrypted with its case key (reporter or officer)."""
    return [
        ShownMessage(m, decrypt_values(dek, MESSAGE_RECORD_TYPE, m.id, {"body": bytes(m.body)})["body"] or "")
        for m in report.messages
    ]


def _add(report: GratificationReport, dek: bytes, text: str, message: ReportMessage) -> ReportMessage:
    db.session.add(message)
    db.session.flush()
    message.body = encrypt_text(dek, MESSAGE_RECORD_TYPE, message.id, "body", text.strip()[:MAX_TEXT])
    totals.mark_changed(CaseKind.gratifikasi.value, report.id)  # completion requests are counted
    return message


def add_completion_request(report: GratificationReport, dek: bytes, officer: Officer, text: str,
                           now: datetime) -> ReportMessage:
    """The UPG's request to complete the report, with the regulation's completion deadline
    (counted by the ruleset of the date of receipt, domain.md §1.5)."""
    due = deadline_calculator().completion(report.tanggal_penerimaan, report.received_on).due
    return _add(report, dek, text, ReportMessage(
        report_id=report.id, kind=MessageKind.completion_request, officer_id=officer.id, created_at=now, body=b"",
        due_date=due,
    ))


def add_answer(report: GratificationReport, request: ReportMessage, dek: bytes, text: str,
               now: datetime) -> ReportMessage:
    """The reporter's answer to ``request`` (which counts as answered from now on)."""
    request.answered_at = now
    return _add(report, dek, text, ReportMessage(
        report_id=report.id, kind=MessageKind.reporter_answer, created_at=now, body=b"", answers_id=request.id,
    ))


__all__ = ["ShownMessage", "add_answer", "add_completion_request", "open_completion_request", "read_messages"]
