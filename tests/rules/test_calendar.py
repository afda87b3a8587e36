"""Working-day calendar: expected dates are counted by hand from the 2026 SKB (domain.md §6.3)."""

from datetime import date

import pytest

from gratifikasi.rules.calendar import (
    CalendarCsvError,
    CalendarEntry,
    WorkingDayCalendar,
    parse_calendar_csv,
)

# SKB Menag/Menaker/MenPANRB No. 1497/2/5 Tahun 2025, written out from domain.md §6.3.
LIBUR_NASIONAL_2026 = {
    date(2026, 1, 1),  # Tahun Baru Masehi
    date(2026, 1, 16),  # Isra Mikraj
    date(2026, 2, 17),  # Imlek
    date(2026, 3, 19),  # Nyepi
    date(2026, 3, 21),  # Idul Fitri
    date(2026, 3, 22),  # Idul Fitri hari kedua
    date(2026, 4, 3),  # Wafat Yesus Kristus
    date(2026, 4, 5),  # Paskah
    date(2026, 5, 1),  # Hari Buruh
    date(2026, 5, 14),  # Kenaikan Yesus Kristus
    date(2026, 5, 27),  # Idul Adha
    date(2026, 5, 31),  # Waisak
    date(2026, 6, 1),  # Hari Lahir Pancasila
    date(2026, 6, 16),  # 1 Muharam
    date(2026, 8, 17),  # Proklamasi
    date(2026, 8, 25),  # Maulid Nabi
    date(2026, 12, 25),  # Natal
}
CUTI_BERSAMA_2026 = {
    date(2026, 2, 16),
    date(2026, 3, 18),
    date(2026, 3, 20),
    date(2026, 3, 23),
    date(2026, 3, 24),
    date(2026, 5, 15),
    date(2026, 5, 28),
    date(2026, 12, 24),
}


@pytest.fixture(scope="module")
def cal() -> WorkingDayCalendar:
    return WorkingDayCalendar(years=[2026])


def test_2026_holidays_match_the_skb_exactly(cal):
    entries = cal.holidays_in_year(2026)
    assert {e.date for e in entries if e.kind == "libur"} == LIBUR_NASIONAL_2026
    assert {e.date for e in entries if e.kind == "cuti_bersama"} == CUTI_BERSAMA_2026
    assert len(LIBUR_NASIONAL_2026) == 17 and len(CUTI_BERSAMA_2026) == 8
    assert len(entries) == 25


def test_holiday_names_are_indonesian(cal):
    assert cal.holiday_name(date(2026, 3, 21)) == "Hari Raya Idul Fitri"
    assert "Cuti Bersama" in cal.holiday_name(date(2026, 3, 23))
    assert cal.holiday_name(date(2026, 3, 25)) is None
    assert cal.holiday_name(date(2026, 7, 4)) is None  # an ordinary Saturday


def test_weekends_and_holidays_are_not_working_days(cal):
    assert cal.is_working_day(date(2026, 7, 3))  # Friday
    assert not cal.is_working_day(date(2026, 7, 4))  # Saturday
    assert not cal.is_working_day(date(2026, 7, 5))  # Sunday
    assert not cal.is_working_day(date(2026, 3, 18))  # cuti bersama Nyepi
    assert not cal.is_working_day(date(2026, 3, 19))  # Nyepi
    assert cal.is_working_day(date(2026, 3, 17))


def test_day_zero_convention(cal):
    friday = date(2026, 7, 3)
    assert cal.add_working_days(friday, 0) == friday
    assert cal.add_working_days(friday, 1) == date(2026, 7, 6)  # over the weekend
    # an event on a Saturday is still day 0; the first working day after it is Monday
    assert cal.add_working_days(date(2026, 7, 4), 1) == date(2026, 7, 6)
    with pytest.raises(ValueError):
        cal.add_working_days(friday, -1)


def test_thirty_working_days_across_idul_fitri_2026(cal):
    # From Mon 2 Mar 2026: 30 weekdays would be Mon 13 Apr; six weekdays off in between
    # (18, 19, 20, 23, 24 Mar and 3 Apr) push it to Tue 21 Apr.
    assert cal.add_working_days(date(2026, 3, 2), 30) == date(2026, 4, 21)
    assert cal.working_days_between(date(2026, 3, 2), date(2026, 4, 21)) == 30
    assert cal.working_days_between(date(2026, 3, 2), date(2026, 4, 20)) == 29


