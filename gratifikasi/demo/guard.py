"""Is this a demo instance? Yes while any enabled demo account still has the published password.

Such an instance protects nothing (anyone may log in as its officers), so every page says
so (the DEMO banner) and the app logs a loud warning when it starts. Deciding costs one
Argon2 verification per demo account, so it is done at start-up and then only for an
account whose stored hash changed: each worker re-reads the demo accounts' hashes (one small
query) at most every ``RECHECK_SECONDS``, so a password changed in any worker ends the
banner everywhere within that time, without hashing on every request.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from .. import clock
from ..auth import passwords
from ..extensions import db
from ..models import Officer
from . import DEMO_OFFICERS, DEMO_PASSWORD

log = logging.getLogger(__name__)

RECHECK_SECONDS = 60
EXTENSION_KEY = "gratifikasi.demo_guard"
DEMO_USERNAMES = tuple(officer.username for officer in DEMO_OFFICERS)


@dataclass
class DemoState:
    """What one process last found: each demo account's hash and whether it is the public one."""
    hashes: dict[str, str] = field(default_factory=dict)
    public: dict[str, bool] = field(default_factory=dict)
    checked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return any(self.public.values())


def _demo_hashes() -> dict[str, str]:
    rows = db.session.execute(
        select(Officer.username, Officer.password_hash).where(
            Officer.username.in_(DEMO_USERNAMES), Officer.disabled_at.is_(None)
        )
    ).all()
    return {row.username: row.password_hash for row in rows if row.password_hash}


def refresh(state: DemoState) -> DemoState:
    """Re-read the hashes; verify the published password only against hashes not seen before."""
    try:
        hashes = _demo_hashes()
    except SQLAlchemyError:  # no schema yet (before `flask db upgrade`): not a demo so far
        db.session.rollback()
        hashes = {}
    public = {
        username: state.public[username] if state.hashes.get(username) == stored
        else passwords.verify_password(stored, DEMO_PASSWORD)
        for username, stored in hashes.items()
    }
    return DemoState(hashes, public, clock.utcnow())


def _state(app: Flask) -> DemoState:
    return app.extensions.setdefault(EXTENSION_KEY, DemoState())


def is_demo_instance() -> bool:
    """The cached answer, refreshed when it is older than ``RECHECK_SECONDS``."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    state = _state(app)
    if state.checked_at is None or clock.utcnow() - state.checked_at >= timedelta(seconds=RECHECK_SECONDS):
        state = app.extensions[EXTENSION_KEY] = refresh(state)
    return state.active


def recheck() -> bool:
    """Decide again now (after ``flask demo seed`` created the accounts in this process)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    state = app.extensions[EXTENSION_KEY] = refresh(_state(app))
    return state.active


def warn_at_start(app: Flask) -> None:
    """Decide once at start-up and say it loudly in the log if this is a demo instance."""
    with app.app_context():
        state = app.extensions[EXTENSION_KEY] = refresh(_state(app))
    if state.active:
        names = ", ".join(sorted(name for name, public in state.public.items() if public))
        log.warning(
            "!!! DEMO INSTANCE: demo account(s) %s still use the published demo password. Anyone can log in "
            "as them; never keep real reports here. Disable them or change their passwords. !!!", names,
        )


def init_app(app: Flask) -> None:
    warn_at_start(app)
    app.context_processor(lambda: {"demo_instance": is_demo_instance})
