"""Which key rings an officer holds by default, by role: the one place that decides it.

A ring member can read everything sealed to the ring, so a ring is given only to roles whose
work needs it (threat T2, "an officer reads more than the case needs"):

- ``case`` (content of reports and complaints): the handlers, UPG and Inspektorat. Admins
  and custodians are refused on every case page and attachment by the case rule
  (cases/access.py), so the ring key would only let them read case content outside the app.
- ``gratification-identity``: the UPG, which forwards reporters' identities to KPK.
- ``whistleblower-identity``: custodians only; they decide identity requests, which show the
  written reason and never need the complaint itself.
- Admins and pimpinan: none. The first admin founds the rings (``flask keys init``) and hands
  them on; ``flask keys revoke PURPOSE ADMIN --by MEMBER`` then takes the admin out.

Officer creation (CLI, admin pages) and the demo call :func:`grant_default_rings`, so there
is a single default to change.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..crypto.rings import RingPurpose
from ..models import Officer, Role
from . import KeyringError, rings

ROLE_RINGS: dict[Role, tuple[RingPurpose, ...]] = {
    Role.upg: (RingPurpose.CASE, RingPurpose.GRATIFICATION_IDENTITY),
    Role.inspektorat: (RingPurpose.CASE,),
    Role.custodian: (RingPurpose.WHISTLEBLOWER_IDENTITY,),
    Role.admin: (),
    Role.pimpinan: (),
}


def default_rings(role: Role) -> tuple[RingPurpose, ...]:
    """The rings an officer of this role holds by default (possibly none)."""
    return ROLE_RINGS.get(role, ())


@dataclass
class DefaultGrant:
    granted: list[RingPurpose] = field(default_factory=list)
    # Default rings the granter could not hand on (not a member, or the ring does not exist).
    missing: list[RingPurpose] = field(default_factory=list)


def grant_default_rings(officer: Officer, granter: Officer, granter_private: bytes | None) -> DefaultGrant:
    """Seal to ``officer`` each default ring of its role that ``granter`` holds.

    Rings the granter cannot open are listed in ``missing`` (a member must add them later
    with ``flask keys grant``); the officer needs a confirmed key pair first.
    """
    result = DefaultGrant()
    for purpose in default_rings(officer.role):
        ring = rings.current_ring(purpose)
        if ring is None or rings.membership(ring, granter) is None or granter_private is None:
            result.missing.append(purpose)
            continue
        try:
            rings.grant(purpose, granter, granter_private, officer)
        except KeyringError:
            result.missing.append(purpose)
            continue
        result.granted.append(purpose)
    return result


def default_members(officers: list[Officer]) -> dict[RingPurpose, list[Officer]]:
    """Ring purpose -> the given officers whose role holds it by default (for founding rings)."""
    members: dict[RingPurpose, list[Officer]] = {purpose: [] for purpose in RingPurpose}
    for officer in officers:
        for purpose in default_rings(officer.role):
            members[purpose].append(officer)
    return members


__all__ = ["ROLE_RINGS", "DefaultGrant", "default_members", "default_rings", "grant_default_rings"]
