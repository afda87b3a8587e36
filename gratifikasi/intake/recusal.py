"""Which officers a new case names, matched at submission before the names are sealed.

A complaint names its terlapor; a gratification report names its reporter (an ASN who may
be an officer, even a UPG officer reporting their own gift) and its giver. Those officers
never see or handle the case (rules.routing holds the matching itself).
"""
from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import Officer
from ..rules import routing


def named_officer_ids(people: list[tuple[str | None, str | None]]) -> list[int]:
    """Ids of officers matching any (name, NIP) pair, by NIP or by normalised name."""
    named = [routing.NamedPerson(name=name or "", nip=nip or None) for name, nip in people if name or nip]
    if not named:
        return []
    officers = db.session.execute(select(Officer.id, Officer.full_name, Officer.nip)).all()
    refs = [routing.OfficerRef(id=str(o.id), full_name=o.full_name, nip=o.nip) for o in officers]
    return sorted(int(officer_id) for officer_id in routing.officers_to_recuse(named, refs))
