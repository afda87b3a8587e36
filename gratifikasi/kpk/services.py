"""KPK forwarding, SK decisions, follow-ups and deposited objects: one transaction each.

Every step that moves a report moves its case through ``cases.transitions.move`` (the
workflow refuses illegal steps; the audit log gets action, states and ids, never identity or
free text). The documents that carry identity are in :mod:`.documents`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .. import audit, clock
from ..cases.queries import case_of_record
from ..cases.transitions import guard_refusal, move, refresh_due_date
from ..extensions import db, savepoint
from ..i18n import translate
from ..models import (
    DepositedObject,
    FollowUpKind,
    GiftObject,
    GratificationReport,
    KpkDecision,
    KpkDecisionRecord,
    KpkFollowUp,
    KpkForwarding,
    Officer,
    ReleaseKind,
)
from ..models.report import REPORT_RECORD_TYPE
from ..reports.notify import notify_status_change
from ..rules.report_fields import LokasiObjek
from ..rules.state_machine import IllegalTransition
from ..rules.workflow import GRATIFICATION

ROLE = "upg"  # the workflow role of every action here

DECISION_ACTIONS: dict[KpkDecision, str] = {
    KpkDecision.milik_penerima: "tetapkan_milik_penerima",
    KpkDecision.milik_negara: "tetapkan_milik_negara",
    KpkDecision.milik_negara_dapat_dikompensasi: "tetapkan_milik_negara_kompensasi",
}
# Follow-ups that pay money need the amount.
MONEY_FOLLOW_UPS = frozenset({FollowUpKind.setor_uang, FollowUpKind.setor_kompensasi})
# What happens to objects still deposited at the UPG when the follow-up is recorded.
RELEASE_ON_FOLLOW_UP: dict[FollowUpKind, ReleaseKind] = {
    FollowUpKind.serahkan_barang: ReleaseKind.diserahkan_kpk,
    FollowUpKind.setor_uang: ReleaseKind.diserahkan_kpk,
    FollowUpKind.setor_kompensasi: ReleaseKind.dikembalikan_pelapor,
    FollowUpKind.kembalikan_ke_pelapor: ReleaseKind.dikembalikan_pelapor,
}
RELEASE_LABELS = {
    ReleaseKind.diserahkan_kpk: "Diserahkan kepada KPK/negara",
    ReleaseKind.dikembalikan_pelapor: "Dikembalikan kepada pelapor",
}
# A deposit may be released once KPK decided, or when the report ended without a decision.
_RELEASABLE_WITHOUT_DECISION = frozenset({"tidak_ditindaklanjuti", "tidak_dapat_ditindaklanjuti", "penolakan_dicatat"})
MAX_RECEIPT_ATTEMPTS = 5
DEPOSIT_STATES = frozenset({"diterima_upg", "perlu_dilengkapi", "diverifikasi", "dianalisis_upg", "diteruskan_kpk"})


class KpkError(ValueError):
    """A refused step; ``str()`` is Indonesian and shown beside the form. ``field`` names the input."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# -- reading ---------------------------------------------------------------------------


def get_report(report_id: int) -> GratificationReport | None:
    return db.session.get(GratificationReport, report_id)


@dataclass(frozen=True)
class KpkRecords:
    forwarding: KpkForwarding | None
    decision: KpkDecisionRecord | None
    follow_ups: list[KpkFollowUp]
    deposits: list[DepositedObject]


def records(report: GratificationReport) -> KpkRecords:
    def one(model):
        return db.session.execute(select(model).where(model.report_id == report.id)).scalar_one_or_none()

    follow_ups = db.session.execute(
        select(KpkFollowUp).where(KpkFollowUp.report_id == report.id).order_by(KpkFollowUp.id)
    ).scalars().all()
    deposits = db.session.execute(
        select(DepositedObject).where(DepositedObject.report_id == report.id).order_by(DepositedObject.id)
    ).scalars().all()
    return KpkRecords(one(KpkForwarding), one(KpkDecisionRecord), list(follow_ups), list(deposits))


