"""The deadlines of each step of a gratification report, from the day the law counts them
(domain.md §1.5; issue 15 item 4). Pure: the facts come in as :class:`ReportFacts`.

One function per deadline, used by every place that shows it (the reporter's status page and
receipt PDF, the case page, the queue's due date):

* :func:`report_to_upg`: receipt → report to the UPG (tenant setting, default 10 HK);
* :func:`report_to_kpk`: receipt → report to KPK (30 HK; reporting through the UPG counts);
* :func:`upg_forward`: UPG → KPK (10 HK) from the day the report became **complete** (the
  filing day, or the day the reporter completed it), so completion time is the reporter's;
* :func:`kpk_decision`: KPK's status decision (30 HK) from the day the report was forwarded;
* :func:`sk_to_recipient` and :func:`handover`: 7 HK each from the **SK's own date**, not from
  the day the UPG recorded the SK.

The completion deadline of a returned report is not here (its own module owns it).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from .deadlines import Deadline, DeadlineCalculator

__all__ = [
    "KPK_OWNED",
    "ReportFacts",
    "Step",
    "StepState",
    "current_deadline",
    "handover",
    "kpk_decision",
    "report_steps",
    "report_to_kpk",
    "report_to_upg",
    "sk_to_recipient",
    "step_of",
    "upg_forward",
]

StepState = Literal["aman", "segera", "terlambat", "terpenuhi", "terpenuhi_terlambat"]

UPG_STAGE = frozenset({"diterima_upg", "diverifikasi", "dianalisis_upg"})
HANDOVER_DECISIONS = frozenset({"milik_negara", "milik_negara_dapat_dikompensasi"})
# Steps whose deadline binds KPK, not the UPG or the reporter (shown, never a UPG overdue).
KPK_OWNED = frozenset({"penetapan_status_kpk", "sk_ke_penerima"})


@dataclass(frozen=True)
class ReportFacts:
    """What the deadlines of one report depend on (dates are Asia/Jakarta dates)."""

    penerimaan: bool  # a report of an accepted gift (a refusal has no KPK steps)
    status: str
    received_on: date  # tanggal penerimaan
    reported_on: date  # the day the UPG received the report
    complete_on: date | None = None  # the day it became complete; None while it awaits completion
    upg_due_on: date | None = None  # the receipt → UPG deadline stored when it was filed
    forwarded_on: date | None = None
    sk_date: date | None = None
    sk_recorded_on: date | None = None
    decision: str | None = None  # milik_penerima | milik_negara | milik_negara_dapat_dikompensasi
    handed_over_on: date | None = None  # goods handed over or money paid to the state


@dataclass(frozen=True)
class Step:
    """One deadline with where it stands: running (aman/segera/terlambat), met, or not started."""

    deadline: Deadline
    state: StepState | None
    days_left: int | None = None
    done_on: date | None = None


# -- one function per deadline -----------------------------------------------------------------


def report_to_upg(calc: DeadlineCalculator, facts: ReportFacts) -> Deadline:
    computed = calc.report_to_upg(facts.received_on)
    if facts.upg_due_on is None or facts.upg_due_on == computed.due:
        return computed
    # The date stored at filing stands (a later change of the setting does not move it).
    return replace(computed, due=facts.upg_due_on)


def report_to_kpk(calc: DeadlineCalculator, facts: ReportFacts) -> Deadline:
    return calc.report_to_kpk(facts.received_on)


def upg_forward(calc: DeadlineCalculator, facts: ReportFacts) -> Deadline | None:
    """None while the report awaits completion (the UPG's clock has not started)."""
    if facts.complete_on is None:
        return None
    return calc.upg_forward_to_kpk(facts.complete_on)


def kpk_decision(calc: DeadlineCalculator, facts: ReportFacts) -> Deadline | None:
    return None if facts.forwarded_on is None else calc.kpk_decision(facts.forwarded_on)


def sk_to_recipient(calc: DeadlineCalculator, facts: ReportFacts) -> Deadline | None:
    return None if facts.sk_date is None else calc.sk_to_recipient(facts.sk_date)


def handover(calc: DeadlineCalculator, facts: ReportFacts) -> Deadline | None:
    """Only for state property: hand-over or payment to the state treasury."""
    if facts.sk_date is None or facts.decision not in HANDOVER_DECISIONS:
        return None
    return calc.handover_to_menkeu(facts.sk_date)


# -- where each stands -------------------------------------------------------------------------


def step_of(deadline: Deadline, today: date, done_on: date | None, running: bool) -> Step:
    if done_on is not None:
        return Step(deadline, "terpenuhi" if done_on <= deadline.due else "terpenuhi_terlambat", None, done_on)
    if running:
        return Step(deadline, deadline.status_on(today), deadline.working_days_left(today))
    return Step(deadline, None)


def report_steps(calc: DeadlineCalculator, facts: ReportFacts, today: date) -> list[Step]:
    """Every deadline the known dates allow, in process order, with its state on ``today``."""
    if not facts.penerimaan:
        return []
    steps = [
        step_of(report_to_upg(calc, facts), today, facts.reported_on, False),
        step_of(report_to_kpk(calc, facts), today, facts.reported_on, False),
    ]
    forward = upg_forward(calc, facts)
    if forward is not None:
        steps.append(step_of(forward, today, facts.forwarded_on, facts.status in UPG_STAGE))
    decision = kpk_decision(calc, facts)
    if decision is not None:
        steps.append(step_of(decision, today, facts.sk_date, facts.status == "diteruskan_kpk"))
    sk = sk_to_recipient(calc, facts)
    if sk is not None:
        steps.append(step_of(sk, today, facts.sk_recorded_on, False))
    goods = handover(calc, facts)
    if goods is not None:
        steps.append(step_of(goods, today, facts.handed_over_on, facts.status in HANDOVER_DECISIONS))
    return steps


def current_deadline(calc: DeadlineCalculator, facts: ReportFacts) -> Deadline | None:
    """The deadline of the step the report is in now (the queue's due date), or None when
    this module does not own that state's deadline (the caller falls back to its own)."""
    if facts.penerimaan and facts.status in UPG_STAGE:
        return upg_forward(calc, facts)
    if facts.status == "diteruskan_kpk":
        return kpk_decision(calc, facts)
    if facts.status in HANDOVER_DECISIONS:
        return handover(calc, facts)
    return None
