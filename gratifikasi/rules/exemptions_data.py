"""Data of the "Apakah wajib lapor?" advisor: PerKPK 2/2019 Ps. 2(3) items a–q and their questions.

Kept apart from the evaluation (:mod:`gratifikasi.rules.exemptions`) in the way
:mod:`gratifikasi.rules.lke_data` sits beside :mod:`gratifikasi.rules.lke`, so that a change
of wording or a new item is a data edit reviewed on its own.

* :data:`EXEMPTION_ITEMS` describes each item and the facts it needs;
* :data:`SITUATIONS` maps the first question ("in what situation did you receive it?") to the
  candidate items;
* :data:`QUESTIONS` holds the guided questions, in the order they are asked.

The Rupiah limits and which items are in force are not here: they come from the rule set chosen
by the date of receipt (:mod:`gratifikasi.rules.gratification_rulesets`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from gratifikasi.rules.gratification_rulesets import GratificationRuleset
from gratifikasi.rules.report_fields import (
    JENIS_PENERIMAAN_LABELS,
    HubunganPemberi,
    JenisPenerimaan,
    JenisPeristiwa,
)

__all__ = [
    "EXEMPTION_ITEMS",
    "ExemptionItem",
    "FACT_FAILURE",
    "FAMILY_RELATIONS",
    "Fact",
    "GiftSituation",
    "ITEM_A_RELATIONS",
    "ITEMS_BY_LETTER",
    "QUESTIONS",
    "QUESTIONS_BY_KEY",
    "Question",
    "QuestionKind",
    "SITUATIONS",
    "SITUATIONS_BY_CODE",
    "Situation",
]


# Item a: the relatives listed in the 2019 text (domain.md §1.6).
FAMILY_RELATIONS: tuple[tuple[str, str, str], ...] = (
    ("kakek_nenek", "Kakek/nenek", "Grandparent"),
    ("bapak_ibu_mertua", "Bapak/ibu/mertua", "Parent or parent-in-law"),
    ("suami_istri", "Suami/istri", "Spouse"),
    ("anak_menantu", "Anak/menantu", "Child or child-in-law"),
    ("cucu", "Cucu", "Grandchild"),
    ("besan", "Besan", "Parent of one's child-in-law"),
    ("paman_bibi", "Paman/bibi", "Uncle or aunt"),
    ("kakak_adik_ipar", "Kakak/adik/ipar", "Sibling or sibling-in-law"),
    ("sepupu_keponakan", "Sepupu/keponakan", "Cousin, niece or nephew"),
    ("lainnya", "Hubungan lain", "Another relation"),
)
ITEM_A_RELATIONS = frozenset(code for code, _, _ in FAMILY_RELATIONS if code != "lainnya")


# -- the items ------------------------------------------------------------------------------

Fact = Literal[
    "open_to_all", "at_own_cost", "complies_with_rules", "reasonable_value", "for_institution"
]

# Why an item fails when a required fact is answered "no".
FACT_FAILURE: dict[str, tuple[str, str]] = {
    "open_to_all": ("pemberian tidak berlaku umum/sama bagi semua", "the gift is not open to all alike"),
    "at_own_cost": ("keikutsertaan tidak dengan biaya sendiri", "participation was not at one's own cost"),
    "complies_with_rules": (
        "tidak sesuai ketentuan/standar biaya yang berlaku atau ada pembiayaan ganda",
        "not within the applicable rules/cost standard, or double funded",
    ),
    "reasonable_value": ("nilainya tidak wajar/patut", "its value is not reasonable and proper"),
    "for_institution": ("pemberian ditujukan untuk pribadi", "the gift is meant for an individual"),
}


@dataclass(frozen=True)
class ExemptionItem:
    """One letter of Ps. 2(3) and the facts the advisor checks for it."""

    letter: str
    description_id: str
    description_en: str
    facts: tuple[Fact, ...] = ()  # answers that must be "ya"
    not_cash: bool = False  # "tidak dalam bentuk uang atau alat tukar/setara uang"
    official_nature: bool = False  # relation to duties is inherent, so it does not defeat the item
    family_only: bool = False  # item a

    def text_for(self, rules: GratificationRuleset) -> tuple[str, str]:
        """Description with the ruleset's limits appended (Indonesian, English)."""
        text_id, text_en = self.description_id, self.description_en
        limits = rules.limits_for(self.letter)
        if limits and limits.per_giver:
            text_id += f"; {limits.per_giver.describe_id()} {limits.basis_id}"
            text_en += f"; {limits.per_giver.describe_en()} {limits.basis_en}"
        if limits and limits.per_year_same_giver:
            text_id += f", total {limits.per_year_same_giver.describe_id()} setahun dari pemberi yang sama"
            text_en += f", {limits.per_year_same_giver.describe_en()} a year from the same giver in total"
        return text_id, text_en


