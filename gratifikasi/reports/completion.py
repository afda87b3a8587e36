"""The completion deadline of a gratification report returned to its reporter (issue 15).

PerKPK 1/2026 Ps. 9(1), (3): a report returned as incomplete may be completed until the
deadline; after it the report is not followed up. The deadline is counted from the legal
anchor, not from the day the UPG returned the report: 20 working days from the date of the
report under the 2026 rules, 30 from the date of receipt under the 2019 rules, the rule set
chosen by the date of the report (``rules.gratification_rulesets.SELECTED_BY``).

:func:`completion_deadline` is the one place it is computed: the case file's due date (queue
and case page), the completion request, its e-mail, the reporter's status page, the workflow
guards and the daily closing job all read it from here.
"""
from __future__ import annotations

from datetime import date

from ..calendar.service import deadline_calculator
from ..models.report import GratificationReport
from ..rules.deadlines import Deadline


def completion_deadline(report: GratificationReport) -> Deadline:
    """The regulation's completion deadline of ``report`` on the tenant's calendar."""
    return deadline_calculator().completion(report.tanggal_penerimaan, report.received_on)


def completion_due(report: GratificationReport) -> date:
    """The last day (still on time) the reporter may complete ``report``."""
    return completion_deadline(report).due


__all__ = ["completion_deadline", "completion_due"]
