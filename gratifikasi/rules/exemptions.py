""""Apakah wajib lapor?" — advisor over the exemptions of PerKPK 2/2019 Ps. 2(3) items a–q.

The advisor is data-driven: :data:`EXEMPTION_ITEMS` describes each item and the facts it needs,
:data:`SITUATIONS` maps the first question ("in what situation did you receive it?") to the
candidate items, and :data:`QUESTIONS` holds the guided questions. The Rupiah limits and which
items are in force come from the rule set chosen by the date of receipt
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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from gratifikasi.rules.gratification_rulesets import (
    RULESETS,
    GratificationRuleset,
    MoneyLimit,
    format_rupiah,
    ruleset_for,
)

__all__ = [
    "Advice",
    "AdvisorAnswers",
    "AppliedItem",
    "EXEMPTION_ITEMS",
    "ExemptionItem",
    "FAMILY_RELATIONS",
    "GiftSituation",
    "HubunganPemberi",
    "JenisPenerimaan",
    "JenisPeristiwa",
    "QUESTIONS",
    "Question",
    "HUBUNGAN_LABELS",
    "JENIS_PENERIMAAN_LABELS",
    "PERISTIWA_LABELS",
    "ReportPrefill",
    "SITUATIONS",
    "Situation",
    "ThresholdCheck",
    "advise",
    "questions_for",
]

REPORTING_BASIS = "Pasal 12C ayat (2) UU No. 31 Tahun 1999 jo. UU No. 20 Tahun 2001"


# -- report categories (domain.md §1.3) -------------------------------------------------------


class JenisPenerimaan(StrEnum):
    """Form of the gift, from the legal list of Penjelasan Ps. 12B(1)."""

    UANG = "uang"  # incl. cash equivalents: transfer, voucher belanja, saldo elektronik
    BARANG = "barang"
    RABAT = "rabat"
    KOMISI = "komisi"
    PINJAMAN_TANPA_BUNGA = "pinjaman_tanpa_bunga"
    TIKET_PERJALANAN = "tiket_perjalanan"
    FASILITAS_PENGINAPAN = "fasilitas_penginapan"
    PERJALANAN_WISATA = "perjalanan_wisata"
    PENGOBATAN_CUMA_CUMA = "pengobatan_cuma_cuma"
    FASILITAS_LAINNYA = "fasilitas_lainnya"


JENIS_PENERIMAAN_LABELS: dict[JenisPenerimaan, tuple[str, str]] = {
    JenisPenerimaan.UANG: ("Uang atau setara uang", "Cash or cash equivalent"),
    JenisPenerimaan.BARANG: ("Barang", "Goods"),
    JenisPenerimaan.RABAT: ("Rabat/diskon", "Rebate or discount"),
    JenisPenerimaan.KOMISI: ("Komisi", "Commission"),
    JenisPenerimaan.PINJAMAN_TANPA_BUNGA: ("Pinjaman tanpa bunga", "Interest-free loan"),
    JenisPenerimaan.TIKET_PERJALANAN: ("Tiket perjalanan", "Travel ticket"),
    JenisPenerimaan.FASILITAS_PENGINAPAN: ("Fasilitas penginapan", "Lodging"),
    JenisPenerimaan.PERJALANAN_WISATA: ("Perjalanan wisata", "Leisure trip"),
    JenisPenerimaan.PENGOBATAN_CUMA_CUMA: ("Pengobatan cuma-cuma", "Free medical treatment"),
    JenisPenerimaan.FASILITAS_LAINNYA: ("Fasilitas lainnya", "Other facilities"),
}


class JenisPeristiwa(StrEnum):
    """Kind of event, from KPK's classification (mcp.kpk.go.id)."""

    ACARA_ADAT = "acara_adat"
    KEAGAMAAN = "keagamaan"
    TUGAS_PELAYANAN = "tugas_pelayanan"
    TUGAS_NON_PELAYANAN = "tugas_non_pelayanan"
    ULANG_TAHUN = "ulang_tahun"
    MUTASI_PROMOSI_PISAH_SAMBUT = "mutasi_promosi_pisah_sambut"
    PERNIKAHAN = "pernikahan"
    SEMINAR_DIKLAT_WORKSHOP = "seminar_diklat_workshop"
    LAINNYA = "lainnya"


