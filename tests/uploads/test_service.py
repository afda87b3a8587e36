"""Checking, storing, opening and downloading attachments."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import delete, select, update
from werkzeug.datastructures import FileStorage

from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import NoAccess, rings
from gratifikasi.models import Attachment, AttachmentChunk, AuditEntry
from gratifikasi.uploads import service
from gratifikasi.uploads.inspect import UploadRejected
from tests.helpers import login
from tests.scan import database_hits
from tests.uploads import samples

SECRET_NAME = "bukti-suap-kadis-budi.pdf"
SECRET_TEXT = "Uang 50 juta diserahkan di rumah makan Sederhana oleh Pak Harjo."


def _file(name: str, data: bytes) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name, content_type="application/octet-stream")


def _grant_upg(app, crew):
    with app.app_context():
        rings.grant(RingPurpose.CASE, crew.officer("admin"), crew.key("admin"), crew.officer("upg"))


# ---------------------------------------------------------------- check_files


def test_check_files_accepts_good_files_and_ignores_empty_inputs(app):
    with app.test_request_context():
        files = [_file("a.pdf", samples.pdf()), _file("", b""), _file("b.txt", b"catatan")]
        assert service.check_files(files) == []


def test_oversize_file_refused_with_clear_message(app):
    app.config["UPLOAD_MAX_FILE_BYTES"] = 1024 * 1024  # 1 MB keeps the test light
    big = b"a" * (1024 * 1024 + 1)
    with app.test_request_context():
        errors = service.check_files([_file("rekaman.txt", big)])
    assert errors == ["Berkas 'rekaman.txt' berukuran 1,0 MB; batasnya 1,0 MB per berkas."]


def test_default_limits_are_20_mb_and_5_files(app):
    assert app.config["UPLOAD_MAX_FILE_BYTES"] == 20 * 1024 * 1024
    assert app.config["UPLOAD_MAX_FILES"] == 5
    assert app.config["MAX_CONTENT_LENGTH"] >= 5 * 20 * 1024 * 1024
    twenty_one_mb = b"a" * (21 * 1024 * 1024)
    with app.test_request_context():
        assert service.check_files([_file("besar.txt", twenty_one_mb)]) == [
            "Berkas 'besar.txt' berukuran 21 MB; batasnya 20 MB per berkas."
        ]


def test_too_many_files_refused(app):
    files = [_file(f"catatan{i}.txt", b"isi") for i in range(6)]
    with app.test_request_context():
        assert service.check_files(files) == ["Paling banyak 5 berkas per kiriman; Anda memilih 6 berkas."]


def test_type_refusal_names_the_file(app):
    with app.test_request_context():
        errors = service.check_files([_file("bukti.pdf", samples.PE), _file("kosong.txt", b"")])
    assert errors == [
        "Berkas 'bukti.pdf' ditolak: berkas program atau skrip tidak diterima.",
        "Berkas 'kosong.txt' kosong.",
    ]


def test_kinds_narrow_what_a_caller_accepts(app, crew):
    with app.test_request_context():
        assert service.check_files([_file("a.pdf", samples.pdf())], kinds=("pdf",)) == []
        assert service.check_files([_file("rekaman.txt", b"catatan")], kinds=("pdf", "image")) == [
            "Berkas 'rekaman.txt' ditolak: berkas teks tidak diterima di sini; yang diterima: PDF, gambar."
        ]
        # store_attachments refuses it too, should a caller skip check_files.
        with pytest.raises(UploadRejected):
            service.store_attachments("complaint", 41, [_file("b.txt", b"isi")], "reporter", kinds=("pdf",))
        assert db.session.execute(select(Attachment)).first() is None


@pytest.mark.parametrize("size, text", [(850, "850 B"), (12_800, "12 KB"), (1_468_006, "1,4 MB"),
                                        (15 * 1024 * 1024, "15 MB")])
def test_size_text_for_lists(size, text):
    assert service.size_text(size) == text


def test_messages_in_english_when_chosen(app):
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        errors = service.check_files([_file("bukti.pdf", samples.PE)])
    assert errors == ["File 'bukti.pdf' refused: programs and scripts are not accepted."]


# ---------------------------------------------------------------- store / open


def _store(app, crew, files, owner=("complaint", 41), uploaded_by="reporter", owner_dek=None):
    with app.app_context():
        rows = service.store_attachments(owner[0], owner[1], files, uploaded_by, owner_dek=owner_dek)
        db.session.commit()
        return [row.id for row in rows]


def test_store_and_open_round_trip_without_plaintext_in_the_database(app, crew):
    content = SECRET_TEXT.encode() * 3000  # ~190 KB: several 64 KiB chunks
    [text_id] = _store(app, crew, [_file("catatan-rahasia.txt", content)])
    [pdf_id] = _store(app, crew, [_file(SECRET_NAME, samples.pdf())])
    with app.app_context():
        row = db.session.get(Attachment, text_id)
        assert (row.owner_type, row.owner_id, row.kind, row.mime, row.size) == (
            "complaint", 41, "text", "text/plain", len(content),
        )
        assert row.uploaded_by == "reporter" and row.uploaded_by_officer_id is None and row.metadata_removed is False
        chunk_count = db.session.execute(
            select(db.func.count()).select_from(AttachmentChunk).where(AttachmentChunk.attachment_id == text_id)
        ).scalar_one()
        assert chunk_count == 3  # 3 × 64 KiB covers 192,000 bytes
        name, mime, data = service.open_attachment(crew.officer("admin"), crew.key("admin"), text_id)
        assert (name, mime, data) == ("catatan-rahasia.txt", "text/plain", content)
        name, mime, data = service.open_attachment(crew.officer("admin"), crew.key("admin"), pdf_id)
        assert name == SECRET_NAME and mime == "application/pdf" and data.startswith(b"%PDF")
        assert database_hits([SECRET_NAME, "catatan-rahasia", SECRET_TEXT[:30], "Budi Santoso", "Bukti transfer"]) == []


def test_stored_images_have_no_gps(app, crew):
    [image_id] = _store(app, crew, [_file("foto.jpg", samples.jpeg_with_gps())], uploaded_by=crew_officer_id(app, crew))
    with app.app_context():
        row = db.session.get(Attachment, image_id)
        assert row.uploaded_by == "officer" and row.uploaded_by_officer_id == crew.officer("upg").id
        assert row.metadata_removed is True
        _name, _mime, data = service.open_attachment(crew.officer("admin"), crew.key("admin"), image_id)
        assert b"Budi Santoso" not in data and b"Exif" not in data


def crew_officer_id(app, crew) -> int:
    with app.app_context():
        return crew.officer("upg").id


def test_a_damaged_image_is_refused_while_checking(app):
    damaged = samples.jpeg_with_gps((400, 300))[:300]  # the header says JPEG; the body is cut
    with app.test_request_context():
        (error,) = service.check_files([_file("foto.jpg", damaged)])
    assert "foto.jpg" in error and "gambar rusak" in error


def test_a_checked_file_is_cleaned_once(app, crew, monkeypatch):
    calls = []
    real = service.sanitise
    monkeypatch.setattr(service, "sanitise", lambda inspected, data: calls.append(1) or real(inspected, data))
    photo = _file("foto.jpg", samples.jpeg_with_gps())
    with app.test_request_context():
        assert service.check_files([photo]) == []
        (row,) = service.store_attachments("complaint", 1, [photo], "reporter")
        assert row.metadata_removed
    assert len(calls) == 1
    # A different file object (or changed content) is cleaned afresh.
    with app.test_request_context():
        service.store_attachments("complaint", 1, [_file("foto.jpg", samples.jpeg_with_gps())], "reporter")
    assert len(calls) == 2


def test_a_file_of_a_refused_kind_is_never_cleaned(app, crew, monkeypatch):
    """The kind is refused from the inspection alone: an unwanted photo is not re-encoded."""
    calls = []
    real = service.sanitise
    monkeypatch.setattr(service, "sanitise", lambda inspected, data: calls.append(1) or real(inspected, data))
    with app.test_request_context():
        (error,) = service.check_files([_file("foto.jpg", samples.jpeg_with_gps())], kinds=("pdf",))
        assert "foto.jpg" in error and "gambar" in error and "PDF" in error
        with pytest.raises(UploadRejected):
            service.store_attachments("complaint", 1, [_file("foto.jpg", samples.jpeg_with_gps())], "reporter",
                                      kinds=("pdf",))
    assert calls == []


def test_checking_reads_each_file_once(app, monkeypatch):
    reads = []
    real = service._read
    monkeypatch.setattr(service, "_read", lambda file: reads.append(file.filename) or real(file))
    with app.test_request_context():
        assert service.check_files([_file("foto.jpg", samples.jpeg_with_gps()), _file("a.pdf", samples.pdf())]) == []
    assert reads == ["foto.jpg", "a.pdf"]


def test_store_refuses_what_check_files_refuses(app, crew):
    with app.app_context(), pytest.raises(UploadRejected):
        service.store_attachments("complaint", 1, [_file("bukti.pdf", samples.PE)], "reporter")
    with app.app_context(), pytest.raises(ValueError):
        service.store_attachments("nonsense", 1, [_file("a.txt", b"x")], "reporter")


def test_non_member_cannot_open(app, crew):
    [attachment_id] = _store(app, crew, [_file("a.txt", b"isi")])
    with app.app_context():
        with pytest.raises(NoAccess):
            service.open_attachment(crew.officer("irban"), crew.key("irban"), attachment_id)
        with pytest.raises(NoAccess):
            service.open_attachment(crew.officer("admin"), None, attachment_id)
        with pytest.raises(NoAccess):
            service.open_attachment(crew.officer("admin"), crew.key("admin"), attachment_id + 100)


def test_tampered_chunks_are_detected(app, crew):
    first, second = _store(app, crew, [_file("a.txt", b"a" * 70000), _file("b.txt", b"b" * 70000)])
    with app.app_context():
        admin, key = crew.officer("admin"), crew.key("admin")
        # Swap the first chunks of the two files.
        a0 = db.session.get(AttachmentChunk, (first, 0)).ciphertext
        b0 = db.session.get(AttachmentChunk, (second, 0)).ciphertext
        first_chunk = update(AttachmentChunk).where(AttachmentChunk.attachment_id == first, AttachmentChunk.index == 0)
        db.session.execute(first_chunk.values(ciphertext=b0))
        db.session.commit()
        with pytest.raises(NoAccess):
            service.open_attachment(admin, key, first)
        db.session.execute(first_chunk.values(ciphertext=a0))
        db.session.commit()
        assert service.open_attachment(admin, key, first).data == b"a" * 70000
        # Drop the final chunk: truncation.
        db.session.execute(
            delete(AttachmentChunk).where(AttachmentChunk.attachment_id == second, AttachmentChunk.index == 1)
        )
        db.session.commit()
        with pytest.raises(NoAccess):
            service.open_attachment(admin, key, second)


def test_reporter_opens_with_the_owner_dek(app, crew):
    owner_dek = bytes(range(32))
    [attachment_id] = _store(
        app, crew, [_file("balasan.txt", b"jawaban petugas")], owner=("complaint", 5), owner_dek=owner_dek,
    )
    with app.app_context():
        opened = service.open_attachment_with_owner_dek("complaint", 5, owner_dek, attachment_id)
        assert (opened.filename, opened.data) == ("balasan.txt", b"jawaban petugas")
        with pytest.raises(NoAccess):
            service.open_attachment_with_owner_dek("complaint", 5, bytes(32), attachment_id)
        with pytest.raises(NoAccess):
            service.open_attachment_with_owner_dek("complaint", 6, owner_dek, attachment_id)


def test_filename_cleaning():
    assert service.clean_filename("C:\\Users\\budi\\Desktop\\bukti.pdf") == "bukti.pdf"
    assert service.clean_filename("../../etc/passwd") == "passwd"
    assert service.clean_filename("a\x00b\n.txt") == "ab.txt"
    assert service.clean_filename("") == "lampiran"
    long = "x" * 300 + ".pdf"
    assert service.clean_filename(long) == "x" * 196 + ".pdf"


# ---------------------------------------------------------------- download route


def test_download_is_an_attachment_never_inline(app, crew, frozen_clock):
    _grant_upg(app, crew)
    # An evidence file of the integrity pages: the UPG may open those (their rule is the role).
    [attachment_id] = _store(
        app, crew, [_file("Bukti Rapat – Ñusa.pdf", samples.pdf())], owner=("evidence_document", 7),
    )
    client = app.test_client()
    login(client, "upg")
    response = client.get(f"/lampiran/{attachment_id}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"Bukti Rapat _ Nusa.pdf\"; filename*=UTF-8''Bukti%20Rapat%20%E2%80%93%20%C3%91usa.pdf"
    )
    assert response.data.startswith(b"%PDF")
    with app.app_context():
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "attachment.downloaded")).scalar_one()
        assert entry.actor_id == crew.officer("upg").id and entry.object_id == str(attachment_id)
        assert "Bukti" not in str(entry.details)


def test_download_refused_for_non_member_and_anonymous(app, crew, frozen_clock):
    # irban may see evidence (the owner's rule) but holds no ring: the key refuses.
    [attachment_id] = _store(app, crew, [_file("a.txt", b"isi")], owner=("evidence_document", 7))
    anonymous = app.test_client().get(f"/lampiran/{attachment_id}")
    assert anonymous.status_code == 302 and "/masuk" in anonymous.headers["Location"]
    client = app.test_client()
    login(client, "irban")
    assert client.get(f"/lampiran/{attachment_id}").status_code == 404
    assert client.get(f"/lampiran/{attachment_id + 1}").status_code == 404
    with app.app_context():
        downloads = select(AuditEntry).where(AuditEntry.action == "attachment.downloaded")
        assert db.session.execute(downloads).first() is None


def test_request_too_large_page_names_the_limits(app):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = app.test_client().post("/masuk", data={"username": "x" * 2000})
    assert response.status_code == 413
    body = response.get_data(as_text=True)
    assert "paling banyak 5 berkas" in body and "20 MB" in body
