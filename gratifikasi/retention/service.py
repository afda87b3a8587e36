"""Crypto-shredding of closed gratification reports and complaints once their retention
period after closing has passed.

A record's content and identity are ciphertext under its data keys (design.md §3); deleting
every copy of those keys leaves the ciphertext unreadable, so nothing else has to be
deleted and the categorical columns the statistics need stay. The copies are: the keys
sealed to the rings (``record_key``, through :func:`keyring.vault.shred`), those of the
record's attachments, the copy wrapped under the reporter's receipt code, identity keys a
custodian granted to one officer, and the key a reporter's browser holds while their mailbox
or status page is open.

Closed records are found through the case index (``case_file``: not open, the closing status
and when it was reached). A record is due while it still has a sealed key; once shredded it
has none, so a second run finds nothing and writes no second audit entry. Everything here
takes its inputs as arguments (the periods and the current time), so the CLI, a worker or a
test can call it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_, select, update

from .. import audit
from ..cases.recusals import shred_reasons
from ..extensions import db
from ..intake import browser_access
from ..keyring import vault
from ..models import Attachment, Complaint, GratificationReport, RecordKey
from ..models.case import CaseFile
from ..models.complaint import RECORD_TYPE as COMPLAINT_RECORD_TYPE
from ..models.identity import IdentityRequest
from ..models.report import REPORT_RECORD_TYPE
from ..uploads.service import RECORD_TYPE as ATTACHMENT_RECORD_TYPE

# Days after closing, per final status of the workflows; None keeps the record for good.
# Defaults are a proposal for the agency to set (config RETENTION_DAYS overrides them).
DEFAULT_RETENTION_DAYS: dict[str, int | None] = {
    "selesai": 365 * 5,
    "penolakan_dicatat": 365 * 5,
    "tidak_ditindaklanjuti": 365 * 2,
    "tidak_dapat_ditindaklanjuti": 365 * 2,
}
# The intake records whose rows hold a data key wrapped under the reporter's receipt code.
_REPORTER_ACCESS: dict[str, type[GratificationReport] | type[Complaint]] = {
    REPORT_RECORD_TYPE: GratificationReport, COMPLAINT_RECORD_TYPE: Complaint,
}


def retention_periods(configured: Mapping[str, int | None] | None = None) -> dict[str, int | None]:
    """The defaults with the agency's settings (``RETENTION_DAYS``) laid over them."""
    return {**DEFAULT_RETENTION_DAYS, **(configured or {})}


@dataclass(frozen=True)
class DueRecord:
    """A closed record whose retention period has passed and that still has keys."""

    case_id: int
    record_type: str
    record_id: int
    tracking_number: str
    status: str
    closed_at: datetime
    retention_days: int

    @property
    def due_at(self) -> datetime:
        return self.closed_at + timedelta(days=self.retention_days)


@dataclass
class RetentionRun:
    due: list[DueRecord]
    dry_run: bool
    shredded: dict[str, int] = field(default_factory=dict)  # record type → records shredded
    keys_removed: int = 0

    @property
    def total_shredded(self) -> int:
        return sum(self.shredded.values())


def due_records(periods: Mapping[str, int | None], now: datetime) -> list[DueRecord]:
    """Closed records past their period, oldest closing first: one query on the case index."""
    limited = {status: days for status, days in periods.items() if days is not None}
    if not limited:
        return []
    windows = [and_(CaseFile.status == status, CaseFile.status_changed_at <= now - timedelta(days=days))
               for status, days in limited.items()]
    has_keys = exists().where(RecordKey.record_type == CaseFile.record_type, RecordKey.record_id == CaseFile.record_id)
    rows = db.session.execute(
        select(CaseFile.id, CaseFile.record_type, CaseFile.record_id, CaseFile.tracking_number, CaseFile.status,
               CaseFile.status_changed_at)
        .where(CaseFile.is_open.is_(False), or_(*windows), has_keys)
        .order_by(CaseFile.status_changed_at, CaseFile.id)
    )
    return [DueRecord(case_id, record_type, record_id, number, status, closed_at, limited[status])
            for case_id, record_type, record_id, number, status, closed_at in rows]


def shred_record(record_type: str, record_id: int, *, actor_id: int | None = None,
                 **details: str | int | bool | None) -> int:
    """Delete every copy of the record's data keys and say so in the audit log (one
    transaction, committed). Returns how many sealed keys were deleted."""
    removed = vault.shred(record_type, record_id) + shred_reasons(record_type, record_id)
    attachment_ids = db.session.execute(
        select(Attachment.id).where(Attachment.owner_type == record_type, Attachment.owner_id == record_id)
    ).scalars().all()
    attachment_keys = sum(vault.shred(ATTACHMENT_RECORD_TYPE, attachment_id) for attachment_id in attachment_ids)
    model = _REPORTER_ACCESS.get(record_type)
    if model is not None:
        # Without its verifier the receipt code is refused like any wrong code.
        db.session.execute(update(model).where(model.id == record_id)
                           .values(access_verifier=None, access_salt=None, access_wrapped_dek=None))
    browser_access.revoke_record(record_type, record_id)  # a mailbox or status page open right now
    db.session.execute(update(IdentityRequest).where(IdentityRequest.record_type == record_type,
                                                     IdentityRequest.record_id == record_id)
                       .values(granted_dek=None))
    audit.record(
        "record.shredded", actor_id=actor_id, actor_type="officer" if actor_id else "system",
        object_type=record_type, object_id=record_id, commit=False, keys_removed=removed,
        attachment_keys_removed=attachment_keys, **details,
    )
    db.session.commit()
    return removed + attachment_keys


def run(periods: Mapping[str, int | None], now: datetime, *, dry_run: bool = False) -> RetentionRun:
    """Shred every record due at ``now`` (one transaction per record, so an interrupted run
    keeps what it finished and the next run picks up the rest); with ``dry_run`` only list them."""
    result = RetentionRun(due_records(periods, now), dry_run)
    if dry_run:
        return result
    for record in result.due:
        result.keys_removed += shred_record(record.record_type, record.record_id, closing_status=record.status,
                                            retention_days=record.retention_days)
        result.shredded[record.record_type] = result.shredded.get(record.record_type, 0) + 1
    return result
