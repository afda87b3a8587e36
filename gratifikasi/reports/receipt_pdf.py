"""The "tanda terima" PDF: what the UPG received, when, and the deadlines.

It deliberately holds no identity and no free text (no names, kronologi or descriptions):
the file is likely to be printed, forwarded or left in a downloads folder. The QR code holds
only the public tracking number; the access code is never printed.
"""
from __future__ import annotations

from datetime import date

import segno
from flask import current_app
from flask_babel import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..i18n import rupiah, tanggal
from ..models.report import GratificationReport
from ..rules.report_fields import (
    HUBUNGAN_LABELS,
    JENIS_LAPORAN_LABELS,
    JENIS_OBJEK_LABELS,
    LOKASI_OBJEK_LABELS,
    PERISTIWA_LABELS,
)
from .status import DeadlineRow

_LATIN1_FIXES = {"–": "-", "—": "-", "≤": "<=", "≥": ">=", "“": '"', "”": '"', "’": "'", "…": "..."}


def _text(value: str) -> str:
    """The built-in PDF fonts speak Latin-1 only; map the few typographic characters we use."""
    for bad, good in _LATIN1_FIXES.items():
        value = value.replace(bad, good)
    return value.encode("latin-1", "replace").decode("latin-1")


def _qr(pdf: FPDF, data: str, x: float, y: float, size: float) -> None:
    """Draw the QR code as vector squares (no image library, crisp when printed)."""
    qr = segno.make(data, error="m")
    matrix = qr.matrix
    border = 2
    cells = len(matrix) + 2 * border
    module = size / cells
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate([*row, 0]):  # sentinel closes the last run
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                pdf.rect(x + (start + border) * module, y + (row_index + border) * module,
                         (col_index - start) * module, module, style="F")
                start = None


def receipt_pdf(report: GratificationReport, deadlines: list[DeadlineRow], late: str | None,
                status: str, unit_name: str, generated_on: date) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creator("gratifikasi")
    pdf.set_title(_text(_("Tanda terima laporan gratifikasi %(nomor)s", nomor=report.tracking_number)))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: str, size: int = 10, style: str = "", height: float = 6) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(width, height, _text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def pair(name: str, value: str) -> None:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(60, 6, _text(name))
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(width - 60, 6, _text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    line(current_app.config["AGENCY_NAME"], 11, "B")
    line(_("Unit Pengendalian Gratifikasi (UPG)"), 10)
    pdf.ln(3)
    line(_("TANDA TERIMA LAPORAN GRATIFIKASI"), 15, "B", 8)
    _qr(pdf, report.tracking_number, pdf.w - pdf.r_margin - 32, 12, 32)
    pdf.ln(2)
    pair(_("Nomor laporan"), report.tracking_number)
    pair(_("Jenis laporan"), _(JENIS_LAPORAN_LABELS[report.jenis_laporan]))
    pair(_("Status"), status)
    pair(_("Tanggal penerimaan"), tanggal(report.tanggal_penerimaan, "long"))
    pair(_("Tanggal diterima UPG"), tanggal(report.received_on, "long"))
    pair(_("Unit kerja (OPD)"), unit_name)
    pair(_("Jenis peristiwa"), _(PERISTIWA_LABELS[report.jenis_peristiwa]))
    pair(_("Hubungan dengan pemberi"), _(HUBUNGAN_LABELS[report.hubungan_pemberi]))
    pair(_("Permintaan kompensasi"), _("Ya") if report.minta_kompensasi else _("Tidak"))

    pdf.ln(3)
    line(_("Objek pemberian"), 12, "B", 7)
    columns = (12, 70, 40, width - 122)
    pdf.set_font("Helvetica", "B", 9)
    for heading, w in zip((_("No."), _("Jenis"), _("Nilai taksiran"), _("Keberadaan")), columns, strict=True):
        pdf.cell(w, 6, _text(heading), border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for obj in report.objects:
        cells = (str(obj.position), _(JENIS_OBJEK_LABELS[obj.jenis_objek]), rupiah(obj.nilai_taksiran),
                 _(LOKASI_OBJEK_LABELS[obj.lokasi_objek]))
        for value, w in zip(cells, columns, strict=True):
            pdf.cell(w, 6, _text(value)[:60], border=1)
        pdf.ln()
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(columns[0] + columns[1], 6, _text(_("Jumlah")), border=1)
    pdf.cell(columns[2], 6, _text(rupiah(report.total_value)), border=1)
    pdf.cell(columns[3], 6, "", border=1)
    pdf.ln(9)

    line(_("Batas waktu"), 12, "B", 7)
    for row in deadlines:
        line(f"{row.label}: {tanggal(row.due, 'long')}", 10, "", 5)
        line(row.basis, 8, "I", 4)
    if late:
        pdf.ln(2)
        line(_("Peringatan keterlambatan"), 11, "B", 6)
        line(late, 10)
    pdf.ln(4)
    line(_("Tanda terima ini tidak memuat identitas pelapor, uraian, maupun kode akses. Lihat status laporan "
           "dengan nomor laporan dan kode akses rahasia Anda."), 9, "I", 5)
    line(_("Dibuat pada %(tanggal)s.", tanggal=tanggal(generated_on, "long")), 9, "", 5)
    return bytes(pdf.output())
