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
from .completion import completion_deadline
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
    if open_completion_request(report) is not None:
        completion = completion_deadline(report)  # reports.completion: the one computation
        if report.status == "perlu_dilengkapi":
            rows.append(_row(completion, completion.status_on(today), completion.working_days_left(today)))
        else:
            rows.append(_row(completion, None, None))
    return rows


@dataclass(frozen=True)
class CompletionShown:
    """The open completion request as the reporter sees it: its deadline and whether it can
    still be answered (the workflow refuses a completion after the deadline)."""

    request_id: int
    due: date
    still_open: bool


def completion_shown(report: GratificationReport, today: date | None = None) -> CompletionShown | None:
    """The open completion request's deadline (``reports.completion``), or None without one."""
    request = open_completion_request(report)
    if request is None:
        return None
    due = completion_deadline(report).due
    return CompletionShown(request.id, due, (today or clock.local_today()) <= due)


def late_message(report: GratificationReport) -> str | None:
    """The late-report warning (PerKPK 1/2026 Ps. 17(4)) in the visitor's language, if late."""
    if report.late_working_days is None:
        return None
    warning = deadline_calculator().is_late_report(report.tanggal_penerimaan, report.received_on)
    if warning is None:
        return None
    return translate(warning.message)


def public_status(report: GratificationReport, status: str | None = None) -> str:
    """The reporter-facing label of the report's status (or of ``status``, if given)."""
    return _(GRATIFICATION.state(status or report.status).public_label)
