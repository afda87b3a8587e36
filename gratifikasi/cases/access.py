"""The one access rule of the officer side, as lookups that answer 404.

Every officer route that takes a case, a record or an attachment id goes through a function
here (in the manner of flaskr's ``get_post``): a case is visible to an officer exactly when
``queries.visible_to`` says so (role = the case's queue, unit = its handling unit, not
recused). Ring membership is the second gate: content opens only with the officer's key.
A refused lookup looks exactly like a missing record, so ids reveal nothing.
"""
from __future__ import annotations

from flask import abort

from ..models import Officer
from ..models.case import CaseFile
from . import queries


def case_or_404(officer: Officer, case_id: int, *, lock: bool = False) -> CaseFile:
    case = queries.visible_case(officer, case_id, lock=lock)
    if case is None:
        abort(404)
    return case


def record_case_or_404(officer: Officer, record_type: str, record_id: int, *, lock: bool = False) -> CaseFile:
    """The case of an intake record (pages addressed by the record, e.g. the KPK steps)."""
    case = queries.visible_record_case(officer, record_type, record_id, lock=lock)
    if case is None:
        abort(404)
    return case


def may_open_record(officer: Officer, record_type: str, record_id: int) -> bool:
    """Whether the officer may open the record's case: the same rule, as a yes/no."""
    return queries.record_visible(officer, record_type, record_id)


__all__ = ["case_or_404", "may_open_record", "record_case_or_404"]
