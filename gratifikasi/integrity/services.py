"""Integrity score: indicators per unit and period, KPIs, dashboards, the whole LKE, evidence.

The rules are in :mod:`gratifikasi.rules.indicators` and :mod:`gratifikasi.rules.lke`; the SQL
is in :mod:`.queries`, read through :mod:`.totals` (stored per-month sums for agency-wide
periods, the case tables otherwise). This module feeds counts from one to the other and writes the evidence
records (one transaction per function, each audited with categorical details only).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from .. import audit, clock

from ..calendar import service as calendar_service

from ..settings import service as settings_service
from ..extensions import db
from ..models import Attachment, Officer
from ..models.integrity import (
    ActivityKind,
    DocumentKind,
    EvidenceActivity,
    EvidenceDocument,
    KpkRecap,
    LkeEntry,
    MonevRecommendation,
    MonevRecord,
    MonevScope,
    MonevSource,
    RecommendationStatus,
)
from ..rules import indicators as ind
from ..rules.indicators import IndicatorResult, Period
from ..rules.lke import LkeResult, compute_lke, ruleset_for
from ..rules.lke_data import AREA_CHECK_MODES, BLOCKS, PERCENT, LkeRuleset
from ..settings.registry import CHOICE_REGISTRY, ChoiceSpec
from ..rules.workflow import COMPLAINT, COMPLAINT_CLASSES, GRATIFICATION
from ..uploads import service as uploads
from . import queries as q, totals
from .queries import Scope

AREA_CHECK_SETTING = "lke.area_check_mode"
# The UPG's semester recap is due by the 15th of the month after the semester (KKP practice,
# domain.md §2.2, MED): 15 July and 15 January.
RECAP_DUE_DAY = 15
# "Berkala" is proxied per quarter (domain.md §4.4).
REGULARITY_SUB_PERIOD = "quarter"
LIST_PAGE_SIZE = 100
# Evidence is agency paperwork: the SK or SOP itself, a campaign photo or poster, the
# notulen. PDF, Office documents and images cover it; a voice note or a text file is not one.
EVIDENCE_FILE_KINDS = ("pdf", "office", "image")


class IntegrityError(ValueError):
    """A refused input; the message is Indonesian and may be shown as is."""


# ------------------------------------------------------------------ periods

_PERIOD_RE = re.compile(r"^(\d{4})(?:-(S|T|B)(\d{1,2}))?$")
_PERIOD_KIND = {"S": "semester", "T": "quarter", "B": "month"}
_PERIOD_CODE = {v: k for k, v in _PERIOD_KIND.items()}
MIN_YEAR, MAX_YEAR = 2015, 2100


def parse_period(text: str | None, today: date | None = None) -> Period:
    """``"2026"`` (year), ``"2026-S1"`` (semester), ``"2026-T2"`` (triwulan), ``"2026-B03"``."""
    today = today or clock.local_today()
    if not text:
        return Period.of_year(today.year)
    match = _PERIOD_RE.match(text.strip().upper())
    if not match:
        raise IntegrityError("Periode tidak dikenal. Contoh: 2026, 2026-S1, 2026-T2, 2026-B03.")
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise IntegrityError(f"Tahun harus {MIN_YEAR}–{MAX_YEAR}.")
    if match.group(2) is None:
        return Period.of_year(year)
    try:
        return Period(year, _PERIOD_KIND[match.group(2)], int(match.group(3)))
    except ValueError:
        raise IntegrityError("Nomor semester/triwulan/bulan di luar rentang.") from None


def period_code(period: Period) -> str:
    if period.kind == "year":
        return str(period.year)
    width = 2 if period.kind == "month" else 1
    return f"{period.year}-{_PERIOD_CODE[period.kind]}{period.index:0{width}d}"


def period_choices(year: int) -> list[tuple[str, str]]:
    """The year, its semesters and quarters, for a select box."""
    periods = [Period.of_year(year), *Period.of_year(year).sub_periods("semester"),
               *Period.of_year(year).sub_periods("quarter")]
    return [(period_code(p), p.label_id) for p in periods]


def _as_of(period: Period) -> date:
    return clock.local_today()


# ------------------------------------------------------------------ working-day durations

def _weighted_days(pairs: Iterable[tuple[date, date, int]]) -> list[tuple[int, int]]:
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
    cells: list[q.StatusCell] = field(default_factory=list)
    months: q.Months = field(default_factory=dict)


def complaint_kpis(scope: Scope) -> ComplaintKpis:
    agg = totals.complaint_aggregates(scope)
    cells = agg.cells
    status: dict[str, int] = {}
    for cell in cells:
        status[cell.status] = status.get(cell.status, 0) + cell.n
    by_category: dict[str, dict[str, int]] = {}
    channels: set[str] = set()
    for category, st, channel, n in agg.categories:
        outcome = COMPLAINT.state(st).classification or "belum_ditelaah"
        row = by_category.setdefault(category, {"semua": 0})
        row["semua"] += n
        row[outcome] = row.get(outcome, 0) + n
        if channel is not None:
            channels.add(channel)
    response = _weighted_days(agg.response_pairs)
    close = _weighted_days(agg.close_pairs)
    sla = settings_service.get_setting("pengaduan.respon_hk")
    return ComplaintKpis(
        available=q.complaints_available(), status=status, classes=complaint_class_totals(status),
        by_category=dict(sorted(by_category.items())), median_response_hk=weighted_median(response),
        median_close_hk=weighted_median(close), response_within_sla=share_within(response, sla),
        response_sla_hk=sla, channels=len(channels), response_days=response, cells=cells, months=agg.months,
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
    cells: list[q.StatusCell] = field(default_factory=list)
    months: q.Months = field(default_factory=dict)


def report_kpis(scope: Scope) -> ReportKpis:
    sla = settings_service.get_setting("upg_to_kpk_hk")
    agg = totals.report_aggregates(scope)
    within = share_within(_weighted_days(agg.forwarding_pairs), sla)
    status: dict[str, int] = {}
    for cell in agg.cells:
        status[cell.status] = status.get(cell.status, 0) + cell.n
    counts = q.summarise_report_cells(agg.cells, agg.completion_requested)
    return ReportKpis(counts, agg.objects, status, within, sla, agg.cells, agg.months)


def pct(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


# ------------------------------------------------------------------ indicators

def _semester_due(year: int, semester: int) -> date:
    return date(year, 7, RECAP_DUE_DAY) if semester == 1 else date(year + 1, 1, RECAP_DUE_DAY)


def computed_indicators(
    unit_id: int | None, period: Period, as_of: date | None = None,
    ruleset: LkeRuleset | None = None,
    reports: ReportKpis | None = None, complaints: ComplaintKpis | None = None,
) -> list[IndicatorResult]:
    """The LKE answers the app computes for a unit (None: agency) and period."""
    as_of = as_of or _as_of(period)
    rs = ruleset or ruleset_for(period.end)
    scope = Scope(period.start, period.end, unit_id)
    reports = reports or report_kpis(scope)
    complaints = complaints or complaint_kpis(scope)
    classes = complaints.classes
    results = [
        ind.pre2_penanganan_pengaduan(classes["harus"], classes["selesai"], ruleset=rs),
        ind.ppe3b_pengaduan_ditindaklanjuti(classes["harus"], classes["selesai"], ruleset=rs),
    ]
    for code_reg, code_fu, scope_kind in (("PPE3.c", "PPE3.d", MonevScope.pengaduan),
                                          ("PPE4.b", "PPE4.c", MonevScope.wbs)):
        dates = q.monev_dates(unit_id, scope_kind, period.start, period.end)
        results.append(ind.monev_regularity(code_reg, dates, period, _sub_kind(period), as_of, ruleset=rs))
        recs = q.monev_recommendation_counts(unit_id, scope_kind, period.start, period.end)
        results.append(ind.evaluation_followup(code_fu, recs["monev"], recs["rekomendasi"], recs["selesai"],
                                               ruleset=rs))
    results.append(ind.ppe4a_wbs_diterapkan(
        q.complaints_available(), q.document_on_file(DocumentKind.kebijakan_wbs, unit_id, period.end), ruleset=rs))
    campaigns = q.activity_dates(unit_id, period.start, period.end)
    results.append(ind.ppe1a_public_campaign(campaigns, period, _sub_kind(period), as_of, ruleset=rs))

    semesters = [p for p in period.sub_periods("semester")] if period.kind in ("year", "semester") else \
        [Period.containing(period.start, "semester")]
    due = [s for s in semesters if _semester_due(s.year, s.index) <= as_of]
    sent = q.recaps(unit_id, period.year)
    sent_due = [sent[s.index] for s in due if s.index in sent]
    forwarded = reports.counts["diteruskan"]
    within = reports.forwarded_within_sla
    results.append(ind.ppe1b_implementasi(
        has_sk_upg=q.document_on_file(DocumentKind.sk_upg, unit_id, period.end),
        has_sop=q.document_on_file(DocumentKind.sop, unit_id, period.end),
        reports_processed=reports.counts["diproses"],
        recaps_due=len(due), recaps_sent=len(sent_due),
        recaps_sent_on_time=sum(1 for s, d in sent_due if s <= d),
        # Every report in a forwarded state counts; only those with a recorded forwarding date
        # can be on time, so the app never claims grade A on data it does not have.
        forwarded_total=forwarded,
        forwarded_within_sla=within[0],
        ruleset=rs,
    ))
    response_values = [float(d) for d, n in complaints.response_days for _ in range(n)]
    results.append(ind.prf2_responsiveness(response_values, complaints.channels,
                                           sla_days=complaints.response_sla_hk, ruleset=rs))
    order = [qq.code for qq in rs.questions()]
    return sorted(results, key=lambda r: order.index(r.code))


def _sub_kind(period: Period) -> str:
    # A quarter or month is "regular" with one activity inside it.
    return REGULARITY_SUB_PERIOD if period.kind in ("year", "semester") else period.kind


# ------------------------------------------------------------------ dashboards

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
    report_cells_by_unit: dict[int | None, list[q.StatusCell]] = {}
    for cell in reports.cells:
        report_cells_by_unit.setdefault(cell.unit_id, []).append(cell)
    complaint_status_by_unit: dict[int | None, dict[str, int]] = {}
    for cell in complaints.cells:
        per_unit = complaint_status_by_unit.setdefault(cell.unit_id, {})
        per_unit[cell.status] = per_unit.get(cell.status, 0) + cell.n
    rows: list[UnitRow] = []
    for unit_id, code, name in q.active_units():
        classes = complaint_class_totals(complaint_status_by_unit.get(unit_id, {}))
        # Per-unit "lengkap_pertama" is not shown in the ranking, so no per-unit query for it.
        counts = q.summarise_report_cells(report_cells_by_unit.get(unit_id, []), 0)
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


# ------------------------------------------------------------------ public transparency

MIN_PUBLIC_COUNT = 3


def public_statistics(year: int) -> dict[str, Any]:
    """Counts per OPD and month with small counts suppressed (rules.indicators.suppress_small).

    No totals are shown: a total beside suppressed cells would let anyone subtract their way
    back to a "<3".
    """
    period = Period.of_year(year)
    scope = Scope(period.start, period.end)
    reports = q.report_counts_by_month(scope, by_unit=True)
    complaints = q.complaint_counts_by_month(scope, by_unit=True)
    months = period.sub_periods("month")
    response = {}
    sla = settings_service.get_setting("pengaduan.respon_hk")
    pairs: dict[Any, list] = {}
    for unit_id, start, end, n in q.complaint_response_pairs(scope, by_unit=True):
        pairs.setdefault(unit_id, []).append((start, end, n))
    for unit_id, unit_pairs in pairs.items():
        within, total = share_within(_weighted_days(unit_pairs), sla)
        response[unit_id] = None if total < MIN_PUBLIC_COUNT else round(100 * within / total)
    rows = []
    for unit_id, _code, name in q.active_units():
        rows.append({
            "name": name,
            "reports": [ind.suppress_small(reports.get((unit_id, m.year, m.index), 0), MIN_PUBLIC_COUNT)
                        for m in months],
            "complaints": [ind.suppress_small(complaints.get((unit_id, m.year, m.index), 0), MIN_PUBLIC_COUNT)
                           for m in months],
            "on_time_pct": response.get(unit_id),
        })
    return {"year": year, "months": months, "rows": rows, "sla": sla}


# ------------------------------------------------------------------ whole LKE

@dataclass
class LkeView:
    unit_id: int
    year: int
    ruleset: LkeRuleset
    area_check_mode: str
    computed: list[IndicatorResult]
    entry: LkeEntry | None
    answers: dict[str, str | float]
    answer_source: dict[str, str]  # code → "aplikasi" | "manual"
    result: LkeResult
    missing_surveys: list[str]


def area_check_mode() -> str:
    mode = settings_service.get_choice(AREA_CHECK_SETTING)
    return mode if mode in AREA_CHECK_MODES else "per_block"


def area_check_spec() -> ChoiceSpec:
    return CHOICE_REGISTRY[AREA_CHECK_SETTING]


def settings_registry_choices() -> tuple[tuple[str, str], ...]:
    return area_check_spec().choices


def lke_entry(unit_id: int, year: int) -> LkeEntry | None:
    return db.session.execute(
        select(LkeEntry).where(LkeEntry.unit_id == unit_id, LkeEntry.year == year)
    ).scalar_one_or_none()


def ruleset_for_year(year: int) -> LkeRuleset:
    """The LKE in force at the end of the evaluated year."""
    try:
        return ruleset_for(date(year, 12, 31))
    except ValueError as error:
        raise IntegrityError(str(error)) from None


def lke_view(unit_id: int, year: int, as_of: date | None = None) -> LkeView:
    rs = ruleset_for_year(year)
    computed = computed_indicators(unit_id, Period.of_year(year), as_of, ruleset=rs)
    entry = lke_entry(unit_id, year)
    answers: dict[str, str | float] = dict(ind.as_answers(computed))
    source = {code: "aplikasi" for code in answers}
    for code, value in ((entry.answers or {}) if entry else {}).items():
        answers[code] = value
        source[code] = "manual"
    manual = dict((entry.manual_scores or {}) if entry else {})
    missing = [name for name, value in (("IPAK", entry and entry.ipak), ("IPKP", entry and entry.ipkp),
                                         ("CAPAIAN", entry and entry.capaian)) if value in (None, "")]
    mode = area_check_mode()
    result = compute_lke(
        answers, manual,
        ipak=entry.ipak if entry and entry.ipak is not None else 0.0,
        capaian=entry.capaian if entry and entry.capaian else "E",
        ipkp=entry.ipkp if entry and entry.ipkp is not None else 0.0,
        ruleset=rs, area_check_mode=mode,
    )
    return LkeView(unit_id, year, rs, mode, computed, entry, answers, source, result, missing)


def manual_score_keys(rs: LkeRuleset) -> list[tuple[str, str, float]]:
    """(key, label, maximum) of every block or remainder the evaluator types as points."""
    keys = []
    for area in rs.areas:
        for block in BLOCKS:
            if not area.subareas(block):
                keys.append((area.block_key(block), f"{area.name_id} – {block}", area.weight(block)))
            elif area.remainder_weight(block) > 1e-9:
                keys.append((area.remainder_key(block), f"{area.name_id} – {block}, butir lainnya",
                             area.remainder_weight(block)))
    return keys


def save_lke_entry(unit_id: int, year: int, answers: dict[str, str | float], manual_scores: dict[str, float],
                   ipak: float | None, ipkp: float | None, capaian: str | None, officer: Officer) -> LkeEntry:
    rs = ruleset_for_year(year)
    # Let the rule module validate codes and ranges before anything is stored.
    compute_lke(answers, manual_scores, ipak or 0.0, capaian or "E", ipkp or 0.0, ruleset=rs)
    entry = lke_entry(unit_id, year)
    if entry is None:
        entry = LkeEntry(unit_id=unit_id, year=year)
        db.session.add(entry)
    entry.answers = dict(answers)
    entry.manual_scores = dict(manual_scores)
    entry.ipak, entry.ipkp, entry.capaian = ipak, ipkp, capaian
    entry.updated_by_id = officer.id
    entry.updated_at = clock.utcnow()
    db.session.flush()
    audit.record("integrity.lke_saved", actor_id=officer.id, object_type="lke_entry", object_id=entry.id,
                 unit_id=unit_id, year=year, answers=len(answers), scores=len(manual_scores), commit=False)
    db.session.commit()
    return entry


# ------------------------------------------------------------------ evidence

def _now_record(obj: Any, officer: Officer) -> None:
    obj.created_by_id = officer.id
    obj.created_at = clock.utcnow()


def _add_evidence(officer: Officer, record: Any, action: str, object_type: str, *,
                  file: FileStorage | None = None, **details: Any) -> Any:
    """Insert an evidence record, its file and its audit entry in one transaction.

    The file must have passed ``uploads.check_files(..., kinds=EVIDENCE_FILE_KINDS)``. Raises
    UploadRejected (a damaged image fails only when re-encoded) or VaultNotReady (no case
    ring to seal to); nothing is kept then.
    """
    _now_record(record, officer)
    try:
        db.session.add(record)
        db.session.flush()
        # Sealed to the `case` ring, as store_attachments seals every file. Of the three rings
        # (design.md §3) it is the one for content that is not someone's identity; the two
        # identity rings are for reporters and whistleblowers, whose holders (custodians) have
        # no business with an SK UPG. So case-ring members open evidence files; a viewer
        # outside that ring (pimpinan, in the demo) sees their size and type only.
        stored = uploads.store_attachments(type(record).ATTACHMENT_OWNER, record.id, [file], officer,
                                           kinds=EVIDENCE_FILE_KINDS) if file is not None else []
    except Exception:
        db.session.rollback()  # the page shown next must not list the half-saved record
        raise
    audit.record(action, actor_id=officer.id, object_type=object_type, object_id=record.id, commit=False,
                 files=len(stored), **details)
    db.session.commit()
    return record


def add_document(officer: Officer, *, unit_id: int | None, kind: DocumentKind, number: str, title: str,
                 document_date: date, reference: str | None, file: FileStorage | None = None) -> EvidenceDocument:
    doc = EvidenceDocument(unit_id=unit_id, kind=kind, number=number, title=title,
                           document_date=document_date, reference=reference or None)
    return _add_evidence(officer, doc, "integrity.document_added", "evidence_document", file=file,
                         kind=kind.value, unit_id=unit_id)


def add_activity(officer: Officer, *, unit_id: int | None, kind: ActivityKind, activity_date: date, title: str,
                 participants: int | None, reference: str | None,
                 file: FileStorage | None = None) -> EvidenceActivity:
    act = EvidenceActivity(unit_id=unit_id, kind=kind, activity_date=activity_date, title=title,
                           participants=participants, reference=reference or None)
    return _add_evidence(officer, act, "integrity.activity_added", "evidence_activity", file=file,
                         kind=kind.value, unit_id=unit_id)


def _recommendation_lines(text: str | None) -> list[str]:
    return [line.strip()[:500] for line in (text or "").splitlines() if line.strip()]


def add_monev(officer: Officer, *, unit_id: int | None, scope: MonevScope, held_on: date, title: str,
              recommendations: str | None, source: MonevSource = MonevSource.rapat,
              period: Period | None = None, obstacles: str | None = None,
              solutions: str | None = None, file: FileStorage | None = None) -> MonevRecord:
    record = MonevRecord(unit_id=unit_id, scope=scope, source=source, held_on=held_on, title=title,
                         obstacles=obstacles or None, solutions=solutions or None)
    if period is not None:
        record.period_year, record.period_kind, record.period_index = period.year, period.kind, period.index
    for line in _recommendation_lines(recommendations):
        record.recommendations.append(MonevRecommendation(
            text=line, status=RecommendationStatus.terbuka, status_changed_at=clock.utcnow(),
            status_changed_by_id=officer.id))
    return _add_evidence(officer, record, "integrity.monev_added", "monev_record", file=file, scope=scope.value,
                         source=source.value, unit_id=unit_id, recommendations=len(record.recommendations))


def record_monev_report(officer: Officer, *, unit_id: int | None, period: Period, scope: MonevScope,
                        obstacles: str | None, solutions: str | None,
                        recommendations: str | None = None) -> MonevRecord:
    """Generating the app's monev report counts as a monev held today (LKE PPE3.c/PPE4.b)."""
    title = f"Laporan monev {('pengaduan dan WBS' if scope is MonevScope.keduanya else scope.value)} " \
            f"{period.label_id}"
    return add_monev(officer, unit_id=unit_id, scope=scope, held_on=clock.local_today(), title=title,
                     recommendations=recommendations, source=MonevSource.laporan_aplikasi, period=period,
                     obstacles=obstacles, solutions=solutions)