class HubunganPemberi(StrEnum):
    KELUARGA = "keluarga"
    PIHAK_TERKAIT_TUGAS = "pihak_terkait_tugas"  # penyedia, penerima layanan, pengawasan/pemeriksaan
    SESAMA_PEGAWAI = "sesama_pegawai"
    TIDAK_DIKETAHUI = "tidak_diketahui"
    LAINNYA = "lainnya"


# (Indonesian, English) texts: forms and receipts pick by language, exports and the KPK form
# use the Indonesian one.
HUBUNGAN_LABELS: dict[HubunganPemberi, tuple[str, str]] = {
    HubunganPemberi.KELUARGA: ("Keluarga", "Family"),
    HubunganPemberi.PIHAK_TERKAIT_TUGAS: (
        "Pihak terkait tugas (penyedia barang/jasa, penerima layanan, pihak yang diawasi/diperiksa)",
        "Party related to my duties (supplier, service user, audited party)",
    ),
    HubunganPemberi.SESAMA_PEGAWAI: ("Sesama pegawai", "Colleague"),
    HubunganPemberi.TIDAK_DIKETAHUI: ("Identitas tidak diketahui", "Unknown"),
    HubunganPemberi.LAINNYA: ("Lainnya", "Other"),
}

PERISTIWA_LABELS: dict[JenisPeristiwa, tuple[str, str]] = {
    JenisPeristiwa.ACARA_ADAT: ("Acara adat", "Customary ceremony"),
    JenisPeristiwa.KEAGAMAAN: ("Acara keagamaan", "Religious occasion"),
    JenisPeristiwa.TUGAS_PELAYANAN: ("Terkait tugas pelayanan", "Related to service duties"),
    JenisPeristiwa.TUGAS_NON_PELAYANAN: ("Terkait tugas non-pelayanan", "Related to non-service duties"),
    JenisPeristiwa.ULANG_TAHUN: ("Ulang tahun", "Birthday"),
    JenisPeristiwa.MUTASI_PROMOSI_PISAH_SAMBUT: ("Mutasi/promosi/pisah sambut/pensiun", "Transfer, promotion, farewell or retirement"),
    JenisPeristiwa.PERNIKAHAN: ("Pernikahan", "Wedding"),
    JenisPeristiwa.SEMINAR_DIKLAT_WORKSHOP: ("Seminar/diklat/workshop", "Seminar, training or workshop"),
    JenisPeristiwa.LAINNYA: ("Lainnya", "Other"),
}


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
_ITEM_A_RELATIONS = frozenset(code for code, _, _ in FAMILY_RELATIONS if code != "lainnya")


# -- the items ------------------------------------------------------------------------------

Fact = Literal[
    "open_to_all", "at_own_cost", "complies_with_rules", "reasonable_value", "for_institution"
]

