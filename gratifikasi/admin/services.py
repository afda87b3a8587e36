"""Account and unit administration: the one set of steps behind `flask officers/units` and the
admin pages. Every change is in the audit log (the actor is the admin, or none for the CLI)."""
from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from .. import audit, clock
from ..auth import passwords, sessions
from ..auth.services import find_officer, new_password_problems
from ..extensions import db
from ..models import Officer, Role, Unit, UnitKind
from ..settings.cache import bump

MAX_IMPORT_ROWS = 2000


class AdminError(ValueError):
    """A refused admin operation; the message is Indonesian and shown as is."""


def temporary_password() -> str:
    # 4 groups of 5 from an unambiguous alphabet: ~100 bits, easy to read out once.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def create_officer(
    *,
    username: str,
    full_name: str,
    role: Role,
    unit_code: str,
    password: str | None = None,
    email: str | None = None,
    nip: str | None = None,
    totp_secret: str | None = None,
    by: Officer | None = None,
) -> tuple[Officer, str | None]:
    """Create an officer. Without a password a temporary one is made and returned once.

    The officer enrols TOTP and a key pair at first login (unless ``totp_secret`` is given)."""
    username = username.strip().lower()
    if not username or len(username) > 64 or not all(c.isalnum() or c in "._-" for c in username):
        raise AdminError("Nama pengguna hanya boleh huruf, angka, titik, garis bawah atau tanda hubung (maks. 64).")
    if find_officer(username) is not None:
        raise AdminError(f"Nama pengguna '{username}' sudah dipakai.")
    unit = unit_by_code(unit_code)
    if not unit.active:
        raise AdminError(f"Unit '{unit.code}' tidak aktif.")
    email = _clean_email(email)
    if nip is not None and (len(nip) != 18 or not nip.isdigit()):
        raise AdminError("NIP harus 18 angka.")
    generated = None
    if password is None:
        password = generated = temporary_password()
    else:
        problems = new_password_problems(password, username)
        if problems:
            raise AdminError(passwords.describe(problems))
    now = clock.utcnow()
    officer = Officer(
        username=username,
        full_name=full_name.strip()[:200],
        role=role,
        unit=unit,
        email=email,
        nip=nip,
        password_hash=passwords.hash_password(password, fast=_fast()),
        password_changed_at=now,
        must_change_password=generated is not None,
        created_at=now,
        totp_secret=totp_secret,
        totp_confirmed_at=now if totp_secret else None,
        totp_last_step=0,
    )
    db.session.add(officer)
    db.session.flush()
    _audit("officer.created", by, officer, role=role.value, unit_id=unit.id)
    bump()  # units and officers are cached per process (settings.cache)
    db.session.commit()
    return officer, generated


def disable_officer(username: str, *, by: Officer | None = None) -> Officer:
    """Disable an account and end its sessions. Ring memberships stay until revoked (the admin
    page offers the revocation; `flask keys revoke` does it from the command line)."""
    officer = _officer_or_error(username)
    if by is not None and by.id == officer.id:
        raise AdminError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    if officer.disabled_at is None:
        officer.disabled_at = clock.utcnow()
        _audit("officer.disabled", by, officer)
    bump()  # units and officers are cached per process (settings.cache)
    db.session.commit()
    sessions.end_all_sessions(officer.id)
    return officer


def enable_officer(username: str, *, by: Officer | None = None) -> Officer:
    officer = _officer_or_error(username)
    if officer.disabled_at is not None:
        officer.disabled_at = None
        _audit("officer.enabled", by, officer)
    bump()  # units and officers are cached per process (settings.cache)
    db.session.commit()
    return officer


def change_officer(username: str, *, role: Role, unit_id: int, by: Officer | None = None) -> Officer:
    """Change an officer's role or unit. Their sessions end, so every page sees the new role."""
    officer = _officer_or_error(username)
    unit = db.session.get(Unit, unit_id)
    if unit is None or (not unit.active and unit.id != officer.unit_id):  # staying in a closed unit is allowed
        raise AdminError("Pilih unit yang aktif.")
    if by is not None and by.id == officer.id and role is not Role.admin:
        raise AdminError("Anda tidak dapat melepas peran admin Anda sendiri; minta admin lain.")
    if officer.role is role and officer.unit_id == unit.id:
        return officer
    previous_role, previous_unit = officer.role, officer.unit_id
    officer.role, officer.unit_id = role, unit.id
    _audit("officer.changed", by, officer, role=role.value, unit_id=unit.id, previous_role=previous_role.value,
           previous_unit_id=previous_unit)
    bump()  # units and officers are cached per process (settings.cache)
    db.session.commit()
    sessions.end_all_sessions(officer.id)
    return officer


def reset_totp(username: str, *, by: Officer | None = None) -> Officer:
    """Forget the officer's authenticator: they enrol a new one at their next login."""
    officer = _officer_or_error(username)
    officer.totp_secret = None
    officer.totp_confirmed_at = None
    officer.totp_last_step = 0
    _audit("officer.totp_reset", by, officer)
    db.session.commit()
    sessions.end_all_sessions(officer.id)
    return officer


def reset_password(username: str, *, by_admin: str, reset_totp: bool = False) -> str:
    """An admin sets a temporary password; the officer must change it at next login."""
    admin = _officer_or_error(by_admin)
    if not admin.has_role(Role.admin) or not admin.is_active:
        raise AdminError(f"'{by_admin}' bukan admin aktif.")
    officer = _officer_or_error(username)
    password = temporary_password()
    officer.password_hash = passwords.hash_password(password, fast=_fast())
    officer.password_changed_at = clock.utcnow()
    officer.must_change_password = True
    if reset_totp:
        officer.totp_secret = None
        officer.totp_confirmed_at = None
    _audit("officer.password_reset", admin, officer, totp_reset=reset_totp)
    db.session.commit()
    sessions.end_all_sessions(officer.id)
    return password


