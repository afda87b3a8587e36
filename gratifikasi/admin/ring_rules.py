"""Which key rings an account should hold, and the admin's grants and revocations.

The one place the admin pages use the key-ring rules: a role calls for certain rings; the
page offers to grant the missing ones (once the officer has a confirmed key pair) and to
revoke the ones the officer holds but no longer needs (a changed role, a disabled account).
Granting and revoking are done by the admin with their own unlocked key through
``keyring.rings`` (the server alone can do neither); revocation rotates the ring.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..keyring import RingPurpose, rings
from ..keyring import officers as officer_keys
from ..keyring.defaults import default_rings
from ..models import Officer, Role
from ..rules.text import N_

RING_LABELS = {
    RingPurpose.CASE: N_("Isi perkara"),
    RingPurpose.GRATIFICATION_IDENTITY: N_("Identitas pelapor gratifikasi"),
    RingPurpose.WHISTLEBLOWER_IDENTITY: N_("Identitas whistleblower"),
}


def rings_for_role(role: Role) -> tuple[RingPurpose, ...]:
    """Decided in one place, keyring.defaults (admins and custodians do not hold the case ring
    by default, issue 17 item 1)."""
    return default_rings(role)


@dataclass(frozen=True)
class RingOffers:
    held: list[RingPurpose]
    to_grant: list[RingPurpose]   # the role needs them and the officer can receive them now
    to_revoke: list[RingPurpose]  # held but not needed (every held ring once disabled)
    needs_key: bool               # the role needs rings but the officer has no confirmed key yet


def offers(officer: Officer) -> RingOffers:
    held = rings.purposes_held(officer)
    needed = () if not officer.is_active else rings_for_role(officer.role)
    existing = [purpose for purpose in needed if rings.current_ring(purpose) is not None]
    has_key = officer_keys.has_confirmed_key(officer)
    return RingOffers(
        held=held,
        to_grant=[p for p in existing if p not in held] if has_key else [],
        to_revoke=[p for p in held if p not in needed],
        needs_key=bool(existing) and not has_key,
    )


def grant(admin: Officer, admin_key: bytes | None, officer: Officer, purposes: list[RingPurpose]) -> None:
    """The admin seals each ring's key to the officer (KeyringError if the admin is no member)."""
    for purpose in purposes:
        rings.grant(purpose, admin, admin_key, officer)


def revoke(admin: Officer, admin_key: bytes | None, officer: Officer, purposes: list[RingPurpose]) -> int:
    """Remove the officer from each ring, rotating it; returns the number of data keys re-sealed."""
    return sum(rings.revoke(purpose, admin, admin_key, officer).resealed for purpose in purposes)
