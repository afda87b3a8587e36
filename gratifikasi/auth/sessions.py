"""Server-side officer sessions behind Flask-Login.

The cookie carries a random token; the database keeps its SHA-256 and the expiry times.
Idle timeout and absolute lifetime are checked on every request, on any worker.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, cast

from flask import current_app
from flask_babel import gettext
from flask_login import LoginManager
from sqlalchemy import CursorResult, delete, select

from .. import clock
from ..extensions import db
from ..models import Officer, OfficerSession
from ..rules.text import N_


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def start_pending(officer: Officer) -> OfficerSession:
    """After the password step: a short-lived row that becomes a session after TOTP."""
    now = clock.utcnow()
    token = secrets.token_urlsafe(32)
    row = OfficerSession(
        token_hash=_hash(token),
        officer_id=officer.id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(minutes=current_app.config["LOGIN_PENDING_MINUTES"]),
    )
    db.session.add(row)
    db.session.flush()
    row.raw_token = token
    return row


def find_pending(token: str) -> OfficerSession | None:
    row = db.session.execute(
        select(OfficerSession).where(OfficerSession.token_hash == _hash(token), OfficerSession.verified_at.is_(None))
    ).scalar_one_or_none()
    if row is None or row.expires_at <= clock.utcnow():
        return None
    row.raw_token = token
    return row


def verify(row: OfficerSession) -> OfficerSession:
    """TOTP passed: a fresh token (no fixation) and the full session lifetime."""
    now = clock.utcnow()
    token = secrets.token_urlsafe(32)
    row.token_hash = _hash(token)
    row.verified_at = now
    row.last_seen_at = now
    row.expires_at = now + timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"])
    db.session.commit()
    row.raw_token = token
    row.officer.current_session = row
    return row


def load_session(token: str) -> Officer | None:
    row = db.session.execute(
        select(OfficerSession).where(OfficerSession.token_hash == _hash(token), OfficerSession.verified_at.is_not(None))
    ).scalar_one_or_none()
    if row is None:
        return None
    now = clock.utcnow()
    idle = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    if row.expires_at <= now or row.last_seen_at + idle <= now or not row.officer.is_active:
        db.session.delete(row)
        db.session.commit()
        return None
    # Write last-seen at most once a minute: enough for the idle timeout, light on the DB.
    if now - row.last_seen_at >= timedelta(minutes=1):
        row.last_seen_at = now
        db.session.commit()
    row.raw_token = token
    row.officer.current_session = row
    return row.officer


def end_session(officer: Officer) -> None:
    if officer.current_session is not None:
        db.session.execute(delete(OfficerSession).where(OfficerSession.id == officer.current_session.id))
        db.session.commit()
        officer.current_session = None


def end_all_sessions(officer_id: int) -> int:
    # Session.execute is typed as returning Result; a DELETE returns a CursorResult (rowcount).
    result = cast(CursorResult[Any], db.session.execute(
        delete(OfficerSession).where(OfficerSession.officer_id == officer_id)
    ))
    db.session.commit()
    return result.rowcount or 0


def purge_expired() -> int:
    now = clock.utcnow()
    idle_cutoff = now - timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    result = cast(CursorResult[Any], db.session.execute(
        delete(OfficerSession).where(
            (OfficerSession.expires_at <= now) | (OfficerSession.last_seen_at <= idle_cutoff)
        )
    ))
    db.session.commit()
    return result.rowcount or 0


def init_login_manager(manager: LoginManager) -> None:
    manager.login_view = "auth.login"
    manager.login_message = N_("Silakan masuk untuk membuka halaman ini.")
    manager.localize_callback = gettext
    manager.login_message_category = "info"
    manager.session_protection = "basic"
    manager.user_loader(load_session)
