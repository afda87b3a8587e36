"""What every SQL statement of the integrity score shares: the scope, the cells, helpers.

The statements themselves are grouped per indicator family: :mod:`.report_queries`
(gratification reports), :mod:`.complaint_queries` (complaints), :mod:`.evidence_queries`
(the evidence records behind the LKE items) and :mod:`.case_queries` (the tables the
dashboard totals watch, and the drill-down list). Each family module is the only place that
knows its tables' column names; if they change, only that file moves.

All aggregation happens in the database (``GROUP BY``, conditional ``SUM``); no function
loops over cases in Python. Durations in working days need the tenant calendar, so they are
fetched grouped by *(start date, end date)* pairs and weighed by their count: at most a few
thousand pairs a year, however many cases.

A "measure" names a subset of cases (``"terlambat"``, ``"status:diteruskan_kpk"``,
``"kategori:suap"``). The dashboard counts it and the drill-down list filters by the very
same SQL condition, so a number and the list behind it always agree. The agency-wide
dashboard reads these aggregates per month from stored totals (:mod:`.totals`), which are
the output of the very statements of the family modules.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, case, func, select, text

from ..extensions import db
from ..models import Unit
from ..models.case import CaseKind

KIND_REPORT = CaseKind.gratifikasi.value  # the totals' kinds are the record kinds
KIND_COMPLAINT = CaseKind.pengaduan.value
KINDS = (KIND_REPORT, KIND_COMPLAINT)


@dataclass(frozen=True)
class Scope:
    """Which cases: received in ``[start, end]``, of one unit or (None) the whole agency."""

    start: date
    end: date
    unit_id: int | None = None


# ------------------------------------------------------------------ cells
# The dashboards read one grouped "cube" per table (unit × status × month, with the measures
# that are not a function of status summed alongside) and add it up in Python: a few
# thousand cells at most, one index scan per table, whatever the number of cases. The KPIs
# keep it as cells per unit and status over the scope, and cases per month.

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


class ComplaintCell(NamedTuple):
    unit_id: int | None
    status: str
    year: int
    month: int
    n: int
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


def id_window_of(cells: Iterable[ReportCell | ComplaintCell]) -> tuple[int, int] | None:
    """Smallest and largest case id of month cells already fetched, without a query.

    Joins to a case's child rows (objects, messages) add ``case_id BETWEEN lo AND hi``:
    always true for the scope's cases, so the result is unchanged, but since ids grow with
    the receipt date it lets the database read only that slice of the child tables' indexes."""
    fetched = list(cells)
    return (min(c.min_id for c in fetched), max(c.max_id for c in fetched)) if fetched else None


def select_id_window(cells: Select) -> tuple[int, int] | None:
    """:func:`id_window_of` for grouped cells not fetched yet (their ``min_id``, ``max_id``).

    Read from the cells, not as ``min(id)`` over the scope: for that PostgreSQL may walk the
    primary key from one end until it meets the period (seconds at a million cases)."""
    sub = cells.subquery()
    lo, hi = db.session.execute(select(func.min(sub.c.min_id), func.max(sub.c.max_id))).one()
    return None if lo is None else (int(lo), int(hi))


def counts_by_month(cells: Iterable[ReportCell] | Iterable[ComplaintCell], by_unit: bool = False) -> dict[tuple, int]:
    """``{(year, month): n}`` or, with ``by_unit``, ``{(unit_id, year, month): n}``."""
    out: dict[tuple, int] = {}
    for c in cells:
        key = (c.unit_id, c.year, c.month) if by_unit else (c.year, c.month)
        out[key] = out.get(key, 0) + c.n
    return out


# ------------------------------------------------------------------ SQL helpers

def tune_for_aggregates() -> None:
    """On PostgreSQL, give this transaction's grouped queries enough memory to hash in RAM
    (the 4 MB default spills the sort behind a year's GROUP BY to disk). Not needed elsewhere."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL work_mem = '32MB'"))


def count_if(cond: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def month_key(column: Any) -> tuple[Any, Any]:
    return func.extract("year", column), func.extract("month", column)


def jakarta_date(column: Any) -> Any:
    """The Asia/Jakarta (UTC+7, no DST) date of a naive-UTC timestamp column."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.date(column + text("INTERVAL '7 hours'"))
    return func.date(column, "+7 hours")


def to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])  # SQLite returns date() results as text


def plain(value: Any) -> Any:
    """An enum column's value as its string (grouped rows may hold either)."""
    if hasattr(value, "value"):
        return value.value
    return value


# ------------------------------------------------------------------ units

def active_units() -> list[tuple[int, str, str]]:
    rows = db.session.execute(select(Unit.id, Unit.code, Unit.name).where(Unit.active.is_(True)).order_by(Unit.name))
    return [(r[0], r[1], r[2]) for r in rows]


def unit_name(unit_id: int) -> str | None:
    return db.session.execute(select(Unit.name).where(Unit.id == unit_id)).scalar_one_or_none()
