"""The KPK form PDF: every Ps. 16 element (and the PerKPK minimum) is in the text, it is
produced only for holders of both rings, audited, and never stored or cached."""
from __future__ import annotations

import io
import re
from datetime import date, datetime

import pypdf
from sqlalchemy import select

from gratifikasi.extensions import db
from gratifikasi.kpk.pdf import pdf_text, rupiah, tanggal
from gratifikasi.models import AuditEntry
from tests.copy_checks import copy_problems
from tests.helpers import login
from tests.kpk.helpers import CASE, IDENTITY, make_report
from tests.scan import database_hits


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    # Lines may wrap anywhere: compare on single-spaced text.
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())


def test_pdf_holds_every_ps16_element_and_the_perkpk_minimum(upg_crew):
    app = upg_crew.app
    with app.app_context():
        report_id = make_report()
    client = app.test_client()
    login(client, "upg")
    response = client.post(f"/perkara/gratifikasi/{report_id}/kpk/formulir.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="formulir-kpk-GRT-2026-000001.pdf"'
    assert "no-store" in response.headers["Cache-Control"]
    text = _text(response.data)

    # UU 30/2002 Ps. 16: (1) name and full address of recipient and giver.
    assert "Nama penerima Siti Aminah Rahmawati" in text
    assert ("Alamat lengkap penerima Jl. Pahlawan No. 12 RT 03 RW 02, Kebonsari, Panggungrejo, "
            "Kota Pasuruan 67126") in text
    assert "Nama pemberi Hendra Wijaya" in text
    assert "Alamat lengkap pemberi Jl. Soekarno-Hatta No. 45, Purworejo, Kota Pasuruan" in text
    # (2) the official's position.
    assert "Jabatan penerima Kepala Seksi Perizinan Usaha" in text
    # (3) place and time of receipt.
    assert "Tempat penerimaan Ruang layanan DPMPTSP lantai 2" in text
    assert "Waktu (tanggal) penerimaan 20 Februari 2026" in text
    # (4) description of the kind of gift, (5) its value: per object and in total.
    assert "Amplop cokelat berisi uang tunai pecahan seratus ribu" in text
    assert "Jam tangan pria merek Alba warna perak" in text
    assert "Uang atau setara uang" in text and "Barang" in text
    assert "Rp1.500.000" in text and "Rp2.750.000" in text
    assert "Jumlah nilai gratifikasi Rp4.250.000" in text
    # PerKPK 2/2019 minimum: NIK, telephone, chronology; and the report's own data.
    assert "NIK 3575014107900002" in text and "Nomor telepon 081234567890" in text
    assert "Setelah izin diserahkan, pemberi meninggalkan amplop dan jam tangan di meja layanan." in text
    assert "Tempat/tanggal lahir Pasuruan, 1 Juli 1990" in text
    assert "Nomor registrasi UPG GRT-2026-000001" in text
    assert "Dokumen dan data pendukung" in text and "Tidak ada lampiran." in text

    actions = _actions(app)
    assert actions[-2:] == ["identity.viewed", "report.kpk_form_generated"]
    # Decrypted only in memory: no cell in the database holds a plaintext value.
    with app.app_context():
        needles = [IDENTITY["nama"], IDENTITY["alamat"], IDENTITY["nik"], CASE["pemberi_nama"], CASE["kronologi"],
                   "Jam tangan pria merek Alba"]
        assert database_hits(needles) == []


def test_officer_without_the_identity_ring_gets_no_form(crew):
    from gratifikasi.crypto.rings import RingPurpose
    from gratifikasi.keyring import rings

    app = crew.app
    with app.app_context():
        rings.grant(RingPurpose.CASE, crew.officer("admin"), crew.key("admin"), crew.officer("upg"))
        report_id = make_report()
    client = app.test_client()
    login(client, "upg")
    response = client.post(f"/perkara/gratifikasi/{report_id}/kpk/formulir.pdf")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/perkara/gratifikasi/{report_id}/kpk")
    page = client.get(f"/perkara/gratifikasi/{report_id}/kpk").get_data(as_text=True)
    assert "tidak memegang kunci kasus dan kunci identitas" in page
    assert "identity.viewed" not in _actions(app) and "report.kpk_form_generated" not in _actions(app)


def test_form_is_post_only_with_csrf(upg_crew):
    app = upg_crew.app
    with app.app_context():
        report_id = make_report()
    client = app.test_client()
    login(client, "upg")
    assert client.get(f"/perkara/gratifikasi/{report_id}/kpk/formulir.pdf").status_code == 405
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/perkara/gratifikasi/{report_id}/kpk/formulir.pdf").status_code == 400
    assert "report.kpk_form_generated" not in _actions(app)


def test_pdf_helpers_format_indonesian_dates_money_and_any_typed_text():
    assert tanggal(date(2026, 8, 17)) == "17 Agustus 2026"
    assert rupiah(1_500_000) == "Rp1.500.000" and rupiah(0) == "Rp0"
    # Core PDF fonts are Latin-1: typographic punctuation is mapped, accents stripped, the rest '?'.
    assert pdf_text("“Budi” – CV Maju…") == '"Budi" - CV Maju...'
    assert pdf_text("Ḿuhammad Zoë") == "Muhammad Zoë"
    assert pdf_text("会社") == "??"


def _form_text(app) -> str:
    """The KPK form of a new report, downloaded by the UPG officer, as text."""
    with app.app_context():
        report_id = make_report()
    client = app.test_client()
    login(client, "upg")
    return _text(client.post(f"/perkara/gratifikasi/{report_id}/kpk/formulir.pdf").data)


def test_the_printed_time_is_jakarta_time(upg_crew, frozen_clock):
    """Printed at 20:30 UTC on 2 March: in Pasuruan it is already 03.30 WIB on 3 March."""
    frozen_clock.now = datetime(2026, 3, 2, 20, 30)
    text = _form_text(upg_crew.app)
    assert "Dicetak dari sistem pada 3 Maret 2026 pukul 03.30 WIB" in text
    assert "UTC" not in text


def test_the_kpk_form_has_finished_copy(upg_crew):
    """No backtick, developer note or raw key in the form sent to KPK (issue 16)."""
    assert copy_problems({"formulir.pdf": _form_text(upg_crew.app)}) == []
