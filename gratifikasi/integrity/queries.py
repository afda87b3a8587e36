"""Every SQL statement of the integrity score, behind small functions returning plain counts.

The report and complaint tables belong to other modules; if their columns change, only this
file moves. All aggregation happens in the database (``GROUP BY``, conditional ``SUM``); no
function here loops over cases in Python. Durations in working days need the tenant calendar,
so they are fetched grouped by *(start date, end date)* pairs and weighed by their count:
at most a few thousand pairs a year, however many cases.

A "measure" names a subset of cases (``"terlambat"``, ``"status:diteruskan_kpk"``,
``"kategori:suap"``). The dashboard counts it and the drill-down list filters by the very
same SQL condition, so a number and the list behind it always agree. The agency-wide
dashboard reads these aggregates per month from stored totals (:mod:`.totals`), which are
the output of the very statements below.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, case, distinct, exists, func, literal, or_, select, text, true, tuple_

from ..extensions import db
from ..models import Unit
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
from ..models.kpk import KpkForwarding
from ..models.report import GiftObject, GratificationReport, MessageKind, ReportMessage
from ..rules.report_fields import JenisLaporan
from ..rules.workflow import COMPLAINT, GRATIFICATION, StateMachine

from ..models.complaint import Complaint, ComplaintCategory, ComplaintMessage

KIND_REPORT = "gratifikasi"
KIND_COMPLAINT = "pengaduan"
KINDS = (KIND_REPORT, KIND_COMPLAINT)


def _reachable(machine: StateMachine, start: str) -> frozenset[str]:
    """``start`` and every state reachable from it (read from the workflow data)."""
    seen, todo = {start}, [start]
    while todo:
        state = todo.pop()
        for tr in machine.available_actions(state):
            if tr.target not in seen:
                seen.add(tr.target)
                todo.append(tr.target)
    return frozenset(seen)


# Forwarded to KPK = in "diteruskan_kpk" or any state after it (decision, follow-up, closed).
FORWARDED_STATES = _reachable(GRATIFICATION, "diteruskan_kpk")
# Still at intake: not yet processed by the UPG.
INTAKE_STATES = frozenset({"diterima_upg", "perlu_dilengkapi"})
DECISION_STATES = ("milik_penerima", "milik_negara", "milik_negara_dapat_dikompensasi")

COMPLAINT_STATES_BY_CLASS: dict[str, tuple[str, ...]] = {}
for _state in COMPLAINT.states.values():
    COMPLAINT_STATES_BY_CLASS.setdefault(_state.classification or "", ())
    COMPLAINT_STATES_BY_CLASS[_state.classification or ""] += (_state.id,)
CLOSED_COMPLAINT_STATES = tuple(s.id for s in COMPLAINT.states.values() if s.final)


@dataclass(frozen=True)
class Scope:
    """Which cases: received in ``[start, end]``, of one unit or (None) the whole agency."""

    start: date
    end: date
    unit_id: int | None = None


# ------------------------------------------------------------------ column mapping
# The only place that knows the report and complaint column names.

def _report_date() -> Any:
    return GratificationReport.tanggal_lapor  # the UPG's receipt date (Asia/Jakarta)


def complaints_available() -> bool:
    return True


def _complaint_date() -> Any:
    return Complaint.received_on  # Asia/Jakarta date of receipt


def _complaint_unit() -> Any:
    return Complaint.terlapor_unit_id  # the OPD complained about: the unit whose LKE it is


def _complaint_category() -> Any:
    return Complaint.category


def _complaint_channel() -> Any:
    return Complaint.channel


def _complaint_number() -> Any:
    return Complaint.number


@dataclass(frozen=True)
class CaseTable:
    """What the dashboard totals (totals.py) watch of a case table: a change to one of the
    ``watched`` columns (those read here) or to a row of a ``children`` table (model, column
    holding the case id) changes the counts of the month of ``date_column``."""

    kind: str
    model: type
    date_column: str
    watched: tuple[str, ...]
    children: tuple[tuple[type, str], ...]


CASE_TABLES = (
    CaseTable(KIND_REPORT, GratificationReport, "tanggal_lapor",
              ("status", "unit_id", "tanggal_lapor", "late_working_days", "jenis_laporan"),
              ((GiftObject, "report_id"), (ReportMessage, "report_id"), (KpkForwarding, "report_id"))),
    CaseTable(KIND_COMPLAINT, Complaint, "received_on",
              ("status", "terlapor_unit_id", "received_on", "category", "channel", "status_changed_at"),
              ((ComplaintMessage, "complaint_id"),)),
)


def _jakarta_date(column: Any) -> Any:
    """The Asia/Jakarta (UTC+7, no DST) date of a naive-UTC timestamp column."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.date(column + text("INTERVAL '7 hours'"))
    return func.date(column, "+7 hours")


