"""Integrity-score evidence (issue 7): what the UPG or an admin records outside the cases.

* :class:`EvidenceDocument` – SK UPG, SOP, WBS and complaint policies (number + date + where
  the document is kept);
* :class:`EvidenceActivity` – public campaigns and socialisation activities;
* :class:`MonevRecord` and :class:`MonevRecommendation` – monitoring and evaluation meetings
  or the app's generated monev report, with recommendations and their follow-up status;
* :class:`KpkRecap` – the 6-monthly recap of reports sent to KPK;
* :class:`LkeEntry` – the evaluator's manual part of a unit's LKE for a year.

A row with ``unit_id`` NULL applies to the whole agency (one SK UPG for the Pemkot serves
every OPD). Nothing here is case content or identity: evidence is the agency's own paperwork,
so these rows are stored in clear. The files of documents, activities and monev meetings
(the SK itself, a campaign photo, the notulen) are attachments (:mod:`gratifikasi.uploads`)
owned by the row, stored encrypted like every upload.
"""
from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .unit import Unit


def _enum(cls: type[enum.Enum], length: int = 20) -> Enum:
    return Enum(cls, native_enum=False, length=length, validate_strings=True,
                values_callable=lambda e: [m.value for m in e])


class DocumentKind(str, enum.Enum):
    sk_upg = "sk_upg"
    sop = "sop"
    kebijakan_wbs = "kebijakan_wbs"
    kebijakan_pengaduan = "kebijakan_pengaduan"


class ActivityKind(str, enum.Enum):
    public_campaign = "public_campaign"
    sosialisasi = "sosialisasi"


class MonevScope(str, enum.Enum):
    pengaduan = "pengaduan"  # LKE PPE3.c/d
    wbs = "wbs"              # LKE PPE4.b/c
    keduanya = "keduanya"    # one meeting or report covering both


class MonevSource(str, enum.Enum):
    rapat = "rapat"            # a meeting entered by an officer
    laporan_aplikasi = "laporan_aplikasi"  # the app's generated monev report


class RecommendationStatus(str, enum.Enum):
    terbuka = "terbuka"
    dalam_proses = "dalam_proses"
    selesai = "selesai"


class _Recorded:
    """Who entered a record and when (categorical: an officer id)."""

    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class EvidenceDocument(_Recorded, Model):
    __tablename__ = "evidence_document"
    # Owner type of its file in the attachment table (models.attachment.OWNER_TYPES).
    ATTACHMENT_OWNER: ClassVar[str] = "evidence_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[DocumentKind] = mapped_column(_enum(DocumentKind))
    number: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    document_date: Mapped[date] = mapped_column(Date)
    # Where the signed original is kept (archive number, shelf, JDIH link); the scan or file
    # itself is an attachment.
    reference: Mapped[str | None] = mapped_column(String(300))

    unit: Mapped[Unit | None] = relationship()


class EvidenceActivity(_Recorded, Model):
    __tablename__ = "evidence_activity"
    ATTACHMENT_OWNER: ClassVar[str] = "evidence_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[ActivityKind] = mapped_column(_enum(ActivityKind))
    activity_date: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    participants: Mapped[int | None] = mapped_column(Integer)
    reference: Mapped[str | None] = mapped_column(String(300))

    unit: Mapped[Unit | None] = relationship()


class MonevRecord(_Recorded, Model):
    __tablename__ = "monev_record"
    ATTACHMENT_OWNER: ClassVar[str] = "monev_record"  # the meeting's notulen

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    scope: Mapped[MonevScope] = mapped_column(_enum(MonevScope))
    source: Mapped[MonevSource] = mapped_column(_enum(MonevSource))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    # The period a generated report covers ("year"/"semester"/"quarter"/"month", index).
    period_year: Mapped[int | None] = mapped_column(Integer)
    period_kind: Mapped[str | None] = mapped_column(String(10))
    period_index: Mapped[int | None] = mapped_column(Integer)
    obstacles: Mapped[str | None] = mapped_column(Text)
    solutions: Mapped[str | None] = mapped_column(Text)

    unit: Mapped[Unit | None] = relationship()
    recommendations: Mapped[list[MonevRecommendation]] = relationship(
        back_populates="monev", order_by="MonevRecommendation.id", cascade="all, delete-orphan"
    )