EXEMPTION_ITEMS: tuple[ExemptionItem, ...] = (
    ExemptionItem(
        "a",
        "Pemberian dari keluarga (kakek/nenek, bapak/ibu/mertua, suami/istri, anak/menantu, cucu, "
        "besan, paman/bibi, kakak/adik/ipar, sepupu/keponakan) sepanjang tidak ada benturan kepentingan",
        "Gifts from family members listed in the rule, provided there is no conflict of interest",
        family_only=True,
    ),
    ExemptionItem(
        "b",
        "Keuntungan atau bunga dari penempatan dana, investasi, atau kepemilikan saham pribadi yang berlaku umum",
        "Profit or interest from private deposits, investments or shares, on terms open to all",
        facts=("open_to_all",),
    ),
    ExemptionItem(
        "c",
        "Manfaat dari koperasi atau organisasi pegawai berdasarkan keanggotaan, yang berlaku umum",
        "Benefits from a cooperative or staff organisation based on membership, open to all members",
        facts=("open_to_all",),
    ),
    ExemptionItem(
        "d",
        "Perangkat atau perlengkapan yang diberikan kepada peserta kegiatan kedinasan (seminar, "
        "workshop, konferensi, pelatihan) yang berlaku umum",
        "Kits or equipment given alike to participants of official events (seminar, workshop, training)",
        facts=("open_to_all",),
        official_nature=True,
    ),
    ExemptionItem(
        "e",
        "Hadiah tidak dalam bentuk uang berupa barang promosi/sosialisasi berlogo yang berlaku umum, "
        "bernilai wajar, tanpa benturan kepentingan",
        "Promotional or socialisation items with a logo, open to all, of reasonable value, no conflict of interest",
        facts=("open_to_all", "reasonable_value"),
    ),
    ExemptionItem(
        "f",
        "Hadiah kejuaraan/perlombaan yang diikuti dengan biaya sendiri dan tidak terkait kedinasan",
        "Prizes from a competition entered at one's own cost and unrelated to official duties",
        facts=("at_own_cost",),
    ),
    ExemptionItem(
        "g",
        "Penghargaan (uang atau barang) dari pemerintah atas prestasi kerja sesuai ketentuan",
        "Government awards (money or goods) for work performance, under the rules",
        facts=("complies_with_rules",),
        official_nature=True,
    ),
    ExemptionItem(
        "h",
        "Hadiah langsung/undian, diskon/rabat, voucher, poin atau suvenir yang berlaku umum dan "
        "tidak terkait kedinasan",
        "Direct or lottery prizes, discounts, rebates, vouchers, points or souvenirs open to all "
        "and unrelated to official duties",
        facts=("open_to_all",),
    ),
    ExemptionItem(
        "i",
        "Imbalan atas profesi di luar kedinasan yang tidak terkait tugas, tanpa benturan kepentingan "
        "dan tidak melanggar kode etik",
        "Fees for professional work outside official duties, unrelated to them, without conflict of "
        "interest or breach of the code of ethics",
        facts=("complies_with_rules",),
    ),
    ExemptionItem(
        "j",
        "Kompensasi kedinasan (honorarium, transportasi, akomodasi) sesuai standar biaya yang berlaku, "
        "tanpa pembiayaan ganda dan tanpa benturan kepentingan",
        "Official compensation (honorarium, transport, lodging) within the cost standard, without "
        "double funding or conflict of interest",
        facts=("complies_with_rules",),
        official_nature=True,
    ),
    ExemptionItem(
        "k",
        "Karangan bunga sebagai ucapan (pertunangan, pernikahan, kelahiran, kedukaan, promosi jabatan)",
        "Flower arrangements as greetings (engagement, wedding, birth, bereavement, promotion)",
    ),
    ExemptionItem(
        "l",
        "Pemberian terkait pertunangan, pernikahan, kelahiran, aqiqah, baptis, khitanan, potong gigi "
        "atau upacara adat/agama lainnya",
        "Gifts at an engagement, wedding, birth, aqiqah, baptism, circumcision, tooth-filing or "
        "other customary/religious ceremony",
    ),
    ExemptionItem(
        "m",
        "Pemberian terkait musibah atau bencana yang dialami penerima atau keluarganya, wajar dan "
        "patut, tanpa benturan kepentingan",
        "Gifts for a disaster or misfortune of the recipient or their family, fair and proper, "
        "without conflict of interest",
        facts=("reasonable_value",),
    ),
    ExemptionItem(
        "n",
        "Pemberian sesama rekan kerja dalam acara pisah sambut, pensiun, mutasi/promosi atau ulang "
        "tahun, tidak dalam bentuk uang atau alat tukar lainnya, tanpa benturan kepentingan",
        "Gifts between colleagues for farewell/welcome, retirement, transfer/promotion or birthday, "
        "not in cash or other means of exchange, without conflict of interest",
        not_cash=True,
    ),
    ExemptionItem(
        "o",
        "Pemberian sesama rekan kerja tidak dalam bentuk uang atau setara uang dan tidak terkait "
        "kedinasan, tanpa benturan kepentingan",
        "Gifts between colleagues, not in cash or cash equivalents and unrelated to official duties, "
        "without conflict of interest",
        not_cash=True,
    ),
    ExemptionItem(
        "p",
        "Hidangan atau sajian yang berlaku umum",
        "Food or drink served to all alike",
        facts=("open_to_all",),
    ),
    ExemptionItem(
        "q",
        "Pemberian kepada instansi dalam hubungan kedinasan atau kenegaraan, di dalam maupun luar "
        "negeri, sepanjang tidak untuk perorangan",
        "Gifts to the institution in official or state relations, at home or abroad, not for an individual",
        facts=("for_institution",),
        official_nature=True,
    ),
)
ITEMS_BY_LETTER = {item.letter: item for item in EXEMPTION_ITEMS}


