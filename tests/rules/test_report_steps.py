"""Each step's deadline counted from the day the law counts it (issue 15 item 4), and calendars
that say when they are estimates (item 5). Dates counted by hand; day 0 is the event.

Lebaran 2026 (domain.md §6.3): Tue 17 March works; 18 cuti bersama, 19 Nyepi, 20 cuti bersama,
21–22 Idul Fitri (weekend), 23–24 cuti bersama; Good Friday 3 April. Year end: 24 December 2026
cuti bersama, 25 Natal, 1 January 2027 Tahun Baru; the package puts Isra Mikraj 2027 on 5 January.
"""
from __future__ import annotations

from datetime import date

import pytest

from gratifikasi.rules import report_steps as steps
from gratifikasi.rules.calendar import CalendarEntry, CalendarUnavailable, WorkingDayCalendar
from gratifikasi.rules.deadlines import DeadlineCalculator, DeadlineSettings

CALC = DeadlineCalculator(WorkingDayCalendar())


def facts(**changes) -> steps.ReportFacts:
    base = dict(penerimaan=True, status="diterima_upg", received_on=date(2026, 2, 27),
                reported_on=date(2026, 3, 2), complete_on=date(2026, 3, 2))
    return steps.ReportFacts(**{**base, **changes})


def test_upg_forwarding_runs_from_the_day_the_report_became_complete_across_lebaran():
    # Filed Mon 2 March, returned, completed Wed 25 March: the UPG's 10 HK start on 25 March.
    # 26, 27, 30, 31 March, 1, 2 April (3 April Good Friday), 6, 7, 8, 9 April.
    completed = facts(status="diverifikasi", complete_on=date(2026, 3, 25))
    assert steps.upg_forward(CALC, completed).due == date(2026, 4, 9)
    assert steps.current_deadline(CALC, completed).due == date(2026, 4, 9)
    # Filed complete: from the filing day (3 … 13, 16 March).
    assert steps.upg_forward(CALC, facts()).due == date(2026, 3, 16)
    # While it waits for the reporter, the UPG's clock has not started.
    waiting = facts(status="perlu_dilengkapi", complete_on=None)
    assert steps.upg_forward(CALC, waiting) is None
    assert steps.current_deadline(CALC, waiting) is None  # the completion deadline is another rule's
    assert "upg_teruskan_ke_kpk" not in [s.deadline.name_id for s in steps.report_steps(CALC, waiting,
                                                                                         date(2026, 3, 10))]


def test_handover_counts_from_the_sk_date_not_the_day_the_upg_recorded_it():
    # SK dated Fri 13 March, recorded by the UPG on Wed 25 March.
    # 7 HK from 13 March: 16, 17, 25, 26, 27, 30, 31 March.
    decided = facts(status="milik_negara", forwarded_on=date(2026, 3, 4), sk_date=date(2026, 3, 13),
                    sk_recorded_on=date(2026, 3, 25), decision="milik_negara")
    assert steps.handover(CALC, decided).due == date(2026, 3, 31)
    assert steps.sk_to_recipient(CALC, decided).due == date(2026, 3, 31)
    assert steps.current_deadline(CALC, decided).due == date(2026, 3, 31)
    shown = {s.deadline.name_id: s for s in steps.report_steps(CALC, decided, date(2026, 4, 1))}
    assert shown["serah_ke_menkeu"].state == "terlambat"
    assert shown["penetapan_status_kpk"].state == "terpenuhi"  # SK dated within 30 HK of forwarding
    # The SK reached the UPG on 25 March, within its 7 HK.
    assert (shown["sk_ke_penerima"].state, shown["sk_ke_penerima"].done_on) == ("terpenuhi", date(2026, 3, 25))


def test_the_sk_reaching_the_upg_is_on_time_until_the_seventh_working_day():
    decided = facts(status="milik_penerima", forwarded_on=date(2026, 3, 4), sk_date=date(2026, 3, 13),
                    decision="milik_penerima")
    on_time = {s.deadline.name_id: s for s in steps.report_steps(
        CALC, steps.ReportFacts(**{**decided.__dict__, "sk_recorded_on": date(2026, 3, 31)}), date(2026, 4, 1))}
    late = {s.deadline.name_id: s for s in steps.report_steps(
        CALC, steps.ReportFacts(**{**decided.__dict__, "sk_recorded_on": date(2026, 4, 1)}), date(2026, 4, 1))}
    assert on_time["sk_ke_penerima"].state == "terpenuhi"
    assert late["sk_ke_penerima"].state == "terpenuhi_terlambat"
    assert "serah_ke_menkeu" not in on_time  # milik penerima: nothing to hand over


