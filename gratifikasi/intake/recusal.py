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
from ..settings.cache import cached


def named_officer_ids(people: list[tuple[str | None, str | None]]) -> list[int]:
    """Ids of officers matching any (name, NIP) pair, by NIP or by normalised name."""
    named = [routing.NamedPerson(name=name or "", nip=nip or None) for name, nip in people if name or nip]
    if not named:
        return []
    refs = cached("_gratifikasi_officer_refs", _read_officer_refs)
    return sorted(int(officer_id) for officer_id in routing.officers_to_recuse(named, refs))


def _read_officer_refs() -> list[routing.OfficerRef]:
    """Every officer's id, name and NIP (cached per process, settings.cache)."""
    officers = db.session.execute(select(Officer.id, Officer.full_name, Officer.nip).order_by(Officer.id)).all()
    return [routing.OfficerRef(id=str(o.id), full_name=o.full_name, nip=o.nip) for o in officers]
