"""Gratification reports: intake, tracking numbers, reporter access, deadlines, completion.

Each public function that changes data is one transaction. Views pass plain values in and get
plain values out; sealing goes through ``keyring.vault``, access codes and the reporter's
short-lived access through ``intake``. No request state is read here: the view keeps the
opaque access value this module hands out in the browser's session and passes it back.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import bindparam, select
from werkzeug.datastructures import FileStorage

from .. import audit, clock, crash_points
from ..calendar.service import deadline_calculator
from ..cases.opening import open_case
from ..cases.queries import case_of_record
from ..cases.sources import GRATIFICATION as GRATIFICATION_SOURCE
from ..cases.transitions import move, refusal
from ..extensions import db
from ..i18n import translate
from ..intake import browser_access, idempotency, units
from ..intake.browser_access import KIND_RECEIPT, KIND_REPORT_STATUS
from ..intake.recusal import named_officer_ids
from ..intake.reporter_access import AccessResult, Candidate, check_code, issue_credentials, until_locator_free
from ..intake.units import UnitChoice
from ..keyring import RingPurpose
from ..keyring.vault import encrypt_text, record_ref, seal_record
from ..models import OutboxMessage
from ..models.case import CaseFile
from ..models.ids import reserve_ids
from ..models.report import (
    CASE_COLUMNS,
    IDENTITY_COLUMNS,
    OBJECT_RECORD_TYPE,
    REPORT_RECORD_TYPE,
    GiftObject,
    GratificationReport,
    ReportMessage,
)
from ..models.rows import Rows
from ..rules.report_fields import HubunganPemberi, JenisLaporan, JenisObjek, JenisPeristiwa, LokasiObjek
from ..rules.text import N_
from ..uploads.service import store_attachments
from . import thread
from .notify import notify
from .status import late_message
from .steps import upg_due_on

ACCESS_MINUTES = 30
# The code waits this long for the same form to be sent again (intake.idempotency).
RECEIPT_MINUTES = 30
OWNER_TYPE = "gratification_report"  # attachments owner type


class ReportError(ValueError):
    """A refused action; ``str()`` is shown to the user as is."""


def active_units() -> list[UnitChoice]:
    """The active units (id, name) by name, from the per-process cache (intake.units)."""
    return units.active_units()


# -- intake ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectInput:
    jenis_objek: JenisObjek
    uraian: str
    nilai_taksiran: int
    lokasi_objek: LokasiObjek


@dataclass(frozen=True)
class ReportInput:
    jenis_laporan: JenisLaporan
    identity: dict[str, str | None]  # the IDENTITY_COLUMNS, as typed
    case: dict[str, str | None]      # the CASE_COLUMNS, as typed
    unit_id: int
    hubungan_pemberi: HubunganPemberi
    jenis_peristiwa: JenisPeristiwa
    tanggal_penerimaan: date
    minta_kompensasi: bool
    objects: list[ObjectInput]
    language: str = "id"

    def __post_init__(self) -> None:
        if set(self.identity) != set(IDENTITY_COLUMNS) or set(self.case) != set(CASE_COLUMNS):
            raise ValueError("identity/case must name exactly the sealed columns")
        if not self.objects:
            raise ValueError("a report needs at least one object")


@dataclass(frozen=True)
class Submitted:
    report_id: int
    tracking_number: str
    access_code: str = field(repr=False)  # shown once on the receipt page, never stored
    access_cookie: str = field(repr=False)  # this browser's status-page access (current_access)
    late_message: str | None = None


def submit_report(data: ReportInput, files: Iterable[FileStorage | None] = (), *,
                  nonce: str | None = None) -> Submitted:
    """Store a new report (sealed), issue its number and access code, queue the e-mail.

    ``nonce``: the form's (``intake.idempotency``); raises ``AlreadyReceived`` if that form
    was stored already. The status access and the code are then held under cookie values
    derived from it, so the same form sent again shows the same receipt (:func:`repeat_receipt`).

    The hot path (issue 14), as for complaints (``complaints.intake``): reference data from the
    per-process cache, the ids in one statement, the new rows in one more (``models.rows``), the
    audit entry last; a receipt-code locator already taken starts the transaction over.
    """
    if data.unit_id not in units.unit_ids():
        raise ReportError(_("Unit kerja tidak dikenal."))
    files = list(files)
    return until_locator_free(lambda: _store(data, files, nonce))


def _store(data: ReportInput, files: list[FileStorage | None], nonce: str | None) -> Submitted:
    """One attempt: everything in one transaction, committed at the end."""
    now = clock.utcnow()
    today = clock.local_today()
    late = deadline_calculator().is_late_report(data.tanggal_penerimaan, max(today, data.tanggal_penerimaan))
    email = data.identity.get("email")
    report_id, case_id, *object_ids = reserve_ids(GratificationReport, CaseFile, *(GiftObject for _ in data.objects),
                                                  *((OutboxMessage,) if email else ()))
    message_id = object_ids.pop() if email else None
    rows = Rows()
    report = rows.add(GratificationReport(
        id=report_id, tracking_year=today.year, tracking_seq=report_id,
        tracking_number=tracking_number(today, report_id),
        jenis_laporan=data.jenis_laporan, unit_id=data.unit_id, hubungan_pemberi=data.hubungan_pemberi,
        jenis_peristiwa=data.jenis_peristiwa,
        tanggal_penerimaan=data.tanggal_penerimaan, received_on=today, submitted_at=now,
        minta_kompensasi=data.minta_kompensasi,
        late_working_days=late.working_days_elapsed if late and data.jenis_laporan is JenisLaporan.PENERIMAAN else None,
        upg_due_on=upg_due_on(data.jenis_laporan, data.tanggal_penerimaan),
        has_email=bool(email), language=data.language,
        recused_officer_ids=named_officer_ids([
            (data.identity.get("nama"), data.identity.get("nip")), (data.case.get("pemberi_nama"), None),
        ]),
    ))
    identity = seal_record(REPORT_RECORD_TYPE, report_id, data.identity, purpose=RingPurpose.GRATIFICATION_IDENTITY,
                           into=rows)
    case = seal_record(REPORT_RECORD_TYPE, report_id, data.case, purpose=RingPurpose.CASE, into=rows)
    for column, blob in (identity.ciphertexts | case.ciphertexts).items():
        setattr(report, column, blob)

    for position, (object_id, item) in enumerate(zip(object_ids, data.objects, strict=True), start=1):
        rows.add(GiftObject(id=object_id, report_id=report_id, position=position, jenis_objek=item.jenis_objek,
                            nilai_taksiran=item.nilai_taksiran, lokasi_objek=item.lokasi_objek,
                            uraian=encrypt_text(case.dek, OBJECT_RECORD_TYPE, object_id, "uraian", item.uraian)))

    # No read for a free locator: the unique index refuses a taken one and the caller starts over.
    credentials = issue_credentials(record_ref(REPORT_RECORD_TYPE, report_id), case.dek)
    report.access_locator = credentials.locator
    report.access_verifier = credentials.verifier
    report.access_salt = credentials.salt
    report.access_wrapped_dek = credentials.wrapped_dek

    stored = store_attachments(OWNER_TYPE, report_id, files, "reporter", owner_dek=case.dek)
    open_case(GRATIFICATION_SOURCE, report, now=now, into=rows, case_id=case_id)
    if email:
        notify(report, email, kind="report-received", status=GRATIFICATION_SOURCE.machine.initial,
               into=rows, message_id=message_id)
    access_cookie = grant_access(report, case.dek, now=now, into=rows,
                                 cookie=idempotency.derived_cookie(nonce, KIND_REPORT_STATUS) if nonce else None)
    if nonce:
        browser_access.hold(REPORT_RECORD_TYPE, report_id, KIND_RECEIPT, credentials.code.display.encode(),
                            lifetime=timedelta(minutes=RECEIPT_MINUTES), now=now,
                            cookie=idempotency.derived_cookie(nonce, KIND_RECEIPT), into=rows)
        idempotency.claim(nonce, REPORT_RECORD_TYPE, report_id, now=now, into=rows)
    idempotency.written(rows, nonce, REPORT_RECORD_TYPE)
    audit.record(
        "report.submitted", actor_type="reporter", object_type=REPORT_RECORD_TYPE, object_id=report_id, commit=False,
        jenis=data.jenis_laporan.value, objects=len(data.objects), attachments=len(stored), late=late is not None,
    )
    crash_points.pause("report-before-commit")  # test-only: a worker killed here stores nothing
    idempotency.commit(nonce, REPORT_RECORD_TYPE)
    return Submitted(report_id, report.tracking_number, credentials.code.display, access_cookie, late_message(report))


def tracking_number(received_on: date, report_id: int) -> str:
    """GRT-<year>-<id, 6 digits>: like a complaint's ADU number, from the record's own id, so
    no submission waits for another to learn its number (issue 14). Numbers run on across
    years; the year says when the report was received."""
    return f"GRT-{received_on.year}-{report_id:06d}"


# -- reporter access ------------------------------------------------------------------------


def grant_access(report: GratificationReport, dek: bytes, *, now: datetime | None = None,
                 cookie: str | None = None, into: Rows | None = None) -> str:
    """Let one browser read the report for ACCESS_MINUTES; returns the value it keeps.

    The DEK waits in a server row under a key only that value holds (``intake.browser_access``),
    so neither the browser's cookie alone nor the database alone opens it, and closing the
    page deletes the row. The code itself is never kept. Runs in the caller's transaction.
    """
    return browser_access.hold(REPORT_RECORD_TYPE, report.id, KIND_REPORT_STATUS, dek,
                               lifetime=timedelta(minutes=ACCESS_MINUTES), now=now, cookie=cookie, into=into)


def forget_access(cookie: str | None) -> None:
    """Close the status page: the access is revoked on the server (commits)."""
    browser_access.drop(cookie, KIND_REPORT_STATUS)


@dataclass(frozen=True)
class RepeatReceipt:
    """The same form sent again, within the code's hold: what its receipt page shows."""

    report: GratificationReport
    code: str = field(repr=False)
    access_cookie: str | None = field(default=None, repr=False)


