"""Data of the "Apakah wajib lapor?" advisor: PerKPK 2/2019 Ps. 2(3) items a–q and their questions.

Kept apart from the evaluation (:mod:`gratifikasi.rules.exemptions`) in the way
:mod:`gratifikasi.rules.lke_data` sits beside :mod:`gratifikasi.rules.lke`, so that a change
of wording or a new item is a data edit reviewed on its own.

* :data:`EXEMPTION_ITEMS` describes each item and the facts it needs;
* :data:`SITUATIONS` maps the first question ("in what situation did you receive it?") to the
  candidate items;
* :data:`QUESTIONS` holds the guided questions, in the order they are asked.

Texts are Indonesian msgids marked with ``N_``; their English is in the catalogue and the pages
translate them when shown (:mod:`gratifikasi.rules.text`).

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
from gratifikasi.rules.text import N_, Joined, Message, Text

__all__ = [
    "CONDITION_TEXT",
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
FAMILY_RELATIONS: tuple[tuple[str, str], ...] = (
    ("kakek_nenek", N_("Kakek/nenek")),
    ("bapak_ibu_mertua", N_("Bapak/ibu/mertua")),
    ("suami_istri", N_("Suami/istri")),
    ("anak_menantu", N_("Anak/menantu")),
    ("cucu", N_("Cucu")),
    ("besan", N_("Besan")),
    ("paman_bibi", N_("Paman/bibi")),
    ("kakak_adik_ipar", N_("Kakak/adik/ipar")),
    ("sepupu_keponakan", N_("Sepupu/keponakan")),
    ("lainnya", N_("Hubungan lain")),
)
ITEM_A_RELATIONS = frozenset(code for code, _ in FAMILY_RELATIONS if code != "lainnya")


# -- the items ------------------------------------------------------------------------------

Fact = Literal[
    "open_to_all", "at_own_cost", "complies_with_rules", "reasonable_value", "for_institution"
]

# Why an item fails when a required fact is answered "no".
FACT_FAILURE: dict[str, str] = {
    "open_to_all": N_("pemberian tidak berlaku umum/sama bagi semua"),
    "at_own_cost": N_("keikutsertaan tidak dengan biaya sendiri"),
    "complies_with_rules": N_("tidak sesuai ketentuan/standar biaya yang berlaku atau ada pembiayaan ganda"),
    "reasonable_value": N_("nilainya tidak wajar/patut"),
    "for_institution": N_("pemberian ditujukan untuk pribadi"),
}


# What each check is called in an item's text. The advisor shows an item as its description
# (the kind of gift, nothing more) followed by exactly the conditions its evaluation checks
# (exemptions._evaluate_item), so the wording cannot promise a condition the rule does not test
# or hide one it does (issue 15 item 7; domain.md §1.6).
CONDITION_TEXT: dict[str, str] = {
    "no_conflict_of_interest": N_("tanpa benturan kepentingan"),
    "not_related_to_duties": N_("tidak berhubungan dengan jabatan atau tugas penerima"),
    "not_cash": N_("tidak dalam bentuk uang atau setara uang"),
    "open_to_all": N_("berlaku umum (sama bagi semua)"),
    "at_own_cost": N_("diikuti dengan biaya sendiri"),
    "complies_with_rules": N_("sesuai ketentuan (standar biaya, tanpa pembiayaan ganda, tidak melanggar kode etik)"),
    "reasonable_value": N_("nilainya wajar dan patut"),
    "for_institution": N_("untuk instansi, tidak untuk perorangan"),
}


@dataclass(frozen=True)
class ExemptionItem:
    """One letter of Ps. 2(3) and the facts the advisor checks for it."""

    letter: str
    description: str  # Indonesian msgid: the kind of gift only; the conditions are generated
    facts: tuple[Fact, ...] = ()  # answers that must be "ya"
    not_cash: bool = False  # "tidak dalam bentuk uang atau alat tukar/setara uang"
    official_nature: bool = False  # relation to duties is inherent, so it does not defeat the item
    family_only: bool = False  # item a (the relatives are named in the description)

    def conditions(self) -> tuple[str, ...]:
        """Keys of :data:`CONDITION_TEXT` this item's evaluation checks, in reading order
        (every item: no conflict of interest; the Rupiah limits come from the rule set)."""
        keys: list[str] = []
        if not self.official_nature:
            keys.append("not_related_to_duties")
        if self.not_cash:
            keys.append("not_cash")
        keys.extend(self.facts)
        keys.append("no_conflict_of_interest")
        return tuple(keys)

    def text_for(self, rules: GratificationRuleset) -> Message:
        """Description, then every condition checked, then the ruleset's limits."""
        text: Message = Joined((Text(self.description), *(Text(CONDITION_TEXT[k]) for k in self.conditions())), ", ")
        limits = rules.limits_for(self.letter)
        if limits and limits.per_giver:
            text = Joined((text, Joined((limits.per_giver.describe(), Text(limits.basis)), " ")), "; ")
        if limits and limits.per_year_same_giver:
            yearly = Text(N_("total %(limit)s setahun dari pemberi yang sama"),
                          {"limit": limits.per_year_same_giver.describe()})
            text = Joined((text, yearly), ", ")
        return text


