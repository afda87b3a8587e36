"""What an officer may see, and the queue: filters, sorting and keyset pagination.

Visibility is one SQL predicate used by the queue AND by every case route, so a case an
officer may not list can never be opened by URL either: the officer's role must be the
case's queue, their unit the case's handling unit, and they must not be recused (named in
the case or a declared conflict of interest).

Pagination is by keyset: the next page starts after the last row's (sort key, id), so a
deep page costs what the first page costs (no OFFSET).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, exists, func, literal, select, tuple_
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Officer
from ..models.case import CaseFile, CaseKind, CaseRecusal
from ..rules.workflow import MACHINES

HANDLING_ROLES = tuple(kind.queue for kind in CaseKind)
SORTS = ("tenggat", "terbaru", "terlama")
SCOPES = ("terbuka", "selesai", "semua")
PAGE_SIZE = 25


def handles_cases(officer: Officer) -> bool:
    return officer.role.value in HANDLING_ROLES


def visible_to(officer: Officer) -> list[ColumnElement[bool]]:
    """Conditions on CaseFile for cases this officer may list and open."""
    if not handles_cases(officer):
        return [CaseFile.id.is_(None)]  # never true: no case at all
    recused = exists().where(CaseRecusal.case_id == CaseFile.id, CaseRecusal.officer_id == officer.id)
    return [CaseFile.queue == officer.role.value, CaseFile.handling_unit_id == officer.unit_id, ~recused]


def visible_case(officer: Officer, case_id: int, *, lock: bool = False) -> CaseFile | None:
    query = select(CaseFile).where(CaseFile.id == case_id, *visible_to(officer))
    if lock:
        query = query.with_for_update(of=CaseFile)
    return db.session.execute(query).scalar_one_or_none()


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = None
    unit_id: int | None = None
    category: str | None = None
    overdue: bool = False
    due_soon: bool = False
    mine: bool = False
    new: bool = False          # the workflow's first state, nobody handling it yet
    awaiting_me: bool = False  # handled by me, in a state where my role has the next step
    scope: str = "terbuka"
    sort: str = "tenggat"


@dataclass
class QueuePage:
    rows: list[CaseFile]
    next_cursor: str | None
    first: bool


class BadCursor(ValueError):
    pass


def _sort_column(sort: str):
    return CaseFile.due_on if sort == "tenggat" else CaseFile.received_on


def encode_cursor(case: CaseFile, sort: str) -> str:
    key = case.due_on if sort == "tenggat" else case.received_on
    return f"{key.isoformat()}_{case.id}"


def decode_cursor(text: str) -> tuple[date, int]:
    try:
        day, _, ident = text.partition("_")
        return date.fromisoformat(day), int(ident)
    except ValueError as error:
        raise BadCursor(text) from error


def _conditions(officer: Officer, filters: QueueFilters, *, today: date, soon_until: date) -> list[ColumnElement[bool]]:
    """The queue's filters on top of the one visibility rule."""
    conditions = visible_to(officer)
    if filters.scope == "terbuka":
        conditions.append(CaseFile.is_open.is_(True))
    elif filters.scope == "selesai":
        conditions.append(CaseFile.is_open.is_(False))
    if filters.status:
        conditions.append(CaseFile.status == filters.status)
    if filters.unit_id:
        conditions.append(CaseFile.unit_id == filters.unit_id)
    if filters.category:
        conditions.append(CaseFile.category == filters.category)
    if filters.overdue:
        conditions.append(CaseFile.due_on < today)
    if filters.due_soon:
        conditions.append(CaseFile.due_on >= today)
        conditions.append(CaseFile.due_on <= soon_until)
    if filters.mine or filters.awaiting_me:
        conditions.append(CaseFile.assignee_id == officer.id)
    kind = CaseKind.of_queue(officer.role.value)
    if filters.new and kind is not None:
        conditions += [CaseFile.status == MACHINES[kind.value].initial, CaseFile.assignee_id.is_(None)]
    if filters.awaiting_me and kind is not None:
        conditions.append(CaseFile.status.in_(sorted(MACHINES[kind.value].states_awaiting(officer.role.value))))
    return conditions