def forget_receipt(nonce: str | None) -> None:
    """Closing the status page also drops the code held for the form's repeat (commits)."""
    if nonce:
        browser_access.drop(idempotency.derived_cookie(nonce, KIND_RECEIPT), KIND_RECEIPT)


def repeat_receipt(nonce: str) -> RepeatReceipt | None:
    """The receipt of the report this form stored, for the browser holding the form's nonce;
    None once the hold has lapsed (the reporter opens the status page with the code)."""
    held = browser_access.open_record(idempotency.derived_cookie(nonce, KIND_RECEIPT), KIND_RECEIPT,
                                      GratificationReport)
    if held is None:
        return None
    status_cookie = idempotency.derived_cookie(nonce, KIND_REPORT_STATUS)
    return RepeatReceipt(held[0], held[1].decode(), status_cookie if current_access(status_cookie) else None)


def current_access(cookie: str | None) -> tuple[GratificationReport, bytes] | None:
    """The report this access value opens and its case DEK, or None (expired, closed, tampered…)."""
    return browser_access.open_record(cookie, KIND_REPORT_STATUS, GratificationReport)


@dataclass(frozen=True)
class StatusLogin:
    """The code check's result, and on success the access value for this browser."""

    result: AccessResult
    access_cookie: str | None = field(default=None, repr=False)


