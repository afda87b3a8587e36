"""The DB-backed working-day calendar: seeding, admin days, CSV import, deadlines.

Dates are counted by hand (day 0 = the event; see gratifikasi/rules/calendar.py). March 2026:
Mon 2 … Fri 6, Mon 9 … Fri 13, Mon 16, Tue 17; 18 cuti bersama, 19 Nyepi, 20 cuti bersama,
21–22 Idul Fitri (weekend), 23–24 cuti bersama; Wed 25, Thu 26, Fri 27, Mon 30.
"""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select, update

from gratifikasi.calendar import service as cal
from gratifikasi.extensions import db
from gratifikasi.models import CalendarDay, CalendarDayKind, CalendarSource, ReferenceGeneration
from gratifikasi.rules.calendar import CalendarEntry, WorkingDayCalendar


def _count() -> int:
    return db.session.execute(select(func.count()).select_from(CalendarDay)).scalar_one()


def test_seed_stores_the_library_2026_days_and_the_db_calendar_equals_the_library(app):
    library = WorkingDayCalendar().holidays_in_year(2026)
    assert len(library) == 25  # 17 national holidays + 8 cuti bersama (domain.md §6.3)
    with app.app_context():
        result = cal.seed_calendar(2026)
        assert (result.created, result.skipped) == (25, 0)
        rows = db.session.execute(select(CalendarDay).order_by(CalendarDay.day)).scalars().all()
        assert [(r.day, r.name, r.kind.value) for r in rows] == [(e.date, e.name, e.kind) for e in library]
        assert {r.source for r in rows} == {CalendarSource.seed}
        # The stored rows alone are the complete calendar, not just the package behind them.
        stored_only = WorkingDayCalendar.from_entries(
            [CalendarEntry(r.day, r.name, r.kind.value) for r in rows], use_library=False
        )
        assert stored_only.holidays_in_year(2026) == library
        assert cal.working_day_calendar().holidays_in_year(2026) == library
        # Seeding again changes nothing and keeps what an admin decided.
        cal.add_calendar_day(date(2026, 12, 24), "", "hari_kerja")
        again = cal.seed_calendar(2026)
        assert (again.created, again.skipped) == (0, 25)
        row = db.session.execute(select(CalendarDay).where(CalendarDay.day == date(2026, 12, 24))).scalar_one()
        assert row.kind is CalendarDayKind.hari_kerja


def test_admin_added_holiday_moves_the_deadline_and_removing_it_moves_it_back(app):
    with app.app_context():
        receipt = date(2026, 3, 2)  # Monday
        # 10 HK: 3,4,5,6, 9,10,11,12,13, 16 March.
        assert cal.deadline_calculator().report_to_upg(receipt).due == date(2026, 3, 16)
        cal.add_calendar_day(date(2026, 3, 10), "Hari jadi daerah", "libur")
        assert cal.deadline_calculator().report_to_upg(receipt).due == date(2026, 3, 17)
        assert cal.remove_calendar_day(date(2026, 3, 10)) == "deleted"
        assert cal.deadline_calculator().report_to_upg(receipt).due == date(2026, 3, 16)


def test_library_holiday_overridden_as_working_day_shortens_the_deadline(app):
    with app.app_context():
        upg_received = date(2026, 3, 9)  # Monday
        # 10 HK: 10,11,12,13, 16,17, (18-24 off) 25,26,27, 30 March.
        assert cal.deadline_calculator().upg_forward_to_kpk(upg_received).due == date(2026, 3, 30)
        # A revised SKB cancels the cuti bersama of 18 March: it is not a row yet, so removing
        # it stores a hari_kerja override.
        assert cal.remove_calendar_day(date(2026, 3, 18)) == "overridden"
        row = db.session.execute(select(CalendarDay)).scalar_one()
        assert (row.day, row.kind, row.source) == (date(2026, 3, 18), CalendarDayKind.hari_kerja, CalendarSource.admin)
        # 10,11,12,13, 16,17,18, 25,26,27.
        assert cal.deadline_calculator().upg_forward_to_kpk(upg_received).due == date(2026, 3, 27)
        # Removing the override restores the cuti bersama.
        assert cal.remove_calendar_day(date(2026, 3, 18)) == "deleted"
        assert cal.deadline_calculator().upg_forward_to_kpk(upg_received).due == date(2026, 3, 30)


def test_remove_a_seeded_library_day_makes_it_a_working_day(app):
    with app.app_context():
        cal.seed_calendar(2026)
        assert cal.remove_calendar_day(date(2026, 3, 18)) == "overridden"
        assert cal.working_day_calendar().is_working_day(date(2026, 3, 18))
        assert _count() == 25


