"""Retention: records are crypto-shredded a set time after they close.

The periods per closing status are a setting (RETENTION_DAYS); the features that own the
records decide which are due and call :func:`shred_record`.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app

from .. import audit
from ..extensions import db
from ..keyring import vault

# Days after closing; None keeps the record. Defaults are a proposal for an agency to set.
DEFAULT_RETENTION_DAYS: dict[str, int | None] = {
    "selesai": 365 * 5,
    "tidak_ditindaklanjuti": 365 * 2,
    "tidak_dapat_ditindaklanjuti": 365 * 2,
    "penolakan_dicatat": 365 * 5,
    "tidak_terbukti": 365 * 5,
}


def retention_days(closing_status: str) -> int | None:
    configured = current_app.config.get("RETENTION_DAYS") or {}
    return configured.get(closing_status, DEFAULT_RETENTION_DAYS.get(closing_status))


def is_due(closing_status: str, closed_at: datetime, now: datetime) -> bool:
    days = retention_days(closing_status)
    return days is not None and now >= closed_at + timedelta(days=days)


def shred_record(record_type: str, record_id: int, *, actor_id: int | None = None) -> int:
    """Delete the record's sealed data keys (and say so in the audit log)."""
    removed = vault.shred(record_type, record_id)
    audit.record(
        "record.shredded", actor_id=actor_id, actor_type="officer" if actor_id else "system",
        object_type=record_type, object_id=record_id, commit=False, keys_removed=removed,
    )
    db.session.commit()
    return removed
