"""Adapters from the intake records (gratification reports, complaints) to the case workspace.

The workspace never reaches into an intake model by name elsewhere: everything it needs to
know about a kind of record (its table, sealed columns, identity ring, categorical fields,
named officers, message thread) is here, so the intake modules stay free to evolve.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from .. import clock
from ..crypto.rings import RingPurpose
from ..models.case import CaseKind
from ..rules.report_fields import JENIS_LAPORAN_LABELS


@dataclass(frozen=True)
class Source:
    """How the workspace reads one kind of intake record."""

    kind: CaseKind
    record_type: str
    queue: str  # the officer role that handles it
    model: Callable[[], type]  # imported lazily: intake modules may import the workspace
    case_columns: tuple[str, ...]  # sealed to the case ring
    identity_columns: tuple[str, ...]
    identity_purpose: RingPurpose
    category: Callable[[Any], str]
    unit_id: Callable[[Any], int | None]
    received_on: Callable[[Any], date]
    named_officer_ids: Callable[[Any], set[int]]
    attachment_owner: str  # owner_type in the uploads service
    categories: Callable[[], list[tuple[str, str]]]  # (value, label in the request's language)
    tracking_number: Callable[[Any], str | None]
    status_changed_at: Callable[[Any], datetime]
    # Columns whose change the case index mirrors (besides status).
    watched: tuple[str, ...] = ("status",)
    # (penyelenggara negara?, law enforcer?, estimated loss) for the KPK/APH flag, if any.
    route_inputs: Callable[[Any], tuple[bool, bool, int | None]] | None = None
    # The thread with the reporter: (message, decrypted text) oldest first; and how an
    # officer posts a question (None: this kind has no free thread).
    read_messages: Callable[[bytes, Any], list[tuple[Any, str]]] | None = None
    # (officer, private key, record id, text): the intake module's own "ask the reporter".
    post_message: Callable[[Any, bytes | None, int, str], Any] | None = None
    # Attachments never listed on the case page (e.g. a KTP copy sealed to the identity ring).
    hidden_attachments: Callable[[Any], set[int]] = lambda record: set()
    # (officer, private key, record) after a status change: the intake module tells the reporter.
    notify_status: Callable[[Any, bytes | None, Any], Any] | None = None
    # Actions another blueprint owns because they record more than a status (the kpk
    # blueprint: GOL reference, SK, follow-up evidence): (blueprint, endpoint, view argument).
    owned_actions: frozenset[str] = frozenset()
    owner_page: tuple[str, str, str] | None = None

    def load(self, record_id: int) -> Any:
        from ..extensions import db

        return db.session.get(self.model(), record_id)

    def set_status(self, record: Any, status: str, now: datetime) -> None:
        record.status = status
        for column in ("status_changed_at", "updated_at"):
            if hasattr(type(record), column):
                setattr(record, column, now)


# -- gratification reports (issue 4) ---------------------------------------------------------


def _report_model() -> type:
    from ..models.report import GratificationReport

    return GratificationReport


def _report_case_columns() -> tuple[str, ...]:
    from ..models.report import CASE_COLUMNS

    return CASE_COLUMNS


def _report_identity_columns() -> tuple[str, ...]:
    from ..models.report import IDENTITY_COLUMNS

    return IDENTITY_COLUMNS


def _enum_value(value: Any) -> str:
    return str(getattr(value, "value", value))


def _report_messages(dek: bytes, report: Any) -> list[tuple[Any, str]]:
    from ..reports.services import read_messages

    return [(shown.message, shown.text) for shown in read_messages(report, dek)]


def _report_categories() -> list[tuple[str, str]]:
    return [(kind.value, _(label)) for kind, label in JENIS_LAPORAN_LABELS.items()]


def _report_notify(officer: Any, private_key: bytes | None, report: Any) -> Any:
    from ..reports.services import notify_status_change

    return notify_status_change(officer, private_key, report)


GRATIFICATION = Source(
    kind=CaseKind.gratifikasi,
    record_type="gratification_report",
    queue="upg",
    model=_report_model,
    case_columns=_report_case_columns(),
    identity_columns=_report_identity_columns(),
    identity_purpose=RingPurpose.GRATIFICATION_IDENTITY,
    category=lambda report: _enum_value(report.jenis_laporan),
    unit_id=lambda report: report.unit_id,
    received_on=lambda report: report.tanggal_lapor,
    # The reporter and the giver, matched against officers at submission (gratifikasi.recusal).
    named_officer_ids=lambda report: set(report.recused_officer_ids or ()),
    attachment_owner="gratification_report",
    categories=_report_categories,
    notify_status=_report_notify,
    owned_actions=frozenset({
        "teruskan_kpk", "tetapkan_milik_penerima", "tetapkan_milik_negara", "tetapkan_milik_negara_kompensasi",
        "serahkan_barang", "setor_uang", "setor_kompensasi", "kembalikan_ke_pelapor",
    }),
    owner_page=("kpk", "kpk.report", "report_id"),
    tracking_number=lambda report: report.tracking_number,
    status_changed_at=lambda report: report.status_changed_at,
    read_messages=_report_messages,
)


# -- complaints and whistleblowing reports (issue 5) ------------------------------------------


def _complaint_model() -> type:
    from ..models.complaint import Complaint

    return Complaint


def _complaint_columns(name: str) -> tuple[str, ...]:
    from ..models import complaint

    return getattr(complaint, name)


def _complaint_categories() -> list[tuple[str, str]]:
    from ..complaints.forms import CATEGORY_LABELS

    return [(value, str(label)) for value, label in CATEGORY_LABELS.items()]


def _complaint_messages(dek: bytes, complaint: Any) -> list[tuple[Any, str]]:
    """The secret mailbox, decrypted; the reporter's messages count as read by an officer now."""
    from ..crypto import fields
    from ..models.complaint import MESSAGE_RECORD_TYPE

    now = clock.utcnow()
    shown = []
    for message in complaint.messages:
        text = fields.decrypt_text(dek, bytes(message.body), table=MESSAGE_RECORD_TYPE, column="body",
                                   record_id=message.id)
        if message.author_type == "reporter" and message.read_at is None:
            message.read_at = now
        shown.append((message, text))
    return shown


