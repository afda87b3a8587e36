"""The facts a report's deadlines are counted from, read from the database, and the deadlines
themselves (``rules.report_steps``): the one source for the reporter's status page and receipt
PDF, the case page and the queue's due date (issue 15 item 4).

The status is the case file's (``CaseFile.status``); the day the report became complete is the
last time the reporter (or an officer on paper) completed it, else the filing day.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, inspect, select

from .. import clock
from ..calendar.service import deadline_calculator
from ..extensions import db
from ..models import FollowUpKind, KpkDecisionRecord, KpkFollowUp, KpkForwarding
from ..models.case import CaseEvent, CaseFile
from ..models.report import REPORT_RECORD_TYPE, GratificationReport
from ..rules import report_steps as rules
from ..rules.deadlines import Deadline
from ..rules.report_fields import JenisLaporan
from ..rules.workflow import FORWARDED_STATES, GRATIFICATION

COMPLETED_ACTION = "lengkapi"  # the workflow's "report completed" transition
AWAITING_COMPLETION = "perlu_dilengkapi"
# Follow-ups that settle state property: the goods handed over or their value paid.
HANDOVER_KINDS = (FollowUpKind.serahkan_barang, FollowUpKind.setor_uang, FollowUpKind.setor_kompensasi)


def _completed_on(report: GratificationReport, case_id: int | None, status: str) -> date | None:
    if status == AWAITING_COMPLETION:
        return None
    if case_id is not None:
        last = db.session.execute(select(func.max(CaseEvent.occurred_at)).where(
            CaseEvent.case_id == case_id, CaseEvent.action == COMPLETED_ACTION)).scalar()
        if last is not None:
            return max(clock.local_date(last), report.received_on)
    return report.received_on


def _written(case: CaseFile) -> bool:
    """Whether the case file is in the database already: one being opened (its rows not yet
    written, ``cases.opening``) has no history to read."""
    state = inspect(case)
    return bool(state.persistent or state.detached)


def report_facts(report: GratificationReport, case: CaseFile | None = None) -> rules.ReportFacts:
    """Everything the deadlines of ``report`` are counted from (``case``: its case file, if at hand)."""
    if case is None:
        case = db.session.execute(select(CaseFile).where(
            CaseFile.record_type == REPORT_RECORD_TYPE, CaseFile.record_id == report.id)).scalar_one_or_none()
    status = case.status if case is not None else GRATIFICATION.initial
    forwarding = decision = handed_over = None
    if status in FORWARDED_STATES:  # before forwarding there are no KPK rows to read
        forwarding = db.session.execute(
            select(KpkForwarding).where(KpkForwarding.report_id == report.id)).scalar_one_or_none()
        decision = db.session.execute(
            select(KpkDecisionRecord).where(KpkDecisionRecord.report_id == report.id)).scalar_one_or_none()
        handed_over = db.session.execute(select(func.min(KpkFollowUp.done_on)).where(
            KpkFollowUp.report_id == report.id, KpkFollowUp.kind.in_(HANDOVER_KINDS))).scalar()
    return rules.ReportFacts(
        penerimaan=report.jenis_laporan is JenisLaporan.PENERIMAAN,
        status=status,
        received_on=report.tanggal_penerimaan,
        reported_on=report.received_on,
        complete_on=_completed_on(report, case.id if case is not None and _written(case) else None, status),
        upg_due_on=report.upg_due_on,
        forwarded_on=forwarding.forwarded_on if forwarding is not None else None,
        sk_date=decision.sk_date if decision is not None else None,
        sk_recorded_on=clock.local_date(decision.recorded_at) if decision is not None else None,
        decision=decision.decision.value if decision is not None else None,
        handed_over_on=handed_over,
    )


def steps_of(report: GratificationReport, today: date | None = None) -> list[rules.Step]:
    """Every deadline of ``report`` with its state on ``today`` (Asia/Jakarta by default)."""
    return rules.report_steps(deadline_calculator(), report_facts(report), today or clock.local_today())


def current_deadline(report: GratificationReport, case: CaseFile) -> Deadline | None:
    """The deadline of the case's current step, or None where another rule owns it."""
    return rules.current_deadline(deadline_calculator(), report_facts(report, case))


def upg_due_on(jenis: JenisLaporan, received_on: date) -> date | None:
    """The receipt → UPG deadline kept on a new report (none for a refusal report)."""
    if jenis is not JenisLaporan.PENERIMAAN:
        return None
    return deadline_calculator().report_to_upg(received_on).due


__all__ = ["current_deadline", "report_facts", "steps_of", "upg_due_on"]