def set_recommendation_status(officer: Officer, recommendation_id: int,
                              status: RecommendationStatus) -> MonevRecommendation:
    rec = db.session.get(MonevRecommendation, recommendation_id)
    if rec is None:
        raise IntegrityError("Rekomendasi tidak ditemukan.")
    rec.status = status
    rec.status_changed_at = clock.utcnow()
    rec.status_changed_by_id = officer.id
    audit.record("integrity.recommendation_status", actor_id=officer.id, object_type="monev_recommendation",
                 object_id=rec.id, status=status.value, commit=False)
    db.session.commit()
    return rec


def add_recap(officer: Officer, *, unit_id: int | None, year: int, semester: int, sent_on: date,
              reference: str | None) -> KpkRecap:
    existing = db.session.execute(select(KpkRecap).where(
        KpkRecap.year == year, KpkRecap.semester == semester,
        KpkRecap.unit_id.is_(None) if unit_id is None else KpkRecap.unit_id == unit_id,
    )).scalar_one_or_none()
    if existing is not None:
        raise IntegrityError("Rekap semester ini sudah dicatat.")
    recap = KpkRecap(unit_id=unit_id, year=year, semester=semester, sent_on=sent_on,
                     due_on=_semester_due(year, semester), reference=reference or None)
    return _add_evidence(officer, recap, "integrity.recap_added", "kpk_recap", year=year, semester=semester,
                         on_time=recap.on_time)


