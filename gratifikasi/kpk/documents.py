"""The documents of a report for the KPK: the report form and a deposit receipt, as PDF.

Both name the reporter, so they are decrypted for the requesting officer only (both rings),
with the identity view audited, and are never stored decrypted.
"""
from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select

from .. import audit, clock
from ..exports import labels
from ..extensions import db
from ..keyring.identity import view_gratification_identity
from ..keyring.vault import decrypt_values, open_data_key
from ..models import Attachment, DepositedObject, GratificationReport, Officer
from ..models.report import CASE_COLUMNS, IDENTITY_COLUMNS, OBJECT_RECORD_TYPE, REPORT_RECORD_TYPE
from . import pdf
from .services import RELEASE_LABELS


def _agency() -> str:
    return str(current_app.config.get("AGENCY_NAME", ""))


def _case_content(
    report: GratificationReport, officer: Officer, private_key: bytes | None
) -> tuple[dict, dict[int, str]]:
    """The report's giver and free text, and each object's description (case ring)."""
    dek = open_data_key(officer, private_key, REPORT_RECORD_TYPE, report.id)
    content = decrypt_values(dek, REPORT_RECORD_TYPE, report.id, {c: getattr(report, c) for c in CASE_COLUMNS})
    descriptions = {
        obj.id: decrypt_values(dek, OBJECT_RECORD_TYPE, obj.id, {"uraian": obj.uraian})["uraian"] or ""
        for obj in report.objects
    }
    return content, descriptions


def _identity(report: GratificationReport, officer: Officer, private_key: bytes | None) -> dict:
    # Audited as "identity.viewed" (committed) by the keyring layer.
    return view_gratification_identity(
        officer, private_key, REPORT_RECORD_TYPE, report.id, {c: getattr(report, c) for c in IDENTITY_COLUMNS}
    )


def kpk_form(report: GratificationReport, officer: Officer, private_key: bytes | None) -> bytes:
    """The KPK report form as PDF bytes. NoAccess unless the officer holds both rings."""
    content, descriptions = _case_content(report, officer, private_key)
    identity = _identity(report, officer, private_key)
    form = pdf.KpkForm(
        agency=_agency(), tracking_number=report.tracking_number,
        jenis_laporan=labels.jenis_laporan(report.jenis_laporan), received_on=report.received_on,
        unit=f"{report.unit.name} ({report.unit.code})",
        nama=identity["nama"] or "", nik=identity["nik"] or "", nip=identity["nip"],
        tempat_lahir=identity["tempat_lahir"] or "", tanggal_lahir=_as_tanggal(identity["tanggal_lahir"]),
        jabatan=identity["jabatan"] or "", instansi=identity["instansi"] or "", alamat=identity["alamat"] or "",
        telepon=identity["telepon"] or "", email=identity["email"],
        pemberi_nama=content["pemberi_nama"] or "", pemberi_instansi=content["pemberi_instansi"],
        pemberi_alamat=content["pemberi_alamat"],
        hubungan_pemberi=labels.label(labels.HUBUNGAN_LABELS, report.hubungan_pemberi),
        alasan_pemberian=content["alasan_pemberian"], tempat_penerimaan=content["tempat_penerimaan"] or "",
        tanggal_penerimaan=report.tanggal_penerimaan,
        jenis_peristiwa=labels.label(labels.PERISTIWA_LABELS, report.jenis_peristiwa),
        kronologi=content["kronologi"] or "",
        objects=[
            pdf.FormObject(obj.position, labels.jenis_objek(obj.jenis_objek), descriptions[obj.id],
                           obj.nilai_taksiran, labels.lokasi_objek(obj.lokasi_objek))
            for obj in report.objects
        ],
        minta_kompensasi=report.minta_kompensasi,
        attachments=_attachment_lines(report),
        generated_at=clock.utcnow(),
    )
    audit.record("report.kpk_form_generated", actor_id=officer.id, object_type=REPORT_RECORD_TYPE, object_id=report.id)
    return pdf.kpk_form_pdf(form)


def _attachment_lines(report: GratificationReport) -> list[str]:
    """Supporting documents by kind and size only (their names may identify people)."""
    rows = db.session.execute(
        select(Attachment.kind, Attachment.size)
        .where(Attachment.owner_type == REPORT_RECORD_TYPE, Attachment.owner_id == report.id)
        .order_by(Attachment.id)
    ).all()
    return [
        f"Lampiran elektronik ({kind}, {max(size // 1024, 1)} KB), diunggah ke GOL bersama formulir ini"
        for kind, size in rows
    ]


def _as_tanggal(text: str | None) -> str:
    try:
        return pdf.tanggal(date.fromisoformat(text or ""))
    except ValueError:
        return text or "-"


def deposit_receipt(deposit: DepositedObject, officer: Officer, private_key: bytes | None) -> bytes:
    """The printable receipt of a deposit: names the depositor, so identity access is audited."""
    report = deposit.report
    _content, descriptions = _case_content(report, officer, private_key)
    identity = _identity(report, officer, private_key)
    gift = deposit.gift_object
    receipt = pdf.DepositReceipt(
        agency=_agency(), receipt_number=deposit.receipt_number, tracking_number=report.tracking_number,
        deposited_on=deposit.deposited_on, depositor_name=identity["nama"] or "",
        jenis=labels.jenis_objek(gift.jenis_objek), uraian=descriptions.get(gift.id, ""), nilai=gift.nilai_taksiran,
        received_by=deposit.received_by.full_name if deposit.received_by else "-",
        released_on=deposit.released_on,
        release_text=RELEASE_LABELS.get(deposit.release_kind) if deposit.release_kind else None,
    )
    audit.record("deposit.receipt_printed", actor_id=officer.id, object_type=REPORT_RECORD_TYPE, object_id=report.id,
                 deposit_id=deposit.id)
    return pdf.deposit_receipt_pdf(receipt)
