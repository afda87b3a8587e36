"""Files for evaluators: the unit's LKE worksheet (XLSX) with its evidence list, and the
app's monev report (PDF and XLSX).

XLSX files are written with formulas and URLs off (``strings_to_formulas=False``), so a
title typed as ``=HYPERLINK(...)`` stays text. No file holds case content or identity: only
counts, rule texts and the agency's own evidence records. Evidence files are listed by name,
type and size, never embedded: the workbook leaves the app unencrypted.
"""
from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from flask import current_app
from flask_babel import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .. import clock
from ..i18n import long_date, tanggal
from ..rules.periods import Period
from .count_labels import category_label
from .evidence_labels import ACTIVITY_LABELS, DOCUMENT_LABELS, RECOMMENDATION_LABELS, SCOPE_LABELS, SOURCE_LABELS
from .evidence_records import EvidenceFile, EvidenceList
from .kpis import percent_text
from .lke_worksheet import LkeView

_WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                     "strings_to_numbers": False}


def _counts_text(counts: dict[str, object]) -> str:
    def text(value: object) -> str:
        if isinstance(value, Period):
            return value.label_id
        if isinstance(value, list):
            return ", ".join(text(item) for item in value)
        return str(value)

    return "; ".join(f"{k}={text(v)}" for k, v in counts.items())


def _files_text(files: list[EvidenceFile]) -> str:
    """The evidence files by name (the files themselves stay in the app, encrypted)."""
    return "; ".join(f"{f.filename or 'berkas terlampir (nama tersegel)'} ({f.mime}, {f.size_text})" for f in files)


