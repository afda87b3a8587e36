"""The working-day calendar as database data an administrator can edit.

The ``holidays`` package is the baseline (so a year nobody has looked at still skips the
national holidays); each ``calendar_day`` row overrides it for its date: ``libur`` and
``cuti_bersama`` rows add or rename a day off, ``hari_kerja`` rows make a day a working day.
``seed_calendar`` copies the package's days of a year into the table, so an administrator can
check them against the SKB 3 Menteri and edit them.

The calendar is cached per process and rebuilt when the reference generation moved
(``settings.cache``): every change here bumps it, so no worker misses another worker's edit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..models import CalendarDay, CalendarDayKind, CalendarSource, CalendarYear, Officer
from ..rules.calendar import (
    CHECKED_YEARS,
    CalendarCsvError,
    CalendarEntry,
    WorkingDayCalendar,
    library_covers,
    library_estimates,
    parse_calendar_csv,
)
from ..rules.deadlines import DeadlineCalculator
from ..settings.cache import bump, cached
from ..settings.service import deadline_settings

__all__ = [
    "CalendarError",
    "CountResult",
    "ListedDay",
    "YearState",
    "confirm_year",
    "year_state",
    "years_to_confirm",
    "MAX_IMPORT_ROWS",
    "MAX_YEAR",
    "MIN_YEAR",
    "add_calendar_day",
    "deadline_calculator",
    "import_calendar_csv",
    "library_days",
    "remove_calendar_day",
    "seed_calendar",
    "working_day_calendar",
    "year_listing",
]

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_IMPORT_ROWS = 2000
MAX_NAME_LENGTH = 200
WARN_DAYS = 90  # warn this many days before a year without a confirmed calendar starts
LIBRARY = "pustaka"  # source shown for a day that only the holidays package knows

_CACHE = "_gratifikasi_calendar"


class CalendarError(ValueError):
    """A refused calendar change; the message is Indonesian and shown as is."""


@dataclass
class CountResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class ListedDay:
    """One line of the yearly list: a day off, or a working-day override."""

    day: date
    name: str
    kind: str  # libur | cuti_bersama | hari_kerja
    source: str  # admin | import | seed | pustaka
    in_library: bool  # the holidays package lists this day (removing it stores hari_kerja)

    @property
    def weekend(self) -> bool:
        return self.day.weekday() >= 5


# -- reading ---------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def library_days(year: int) -> dict[date, CalendarEntry]:
    """The holidays package's days off of ``year`` (package data, so a process cache is safe)."""
    return {entry.date: entry for entry in WorkingDayCalendar().holidays_in_year(year)}


def _entry(row: CalendarDay) -> CalendarEntry:
    return CalendarEntry(row.day, row.name, row.kind.value)


def working_day_calendar() -> WorkingDayCalendar:
    """The tenant's calendar: the holidays package overridden by the ``calendar_day`` rows."""
    return cached(_CACHE, _read_calendar)


def _read_calendar() -> WorkingDayCalendar:
    rows = db.session.execute(select(CalendarDay)).scalars()
    official = db.session.execute(select(CalendarYear.year)).scalars()
    return WorkingDayCalendar.from_entries([_entry(row) for row in rows], official_years=list(official))


def deadline_calculator() -> DeadlineCalculator:
    """Deadlines with the tenant's calendar and settings (receipt_to_upg_hk, upg_to_kpk_hk…)."""
    return DeadlineCalculator(working_day_calendar(), deadline_settings())


def _rows_in_year(year: int) -> dict[date, CalendarDay]:
    query = select(CalendarDay).where(CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)))
    return {row.day: row for row in db.session.execute(query).scalars()}


def year_listing(year: int) -> list[ListedDay]:
    """Days off and working-day overrides of ``year`` in date order, each with its source."""
    _check_year(year)
    rows = _rows_in_year(year)
    library = library_days(year)
    listed = [
        ListedDay(
            entry.date,
            entry.name,
            entry.kind,
            rows[entry.date].source.value if entry.date in rows else LIBRARY,
            entry.date in library,
        )
        for entry in working_day_calendar().holidays_in_year(year)
    ]
    listed += [
        ListedDay(row.day, row.name, row.kind.value, row.source.value, row.day in library)
        for row in rows.values()
        if row.kind is CalendarDayKind.hari_kerja
    ]
    return sorted(listed, key=lambda item: item.day)


