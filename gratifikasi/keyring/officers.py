"""Officer key pairs: enrolment, unlocking with the password, re-wrapping, recovery."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from .. import clock
from ..auth import passwords
from ..crypto import kdf, officer_keys
from ..crypto.errors import CryptoError, InvalidCodeFormat
from ..extensions import db
from ..models import Officer, OfficerKey
from . import KeyringError


def argon2_params() -> kdf.Argon2Params:
    # Production cost (RFC 9106 second option); tests lower it through config only.
    return kdf.FAST_FOR_TESTS if current_app.config.get("PASSWORD_HASH_FAST") else kdf.PRODUCTION


@dataclass(frozen=True)
class Enrolment:
    recovery_key_text: str
    private_key: bytes


def key_of(officer: Officer) -> OfficerKey | None:
    return db.session.get(OfficerKey, officer.id)


def has_confirmed_key(officer: Officer) -> bool:
    key = key_of(officer)
    return key is not None and key.recovery_confirmed_at is not None


def enrol(officer: Officer, password: str) -> Enrolment:
    """Create (or replace an unconfirmed) key pair. Show the recovery key once."""
    existing = key_of(officer)
    if existing is not None and existing.recovery_confirmed_at is not None:
        raise KeyringError("Petugas ini sudah memiliki kunci.")
    if not passwords.verify_password(officer.password_hash, password, fast=_fast()):
        raise KeyringError("Kata sandi salah.")
    material = officer_keys.enrol(password, argon2_params())
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    db.session.add(
        OfficerKey(
            officer_id=officer.id,
            public_key=material.public_key,
            password_wrapped=material.password_wrapped,
            recovery_wrapped=material.recovery_wrapped,
            created_at=clock.utcnow(),
        )
    )
    db.session.commit()
    return Enrolment(material.recovery_key_text, material.private_key)


def confirm_recovery_stored(officer: Officer) -> None:
    key = key_of(officer)
    if key is None:
        raise KeyringError("Kunci belum dibuat.")
    key.recovery_confirmed_at = key.recovery_confirmed_at or clock.utcnow()
    db.session.commit()


def unlock_with_password(officer: Officer, password: str) -> bytes | None:
    """The private key, or None if the officer has no keys or the wrap does not open
    (e.g. after an admin reset the password: then only the recovery key helps)."""
    key = key_of(officer)
    if key is None:
        return None
    try:
        private_key = officer_keys.unlock_with_password(key.password_wrapped, password)
    except CryptoError:
        return None
    if officer_keys.needs_rewrap(key.password_wrapped, argon2_params()):
        key.password_wrapped = officer_keys.rewrap_for_new_password(private_key, password, argon2_params())
        db.session.commit()
    return private_key


def rewrap_for_password(officer: Officer, private_key: bytes, new_password: str) -> None:
    key = key_of(officer)
    if key is not None:
        key.password_wrapped = officer_keys.rewrap_for_new_password(private_key, new_password, argon2_params())


def recover(officer: Officer, recovery_key_text: str, new_password: str) -> bytes:
    """Open the private key with the recovery key and set a new password; access is kept."""
    key = key_of(officer)
    if key is None:
        raise KeyringError("Petugas ini belum memiliki kunci.")
    try:
        private_key = officer_keys.unlock_with_recovery(key.recovery_wrapped, recovery_key_text)
    except InvalidCodeFormat as error:
        raise KeyringError("Kunci pemulihan tidak sah; periksa kembali ketikannya.") from error
    except CryptoError as error:
        raise KeyringError("Kunci pemulihan salah.") from error
    key.password_wrapped = officer_keys.rewrap_for_new_password(private_key, new_password, argon2_params())
    officer.password_hash = passwords.hash_password(new_password, fast=_fast())
    officer.password_changed_at = clock.utcnow()
    officer.must_change_password = False
    db.session.commit()
    return private_key


def _fast() -> bool:
    return bool(current_app.config.get("PASSWORD_HASH_FAST"))
