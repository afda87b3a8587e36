"""Checking, storing and opening attachments (threat T6).

Callers (report and complaint intake, messages, integrity evidence) call :func:`check_files`
while validating their form, then :func:`store_attachments` inside their own transaction once
the owner row has an id. Officers open files with :func:`open_attachment`; a reporter who
holds the owner record's DEK (from their code) uses :func:`open_attachment_with_owner_dek`.

Who may open an owner's files is not decided here: the download route asks the owner's rule
(``attachments.access``) first; this module only opens the key, which needs the ring.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from .. import audit, clock
from ..extensions import db
from ..i18n import translate
from ..keyring import CryptoError, NoAccess, RingPurpose, vault
from ..models import Attachment, AttachmentChunk, Officer
from ..models.attachment import OWNER_TYPES
from ..rules.text import N_
from .inspect import InspectedFile, UploadRejected, inspect_upload
from .sanitise import WARNINGS, Sanitised, sanitise

__all__ = [
    "KIND_LABELS",
    "RECORD_TYPE",
    "OpenedAttachment",
    "attachments_of",
    "attachments_of_many",
    "check_files",
    "display_filename",
    "non_empty",
    "open_attachment",
    "open_attachment_with_owner_dek",
    "readable_filename",
    "refusal_text",
    "size_text",
    "store_attachments",
    "warning_text",
]

RECORD_TYPE = "attachment"
MAX_FILENAME_CHARS = 200

# The kinds inspect_upload() tells apart, as people call them (lists and refusals).
KIND_LABELS = {
    "image": _l("gambar"),
    "pdf": "PDF",
    "office": _l("dokumen Office"),
    "text": _l("teks"),
    "audio": _l("rekaman suara"),
}



@dataclass(frozen=True)
class OpenedAttachment:
    filename: str
    mime: str
    data: bytes

    def __iter__(self):  # unpacks as (filename, mime, data)
        return iter((self.filename, self.mime, self.data))


# ---------------------------------------------------------------- checking


def non_empty(files: Iterable[FileStorage | None]) -> list[FileStorage]:
    """Browsers send an empty part for an unused file input; those are not files."""
    return [f for f in files if f is not None and (f.filename or "").strip() != ""]


def _size(file: FileStorage) -> int:
    stream = file.stream
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


def _read(file: FileStorage) -> bytes:
    file.stream.seek(0)
    data = file.stream.read()
    file.stream.seek(0)
    return data


# A file's checked and cleaned form, kept on the request's FileStorage by check_files() so that
# store_attachments() does not re-encode it: (the bytes it was made from, type, clean bytes).
_PREPARED_ATTR = "_gratifikasi_prepared"


class KindNotAccepted(UploadRejected):
    """A well-formed file of a kind this form does not take (e.g. audio as an agency letter)."""

    def __init__(self, kind: str) -> None:
        super().__init__(N_("jenis berkas ini tidak diterima di sini."))
        self.kind = kind


def _prepared(name: str, file: FileStorage, kinds: tuple[str, ...] | None) -> tuple[InspectedFile, Sanitised]:
    """Inspect and sanitise the file (raises UploadRejected), once per request.

    The kind is refused before sanitising, so an unwanted file is never re-encoded. Sanitising
    is part of checking: a damaged image or document is only found when it is re-encoded, and
    must be refused with the form's other errors, not fail while storing.
    """
    data = _read(file)
    memo = getattr(file, _PREPARED_ATTR, None)
    if memo is not None and memo[0] == data:
        inspected, clean = memo[1], memo[2]
    else:
        inspected, clean = inspect_upload(name, data), None
    if kinds is not None and inspected.kind not in kinds:
        raise KindNotAccepted(inspected.kind)
    if clean is None:
        clean = sanitise(inspected, data)
        setattr(file, _PREPARED_ATTR, (data, inspected, clean))
    return inspected, clean


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.1f}".replace(".", ",") if value < 10 else str(round(value))


def size_text(size: int) -> str:
    """A stored file's size for lists: "850 B", "12 KB", "1,4 MB"."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{_megabytes(size)} MB"


def refusal_text(filename: str | None, error: UploadRejected) -> str:
    """The message for a refused file, naming it (the sender's own name for it)."""
    return _("Berkas '%(name)s' ditolak: %(reason)s", name=clean_filename(filename), reason=translate(error.message))