def _first_officer_message(window: tuple[int, int]) -> Any:
    """Subquery: each complaint's first officer message (its first response), for complaint
    ids in ``window`` (ids grow with the receipt date; the window keeps the scan small)."""
    return (
        select(ComplaintMessage.complaint_id.label("complaint_id"),
               func.min(ComplaintMessage.created_at).label("at"))
        .where(ComplaintMessage.author_type == "officer", ComplaintMessage.complaint_id.between(*window))
        .group_by(ComplaintMessage.complaint_id)
        .subquery()
    )


def _closed_on() -> Any:
    """When a complaint reached a final state: its last status change."""
    return case((Complaint.status.in_(CLOSED_COMPLAINT_STATES), _jakarta_date(Complaint.status_changed_at)),
                else_=None)


def _as_date(column: Any) -> Any:
    return func.date(column) if column is not None else None


# ------------------------------------------------------------------ scopes and measures

def _report_scope(scope: Scope) -> ColumnElement[bool]:
    cond = _report_date().between(scope.start, scope.end)
    if scope.unit_id is not None:
        cond = and_(GratificationReport.unit_id == scope.unit_id, cond)
    return cond


def _complaint_scope(scope: Scope) -> ColumnElement[bool]:
    cond = _complaint_date().between(scope.start, scope.end)
    if scope.unit_id is not None:
        cond = and_(_complaint_unit() == scope.unit_id, cond)
    return cond


def _first_submission_complete() -> ColumnElement[bool]:
    return ~exists().where(
        ReportMessage.report_id == GratificationReport.id,
        ReportMessage.kind == MessageKind.completion_request,
    )


def report_measure(measure: str) -> ColumnElement[bool]:
    """SQL condition of a report measure; ValueError for an unknown one."""
    if measure == "semua":
        return true()
    if measure == "tepat_waktu":  # reported to the UPG within its deadline
        return GratificationReport.late_working_days.is_(None)
    if measure == "terlambat":
        return GratificationReport.late_working_days.is_not(None)
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


def complaint_measure(measure: str) -> ColumnElement[bool]:
    """SQL condition of a complaint measure; ValueError for an unknown one."""
    if measure == "semua":
        return true()
    if measure in ("harus", "selesai", "dikecualikan", "diproses"):
        classes = {
            "harus": ("belum_ditelaah", "harus_ditindaklanjuti", "selesai_ditindaklanjuti"),
            "selesai": ("selesai_ditindaklanjuti",),
            "diproses": ("belum_ditelaah", "harus_ditindaklanjuti"),
            "dikecualikan": ("tidak_dapat_ditindaklanjuti",),
        }[measure]
        states = [s for c in classes for s in COMPLAINT_STATES_BY_CLASS.get(c, ())]
        return Complaint.status.in_(states)
    if measure.startswith("status:") and measure[7:] in COMPLAINT.states:
        return Complaint.status == measure[7:]
    if measure.startswith("kategori:") and measure[9:] in {c.value for c in ComplaintCategory}:
        return _complaint_category() == ComplaintCategory(measure[9:])
    raise ValueError(f"unknown complaint measure {measure!r}")


