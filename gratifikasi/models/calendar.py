"""The editable working-day calendar: days off and admin-declared working days.

The ``holidays`` package is the baseline; each row here overrides it for one date
(see gratifikasi/calendar_service.py). Rows are few (a few dozen a year), so the whole table
is read once per request.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class CalendarDayKind(str, enum.Enum):
    libur = "libur"  # national holiday (hari libur nasional)
    cuti_bersama = "cuti_bersama"  # collective leave from the SKB 3 Menteri
    hari_kerja = "hari_kerja"  # an explicit working day: overrides a library holiday or weekend


class CalendarSource(str, enum.Enum):
    admin = "admin"  # typed in on /admin/kalender
    import_ = "import"  # from a CSV upload or `flask calendar import`
    seed = "seed"  # copied from the holidays package by `seed_calendar`
    skb = "skb"  # an official SKB date entered with the year's confirmation (calendar_year)


class CalendarDay(Model):
    __tablename__ = "calendar_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[CalendarDayKind] = mapped_column(
        Enum(CalendarDayKind, native_enum=False, length=20, validate_strings=True)
    )
    source: Mapped[CalendarSource] = mapped_column(
        Enum(
            CalendarSource,
            native_enum=False,
            length=10,
            validate_strings=True,
            values_callable=lambda kinds: [k.value for k in kinds],
        )
    )
    # NULL for the CLI and seeding, where no officer is logged in.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"<CalendarDay {self.day} {self.kind.value}>"


class CalendarYear(Model):
    """A year whose official days off (SKB 3 Menteri) an administrator entered: its
    ``calendar_day`` rows are then the whole calendar of that year and deadlines counted
    through it are no longer estimates (issue 15 item 5)."""

    __tablename__ = "calendar_year"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    skb_reference: Mapped[str] = mapped_column(String(200))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime] = mapped_column(DateTime)