# -- situations: the first question ----------------------------------------------------------


class GiftSituation(StrEnum):
    KELUARGA = "keluarga"
    KEUNTUNGAN_INVESTASI = "keuntungan_investasi"
    MANFAAT_KOPERASI = "manfaat_koperasi"
    KELENGKAPAN_ACARA_DINAS = "kelengkapan_acara_dinas"
    BARANG_PROMOSI = "barang_promosi"
    HADIAH_KOMPETISI = "hadiah_kompetisi"
    PENGHARGAAN_PEMERINTAH = "penghargaan_pemerintah"
    HADIAH_LANGSUNG_DISKON = "hadiah_langsung_diskon"
    HONOR_PROFESI = "honor_profesi"
    KOMPENSASI_DINAS = "kompensasi_dinas"
    KARANGAN_BUNGA = "karangan_bunga"
    UPACARA_ADAT_AGAMA = "upacara_adat_agama"
    MUSIBAH = "musibah"
    REKAN_KERJA_PISAH_SAMBUT = "rekan_kerja_pisah_sambut"
    REKAN_KERJA_LAINNYA = "rekan_kerja_lainnya"
    HIDANGAN = "hidangan"
    UNTUK_INSTANSI = "untuk_instansi"
    LAINNYA = "lainnya"


@dataclass(frozen=True)
class Situation:
    code: GiftSituation
    label_id: str
    label_en: str
    items: tuple[str, ...]  # candidate letters, most specific first
    default_event: JenisPeristiwa | None = None
    giver: HubunganPemberi | None = None


SITUATIONS: tuple[Situation, ...] = (
    Situation(GiftSituation.KELUARGA, "Dari anggota keluarga", "From a family member", ("a",),
              giver=HubunganPemberi.KELUARGA),
    Situation(GiftSituation.KEUNTUNGAN_INVESTASI, "Keuntungan/bunga investasi atau tabungan pribadi",
              "Profit or interest on private savings or investments", ("b",)),
    Situation(GiftSituation.MANFAAT_KOPERASI, "Manfaat dari koperasi atau organisasi pegawai",
              "Benefit from a cooperative or staff organisation", ("c",)),
    Situation(GiftSituation.KELENGKAPAN_ACARA_DINAS, "Perlengkapan peserta seminar/pelatihan/kegiatan dinas",
              "Participant kit of a seminar, training or official event", ("d",),
              default_event=JenisPeristiwa.SEMINAR_DIKLAT_WORKSHOP),
    Situation(GiftSituation.BARANG_PROMOSI, "Barang promosi atau sosialisasi berlogo",
              "Promotional item bearing a logo", ("e",)),
    Situation(GiftSituation.HADIAH_KOMPETISI, "Hadiah kejuaraan atau perlombaan",
              "Prize from a championship or competition", ("f",)),
    Situation(GiftSituation.PENGHARGAAN_PEMERINTAH, "Penghargaan dari pemerintah atas prestasi kerja",
              "Government award for work performance", ("g",)),
    Situation(GiftSituation.HADIAH_LANGSUNG_DISKON, "Hadiah langsung, undian, diskon, voucher atau poin",
              "Direct prize, lottery, discount, voucher or reward points", ("h",)),
    Situation(GiftSituation.HONOR_PROFESI, "Imbalan profesi di luar kedinasan",
              "Fee for professional work outside official duties", ("i",)),
    Situation(GiftSituation.KOMPENSASI_DINAS, "Honorarium, transport atau akomodasi kegiatan kedinasan",
              "Honorarium, transport or lodging for official work", ("j",)),
    Situation(GiftSituation.KARANGAN_BUNGA, "Karangan bunga ucapan", "Flower arrangement as a greeting", ("k",)),
    Situation(GiftSituation.UPACARA_ADAT_AGAMA,
              "Pernikahan, kelahiran, khitanan atau upacara adat/agama lainnya",
              "Wedding, birth, circumcision or other customary/religious ceremony", ("l",)),
    Situation(GiftSituation.MUSIBAH, "Musibah atau bencana yang dialami Anda/keluarga",
              "Disaster or misfortune of you or your family", ("m",)),
    Situation(GiftSituation.REKAN_KERJA_PISAH_SAMBUT,
              "Dari rekan kerja: pisah sambut, pensiun, mutasi/promosi atau ulang tahun",
              "From a colleague: farewell/welcome, retirement, transfer/promotion or birthday", ("n", "o"),
              default_event=JenisPeristiwa.MUTASI_PROMOSI_PISAH_SAMBUT, giver=HubunganPemberi.SESAMA_PEGAWAI),
    Situation(GiftSituation.REKAN_KERJA_LAINNYA, "Dari rekan kerja pada kesempatan lain",
              "From a colleague on another occasion", ("o",), giver=HubunganPemberi.SESAMA_PEGAWAI),
    Situation(GiftSituation.HIDANGAN, "Hidangan atau sajian makanan/minuman", "Food or drink served", ("p",)),
    Situation(GiftSituation.UNTUK_INSTANSI, "Pemberian kepada instansi (bukan pribadi)",
              "Gift to the institution (not personal)", ("q",)),
    Situation(GiftSituation.LAINNYA, "Lainnya / tidak ada yang sesuai", "Other / none of the above", (),
              default_event=JenisPeristiwa.LAINNYA),
)
SITUATIONS_BY_CODE = {s.code: s for s in SITUATIONS}


