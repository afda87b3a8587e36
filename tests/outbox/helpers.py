"""Shared bits for outbox tests: a stand-in SMTP failure and row lookups."""
from __future__ import annotations

import smtplib

from sqlalchemy import select

from gratifikasi.extensions import db
from gratifikasi.models import OutboxMessage
from gratifikasi.outbox.recipients import open_recipient

ADDRESS = "anita.rahma@example.go.id"


class FlakySmtp:
    """Replaces mail.send: raises the given SMTP error while `error` is set, else sends."""

    def __init__(self, real_send, error: Exception | None = None) -> None:
        self.real_send = real_send
        self.error = error
        self.calls = 0

    def __call__(self, message) -> None:
        self.calls += 1
        if self.error is not None:
            raise self.error
        self.real_send(message)


def temporary_failure() -> smtplib.SMTPException:
    return smtplib.SMTPDataError(451, b"4.3.0 Mail server temporarily rejected message")


def only_row() -> OutboxMessage:
    db.session.expire_all()
    return db.session.execute(select(OutboxMessage)).scalar_one()


def recipient_of(row: OutboxMessage) -> str | None:
    """Where a queued message goes: an officer's address in clear, a reporter's opened with the
    outbox key (only the worker's side can), None once dropped."""
    if row.sealed_recipient is not None:
        return open_recipient(row.id, row.sealed_recipient)
    return row.to_address
