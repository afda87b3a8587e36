"""Every per-tenant setting as data: key, limits, default, Indonesian label and help, legal basis.

Admin forms, the CLI and validation are generated from :data:`REGISTRY`, so a new setting
needs one entry here and nothing else. The workflow SLA keys are read from the state machines
in :mod:`gratifikasi.rules.workflow`, so a new SLA there cannot be forgotten here (a missing
label fails at import time). Pure module: no Flask, no database.

Labels and help texts are marked with ``N_`` for the catalogue; callers translate them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..rules import deadlines
from ..rules.text import N_
from ..rules.workflow import MACHINES


class SettingValueError(ValueError):
    """A refused value; the message is Indonesian."""


@dataclass(frozen=True)
class SettingSpec:
    """One setting. Values are whole numbers of working days (HK) within [minimum, maximum]."""

    key: str
    default: int
    minimum: int
    maximum: int
    label: str
    help: str
    legal_basis: str
    group: str
    type: type = int

    def parse(self, raw: Any) -> int:
        """The value as an int in range, or SettingValueError with an Indonesian message."""
        if isinstance(raw, bool):  # bool is an int subclass; True is not "1 HK"
            raise SettingValueError(f"Nilai '{self.key}' harus bilangan bulat.")
        if isinstance(raw, str):
            raw = raw.strip()
            if not raw.lstrip("-").isdigit():
                raise SettingValueError(f"Nilai '{self.key}' harus bilangan bulat, bukan '{raw[:20]}'.")
            raw = int(raw)
        if not isinstance(raw, int):
            raise SettingValueError(f"Nilai '{self.key}' harus bilangan bulat.")
        if raw < self.minimum:
            raise SettingValueError(
                f"Nilai '{self.key}' paling kecil {self.minimum} hari kerja (diisi {raw})."
            )
        if raw > self.maximum:
            raise SettingValueError(
                f"Nilai '{self.key}' paling besar {self.maximum} hari kerja (diisi {raw})."
            )
        return raw


GROUP_DEADLINES = N_("Batas waktu laporan gratifikasi")
GROUP_GRATIFICATION_SLA = N_("Target layanan penanganan gratifikasi")
GROUP_COMPLAINT_SLA = N_("Target layanan penanganan pengaduan")

# The UPG may not give reporters more than the statutory 30 HK to report to KPK.
_STATUTORY_KPK_HK = deadlines.REPORT_TO_KPK.hk

_DEADLINE_SPECS = (
    SettingSpec(
        key="receipt_to_upg_hk",
        default=deadlines.DeadlineSettings.receipt_to_upg_hk,
        minimum=1,
        maximum=_STATUTORY_KPK_HK,
        label=N_("Batas lapor ke UPG (hari kerja sejak penerimaan)"),
        help=N_(
            "Berapa hari kerja sejak menerima gratifikasi pegawai wajib melapor ke UPG. "
            "Tidak boleh melebihi 30 hari kerja, batas lapor ke KPK."
        ),
        legal_basis="Perban BPIP 4/2021 Pasal 7 ayat (2): 10 hari kerja; instansi boleh menetapkan batas lebih pendek",
        group=GROUP_DEADLINES,
    ),
    SettingSpec(
        key="upg_to_kpk_hk",
        default=deadlines.DeadlineSettings.upg_to_kpk_hk,
        minimum=1,
        maximum=_STATUTORY_KPK_HK,
        label=N_("Batas UPG meneruskan laporan ke KPK (hari kerja sejak diterima UPG)"),
        help=N_(
            "Berapa hari kerja UPG meneruskan laporan ke KPK. Juga menjadi target layanan "
            "tahap diterima, verifikasi dan analisis."
        ),
        legal_basis="Perban BPIP 4/2021 Pasal 7 ayat (3); ketentuan internal UPG",
        group=GROUP_DEADLINES,
    ),
    SettingSpec(
        key="soon_within_hk",
        default=deadlines.DeadlineSettings.soon_within_hk,
        minimum=0,
        maximum=10,
        label=N_("Tanda \"segera\" (hari kerja sebelum batas waktu)"),
        help=N_("Batas waktu ditandai \"segera\" bila sisa hari kerjanya sebanyak ini atau kurang."),
        legal_basis="Pengaturan tampilan (bukan ketentuan hukum)",
        group=GROUP_DEADLINES,
    ),
)

# Workflow SLA keys that the deadline settings above already govern: one legal rule, one
# setting, so the workflow clock and the computed deadline cannot disagree.
SLA_ALIASES: dict[str, str] = {"gratifikasi.upg_ke_kpk_hk": "upg_to_kpk_hk"}

_SLA_TEXTS: dict[str, tuple[str, str]] = {
    "pengaduan.respon_hk": (
        N_("Target menanggapi pengaduan baru (hari kerja)"),
        N_("Pengaduan baru harus ditanggapi dalam jumlah hari kerja ini sejak diterima."),
    ),
    "pengaduan.selesai_tidak_berkadar_hk": (
        N_("Target penyelesaian pengaduan tidak berkadar pengawasan (hari kerja)"),
        N_("Sejak diterima, termasuk waktu penelaahan."),
    ),
    "pengaduan.selesai_berkadar_hk": (
        N_("Target penyelesaian pengaduan berkadar pengawasan (hari kerja)"),
        N_("Sejak diterima; pengaduan yang memerlukan pemeriksaan."),
    ),
}

# Workflow clocks whose days the law fixes and which rules.report_steps counts from their own
# day (KPK's decision: 30 HK from forwarding; hand-over: 7 HK from the SK's date): the case's
# due date follows that one function, so a tenant setting here would change nothing.
STATUTORY_SLA_KEYS = frozenset({"gratifikasi.penetapan_kpk_hk", "gratifikasi.serah_milik_negara_hk"})

_SLA_GROUPS = {"gratifikasi": GROUP_GRATIFICATION_SLA, "pengaduan": GROUP_COMPLAINT_SLA}
_SLA_MAXIMUM_HK = 250  # about one working year


def _sla_specs() -> tuple[SettingSpec, ...]:
    specs: dict[str, SettingSpec] = {}
    for machine in MACHINES.values():
        for state in machine.states.values():
            sla = state.sla
            if (sla is None or sla.setting_key in SLA_ALIASES or sla.setting_key in specs
                    or sla.setting_key in STATUTORY_SLA_KEYS):
                continue
            if sla.counted_from == "completion_deadline":
                continue  # the regulation sets it (reports.completion): not a tenant setting

            if sla.setting_key not in _SLA_TEXTS:
                raise RuntimeError(f"settings_registry: no label for workflow SLA key {sla.setting_key!r}")
            label, help_text = _SLA_TEXTS[sla.setting_key]
            specs[sla.setting_key] = SettingSpec(
                key=sla.setting_key,
                default=sla.working_days,
                minimum=1,  # effective_sla_days refuses 0
                maximum=_SLA_MAXIMUM_HK,
                label=label,
                help=help_text,
                legal_basis=sla.basis,
                group=_SLA_GROUPS.get(machine.name, GROUP_COMPLAINT_SLA),
            )
    return tuple(specs.values())


REGISTRY: dict[str, SettingSpec] = {spec.key: spec for spec in (*_DEADLINE_SPECS, *_sla_specs())}


def canonical_key(key: str) -> str:
    """The registry key for ``key`` (resolving workflow aliases)."""
    return SLA_ALIASES.get(key, key)


def spec_for(key: str) -> SettingSpec:
    try:
        return REGISTRY[canonical_key(key)]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise SettingValueError(f"Pengaturan '{key}' tidak dikenal. Yang tersedia: {known}.") from None


def workflow_sla_keys() -> frozenset[str]:
    """Every SLA setting key used by the workflow state machines (not the completion period,
    which the regulation sets)."""
    return frozenset(
        state.sla.setting_key
        for machine in MACHINES.values()
        for state in machine.states.values()
        if state.sla is not None and state.sla.counted_from != "completion_deadline"
        and state.sla.setting_key not in STATUTORY_SLA_KEYS
    )


# --- Choice settings -------------------------------------------------------------------------
# Settings whose value is one of a few named options. They are kept apart from REGISTRY (whose
# values are working days and which generates /admin/pengaturan and `flask settings`); each
# feature shows its own choice settings on its own page.


@dataclass(frozen=True)
class ChoiceSpec:
    """A setting whose value is one of ``choices`` (value, Indonesian label)."""

    key: str
    default: str
    choices: tuple[tuple[str, str], ...]
    label: str
    help: str
    legal_basis: str

    def parse(self, raw: Any) -> str:
        values = [value for value, _label in self.choices]
        if not isinstance(raw, str) or raw.strip() not in values:
            raise SettingValueError(f"Nilai '{self.key}' harus salah satu dari: {', '.join(values)}.")
        return raw.strip()


CHOICE_REGISTRY: dict[str, ChoiceSpec] = {
    spec.key: spec
    for spec in (
        ChoiceSpec(
            key="lke.area_check_mode",
            default="per_block",  # rules.lke_data.DEFAULT_AREA_CHECK_MODE: the stricter reading
            choices=(
                ("per_block", N_("Per blok: pemenuhan dan reform masing-masing diuji")),
                ("combined", N_("Gabungan: pemenuhan + reform per area diuji bersama")),
            ),
            label=N_("Cara menguji ambang 60 %/75 % per area LKE"),
            help=N_(
                "Ambang per area dapat diuji dua cara: tiap blok (pemenuhan dan reform) "
                "tersendiri, atau keduanya digabung. Per blok lebih ketat."
            ),
            legal_basis="PermenPANRB 90/2021 jo. PermenPANRB 5/2024",
        ),
    )
}


def choice_spec_for(key: str) -> ChoiceSpec:
    try:
        return CHOICE_REGISTRY[key]
    except KeyError:
        raise SettingValueError(f"Pengaturan '{key}' tidak dikenal.") from None
