"""Dashboard totals: each month's agency-wide aggregates, stored, so that the agency dashboard
adds up a few thousand rows instead of reading every case of the period (issue 7: p95 under
200 ms at 1,000,000 cases).

A month's stored rows are what the aggregate queries of :mod:`.report_queries` and
:mod:`.complaint_queries` return for that month, and a period's figures are their sum: one way
of counting, so a number still equals the drill-down list behind it. They are exact whenever they are read:

* a service that adds or changes a case row (or a row counted with it: gift object, message,
  KPK forwarding) calls :func:`mark_changed`, which appends the case to
  ``integrity_total_dirty`` in its transaction. Appending takes no shared lock, so concurrent
  submissions never wait for each other here (issue 5);
* before totals are read, :func:`catch_up` recounts the slices with uncounted changes from
  the case tables, in the reader's transaction (its own uncommitted changes included), and
  removes the dirty rows it read. A recount first upserts the slice's
  ``integrity_total_month`` row: its row lock makes concurrent recounts take turns. A change
  committed while a recount runs keeps its dirty row (only rows read are removed), so the
  next read counts it. The integrity pages commit the recount their read did (views.py);
* a month without a month row (cases loaded before migration 0012 or by raw SQL) is read from
  the case tables; ``flask integrity refresh-totals`` counts every month again.

A slice is counted per unit (status rows; category and duration rows ``by_unit``; gift
objects and completion requests in ``integrity_unit_total``), so a unit page reads stored
totals too (issue 14.5). The agency-wide category and duration rows and the month row's sums
are then added up from those stored rows, not counted from the case tables a second time.
Odd date ranges read the case tables directly.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import Date, Select, Table, delete, distinct, func, insert, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite

from .. import clock
from ..extensions import Model, db
from ..models.integrity import (
    IntegrityCategoryTotal,
    IntegrityDurationTotal,
    IntegrityStatusTotal,
    IntegrityTotalDirty,
    IntegrityTotalMonth,
    IntegrityUnitTotal,
)
from ..models.rows import Rows
from . import complaint_queries, report_queries
from .case_queries import CASE_TABLES
from .complaint_queries import ComplaintAggregates
from .queries import KIND_COMPLAINT, KIND_REPORT, Months, Scope, StatusCell, to_date, tune_for_aggregates
from .report_queries import ReportAggregates

Slice = tuple[str, date]  # (kind, first day of the month)
ROW_MODELS = (IntegrityStatusTotal, IntegrityCategoryTotal, IntegrityDurationTotal, IntegrityUnitTotal)
# Tables holding agency-wide rows (unit_id NULL) beside the per-unit ones.
BOTH_LEVELS = (IntegrityCategoryTotal, IntegrityDurationTotal)
RECOUNTED = "integrity_totals_recounted"  # session.info flag: a read recounted (commit to keep)
# The dirty list is read and pruned as a Core table: no ORM objects for rows that exist only
# to be deleted. Declarative types ``__table__`` as a FromClause; the model is mapped to a Table.
DIRTY = cast(Table, IntegrityTotalDirty.__table__)


def month_of(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _months(start: date, end: date) -> list[date]:
    out, month = [], month_of(start)
    while month <= end:
        out.append(month)
        month = month_end(month) + timedelta(days=1)
    return out


# ------------------------------------------------------------------ marking changes

def mark_changed(kind: str, record_id: int, into: Rows | None = None) -> None:
    """Note, in the caller's transaction, that a case's counted rows changed (it was opened,
    moved, got a message or a KPK record): its month is recounted before the next read.

    Called explicitly by the services that make such changes (``cases.opening``,
    ``cases.transitions``, the message threads). One INSERT that takes no shared lock, so
    concurrent submissions never wait for each other here. ``into``: the intake's batch of new
    rows (``models.rows``), written with the record's other rows.
    """
    if into is not None:
        into.add(IntegrityTotalDirty(kind=kind, month=None, case_id=record_id))
        return
    db.session.execute(insert(IntegrityTotalDirty).values(kind=kind, month=None, case_id=record_id))


def mark_month(kind: str, month: date) -> None:
    """Note that a whole month of ``kind`` must be recounted (e.g. a case left it)."""
    db.session.execute(insert(IntegrityTotalDirty).values(kind=kind, month=month_of(month), case_id=None))


def _chunks(values: list[int], size: int = 500) -> Any:
    return (values[i:i + size] for i in range(0, len(values), size))


def catch_up() -> int:
    """Recount every slice with uncounted changes, in the current transaction; returns how
    many slices were recounted. The caller commits to keep them counted."""
    session = db.session()
    session.flush()
    dirty = DIRTY
    rows = session.execute(select(dirty.c.id, dirty.c.kind, dirty.c.month, dirty.c.case_id)).all()
    if not rows:
        return 0
    slices = {(kind, month_of(to_date(month))) for _id, kind, month, _case in rows if month is not None}
    with session.no_autoflush:
        for table in CASE_TABLES:
            ids = sorted({case for _id, kind, _month, case in rows if kind == table.kind and case is not None})
            date_column = getattr(table.model, table.date_column)
            for chunk in _chunks(ids):
                days = session.execute(select(distinct(date_column)).where(table.model.id.in_(chunk))).scalars()
                slices.update((table.kind, month_of(to_date(d))) for d in days)
        for kind, month in sorted(slices):  # one order everywhere: no deadlock between recounts
            _recount(kind, month)
        # Only the rows read: a change committed meanwhile stays to be counted next time.
        for chunk in _chunks(sorted(row.id for row in rows)):
            session.execute(delete(dirty).where(dirty.c.id.in_(chunk)))
    session.info[RECOUNTED] = True
    return len(slices)


# ------------------------------------------------------------------ counting

def _lock_slice(kind: str, month: date) -> None:
    """Insert the slice's month row or, if there is one, take its row lock (held to commit)."""
    upsert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = upsert(IntegrityTotalMonth).values(kind=kind, month=month, counted_at=clock.utcnow(), objects=0,
                                              object_value=0, completion_requested=0)
    db.session.execute(stmt.on_conflict_do_update(index_elements=["kind", "month"],
                                                  set_={"counted_at": stmt.excluded.counted_at}))


