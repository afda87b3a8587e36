"""Labels for the working figures behind each computed LKE answer and for complaint
categories on the dashboards, so no page shows a raw key (``jumlah_kegiatan``, ``pengadaan``)."""
from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..complaints.forms import CATEGORY_LABELS
from ..rules.periods import Period
from .kpis import status_label as status_msgid

COUNT_LABELS: dict[str, Any] = {
    "harus": _l("Pengaduan yang harus ditindaklanjuti"),
    "selesai": _l("Selesai ditindaklanjuti"),
    "diproses": _l("Sedang diproses"),
    "dikecualikan": _l("Tidak dapat ditindaklanjuti"),
    "jumlah_pengaduan": _l("Pengaduan yang sudah direspon"),
    "median_respon_hk": _l("Median respon pertama (hari kerja)"),
    "sla_hk": _l("Target respon (hari kerja)"),
    "jumlah_kanal": _l("Kanal pengaduan"),
    "minimal_kanal": _l("Kanal minimal"),
    "periode": _l("Periode"),
    "jumlah_kegiatan": _l("Kegiatan tercatat"),
    "subperiode_wajib": _l("Subperiode wajib"),
    "subperiode_terisi": _l("Subperiode terisi"),
    "subperiode_kosong": _l("Subperiode kosong"),
    "jumlah_monev": _l("Laporan monev"),
    "rekomendasi": _l("Rekomendasi"),
    "rekomendasi_selesai": _l("Rekomendasi selesai"),
    "wbs_aktif": _l("WBS aktif"),
    "kebijakan_ditetapkan": _l("Kebijakan ditetapkan"),
    "inovasi": _l("Inovasi"),
    "sk_upg": _l("SK UPG"),
    "sop": _l("SOP"),
    "laporan_diproses": _l("Laporan diproses"),
    "rekap_wajib": _l("Rekap wajib"),
    "rekap_dikirim": _l("Rekap dikirim"),
    "rekap_tepat_waktu": _l("Rekap tepat waktu"),
    "diteruskan": _l("Diteruskan ke KPK"),
    "diteruskan_tepat_waktu": _l("Diteruskan tepat waktu"),
    "porsi_tepat_waktu": _l("Porsi tepat waktu"),
}


def count_label(key: str) -> str:
    """The label of a working figure; an unknown key is shown readable, never with underscores."""
    label = COUNT_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ").capitalize()


def category_label(key: str) -> str:
    """A complaint category as people read it."""
    label = CATEGORY_LABELS.get(key)
    return str(label) if label is not None else _("Lainnya")


MEASURE_LABELS: dict[str, Any] = {
    "semua": _l("Semua"),
    "tepat_waktu": _l("Dilaporkan ke UPG tepat waktu"),
    "terlambat": _l("Dilaporkan ke UPG terlambat"),
    "penolakan": _l("Laporan penolakan"),
    "diteruskan": _l("Diteruskan ke KPK"),
    "diproses": _l("Sedang diproses"),
    "lengkap_pertama": _l("Lengkap saat pertama dikirim"),
    "harus": _l("Harus ditindaklanjuti"),
    "selesai": _l("Selesai ditindaklanjuti"),
    "dikecualikan": _l("Tidak dapat ditindaklanjuti"),
}


def status_label(kind: str, status: str) -> str:
    """A workflow status in the visitor's language (the rules name it by an Indonesian msgid)."""
    return _(status_msgid(kind, status))


def measure_label(kind: str, measure: str) -> str:
    """What a drill-down list holds: ``status:diteruskan_kpk`` reads as that status' label."""
    if measure.startswith("status:"):
        return _("Status: %(s)s", s=status_label(kind, measure[7:]))
    if measure.startswith("kategori:"):
        return _("Kategori: %(c)s", c=category_label(measure[9:]))
    label = MEASURE_LABELS.get(measure)
    return str(label) if label is not None else measure.replace("_", " ").capitalize()


_ROMAN = ("I", "II", "III", "IV")


def period_label(period: Period, short: bool = False) -> str:
    """A period in the visitor's language: Triwulan I 2026 / Quarter I 2026; a month is
    Maret 2026 / March 2026 (``short``: Mar / Mar, for chart and table columns)."""
    locale = str(get_locale() or "id")
    if locale.startswith("id"):
        return period.label_id[:3] if short and period.kind == "month" else period.label_id
    if period.kind == "month":
        return format_date(date(period.year, period.index, 1), "LLL" if short else "LLLL y", locale=locale)
    if period.kind == "year":
        return _("Tahun %(y)s", y=period.year)
    name = _("Semester") if period.kind == "semester" else _("Triwulan")
    return f"{name} {_ROMAN[period.index - 1]} {period.year}"


def count_value(value: object) -> str:
    """A working figure as shown: periods named, yes/no words, two decimals, lists joined."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, Period):
        return period_label(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(count_value(item) for item in value) or "–"
    return str(value)
