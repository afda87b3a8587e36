"""Indicators and KPIs computed from rows in the database, on small hand-computed scenarios.

Expected numbers are worked out from the rules (domain.md §4.4) in the comments, not taken
from running the code. Clock frozen at 2026-03-02 (Monday).
"""
from __future__ import annotations

import statistics
from datetime import date, datetime

import pytest
from sqlalchemy import select

from gratifikasi.calendar import service as calendar_service
from gratifikasi.extensions import db
from gratifikasi.integrity import totals
from gratifikasi.integrity.case_queries import case_rows
from gratifikasi.integrity.dashboards import agency_dashboard
from gratifikasi.integrity.evidence_records import (
    add_activity,
    add_document,
    add_monev,
    add_recap,
    set_recommendation_status,
)
from gratifikasi.integrity.indicators import computed_indicators
from gratifikasi.integrity.kpis import complaint_kpis, report_kpis, weighted_days, weighted_median
from gratifikasi.integrity.queries import KIND_REPORT, Scope
from gratifikasi.models import Officer
from gratifikasi.models.integrity import (
    ActivityKind,
    DocumentKind,
    MonevRecommendation,
    MonevScope,
    RecommendationStatus,
)
from gratifikasi.models.kpk import KpkForwarding
from gratifikasi.rules.periods import Period
from tests.integrity import factories as f

Y2026 = Period.of_year(2026)
Y2025 = Period.of_year(2025)


def _officer(username: str = "upg1") -> Officer:
    return db.session.execute(select(Officer).where(Officer.username == username)).scalar_one()


def _by_code(results):
    return {r.code: r for r in results}


@pytest.fixture
def ctx(app, officers, frozen_clock):
    with app.app_context():
        yield app


def test_pre2_and_ppe3b_from_complaint_statuses(ctx):
    a, b = f.unit("DINKES"), f.unit("DISHUB")
    # Unit A, 2026: baru + ditelaah (not triaged: harus), dalam_pemeriksaan (harus),
    # terbukti + selesai (selesai), tidak_dapat_ditindaklanjuti (excluded).
    for status in ("baru", "ditelaah", "dalam_pemeriksaan", "terbukti", "selesai", "tidak_dapat_ditindaklanjuti"):
        f.complaint(a, date(2026, 1, 15), status)
    f.complaint(a, date(2025, 12, 31), "baru")       # other year
    f.complaint(b, date(2026, 1, 15), "baru")        # other unit
    db.session.commit()
    results = _by_code(computed_indicators(a, Y2026))
    pre2 = results["PRE2.a"]
    # harus = 5, selesai = 2 → 40 % → 3.0 × 0.4 = 1.2 points.
    assert pre2.counts == {"harus": 5, "selesai": 2, "diproses": 3}
    assert pre2.answer == pytest.approx(0.4)
    assert pre2.points == pytest.approx(1.2)
    assert "selesai ÷ harus" in str(pre2.rule_text)
    assert results["PPE3.b"].answer == "Ya"
    # Unit B: one untriaged complaint, nothing completed → 0 %, PPE3.b "Tidak".
    results_b = _by_code(computed_indicators(b, Y2026))
    assert results_b["PRE2.a"].points == 0.0
    assert results_b["PPE3.b"].answer == "Tidak"
    # A unit without complaints: 100 % (rule: none → 100 %), 3.0 points.
    c = f.unit("DISDIK")
    assert _by_code(computed_indicators(c, Y2026))["PRE2.a"].points == pytest.approx(3.0)


