"""What the reporter learns once KPK has decided (issue 16 item 1): the SK, what it means for
the object, what to do and by when, and what the UPG has recorded as done.

The status page words it (templates/reports/_outcome.html); this module only gathers the
facts, with the hand-over deadline from the one function that counts it
(``rules.report_steps.handover``, through :mod:`.steps`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from .. import clock
from ..calendar.service import deadline_calculator
from ..extensions import db
from ..models import DepositedObject, KpkDecisionRecord, KpkFollowUp
from ..models.report import GratificationReport
from ..rules import report_steps as rules
from .steps import report_facts


@dataclass(frozen=True)
class DoneStep:
    kind: str  # serahkan_barang | setor_uang | setor_kompensasi | kembalikan_ke_pelapor
    done_on: date


@dataclass(frozen=True)
class Outcome:
    sk_number: str
    sk_date: date
    decision: str  # milik_penerima | milik_negara | milik_negara_dapat_dikompensasi
    status: str  # the case's status
    due: date | None  # hand-over or payment deadline (state property only)
    due_state: str | None  # aman | segera | terlambat | terpenuhi | terpenuhi_terlambat
    days_left: int | None
    estimated: bool
    deposited: int  # objects the reporter deposited at the UPG (the UPG hands them on)
    done: list[DoneStep] = field(default_factory=list)

    @property
    def state_property(self) -> bool:
        return self.decision in rules.HANDOVER_DECISIONS

    @property
    def settled(self) -> bool:
        return bool(self.done) or self.status == "selesai"


def outcome(report: GratificationReport, today: date | None = None) -> Outcome | None:
    """KPK's decision as the reporter should read it, or None before KPK decided."""
    decision = db.session.execute(
        select(KpkDecisionRecord).where(KpkDecisionRecord.report_id == report.id)).scalar_one_or_none()
    if decision is None:
        return None
    today = today or clock.local_today()
    facts = report_facts(report)
    done = [DoneStep(row.kind.value, row.done_on) for row in db.session.execute(
        select(KpkFollowUp).where(KpkFollowUp.report_id == report.id).order_by(KpkFollowUp.done_on, KpkFollowUp.id)
    ).scalars()]
    deposited = len(db.session.execute(
        select(DepositedObject.id).where(DepositedObject.report_id == report.id)).scalars().all())
    deadline = rules.handover(deadline_calculator(), facts)
    due = state = left = None
    estimated = False
    if deadline is not None:
        step = rules.step_of(deadline, today, facts.handed_over_on, facts.status in rules.HANDOVER_DECISIONS)
        due, state, left, estimated = deadline.due, step.state, step.days_left, deadline.estimated
    return Outcome(decision.sk_number, decision.sk_date, decision.decision.value, facts.status, due, state, left,
                   estimated, deposited, done)


__all__ = ["DoneStep", "Outcome", "outcome"]
