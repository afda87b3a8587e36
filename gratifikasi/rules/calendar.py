"""Working-day (hari kerja, HK) calendar for Indonesian government deadlines.

Every legal deadline in gratification handling is counted in *hari kerja*: Saturdays,
Sundays, national holidays (hari libur nasional) and cuti bersama from the SKB 3 Menteri are
skipped (domain.md §6.3). The national list is seeded from the ``holidays`` package
(``categories=("public", "government")``: "public" = libur nasional, "government" = cuti
bersama) and an administrator can add or remove days, because the SKB is sometimes revised
after the package was released.

Counting convention (used by every deadline in :mod:`gratifikasi.rules.deadlines`):

* the day of the event (receipt, report, decision …) is **day 0**, whether or not it is a
  working day;
* "within n HK" means the deadline is the **n-th working day after day 0**, and that day
  itself is still on time.

So ``add_working_days(start, n)`` returns that n-th working day, and
``working_days_between(start, end)`` counts the working days ``d`` with ``start < d <= end``;
the two are inverse: ``working_days_between(s, add_working_days(s, n)) == n``.

What the calendar knows (issue 15 item 5): a year is *confirmed* when its days off were
checked against the official SKB 3 Menteri (:data:`CHECKED_YEARS`, or an administrator entered
that year's official dates, which then replace the package's); any other year is an
*estimate* (the package guesses Islamic dates ahead and lacks cuti bersama for later years),
and every deadline that counts through such a year says so. A year with no data at all (outside
the package's range and not entered by an administrator) raises :class:`CalendarUnavailable`,
never a silent weekend-only count.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

import holidays


@functools.lru_cache(maxsize=64)
def _library_days(year: int, category: str) -> tuple[tuple[date, str], ...]:
    """The ``holidays`` library's Indonesian days of one category and year. Built once per
    process: the library's tables are fixed per release and building one costs milliseconds,
    which every deadline computed on a request would otherwise pay."""
    table = holidays.country_holidays("ID", categories=(category,), years=year, language="id")
    return tuple((day, "; ".join(table.get_list(day))) for day in table)

__all__ = [
    "CHECKED_YEARS",
    "CalendarCsvError",
    "CalendarUnavailable",
    "CalendarEntry",
    "CalendarKind",
    "CsvRowError",
    "WorkingDayCalendar",
    "parse_calendar_csv",
]

# Years whose package data was checked, date by date, against the official SKB (domain.md §6.3).
# Rules data: add a year here only with the SKB it was checked against.
CHECKED_YEARS: dict[int, str] = {
    2026: "SKB Menag/Menaker/MenPANRB No. 1497/2/5 Tahun 2025",
}


class CalendarUnavailable(LookupError):
    """No calendar data at all for a year: counting working days there would only skip weekends."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"Kalender hari kerja tahun {year} tidak tersedia; isi kalender resmi tahun itu.")


CalendarKind = Literal["libur", "cuti_bersama", "hari_kerja"]
CALENDAR_KINDS: tuple[CalendarKind, ...] = ("libur", "cuti_bersama", "hari_kerja")

DEFAULT_EXTRA_NAME = "Hari libur tambahan"
DEFAULT_WORKDAY_NAME = "Hari kerja"


@dataclass(frozen=True)
class CalendarEntry:
    """One day in the editable calendar.

    ``kind`` is ``libur`` (national holiday), ``cuti_bersama`` (collective leave, also a
    non-working day for ASN) or ``hari_kerja`` (an explicit working day: removes a holiday).
    """

    date: date
    name: str
    kind: CalendarKind

    @property
    def is_day_off(self) -> bool:
        return self.kind != "hari_kerja"