def test_working_days_between_counts_the_end_not_the_start(cal):
    # 17 Mar (Tue) → 25 Mar (Wed): 18–24 Mar are all off, so only 25 Mar counts.
    assert cal.working_days_between(date(2026, 3, 17), date(2026, 3, 25)) == 1
    assert cal.working_days_between(date(2026, 3, 25), date(2026, 3, 17)) == -1
    assert cal.working_days_between(date(2026, 3, 25), date(2026, 3, 25)) == 0


def test_admin_added_and_removed_days():
    cal = WorkingDayCalendar(
        extra_holidays=[(date(2026, 7, 6), "Libur daerah"), date(2026, 7, 8)],
        removed_holidays=[date(2026, 3, 20)],
    )
    assert not cal.is_working_day(date(2026, 7, 6))
    assert cal.holiday_name(date(2026, 7, 6)) == "Libur daerah"
    assert cal.add_working_days(date(2026, 7, 3), 1) == date(2026, 7, 7)
    assert cal.add_working_days(date(2026, 7, 3), 2) == date(2026, 7, 9)
    # 20 Mar cuti bersama cancelled: it becomes a working day and has no name any more
    assert cal.is_working_day(date(2026, 3, 20))
    assert cal.holiday_name(date(2026, 3, 20)) is None
    assert cal.add_working_days(date(2026, 3, 17), 1) == date(2026, 3, 20)


def test_entries_with_kinds_and_hari_kerja_override():
    cal = WorkingDayCalendar.from_entries(
        [
            CalendarEntry(date(2026, 12, 31), "Cuti bersama tambahan", "cuti_bersama"),
            CalendarEntry(date(2026, 12, 24), "Hari kerja", "hari_kerja"),
        ]
    )
    assert cal.entry(date(2026, 12, 31)).kind == "cuti_bersama"
    assert cal.is_working_day(date(2026, 12, 24))
    assert not cal.is_working_day(date(2026, 12, 31))


def test_library_can_be_switched_off():
    cal = WorkingDayCalendar(use_library=False)
    assert cal.is_working_day(date(2026, 3, 19))
    assert not cal.is_working_day(date(2026, 3, 21))  # still a Saturday


def test_many_deadlines_are_fast(cal):
    import time

    start = time.perf_counter()
    base = date(2026, 1, 1).toordinal()
    for i in range(5000):
        cal.add_working_days(date.fromordinal(base + i % 365), 10 + i % 21)
    assert time.perf_counter() - start < 2.0


CSV_OK = """tanggal,nama,jenis
2026-07-06,Hari Jadi Kota,libur
31/12/2026,Cuti bersama tambahan,cuti bersama

2026-12-24,,hari_kerja
"""


def test_parse_calendar_csv():
    entries = parse_calendar_csv("\ufeff" + CSV_OK)
    assert entries == [
        CalendarEntry(date(2026, 7, 6), "Hari Jadi Kota", "libur"),
        CalendarEntry(date(2026, 12, 31), "Cuti bersama tambahan", "cuti_bersama"),
        CalendarEntry(date(2026, 12, 24), "Hari kerja", "hari_kerja"),
    ]


def test_parse_calendar_csv_semicolon_without_header():
    assert parse_calendar_csv("2026-07-06;Hari Jadi Kota;libur\n") == [
        CalendarEntry(date(2026, 7, 6), "Hari Jadi Kota", "libur")
    ]


def test_parse_calendar_csv_reports_every_bad_row_with_its_line():
    text = (
        "tanggal,nama,jenis\n"
        "2026-07-06,Hari Jadi Kota,libur\n"
        "2026-13-01,Salah bulan,libur\n"
        "2026-08-01,Libur,liburan\n"
        "2026-07-06,Dobel,libur\n"
        "2026-09-01,,cuti_bersama\n"
        "2026-10-01,kurang kolom\n"
    )
    with pytest.raises(CalendarCsvError) as info:
        parse_calendar_csv(text)
    errors = info.value.errors
    assert [e.line for e in errors] == [3, 4, 5, 6, 7]
    assert "tanggal '2026-13-01' tidak valid" in str(errors[0])
    assert str(errors[0]).startswith("Baris 3:")
    assert "jenis 'liburan' tidak dikenal" in errors[1].message
    assert "sudah ada di baris 2" in errors[2].message
    assert "nama hari libur wajib diisi" in errors[3].message
    assert "3 kolom" in errors[4].message
    assert "Baris 7" in str(info.value)
