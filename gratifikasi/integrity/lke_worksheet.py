"""The whole LKE of a unit and year: the app's computed answers, overridden by what the
evaluator typed, scored by :mod:`gratifikasi.rules.lke`; and saving what was typed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from .. import audit, clock
from ..extensions import db
from ..models import Officer
from ..models.integrity import LkeEntry
from ..rules import indicators as ind
from ..rules.indicators import IndicatorResult
from ..rules.lke import LkeResult, compute_lke, ruleset_for
from ..rules.lke_data import AREA_CHECK_MODES, BLOCKS, PERCENT, LkeRuleset
from ..rules.periods import Period
from ..settings import service as settings_service
from ..settings.registry import CHOICE_REGISTRY, ChoiceSpec
from .indicators import computed_indicators
from .periods import IntegrityError

AREA_CHECK_SETTING = "lke.area_check_mode"


@dataclass
class LkeView:
    unit_id: int
    year: int
    ruleset: LkeRuleset
    area_check_mode: str
    computed: list[IndicatorResult]
    entry: LkeEntry | None
    answers: dict[str, str | float]
    answer_source: dict[str, str]  # code → "aplikasi" | "manual"
    result: LkeResult
    missing_surveys: list[str]


def area_check_mode() -> str:
    mode = settings_service.get_choice(AREA_CHECK_SETTING)
    return mode if mode in AREA_CHECK_MODES else "per_block"


def area_check_spec() -> ChoiceSpec:
    return CHOICE_REGISTRY[AREA_CHECK_SETTING]


def lke_entry(unit_id: int, year: int) -> LkeEntry | None:
    return db.session.execute(
        select(LkeEntry).where(LkeEntry.unit_id == unit_id, LkeEntry.year == year)
    ).scalar_one_or_none()


def ruleset_for_year(year: int) -> LkeRuleset:
    """The LKE in force at the end of the evaluated year."""
    try:
        return ruleset_for(date(year, 12, 31))
    except ValueError as error:
        raise IntegrityError(str(error)) from None


def lke_view(unit_id: int, year: int, as_of: date | None = None) -> LkeView:
    rs = ruleset_for_year(year)
    computed = computed_indicators(unit_id, Period.of_year(year), as_of, ruleset=rs)
    entry = lke_entry(unit_id, year)
    answers: dict[str, str | float] = dict(ind.as_answers(computed))
    source = {code: "aplikasi" for code in answers}
    for code, value in ((entry.answers or {}) if entry else {}).items():
        answers[code] = value
        source[code] = "manual"
    manual = dict((entry.manual_scores or {}) if entry else {})
    missing = [name for name, value in (("IPAK", entry and entry.ipak), ("IPKP", entry and entry.ipkp),
                                         ("CAPAIAN", entry and entry.capaian)) if value in (None, "")]
    mode = area_check_mode()
    result = compute_lke(
        answers, manual,
        ipak=entry.ipak if entry and entry.ipak is not None else 0.0,
        capaian=entry.capaian if entry and entry.capaian else "E",
        ipkp=entry.ipkp if entry and entry.ipkp is not None else 0.0,
        ruleset=rs, area_check_mode=mode,
    )
    return LkeView(unit_id, year, rs, mode, computed, entry, answers, source, result, missing)


def manual_score_keys(rs: LkeRuleset) -> list[tuple[str, str, float]]:
    """(key, label, maximum) of every block or remainder the evaluator types as points."""
    keys = []
    for area in rs.areas:
        for block in BLOCKS:
            if not area.subareas(block):
                keys.append((area.block_key(block), f"{area.name} – {block}", area.weight(block)))
            elif area.remainder_weight(block) > 1e-9:
                keys.append((area.remainder_key(block), f"{area.name} – {block}, butir lainnya",
                             area.remainder_weight(block)))
    return keys


def is_percent_question(rs: LkeRuleset, code: str) -> bool:
    return rs.question(code).scale == PERCENT


def save_lke_entry(unit_id: int, year: int, answers: dict[str, str | float], manual_scores: dict[str, float],
                   ipak: float | None, ipkp: float | None, capaian: str | None, officer: Officer) -> LkeEntry:
    rs = ruleset_for_year(year)
    # Let the rule module validate codes and ranges before anything is stored.
    compute_lke(answers, manual_scores, ipak or 0.0, capaian or "E", ipkp or 0.0, ruleset=rs)
    entry = lke_entry(unit_id, year)
    if entry is None:
        entry = LkeEntry(unit_id=unit_id, year=year)
        db.session.add(entry)
    entry.answers = dict(answers)
    entry.manual_scores = dict(manual_scores)
    entry.ipak, entry.ipkp, entry.capaian = ipak, ipkp, capaian
    entry.updated_by_id = officer.id
    entry.updated_at = clock.utcnow()
    db.session.flush()
    audit.record("integrity.lke_saved", actor_id=officer.id, object_type="lke_entry", object_id=entry.id,
                 unit_id=unit_id, year=year, answers=len(answers), scores=len(manual_scores), commit=False)
    db.session.commit()
    return entry
