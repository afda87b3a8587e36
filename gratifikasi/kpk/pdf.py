"""PDF documents for KPK and the reporter, built with fpdf2 (no Flask, no database).

* :func:`kpk_form_pdf` – the gratification report form for KPK. UU 30/2002 Ps. 16 asks
  for at least: name and full address of the recipient and of the giver, the official's
  position, place and time of receipt, a description of the kind of gift and its value.
  PerKPK 2/2019 adds NIK, telephone, the chronology and supporting documents
  (domain.md §1.1, §1.3). Every one of those has its own labelled line here.
* :func:`deposit_receipt_pdf` – the receipt (tanda terima) for an object deposited at the UPG.

The built-in PDF fonts cover Latin-1 only; :func:`pdf_text` maps typographic punctuation
and strips accents so any typed text prints legibly instead of failing.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..i18n import long_date

_PUNCTUATION = str.maketrans({
    "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2026": "...", "\u00a0": " ", "\u2022": "-",
})


def pdf_text(value: object) -> str:
    """Text the core PDF fonts can print: Latin-1, anything else approximated or '?'."""
    text = "" if value is None else str(value)
    text = text.translate(_PUNCTUATION)
    return "".join(_latin1(char) for char in text)


def _latin1(char: str) -> str:
    if ord(char) < 256:
        return char
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and all(ord(c) < 256 for c in base) else "?"


def tanggal(day: date | datetime | None) -> str:
    """17 Agustus 2026 (a time: 17 Agustus 2026 pukul 08.05 WIB): the app's one date style,
    always Indonesian on the KPK's forms."""
    if day is None:
        return "-"
    return long_date(day, "id")


def rupiah(amount: int | None) -> str:
    """Rp1.500.000"""
    if amount is None:
        return "-"
    return "Rp" + f"{amount:,}".replace(",", ".")


@dataclass(frozen=True)
class FormObject:
    position: int
    jenis: str
    uraian: str
    nilai: int
    lokasi: str


@dataclass(frozen=True)
class KpkForm:
    """Everything printed on the KPK form, already decrypted and labelled."""

    agency: str
    tracking_number: str
    jenis_laporan: str
    received_on: date
    unit: str
    # Recipient (penerima), PerKPK 2/2019 minimum identity.
    nama: str
    nik: str
    nip: str | None
    tempat_lahir: str
    tanggal_lahir: str
    jabatan: str
    instansi: str
    alamat: str
    telepon: str
    email: str | None
    # Giver (pemberi).
    pemberi_nama: str
    pemberi_instansi: str | None
    pemberi_alamat: str | None
    hubungan_pemberi: str
    alasan_pemberian: str | None
    # Receipt.
    tempat_penerimaan: str
    tanggal_penerimaan: date
    jenis_peristiwa: str
    kronologi: str
    objects: Sequence[FormObject]
    minta_kompensasi: bool
    attachments: Sequence[str] = field(default_factory=tuple)  # names or descriptions of documents
    generated_at: datetime | None = None

    @property
    def total_value(self) -> int:
        return sum(obj.nilai for obj in self.objects)


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=8)
        self.cell(0, 6, pdf_text(f"{self.footer_text} - halaman {self.page_no()}/{{nb}}"), align="C")