# -- questions --------------------------------------------------------------------------------

QuestionKind = Literal["pilihan", "ya_tidak", "rupiah"]


@dataclass(frozen=True)
class Question:
    key: str  # field of AdvisorAnswers
    text_id: str
    text_en: str
    kind: QuestionKind
    options: tuple[tuple[str, str, str], ...] = ()  # (code, label_id, label_en)


QUESTIONS: tuple[Question, ...] = (
    Question("situation", "Dalam situasi apa pemberian ini Anda terima?",
             "In what situation did you receive this gift?", "pilihan",
             tuple((s.code.value, s.label_id, s.label_en) for s in SITUATIONS)),
    Question("conflict_of_interest",
             "Apakah pemberi memiliki kepentingan terkait jabatan atau keputusan Anda (benturan kepentingan)?",
             "Does the giver have an interest in your position or decisions (conflict of interest)?",
             "ya_tidak"),
    Question("related_to_duties", "Apakah pemberian ini berhubungan dengan jabatan atau tugas Anda?",
             "Is this gift related to your office or duties?", "ya_tidak"),
    Question("gift_form", "Dalam bentuk apa pemberian ini? (uang termasuk transfer, voucher, saldo elektronik)",
             "What form does the gift take? (cash includes transfers, vouchers, e-money)", "pilihan",
             tuple((j.value, *JENIS_PENERIMAAN_LABELS[j]) for j in JenisPenerimaan)),
    Question("family_relation", "Apa hubungan keluarga Anda dengan pemberi?",
             "How is the giver related to you?", "pilihan", FAMILY_RELATIONS),
    Question("value_rupiah", "Berapa nilai (perkiraan) pemberian dari pemberi ini pada kesempatan ini?",
             "What is the (estimated) value received from this giver on this occasion?", "rupiah"),
    Question("yearly_total_from_giver",
             "Berapa total pemberian dari pemberi yang sama dalam satu tahun, termasuk pemberian ini?",
             "What is the total received from the same giver within one year, including this gift?", "rupiah"),
    Question("open_to_all", "Apakah pemberian itu berlaku umum (diberikan sama kepada semua orang/peserta/anggota)?",
             "Is it open to all (given alike to everyone, every participant or member)?", "ya_tidak"),
    Question("at_own_cost", "Apakah Anda mengikuti kejuaraan/perlombaan itu dengan biaya sendiri?",
             "Did you enter the competition at your own cost?", "ya_tidak"),
    Question("complies_with_rules",
             "Apakah pemberian itu sesuai ketentuan (standar biaya, tanpa pembiayaan ganda, tidak melanggar kode etik)?",
             "Is it within the rules (cost standard, no double funding, no breach of the code of ethics)?",
             "ya_tidak"),
    Question("reasonable_value", "Apakah nilainya wajar dan patut?", "Is its value reasonable and proper?",
             "ya_tidak"),
    Question("for_institution", "Apakah pemberian itu diterima untuk instansi dan tidak untuk pribadi?",
             "Was it received for the institution and not for an individual?", "ya_tidak"),
)
QUESTIONS_BY_KEY = {q.key: q for q in QUESTIONS}
