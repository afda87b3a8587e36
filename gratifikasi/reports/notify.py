"""E-mail to the ASN reporter about their report: only the tracking number, the public
status and the link, never identity, content or the access code.

The address is sealed with the reporter's identity: it is opened with the acting officer's
identity-ring key (audited like any identity view). Runs in the caller's transaction, with
or without a request: the link comes from the ``BASE_URL`` setting (``outbox.links``).
"""
from __future__ import annotations

import logging
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _

from .. import audit
from ..i18n import tanggal
from ..keyring import NoAccess, RingPurpose
from ..keyring.vault import decrypt_values, open_data_key
from ..models import Officer
from ..models.report import REPORT_RECORD_TYPE, GratificationReport
from ..models.rows import Rows
from ..outbox import enqueue
from ..outbox.links import external_url
from ..outbox.recipients import OutboxKeyMissing
from ..rules.workflow import GRATIFICATION
from .status import public_status

log = logging.getLogger(__name__)


def reporter_email(officer: Officer, private_key: bytes | None, report: GratificationReport) -> str | None:
    """The reporter's address, or None when none was given or the officer lacks the ring."""
    if not report.has_email or report.email is None:
        return None
    try:
        dek = open_data_key(officer, private_key, REPORT_RECORD_TYPE, report.id,
                            purpose=RingPurpose.GRATIFICATION_IDENTITY)
    except NoAccess:
        return None
    audit.record("identity.viewed", actor_id=officer.id, object_type=REPORT_RECORD_TYPE, object_id=report.id,
                 commit=False, ring="gratification-identity", why="notification")
    return decrypt_values(dek, REPORT_RECORD_TYPE, report.id, {"email": bytes(report.email)})["email"]


def notify_status_change(
    officer: Officer, private_key: bytes | None, report: GratificationReport, previous_state: str | None = None,
    *, kind: str = "report-status", completion_due: date | None = None,
) -> bool:
    """After a workflow step: tell the reporter (if they gave an address) when the
    reporter-facing status changed. Returns whether a notice was queued. ``completion_due``:
    the completion deadline to state (a report returned for completion)."""
    if previous_state is not None and (
        GRATIFICATION.state(previous_state).public_label == GRATIFICATION.state(report.status).public_label
    ):
        return False  # an internal step the reporter does not see
    address = reporter_email(officer, private_key, report)
    if address is None:
        return False
    notify(report, address, kind=kind, completion_due=completion_due)
    return True


def notify(report: GratificationReport, address: str, *, kind: str, completion_due: date | None = None,
           status: str | None = None, into: Rows | None = None, message_id: int | None = None) -> None:
    """Queue a notice in the report's language (with the completion deadline, if given: the
    date ``reports.completion`` computes, as on the status page).

    At intake the report is not in the database yet: ``status`` is its first state, and the
    message goes ``into`` the intake's batch of new rows with its reserved ``message_id``.
    """
    with force_locale(report.language):
        link = external_url("reports.status")
        status = public_status(report, status)
        subject = _("Laporan gratifikasi %(nomor)s: %(status)s", nomor=report.tracking_number, status=status)
        body = "\n\n".join([
            _("Ada pembaruan pada laporan gratifikasi nomor %(nomor)s.", nomor=report.tracking_number),
            _("Status: %(status)s", status=status),
            *([_("Lengkapi laporan paling lambat %(tanggal)s; setelah tanggal itu laporan tidak ditindaklanjuti.",
                 tanggal=tanggal(completion_due, "long"))] if completion_due else []),
            _("Buka %(link)s dan masukkan nomor laporan serta kode akses rahasia Anda untuk melihat rinciannya.",
              link=link),
            _("E-mail ini sengaja tidak memuat isi laporan. Bila Anda tidak merasa melapor, abaikan e-mail ini."),
        ])
    try:
        # The address is identity: sealed to the outbox key until the worker sends it.
        enqueue(address, subject, body, kind=kind, sealed=True, into=into, message_id=message_id)
    except OutboxKeyMissing:
        # Never stored in clear instead: without an outbox key the reporter gets no e-mail.
        log.warning("report %s: reporter e-mail not queued (no outbox key configured)", report.id)


__all__ = ["notify", "notify_status_change", "reporter_email"]
