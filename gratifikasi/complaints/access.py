"""Receipt codes of complaints and the browser's short-lived access after a code.

The receipt code (``intake.reporter_access``) wraps the complaint's case key, so the
reporter can come back with the code alone. After a code is accepted the browser holds a
short-lived access (``intake.browser_access``): the key, or a new code waiting to be written
down, in a server row encrypted under a key only the browser's cookie holds. Logout and
confirmation delete the row; the code never travels in a URL.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..intake import browser_access, reporter_access
from ..intake.browser_access import KIND_RECEIPT
from ..keyring import vault
from ..models import Complaint
from ..models.complaint import RECORD_TYPE
from ..models.rows import Rows

RECEIPT_MINUTES = 60  # a new code waits this long for "Saya sudah menyimpannya"
MAILBOX_IDLE_MINUTES = 20
MAILBOX_ABSOLUTE_HOURS = 2

__all__ = [
    "MAILBOX_ABSOLUTE_HOURS",
    "MAILBOX_IDLE_MINUTES",
    "PendingReceipt",
    "RECEIPT_MINUTES",
    "confirm_receipt_saved",
    "hold_receipt",
    "issue_code",
    "locator_taken",
    "pending_receipt",
]


def issue_code(complaint: Complaint, dek: bytes, *, one_time: bool, keep_locator: bool = False,
               check_locator: bool = True) -> Any:
    """A new receipt code for the complaint (its credentials set on the row).

    ``check_locator=False``: no read for a free locator; the unique index refuses a taken one
    and the caller starts over (the intake's hot path, ``complaints.intake``).
    """
    ref = vault.record_ref(RECORD_TYPE, complaint.id)
    if keep_locator and complaint.access_locator:
        issued = reporter_access.rotate_credentials(ref, dek, locator=complaint.access_locator, one_time=one_time)
    else:
        issued = reporter_access.issue_credentials(ref, dek, one_time=one_time,
                                                   locator_taken=locator_taken if check_locator else None)
    complaint.access_locator = issued.locator
    complaint.access_verifier = issued.verifier
    complaint.access_salt = issued.salt
    complaint.access_wrapped_dek = issued.wrapped_dek
    complaint.access_one_time = issued.one_time
    return issued.code


def locator_taken(locator: str) -> bool:
    return db.session.execute(select(Complaint.id).where(Complaint.access_locator == locator)).first() is not None


def hold_receipt(complaint_id: int, code_display: str, *, now: datetime, cookie: str | None = None,
                 into: Rows | None = None) -> str:
    """Keep a new code for this browser until it is written down; returns the cookie value
    (``cookie``: one derived from the form's nonce, so sending the form again finds it;
    ``into``: the intake's batch of new rows)."""
    return browser_access.hold(RECORD_TYPE, complaint_id, KIND_RECEIPT, code_display.encode(),
                               lifetime=timedelta(minutes=RECEIPT_MINUTES), now=now, cookie=cookie, into=into)


@dataclass(frozen=True)
class PendingReceipt:
    complaint: Complaint
    code_display: str = field(repr=False)


def pending_receipt(cookie: str | None) -> PendingReceipt | None:
    opened = browser_access.open_record(cookie, KIND_RECEIPT, Complaint)
    return None if opened is None else PendingReceipt(opened[0], opened[1].decode())


def confirm_receipt_saved(cookie: str | None) -> None:
    """'Saya sudah menyimpannya': the code is gone from the server for good."""
    browser_access.drop(cookie, KIND_RECEIPT)