def unit_by_code(code: str) -> Unit:
    unit = db.session.execute(select(Unit).where(Unit.code == code.strip().upper())).scalar_one_or_none()
    if unit is None:
        raise AdminError(f"Unit dengan kode '{code}' tidak ada. Impor unit terlebih dahulu.")
    return unit


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


def import_units_csv(text: str) -> ImportResult:
    """Import or update units from CSV with header ``kode,nama,jenis``; all or nothing."""
    reader = csv.DictReader(io.StringIO(text))
    required = {"kode", "nama", "jenis"}
    if reader.fieldnames is None or not required <= {f.strip().lower() for f in reader.fieldnames}:
        raise AdminError("Baris pertama CSV harus berisi kolom: kode,nama,jenis.")
    parsed: list[tuple[str, str, UnitKind]] = []
    seen: set[str] = set()
    for number, raw in enumerate(reader, start=2):
        if number > MAX_IMPORT_ROWS + 1:
            raise AdminError(f"Paling banyak {MAX_IMPORT_ROWS} baris per impor.")
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        code, name, kind = row["kode"].upper(), row["nama"], row["jenis"].lower()
        if not code or len(code) > 32:
            raise AdminError(f"Baris {number}: kode wajib diisi (maks. 32 karakter).")
        if not name or len(name) > 200:
            raise AdminError(f"Baris {number}: nama wajib diisi (maks. 200 karakter).")
        if kind not in UnitKind.__members__:
            allowed = ", ".join(UnitKind.__members__)
            raise AdminError(f"Baris {number}: jenis '{kind}' tidak dikenal. Pilihan: {allowed}.")
        if code in seen:
            raise AdminError(f"Baris {number}: kode '{code}' muncul dua kali.")
        seen.add(code)
        parsed.append((code, name, UnitKind(kind)))
    result = ImportResult()
    existing = {u.code: u for u in db.session.execute(select(Unit)).scalars()}
    for code, name, kind in parsed:
        unit = existing.get(code)
        if unit is None:
            db.session.add(Unit(code=code, name=name, kind=kind, active=True))
            result.created += 1
        else:
            unit.name, unit.kind = name, kind
            result.updated += 1
    bump()  # units and officers are cached per process (settings.cache)
    db.session.commit()
    return result


def _unit_code(code: str) -> str:
    code = code.strip().upper()
    if not code or len(code) > 32 or not all(c.isalnum() or c in "._-" for c in code):
        raise AdminError("Kode unit: huruf, angka, titik, garis bawah atau tanda hubung (maks. 32).")
    return code


def _unit_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise AdminError("Nama unit wajib diisi (maks. 200 karakter).")
    return name


def create_unit(*, code: str, name: str, kind: UnitKind, by: Officer | None = None) -> Unit:
    code = _unit_code(code)
    if db.session.execute(select(Unit.id).where(Unit.code == code)).first() is not None:
        raise AdminError(f"Kode unit '{code}' sudah dipakai.")
    unit = Unit(code=code, name=_unit_name(name), kind=kind, active=True)
    db.session.add(unit)
    db.session.flush()
    _audit("unit.created", by, unit, kind=kind.value)
    bump()  # units and officers are cached per process (settings.cache)
    db.session.commit()
    return unit


def rename_unit(unit_id: int, *, name: str, kind: UnitKind, by: Officer | None = None) -> Unit:
    unit = _unit_or_error(unit_id)
    unit.name, unit.kind = _unit_name(name), kind
    _audit("unit.renamed", by, unit, kind=kind.value)
    bump()  # units and officers are cached per process (settings.cache)
    db.session.commit()
    return unit


def set_unit_active(unit_id: int, active: bool, *, by: Officer | None = None) -> Unit:
    """Deactivate (or reactivate) a unit: it leaves the intake forms' OPD lists and cannot take
    new officers. Its cases, officers and history stay as they are."""
    unit = _unit_or_error(unit_id)
    if unit.active != active:
        unit.active = active
        _audit("unit.activated" if active else "unit.deactivated", by, unit)
    bump()  # units and officers are cached per process (settings.cache)
    db.session.commit()
    return unit


def _unit_or_error(unit_id: int) -> Unit:
    unit = db.session.get(Unit, unit_id)
    if unit is None:
        raise AdminError("Unit tidak ditemukan.")
    return unit


def _clean_email(email: str | None) -> str | None:
    email = (email or "").strip()
    if not email:
        return None
    if len(email) > 254 or email.count("@") != 1 or any(c.isspace() for c in email):
        raise AdminError("Alamat e-mail tidak sah.")
    return email


def _audit(action: str, by: Officer | None, target: Officer | Unit, **details: str | int | bool | None) -> None:
    """One audit entry about an account or a unit; the CLI (no officer) is the system actor."""
    audit.record(action, actor_id=by.id if by else None, actor_type="officer" if by else "system",
                 object_type=target.__tablename__, object_id=target.id, commit=False, **details)


def _officer_or_error(username: str) -> Officer:
    officer = find_officer(username)
    if officer is None:
        raise AdminError(f"Petugas '{username}' tidak ditemukan.")
    return officer


def _fast() -> bool:
    return bool(current_app.config.get("PASSWORD_HASH_FAST"))
