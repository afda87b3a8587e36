"""Issue 15 items 2, 3 and 6 at the rule level: which rule set by which date (data, not callers),
the completion deadline from its legal anchor across Lebaran 2026 and the 2026/2027 year end,
and the workflow guards per report type and per completion deadline.

Every expected date is counted by hand on the SKB calendars (domain.md §6.3; 2027 from the
holidays package's estimate) in the comments.
"""
from __future__ import annotations

from datetime import date

import pytest

from gratifikasi.rules.calendar import WorkingDayCalendar
from gratifikasi.rules.deadlines import DeadlineCalculator
from gratifikasi.rules.gratification_rulesets import (
    RULESET_2019,
    RULESET_2026,
    SELECTED_BY,
    Aspect,
    DateAnchor,
    ruleset_for_aspect,
)
from gratifikasi.rules.state_machine import IllegalTransition, transition
from gratifikasi.rules.workflow import GRATIFICATION

from .english import english


@pytest.fixture(scope="module")
def calc() -> DeadlineCalculator:
    return DeadlineCalculator(WorkingDayCalendar(years=[2025, 2026, 2027]))


# -- item 6: which rule set by which date ---------------------------------------------------------


def test_the_choice_of_date_per_aspect_is_data():
    assert SELECTED_BY == {
        Aspect.EXEMPTIONS: DateAnchor.TANGGAL_PENERIMAAN,
        Aspect.COMPLETION: DateAnchor.TANGGAL_PELAPORAN,
        Aspect.LATE_REPORT: DateAnchor.TANGGAL_PELAPORAN,
    }
    dates = {"received_on": date(2026, 1, 19), "reported_on": date(2026, 3, 5)}
    assert ruleset_for_aspect(Aspect.EXEMPTIONS, **dates) is RULESET_2019
    assert ruleset_for_aspect(Aspect.COMPLETION, **dates) is RULESET_2026
    assert ruleset_for_aspect(Aspect.LATE_REPORT, **dates) is RULESET_2026
    # An admin's own table decides without any caller changing.
    by_receipt = dict.fromkeys(Aspect, DateAnchor.TANGGAL_PENERIMAAN)
    assert ruleset_for_aspect(Aspect.COMPLETION, **dates, selected_by=by_receipt) is RULESET_2019


def test_received_19_january_reported_late_after_the_amendment_gets_the_2026_procedure(calc):
    # Receipt Mon 19 Jan 2026: 20–23 (4), 26–30 (9), 2–6 Feb (14), 9–13 (19), 16 cuti, 17 Imlek,
    # 18–20 (22), 23–27 (27), 2–4 Mar (30). Thu 5 Mar is day 31: late.
    assert calc.is_late_report(date(2026, 1, 19), date(2026, 3, 4)) is None
    warning = calc.is_late_report(date(2026, 1, 19), date(2026, 3, 5))
    assert warning is not None and warning.working_days_elapsed == 31
    assert warning.may_become_milik_negara and warning.ruleset_code == "perkpk-1-2026"
    assert "Pasal 17 ayat (4)" in warning.legal_basis and "milik negara" in str(warning.message)
    # Completion, 2026 rules, 20 HK from the report across Lebaran: 6 (1), 9–13 (6), 16, 17 (8),
    # 18 cuti, 19 Nyepi, 20 cuti, 23, 24 cuti, 25–27 (11), 30, 31 (13), 1, 2 Apr (15),
    # 3 Apr Wafat Yesus Kristus, 6–10 Apr (20).
    deadline = calc.completion(date(2026, 1, 19), date(2026, 3, 5))
    assert deadline.due == date(2026, 4, 10)
    assert "Pasal 9" in deadline.legal_basis and "sejak pelaporan" in str(deadline.label)


def test_a_report_made_before_the_amendment_keeps_the_2019_procedure_across_the_year_end(calc):
    # Receipt Mon 1 Dec 2025, report Mon 8 Dec 2025: 2019 rules, 30 HK from receipt: 2–5 (4),
    # 8–12 (9), 15–19 (14), 22–24 (17), 25 Natal, 26 cuti bersama, 29–31 (20), 1 Jan off,
    # 2 (21), 5–9 (26), 12–15 Jan 2026 (30).
    deadline = calc.completion(date(2025, 12, 1), date(2025, 12, 8))
    assert deadline.due == date(2026, 1, 15) and "sejak penerimaan" in str(deadline.label)
    # Reported late on Mon 19 Jan 2026 (day 31; 16 Jan Isra Mikraj): still 2019, no milik negara;
    # on Tue 20 Jan the 2026 consequence applies.
    before = calc.is_late_report(date(2025, 12, 1), date(2026, 1, 19))
    after = calc.is_late_report(date(2025, 12, 1), date(2026, 1, 20))
    assert before is not None and not before.may_become_milik_negara
    assert after is not None and after.may_become_milik_negara


def test_the_2026_completion_period_across_the_2026_2027_year_end(calc):
    # Report Mon 14 Dec 2026: 15–18 (4), 21–23 (7), 24 cuti bersama, 25 Natal, 28–31 (11),
    # 1 Jan Tahun Baru, 4 (12), 5 Jan Isra Mikraj (package estimate), 6–8 (15), 11–15 (20).
    assert calc.completion(date(2026, 12, 7), date(2026, 12, 14)).due == date(2027, 1, 15)


# -- item 2: refusals are not status decisions -------------------------------------------------------

WITHIN = date(2026, 3, 10)
DUE = date(2026, 4, 7)


def _facts(jenis: str, today: date = WITHIN) -> dict:
    return {"jenis_laporan": jenis, "today": today, "completion_due": DUE}


