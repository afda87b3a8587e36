"""The one way a case changes status: :func:`move`.

Officers on the case page, the KPK steps, the reporter completing a report and the daily
jobs all call it, so every change is checked against the workflow (``rules.workflow``), gets
a history entry with its reason sealed under the record's case key, a new working-day due
date and an audit entry; and the intake record's status column (which the reporter's status
page and the statistics read) follows in the same statement batch.
"""
from __future__ import annotations

from datetime import datetime

from .. import audit, clock
from ..calendar.service import working_day_calendar
from ..extensions import db
from ..integrity import totals
from ..keyring.vault import encrypt_values
from ..models.case import CaseEvent, CaseFile
from ..rules.state_machine import StateMachine, transition
from ..rules.workflow import MACHINES
from ..settings.service import sla_overrides
from . import sla

ACTOR_TYPES = ("officer", "reporter", "system")


def machine_of(case: CaseFile) -> StateMachine:
    return MACHINES[case.kind.value]


def refresh_due_date(case: CaseFile) -> None:
    """Due date and open flag of the case's current state (tenant calendar and settings)."""
    case.is_open = not machine_of(case).is_final(case.status)
    case.due_on = sla.due_date(
        case.kind.value, case.status, received_on=case.received_on,
        entered_on=clock.local_date(case.status_changed_at), calendar=working_day_calendar(), overrides=sla_overrides(),
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
    audit_action: str = "case.transition",
    **details: str | int | bool | None,
) -> CaseEvent:
    """Apply ``action`` as ``role``; raises ``IllegalTransition`` (nothing changed) if the
    workflow does not allow it. ``dek``: the record's case key, needed to keep a reason.

    Runs in the caller's transaction; the caller commits.
    """
    if actor_type not in ACTOR_TYPES:
        raise ValueError(f"unknown actor type {actor_type!r}")
    from_status = case.status
    to_status = transition(machine_of(case), from_status, action, role, reason or None)
    if reason and dek is None:
        raise ValueError("a reason is kept sealed: pass the record's case key")
    now = now or clock.utcnow()
    event = CaseEvent(case_id=case.id, occurred_at=now, actor_type=actor_type, actor_id=actor_id, action=action,
                      from_status=from_status, to_status=to_status)
    db.session.add(event)
    db.session.flush()
    if reason and dek is not None:
        event.reason = encrypt_values(dek, "case_event", event.id, {"reason": reason})["reason"]
    case.status, case.status_changed_at = to_status, now
    refresh_due_date(case)
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


__all__ = ["machine_of", "move", "refresh_due_date"]
