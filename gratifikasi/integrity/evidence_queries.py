"""The SQL of the evidence-based indicators: documents on file, campaign and monev dates,
recommendation follow-up and the semester recaps to KPK (see :mod:`.queries`).

Evidence belongs to a unit or (unit NULL) to the whole agency; a unit's indicators count
both, the agency's count all of it.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, distinct, func, literal, or_, select, true

from ..extensions import db
from ..models.integrity import (
    ActivityKind,
    DocumentKind,
    EvidenceActivity,
    EvidenceDocument,
    KpkRecap,
    MonevRecommendation,
    MonevRecord,
    MonevScope,
    RecommendationStatus,
)
from .queries import count_if, to_date


def evidence_unit(column: Any, unit_id: int | None) -> ColumnElement[bool]:
    """Evidence of the unit or agency-wide (unit NULL); agency view: all of it."""
    if unit_id is None:
        return true()
    return or_(column.is_(None), column == unit_id)


def document_on_file(kind: DocumentKind, unit_id: int | None, by: date) -> bool:
    return db.session.execute(
        select(literal(1)).where(
            EvidenceDocument.kind == kind, EvidenceDocument.document_date <= by,
            evidence_unit(EvidenceDocument.unit_id, unit_id),
        ).limit(1)
    ).first() is not None


def activity_dates(unit_id: int | None, start: date, end: date,
                   kinds: Iterable[ActivityKind] = tuple(ActivityKind)) -> list[date]:
    """Distinct activity dates (a handful a year): what the regularity rules need."""
    rows = db.session.execute(
        select(distinct(EvidenceActivity.activity_date)).where(
            EvidenceActivity.kind.in_(list(kinds)), EvidenceActivity.activity_date.between(start, end),
            evidence_unit(EvidenceActivity.unit_id, unit_id),
        )
    ).scalars()
    return sorted(to_date(d) for d in rows)


def _monev_scope(scope: MonevScope) -> ColumnElement[bool]:
    return MonevRecord.scope.in_([scope, MonevScope.keduanya])


def monev_dates(unit_id: int | None, scope: MonevScope, start: date, end: date) -> list[date]:
    rows = db.session.execute(
        select(distinct(MonevRecord.held_on)).where(
            _monev_scope(scope), MonevRecord.held_on.between(start, end),
            evidence_unit(MonevRecord.unit_id, unit_id),
        )
    ).scalars()
    return sorted(to_date(d) for d in rows)


def monev_recommendation_counts(unit_id: int | None, scope: MonevScope, start: date, end: date) -> dict[str, int]:
    """Monev held in the period, their recommendations and how many are closed."""
    where = and_(_monev_scope(scope), MonevRecord.held_on.between(start, end),
                 evidence_unit(MonevRecord.unit_id, unit_id))
    monev = int(db.session.execute(select(func.count()).select_from(MonevRecord).where(where)).scalar_one())
    row = db.session.execute(
        select(func.count(MonevRecommendation.id),
               count_if(MonevRecommendation.status == RecommendationStatus.selesai))
        .join(MonevRecord, MonevRecommendation.monev_id == MonevRecord.id).where(where)
    ).one()
    return {"monev": monev, "rekomendasi": int(row[0]), "selesai": int(row[1])}


def recaps(unit_id: int | None, year: int) -> dict[int, tuple[date, date]]:
    """``{semester: (sent_on, due_on)}`` of the recaps of ``year`` (unit's or agency-wide)."""
    rows = db.session.execute(
        select(KpkRecap.semester, func.min(KpkRecap.sent_on), func.max(KpkRecap.due_on))
        .where(KpkRecap.year == year, evidence_unit(KpkRecap.unit_id, unit_id))
        .group_by(KpkRecap.semester)
    )
    return {int(s): (to_date(a), to_date(b)) for s, a, b in rows}
