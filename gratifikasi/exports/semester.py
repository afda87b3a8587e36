"""The UPG's six-monthly recap period (domain.md §2.2): January–June or July–December."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class Semester:
    year: int
    half: int  # 1 = Januari–Juni, 2 = Juli–Desember

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"year must be between {MIN_YEAR} and {MAX_YEAR}")
        if self.half not in (1, 2):
            raise ValueError("half must be 1 or 2")

    @property
    def first_day(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def label(self) -> str:
        months = "Januari–Juni" if self.half == 1 else "Juli–Desember"
        return f"Semester {self.half} ({months}) {self.year}"

    @property
    def slug(self) -> str:
        return f"{self.year}-s{self.half}"

    @classmethod
    def containing(cls, day: date) -> Semester:
        return cls(day.year, 1 if day.month <= 6 else 2)

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day
