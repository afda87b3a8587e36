"""The active units a reporter or complainant picks from, kept in the per-process cache.

Read by every intake form and submission; an administrator's unit change bumps the
reference generation (admin.services), so the next transaction in every worker reloads it.
"""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select

from ..extensions import db
from ..models import Unit
from ..settings.cache import cached


class UnitChoice(NamedTuple):
    id: int
    name: str


def active_units() -> list[UnitChoice]:
    """The active units (id, name) by name."""
    return cached("_gratifikasi_active_units", _read_active_units)


def _read_active_units() -> list[UnitChoice]:
    rows = db.session.execute(select(Unit.id, Unit.name).where(Unit.active.is_(True)).order_by(Unit.name))
    return [UnitChoice(row.id, row.name) for row in rows]


def unit_ids() -> frozenset[int]:
    """Every unit's id, active or not (a record may name a unit closed since its form opened)."""
    return cached("_gratifikasi_unit_ids", lambda: frozenset(db.session.execute(select(Unit.id)).scalars()))