# The columns the code check needs, as a plain Core row (no report object), from a statement
# built once: a login is on the hot path (issue 14: 3 statements, under 3 ms).
_ACCESS = GratificationReport.__table__.c
_STATUS_CANDIDATE = select(_ACCESS.id, _ACCESS.tracking_number, _ACCESS.access_verifier, _ACCESS.access_salt,
                           _ACCESS.access_wrapped_dek).where(_ACCESS.access_locator == bindparam("locator"))


def open_with_code(number: str, code_text: str, *, client: str) -> StatusLogin:
    """Check number + code (throttled by the shared service, per code and per hashed
    ``client``); on success grant this browser access.

    A right code costs three statements (the throttle read, the report's access columns, the
    browser's access row) and writes no audit entry: the reporter opens no identity (the code
    wraps the case key only), and a permanent, chained list of the moments a reporter came
    back could be matched against traffic records (threat T7; the mailbox does the same). Every
    opening of an identity by an officer stays audited (T2)."""
    number = number.strip().upper()

    def find(locator: str) -> Candidate | None:
        row = db.session.execute(_STATUS_CANDIDATE, {"locator": locator}).one_or_none()
        if row is None or row.access_verifier is None:
            return None
        return Candidate((row.id, row.tracking_number), record_ref(REPORT_RECORD_TYPE, row.id),
                         bytes(row.access_verifier), bytes(row.access_salt or b""),
                         bytes(row.access_wrapped_dek or b""))

    result = check_code(code_text, find, client=client)
    if not result.ok:
        return StatusLogin(result)
    report_id, tracking_number = result.record
    if tracking_number != number:
        # The code is right but belongs to another number: say "does not match" like any miss.
        return StatusLogin(AccessResult(ok=False, error=N_("Nomor atau kode tidak cocok. Periksa kembali kode Anda.")))
    assert result.dek is not None
    # grant_access's row, inserted at once by one Core statement (no report object to pass).
    access_cookie = browser_access.hold_at_once(REPORT_RECORD_TYPE, report_id, KIND_REPORT_STATUS, result.dek,
                                                lifetime=timedelta(minutes=ACCESS_MINUTES))
    db.session.commit()
    return StatusLogin(AccessResult(ok=True, record=report_id, dek=result.dek), access_cookie)


# -- the reporter completes the report -------------------------------------------------------


def answer_completion(report: GratificationReport, dek: bytes, text: str,
                      files: Iterable[FileStorage | None] = ()) -> ReportMessage:
    """The reporter answers the open completion request; the report returns to the UPG.
    Only until the completion deadline (the workflow refuses it after; nothing is stored)."""
    request = thread.open_completion_request(report)
    if request is None:
        raise ReportError(_("Tidak ada permintaan kelengkapan yang menunggu jawaban."))
    case = case_of_record(REPORT_RECORD_TYPE, report.id, lock=True)
    now = clock.utcnow()
    refused = refusal(case, report, "lengkapi", "reporter", clock.local_date(now))
    if refused is not None:
        db.session.rollback()
        raise ReportError(translate(refused))
    answer = thread.add_answer(report, request, dek, text, now)
    stored = store_attachments(OWNER_TYPE, report.id, files, "reporter", owner_dek=dek)
    audit.record("report.completed_by_reporter", actor_type="reporter", object_type=REPORT_RECORD_TYPE,
                 object_id=report.id, commit=False, message_id=answer.id, attachments=len(stored))
    move(case, report, "lengkapi", role="reporter", actor_type="reporter", now=now)
    db.session.commit()
    return answer
