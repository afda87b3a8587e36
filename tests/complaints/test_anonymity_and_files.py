"""Anonymity by construction (threat T7) and safe attachments through the complaint form (T6)."""
from __future__ import annotations

import ast
import io
import logging
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import NoAccess
from gratifikasi.models import Attachment, Complaint, RecordKey
from gratifikasi.uploads import service as uploads
from tests.complaints.conftest import (
    form_data,
    grant_case_ring,
    latest_complaint,
    officer_asks,
    officer_view,
    start,
    submit,
)
from tests.conftest import make_app
from tests.scan import database_hits
from tests.uploads import samples

CLIENT_IP = "203.0.113.77"
USER_AGENT = "Mozilla/5.0 (Linux; Android 14) UniqueBrowser/987.654"
REFERRER = "https://referrer.example/halaman-rahasia"


def test_gunicorn_access_log_omits_address_user_agent_and_referrer():
    config = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    tree = ast.parse(config.read_text())
    values = {
        target.id: node.value
        for node in tree.body if isinstance(node, ast.Assign)
        for target in node.targets if isinstance(target, ast.Name)
    }
    log_format = ast.literal_eval(values["access_log_format"])
    for atom in ("%(h)s", "%(a)s", "%(f)s", "%({x-forwarded-for}i)s", "%({user-agent}i)s", "%({referer}i)s"):
        assert atom not in log_format
    assert "%(s)s" in log_format  # it still logs something useful


def test_no_ip_user_agent_or_referrer_in_database_or_logs(app, crew, caplog):
    grant_case_ring(crew)
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": CLIENT_IP, "HTTP_USER_AGENT": USER_AGENT, "HTTP_REFERER": REFERRER})
    caplog.set_level(logging.DEBUG)
    code = submit(client, lampiran=[(io.BytesIO(samples.jpeg_with_gps()), "foto.jpg")])
    client.post("/pengaduan/kotak", data={"kode": code})
    client.post("/pengaduan/kotak", data={"kode": code[:-1] + ("A" if code[-1] != "A" else "B")})
    client.post("/pengaduan/kotak/pesan", data={"pesan": "jawaban"})
    with app.app_context():
        assert database_hits([CLIENT_IP, USER_AGENT, "UniqueBrowser", REFERRER, "referrer.example"]) == []
    logged = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    for needle in (CLIENT_IP, "UniqueBrowser", "referrer.example", code, code.replace("-", "")):
        assert needle not in logged


def test_jpeg_gps_removed_through_the_form(app, client, crew):
    submit(client, lampiran=[(io.BytesIO(samples.jpeg_with_gps()), "lokasi.jpg")])
    complaint = latest_complaint(app)
    with app.app_context():
        (row,) = uploads.attachments_of("complaint", complaint.id)
        name, mime, data = uploads.open_attachment(crew.officer("admin"), crew.key("admin"), row.id)
        assert name == "lokasi.jpg" and mime == "image/jpeg"
        with Image.open(io.BytesIO(data)) as image:
            assert len(image.getexif()) == 0
        assert b"Budi Santoso" not in data and row.metadata_removed


