"""'Apakah wajib lapor?' advisor: expectations written from PerKPK 2/2019 Ps. 2(3) and 1/2026."""

from datetime import date

import pytest

from gratifikasi.rules.exemptions import AdvisorAnswers, advise, questions_for
from gratifikasi.rules.exemptions_data import EXEMPTION_ITEMS
from gratifikasi.rules.exemptions_data import GiftSituation as S
from gratifikasi.rules.report_fields import HubunganPemberi, JenisPenerimaan, JenisPeristiwa

from .english import english

OLD = date(2025, 6, 2)  # PerKPK 2/2019
NEW = date(2026, 2, 1)  # PerKPK 1/2026


def answers(situation: S, **kw) -> AdvisorAnswers:
    base = dict(conflict_of_interest=False, related_to_duties=False, gift_form=JenisPenerimaan.BARANG)
    base.update(kw)
    return AdvisorAnswers(situation, **base)


def exempt_letters(advice) -> list[str]:
    return [item.letter for item in advice.exempting_items]


EVERY_ITEM = [
    ("a", answers(S.KELUARGA, family_relation="besan")),
    ("b", answers(S.KEUNTUNGAN_INVESTASI, gift_form=JenisPenerimaan.UANG, open_to_all=True)),
    ("c", answers(S.MANFAAT_KOPERASI, gift_form=JenisPenerimaan.UANG, open_to_all=True)),
    ("d", answers(S.KELENGKAPAN_ACARA_DINAS, related_to_duties=True, open_to_all=True)),
    ("e", answers(S.BARANG_PROMOSI, open_to_all=True, reasonable_value=True)),
    ("f", answers(S.HADIAH_KOMPETISI, gift_form=JenisPenerimaan.UANG, at_own_cost=True)),
    ("g", answers(S.PENGHARGAAN_PEMERINTAH, related_to_duties=True, complies_with_rules=True)),
    ("h", answers(S.HADIAH_LANGSUNG_DISKON, gift_form=JenisPenerimaan.RABAT, open_to_all=True)),
    ("i", answers(S.HONOR_PROFESI, gift_form=JenisPenerimaan.UANG, complies_with_rules=True)),
    ("j", answers(S.KOMPENSASI_DINAS, related_to_duties=True, gift_form=JenisPenerimaan.UANG,
                  complies_with_rules=True)),
    ("k", answers(S.KARANGAN_BUNGA)),
    ("l", answers(S.UPACARA_ADAT_AGAMA, gift_form=JenisPenerimaan.UANG, value_rupiah=500_000)),
    ("m", answers(S.MUSIBAH, gift_form=JenisPenerimaan.UANG, reasonable_value=True)),
    ("n", answers(S.REKAN_KERJA_PISAH_SAMBUT, value_rupiah=250_000, yearly_total_from_giver=250_000)),
    ("o", answers(S.REKAN_KERJA_LAINNYA, value_rupiah=150_000, yearly_total_from_giver=600_000)),
    ("p", answers(S.HIDANGAN, open_to_all=True)),
    ("q", answers(S.UNTUK_INSTANSI, related_to_duties=True, for_institution=True)),
]


@pytest.mark.parametrize(("letter", "given"), EVERY_ITEM, ids=[x[0] for x in EVERY_ITEM])
def test_every_item_exempts_under_2019(letter, given):
    advice = advise(given, OLD)
    assert advice.decided and not advice.must_report
    assert exempt_letters(advice) == [letter]
    assert advice.ruleset_code == "perkpk-2-2019"
    assert f"huruf {letter}" in str(advice.explanation)
    assert f"item {letter}" in english(advice.explanation)
    assert advice.prefill is None


def test_every_item_has_bilingual_text_and_is_covered():
    assert [i.letter for i in EXEMPTION_ITEMS] == list("abcdefghijklmnopq")
    assert all(i.description and english(i.description) != i.description for i in EXEMPTION_ITEMS)
    assert sorted(letter for letter, _ in EVERY_ITEM) == list("abcdefghijklmnopq")


def test_ruleset_choice_by_date_of_receipt():
    gift = answers(S.UPACARA_ADAT_AGAMA, value_rupiah=1_200_000)
    before = advise(gift, date(2026, 1, 19))
    after = advise(gift, date(2026, 1, 20))
    assert before.must_report and before.ruleset_name == "PerKPK 2/2019"
    assert not after.must_report and after.ruleset_name == "PerKPK 1/2026"
    assert "Nomor 1 Tahun 2026" in after.citation