def _recount(kind: str, month: date) -> None:
    """Replace the slice's rows by the aggregate queries' output for the month, in the database
    (INSERT … SELECT: nothing goes through Python)."""
    _lock_slice(kind, month)
    for model in ROW_MODELS:
        db.session.execute(delete(model).where(model.kind == kind, model.month == month))
    scope = Scope(month, month_end(month))
    tune_for_aggregates()

    def copy(model: type, stmt: Select, *names: str, **constants: Any) -> None:
        sub = stmt.subquery()
        db.session.execute(insert(model).from_select(
            ["kind", "month", *constants, *names],
            select(literal(kind), literal(month, Date), *[literal(v) for v in constants.values()],
                   *[sub.c[name] for name in names])))

    if kind == KIND_REPORT:
        copy(IntegrityStatusTotal, report_queries.report_cells_select(scope), "unit_id", "status", "n", "on_time",
             "refusals")
        copy(IntegrityDurationTotal, report_queries.forwarding_pairs_select(scope, by_unit=True), "unit_id",
             "start_on", "end_on", "n", measure="kpk", by_unit=True)
        window = report_queries.report_id_window(scope)
        if window is not None:
            copy(IntegrityUnitTotal, report_queries.unit_objects_select(scope, window), "unit_id", "n",
                 "object_value", completion_requested=0)
            copy(IntegrityUnitTotal, report_queries.unit_completion_select(scope, window), "unit_id",
                 "completion_requested", n=0, object_value=0)
        _sum_month_row(kind, month)
    else:
        copy(IntegrityStatusTotal, complaint_queries.complaint_cells_select(scope), "unit_id", "status", "n")
        copy(IntegrityCategoryTotal, complaint_queries.complaint_categories_select(scope, by_unit=True), "unit_id",
             "category", "status", "channel", "n", by_unit=True)
        copy(IntegrityDurationTotal, complaint_queries.complaint_close_select(scope, by_unit=True), "unit_id",
             "start_on", "end_on", "n", measure="selesai", by_unit=True)
        window = complaint_queries.complaint_id_window(scope)
        if window is not None:
            copy(IntegrityDurationTotal, complaint_queries.complaint_response_select(scope, window, by_unit=True),
                 "unit_id", "start_on", "end_on", "n", measure="respon", by_unit=True)
    _sum_agency_rows(IntegrityCategoryTotal, kind, month, ("category", "status", "channel"))
    _sum_agency_rows(IntegrityDurationTotal, kind, month, ("measure", "start_on", "end_on"))