def test_report_kpis_per_unit_and_period(ctx):
    a, b = f.unit("DINKES"), f.unit("DISHUB")
    f.report(a, date(2026, 1, 5), "diterima_upg", values=(100_000, 50_000))
    f.report(a, date(2026, 1, 20), "diteruskan_kpk", late=3, values=(1_000_000,), completion_asked=True)
    f.report(a, date(2026, 2, 2), "milik_negara", values=(250_000,))
    f.report(a, date(2026, 2, 3), "penolakan_dicatat", penolakan=True, values=(75_000,))
    f.report(a, date(2025, 12, 30), "selesai", values=(9_999_999,))   # previous year
    f.report(b, date(2026, 1, 5), "diterima_upg", values=(1,))        # other unit
    db.session.commit()
    kpis = report_kpis(Scope(Y2026.start, Y2026.end, a))
    # 4 reports; 1 late → 3 on time; forwarded = diteruskan_kpk + milik_negara = 2;
    # processed = everything not at intake = 3; 1 refusal; 1 asked to complete → 3 complete.
    assert kpis.counts == {"semua": 4, "tepat_waktu": 3, "terlambat": 1, "penolakan": 1, "diteruskan": 2,
                           "diproses": 3, "lengkap_pertama": 3}
    # 5 objects; 100k + 50k + 1m + 250k + 75k = 1,475,000.
    assert kpis.objects == {"objek": 5, "nilai": 1_475_000}
    assert kpis.status == {"diterima_upg": 1, "diteruskan_kpk": 1, "milik_negara": 1, "penolakan_dicatat": 1}
    agency = report_kpis(Scope(Y2026.start, Y2026.end))
    assert agency.counts["semua"] == 5
    # Month series: January 2 (A) + 1 (B) = 3, February 2.
    dashboard = agency_dashboard(Y2026)
    assert [m["reports"] for m in dashboard["months"][:3]] == [3, 2, 0]
    by_code = {row.code: row for row in dashboard["ranking"]}
    assert (by_code["DISHUB"].reports["semua"], by_code["DINKES"].reports["semua"]) == (1, 4)
    assert by_code["DINKES"].reports["diteruskan"] == 2
    # The per-measure counts equal the drill-down lists (same SQL conditions).
    for measure in ("tepat_waktu", "terlambat", "penolakan", "diteruskan", "diproses", "lengkap_pertama"):
        rows, total = case_rows("gratifikasi", Scope(Y2026.start, Y2026.end, a), measure, viewer_id=0)
        assert total == kpis.counts[measure] == len(rows), measure


def test_ppe1b_grades_from_evidence(ctx):
    a = f.unit("DINKES")
    officer = _officer()
    db.session.commit()

    def grade(period=Y2025):
        return _by_code(computed_indicators(a, period))["PPE1.b"]

    assert grade().answer == "D"  # no SK UPG
    add_document(officer, unit_id=None, kind=DocumentKind.sk_upg, number="188/12/2024",
                 title="Pembentukan UPG", document_date=date(2024, 6, 1), reference=None)
    assert grade().answer == "C"  # SK but no SOP
    add_document(officer, unit_id=a, kind=DocumentKind.sop, number="SOP-01", title="SOP gratifikasi",
                 document_date=date(2025, 1, 2), reference="Arsip UPG rak 3")
    assert grade().answer == "C"  # SK + SOP but no report processed and no recap sent
    f.report(a, date(2025, 3, 3), "dianalisis_upg")
    db.session.commit()
    assert grade().answer == "B"  # SK + SOP + a report processed
    # Both 2025 recaps sent on time (due 15 Jul 2025 and 15 Jan 2026, both passed on 2 Mar 2026)
    # and no report forwarded yet (counts as 100 %) → A.
    add_recap(officer, unit_id=None, year=2025, semester=1, sent_on=date(2025, 7, 10), reference=None)
    add_recap(officer, unit_id=None, year=2025, semester=2, sent_on=date(2026, 1, 15), reference=None)
    result = grade()
    assert result.answer == "A"
    assert result.counts["rekap_wajib"] == 2 and result.counts["rekap_tepat_waktu"] == 2
    assert result.points == pytest.approx(0.75)
    # A forwarded report without a recorded forwarding date is never counted as on time: B.
    forwarded = f.report(a, date(2025, 4, 7), "diteruskan_kpk")
    db.session.commit()
    result = grade()
    assert result.answer == "B"
    assert (result.counts["diteruskan"], result.counts["diteruskan_tepat_waktu"]) == (1, 0)
    # Its forwarding is recorded: Mon 21 Apr 2025 is 9 working days after Mon 7 Apr
    # (8–11, 14–17 Apr, then 21 Apr; Good Friday 18 Apr is a holiday) — within 10 HK → A.
    db.session.add(KpkForwarding(report_id=forwarded, gol_reference="GOL/1", forwarded_on=date(2025, 4, 21),
                                 recorded_at=datetime(2025, 4, 21, 3, 0)))
    totals.mark_changed(KIND_REPORT, forwarded)  # as the forwarding's case move does
    db.session.commit()
    result = grade()
    assert (result.counts["diteruskan"], result.counts["diteruskan_tepat_waktu"]) == (1, 1)
    assert result.answer == "A"
    # An SK dated after the period does not count for it.
    b = f.unit("DISHUB")
    db.session.commit()
    assert _by_code(computed_indicators(b, Period.of_year(2023)))["PPE1.b"].answer == "D"


