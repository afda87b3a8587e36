"""Gratification reports from civil servants (domain.md §1.3): report 1—n gift objects,
plus the messages between the UPG and the reporter (completion requests and answers).

Encryption (design.md T1): the reporter's identity columns hold ciphertext under the report's
identity data key (sealed to the gratification-identity ring); the giver's name, instansi and
address and every free text hold ciphertext under the report's case data key (sealed to the
case ring, and wrapped for the reporter under the access code). Objects and messages are
encrypted under that same case key, bound to their own table, column and id. Categories, OPD,
values and dates stay plaintext for routing, deadlines and statistics. The status lives in the
report's case file only (``status`` here reads it; :mod:`.case`).
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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..rules.report_fields import HubunganPemberi, JenisLaporan, JenisObjek, JenisPeristiwa, LokasiObjek
from .officer import Officer
from .unit import Unit

REPORT_RECORD_TYPE = "gratification_report"
OBJECT_RECORD_TYPE = "gift_object"
MESSAGE_RECORD_TYPE = "report_message"

# Columns sealed to RingPurpose.GRATIFICATION_IDENTITY (domain.md §6.2).
IDENTITY_COLUMNS = (
    "nik", "nama", "nip", "tempat_lahir", "tanggal_lahir", "alamat", "telepon", "email", "jabatan", "instansi",
)
# Columns sealed to RingPurpose.CASE.
CASE_COLUMNS = (
    "pemberi_nama", "pemberi_instansi", "pemberi_alamat", "alasan_pemberian", "tempat_penerimaan", "kronologi",
)


def _enum(cls: type[enum.Enum], length: int = 40) -> Enum:
    return Enum(cls, native_enum=False, length=length, validate_strings=True,
                values_callable=lambda e: [m.value for m in e])


class GratificationReport(Model):
    __tablename__ = "gratification_report"
    __table_args__ = (
        # The per-year sequence is allocated by "max + 1, retry on conflict": this is the guard.
        UniqueConstraint("tracking_year", "tracking_seq", name="uq_gratification_report_tracking_year_seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_year: Mapped[int] = mapped_column(Integer)
    tracking_seq: Mapped[int] = mapped_column(Integer)
    tracking_number: Mapped[str] = mapped_column(String(20), unique=True)  # GRT-2026-000123, public

    if TYPE_CHECKING:  # read-only views of the case file's columns, added by models/case.py
        status: Mapped[str]
        status_changed_at: Mapped[datetime]
    jenis_laporan: Mapped[JenisLaporan] = mapped_column(_enum(JenisLaporan, 20))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    hubungan_pemberi: Mapped[HubunganPemberi] = mapped_column(_enum(HubunganPemberi))
    jenis_peristiwa: Mapped[JenisPeristiwa] = mapped_column(_enum(JenisPeristiwa))
    tanggal_penerimaan: Mapped[date] = mapped_column(Date)
    # Asia/Jakarta date of submission = UPG receipt. active_history: a change keeps the old value,
    # so the dashboard totals also recount the month the report leaves.
    received_on: Mapped[date] = mapped_column(Date, active_history=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    minta_kompensasi: Mapped[bool] = mapped_column(Boolean, default=False)
    # Working days from receipt to report when beyond the limit (late report warning), else None.
    late_working_days: Mapped[int | None] = mapped_column(Integer)
    has_email: Mapped[bool] = mapped_column(Boolean, default=False)  # notifications wanted
    # Officers the report names (the reporter or the giver), matched before sealing: they
    # never see or handle it.
    recused_officer_ids: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    language: Mapped[str] = mapped_column(String(5), default="id")  # of the notifications

    # Reporter access (tracking number + secret code): locator in clear, the rest derived.
    # Set in the submitting transaction right after the row has an id (the DEK wrap binds it).
    access_locator: Mapped[str | None] = mapped_column(String(16), unique=True)
    access_verifier: Mapped[bytes | None] = mapped_column(LargeBinary)
    access_salt: Mapped[bytes | None] = mapped_column(LargeBinary)
    access_wrapped_dek: Mapped[bytes | None] = mapped_column(LargeBinary)

    # Identity (ciphertext, gratification-identity ring).
    nik: Mapped[bytes] = mapped_column(LargeBinary)
    nama: Mapped[bytes] = mapped_column(LargeBinary)
    nip: Mapped[bytes | None] = mapped_column(LargeBinary)
    tempat_lahir: Mapped[bytes] = mapped_column(LargeBinary)
    tanggal_lahir: Mapped[bytes] = mapped_column(LargeBinary)
    alamat: Mapped[bytes] = mapped_column(LargeBinary)
    telepon: Mapped[bytes] = mapped_column(LargeBinary)
    email: Mapped[bytes | None] = mapped_column(LargeBinary)
    jabatan: Mapped[bytes] = mapped_column(LargeBinary)
    instansi: Mapped[bytes] = mapped_column(LargeBinary)

    # Giver and free text (ciphertext, case ring).
    pemberi_nama: Mapped[bytes] = mapped_column(LargeBinary)
    pemberi_instansi: Mapped[bytes | None] = mapped_column(LargeBinary)
    pemberi_alamat: Mapped[bytes | None] = mapped_column(LargeBinary)
    alasan_pemberian: Mapped[bytes | None] = mapped_column(LargeBinary)
    tempat_penerimaan: Mapped[bytes] = mapped_column(LargeBinary)
    kronologi: Mapped[bytes] = mapped_column(LargeBinary)

    unit: Mapped[Unit] = relationship()
    objects: Mapped[list[GiftObject]] = relationship(
        back_populates="report", order_by="GiftObject.position", cascade="all, delete-orphan"
    )
    messages: Mapped[list[ReportMessage]] = relationship(
        back_populates="report", order_by="ReportMessage.id", cascade="all, delete-orphan"
    )

    @property
    def total_value(self) -> int:
        return sum(obj.nilai_taksiran for obj in self.objects)

    def __repr__(self) -> str:
        return f"<GratificationReport {self.tracking_number}>"


class GiftObject(Model):
    __tablename__ = "gift_object"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("gratification_report.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1, 2, … as typed
    jenis_objek: Mapped[JenisObjek] = mapped_column(_enum(JenisObjek))
    nilai_taksiran: Mapped[int] = mapped_column(BigInteger)  # whole Rupiah
    lokasi_objek: Mapped[LokasiObjek] = mapped_column(_enum(LokasiObjek))
    uraian: Mapped[bytes] = mapped_column(LargeBinary)  # ciphertext under the report's case key

    report: Mapped[GratificationReport] = relationship(back_populates="objects")


class MessageKind(str, enum.Enum):
    completion_request = "completion_request"  # the UPG asks the reporter to complete
    reporter_answer = "reporter_answer"        # the reporter's answer on the status page


class ReportMessage(Model):
    __tablename__ = "report_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("gratification_report.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MessageKind] = mapped_column(Enum(MessageKind, native_enum=False, length=30, validate_strings=True))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    body: Mapped[bytes] = mapped_column(LargeBinary)  # ciphertext under the report's case key
    due_date: Mapped[date | None] = mapped_column(Date)  # completion deadline of a request
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)  # a request the reporter answered
    answers_id: Mapped[int | None] = mapped_column(ForeignKey("report_message.id", ondelete="SET NULL"))

    report: Mapped[GratificationReport] = relationship(back_populates="messages")
    officer: Mapped[Officer | None] = relationship()
