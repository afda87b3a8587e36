"""Small files of each kind, built in the test (no binary fixtures in the repository)."""
from __future__ import annotations

import io
import zipfile

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ARTIST = 0x013B


def jpeg_with_gps(size: tuple[int, int] = (40, 20), orientation: int | None = None) -> bytes:
    """A JPEG whose EXIF names the artist and the place (Pasuruan: 7°38'S 112°54'E)."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ARTIST] = "Budi Santoso"
    exif[GPS_IFD] = {
        1: "S",                   # GPSLatitudeRef
        2: (7.0, 38.0, 45.0),     # GPSLatitude
        3: "E",                   # GPSLongitudeRef
        4: (112.0, 54.0, 30.0),   # GPSLongitude
    }
    if orientation is not None:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"kamera kantor")
    return out.getvalue()


def png(text: str | None = None) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    if text:
        info.add_text("Author", text)
    out = io.BytesIO()
    Image.new("RGBA", (8, 8), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 128, 0)).save(out, "WEBP")
    return out.getvalue()


def pdf(author: str = "Budi Santoso", title: str = "Bukti transfer rahasia") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": author, "/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def active_pdf() -> bytes:
    """A one-page PDF that runs JavaScript when opened, launches a program from a link, runs
    script on page open and carries an embedded file: every kind of active content."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    writer.add_attachment("PENANDA-lampiran.exe", b"MZ PENANDA-ISI-LAMPIRAN")
    script = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('PENANDA-SKRIP');"),
    }))
    names = writer._root_object["/Names"]  # made by add_attachment; document-level JavaScript joins it
    names[NameObject("/JavaScript")] = DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject("mulai"), script]),
    })
    launch = DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("PENANDA-program.exe"),
    })
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(50)]),
        NameObject("/A"): launch,
    })
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert('PENANDA-HALAMAN');"),
    })})
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('PENANDA-BUKA');"),
    })
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def damaged_pdf() -> bytes:
    """Starts like a PDF (so it is taken for one) but cannot be parsed."""
    return b"%PDF-1.7\n" + b"\x00garbage that is no PDF structure\n" * 20


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Budi Santoso"})
    writer.encrypt(user_password="rahasia", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Budi Santoso</dc:creator>'
    '<cp:lastModifiedBy>Siti Aminah</cp:lastModifiedBy><dc:title>Catatan pribadi</dc:title></cp:coreProperties>'
)
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8"?><Properties '
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    '<Company>CV Maju Jaya</Company><Application>Microsoft Office Word</Application></Properties>'
)


def docx(content_types: str = CONTENT_TYPES_DOCX, extra: dict[str, str] | None = None, *,
         body: str = "Isi dokumen tetap ada", compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """``compression=zipfile.ZIP_STORED`` keeps the body readable in the bytes, so a test can
    tell whether it is stored in clear anywhere."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("docProps/core.xml", CORE_XML)
        archive.writestr("docProps/app.xml", APP_XML)
        archive.writestr("word/document.xml", f"<w:document>{body}</w:document>")
        for name, body in (extra or {}).items():
            archive.writestr(name, body)
    return out.getvalue()


def xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def odt(meta_author: str = "Budi Santoso") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            "meta.xml",
            f"<office:document-meta><meta:initial-creator>{meta_author}</meta:initial-creator></office:document-meta>",
        )
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("bukti.txt", "isi")
    return out.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(100) + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01" + bytes(57)
MACHO = b"\xcf\xfa\xed\xfe" + bytes(60)
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + bytes(400)
MP3_FRAME = b"\xff\xfb\x90\x64" + bytes(400)
WAV = (
    b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00"
    b"\x02\x00\x10\x00data\x00\x00\x00\x00"
)
OGG = b"OggS\x00\x02" + bytes(20) + b"\x01\x1e\x01vorbis" + bytes(30)
AMR = b"#!AMR\n" + bytes(32)
M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + bytes(40)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(40)
GZIP = b"\x1f\x8b\x08\x00" + bytes(20)
