"""One place to read the time, so tests can control it instead of sleeping.

Datetimes are naive UTC everywhere in the database (SQLite keeps no time zone); they are
shown in Asia/Jakarta by the templates.
"""
from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
