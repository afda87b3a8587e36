"""The SQL of the gratification-report indicators: counts per measure, gift objects, and
the receipt → KPK forwarding durations (see :mod:`.queries` for the shared rules).

The only module of the integrity score that knows the report tables' column names.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, distinct, exists, func, or_, select, true

from ..extensions import db
from ..models.kpk import KpkForwarding
from ..models.report import GiftObject, GratificationReport, MessageKind, ReportMessage
from ..rules.report_fields import JenisLaporan
from ..rules.workflow import FORWARDED_STATES, GRATIFICATION
from .queries import (
    Months,
    ReportCell,
    Scope,
    StatusCell,
    count_if,
    fold_months,
    id_window_of,
    month_key,
    select_id_window,
    to_date,
    tune_for_aggregates,
)

# Still at intake: not yet processed by the UPG.
INTAKE_STATES = frozenset({"diterima_upg", "perlu_dilengkapi"})
REPORT_MEASURES = ("semua", "tepat_waktu", "terlambat", "penolakan", "diteruskan", "diproses",
                   "lengkap_pertama")


def report_date() -> Any:
    return GratificationReport.received_on  # the UPG's receipt date (Asia/Jakarta)


def report_scope(scope: Scope) -> ColumnElement[bool]:
    cond = report_date().between(scope.start, scope.end)
    if scope.unit_id is not None:
        cond = and_(GratificationReport.unit_id == scope.unit_id, cond)
    return cond


def _first_submission_complete() -> ColumnElement[bool]:
    return ~exists().where(
        ReportMessage.report_id == GratificationReport.id,
        ReportMessage.kind == MessageKind.completion_request,
    )


def _reported_to_upg_on_time() -> ColumnElement[bool]:
    """Filed by the receipt → UPG deadline kept on the report (issue 15.4); a refusal report has
    none and counts as on time; a report filed before the deadline was kept (upg_due_on NULL
    and not counted by migration 0021) falls back to the 30-day KPK limit."""
    due = GratificationReport.upg_due_on
    return or_(
        and_(due.is_(None), GratificationReport.late_working_days.is_(None)),
        and_(due.is_not(None), GratificationReport.received_on <= due),
    )


def report_measure(measure: str) -> ColumnElement[bool]:
    """SQL condition of a report measure; ValueError for an unknown one."""
    if measure == "semua":
        return true()
    if measure == "tepat_waktu":  # reported to the UPG within the receipt → UPG deadline
        return _reported_to_upg_on_time()
    if measure == "terlambat":
        return ~_reported_to_upg_on_time()
    if measure == "penolakan":
        return GratificationReport.jenis_laporan == JenisLaporan.PENOLAKAN
    if measure == "diteruskan":
        return GratificationReport.status.in_(sorted(FORWARDED_STATES))
    if measure == "diproses":
        return GratificationReport.status.not_in(sorted(INTAKE_STATES))
    if measure == "lengkap_pertama":
        return _first_submission_complete()
    if measure.startswith("status:") and measure[7:] in GRATIFICATION.states:
        return GratificationReport.status == measure[7:]
    raise ValueError(f"unknown report measure {measure!r}")


# ------------------------------------------------------------------ cells
# The grouped statements below label their columns: the dashboard totals (totals.py) insert
# them as they are (INSERT … SELECT), the functions here fetch them.

def report_cells_select(scope: Scope) -> Select:
    year, month = month_key(report_date())
    keys = (GratificationReport.unit_id.label("unit_id"), GratificationReport.status.label("status"),
            year.label("year"), month.label("month"))
    return (
        select(*keys, func.count().label("n"), count_if(report_measure("tepat_waktu")).label("on_time"),
               count_if(report_measure("penolakan")).label("refusals"),
               func.min(GratificationReport.id).label("min_id"), func.max(GratificationReport.id).label("max_id"))
        .where(report_scope(scope)).group_by(*keys)
    )


def report_cells(scope: Scope) -> list[ReportCell]:
    rows = db.session.execute(report_cells_select(scope))
    return [ReportCell(int(u), s, int(y), int(m), int(n), int(ot), int(rf), int(lo), int(hi))
            for u, s, y, m, n, ot, rf, lo, hi in rows]


def report_id_window(scope: Scope) -> tuple[int, int] | None:
    """Smallest and largest report id in the scope (see :func:`.queries.id_window_of`)."""
    return select_id_window(report_cells_select(scope))


def summarise_report_cells(cells: Iterable[ReportCell] | Iterable[StatusCell],
                           completion_requested: int) -> dict[str, int]:
    """Counts of every report measure (the same conditions as the drill-down lists)."""
    out = {m: 0 for m in REPORT_MEASURES}
    for c in cells:
        out["semua"] += c.n
        out["tepat_waktu"] += c.on_time
        out["penolakan"] += c.refusals
        if c.status in FORWARDED_STATES:
            out["diteruskan"] += c.n
        if c.status not in INTAKE_STATES:
            out["diproses"] += c.n
    out["terlambat"] = out["semua"] - out["tepat_waktu"]
    out["lengkap_pertama"] = out["semua"] - completion_requested
    return out


# ------------------------------------------------------------------ child tables

def completion_requested_count(scope: Scope, window: tuple[int, int] | None = None) -> int:
    """Reports the UPG had to return for completion (the complement of "lengkap_pertama")."""
    window = window or report_id_window(scope)
    if window is None:
        return 0
    return int(db.session.execute(
        select(func.count(distinct(ReportMessage.report_id)))
        .join(GratificationReport, ReportMessage.report_id == GratificationReport.id)
        .where(ReportMessage.kind == MessageKind.completion_request, ReportMessage.report_id.between(*window),
               report_scope(scope))
    ).scalar_one())


def object_totals(scope: Scope, window: tuple[int, int] | None = None) -> dict[str, int]:
    """Number of gift objects and their total estimated value (Rupiah)."""
    window = window or report_id_window(scope)
    if window is None:
        return {"objek": 0, "nilai": 0}
    row = db.session.execute(
        select(func.count(), func.coalesce(func.sum(GiftObject.nilai_taksiran), 0))
        .join(GratificationReport, GiftObject.report_id == GratificationReport.id)
        .where(GiftObject.report_id.between(*window), report_scope(scope))
    ).one()
    return {"objek": int(row[0]), "nilai": int(row[1])}


def forwarding_pairs_select(scope: Scope, by_unit: bool = False) -> Select:
    keys = ([GratificationReport.unit_id.label("unit_id")] if by_unit else []) + [
        report_date().label("start_on"), func.date(KpkForwarding.forwarded_on).label("end_on")]
    return (
        select(*keys, func.count().label("n"))
        .join(KpkForwarding, KpkForwarding.report_id == GratificationReport.id)
        .where(report_scope(scope))
        .group_by(*keys)
    )


def unit_objects_select(scope: Scope, window: tuple[int, int]) -> Select:
    """:func:`object_totals` per unit (``n`` objects, ``object_value``), for the totals."""
    unit = GratificationReport.unit_id.label("unit_id")
    return (
        select(unit, func.count().label("n"), func.coalesce(func.sum(GiftObject.nilai_taksiran), 0)
               .label("object_value"))
        .join(GratificationReport, GiftObject.report_id == GratificationReport.id)
        .where(GiftObject.report_id.between(*window), report_scope(scope)).group_by(unit)
    )


def unit_completion_select(scope: Scope, window: tuple[int, int]) -> Select:
    """:func:`completion_requested_count` per unit (``completion_requested``), for the totals."""
    unit = GratificationReport.unit_id.label("unit_id")
    return (
        select(unit, func.count(distinct(ReportMessage.report_id)).label("completion_requested"))
        .join(GratificationReport, ReportMessage.report_id == GratificationReport.id)
        .where(ReportMessage.kind == MessageKind.completion_request, ReportMessage.report_id.between(*window),
               report_scope(scope)).group_by(unit)
    )


def forwarding_day_pairs(scope: Scope) -> list[tuple[date, date, int]]:
    """(received by the UPG, forwarded to KPK, n) of the reports forwarded so far."""
    return [(to_date(a), to_date(b), int(n)) for a, b, n in db.session.execute(forwarding_pairs_select(scope))]


# ------------------------------------------------------------------ everything the KPIs need

@dataclass
class ReportAggregates:
    """Everything the report KPIs need, for a scope."""

    cells: list[StatusCell]
    months: Months
    completion_requested: int
    objects: dict[str, int]
    forwarding_pairs: list[tuple[date, date, int]]


def report_aggregates(scope: Scope) -> ReportAggregates:
    forwarding = forwarding_day_pairs(scope)
    tune_for_aggregates()
    month_cells = report_cells(scope)
    window = id_window_of(month_cells)
    cells, months = fold_months(month_cells)
    if window is None:
        return ReportAggregates(cells, months, 0, {"objek": 0, "nilai": 0}, forwarding)
    return ReportAggregates(cells, months, completion_requested_count(scope, window), object_totals(scope, window),
                            forwarding)
