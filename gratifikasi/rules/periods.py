"""Calendar periods of the integrity dashboards: year, semester, quarter, month.

A :class:`Period` knows its first and last day, the finer periods it is made of (the
regularity indicators of :mod:`gratifikasi.rules.indicators` ask "was there an activity in
every quarter of this year?") and its Indonesian name. Pure module, no database.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = ["Period", "PeriodKind"]

PeriodKind = Literal["year", "semester", "quarter", "month"]
_MONTHS: dict[str, int] = {"year": 12, "semester": 6, "quarter": 3, "month": 1}
_ROMAN = ("I", "II", "III", "IV")
_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period; ``index`` is the semester/quarter/month number (1 for a year)."""

    year: int
    kind: str
    index: int = 1

    def __post_init__(self) -> None:
        if self.kind not in _MONTHS:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if not 1 <= self.index <= 12 // _MONTHS[self.kind]:
            raise ValueError(f"{self.kind} index {self.index} out of range")

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(year, "year", 1)

    @classmethod
    def of_semester(cls, year: int, semester: int) -> Period:
        return cls(year, "semester", semester)

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, "quarter", quarter)

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        return cls(year, "month", month)

    @classmethod
    def containing(cls, day: date, kind: str) -> Period:
        if kind not in _MONTHS:
            raise ValueError(f"unknown period kind {kind!r}")
        return cls(day.year, kind, (day.month - 1) // _MONTHS[kind] + 1)

    @property
    def start(self) -> date:
        return date(self.year, (self.index - 1) * _MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        last_month = self.index * _MONTHS[self.kind]
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def sub_periods(self, kind: str) -> list[Period]:
        """The periods of ``kind`` that make up this one (same or finer kind)."""
        if kind not in _MONTHS:
            raise ValueError(f"unknown period kind {kind!r}")
        if _MONTHS[kind] > _MONTHS[self.kind]:
            raise ValueError(f"a {kind} does not fit in a {self.kind}")
        per = _MONTHS[self.kind] // _MONTHS[kind]
        first = (self.index - 1) * per + 1
        return [Period(self.year, kind, i) for i in range(first, first + per)]

    @property
    def label_id(self) -> str:
        if self.kind == "year":
            return f"Tahun {self.year}"
        if self.kind == "semester":
            return f"Semester {_ROMAN[self.index - 1]} {self.year}"
        if self.kind == "quarter":
            return f"Triwulan {_ROMAN[self.index - 1]} {self.year}"
        return f"{_BULAN[self.index - 1]} {self.year}"
