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

Every state carries an officer label and a separate reporter-facing label.
The reporter label is deliberately plainer and never reveals internal steps
(e.g. that an audit has started), because the reporter's view may be seen by
others and because tipping off a subject could defeat an examination.

The engine that validates these tables and applies an action is
:mod:`gratifikasi.rules.state_machine`. Pure module: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from .state_machine import Sla, State, StateMachine, Transition

__all__ = [
    "COMPLAINT",
    "COMPLAINT_CLASSES",
    "COMPLAINT_STATES",
    "COMPLAINT_TRANSITIONS",
    "ComplaintClass",
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
# (30 HK from receipt under PerKPK 2/2019). The deadline module picks the
# version by receipt date; this is only the current default.
_SLA_KELENGKAPAN = Sla(20, "gratifikasi.kelengkapan_hk", "state_entry", "PerKPK 1/2026 Ps. 9(1)")
_SLA_PENETAPAN_KPK = Sla(30, "gratifikasi.penetapan_kpk_hk", "state_entry", "UU 30/2002 Ps. 17(1)")
_SLA_SERAH_MILIK_NEGARA = Sla(7, "gratifikasi.serah_milik_negara_hk", "state_entry", "UU 30/2002 Ps. 17(6)")

_IN_PROCESS_ID = "Sedang diproses UPG"
_IN_PROCESS_EN = "Being processed by the UPG"

GRATIFICATION_STATES = _states(
    [
        State("diterima_upg", "Diterima UPG", "Received by UPG",
              "Laporan diterima", "Report received", sla=_SLA_UPG_KE_KPK),
        State("perlu_dilengkapi", "Perlu dilengkapi pelapor", "Returned to reporter for completion",
              "Mohon lengkapi laporan Anda", "Please complete your report", sla=_SLA_KELENGKAPAN),
        State("diverifikasi", "Terverifikasi lengkap", "Verified complete",
              _IN_PROCESS_ID, _IN_PROCESS_EN, sla=_SLA_UPG_KE_KPK),
        State("dianalisis_upg", "Dianalisis UPG", "Under UPG analysis",
              _IN_PROCESS_ID, _IN_PROCESS_EN, sla=_SLA_UPG_KE_KPK),
        State("diteruskan_kpk", "Diteruskan ke KPK", "Forwarded to KPK",
              "Diteruskan ke KPK untuk penetapan status", "Forwarded to KPK for a status decision",
              sla=_SLA_PENETAPAN_KPK),
        State("milik_penerima", "Ditetapkan milik penerima", "Declared recipient's property",
              "Ditetapkan KPK menjadi milik Anda", "KPK declared it your property"),
        State("milik_negara", "Ditetapkan milik negara", "Declared state property",
              "Ditetapkan KPK menjadi milik negara", "KPK declared it state property",
              sla=_SLA_SERAH_MILIK_NEGARA),
        State("milik_negara_dapat_dikompensasi",
              "Milik negara, dapat diganti dengan uang", "State property, may be compensated",
              "Milik negara; Anda dapat menggantinya dengan uang",
              "State property; you may keep it by paying its value",
              sla=_SLA_SERAH_MILIK_NEGARA),
        State("tindak_lanjut", "Tindak lanjut dicatat", "Follow-up recorded",
              "Tindak lanjut sedang diselesaikan", "Follow-up being completed"),
        State("selesai", "Selesai", "Closed", "Selesai", "Closed", final=True),
        State("tidak_ditindaklanjuti", "Tidak ditindaklanjuti (tidak dilengkapi)",
              "Not followed up (not completed in time)",
              "Tidak ditindaklanjuti karena tidak dilengkapi",
              "Not followed up because it was not completed", final=True),
        State("tidak_dapat_ditindaklanjuti", "Tidak dapat ditindaklanjuti (Ps. 14 PerKPK 1/2026)",
              "Cannot be followed up (Art. 14 PerKPK 1/2026)",
              "Laporan tidak dapat ditindaklanjuti", "Report cannot be followed up", final=True),
        State("penolakan_dicatat", "Penolakan dicatat", "Refusal recorded",
              "Laporan penolakan telah dicatat", "Refusal report recorded", final=True),
    ]
)

# The four follow-up variants of TINDAK_LANJUT are separate transitions so the
# audit log records which one happened (a sub-field would be easy to forget).
TINDAK_LANJUT_VARIANTS: dict[str, tuple[str, str]] = {
    "serahkan_barang": ("Barang diserahkan", "Goods handed over"),
    "setor_uang": ("Uang disetor ke kas negara", "Money deposited to the state treasury"),
    "setor_kompensasi": ("Kompensasi disetor", "Compensation paid"),
    "kembalikan_ke_pelapor": ("Barang titipan dikembalikan ke pelapor", "Deposited goods returned to reporter"),
}

_UPG = _roles("upg")

GRATIFICATION_TRANSITIONS: tuple[Transition, ...] = (
    Transition("minta_kelengkapan", ("diterima_upg",), "perlu_dilengkapi", _UPG, True,
               "Kembalikan untuk dilengkapi", "Return for completion"),
    # The reporter completes online; an officer may enter a paper completion.
    Transition("lengkapi", ("perlu_dilengkapi",), "diterima_upg", _roles("reporter", "upg"), False,
               "Lengkapi laporan", "Complete report"),
    # Normally the deadline job closes it; an officer may close it after the
    # deadline too (checking the date is the deadline module's job).
    Transition("tutup_tidak_dilengkapi", ("perlu_dilengkapi",), "tidak_ditindaklanjuti",
               _roles("system", "upg"), False,
               "Tutup: tidak dilengkapi", "Close: not completed"),
    Transition("verifikasi_lengkap", ("diterima_upg",), "diverifikasi", _UPG, False,
               "Nyatakan lengkap", "Mark complete"),
    Transition("analisis", ("diverifikasi",), "dianalisis_upg", _UPG, False,
               "Mulai analisis", "Start analysis"),
    Transition("teruskan_kpk", ("dianalisis_upg",), "diteruskan_kpk", _UPG, False,
               "Teruskan ke KPK", "Forward to KPK"),
    Transition("nyatakan_tidak_dapat_ditindaklanjuti",
               ("diterima_upg", "diverifikasi", "dianalisis_upg", "diteruskan_kpk"),
               "tidak_dapat_ditindaklanjuti", _UPG, True,
               "Nyatakan tidak dapat ditindaklanjuti", "Declare not actionable"),
    Transition("catat_penolakan", ("diterima_upg", "diverifikasi"), "penolakan_dicatat", _UPG, False,
               "Catat sebagai laporan penolakan", "Record as refusal report"),
    # KPK decides; the UPG records the SK it received.
    Transition("tetapkan_milik_penerima", ("diteruskan_kpk",), "milik_penerima", _UPG, False,
               "Catat SK: milik penerima", "Record decision: recipient's property"),
    Transition("tetapkan_milik_negara", ("diteruskan_kpk",), "milik_negara", _UPG, False,
               "Catat SK: milik negara", "Record decision: state property"),
    Transition("tetapkan_milik_negara_kompensasi", ("diteruskan_kpk",), "milik_negara_dapat_dikompensasi",
               _UPG, False, "Catat SK: milik negara dapat dikompensasi",
               "Record decision: state property, compensable"),
    Transition("serahkan_barang", ("milik_negara", "milik_negara_dapat_dikompensasi"), "tindak_lanjut",
               _UPG, False, *TINDAK_LANJUT_VARIANTS["serahkan_barang"]),
    Transition("setor_uang", ("milik_negara",), "tindak_lanjut", _UPG, False,
               *TINDAK_LANJUT_VARIANTS["setor_uang"]),
    Transition("setor_kompensasi", ("milik_negara_dapat_dikompensasi",), "tindak_lanjut", _UPG, False,
               *TINDAK_LANJUT_VARIANTS["setor_kompensasi"]),
    Transition("kembalikan_ke_pelapor", ("milik_penerima",), "tindak_lanjut", _UPG, False,
               *TINDAK_LANJUT_VARIANTS["kembalikan_ke_pelapor"]),
    # milik_penerima may close directly when the reporter kept the object
    # (nothing was deposited at the UPG).
    Transition("selesaikan", ("tindak_lanjut", "milik_penerima"), "selesai", _UPG, False,
               "Selesaikan", "Close"),
)

GRATIFICATION = StateMachine("gratifikasi", "diterima_upg", GRATIFICATION_STATES, GRATIFICATION_TRANSITIONS)


# ---------------------------------------------------------------------------
# Public complaint / WBS report (pengaduan) – domain.md §3.2, §6.4
# ---------------------------------------------------------------------------

_SLA_RESPON = Sla(5, "pengaduan.respon_hk", "received", "standar layanan pengaduan (SIPPN), domain.md §3.2")
# Triage must end in time for a non-audit complaint to be settled, hence the
# same 14 HK clock as "tidak berkadar pengawasan".
_SLA_SELESAI_NON_AUDIT = Sla(14, "pengaduan.selesai_tidak_berkadar_hk", "received",
                             "standar layanan pengaduan (SIPPN), domain.md §3.2")
_SLA_SELESAI_AUDIT = Sla(60, "pengaduan.selesai_berkadar_hk", "received",
                         "standar layanan pengaduan (SIPPN), domain.md §3.2")

_FOLLOWED_UP_ID = "Sedang ditindaklanjuti"
_FOLLOWED_UP_EN = "Being followed up"
_EXAMINED_ID = "Penanganan hampir selesai"
_EXAMINED_EN = "Handling nearly finished"

COMPLAINT_STATES = _states(
    [
        State("baru", "Baru", "New", "Diterima", "Received", sla=_SLA_RESPON,
              classification="belum_ditelaah"),
        State("ditelaah", "Sedang ditelaah", "Being triaged", "Sedang ditelaah", "Being reviewed",
              sla=_SLA_SELESAI_NON_AUDIT, classification="belum_ditelaah"),
        State("tidak_dapat_ditindaklanjuti", "Tidak dapat ditindaklanjuti", "Not admissible",
              "Tidak dapat ditindaklanjuti", "Cannot be followed up", final=True,
              classification="tidak_dapat_ditindaklanjuti"),
        State("diteruskan_opd", "Diteruskan ke OPD (tidak berkadar pengawasan)",
              "Forwarded to the unit (not audit-worthy)", _FOLLOWED_UP_ID, _FOLLOWED_UP_EN,
              sla=_SLA_SELESAI_NON_AUDIT, classification="harus_ditindaklanjuti"),
        State("dalam_pemeriksaan", "Dalam pemeriksaan (berkadar pengawasan)",
              "Under examination (audit-worthy)", _FOLLOWED_UP_ID, _FOLLOWED_UP_EN,
              sla=_SLA_SELESAI_AUDIT, classification="harus_ditindaklanjuti"),
        # A recorded conclusion is the "final follow-up" the LKE counts.
        State("terbukti", "Terbukti", "Substantiated", _EXAMINED_ID, _EXAMINED_EN,
              classification="selesai_ditindaklanjuti"),
        State("tidak_terbukti", "Tidak terbukti", "Not substantiated", _EXAMINED_ID, _EXAMINED_EN,
              classification="selesai_ditindaklanjuti"),
        State("diteruskan_kpk_aph", "Diteruskan ke KPK/APH", "Referred to KPK/law enforcement",
              "Dilimpahkan ke instansi yang berwenang", "Referred to the competent authority",
              classification="selesai_ditindaklanjuti"),
        State("selesai", "Selesai", "Closed", "Selesai", "Closed", final=True,
              classification="selesai_ditindaklanjuti"),
    ]
)

_INSP = _roles("inspektorat")

COMPLAINT_TRANSITIONS: tuple[Transition, ...] = (
    Transition("telaah", ("baru",), "ditelaah", _INSP, False, "Mulai telaah", "Start triage"),
    Transition("nyatakan_tidak_dapat_ditindaklanjuti", ("baru", "ditelaah"), "tidak_dapat_ditindaklanjuti",
               _INSP, True, "Nyatakan tidak dapat ditindaklanjuti", "Declare not admissible"),
    # Duplicates are excluded from LKE counts like inadmissible ones; the
    # reason must name the original registration number.
    Transition("tandai_duplikat", ("baru", "ditelaah"), "tidak_dapat_ditindaklanjuti", _INSP, True,
               "Tandai duplikat", "Mark as duplicate"),
    Transition("teruskan_opd", ("ditelaah",), "diteruskan_opd", _INSP, False,
               "Teruskan ke OPD", "Forward to unit"),
    Transition("mulai_pemeriksaan", ("ditelaah",), "dalam_pemeriksaan", _INSP, False,
               "Mulai pemeriksaan", "Start examination"),
    Transition("simpulkan_terbukti", ("dalam_pemeriksaan",), "terbukti", _INSP, True,
               "Simpulkan: terbukti", "Conclude: substantiated"),
    Transition("simpulkan_tidak_terbukti", ("dalam_pemeriksaan",), "tidak_terbukti", _INSP, True,
               "Simpulkan: tidak terbukti", "Conclude: not substantiated"),
    # UU 19/2019 jurisdiction may show at triage, during or after examination.
    Transition("teruskan_kpk_aph", ("ditelaah", "dalam_pemeriksaan", "terbukti"), "diteruskan_kpk_aph",
               _INSP, True, "Teruskan ke KPK/APH", "Refer to KPK/law enforcement"),
    Transition("catat_tindak_lanjut_opd", ("diteruskan_opd",), "selesai", _INSP, True,
               "Catat tindak lanjut OPD", "Record the unit's follow-up"),
    Transition("selesaikan", ("terbukti", "tidak_terbukti", "diteruskan_kpk_aph"), "selesai", _INSP, False,
               "Selesaikan", "Close"),
)

COMPLAINT = StateMachine("pengaduan", "baru", COMPLAINT_STATES, COMPLAINT_TRANSITIONS)

MACHINES: dict[str, StateMachine] = {GRATIFICATION.name: GRATIFICATION, COMPLAINT.name: COMPLAINT}
