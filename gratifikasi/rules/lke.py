"""Zona Integritas (LKE) scoring and WBK/WBBM readiness (domain.md §4.6).

::

    points(question) = bobot_subarea / n_questions × score(answer)
    block[k]         = Σ sub-area points (+ evaluator's score for the non-itemised rest)
    pengungkit       = Σ_k pemenuhan[k] + reform[k]                         (max 60)
    hasil            = 17.5·IPAK/4 + 5·s(capaian) + 17.5·IPKP/4            (max 40)
    total            = pengungkit + hasil

Readiness lists *every* failing criterion with the points still missing, so
a unit sees what to work on rather than a bare yes/no. Pure module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .lke_data import (
    AREA_CHECK_MODES,
    BLOCKS,
    DEFAULT_AREA_CHECK_MODE,
    PERCENT,
    RULESETS,
    SCALES,
    Area,
    LkeRuleset,
    Thresholds,
)
from .text import N_, Text

# Scores are sums of floats such as 0.375 × 0.67; a tiny tolerance keeps an
# exact boundary (e.g. 60 % of 7.5) from failing on rounding noise while
# 74.99 < 75 still fails.
_EPS = 1e-9


def ruleset_for(on: date) -> LkeRuleset:
    """The LKE ruleset in force on ``on`` (newest ``berlaku_mulai`` ≤ ``on``)."""
    candidates = [r for r in RULESETS if r.berlaku_mulai <= on]
    if not candidates:
        raise ValueError(f"Tidak ada LKE yang berlaku pada {on.isoformat()}")
    return max(candidates, key=lambda r: r.berlaku_mulai)


def _current() -> LkeRuleset:
    return max(RULESETS, key=lambda r: r.berlaku_mulai)


def answer_score(scale: str, answer: str | float) -> float:
    """Score 0..1 of ``answer`` on ``scale`` (letters/Ya-Tidak case-insensitive)."""
    if scale == PERCENT:
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            raise ValueError(f"jawaban persentase harus angka 0..1, bukan {answer!r}")
        if not 0.0 <= float(answer) <= 1.0:
            raise ValueError(f"jawaban persentase harus 0..1, bukan {answer!r}")
        return float(answer)
    options = SCALES[scale]
    if isinstance(answer, str):
        for option, score in options.items():
            if option.casefold() == answer.strip().casefold():
                return score
    raise ValueError(f"jawaban {answer!r} tidak ada pada skala {scale} ({', '.join(options)})")


def question_points(question_code: str, answer: str | float, ruleset: LkeRuleset | None = None) -> float:
    """Points earned by one answer: question weight × answer score."""
    rs = ruleset or _current()
    question = rs.question(question_code)
    return rs.question_weight(question_code) * answer_score(question.scale, answer)


@dataclass(frozen=True)
class FailingCriterion:
    """A threshold not met; ``required``/``actual``/``missing_points`` are in points."""

    code: str
    label: Text  # Indonesian msgid with values: ``translate`` it to show it
    required: float
    actual: float
    missing_points: float
    unconfirmed: bool = False


@dataclass(frozen=True)
class Readiness:
    level: str
    eligible: bool
    failing: list[FailingCriterion]
    # Codes of the criteria checked whose threshold is UNCONFIRMED.
    unconfirmed_criteria: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LkeResult:
    ruleset_version: str
    area_check_mode: str
    pengungkit: float
    hasil: float
    total: float
    pemenuhan: dict[str, float]  # per area letter
    reform: dict[str, float]
    ipak_points: float
    capaian_points: float
    ipkp_points: float
    question_points: dict[str, float]
    # Inputs that were absent and counted as 0 (question codes, block keys).
    missing_inputs: list[str]
    wbk: Readiness
    wbbm: Readiness


def _checked_manual(key: str, value: float, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not -_EPS <= value <= maximum + _EPS:
        raise ValueError(f"nilai manual {key}={value!r} harus 0..{maximum:g}")
    return float(value)


def _block_points(
    area: Area,
    block: str,
    rs: LkeRuleset,
    answers: Mapping[str, str | float],
    manual: Mapping[str, float],
    per_question: dict[str, float],
    missing: list[str],
) -> float:
    key = area.block_key(block)
    if key in manual:  # the evaluator's block figure wins over item answers
        return _checked_manual(key, manual[key], area.weight(block))
    total = 0.0
    for sub in area.subareas(block):
        if sub.code in manual:
            total += _checked_manual(sub.code, manual[sub.code], sub.weight)
            continue
        for q in sub.questions:
            if q.code in answers:
                pts = sub.question_weight() * answer_score(q.scale, answers[q.code])
                per_question[q.code] = pts
                total += pts
            else:
                missing.append(q.code)
    rest = area.remainder_weight(block)
    if rest > _EPS:
        rest_key = area.remainder_key(block) if area.subareas(block) else key
        if rest_key in manual:
            total += _checked_manual(rest_key, manual[rest_key], rest)
        else:
            missing.append(rest_key)
    return total


def _known_manual_keys(rs: LkeRuleset) -> set[str]:
    keys = {a.block_key(b) for a in rs.areas for b in BLOCKS}
    keys |= {a.remainder_key(b) for a in rs.areas for b in BLOCKS
             if a.subareas(b) and a.remainder_weight(b) > _EPS}
    keys |= {s.code for _, _, s in rs.subareas()}
    return keys


def _survey_points(name: str, index: float, weight: float, index_max: float) -> float:
    if isinstance(index, bool) or not isinstance(index, (int, float)) or not 0.0 <= index <= index_max:
        raise ValueError(f"{name} harus indeks 0..{index_max:g}, bukan {index!r}")
    # Linear value/4 mapping (domain.md §4.5, MED).
    return weight * float(index) / index_max


_LABELS: dict[str, str] = {
    "TOTAL": N_("Nilai total"),
    "PENGUNGKIT": N_("Total komponen pengungkit"),
    "IPAK": N_("Survei persepsi anti korupsi (IPAK)"),
    "CAPAIAN": N_("Capaian kinerja"),
    "BERSIH_AKUNTABEL": N_("Birokrasi bersih dan akuntabel"),
    "IPKP": N_("Survei persepsi kualitas pelayanan (IPKP)"),
}


def _readiness(
    th: Thresholds,
    rs: LkeRuleset,
    mode: str,
    pengungkit: float,
    total: float,
    pemenuhan: Mapping[str, float],
    reform: Mapping[str, float],
    ipak: float,
    capaian: float,
    ipkp: float,
) -> Readiness:
    # (code, label, required, actual, threshold field name)
    checks: list[tuple[str, Text, float, float, str]] = [
        ("TOTAL", Text(_LABELS["TOTAL"]), th.min_total, total, "min_total"),
        ("PENGUNGKIT", Text(_LABELS["PENGUNGKIT"]), th.min_pengungkit, pengungkit, "min_pengungkit"),
    ]
    pct = f"{th.min_area_fraction * 100:g} %"
    for area in rs.areas:
        if mode == "per_block":
            for block, scores in (("pemenuhan", pemenuhan), ("reform", reform)):
                checks.append((
                    f"AREA_{area.letter}_{block.upper()}",
                    Text(N_("%(area)s (%(blok)s) ≥ %(porsi)s bobot"),
                         {"area": Text(area.name), "blok": block, "porsi": pct}),
                    th.min_area_fraction * area.weight(block), scores[area.letter], "min_area_fraction",
                ))
        else:
            checks.append((
                f"AREA_{area.letter}",
                Text(N_("%(area)s ≥ %(porsi)s bobot"), {"area": Text(area.name), "porsi": pct}),
                th.min_area_fraction * (area.pemenuhan_weight + area.reform_weight),
                pemenuhan[area.letter] + reform[area.letter], "min_area_fraction",
            ))
    checks += [
        ("IPAK", Text(_LABELS["IPAK"]), th.min_ipak_points, ipak, "min_ipak_points"),
        ("CAPAIAN", Text(_LABELS["CAPAIAN"]), th.min_capaian_points, capaian, "min_capaian_points"),
        ("BERSIH_AKUNTABEL", Text(_LABELS["BERSIH_AKUNTABEL"]), th.min_bersih_akuntabel_points, ipak + capaian,
         "min_bersih_akuntabel_points"),
        ("IPKP", Text(_LABELS["IPKP"]), th.min_ipkp_points, ipkp, "min_ipkp_points"),
    ]
    failing = [
        # Unrounded on purpose: rounding could show "0.0 missing" for a failing
        # criterion; formatting is the UI's job.
        FailingCriterion(code, label, req, act, req - act, unconfirmed=fname in th.unconfirmed)
        for code, label, req, act, fname in checks
        if act + _EPS < req
    ]
    unconfirmed = [code for code, *_, fname in checks if fname in th.unconfirmed]
    return Readiness(th.level, not failing, failing, unconfirmed)


def compute_lke(
    answers: Mapping[str, str | float],
    manual_scores: Mapping[str, float],
    ipak: float,
    capaian: str,
    ipkp: float,
    ruleset: LkeRuleset | None = None,
    area_check_mode: str = DEFAULT_AREA_CHECK_MODE,
) -> LkeResult:
    """Score an LKE and check WBK/WBBM readiness.

    ``answers`` maps question codes (``"PPE1.a"``) to a letter / Ya-Tidak or,
    for percentage items, a fraction 0..1. ``manual_scores`` holds points
    entered by the evaluator, keyed by block (``"A.pemenuhan"``, overrides the
    whole block), sub-area (``"PPE2"``) or non-itemised remainder
    (``"F.pemenuhan.lainnya"``). Missing inputs count as 0 and are listed in
    ``missing_inputs``. ``ipak``/``ipkp`` are survey indices 0..4; ``capaian``
    is a letter A–E.
    """
    rs = ruleset or _current()
    if area_check_mode not in AREA_CHECK_MODES:
        raise ValueError(f"area_check_mode harus salah satu dari {sorted(AREA_CHECK_MODES)}")
    known_questions = {q.code for q in rs.questions()}
    unknown = set(answers) - known_questions
    unknown |= set(manual_scores) - _known_manual_keys(rs)
    if unknown:
        raise ValueError(f"kode tidak dikenal dalam {rs.version}: {', '.join(sorted(unknown))}")

    per_question: dict[str, float] = {}
    missing: list[str] = []
    pemenuhan: dict[str, float] = {}
    reform: dict[str, float] = {}
    for area in rs.areas:
        pemenuhan[area.letter] = _block_points(area, "pemenuhan", rs, answers, manual_scores, per_question, missing)
        reform[area.letter] = _block_points(area, "reform", rs, answers, manual_scores, per_question, missing)
    pengungkit = sum(pemenuhan.values()) + sum(reform.values())

    ipak_pts = _survey_points("IPAK", ipak, rs.ipak_weight, rs.survey_index_max)
    ipkp_pts = _survey_points("IPKP", ipkp, rs.ipkp_weight, rs.survey_index_max)
    capaian_pts = rs.capaian_weight * answer_score(rs.capaian_scale, capaian)
    hasil = ipak_pts + capaian_pts + ipkp_pts
    total = pengungkit + hasil

    def ready(th: Thresholds) -> Readiness:
        return _readiness(th, rs, area_check_mode, pengungkit, total, pemenuhan, reform,
                          ipak_pts, capaian_pts, ipkp_pts)

    return LkeResult(
        ruleset_version=rs.version,
        area_check_mode=area_check_mode,
        pengungkit=pengungkit,
        hasil=hasil,
        total=total,
        pemenuhan=pemenuhan,
        reform=reform,
        ipak_points=ipak_pts,
        capaian_points=capaian_pts,
        ipkp_points=ipkp_pts,
        question_points=per_question,
        missing_inputs=missing,
        wbk=ready(rs.wbk),
        wbbm=ready(rs.wbbm),
    )