def lke_workbook(view: LkeView, unit_name: str, evidence: EvidenceList) -> io.BytesIO:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, _WORKBOOK_OPTIONS)
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    num = book.add_format({"num_format": "0.000"})
    rs, result = view.ruleset, view.result
    computed = {r.code: r for r in view.computed}

    sheet = book.add_worksheet("LKE")
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 6, 12)
    sheet.set_column(7, 8, 60)
    sheet.write(0, 0, f"{current_app.config['AGENCY_NAME']} – {unit_name}", bold)
    sheet.write(1, 0, f"LKE Zona Integritas tahun {view.year} ({rs.version}; {rs.basis})")
    sheet.write(2, 0, f"Dibuat {clock.utcnow():%Y-%m-%d %H:%M} UTC; ambang per area: {view.area_check_mode}")
    headers = ["Kode", "Pertanyaan", "Skala", "Jawaban", "Sumber", "Bobot", "Nilai", "Hitungan", "Aturan"]
    row = 4
    for col, text in enumerate(headers):
        sheet.write(row, col, text, bold)
    for question in rs.questions():
        row += 1
        answer = view.answers.get(question.code)
        comp = computed.get(question.code)
        sheet.write(row, 0, question.code)
        sheet.write(row, 1, question.text, wrap)
        sheet.write(row, 2, question.scale)
        sheet.write(row, 3, "" if answer is None else str(answer))
        sheet.write(row, 4, view.answer_source.get(question.code, "-"))
        sheet.write_number(row, 5, rs.question_weight(question.code), num)
        points = result.question_points.get(question.code)
        if points is not None:
            sheet.write_number(row, 6, points, num)
        if comp is not None:
            sheet.write(row, 7, _counts_text(comp.counts), wrap)
            sheet.write(row, 8, str(comp.rule_text), wrap)
    row += 2
    sheet.write(row, 0, "Area", bold)
    sheet.write(row, 1, "Nama", bold)
    sheet.write(row, 2, "Pemenuhan", bold)
    sheet.write(row, 3, "Reform", bold)
    for area in rs.areas:
        row += 1
        sheet.write(row, 0, area.letter)
        sheet.write(row, 1, area.name)
        sheet.write_number(row, 2, result.pemenuhan[area.letter], num)
        sheet.write_number(row, 3, result.reform[area.letter], num)
    for label, value in (("Pengungkit", result.pengungkit), ("IPAK", result.ipak_points),
                         ("Capaian kinerja", result.capaian_points), ("IPKP", result.ipkp_points),
                         ("Hasil", result.hasil), ("Total", result.total)):
        row += 1
        sheet.write(row, 1, label, bold)
        sheet.write_number(row, 2, value, num)
    for readiness in (result.wbk, result.wbbm):
        row += 2
        sheet.write(row, 0, readiness.level, bold)
        sheet.write(row, 1, "Memenuhi syarat" if readiness.eligible else "Belum memenuhi syarat", bold)
        for failing in readiness.failing:
            row += 1
            sheet.write(row, 0, failing.code)
            note = " (ambang sementara; periksa pedoman terbaru)" if failing.unconfirmed else ""
            sheet.write(row, 1, str(failing.label) + note)
            sheet.write_number(row, 2, failing.required, num)
            sheet.write_number(row, 3, failing.actual, num)
            sheet.write_number(row, 4, failing.missing_points, num)
    if result.missing_inputs or view.missing_surveys:
        row += 2
        sheet.write(row, 0, "Belum diisi (dihitung 0)", bold)
        sheet.write(row, 1, ", ".join([*result.missing_inputs, *view.missing_surveys]), wrap)

    ev = book.add_worksheet("Bukti")
    ev.set_column(0, 0, 22)
    ev.set_column(1, 1, 14)
    ev.set_column(2, 5, 40)
    r = 0
    for col, text in enumerate(["Jenis", "Tanggal", "Nomor/judul", "Keterangan", "Arsip", "Berkas"]):
        ev.write(r, col, text, bold)
    for doc in evidence.documents:
        r += 1
        ev.write_row(r, 0, [str(DOCUMENT_LABELS[doc.kind]), long_date(doc.document_date), f"{doc.number} – {doc.title}",
                            "seluruh instansi" if doc.unit_id is None else "unit", doc.reference or "",
                            _files_text(evidence.files_of(doc))])
    for act in evidence.activities:
        r += 1
        ev.write_row(r, 0, [str(ACTIVITY_LABELS[act.kind]), long_date(act.activity_date), act.title,
                            f"peserta: {act.participants}" if act.participants is not None else "",
                            act.reference or "", _files_text(evidence.files_of(act))])
    for monev in evidence.monev:
        r += 1
        closed = sum(1 for rec in monev.recommendations if rec.status.value == "selesai")
        kind = f"monev: {SCOPE_LABELS[monev.scope]} ({SOURCE_LABELS[monev.source]})"
        ev.write_row(r, 0, [kind, long_date(monev.held_on), monev.title,
                            f"rekomendasi selesai {closed}/{len(monev.recommendations)}", "",
                            _files_text(evidence.files_of(monev))])
        for rec in monev.recommendations:
            r += 1
            ev.write_row(r, 0, ["  rekomendasi", "", rec.text, str(RECOMMENDATION_LABELS[rec.status]), ""])
    for recap in evidence.recaps:
        r += 1
        ev.write_row(r, 0, ["rekap semesteran KPK", long_date(recap.sent_on),
                            f"Semester {recap.semester} {recap.year}",
                            "tepat waktu" if recap.on_time else f"terlambat (batas {long_date(recap.due_on)})",
                            recap.reference or ""])
    book.close()
    out.seek(0)
    return out


# ------------------------------------------------------------------ monev report

