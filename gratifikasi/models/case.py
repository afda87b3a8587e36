"""The case workspace (issue 6): one ``case_file`` row per gratification report or complaint.

A case file is the officers' index of an intake record. It mirrors the record's categorical
columns (status, OPD, category, dates: plaintext by design, T1) and adds what handling needs:
the queue and handling unit it was routed to, the working-day due date of its current state,
the handling officer, recusals, sealed internal notes and the sealed history of transitions.
A case file is opened by the intake service in the record's own transaction
(:func:`gratifikasi.cases.opening.open_case`) and changes status only through
:func:`gratifikasi.cases.transitions.move`. The status is kept here only: the intake records'
``status`` and ``status_changed_at`` are read-only views of it (:func:`_status_of`), so there is
no second copy to fall out of step.

Free text (transition reasons, reassignment reasons, notes) is ciphertext under the intake
record's case data key, bound to this table, column and row id, so it is readable by case-ring
members only and is crypto-shredded with the record.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from ..extensions import Model
from .complaint import RECORD_TYPE as COMPLAINT_RECORD_TYPE
from .complaint import Complaint
from .officer import Officer
from .report import REPORT_RECORD_TYPE, GratificationReport
from .unit import Unit

# Due date of a state without a service-level deadline. A real date (not NULL) keeps the
# queue's "by due date" order a plain index walk on every database (keyset pagination).
NO_DEADLINE = date(9999, 12, 31)


class CaseKind(str, enum.Enum):
    """The kinds of record the system handles: the one vocabulary for them.

    The value names the workflow (``rules.workflow``) and the dashboard totals' kind;
    :attr:`record_type` is the intake record's table, to which its ciphertexts, audit entries
    and attachments are bound (so it never changes); :attr:`queue` is the officer role that
    handles it.
    """

    gratifikasi = "gratifikasi"
    pengaduan = "pengaduan"

    @property
    def record_type(self) -> str:
        return REPORT_RECORD_TYPE if self is CaseKind.gratifikasi else COMPLAINT_RECORD_TYPE

    @property
    def queue(self) -> str:
        return "upg" if self is CaseKind.gratifikasi else "inspektorat"

    @classmethod
    def of_queue(cls, role: str) -> CaseKind | None:
        """The kind an officer role handles (None for roles that handle no cases)."""
        return next((kind for kind in cls if kind.queue == role), None)


class RecusalBasis(str, enum.Enum):
    terlapor = "terlapor"  # named in the case (matched at submission)
    konflik = "konflik"    # declared a conflict of interest


class ConflictKind(str, enum.Enum):
    """Categorical grounds of a declared conflict (no free text: the audit may carry it)."""

    keluarga = "keluarga"        # family relation with a party
    atasan_bawahan = "atasan_bawahan"  # line relation with a party
    kepentingan = "kepentingan"  # financial or other personal interest
    lainnya = "lainnya"


def _enum(cls: type[enum.Enum], length: int = 20) -> Enum:
    return Enum(cls, native_enum=False, length=length, validate_strings=True)


class RoutingRule(Model):
    """Where new cases of a kind go: data an administrator edits (issue 6 §1).

    The rule with ``source_unit_id`` NULL is the default of its kind; a rule naming an OPD
    overrides it for cases from that OPD (e.g. a UPG pembantu in a large unit). The KPK/APH
    flag thresholds of UU 19/2019 apply to complaints.
    """

    __tablename__ = "routing_rule"
    __table_args__ = (UniqueConstraint("kind", "source_unit_id", name="uq_routing_rule_kind_source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CaseKind] = mapped_column(_enum(CaseKind))
    source_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    handling_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    # Receives the daily reminders with the handling officers (Ketua UPG, Inspektur…).
    head_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    kpk_loss_threshold: Mapped[int] = mapped_column(BigInteger, default=1_000_000_000)
    flag_penyelenggara_negara: Mapped[bool] = mapped_column(Boolean, default=True)
    flag_law_enforcer: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    source_unit: Mapped[Unit | None] = relationship(foreign_keys=[source_unit_id])
    handling_unit: Mapped[Unit] = relationship(foreign_keys=[handling_unit_id])
    head_officer: Mapped[Officer | None] = relationship(foreign_keys=[head_officer_id])


class CaseFile(Model):
    __tablename__ = "case_file"
    __table_args__ = (
        UniqueConstraint("record_type", "record_id", name="uq_case_file_record"),
        # The queue: one handling queue, ordered by due date or by receipt, keyset on id.
        # "Open" is an equality prefix so both orders stay a single index range.
        Index("ix_case_file_queue_due", "queue", "handling_unit_id", "is_open", "due_on", "id"),
        Index("ix_case_file_queue_received", "queue", "handling_unit_id", "is_open", "received_on", "id"),
        Index("ix_case_file_queue_status_due", "queue", "handling_unit_id", "status", "due_on", "id"),
        Index("ix_case_file_queue_unit_due", "queue", "handling_unit_id", "unit_id", "due_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CaseKind] = mapped_column(_enum(CaseKind))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    tracking_number: Mapped[str] = mapped_column(String(30))
    queue: Mapped[str] = mapped_column(String(20))  # the handling role: upg | inspektorat
    handling_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))  # the OPD concerned
    category: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(40))
    status_changed_at: Mapped[datetime] = mapped_column(DateTime)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)  # the status is not a final state
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, default=NO_DEADLINE)
    flag_kpk_aph: Mapped[bool] = mapped_column(Boolean, default=False)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    handling_unit: Mapped[Unit] = relationship(foreign_keys=[handling_unit_id])
    unit: Mapped[Unit | None] = relationship(foreign_keys=[unit_id])
    assignee: Mapped[Officer | None] = relationship(foreign_keys=[assignee_id])

    @property
    def has_deadline(self) -> bool:
        return self.due_on != NO_DEADLINE

    def __repr__(self) -> str:
        return f"<CaseFile {self.tracking_number} {self.status}>"


def _status_of(record: type[Model], record_type: str, column: str) -> None:
    """Give ``record`` a read-only attribute ``column`` that reads its case file's column: a
    correlated subquery, so it loads with the record and works in ``select()`` conditions
    (``GratificationReport.status == "diverifikasi"``). Written only through the case file;
    :func:`gratifikasi.cases.transitions.move` expires the record's copy after a change."""
    setattr(record, column, column_property(
        select(getattr(CaseFile, column))
        .where(CaseFile.record_type == record_type, CaseFile.record_id == record.id)  # type: ignore[attr-defined]
        .correlate_except(CaseFile).scalar_subquery()))