def _sum_agency_rows(model: type[Model], kind: str, month: date, keys: tuple[str, ...]) -> None:
    """The slice's agency-wide rows of a ``BOTH_LEVELS`` table: its per-unit rows summed (a few
    thousand stored rows, not the case tables again)."""
    table = model.__table__
    columns = [table.c[name] for name in keys]
    db.session.execute(insert(model).from_select(
        ["kind", "month", "by_unit", *keys, "n"],
        select(literal(kind), literal(month, Date), literal(False), *columns, func.sum(table.c.n))
        .where(table.c.kind == kind, table.c.month == month, table.c.by_unit.is_(True)).group_by(*columns)))


def _sum_month_row(kind: str, month: date) -> None:
    """The month row's agency sums of gift objects and completion requests: its units' (every
    report has a unit)."""
    unit = IntegrityUnitTotal
    sums = select(func.coalesce(func.sum(unit.n), 0), func.coalesce(func.sum(unit.object_value), 0),
                  func.coalesce(func.sum(unit.completion_requested), 0)).where(unit.kind == kind, unit.month == month)
    objects, value, completion = db.session.execute(sums).one()
    db.session.execute(
        update(IntegrityTotalMonth).where(IntegrityTotalMonth.kind == kind, IntegrityTotalMonth.month == month)
        .values(objects=objects, object_value=value, completion_requested=completion))


def rebuild() -> int:
    """Count every month that has cases again, from the case tables; returns the number of
    slices counted. One transaction (the caller commits): the old totals stay until then."""
    db.session.flush()
    dirty = DIRTY
    seen = sorted(db.session.execute(select(dirty.c.id)).scalars())
    for model in (*ROW_MODELS, IntegrityTotalMonth):
        db.session.execute(delete(model))
    slices = 0
    for table in CASE_TABLES:
        column = getattr(table.model, table.date_column)
        first, last = db.session.execute(select(func.min(column), func.max(column))).one()
        if first is None:
            continue
        for month in _months(to_date(first), to_date(last)):
            _recount(table.kind, month)
            slices += 1
    for chunk in _chunks(seen):
        db.session.execute(delete(dirty).where(dirty.c.id.in_(chunk)))
    return slices


# ------------------------------------------------------------------ reading

def _from_totals(scope: Scope) -> bool:
    return scope.start.day == 1 and scope.end == month_end(scope.end) and scope.start <= scope.end


def _uncounted_ranges(kind: str, scope: Scope) -> list[tuple[date, date]]:
    """The runs of months of the scope without a counted slice, as date ranges."""
    counted = {to_date(m) for m in db.session.execute(
        select(IntegrityTotalMonth.month).where(IntegrityTotalMonth.kind == kind,
                                                IntegrityTotalMonth.month.between(scope.start, scope.end))
    ).scalars()}
    ranges: list[tuple[date, date]] = []
    for month in _months(scope.start, scope.end):
        if month in counted:
            continue
        if ranges and ranges[-1][1].toordinal() + 1 == month.toordinal():
            ranges[-1] = (ranges[-1][0], month_end(month))
        else:
            ranges.append((month, month_end(month)))
    return ranges


def _rows(model: type[Model], kind: str, scope: Scope, keys: tuple[str, ...], sums: tuple[str, ...] = ("n",),
          group: bool = True) -> Any:
    """Sums of a row table over the scope's months, per ``keys`` (or the stored rows as they
    are): the scope's unit's rows, or for the agency every unit's (status rows) or the
    agency-wide ones (``BOTH_LEVELS``). Core rows, iterated once: none of them outlives its
    conversion."""
    table = model.__table__
    columns = [table.c[name] for name in keys]
    values = [func.sum(table.c[name]) if group else table.c[name] for name in sums]
    stmt = select(*columns, *values).where(table.c.kind == kind, table.c.month.between(scope.start, scope.end))
    if scope.unit_id is not None:
        stmt = stmt.where(table.c.unit_id == scope.unit_id)
    elif model in BOTH_LEVELS:  # the agency-wide sums (unit_id NULL: through the unit index)
        stmt = stmt.where(table.c.unit_id.is_(None), table.c.by_unit.is_(False))
    return db.session.connection().execute(stmt.group_by(*columns) if group else stmt)


