"""Slow-down after failed logins, kept in the database so every worker sees it.

The key is a keyed hash of the user name, so the table does not list who tried to log in.
After LOGIN_FREE_FAILURES failures each further failure doubles the wait, up to a cap.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app

from .. import clock
from ..extensions import db
from ..models import LoginThrottle
from ..security import slowdown


def _key(username: str) -> bytes:
    return slowdown.keyed_hash("login", username.strip().casefold())


def locked_until(username: str) -> datetime | None:
    return slowdown.locked_until(LoginThrottle, _key(username), clock.utcnow())


def delay_after(failures: int) -> timedelta:
    config = current_app.config
    free = config["LOGIN_FREE_FAILURES"]
    if failures < free:
        return timedelta(0)
    seconds = config["LOGIN_BASE_DELAY_SECONDS"] * 2 ** min(failures - free, 32)
    return timedelta(seconds=min(seconds, config["LOGIN_MAX_DELAY_SECONDS"]))


def record_failure(username: str) -> None:
    slowdown.record_failure(LoginThrottle, _key(username), clock.utcnow(), delay_after)
    db.session.commit()


def record_success(username: str) -> None:
    if slowdown.clear(LoginThrottle, _key(username)):
        db.session.commit()
