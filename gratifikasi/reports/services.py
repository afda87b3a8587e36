"""Gratification reports: intake, tracking numbers, reporter access, deadlines, completion.

Each public function that changes data is one transaction. Views pass plain values in and get
plain values out; the crypto (sealing, access codes, the reporter's short-lived access) stays
here and in the keyring/access modules.
"""
from __future__ import annotations

import base64
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flask import current_app, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage

from .. import audit, clock
from ..calendar.service import deadline_calculator
from ..crypto import symmetric
from ..crypto.errors import CryptoError
from ..crypto.kdf import hkdf
from ..crypto.rings import RingPurpose
from ..extensions import db
from ..i18n import translate
from ..keyring import NoAccess
from ..keyring.vault import decrypt_values, encrypt_values, open_data_key, record_ref, seal_record
from ..models import Officer, Unit
from ..models.report import (
    CASE_COLUMNS, IDENTITY_COLUMNS, MESSAGE_RECORD_TYPE, OBJECT_RECORD_TYPE, REPORT_RECORD_TYPE,
    GiftObject, GratificationReport, MessageKind, ReportMessage,
)
from ..outbox import enqueue
from ..intake.recusal import named_officer_ids
from ..intake.reporter_access import AccessResult, Candidate, check_code, issue_credentials
from ..rules.deadlines import Deadline
from ..rules.report_fields import HubunganPemberi, JenisLaporan, JenisObjek, JenisPeristiwa, LokasiObjek
from ..rules.state_machine import transition
from ..rules.text import N_
from ..rules.workflow import GRATIFICATION
from ..uploads.service import store_attachments

ACCESS_SESSION_KEY = "grt_akses"
ACCESS_MINUTES = 30
MAX_TRACKING_ATTEMPTS = 10
OWNER_TYPE = "gratification_report"  # attachments owner type
_ACCESS_INFO = b"gratifikasi/report-access-session/v1"
_ACCESS_HEADER = b"\x01"


class ReportError(ValueError):
    """A refused action; ``str()`` is shown to the user as is."""


def active_units() -> list[Unit]:
    return list(db.session.execute(select(Unit).where(Unit.active.is_(True)).order_by(Unit.name)).scalars())


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
    late_message: str | None = None


def submit_report(data: ReportInput, files: Iterable[FileStorage | None] = ()) -> Submitted:
    """Store a new report (sealed), issue its number and access code, queue the e-mail."""
    if db.session.get(Unit, data.unit_id) is None:
        raise ReportError(_("Unit kerja tidak dikenal."))
    now = clock.utcnow()
    today = clock.local_today()
    late = deadline_calculator().is_late_report(data.tanggal_penerimaan, max(today, data.tanggal_penerimaan))
    report = GratificationReport(
        jenis_laporan=data.jenis_laporan, status=GRATIFICATION.initial, status_changed_at=now,
        unit_id=data.unit_id, hubungan_pemberi=data.hubungan_pemberi, jenis_peristiwa=data.jenis_peristiwa,
        tanggal_penerimaan=data.tanggal_penerimaan, tanggal_lapor=today, submitted_at=now,
        minta_kompensasi=data.minta_kompensasi,
        late_working_days=late.working_days_elapsed if late and data.jenis_laporan is JenisLaporan.PENERIMAAN else None,
        has_email=bool(data.identity.get("email")), language=data.language,
        recused_officer_ids=named_officer_ids([
            (data.identity.get("nama"), data.identity.get("nip")), (data.case.get("pemberi_nama"), None),
        ]),
        # Placeholders until the row has an id: ciphertexts are bound to it.
        **{column: b"" for column in (*IDENTITY_COLUMNS, *CASE_COLUMNS)},
    )
    _allocate_tracking_number(report, today.year)

    identity = seal_record(REPORT_RECORD_TYPE, report.id, data.identity, purpose=RingPurpose.GRATIFICATION_IDENTITY)
    case = seal_record(REPORT_RECORD_TYPE, report.id, data.case, purpose=RingPurpose.CASE)
    for column, blob in (identity.ciphertexts | case.ciphertexts).items():
        setattr(report, column, blob)

    for position, item in enumerate(data.objects, start=1):
        obj = GiftObject(report_id=report.id, position=position, jenis_objek=item.jenis_objek,
                         nilai_taksiran=item.nilai_taksiran, lokasi_objek=item.lokasi_objek, uraian=b"")
        db.session.add(obj)
        db.session.flush()
        obj.uraian = encrypt_values(case.dek, OBJECT_RECORD_TYPE, obj.id, {"uraian": item.uraian})["uraian"]

    credentials = issue_credentials(
        record_ref(REPORT_RECORD_TYPE, report.id), case.dek, locator_taken=_locator_taken,
    )
    report.access_locator = credentials.locator
    report.access_verifier = credentials.verifier
    report.access_salt = credentials.salt
    report.access_wrapped_dek = credentials.wrapped_dek

    stored = store_attachments(OWNER_TYPE, report.id, files, "reporter", owner_dek=case.dek)
    audit.record(
        "report.submitted", actor_type="reporter", object_type=REPORT_RECORD_TYPE, object_id=report.id, commit=False,
        jenis=data.jenis_laporan.value, objects=len(data.objects), attachments=len(stored), late=late is not None,
    )
    email = data.identity.get("email")
    if email:
        _notify(report, email, kind="report-received")
    db.session.commit()
    grant_access(report, case.dek)
    return Submitted(report.id, report.tracking_number, credentials.code.display, late_message(report))