def test_executable_named_pdf_is_refused_beside_the_field(app, client, crew):
    start(client)
    response = client.post(
        "/pengaduan/formulir",
        data=form_data(lampiran=[(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "bukti.pdf")]),
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Berkas &#39;bukti.pdf&#39; ditolak" in page or "Berkas 'bukti.pdf' ditolak" in page
    assert 'id="lampiran-error"' in page
    assert "Pilih lagi berkas Anda" in page  # files are not re-sent by browsers: say so
    assert "Petugas loket meminta uang pelicin" in page  # everything typed is kept
    with app.app_context():
        assert db.session.execute(select(Complaint)).first() is None
        assert db.session.execute(select(Attachment)).first() is None


def test_a_damaged_photo_is_refused_beside_the_field_not_with_a_server_error(app, client, crew):
    """A JPEG whose header passes the type check but whose body is cut off is found only when
    re-encoded: that happens while checking, so the form shows it and keeps what was typed."""
    start(client)
    damaged = samples.jpeg_with_gps((400, 300))[:300]
    response = client.post("/pengaduan/formulir", data=form_data(lampiran=[(io.BytesIO(damaged), "foto-rusak.jpg")]),
                           content_type="multipart/form-data")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="lampiran-error"' in page and "foto-rusak.jpg" in page and "gambar rusak" in page
    assert "Petugas loket meminta uang pelicin" in page
    with app.app_context():
        assert db.session.execute(select(Complaint)).first() is None
        assert db.session.execute(select(Attachment)).first() is None


def test_oversize_file_is_refused_with_a_clear_message(tmp_path):
    app = make_app(tmp_path, UPLOAD_MAX_FILE_BYTES=1024)
    client = app.test_client()
    start(client)
    response = client.post(
        "/pengaduan/formulir",
        data=form_data(lampiran=[(io.BytesIO(b"a" * 3000), "catatan.txt")]),
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    # 3000 bytes against a 1024-byte limit, shown in MB with an Indonesian decimal comma.
    assert "Berkas &#39;catatan.txt&#39; berukuran 0,0 MB; batasnya 0,0 MB per berkas." in page
    assert 'id="lampiran-error"' in page


def test_ktp_copy_is_sealed_to_the_identity_ring_only(app, client, crew):
    grant_case_ring(crew)
    submit(client, identitas="beri", pelapor_nama="Siti", pelapor_kontak="0812",
           ktp=(io.BytesIO(samples.jpeg_with_gps()), "MARKER-ktp.jpg"),
           lampiran=[(io.BytesIO(samples.png()), "bukti.png")])
    complaint = latest_complaint(app)
    assert complaint.ktp_attachment_id is not None
    with app.app_context():
        purposes = db.session.execute(
            select(RecordKey.purpose).where(RecordKey.record_type == "attachment",
                                            RecordKey.record_id == complaint.ktp_attachment_id)
        ).scalars().all()
        assert purposes == [RingPurpose.WHISTLEBLOWER_IDENTITY.value]
        # A case officer neither lists nor opens it.
        evidence = services_case_evidence(crew, complaint)
        assert [e.filename for e in evidence] == ["bukti.png"]
        try:
            uploads.open_attachment(crew.officer("irban"), crew.key("irban"), complaint.ktp_attachment_id)
        except NoAccess:
            pass
        else:
            raise AssertionError("a case officer opened the KTP copy")
        assert database_hits(["MARKER"]) == []


def services_case_evidence(crew, complaint):
    return officer_view(crew, complaint.id).attachments


def test_too_many_attachments_per_complaint(app, client, crew):
    app.config["COMPLAINT_MAX_ATTACHMENTS"] = 2
    code = submit(client, lampiran=[(io.BytesIO(samples.png()), "a.png"), (io.BytesIO(samples.png()), "b.png")])
    client.post("/pengaduan/kotak", data={"kode": code})
    one_more = {"pesan": "satu lagi", "lampiran": [(io.BytesIO(samples.png()), "c.png")]}
    response = client.post("/pengaduan/kotak/pesan", data=one_more, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "paling banyak memuat 2 lampiran (sudah ada 2)" in response.get_data(as_text=True)


def test_stolen_database_reveals_no_complaint_message_or_attachment(app, client, crew):
    """Threat T1: with every table copied, none of what the reporter or officer typed or sent shows."""
    grant_case_ring(crew)
    code = submit(
        client,
        apa="STOLEN-APA uang pelicin diminta setiap Senin di loket.",
        terlapor_nama="STOLEN-TERLAPOR", terlapor_jabatan="STOLEN-JABATAN", di_mana="STOLEN-DIMANA",
        kapan="STOLEN-KAPAN", mengapa="STOLEN-MENGAPA", bagaimana="STOLEN-BAGAIMANA", berapa="STOLEN-BERAPA",
        identitas="beri", pelapor_nama="STOLEN-NAMA", pelapor_nik="3575019999999999", pelapor_kontak="STOLEN-KONTAK",
        ktp=(io.BytesIO(samples.png("STOLEN-KTP-TEXT")), "STOLEN-ktp.png"),
        lampiran=[(io.BytesIO(b"STOLEN-CONTENT catatan transfer rekening 123\n"), "STOLEN-catatan.txt")],
    )
    complaint = latest_complaint(app)
    with app.app_context():
        officer_asks(crew, complaint.id, "STOLEN-QUESTION?")
    client.post("/pengaduan/kotak", data={"kode": code})
    client.post("/pengaduan/kotak/pesan", data={"pesan": "STOLEN-ANSWER",
                                                "lampiran": [(io.BytesIO(b"STOLEN-EVIDENCE 2\n"), "STOLEN-2.txt")]},
                content_type="multipart/form-data")
    with app.app_context():
        assert len(uploads.attachments_of("complaint", complaint.id)) == 3
        assert database_hits(["STOLEN", "3575019999999999", "rekening 123", code.replace("-", "")[6:]]) == []
