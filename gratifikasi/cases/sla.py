"""Working-day service levels of a case's current state: due dates and markers.

The SLA of each state comes from the workflow tables (``rules.workflow``), overridden by the
tenant's settings (``settings_service.sla_overrides``); days are counted on the tenant's
working-day calendar. The due date is stored on the case when it enters a state, so the
queue can filter "overdue" and sort by due date with an index; the daily reminder command
recomputes it for open cases, so a changed setting or calendar reaches every case by the
next morning.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal

from ..models.case import NO_DEADLINE
from ..rules.calendar import WorkingDayCalendar
from ..rules.state_machine import effective_sla_days
from ..rules.workflow import MACHINES

Marker = Literal["terlambat", "segera", "aman"]


def due_date(
    kind: str,
    status: str,
    *,
    received_on: date,
    entered_on: date,
    calendar: WorkingDayCalendar,
    overrides: Mapping[str, int] | None = None,
    completion_due: date | None = None,
) -> date:
    """The last working day (still on time) of ``status``; :data:`NO_DEADLINE` if it has none.

    ``received_on`` and ``entered_on`` are day 0 of the "received" and "state_entry" clocks;
    a state on the "completion_deadline" clock is due on ``completion_due`` (the report's
    completion deadline, ``reports.completion.completion_deadline``).
    """
    state = MACHINES[kind].state(status)
    if state.sla is not None and state.sla.counted_from == "completion_deadline":
        if completion_due is None:
            raise ValueError(f"{kind}.{status} is due on the completion deadline: pass completion_due")
        return completion_due
    days = effective_sla_days(state, overrides)
    if days is None or state.sla is None:
        return NO_DEADLINE
    start = received_on if state.sla.counted_from == "received" else entered_on
    return calendar.add_working_days(start, days)


def marker(due_on: date, today: date, calendar: WorkingDayCalendar, soon_within_hk: int) -> Marker | None:
    """'terlambat' after the due day, 'segera' within ``soon_within_hk`` working days of it."""
    if due_on == NO_DEADLINE:
        return None
    if today > due_on:
        return "terlambat"
    if calendar.working_days_between(today, due_on) <= soon_within_hk:
        return "segera"
    return "aman"


def soon_limit(today: date, calendar: WorkingDayCalendar, soon_within_hk: int) -> date:
    """Cases due on or before this day (and not yet overdue) are 'segera'."""
    return calendar.add_working_days(today, soon_within_hk)
