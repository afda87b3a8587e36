"""Fixtures for gratification reports: rings ready, a unit, the UPG officer in both rings."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import rings
from gratifikasi.models import Unit
from gratifikasi.reports.views import NONCE_KEY
from tests.helpers import seed_unit
from tests.keyring.conftest import crew  # noqa: F401

# Markers that must never appear in a stolen database (tests/scan.py).
MARKERS = {
    "nama": "Sri Wahyuni Penandanama",
    "nik": "3575014507850003",
    "nip": "198507152010012003",
    "tempat_lahir": "Penandalahir",
    "alamat": "Jl. Penandaalamat No. 7, Pasuruan",
    "telepon": "0343 4210099",
    "email": "sri.penanda@example.go.id",
    "jabatan": "Penandajabatan Puskesmas",
    "instansi": "Pemerintah Kota Penandainstansi",
    "pemberi_nama": "CV Penandapemberi",
    "pemberi_instansi": "PT Penandaperusahaan",
    "pemberi_alamat": "Jl. Penandajalanpemberi 9",
    "alasan_pemberian": "Penandaalasan terima kasih",
    "tempat_penerimaan": "Ruang Penandatempat",
    "kronologi": "Penandakronologi: parsel diantar ke ruang kerja setelah rapat pengadaan.",
    "uraian1": "Penandaobjeksatu parsel kue",
    "uraian2": "Penandaobjekdua voucher belanja",
}


@pytest.fixture
def ready(app, crew, frozen_clock):  # noqa: F811
    """Rings initialised, the UPG officer in the case and identity rings, one unit.

    The clock stands at Monday 2026-03-02 08:00 WIB.
    """
    seed_unit(app, "DINKES", "Dinas Kesehatan", "dinas")
    with app.app_context():
        admin = crew.officer("admin")
        for purpose in (RingPurpose.CASE, RingPurpose.GRATIFICATION_IDENTITY):
            rings.grant(purpose, admin, crew.key("admin"), crew.officer("upg"))
    return crew


def unit_id(app) -> int:
    with app.app_context():
        return db.session.execute(select(Unit.id).where(Unit.code == "DINKES")).scalar_one()


def report_data(app, **overrides) -> dict:
    """A complete, valid report with two objects (form field names as posted)."""
    m = MARKERS
    data = {
        "jenis_laporan": "penerimaan",
        "nama": m["nama"], "nik": m["nik"], "nip": m["nip"], "tempat_lahir": m["tempat_lahir"],
        "tanggal_lahir": "1985-07-15", "jabatan": m["jabatan"], "unit_id": str(unit_id(app)),
        "instansi": m["instansi"], "alamat": m["alamat"], "telepon": m["telepon"], "email": m["email"],
        "pemberi_nama": m["pemberi_nama"], "pemberi_instansi": m["pemberi_instansi"],
        "pemberi_alamat": m["pemberi_alamat"], "hubungan_pemberi": "pihak_terkait_tugas",
        "alasan_pemberian": m["alasan_pemberian"], "jenis_peristiwa": "tugas_pelayanan",
        "tanggal_penerimaan": "2026-02-20", "tempat_penerimaan": m["tempat_penerimaan"], "kronologi": m["kronologi"],
        "objects-0-jenis_objek": "makanan_hidangan", "objects-0-uraian": m["uraian1"],
        "objects-0-nilai_taksiran": "Rp 750.000", "objects-0-lokasi_objek": "disalurkan_sosial",
        "objects-1-jenis_objek": "voucher", "objects-1-uraian": m["uraian2"],
        "objects-1-nilai_taksiran": "1.500.000", "objects-1-lokasi_objek": "dititipkan_upg",
        "minta_kompensasi": "y", "kirim": "Kirim laporan",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def open_form(client) -> str:
    """GET the form (as a browser would) and return its one-time nonce."""
    assert client.get("/laporan-gratifikasi").status_code == 200
    with client.session_transaction() as sess:
        return sess[NONCE_KEY]


def submit(client, app, files=None, **overrides):
    data = report_data(app, **overrides)
    data["nonce"] = open_form(client)
    if files:
        data["lampiran"] = files
    return client.post("/laporan-gratifikasi", data=data, content_type="multipart/form-data", follow_redirects=True)


CODE_RE = re.compile(r'data-testid="kode-akses">([A-Z0-9-]+)<')
NUMBER_RE = re.compile(r'data-testid="nomor-laporan">(GRT-\d{4}-\d{6})<')


def receipt_of(response) -> tuple[str, str]:
    html = response.get_data(as_text=True)
    return NUMBER_RE.search(html).group(1), CODE_RE.search(html).group(1)