def possible_follow_ups(report: GratificationReport) -> list[FollowUpKind]:
    """Follow-ups the workflow allows from the report's current state."""
    return [kind for kind in FollowUpKind if GRATIFICATION.find(report.status, kind.value) is not None]


def forwarding_refused(report: GratificationReport) -> str | None:
    """Why the workflow refuses ever forwarding this report to KPK (a refusal report needs no
    status decision), in the visitor's language; None otherwise."""
    why = guard_refusal(case_of_record(REPORT_RECORD_TYPE, report.id), report, "teruskan_kpk")
    return translate(why) if why is not None else None


def depositable_objects(report: GratificationReport) -> list[GiftObject]:
    """Objects of the report not deposited yet, while KPK has not decided (deposits are
    kept "until the status is set", domain.md §1.9)."""
    if report.status not in DEPOSIT_STATES:
        return []
    taken = set(db.session.execute(
        select(DepositedObject.gift_object_id).where(DepositedObject.report_id == report.id)
    ).scalars())
    return [obj for obj in report.objects if obj.id not in taken]


# -- workflow steps -----------------------------------------------------------------------


def _move(report: GratificationReport, action: str, officer: Officer, private_key: bytes | None,
          decision: KpkDecision | None = None) -> None:
    """Move the report's case by ``action`` (the workspace's one transition function) and tell
    the reporter, with the acting officer's unlocked key (in the caller's transaction).
    ``decision``: KPK's decision, named in the transition's audit entry."""
    case = case_of_record(REPORT_RECORD_TYPE, report.id, lock=True)
    previous = case.status
    try:
        if decision is None:
            move(case, report, action, role=ROLE, actor_id=officer.id)
        else:
            move(case, report, action, role=ROLE, actor_id=officer.id, decision=decision.value)
    except IllegalTransition as error:
        raise KpkError(translate(error.message)) from error
    if private_key is not None:
        notify_status_change(officer, private_key, report, previous)


def _refresh_due(report: GratificationReport) -> None:
    """The case's due date again, now that the row it counts from (the forwarding date, the
    SK's date) is recorded: KPK's decision and the hand-over run from those days."""
    db.session.flush()
    refresh_due_date(case_of_record(REPORT_RECORD_TYPE, report.id))


def _not_future(day: date, field: str) -> None:
    if day > clock.local_today():
        raise KpkError(_("Tanggal tidak boleh di masa depan."), field)


def record_forwarding(report: GratificationReport, officer: Officer, gol_reference: str, forwarded_on: date,
                      *, private_key: bytes | None = None) -> KpkForwarding:
    """The UPG forwarded the report to KPK through GOL: reference and date; → diteruskan_kpk."""
    gol_reference = gol_reference.strip()
    if not gol_reference:
        raise KpkError(_("Nomor referensi GOL wajib diisi."), "gol_reference")
    _not_future(forwarded_on, "forwarded_on")
    if forwarded_on < report.received_on:
        raise KpkError(_("Tanggal diteruskan tidak boleh sebelum laporan diterima UPG."), "forwarded_on")
    if records(report).forwarding is not None:
        raise KpkError(_("Laporan ini sudah dicatat diteruskan ke KPK."))
    forwarding = KpkForwarding(
        report_id=report.id, gol_reference=gol_reference, forwarded_on=forwarded_on,
        recorded_by_id=officer.id, recorded_at=clock.utcnow(),
    )
    _move(report, "teruskan_kpk", officer, private_key)
    db.session.add(forwarding)
    _refresh_due(report)
    db.session.commit()
    return forwarding


def record_decision(
    report: GratificationReport, officer: Officer, sk_number: str, sk_date: date, decision: KpkDecision,
    *, private_key: bytes | None = None,
) -> KpkDecisionRecord:
    """KPK's SK received: number, date and ownership decision; → the matching decision state."""
    sk_number = sk_number.strip()
    if not sk_number:
        raise KpkError(_("Nomor SK wajib diisi."), "sk_number")
    _not_future(sk_date, "sk_date")
    forwarding = records(report).forwarding
    if forwarding is None:
        raise KpkError(_("Catat dahulu penerusan laporan ke KPK sebelum mencatat SK."))
    if sk_date < forwarding.forwarded_on:
        raise KpkError(_("Tanggal SK tidak boleh sebelum laporan diteruskan ke KPK."), "sk_date")
    record = KpkDecisionRecord(
        report_id=report.id, sk_number=sk_number, sk_date=sk_date, decision=decision,
        recorded_by_id=officer.id, recorded_at=clock.utcnow(),
    )
    _move(report, DECISION_ACTIONS[decision], officer, private_key, decision)
    db.session.add(record)
    _refresh_due(report)
    db.session.commit()
    return record


