"""What the workspace knows about each kind of intake record (gratification reports,
complaints): its model, its workflow, its sealed columns and identity ring, and how to read
the categorical fields a case file indexes.

Data only, read from the models: the intake services call the workspace
(:func:`.opening.open_case`, :func:`.transitions.move`), never the other way round.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..extensions import db
from ..keyring import RingPurpose
from ..models.case import CaseKind
from ..models.complaint import CONTENT_COLUMNS as COMPLAINT_CONTENT_COLUMNS
from ..models.complaint import IDENTITY_COLUMNS as COMPLAINT_IDENTITY_COLUMNS
from ..models.complaint import Complaint
from ..models.report import CASE_COLUMNS as REPORT_CASE_COLUMNS
from ..models.report import IDENTITY_COLUMNS as REPORT_IDENTITY_COLUMNS
from ..models.report import GratificationReport
from ..rules.state_machine import StateMachine
from ..rules.workflow import COMPLAINT as COMPLAINT_MACHINE
from ..rules.workflow import GRATIFICATION as GRATIFICATION_MACHINE


@dataclass(frozen=True)
class Source:
    """How the workspace reads one kind of intake record."""

    kind: CaseKind
    record_type: str
    queue: str  # the officer role that handles it
    model: type
    machine: StateMachine
    case_columns: tuple[str, ...]  # sealed to the case ring
    identity_columns: tuple[str, ...]
    identity_purpose: RingPurpose
    category: Callable[[Any], str]
    unit_id: Callable[[Any], int | None]
    received_on: Callable[[Any], date]
    named_officer_ids: Callable[[Any], set[int]]
    tracking_number: Callable[[Any], str]
    # (penyelenggara negara?, law enforcer?, estimated loss) for the KPK/APH flag, if any.
    route_inputs: Callable[[Any], tuple[bool, bool, int | None]] | None = None
    # Attachments never listed on the case page (e.g. a KTP copy sealed to the identity ring).
    hidden_attachments: Callable[[Any], set[int]] = lambda record: set()
    # Actions recorded on the KPK pages because they record more than a status (GOL
    # reference, SK, follow-up evidence); the case page links there instead.
    owned_actions: frozenset[str] = frozenset()

    def load(self, record_id: int) -> Any:
        return db.session.get(self.model, record_id)

    @property
    def attachment_owner(self) -> str:
        return self.record_type


def _enum_value(value: Any) -> str:
    return str(getattr(value, "value", value))


GRATIFICATION = Source(
    kind=CaseKind.gratifikasi,
    record_type=CaseKind.gratifikasi.record_type,
    queue=CaseKind.gratifikasi.queue,
    model=GratificationReport,
    machine=GRATIFICATION_MACHINE,
    case_columns=REPORT_CASE_COLUMNS,
    identity_columns=REPORT_IDENTITY_COLUMNS,
    identity_purpose=RingPurpose.GRATIFICATION_IDENTITY,
    category=lambda report: _enum_value(report.jenis_laporan),
    unit_id=lambda report: report.unit_id,
    received_on=lambda report: report.received_on,
    # The reporter and the giver, matched against officers at submission (intake.recusal).
    named_officer_ids=lambda report: set(report.recused_officer_ids or ()),
    tracking_number=lambda report: report.tracking_number,
    owned_actions=frozenset({
        "teruskan_kpk", "tetapkan_milik_penerima", "tetapkan_milik_negara", "tetapkan_milik_negara_kompensasi",
        "serahkan_barang", "setor_uang", "setor_kompensasi", "kembalikan_ke_pelapor",
    }),
)

COMPLAINT = Source(
    kind=CaseKind.pengaduan,
    record_type=CaseKind.pengaduan.record_type,
    queue=CaseKind.pengaduan.queue,
    model=Complaint,
    machine=COMPLAINT_MACHINE,
    case_columns=COMPLAINT_CONTENT_COLUMNS,
    identity_columns=COMPLAINT_IDENTITY_COLUMNS,
    identity_purpose=RingPurpose.WHISTLEBLOWER_IDENTITY,
    category=lambda complaint: _enum_value(complaint.category),
    unit_id=lambda complaint: complaint.terlapor_unit_id,
    received_on=lambda complaint: complaint.received_on,
    # Matched by the complaints module before the names were sealed.
    named_officer_ids=lambda complaint: set(complaint.recused_officer_ids or ()),
    tracking_number=lambda complaint: complaint.number,
    route_inputs=lambda c: (bool(c.terlapor_penyelenggara_negara), bool(c.terlapor_penegak_hukum), c.estimated_loss),
    hidden_attachments=lambda complaint: {complaint.ktp_attachment_id} if complaint.ktp_attachment_id else set(),
)

SOURCES: dict[str, Source] = {source.record_type: source for source in (GRATIFICATION, COMPLAINT)}


def source_for(record_type: str) -> Source:
    return SOURCES[record_type]