def _complaint_post(officer: Any, private_key: bytes | None, complaint_id: int, text: str) -> Any:
    from ..complaints.services import post_officer_message

    return post_officer_message(officer, private_key, complaint_id, text)


COMPLAINT = Source(
    kind=CaseKind.pengaduan,
    record_type="complaint",
    queue="inspektorat",
    model=_complaint_model,
    case_columns=_complaint_columns("CONTENT_COLUMNS"),
    identity_columns=_complaint_columns("IDENTITY_COLUMNS"),
    identity_purpose=RingPurpose.WHISTLEBLOWER_IDENTITY,
    category=lambda complaint: _enum_value(complaint.category),
    unit_id=lambda complaint: complaint.terlapor_unit_id,
    received_on=lambda complaint: complaint.received_on,
    # Matched by the complaints module before the names were sealed.
    named_officer_ids=lambda complaint: set(complaint.recused_officer_ids or ()),
    attachment_owner="complaint",
    categories=_complaint_categories,
    tracking_number=lambda complaint: complaint.number,
    status_changed_at=lambda complaint: complaint.status_changed_at,
    watched=("status", "number"),
    route_inputs=lambda c: (bool(c.terlapor_penyelenggara_negara), bool(c.terlapor_penegak_hukum), c.estimated_loss),
    read_messages=_complaint_messages,
    post_message=_complaint_post,
    hidden_attachments=lambda complaint: {complaint.ktp_attachment_id} if complaint.ktp_attachment_id else set(),
)

SOURCES: dict[str, Source] = {source.record_type: source for source in (GRATIFICATION, COMPLAINT)}
BY_KIND: dict[CaseKind, Source] = {source.kind: source for source in SOURCES.values()}


def source_for(record_type: str) -> Source:
    return SOURCES[record_type]


def intake_models() -> dict[type, Source]:
    """Model class → source, for the sync listener."""
    return {source.model(): source for source in SOURCES.values()}