@dataclass(frozen=True)
class EvidenceFile:
    """An evidence record's file as one officer sees it in a list."""

    id: int
    filename: str | None  # None: this officer cannot open it (not in the case ring)
    kind: str
    mime: str
    size: int

    @property
    def kind_label(self) -> str:
        return str(uploads.KIND_LABELS.get(self.kind, self.kind))

    @property
    def size_text(self) -> str:
        return uploads.size_text(self.size)


@dataclass
class EvidenceList:
    documents: list[EvidenceDocument]
    activities: list[EvidenceActivity]
    monev: list[MonevRecord]
    recaps: list[KpkRecap]
    # (owner type, record id) -> its files; filled by with_files() for the reading officer.
    files: dict[tuple[str, int], list[EvidenceFile]] = field(default_factory=dict)

    def files_of(self, record: Any) -> list[EvidenceFile]:
        return self.files.get((type(record).ATTACHMENT_OWNER, record.id), [])


def with_files(evidence: EvidenceList, officer: Officer, private_key: bytes | None) -> EvidenceList:
    """Add the records' files: one query per kind of record, names opened for this officer."""
    def shown(row: Attachment) -> EvidenceFile:
        return EvidenceFile(row.id, uploads.readable_filename(officer, private_key, row), row.kind, row.mime,
                            row.size)

    for records in (evidence.documents, evidence.activities, evidence.monev):
        if not records:
            continue
        owner = type(records[0]).ATTACHMENT_OWNER
        for owner_id, rows in uploads.attachments_of_many(owner, (r.id for r in records)).items():
            evidence.files[(owner, owner_id)] = [shown(row) for row in rows]
    return evidence


