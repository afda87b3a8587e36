"""The SQL of the complaint indicators: counts per measure and category, first-response and
closing durations (see :mod:`.queries` for the shared rules).

The only module of the integrity score that knows the complaint tables' column names.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, select, true, tuple_

from ..extensions import db
from ..models.complaint import Complaint, ComplaintCategory, ComplaintMessage
from ..rules.workflow import COMPLAINT
from .queries import (
    ComplaintCell,
    Months,
    Scope,
    StatusCell,
    counts_by_month,
    fold_months,
    id_window_of,
    jakarta_date,
    month_key,
    plain,
    select_id_window,
    to_date,
    tune_for_aggregates,
)

COMPLAINT_STATES_BY_CLASS: dict[str, tuple[str, ...]] = {}
for _state in COMPLAINT.states.values():
    COMPLAINT_STATES_BY_CLASS.setdefault(_state.classification or "", ())
    COMPLAINT_STATES_BY_CLASS[_state.classification or ""] += (_state.id,)
CLOSED_COMPLAINT_STATES = tuple(s.id for s in COMPLAINT.states.values() if s.final)


# ------------------------------------------------------------------ column mapping

def complaints_available() -> bool:
    return True


def complaint_date() -> Any:
    return Complaint.received_on  # Asia/Jakarta date of receipt


def complaint_unit() -> Any:
    return Complaint.terlapor_unit_id  # the OPD complained about: the unit whose LKE it is


def _complaint_category() -> Any:
    return Complaint.category


def _complaint_channel() -> Any:
    return Complaint.channel


def complaint_number() -> Any:
    return Complaint.number


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
    return case((Complaint.status.in_(CLOSED_COMPLAINT_STATES), jakarta_date(Complaint.status_changed_at)),
                else_=None)


# ------------------------------------------------------------------ scope and measures

def complaint_scope(scope: Scope) -> ColumnElement[bool]:
    cond = complaint_date().between(scope.start, scope.end)
    if scope.unit_id is not None:
        cond = and_(complaint_unit() == scope.unit_id, cond)
    return cond


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


# ------------------------------------------------------------------ cells and categories
# Labelled columns: the dashboard totals (totals.py) insert them as they are.

def complaint_cells_select(scope: Scope) -> Select:
    year, month = month_key(complaint_date())
    keys = (complaint_unit().label("unit_id"), Complaint.status.label("status"), year.label("year"),
            month.label("month"))
    return (
        select(*keys, func.count().label("n"), func.min(Complaint.id).label("min_id"),
               func.max(Complaint.id).label("max_id"))
        .where(complaint_scope(scope)).group_by(*keys)
    )


def complaint_cells(scope: Scope) -> list[ComplaintCell]:
    rows = db.session.execute(complaint_cells_select(scope))
    return [ComplaintCell(u, s, int(y), int(m), int(n), int(lo), int(hi)) for u, s, y, m, n, lo, hi in rows]


def complaint_categories_select(scope: Scope, by_unit: bool = False) -> Select:
    keys = ([complaint_unit().label("unit_id")] if by_unit else []) + [
        _complaint_category().label("category"), Complaint.status.label("status"),
        _complaint_channel().label("channel")]
    return select(*keys, func.count().label("n")).where(complaint_scope(scope)).group_by(*keys)


def complaint_category_cells(scope: Scope) -> list[tuple[str, str, str | None, int]]:
    """(category, status, channel, n): complaints by category and outcome, and the channels."""
    rows = db.session.execute(complaint_categories_select(scope))
    return [(str(plain(c)), s, plain(ch), int(n)) for c, s, ch, n in rows]


def complaint_counts_by_month(scope: Scope, by_unit: bool = False,
                              by_category: bool = False) -> dict[tuple, int]:
    """``{(year, month): n}``, keyed first by unit and/or category when asked."""
    if not by_category:
        return counts_by_month(complaint_cells(scope), by_unit)
    year, month = month_key(complaint_date())
    keys = ([complaint_unit()] if by_unit else []) + [_complaint_category(), year.label("y"), month.label("m")]
    rows = db.session.execute(select(*keys, func.count()).where(complaint_scope(scope)).group_by(*keys))
    return {tuple(plain(v) for v in row[:-3]) + (int(row[-3]), int(row[-2])): int(row[-1]) for row in rows}


# ------------------------------------------------------------------ durations

def complaint_id_window(scope: Scope) -> tuple[int, int] | None:
    """Smallest and largest complaint id in the scope (see :func:`_first_officer_message`)."""
    return select_id_window(complaint_cells_select(scope))


def complaint_response_select(scope: Scope, window: tuple[int, int], by_unit: bool = False) -> Select:
    first = _first_officer_message(window)
    keys = ([complaint_unit().label("unit_id")] if by_unit else []) + [
        complaint_date().label("start_on"), jakarta_date(first.c.at).label("end_on")]
    return (
        select(*keys, func.count().label("n")).join(first, first.c.complaint_id == Complaint.id)
        .where(complaint_scope(scope)).group_by(*keys)
    )


def complaint_response_pairs(scope: Scope, cells: list[ComplaintCell] | None = None,
                             by_unit: bool = False) -> list[tuple]:
    """(received, first officer answer, n) pairs, optionally with the unit id first."""
    window = id_window_of(cells if cells is not None else complaint_cells(scope))
    if window is None:
        return []
    rows = db.session.execute(complaint_response_select(scope, window, by_unit))
    return [tuple(row[:-3]) + (to_date(row[-3]), to_date(row[-2]), int(row[-1])) for row in rows]


def complaint_close_select(scope: Scope, by_unit: bool = False) -> Select:
    keys = ([complaint_unit().label("unit_id")] if by_unit else []) + [
        complaint_date().label("start_on"), _closed_on().label("end_on")]
    return (
        select(*keys, func.count().label("n"))
        .where(complaint_scope(scope), Complaint.status.in_(CLOSED_COMPLAINT_STATES))
        .group_by(*keys)
    )


def complaint_close_pairs(scope: Scope) -> list[tuple[date, date, int]]:
    return [(to_date(a), to_date(b), int(n)) for a, b, n in db.session.execute(complaint_close_select(scope))]


# ------------------------------------------------------------------ everything the KPIs need

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
        cells = complaint_cells(scope)
        return ComplaintAggregates(*fold_months(cells), complaint_category_cells(scope),
                                   complaint_response_pairs(scope, cells), complaint_close_pairs(scope))
    year, month = month_key(complaint_date())
    unit, category, channel, received = complaint_unit(), _complaint_category(), _complaint_channel(), complaint_date()
    close = _closed_on()
    lo, hi = func.min(Complaint.id), func.max(Complaint.id)
    cols = [unit, Complaint.status, year, month, category, channel, received, close]
    sets = [(unit, Complaint.status, year, month), (category, Complaint.status, channel), (received, close)]
    stmt = (select(*cols, func.grouping(*cols), func.count(), lo, hi).where(complaint_scope(scope))
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
            out.categories.append((str(plain(cat)), st, plain(ch), int(n)))
        elif grouping == masks[2] and cl is not None:
            out.close_pairs.append((to_date(rec), to_date(cl), int(n)))
    out.cells, out.months = fold_months(month_cells)
    out.response_pairs = complaint_response_pairs(scope, month_cells)
    return out
