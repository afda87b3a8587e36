"""Deadlines: every expected date is counted by hand on the 2026 calendar (see comments)."""

from dataclasses import replace
from datetime import date

import pytest

from gratifikasi.rules.calendar import WorkingDayCalendar
from gratifikasi.rules.deadlines import DeadlineCalculator, DeadlineSettings
from gratifikasi.rules.gratification_rulesets import (
    RULESET_2019,
    RULESET_2026,
    RULESETS,
    ruleset_for,
)

from .english import english

RECEIPT = date(2026, 3, 2)  # Monday, 2026 rules


@pytest.fixture(scope="module")
def calc() -> DeadlineCalculator:
    return DeadlineCalculator(WorkingDayCalendar(years=[2026]))


def test_ruleset_switches_on_2026_01_20():
    assert ruleset_for(date(2026, 1, 19)) is RULESET_2019
    assert ruleset_for(date(2026, 1, 20)) is RULESET_2026
    assert ruleset_for(date(2020, 6, 1)).code == "perkpk-2-2019"


def test_ruleset_data():
    assert RULESET_2019.has_item("n") and not RULESET_2026.has_item("n")
    assert RULESET_2019.limits_for("l").per_giver.amount == 1_000_000
    assert RULESET_2026.limits_for("l").per_giver.amount == 1_500_000
    assert RULESET_2026.limits_for("o").per_year_same_giver.amount == 1_500_000
    assert RULESET_2026.limits_for("m") is None  # no cap
    assert len(RULESET_2026.upg_tasks) == RULESET_2026.upg_task_count == 7
    assert RULESET_2019.upg_task_count == 8 and len(RULESET_2019.upg_tasks) < 8
    assert RULESET_2019.unconfirmed and RULESET_2026.unconfirmed


def test_an_admin_override_of_the_rules_is_used():
    later = replace(RULESET_2026, code="test-2027", berlaku_mulai=date(2027, 1, 1), completion_deadline_hk=5)
    assert ruleset_for(date(2027, 1, 1), RULESETS + (later,)).code == "test-2027"
    with pytest.raises(LookupError):
        ruleset_for(date(2026, 1, 1), (RULESET_2026,))


def test_receipt_to_kpk_30_hk_across_idul_fitri(calc):
    d = calc.report_to_kpk(RECEIPT)
    assert d.due == date(2026, 4, 21)
    assert d.name_id == "lapor_ke_kpk"
    assert "12C ayat (2)" in d.legal_basis


def test_receipt_to_upg_default_and_tenant_setting(calc):
    # 3–6 Mar (4), 9–13 Mar (9), 16 Mar (10)
    assert calc.report_to_upg(RECEIPT).due == date(2026, 3, 16)
    pasuruan = DeadlineCalculator(calc.calendar, DeadlineSettings(receipt_to_upg_hk=7))
    # 3–6 Mar (4), 9, 10, 11 Mar (7)
    assert pasuruan.report_to_upg(RECEIPT).due == date(2026, 3, 11)


def test_upg_forwards_to_kpk_in_10_hk(calc):
    # from 16 Mar: 17 (1); 18–24 off; 25, 26, 27, 30, 31 Mar, 1, 2 Apr (8); 3 Apr off; 6, 7 Apr (10)
    assert calc.upg_forward_to_kpk(date(2026, 3, 16)).due == date(2026, 4, 7)


def test_completion_2026_counts_20_hk_from_reporting_date(calc):
    # report Tue 10 Mar: 11, 12, 13, 16, 17 (5); 25, 26, 27, 30, 31 Mar, 1, 2 Apr (12);
    # 6–10 Apr (17); 13, 14, 15 Apr (20)
    d = calc.completion(RECEIPT, date(2026, 3, 10))
    assert d.due == date(2026, 4, 15)
    assert "Pasal 9" in d.legal_basis


def test_completion_2019_counts_30_hk_from_receipt(calc):
    # receipt Mon 5 Jan 2026 (2019 rules): 6–9 (4), 12–15 (8), 16 Jan Isra Mikraj, 19–23 (13),
    # 26–30 (18), 2–6 Feb (23), 9–13 Feb (28), 16–17 Feb off, 18, 19 Feb (30)
    assert calc.completion(date(2026, 1, 5), date(2026, 1, 12)).due == date(2026, 2, 19)