def _locator_taken(locator: str) -> bool:
    return db.session.execute(
        select(GratificationReport.id).where(GratificationReport.access_locator == locator)
    ).first() is not None


def _allocate_tracking_number(report: GratificationReport, year: int) -> None:
    """GRT-<year>-<6 digits>, one sequence per year: max + 1, and on a clash with a concurrent
    submission (the unique constraint fires) read the new max and try again."""
    for _attempt in range(MAX_TRACKING_ATTEMPTS):
        seq = next_tracking_seq(year)
        report.tracking_year, report.tracking_seq = year, seq
        report.tracking_number = f"GRT-{year}-{seq:06d}"
        try:
            with db.session.begin_nested():
                db.session.add(report)
                db.session.flush()
            return
        except IntegrityError:
            if not _number_taken(year, seq):
                raise  # some other constraint: a bug, not a race
    raise ReportError(_("Nomor laporan tidak dapat dibuat; coba kirim sekali lagi."))


def _number_taken(year: int, seq: int) -> bool:
    return db.session.execute(
        select(GratificationReport.id).where(
            GratificationReport.tracking_year == year, GratificationReport.tracking_seq == seq
        )
    ).first() is not None


def next_tracking_seq(year: int) -> int:
    current = db.session.execute(
        select(func.max(GratificationReport.tracking_seq)).where(GratificationReport.tracking_year == year)
    ).scalar()
    return (current or 0) + 1


# -- reporter access ------------------------------------------------------------------------


def _session_key() -> bytes:
    return hkdf(current_app.config["SECRET_KEY"].encode(), salt=b"", info=_ACCESS_INFO)


def grant_access(report: GratificationReport, dek: bytes) -> None:
    """Remember for ACCESS_MINUTES, in this browser's signed session only, that it may read the
    report. The DEK is kept encrypted under a key derived from the server secret, so neither
    the cookie alone nor the database alone opens it; the code itself is never kept."""
    sealed = symmetric.encrypt(
        _session_key(), dek, header=_ACCESS_HEADER, context=record_ref(REPORT_RECORD_TYPE, report.id).encode()
    )
    session[ACCESS_SESSION_KEY] = {
        "r": report.id, "u": int(time.time()) + ACCESS_MINUTES * 60,
        "k": base64.urlsafe_b64encode(sealed).decode(),
    }


def forget_access() -> None:
    session.pop(ACCESS_SESSION_KEY, None)


def current_access() -> tuple[GratificationReport, bytes] | None:
    """The report this browser may read and its case DEK, or None (expired, tampered…)."""
    held = session.get(ACCESS_SESSION_KEY)
    if not isinstance(held, dict) or held.get("u", 0) < time.time():
        forget_access()
        return None
    report = db.session.get(GratificationReport, held.get("r"))
    if report is None:
        forget_access()
        return None
    try:
        dek = symmetric.decrypt(
            _session_key(), base64.urlsafe_b64decode(held["k"]), header=_ACCESS_HEADER,
            context=record_ref(REPORT_RECORD_TYPE, report.id).encode(),
        )
    except (CryptoError, KeyError, ValueError, TypeError):
        forget_access()
        return None
    return report, dek


def open_with_code(number: str, code_text: str) -> AccessResult:
    """Check number + code (throttled by the shared service); on success grant access."""
    number = number.strip().upper()

    def find(locator: str) -> Candidate | None:
        report = db.session.execute(
            select(GratificationReport).where(GratificationReport.access_locator == locator)
        ).scalar_one_or_none()
        if report is None or report.access_verifier is None:
            return None
        return Candidate(report, record_ref(REPORT_RECORD_TYPE, report.id), bytes(report.access_verifier),
                         bytes(report.access_salt), bytes(report.access_wrapped_dek))

    result = check_code(code_text, find)
    if result.ok and result.record.tracking_number != number:
        # The code is right but belongs to another number: say "does not match" like any miss.
        return AccessResult(ok=False, error=N_("Nomor atau kode tidak cocok. Periksa kembali kode Anda."))
    if result.ok:
        grant_access(result.record, result.dek)
        audit.record("report.opened_by_reporter", actor_type="reporter", object_type=REPORT_RECORD_TYPE,
                     object_id=result.record.id)
    return result