def clean_filename(raw: str | None) -> str:
    """The base name as typed by the user, without paths and control characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = name.strip().strip(".") or "lampiran"
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        keep_ext = dot and len(ext) <= 10
        name = (stem[: MAX_FILENAME_CHARS - len(ext) - 1] + dot + ext) if keep_ext else name[:MAX_FILENAME_CHARS]
    return name


def _kinds_text(kinds: Iterable[str]) -> str:
    return ", ".join(str(KIND_LABELS[kind]) for kind in kinds)


def check_files(files: Iterable[FileStorage | None], *, kinds: Iterable[str] | None = None) -> list[str]:
    """Errors (Indonesian, or English if chosen) for the files of one submission; [] if fine.

    Empty file inputs are ignored. Each file is checked by content; the file name appears in
    messages only so the sender sees which file is meant (it is never logged). ``kinds``
    narrows the accepted kinds (e.g. no voice recording as an agency document).
    """
    kinds = None if kinds is None else tuple(kinds)
    config = current_app.config
    max_files, max_bytes = config["UPLOAD_MAX_FILES"], config["UPLOAD_MAX_FILE_BYTES"]
    chosen = non_empty(files)
    errors: list[str] = []
    if len(chosen) > max_files:
        errors.append(
            _("Paling banyak %(max)d berkas per kiriman; Anda memilih %(count)d berkas.",
              max=max_files, count=len(chosen))
        )
    for file in chosen:
        name = clean_filename(file.filename)
        size = _size(file)
        if size == 0:
            errors.append(_("Berkas '%(name)s' kosong.", name=name))
            continue
        if size > max_bytes:
            errors.append(
                _(
                    "Berkas '%(name)s' berukuran %(size)s MB; batasnya %(max)s MB per berkas.",
                    name=name, size=_megabytes(size), max=_megabytes(max_bytes),
                )
            )
            continue
        try:
            _prepared(name, file, kinds)
        except KindNotAccepted as refused:
            errors.append(
                _(
                    "Berkas '%(name)s' ditolak: berkas %(kind)s tidak diterima di sini; yang diterima: %(allowed)s.",
                    name=name, kind=KIND_LABELS[refused.kind], allowed=_kinds_text(kinds or ()),
                )
            )
        except UploadRejected as error:
            errors.append(refusal_text(name, error))
    return errors


def warning_text(warning_id: str | None) -> str | None:
    """The text for a :class:`~.sanitise.Sanitised` warning id in the request's language."""
    if warning_id is None:
        return None
    return translate(WARNINGS[warning_id])


# ---------------------------------------------------------------- storing


def store_attachments(
    owner_type: str,
    owner_id: int,
    files: Iterable[FileStorage | None],
    uploaded_by: str | int | Officer,
    *,
    owner_dek: bytes | None = None,
    kinds: Iterable[str] | None = None,
) -> list[Attachment]:
    """Sanitise, encrypt and add the files to the session (the caller commits).

    ``uploaded_by`` is ``"reporter"`` or an officer (or officer id). With ``owner_dek`` each
    attachment's DEK is also wrapped under the owner's DEK, for the reporter to open later.
    Raises :class:`UploadRejected` for a file :func:`check_files` would have refused (with
    the same ``kinds``), and :class:`~gratifikasi.keyring.vault.VaultNotReady` without a case ring.
    """
    if owner_type not in OWNER_TYPES:
        raise ValueError(f"unknown owner type {owner_type!r}")
    kinds = None if kinds is None else tuple(kinds)
    if uploaded_by == "reporter":
        uploader, officer_id = "reporter", None
    elif isinstance(uploaded_by, Officer):
        uploader, officer_id = "officer", uploaded_by.id
    elif isinstance(uploaded_by, int) and not isinstance(uploaded_by, bool):
        uploader, officer_id = "officer", uploaded_by
    else:
        raise ValueError("uploaded_by must be 'reporter', an Officer or an officer id")

    stored = []
    for file in non_empty(files):
        name = clean_filename(file.filename)
        inspected, clean = _prepared(name, file, kinds)
        row = Attachment(
            owner_type=owner_type, owner_id=owner_id, kind=inspected.kind, mime=inspected.mime,
            size=len(clean.data), filename_sealed=b"", created_at=clock.utcnow(),
            uploaded_by=uploader, uploaded_by_officer_id=officer_id, metadata_removed=clean.metadata_removed,
        )
        db.session.add(row)
        db.session.flush()  # the id binds the ciphertexts to this row
        sealed = vault.seal_record(RECORD_TYPE, row.id, {"filename": name}, purpose=RingPurpose.CASE)
        row.filename_sealed = sealed.value("filename")
        if owner_dek is not None:
            row.owner_wrapped_dek = vault.wrap_key(owner_dek, sealed.dek, record_type=RECORD_TYPE, record_id=row.id)
        for index, blob in enumerate(vault.encrypt_content(sealed.dek, RECORD_TYPE, row.id, clean.data)):
            db.session.add(AttachmentChunk(attachment_id=row.id, index=index, ciphertext=blob))
        audit.record(
            "attachment.stored", actor_id=officer_id, actor_type=uploader, object_type=RECORD_TYPE,
            object_id=row.id, owner_type=owner_type, owner_id=owner_id, kind=inspected.kind,
            metadata_removed=clean.metadata_removed, commit=False,
        )
        row.warning_id = clean.warning_id  # transient, for the caller to show
        stored.append(row)
    return stored


