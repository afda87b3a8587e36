"""The integrity score's view of the case tables as a whole: which columns the dashboard
totals watch, and the drill-down list of the cases behind a number (see :mod:`.queries`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select

from ..cases.queries import recused_record_ids
from ..extensions import db
from ..models.complaint import Complaint
from ..models.report import GratificationReport
from .complaint_queries import complaint_date, complaint_measure, complaint_number, complaint_scope
from .queries import KIND_COMPLAINT, KIND_REPORT, Scope, to_date
from .report_queries import report_date, report_measure, report_scope


@dataclass(frozen=True)
class CaseTable:
    """A case table as the dashboard totals (totals.py) count it: a case's counts belong to the
    month of its ``date_column``."""

    kind: str
    model: type[GratificationReport] | type[Complaint]
    date_column: str


CASE_TABLES = (
    CaseTable(KIND_REPORT, GratificationReport, "received_on"),
    CaseTable(KIND_COMPLAINT, Complaint, "received_on"),
)


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    status: str
    received: date


def case_rows(kind: str, scope: Scope, measure: str, *, viewer_id: int, limit: int = 100,
              offset: int = 0) -> tuple[list[CaseRow], int]:
    """The cases behind a number: id, public number, status and date only (no content).

    Filtered by the very condition that counted them (:func:`.report_queries.report_measure`,
    :func:`.complaint_queries.complaint_measure`), less the cases the viewing officer is
    recused from (the case rule); ValueError for an unknown measure."""
    model: type[GratificationReport] | type[Complaint]
    if kind == KIND_REPORT:
        model, day, number = GratificationReport, report_date(), GratificationReport.tracking_number
        where = and_(report_scope(scope), report_measure(measure))
    elif kind == KIND_COMPLAINT:
        model, day, number = Complaint, complaint_date(), complaint_number()
        where = and_(complaint_scope(scope), complaint_measure(measure))
    else:
        return [], 0
    where = and_(where, model.id.not_in(recused_record_ids(viewer_id, model.__tablename__)))
    total = int(db.session.execute(select(func.count()).select_from(model).where(where)).scalar_one())
    rows = db.session.execute(
        select(model.id, number, model.status, day).where(where)
        .order_by(day.desc(), model.id.desc()).limit(limit).offset(offset)
    )
    return [CaseRow(r[0], r[1] or f"#{r[0]}", r[2], to_date(r[3])) for r in rows], total