# -- deadlines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    due: date
    basis: str
    state: str | None  # aman | segera | terlambat | terpenuhi | None (not running)
    days_left: int | None


_UPG_STAGE = ("diterima_upg", "diverifikasi", "dianalisis_upg")


def report_deadlines(report: GratificationReport, today: date | None = None) -> list[DeadlineRow]:
    """The deadlines the reporter and the UPG see, with their state on ``today``."""
    today = today or clock.local_today()
    calc = deadline_calculator()
    rows: list[DeadlineRow] = []

    def row(deadline: Deadline, running: bool, met: bool | None = None) -> None:
        text = translate(deadline.label)
        if met is not None:
            state = "terpenuhi" if met else "terlambat"
            left = None
        elif running:
            state, left = deadline.status_on(today), deadline.working_days_left(today)
        else:
            state, left = None, None
        rows.append(DeadlineRow(text, deadline.due, deadline.legal_basis, state, left))

    if report.jenis_laporan is JenisLaporan.PENERIMAAN:
        to_kpk = calc.report_to_kpk(report.tanggal_penerimaan)
        # Reporting through the UPG within the period counts as reporting in time.
        row(to_kpk, False, met=report.tanggal_lapor <= to_kpk.due)
    row(calc.upg_forward_to_kpk(report.tanggal_lapor), report.status in _UPG_STAGE)
    request = open_completion_request(report)
    if request is not None and request.due_date is not None:
        completion = calc.completion(report.tanggal_penerimaan, report.tanggal_lapor)
        row(Deadline(completion.name_id, completion.label, request.due_date,
                     completion.legal_basis, calendar=calc.calendar, soon_within_hk=calc.settings.soon_within_hk),
            report.status == "perlu_dilengkapi")
    return rows


def late_message(report: GratificationReport) -> str | None:
    """The late-report warning (PerKPK 1/2026 Ps. 17(4)) in the visitor's language, if late."""
    if report.late_working_days is None:
        return None
    warning = deadline_calculator().is_late_report(report.tanggal_penerimaan, report.tanggal_lapor)
    if warning is None:
        return None
    return translate(warning.message)


def public_status(report: GratificationReport) -> str:
    state = GRATIFICATION.state(report.status)
    return _(state.public_label)


def officer_status(report: GratificationReport) -> str:
    state = GRATIFICATION.state(report.status)
    return _(state.label)


# -- messages: completion requests and answers ----------------------------------------------


def open_completion_request(report: GratificationReport) -> ReportMessage | None:
    for message in reversed(report.messages):
        if message.kind is MessageKind.completion_request:
            return None if message.answered_at is not None else message
    return None


@dataclass(frozen=True)
class ShownMessage:
    message: ReportMessage
    text: str


def read_messages(report: GratificationReport, dek: bytes) -> list[ShownMessage]:
    """Every message of the report, decrypted with its case DEK (reporter or officer)."""
    return [
        ShownMessage(m, decrypt_values(dek, MESSAGE_RECORD_TYPE, m.id, {"body": bytes(m.body)})["body"] or "")
        for m in report.messages
    ]


def messages_for_officer(officer: Officer, private_key: bytes | None,
                         report: GratificationReport) -> list[ShownMessage] | None:
    """The messages for a case-ring member; None for an officer without the ring."""
    try:
        dek = open_data_key(officer, private_key, REPORT_RECORD_TYPE, report.id, purpose=RingPurpose.CASE)
    except NoAccess:
        return None
    return read_messages(report, dek)