class WorkingDayCalendar:
    """Decides which days are *hari kerja* and counts working days.

    :param extra_holidays: admin-added days off: a ``date``, a ``(date, name)`` tuple or a
        :class:`CalendarEntry` (whose kind is kept; a ``hari_kerja`` entry counts as a removal).
    :param removed_holidays: admin-removed days: each becomes a working day even if the
        ``holidays`` package, an extra holiday or the weekend says otherwise (last-resort override,
        e.g. a cuti bersama cancelled by a revised SKB).
    :param years: years to load eagerly; any other year is loaded (once) when first asked for.
    :param use_library: seed from the ``holidays`` package. Set to ``False`` when the caller
        already stores the complete calendar (e.g. a DB seeded once from the package).
    :param official_years: years whose official SKB dates an administrator entered: the stored
        entries are then the whole calendar of that year (the package is not read) and the year
        is confirmed.
    :param checked_years: years confirmed without admin entry (bawaan: :data:`CHECKED_YEARS`).
    """

    def __init__(
        self,
        extra_holidays: Iterable[date | tuple[date, str] | CalendarEntry] = (),
        removed_holidays: Iterable[date] = (),
        years: Iterable[int] | None = None,
        *,
        use_library: bool = True,
        official_years: Iterable[int] = (),
        checked_years: Iterable[int] | None = None,
    ) -> None:
        self._use_library = use_library
        self._official = frozenset(official_years)
        self._confirmed = self._official | frozenset(CHECKED_YEARS if checked_years is None else checked_years)
        self._extra: dict[date, CalendarEntry] = {}
        self._removed: set[date] = set(removed_holidays)
        for item in extra_holidays:
            entry = _coerce_extra(item)
            if entry.kind == "hari_kerja":
                self._removed.add(entry.date)
            else:
                self._extra[entry.date] = entry
        # Per-year cache of days off: the package rebuilds its tables on every new year, which
        # is far too slow to do per lookup when computing deadlines for thousands of reports.
        self._year_cache: dict[int, dict[date, CalendarEntry]] = {}
        self._add_cache: dict[tuple[date, int], date] = {}
        for year in years or ():
            self._days_off(year)

    @classmethod
    def from_entries(
        cls,
        entries: Iterable[CalendarEntry],
        *,
        years: Iterable[int] | None = None,
        use_library: bool = True,
        official_years: Iterable[int] = (),
        checked_years: Iterable[int] | None = None,
    ) -> WorkingDayCalendar:
        """Build a calendar from admin entries (e.g. the result of :func:`parse_calendar_csv`)."""
        return cls(extra_holidays=entries, years=years, use_library=use_library,
                   official_years=official_years, checked_years=checked_years)

    # -- lookups ---------------------------------------------------------------------------

    def _days_off(self, year: int) -> dict[date, CalendarEntry]:
        cached = self._year_cache.get(year)
        if cached is not None:
            return cached
        days: dict[date, CalendarEntry] = {}
        if self._use_library and year not in self._official:
            if not library_covers(year):
                raise CalendarUnavailable(year)
            # Cuti bersama first so that a date in both lists keeps the national-holiday name.
            sources: tuple[tuple[str, CalendarKind], ...] = (("government", "cuti_bersama"), ("public", "libur"))
            for category, kind in sources:
                for day, name in _library_days(year, category):
                    days[day] = CalendarEntry(day, name, kind)
        for day, entry in self._extra.items():
            if day.year == year:
                days[day] = entry
        for day in self._removed:
            if day.year == year:
                days.pop(day, None)
        self._year_cache[year] = days
        return days

    # -- what the calendar knows -----------------------------------------------------------

    def is_confirmed(self, year: int) -> bool:
        """The year's days off were checked against, or entered from, the official SKB."""
        return year in self._confirmed

    def is_official_entry(self, year: int) -> bool:
        """An administrator entered the year's official dates (they replace the package's)."""
        return year in self._official

    def estimated_between(self, start: date, end: date) -> bool:
        """True when counting from ``start`` to ``end`` crosses a year that is only estimated."""
        low, high = min(start, end), max(start, end)
        return any(not self.is_confirmed(year) for year in range(low.year, high.year + 1))

    def entry(self, d: date) -> CalendarEntry | None:
        """The holiday or cuti bersama entry for ``d``, or ``None`` (also for plain weekends)."""
        return self._days_off(d.year).get(d)

    def holiday_name(self, d: date) -> str | None:
        """Name of the holiday/cuti bersama on ``d``; ``None`` for ordinary days and weekends."""
        found = self.entry(d)
        return found.name if found else None

    def is_working_day(self, d: date) -> bool:
        if d in self._removed:
            return True
        if d.weekday() >= 5:  # Saturday, Sunday
            return False
        return d not in self._days_off(d.year)

    def holidays_in_year(self, year: int) -> list[CalendarEntry]:
        """All days off of ``year`` in date order (for showing or seeding the admin calendar)."""
        return sorted(self._days_off(year).values(), key=lambda e: e.date)

    # -- counting --------------------------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` is day 0; ``n == 0`` → ``start``)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        key = (start, n)
        cached = self._add_cache.get(key)
        if cached is not None:
            return cached
        day, counted = start, 0
        while counted < n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        self._add_cache[key] = day
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``.

        E.g. a report filed on the 30th working day after receipt gives 30 (still on time).
        """
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def library_covers(year: int) -> bool:
    """The ``holidays`` package has Indonesian data for ``year`` (it covers a fixed range)."""
    return _library_range()[0] <= year <= _library_range()[1]


@functools.lru_cache(maxsize=1)
def _library_range() -> tuple[int, int]:
    table = holidays.country_holidays("ID")
    return int(table.start_year), int(table.end_year)


def library_estimates(year: int) -> bool:
    """The package itself marks some of the year's dates as estimates, or has no cuti bersama."""
    if not library_covers(year):
        return True
    names = [name for _, name in _library_days(year, "public")]
    return not _library_days(year, "government") or any("perkiraan" in name for name in names)


