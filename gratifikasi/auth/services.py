"""Login and account operations; views call these, each one a transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from .. import clock
from ..extensions import db
from ..keyring import officers as key_officers
from ..models import Officer
from . import passwords, throttle, totp


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


def check_password(username: str, password: str) -> PasswordCheck:
    """First login step. Unknown name, wrong password and disabled account look the same."""
    until = throttle.locked_until(username)
    if until is not None:
        return PasswordCheck(None, locked_until=until)
    officer = find_officer(username)
    ok = passwords.verify_password(officer.password_hash if officer else None, password, fast=_fast_hash())
    if not ok or officer is None or not officer.is_active:
        throttle.record_failure(username)
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


def check_totp(officer: Officer, code: str) -> bool:
    """Second login step (and enrolment confirmation). Each code works once only."""
    if officer.totp_secret is None:
        return False
    now = clock.utcnow()
    # Lock the row (and read the last step under the lock) so two workers cannot accept
    # the same code at the same moment.
    last_step = db.session.execute(
        select(Officer.totp_last_step).where(Officer.id == officer.id).with_for_update()
    ).scalar_one()
    step = totp.matching_step(officer.totp_secret, code, now, last_step)
    if step is None:
        db.session.rollback()
        throttle.record_failure(officer.username)
        return False
    officer.totp_last_step = step
    if officer.totp_confirmed_at is None:
        officer.totp_confirmed_at = now
    db.session.commit()
    throttle.record_success(officer.username)
    return True


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