def tune_for_aggregates() -> None:
    """On PostgreSQL, give this transaction's grouped queries enough memory to hash in RAM
    (the 4 MB default spills the sort behind a year's GROUP BY to disk). Not needed elsewhere."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL work_mem = '32MB'"))


def _count_if(cond: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


# ------------------------------------------------------------------ report KPIs
# The dashboards read one grouped "cube" per table (unit × status × month, with the measures
# that are not a function of status summed alongside) and add it up in Python: a few
# thousand cells at most, one index scan per table, whatever the number of cases. The KPIs
# keep it as cells per unit and status over the scope, and cases per month.

REPORT_MEASURES = ("semua", "tepat_waktu", "terlambat", "penolakan", "diteruskan", "diproses",
                   "lengkap_pertama")


class ReportCell(NamedTuple):  # a tuple: a year's dashboard builds thousands of them
    unit_id: int
    status: str
    year: int
    month: int
    n: int
    on_time: int   # measure "tepat_waktu"
    refusals: int  # measure "penolakan"
    min_id: int = 0
    max_id: int = 0


class StatusCell(NamedTuple):
    """Cases of one unit in one status over a whole scope (reports also: the measures that
    are not a function of status)."""

    unit_id: int | None
    status: str
    n: int
    on_time: int = 0   # measure "tepat_waktu"
    refusals: int = 0  # measure "penolakan"


Months = dict[tuple[int, int], int]  # (year, month) → cases


def fold_months(cells: Iterable[ReportCell] | Iterable[ComplaintCell]) -> tuple[list[StatusCell], Months]:
    """Month cells as cells per unit and status over their months, and cases per month."""
    sums: dict[tuple[int | None, str], list[int]] = {}
    months: Months = {}
    for c in cells:
        acc = sums.setdefault((c.unit_id, c.status), [0, 0, 0])
        acc[0] += c.n
        if isinstance(c, ReportCell):
            acc[1] += c.on_time
            acc[2] += c.refusals
        months[(c.year, c.month)] = months.get((c.year, c.month), 0) + c.n
    return [StatusCell(unit, status, *acc) for (unit, status), acc in sums.items()], months


# The grouped statements below label their columns: the dashboard totals (totals.py) insert
# them as they are (INSERT … SELECT), the functions here fetch them.

def report_cells_select(scope: Scope) -> Select:
    year, month = _month_key(_report_date())
    keys = (GratificationReport.unit_id.label("unit_id"), GratificationReport.status.label("status"),
            year.label("year"), month.label("month"))
    return (
        select(*keys, func.count().label("n"), _count_if(report_measure("tepat_waktu")).label("on_time"),
               _count_if(report_measure("penolakan")).label("refusals"),
               func.min(GratificationReport.id).label("min_id"), func.max(GratificationReport.id).label("max_id"))
        .where(_report_scope(scope)).group_by(*keys)
    )


def report_cells(scope: Scope) -> list[ReportCell]:
    rows = db.session.execute(report_cells_select(scope))
    return [ReportCell(int(u), s, int(y), int(m), int(n), int(ot), int(rf), int(lo), int(hi))
            for u, s, y, m, n, ot, rf, lo, hi in rows]


def id_window_of(cells: Iterable[ReportCell]) -> tuple[int, int] | None:
    """The report id window of the cells (see :func:`_report_id_window`), without a query."""
    cells = list(cells)
    return (min(c.min_id for c in cells), max(c.max_id for c in cells)) if cells else None


def _id_window(cells: Select) -> tuple[int, int] | None:
    """Smallest and largest case id of grouped cells (their ``min_id`` and ``max_id``).

    Read from the cells, not as ``min(id)`` over the scope: for that PostgreSQL may walk the
    primary key from one end until it meets the period (seconds at a million cases)."""
    sub = cells.subquery()
    lo, hi = db.session.execute(select(func.min(sub.c.min_id), func.max(sub.c.max_id))).one()
    return None if lo is None else (int(lo), int(hi))


def _report_id_window(scope: Scope) -> tuple[int, int] | None:
    """Smallest and largest report id in the scope.

    Joins to objects and messages add ``report_id BETWEEN lo AND hi``: always true for the
    scope's reports, so the result is unchanged, but since ids grow with the submission date
    it lets the database read only that slice of the child tables' indexes."""
    return _id_window(report_cells_select(scope))