def _cells(kind: str, scope: Scope, sums: tuple[str, ...]) -> tuple[list[StatusCell], Months]:
    cells = [StatusCell(unit, status, *map(int, values))
             for unit, status, *values in _rows(IntegrityStatusTotal, kind, scope, ("unit_id", "status"), sums)]
    months = {(month.year, month.month): int(n)
              for month, n in _rows(IntegrityStatusTotal, kind, scope, ("month",))}
    return cells, months


def report_aggregates(scope: Scope) -> ReportAggregates:
    """:func:`.report_queries.report_aggregates`, from the totals where they cover the scope."""
    if not _from_totals(scope):
        return report_queries.report_aggregates(scope)
    catch_up()
    out = ReportAggregates([], {}, 0, {"objek": 0, "nilai": 0}, [])
    for start, end in _uncounted_ranges(KIND_REPORT, scope):
        _add_reports(out, report_queries.report_aggregates(Scope(start, end, scope.unit_id)))
    if scope.unit_id is None:
        objects, value, completion = db.session.execute(
            select(func.coalesce(func.sum(IntegrityTotalMonth.objects), 0),
                   func.coalesce(func.sum(IntegrityTotalMonth.object_value), 0),
                   func.coalesce(func.sum(IntegrityTotalMonth.completion_requested), 0))
            .where(IntegrityTotalMonth.kind == KIND_REPORT, IntegrityTotalMonth.month.between(scope.start, scope.end))
        ).one()
    else:
        sums = _rows(IntegrityUnitTotal, KIND_REPORT, scope, (), ("n", "object_value", "completion_requested"))
        objects, value, completion = (v or 0 for v in sums.one())  # NULL sums: no row
    # A (start, end) pair lies in its start's month: no pair repeats across months.
    pairs = [(start, end, n) for start, end, n in
             _rows(IntegrityDurationTotal, KIND_REPORT, scope, ("start_on", "end_on"), group=False)]
    _add_reports(out, ReportAggregates(*_cells(KIND_REPORT, scope, ("n", "on_time", "refusals")), int(completion),
                                         {"objek": int(objects), "nilai": int(value)}, pairs))
    return out


def _add_months(out: Months, part: Months) -> None:
    for key, n in part.items():
        out[key] = out.get(key, 0) + n


def _add_reports(out: ReportAggregates, part: ReportAggregates) -> None:
    out.cells += part.cells  # per-unit sums add up: consumers sum cells of one key
    _add_months(out.months, part.months)
    out.completion_requested += part.completion_requested
    out.objects = {k: out.objects[k] + part.objects[k] for k in out.objects}
    out.forwarding_pairs += part.forwarding_pairs


def complaint_aggregates(scope: Scope) -> ComplaintAggregates:
    """:func:`.complaint_queries.complaint_aggregates`, from the totals where they cover the scope."""
    if not _from_totals(scope):
        return complaint_queries.complaint_aggregates(scope)
    catch_up()
    out = ComplaintAggregates([], {}, [], [], [])
    for start, end in _uncounted_ranges(KIND_COMPLAINT, scope):
        _add_complaints(out, complaint_queries.complaint_aggregates(Scope(start, end, scope.unit_id)))
    part = ComplaintAggregates(
        *_cells(KIND_COMPLAINT, scope, ("n",)),
        [(category, status, channel, int(n)) for category, status, channel, n in
         _rows(IntegrityCategoryTotal, KIND_COMPLAINT, scope, ("category", "status", "channel"))],
        [], [],
    )
    for measure, start, end, n in _rows(IntegrityDurationTotal, KIND_COMPLAINT, scope,
                                        ("measure", "start_on", "end_on"), group=False):
        (part.response_pairs if measure == "respon" else part.close_pairs).append((start, end, n))
    _add_complaints(out, part)
    return out


def _add_complaints(out: ComplaintAggregates, part: ComplaintAggregates) -> None:
    out.cells += part.cells
    _add_months(out.months, part.months)
    out.categories += part.categories
    out.response_pairs += part.response_pairs
    out.close_pairs += part.close_pairs
