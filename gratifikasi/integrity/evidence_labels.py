"""Labels of the evidence records' vocabularies (document and activity kinds, monev scopes,
recommendation states): one place for the forms, the pages and the exports, so none shows a
raw key."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..models.integrity import ActivityKind, DocumentKind, MonevScope, MonevSource, RecommendationStatus

DOCUMENT_LABELS = {
    DocumentKind.sk_upg: _l("SK pembentukan UPG"),
    DocumentKind.sop: _l("SOP pengendalian gratifikasi"),
    DocumentKind.kebijakan_wbs: _l("Kebijakan WBS (SK/Perkada)"),
    DocumentKind.kebijakan_pengaduan: _l("Kebijakan pengaduan masyarakat"),
}
ACTIVITY_LABELS = {
    ActivityKind.public_campaign: _l("Public campaign (spanduk, media sosial, siaran)"),
    ActivityKind.sosialisasi: _l("Sosialisasi / bimbingan teknis"),
}
SCOPE_LABELS = {
    MonevScope.pengaduan: _l("Penanganan pengaduan masyarakat"),
    MonevScope.wbs: _l("Penerapan WBS"),
    MonevScope.keduanya: _l("Pengaduan masyarakat dan WBS"),
}
RECOMMENDATION_LABELS = {
    RecommendationStatus.terbuka: _l("Belum ditindaklanjuti"),
    RecommendationStatus.dalam_proses: _l("Sedang ditindaklanjuti"),
    RecommendationStatus.selesai: _l("Selesai ditindaklanjuti"),
}
SOURCE_LABELS = {
    MonevSource.rapat: _l("rapat"),
    MonevSource.laporan_aplikasi: _l("laporan aplikasi"),
}