def completion_requested_count(scope: Scope, window: tuple[int, int] | None = None) -> int:
    """Reports the UPG had to return for completion (the complement of "lengkap_pertama")."""
    window = window or _report_id_window(scope)
    if window is None:
        return 0
    return int(db.session.execute(
        select(func.count(distinct(ReportMessage.report_id)))
        .join(GratificationReport, ReportMessage.report_id == GratificationReport.id)
        .where(ReportMessage.kind == MessageKind.completion_request, ReportMessage.report_id.between(*window),
               _report_scope(scope))
    ).scalar_one())


def report_id_window(scope: Scope) -> tuple[int, int] | None:
    return _report_id_window(scope)


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


def report_counts(scope: Scope) -> dict[str, int]:
    """Counts of every report measure (the same conditions as the drill-down lists)."""
    return summarise_report_cells(report_cells(scope), completion_requested_count(scope))


def summarise_report_cells(cells: Iterable[ReportCell] | Iterable[StatusCell],
                           completion_requested: int) -> dict[str, int]:
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


def object_totals(scope: Scope, window: tuple[int, int] | None = None) -> dict[str, int]:
    """Number of gift objects and their total estimated value (Rupiah)."""
    window = window or _report_id_window(scope)
    if window is None:
        return {"objek": 0, "nilai": 0}
    row = db.session.execute(
        select(func.count(), func.coalesce(func.sum(GiftObject.nilai_taksiran), 0))
        .join(GratificationReport, GiftObject.report_id == GratificationReport.id)
        .where(GiftObject.report_id.between(*window), _report_scope(scope))
    ).one()
    return {"objek": int(row[0]), "nilai": int(row[1])}


def _month_key(column: Any) -> tuple[Any, Any]:
    return func.extract("year", column), func.extract("month", column)


def report_counts_by_month(scope: Scope, by_unit: bool = False) -> dict[tuple, int]:
    """``{(year, month): n}`` or, with ``by_unit``, ``{(unit_id, year, month): n}``."""
    out: dict[tuple, int] = {}
    for c in report_cells(scope):
        key = (c.unit_id, c.year, c.month) if by_unit else (c.year, c.month)
        out[key] = out.get(key, 0) + c.n
    return out


def forwarding_pairs_select(scope: Scope) -> Select:
    received, forwarded = _report_date().label("start_on"), _as_date(KpkForwarding.forwarded_on).label("end_on")
    return (
        select(received, forwarded, func.count().label("n"))
        .join(KpkForwarding, KpkForwarding.report_id == GratificationReport.id)
        .where(_report_scope(scope))
        .group_by(received, forwarded)
    )


def forwarding_day_pairs(scope: Scope) -> list[tuple[date, date, int]]:
    """(received by the UPG, forwarded to KPK, n) of the reports forwarded so far."""
    return [(_to_date(a), _to_date(b), int(n)) for a, b, n in db.session.execute(forwarding_pairs_select(scope))]


# ------------------------------------------------------------------ complaint KPIs

class ComplaintCell(NamedTuple):
    unit_id: int | None
    status: str
    year: int
    month: int
    n: int
    min_id: int = 0
    max_id: int = 0


