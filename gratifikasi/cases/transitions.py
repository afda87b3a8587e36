"""The one way a case changes status: :func:`move`.

Officers on the case page, the KPK steps, the reporter completing a report and the daily
jobs all call it, so every change is checked against the workflow (``rules.workflow``), gets
a history entry with its reason sealed under the record's case key, a new working-day due
date and an audit entry; and the intake record's status column (which the reporter's status
page and the statistics read) follows in the same statement batch.
"""
from __future__ import annotations

from datetime import date, datetime

from .. import audit, clock
from ..calendar.service import working_day_calendar
from ..extensions import db
from ..integrity import totals
from ..keyring.vault import encrypt_values
from ..models.case import CaseEvent, CaseFile, CaseKind
from ..models.report import GratificationReport
from ..reports.completion import completion_due
from ..reports.steps import current_deadline
from ..rules.state_machine import Facts, IllegalTransition, StateMachine, transition
from ..rules.text import Text
from ..rules.workflow import FACT_COMPLETION_DUE, FACT_REPORT_TYPE, FACT_TODAY, MACHINES
from ..settings.service import sla_overrides
from . import sla

ACTOR_TYPES = ("officer", "reporter", "system")


def machine_of(case: CaseFile) -> StateMachine:
    return MACHINES[case.kind.value]


def facts_for(record: object, today: date) -> Facts:
    """What the workflow's guards read about a case (rules.workflow FACT_*): the report type and
    its completion deadline for a gratification report, and the day of the action."""
    facts: dict[str, object] = {FACT_TODAY: today}
    if isinstance(record, GratificationReport):
        facts[FACT_REPORT_TYPE] = record.jenis_laporan.value
        facts[FACT_COMPLETION_DUE] = completion_due(record)
    return facts


def refusal(case: CaseFile, record: object, action: str, role: str, today: date | None = None) -> Text | None:
    """Why the workflow would refuse ``action`` now (state, role or guard), or None if it may run.

    Asks without moving; ``reason`` is not checked (the form asks for it)."""
    try:
        transition(machine_of(case), case.status, action, role, "-", facts_for(record, today or clock.local_today()))
    except IllegalTransition as error:
        return error.message
    return None


def guard_refusal(case: CaseFile, record: object, action: str, today: date | None = None) -> Text | None:
    """Why a guard of ``action`` refuses it for this case whatever its state (a refusal report's
    KPK steps), or None: for pages that explain a step they do not offer."""
    facts = facts_for(record, today or clock.local_today())
    for tr in machine_of(case).transitions:
        guard = tr.refusal(facts) if tr.name == action else None
        if guard is not None:
            return guard.why_not
    return None


def _completion_clock(case: CaseFile) -> bool:
    sla_of_state = machine_of(case).state(case.status).sla
    return sla_of_state is not None and sla_of_state.counted_from == "completion_deadline"


def refresh_due_date(case: CaseFile, record: object | None = None) -> None:
    """Due date and open flag of the case's current state (tenant calendar and settings).

    A report waiting for its reporter's completion is due on its completion deadline
    (``reports.completion``), its other steps on their legal deadlines (``reports.steps``): the
    same dates the reporter is shown."""
    case.is_open = not machine_of(case).is_final(case.status)
    completion = None
    if case.kind is CaseKind.gratifikasi:
        report = (record if isinstance(record, GratificationReport)
                  else db.session.get(GratificationReport, case.record_id))
        if report is not None and _completion_clock(case):
            completion = completion_due(report)
        elif report is not None:
            # The legal deadlines of a report's other steps, counted from their own days
            # (reports.steps): the same dates the reporter's status page and the case page show.
            legal = current_deadline(report, case)
            if legal is not None:
                case.due_on = legal.due
                return
    case.due_on = sla.due_date(
        case.kind.value, case.status, received_on=case.received_on,
        entered_on=clock.local_date(case.status_changed_at), calendar=working_day_calendar(), overrides=sla_overrides(),
        completion_due=completion,
    )


def move(
    case: CaseFile,
    record: object,
    action: str,
    *,
    role: str,
    actor_type: str = "officer",
    actor_id: int | None = None,
    reason: str | None = None,
    dek: bytes | None = None,
    now: datetime | None = None,
    today: date | None = None,
    audit_action: str = "case.transition",
    **details: str | int | bool | None,
) -> CaseEvent:
    """Apply ``action`` as ``role``; raises ``IllegalTransition`` (nothing changed) if the
    workflow does not allow it. ``dek``: the record's case key, needed to keep a reason.
    ``today``: the day the guards judge by (default: the local date of ``now``).

    Runs in the caller's transaction; the caller commits.
    """
    if actor_type not in ACTOR_TYPES:
        raise ValueError(f"unknown actor type {actor_type!r}")
    from_status = case.status
    now = now or clock.utcnow()
    facts = facts_for(record, today or clock.local_date(now))
    to_status = transition(machine_of(case), from_status, action, role, reason or None, facts)
    if reason and dek is None:
        raise ValueError("a reason is kept sealed: pass the record's case key")
    event = CaseEvent(case_id=case.id, occurred_at=now, actor_type=actor_type, actor_id=actor_id, action=action,
                      from_status=from_status, to_status=to_status)
    db.session.add(event)
    db.session.flush()
    if reason and dek is not None:
        event.reason = encrypt_values(dek, "case_event", event.id, {"reason": reason})["reason"]
    case.status, case.status_changed_at = to_status, now
    refresh_due_date(case, record)
    db.session.expire(record, ["status", "status_changed_at"])  # its views of the case file's columns
    if hasattr(type(record), "updated_at"):
        record.updated_at = now  # type: ignore[attr-defined]
    totals.mark_changed(case.kind.value, case.record_id)  # the dashboard recounts its month
    audit.record(
        audit_action, actor_id=actor_id, actor_type=actor_type, object_type=case.record_type,
        object_id=case.record_id, commit=False, case_id=case.id, transition=action, from_status=from_status,
        to_status=to_status, event_id=event.id, reason_given=bool(reason), **details,
    )
    return event


__all__ = ["facts_for", "guard_refusal", "machine_of", "move", "refresh_due_date", "refusal"]
