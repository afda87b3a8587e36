"""Labels the case pages show for categorical values, in the visitor's language.

One helper, :func:`text`, turns any label the rules or forms define into the text to show,
so the templates never carry raw keys (``pengadaan``) or pick a language themselves.
"""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..complaints.forms import CATEGORY_LABELS, CHANNEL_LABELS
from ..kpk.forms import DECISION_CHOICES, FOLLOW_UP_LABELS
from ..models.case import CaseKind
from ..rules.report_fields import (
    HUBUNGAN_LABELS,
    JENIS_LAPORAN_LABELS,
    JENIS_OBJEK_LABELS,
    LOKASI_OBJEK_LABELS,
    PERISTIWA_LABELS,
)
from ..rules.routing import REASON_LABELS


def text(label: Any) -> str:
    """A label as shown: a catalogue msgid translated, or a lazy text made a string."""
    return _(label) if isinstance(label, str) else str(label)


def _by_value(table: dict) -> dict[str, str]:
    return {str(getattr(key, "value", key)): text(label) for key, label in table.items()}


def categories(kind: CaseKind) -> list[tuple[str, str]]:
    """(value, label) of the categories a queue of ``kind`` can filter on."""
    table = JENIS_LAPORAN_LABELS if kind is CaseKind.gratifikasi else CATEGORY_LABELS
    return list(_by_value(table).items())


def for_template() -> dict[str, dict[str, str]]:
    """Every value → label table the case page needs, keyed by the field's name."""
    return {
        "jenis_laporan": _by_value(JENIS_LAPORAN_LABELS), "hubungan_pemberi": _by_value(HUBUNGAN_LABELS),
        "jenis_peristiwa": _by_value(PERISTIWA_LABELS), "jenis_objek": _by_value(JENIS_OBJEK_LABELS),
        "lokasi_objek": _by_value(LOKASI_OBJEK_LABELS), "category": _by_value(CATEGORY_LABELS),
        "channel": _by_value(CHANNEL_LABELS), "route_reason": _by_value(REASON_LABELS),
        "decision": {choice.value: str(choice.label) for choice in DECISION_CHOICES},
        "follow_up": _by_value(FOLLOW_UP_LABELS),
    }


__all__ = ["categories", "for_template", "text"]