def request_completion(officer: Officer, private_key: bytes | None, report_id: int, text: str) -> ReportMessage:
    """The UPG returns the report for completion: message, new status, deadline, e-mail.

    Raises NoAccess without the case ring, IllegalTransition from a wrong state.
    """
    report = _report(report_id)
    new_state = transition(GRATIFICATION, report.status, "minta_kelengkapan", "upg", reason=text)
    dek = open_data_key(officer, private_key, REPORT_RECORD_TYPE, report.id, purpose=RingPurpose.CASE)
    calc = deadline_calculator()
    due = calc.completion(report.tanggal_penerimaan, report.tanggal_lapor).due
    now = clock.utcnow()
    message = ReportMessage(report_id=report.id, kind=MessageKind.completion_request, officer_id=officer.id,
                            created_at=now, body=b"", due_date=due)
    db.session.add(message)
    db.session.flush()
    message.body = encrypt_values(dek, MESSAGE_RECORD_TYPE, message.id, {"body": text.strip()})["body"]
    report.status, report.status_changed_at = new_state, now
    audit.record("report.completion_requested", actor_id=officer.id, object_type=REPORT_RECORD_TYPE,
                 object_id=report.id, commit=False, message_id=message.id, status=new_state)
    email = _reporter_email(officer, private_key, report)
    if email:
        _notify(report, email, kind="report-update")
    db.session.commit()
    return message


def answer_completion(report: GratificationReport, dek: bytes, text: str,
                      files: Iterable[FileStorage | None] = ()) -> ReportMessage:
    """The reporter answers the open completion request; the report returns to the UPG."""
    request = open_completion_request(report)
    if request is None:
        raise ReportError(_("Tidak ada permintaan kelengkapan yang menunggu jawaban."))
    new_state = transition(GRATIFICATION, report.status, "lengkapi", "reporter")
    now = clock.utcnow()
    answer = ReportMessage(report_id=report.id, kind=MessageKind.reporter_answer, created_at=now, body=b"",
                           answers_id=request.id)
    db.session.add(answer)
    db.session.flush()
    answer.body = encrypt_values(dek, MESSAGE_RECORD_TYPE, answer.id, {"body": text.strip()})["body"]
    stored = store_attachments(OWNER_TYPE, report.id, files, "reporter", owner_dek=dek)
    request.answered_at = now
    report.status, report.status_changed_at = new_state, now
    audit.record("report.completed_by_reporter", actor_type="reporter", object_type=REPORT_RECORD_TYPE,
                 object_id=report.id, commit=False, message_id=answer.id, attachments=len(stored))
    db.session.commit()
    return answer


def _report(report_id: int) -> GratificationReport:
    report = db.session.get(GratificationReport, report_id)
    if report is None:
        raise ReportError(_("Laporan tidak ditemukan."))
    return report


def list_reports(officer: Officer, limit: int = 200) -> list[GratificationReport]:
    """Reports whose case the officer may open (the workspace's rule: queue, unit, recusal)."""
    from ..cases.queries import visible_to  # imported here: the case workspace builds on reports
    from ..models.case import CaseFile

    return list(db.session.execute(
        select(GratificationReport)
        .join(CaseFile, and_(CaseFile.record_type == REPORT_RECORD_TYPE, CaseFile.record_id == GratificationReport.id))
        .where(*visible_to(officer))
        .order_by(GratificationReport.id.desc()).limit(limit)
    ).scalars())


# -- e-mail -------------------------------------------------------------------------------


def _reporter_email(officer: Officer, private_key: bytes | None, report: GratificationReport) -> str | None:
    """The reporter's address for a notification, opened with the officer's identity-ring key
    (audited like any identity view). None when none was given or the officer lacks the ring."""
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
    officer: Officer, private_key: bytes | None, report: GratificationReport, previous_state: str | None = None
) -> bool:
    """After a workflow transition: tell the reporter (if they gave an address) that the
    status changed, when the reporter-facing label changed. Runs in the caller's
    transaction. Returns whether a notice was queued."""
    if previous_state is not None and (
        GRATIFICATION.state(previous_state).public_label == GRATIFICATION.state(report.status).public_label
    ):
        return False  # an internal step the reporter does not see
    address = _reporter_email(officer, private_key, report)
    if address is None:
        return False
    _notify(report, address, kind="report-status")
    return True


def _notify(report: GratificationReport, address: str, *, kind: str) -> None:
    """Queue a notice carrying only the tracking number, the public status and the link:
    never identity, report content or the access code."""
    with force_locale(report.language):
        link = url_for("reports.status", _external=True)
        status = public_status(report)
        subject = _("Laporan gratifikasi %(nomor)s: %(status)s", nomor=report.tracking_number, status=status)
        body = "\n\n".join([
            _("Ada pembaruan pada laporan gratifikasi nomor %(nomor)s.", nomor=report.tracking_number),
            _("Status: %(status)s", status=status),
            _("Buka %(link)s dan masukkan nomor laporan serta kode akses rahasia Anda untuk melihat rinciannya.",
              link=link),
            _("E-mail ini sengaja tidak memuat isi laporan. Bila Anda tidak merasa melapor, abaikan e-mail ini."),
        ])
    enqueue(address, subject, body, kind=kind)