def test_removing_an_ordinary_day_or_a_weekend_holiday_is_refused(app):
    with app.app_context():
        with pytest.raises(cal.CalendarError, match="bukan hari libur"):
            cal.remove_calendar_day(date(2026, 3, 11))
        # Idul Fitri on Saturday 21 March: a hari_kerja row would make the Saturday a working day.
        with pytest.raises(cal.CalendarError, match="akhir pekan"):
            cal.remove_calendar_day(date(2026, 3, 21))
        assert _count() == 0
        assert not cal.working_day_calendar().is_working_day(date(2026, 3, 21))


def test_add_day_validation(app):
    with app.app_context():
        with pytest.raises(cal.CalendarError, match="Nama hari libur wajib"):
            cal.add_calendar_day(date(2026, 3, 11), "  ", "libur")
        with pytest.raises(cal.CalendarError, match="Jenis 'pesta'"):
            cal.add_calendar_day(date(2026, 3, 11), "X", "pesta")
        with pytest.raises(cal.CalendarError, match="paling panjang"):
            cal.add_calendar_day(date(2026, 3, 11), "x" * 201, "libur")
        with pytest.raises(cal.CalendarError, match="Tahun harus"):
            cal.add_calendar_day(date(1999, 3, 11), "X", "libur")
        assert _count() == 0
        row, created = cal.add_calendar_day(date(2026, 3, 11), "Hari jadi", "libur")
        assert created
        row, created = cal.add_calendar_day(date(2026, 3, 11), "Hari jadi kota", "cuti_bersama")
        assert not created and row.name == "Hari jadi kota" and _count() == 1


def test_csv_import_good_file(app):
    text = (
        "tanggal,nama,jenis\n"
        "2026-03-10,Hari jadi daerah,libur\n"
        "18/03/2026,,hari_kerja\n"
        "2027-01-04,Cuti bersama tahun baru,cuti bersama\n"
    )
    with app.app_context():
        result = cal.import_calendar_csv(text)
        assert (result.created, result.updated) == (3, 0)
        rows = {r.day: r for r in db.session.execute(select(CalendarDay)).scalars()}
        assert rows[date(2026, 3, 18)].kind is CalendarDayKind.hari_kerja
        assert {r.source for r in rows.values()} == {CalendarSource.import_}
        calendar = cal.working_day_calendar()
        assert not calendar.is_working_day(date(2026, 3, 10))
        assert calendar.is_working_day(date(2026, 3, 18))
        assert cal.import_calendar_csv("2026-03-10,Hari jadi kota,libur\n").updated == 1


def test_csv_import_bad_file_stores_nothing_and_names_the_lines(app):
    text = (
        "tanggal,nama,jenis\n"
        "2026-03-10,Hari jadi daerah,libur\n"
        "2026-13-40,Salah,libur\n"
        "2026-03-11,Pesta,pesta\n"
    )
    with app.app_context():
        with pytest.raises(cal.CalendarError) as caught:
            cal.import_calendar_csv(text)
        message = str(caught.value)
        assert "Baris 3" in message and "2026-13-40" in message
        assert "Baris 4" in message and "pesta" in message
        assert _count() == 0


def test_year_listing_marks_the_source(app):
    with app.app_context():
        cal.add_calendar_day(date(2026, 3, 10), "Hari jadi daerah", "libur")
        cal.remove_calendar_day(date(2026, 3, 18))
        listed = {d.day: d for d in cal.year_listing(2026)}
        assert listed[date(2026, 1, 1)].source == "pustaka" and listed[date(2026, 1, 1)].in_library
        assert listed[date(2026, 3, 10)].source == "admin" and not listed[date(2026, 3, 10)].in_library
        assert listed[date(2026, 3, 18)].kind == "hari_kerja"
        assert len(listed) == 26  # 25 library days (18 March now a working day, still listed) + 1


def test_calendar_is_cached_within_a_transaction_and_refreshed_after_a_change(app):
    with app.app_context():
        first = cal.working_day_calendar()
        assert cal.working_day_calendar() is first
        cal.add_calendar_day(date(2026, 3, 10), "Hari jadi daerah", "libur")
        assert cal.working_day_calendar() is not first
    with app.app_context():
        # Another worker (a new context) reads the table again.
        assert not cal.working_day_calendar().is_working_day(date(2026, 3, 10))


def test_calendar_is_read_again_by_the_next_transaction(app):
    """Another worker's edit (its service bumps the reference generation) is not seen halfway
    through a transaction, but by the next one; without an edit the next one reads nothing."""
    with app.app_context():
        first = cal.working_day_calendar()
        db.session.rollback()
        assert cal.working_day_calendar() is first  # from the process cache: nothing changed
        with db.engine.begin() as other_worker:
            other_worker.execute(CalendarDay.__table__.insert().values(
                day=date(2026, 3, 10), name="Hari jadi daerah", kind=CalendarDayKind.libur,
                source=CalendarSource.admin, created_at=datetime(2026, 3, 2)))
            other_worker.execute(update(ReferenceGeneration).values(value=ReferenceGeneration.value + 1))
        assert cal.working_day_calendar() is first
        db.session.rollback()
        assert not cal.working_day_calendar().is_working_day(date(2026, 3, 10))
