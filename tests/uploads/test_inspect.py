"""Type by content, never by name (threat T6)."""
from __future__ import annotations

import pytest

from gratifikasi.uploads.inspect import InspectedFile, UploadRejected, inspect_upload
from tests.uploads import samples

ACCEPTED = [
    ("foto.jpg", samples.jpeg_with_gps, InspectedFile("image", "image/jpeg", "jpg")),
    ("FOTO.JPEG", samples.jpeg_with_gps, InspectedFile("image", "image/jpeg", "jpg")),
    ("layar.png", samples.png, InspectedFile("image", "image/png", "png")),
    ("gambar.webp", samples.webp, InspectedFile("image", "image/webp", "webp")),
    ("iphone.heic", lambda: samples.HEIC, InspectedFile("image", "image/heic", "heic")),
    ("bukti.pdf", samples.pdf, InspectedFile("pdf", "application/pdf", "pdf")),
    ("surat.docx", samples.docx,
     InspectedFile("office", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")),
    ("tabel.xlsx", samples.xlsx,
     InspectedFile("office", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")),
    ("surat.odt", samples.odt, InspectedFile("office", "application/vnd.oasis.opendocument.text", "odt")),
    ("lama.doc", lambda: samples.OLE, InspectedFile("office", "application/msword", "doc")),
    ("lama.xls", lambda: samples.OLE, InspectedFile("office", "application/vnd.ms-excel", "xls")),
    ("catatan.txt", lambda: "Rapat tanggal 3, uang diserahkan.\n".encode(), InspectedFile("text", "text/plain", "txt")),
    ("daftar.csv", lambda: b"nama,nilai\nA,1\n", InspectedFile("text", "text/csv", "csv")),
    ("rekaman.mp3", lambda: samples.MP3_ID3, InspectedFile("audio", "audio/mpeg", "mp3")),
    ("rekaman2.mp3", lambda: samples.MP3_FRAME, InspectedFile("audio", "audio/mpeg", "mp3")),
    ("suara.m4a", lambda: samples.M4A, InspectedFile("audio", "audio/mp4", "m4a")),
    ("suara.ogg", lambda: samples.OGG, InspectedFile("audio", "audio/ogg", "ogg")),
    ("suara.wav", lambda: samples.WAV, InspectedFile("audio", "audio/wav", "wav")),
    ("pesan-suara.amr", lambda: samples.AMR, InspectedFile("audio", "audio/amr", "amr")),
]


@pytest.mark.parametrize(("name", "build", "expected"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_accepted_types(name, build, expected):
    assert inspect_upload(name, build()) == expected


def _refusal(name: str, data: bytes) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(name, data)
    assert str(caught.value) and caught.value.message
    assert name not in str(caught.value)  # callers add the name; never in a log
    return caught.value


def test_pdf_name_with_executable_content_is_refused():
    refusal = _refusal("bukti.pdf", samples.PE)
    assert "program" in str(refusal)


@pytest.mark.parametrize(
    ("name", "data"),
    [("aplikasi.exe", samples.PE), ("lampiran.docx", samples.ELF), ("foto.jpg", samples.MACHO),
     ("catatan.txt", b"#!/bin/sh\necho x\n")],
)
def test_executables_and_scripts_are_refused(name, data):
    assert "program" in str(_refusal(name, data))


@pytest.mark.parametrize(
    "text",
    [b"<!DOCTYPE html><p>x</p>", b"  <html><body>x</body></html>", b'<svg xmlns="http://www.w3.org/2000/svg"/>',
     b'<?xml version="1.0"?><svg/>', b"catatan biasa\n<script>alert(1)</script>"],
)
def test_web_content_is_refused_even_as_txt(text):
    assert "web" in str(_refusal("catatan.txt", text))


def test_archives_other_than_office_are_refused():
    assert "arsip" in str(_refusal("bukti.zip", samples.plain_zip()))
    assert "arsip" in str(_refusal("bukti.docx", samples.plain_zip()))
    assert "arsip" in str(_refusal("bukti.gz", samples.GZIP))


def test_macro_enabled_office_is_refused():
    macro_types = samples.CONTENT_TYPES_DOCX.replace("document.main+xml", "document.macroEnabled.main+xml")
    assert "makro" in str(_refusal("surat.docx", samples.docx(content_types=macro_types)))
    assert "makro" in str(_refusal("surat.docx", samples.docx(extra={"word/vbaProject.bin": "x"})))


def test_name_content_mismatch_is_refused():
    refusal = _refusal("foto.jpg", samples.pdf())
    assert str(refusal) == "nama berkas tidak sesuai isinya (isinya PDF; akhiran yang cocok: .pdf)."
    _refusal("surat.pdf", samples.docx())
    _refusal("tanpa-akhiran", samples.pdf())
    _refusal("rekaman.txt", samples.MP3_ID3)


def test_binary_or_unknown_content_is_refused():
    assert "tidak dikenali" in str(_refusal("data.txt", b"abc\x00def"))
    assert "tidak dikenali" in str(_refusal("data.txt", "Windows-1252 \xe9".encode("cp1252")))
    assert "tidak dikenali" in str(_refusal("kosong.txt", b""))