def evidence_list(unit_id: int | None, start: date | None = None, end: date | None = None) -> EvidenceList:
    """The evidence of a unit (its own and agency-wide); documents regardless of date."""
    def scoped(model: Any) -> Any:
        return q._evidence_unit(model.unit_id, unit_id)

    docs = db.session.execute(select(EvidenceDocument).where(scoped(EvidenceDocument))
                              .order_by(EvidenceDocument.document_date.desc())).scalars().all()
    acts = select(EvidenceActivity).where(scoped(EvidenceActivity))
    mons = select(MonevRecord).where(scoped(MonevRecord))
    reps = select(KpkRecap).where(scoped(KpkRecap))
    if start and end:
        acts = acts.where(EvidenceActivity.activity_date.between(start, end))
        mons = mons.where(MonevRecord.held_on.between(start, end))
        reps = reps.where(KpkRecap.year.between(start.year, end.year))
    return EvidenceList(
        list(docs),
        list(db.session.execute(acts.order_by(EvidenceActivity.activity_date.desc())).scalars()),
        list(db.session.execute(mons.order_by(MonevRecord.held_on.desc())).scalars()),
        list(db.session.execute(reps.order_by(KpkRecap.year.desc(), KpkRecap.semester.desc())).scalars()),
    )


def monev_report_data(record: MonevRecord) -> dict[str, Any]:
    """What the generated monev report shows: complaints per month per category, follow-up."""
    period = Period(record.period_year, record.period_kind, record.period_index) if record.period_year \
        else Period.containing(record.held_on, "quarter")
    scope = Scope(period.start, period.end, record.unit_id)
    per_month = q.complaint_counts_by_month(scope, by_category=True)
    months = period.sub_periods("month")
    categories = sorted({key[0] for key in per_month})
    table = [[per_month.get((c, m.year, m.index), 0) for m in months] for c in categories]
    kpis = complaint_kpis(scope)
    return {"period": period, "months": months, "categories": categories, "table": table, "kpis": kpis,
            "rows": list(zip(categories, table)),
            "record": record}


def status_label(kind: str, status: str) -> str:
    machine = GRATIFICATION if kind == q.KIND_REPORT else COMPLAINT
    try:
        return machine.state(status).label_id
    except KeyError:
        return status


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %".replace(".", ",")


def is_percent_question(rs: LkeRuleset, code: str) -> bool:
    return rs.question(code).scale == PERCENT