def monev_workbook(data: dict[str, Any], unit_name: str | None) -> io.BytesIO:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, _WORKBOOK_OPTIONS)
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("Monev")
    sheet.set_column(0, 0, 30)
    record, kpis = data["record"], data["kpis"]
    sheet.write(0, 0, record.title, bold)
    sheet.write(1, 0, f"{unit_name or 'Seluruh instansi'} · {data['period'].label_id} · dibuat {record.held_on}")
    row = 3
    sheet.write(row, 0, "Jumlah aduan per bulan per jenis", bold)
    row += 1
    sheet.write(row, 0, "Jenis aduan", bold)
    for col, month in enumerate(data["months"], start=1):
        sheet.write(row, col, month.label_id, bold)
    for category, values in zip(data["categories"], data["table"], strict=True):
        row += 1
        sheet.write(row, 0, category_label(str(category)))
        for col, value in enumerate(values, start=1):
            sheet.write_number(row, col, value)
    row += 2
    sheet.write(row, 0, "Tindak lanjut", bold)
    for key in ("semua", "harus", "selesai", "diproses", "dikecualikan"):
        row += 1
        sheet.write(row, 0, key)
        sheet.write_number(row, 1, kpis.classes.get(key, 0))
    row += 1
    sheet.write(row, 0, "median respon pertama (HK)")
    sheet.write(row, 1, "-" if kpis.median_response_hk is None else kpis.median_response_hk)
    for label, text in (("Kendala", record.obstacles), ("Solusi", record.solutions)):
        row += 2
        sheet.write(row, 0, label, bold)
        sheet.write(row, 1, text or "", wrap)
    if record.recommendations:
        row += 2
        sheet.write(row, 0, "Rekomendasi", bold)
        for rec in record.recommendations:
            row += 1
            sheet.write(row, 0, str(RECOMMENDATION_LABELS[rec.status]))
            sheet.write(row, 1, rec.text, wrap)
    book.close()
    out.seek(0)
    return out


_LATIN1 = {"–": "-", "—": "-", "≤": "<=", "≥": ">=", "÷": "/", "“": '"', "”": '"', "’": "'", "…": "..."}


def _latin1(text: str) -> str:
    """Built-in PDF fonts cover Latin-1 only; map the typographic characters the app uses."""
    for char, plain in _LATIN1.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


def monev_pdf(data: dict[str, Any], unit_name: str | None) -> io.BytesIO:
    record, kpis = data["record"], data["kpis"]
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_creator("gratifikasi")
    pdf.set_title(_latin1(record.title))
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: str, size: int = 10, style: str = "") -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(width, 6, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    line(current_app.config["AGENCY_NAME"], 11, "B")
    line(record.title, 14, "B")
    line(f"{unit_name or _('Seluruh instansi')} · {data['period'].label_id} · {tanggal(record.held_on, 'long')}")
    pdf.ln(3)
    line(_("Jumlah aduan per bulan per jenis"), 11, "B")
    months = data["months"]
    first = 55.0
    cell = min(18.0, (width - first) / max(1, len(months)))
    pdf.set_font("Helvetica", "B", 8)
    pdf.cell(first, 6, _latin1(_("Jenis aduan")), border=1)
    for month in months:
        pdf.cell(cell, 6, _latin1(month.label_id[:3] + " " + str(month.year)[2:]), border=1, align="C")
    pdf.ln()
    pdf.set_font("Helvetica", "", 8)
    for category, values in zip(data["categories"], data["table"], strict=True):
        pdf.cell(first, 6, _latin1(category_label(str(category))[:40]), border=1)
        for value in values:
            pdf.cell(cell, 6, str(value), border=1, align="C")
        pdf.ln()
    if not data["categories"]:
        line(_("Tidak ada aduan pada periode ini."), 9)
    pdf.ln(3)
    line(_("Tindak lanjut"), 11, "B")
    c = kpis.classes
    line(_("Aduan masuk %(semua)d; harus ditindaklanjuti %(harus)d; selesai %(selesai)d; sedang diproses "
           "%(diproses)d; tidak dapat ditindaklanjuti %(dikecualikan)d.", **c))
    line(_("Persentase penanganan (selesai ÷ harus): %(p)s. Median respon pertama: %(m)s hari kerja.",
           p=percent_text(None if c["harus"] == 0 else c["selesai"] / c["harus"]) if c["harus"] else "100 %",
           m="-" if kpis.median_response_hk is None else f"{kpis.median_response_hk:g}"))
    for title, text in ((_("Kendala"), record.obstacles), (_("Solusi"), record.solutions)):
        pdf.ln(2)
        line(title, 11, "B")
        line(text or "-")
    if record.recommendations:
        pdf.ln(2)
        line(_("Rekomendasi"), 11, "B")
        for i, rec in enumerate(record.recommendations, start=1):
            line(f"{i}. {rec.text} [{RECOMMENDATION_LABELS[rec.status]}]")
    return io.BytesIO(bytes(pdf.output()))
