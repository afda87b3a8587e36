"""Decide what an uploaded file is from its bytes, never from its name (threat T6).

The name only has to agree with the content: a file called ``bukti.pdf`` that is really a
Windows program is refused, and so is a real PDF called ``bukti.jpg``. Executables,
scripts, web pages (HTML/SVG/JS) and archives are refused whatever they are called.
Pure module: no Flask.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import filetype

from ..rules.text import N_, Text

__all__ = ["ALLOWED_EXTENSIONS", "InspectedFile", "UploadRejected", "inspect_upload"]


class UploadRejected(ValueError):
    """A refused upload (no file name in it): ``message`` is the msgid or message to translate,
    ``str()`` the Indonesian text."""

    def __init__(self, message: str | Text) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class InspectedFile:
    kind: str       # image | pdf | office | text | audio
    mime: str       # the type found in the content
    extension: str  # canonical extension for that type (e.g. "jpg")


# Canonical extension -> (kind, mime, extensions a name may carry for it).
_TYPES: dict[str, tuple[str, str, frozenset[str]]] = {
    "jpg": ("image", "image/jpeg", frozenset({"jpg", "jpeg", "jpe"})),
    "png": ("image", "image/png", frozenset({"png"})),
    "webp": ("image", "image/webp", frozenset({"webp"})),
    "heic": ("image", "image/heic", frozenset({"heic", "heif"})),
    "pdf": ("pdf", "application/pdf", frozenset({"pdf"})),
    "docx": ("office", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", frozenset({"docx"})),
    "xlsx": ("office", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", frozenset({"xlsx"})),
    "pptx": (
        "office", "application/vnd.openxmlformats-officedocument.presentationml.presentation", frozenset({"pptx"}),
    ),
    "odt": ("office", "application/vnd.oasis.opendocument.text", frozenset({"odt"})),
    "ods": ("office", "application/vnd.oasis.opendocument.spreadsheet", frozenset({"ods"})),
    # Legacy OLE files all look alike from the outside; the name picks among them.
    "doc": ("office", "application/msword", frozenset({"doc", "xls", "ppt"})),
    "txt": ("text", "text/plain", frozenset({"txt", "csv"})),
    "mp3": ("audio", "audio/mpeg", frozenset({"mp3"})),
    "m4a": ("audio", "audio/mp4", frozenset({"m4a"})),
    "ogg": ("audio", "audio/ogg", frozenset({"ogg", "oga", "opus"})),
    "wav": ("audio", "audio/wav", frozenset({"wav"})),
    "amr": ("audio", "audio/amr", frozenset({"amr"})),
}
ALLOWED_EXTENSIONS = frozenset(ext for _k, _m, names in _TYPES.values() for ext in names)

_OLE_MIMES = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}
_FILETYPE_TO_CANONICAL = {
    "jpg": "jpg", "png": "png", "webp": "webp", "heic": "heic", "pdf": "pdf",
    "mp3": "mp3", "m4a": "m4a", "ogg": "ogg", "wav": "wav", "amr": "amr",
}
_EXECUTABLE_MAGIC = (
    b"MZ",                      # Windows PE / DOS
    b"\x7fELF",                 # Linux
    b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf",  # Mach-O 32/64, big-endian
    b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",  # Mach-O, little-endian
    b"\xca\xfe\xba\xbe",        # Mach-O universal (also Java class files)
    b"#!",                      # scripts
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# Markup a browser would render or run if it ever got the chance.
_MARKUP_STARTS = ("<!doctype", "<html", "<head", "<body", "<svg", "<?xml", "<script", "<iframe", "<object", "<embed")
_MARKUP_ANYWHERE = ("<script", "<svg", "<iframe", "javascript:")
_MAX_ZIP_ENTRIES = 5000

_REFUSE_EXECUTABLE = N_("berkas program atau skrip tidak diterima.")
_REFUSE_ARCHIVE = N_("berkas arsip (zip, rar, 7z, dll.) tidak diterima; unggah dokumennya satu per satu.")
_REFUSE_WEB = N_("halaman web, SVG atau skrip tidak diterima.")
_REFUSE_MACRO = N_("dokumen Office dengan makro tidak diterima; simpan ulang sebagai .docx/.xlsx/.pptx biasa.")
_REFUSE_UNKNOWN = N_(
    "jenis berkas tidak dikenali. Yang diterima: gambar (JPG, PNG, WebP, HEIC), PDF, dokumen Office "
    "(DOC, DOCX, XLS, XLSX, PPTX, ODT, ODS), teks (TXT, CSV) dan rekaman suara (MP3, M4A, OGG, WAV, AMR)."
)


def _extension(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if "." not in name.strip("."):
        return ""
    return name.rsplit(".", 1)[-1].lower()


def _detect(data: bytes) -> str:
    """The canonical type of the content, or raise UploadRejected."""
    if data.startswith(b"#!AMR"):  # AMR voice notes start like a shebang line
        return "amr"
    if data.startswith(_EXECUTABLE_MAGIC):
        raise UploadRejected(_REFUSE_EXECUTABLE)
    if data.startswith(_OLE_MAGIC):
        return "doc"
    if data.startswith(_ZIP_MAGIC):
        return _detect_zip(data)
    guess = filetype.guess(data)
    if guess is not None:
        if guess.extension in _FILETYPE_TO_CANONICAL:
            return _FILETYPE_TO_CANONICAL[guess.extension]
        if guess.extension in {"exe", "elf", "wasm", "swf", "crx", "nes", "deb", "rpm"}:
            raise UploadRejected(_REFUSE_EXECUTABLE)
        if guess.mime.startswith("application/x-") or guess.extension in {
            "gz", "bz2", "7z", "xz", "zst", "br", "cab", "ar", "Z", "lz", "lz4", "lzo", "tar",
        }:
            raise UploadRejected(_REFUSE_ARCHIVE)
        raise UploadRejected(_REFUSE_UNKNOWN)
    if _is_mp3_frame(data):
        return "mp3"
    return _detect_text(data)


def _is_mp3_frame(data: bytes) -> bool:
    # MPEG audio without an ID3 tag starts with an 11-bit frame sync; filetype misses some.
    return len(data) > 4 and data[0] == 0xFF and (data[1] & 0xE0) == 0xE0 and (data[1] & 0x06) != 0


def _detect_text(data: bytes) -> str:
    if not data or b"\x00" in data:
        raise UploadRejected(_REFUSE_UNKNOWN)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRejected(_REFUSE_UNKNOWN) from None
    lowered = text.lstrip().lower()
    if lowered.startswith("#!"):
        raise UploadRejected(_REFUSE_EXECUTABLE)
    if lowered.startswith(_MARKUP_STARTS) or any(marker in lowered for marker in _MARKUP_ANYWHERE):
        raise UploadRejected(_REFUSE_WEB)
    return "txt"


def _detect_zip(data: bytes) -> str:
    """Office Open XML (docx/xlsx/pptx) and OpenDocument (odt/ods); any other zip is an archive."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRejected(_REFUSE_UNKNOWN) from None
    if len(names) > _MAX_ZIP_ENTRIES:
        raise UploadRejected(_REFUSE_ARCHIVE)
    with archive:
        if "[Content_Types].xml" in names:
            types = _read_small(archive, "[Content_Types].xml").lower()
            if b"macroenabled" in types or any(name.lower().endswith("vbaproject.bin") for name in names):
                raise UploadRejected(_REFUSE_MACRO)
            tops = {name.split("/", 1)[0] for name in names}
            for top, ext in (("word", "docx"), ("xl", "xlsx"), ("ppt", "pptx")):
                if top in tops:
                    return ext
            raise UploadRejected(_REFUSE_ARCHIVE)
        if names and names[0] == "mimetype":
            mimetype = _read_small(archive, "mimetype").strip()
            for ext in ("odt", "ods"):
                if mimetype == _TYPES[ext][1].encode():
                    if any(name.lower().startswith("basic/") or name.lower().startswith("scripts/") for name in names):
                        raise UploadRejected(_REFUSE_MACRO)
                    return ext
    raise UploadRejected(_REFUSE_ARCHIVE)


def _read_small(archive: zipfile.ZipFile, name: str, limit: int = 1024 * 1024) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise UploadRejected(_REFUSE_UNKNOWN)
    with archive.open(info) as handle:
        return handle.read(limit)


def inspect_upload(filename: str, data: bytes) -> InspectedFile:
    """What the file is, by content; refuse it if it is dangerous or its name disagrees.

    Raises :class:`UploadRejected`; the messages never repeat the file name, so a caller
    can prefix it (the reporter sees their own file name) without it reaching any log.
    """
    canonical = _detect(data)
    kind, mime, names = _TYPES[canonical]
    extension = _extension(filename)
    if extension not in names:
        allowed = ", ".join(sorted("." + name for name in names))
        raise UploadRejected(Text(
            N_("nama berkas tidak sesuai isinya (isinya %(found)s; akhiran yang cocok: %(allowed)s)."),
            {"found": canonical.upper(), "allowed": allowed},
        ))
    if canonical == "doc":
        return InspectedFile(kind, _OLE_MIMES[extension], extension)
    if canonical == "txt" and extension == "csv":
        return InspectedFile(kind, "text/csv", "csv")
    return InspectedFile(kind, mime, canonical)
