"""Requests to reveal a whistleblower's identity, decided by a custodian."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, Enum, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..rules.text import N_
from .officer import Officer


class RequestStatus(str, enum.Enum):
    pending = "pending"
    approved = "approved"
    refused = "refused"


# Statuses as shown to people (Indonesian msgids; translated in the templates).
REQUEST_STATUS_LABELS = {
    RequestStatus.pending: N_("Menunggu keputusan kustodian"),
    RequestStatus.approved: N_("Disetujui"),
    RequestStatus.refused: N_("Ditolak"),
}


class IdentityRequest(Model):
    __tablename__ = "identity_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer, index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    # The officer's written grounds. Kept here (not in the audit log, which takes no free text).
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(
        Enum(RequestStatus, native_enum=False, length=20, validate_strings=True), default=RequestStatus.pending
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)
    # Ring key of the whistleblower-identity ring, sealed by the approving custodian to the
    # requester for this one record's data key: the requester never joins the ring.
    granted_dek: Mapped[bytes | None] = mapped_column(LargeBinary)

    requested_by: Mapped[Officer] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[Officer | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def status_label(self) -> str:
        return REQUEST_STATUS_LABELS[self.status]