EXEMPTION_ITEMS: tuple[ExemptionItem, ...] = (
    ExemptionItem(
        "a",
        N_(
            "Pemberian dari keluarga (kakek/nenek, bapak/ibu/mertua, suami/istri, anak/menantu, cucu, "
            "besan, paman/bibi, kakak/adik/ipar, sepupu/keponakan)"
        ),
        family_only=True,
    ),
    ExemptionItem(
        "b",
        N_("Keuntungan atau bunga dari penempatan dana, investasi, atau kepemilikan saham pribadi"),
        facts=("open_to_all",),
    ),
    ExemptionItem(
        "c",
        N_("Manfaat dari koperasi atau organisasi pegawai berdasarkan keanggotaan"),
        facts=("open_to_all",),
    ),
    ExemptionItem(
        "d",
        N_(
            "Perangkat atau perlengkapan yang diberikan kepada peserta kegiatan kedinasan (seminar, "
            "workshop, konferensi, pelatihan)"
        ),
        facts=("open_to_all",),
        official_nature=True,
    ),
    # domain.md §1.6 e: logo, open to all, reasonable value, no COI; no "not money" condition.
    ExemptionItem(
        "e",
        N_("Barang promosi atau sosialisasi berlogo"),
        facts=("open_to_all", "reasonable_value"),
    ),
    ExemptionItem(
        "f",
        N_("Hadiah kejuaraan atau perlombaan"),
        facts=("at_own_cost",),
    ),
    ExemptionItem(
        "g",
        N_("Penghargaan (uang atau barang) dari pemerintah atas prestasi kerja"),
        facts=("complies_with_rules",),
        official_nature=True,
    ),
    ExemptionItem(
        "h",
        N_("Hadiah langsung/undian, diskon/rabat, voucher, poin atau suvenir"),
        facts=("open_to_all",),
    ),
    ExemptionItem(
        "i",
        N_("Imbalan atas profesi di luar kedinasan"),
        facts=("complies_with_rules",),
    ),
    ExemptionItem(
        "j",
        N_("Kompensasi kedinasan (honorarium, transportasi, akomodasi)"),
        facts=("complies_with_rules",),
        official_nature=True,
    ),
    ExemptionItem(
        "k",
        N_("Karangan bunga sebagai ucapan (pertunangan, pernikahan, kelahiran, kedukaan, promosi jabatan)"),
    ),
    ExemptionItem(
        "l",
        N_(
            "Pemberian terkait pertunangan, pernikahan, kelahiran, aqiqah, baptis, khitanan, potong gigi "
            "atau upacara adat/agama lainnya"
        ),
    ),
    ExemptionItem(
        "m",
        N_("Pemberian terkait musibah atau bencana yang dialami penerima atau keluarganya"),
        facts=("reasonable_value",),
    ),
    ExemptionItem(
        "n",
        N_("Pemberian sesama rekan kerja dalam acara pisah sambut, pensiun, mutasi/promosi atau ulang tahun"),
        not_cash=True,
    ),
    ExemptionItem(
        "o",
        N_("Pemberian sesama rekan kerja"),
        not_cash=True,
    ),
    ExemptionItem(
        "p",
        N_("Hidangan atau sajian"),
        facts=("open_to_all",),
    ),
    ExemptionItem(
        "q",
        N_("Pemberian kepada instansi dalam hubungan kedinasan atau kenegaraan, di dalam maupun luar negeri"),
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
    label: str  # Indonesian msgid
    items: tuple[str, ...]  # candidate letters, most specific first
    default_event: JenisPeristiwa | None = None
    giver: HubunganPemberi | None = None


SITUATIONS: tuple[Situation, ...] = (
    Situation(GiftSituation.KELUARGA, N_("Dari anggota keluarga"), ("a",), giver=HubunganPemberi.KELUARGA),
    Situation(GiftSituation.KEUNTUNGAN_INVESTASI, N_("Keuntungan/bunga investasi atau tabungan pribadi"), ("b",)),
    Situation(GiftSituation.MANFAAT_KOPERASI, N_("Manfaat dari koperasi atau organisasi pegawai"), ("c",)),
    Situation(GiftSituation.KELENGKAPAN_ACARA_DINAS, N_("Perlengkapan peserta seminar/pelatihan/kegiatan dinas"),
              ("d",), default_event=JenisPeristiwa.SEMINAR_DIKLAT_WORKSHOP),
    Situation(GiftSituation.BARANG_PROMOSI, N_("Barang promosi atau sosialisasi berlogo"), ("e",)),
    Situation(GiftSituation.HADIAH_KOMPETISI, N_("Hadiah kejuaraan atau perlombaan"), ("f",)),
    Situation(GiftSituation.PENGHARGAAN_PEMERINTAH, N_("Penghargaan dari pemerintah atas prestasi kerja"), ("g",)),
    Situation(GiftSituation.HADIAH_LANGSUNG_DISKON, N_("Hadiah langsung, undian, diskon, voucher atau poin"), ("h",)),
    Situation(GiftSituation.HONOR_PROFESI, N_("Imbalan profesi di luar kedinasan"), ("i",)),
    Situation(GiftSituation.KOMPENSASI_DINAS, N_("Honorarium, transport atau akomodasi kegiatan kedinasan"), ("j",)),
    Situation(GiftSituation.KARANGAN_BUNGA, N_("Karangan bunga ucapan"), ("k",)),
    Situation(GiftSituation.UPACARA_ADAT_AGAMA,
              N_("Pernikahan, kelahiran, khitanan atau upacara adat/agama lainnya"), ("l",)),
    Situation(GiftSituation.MUSIBAH, N_("Musibah atau bencana yang dialami Anda/keluarga"), ("m",)),
    Situation(GiftSituation.REKAN_KERJA_PISAH_SAMBUT,
              N_("Dari rekan kerja: pisah sambut, pensiun, mutasi/promosi atau ulang tahun"), ("n", "o"),
              default_event=JenisPeristiwa.MUTASI_PROMOSI_PISAH_SAMBUT, giver=HubunganPemberi.SESAMA_PEGAWAI),
    Situation(GiftSituation.REKAN_KERJA_LAINNYA, N_("Dari rekan kerja pada kesempatan lain"), ("o",),
              giver=HubunganPemberi.SESAMA_PEGAWAI),
    Situation(GiftSituation.HIDANGAN, N_("Hidangan atau sajian makanan/minuman"), ("p",)),
    Situation(GiftSituation.UNTUK_INSTANSI, N_("Pemberian kepada instansi (bukan pribadi)"), ("q",)),
    Situation(GiftSituation.LAINNYA, N_("Lainnya / tidak ada yang sesuai"), (), default_event=JenisPeristiwa.LAINNYA),
)
SITUATIONS_BY_CODE = {s.code: s for s in SITUATIONS}


# -- questions --------------------------------------------------------------------------------

QuestionKind = Literal["pilihan", "ya_tidak", "rupiah"]


@dataclass(frozen=True)
class Question:
    key: str  # field of AdvisorAnswers
    text: str  # Indonesian msgid
    kind: QuestionKind
    options: tuple[tuple[str, str], ...] = ()  # (code, Indonesian msgid of its label)


QUESTIONS: tuple[Question, ...] = (
    Question("situation", N_("Dalam situasi apa pemberian ini Anda terima?"), "pilihan",
             tuple((s.code.value, s.label) for s in SITUATIONS)),
    Question("conflict_of_interest",
             N_("Apakah pemberi memiliki kepentingan terkait jabatan atau keputusan Anda (benturan kepentingan)?"),
             "ya_tidak"),
    Question("related_to_duties", N_("Apakah pemberian ini berhubungan dengan jabatan atau tugas Anda?"), "ya_tidak"),
    Question("gift_form",
             N_("Dalam bentuk apa pemberian ini? (uang termasuk transfer, voucher, saldo elektronik)"), "pilihan",
             tuple((j.value, JENIS_PENERIMAAN_LABELS[j]) for j in JenisPenerimaan)),
    Question("family_relation", N_("Apa hubungan keluarga Anda dengan pemberi?"), "pilihan", FAMILY_RELATIONS),
    Question("value_rupiah", N_("Berapa nilai (perkiraan) pemberian dari pemberi ini pada kesempatan ini?"), "rupiah"),
    Question("yearly_total_from_giver",
             N_("Berapa total pemberian dari pemberi yang sama dalam satu tahun, termasuk pemberian ini?"), "rupiah"),
    Question("open_to_all",
             N_("Apakah pemberian itu berlaku umum (diberikan sama kepada semua orang/peserta/anggota)?"), "ya_tidak"),
    Question("at_own_cost", N_("Apakah Anda mengikuti kejuaraan/perlombaan itu dengan biaya sendiri?"), "ya_tidak"),
    Question("complies_with_rules",
             N_("Apakah pemberian itu sesuai ketentuan (standar biaya, tanpa pembiayaan ganda, "
                "tidak melanggar kode etik)?"),
             "ya_tidak"),
    Question("reasonable_value", N_("Apakah nilainya wajar dan patut?"), "ya_tidak"),
    Question("for_institution", N_("Apakah pemberian itu diterima untuk instansi dan tidak untuk pribadi?"),
             "ya_tidak"),
)
QUESTIONS_BY_KEY = {q.key: q for q in QUESTIONS}