def test_campaign_regularity_quarters(ctx):
    a = f.unit("DINKES")
    officer = _officer()
    db.session.commit()
    for day in (date(2025, 2, 10), date(2025, 5, 5), date(2025, 11, 3)):
        add_activity(officer, unit_id=a, kind=ActivityKind.public_campaign, activity_date=day,
                     title="Spanduk", participants=None, reference=None)
    result = _by_code(computed_indicators(a, Y2025))["PPE1.a"]
    # Q3 has none → B (0.5 × 0.75 = 0.375).
    assert result.answer == "B" and result.points == pytest.approx(0.375)
    assert [p.label_id for p in result.counts["subperiode_kosong"]] == ["Triwulan III 2025"]
    add_activity(officer, unit_id=None, kind=ActivityKind.sosialisasi, activity_date=date(2025, 8, 20),
                 title="Sosialisasi seluruh OPD", participants=120, reference=None)
    assert _by_code(computed_indicators(a, Y2025))["PPE1.a"].answer == "A"
    # 2026 on 2 March: no quarter has ended yet; one activity → B, none → C.
    assert _by_code(computed_indicators(a, Y2026))["PPE1.a"].answer == "C"


def test_monev_regularity_and_followup(ctx):
    a = f.unit("DINKES")
    officer = _officer()
    db.session.commit()
    add_monev(officer, unit_id=a, scope=MonevScope.pengaduan, held_on=date(2025, 3, 20), title="Monev Q1",
              recommendations="Tambah kanal\nPercepat telaah")
    add_monev(officer, unit_id=a, scope=MonevScope.pengaduan, held_on=date(2025, 6, 20), title="Monev Q2",
              recommendations="Sosialisasi ulang")
    add_monev(officer, unit_id=None, scope=MonevScope.keduanya, held_on=date(2025, 9, 22),
              title="Monev Q3", recommendations=None)
    add_monev(officer, unit_id=a, scope=MonevScope.pengaduan, held_on=date(2025, 12, 1), title="Monev Q4",
              recommendations=None)
    results = _by_code(computed_indicators(a, Y2025))
    # Every quarter has a complaint monev → PPE3.c A; WBS monev only in Q3 (the combined one) → PPE4.b B.
    assert results["PPE3.c"].answer == "A"
    assert results["PPE4.b"].answer == "B" and results["PPE4.b"].points == pytest.approx(0.25)
    # 3 recommendations, none closed → C; close 2 → B; all 3 → A.
    assert results["PPE3.d"].answer == "C"
    recs = db.session.execute(select(MonevRecommendation).order_by(MonevRecommendation.id)).scalars().all()
    assert [r.text for r in recs] == ["Tambah kanal", "Percepat telaah", "Sosialisasi ulang"]
    set_recommendation_status(officer, recs[0].id, RecommendationStatus.selesai)
    set_recommendation_status(officer, recs[1].id, RecommendationStatus.selesai)
    assert _by_code(computed_indicators(a, Y2025))["PPE3.d"].answer == "B"
    set_recommendation_status(officer, recs[2].id, RecommendationStatus.selesai)
    result = _by_code(computed_indicators(a, Y2025))["PPE3.d"]
    assert result.answer == "A" and result.counts == {"jumlah_monev": 4, "rekomendasi": 3, "rekomendasi_selesai": 3}
    # WBS follow-up: one WBS monev (Q3) without recommendations → nothing open → A.
    assert _by_code(computed_indicators(a, Y2025))["PPE4.c"].answer == "A"


def test_ppe4a_needs_a_published_wbs_policy(ctx):
    a = f.unit("DINKES")
    db.session.commit()
    assert _by_code(computed_indicators(a, Y2026))["PPE4.a"].answer == "C"
    add_document(_officer(), unit_id=None, kind=DocumentKind.kebijakan_wbs, number="Perwali 5/2026",
                 title="WBS", document_date=date(2026, 1, 10), reference=None)
    assert _by_code(computed_indicators(a, Y2026))["PPE4.a"].answer == "B"


