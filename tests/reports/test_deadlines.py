"""Deadlines shown to the reporter, counted with the database calendar (hand-counted)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from gratifikasi.calendar.service import add_calendar_day
from tests.reports.conftest import receipt_of, submit


def _deadline_cells(html: str) -> str:
    return html[html.index("<caption>"):html.index("</table>")]


def test_lebaran_2026_is_skipped(client, app, ready, frozen_clock):
    # Received and reported Tuesday 10 March 2026 (08:00 WIB).
    frozen_clock.now = datetime(2026, 3, 10, 1, 0)
    response = submit(client, app, tanggal_penerimaan="2026-03-10")
    table = _deadline_cells(response.get_data(as_text=True))
    # To KPK, 30 HK: Mar 11-13 (3), 16-17 (5); 18-24 off (cuti bersama 18, 20, 23, 24; Nyepi 19;
    # Idul Fitri 21-22 on the weekend); 25-27 (8), 30-31 (10), Apr 1-2 (12); Good Friday 3 April;
    # Apr 6-10 (17), 13-17 (22), 20-24 (27), 27-29 (30) -> 29 April 2026.
    assert "29 April 2026" in table
    # UPG forwards within 10 HK: Mar 11, 12, 13, 16, 17, 25, 26, 27, 30, 31 -> 31 March 2026.
    assert "31 Maret 2026" in table


def test_year_end_2025_under_the_2019_rules(client, app, ready, frozen_clock):
    frozen_clock.now = datetime(2025, 12, 15, 1, 0)
    response = submit(client, app, tanggal_penerimaan="2025-12-15")
    number, _code = receipt_of(response)
    assert number == "GRT-2025-000001"
    table = _deadline_cells(response.get_data(as_text=True))
    # Dec 16-19 (4), 22-24 (7); 25 Christmas and 26 cuti bersama off; 29-31 (10); 1 Jan off;
    # Jan 2 (11), 5-9 (16), 12-15 (20); Isra Mikraj 16 Jan off; 19-23 (25), 26-30 (30).
    assert "30 Januari 2026" in table
    # 10 HK for the UPG: Dec 16-19, 22-24, 29-31 -> 31 December 2025.
    assert "31 Desember 2025" in table


def test_an_admin_holiday_moves_the_deadline(client, app, ready, frozen_clock):
    frozen_clock.now = datetime(2025, 12, 15, 1, 0)
    with app.test_request_context():
        add_calendar_day(date(2026, 1, 26), "Libur daerah (uji)", "libur")
    table = _deadline_cells(submit(client, app, tanggal_penerimaan="2025-12-15").get_data(as_text=True))
    # One more day off in the last week: the 30th working day moves past the weekend to 2 February.
    assert "2 Februari 2026" in table and "30 Januari 2026" not in table


@pytest.mark.parametrize(("received", "due"), [("2026-12-14", "29 Januari 2027")])
def test_year_end_2026_into_2027(client, app, ready, frozen_clock, received, due):
    frozen_clock.now = datetime(2026, 12, 14, 1, 0)
    response = submit(client, app, tanggal_penerimaan=received)
    assert receipt_of(response)[0] == "GRT-2026-000001"
    # Dec 15-18 (4), 21-23 (7); 24 cuti bersama and 25 Christmas off; 28-31 (11); 1 Jan off;
    # Jan 4 (12); Isra Mikraj 5 Jan 2027 (holidays package) off; 6-8 (15), 11-15 (20),
    # 18-22 (25), 25-29 (30) -> 29 January 2027.
    assert due in _deadline_cells(response.get_data(as_text=True))
