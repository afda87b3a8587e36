"""The semester recap of receipt and refusal reports per OPD (domain.md §1.8, §2.2).

One row per gift object (KPK counts reports and objects separately), ordered by OPD and
registration number, with the forwarding and the SK where recorded. Categorical columns
only: no identity and no free text, so the file needs no decryption and leaks neither.

Rows come from the database ``yield_per`` rows at a time as plain tuples (no ORM
identity map), so memory does not grow with the number of rows.
"""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..cases.queries import recused_record_ids
from ..models import GiftObject, GratificationReport, KpkDecisionRecord, KpkForwarding, Unit
from ..models.report import REPORT_RECORD_TYPE
from . import labels
from .semester import Semester

BATCH_ROWS = 1000

RECAP_HEADER = (
    "Kode OPD", "Nama OPD", "Nomor registrasi", "Jenis laporan", "Tanggal penerimaan",
    "Tanggal lapor ke UPG", "Jenis peristiwa", "Hubungan pemberi", "Objek ke", "Jenis objek",
    "Nilai taksiran (Rp)", "Lokasi objek", "Status", "Referensi GOL", "Tanggal diteruskan ke KPK",
    "Nomor SK KPK", "Tanggal SK", "Keputusan KPK",
)


def recap_query(semester: Semester, viewer_id: int):
    """One row per object of the semester's reports, less the reports whose case the viewing
    officer is recused from (the case rule)."""
    report = GratificationReport
    return (
        select(
            Unit.code, Unit.name, report.tracking_number, report.jenis_laporan, report.tanggal_penerimaan,
            report.received_on, report.jenis_peristiwa, report.hubungan_pemberi, GiftObject.position,
            GiftObject.jenis_objek, GiftObject.nilai_taksiran, GiftObject.lokasi_objek, report.status,
            KpkForwarding.gol_reference, KpkForwarding.forwarded_on,
            KpkDecisionRecord.sk_number, KpkDecisionRecord.sk_date, KpkDecisionRecord.decision,
        )
        .join(Unit, Unit.id == report.unit_id)
        .outerjoin(GiftObject, GiftObject.report_id == report.id)
        .outerjoin(KpkForwarding, KpkForwarding.report_id == report.id)
        .outerjoin(KpkDecisionRecord, KpkDecisionRecord.report_id == report.id)
        .where(report.received_on >= semester.first_day, report.received_on <= semester.last_day,
               report.id.not_in(recused_record_ids(viewer_id, REPORT_RECORD_TYPE)))
        .order_by(Unit.code, report.tracking_year, report.tracking_seq, GiftObject.position)
    )


def recap_rows(session: Session, semester: Semester, *, viewer_id: int, batch: int = BATCH_ROWS) -> Iterator[tuple]:
    """The recap rows, labelled for people, fetched ``batch`` rows at a time."""
    result = session.execute(recap_query(semester, viewer_id).execution_options(yield_per=batch))
    try:
        for row in result:
            (code, name, number, jenis, received, reported, peristiwa, hubungan, position, objek, nilai,
             lokasi, state, gol, forwarded, sk_number, sk_date, decision) = row
            yield (
                code, name, number, labels.jenis_laporan(jenis), received, reported,
                labels.label(labels.PERISTIWA_LABELS, peristiwa), labels.label(labels.HUBUNGAN_LABELS, hubungan),
                position, None if objek is None else labels.jenis_objek(objek), nilai,
                None if lokasi is None else labels.lokasi_objek(lokasi), labels.status(state),
                gol, forwarded, sk_number, sk_date,
                None if decision is None else labels.label(labels.DECISION_LABELS, decision),
            )
    finally:
        result.close()  # a server-side cursor on PostgreSQL: release it even if the download stops
