"""E-mail outbox: every message is a row first, sent later by `flask outbox run`.

Writing the row in the caller's transaction means a mail exists exactly when the change
that caused it was committed, and an SMTP outage delays mail instead of losing it.
"""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Enum, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class OutboxStatus(str, enum.Enum):
    pending = "pending"    # waiting for its next attempt
    sending = "sending"    # claimed by a worker until locked_at + lease
    sent = "sent"
    failed = "failed"      # gave up after the maximum number of attempts


class OutboxMessage(Model):
    __tablename__ = "outbox_message"
    # The worker's claim query filters on status and due time; one index serves it.
    __table_args__ = (Index("ix_outbox_message_status_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # An officer's address in clear (officers' addresses are in the officer table anyway).
    # A reporter's address is identity: it is never here, only in sealed_recipient, sealed to
    # the outbox key (outbox/recipients.py), and dropped once delivered or given up.
    to_address: Mapped[str | None] = mapped_column(String(254))
    sealed_recipient: Mapped[bytes | None] = mapped_column(LargeBinary)
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(64))  # template name, e.g. "password-reset"

    status: Mapped[OutboxStatus] = mapped_column(
        Enum(OutboxStatus, native_enum=False, length=16, validate_strings=True)
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # For pending rows: when to try again. For sending rows: when the lease runs out.
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    locked_by: Mapped[str | None] = mapped_column(String(100))
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(String(1000))

    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when a worker stopped while holding the row: the mail may already have gone out.
    possible_duplicate: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.status.value}>"
