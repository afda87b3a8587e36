"""Indonesian labels of the categorical report fields, for exports and the KPK form.

Official KPK documents are in Indonesian, so these do not follow the UI language.
"""
from __future__ import annotations

from ..rules.exemptions import HubunganPemberi, JenisPeristiwa
from ..rules.report_fields import JENIS_LAPORAN_LABELS, JENIS_OBJEK_LABELS, LOKASI_OBJEK_LABELS
from ..rules.workflow import GRATIFICATION

PERISTIWA_LABELS: dict[str, str] = {
    JenisPeristiwa.ACARA_ADAT: "Acara adat",
    JenisPeristiwa.KEAGAMAAN: "Keagamaan",
    JenisPeristiwa.TUGAS_PELAYANAN: "Terkait tugas pelayanan",
    JenisPeristiwa.TUGAS_NON_PELAYANAN: "Terkait tugas non-pelayanan",
    JenisPeristiwa.ULANG_TAHUN: "Ulang tahun",
    JenisPeristiwa.MUTASI_PROMOSI_PISAH_SAMBUT: "Mutasi/promosi/pisah sambut",
    JenisPeristiwa.PERNIKAHAN: "Pernikahan",
    JenisPeristiwa.SEMINAR_DIKLAT_WORKSHOP: "Seminar/diklat/workshop",
    JenisPeristiwa.LAINNYA: "Lainnya",
}

HUBUNGAN_LABELS: dict[str, str] = {
    HubunganPemberi.KELUARGA: "Keluarga",
    HubunganPemberi.PIHAK_TERKAIT_TUGAS: "Pihak terkait tugas (penyedia, penerima layanan, pengawasan)",
    HubunganPemberi.SESAMA_PEGAWAI: "Sesama pegawai",
    HubunganPemberi.TIDAK_DIKETAHUI: "Identitas tidak diketahui",
    HubunganPemberi.LAINNYA: "Lainnya",
}

DECISION_LABELS: dict[str, str] = {
    "milik_penerima": "Milik penerima",
    "milik_negara": "Milik negara",
    "milik_negara_dapat_dikompensasi": "Milik negara, dapat diganti dengan sejumlah uang",
}


def _value(member: object) -> str:
    return str(getattr(member, "value", member))


def label(table: dict, member: object) -> str:
    """The label of an enum member (or its value); the raw value if unknown."""
    key = _value(member)
    for known, text in table.items():
        if _value(known) == key:
            return text[0] if isinstance(text, tuple) else text
    return key


def jenis_laporan(member: object) -> str:
    return label(JENIS_LAPORAN_LABELS, member)


def jenis_objek(member: object) -> str:
    return label(JENIS_OBJEK_LABELS, member)


def lokasi_objek(member: object) -> str:
    return label(LOKASI_OBJEK_LABELS, member)


def status(state_id: str) -> str:
    return GRATIFICATION.states[state_id].label_id if state_id in GRATIFICATION.states else state_id
