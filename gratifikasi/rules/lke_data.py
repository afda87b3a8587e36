"""Versioned data of the Zona Integritas evaluation sheet (LKE).

Source: PermenPANRB 90/2021 as amended by PermenPANRB 5/2024, reconstructed
in domain.md §4 from independent public implementations (the primary
Lampiran was not seen). Only the parts the app can evidence or compute are
itemised question by question: area 5 *Penguatan Pengawasan* in full, and the
complaint items of area 6 (PPF3, PRF2). The other areas are entered by the
evaluator as block scores.

Codes: ``P`` + ``P``emenuhan/``R``eform + area letter (A..F) + sub-area
number, e.g. ``PPE1`` = Pemenuhan, area E (Penguatan Pengawasan), sub-area 1
(Pengendalian Gratifikasi); questions append ``.a``, ``.b``…

Anything not confirmed by two sources is marked ``confidence="UNCONFIRMED"``
(or listed in ``Thresholds.unconfirmed``) so that the UI can show it.
Rules are data with ``berlaku_mulai`` (domain.md §6.1) – add a new
:class:`LkeRuleset` to :data:`RULESETS` when the regulation changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .text import N_

Block = Literal["pemenuhan", "reform"]
BLOCKS: tuple[Block, Block] = ("pemenuhan", "reform")
AreaCheckMode = Literal["per_block", "combined"]
AREA_CHECK_MODES: frozenset[str] = frozenset({"per_block", "combined"})

# Whether the 60 %/75 % per-area rule applies to pemenuhan and reform separately
# or to the combined area is UNCONFIRMED (domain.md §4.6). "per_block" is the
# stricter reading, so the app never announces readiness too early.
DEFAULT_AREA_CHECK_MODE: AreaCheckMode = "per_block"

PERCENT = "PERSEN"

# Answer → score (domain.md §4.3). "PERSEN" answers are fractions 0..1.
SCALES: dict[str, dict[str, float]] = {
    "YA_TIDAK": {"Ya": 1.0, "Tidak": 0.0},
    "ABC": {"A": 1.0, "B": 0.5, "C": 0.0},
    "ABCD": {"A": 1.0, "B": 0.67, "C": 0.33, "D": 0.0},
    "ABCDE": {"A": 1.0, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0.0},
    PERCENT: {},
}


@dataclass(frozen=True)
class Question:
    """One LKE question; its weight is the sub-area weight / number of questions."""

    code: str
    text: str  # Indonesian, a catalogue msgid: translate it to show it
    scale: str
    options: dict[str, str] = field(default_factory=dict)  # Indonesian, as the LKE worksheet words them


@dataclass(frozen=True)
class SubArea:
    code: str
    name: str  # Indonesian, a catalogue msgid
    weight: float
    questions: tuple[Question, ...]
    confidence: str = "HIGH-MED"

    def question_weight(self) -> float:
        return self.weight / len(self.questions)


@dataclass(frozen=True)
class Area:
    """One of the six pengungkit areas with its two block weights."""

    letter: str
    name: str  # Indonesian, a catalogue msgid
    pemenuhan_weight: float
    reform_weight: float
    pemenuhan: tuple[SubArea, ...] = ()
    reform: tuple[SubArea, ...] = ()

    def weight(self, block: str) -> float:
        return self.pemenuhan_weight if block == "pemenuhan" else self.reform_weight

    def subareas(self, block: str) -> tuple[SubArea, ...]:
        return self.pemenuhan if block == "pemenuhan" else self.reform

    def block_key(self, block: str) -> str:
        """Key of a manual block score, e.g. ``"A.pemenuhan"``."""
        return f"{self.letter}.{block}"

    def remainder_key(self, block: str) -> str:
        """Key of the manual score for the non-itemised rest, e.g. ``"F.reform.lainnya"``."""
        return f"{self.letter}.{block}.lainnya"

    def remainder_weight(self, block: str) -> float:
        return self.weight(block) - sum(s.weight for s in self.subareas(block))


@dataclass(frozen=True)
class Thresholds:
    """Minimums for a predicate (WBK or WBBM), all in points except the area fraction."""

    level: str
    min_total: float
    min_pengungkit: float
    min_area_fraction: float
    min_ipak_points: float
    min_capaian_points: float
    min_bersih_akuntabel_points: float
    min_ipkp_points: float
    # Names of the fields above that are inferred / not seen in primary text.
    unconfirmed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LkeRuleset:
    version: str
    berlaku_mulai: date
    basis: str
    areas: tuple[Area, ...]
    ipak_weight: float
    capaian_weight: float
    ipkp_weight: float
    survey_index_max: float
    capaian_scale: str
    wbk: Thresholds
    wbbm: Thresholds
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Catch data-entry mistakes at import time.
        for block in BLOCKS:
            total = sum(a.weight(block) for a in self.areas)
            if abs(total - 30.0) > 1e-9:
                raise ValueError(f"{self.version}: {block} weights sum to {total}, expected 30")
            for area in self.areas:
                if area.remainder_weight(block) < -1e-9:
                    raise ValueError(f"{self.version}: {area.letter}.{block} sub-areas exceed the block weight")
        if abs(self.ipak_weight + self.capaian_weight + self.ipkp_weight - 40.0) > 1e-9:
            raise ValueError(f"{self.version}: hasil weights must sum to 40")
        codes = [q.code for q in self.questions()]
        if len(codes) != len(set(codes)):
            raise ValueError(f"{self.version}: duplicate question codes")

    def subareas(self) -> list[tuple[Area, str, SubArea]]:
        return [(a, b, s) for a in self.areas for b in BLOCKS for s in a.subareas(b)]

    def questions(self) -> list[Question]:
        return [q for _, _, s in self.subareas() for q in s.questions]

    def question(self, code: str) -> Question:
        for q in self.questions():
            if q.code == code:
                return q
        raise KeyError(code)

    def subarea_of(self, question_code: str) -> SubArea:
        for _, _, s in self.subareas():
            if any(q.code == question_code for q in s.questions):
                return s
        raise KeyError(question_code)

    def question_weight(self, question_code: str) -> float:
        return self.subarea_of(question_code).question_weight()

    @property
    def pengungkit_max(self) -> float:
        return sum(a.pemenuhan_weight + a.reform_weight for a in self.areas)


def _q(code: str, text: str, scale: str, **options: str) -> Question:
    return Question(code, text, scale, dict(options))


# Shared option wordings (BPS `opsi` table, domain.md §4.3).
_REGULAR = {"A": "Dilakukan secara berkala", "B": "Dilakukan tidak berkala", "C": "Belum dilakukan"}
_FOLLOWED = {"A": "Seluruh hasil evaluasi ditindaklanjuti", "B": "Sebagian ditindaklanjuti",
             "C": "Belum ditindaklanjuti"}
_COVERAGE = {"A": "Seluruh fungsi inti", "B": "Sebagian besar fungsi inti", "C": "Sebagian kecil fungsi inti",
             "D": "Belum ada"}

PPE1 = SubArea("PPE1", N_("Pengendalian Gratifikasi"), 1.5, (
    _q("PPE1.a", N_("Telah dilakukan public campaign tentang pengendalian gratifikasi"), "ABC",
       A="Public campaign dilakukan secara berkala", B="Dilakukan tidak berkala", C="Belum dilakukan"),
    _q("PPE1.b", N_("Pengendalian gratifikasi telah diimplementasikan"), "ABCD",
       A="Sudah ada UPG dan pengendalian gratifikasi menjadi bagian prosedur",
       B="Sudah ada UPG dan upaya pengendalian sudah dimulai",
       C="UPG sudah dibentuk tetapi belum ada prosedur pengendalian", D="Belum ada UPG"),
))
PPE2 = SubArea("PPE2", N_("Penerapan SPIP"), 1.5, (
    _q("PPE2.a", N_("Telah dibangun lingkungan pengendalian"), "ABCDE"),
    _q("PPE2.b", N_("Telah dilakukan penilaian risiko atas pelaksanaan kebijakan"), "ABCDE"),
    _q("PPE2.c", N_("Telah dilakukan kegiatan pengendalian untuk meminimalisir risiko"), "ABC"),
    _q("PPE2.d", N_("SPI telah diinformasikan dan dikomunikasikan kepada seluruh pihak terkait"), "ABC"),
))
PPE3 = SubArea("PPE3", N_("Pengaduan Masyarakat"), 1.5, (
    _q("PPE3.a", N_("Kebijakan pengaduan masyarakat telah diimplementasikan"), "ABC",
       A="Seluruh kebijakan diimplementasikan dan ada inovasi", B="Seluruh kebijakan diimplementasikan",
       C="Belum diimplementasikan"),
    _q("PPE3.b", N_("Pengaduan masyarakat ditindaklanjuti"), "YA_TIDAK"),
    _q("PPE3.c", N_("Telah dilakukan monitoring dan evaluasi atas penanganan pengaduan masyarakat"), "ABC", **_REGULAR),
    _q("PPE3.d", N_("Hasil evaluasi atas penanganan pengaduan masyarakat telah ditindaklanjuti"), "ABC", **_FOLLOWED),
))
PPE4 = SubArea("PPE4", N_("Whistle-Blowing System"), 1.5, (
    _q("PPE4.a", N_("Whistle-Blowing System telah diterapkan"), "ABC",
       A="Seluruh kebijakan WBS diterapkan dan ada inovasi", B="WBS diterapkan sesuai ketentuan",
       C="Belum diterapkan"),
    _q("PPE4.b", N_("Telah dilakukan evaluasi atas penerapan Whistle-Blowing System"), "ABC", **_REGULAR),
    _q("PPE4.c", N_("Hasil evaluasi atas penerapan Whistle-Blowing System telah ditindaklanjuti"), "ABC", **_FOLLOWED),
))
PPE5 = SubArea("PPE5", N_("Penanganan Benturan Kepentingan"), 1.5, (
    _q("PPE5.a", N_("Telah terdapat identifikasi/pemetaan benturan kepentingan dalam tugas fungsi utama"), "ABCD",
       **_COVERAGE),
    _q("PPE5.b", N_("Penanganan benturan kepentingan telah disosialisasikan/internalisasi"), "ABCD", **_COVERAGE),
    _q("PPE5.c", N_("Penanganan benturan kepentingan telah diimplementasikan"), "ABCD", **_COVERAGE),
    _q("PPE5.d", N_("Telah dilakukan evaluasi atas penanganan benturan kepentingan"), "ABC", **_REGULAR),
    _q("PPE5.e", N_("Hasil evaluasi atas penanganan benturan kepentingan telah ditindaklanjuti"), "ABC", **_FOLLOWED),
))
PRE1 = SubArea("PRE1", N_("Mekanisme Pengendalian"), 2.5, (
    _q("PRE1.a", N_("Telah dilakukan mekanisme pengendalian aktivitas secara berjenjang"), "ABCDE",
       A="Pengendalian sistematis dari perencanaan s.d. pelaporan dan telah meningkatkan kinerja",
       E="Belum ada pengendalian"),
))
PRE2 = SubArea("PRE2", N_("Penanganan Pengaduan Masyarakat"), 3.0, (
    _q("PRE2.a", N_("Persentase penanganan pengaduan masyarakat"),
       PERCENT),
))
PRE3 = SubArea("PRE3", N_("Penyampaian Laporan Harta Kekayaan"), 2.0, (
    _q("PRE3.a", N_("Persentase penyampaian LHKPN"), PERCENT),
    _q("PRE3.b", N_("Persentase penyampaian LHKASN (non-LHKPN)"), PERCENT),
), confidence="MED")
# Area 6 complaint items; the wording and scales come from one or two apps.
PPF3 = SubArea("PPF3", N_("Pengelolaan Pengaduan"), 1.0, (
    _q("PPF3.a", N_("Terdapat media pengaduan dan konsultasi pelayanan yang terintegrasi dengan SP4N-LAPOR!"), "ABCDE"),
    _q("PPF3.b", N_("Terdapat unit yang mengelola pengaduan dan konsultasi pelayanan"), "ABC"),
    _q("PPF3.c", N_("Telah dilakukan evaluasi atas penanganan keluhan/masukan dan konsultasi"), "ABC"),
), confidence="MED")
PRF2 = SubArea("PRF2", N_("Penanganan Pengaduan Pelayanan dan Konsultasi"), 2.5, (
    _q("PRF2.a",
       N_("Penanganan pengaduan dilakukan melalui berbagai kanal/media secara responsif dan bertanggung jawab"), "ABCD",
       A="Direspon dengan cepat melalui berbagai kanal", B="Direspon dengan cepat melalui kanal terbatas",
       C="Direspon lambat melalui berbagai kanal", D="Direspon lambat melalui kanal terbatas"),
), confidence="MED")

AREAS_2021: tuple[Area, ...] = (
    Area("A", N_("Manajemen Perubahan"), 4.0, 4.0),
    Area("B", N_("Penataan Tatalaksana"), 3.5, 3.5),
    Area("C", N_("Penataan Sistem Manajemen SDM"), 5.0, 5.0),
    Area("D", N_("Penguatan Akuntabilitas"), 5.0, 5.0),
    Area("E", N_("Penguatan Pengawasan"), 7.5, 7.5,
         pemenuhan=(PPE1, PPE2, PPE3, PPE4, PPE5), reform=(PRE1, PRE2, PRE3)),
    Area("F", N_("Peningkatan Kualitas Pelayanan Publik"), 5.0, 5.0,
         pemenuhan=(PPF3,), reform=(PRF2,)),
)

WBK_2021 = Thresholds(
    level="WBK", min_total=75.0, min_pengungkit=40.0, min_area_fraction=0.60,
    min_ipak_points=15.75, min_capaian_points=2.5, min_bersih_akuntabel_points=18.25, min_ipkp_points=14.0,
)
WBBM_2021 = Thresholds(
    level="WBBM", min_total=85.0, min_pengungkit=48.0, min_area_fraction=0.75,
    min_ipak_points=15.75, min_capaian_points=3.75, min_bersih_akuntabel_points=19.5, min_ipkp_points=15.75,
    # 48 = 75 % of 60 and 19.50 = 15.75 + 3.75 are inferred (domain.md §4.5).
    unconfirmed=frozenset({"min_pengungkit", "min_bersih_akuntabel_points"}),
)

LKE_2021 = LkeRuleset(
    version="LKE-ZI-2021",
    berlaku_mulai=date(2021, 1, 1),
    basis="PermenPANRB 90/2021 jo. PermenPANRB 5/2024",
    areas=AREAS_2021,
    ipak_weight=17.5,
    capaian_weight=5.0,
    ipkp_weight=17.5,
    survey_index_max=4.0,
    capaian_scale="ABCDE",
    wbk=WBK_2021,
    wbbm=WBBM_2021,
    notes=(
        "UNCONFIRMED: perubahan oleh PermenPANRB 5/2024 tidak diketahui; struktur dianggap sama.",
        "UNCONFIRMED: ambang per area berlaku per blok (pemenuhan/reform) atau gabungan – diatur sebagai setelan.",
        "UNCONFIRMED: rumus PRE2 (selesai ÷ harus); 'sedang diproses' tidak dihitung sebagian.",
        "UNCONFIRMED: WBBM pengungkit ≥ 48 dan birokrasi bersih ≥ 19,50 disimpulkan, bukan dari teks resmi.",
    ),
)

# Oldest first; lke.ruleset_for() picks the newest one in force on a date.
RULESETS: tuple[LkeRuleset, ...] = (LKE_2021,)