def test_kpk_decision_and_sk(calc):
    assert calc.kpk_decision(RECEIPT).due == date(2026, 4, 21)
    # decision Mon 11 May: 12, 13 (2); 14 Kenaikan, 15 cuti bersama; 18–22 (7)
    assert calc.sk_to_recipient(date(2026, 5, 11)).due == date(2026, 5, 22)
    assert calc.handover_to_menkeu(date(2026, 5, 11)).due == date(2026, 5, 22)


def test_deadlines_for_lists_what_the_dates_allow(calc):
    names = [d.name_id for d in calc.deadlines_for(RECEIPT)]
    assert names == ["lapor_ke_upg", "lapor_ke_kpk"]
    full = calc.deadlines_for(
        RECEIPT,
        report_date=date(2026, 3, 10),
        report_returned=True,
        upg_received_date=date(2026, 3, 10),
        kpk_received_date=date(2026, 3, 20),
        decision_date=date(2026, 5, 11),
        milik_negara=True,
    )
    assert [d.name_id for d in full] == [
        "lapor_ke_upg",
        "lapor_ke_kpk",
        "upg_teruskan_ke_kpk",
        "lengkapi_laporan",
        "penetapan_status_kpk",
        "sk_ke_penerima",
        "serah_ke_menkeu",
    ]
    assert all(str(d.label) and d.legal_basis for d in full)
    assert all(english(d.label) != str(d.label) for d in full)
    assert str(full[0].label) == "Batas lapor ke UPG (10 hari kerja sejak penerimaan)"
    assert english(full[0].label) == "Report to the UPG (10 working days from receipt)"
    with pytest.raises(ValueError):
        calc.deadlines_for(RECEIPT, report_returned=True)


def test_status_on(calc):
    d = calc.report_to_kpk(RECEIPT)  # due Tue 21 Apr
    assert d.status_on(date(2026, 4, 15)) == "aman"  # 16, 17, 20, 21 left = 4
    assert d.status_on(date(2026, 4, 16)) == "segera"  # 17, 20, 21 left = 3
    assert d.status_on(date(2026, 4, 21)) == "segera"
    assert d.status_on(date(2026, 4, 22)) == "terlambat"
    strict = DeadlineCalculator(calc.calendar, DeadlineSettings(soon_within_hk=1))
    assert strict.report_to_kpk(RECEIPT).status_on(date(2026, 4, 16)) == "aman"


def test_late_report_30_vs_31_hk(calc):
    assert calc.is_late_report(RECEIPT, date(2026, 4, 21)) is None  # day 30: on time
    warning = calc.is_late_report(RECEIPT, date(2026, 4, 22))  # day 31
    assert warning is not None
    assert warning.working_days_elapsed == 31
    assert warning.may_become_milik_negara
    assert "milik negara" in str(warning.message)
    assert "state property" in english(warning.message)
    assert str(warning.message).startswith(
        "Laporan disampaikan 31 hari kerja setelah penerimaan (batas 30 hari kerja)."
    )
    assert english(warning.message).startswith(
        "The report was made 31 working days after receipt (limit 30 working days)."
    )
    assert "Pasal 17 ayat (4)" in warning.legal_basis


def test_late_report_under_2019_rules_does_not_threaten_milik_negara():
    # The procedure follows the date of the report (domain.md §0): a report made before
    # 20 Jan 2026 is late under the 2019 rules. Receipt Mon 1 Dec 2025: 2–5 (4), 8–12 (9),
    # 15–19 (14), 22–24 (17), 25 Natal, 26 cuti bersama, 29–31 (20), 1 Jan off, 2 (21),
    # 5–9 (26), 12–15 Jan (30); 16 Jan Isra Mikraj; Mon 19 Jan is day 31.
    calc = DeadlineCalculator(WorkingDayCalendar(years=[2025, 2026]))
    assert calc.is_late_report(date(2025, 12, 1), date(2026, 1, 15)) is None
    warning = calc.is_late_report(date(2025, 12, 1), date(2026, 1, 19))
    assert warning is not None and not warning.may_become_milik_negara
    assert "milik negara" not in str(warning.message)


def test_report_after_audit_finding_2026(calc):
    warning = calc.is_late_report(RECEIPT, date(2026, 3, 5), after_audit_finding=True)
    assert warning is not None and "temuan pengawas internal" in str(warning.message)
    with pytest.raises(ValueError):
        calc.is_late_report(RECEIPT, date(2026, 3, 1))
