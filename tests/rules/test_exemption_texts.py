"""Issue 15 item 7: the advisor's wording of each exemption says exactly what its rule checks.

For every item a–q under both rule sets, each answer that can defeat an exemption is turned
bad on its own: the item must stop exempting exactly when its text names that condition
(the phrases below are written out by hand, not read from the module). Item e is the case the
issue found: its text spoke of "not money" while the rule has no such condition (domain.md §1.6 e:
logo, open to all, reasonable value, no conflict of interest).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gratifikasi.rules.exemptions import AdvisorAnswers, advise
from gratifikasi.rules.exemptions_data import EXEMPTION_ITEMS, ITEMS_BY_LETTER, SITUATIONS
from gratifikasi.rules.gratification_rulesets import RULESET_2019, RULESET_2026
from gratifikasi.rules.report_fields import JenisPenerimaan

from .english import english

# answer field -> (bad value, the words the item text must then contain)
CONDITIONS = {
    "conflict_of_interest": (True, "tanpa benturan kepentingan"),
    "related_to_duties": (True, "tidak berhubungan dengan jabatan atau tugas penerima"),
    "gift_form": (JenisPenerimaan.UANG, "tidak dalam bentuk uang"),
    "family_relation": ("lainnya", "keluarga (kakek/nenek"),
    "open_to_all": (False, "berlaku umum"),
    "at_own_cost": (False, "biaya sendiri"),
    "complies_with_rules": (False, "sesuai ketentuan"),
    "reasonable_value": (False, "wajar dan patut"),
    "for_institution": (False, "tidak untuk perorangan"),
    "value_rupiah": (10**12, "paling banyak"),
}
DATES = {RULESET_2019.code: date(2026, 1, 19), RULESET_2026.code: date(2026, 1, 20)}


def _good_answers(letter: str) -> AdvisorAnswers:
    situation = next(s for s in SITUATIONS if letter in s.items)
    return AdvisorAnswers(
        situation=situation.code, conflict_of_interest=False, related_to_duties=False,
        gift_form=JenisPenerimaan.BARANG, family_relation="anak_menantu", value_rupiah=0,
        yearly_total_from_giver=0, open_to_all=True, at_own_cost=True, complies_with_rules=True,
        reasonable_value=True, for_institution=True,
    )


def _exempts(letter: str, answers: AdvisorAnswers, received: date) -> bool:
    return letter in {item.letter for item in advise(answers, received).exempting_items}


def _params():
    for rules in (RULESET_2019, RULESET_2026):
        for item in EXEMPTION_ITEMS:
            if rules.has_item(item.letter):
                yield pytest.param(item.letter, rules, id=f"{rules.code}:{item.letter}")


@pytest.mark.parametrize(("letter", "rules"), list(_params()))
def test_each_item_names_exactly_the_conditions_its_rule_checks(letter, rules):
    received = DATES[rules.code]
    good = _good_answers(letter)
    assert _exempts(letter, good, received), letter
    text = str(ITEMS_BY_LETTER[letter].text_for(rules))
    for field, (bad, words) in CONDITIONS.items():
        changed = {field: bad}
        if field == "value_rupiah":
            changed["yearly_total_from_giver"] = bad
        checked = not _exempts(letter, replace(good, **changed), received)
        assert checked == (words in text), (letter, field, text)


def test_item_e_no_longer_speaks_of_money_and_promotional_money_is_judged_as_the_rule_says():
    for rules in (RULESET_2019, RULESET_2026):
        text = ITEMS_BY_LETTER["e"].text_for(rules)
        assert "uang" not in str(text) and "money" not in english(text)
        assert "berlogo" in str(text) and "berlaku umum" in str(text) and "wajar" in str(text)
        assert "benturan kepentingan" in str(text)


def test_every_item_text_reads_in_english():
    for rules in (RULESET_2019, RULESET_2026):
        for item in EXEMPTION_ITEMS:
            text = item.text_for(rules)
            assert english(text) != str(text)
            # Every condition phrase has its English: no Indonesian condition left in an English text.
            for _bad, words in CONDITIONS.values():
                assert words not in english(text), (item.letter, words)
