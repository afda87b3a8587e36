"""The whole LKE of a unit: manual entry, WBK/WBBM boundaries, the area-check setting, the
rule set chosen by date. Expected totals are worked out by hand from domain.md §4.6."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from gratifikasi.extensions import db
from gratifikasi.integrity.lke_worksheet import lke_view, save_lke_entry
from gratifikasi.integrity.periods import IntegrityError
from gratifikasi.models import Officer
from gratifikasi.rules import lke as lke_rules
from gratifikasi.rules.lke_data import LKE_2021
from gratifikasi.settings import service as settings_service
from tests.integrity import factories as f


def _officer() -> Officer:
    return db.session.execute(select(Officer).where(Officer.username == "upg1")).scalar_one()


def _blocks(fraction: float) -> dict[str, float]:
    """Every pengungkit block at ``fraction`` of its weight."""
    return {a.block_key(b): fraction * a.weight(b) for a in LKE_2021.areas for b in ("pemenuhan", "reform")}


@pytest.fixture
def unit_id(app, officers, frozen_clock):
    with app.app_context():
        uid = f.unit("DISPENDUK", "Dispendukcapil")
        db.session.commit()
        yield uid


def test_wbk_exactly_at_the_boundary(app, unit_id):
    # Pengungkit 41.5 spread so each block is 69.2 % of its weight (≥ 60 %); IPAK 3.6 → 15.75;
    # capaian B → 0.75 × 5 = 3.75; IPKP 3.2 → 14.00. Hasil 33.5; total 75.00 exactly → WBK.
    save_lke_entry(unit_id, 2026, {}, _blocks(41.5 / 60), ipak=3.6, ipkp=3.2, capaian="B",
                   officer=_officer())
    view = lke_view(unit_id, 2026)
    res = view.result
    assert res.pengungkit == pytest.approx(41.5)
    assert res.hasil == pytest.approx(33.5)
    assert res.total == pytest.approx(75.0)
    assert res.wbk.eligible is True
    # WBBM: total 75 < 85 (10 missing), pengungkit 41.5 < 48 (6.5, unconfirmed), every block
    # below 75 %, IPKP 14 < 15.75 (1.75). IPAK 15.75, capaian 3.75 and 19.5 bersih pass.
    failing = {c.code: c for c in res.wbbm.failing}
    assert failing["TOTAL"].missing_points == pytest.approx(10.0)
    assert failing["PENGUNGKIT"].missing_points == pytest.approx(6.5) and failing["PENGUNGKIT"].unconfirmed
    assert failing["IPKP"].missing_points == pytest.approx(1.75)
    assert {"IPAK", "CAPAIAN", "BERSIH_AKUNTABEL"}.isdisjoint(failing)
    assert len([c for c in failing if c.startswith("AREA_")]) == 12  # 6 areas × 2 blocks


def test_wbk_just_below_names_each_failing_criterion(app, unit_id):
    # IPKP 3.19 → 17.5 × 3.19 / 4 = 13.95625: IPKP misses 0.04375 and the total
    # (41.5 + 15.75 + 3.75 + 13.95625 = 74.95625) misses the same 0.04375.
    save_lke_entry(unit_id, 2026, {}, _blocks(41.5 / 60), ipak=3.6, ipkp=3.19, capaian="B",
                   officer=_officer())
    wbk = lke_view(unit_id, 2026).result.wbk
    assert wbk.eligible is False
    assert {c.code: round(c.missing_points, 5) for c in wbk.failing} == {"TOTAL": 0.04375, "IPKP": 0.04375}


def test_area_check_mode_setting_changes_readiness(app, unit_id):
    blocks = _blocks(0.8)
    blocks["E.pemenuhan"] = 0.5 * 7.5   # 3.75 of 7.5 (50 %)
    blocks["E.reform"] = 0.8 * 7.5      # 6.0: the combined area is 9.75 / 15 = 65 %
    save_lke_entry(unit_id, 2026, {}, blocks, ipak=4, ipkp=4, capaian="A", officer=_officer())
    per_block = lke_view(unit_id, 2026).result.wbk
    assert per_block.eligible is False
    assert [c.code for c in per_block.failing] == ["AREA_E_PEMENUHAN"]
    assert per_block.failing[0].missing_points == pytest.approx(0.75)  # 4.5 − 3.75
    settings_service.set_choice("lke.area_check_mode", "combined", _officer())
    combined = lke_view(unit_id, 2026)
    assert combined.area_check_mode == "combined"
    assert combined.result.wbk.eligible is True
    with pytest.raises(settings_service.SettingError):
        settings_service.set_choice("lke.area_check_mode", "kadang-kadang")


def test_computed_answers_feed_the_lke_and_manual_answers_overrule(app, unit_id):
    # No complaints: PRE2 = 100 % → 3.0 points of E.reform; PPE3.b "Ya" → 0.375.
    view = lke_view(unit_id, 2026)
    assert view.result.question_points["PRE2.a"] == pytest.approx(3.0)
    assert view.answer_source["PRE2.a"] == "aplikasi"
    assert {"IPAK", "IPKP", "CAPAIAN"} == set(view.missing_surveys)
    save_lke_entry(unit_id, 2026, {"PRE2.a": 0.5, "PPE2.a": "A"}, {}, None, None, None, _officer())
    view = lke_view(unit_id, 2026)
    assert view.answer_source["PRE2.a"] == "manual"
    assert view.result.question_points["PRE2.a"] == pytest.approx(1.5)
    assert view.result.question_points["PPE2.a"] == pytest.approx(0.375)
    with pytest.raises(ValueError):
        save_lke_entry(unit_id, 2026, {"PPE2.a": "F"}, {}, None, None, None, _officer())
    with pytest.raises(ValueError):
        save_lke_entry(unit_id, 2026, {}, {"A.pemenuhan": 4.5}, None, None, None, _officer())


def test_rule_set_chosen_by_date(app, unit_id, monkeypatch):
    with pytest.raises(IntegrityError, match="Tidak ada LKE"):
        lke_view(unit_id, 2020)
    newer = replace(LKE_2021, version="LKE-UJI-2027", berlaku_mulai=date(2027, 1, 1))
    monkeypatch.setattr(lke_rules, "RULESETS", (LKE_2021, newer))
    assert lke_view(unit_id, 2026).ruleset.version == "LKE-ZI-2021"
    assert lke_view(unit_id, 2027).ruleset.version == "LKE-UJI-2027"
