"""Calendars that know what they know (issue 15 item 5): `flask calendar check` and the admin
page warn before a year without a confirmed calendar starts, and an admin's official SKB dates
replace the estimate, so deadlines through that year stop being marked "perkiraan"."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from gratifikasi.calendar import service as cal
from gratifikasi.extensions import db
from gratifikasi.models import CalendarDay, CalendarSource, CalendarYear, Role
from tests.helpers import login, make_officer

# An SKB for 2027 as an admin would type it (dates chosen to differ from the package's guesses).
SKB_2027 = "\n".join([
    "2027-01-01,Tahun Baru Masehi,libur",
    "2027-01-05,Isra Mikraj,libur",
    "2027-03-09,Idul Fitri,libur",
    "2027-03-10,Idul Fitri,libur",
    "2027-03-11,Cuti bersama Idul Fitri,cuti_bersama",
    "2027-12-24,Cuti bersama Natal,cuti_bersama",
    "2027-12-25,Natal,libur",
])


@pytest.fixture
def december(frozen_clock):
    frozen_clock.now = datetime(2026, 12, 7, 2, 0)  # Monday 7 December 2026, 09:00 WIB
    return frozen_clock


def test_calendar_check_fails_before_an_unconfirmed_year_and_passes_once_its_skb_is_entered(app, december):
    runner = app.test_cli_runner()
    assert "SKB" in runner.invoke(args=["calendar", "check", "--help"]).output
    result = runner.invoke(args=["calendar", "check"])
    assert result.exit_code == 1
    assert "2027" in result.output and "perkiraan" in result.output
    # Far from the year end only the current (confirmed) year matters.
    assert runner.invoke(args=["calendar", "check", "--days", "10"]).exit_code == 0
    with app.app_context():
        cal.confirm_year(2027, "SKB No. 1/2/3 Tahun 2026", SKB_2027)
    result = runner.invoke(args=["calendar", "check"])
    assert result.exit_code == 0, result.output


def test_official_dates_replace_the_package_estimate_and_end_the_estimate_mark(app, december):
    with app.app_context():
        cal.seed_calendar(2027)  # the package's guesses, stored
        calc = cal.deadline_calculator()
        # 10 HK from Thu 4 March 2027 in the package's guess (8 Nyepi, 9 cuti, 10–11 Idul Fitri,
        # 12 and 15 cuti, 25 cuti, 26 Wafat Yesus Kristus): 5, 16, 17, 18, 19, 22, 23, 24, 29, 30 March.
        guessed = calc.upg_forward_to_kpk(date(2027, 3, 4))
        assert (guessed.due, guessed.estimated) == (date(2027, 3, 30), True)
        result = cal.confirm_year(2027, "SKB No. 1/2/3 Tahun 2026", SKB_2027)
        assert result.created == 7
        rows = db.session.execute(select(CalendarDay).where(CalendarDay.day >= date(2027, 1, 1))).scalars().all()
        assert {r.source for r in rows} == {CalendarSource.skb}
        assert db.session.execute(select(CalendarYear.skb_reference)).scalar_one() == "SKB No. 1/2/3 Tahun 2026"
        official = cal.deadline_calculator().upg_forward_to_kpk(date(2027, 3, 4))
        # Official: 9, 10 Idul Fitri, 11 cuti bersama; 8 March (Nyepi in the guess) works.
        # 5, 8, 12, 15, 16, 17, 18, 19, 22, 23 March.
        assert (official.due, official.estimated) == (date(2027, 3, 23), False)
        assert cal.working_day_calendar().is_working_day(date(2027, 3, 8))
        assert not cal.working_day_calendar().is_working_day(date(2027, 3, 9))
        assert cal.year_state(2027).confirmed


def test_confirmation_refuses_dates_of_another_year_and_keeps_the_old_calendar(app, december):
    with app.app_context():
        with pytest.raises(cal.CalendarError) as raised:
            cal.confirm_year(2027, "SKB", SKB_2027 + "\n2028-01-01,Tahun Baru,libur")
        assert "2028-01-01: bukan tahun 2027" in str(raised.value)
        with pytest.raises(cal.CalendarError):
            cal.confirm_year(2027, "  ", SKB_2027)
        assert not cal.year_state(2027).confirmed
        assert db.session.execute(select(CalendarYear)).first() is None


def test_admin_page_warns_and_takes_the_official_dates(app, december):
    make_officer(app, "admin1", Role.admin)
    client = app.test_client()
    login(client, "admin1")
    html = client.get("/admin/kalender?tahun=2027").get_data(as_text=True)
    assert 'data-testid="calendar-warning"' in html and "Kalender tahun 2027 belum sesuai SKB resmi." in html
    assert "Kalender tahun 2027 masih perkiraan" in html
    refused = client.post("/admin/kalender/resmi?tahun=2027",
                          data={"nomor_skb": "SKB 2027", "tanggal_resmi": "2027-13-01,Salah,libur"})
    assert refused.status_code == 400
    assert "tidak valid" in refused.get_data(as_text=True)
    done = client.post("/admin/kalender/resmi?tahun=2027",
                       data={"nomor_skb": "SKB No. 1/2/3 Tahun 2026", "tanggal_resmi": SKB_2027})
    assert done.status_code == 302
    html = client.get("/admin/kalender?tahun=2027").get_data(as_text=True)
    assert 'data-testid="calendar-warning"' not in html
    assert "Kalender tahun 2027 resmi: SKB No. 1/2/3 Tahun 2026." in html
    assert "SKB resmi" in html
