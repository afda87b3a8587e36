"""Remove metadata that could identify a reporter (threat T6, T1): camera GPS, author names.

- Images: decoded and re-encoded with Pillow after applying the EXIF orientation, so EXIF
  (including GPS), XMP, ICC profiles and comments are not carried over.
- PDF: re-written with pypdf without the Info dictionary and XMP streams, and without active
  content (JavaScript, open and additional actions, launch and other active actions, embedded
  files, XFA, multimedia); an encrypted or unreadable PDF cannot be checked and is refused.
- Office Open XML and OpenDocument: the document-properties parts are replaced by empty
  ones (author, last editor, company, template, custom properties).
- Everything else is kept unchanged, with a warning that metadata may remain.

Pure module: no Flask. Input must already have passed :func:`..inspect.inspect_upload`.
"""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from ..rules.text import N_
from .inspect import InspectedFile, UploadRejected

__all__ = ["MAX_IMAGE_PIXELS", "Sanitised", "WARNINGS", "sanitise"]

MAX_IMAGE_PIXELS = 60_000_000  # ~ a 60-megapixel photo; larger is refused, not decoded
_MAX_UNZIPPED_BYTES = 300 * 1024 * 1024

# warning_id -> Indonesian msgid, for callers to translate and show next to the file.
WARNINGS = {
    "metadata_may_remain": N_(
        "Metadata berkas ini (misalnya nama pembuat) tidak dapat dihapus otomatis dan mungkin masih ada."
    ),
}


@dataclass(frozen=True)
class Sanitised:
    data: bytes
    metadata_removed: bool
    warning_id: str | None


def sanitise(inspected: InspectedFile, data: bytes) -> Sanitised:
    """A copy of the file without its metadata where we know how to remove it."""
    if inspected.kind == "image" and inspected.extension in _IMAGE_FORMATS:
        return Sanitised(_reencode_image(data, _IMAGE_FORMATS[inspected.extension]), True, None)
    if inspected.kind == "pdf":
        return _strip_pdf(data)
    if inspected.extension in _OOXML_PROPS:
        return Sanitised(_rewrite_zip(data, _OOXML_PROPS[inspected.extension]), True, None)
    if inspected.extension in ("odt", "ods"):
        return Sanitised(_rewrite_zip(data, _ODF_PROPS), True, None)
    return Sanitised(data, False, "metadata_may_remain")


# ---------------------------------------------------------------- images

_IMAGE_FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}  # HEIC: Pillow cannot decode it


def _reencode_image(data: bytes, fmt: str) -> bytes:
    broken = UploadRejected(N_("gambar rusak atau tidak dapat dibaca."))
    too_big = UploadRejected(N_("gambar terlalu besar (resolusinya)."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != fmt:
                    raise broken
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise too_big
                # Turn the pixels the way the camera said, since the EXIF tag goes away.
                upright = ImageOps.exif_transpose(image)
                upright.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise broken from None
    return _encode(upright, fmt)


def _encode(image: Image.Image, fmt: str) -> bytes:
    # A fresh image carries only pixels: info (EXIF, XMP, ICC, comments) is not copied.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if image.mode in ("P", "PA"):
        palette = image.getpalette()
        if palette is not None:
            clean.putpalette(palette)
    if "transparency" in image.info and isinstance(image.info["transparency"], (int, tuple)):
        clean.info["transparency"] = image.info["transparency"]
    out = io.BytesIO()
    if fmt == "JPEG":
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        clean.save(out, "JPEG", quality=90, optimize=True)
    elif fmt == "PNG":
        options = {"transparency": clean.info["transparency"]} if "transparency" in clean.info else {}
        clean.save(out, "PNG", optimize=True, **options)
    else:
        if clean.mode not in ("RGB", "RGBA"):
            clean = clean.convert("RGBA" if "A" in clean.mode or "transparency" in clean.info else "RGB")
        clean.save(out, "WEBP", quality=90)
    return out.getvalue()


# ---------------------------------------------------------------- PDF


# Keys whose values run or carry something: document and page scripts, open and additional
# actions, embedded files, XFA forms (scripted), multimedia.
_PDF_ACTIVE_KEYS = ("/JavaScript", "/JS", "/OpenAction", "/AA", "/EmbeddedFiles", "/XFA", "/RichMediaContent")
# Actions that run script, start programs, fetch or send data, or open embedded files.
_PDF_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE", "/RichMediaExecute",
                                 "/Rendition", "/Movie", "/Sound"})