@dataclass(frozen=True)
class YearState:
    """What the calendar knows about one year (the admin page and `flask calendar check`)."""

    year: int
    confirmed: bool
    basis: str | None  # the SKB it was checked against or entered from
    available: bool  # False: no data at all, deadlines through it cannot be counted
    library_estimates: bool  # the package guesses some dates or lacks cuti bersama


def year_state(year: int) -> YearState:
    row = db.session.execute(select(CalendarYear).where(CalendarYear.year == year)).scalar_one_or_none()
    basis = row.skb_reference if row is not None else CHECKED_YEARS.get(year)
    return YearState(year, basis is not None, basis, row is not None or library_covers(year),
                     library_estimates(year))


def years_to_confirm(today: date, warn_days: int = WARN_DAYS) -> list[YearState]:
    """This year, and next year from ``warn_days`` before it starts, if not confirmed."""
    years = [today.year]
    if (date(today.year + 1, 1, 1) - today).days <= warn_days:
        years.append(today.year + 1)
    return [state for state in map(year_state, years) if not state.confirmed]


def confirm_year(year: int, skb_reference: str, csv_text: str, officer: Officer | None = None) -> CountResult:
    """Enter the official SKB dates of ``year``: they replace every stored day and the
    package's estimate for that year (all or nothing), and the year counts as confirmed."""
    _check_year(year)
    reference = " ".join(skb_reference.split())
    if not reference:
        raise CalendarError("Nomor SKB wajib diisi.")
    if len(reference) > MAX_NAME_LENGTH:
        raise CalendarError(f"Nomor SKB paling panjang {MAX_NAME_LENGTH} karakter.")
    try:
        entries = parse_calendar_csv(csv_text)
    except CalendarCsvError as error:
        raise CalendarError(str(error)) from error
    problems = [f"{entry.date.isoformat()}: bukan tahun {year}." for entry in entries if entry.date.year != year]
    problems += [f"{entry.date.isoformat()}: nama paling panjang {MAX_NAME_LENGTH} karakter."
                 for entry in entries if len(entry.name) > MAX_NAME_LENGTH]
    if not any(entry.is_day_off for entry in entries):
        problems.append("Isi tanggal libur nasional dan cuti bersama dari SKB (satu baris per tanggal).")
    if problems:
        raise CalendarError("Kalender resmi tidak valid:\n" + "\n".join(problems))
    for row in _rows_in_year(year).values():
        db.session.delete(row)
    db.session.flush()
    result = CountResult()
    for entry in entries:
        _upsert(entry.date, entry.name, _kind(entry.kind), CalendarSource.skb, officer)
        result.created += 1
    confirmed = db.session.execute(select(CalendarYear).where(CalendarYear.year == year)).scalar_one_or_none()
    if confirmed is None:
        confirmed = CalendarYear(year=year)
        db.session.add(confirmed)
    confirmed.skb_reference = reference
    confirmed.confirmed_by_id = officer.id if officer is not None else None
    confirmed.confirmed_at = clock.utcnow()
    bump()
    db.session.commit()
    return result


# -- changing --------------------------------------------------------------------------------


def add_calendar_day(
    day: date,
    name: str,
    kind: CalendarDayKind | str,
    officer: Officer | None = None,
    *,
    source: CalendarSource = CalendarSource.admin,
) -> tuple[CalendarDay, bool]:
    """Store a day off or a working day; an existing row for the date is replaced.

    Returns ``(row, created)``.
    """
    kind = _kind(kind)
    name = " ".join(name.split())
    _check_year(day.year)
    if len(name) > MAX_NAME_LENGTH:
        raise CalendarError(f"Nama hari paling panjang {MAX_NAME_LENGTH} karakter.")
    if not name:
        if kind is not CalendarDayKind.hari_kerja:
            raise CalendarError("Nama hari libur wajib diisi.")
        name = "Hari kerja"
    row, created = _upsert(day, name, kind, source, officer)
    bump()
    db.session.commit()
    return row, created


