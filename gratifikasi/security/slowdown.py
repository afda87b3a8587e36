"""Failure counters that slow guessing down, kept in the database (every worker sees them).

Used for officer logins (``LoginThrottle``) and reporters' codes (``AccessThrottle``): both
tables have the same columns, keyed by an HMAC so they do not list who or what was tried.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import random
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import Select, bindparam, delete, select
from sqlalchemy.exc import IntegrityError, OperationalError

from ..extensions import db

# After a day without failures the count starts again.
FORGET_AFTER = timedelta(days=1)
WRITE_ATTEMPTS = 10
T = TypeVar("T")


def is_lock_conflict(error: OperationalError) -> bool:
    """SQLite's answer when two connections write at once ("database is locked"/"busy")."""
    message = str(error.orig).lower()
    return "locked" in message or "busy" in message


def retry_write_race(work: Callable[[], T]) -> T:
    """Run ``work`` (one whole transaction that commits) again when its write raced another.

    On SQLite a transaction that read before another connection committed cannot then write
    (WAL answers at once, the busy timeout does not help); a fresh transaction reads the new
    state and goes through. PostgreSQL waits on row locks instead and never gets here.
    """
    for attempt in range(WRITE_ATTEMPTS):
        try:
            return work()
        except OperationalError as error:
            db.session.rollback()
            if attempt + 1 == WRITE_ATTEMPTS or not is_lock_conflict(error):
                raise
        # A short random pause, growing with each try, so racing writers take turns.
        time.sleep(random.uniform(0, 0.02) * (attempt + 1))  # noqa: S311  jitter, not a secret
    raise RuntimeError("unreachable")


def keyed_hash(purpose: str, value: str) -> bytes:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{purpose}:{value}".encode(), hashlib.sha256).digest()


def locked_until(model: Any, key: bytes, now: datetime) -> datetime | None:
    return row_locked_until(db.session.get(model, key), now)


def row_locked_until(row: Any, now: datetime) -> datetime | None:
    return None if row is None else wait_until(row.locked_until, now)


@functools.cache
def _locks_query(model: Any) -> Select[Any]:
    # Built once per table: constructing a statement costs more than running it (issue 14).
    table = model.__table__
    return select(table.c.key_hash, table.c.locked_until).where(
        table.c.key_hash.in_(bindparam("keys", expanding=True)))


def locks(model: Any, keys: Iterable[bytes]) -> dict[bytes, datetime | None]:
    """Several keys' ``locked_until`` in one plain query (a key without a row is missing).

    No ORM objects are built: a reporter's code login reads this on every try (issue 14)."""
    found = db.session.execute(_locks_query(model), {"keys": list(keys)})
    return {bytes(key): until for key, until in found}


def wait_until(until: datetime | None, now: datetime) -> datetime | None:
    """``until`` if it is still ahead of ``now``, else None (no wait)."""
    return until if until is not None and until > now else None


def forget(model: Any, key: bytes) -> None:
    """Delete the key's counter in one statement (the caller commits)."""
    table = model.__table__
    db.session.execute(delete(table).where(table.c.key_hash == key))


def rows(model: Any, keys: Iterable[bytes]) -> dict[bytes, Any]:
    """Several keys' counters in one query (absent keys are simply missing)."""
    found = db.session.execute(select(model).where(model.key_hash.in_(list(keys)))).scalars()
    return {bytes(row.key_hash): row for row in found}


def record_failure(model: Any, key: bytes, now: datetime, delay_after: Callable[[int], timedelta]) -> timedelta:
    """Count one failure (creating the row if needed); returns the wait it now imposes.

    Runs in a savepoint; the caller commits.
    """
    for attempt in range(2):
        try:
            with db.session.begin_nested():
                row = db.session.get(model, key, with_for_update=True)
                if row is None:
                    row = model(key_hash=key, failures=0, last_failure_at=now)
                    db.session.add(row)
                if now - row.last_failure_at > FORGET_AFTER:
                    row.failures = 0
                row.failures += 1
                row.last_failure_at = now
                delay = delay_after(row.failures)
                row.locked_until = now + delay if delay else None
            return delay
        except IntegrityError:
            # Another request created the row at the same moment: count on that row.
            if attempt:
                raise
    raise RuntimeError("unreachable")


def clear(model: Any, key: bytes) -> bool:
    """Forget the key's failures. Returns whether there was anything to forget, so callers
    skip a write and a commit on the common path (the row is usually already loaded)."""
    row = db.session.get(model, key)
    if row is None:
        return False
    db.session.delete(row)
    return True
