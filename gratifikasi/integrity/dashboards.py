"""What the dashboards show: the agency's figures and unit ranking, a unit's figures and
computed indicators, and the public transparency statistics (small counts suppressed)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..rules import indicators as ind
from ..rules.indicators import IndicatorResult
from ..rules.periods import Period
from ..settings import service as settings_service
from .complaint_queries import complaint_counts_by_month, complaint_response_pairs
from .indicators import computed_indicators
from .kpis import (
    ComplaintKpis,
    ReportKpis,
    complaint_class_totals,
    complaint_kpis,
    report_kpis,
    share_within,
    weighted_days,
)
from .queries import Scope, StatusCell, active_units, counts_by_month
from .report_queries import report_cells, summarise_report_cells

MIN_PUBLIC_COUNT = 3


@dataclass
class UnitRow:
    unit_id: int
    code: str
    name: str
    reports: dict[str, int]
    complaints: dict[str, int]
    pre2: IndicatorResult


def agency_dashboard(period: Period) -> dict[str, Any]:
    """The agency-wide figures: a fixed set of grouped queries whatever the number of cases."""
    scope = Scope(period.start, period.end)
    reports = report_kpis(scope)
    complaints = complaint_kpis(scope)
    report_cells_by_unit: dict[int | None, list[StatusCell]] = {}
    for cell in reports.cells:
        report_cells_by_unit.setdefault(cell.unit_id, []).append(cell)
    complaint_status_by_unit: dict[int | None, dict[str, int]] = {}
    for cell in complaints.cells:
        per_unit = complaint_status_by_unit.setdefault(cell.unit_id, {})
        per_unit[cell.status] = per_unit.get(cell.status, 0) + cell.n
    rows: list[UnitRow] = []
    for unit_id, code, name in active_units():
        classes = complaint_class_totals(complaint_status_by_unit.get(unit_id, {}))
        # Per-unit "lengkap_pertama" is not shown in the ranking, so no per-unit query for it.
        counts = summarise_report_cells(report_cells_by_unit.get(unit_id, []), 0)
        rows.append(UnitRow(unit_id, code, name, counts, classes,
                            ind.pre2_penanganan_pengaduan(classes["harus"], classes["selesai"])))
    # Ranking: complaint handling first (the LKE item), then the volume of reports (a unit
    # whose staff report is doing its job, not failing it).
    rows.sort(key=lambda r: (-r.pre2.score, -r.complaints["selesai"], -r.reports["semua"], r.name))
    return {
        "period": period, "scope": scope, "reports": reports, "complaints": complaints,
        "months": month_series(period, reports, complaints), "ranking": rows,
    }


def month_series(period: Period, reports: ReportKpis, complaints: ComplaintKpis) -> list[dict[str, Any]]:
    return [{"period": m, "reports": reports.months.get((m.year, m.index), 0),
             "complaints": complaints.months.get((m.year, m.index), 0)} for m in period.sub_periods("month")]


def unit_dashboard(unit_id: int, period: Period) -> dict[str, Any]:
    scope = Scope(period.start, period.end, unit_id)
    reports = report_kpis(scope)
    complaints = complaint_kpis(scope)
    return {
        "period": period, "scope": scope, "reports": reports, "complaints": complaints,
        "months": month_series(period, reports, complaints),
        "indicators": computed_indicators(unit_id, period, reports=reports, complaints=complaints),
    }


def public_statistics(year: int) -> dict[str, Any]:
    """Counts per OPD and month with small counts suppressed (rules.indicators.suppress_small).

    No totals are shown: a total beside suppressed cells would let anyone subtract their way
    back to a "<3".
    """
    period = Period.of_year(year)
    scope = Scope(period.start, period.end)
    reports = counts_by_month(report_cells(scope), by_unit=True)
    complaints = complaint_counts_by_month(scope, by_unit=True)
    months = period.sub_periods("month")
    response = {}
    sla = settings_service.get_setting("pengaduan.respon_hk")
    pairs: dict[Any, list] = {}
    for unit_id, start, end, n in complaint_response_pairs(scope, by_unit=True):
        pairs.setdefault(unit_id, []).append((start, end, n))
    for unit_id, unit_pairs in pairs.items():
        within, total = share_within(weighted_days(unit_pairs), sla)
        response[unit_id] = None if total < MIN_PUBLIC_COUNT else round(100 * within / total)
    rows = []
    for unit_id, _code, name in active_units():
        rows.append({
            "name": name,
            "reports": [ind.suppress_small(reports.get((unit_id, m.year, m.index), 0), MIN_PUBLIC_COUNT)
                        for m in months],
            "complaints": [ind.suppress_small(complaints.get((unit_id, m.year, m.index), 0), MIN_PUBLIC_COUNT)
                           for m in months],
            "on_time_pct": response.get(unit_id),
        })
    return {"year": year, "months": months, "rows": rows, "sla": sla}