def test_response_times_in_working_days_and_prf2(ctx):
    a = f.unit("DINKES")
    # Mon 3 Mar → Wed 5 Mar 2025: 2 HK. Fri 7 Mar → Mon 10 Mar: 1 HK (weekend skipped).
    # Mon 10 Mar → Thu 20 Mar: 8 HK. Median 2 ≤ 5 HK; 3 channels → A.
    f.complaint(a, date(2025, 3, 3), "selesai", channel="portal", responded=date(2025, 3, 5), closed=date(2025, 3, 14))
    f.complaint(a, date(2025, 3, 7), "ditelaah", channel="telepon", responded=date(2025, 3, 10))
    f.complaint(a, date(2025, 3, 10), "ditelaah", channel="tatap_muka", responded=date(2025, 3, 20))
    db.session.commit()
    kpis = complaint_kpis(Scope(Y2025.start, Y2025.end, a))
    assert kpis.median_response_hk == 2.0
    # 3 Mar → 14 Mar 2025: 9 working days (4+5).
    assert kpis.median_close_hk == 9.0
    assert kpis.response_within_sla == (2, 3)  # 8 HK is over the 5 HK target
    prf2 = _by_code(computed_indicators(a, Y2025))["PRF2.a"]
    assert prf2.answer == "A" and prf2.points == pytest.approx(2.5)
    assert prf2.counts["median_respon_hk"] == 2.0 and prf2.counts["jumlah_kanal"] == 3
    # Lebaran 2026: received Tue 17 Mar, answered Wed 25 Mar. 18 Mar cuti bersama, 19 Nyepi,
    # 20 cuti bersama, 21-22 Idul Fitri (weekend), 23-24 cuti bersama → 25 Mar is 1 HK.
    b = f.unit("DISHUB")
    f.complaint(b, date(2026, 3, 17), "ditelaah", responded=date(2026, 3, 25))
    db.session.commit()
    assert complaint_kpis(Scope(Y2026.start, Y2026.end, b)).median_response_hk == 1.0
    prf2_b = _by_code(computed_indicators(b, Y2026))["PRF2.a"]
    assert prf2_b.answer == "B"  # quick, but one channel only


def test_weighted_median_matches_statistics_median():
    for values in ([1], [1, 2], [3, 1, 2], [5, 5, 1, 9], [0, 0, 0, 7, 8, 10]):
        runs: dict[int, int] = {}
        for v in values:
            runs[v] = runs.get(v, 0) + 1
        assert weighted_median(sorted(runs.items())) == statistics.median(values)
    assert weighted_median([]) is None


def test_agency_ranking_orders_by_pre2(ctx):
    a, b, c = f.unit("A1", "Dinas A"), f.unit("B1", "Dinas B"), f.unit("C1", "Dinas C")
    f.complaint(a, date(2026, 1, 5), "baru")          # A: 0 %
    f.complaint(b, date(2026, 1, 5), "selesai")       # B: 100 % with one completed
    f.complaint(b, date(2026, 1, 6), "baru")          # → B: 50 %
    f.report(c, date(2026, 1, 5))                     # C: no complaints → 100 %
    db.session.commit()
    ranking = agency_dashboard(Y2026)["ranking"]
    ours = [(r.code, round(r.pre2.score, 2)) for r in ranking if r.code in {"A1", "B1", "C1"}]
    assert ours == [("C1", 1.0), ("B1", 0.5), ("A1", 0.0)]
    assert ranking[0].code == "C1"  # 100 % and the only unit with a report


def test_grouped_working_days_equal_the_calendar_walk(ctx):
    cal = calendar_service.working_day_calendar()
    pairs = [(date(2026, 3, 17), date(2026, 3, 25), 2), (date(2025, 12, 24), date(2026, 1, 5), 1),
             (date(2026, 2, 2), date(2026, 2, 2), 4), (date(2026, 5, 1), date(2026, 4, 30), 1)]
    expected: dict[int, int] = {}
    for start, end, n in pairs:
        days = max(0, cal.working_days_between(start, end))
        expected[days] = expected.get(days, 0) + n
    assert weighted_days(pairs) == sorted(expected.items())
