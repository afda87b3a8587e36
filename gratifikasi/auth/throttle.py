"""Slow-down after failed logins, kept in the database so every worker sees it.

The key is a keyed hash of the user name, so the table does not list who tried to log in.
After LOGIN_FREE_FAILURES failures each further failure doubles the wait, up to a cap.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete

from .. import clock
from ..extensions import db
from ..models import LoginThrottle


def _key(username: str) -> bytes:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, b"login:" + username.strip().casefold().encode(), hashlib.sha256).digest()


def locked_until(username: str) -> datetime | None:
    row = db.session.get(LoginThrottle, _key(username))
    now = clock.utcnow()
    if row is None or row.locked_until is None or row.locked_until <= now:
        return None
    return row.locked_until


def delay_after(failures: int) -> timedelta:
    config = current_app.config
    free = config["LOGIN_FREE_FAILURES"]
    if failures < free:
        return timedelta(0)
    seconds = config["LOGIN_BASE_DELAY_SECONDS"] * 2 ** (failures - free)
    return timedelta(seconds=min(seconds, config["LOGIN_MAX_DELAY_SECONDS"]))


def record_failure(username: str) -> None:
    now = clock.utcnow()
    key = _key(username)
    row = db.session.get(LoginThrottle, key, with_for_update=True)
    if row is None:
        row = LoginThrottle(key_hash=key, failures=0, last_failure_at=now)
        db.session.add(row)
    # A day without failures starts the count again.
    if now - row.last_failure_at > timedelta(days=1):
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    delay = delay_after(row.failures)
    row.locked_until = now + delay if delay else None
    db.session.commit()


def record_success(username: str) -> None:
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key_hash == _key(username)))
    db.session.commit()
