"""Key figures of gratification reports and complaints for a scope (unit or agency, period),
read through :mod:`.totals`, and how a figure is written on the pages.

Durations are counted in working days of the tenant calendar from grouped *(start, end, n)*
pairs (see :mod:`.queries`): one calendar walk per pair, never one per case.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..calendar import service as calendar_service
from ..rules import indicators as ind
from ..rules.workflow import COMPLAINT, COMPLAINT_CLASSES, GRATIFICATION
from ..settings import service as settings_service
from . import totals
from .complaint_queries import complaints_available
from .queries import KIND_REPORT, Months, Scope, StatusCell
from .report_queries import summarise_report_cells

# ------------------------------------------------------------------ working-day durations


def weighted_days(pairs: Iterable[tuple[date, date, int]]) -> list[tuple[int, int]]:
    """[(working days, n)] from grouped (start, end, n) pairs.

    Same count as ``WorkingDayCalendar.working_days_between`` (working days in (start, end]),
    through a running total over the days spanned: one calendar look-up per day rather than
    one walk per pair (a year has thousands of pairs)."""
    pairs = list(pairs)
    if not pairs:
        return []
    cal = calendar_service.working_day_calendar()
    starts, ends = [a for a, _, _ in pairs], [b for _, b, _ in pairs]
    first, last = min(min(starts), min(ends)), max(max(starts), max(ends))
    running: dict[date, int] = {}
    total, day = 0, first
    while day <= last:
        total += 1 if day > first and cal.is_working_day(day) else 0
        running[day] = total
        day += timedelta(days=1)
    out: dict[int, int] = {}
    for start, end, n in pairs:
        days = max(0, running[end] - running[start])
        out[days] = out.get(days, 0) + n
    return sorted(out.items())


def weighted_median(values: list[tuple[int, int]]) -> float | None:
    """Median of a run-length list [(value, count)] sorted by value (same as statistics.median)."""
    total = sum(n for _, n in values)
    if total == 0:
        return None

    def nth(k: int) -> int:  # 0-based k-th value
        seen = 0
        for value, n in values:
            seen += n
            if k < seen:
                return value
        raise IndexError(k)

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def share_within(values: list[tuple[int, int]], limit: int) -> tuple[int, int]:
    """(within ``limit`` working days, total)."""
    return sum(n for d, n in values if d <= limit), sum(n for _, n in values)


def _per_status(cells: Iterable[StatusCell]) -> dict[str, int]:
    out: dict[str, int] = {}
    for cell in cells:
        out[cell.status] = out.get(cell.status, 0) + cell.n
    return out


# ------------------------------------------------------------------ complaints

def complaint_class_totals(status_counts: dict[str, int]) -> dict[str, int]:
    """harus / selesai / dikecualikan from counts per status, by the PRE2 rule of
    :func:`rules.indicators.complaint_counts` (applied once per classification, then weighed,
    so the rule is not re-written here and no case is looped over)."""
    per_class: dict[str, int] = {c: 0 for c in COMPLAINT_CLASSES}
    for status, n in status_counts.items():
        per_class[COMPLAINT.state(status).classification or "belum_ditelaah"] += n
    totals = {"harus": 0, "selesai": 0, "dikecualikan": 0}
    for cls, n in per_class.items():
        for key, unit in ind.complaint_counts([cls]).items():
            totals[key] += unit * n
    totals["diproses"] = totals["harus"] - totals["selesai"]
    totals["semua"] = sum(status_counts.values())
    return totals


@dataclass
class ComplaintKpis:
    available: bool
    status: dict[str, int]
    classes: dict[str, int]
    by_category: dict[str, dict[str, int]]
    median_response_hk: float | None
    median_close_hk: float | None
    response_within_sla: tuple[int, int]
    response_sla_hk: int
    channels: int
    response_days: list[tuple[int, int]] = field(default_factory=list)
    cells: list[StatusCell] = field(default_factory=list)
    months: Months = field(default_factory=dict)


def complaint_kpis(scope: Scope) -> ComplaintKpis:
    agg = totals.complaint_aggregates(scope)
    status = _per_status(agg.cells)
    by_category: dict[str, dict[str, int]] = {}
    channels: set[str] = set()
    for category, st, channel, n in agg.categories:
        outcome = COMPLAINT.state(st).classification or "belum_ditelaah"
        row = by_category.setdefault(category, {"semua": 0})
        row["semua"] += n
        row[outcome] = row.get(outcome, 0) + n
        if channel is not None:
            channels.add(channel)
    response = weighted_days(agg.response_pairs)
    close = weighted_days(agg.close_pairs)
    sla = settings_service.get_setting("pengaduan.respon_hk")
    return ComplaintKpis(
        available=complaints_available(), status=status, classes=complaint_class_totals(status),
        by_category=dict(sorted(by_category.items())), median_response_hk=weighted_median(response),
        median_close_hk=weighted_median(close), response_within_sla=share_within(response, sla),
        response_sla_hk=sla, channels=len(channels), response_days=response, cells=agg.cells, months=agg.months,
    )


# ------------------------------------------------------------------ reports

@dataclass
class ReportKpis:
    counts: dict[str, int]
    objects: dict[str, int]
    status: dict[str, int]
    # (within the UPG→KPK limit, forwarded with a recorded date)
    forwarded_within_sla: tuple[int, int]
    forward_sla_hk: int
    cells: list[StatusCell] = field(default_factory=list)
    months: Months = field(default_factory=dict)


def report_kpis(scope: Scope) -> ReportKpis:
    sla = settings_service.get_setting("upg_to_kpk_hk")
    agg = totals.report_aggregates(scope)
    within = share_within(weighted_days(agg.forwarding_pairs), sla)
    counts = summarise_report_cells(agg.cells, agg.completion_requested)
    return ReportKpis(counts, agg.objects, _per_status(agg.cells), within, sla, agg.cells, agg.months)


# ------------------------------------------------------------------ how figures are written

def status_label(kind: str, status: str) -> str:
    machine = GRATIFICATION if kind == KIND_REPORT else COMPLAINT
    try:
        return machine.state(status).label
    except KeyError:
        return status


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %".replace(".", ",")