@dataclass(frozen=True)
class QueueSummary:
    """The officer's home page: how many open cases of their queue are in each situation."""

    new: int
    awaiting_me: int
    due_soon: int
    overdue: int


SUMMARY_FILTERS = {
    "new": QueueFilters(new=True), "awaiting_me": QueueFilters(awaiting_me=True),
    "due_soon": QueueFilters(due_soon=True), "overdue": QueueFilters(overdue=True),
}


def summary(officer: Officer, *, today: date, soon_until: date) -> QueueSummary:
    """Counts with exactly the queue's filters, so each number matches the list it links to."""
    counts = {
        name: db.session.execute(
            select(func.count()).select_from(CaseFile)
            .where(*_conditions(officer, filters, today=today, soon_until=soon_until))
        ).scalar_one()
        for name, filters in SUMMARY_FILTERS.items()
    }
    return QueueSummary(**counts)


def queue_page(
    officer: Officer,
    filters: QueueFilters,
    *,
    today: date,
    soon_until: date,
    cursor: str | None = None,
    page_size: int = PAGE_SIZE,
) -> QueuePage:
    """One page of the officer's queue. ``soon_until``: last day counted as 'segera'."""
    query = select(CaseFile).where(*_conditions(officer, filters, today=today, soon_until=soon_until))

    column = _sort_column(filters.sort)
    descending = filters.sort == "terbaru"
    if cursor:
        key, ident = decode_cursor(cursor)
        bound = tuple_(literal(key), literal(ident))
        after = tuple_(column, CaseFile.id) < bound if descending else tuple_(column, CaseFile.id) > bound
        query = query.where(after)
    order = (column.desc(), CaseFile.id.desc()) if descending else (column, CaseFile.id)
    # The page shows each row's OPD and handler: two IN queries, not one per row.
    query = query.options(selectinload(CaseFile.unit), selectinload(CaseFile.assignee))
    rows = list(db.session.execute(query.order_by(*order).limit(page_size + 1)).scalars())
    more = len(rows) > page_size
    rows = rows[:page_size]
    return QueuePage(rows, encode_cursor(rows[-1], filters.sort) if more and rows else None, cursor is None)


def visible_record_case(officer: Officer, record_type: str, record_id: int, *, lock: bool = False) -> CaseFile | None:
    """The case of an intake record if the officer may open it (same rule as the case pages)."""
    query = select(CaseFile).where(CaseFile.record_type == record_type, CaseFile.record_id == record_id,
                                   *visible_to(officer))
    if lock:
        query = query.with_for_update(of=CaseFile)
    return db.session.execute(query).scalar_one_or_none()


def record_visible(officer: Officer, record_type: str, record_id: int) -> bool:
    """Whether the officer may open the intake record's case (same rule as the case pages)."""
    return visible_record_case(officer, record_type, record_id) is not None


def case_of_record(record_type: str, record_id: int, *, lock: bool = False) -> CaseFile:
    """The case file of an intake record, whoever asks: for the reporter's own steps and the
    jobs, which are not officers. Officer routes use ``access.record_case_or_404`` instead."""
    query = select(CaseFile).where(CaseFile.record_type == record_type, CaseFile.record_id == record_id)
    if lock:
        query = query.with_for_update(of=CaseFile)
    return db.session.execute(query).scalar_one()


def recused_record_ids(officer_id: int, record_type: str) -> Select[tuple[int]]:
    """Ids of the records of ``record_type`` whose case the officer is recused from: lists and
    exports that show cases one by one (dashboard drill-downs, the semester recap) leave them
    out, so a recused officer sees no row of such a case anywhere."""
    return (select(CaseFile.record_id).join(CaseRecusal, CaseRecusal.case_id == CaseFile.id)
            .where(CaseFile.record_type == record_type, CaseRecusal.officer_id == officer_id))