@pytest.mark.parametrize(
    ("when", "value", "must_report"),
    [
        (OLD, 1_000_000, False),
        (OLD, 1_000_001, True),
        (NEW, 1_500_000, False),
        (NEW, 1_500_001, True),
    ],
)
def test_ceremony_limit_per_giver_boundaries(when, value, must_report):
    advice = advise(answers(S.UPACARA_ADAT_AGAMA, gift_form=JenisPenerimaan.UANG, value_rupiah=value), when)
    assert advice.must_report is must_report
    (check,) = advice.thresholds
    assert check.letter == "l" and check.value == value and check.passed is (not must_report)


@pytest.mark.parametrize(
    ("when", "value", "yearly", "must_report"),
    [
        (OLD, 200_000, 200_000, False),
        (OLD, 200_001, 200_001, True),
        (OLD, 100_000, 1_000_000, False),
        (OLD, 100_000, 1_000_001, True),
        (NEW, 500_000, 500_000, False),
        (NEW, 500_001, 500_001, True),
        (NEW, 100_000, 1_500_000, False),
        (NEW, 100_000, 1_500_001, True),
    ],
)
def test_colleague_item_o_boundaries(when, value, yearly, must_report):
    advice = advise(answers(S.REKAN_KERJA_LAINNYA, value_rupiah=value, yearly_total_from_giver=yearly), when)
    assert advice.must_report is must_report
    assert {c.scope for c in advice.thresholds} == {"per_pemberi", "per_tahun"}


def test_farewell_item_n_boundaries_2019():
    ok = advise(answers(S.REKAN_KERJA_PISAH_SAMBUT, value_rupiah=300_000, yearly_total_from_giver=999_999), OLD)
    assert exempt_letters(ok) == ["n"]
    over = advise(answers(S.REKAN_KERJA_PISAH_SAMBUT, value_rupiah=300_001, yearly_total_from_giver=300_001), OLD)
    assert over.must_report  # n: over Rp300.000; o: over Rp200.000
    assert "huruf n" in str(over.explanation) and "huruf o" in str(over.explanation)
    # yearly total of n is "kurang dari" Rp1.000.000: exactly Rp1.000.000 fails n ...
    at_cap = advise(answers(S.REKAN_KERJA_PISAH_SAMBUT, value_rupiah=250_000, yearly_total_from_giver=1_000_000), OLD)
    assert at_cap.must_report
    # ... but a Rp150.000 gift at that total still fits o (≤ Rp200.000, total ≤ Rp1.000.000)
    small = advise(answers(S.REKAN_KERJA_PISAH_SAMBUT, value_rupiah=150_000, yearly_total_from_giver=1_000_000), OLD)
    assert exempt_letters(small) == ["o"]


def test_farewell_gift_after_item_n_was_deleted_falls_under_o():
    gift = answers(S.REKAN_KERJA_PISAH_SAMBUT, value_rupiah=250_000, yearly_total_from_giver=250_000)
    advice = advise(gift, NEW)
    assert not advice.must_report
    assert exempt_letters(advice) == ["o"]
    assert [i.letter for i in advice.considered_items] == ["o"]
    assert "Huruf n tidak berlaku lagi" in str(advice.explanation)
    assert "Item n no longer applies under PerKPK 1/2026" in english(advice.explanation)
    # Rp400.000 was over n (2019) and o (2019) but is within o (2026)
    bigger = answers(S.REKAN_KERJA_PISAH_SAMBUT, value_rupiah=400_000, yearly_total_from_giver=400_000)
    assert advise(bigger, OLD).must_report
    assert not advise(bigger, NEW).must_report


def test_cash_from_colleague_must_be_reported():
    cash = answers(S.REKAN_KERJA_PISAH_SAMBUT, gift_form=JenisPenerimaan.UANG,
                   value_rupiah=100_000, yearly_total_from_giver=100_000)
    advice = advise(cash, NEW)
    assert advice.must_report and advice.decided
    assert "uang atau setara uang" in str(advice.explanation)


def test_conflict_of_interest_overrides_every_item():
    for letter, given in EVERY_ITEM:
        coi = AdvisorAnswers(**{**given.__dict__, "conflict_of_interest": True})
        advice = advise(coi, NEW)
        assert advice.must_report and advice.decided, letter
        assert "ditolak pada kesempatan pertama" in advice.refusal_reminder
        assert "refused at the first opportunity" in english(advice.refusal_reminder)


