"""Rows for the integrity tests, inserted straight into the report and complaint tables.

The integrity score reads only categorical columns, so the sealed columns get placeholder
bytes here. Everything that knows the other modules' column names is in this file.
"""
from __future__ import annotations

import itertools
from datetime import date, datetime, time

from sqlalchemy import select

from gratifikasi.cases.opening import open_case
from gratifikasi.cases.sources import COMPLAINT, GRATIFICATION
from gratifikasi.cases.transitions import refresh_due_date
from gratifikasi.extensions import db
from gratifikasi.models import Unit
from gratifikasi.models.complaint import Complaint, ComplaintCategory, ComplaintChannel, ComplaintMessage
from gratifikasi.models.report import GiftObject, GratificationReport, MessageKind, ReportMessage
from gratifikasi.rules.report_fields import HubunganPemberi, JenisLaporan, JenisObjek, JenisPeristiwa, LokasiObjek

_seq = itertools.count(1)
_SEALED = b"\x00sealed-placeholder"


def unit(code: str, name: str | None = None) -> int:
    row = db.session.execute(select(Unit).where(Unit.code == code)).scalar_one_or_none()
    if row is None:
        row = Unit(code=code, name=name or f"Dinas {code}", kind="dinas", active=True)
        db.session.add(row)
        db.session.flush()
    return row.id


def report(unit_id: int, lapor: date, status: str = "diterima_upg", *, late: int | None = None,
           penolakan: bool = False, values: tuple[int, ...] = (100_000,), completion_asked: bool = False) -> int:
    n = next(_seq)
    at = datetime.combine(lapor, time(3, 0))
    row = GratificationReport(
        tracking_year=lapor.year, tracking_seq=n, tracking_number=f"GRT-{lapor.year}-{n:06d}",
        jenis_laporan=JenisLaporan.PENOLAKAN if penolakan else JenisLaporan.PENERIMAAN,
        unit_id=unit_id,
        hubungan_pemberi=HubunganPemberi.PIHAK_TERKAIT_TUGAS, jenis_peristiwa=JenisPeristiwa.ACARA_ADAT,
        tanggal_penerimaan=lapor, received_on=lapor, submitted_at=at, minta_kompensasi=False,
        late_working_days=late, has_email=False, language="id",
        access_locator=f"L{n:015d}", access_verifier=_SEALED, access_salt=_SEALED, access_wrapped_dek=_SEALED,
        nik=_SEALED, nama=_SEALED, tempat_lahir=_SEALED, tanggal_lahir=_SEALED, alamat=_SEALED,
        telepon=_SEALED, jabatan=_SEALED, instansi=_SEALED, pemberi_nama=_SEALED,
        tempat_penerimaan=_SEALED, kronologi=_SEALED,
    )
    for position, value in enumerate(values, start=1):
        row.objects.append(GiftObject(position=position, jenis_objek=JenisObjek.BARANG, nilai_taksiran=value,
                                      lokasi_objek=LokasiObjek.DISIMPAN_PELAPOR, uraian=_SEALED))
    if completion_asked:
        row.messages.append(ReportMessage(kind=MessageKind.completion_request, created_at=at, body=_SEALED))
    db.session.add(row)
    db.session.flush()
    _open_case(GRATIFICATION, row, at, status, at)
    return row.id


def complaint(unit_id: int | None, received: date, status: str = "baru", *, category: str = "suap_pemerasan",
              channel: str = "portal", responded: date | None = None, closed: date | None = None) -> int:
    """A complaint; ``responded`` adds an officer message that day, ``closed`` sets the last
    status change and last change (a closed complaint's closing) to that day."""
    n = next(_seq)
    at = datetime.combine(received, time(3, 0))
    row = Complaint(
        number=f"ADU-{received.year}-{n:06d}", terlapor_unit_id=unit_id,
        category=ComplaintCategory(category), channel=ComplaintChannel(channel), received_on=received,
        created_at=at, updated_at=datetime.combine(closed, time(5, 0)) if closed else at,
    )
    if responded:
        row.messages.append(ComplaintMessage(author_type="officer", body=_SEALED,
                                             created_at=datetime.combine(responded, time(4, 0))))
    db.session.add(row)
    db.session.flush()
    _open_case(COMPLAINT, row, at, status, datetime.combine(closed, time(5, 0)) if closed else at)
    return row.id


def _open_case(source, row, at: datetime, status: str, changed_at: datetime) -> None:
    """The case file intake opens, then put straight into the state under test."""
    case = open_case(source, row, now=at)
    db.session.flush()
    if status != case.status:
        case.status, case.status_changed_at = status, changed_at
        refresh_due_date(case)
