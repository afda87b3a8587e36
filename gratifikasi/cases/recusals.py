"""Recusals: officers kept away from a case, with the reason sealed (threats T1, T2).

The pair (case, officer) stays in clear: the access rule, the queue and the reminders filter
on it in SQL. Why the officer is recused (named in the report or complaint, or a declared
conflict and its kind) is sealed under its own data key to the `case` ring, like the case
content: record type ``case_recusal.<officer id>`` and record id the case id, so a ring
rotation re-seals it with every other data key and only case-ring members can read it.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select

from ..extensions import db
from ..keyring import RingPurpose, vault
from ..models import Officer, RecordKey
from ..models.case import CaseFile, CaseRecusal, ConflictKind, RecusalBasis
from ..models.rows import Rows

RECORD_TYPE = "case_recusal"


def reason_record_type(officer_id: int) -> str:
    return f"{RECORD_TYPE}.{officer_id}"


def add_recusal(
    case: CaseFile, officer_id: int, basis: RecusalBasis, now: datetime, kind: ConflictKind | None = None,
    into: Rows | None = None,
) -> CaseRecusal:
    """Record the recusal in the caller's transaction, its reason sealed to the case ring.

    ``into``: the intake's batch of new rows (``models.rows``); the case must then have its id.
    """
    if case.id is None:
        if into is not None:
            raise ValueError("a recusal written in a batch needs its case's reserved id")
        db.session.flush()  # the case's id binds the sealed reason
    reason = basis.value if kind is None else f"{basis.value}:{kind.value}"
    sealed = vault.seal_record(reason_record_type(officer_id), case.id, {"reason": reason}, purpose=RingPurpose.CASE,
                               into=into)
    row = CaseRecusal(case_id=case.id, officer_id=officer_id, reason=sealed.value("reason"), created_at=now)
    (db.session if into is None else into).add(row)
    return row


def recusal_reason(
    officer: Officer, private_key: bytes | None, row: CaseRecusal,
) -> tuple[RecusalBasis, ConflictKind | None]:
    """The reason, for a case-ring member (keyring.NoAccess for anyone else)."""
    text = vault.open_record(officer, private_key, reason_record_type(row.officer_id), row.case_id,
                             {"reason": row.reason})["reason"] or ""
    basis, _, kind = text.partition(":")
    return RecusalBasis(basis), ConflictKind(kind) if kind else None


def shred_reasons(record_type: str, record_id: int) -> int:
    """Crypto-shred the recusal reasons of a record's case (retention); returns keys deleted."""
    case_id = db.session.execute(
        select(CaseFile.id).where(CaseFile.record_type == record_type, CaseFile.record_id == record_id)
    ).scalar_one_or_none()
    if case_id is None:
        return 0
    result = cast(CursorResult[Any], db.session.execute(
        delete(RecordKey).where(RecordKey.record_type.like(f"{RECORD_TYPE}.%"), RecordKey.record_id == case_id)
    ))
    return result.rowcount or 0


__all__ = ["RECORD_TYPE", "add_recusal", "reason_record_type", "recusal_reason", "shred_reasons"]
