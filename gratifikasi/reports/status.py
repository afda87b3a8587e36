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
from ..rules.report_fields import JenisLaporan
from ..rules.workflow import GRATIFICATION
from .thread import open_completion_request

# -- deadlines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    due: date
    basis: str
    state: str | None  # aman | segera | terlambat | terpenuhi | None (not running)
    days_left: int | None


_UPG_STAGE = ("diterima_upg", "diverifikasi", "dianalisis_upg")


def report_deadlines(report: GratificationReport, today: date | None = None) -> list[DeadlineRow]:
    """The deadlines the reporter and the UPG see, with their state on ``today``."""
    today = today or clock.local_today()
    calc = deadline_calculator()
    rows: list[DeadlineRow] = []

    def row(deadline: Deadline, running: bool, met: bool | None = None) -> None:
        text = translate(deadline.label)
        if met is not None:
            state = "terpenuhi" if met else "terlambat"
            left = None
        elif running:
            state, left = deadline.status_on(today), deadline.working_days_left(today)
        else:
            state, left = None, None
        rows.append(DeadlineRow(text, deadline.due, deadline.legal_basis, state, left))

    if report.jenis_laporan is JenisLaporan.PENERIMAAN:
        to_kpk = calc.report_to_kpk(report.tanggal_penerimaan)
        # Reporting through the UPG within the period counts as reporting in time.
        row(to_kpk, False, met=report.received_on <= to_kpk.due)
    row(calc.upg_forward_to_kpk(report.received_on), report.status in _UPG_STAGE)
    request = open_completion_request(report)
    if request is not None and request.due_date is not None:
        completion = calc.completion(report.tanggal_penerimaan, report.received_on)
        row(Deadline(completion.name_id, completion.label, request.due_date,
                     completion.legal_basis, calendar=calc.calendar, soon_within_hk=calc.settings.soon_within_hk),
            report.status == "perlu_dilengkapi")
    return rows


def late_message(report: GratificationReport) -> str | None:
    """The late-report warning (PerKPK 1/2026 Ps. 17(4)) in the visitor's language, if late."""
    if report.late_working_days is None:
        return None
    warning = deadline_calculator().is_late_report(report.tanggal_penerimaan, report.received_on)
    if warning is None:
        return None
    return translate(warning.message)


def public_status(report: GratificationReport) -> str:
    return _(GRATIFICATION.state(report.status).public_label)
