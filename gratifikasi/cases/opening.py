"""Opening a case file for a freshly stored intake record, in the intake's own transaction.

Intake calls :func:`route` first when the record itself keeps the outcome (a complaint shows
its KPK/APH flag and reasons to the reporter's officers), then :func:`open_case` with that
same outcome: routing runs once, with the administrator's rules, and the record and its case
can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import clock
from ..extensions import db
from ..integrity import totals
from ..models.case import CaseEvent, CaseFile, RecusalBasis
from ..models.rows import Rows
from ..rules.routing import Route, route_complaint, route_gratification
from . import routing
from .recusals import add_recusal
from .sources import Source
from .transitions import refresh_due_date


@dataclass(frozen=True)
class Routed:
    """Where a new case goes: the queue and flag (pure rule) and the handling unit (data)."""

    route: Route
    handling_unit_id: int


def route(source: Source, *, unit_id: int | None, category: str,
          route_inputs: tuple[bool, bool, int | None] | None = None) -> Routed:
    """Route a new record of ``source``'s kind from the OPD ``unit_id``.

    ``route_inputs`` (complaints): (penyelenggara negara named?, law enforcer named?,
    estimated loss), judged against the administrator's thresholds for that OPD.
    """
    rule = routing.rule_for(source.kind, unit_id)
    if route_inputs is not None:
        outcome = route_complaint(*route_inputs, rules=routing.rules_of(rule))
    else:
        outcome = route_gratification(category)
    handling_unit_id = rule.handling_unit_id if rule is not None else routing.default_handling_unit(outcome.queue)
    if handling_unit_id is None:
        handling_unit_id = unit_id  # nobody handles this queue yet: the OPD's own unit
    if handling_unit_id is None:
        raise routing.RoutingError("Belum ada unit penangan untuk perkara ini.")
    return Routed(outcome, handling_unit_id)


def open_case(source: Source, record: object, *, routed: Routed | None = None, now: datetime | None = None,
              recorded_by_id: int | None = None, into: Rows | None = None, case_id: int | None = None) -> CaseFile:
    """Add the record's case file, its recusals and its first history entry to the session.

    The record must have its id and tracking number. Nothing is committed here: the intake
    service commits the record and its case together. ``recorded_by_id``: the officer who typed
    in a complaint received by phone or in person (the first history entry names them).
    ``into``: the intake's batch of new rows (``models.rows``) instead of the session, with the
    case's reserved ``case_id``.
    """
    if routed is None:
        routed = route(source, unit_id=source.unit_id(record), category=source.category(record),
                       route_inputs=source.route_inputs(record) if source.route_inputs else None)
    now = now or clock.utcnow()
    status = source.machine.initial
    case = CaseFile(
        id=case_id, kind=source.kind, record_type=source.record_type, record_id=record.id,  # type: ignore[attr-defined]
        tracking_number=source.tracking_number(record), queue=routed.route.queue,
        handling_unit_id=routed.handling_unit_id, unit_id=source.unit_id(record), category=source.category(record),
        status=status, status_changed_at=now, received_on=source.received_on(record),
        flag_kpk_aph=routed.route.flag_kpk_aph, created_at=now,
    )
    refresh_due_date(case, record)
    target = db.session if into is None else into
    target.add(case)
    for officer_id in sorted(source.named_officer_ids(record)):
        add_recusal(case, officer_id, RecusalBasis.terlapor, now, into=into)
    event = CaseEvent(occurred_at=now, actor_type="officer" if recorded_by_id else "reporter", actor_id=recorded_by_id,
                      action="diajukan", from_status=None, to_status=status)
    if into is None:
        event.case = case
    else:
        if case_id is None:
            raise ValueError("a case written in a batch needs its reserved id")
        event.case_id = case_id
    target.add(event)
    totals.mark_changed(source.kind.value, case.record_id, into=into)
    return case


__all__ = ["Routed", "open_case", "route"]