def complaint_cells_select(scope: Scope) -> Select:
    year, month = _month_key(_complaint_date())
    keys = (_complaint_unit().label("unit_id"), Complaint.status.label("status"), year.label("year"),
            month.label("month"))
    return (
        select(*keys, func.count().label("n"), func.min(Complaint.id).label("min_id"),
               func.max(Complaint.id).label("max_id"))
        .where(_complaint_scope(scope)).group_by(*keys)
    )


def complaint_cells(scope: Scope) -> list[ComplaintCell]:
    rows = db.session.execute(complaint_cells_select(scope))
    return [ComplaintCell(u, s, int(y), int(m), int(n), int(lo), int(hi)) for u, s, y, m, n, lo, hi in rows]


def complaint_categories_select(scope: Scope) -> Select:
    keys = [_complaint_category().label("category"), Complaint.status.label("status"),
            _complaint_channel().label("channel")]
    return select(*keys, func.count().label("n")).where(_complaint_scope(scope)).group_by(*keys)


def complaint_category_cells(scope: Scope) -> list[tuple[str, str, str | None, int]]:
    """(category, status, channel, n): complaints by category and outcome, and the channels."""
    rows = db.session.execute(complaint_categories_select(scope))
    return [(str(_plain(c)), s, _plain(ch), int(n)) for c, s, ch, n in rows]


def _complaint_window(cells: Iterable[ComplaintCell]) -> tuple[int, int] | None:
    cells = list(cells)
    return (min(c.min_id for c in cells), max(c.max_id for c in cells)) if cells else None


def complaint_id_window(scope: Scope) -> tuple[int, int] | None:
    """Smallest and largest complaint id in the scope (see :func:`_first_officer_message`)."""
    return _id_window(complaint_cells_select(scope))


def complaint_response_select(scope: Scope, window: tuple[int, int], by_unit: bool = False) -> Select:
    first = _first_officer_message(window)
    keys = ([_complaint_unit().label("unit_id")] if by_unit else []) + [
        _complaint_date().label("start_on"), _jakarta_date(first.c.at).label("end_on")]
    return (
        select(*keys, func.count().label("n")).join(first, first.c.complaint_id == Complaint.id)
        .where(_complaint_scope(scope)).group_by(*keys)
    )


def complaint_response_pairs(scope: Scope, cells: list[ComplaintCell] | None = None,
                             by_unit: bool = False) -> list[tuple]:
    """(received, first officer answer, n) pairs, optionally with the unit id first."""
    window = _complaint_window(cells if cells is not None else complaint_cells(scope))
    if window is None:
        return []
    rows = db.session.execute(complaint_response_select(scope, window, by_unit))
    return [tuple(row[:-3]) + (_to_date(row[-3]), _to_date(row[-2]), int(row[-1])) for row in rows]


def complaint_close_select(scope: Scope) -> Select:
    received, closed = _complaint_date().label("start_on"), _closed_on().label("end_on")
    return (
        select(received, closed, func.count().label("n"))
        .where(_complaint_scope(scope), Complaint.status.in_(CLOSED_COMPLAINT_STATES))
        .group_by(received, closed)
    )


def complaint_close_pairs(scope: Scope) -> list[tuple[date, date, int]]:
    return [(_to_date(a), _to_date(b), int(n)) for a, b, n in db.session.execute(complaint_close_select(scope))]


@dataclass
class ComplaintAggregates:
    cells: list[StatusCell]
    months: Months
    categories: list[tuple[str, str, str | None, int]]
    response_pairs: list[tuple[date, date, int]]
    close_pairs: list[tuple[date, date, int]]


