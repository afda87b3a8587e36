"""Bilingual labels of the report's categories, picked by the visitor's language.

The category texts live beside their enums as (Indonesian, English) pairs, so the
catalogue does not need to repeat them.
"""
from __future__ import annotations

from flask_babel import get_locale

from ..rules.exemptions import HubunganPemberi, JenisPeristiwa

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


def english() -> bool:
    return str(get_locale() or "id") == "en"


def label(pair: tuple[str, str]) -> str:
    """The Indonesian or English text of a (id, en) pair for the current request."""
    return pair[1] if english() else pair[0]