def _reachable(jenis: str) -> set[str]:
    """Every state a report of this type can reach, whatever the officers do and whenever."""
    seen = {GRATIFICATION.initial}
    frontier = [GRATIFICATION.initial]
    while frontier:
        state = frontier.pop()
        for today in (WITHIN, date(2026, 4, 8)):
            for tr in GRATIFICATION.available_actions(state, facts=_facts(jenis, today)):
                if tr.target not in seen:
                    seen.add(tr.target)
                    frontier.append(tr.target)
    return seen


def test_a_refusal_never_reaches_kpk_or_a_status_decision():
    reachable = _reachable("penolakan")
    assert "penolakan_dicatat" in reachable and "tidak_ditindaklanjuti" in reachable
    assert reachable.isdisjoint({"diteruskan_kpk", "milik_penerima", "milik_negara",
                                 "milik_negara_dapat_dikompensasi", "tindak_lanjut", "selesai"})


def test_an_accepted_gift_never_closes_as_a_recorded_refusal():
    reachable = _reachable("penerimaan")
    assert "penolakan_dicatat" not in reachable
    assert {"diteruskan_kpk", "milik_penerima", "milik_negara", "selesai"} <= reachable


@pytest.mark.parametrize(("state", "action"), [
    ("dianalisis_upg", "teruskan_kpk"), ("diteruskan_kpk", "tetapkan_milik_penerima"),
    ("diteruskan_kpk", "tetapkan_milik_negara"), ("diteruskan_kpk", "tetapkan_milik_negara_kompensasi"),
])
def test_kpk_steps_of_a_refusal_are_refused_with_the_reason(state, action):
    with pytest.raises(IllegalTransition) as info:
        transition(GRATIFICATION, state, action, "upg", facts=_facts("penolakan"))
    assert info.value.kind == "guard"
    assert "Laporan penolakan tidak diteruskan ke KPK" in str(info.value)
    assert "A refusal report is not forwarded to KPK" in english(info.value.message)
    assert transition(GRATIFICATION, state, action, "upg", facts=_facts("penerimaan")) != state


@pytest.mark.parametrize("state", ["diterima_upg", "diverifikasi", "dianalisis_upg"])
def test_only_a_refusal_report_is_closed_as_a_refusal(state):
    assert transition(GRATIFICATION, state, "catat_penolakan", "upg", facts=_facts("penolakan")) == "penolakan_dicatat"
    with pytest.raises(IllegalTransition) as info:
        transition(GRATIFICATION, state, "catat_penolakan", "upg", facts=_facts("penerimaan"))
    assert info.value.kind == "guard" and "bukan penolakan" in str(info.value)
    assert "not refused" in english(info.value.message)


def test_the_case_page_learns_what_is_refused_and_why():
    blocked = GRATIFICATION.blocked_actions("dianalisis_upg", "upg", _facts("penolakan"))
    assert [(tr.name, guard.name) for tr, guard in blocked] == [("teruskan_kpk", "hanya_laporan_penerimaan")]
    offered = {tr.name for tr in GRATIFICATION.available_actions("dianalisis_upg", "upg", _facts("penolakan"))}
    assert offered == {"catat_penolakan", "nyatakan_tidak_dapat_ditindaklanjuti"}


# -- item 3: the completion deadline decides who may act ---------------------------------------------


@pytest.mark.parametrize("role", ["reporter", "upg"])
def test_completing_is_possible_on_the_due_day_and_not_after(role):
    on_due_day = _facts("penerimaan", DUE)
    assert transition(GRATIFICATION, "perlu_dilengkapi", "lengkapi", role, facts=on_due_day) == "diterima_upg"
    with pytest.raises(IllegalTransition) as info:
        transition(GRATIFICATION, "perlu_dilengkapi", "lengkapi", role, facts=_facts("penerimaan", date(2026, 4, 8)))
    assert info.value.kind == "guard" and "sudah lewat" in str(info.value)


@pytest.mark.parametrize("role", ["system", "upg"])
def test_closing_as_not_completed_only_after_the_due_day(role):
    with pytest.raises(IllegalTransition) as info:
        transition(GRATIFICATION, "perlu_dilengkapi", "tutup_tidak_dilengkapi", role, facts=_facts("penerimaan", DUE))
    assert info.value.kind == "guard" and "setelah batas waktu melengkapi lewat" in str(info.value)
    assert "only after the completion deadline" in english(info.value.message)
    after = _facts("penerimaan", date(2026, 4, 8))
    assert transition(GRATIFICATION, "perlu_dilengkapi", "tutup_tidak_dilengkapi", role, facts=after) == (
        "tidak_ditindaklanjuti")


def test_a_report_cannot_be_returned_once_its_completion_period_is_over():
    with pytest.raises(IllegalTransition):
        transition(GRATIFICATION, "diterima_upg", "minta_kelengkapan", "upg", "alasan",
                   facts=_facts("penerimaan", date(2026, 4, 8)))


@pytest.mark.parametrize(("state", "action", "role"), [
    ("perlu_dilengkapi", "lengkapi", "reporter"), ("perlu_dilengkapi", "tutup_tidak_dilengkapi", "system"),
    ("diterima_upg", "catat_penolakan", "upg"), ("dianalisis_upg", "teruskan_kpk", "upg"),
])
def test_missing_facts_refuse_a_guarded_step(state, action, role):
    with pytest.raises(IllegalTransition) as info:
        transition(GRATIFICATION, state, action, role, "alasan")
    assert info.value.kind == "guard"