def complaint_aggregates(scope: Scope) -> ComplaintAggregates:
    """Everything the complaint KPIs need. On PostgreSQL the three groupings of the complaint
    rows come from one scan (GROUPING SETS); other databases run them one by one (same
    results). The first responses come from the message table, joined within the id window."""
    tune_for_aggregates()
    if db.session.get_bind().dialect.name != "postgresql":
        month_cells = complaint_cells(scope)
        return ComplaintAggregates(*fold_months(month_cells), complaint_category_cells(scope),
                                   complaint_response_pairs(scope, month_cells), complaint_close_pairs(scope))
    year, month = _month_key(_complaint_date())
    unit, category, channel, received = _complaint_unit(), _complaint_category(), _complaint_channel(), _complaint_date()
    close = _closed_on()
    lo, hi = func.min(Complaint.id), func.max(Complaint.id)
    cols = [unit, Complaint.status, year, month, category, channel, received, close]
    sets = [(unit, Complaint.status, year, month), (category, Complaint.status, channel), (received, close)]
    stmt = (select(*cols, func.grouping(*cols), func.count(), lo, hi).where(_complaint_scope(scope))
            .group_by(func.grouping_sets(*[tuple_(*s) for s in sets])))
    # GROUPING(all columns) is a bit mask, leftmost column = highest bit; 1 = not in the set.
    width = len(cols)

    def mask(members: tuple) -> int:
        ids = {id(m) for m in members}
        return sum(1 << (width - 1 - i) for i, c in enumerate(cols) if id(c) not in ids)

    masks = [mask(s) for s in sets]
    out = ComplaintAggregates([], {}, [], [], [])
    month_cells: list[ComplaintCell] = []
    for u, st, y, m, cat, ch, rec, cl, grouping, n, first_id, last_id in db.session.execute(stmt):
        if grouping == masks[0]:
            month_cells.append(ComplaintCell(u, st, int(y), int(m), int(n), int(first_id), int(last_id)))
        elif grouping == masks[1]:
            out.categories.append((str(_plain(cat)), st, _plain(ch), int(n)))
        elif grouping == masks[2] and cl is not None:
            out.close_pairs.append((_to_date(rec), _to_date(cl), int(n)))
    out.cells, out.months = fold_months(month_cells)
    out.response_pairs = complaint_response_pairs(scope, month_cells)
    return out


def complaint_status_counts(scope: Scope) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in complaint_cells(scope):
        out[c.status] = out.get(c.status, 0) + c.n
    return out


def complaint_counts_by_month(scope: Scope, by_unit: bool = False,
                              by_category: bool = False) -> dict[tuple, int]:
    if not by_category:
        out: dict[tuple, int] = {}
        for c in complaint_cells(scope):
            key = (c.unit_id, c.year, c.month) if by_unit else (c.year, c.month)
            out[key] = out.get(key, 0) + c.n
        return out
    year, month = _month_key(_complaint_date())
    keys = ([_complaint_unit()] if by_unit else []) + [_complaint_category(), year.label("y"), month.label("m")]
    rows = db.session.execute(select(*keys, func.count()).where(_complaint_scope(scope)).group_by(*keys))
    return {tuple(_plain(v) for v in row[:-3]) + (int(row[-3]), int(row[-2])): int(row[-1]) for row in rows}


# ------------------------------------------------------------------ drill-down lists

@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    status: str
    received: date


def case_rows(kind: str, scope: Scope, measure: str, limit: int = 100, offset: int = 0) -> tuple[list[CaseRow], int]:
    """The cases behind a number: id, public number, status and date only (no content)."""
    if kind == KIND_REPORT:
        model, cond, day = GratificationReport, report_measure(measure), _report_date()
        where = and_(_report_scope(scope), cond)
        number = GratificationReport.tracking_number
    elif kind == KIND_COMPLAINT:
        model, cond, day = Complaint, complaint_measure(measure), _complaint_date()
        where = and_(_complaint_scope(scope), cond)
        number = _complaint_number()
    else:
        return [], 0
    total = int(db.session.execute(select(func.count()).select_from(model).where(where)).scalar_one())
    rows = db.session.execute(
        select(model.id, number, model.status, day).where(where)
        .order_by(day.desc(), model.id.desc()).limit(limit).offset(offset)
    )
    return [CaseRow(r[0], r[1] or f"#{r[0]}", r[2], _to_date(r[3])) for r in rows], total


