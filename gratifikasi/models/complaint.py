"""Public complaints / whistleblowing reports (pengaduan, WBS) and their secret mailbox.

What is stored in clear, on purpose (design.md T1): the category, the reported party's OPD,
the KPK/APH flag and its reasons, the estimated loss, dates, the channel, and the ids
of officers recused from the case. Everything typed as free text (the 5W2H answers, the
reported person's name and position) is AES-256-GCM ciphertext under the complaint's data
key, sealed to the ``case`` ring; the reporter's identity, when given, sits under a second
data key sealed to the ``whistleblower-identity`` ring. No IP address, user agent or referrer
is ever a column here (threat T7). The status lives in the complaint's case file only
(``status`` here reads it; :mod:`.case`).
"""
from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .unit import Unit

RECORD_TYPE = "complaint"
MESSAGE_RECORD_TYPE = "complaint_message"


class ComplaintCategory(str, enum.Enum):
    """Kinds of violation a complaint reports (issue 5; plaintext for statistics)."""

    gratifikasi = "gratifikasi"
    suap_pemerasan = "suap_pemerasan"
    penyalahgunaan_wewenang = "penyalahgunaan_wewenang"
    pengadaan = "pengadaan"
    pelayanan_publik = "pelayanan_publik"
    benturan_kepentingan = "benturan_kepentingan"
    lainnya = "lainnya"


class ComplaintChannel(str, enum.Enum):
    """How the complaint arrived: the public portal, or recorded by an officer."""

    portal = "portal"
    telepon = "telepon"
    tatap_muka = "tatap_muka"
    surat = "surat"


# Free-text columns sealed to the case ring, in form order.
CONTENT_COLUMNS = (
    "apa",
    "terlapor_nama",
    "terlapor_jabatan",
    "di_mana",
    "kapan",
    "mengapa",
    "bagaimana",
    "berapa",
)
# Identity columns sealed to the whistleblower-identity ring (custodians only).
IDENTITY_COLUMNS = ("pelapor_nama", "pelapor_nik", "pelapor_kontak")


class Complaint(Model):
    __tablename__ = "complaint"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "ADU-2026-000042": officers' reference, derived from the id (no race, no secret).
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    if TYPE_CHECKING:  # read-only views of the case file's columns, added by models/case.py
        status: Mapped[str]
        status_changed_at: Mapped[datetime]
    category: Mapped[ComplaintCategory] = mapped_column(
        Enum(ComplaintCategory, native_enum=False, length=40, validate_strings=True)
    )
    channel: Mapped[ComplaintChannel] = mapped_column(
        Enum(ComplaintChannel, native_enum=False, length=20, validate_strings=True)
    )
    # The officer who typed in a phone or walk-in complaint (None for the portal).
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))

    terlapor_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    terlapor_unit: Mapped[Unit | None] = relationship(lazy="joined")
    terlapor_penyelenggara_negara: Mapped[bool] = mapped_column(Boolean, default=False)
    terlapor_penegak_hukum: Mapped[bool] = mapped_column(Boolean, default=False)
    estimated_loss: Mapped[int | None] = mapped_column(BigInteger)
    event_date: Mapped[date | None] = mapped_column(Date)

    flag_kpk_aph: Mapped[bool] = mapped_column(Boolean, default=False)
    route_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Officers named in the complaint (matched before sealing); they never see the case.
    recused_officer_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    identity_given: Mapped[bool] = mapped_column(Boolean, default=False)
    # The KTP copy, if given: an attachment whose key is sealed to the identity ring only.
    ktp_attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id", ondelete="SET NULL"))

    # active_history: a change keeps the old value, so the dashboard totals also recount the
    # month the complaint leaves.
    received_on: Mapped[date] = mapped_column(Date, active_history=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)  # last change of any kind, messages too

    # Sealed content (case ring).
    apa: Mapped[bytes | None] = mapped_column(LargeBinary)
    terlapor_nama: Mapped[bytes | None] = mapped_column(LargeBinary)
    terlapor_jabatan: Mapped[bytes | None] = mapped_column(LargeBinary)
    di_mana: Mapped[bytes | None] = mapped_column(LargeBinary)
    kapan: Mapped[bytes | None] = mapped_column(LargeBinary)
    mengapa: Mapped[bytes | None] = mapped_column(LargeBinary)
    bagaimana: Mapped[bytes | None] = mapped_column(LargeBinary)
    berapa: Mapped[bytes | None] = mapped_column(LargeBinary)

    # Sealed identity (whistleblower-identity ring); all None when anonymous.
    pelapor_nama: Mapped[bytes | None] = mapped_column(LargeBinary)
    pelapor_nik: Mapped[bytes | None] = mapped_column(LargeBinary)
    pelapor_kontak: Mapped[bytes | None] = mapped_column(LargeBinary)

    # Reporter access (receipt code): the locator finds the row; only a verifier of the
    # secret and the data key wrapped under a key derived from it are kept.
    access_locator: Mapped[str | None] = mapped_column(String(16), unique=True)
    access_verifier: Mapped[bytes | None] = mapped_column(LargeBinary)
    access_salt: Mapped[bytes | None] = mapped_column(LargeBinary)
    access_wrapped_dek: Mapped[bytes | None] = mapped_column(LargeBinary)
    # A code handed out by an officer must be replaced at first use.
    access_one_time: Mapped[bool] = mapped_column(Boolean, default=False)

    messages: Mapped[list[ComplaintMessage]] = relationship(
        back_populates="complaint", order_by="ComplaintMessage.id", cascade="all, delete-orphan"
    )

    def content_blobs(self) -> dict[str, bytes | None]:
        return {column: _raw(getattr(self, column)) for column in CONTENT_COLUMNS}

    def identity_blobs(self) -> dict[str, bytes | None]:
        return {column: _raw(getattr(self, column)) for column in IDENTITY_COLUMNS}

    def __repr__(self) -> str:
        return f"<Complaint {self.number or self.id}>"


class ComplaintMessage(Model):
    """One message of the secret mailbox (kotak komunikasi rahasia).

    The body is encrypted under the *complaint's* data key, bound to this message's id:
    officers open that key through the case ring, the reporter through the receipt code.
    One key per complaint keeps crypto-shredding a single row delete.
    """

    __tablename__ = "complaint_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id", ondelete="CASCADE"), index=True)
    complaint: Mapped[Complaint] = relationship(back_populates="messages")
    author_type: Mapped[str] = mapped_column(String(10))  # "officer" | "reporter"
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    attachment_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # When the other side first opened it (for "new question" badges).
    read_at: Mapped[datetime | None] = mapped_column(DateTime)


def _raw(value: bytes | memoryview | None) -> bytes | None:
    return None if value is None else bytes(value)
