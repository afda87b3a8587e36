"""Attachments of reports, complaints, messages and integrity evidence, stored encrypted in
the database.

Only categorical facts are in clear (kind, type, size, who uploaded: reporter or officer id).
The file name is sealed with the attachment's own DEK; the content is in chunks encrypted
under it (gratifikasi.crypto.chunked). Keeping the chunks in the database means every
application server sees the same files and backups stay consistent with the records.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model

# Plain strings, not a database constraint: a new owner needs no migration.
OWNER_TYPES = ("gratification_report", "complaint", "message", "evidence_document", "evidence_activity", "monev_record")
UPLOADERS = ("reporter", "officer")


class Attachment(Model):
    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(30))
    owner_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))   # image | pdf | office | text | audio
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)      # bytes after metadata removal
    filename_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded_by: Mapped[str] = mapped_column(String(10))  # reporter | officer
    uploaded_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    metadata_removed: Mapped[bool] = mapped_column(Boolean)
    # The attachment's DEK wrapped under its owner's DEK, so whoever may read the owner
    # record (an anonymous reporter with their code) can open its attachments too.
    owner_wrapped_dek: Mapped[bytes | None] = mapped_column(LargeBinary)

    # Not stored: set by store_attachments() so the caller can show a sanitising warning.
    warning_id = None  # type: str | None

    def __repr__(self) -> str:
        return f"<Attachment {self.id} {self.owner_type}:{self.owner_id} {self.kind}>"


class AttachmentChunk(Model):
    __tablename__ = "attachment_chunk"

    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id", ondelete="CASCADE"), primary_key=True)
    index: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)