def _new_document(title: str, footer: str) -> _Document:
    pdf = _Document(format="A4")
    pdf.footer_text = footer
    pdf.set_title(pdf_text(title))
    pdf.set_creator("gratifikasi")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(18, 16, 18)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font("helvetica", "B", 11)
    pdf.set_fill_color(230, 233, 238)
    pdf.cell(0, 7, pdf_text(text), fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _line(pdf: FPDF, label: str, value: object) -> None:
    """A 'label: value' line; long values wrap under the value column."""
    pdf.set_font("helvetica", "B", 9.5)
    pdf.cell(58, 5.5, pdf_text(label))
    pdf.set_font("helvetica", size=9.5)
    pdf.multi_cell(0, 5.5, pdf_text(value if value not in (None, "") else "-"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _paragraph(pdf: FPDF, text: str | None) -> None:
    pdf.set_font("helvetica", size=9.5)
    pdf.multi_cell(0, 5.5, pdf_text(text or "-"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def kpk_form_pdf(form: KpkForm) -> bytes:
    pdf = _new_document(f"Formulir Laporan Gratifikasi {form.tracking_number}", f"{form.tracking_number} - RAHASIA")
    pdf.set_font("helvetica", "B", 13)
    pdf.multi_cell(0, 7, "FORMULIR LAPORAN GRATIFIKASI", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9)
    pdf.multi_cell(
        0, 5, pdf_text(f"Disampaikan oleh UPG {form.agency} kepada Komisi Pemberantasan Korupsi "
                       "(Pasal 16 UU No. 30 Tahun 2002; Peraturan KPK No. 2 Tahun 2019)"),
        align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
    )
    pdf.set_font("helvetica", "B", 9)
    pdf.cell(0, 6, "RAHASIA", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    _heading(pdf, "A. Data laporan")
    _line(pdf, "Nomor registrasi UPG", form.tracking_number)
    _line(pdf, "Jenis laporan", form.jenis_laporan)
    _line(pdf, "Tanggal diterima UPG", tanggal(form.received_on))
    _line(pdf, "Unit kerja (OPD)", form.unit)

    _heading(pdf, "B. Identitas penerima (pelapor)")
    _line(pdf, "Nama penerima", form.nama)
    _line(pdf, "NIK", form.nik)
    _line(pdf, "NIP", form.nip)
    _line(pdf, "Tempat/tanggal lahir", f"{form.tempat_lahir}, {form.tanggal_lahir}")
    _line(pdf, "Jabatan penerima", form.jabatan)
    _line(pdf, "Instansi", form.instansi)
    _line(pdf, "Alamat lengkap penerima", form.alamat)
    _line(pdf, "Nomor telepon", form.telepon)
    _line(pdf, "E-mail", form.email)

    _heading(pdf, "C. Identitas pemberi")
    _line(pdf, "Nama pemberi", form.pemberi_nama)
    _line(pdf, "Instansi/pekerjaan pemberi", form.pemberi_instansi)
    _line(pdf, "Alamat lengkap pemberi", form.pemberi_alamat)
    _line(pdf, "Hubungan dengan penerima", form.hubungan_pemberi)
    _line(pdf, "Alasan pemberian", form.alasan_pemberian)

    _heading(pdf, "D. Tempat dan waktu penerimaan")
    _line(pdf, "Tempat penerimaan", form.tempat_penerimaan)
    _line(pdf, "Waktu (tanggal) penerimaan", tanggal(form.tanggal_penerimaan))
    _line(pdf, "Jenis peristiwa", form.jenis_peristiwa)

    _heading(pdf, "E. Uraian jenis dan nilai gratifikasi")
    pdf.set_font("helvetica", size=9)
    with pdf.table(col_widths=(8, 30, 62, 28, 30), text_align=("CENTER", "LEFT", "LEFT", "RIGHT", "LEFT")) as table:
        table.row(["No.", "Jenis gratifikasi", "Uraian", "Nilai (taksiran)", "Keberadaan objek"])
        for obj in form.objects:
            table.row([str(obj.position), pdf_text(obj.jenis), pdf_text(obj.uraian), rupiah(obj.nilai),
                       pdf_text(obj.lokasi)])
    pdf.ln(1)
    _line(pdf, "Jumlah nilai gratifikasi", rupiah(form.total_value))
    _line(pdf, "Permintaan kompensasi", "Ya" if form.minta_kompensasi else "Tidak")

    _heading(pdf, "F. Kronologi penerimaan")
    _paragraph(pdf, form.kronologi)

    _heading(pdf, "G. Dokumen dan data pendukung")
    if form.attachments:
        for number, name in enumerate(form.attachments, start=1):
            _paragraph(pdf, f"{number}. {name}")
    else:
        _paragraph(pdf, "Tidak ada lampiran.")

    pdf.ln(4)
    pdf.set_font("helvetica", "I", 8)
    stamp = tanggal(form.generated_at)
    pdf.multi_cell(0, 4.5, pdf_text(f"Dokumen ini memuat data pribadi. Dicetak dari sistem pada {stamp}; "
                                    "jangan disimpan di luar berkas perkara."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


@dataclass(frozen=True)
class DepositReceipt:
    agency: str
    receipt_number: str
    tracking_number: str
    deposited_on: date
    depositor_name: str
    jenis: str
    uraian: str
    nilai: int
    received_by: str
    released_on: date | None = None
    release_text: str | None = None


def deposit_receipt_pdf(receipt: DepositReceipt) -> bytes:
    pdf = _new_document(f"Tanda Terima Titipan {receipt.receipt_number}", receipt.receipt_number)
    pdf.set_font("helvetica", "B", 13)
    pdf.multi_cell(0, 7, "TANDA TERIMA BARANG TITIPAN GRATIFIKASI", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9.5)
    pdf.multi_cell(0, 5, pdf_text(f"Unit Pengendalian Gratifikasi {receipt.agency}"), align="C",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    _line(pdf, "Nomor tanda terima", receipt.receipt_number)
    _line(pdf, "Nomor registrasi laporan", receipt.tracking_number)
    _line(pdf, "Tanggal dititipkan", tanggal(receipt.deposited_on))
    _line(pdf, "Dititipkan oleh", receipt.depositor_name)
    _line(pdf, "Jenis objek", receipt.jenis)
    _line(pdf, "Uraian objek", receipt.uraian)
    _line(pdf, "Nilai taksiran", rupiah(receipt.nilai))
    _line(pdf, "Diterima oleh (petugas UPG)", receipt.received_by)
    if receipt.released_on is not None:
        _line(pdf, "Dikeluarkan", f"{tanggal(receipt.released_on)} - {receipt.release_text or ''}")
    pdf.ln(4)
    _paragraph(pdf, "Objek di atas disimpan oleh UPG sampai KPK menetapkan status kepemilikannya, "
                    "kemudian diserahkan atau dikembalikan sesuai keputusan tersebut.")
    pdf.ln(14)
    pdf.set_font("helvetica", size=9.5)
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.cell(half, 5, "Yang menitipkan,", align="C")
    pdf.cell(half, 5, "Petugas UPG,", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(18)
    pdf.cell(half, 5, pdf_text(f"( {receipt.depositor_name} )"), align="C")
    pdf.cell(half, 5, pdf_text(f"( {receipt.received_by} )"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
