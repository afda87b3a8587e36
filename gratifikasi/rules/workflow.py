"""The two case workflows as explicit state machines (data, not scattered ``if`` chains).

* :data:`GRATIFICATION` – the life of a *laporan gratifikasi* handled by the UPG
  (domain.md §1.7, §1.8): receipt, completeness, analysis, forwarding to KPK,
  KPK's status decision, follow-up and closure, plus the side exits
  "tidak ditindaklanjuti" (completion period lapsed, PerKPK 1/2026 Ps. 9(3)),
  "tidak dapat ditindaklanjuti" (PerKPK 1/2026 Ps. 14) and refusal reports
  (no KPK status decision).
* :data:`COMPLAINT` – a public complaint / whistleblowing report handled by the
  Inspektorat (domain.md §3.2): triage into *berkadar pengawasan* or
  *tidak berkadar pengawasan*, examination, conclusion and referral.

Every state carries an officer label and a separate reporter-facing label (Indonesian msgids,
English in the catalogue).
The reporter label is deliberately plainer and never reveals internal steps
(e.g. that an audit has started), because the reporter's view may be seen by
others and because tipping off a subject could defeat an examination.

The engine that validates these tables and applies an action is
:mod:`gratifikasi.rules.state_machine`. Pure module: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from .state_machine import Facts, Guard, Sla, State, StateMachine, Transition
from .text import N_, Text

__all__ = [
    "FORWARDED_STATES",
    "COMPLAINT",
    "COMPLAINT_CLASSES",
    "COMPLAINT_STATES",
    "COMPLAINT_TRANSITIONS",
    "ComplaintClass",
    "FACT_COMPLETION_DUE",
    "FACT_REPORT_TYPE",
    "FACT_TODAY",
    "GRATIFICATION",
    "GRATIFICATION_STATES",
    "GRATIFICATION_TRANSITIONS",
    "MACHINES",
    "TINDAK_LANJUT_VARIANTS",
]

# How a complaint state is counted for LKE item PRE2 (domain.md §4.4).
ComplaintClass = Literal[
    "belum_ditelaah",  # not triaged yet: counted as "harus", still "diproses"
    "tidak_dapat_ditindaklanjuti",  # not admissible or duplicate: excluded
    "harus_ditindaklanjuti",  # admissible / berkadar, follow-up still running
    "selesai_ditindaklanjuti",  # a final follow-up has been recorded
]
COMPLAINT_CLASSES: frozenset[str] = frozenset(
    {"belum_ditelaah", "tidak_dapat_ditindaklanjuti", "harus_ditindaklanjuti", "selesai_ditindaklanjuti"}
)


def _roles(*names: str) -> frozenset[str]:
    return frozenset(names)


def _states(items: Iterable[State]) -> dict[str, State]:
    return {s.id: s for s in items}


# ---------------------------------------------------------------------------
# Gratification report (laporan gratifikasi) – domain.md §1.5, §1.7, §1.8
# ---------------------------------------------------------------------------

# The UPG → KPK deadline runs from receipt across receipt/verification/analysis
# (BPIP Perban 4/2021 Ps. 7(3); "10 HK sejak laporan diterima"), so these three
# states share one clock.
_SLA_UPG_KE_KPK = Sla(10, "gratifikasi.upg_ke_kpk_hk", "received", "BPIP Perban 4/2021 Ps. 7(3); praktik UPG")
# Completion period: 20 HK from the reporting date under PerKPK 1/2026 Ps. 9(1)
# (30 HK from receipt under PerKPK 2/2019), counted from that legal anchor, not from the
# day the UPG returned the report: the case's due date in this state is the report's
# completion deadline (rules.deadlines.DeadlineCalculator.completion, set by the cases
# layer); this Sla only says the state has a deadline and names the setting.
_SLA_KELENGKAPAN = Sla(20, "gratifikasi.kelengkapan_hk", "completion_deadline", "PerKPK 1/2026 Ps. 9(1)")
_SLA_PENETAPAN_KPK = Sla(30, "gratifikasi.penetapan_kpk_hk", "state_entry", "UU 30/2002 Ps. 17(1)")
_SLA_SERAH_MILIK_NEGARA = Sla(7, "gratifikasi.serah_milik_negara_hk", "state_entry", "UU 30/2002 Ps. 17(6)")

_IN_PROCESS = N_("Sedang diproses UPG")

GRATIFICATION_STATES = _states(
    [
        State("diterima_upg", N_("Diterima UPG"), N_("Laporan diterima"), sla=_SLA_UPG_KE_KPK),
        State("perlu_dilengkapi", N_("Perlu dilengkapi pelapor"),
              N_("Mohon lengkapi laporan Anda"), sla=_SLA_KELENGKAPAN),
        State("diverifikasi", N_("Terverifikasi lengkap"), _IN_PROCESS, sla=_SLA_UPG_KE_KPK),
        State("dianalisis_upg", N_("Dianalisis UPG"), _IN_PROCESS, sla=_SLA_UPG_KE_KPK),
        State("diteruskan_kpk", N_("Diteruskan ke KPK"), N_("Diteruskan ke KPK untuk penetapan status"),
              sla=_SLA_PENETAPAN_KPK),
        State("milik_penerima", N_("Ditetapkan milik penerima"), N_("Ditetapkan KPK menjadi milik Anda")),
        State("milik_negara", N_("Ditetapkan milik negara"), N_("Ditetapkan KPK menjadi milik negara"),
              sla=_SLA_SERAH_MILIK_NEGARA),
        State("milik_negara_dapat_dikompensasi", N_("Milik negara, dapat diganti dengan uang"),
              N_("Milik negara; Anda dapat menggantinya dengan uang"), sla=_SLA_SERAH_MILIK_NEGARA),
        State("tindak_lanjut", N_("Tindak lanjut dicatat"), N_("Tindak lanjut sedang diselesaikan")),
        State("selesai", N_("Selesai"), N_("Selesai"), final=True),
        State("tidak_ditindaklanjuti", N_("Tidak ditindaklanjuti (tidak dilengkapi)"),
              N_("Tidak ditindaklanjuti karena tidak dilengkapi"), final=True),
        State("tidak_dapat_ditindaklanjuti", N_("Tidak dapat ditindaklanjuti (Ps. 14 PerKPK 1/2026)"),
              N_("Laporan tidak dapat ditindaklanjuti"), final=True),
        State("penolakan_dicatat", N_("Penolakan dicatat"), N_("Laporan penolakan telah dicatat"), final=True),
    ]
)

# The four follow-up variants of TINDAK_LANJUT are separate transitions so the
# audit log records which one happened (a sub-field would be easy to forget).
TINDAK_LANJUT_VARIANTS: dict[str, str] = {
    "serahkan_barang": N_("Barang diserahkan"),
    "setor_uang": N_("Uang disetor ke kas negara"),
    "setor_kompensasi": N_("Kompensasi disetor"),
    "kembalikan_ke_pelapor": N_("Barang titipan dikembalikan ke pelapor"),
}

_UPG = _roles("upg")

# -- guards: what an action needs beyond state and role (domain.md §1.5, §1.8) ---------------
# Facts the cases layer passes for a gratification report (rules.state_machine.Facts):
FACT_REPORT_TYPE = "jenis_laporan"  # "penerimaan" | "penolakan" (rules.report_fields.JenisLaporan)
FACT_TODAY = "today"  # the local date of the action
FACT_COMPLETION_DUE = "completion_due"  # last day (still on time) to complete a returned report


def _report_type_is(expected: str):
    return lambda facts: facts.get(FACT_REPORT_TYPE) == expected


def _completion_open(facts: Facts) -> bool:
    """The completion deadline has not passed (the due day itself is still on time)."""
    today, due = facts.get(FACT_TODAY), facts.get(FACT_COMPLETION_DUE)
    return isinstance(today, date) and isinstance(due, date) and today <= due


def _completion_lapsed(facts: Facts) -> bool:
    today, due = facts.get(FACT_TODAY), facts.get(FACT_COMPLETION_DUE)
    return isinstance(today, date) and isinstance(due, date) and today > due


# A refused gift needs no status decision (§1.8): it is recorded, checked and closed as a
# refusal, never forwarded to KPK for an SK.
_RECEIPTS_ONLY = Guard(
    "hanya_laporan_penerimaan", _report_type_is("penerimaan"),
    Text(N_("Laporan penolakan tidak diteruskan ke KPK dan tidak ditetapkan statusnya: pemberian yang "
            "ditolak dicatat, diperiksa, lalu ditutup sebagai penolakan (Catat sebagai laporan penolakan).")),
)
_REFUSALS_ONLY = Guard(
    "hanya_laporan_penolakan", _report_type_is("penolakan"),
    Text(N_("Laporan ini melaporkan pemberian yang diterima, bukan penolakan, sehingga tidak dapat ditutup "
            "sebagai penolakan; teruskan ke KPK untuk penetapan status.")),
)
# PerKPK 1/2026 Ps. 9(1), (3): the reporter may complete until the deadline; after it the
# report is not followed up (the daily job closes it), and not before.
_COMPLETION_OPEN = Guard(
    "batas_kelengkapan_belum_lewat", _completion_open,
    Text(N_("Batas waktu melengkapi laporan menurut peraturan sudah lewat; laporan tidak dapat lagi "
            "dilengkapi dan ditutup sebagai tidak dilengkapi.")),
)
_COMPLETION_LAPSED = Guard(
    "batas_kelengkapan_lewat", _completion_lapsed,
    Text(N_("Laporan baru dapat ditutup sebagai tidak dilengkapi setelah batas waktu melengkapi lewat; "
            "sampai batas itu pelapor masih dapat melengkapinya.")),
)
_KPK_STEP = (_RECEIPTS_ONLY,)

GRATIFICATION_TRANSITIONS: tuple[Transition, ...] = (
    # Returning a report whose completion period already ended would leave the reporter no time.
    Transition("minta_kelengkapan", ("diterima_upg",), "perlu_dilengkapi", _UPG, True,
               N_("Kembalikan untuk dilengkapi"), guards=(_COMPLETION_OPEN,)),
    # The reporter completes online; an officer may enter a paper completion. Both only
    # until the completion deadline.
    Transition("lengkapi", ("perlu_dilengkapi",), "diterima_upg", _roles("reporter", "upg"), False,
               N_("Lengkapi laporan"), guards=(_COMPLETION_OPEN,)),
    # The daily job (`flask cases tutup-tidak-dilengkapi`) closes it after the deadline; an
    # officer may close it after the deadline too, never before.
    Transition("tutup_tidak_dilengkapi", ("perlu_dilengkapi",), "tidak_ditindaklanjuti",
               _roles("system", "upg"), False,
               N_("Tutup: tidak dilengkapi"), guards=(_COMPLETION_LAPSED,)),
    Transition("verifikasi_lengkap", ("diterima_upg",), "diverifikasi", _UPG, False, N_("Nyatakan lengkap")),
    Transition("analisis", ("diverifikasi",), "dianalisis_upg", _UPG, False, N_("Mulai analisis")),
    Transition("teruskan_kpk", ("dianalisis_upg",), "diteruskan_kpk", _UPG, False, N_("Teruskan ke KPK"),
               guards=_KPK_STEP),
    Transition("nyatakan_tidak_dapat_ditindaklanjuti",
               ("diterima_upg", "diverifikasi", "dianalisis_upg", "diteruskan_kpk"),
               "tidak_dapat_ditindaklanjuti", _UPG, True,
               N_("Nyatakan tidak dapat ditindaklanjuti")),
    # A refusal report is checked (and may be analysed) like any report, then closed here.
    Transition("catat_penolakan", ("diterima_upg", "diverifikasi", "dianalisis_upg"), "penolakan_dicatat", _UPG,
               False, N_("Catat sebagai laporan penolakan"), guards=(_REFUSALS_ONLY,)),
    # KPK decides; the UPG records the SK it received.
    Transition("tetapkan_milik_penerima", ("diteruskan_kpk",), "milik_penerima", _UPG, False,
               N_("Catat SK: milik penerima"), guards=_KPK_STEP),
    Transition("tetapkan_milik_negara", ("diteruskan_kpk",), "milik_negara", _UPG, False,
               N_("Catat SK: milik negara"), guards=_KPK_STEP),
    Transition("tetapkan_milik_negara_kompensasi", ("diteruskan_kpk",), "milik_negara_dapat_dikompensasi",
               _UPG, False, N_("Catat SK: milik negara dapat dikompensasi"), guards=_KPK_STEP),
    Transition("serahkan_barang", ("milik_negara", "milik_negara_dapat_dikompensasi"), "tindak_lanjut",
               _UPG, False, TINDAK_LANJUT_VARIANTS["serahkan_barang"]),
    Transition("setor_uang", ("milik_negara",), "tindak_lanjut", _UPG, False,
               TINDAK_LANJUT_VARIANTS["setor_uang"]),
    Transition("setor_kompensasi", ("milik_negara_dapat_dikompensasi",), "tindak_lanjut", _UPG, False,
               TINDAK_LANJUT_VARIANTS["setor_kompensasi"]),
    Transition("kembalikan_ke_pelapor", ("milik_penerima",), "tindak_lanjut", _UPG, False,
               TINDAK_LANJUT_VARIANTS["kembalikan_ke_pelapor"]),
    # milik_penerima may close directly when the reporter kept the object
    # (nothing was deposited at the UPG).
    Transition("selesaikan", ("tindak_lanjut", "milik_penerima"), "selesai", _UPG, False, N_("Selesaikan")),
)

GRATIFICATION = StateMachine("gratifikasi", "diterima_upg", GRATIFICATION_STATES, GRATIFICATION_TRANSITIONS)
# Forwarded to KPK: "diteruskan_kpk" or any state after it. A report in any other state has no
# forwarding, SK or follow-up rows (the statistics and the step deadlines rely on it).
FORWARDED_STATES = GRATIFICATION.reachable_from("diteruskan_kpk")


# ---------------------------------------------------------------------------
# Public complaint / WBS report (pengaduan) – domain.md §3.2, §6.4
# ---------------------------------------------------------------------------

_SLA_RESPON = Sla(5, "pengaduan.respon_hk", "received", "standar layanan pengaduan (SIPPN)")
# Triage must end in time for a non-audit complaint to be settled, hence the
# same 14 HK clock as "tidak berkadar pengawasan".
_SLA_SELESAI_NON_AUDIT = Sla(14, "pengaduan.selesai_tidak_berkadar_hk", "received",
                             "standar layanan pengaduan (SIPPN)")
_SLA_SELESAI_AUDIT = Sla(60, "pengaduan.selesai_berkadar_hk", "received",
                         "standar layanan pengaduan (SIPPN)")

_FOLLOWED_UP = N_("Sedang ditindaklanjuti")
_EXAMINED = N_("Penanganan hampir selesai")

COMPLAINT_STATES = _states(
    [
        State("baru", N_("Baru"), N_("Diterima"), sla=_SLA_RESPON, classification="belum_ditelaah"),
        State("ditelaah", N_("Sedang ditelaah"), N_("Sedang ditelaah"),
              sla=_SLA_SELESAI_NON_AUDIT, classification="belum_ditelaah"),
        State("tidak_dapat_ditindaklanjuti", N_("Tidak dapat ditindaklanjuti"),
              N_("Tidak dapat ditindaklanjuti"), final=True, classification="tidak_dapat_ditindaklanjuti"),
        State("diteruskan_opd", N_("Diteruskan ke OPD (tidak berkadar pengawasan)"), _FOLLOWED_UP,
              sla=_SLA_SELESAI_NON_AUDIT, classification="harus_ditindaklanjuti"),
        State("dalam_pemeriksaan", N_("Dalam pemeriksaan (berkadar pengawasan)"), _FOLLOWED_UP,
              sla=_SLA_SELESAI_AUDIT, classification="harus_ditindaklanjuti"),
        # A recorded conclusion is the "final follow-up" the LKE counts.
        State("terbukti", N_("Terbukti"), _EXAMINED, classification="selesai_ditindaklanjuti"),
        State("tidak_terbukti", N_("Tidak terbukti"), _EXAMINED, classification="selesai_ditindaklanjuti"),
        State("diteruskan_kpk_aph", N_("Diteruskan ke KPK/APH"), N_("Dilimpahkan ke instansi yang berwenang"),
              classification="selesai_ditindaklanjuti"),
        State("selesai", N_("Selesai"), N_("Selesai"), final=True, classification="selesai_ditindaklanjuti"),
    ]
)

_INSP = _roles("inspektorat")

COMPLAINT_TRANSITIONS: tuple[Transition, ...] = (
    Transition("telaah", ("baru",), "ditelaah", _INSP, False, N_("Mulai telaah")),
    Transition("nyatakan_tidak_dapat_ditindaklanjuti", ("baru", "ditelaah"), "tidak_dapat_ditindaklanjuti",
               _INSP, True, N_("Nyatakan tidak dapat ditindaklanjuti")),
    # Duplicates are excluded from LKE counts like inadmissible ones; the
    # reason must name the original registration number.
    Transition("tandai_duplikat", ("baru", "ditelaah"), "tidak_dapat_ditindaklanjuti", _INSP, True,
               N_("Tandai duplikat")),
    Transition("teruskan_opd", ("ditelaah",), "diteruskan_opd", _INSP, False, N_("Teruskan ke OPD")),
    Transition("mulai_pemeriksaan", ("ditelaah",), "dalam_pemeriksaan", _INSP, False, N_("Mulai pemeriksaan")),
    Transition("simpulkan_terbukti", ("dalam_pemeriksaan",), "terbukti", _INSP, True,
               N_("Simpulkan: terbukti")),
    Transition("simpulkan_tidak_terbukti", ("dalam_pemeriksaan",), "tidak_terbukti", _INSP, True,
               N_("Simpulkan: tidak terbukti")),
    # UU 19/2019 jurisdiction may show at triage, during or after examination.
    Transition("teruskan_kpk_aph", ("ditelaah", "dalam_pemeriksaan", "terbukti"), "diteruskan_kpk_aph",
               _INSP, True, N_("Teruskan ke KPK/APH")),
    Transition("catat_tindak_lanjut_opd", ("diteruskan_opd",), "selesai", _INSP, True,
               N_("Catat tindak lanjut OPD")),
    Transition("selesaikan", ("terbukti", "tidak_terbukti", "diteruskan_kpk_aph"), "selesai", _INSP, False,
               N_("Selesaikan")),
)

COMPLAINT = StateMachine("pengaduan", "baru", COMPLAINT_STATES, COMPLAINT_TRANSITIONS)

MACHINES: dict[str, StateMachine] = {GRATIFICATION.name: GRATIFICATION, COMPLAINT.name: COMPLAINT}
