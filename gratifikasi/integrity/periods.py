"""The periods the integrity pages are read for, written as short codes in their URLs
(``2026``, ``2026-S1``, ``2026-T2``, ``2026-B03``), and the refused-input error they share."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from .. import clock
from ..rules.periods import Period

MIN_YEAR, MAX_YEAR = 2015, 2100
# The UPG's semester recap is due by the 15th of the month after the semester (KKP practice,
# domain.md §2.2, MED): 15 July and 15 January.
RECAP_DUE_DAY = 15

_PERIOD_RE = re.compile(r"^(\d{4})(?:-(S|T|B)(\d{1,2}))?$")
_PERIOD_KIND = {"S": "semester", "T": "quarter", "B": "month"}
_PERIOD_CODE = {v: k for k, v in _PERIOD_KIND.items()}


class IntegrityError(ValueError):
    """A refused input; the message is Indonesian and may be shown as is."""


def parse_period(text: str | None, today: date | None = None) -> Period:
    """``"2026"`` (year), ``"2026-S1"`` (semester), ``"2026-T2"`` (triwulan), ``"2026-B03"``."""
    today = today or clock.local_today()
    if not text:
        return Period.of_year(today.year)
    match = _PERIOD_RE.match(text.strip().upper())
    if not match:
        raise IntegrityError("Periode tidak dikenal. Contoh: 2026, 2026-S1, 2026-T2, 2026-B03.")
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise IntegrityError(f"Tahun harus {MIN_YEAR}–{MAX_YEAR}.")
    if match.group(2) is None:
        return Period.of_year(year)
    try:
        return Period(year, _PERIOD_KIND[match.group(2)], int(match.group(3)))
    except ValueError:
        raise IntegrityError("Nomor semester/triwulan/bulan di luar rentang.") from None


def period_code(period: Period) -> str:
    if period.kind == "year":
        return str(period.year)
    width = 2 if period.kind == "month" else 1
    return f"{period.year}-{_PERIOD_CODE[period.kind]}{period.index:0{width}d}"


def period_choices(year: int, label: Callable[[Period], str] = lambda p: p.label_id) -> list[tuple[str, str]]:
    """The year, its semesters and quarters, for a select box (``label`` names each one)."""
    periods = [Period.of_year(year), *Period.of_year(year).sub_periods("semester"),
               *Period.of_year(year).sub_periods("quarter")]
    return [(period_code(p), label(p)) for p in periods]


def semester_due(year: int, semester: int) -> date:
    """When the semester's recap to KPK is due (:data:`RECAP_DUE_DAY`)."""
    return date(year, 7, RECAP_DUE_DAY) if semester == 1 else date(year + 1, 1, RECAP_DUE_DAY)