# Why a recorded SK is corrected: categorical, so the audit entry holds no free text.
SK_CORRECTION_REASONS = ("salah_ketik", "ralat_kpk", "salah_laporan")


def correct_decision(report: GratificationReport, officer: Officer, sk_number: str, sk_date: date,
                     reason: str) -> KpkDecisionRecord:
    """Correct the number or date of the recorded SK (a typing slip, KPK's own erratum). The
    decision itself stays: it has moved the case. Audited with the reason and what changed."""
    record = records(report).decision
    if record is None:
        raise KpkError(_("Belum ada SK KPK yang dicatat untuk laporan ini."))
    if reason not in SK_CORRECTION_REASONS:
        raise KpkError(_("Pilih alasan koreksi."), "reason")
    sk_number = sk_number.strip()
    if not sk_number:
        raise KpkError(_("Nomor SK wajib diisi."), "sk_number")
    _not_future(sk_date, "sk_date")
    forwarding = records(report).forwarding
    if forwarding is not None and sk_date < forwarding.forwarded_on:
        raise KpkError(_("Tanggal SK tidak boleh sebelum laporan diteruskan ke KPK."), "sk_date")
    if any(item.done_on < sk_date for item in records(report).follow_ups):
        raise KpkError(_("Tanggal SK tidak boleh sesudah tindak lanjut yang sudah dicatat."), "sk_date")
    changed = [name for name, old, new in (("sk_number", record.sk_number, sk_number),
                                           ("sk_date", record.sk_date, sk_date)) if old != new]
    if not changed:
        raise KpkError(_("Nomor dan tanggal SK sama dengan yang tercatat; tidak ada yang dikoreksi."))
    before = record.sk_date
    record.sk_number, record.sk_date = sk_number, sk_date
    audit.record(
        "kpk.sk_corrected", actor_id=officer.id, object_type=REPORT_RECORD_TYPE, object_id=report.id,
        commit=False, reason=reason, changed=",".join(changed),
        sk_date_before=before.isoformat(), sk_date_after=sk_date.isoformat(),
    )
    db.session.flush()
    refresh_due_date(case_of_record(REPORT_RECORD_TYPE, report.id))  # the hand-over counts from the SK's date
    db.session.commit()
    return record


def record_follow_up(
    report: GratificationReport, officer: Officer, kind: FollowUpKind, done_on: date, reference: str,
    amount: int | None = None, *, private_key: bytes | None = None,
) -> KpkFollowUp:
    """Hand-over, money deposited, compensation paid or goods returned; → tindak_lanjut.

    Objects still deposited at the UPG leave with it (handed over or returned).
    """
    reference = reference.strip()
    if not reference:
        raise KpkError(_("Nomor bukti (berita acara, NTPN, atau tanda terima) wajib diisi."), "reference")
    _not_future(done_on, "done_on")
    decision = records(report).decision
    if decision is None:
        raise KpkError(_("Catat dahulu SK KPK sebelum mencatat tindak lanjut."))
    if done_on < decision.sk_date:
        raise KpkError(_("Tanggal tindak lanjut tidak boleh sebelum tanggal SK."), "done_on")
    if kind in MONEY_FOLLOW_UPS and not amount:
        raise KpkError(_("Isi jumlah uang yang disetor."), "amount")
    if kind not in MONEY_FOLLOW_UPS:
        amount = None
    follow_up = KpkFollowUp(
        report_id=report.id, kind=kind, done_on=done_on, reference=reference, amount=amount,
        recorded_by_id=officer.id, recorded_at=clock.utcnow(),
    )
    _move(report, kind.value, officer, private_key)
    db.session.add(follow_up)
    for deposit in records(report).deposits:
        if deposit.is_held:
            _release(deposit, officer, done_on, RELEASE_ON_FOLLOW_UP[kind])
    db.session.commit()
    return follow_up


