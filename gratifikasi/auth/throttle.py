"""Slow-down after failed logins, kept in the database so every worker sees it (threat T3).

Two counters, both keyed hashes (the table lists neither user names nor clients):

- per (client, account) pair: after LOGIN_FREE_FAILURES failures each further one doubles the
  wait, up to LOGIN_MAX_DELAY_SECONDS (an hour). Only the failing client waits: the owner on
  another client is not refused, and a guesser cannot lock the owner out.
- per account, across all clients: after LOGIN_ACCOUNT_FREE_FAILURES failures in a day, a
  short wait that doubles up to the ceiling LOGIN_ACCOUNT_MAX_DELAY_SECONDS (a minute). It
  slows a guesser spreading tries over many addresses to about one guess per minute, and
  never holds anyone for longer. The owner's own browser (the device cookie set at their last
  login, auth/devices.py) is exempt from it, so the owner is not refused even then.

The client is the request's hashed client key (security/client_key.py), passed in by the view.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import update

from .. import clock
from ..extensions import db
from ..models import LoginThrottle, Officer
from ..security import slowdown


def _account_key(username: str) -> bytes:
    return slowdown.keyed_hash("login", username.strip().casefold())


def _pair_key(username: str, client: str) -> bytes:
    return slowdown.keyed_hash("login-pair", f"{client}\n{username.strip().casefold()}")


def locked_until(username: str, client: str, *, own_device: bool = False) -> datetime | None:
    """Until when this client must wait before trying this account again (None: go ahead)."""
    now = clock.utcnow()
    pair, account = _pair_key(username, client), _account_key(username)
    rows = slowdown.rows(LoginThrottle, [pair] if own_device else [pair, account])
    waits = [until for row in rows.values() if (until := slowdown.row_locked_until(row, now)) is not None]
    return max(waits, default=None)


def _doubling(failures: int, free: int, base: int, ceiling: int) -> timedelta:
    if failures < free:
        return timedelta(0)
    return timedelta(seconds=min(base * 2 ** min(failures - free, 32), ceiling))


def delay_after(failures: int) -> timedelta:
    """The (client, account) pair's wait after this many failures."""
    config = current_app.config
    return _doubling(failures, config["LOGIN_FREE_FAILURES"], config["LOGIN_BASE_DELAY_SECONDS"],
                     config["LOGIN_MAX_DELAY_SECONDS"])


def account_delay_after(failures: int) -> timedelta:
    """The account-wide wait after this many failures from anywhere: capped at the ceiling."""
    config = current_app.config
    return _doubling(failures, config["LOGIN_ACCOUNT_FREE_FAILURES"], config["LOGIN_ACCOUNT_BASE_DELAY_SECONDS"],
                     config["LOGIN_ACCOUNT_MAX_DELAY_SECONDS"])


def record_failure(username: str, client: str, officer: Officer | None = None) -> None:
    """Count a failed password, TOTP code or recovery; the officer (if known) is told at next login."""
    slowdown.retry_write_race(lambda: _record_failure(username, client, officer))


def _record_failure(username: str, client: str, officer: Officer | None) -> None:
    now = clock.utcnow()
    slowdown.record_failure(LoginThrottle, _pair_key(username, client), now, delay_after)
    slowdown.record_failure(LoginThrottle, _account_key(username), now, account_delay_after)
    if officer is not None:
        db.session.execute(
            update(Officer).where(Officer.id == officer.id)
            .values(failed_logins=Officer.failed_logins + 1, last_failed_login_at=now)
        )
    db.session.commit()


def record_success(username: str, client: str) -> None:
    """Forget this client's failures. The account-wide count stays until a quiet day passes,
    so a guesser cannot reset it by making the owner log in."""
    def forget() -> None:
        if slowdown.clear(LoginThrottle, _pair_key(username, client)):
            db.session.commit()

    slowdown.retry_write_race(forget)
