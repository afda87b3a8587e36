"""Keeps the case index in step with the intake records, whoever writes them.

A new gratification report or complaint gets its case file (routed, with the recusals found
at submission) in the same transaction that stores it; a status changed outside the
workspace (the reporter completing a report on the status page, another module) is mirrored
with a history entry and a new due date. Done with session events so that no intake module
has to remember to call the workspace, and nothing can be stored without being routed.

Only apps that registered the cases blueprint sync (``app.extensions["cases"]``).
"""
from __future__ import annotations

from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from ..models.case import CaseEvent, CaseFile, CaseRecusal
from ..rules.workflow import MACHINES
from . import routing
from .sources import Source, intake_models

_PENDING = "cases_sync_pending"
_INSERTED = "cases_sync_inserted"  # records this session inserted: no case file to look up yet


def _enabled() -> bool:
    return has_app_context() and "cases" in current_app.extensions


def _after_flush(session: Session, _context: Any) -> None:
    if not _enabled():
        return
    models = intake_models()
    pending: set[tuple[str, int]] = session.info.setdefault(_PENDING, set())
    inserted: set[tuple[str, int]] = session.info.setdefault(_INSERTED, set())
    for obj in session.new:
        source = models.get(type(obj))
        if source is not None:
            pending.add((source.record_type, obj.id))
            inserted.add((source.record_type, obj.id))
    for obj in session.dirty:
        source = models.get(type(obj))
        if source is None:
            continue
        attrs = inspect(obj).attrs
        if any(attrs[column].history.has_changes() for column in source.watched):
            pending.add((source.record_type, obj.id))


def _after_flush_postexec(session: Session, _context: Any) -> None:
    pending = session.info.pop(_PENDING, None)
    inserted = session.info.pop(_INSERTED, set())
    if not pending or not _enabled():
        return
    from .sources import source_for

    # Changes made here are flushed by the next flush (commit flushes until clean).
    with session.no_autoflush:
        for record_type, record_id in sorted(pending):
            source = source_for(record_type)
            record = session.get(source.model(), record_id)
            if record is not None:
                sync_record(session, source, record, new=(record_type, record_id) in inserted)


def sync_record(session: Session, source: Source, record: Any, *, new: bool = False) -> CaseFile:
    """Create or update the record's case file; ``new``: the record was inserted by this very
    flush, so it has no case file yet (saves a look-up on every submission)."""
    from . import services  # the due-date helper needs the calendar and settings

    case = None if new else session.execute(
        select(CaseFile).where(CaseFile.record_type == source.record_type, CaseFile.record_id == record.id)
    ).scalar_one_or_none()
    if case is None:
        case = routing.new_case_file(record, source)
        session.add(case)
        for officer_id, basis in case.recusals_pending.items():  # type: ignore[attr-defined]
            session.add(CaseRecusal(case=case, officer_id=officer_id, basis=basis, created_at=case.created_at))
        session.add(
            CaseEvent(case=case, occurred_at=case.status_changed_at, actor_type="reporter", action="diajukan",
                      from_status=None, to_status=record.status)
        )
        services.refresh_due_date(case)
        return case
    number = source.tracking_number(record)
    if number and case.tracking_number != number:
        case.tracking_number = number
    if case.status != record.status:
        machine = MACHINES[case.kind.value]
        moves = [tr for tr in machine.transitions if case.status in tr.sources and tr.target == record.status]
        action = moves[0].name if moves else "ubah_status"
        actor_type, actor_id = _actor(moves[0].roles if moves else frozenset())
        changed_at = source.status_changed_at(record)
        session.add(
            CaseEvent(case=case, occurred_at=changed_at, actor_type=actor_type, actor_id=actor_id, action=action,
                      from_status=case.status, to_status=record.status)
        )
        case.status = record.status
        case.status_changed_at = changed_at
        services.refresh_due_date(case)
    return case


def _actor(roles: frozenset[str]) -> tuple[str, int | None]:
    """Who made a change outside the workspace: the logged-in officer (e.g. on the KPK page),
    else the reporter if the move is theirs, else the system (a deadline job)."""
    from flask import has_request_context
    from flask_login import current_user

    if has_request_context() and current_user.is_authenticated and current_user.role.value in roles:
        return "officer", current_user.id
    return ("reporter", None) if "reporter" in roles else ("system", None)


def install() -> None:
    """Listen on every session (idempotent); the listeners act only for enabled apps."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_flush_postexec", _after_flush_postexec)


__all__ = ["install", "sync_record"]
