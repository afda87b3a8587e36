""""Apakah wajib lapor?" — advisor over the exemptions of PerKPK 2/2019 Ps. 2(3) items a–q.

The advisor is data-driven: the items, situations and questions live in
:mod:`gratifikasi.rules.exemptions_data`; this module evaluates answers against them. The Rupiah
limits and which items are in force come from the rule set chosen by the date of receipt
(:mod:`gratifikasi.rules.gratification_rulesets`), so item n disappears and l/o change on
2026-01-20 without any code change here.

Rules applied on top of the item texts (domain.md §1.6, §1.8):

* a conflict of interest (benturan kepentingan) always means *report*; such gifts should be
  refused at the first opportunity, and no exemption removes that duty (2026 release);
* a gift related to the recipient's office/duties is the Ps. 12B presumption of bribery, so it
  defeats every item except those whose nature is official (d, g, j, q) — our reading;
* a missing answer never exempts: the advice is then "report" with ``decided=False``
  ("bila ragu, laporkan").

The yearly total from the same giver (items n, o) is an input: the ledger lives elsewhere.
Explanations are :mod:`gratifikasi.rules.text` messages: ``str()`` is Indonesian, the page
translates them through the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from gratifikasi.rules.exemptions_data import (
    FACT_FAILURE,
    FAMILY_RELATIONS,
    ITEM_A_RELATIONS,
    ITEMS_BY_LETTER,
    QUESTIONS,
    QUESTIONS_BY_KEY,
    SITUATIONS_BY_CODE,
    ExemptionItem,
    GiftSituation,
    Question,
)
from gratifikasi.rules.gratification_rulesets import (
    RULESETS,
    GratificationRuleset,
    MoneyLimit,
    format_rupiah,
    ruleset_for,
)
from gratifikasi.rules.report_fields import HubunganPemberi, JenisPenerimaan, JenisPeristiwa
from gratifikasi.rules.text import N_, Joined, Message, Text

__all__ = [
    "Advice",
    "AdvisorAnswers",
    "AppliedItem",
    "ReportPrefill",
    "ThresholdCheck",
    "advise",
    "questions_for",
]

@dataclass(frozen=True)
class AdvisorAnswers:
    """Answers to :data:`QUESTIONS`; ``None`` means not answered."""

    situation: GiftSituation
    conflict_of_interest: bool | None = None
    related_to_duties: bool | None = None
    gift_form: JenisPenerimaan | None = None
    family_relation: str | None = None
    value_rupiah: int | None = None  # value from this giver on this occasion
    yearly_total_from_giver: int | None = None  # same giver, one year, including this gift
    open_to_all: bool | None = None
    at_own_cost: bool | None = None
    complies_with_rules: bool | None = None
    reasonable_value: bool | None = None
    for_institution: bool | None = None
    event: JenisPeristiwa | None = None  # optional, only for pre-filling the report

    def __post_init__(self) -> None:
        for name in ("value_rupiah", "yearly_total_from_giver"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")
        if (
            self.value_rupiah is not None
            and self.yearly_total_from_giver is not None
            and self.yearly_total_from_giver < self.value_rupiah
        ):
            raise ValueError("yearly_total_from_giver must include this gift's value")
        if self.family_relation is not None and self.family_relation not in {c for c, _ in FAMILY_RELATIONS}:
            raise ValueError(f"unknown family_relation {self.family_relation!r}")


# -- results ----------------------------------------------------------------------------------

# (scope, passed) -> the sentence for a threshold check.
_THRESHOLD_TEXT = {
    ("per_pemberi", True): N_("nilai pemberian %(value)s memenuhi batas %(limit)s"),
    ("per_pemberi", False): N_("nilai pemberian %(value)s melebihi batas %(limit)s"),
    ("per_tahun", True): N_("total setahun dari pemberi yang sama %(value)s memenuhi batas %(limit)s"),
    ("per_tahun", False): N_("total setahun dari pemberi yang sama %(value)s melebihi batas %(limit)s"),
}


@dataclass(frozen=True)
class ThresholdCheck:
    letter: str
    scope: Literal["per_pemberi", "per_tahun"]
    limit: MoneyLimit
    value: int
    passed: bool

    @property
    def text(self) -> Text:
        return Text(_THRESHOLD_TEXT[(self.scope, self.passed)],
                    {"value": format_rupiah(self.value), "limit": self.limit.describe()})


@dataclass(frozen=True)
class AppliedItem:
    letter: str
    text: Message


@dataclass(frozen=True)
class ReportPrefill:
    """Values to pre-fill a gratification report when reporting is needed."""

    tanggal_penerimaan: date
    jenis_penerimaan: JenisPenerimaan | None
    jenis_peristiwa: JenisPeristiwa | None
    nilai_rupiah: int | None
    hubungan_pemberi: HubunganPemberi | None


@dataclass(frozen=True)
class Advice:
    must_report: bool
    decided: bool  # False: answers are missing and "report" is only the safe default
    exempting_items: tuple[AppliedItem, ...]  # the item(s) under which no report is needed
    considered_items: tuple[AppliedItem, ...]  # every candidate item checked, in force
    ruleset_code: str
    ruleset_name: str
    citation: str
    thresholds: tuple[ThresholdCheck, ...]
    explanation: Message
    missing_answers: tuple[str, ...] = ()
    refusal_reminder: str | None = None  # msgid
    prefill: ReportPrefill | None = None


# -- evaluation -------------------------------------------------------------------------------

ItemVerdict = Literal["ya", "tidak", "belum"]


@dataclass(frozen=True)
class _ItemResult:
    item: ExemptionItem
    verdict: ItemVerdict
    reasons: tuple[Text, ...]
    missing: tuple[str, ...]
    thresholds: tuple[ThresholdCheck, ...]


def _required_keys(item: ExemptionItem, rules: GratificationRuleset) -> list[str]:
    keys: list[str] = [] if item.official_nature else ["related_to_duties"]
    if item.family_only:
        keys.append("family_relation")
    if item.not_cash:
        keys.append("gift_form")
    limits = rules.limits_for(item.letter)
    if limits and limits.per_giver:
        keys.append("value_rupiah")
    if limits and limits.per_year_same_giver:
        keys.append("yearly_total_from_giver")
    keys.extend(item.facts)
    return keys


def _evaluate_item(item: ExemptionItem, answers: AdvisorAnswers, rules: GratificationRuleset) -> _ItemResult:
    reasons: list[Text] = []
    missing = tuple(k for k in _required_keys(item, rules) if getattr(answers, k) is None)
    if not item.official_nature and answers.related_to_duties:
        reasons.append(Text(N_("pemberian berhubungan dengan jabatan/tugas (Pasal 12B)")))
    if item.family_only and answers.family_relation not in (None, *ITEM_A_RELATIONS):
        reasons.append(Text(N_("pemberi bukan anggota keluarga yang disebut huruf a")))
    if item.not_cash and answers.gift_form is JenisPenerimaan.UANG:
        reasons.append(Text(N_("pemberian berupa uang atau setara uang")))
    for fact in item.facts:
        if getattr(answers, fact) is False:
            reasons.append(Text(FACT_FAILURE[fact]))
    checks: list[ThresholdCheck] = []
    limits = rules.limits_for(item.letter)
    for scope, limit, value in (
        ("per_pemberi", limits.per_giver if limits else None, answers.value_rupiah),
        ("per_tahun", limits.per_year_same_giver if limits else None, answers.yearly_total_from_giver),
    ):
        if limit is None or value is None:
            continue
        check = ThresholdCheck(item.letter, scope, limit, value, limit.allows(value))  # type: ignore[arg-type]
        checks.append(check)
        if not check.passed:
            reasons.append(check.text)
    verdict: ItemVerdict = "tidak" if reasons else ("belum" if missing else "ya")
    return _ItemResult(item, verdict, tuple(reasons), missing, tuple(checks))


def _applied(item: ExemptionItem, rules: GratificationRuleset) -> AppliedItem:
    return AppliedItem(item.letter, item.text_for(rules))


def questions_for(
    situation: GiftSituation, date_of_receipt: date, rulesets: Sequence[GratificationRuleset] = RULESETS
) -> tuple[Question, ...]:
    """The guided questions to ask after the situation, in :data:`QUESTIONS` order."""
    rules = ruleset_for(date_of_receipt, rulesets)
    keys = {"situation", "conflict_of_interest"}
    for letter in SITUATIONS_BY_CODE[situation].items:
        if rules.has_item(letter):
            keys.update(_required_keys(ITEMS_BY_LETTER[letter], rules))
    return tuple(q for q in QUESTIONS if q.key in keys)


# The sentence that ends every "report it" answer (the duty and its deadline, Ps. 12C(2)).
_REPORT_WITHIN = N_(
    "Laporkan paling lambat 30 hari kerja sejak penerimaan (Pasal 12C ayat (2) UU No. 31 Tahun 1999 "
    "jo. UU No. 20 Tahun 2001) melalui UPG atau GOL KPK."
)


def _sentences(*parts: Message) -> Joined:
    return Joined(parts, " ")


def advise(
    answers: AdvisorAnswers, date_of_receipt: date, rulesets: Sequence[GratificationRuleset] = RULESETS
) -> Advice:
    """Must this gift be reported? Chooses the 2019 or 2026 rules by ``date_of_receipt``."""
    rules = ruleset_for(date_of_receipt, rulesets)
    situation = SITUATIONS_BY_CODE[answers.situation]
    in_force = [ITEMS_BY_LETTER[x] for x in situation.items if rules.has_item(x)]
    considered = tuple(_applied(item, rules) for item in in_force)
    prefill = ReportPrefill(
        tanggal_penerimaan=date_of_receipt,
        jenis_penerimaan=answers.gift_form,
        jenis_peristiwa=answers.event or situation.default_event,
        nilai_rupiah=answers.value_rupiah,
        hubungan_pemberi=situation.giver,
    )

    def make(**fields: Any) -> Advice:
        return Advice(
            considered_items=considered,
            ruleset_code=rules.code,
            ruleset_name=rules.short_name,
            citation=rules.citation,
            **fields,
        )

    deleted = tuple(
        Text(N_("Huruf %(letter)s tidak berlaku lagi sejak %(ruleset)s; pemberian dinilai dengan huruf lain."),
             {"letter": x, "ruleset": rules.short_name})
        for x in situation.items if not rules.has_item(x)
    )
    report = Text(_REPORT_WITHIN)

    if answers.conflict_of_interest:
        return make(
            must_report=True,
            decided=True,
            exempting_items=(),
            thresholds=(),
            explanation=_sentences(
                Text(N_("Wajib lapor: pemberian yang mengandung benturan kepentingan tidak termasuk "
                        "pengecualian Pasal 2 ayat (3) dan wajib dilaporkan bila telah diterima.")),
                report,
            ),
            refusal_reminder=N_("Gratifikasi yang mengandung benturan kepentingan wajib ditolak pada "
                                "kesempatan pertama; penolakan dapat dicatatkan ke UPG."),
            prefill=prefill,
        )

    results = [_evaluate_item(item, answers, rules) for item in in_force]
    thresholds = tuple(c for r in results for c in r.thresholds)
    passed = [r for r in results if r.verdict == "ya"]
    # An unanswered conflict-of-interest question never lets a gift through.
    if passed and answers.conflict_of_interest is False:
        exempting = tuple(_applied(r.item, rules) for r in passed)
        lead = Text(N_("Tidak wajib lapor: termasuk pengecualian Pasal 2 ayat (3) huruf %(letters)s %(ruleset)s: "
                       "%(item)s."),
                    {"letters": ", ".join(r.item.letter for r in passed), "ruleset": rules.short_name,
                     "item": exempting[0].text})
        # Punctuation only, so not a catalogue entry.
        within = (Text("(%(check)s)", {"check": c.text}) for r in passed for c in r.thresholds)
        return make(
            must_report=False,
            decided=True,
            exempting_items=exempting,
            thresholds=thresholds,
            explanation=_sentences(lead, *within, *deleted),
        )

    missing_keys = {"conflict_of_interest"} if answers.conflict_of_interest is None and results else set()
    for r in results:
        if r.verdict == "belum":
            missing_keys.update(r.missing)
    if missing_keys:
        missing = tuple(q.key for q in QUESTIONS if q.key in missing_keys)
        asked = Joined(tuple(Text(QUESTIONS_BY_KEY[k].text) for k in missing), "; ")
        return make(
            must_report=True,
            decided=False,
            exempting_items=(),
            thresholds=thresholds,
            explanation=_sentences(
                Text(N_("Belum dapat dipastikan; jawab dulu: %(questions)s Bila ragu, laporkan."),
                     {"questions": asked}),
                *deleted,
            ),
            missing_answers=missing,
            prefill=prefill,
        )

    if results:
        why = Joined(tuple(
            Text(N_("huruf %(letter)s: %(reasons)s"), {"letter": r.item.letter, "reasons": Joined(r.reasons, ", ")})
            for r in results
        ), "; ")
        lead = Text(N_("Wajib lapor: tidak memenuhi pengecualian Pasal 2 ayat (3) %(ruleset)s (%(why)s)."),
                    {"ruleset": rules.short_name, "why": why})
    else:
        lead = Text(N_("Wajib lapor: tidak ada pengecualian Pasal 2 ayat (3) %(ruleset)s yang sesuai."),
                    {"ruleset": rules.short_name})
    return make(
        must_report=True,
        decided=True,
        exempting_items=(),
        thresholds=thresholds,
        explanation=_sentences(lead, *deleted, report),
        prefill=prefill,
    )
