"""LKE data, question points, totals and WBK/WBBM boundaries.

Weights and expected points are written from domain.md §4.2–§4.6 by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from gratifikasi.rules.lke import answer_score, compute_lke, question_points, ruleset_for
from gratifikasi.rules.lke_data import BLOCKS, DEFAULT_AREA_CHECK_MODE, LKE_2021, RULESETS
from tests.rules.english import english

# (pemenuhan, reform) weights per area, domain.md §4.2.
WEIGHTS = {"A": 4.0, "B": 3.5, "C": 5.0, "D": 5.0, "E": 7.5, "F": 5.0}


def blocks(fraction: float, **overrides: float) -> dict[str, float]:
    """Manual block scores at ``fraction`` of every block weight; overrides by key with '_' for '.'."""
    scores = {f"{a}.{b}": w * fraction for a, w in WEIGHTS.items() for b in ("pemenuhan", "reform")}
    for key, value in overrides.items():
        scores[key.replace("_", ".")] = value
    return scores


def failing_codes(readiness) -> list[str]:
    return [f.code for f in readiness.failing]


def test_ruleset_versioning():
    assert ruleset_for(date(2021, 1, 1)).version == "LKE-ZI-2021"
    assert ruleset_for(date(2026, 3, 1)) is LKE_2021
    assert LKE_2021.berlaku_mulai == date(2021, 1, 1)
    with pytest.raises(ValueError):
        ruleset_for(date(2020, 12, 31))


def test_structure_weights():
    assert {a.letter: (a.pemenuhan_weight, a.reform_weight) for a in LKE_2021.areas} == {
        k: (w, w) for k, w in WEIGHTS.items()}
    assert LKE_2021.pengungkit_max == 60
    assert (LKE_2021.ipak_weight, LKE_2021.capaian_weight, LKE_2021.ipkp_weight) == (17.5, 5.0, 17.5)
    e = next(a for a in LKE_2021.areas if a.letter == "E")
    assert [(s.code, s.weight, len(s.questions)) for s in e.pemenuhan] == [
        ("PPE1", 1.5, 2), ("PPE2", 1.5, 4), ("PPE3", 1.5, 4), ("PPE4", 1.5, 3), ("PPE5", 1.5, 5)]
    assert [(s.code, s.weight, len(s.questions)) for s in e.reform] == [
        ("PRE1", 2.5, 1), ("PRE2", 3.0, 1), ("PRE3", 2.0, 2)]
    f = next(a for a in LKE_2021.areas if a.letter == "F")
    assert [(s.code, s.weight) for s in f.pemenuhan + f.reform] == [("PPF3", 1.0), ("PRF2", 2.5)]
    assert f.remainder_weight("pemenuhan") == 4.0 and f.remainder_weight("reform") == 2.5


@pytest.mark.parametrize(
    ("code", "scale", "weight"),
    [
        ("PPE1.a", "ABC", 0.75), ("PPE1.b", "ABCD", 0.75),
        ("PPE2.a", "ABCDE", 0.375), ("PPE2.b", "ABCDE", 0.375), ("PPE2.c", "ABC", 0.375), ("PPE2.d", "ABC", 0.375),
        ("PPE3.a", "ABC", 0.375), ("PPE3.b", "YA_TIDAK", 0.375), ("PPE3.c", "ABC", 0.375), ("PPE3.d", "ABC", 0.375),
        ("PPE4.a", "ABC", 0.5), ("PPE4.b", "ABC", 0.5), ("PPE4.c", "ABC", 0.5),
        ("PPE5.a", "ABCD", 0.3), ("PPE5.b", "ABCD", 0.3), ("PPE5.c", "ABCD", 0.3),
        ("PPE5.d", "ABC", 0.3), ("PPE5.e", "ABC", 0.3),
        ("PRE1.a", "ABCDE", 2.5), ("PRE2.a", "PERSEN", 3.0), ("PRE3.a", "PERSEN", 1.0), ("PRE3.b", "PERSEN", 1.0),
        ("PPF3.a", "ABCDE", 1 / 3), ("PPF3.b", "ABC", 1 / 3), ("PPF3.c", "ABC", 1 / 3),
        ("PRF2.a", "ABCD", 2.5),
    ],
)
def test_question_scales_and_weights(code, scale, weight):
    assert LKE_2021.question(code).scale == scale
    assert LKE_2021.question_weight(code) == pytest.approx(weight)


@pytest.mark.parametrize(
    ("scale", "answer", "score"),
    [
        ("YA_TIDAK", "Ya", 1.0), ("YA_TIDAK", "tidak", 0.0),
        ("ABC", "A", 1.0), ("ABC", "b", 0.5), ("ABC", "C", 0.0),
        ("ABCD", "A", 1.0), ("ABCD", "B", 0.67), ("ABCD", "C", 0.33), ("ABCD", "D", 0.0),
        ("ABCDE", "A", 1.0), ("ABCDE", "B", 0.75), ("ABCDE", "C", 0.5), ("ABCDE", "D", 0.25), ("ABCDE", "E", 0.0),
        ("PERSEN", 0.0, 0.0), ("PERSEN", 0.8, 0.8), ("PERSEN", 1, 1.0),
    ],
)
def test_answer_scores(scale, answer, score):
    assert answer_score(scale, answer) == score


@pytest.mark.parametrize(("scale", "answer"), [("ABC", "D"), ("ABCD", "E"), ("YA_TIDAK", "A"), ("ABC", 1),
                                               ("PERSEN", 1.01), ("PERSEN", -0.1), ("PERSEN", "80%"),
                                               ("PERSEN", True)])
def test_bad_answers_rejected(scale, answer):
    with pytest.raises(ValueError):
        answer_score(scale, answer)


def test_question_points():
    assert question_points("PPE1.b", "B") == pytest.approx(0.5025)  # 0.75 × 0.67
    assert question_points("PPE5.b", "C") == pytest.approx(0.099)  # 0.30 × 0.33
    assert question_points("PRE2.a", 0.75) == pytest.approx(2.25)
    assert question_points("PRF2.a", "B") == pytest.approx(1.675)
    with pytest.raises(KeyError):
        question_points("PPE9.z", "A")


# Hand-computed scenario for the itemised areas E and F (see the comments).
SCENARIO = {
    "PPE1.a": "B", "PPE1.b": "C",  # .375 + .2475 = .6225
    "PPE2.a": "A", "PPE2.b": "B", "PPE2.c": "B", "PPE2.d": "C",  # .375 + .28125 + .1875 + 0 = .84375
    "PPE3.a": "B", "PPE3.b": "Ya", "PPE3.c": "A", "PPE3.d": "C",  # .1875 + .375 + .375 + 0 = .9375
    "PPE4.a": "B", "PPE4.b": "B", "PPE4.c": "A",  # .25 + .25 + .5 = 1.0
    "PPE5.a": "A", "PPE5.b": "B", "PPE5.c": "C", "PPE5.d": "A", "PPE5.e": "B",  # .3+.201+.099+.3+.15 = 1.05
    "PRE1.a": "C", "PRE2.a": 0.8, "PRE3.a": 1.0, "PRE3.b": 0.5,  # 1.25 + 2.4 + 1.0 + 0.5 = 5.15
    "PPF3.a": "B", "PPF3.b": "A", "PPF3.c": "C",  # .25 + .3333 + 0
    "PRF2.a": "B",  # 1.675
}


def test_scenario_by_hand():
    manual = {"A.pemenuhan": 3.0, "A.reform": 2.0, "B.pemenuhan": 2.5, "B.reform": 2.5, "C.pemenuhan": 4.0,
              "C.reform": 3.0, "D.pemenuhan": 4.0, "D.reform": 3.5, "F.pemenuhan.lainnya": 3.0,
              "F.reform.lainnya": 2.0}
    r = compute_lke(SCENARIO, manual, ipak=3.2, capaian="B", ipkp=3.6)
    assert r.pemenuhan["E"] == pytest.approx(4.45375)
    assert r.reform["E"] == pytest.approx(5.15)
    assert r.pemenuhan["F"] == pytest.approx(0.25 + 1 / 3 + 3.0)
    assert r.reform["F"] == pytest.approx(1.675 + 2.0)
    assert r.question_points["PPE5.b"] == pytest.approx(0.201)
    expected_pengungkit = 3 + 2 + 2.5 + 2.5 + 4 + 3 + 4 + 3.5 + 4.45375 + 5.15 + (0.25 + 1 / 3 + 3.0) + 3.675
    assert r.pengungkit == pytest.approx(expected_pengungkit)
    assert r.ipak_points == pytest.approx(14.0)  # 17.5 × 3.2/4
    assert r.capaian_points == pytest.approx(3.75)
    assert r.ipkp_points == pytest.approx(15.75)
    assert r.hasil == pytest.approx(33.5)
    assert r.total == pytest.approx(expected_pengungkit + 33.5)
    assert r.missing_inputs == []
    # E pemenuhan 4.45375 < 4.5 (60 % of 7.5); IPAK 14 < 15.75; B.reform 2.5 ≥ 2.1.
    assert "AREA_E_PEMENUHAN" in failing_codes(r.wbk)
    assert "IPAK" in failing_codes(r.wbk)
    assert "AREA_B_REFORM" not in failing_codes(r.wbk)
    e_fail = next(f for f in r.wbk.failing if f.code == "AREA_E_PEMENUHAN")
    assert (e_fail.required, e_fail.actual, e_fail.missing_points) == (
        pytest.approx(4.5), pytest.approx(4.45375), pytest.approx(0.04625))


def test_all_a_gives_full_area_e():
    answers = {q.code: ("Ya" if q.scale == "YA_TIDAK" else 1.0 if q.scale == "PERSEN" else "A")
               for q in LKE_2021.questions()}
    # A–D as full blocks; E and F from the answers, plus F's non-itemised rest.
    manual = {k: v for k, v in blocks(1.0).items() if k[0] in "ABCD"}
    manual |= {"F.pemenuhan.lainnya": 4.0, "F.reform.lainnya": 2.5}
    r = compute_lke(answers, manual, 4, "A", 4)
    assert (r.pemenuhan["E"], r.reform["E"]) == (pytest.approx(7.5), pytest.approx(7.5))
    assert r.total == pytest.approx(100.0)
    assert r.wbk.eligible and r.wbbm.eligible


def test_missing_inputs_count_as_zero_and_are_listed():
    r = compute_lke({"PPE1.a": "A"}, {"A.pemenuhan": 4.0}, 4, "A", 4)
    assert r.pemenuhan["E"] == 0.75
    assert "PPE1.b" in r.missing_inputs and "PPE1.a" not in r.missing_inputs
    assert "A.reform" in r.missing_inputs and "A.pemenuhan" not in r.missing_inputs
    assert "F.pemenuhan.lainnya" in r.missing_inputs
    assert r.pengungkit == pytest.approx(4.75)


def test_manual_block_and_subarea_overrides():
    r = compute_lke({"PPE1.a": "C"}, {"PPE1": 1.2, "E.reform": 6.0}, 4, "A", 4)
    assert r.pemenuhan["E"] == pytest.approx(1.2)  # sub-area figure replaces its answers
    assert r.reform["E"] == 6.0


@pytest.mark.parametrize(
    "manual", [{"A.pemenuhan": 4.01}, {"PPE1": 1.6}, {"F.reform.lainnya": 2.6}, {"A.pemenuhan": -0.1},
               {"Z.pemenuhan": 1.0}, {"E.pemenuhan.lainnya": 0.0}],
)
def test_bad_manual_scores_rejected(manual):
    with pytest.raises(ValueError):
        compute_lke({}, manual, 4, "A", 4)


def test_bad_inputs_rejected():
    with pytest.raises(ValueError):
        compute_lke({"PPE9.a": "A"}, {}, 4, "A", 4)
    with pytest.raises(ValueError):
        compute_lke({}, {}, 4.1, "A", 4)
    with pytest.raises(ValueError):
        compute_lke({}, {}, 4, "F", 4)
    with pytest.raises(ValueError):
        compute_lke({}, {}, 4, "A", 4, area_check_mode="per_area")


# --- WBK boundaries -------------------------------------------------------------
# Hasil 32.25 = IPAK 3.6 → 15.75, capaian C → 2.5, IPKP 3.2 → 14.0; with every block at
# 71.25 % the pengungkit is 42.75 and the total exactly 75.

def test_total_exactly_75_is_wbk():
    r = compute_lke({}, blocks(0.7125), ipak=3.6, capaian="C", ipkp=3.2)
    assert r.hasil == pytest.approx(32.25)
    assert r.total == pytest.approx(75.0)
    assert r.wbk.eligible, r.wbk.failing


def test_total_74_99_is_not_wbk():
    r = compute_lke({}, blocks(0.7125, A_pemenuhan=2.84), ipak=3.6, capaian="C", ipkp=3.2)
    assert failing_codes(r.wbk) == ["TOTAL"]
    assert r.wbk.failing[0].missing_points == pytest.approx(0.01)
    assert not r.wbk.eligible


def test_pengungkit_40_boundary():
    ok = compute_lke({}, blocks(2 / 3), ipak=4, capaian="A", ipkp=4)
    assert ok.pengungkit == pytest.approx(40.0) and ok.wbk.eligible
    low = compute_lke({}, blocks(2 / 3, A_pemenuhan=4 * 2 / 3 - 0.01), ipak=4, capaian="A", ipkp=4)
    assert failing_codes(low.wbk) == ["PENGUNGKIT"]


def test_area_at_60_percent_passes_and_59_9_fails():
    ok = compute_lke({}, blocks(0.8, A_pemenuhan=2.4), ipak=4, capaian="A", ipkp=4)
    assert ok.wbk.eligible
    low = compute_lke({}, blocks(0.8, A_pemenuhan=0.599 * 4), ipak=4, capaian="A", ipkp=4)
    assert failing_codes(low.wbk) == ["AREA_A_PEMENUHAN"]
    f = low.wbk.failing[0]
    assert (f.required, f.actual, f.missing_points) == (pytest.approx(2.4), pytest.approx(2.396),
                                                        pytest.approx(0.004))


def test_ipak_boundary():
    ok = compute_lke({}, blocks(0.8), ipak=3.6, capaian="A", ipkp=4)
    assert ok.ipak_points == pytest.approx(15.75) and ok.wbk.eligible
    low = compute_lke({}, blocks(0.8), ipak=3.59, capaian="A", ipkp=4)
    assert failing_codes(low.wbk) == ["IPAK"]  # 15.70625; bersih 20.70625 still ≥ 18.25


def test_ipkp_boundary():
    ok = compute_lke({}, blocks(0.8), ipak=4, capaian="A", ipkp=3.2)
    assert ok.ipkp_points == pytest.approx(14.0) and ok.wbk.eligible
    low = compute_lke({}, blocks(0.8), ipak=4, capaian="A", ipkp=3.19)
    assert failing_codes(low.wbk) == ["IPKP"]


def test_capaian_boundary():
    ok = compute_lke({}, blocks(0.8), ipak=4, capaian="C", ipkp=4)
    assert ok.capaian_points == 2.5 and ok.wbk.eligible
    low = compute_lke({}, blocks(0.8), ipak=4, capaian="D", ipkp=4)
    assert failing_codes(low.wbk) == ["CAPAIAN"]  # bersih 17.5 + 1.25 = 18.75 still passes


def test_bersih_akuntabel_fails_with_both_parts_low():
    r = compute_lke({}, blocks(0.8), ipak=3.0, capaian="D", ipkp=4)
    assert failing_codes(r.wbk) == ["IPAK", "CAPAIAN", "BERSIH_AKUNTABEL"]
    bersih = r.wbk.failing[-1]
    assert bersih.actual == pytest.approx(13.125 + 1.25)


def test_per_block_and_combined_modes_differ():
    manual = blocks(0.8, A_pemenuhan=4.0, A_reform=2.0)  # 100 % and 50 %, combined 75 %
    per_block = compute_lke({}, manual, ipak=4, capaian="A", ipkp=4, area_check_mode="per_block")
    combined = compute_lke({}, manual, ipak=4, capaian="A", ipkp=4, area_check_mode="combined")
    assert failing_codes(per_block.wbk) == ["AREA_A_REFORM"]
    assert per_block.wbk.failing[0].missing_points == pytest.approx(0.4)
    assert combined.wbk.eligible
    # Combined 75 % is exactly the WBBM area minimum.
    assert "AREA_A" not in failing_codes(combined.wbbm)
    assert DEFAULT_AREA_CHECK_MODE == "per_block"


def test_combined_mode_failure_uses_area_totals():
    manual = blocks(0.8, A_pemenuhan=2.0, A_reform=2.7)  # 4.7 of 8 = 58.75 %
    r = compute_lke({}, manual, ipak=4, capaian="A", ipkp=4, area_check_mode="combined")
    assert failing_codes(r.wbk) == ["AREA_A"]
    assert (r.wbk.failing[0].required, r.wbk.failing[0].actual) == (pytest.approx(4.8), pytest.approx(4.7))


# --- WBBM ---------------------------------------------------------------------

def test_wbbm_boundaries_and_unconfirmed_flags():
    ok = compute_lke({}, blocks(0.8), ipak=4, capaian="B", ipkp=3.6)
    assert ok.total == pytest.approx(48 + 17.5 + 3.75 + 15.75)
    assert ok.wbbm.eligible
    assert set(ok.wbbm.unconfirmed_criteria) == {"PENGUNGKIT", "BERSIH_AKUNTABEL"}
    assert ok.wbk.unconfirmed_criteria == []

    low = compute_lke({}, blocks(0.8, A_pemenuhan=3.19), ipak=4, capaian="A", ipkp=4)
    assert failing_codes(low.wbbm) == ["PENGUNGKIT"]
    assert low.wbbm.failing[0].unconfirmed is True
    assert low.wbk.eligible

    capaian_c = compute_lke({}, blocks(0.8), ipak=4, capaian="C", ipkp=4)
    assert failing_codes(capaian_c.wbbm) == ["CAPAIAN"]  # bersih 20.0 ≥ 19.5
    assert capaian_c.wbbm.failing[0].unconfirmed is False


def test_wbbm_area_75_and_total_85():
    # Blocks at 85 % keep the pengungkit above 48 while E reform drops to 74.99 %.
    area = compute_lke({}, blocks(0.85, E_reform=0.7499 * 7.5), ipak=4, capaian="A", ipkp=4)
    assert failing_codes(area.wbbm) == ["AREA_E_REFORM"]
    total = compute_lke({}, blocks(0.8), ipak=3.6, capaian="B", ipkp=3.6)  # 48 + 15.75 + 3.75 + 15.75 = 83.25
    assert failing_codes(total.wbbm) == ["TOTAL"]
    assert total.wbbm.failing[0].missing_points == pytest.approx(1.75)
    assert total.wbk.eligible


def test_failing_criteria_have_bilingual_labels():
    r = compute_lke({}, {}, 0, "E", 0)
    assert not r.wbk.eligible
    assert len(r.wbk.failing) == 2 + 12 + 4
    for f in r.wbk.failing:
        assert f.missing_points > 0
        assert str(f.label) and english(f.label) != str(f.label)  # the catalogue has its English


def test_every_lke_text_is_in_the_english_catalogue():
    """The LKE data holds Indonesian msgids only; the English lives once, in the catalogue."""
    for ruleset in RULESETS:
        for area in ruleset.areas:
            assert english(area.name) != area.name, area.name
            for block in BLOCKS:
                for sub in area.subareas(block):
                    assert english(sub.name) != sub.name, sub.name
                    for q in sub.questions:
                        assert english(q.text) != q.text, q.text