# ------------------------------------------------------------------ evidence

def _evidence_unit(column: Any, unit_id: int | None) -> ColumnElement[bool]:
    """Evidence of the unit or agency-wide (unit NULL); agency view: all of it."""
    if unit_id is None:
        return true()
    return or_(column.is_(None), column == unit_id)


def document_on_file(kind: DocumentKind, unit_id: int | None, by: date) -> bool:
    return db.session.execute(
        select(literal(1)).where(
            EvidenceDocument.kind == kind, EvidenceDocument.document_date <= by,
            _evidence_unit(EvidenceDocument.unit_id, unit_id),
        ).limit(1)
    ).first() is not None


def activity_dates(unit_id: int | None, start: date, end: date,
                   kinds: Iterable[ActivityKind] = tuple(ActivityKind)) -> list[date]:
    """Distinct activity dates (a handful a year): what the regularity rules need."""
    rows = db.session.execute(
        select(distinct(EvidenceActivity.activity_date)).where(
            EvidenceActivity.kind.in_(list(kinds)), EvidenceActivity.activity_date.between(start, end),
            _evidence_unit(EvidenceActivity.unit_id, unit_id),
        )
    ).scalars()
    return sorted(_to_date(d) for d in rows)


def _monev_scope(scope: MonevScope) -> ColumnElement[bool]:
    return MonevRecord.scope.in_([scope, MonevScope.keduanya])


def monev_dates(unit_id: int | None, scope: MonevScope, start: date, end: date) -> list[date]:
    rows = db.session.execute(
        select(distinct(MonevRecord.held_on)).where(
            _monev_scope(scope), MonevRecord.held_on.between(start, end),
            _evidence_unit(MonevRecord.unit_id, unit_id),
        )
    ).scalars()
    return sorted(_to_date(d) for d in rows)


def monev_recommendation_counts(unit_id: int | None, scope: MonevScope, start: date, end: date) -> dict[str, int]:
    """Monev held in the period, their recommendations and how many are closed."""
    where = and_(_monev_scope(scope), MonevRecord.held_on.between(start, end),
                 _evidence_unit(MonevRecord.unit_id, unit_id))
    monev = int(db.session.execute(select(func.count()).select_from(MonevRecord).where(where)).scalar_one())
    row = db.session.execute(
        select(func.count(MonevRecommendation.id),
               _count_if(MonevRecommendation.status == RecommendationStatus.selesai))
        .join(MonevRecord, MonevRecommendation.monev_id == MonevRecord.id).where(where)
    ).one()
    return {"monev": monev, "rekomendasi": int(row[0]), "selesai": int(row[1])}


def recaps(unit_id: int | None, year: int) -> dict[int, tuple[date, date]]:
    """``{semester: (sent_on, due_on)}`` of the recaps of ``year`` (unit's or agency-wide)."""
    rows = db.session.execute(
        select(KpkRecap.semester, func.min(KpkRecap.sent_on), func.max(KpkRecap.due_on))
        .where(KpkRecap.year == year, _evidence_unit(KpkRecap.unit_id, unit_id))
        .group_by(KpkRecap.semester)
    )
    return {int(s): (_to_date(a), _to_date(b)) for s, a, b in rows}


def active_units() -> list[tuple[int, str, str]]:
    rows = db.session.execute(select(Unit.id, Unit.code, Unit.name).where(Unit.active.is_(True)).order_by(Unit.name))
    return [(r[0], r[1], r[2]) for r in rows]


def unit_name(unit_id: int) -> str | None:
    return db.session.execute(select(Unit.name).where(Unit.id == unit_id)).scalar_one_or_none()


# ------------------------------------------------------------------ helpers

def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])  # SQLite returns date() results as text


def _plain(value: Any) -> Any:
    if hasattr(value, "value"):
        return value.value
    return value