for _record, _type in ((GratificationReport, REPORT_RECORD_TYPE), (Complaint, COMPLAINT_RECORD_TYPE)):
    _status_of(_record, _type, "status")
    _status_of(_record, _type, "status_changed_at")


class CaseRecusal(Model):
    """An officer who may never see this case: named in it, or declared a conflict.

    Write it with cases.recusals.add_recusal, which seals the reason."""

    __tablename__ = "case_recusal"
    __table_args__ = (Index("ix_case_recusal_officer_case", "officer_id", "case_id"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id", ondelete="CASCADE"), primary_key=True)
    # Why (RecusalBasis, and the ConflictKind of a declared conflict), sealed to the case
    # ring: cases/recusals.py. Only the pair (case, officer) is in clear, for the access rule.
    reason: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    case: Mapped[CaseFile] = relationship()


class CaseAssignment(Model):
    """Every (re)assignment; a reassignment's reason is sealed."""

    __tablename__ = "case_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    previous_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    assigned_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[bytes | None] = mapped_column(LargeBinary)

    officer: Mapped[Officer | None] = relationship(foreign_keys=[officer_id])
    previous_officer: Mapped[Officer | None] = relationship(foreign_keys=[previous_officer_id])
    assigned_by: Mapped[Officer | None] = relationship(foreign_keys=[assigned_by_id])


class CaseEvent(Model):
    """One status change: who, when, from, to, which action; the reason sealed."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    actor_type: Mapped[str] = mapped_column(String(10))  # officer | reporter | system
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60))
    from_status: Mapped[str | None] = mapped_column(String(40))
    to_status: Mapped[str] = mapped_column(String(40))
    reason: Mapped[bytes | None] = mapped_column(LargeBinary)

    case: Mapped[CaseFile] = relationship()
    actor: Mapped[Officer | None] = relationship()


class CaseNote(Model):
    """An internal note: officers only, never shown to the reporter; body sealed."""

    __tablename__ = "case_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    body: Mapped[bytes] = mapped_column(LargeBinary)

    officer: Mapped[Officer | None] = relationship()