def remove_calendar_day(day: date, officer: Officer | None = None) -> str:
    """Undo what makes ``day`` special. Returns what happened:

    * ``"deleted"``: a stored row was deleted (an added day off is gone, or a working-day
      override ends and the package's holiday counts again);
    * ``"overridden"``: the day is a holiday in the holidays package, so deleting is not enough:
      a ``hari_kerja`` row now makes it a working day (e.g. a cuti bersama cancelled by a
      revised SKB).
    """
    row = db.session.execute(select(CalendarDay).where(CalendarDay.day == day)).scalar_one_or_none()
    library = library_days(day.year).get(day) if MIN_YEAR <= day.year <= MAX_YEAR else None
    if row is not None and (row.kind is CalendarDayKind.hari_kerja or library is None):
        db.session.delete(row)
        outcome = "deleted"
    elif library is not None and day.weekday() >= 5:
        # A hari_kerja row would make the Saturday or Sunday itself a working day, which is
        # never what "remove this holiday" means; add a hari_kerja day explicitly for that.
        raise CalendarError(
            f"Tanggal {day.isoformat()} jatuh pada akhir pekan, jadi tetap bukan hari kerja."
        )
    elif library is not None:
        _upsert(day, f"Hari kerja (bukan lagi: {library.name})"[:MAX_NAME_LENGTH],
                CalendarDayKind.hari_kerja, CalendarSource.admin, officer)
        outcome = "overridden"
    else:
        raise CalendarError(f"Tanggal {day.isoformat()} bukan hari libur atau cuti bersama di kalender.")
    bump()
    db.session.commit()
    return outcome


def import_calendar_csv(text: str, officer: Officer | None = None) -> CountResult:
    """Import ``tanggal,nama,jenis`` rows; all or nothing. Errors name every bad line."""
    try:
        entries = parse_calendar_csv(text)
    except CalendarCsvError as error:
        raise CalendarError(str(error)) from error
    if len(entries) > MAX_IMPORT_ROWS:
        raise CalendarError(f"Paling banyak {MAX_IMPORT_ROWS} baris per impor.")
    problems = [
        f"{entry.date.isoformat()}: nama paling panjang {MAX_NAME_LENGTH} karakter."
        for entry in entries
        if len(entry.name) > MAX_NAME_LENGTH
    ] + [
        f"{entry.date.isoformat()}: tahun harus antara {MIN_YEAR} dan {MAX_YEAR}."
        for entry in entries
        if not MIN_YEAR <= entry.date.year <= MAX_YEAR
    ]
    if problems:
        raise CalendarError("Berkas kalender tidak valid:\n" + "\n".join(problems))
    result = CountResult()
    for entry in entries:
        _, created = _upsert(entry.date, entry.name, _kind(entry.kind), CalendarSource.import_, officer)
        result.created += created
        result.updated += not created
    bump()
    db.session.commit()
    return result


def seed_calendar(year: int, officer: Officer | None = None) -> CountResult:
    """Store the holidays package's days off of ``year``; dates that already have a row
    (an administrator's decision) are left alone and counted as skipped."""
    _check_year(year)
    existing = _rows_in_year(year)
    result = CountResult()
    for day, entry in library_days(year).items():
        if day in existing:
            result.skipped += 1
            continue
        _upsert(day, entry.name[:MAX_NAME_LENGTH], _kind(entry.kind), CalendarSource.seed, officer)
        result.created += 1
    bump()
    db.session.commit()
    return result


# -- helpers ---------------------------------------------------------------------------------


def _upsert(
    day: date, name: str, kind: CalendarDayKind, source: CalendarSource, officer: Officer | None
) -> tuple[CalendarDay, bool]:
    row = db.session.execute(select(CalendarDay).where(CalendarDay.day == day)).scalar_one_or_none()
    created = row is None
    if row is None:
        row = CalendarDay(day=day)
        db.session.add(row)
    row.name, row.kind, row.source = name, kind, source
    row.created_by_id = officer.id if officer is not None else None
    row.created_at = clock.utcnow()
    db.session.flush()
    return row, created


def _kind(kind: CalendarDayKind | str) -> CalendarDayKind:
    try:
        return CalendarDayKind(kind)
    except ValueError:
        raise CalendarError(f"Jenis '{kind}' tidak dikenal; gunakan libur, cuti_bersama, atau hari_kerja.") from None


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarError(f"Tahun harus antara {MIN_YEAR} dan {MAX_YEAR}.")

