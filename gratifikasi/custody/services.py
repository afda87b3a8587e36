"""What a custodian needs to decide a request: the request with its case's context.

The case number, kind and category are categorical (plaintext by design, T1); the reporter's
identity and the complaint's text stay sealed. Pending requests come first, oldest first;
the latest decisions follow, so a custodian sees what was decided and with which note.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, select

from ..extensions import db
from ..models import IdentityRequest, RequestStatus
from ..models.case import CaseFile, CaseKind
from ..rules.text import N_

RECENT_DECISIONS = 20

KIND_LABELS = {CaseKind.gratifikasi: N_("Laporan gratifikasi"), CaseKind.pengaduan: N_("Pengaduan / WBS")}


@dataclass(frozen=True)
class RequestInContext:
    request: IdentityRequest
    case: CaseFile | None  # None only if the record was shredded since


def _with_case(query: Select[tuple[IdentityRequest]]) -> list[RequestInContext]:
    joined = query.add_columns(CaseFile).outerjoin(CaseFile, and_(
        CaseFile.record_type == IdentityRequest.record_type, CaseFile.record_id == IdentityRequest.record_id))
    return [RequestInContext(request, case) for request, case in db.session.execute(joined)]


def pending() -> list[RequestInContext]:
    return _with_case(select(IdentityRequest).where(IdentityRequest.status == RequestStatus.pending)
                      .order_by(IdentityRequest.requested_at, IdentityRequest.id))


def recent_decisions(limit: int = RECENT_DECISIONS) -> list[RequestInContext]:
    return _with_case(select(IdentityRequest).where(IdentityRequest.status != RequestStatus.pending)
                      .order_by(IdentityRequest.decided_at.desc(), IdentityRequest.id.desc()).limit(limit))
