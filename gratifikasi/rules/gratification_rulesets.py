"""Versioned gratification rule sets (PerKPK 2/2019 and its amendment PerKPK 1/2026).

The rules changed on 2026-01-20 and both sets stay in force for reports about gifts received
before/after that day, so they are kept as *data* keyed by ``berlaku_mulai`` (domain.md §0, §6.1)
instead of constants scattered over the code. :data:`RULESETS` is the built-in default; a
DB-backed admin can pass its own tuple (e.g. built with :func:`dataclasses.replace`) to
:func:`ruleset_for` and to the deadline/exemption functions.

Every ruleset lists in ``unconfirmed`` what was not checked against the primary text (JDIH),
with the confidence tags of domain.md (HIGH / MED / LOW-UNCONFIRMED). Texts shown to users are
Indonesian msgids (:mod:`gratifikasi.rules.text`); their English is in the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gratifikasi.rules.text import N_, Text

__all__ = [
    "AMENDMENT_2026_DATE",
    "CompletionStart",
    "GratificationRuleset",
    "ItemLimits",
    "MoneyLimit",
    "RULESETS",
    "RULESET_2019",
    "RULESET_2026",
    "UpgTask",
    "Aspect",
    "DateAnchor",
    "SELECTED_BY",
    "format_rupiah",
    "ruleset_for",
    "ruleset_for_aspect",
]

AMENDMENT_2026_DATE = date(2026, 1, 20)  # PerKPK 1/2026 diundangkan & berlaku (MED-HIGH)


def format_rupiah(amount: int) -> str:
    """``1500000`` → ``'Rp1.500.000'`` (Indonesian thousands separator)."""
    return "Rp" + f"{amount:,}".replace(",", ".")


@dataclass(frozen=True)
class MoneyLimit:
    """A Rupiah cap. ``inclusive`` → "paling banyak" (≤); otherwise "kurang dari" (<)."""

    amount: int
    inclusive: bool = True

    def allows(self, value: int) -> bool:
        return value <= self.amount if self.inclusive else value < self.amount

    def describe(self) -> Text:
        template = N_("paling banyak %(amount)s") if self.inclusive else N_("kurang dari %(amount)s")
        return Text(template, {"amount": format_rupiah(self.amount)})


@dataclass(frozen=True)
class ItemLimits:
    """Value limits of one exemption item (Ps. 2(3) letter) in one ruleset."""

    letter: str
    per_giver: MoneyLimit | None = None  # one gift / one giver on one occasion
    per_year_same_giver: MoneyLimit | None = None  # yearly total from the same giver
    basis: str = ""  # how the per-giver limit is worded in the regulation (msgid)
    confidence: str = "MED"


@dataclass(frozen=True)
class UpgTask:
    number: int
    text: str  # msgid
    confidence: str


class CompletionStart(StrEnum):
    """From which date the deadline to complete a returned (incomplete) report is counted."""

    TANGGAL_PENERIMAAN = "tanggal_penerimaan"  # date the gift was received
    TANGGAL_PELAPORAN = "tanggal_pelaporan"  # date the report was made


@dataclass(frozen=True)
class GratificationRuleset:
    code: str
    berlaku_mulai: date
    short_name: str
    citation: str
    # Letters of Ps. 2(3) in force (exempt gifts need not be reported).
    exemption_items: frozenset[str]
    item_limits: tuple[ItemLimits, ...]
    # Incomplete report: reporter must complete it within this many HK, else no follow-up.
    completion_deadline_hk: int
    completion_counted_from: CompletionStart
    completion_legal_basis: str
    # Late report (> late_report_hk after receipt): the statutory limit plus its consequence.
    late_report_hk: int
    late_report_may_become_milik_negara: bool
    late_report_legal_basis: str
    late_report_consequence: str  # msgid
    upg_task_count: int
    upg_tasks: tuple[UpgTask, ...]  # only the tasks whose text was seen
    unconfirmed: tuple[str, ...]

    def limits_for(self, letter: str) -> ItemLimits | None:
        return next((lim for lim in self.item_limits if lim.letter == letter), None)

    def has_item(self, letter: str) -> bool:
        return letter in self.exemption_items


_ALL_ITEMS = frozenset("abcdefghijklmnopq")

# Ps. 12C(2) UU 20/2001 is the same for both sets; only the consequence text differs.
_STATUTORY_LATE_BASIS = "Pasal 12C ayat (2) UU No. 31 Tahun 1999 jo. UU No. 20 Tahun 2001"

RULESET_2019 = GratificationRuleset(
    code="perkpk-2-2019",
    # The 2019 regulation's own effective date was not verified; it is used as the base rule
    # for every receipt before the 2026 amendment (older rules of 2014/2015 are out of scope).
    berlaku_mulai=date.min,
    short_name="PerKPK 2/2019",
    citation=(
        "Peraturan Komisi Pemberantasan Korupsi Nomor 2 Tahun 2019 tentang Pelaporan Gratifikasi "
        "(Berita Negara Republik Indonesia Tahun 2019 Nomor 1438)"
    ),
    exemption_items=_ALL_ITEMS,
    item_limits=(
        ItemLimits(
            "l",
            per_giver=MoneyLimit(1_000_000),
            basis=N_("per pemberi dalam setiap acara"),
            confidence="MED-HIGH",
        ),
        ItemLimits(
            "n",
            per_giver=MoneyLimit(300_000),
            per_year_same_giver=MoneyLimit(1_000_000, inclusive=False),
            basis=N_("setiap pemberian per orang"),
            confidence="MED-HIGH",
        ),
        ItemLimits(
            "o",
            per_giver=MoneyLimit(200_000),
            per_year_same_giver=MoneyLimit(1_000_000),
            basis=N_("setiap pemberian per orang"),
            confidence="MED-HIGH",
        ),
    ),
    completion_deadline_hk=30,
    completion_counted_from=CompletionStart.TANGGAL_PENERIMAAN,
    completion_legal_basis="PerKPK 2/2019 (pasal tidak terverifikasi)",
    late_report_hk=30,
    late_report_may_become_milik_negara=False,
    late_report_legal_basis=_STATUTORY_LATE_BASIS,
    late_report_consequence=N_(
        "Laporan melewati batas 30 hari kerja sejak penerimaan, sehingga pengecualian "
        "Pasal 12C ayat (1) dapat tidak berlaku bagi penerima."
    ),
    upg_task_count=8,
    upg_tasks=(
        UpgTask(
            1,
            N_(
                "Menerima, menganalisis, dan mengadministrasikan laporan penerimaan Gratifikasi dari "
                "pegawai negeri, penyelenggara negara, dan pejabat publik lainnya"
            ),
            "MED",
        ),
        UpgTask(
            2,
            N_("Menerima dan mengadministrasikan laporan penolakan Gratifikasi"),
            "MED",
        ),
    ),
    unconfirmed=(
        "Tanggal berlaku PerKPK 2/2019 tidak diverifikasi; dipakai sebagai aturan dasar untuk "
        "semua penerimaan sebelum 2026-01-20.",
        "Tugas UPG nomor 3-8 (Pasal 27) tidak terlihat dalam sumber; hanya tugas 1-2 yang dimuat.",
        "Nomor pasal batas 30 HK untuk melengkapi laporan tidak diverifikasi.",
        "Batas tahunan huruf n tercatat 'kurang dari Rp1.000.000' (bukan 'paling banyak'); "
        "bunyi aslinya belum dicek di JDIH.",
        "Huruf m: tanpa batas nilai menurut teks 2019 (MED).",
    ),
)

RULESET_2026 = GratificationRuleset(
    code="perkpk-1-2026",
    berlaku_mulai=AMENDMENT_2026_DATE,
    short_name="PerKPK 1/2026",
    citation=(
        "Peraturan Komisi Pemberantasan Korupsi Nomor 2 Tahun 2019 tentang Pelaporan Gratifikasi "
        "sebagaimana diubah dengan Peraturan Komisi Pemberantasan Korupsi Nomor 1 Tahun 2026 "
        "(diundangkan 20 Januari 2026)"
    ),
    exemption_items=_ALL_ITEMS - {"n"},  # huruf n dihapus
    item_limits=(
        ItemLimits(
            "l",
            per_giver=MoneyLimit(1_500_000),
            basis=N_("per pemberi"),
            confidence="MED-HIGH",
        ),
        ItemLimits(
            "o",
            per_giver=MoneyLimit(500_000),
            per_year_same_giver=MoneyLimit(1_500_000),
            basis=N_("per pemberi"),
            confidence="MED-HIGH",
        ),
    ),
    completion_deadline_hk=20,
    completion_counted_from=CompletionStart.TANGGAL_PELAPORAN,
    completion_legal_basis="Pasal 9 ayat (1) dan (3) PerKPK 2/2019 sebagaimana diubah PerKPK 1/2026",
    late_report_hk=30,
    late_report_may_become_milik_negara=True,
    late_report_legal_basis=(
        "Pasal 17 ayat (4) PerKPK 2/2019 sebagaimana diubah PerKPK 1/2026; " + _STATUTORY_LATE_BASIS
    ),
    late_report_consequence=N_(
        "Laporan yang disampaikan lebih dari 30 hari kerja sejak penerimaan (dan/atau setelah "
        "menjadi temuan pengawas internal) dapat ditetapkan menjadi milik negara; "
        "Pasal 12B UU Tipikor tetap dapat diterapkan."
    ),
    upg_task_count=7,
    upg_tasks=tuple(
        UpgTask(i, text, "MED")
        for i, text in enumerate(
            (
                N_("Menerima, mengelola, dan meneruskan laporan Gratifikasi"),
                N_("Menyimpan barang titipan sampai status ditetapkan"),
                N_("Menindaklanjuti laporan sesuai keputusan Komisi"),
                N_("Melaksanakan kegiatan pengendalian Gratifikasi"),
                N_("Mendorong penyusunan aturan internal instansi"),
                N_("Memberikan pelatihan dan pendampingan implementasi"),
                N_("Menyosialisasikan ketentuan Gratifikasi"),
            ),
            start=1,
        )
    ),
    unconfirmed=(
        "Bunyi baru Pasal 2 ayat (3) tidak terlihat; hanya perubahan huruf l, n (dihapus) dan o "
        "yang dikonfirmasi berita (MED-HIGH); huruf lain dianggap tidak berubah.",
        "Pasal 9, Pasal 14, Pasal 17 ayat (4) dan pasal tugas UPG dikutip dari berita (MED), "
        "belum dari teks resmi.",
        "Teks tujuh tugas UPG adalah ringkasan berita, bukan kutipan pasal.",
    ),
)

RULESETS: tuple[GratificationRuleset, ...] = (RULESET_2019, RULESET_2026)


class Aspect(StrEnum):
    """A part of the gratification rules whose version is chosen on its own."""

    EXEMPTIONS = "pengecualian"  # Ps. 2(3): does this gift have to be reported at all
    COMPLETION = "kelengkapan"  # Ps. 9: the period to complete a returned report
    LATE_REPORT = "terlambat"  # Ps. 17(4): the consequence of a report made after 30 HK


class DateAnchor(StrEnum):
    """Which date of a report picks the rule set in force."""

    TANGGAL_PENERIMAAN = "tanggal_penerimaan"  # when the gift was received (the duty arises)
    TANGGAL_PELAPORAN = "tanggal_pelaporan"  # when the report was made (the procedure is done)


# Which date picks the version of each aspect (domain.md §0, §6.1): the thresholds follow the
# date of receipt, when the duty to report arises; the procedure (completion period, late-report
# consequence) follows the date of the report, the rule in force when the act is done (the
# amendment has no known transitional clause; LOW-MED reading). Callers name the aspect, never
# the date.
SELECTED_BY: dict[Aspect, DateAnchor] = {
    Aspect.EXEMPTIONS: DateAnchor.TANGGAL_PENERIMAAN,
    Aspect.COMPLETION: DateAnchor.TANGGAL_PELAPORAN,
    Aspect.LATE_REPORT: DateAnchor.TANGGAL_PELAPORAN,
}


def ruleset_for_aspect(
    aspect: Aspect,
    *,
    received_on: date,
    reported_on: date,
    rulesets: Sequence[GratificationRuleset] = RULESETS,
    selected_by: Mapping[Aspect, DateAnchor] = SELECTED_BY,
) -> GratificationRuleset:
    """The rule set governing ``aspect`` of a report received/reported on these dates."""
    anchor = selected_by[aspect]
    return ruleset_for(received_on if anchor is DateAnchor.TANGGAL_PENERIMAAN else reported_on, rulesets)


def ruleset_for(
    date_of_receipt: date, rulesets: Sequence[GratificationRuleset] = RULESETS
) -> GratificationRuleset:
    """The ruleset in force on a date (latest ``berlaku_mulai`` ≤ date).

    The exemption thresholds pass the date of receipt; for a procedural aspect use
    :func:`ruleset_for_aspect`, which knows which date counts."""
    applicable = [r for r in rulesets if r.berlaku_mulai <= date_of_receipt]
    if not applicable:
        raise LookupError(f"no gratification ruleset in force on {date_of_receipt.isoformat()}")
    return max(applicable, key=lambda r: r.berlaku_mulai)