# Why an item fails when a required fact is answered "no".
_FACT_FAILURE: dict[str, tuple[str, str]] = {
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
_ITEMS_BY_LETTER = {item.letter: item for item in EXEMPTION_ITEMS}


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
_SITUATIONS_BY_CODE = {s.code: s for s in SITUATIONS}


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
_QUESTIONS_BY_KEY = {q.key: q for q in QUESTIONS}


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
        if self.family_relation is not None and self.family_relation not in {c for c, _, _ in FAMILY_RELATIONS}:
            raise ValueError(f"unknown family_relation {self.family_relation!r}")


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdCheck:
    letter: str
    scope: Literal["per_pemberi", "per_tahun"]
    limit: MoneyLimit
    value: int
    passed: bool

    @property
    def text_id(self) -> str:
        what = "nilai pemberian" if self.scope == "per_pemberi" else "total setahun dari pemberi yang sama"
        verdict = "memenuhi" if self.passed else "melebihi"
        return f"{what} {format_rupiah(self.value)} {verdict} batas {self.limit.describe_id()}"

    @property
    def text_en(self) -> str:
        what = "gift value" if self.scope == "per_pemberi" else "yearly total from the same giver"
        verdict = "within" if self.passed else "exceeds"
        return f"{what} {format_rupiah(self.value)} {verdict} the limit ({self.limit.describe_en()})"


@dataclass(frozen=True)
class AppliedItem:
    letter: str
    text_id: str
    text_en: str


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
    explanation_id: str
    explanation_en: str
    missing_answers: tuple[str, ...] = ()
    refusal_reminder_id: str | None = None
    refusal_reminder_en: str | None = None
    prefill: ReportPrefill | None = None


# -- evaluation -------------------------------------------------------------------------------

ItemVerdict = Literal["ya", "tidak", "belum"]


@dataclass(frozen=True)
class _ItemResult:
    item: ExemptionItem
    verdict: ItemVerdict
    reasons_id: tuple[str, ...]
    reasons_en: tuple[str, ...]
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
    reasons_id: list[str] = []
    reasons_en: list[str] = []
    missing = tuple(k for k in _required_keys(item, rules) if getattr(answers, k) is None)

    def fail(text_id: str, text_en: str) -> None:
        reasons_id.append(text_id)
        reasons_en.append(text_en)

    if not item.official_nature and answers.related_to_duties:
        fail("pemberian berhubungan dengan jabatan/tugas (Pasal 12B)", "the gift relates to the office/duties (Art. 12B)")
    if item.family_only and answers.family_relation not in (None, *_ITEM_A_RELATIONS):
        fail("pemberi bukan anggota keluarga yang disebut huruf a", "the giver is not a relative listed in item a")
    if item.not_cash and answers.gift_form is JenisPenerimaan.UANG:
        fail("pemberian berupa uang atau setara uang", "the gift is cash or a cash equivalent")
    for fact in item.facts:
        if getattr(answers, fact) is False:
            fail(*_FACT_FAILURE[fact])
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
            fail(check.text_id, check.text_en)
    verdict: ItemVerdict = "tidak" if reasons_id else ("belum" if missing else "ya")
    return _ItemResult(item, verdict, tuple(reasons_id), tuple(reasons_en), missing, tuple(checks))


def _applied(item: ExemptionItem, rules: GratificationRuleset) -> AppliedItem:
    return AppliedItem(item.letter, *item.text_for(rules))


def questions_for(
    situation: GiftSituation, date_of_receipt: date, rulesets: Sequence[GratificationRuleset] = RULESETS
) -> tuple[Question, ...]:
    """The guided questions to ask after the situation, in :data:`QUESTIONS` order."""
    rules = ruleset_for(date_of_receipt, rulesets)
    keys = {"situation", "conflict_of_interest"}
    for letter in _SITUATIONS_BY_CODE[situation].items:
        if rules.has_item(letter):
            keys.update(_required_keys(_ITEMS_BY_LETTER[letter], rules))
    return tuple(q for q in QUESTIONS if q.key in keys)


def advise(
    answers: AdvisorAnswers, date_of_receipt: date, rulesets: Sequence[GratificationRuleset] = RULESETS
) -> Advice:
    """Must this gift be reported? Chooses the 2019 or 2026 rules by ``date_of_receipt``."""
    rules = ruleset_for(date_of_receipt, rulesets)
    situation = _SITUATIONS_BY_CODE[answers.situation]
    in_force = [_ITEMS_BY_LETTER[x] for x in situation.items if rules.has_item(x)]
    deleted = [x for x in situation.items if not rules.has_item(x)]
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

    deleted_id = "".join(
        f" Huruf {x} tidak berlaku lagi sejak {rules.short_name}; pemberian dinilai dengan huruf lain." for x in deleted
    )
    deleted_en = "".join(
        f" Item {x} no longer applies under {rules.short_name}; the gift is assessed under other items." for x in deleted
    )
    report_id = f" Laporkan paling lambat 30 hari kerja sejak penerimaan ({REPORTING_BASIS}) melalui UPG atau GOL KPK."
    report_en = " Report it within 30 working days of receipt (Art. 12C(2) Law 20/2001) through the UPG or KPK's GOL."

    if answers.conflict_of_interest:
        return make(
            must_report=True,
            decided=True,
            exempting_items=(),
            thresholds=(),
            explanation_id="Wajib lapor: pemberian yang mengandung benturan kepentingan tidak termasuk "
            "pengecualian Pasal 2 ayat (3) dan wajib dilaporkan bila telah diterima." + report_id,
            explanation_en="Must report: a gift with a conflict of interest is never exempt under "
            "Art. 2(3) and must be reported once accepted." + report_en,
            refusal_reminder_id="Gratifikasi yang mengandung benturan kepentingan wajib ditolak pada "
            "kesempatan pertama; penolakan dapat dicatatkan ke UPG.",
            refusal_reminder_en="A gift with a conflict of interest must be refused at the first "
            "opportunity; the refusal can be recorded with the UPG.",
            prefill=prefill,
        )

    results = [_evaluate_item(item, answers, rules) for item in in_force]
    thresholds = tuple(c for r in results for c in r.thresholds)
    passed = [r for r in results if r.verdict == "ya"]
    # An unanswered conflict-of-interest question never lets a gift through.
    if passed and answers.conflict_of_interest is False:
        exempting = tuple(_applied(r.item, rules) for r in passed)
        letters = ", ".join(r.item.letter for r in passed)
        within_id = "".join(f" ({c.text_id})" for r in passed for c in r.thresholds)
        within_en = "".join(f" ({c.text_en})" for r in passed for c in r.thresholds)
        return make(
            must_report=False,
            decided=True,
            exempting_items=exempting,
            thresholds=thresholds,
            explanation_id=f"Tidak wajib lapor: termasuk pengecualian Pasal 2 ayat (3) huruf {letters} "
            f"{rules.short_name}: {exempting[0].text_id}.{within_id}{deleted_id}",
            explanation_en=f"No report needed: exempt under Art. 2(3) item {letters} of {rules.short_name}: "
            f"{exempting[0].text_en}.{within_en}{deleted_en}",
        )

    missing_keys = {"conflict_of_interest"} if answers.conflict_of_interest is None and results else set()
    for r in results:
        if r.verdict == "belum":
            missing_keys.update(r.missing)
    if missing_keys:
        missing = tuple(q.key for q in QUESTIONS if q.key in missing_keys)
        labels_id = "; ".join(_QUESTIONS_BY_KEY[k].text_id for k in missing)
        labels_en = "; ".join(_QUESTIONS_BY_KEY[k].text_en for k in missing)
        return make(
            must_report=True,
            decided=False,
            exempting_items=(),
            thresholds=thresholds,
            explanation_id=f"Belum dapat dipastikan; jawab dulu: {labels_id} Bila ragu, laporkan.{deleted_id}",
            explanation_en=f"Cannot decide yet; please answer: {labels_en} When in doubt, report.{deleted_en}",
            missing_answers=missing,
            prefill=prefill,
        )

    if results:
        why_id = "; ".join(f"huruf {r.item.letter}: {', '.join(r.reasons_id)}" for r in results)
        why_en = "; ".join(f"item {r.item.letter}: {', '.join(r.reasons_en)}" for r in results)
        lead_id = f"Wajib lapor: tidak memenuhi pengecualian Pasal 2 ayat (3) {rules.short_name} ({why_id})."
        lead_en = f"Must report: not exempt under Art. 2(3) of {rules.short_name} ({why_en})."
    else:
        lead_id = f"Wajib lapor: tidak ada pengecualian Pasal 2 ayat (3) {rules.short_name} yang sesuai."
        lead_en = f"Must report: no exemption of Art. 2(3) of {rules.short_name} fits."
    return make(
        must_report=True,
        decided=True,
        exempting_items=(),
        thresholds=thresholds,
        explanation_id=lead_id + deleted_id + report_id,
        explanation_en=lead_en + deleted_en + report_en,
        prefill=prefill,
    )