def test_kpk_decision_and_handover_across_the_year_end_are_estimates_until_2027_is_confirmed():
    # Forwarded Thu 10 December 2026: 11, 14–18, 21–23, 28–31 December (13 HK), then 2027:
    # 4, 6–8 (5 Jan Isra Mikraj), 11–15, 18–22, 25–27 January → 30th HK on 27 January 2027.
    forwarded = facts(status="diteruskan_kpk", forwarded_on=date(2026, 12, 10))
    decision = steps.kpk_decision(CALC, forwarded)
    assert decision.due == date(2027, 1, 27)
    assert decision.estimated
    # SK dated Mon 21 December: 22, 23, 28, 29, 30, 31 December, 4 January 2027.
    decided = facts(status="milik_negara", forwarded_on=date(2026, 12, 10), sk_date=date(2026, 12, 21),
                    decision="milik_negara")
    goods = steps.handover(CALC, decided)
    assert goods.due == date(2027, 1, 4) and goods.estimated
    # A deadline that stays inside the confirmed 2026 is no estimate.
    assert not steps.upg_forward(CALC, facts(complete_on=date(2026, 12, 1))).estimated
    # Once 2027 is entered from its official SKB, the same deadlines are no longer estimates.
    official = DeadlineCalculator(WorkingDayCalendar.from_entries(
        [CalendarEntry(date(2027, 1, 1), "Tahun Baru Masehi", "libur")], official_years=[2027]))
    assert not steps.handover(official, decided).estimated
    # … and they count with the official days only: 5 January is no longer a day off.
    assert steps.kpk_decision(official, forwarded).due == date(2027, 1, 26)


def test_report_to_upg_uses_the_setting_and_the_date_kept_at_filing():
    calc = DeadlineCalculator(WorkingDayCalendar(), DeadlineSettings(receipt_to_upg_hk=7))
    # Received Fri 13 March; 7 HK: 16, 17, 25, 26, 27, 30, 31 March.
    received = facts(received_on=date(2026, 3, 13), reported_on=date(2026, 4, 1))
    assert steps.report_to_upg(calc, received).due == date(2026, 3, 31)
    shown = steps.report_steps(calc, received, date(2026, 4, 2))
    assert (shown[0].deadline.name_id, shown[0].state) == ("lapor_ke_upg", "terpenuhi_terlambat")
    assert (shown[1].deadline.name_id, shown[1].state) == ("lapor_ke_kpk", "terpenuhi")  # within 30 HK
    kept = steps.ReportFacts(**{**received.__dict__, "upg_due_on": date(2026, 4, 2)})
    assert steps.report_to_upg(calc, kept).due == date(2026, 4, 2)


def test_a_refusal_report_has_no_kpk_steps():
    assert steps.report_steps(CALC, facts(penerimaan=False), date(2026, 3, 3)) == []


def test_a_year_without_any_calendar_data_is_an_error_not_a_weekend_only_count():
    calendar = WorkingDayCalendar()
    with pytest.raises(CalendarUnavailable) as raised:
        calendar.add_working_days(date(2100, 12, 28), 10)
    assert raised.value.year == 2101
    # An administrator's official entry for the year makes it countable (and confirmed).
    entered = WorkingDayCalendar.from_entries([CalendarEntry(date(2101, 1, 1), "Tahun Baru", "libur")],
                                              official_years=[2101])
    assert entered.add_working_days(date(2100, 12, 28), 5) == date(2101, 1, 4)
    assert entered.is_confirmed(2101) and not entered.is_confirmed(2100)


def test_an_official_year_replaces_the_package_estimate():
    library = WorkingDayCalendar()
    assert not library.is_working_day(date(2027, 3, 10))  # the package's estimated Idul Fitri
    assert not library.is_confirmed(2027) and library.is_confirmed(2026)
    official = WorkingDayCalendar.from_entries(
        [CalendarEntry(date(2027, 3, 9), "Idul Fitri", "libur"),
         CalendarEntry(date(2027, 3, 10), "Idul Fitri", "libur"),
         CalendarEntry(date(2027, 3, 11), "Cuti bersama Idul Fitri", "cuti_bersama")],
        official_years=[2027])
    assert official.is_confirmed(2027)
    assert not official.is_working_day(date(2027, 3, 9))
    assert official.is_working_day(date(2027, 3, 8))  # the package's Nyepi estimate is gone
    assert official.holiday_name(date(2027, 3, 11)) == "Cuti bersama Idul Fitri"
