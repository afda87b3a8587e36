"""Fixtures for retention: the case workspace's world (units, officers with keys, rings)
and closing a case as the case index records it.

The clock stands at Monday 2026-03-02 08:00 WIB (01:00 UTC), so "six years ago" is 2020.
"""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select, update

from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry, RecordKey
from gratifikasi.models.case import CaseFile
from tests.cases.conftest import World, build_world

NOW = datetime(2026, 3, 2, 1, 0)


@pytest.fixture
def world(app, frozen_clock) -> World:
    return build_world(app)


def close(case_id: int, status: str, closed_at: datetime) -> None:
    """Record a case as closed in ``status`` since ``closed_at`` (what retention reads; the
    workflow that would get it there is tested with the case workspace)."""
    db.session.execute(update(CaseFile).where(CaseFile.id == case_id)
                       .values(is_open=False, status=status, status_changed_at=closed_at))
    db.session.commit()


def keys_of(record_type: str, record_id: int) -> int:
    return db.session.execute(select(func.count()).select_from(RecordKey).where(
        RecordKey.record_type == record_type, RecordKey.record_id == record_id)).scalar_one()


def shred_entries(record_type: str | None = None, record_id: int | None = None) -> list[AuditEntry]:
    stmt = select(AuditEntry).where(AuditEntry.action == "record.shredded").order_by(AuditEntry.seq)
    if record_type is not None:
        stmt = stmt.where(AuditEntry.object_type == record_type, AuditEntry.object_id == str(record_id))
    return list(db.session.execute(stmt).scalars())
