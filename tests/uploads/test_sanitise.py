"""Metadata removal: GPS and authors must not leave with the file (threats T1, T6)."""
from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from gratifikasi.uploads.inspect import UploadRejected, inspect_upload
from gratifikasi.uploads.sanitise import sanitise
from tests.uploads import samples


def _clean(name: str, data: bytes):
    return sanitise(inspect_upload(name, data), data)


def test_jpeg_loses_exif_gps_and_comment():
    original = samples.jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(samples.GPS_IFD)[1] == "S"  # the sample really has GPS
    result = _clean("foto.jpg", original)
    assert result.metadata_removed and result.warning_id is None
    with Image.open(io.BytesIO(result.data)) as after:
        assert after.format == "JPEG" and after.size == (40, 20)
        assert len(after.getexif()) == 0
        assert "exif" not in after.info and "comment" not in after.info and "icc_profile" not in after.info
    assert b"Budi Santoso" not in result.data and b"kamera kantor" not in result.data
    assert b"Exif" not in result.data


def test_orientation_is_applied_before_the_tag_is_dropped():
    # Orientation 6 = "rotate 90° clockwise to display": a 40×20 picture shows as 20×40.
    result = _clean("foto.jpg", samples.jpeg_with_gps(size=(40, 20), orientation=6))
    with Image.open(io.BytesIO(result.data)) as after:
        assert after.size == (20, 40)
        assert len(after.getexif()) == 0


def test_png_text_chunks_removed_and_transparency_kept():
    result = _clean("layar.png", samples.png(text="Budi Santoso"))
    assert result.metadata_removed
    assert b"Budi Santoso" not in result.data
    with Image.open(io.BytesIO(result.data)) as after:
        assert after.mode == "RGBA" and after.getpixel((0, 0)) == (0, 0, 255, 128)


def test_webp_reencoded():
    result = _clean("gambar.webp", samples.webp())
    with Image.open(io.BytesIO(result.data)) as after:
        assert after.format == "WEBP" and after.size == (8, 8)


def test_pdf_author_and_title_removed():
    original = samples.pdf()
    assert PdfReader(io.BytesIO(original)).metadata["/Author"] == "Budi Santoso"
    result = _clean("bukti.pdf", original)
    assert result.metadata_removed and result.warning_id is None
    reader = PdfReader(io.BytesIO(result.data))
    assert reader.metadata is None or ("/Author" not in reader.metadata and "/Title" not in reader.metadata)
    assert len(reader.pages) == 1
    assert b"Budi Santoso" not in result.data and b"Bukti transfer" not in result.data


def test_pdf_loses_javascript_actions_and_embedded_files():
    original = samples.active_pdf()
    for marker in (b"/JavaScript", b"/OpenAction", b"/Launch", b"/EmbeddedFile", b"PENANDA-ISI-LAMPIRAN"):
        assert marker in original, marker  # the sample really carries them
    result = _clean("aktif.pdf", original)
    assert result.metadata_removed and result.warning_id is None
    for marker in (b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/Launch", b"/EmbeddedFile", b"/EmbeddedFiles",
                   b"PENANDA"):
        assert marker not in result.data, marker
    reader = PdfReader(io.BytesIO(result.data))
    assert len(reader.pages) == 1 and not reader.attachments
    # The link annotation stays, without its action.
    (annotation,) = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert annotation["/Subtype"] == "/Link" and "/A" not in annotation


def test_encrypted_or_damaged_pdf_is_refused_with_a_clear_message():
    for name, data in (("terkunci.pdf", samples.encrypted_pdf()), ("rusak.pdf", samples.damaged_pdf())):
        with pytest.raises(UploadRejected) as refused:
            _clean(name, data)
        assert "PDF" in str(refused.value) and "simpan ulang" in str(refused.value), name


def test_docx_core_and_app_properties_removed():
    result = _clean("surat.docx", samples.docx())
    assert result.metadata_removed
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        core = archive.read("docProps/core.xml")
        app = archive.read("docProps/app.xml")
        assert b"Budi Santoso" not in core and b"Siti Aminah" not in core and b"Catatan pribadi" not in core
        assert b"coreProperties" in core  # still a valid, empty properties part
        assert b"CV Maju Jaya" not in app
        # The document itself is untouched, in the same order.
        assert archive.read("word/document.xml") == b"<w:document>Isi dokumen tetap ada</w:document>"
        assert archive.namelist()[0] == "[Content_Types].xml"
    assert b"Budi Santoso" not in result.data


def test_odt_meta_removed_and_mimetype_stays_first_and_stored():
    result = _clean("surat.odt", samples.odt())
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert b"Budi Santoso" not in archive.read("meta.xml")
    assert inspect_upload("surat.odt", result.data).extension == "odt"


def test_other_kinds_unchanged_with_a_warning():
    for name, data in (("catatan.txt", b"isi catatan"), ("suara.wav", samples.WAV), ("lama.doc", samples.OLE),
                       ("iphone.heic", samples.HEIC)):
        result = _clean(name, data)
        assert result.data == data
        assert result.metadata_removed is False and result.warning_id == "metadata_may_remain"