def attachments_of(owner_type: str, owner_id: int) -> list[Attachment]:
    """The owner's attachments, oldest first (names stay sealed)."""
    return list(
        db.session.execute(
            select(Attachment)
            .where(Attachment.owner_type == owner_type, Attachment.owner_id == owner_id)
            .order_by(Attachment.id)
        ).scalars()
    )


def attachments_of_many(owner_type: str, owner_ids: Iterable[int]) -> dict[int, list[Attachment]]:
    """The attachments of many owners of one type in one query (for lists), oldest first."""
    ids = sorted(set(owner_ids))
    found: dict[int, list[Attachment]] = {}
    if not ids:
        return found
    rows = db.session.execute(
        select(Attachment)
        .where(Attachment.owner_type == owner_type, Attachment.owner_id.in_(ids))
        .order_by(Attachment.id)
    ).scalars()
    for row in rows:
        found.setdefault(row.owner_id, []).append(row)
    return found


# ---------------------------------------------------------------- opening


def _filename(dek: bytes, row: Attachment) -> str:
    return vault.decrypt_text(dek, RECORD_TYPE, row.id, "filename", bytes(row.filename_sealed))


def _decrypt(row: Attachment, dek: bytes) -> OpenedAttachment:
    try:
        name = _filename(dek, row)
        chunks = db.session.execute(
            select(AttachmentChunk.ciphertext)
            .where(AttachmentChunk.attachment_id == row.id)
            .order_by(AttachmentChunk.index)
        ).scalars()
        data = vault.decrypt_content(dek, RECORD_TYPE, row.id, chunks)
    except CryptoError as error:
        raise NoAccess("Lampiran rusak atau tidak cocok dengan kuncinya.") from error
    return OpenedAttachment(name, row.mime, data)


def open_attachment(officer: Officer, private_key: bytes | None, attachment_id: int) -> OpenedAttachment:
    """(filename, mime, bytes) for a holder of the attachment's ring; NoAccess otherwise, alike
    for a missing attachment and a refused one. The caller has applied the owner's rule."""
    row = db.session.get(Attachment, attachment_id)
    if row is None:
        raise NoAccess("Lampiran tidak ditemukan atau Anda tidak berhak membukanya.")
    dek = vault.open_data_key(officer, private_key, RECORD_TYPE, row.id, purpose=RingPurpose.CASE)
    return _decrypt(row, dek)


def display_filename(officer: Officer, private_key: bytes | None, attachment: Attachment) -> str:
    """The decrypted file name for lists, or NoAccess."""
    dek = vault.open_data_key(officer, private_key, RECORD_TYPE, attachment.id, purpose=RingPurpose.CASE)
    try:
        return _filename(dek, attachment)
    except CryptoError as error:
        raise NoAccess("Lampiran rusak atau tidak cocok dengan kuncinya.") from error


def readable_filename(officer: Officer, private_key: bytes | None, attachment: Attachment) -> str | None:
    """The file name if this officer's key opens the attachment, None otherwise (lists show a
    placeholder instead of failing). The caller has applied the owner's rule."""
    try:
        return display_filename(officer, private_key, attachment)
    except NoAccess:
        return None


def open_attachment_with_owner_dek(
    owner_type: str, owner_id: int, owner_dek: bytes, attachment_id: int
) -> OpenedAttachment:
    """For a reporter holding the owner's DEK (from their code): the attachment, or NoAccess."""
    row = db.session.get(Attachment, attachment_id)
    if row is None or row.owner_type != owner_type or row.owner_id != owner_id or row.owner_wrapped_dek is None:
        raise NoAccess("Lampiran tidak ditemukan.")
    try:
        dek = vault.open_wrapped_key(owner_dek, bytes(row.owner_wrapped_dek), record_type=RECORD_TYPE, record_id=row.id)
    except CryptoError as error:
        raise NoAccess("Lampiran tidak ditemukan.") from error
    return _decrypt(row, dek)
