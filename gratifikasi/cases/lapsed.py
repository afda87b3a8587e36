"""The daily closing of reports not completed in time (``flask cases tutup-tidak-dilengkapi``).

PerKPK 1/2026 Ps. 9(3) (and the 2019 rule before it): a report returned for completion and not
completed by its deadline is not followed up. Every gratification case still waiting for its
reporter's completion whose deadline (``reports.completion``, the date the reporter, the queue
and the case page show) has passed is moved to ``tidak_ditindaklanjuti`` by the system, through
the one transition function, so the workflow's guard (never before the deadline), the case
history and the audit log apply as for any step. Each case is its own transaction, locked
while it moves; a second run the same day finds nothing left to close (idempotent), and each
run leaves one summary entry in the audit log. No e-mail: the reporter's address is sealed to
the identity ring, which the system does not hold; the status page tells them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from .. import audit, clock
from ..extensions import db
from ..models.case import CaseFile, CaseKind
from ..reports.completion import completion_due
from .sources import GRATIFICATION
from .transitions import move

WAITING = "perlu_dilengkapi"
ACTION = "tutup_tidak_dilengkapi"


@dataclass
class LapsedResult:
    day: date
    waiting: int = 0  # cases waiting for a completion, seen by this run
    closed: list[int] = field(default_factory=list)  # case ids closed now


def close_lapsed_completions(today: date | None = None) -> LapsedResult:
    """Close, as of ``today`` (default: today in Asia/Jakarta), every returned report whose
    completion deadline has passed. Commits per case; returns what it did."""
    today = today or clock.local_today()
    result = LapsedResult(today)
    ids = list(db.session.execute(
        select(CaseFile.id).where(CaseFile.kind == CaseKind.gratifikasi, CaseFile.status == WAITING)
        .order_by(CaseFile.id)
    ).scalars())
    result.waiting = len(ids)
    for case_id in ids:
        case = db.session.execute(select(CaseFile).where(CaseFile.id == case_id).with_for_update()).scalar_one()
        report = GRATIFICATION.load(case.record_id)
        if case.status != WAITING or today <= completion_due(report):
            db.session.rollback()  # completed meanwhile, or still within its period
            continue
        move(case, report, ACTION, role="system", actor_type="system", today=today,
             audit_action="case.closed_not_completed")
        db.session.commit()
        result.closed.append(case.id)
    audit.record("cases.lapsed_completions_closed", actor_type="system", day=today.isoformat(),
                 waiting=result.waiting, closed=len(result.closed))  # commits
    return result


__all__ = ["LapsedResult", "close_lapsed_completions"]