# -- deposited objects (barang titipan) ------------------------------------------------------


def _next_receipt_seq(year: int) -> int:
    current = db.session.execute(
        select(func.max(DepositedObject.receipt_seq)).where(DepositedObject.receipt_year == year)
    ).scalar_one()
    return (current or 0) + 1


def deposit_object(
    report: GratificationReport, officer: Officer, gift_object_id: int, deposited_on: date
) -> DepositedObject:
    """Log an object deposited at the UPG and number its receipt (TTP-<year>-<seq>)."""
    _not_future(deposited_on, "deposited_on")
    if deposited_on < report.tanggal_penerimaan:
        raise KpkError(_("Tanggal titip tidak boleh sebelum tanggal penerimaan gratifikasi."), "deposited_on")
    gift = next((obj for obj in depositable_objects(report) if obj.id == gift_object_id), None)
    if gift is None:
        raise KpkError(_("Objek ini tidak dapat dititipkan (sudah dititipkan, bukan bagian laporan ini, "
                       "atau status laporan sudah ditetapkan)."), "gift_object_id")
    year = deposited_on.year
    for attempt in range(MAX_RECEIPT_ATTEMPTS):
        seq = _next_receipt_seq(year)
        deposit = DepositedObject(
            report_id=report.id, gift_object_id=gift.id, receipt_year=year, receipt_seq=seq,
            receipt_number=f"TTP-{year}-{seq:04d}", deposited_on=deposited_on, received_by_id=officer.id,
            recorded_at=clock.utcnow(),
        )
        try:
            with savepoint():
                db.session.add(deposit)
        except IntegrityError:
            # Another officer took this number at the same moment: read the new maximum.
            if attempt == MAX_RECEIPT_ATTEMPTS - 1:
                raise
            continue
        break
    gift.lokasi_objek = LokasiObjek.DITITIPKAN_UPG
    audit.record(
        "deposit.received", actor_id=officer.id, object_type=REPORT_RECORD_TYPE, object_id=report.id,
        commit=False, deposit_id=deposit.id, gift_object_id=gift.id,
    )
    db.session.commit()
    return deposit


def get_deposit(report: GratificationReport, deposit_id: int) -> DepositedObject | None:
    deposit = db.session.get(DepositedObject, deposit_id)
    return deposit if deposit is not None and deposit.report_id == report.id else None


def _release(deposit: DepositedObject, officer: Officer, released_on: date, kind: ReleaseKind) -> None:
    deposit.released_on = released_on
    deposit.release_kind = kind
    deposit.released_by_id = officer.id
    deposit.gift_object.lokasi_objek = (
        LokasiObjek.DITITIPKAN_KPK if kind is ReleaseKind.diserahkan_kpk else LokasiObjek.DISIMPAN_PELAPOR
    )
    audit.record(
        "deposit.released", actor_id=officer.id, object_type=REPORT_RECORD_TYPE, object_id=deposit.report_id,
        commit=False, deposit_id=deposit.id, release_kind=kind.value,
    )


def release_object(deposit: DepositedObject, officer: Officer, released_on: date, kind: ReleaseKind) -> None:
    """Release one deposit by hand: only once KPK decided (or the report ended without one)."""
    if not deposit.is_held:
        raise KpkError(_("Objek ini sudah dikeluarkan."))
    _not_future(released_on, "released_on")
    if released_on < deposit.deposited_on:
        raise KpkError(_("Tanggal keluar tidak boleh sebelum tanggal titip."), "released_on")
    report = deposit.report
    if records(report).decision is None and report.status not in _RELEASABLE_WITHOUT_DECISION:
        raise KpkError(_("Barang titipan baru dapat dikeluarkan setelah KPK menetapkan statusnya."))
    _release(deposit, officer, released_on, kind)
    db.session.commit()
