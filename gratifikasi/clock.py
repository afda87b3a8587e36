"""One place to read the time, so tests can control it instead of sleeping.

Datetimes are naive UTC everywhere in the database (SQLite keeps no time zone); they are
shown in Asia/Jakarta by the templates. Dates people type or read (a report's date, "today"
in a form, a deadline) are Jakarta dates: between 00:00 and 07:00 WIB the UTC date is still
yesterday's, so never take ``utcnow().date()`` for them.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")

# Set only by :func:`moved_to` (the demo seed replays a year through the real services).
_moved: datetime | None = None


def utcnow() -> datetime:
    if _moved is not None:
        return _moved
    return datetime.now(timezone.utc).replace(tzinfo=None)


@contextmanager
def moved_to(moment: datetime) -> Iterator[None]:
    """Make :func:`utcnow` return ``moment`` (naive UTC) inside the block.

    For single-threaded commands only (``flask demo seed``): the web app never moves it.
    """
    global _moved
    previous, _moved = _moved, moment
    try:
        yield
    finally:
        _moved = previous


def local_date(moment: datetime) -> date:
    """The Asia/Jakarta date of a naive-UTC moment."""
    return moment.replace(tzinfo=timezone.utc).astimezone(JAKARTA).date()


def local_today() -> date:
    """Today in Asia/Jakarta."""
    return local_date(utcnow())