class MonevRecommendation(Model):
    __tablename__ = "monev_recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    monev_id: Mapped[int] = mapped_column(ForeignKey("monev_record.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    status: Mapped[RecommendationStatus] = mapped_column(_enum(RecommendationStatus))
    status_changed_at: Mapped[datetime] = mapped_column(DateTime)
    status_changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))

    monev: Mapped[MonevRecord] = relationship(back_populates="recommendations")


class KpkRecap(_Recorded, Model):
    """The UPG's 6-monthly recap of receipt and refusal reports sent to KPK (domain.md §2.2)."""

    __tablename__ = "kpk_recap"
    __table_args__ = (UniqueConstraint("unit_id", "year", "semester", name="uq_kpk_recap_unit_year_semester"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    semester: Mapped[int] = mapped_column(Integer)
    sent_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(300))

    unit: Mapped[Unit | None] = relationship()

    @property
    def on_time(self) -> bool:
        return self.sent_on <= self.due_on


class LkeEntry(Model):
    """The evaluator's inputs for one unit and year: answers and block scores not computed
    by the app, the surveys (IPAK, IPKP on the 0–4 index) and capaian kinerja (A–E).

    ``answers`` maps LKE question codes to a letter/Ya-Tidak or a fraction; an answer for a
    computed question overrules the app's proxy. ``manual_scores`` maps block, sub-area or
    remainder keys (``"A.pemenuhan"``, ``"F.reform.lainnya"``) to points.
    """

    __tablename__ = "lke_entry"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", name="uq_lke_entry_unit_year"),
        Index("ix_lke_entry_year", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    manual_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ipak: Mapped[float | None] = mapped_column(Float)
    ipkp: Mapped[float | None] = mapped_column(Float)
    capaian: Mapped[str | None] = mapped_column(String(1))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    unit: Mapped[Unit] = relationship()



# --- Dashboard totals (gratifikasi/integrity/totals.py) ------------------------------------
# The aggregates of one month of reports or of complaints, agency-wide and per unit, stored as
# the raw aggregate queries return them for that month, so that a year's dashboard (agency or
# unit page) adds up a few thousand rows instead of reading every case. Counts only: no case
# id, content or identity.

class IntegrityTotalMonth(Model):
    """A counted (kind, month) slice. A month without this row has not been counted and is
    read from the case tables. Recounts upsert this row first: its row lock serialises them."""

    __tablename__ = "integrity_total_month"

    kind: Mapped[str] = mapped_column(String(12), primary_key=True)  # "gratifikasi" | "pengaduan"
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # first day of the month
    counted_at: Mapped[datetime] = mapped_column(DateTime)
    # Reports only (0 for complaints): gift objects, their estimated value, and reports
    # returned for completion.
    objects: Mapped[int] = mapped_column(Integer, default=0)
    object_value: Mapped[int] = mapped_column(BigInteger, default=0)
    completion_requested: Mapped[int] = mapped_column(Integer, default=0)


class _SliceRow:
    """The slice a row belongs to; deleting the slice's month row deletes its rows."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    month: Mapped[date] = mapped_column(Date)
    n: Mapped[int] = mapped_column(Integer)


def _slice_args(table: str) -> tuple[Any, ...]:
    return (ForeignKeyConstraint(["kind", "month"], ["integrity_total_month.kind", "integrity_total_month.month"],
                                 ondelete="CASCADE", name=f"fk_{table}_slice"),
            Index(f"ix_{table}_slice", "kind", "month"),
            # A unit page reads its unit's rows of the period; an agency read of a table with
            # per-unit rows reads those with no unit (``unit_id IS NULL``) through it too.
            Index(f"ix_{table}_unit", "unit_id", "kind", "month"))


class IntegrityStatusTotal(_SliceRow, Model):
    """Cases per unit and status (reports also: on time, refusals)."""

    __tablename__ = "integrity_status_total"
    __table_args__ = _slice_args(__tablename__)

    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))  # None: complaint without a unit
    status: Mapped[str] = mapped_column(String(40))
    on_time: Mapped[int] = mapped_column(Integer, default=0)
    refusals: Mapped[int] = mapped_column(Integer, default=0)


class IntegrityCategoryTotal(_SliceRow, Model):
    """Complaints per category, status and channel, per unit and summed for the agency."""

    __tablename__ = "integrity_category_total"
    __table_args__ = _slice_args(__tablename__)

    # A unit's share (``unit_id`` None: complaints without a unit) or the agency-wide sum.
    by_unit: Mapped[bool] = mapped_column(Boolean)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))

    category: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str | None] = mapped_column(String(20))


class IntegrityDurationTotal(_SliceRow, Model):
    """Cases per (start day, end day) of a duration: "kpk" (received by the UPG → forwarded),
    "respon" (complaint received → first officer answer), "selesai" (received → closed).
    Kept as days, not working days: the calendar may change after counting. Per unit and
    summed for the agency: an agency read adds a few thousand pairs, not one set per unit."""

    __tablename__ = "integrity_duration_total"
    __table_args__ = _slice_args(__tablename__)

    # A unit's share (``unit_id`` None: complaints without a unit) or the agency-wide sum.
    by_unit: Mapped[bool] = mapped_column(Boolean)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))

    measure: Mapped[str] = mapped_column(String(12))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)


class IntegrityUnitTotal(_SliceRow, Model):
    """A unit's share of the month row's report figures: ``n`` gift objects, their estimated
    value, reports returned for completion (the agency-wide sums stay on the month row)."""

    __tablename__ = "integrity_unit_total"
    __table_args__ = _slice_args(__tablename__)

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    object_value: Mapped[int] = mapped_column(BigInteger, default=0)
    completion_requested: Mapped[int] = mapped_column(Integer, default=0)


class IntegrityTotalDirty(Model):
    """A change not yet counted: a case (by id) or a slice (kind, month) whose totals must be
    recounted before they are read. Appended by the transaction that changes a case (no shared
    row, so submissions never wait for each other here); removed by the recount."""

    __tablename__ = "integrity_total_dirty"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    month: Mapped[date | None] = mapped_column(Date)  # a slice …
    case_id: Mapped[int | None] = mapped_column(Integer)  # … or a case, its month read at recount


# --- Indexes for the dashboards on the report and complaint tables -------------------------
# The integrity queries (gratifikasi/integrity/report_queries.py and complaint_queries.py)
# read one grouped pass per table over a date range, agency-wide or for one unit. These
# covering indexes let PostgreSQL answer them with index-only scans (bench/dashboard.py).
# They are declared here, with the queries that need them, and created by migration
# 0008_integrity.
from .report import GiftObject, GratificationReport, ReportMessage  # noqa: E402

_REPORT_COLUMNS = (GratificationReport.late_working_days,
                   GratificationReport.jenis_laporan, GratificationReport.id)
Index("ix_gratification_report_integrity_date", GratificationReport.received_on, GratificationReport.unit_id,
      *_REPORT_COLUMNS)
Index("ix_gratification_report_integrity_unit", GratificationReport.unit_id, GratificationReport.received_on,
      *_REPORT_COLUMNS)
Index("ix_report_message_integrity_kind", ReportMessage.kind, ReportMessage.report_id)
Index("ix_gift_object_integrity_value", GiftObject.report_id, GiftObject.nilai_taksiran)

from .complaint import Complaint, ComplaintMessage  # noqa: E402

_COMPLAINT_COLUMNS = (Complaint.category, Complaint.channel, Complaint.id)
Index("ix_complaint_integrity_date", Complaint.received_on, Complaint.terlapor_unit_id, *_COMPLAINT_COLUMNS)
Index("ix_complaint_integrity_unit", Complaint.terlapor_unit_id, Complaint.received_on, *_COMPLAINT_COLUMNS)
# First response = the first officer message of a complaint.
Index("ix_complaint_message_integrity_first", ComplaintMessage.complaint_id, ComplaintMessage.author_type,
      ComplaintMessage.created_at)