# Annotations that exist only to carry a file or play media.
_PDF_ACTIVE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"})


def _strip_pdf(data: bytes) -> Sanitised:
    """Re-write the PDF without its metadata and without any active content.

    A PDF that cannot be parsed, or is encrypted, cannot be checked: it is refused (the
    message beside the field says how to fix it) rather than stored as it came.
    """
    pypdf_log = logging.getLogger("pypdf")
    previous, pypdf_log.disabled = pypdf_log.disabled, True  # its warnings may quote document text
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UploadRejected(_PDF_REFUSED)
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None  # the Info dictionary (Author, Title, Creator, ...)
        writer.xmp_metadata = None
        for page in writer.pages:
            for key in ("/Metadata", "/PieceInfo"):
                if key in page:
                    del page[key]
        for key in ("/Metadata", "/PieceInfo"):
            if key in writer._root_object:
                del writer._root_object[key]
        _remove_active_content(writer)
        cut = io.BytesIO()
        writer.write(cut)
        # Copied again from the root, so what was cut loose (the scripts, the embedded files'
        # streams) is not in the file at all.
        out = io.BytesIO()
        PdfWriter(clone_from=PdfReader(cut)).write(out)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        if isinstance(error, UploadRejected):
            raise
        raise UploadRejected(_PDF_REFUSED) from error
    finally:
        pypdf_log.disabled = previous
    return Sanitised(out.getvalue(), True, None)


_PDF_REFUSED = N_(
    "PDF ini terkunci (berkata sandi) atau rusak sehingga isinya tidak dapat diperiksa. "
    "Buka dan simpan ulang tanpa kata sandi (atau cetak ke PDF), lalu unggah lagi."
)


def _remove_active_content(writer: PdfWriter) -> None:
    """Walk every object of the document once and drop what can run or carry a file."""
    seen: set[int] = set()
    stack: list[object] = [writer._root_object, *writer._objects]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, DictionaryObject):
            for key in _PDF_ACTIVE_KEYS:
                if key in node:
                    del node[key]
            action = node.get("/A")
            if action is not None and action.get_object().get("/S") in _PDF_ACTIVE_ACTIONS:
                del node["/A"]
            annotations = node.get("/Annots")
            if annotations is not None and isinstance(annotations.get_object(), ArrayObject):
                kept = [a for a in annotations.get_object()
                        if a.get_object().get("/Subtype") not in _PDF_ACTIVE_ANNOTATIONS]
                node[NameObject("/Annots")] = ArrayObject(kept)
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)


# ---------------------------------------------------------------- office documents

_CORE_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)
_CUSTOM_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)
_ODF_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'office:version="1.2"><office:meta/></office:document-meta>'
)
_OOXML_COMMON = {"docProps/core.xml": _CORE_XML, "docProps/app.xml": _APP_XML, "docProps/custom.xml": _CUSTOM_XML}
_OOXML_PROPS = {"docx": _OOXML_COMMON, "xlsx": _OOXML_COMMON, "pptx": _OOXML_COMMON}
_ODF_PROPS = {"meta.xml": _ODF_META}


def _rewrite_zip(data: bytes, replacements: dict[str, bytes]) -> bytes:
    """Copy the zip entry by entry (same order and compression), replacing the property parts.

    Names inside the content (tracked-change and comment authors) are not touched.
    """
    damaged = UploadRejected(N_("dokumen rusak atau tidak dapat dibaca."))
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            if sum(info.file_size for info in source.infolist()) > _MAX_UNZIPPED_BYTES:
                raise damaged
            with zipfile.ZipFile(out, "w") as target:
                for info in source.infolist():
                    replacement = replacements.get(info.filename)
                    body = replacement if replacement is not None else source.read(info)
                    clean = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                    clean.compress_type = info.compress_type
                    clean.external_attr = 0o600 << 16
                    target.writestr(clean, body)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise damaged from None
    return out.getvalue()