def test_related_to_duties_defeats_personal_items_only():
    ceremony = answers(S.UPACARA_ADAT_AGAMA, related_to_duties=True, value_rupiah=100_000)
    assert advise(ceremony, NEW).must_report
    assert "Pasal 12B" in str(advise(ceremony, NEW).explanation)
    honorarium = answers(S.KOMPENSASI_DINAS, related_to_duties=True, complies_with_rules=True)
    assert not advise(honorarium, NEW).must_report


def test_failed_conditions_require_a_report():
    assert advise(answers(S.KELUARGA, family_relation="lainnya"), NEW).must_report
    assert advise(answers(S.HIDANGAN, open_to_all=False), NEW).must_report
    assert advise(answers(S.HADIAH_KOMPETISI, at_own_cost=False), NEW).must_report
    assert advise(answers(S.KOMPENSASI_DINAS, complies_with_rules=False), NEW).must_report
    assert advise(answers(S.UNTUK_INSTANSI, for_institution=False), NEW).must_report
    assert advise(answers(S.MUSIBAH, reasonable_value=False), NEW).must_report


def test_no_matching_situation_means_report_with_prefill():
    advice = advise(answers(S.LAINNYA, gift_form=JenisPenerimaan.TIKET_PERJALANAN, value_rupiah=2_000_000), NEW)
    assert advice.must_report and advice.decided
    assert advice.prefill.tanggal_penerimaan == NEW
    assert advice.prefill.jenis_penerimaan is JenisPenerimaan.TIKET_PERJALANAN
    assert advice.prefill.jenis_peristiwa is JenisPeristiwa.LAINNYA
    assert advice.prefill.nilai_rupiah == 2_000_000
    assert "30 hari kerja" in str(advice.explanation)


def test_prefill_for_a_colleague_gift_over_the_limit():
    advice = advise(answers(S.REKAN_KERJA_PISAH_SAMBUT, value_rupiah=600_000, yearly_total_from_giver=600_000), NEW)
    assert advice.must_report
    assert advice.prefill.jenis_peristiwa is JenisPeristiwa.MUTASI_PROMOSI_PISAH_SAMBUT
    assert advice.prefill.hubungan_pemberi is HubunganPemberi.SESAMA_PEGAWAI
    assert advice.prefill.jenis_penerimaan is JenisPenerimaan.BARANG


def test_missing_answers_never_exempt():
    advice = advise(AdvisorAnswers(S.UPACARA_ADAT_AGAMA, related_to_duties=False, value_rupiah=100_000), NEW)
    assert advice.must_report and not advice.decided
    assert advice.missing_answers == ("conflict_of_interest",)
    advice = advise(AdvisorAnswers(S.UPACARA_ADAT_AGAMA, conflict_of_interest=False), NEW)
    assert advice.missing_answers == ("related_to_duties", "value_rupiah")
    assert "Bila ragu, laporkan" in str(advice.explanation)
    assert english(advice.explanation) == (
        "Cannot decide yet; please answer: Is this gift related to your office or duties?; What is the "
        "(estimated) value received from this giver on this occasion? When in doubt, report."
    )


def test_questions_follow_the_ruleset():
    old = [q.key for q in questions_for(S.REKAN_KERJA_PISAH_SAMBUT, OLD)]
    assert old == ["situation", "conflict_of_interest", "related_to_duties", "gift_form",
                   "value_rupiah", "yearly_total_from_giver"]
    assert [q.key for q in questions_for(S.KARANGAN_BUNGA, NEW)] == [
        "situation", "conflict_of_interest", "related_to_duties"]
    assert [q.key for q in questions_for(S.UNTUK_INSTANSI, NEW)] == [
        "situation", "conflict_of_interest", "for_institution"]


def test_invalid_answers_are_rejected():
    with pytest.raises(ValueError):
        AdvisorAnswers(S.REKAN_KERJA_LAINNYA, value_rupiah=300_000, yearly_total_from_giver=100_000)
    with pytest.raises(ValueError):
        AdvisorAnswers(S.KELUARGA, family_relation="teman")
    with pytest.raises(ValueError):
        AdvisorAnswers(S.UPACARA_ADAT_AGAMA, value_rupiah=-1)
