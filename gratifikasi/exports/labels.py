"""Indonesian labels of the categorical report fields, for exports and the KPK form.

Official KPK documents are in Indonesian, so these do not follow the UI language: they are
the Indonesian msgids the forms translate, printed as they are.
"""
from __future__ import annotations

from ..rules.report_fields import (  # noqa: F401 (HUBUNGAN/PERISTIWA read via labels.*)
    HUBUNGAN_LABELS,
    JENIS_LAPORAN_LABELS,
    JENIS_OBJEK_LABELS,
    LOKASI_OBJEK_LABELS,
    PERISTIWA_LABELS,
)
from ..rules.workflow import GRATIFICATION

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
            return text
    return key


def jenis_laporan(member: object) -> str:
    return label(JENIS_LAPORAN_LABELS, member)


def jenis_objek(member: object) -> str:
    return label(JENIS_OBJEK_LABELS, member)


def lokasi_objek(member: object) -> str:
    return label(LOKASI_OBJEK_LABELS, member)


def status(state_id: str) -> str:
    return GRATIFICATION.states[state_id].label if state_id in GRATIFICATION.states else state_id
