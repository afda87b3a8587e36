"""Login and account operations; views call these, each one a transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, func, select, update

from .. import audit, clock
from ..extensions import db
from ..keyring import officers as key_officers
from ..models import Officer, OfficerSession
from ..security import slowdown
from . import passwords, sessions, throttle, totp


@dataclass(frozen=True)
class PasswordCheck:
    officer: Officer | None
    locked_until: datetime | None = None


def _fast_hash() -> bool:
    return bool(current_app.config.get("PASSWORD_HASH_FAST"))


def find_officer(username: str) -> Officer | None:
    return db.session.execute(
        select(Officer).where(func.lower(Officer.username) == username.strip().casefold())
    ).scalar_one_or_none()


def check_password(username: str, password: str, *, client: str, device_officer_id: int | None = None) -> PasswordCheck:
    """First login step. Unknown name, wrong password and disabled account look the same.

    ``client``: the request's hashed client key; ``device_officer_id``: the officer the
    browser's device cookie names (exempt from the account-wide wait, see throttle).
    """
    officer = find_officer(username)
    own_device = officer is not None and device_officer_id == officer.id
    until = throttle.locked_until(username, client, own_device=own_device)
    if until is not None:
        return PasswordCheck(None, locked_until=until)
    ok = passwords.verify_password(officer.password_hash if officer else None, password, fast=_fast_hash())
    if not ok or officer is None or not officer.is_active:
        throttle.record_failure(username, client, officer)
        return PasswordCheck(None)
    if passwords.hasher(_fast_hash()).check_needs_rehash(officer.password_hash):
        officer.password_hash = passwords.hash_password(password, fast=_fast_hash())
        db.session.commit()
    return PasswordCheck(officer)


def begin_totp_enrolment(officer: Officer) -> str:
    """Give an officer without a confirmed TOTP a fresh secret (replaced until confirmed)."""
    if officer.totp_enrolled:
        raise ValueError("TOTP already enrolled")
    if not officer.totp_secret:
        officer.totp_secret = totp.new_secret()
        db.session.commit()
    return officer.totp_secret


def check_totp(officer: Officer, code: str, *, client: str) -> bool:
    """Second login step (and enrolment confirmation). Each code works once only.

    Two requests with the same code at the same moment: one is accepted, the other refused,
    never a 500. On SQLite a write that races another ("database is locked", or a stale
    snapshot in WAL mode) is retried on a fresh transaction, which then sees the used step.
    """
    if officer.totp_secret is None:
        return False
    if not slowdown.retry_write_race(lambda: _claim_totp_step(officer, code)):
        throttle.record_failure(officer.username, client, officer)
        return False
    throttle.record_success(officer.username, client)
    return True


def _claim_totp_step(officer: Officer, code: str) -> bool:
    """Accept the code if its time step is newer than the last one used, in one transaction."""
    now = clock.utcnow()
    # Lock the row (and read the last step under the lock) so two workers cannot accept
    # the same code at the same moment (PostgreSQL; SQLite serialises writers instead).
    last_step = db.session.execute(
        select(Officer.totp_last_step).where(Officer.id == officer.id).with_for_update()
    ).scalar_one()
    step = totp.matching_step(officer.totp_secret or "", code, now, last_step)
    if step is None:
        db.session.rollback()
        return False
    # Compare-and-set: a concurrent request that took this step first leaves no row to update.
    taken = cast(CursorResult[Any], db.session.execute(
        update(Officer).where(Officer.id == officer.id, Officer.totp_last_step == last_step)
        .values(totp_last_step=step, totp_confirmed_at=func.coalesce(Officer.totp_confirmed_at, now))
        .execution_options(synchronize_session=False)
    ))
    db.session.commit()
    db.session.refresh(officer)
    return taken.rowcount == 1


def complete_login(row: OfficerSession) -> FailedLogins | None:
    """TOTP passed: verify the session, audit the login, take the failed-login notice.

    Each step is its own short transaction, retried when it races another writer (SQLite),
    so a login never fails because someone else was writing at that instant."""
    officer = row.officer
    slowdown.retry_write_race(lambda: sessions.verify(row))
    slowdown.retry_write_race(lambda: audit.record("login.succeeded", actor_id=officer.id, object_type="officer",
                                                   object_id=officer.id))
    return slowdown.retry_write_race(lambda: take_failed_login_notice(officer))


@dataclass(frozen=True)
class FailedLogins:
    count: int
    last_at: datetime


def take_failed_login_notice(officer: Officer) -> FailedLogins | None:
    """The failed logins since this officer's previous login, then the count starts again.

    Called once the login succeeded; the view tells the officer (count and time of the last)."""
    if not officer.failed_logins or officer.last_failed_login_at is None:
        return None
    notice = FailedLogins(officer.failed_logins, officer.last_failed_login_at)
    officer.failed_logins = 0
    officer.last_failed_login_at = None
    db.session.commit()
    return notice


def change_password(
    officer: Officer, current: str, new: str, *, private_key: bytes | None = None
) -> list[passwords.Problem]:
    """Returns the problems, or an empty list when the password was changed.

    The officer's private key is re-wrapped under the new password; nothing else changes.
    """
    if not passwords.verify_password(officer.password_hash, current, fast=_fast_hash()):
        return [(passwords.N_("Kata sandi saat ini salah."), {})]
    problems = new_password_problems(new, officer.username)
    if problems:
        return problems
    if key_officers.key_of(officer) is not None:
        private_key = private_key or key_officers.unlock_with_password(officer, current)
        if private_key is None:
            return [(
                passwords.N_("Kunci pribadi Anda terkunci dengan kata sandi lama. Pulihkan dengan kunci pemulihan."), {}
            )]
        key_officers.rewrap_for_password(officer, private_key, new)
    officer.password_hash = passwords.hash_password(new, fast=_fast_hash())
    officer.password_changed_at = clock.utcnow()
    officer.must_change_password = False
    db.session.commit()
    return []


def new_password_problems(password: str, username: str) -> list[passwords.Problem]:
    config = current_app.config
    return passwords.password_problems(
        password,
        username=username,
        min_length=config["PASSWORD_MIN_LENGTH"],
        max_length=config["PASSWORD_MAX_LENGTH"],
    )
