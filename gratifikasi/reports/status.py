"""What the reporter (and the receipt) shows of a report: the deadlines with their state,
the late-report warning and the reporter-facing status, in the visitor's language."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from .. import clock
from ..calendar.service import deadline_calculator
from ..i18n import translate
from ..models.report import GratificationReport
from ..rules.deadlines import Deadline
from ..rules.workflow import GRATIFICATION
from .steps import steps_of
from .thread import open_completion_request

# -- deadlines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    due: date
    basis: str
    # aman | segera | terlambat (running) | terpenuhi | terpenuhi_terlambat (met) | None (not running)
    state: str | None
    days_left: int | None
    estimated: bool = False  # counted through a year whose holidays are not confirmed
    done_on: date | None = None
    name_id: str = ""


def _row(deadline: Deadline, state: str | None, left: int | None, done_on: date | None = None) -> DeadlineRow:
    return DeadlineRow(translate(deadline.label), deadline.due, deadline.legal_basis, state, left,
                       deadline.estimated, done_on, deadline.name_id)


def report_deadlines(report: GratificationReport, today: date | None = None) -> list[DeadlineRow]:
    """The deadlines the reporter and the UPG see, with their state on ``today``: the same
    functions as the case page and the queue (``reports.steps``)."""
    today = today or clock.local_today()
    rows = [_row(step.deadline, step.state, step.days_left, step.done_on) for step in steps_of(report, today)]
    request = open_completion_request(report)
    if request is not None and request.due_date is not None:
        calc = deadline_calculator()
        completion = calc.completion(report.tanggal_penerimaan, report.tanggal_lapor)
        deadline = Deadline(completion.name_id, completion.label, request.due_date, completion.legal_basis,
                            calendar=calc.calendar, soon_within_hk=calc.settings.soon_within_hk,
                            estimated=calc.calendar.estimated_between(report.tanggal_lapor, request.due_date))
        rows.append(_row(deadline, deadline.status_on(today), deadline.working_days_left(today)))
    return rows


def late_message(report: GratificationReport) -> str | None:
    """The late-report warning (PerKPK 1/2026 Ps. 17(4)) in the visitor's language, if late."""
    if report.late_working_days is None:
        return None
    warning = deadline_calculator().is_late_report(report.tanggal_penerimaan, report.tanggal_lapor)
    if warning is None:
        return None
    return translate(warning.message)


def public_status(report: GratificationReport) -> str:
    return _(GRATIFICATION.state(report.status).public_label)
