"""Count-based LKE indicators on small hand-computed scenarios (domain.md §4.4).

Expected answers and points are worked out from the rule text by hand:
points = question weight × answer score (PRE2 3.0, PPE1.x 0.75, PPE3.x 0.375,
PPE4.x 0.5, PRF2 2.5; ABC 1/.5/0, ABCD 1/.67/.33/0).
"""

from __future__ import annotations

from datetime import date

import pytest

from gratifikasi.rules.indicators import (
    as_answers,
    complaint_counts,
    evaluation_followup,
    monev_regularity,
    ppe1a_public_campaign,
    ppe1b_implementasi,
    ppe3b_pengaduan_ditindaklanjuti,
    ppe4a_wbs_diterapkan,
    pre2_penanganan_pengaduan,
    prf2_responsiveness,
    suppress_small,
)
from gratifikasi.rules.lke import compute_lke
from gratifikasi.rules.periods import Period
from gratifikasi.rules.workflow import COMPLAINT
from tests.rules.english import english

# --- Period -------------------------------------------------------------------


def test_period_bounds():
    assert (Period.of_year(2025).start, Period.of_year(2025).end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert (Period.of_semester(2024, 2).start, Period.of_semester(2024, 2).end) == (
        date(2024, 7, 1), date(2024, 12, 31))
    assert (Period.of_quarter(2025, 2).start, Period.of_quarter(2025, 2).end) == (
        date(2025, 4, 1), date(2025, 6, 30))
    assert Period.of_month(2024, 2).end == date(2024, 2, 29)  # leap year
    assert Period.of_month(2025, 2).end == date(2025, 2, 28)


def test_period_sub_periods_and_containing():
    assert Period.of_semester(2025, 2).sub_periods("quarter") == [Period.of_quarter(2025, 3),
                                                                  Period.of_quarter(2025, 4)]
    assert [p.index for p in Period.of_quarter(2025, 4).sub_periods("month")] == [10, 11, 12]
    assert len(Period.of_year(2025).sub_periods("month")) == 12
    assert Period.of_month(2025, 5).sub_periods("month") == [Period.of_month(2025, 5)]
    with pytest.raises(ValueError):
        Period.of_quarter(2025, 1).sub_periods("semester")
    assert Period.containing(date(2025, 7, 1), "semester") == Period.of_semester(2025, 2)
    assert Period.containing(date(2025, 6, 30), "quarter") == Period.of_quarter(2025, 2)
    assert Period.of_quarter(2025, 3).label_id == "Triwulan III 2025"
    assert Period.of_month(2025, 8).label_id == "Agustus 2025"


@pytest.mark.parametrize(("kind", "index"), [("quarter", 5), ("month", 0), ("semester", 3), ("week", 1)])
def test_period_rejects_bad_values(kind, index):
    with pytest.raises(ValueError):
        Period(2025, kind, index)


# --- PRE2 and PPE3.b -------------------------------------------------------------


def test_pre2_partial():
    r = pre2_penanganan_pengaduan(harus=8, selesai=6)
    assert r.code == "PRE2.a"
    assert r.answer == pytest.approx(0.75)
    assert r.points == pytest.approx(2.25)  # 3.0 × 6/8
    assert r.counts == {"harus": 8, "selesai": 6, "diproses": 2}
    assert "selesai" in str(r.rule_text) and "completed" in english(r.rule_text)


def test_pre2_no_complaints_is_full_marks():
    r = pre2_penanganan_pengaduan(harus=0, selesai=0)
    assert (r.answer, r.points) == (1.0, 3.0)


def test_pre2_capped_at_100_percent():
    r = pre2_penanganan_pengaduan(harus=4, selesai=5)
    assert (r.answer, r.points, r.counts["diproses"]) == (1.0, 3.0, 0)


def test_pre2_nothing_finished():
    r = pre2_penanganan_pengaduan(harus=3, selesai=0)
    assert (r.answer, r.points, r.counts["diproses"]) == (0.0, 0.0, 3)


@pytest.mark.parametrize(("harus", "selesai"), [(-1, 0), (1, -1), (True, 0), (1.5, 1)])
def test_pre2_rejects_bad_counts(harus, selesai):
    with pytest.raises(ValueError):
        pre2_penanganan_pengaduan(harus, selesai)


def test_complaint_counts_from_workflow_states():
    states = ["baru", "ditelaah", "dalam_pemeriksaan", "diteruskan_opd", "terbukti", "selesai",
              "tidak_dapat_ditindaklanjuti", "tidak_dapat_ditindaklanjuti"]
    counts = complaint_counts(COMPLAINT.state(s).classification for s in states)
    # 8 complaints − 2 excluded = 6 to follow up; terbukti + selesai = 2 finished.
    assert counts == {"harus": 6, "selesai": 2, "dikecualikan": 2}
    assert pre2_penanganan_pengaduan(counts["harus"], counts["selesai"]).points == pytest.approx(1.0)
    with pytest.raises(ValueError):
        complaint_counts(["selesai"])


@pytest.mark.parametrize(("harus", "selesai", "answer", "points"),
                         [(0, 0, "Ya", 0.375), (5, 0, "Tidak", 0.0), (5, 1, "Ya", 0.375)])
def test_ppe3b(harus, selesai, answer, points):
    r = ppe3b_pengaduan_ditindaklanjuti(harus, selesai)
    assert (r.code, r.answer, r.points) == ("PPE3.b", answer, points)


# --- Monev regularity (PPE3.c / PPE4.b) and campaign (PPE1.a) ---------------------

EVERY_MONTH_2025 = [date(2025, m, 15) for m in range(1, 13)]


def test_monev_every_month_is_a():
    r = monev_regularity("PPE3.c", EVERY_MONTH_2025, Period.of_year(2025), "month")
    assert (r.answer, r.points) == ("A", 0.375)
    assert r.counts["subperiode_wajib"] == 12 and r.counts["subperiode_terisi"] == 12
    r = monev_regularity("PPE4.b", EVERY_MONTH_2025, Period.of_year(2025), "month")
    assert (r.answer, r.points) == ("A", 0.5)


def test_monev_one_month_missing_is_b():
    dates = [d for d in EVERY_MONTH_2025 if d.month != 7]
    r = monev_regularity("PPE4.b", dates, Period.of_year(2025), "month")
    assert (r.answer, r.points) == ("B", 0.25)
    assert [p.label_id for p in r.counts["subperiode_kosong"]] == ["Juli 2025"]


def test_monev_quarterly_with_two_in_one_quarter():
    dates = [date(2025, 1, 5), date(2025, 2, 5), date(2025, 5, 5), date(2025, 8, 5), date(2025, 12, 31)]
    r = monev_regularity("PPE3.c", dates, Period.of_year(2025), "quarter")
    assert r.answer == "A"
    assert r.counts["jumlah_kegiatan"] == 5


def test_monev_none_or_outside_period_is_c():
    r = monev_regularity("PPE3.c", [date(2024, 12, 31), date(2026, 1, 1)], Period.of_year(2025), "quarter")
    assert (r.answer, r.points) == ("C", 0.0)


def test_monev_as_of_only_counts_ended_sub_periods():
    first_half = [date(2025, m, 10) for m in range(1, 7)]
    # On 30 June, Jan–Jun have ended and all are covered.
    assert monev_regularity("PPE3.c", first_half, Period.of_year(2025), "month", as_of=date(2025, 6, 30)).answer == "A"
    # Without a cut-off the empty second half makes it irregular.
    assert monev_regularity("PPE3.c", first_half, Period.of_year(2025), "month").answer == "B"
    # Before January ends nothing is due yet: one monev is B, not A.
    r = monev_regularity("PPE3.c", [date(2025, 1, 10)], Period.of_year(2025), "month", as_of=date(2025, 1, 20))
    assert (r.answer, r.counts["subperiode_wajib"]) == ("B", 0)


def test_monev_wrong_code_rejected():
    with pytest.raises(ValueError):
        monev_regularity("PPE1.a", [], Period.of_year(2025))


def test_public_campaign_per_quarter():
    every_quarter = [date(2025, 2, 1), date(2025, 4, 1), date(2025, 9, 30), date(2025, 11, 11)]
    r = ppe1a_public_campaign(every_quarter, Period.of_year(2025))
    assert (r.code, r.answer, r.points) == ("PPE1.a", "A", 0.75)
    r = ppe1a_public_campaign([date(2025, 2, 1), date(2025, 8, 1)], Period.of_year(2025))
    assert (r.answer, r.points) == ("B", 0.375)
    assert [p.label_id for p in r.counts["subperiode_kosong"]] == ["Triwulan II 2025", "Triwulan IV 2025"]
    assert ppe1a_public_campaign([], Period.of_year(2025)).answer == "C"


# --- Follow-up of evaluations (PPE3.d / PPE4.c) ----------------------------------


@pytest.mark.parametrize(
    ("monev", "total", "closed", "answer", "points"),
    [(2, 4, 4, "A", 0.375), (2, 4, 1, "B", 0.1875), (2, 4, 0, "C", 0.0), (0, 0, 0, "C", 0.0),
     (1, 0, 0, "A", 0.375)],
)
def test_evaluation_followup_ppe3d(monev, total, closed, answer, points):
    r = evaluation_followup("PPE3.d", monev, total, closed)
    assert (r.answer, r.points) == (answer, points)


def test_evaluation_followup_ppe4c_and_validation():
    assert evaluation_followup("PPE4.c", 1, 3, 2).points == 0.25
    with pytest.raises(ValueError):
        evaluation_followup("PPE4.c", 1, 2, 3)
    with pytest.raises(ValueError):
        evaluation_followup("PPE3.c", 1, 2, 1)


# --- WBS (PPE4.a) and gratification control (PPE1.b) ------------------------------


@pytest.mark.parametrize(
    ("live", "policy", "innovation", "answer", "points"),
    [(True, True, False, "B", 0.25), (True, True, True, "A", 0.5), (True, False, True, "C", 0.0),
     (False, True, False, "C", 0.0)],
)
def test_ppe4a(live, policy, innovation, answer, points):
    r = ppe4a_wbs_diterapkan(live, policy, innovation)
    assert (r.answer, r.points) == (answer, points)


def _ppe1b(**kw):
    args = dict(has_sk_upg=True, has_sop=True, reports_processed=0, recaps_due=2, recaps_sent=0,
                recaps_sent_on_time=0, forwarded_total=0, forwarded_within_sla=0)
    args.update(kw)
    return ppe1b_implementasi(**args)


def test_ppe1b_levels():
    assert (_ppe1b(has_sk_upg=False).answer, _ppe1b(has_sk_upg=False).points) == ("D", 0.0)
    r = _ppe1b(has_sop=False, reports_processed=5)
    assert (r.answer, r.points) == ("C", pytest.approx(0.2475))  # 0.75 × 0.33
    assert _ppe1b().answer == "C"  # SK + SOP but nothing done yet
    r = _ppe1b(reports_processed=1)
    assert (r.answer, r.points) == ("B", pytest.approx(0.5025))  # 0.75 × 0.67
    assert _ppe1b(recaps_sent=1).answer == "B"


def test_ppe1b_a_needs_on_time_recaps_and_95_percent_forwarded():
    base = dict(reports_processed=20, recaps_sent=2, recaps_sent_on_time=2, forwarded_total=20)
    r = _ppe1b(**base, forwarded_within_sla=19)  # 19/20 = 95 %
    assert (r.answer, r.points) == ("A", 0.75)
    assert r.counts["porsi_tepat_waktu"] == pytest.approx(0.95)
    assert _ppe1b(**base, forwarded_within_sla=18).answer == "B"  # 90 %
    late = dict(base, recaps_sent_on_time=1)
    assert _ppe1b(**late, forwarded_within_sla=20).answer == "B"
    # Threshold is a parameter.
    assert _ppe1b(**base, forwarded_within_sla=18, min_forwarded_share=0.9).answer == "A"
    # No report to forward counts as 100 %; no recap due yet cannot give A.
    assert _ppe1b(recaps_sent=2, recaps_sent_on_time=2).answer == "A"
    assert _ppe1b(recaps_due=0, reports_processed=3).answer == "B"
    with pytest.raises(ValueError):
        _ppe1b(forwarded_total=1, forwarded_within_sla=2)


# --- PRF2 responsiveness ------------------------------------------------------------


def test_prf2_levels():
    quick = [1, 2, 3, 10, 4]  # median 3
    slow = [6, 7, 2]  # median 6
    assert (prf2_responsiveness(quick, channel_count=3).answer, prf2_responsiveness(quick, 3).points) == ("A", 2.5)
    r = prf2_responsiveness(quick, channel_count=2)
    assert (r.answer, r.points) == ("B", pytest.approx(1.675))
    r = prf2_responsiveness(slow, channel_count=4)
    assert (r.answer, r.points) == ("C", pytest.approx(0.825))
    assert prf2_responsiveness(slow, channel_count=1).answer == "D"
    assert r.counts["median_respon_hk"] == 6 and r.counts["sla_hk"] == 5


def test_prf2_median_at_sla_is_quick_and_sla_is_configurable():
    assert prf2_responsiveness([5, 5, 9, 1], channel_count=3).counts["median_respon_hk"] == 5
    assert prf2_responsiveness([5, 5, 9, 1], channel_count=3).answer == "A"
    assert prf2_responsiveness([5, 5, 9, 1], channel_count=3, sla_days=4).answer == "C"
    empty = prf2_responsiveness([], channel_count=3)
    assert (empty.answer, empty.counts["median_respon_hk"]) == ("A", None)


# --- Feeding indicators into the LKE ----------------------------------------------


def test_indicator_answers_feed_compute_lke():
    results = [
        pre2_penanganan_pengaduan(8, 6),
        ppe3b_pengaduan_ditindaklanjuti(8, 6),
        ppe4a_wbs_diterapkan(True, True),
    ]
    lke = compute_lke(as_answers(results), {}, 4, "A", 4)
    for r in results:
        assert lke.question_points[r.code] == pytest.approx(r.points)
    assert lke.reform["E"] == pytest.approx(2.25)


# --- Suppression --------------------------------------------------------------------


@pytest.mark.parametrize(("count", "minimum", "shown"),
                         [(0, 3, "0"), (1, 3, "<3"), (2, 3, "<3"), (3, 3, "3"), (120, 3, "120"),
                          (4, 5, "<5"), (5, 5, "5")])
def test_suppress_small(count, minimum, shown):
    assert suppress_small(count, minimum) == shown


def test_suppress_small_rejects_negative():
    with pytest.raises(ValueError):
        suppress_small(-1)