def _coerce_extra(item: date | tuple[date, str] | CalendarEntry) -> CalendarEntry:
    if isinstance(item, CalendarEntry):
        return item
    if isinstance(item, tuple):
        day, name = item
        return CalendarEntry(day, name or DEFAULT_EXTRA_NAME, "libur")
    if isinstance(item, date):
        return CalendarEntry(item, DEFAULT_EXTRA_NAME, "libur")
    raise TypeError(f"unsupported calendar entry: {item!r}")


# -- CSV import for administrators ----------------------------------------------------------


@dataclass(frozen=True)
class CsvRowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"Baris {self.line}: {self.message}"


class CalendarCsvError(ValueError):
    """Raised by :func:`parse_calendar_csv`; ``errors`` lists every bad row (not only the first)."""

    def __init__(self, errors: list[CsvRowError]) -> None:
        self.errors = errors
        super().__init__("Berkas kalender tidak valid:\n" + "\n".join(map(str, errors)))


_HEADER = ("tanggal", "nama", "jenis")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
_KIND_ALIASES: dict[str, CalendarKind] = {
    "libur": "libur",
    "libur nasional": "libur",
    "cuti bersama": "cuti_bersama",
    "hari kerja": "hari_kerja",
}


def parse_calendar_csv(text: str) -> list[CalendarEntry]:
    """Parse an admin calendar file: columns ``tanggal,nama,jenis``.

    * ``tanggal``: ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (as Excel in Indonesian locale writes it);
    * ``nama``: required for ``libur`` and ``cuti_bersama``;
    * ``jenis``: ``libur`` | ``cuti_bersama`` | ``hari_kerja`` (spaces instead of ``_`` accepted).

    The header row is optional; ``;`` is accepted as separator; blank lines are skipped.
    All bad rows are reported together, each naming its line number, in Indonesian.
    """
    text = text.lstrip("\ufeff")  # Excel's UTF-8 BOM
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    entries: list[CalendarEntry] = []
    errors: list[CsvRowError] = []
    seen: dict[date, int] = {}
    first_row = True
    for row in reader:
        line = reader.line_num
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        is_header = first_row and tuple(c.lower() for c in cells) == _HEADER
        first_row = False
        if is_header:
            continue
        if len(cells) != 3:
            errors.append(
                CsvRowError(line, f"harus berisi 3 kolom (tanggal, nama, jenis), ditemukan {len(cells)}.")
            )
            continue
        raw_date, name, raw_kind = cells
        row_errors: list[str] = []
        day = _parse_date(raw_date)
        if day is None:
            row_errors.append(
                f"tanggal '{raw_date}' tidak valid; gunakan format YYYY-MM-DD atau DD/MM/YYYY."
            )
        kind = _KIND_ALIASES.get(raw_kind.lower().replace("_", " "))
        if kind is None:
            row_errors.append(
                f"jenis '{raw_kind}' tidak dikenal; gunakan libur, cuti_bersama, atau hari_kerja."
            )
        if not name and kind in ("libur", "cuti_bersama"):
            row_errors.append("nama hari libur wajib diisi.")
        if day is not None and day in seen:
            row_errors.append(f"tanggal {day.isoformat()} sudah ada di baris {seen[day]}.")
        if row_errors:
            errors.append(CsvRowError(line, " ".join(row_errors)))
            continue
        assert day is not None and kind is not None
        seen[day] = line
        entries.append(CalendarEntry(day, name or DEFAULT_WORKDAY_NAME, kind))
    if errors:
        raise CalendarCsvError(errors)
    return entries


def _parse_date(raw: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None
