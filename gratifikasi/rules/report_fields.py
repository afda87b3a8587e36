"""Fields of a gratification report (domain.md §1.3): categories and identifier checks.

Pure module (no Flask): the report form, the services and the tests share these rules.

* :class:`JenisLaporan`, :class:`JenisPenerimaan`, :class:`JenisPeristiwa`,
  :class:`HubunganPemberi`, :class:`JenisObjek`, :class:`LokasiObjek` are the categorical
  fields stored in plaintext for routing and statistics (design.md T1); the advisor
  (:mod:`gratifikasi.rules.exemptions`) answers in the same terms so it can pre-fill the form.
* :func:`check_nik`, :func:`check_nip` and :func:`parse_rupiah` return an Indonesian
  message (or raise) that the form shows beside the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gratifikasi.rules.text import N_

__all__ = [
    "HUBUNGAN_LABELS",
    "HubunganPemberi",
    "JENIS_LAPORAN_LABELS",
    "JENIS_OBJEK_LABELS",
    "JENIS_PENERIMAAN_LABELS",
    "JenisLaporan",
    "JenisObjek",
    "JenisPenerimaan",
    "JenisPeristiwa",
    "LOKASI_OBJEK_LABELS",
    "LokasiObjek",
    "MAX_RUPIAH",
    "NipParts",
    "PERISTIWA_LABELS",
    "RupiahError",
    "check_nik",
    "check_nip",
    "jenis_objek_for",
    "parse_nip",
    "parse_rupiah",
]


class JenisPenerimaan(StrEnum):
    """Form of the gift, from the legal list of Penjelasan Ps. 12B(1)."""

    UANG = "uang"  # incl. cash equivalents: transfer, voucher belanja, saldo elektronik
    BARANG = "barang"
    RABAT = "rabat"
    KOMISI = "komisi"
    PINJAMAN_TANPA_BUNGA = "pinjaman_tanpa_bunga"
    TIKET_PERJALANAN = "tiket_perjalanan"
    FASILITAS_PENGINAPAN = "fasilitas_penginapan"
    PERJALANAN_WISATA = "perjalanan_wisata"
    PENGOBATAN_CUMA_CUMA = "pengobatan_cuma_cuma"
    FASILITAS_LAINNYA = "fasilitas_lainnya"


JENIS_PENERIMAAN_LABELS: dict[JenisPenerimaan, str] = {
    JenisPenerimaan.UANG: N_("Uang atau setara uang"),
    JenisPenerimaan.BARANG: N_("Barang"),
    JenisPenerimaan.RABAT: N_("Rabat/diskon"),
    JenisPenerimaan.KOMISI: N_("Komisi"),
    JenisPenerimaan.PINJAMAN_TANPA_BUNGA: N_("Pinjaman tanpa bunga"),
    JenisPenerimaan.TIKET_PERJALANAN: N_("Tiket perjalanan"),
    JenisPenerimaan.FASILITAS_PENGINAPAN: N_("Fasilitas penginapan"),
    JenisPenerimaan.PERJALANAN_WISATA: N_("Perjalanan wisata"),
    JenisPenerimaan.PENGOBATAN_CUMA_CUMA: N_("Pengobatan cuma-cuma"),
    JenisPenerimaan.FASILITAS_LAINNYA: N_("Fasilitas lainnya"),
}


class JenisPeristiwa(StrEnum):
    """Kind of event, from KPK's classification (mcp.kpk.go.id)."""

    ACARA_ADAT = "acara_adat"
    KEAGAMAAN = "keagamaan"
    TUGAS_PELAYANAN = "tugas_pelayanan"
    TUGAS_NON_PELAYANAN = "tugas_non_pelayanan"
    ULANG_TAHUN = "ulang_tahun"
    MUTASI_PROMOSI_PISAH_SAMBUT = "mutasi_promosi_pisah_sambut"
    PERNIKAHAN = "pernikahan"
    SEMINAR_DIKLAT_WORKSHOP = "seminar_diklat_workshop"
    LAINNYA = "lainnya"


class HubunganPemberi(StrEnum):
    KELUARGA = "keluarga"
    PIHAK_TERKAIT_TUGAS = "pihak_terkait_tugas"  # penyedia, penerima layanan, pengawasan/pemeriksaan
    SESAMA_PEGAWAI = "sesama_pegawai"
    TIDAK_DIKETAHUI = "tidak_diketahui"
    LAINNYA = "lainnya"


# Labels are Indonesian msgids (English in the catalogue): forms and receipts translate them,
# exports and the KPK form print them as they are.
HUBUNGAN_LABELS: dict[HubunganPemberi, str] = {
    HubunganPemberi.KELUARGA: N_("Keluarga"),
    HubunganPemberi.PIHAK_TERKAIT_TUGAS: N_(
        "Pihak terkait tugas (penyedia barang/jasa, penerima layanan, pihak yang diawasi/diperiksa)"
    ),
    HubunganPemberi.SESAMA_PEGAWAI: N_("Sesama pegawai"),
    HubunganPemberi.TIDAK_DIKETAHUI: N_("Identitas tidak diketahui"),
    HubunganPemberi.LAINNYA: N_("Lainnya"),
}

PERISTIWA_LABELS: dict[JenisPeristiwa, str] = {
    JenisPeristiwa.ACARA_ADAT: N_("Acara adat"),
    JenisPeristiwa.KEAGAMAAN: N_("Acara keagamaan"),
    JenisPeristiwa.TUGAS_PELAYANAN: N_("Terkait tugas pelayanan"),
    JenisPeristiwa.TUGAS_NON_PELAYANAN: N_("Terkait tugas non-pelayanan"),
    JenisPeristiwa.ULANG_TAHUN: N_("Ulang tahun"),
    JenisPeristiwa.MUTASI_PROMOSI_PISAH_SAMBUT: N_("Mutasi/promosi/pisah sambut/pensiun"),
    JenisPeristiwa.PERNIKAHAN: N_("Pernikahan"),
    JenisPeristiwa.SEMINAR_DIKLAT_WORKSHOP: N_("Seminar/diklat/workshop"),
    JenisPeristiwa.LAINNYA: N_("Lainnya"),
}


class JenisLaporan(StrEnum):
    PENERIMAAN = "penerimaan"
    PENOLAKAN = "penolakan"


JENIS_LAPORAN_LABELS: dict[JenisLaporan, str] = {
    JenisLaporan.PENERIMAAN: N_("Laporan penerimaan (pemberian telah diterima)"),
    JenisLaporan.PENOLAKAN: N_("Laporan penolakan (pemberian ditolak)"),
}


# Form of one object: the legal list of Ps. 12B (the advisor's JenisPenerimaan, same names
# and values, so the advisor's answer pre-fills the form) plus what KPK statistics name
# (voucher, makanan/hidangan) and a catch-all. Built from JenisPenerimaan so the legal list
# lives in one place.
JenisObjek = StrEnum(  # type: ignore[misc]
    "JenisObjek",
    [(m.name, m.value) for m in JenisPenerimaan]
    + [("VOUCHER", "voucher"), ("MAKANAN_HIDANGAN", "makanan_hidangan"), ("LAINNYA", "lainnya")],
    module=__name__,
)

JENIS_OBJEK_LABELS: dict[JenisObjek, str] = {
    **{JenisObjek(j.value): labels for j, labels in JENIS_PENERIMAAN_LABELS.items()},
    # By value: the members are made at run time, which a type checker cannot follow.
    JenisObjek("voucher"): N_("Voucher"),
    JenisObjek("makanan_hidangan"): N_("Makanan/hidangan"),
    JenisObjek("lainnya"): N_("Lainnya"),
}


def jenis_objek_for(jenis: JenisPenerimaan | None) -> JenisObjek | None:
    """The form's object kind for the advisor's answer (same value)."""
    return None if jenis is None else JenisObjek(jenis.value)


class LokasiObjek(StrEnum):
    """Where the object is now (GOL-style forms)."""

    DISIMPAN_PELAPOR = "disimpan_pelapor"
    DITITIPKAN_UPG = "dititipkan_upg"
    DITITIPKAN_KPK = "dititipkan_kpk"
    DISALURKAN_SOSIAL = "disalurkan_sosial"  # perishable food passed on (SE KPK B/3956/2019)
    DIKEMBALIKAN_PEMBERI = "dikembalikan_pemberi"
    LAINNYA = "lainnya"


LOKASI_OBJEK_LABELS: dict[LokasiObjek, str] = {
    LokasiObjek.DISIMPAN_PELAPOR: N_("Disimpan pelapor"),
    LokasiObjek.DITITIPKAN_UPG: N_("Dititipkan di UPG"),
    LokasiObjek.DITITIPKAN_KPK: N_("Dititipkan di KPK"),
    LokasiObjek.DISALURKAN_SOSIAL: N_("Disalurkan sebagai bantuan sosial (makanan mudah rusak)"),
    LokasiObjek.DIKEMBALIKAN_PEMBERI: N_("Dikembalikan kepada pemberi"),
    LokasiObjek.LAINNYA: N_("Lainnya"),
}


# -- identifiers ---------------------------------------------------------------------------


def check_nik(text: str) -> str | None:
    """NIK (Nomor Induk Kependudukan): exactly 16 digits. None when fine, else the message."""
    if not re.fullmatch(r"\d{16}", text):
        return N_("NIK harus terdiri dari 16 angka.")
    if text[:2] == "00":
        return N_("NIK tidak valid: dua angka pertama adalah kode provinsi.")
    return None


@dataclass(frozen=True)
class NipParts:
    """NIP PNS (PP 11/2017 Lampiran): birth date, TMT CPNS month, sex, sequence."""

    birth_date: date
    tmt_year: int
    tmt_month: int
    sex: int  # 1 laki-laki, 2 perempuan
    sequence: int


def parse_nip(text: str) -> NipParts | str:
    """The parts of an 18-digit NIP, or the Indonesian message saying what is wrong.

    Layout: ``yyyymmdd`` birth date, ``yyyymm`` start of service (TMT CPNS), one digit
    for sex (1/2), three digits of sequence (001–999).
    """
    if not re.fullmatch(r"\d{18}", text):
        return N_("NIP harus terdiri dari 18 angka (tanpa spasi).")
    try:
        born = date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return N_("NIP tidak valid: angka ke-1 sampai ke-8 harus tanggal lahir (tahun-bulan-tanggal).")
    tmt_year, tmt_month = int(text[8:12]), int(text[12:14])
    if not 1 <= tmt_month <= 12:
        return N_("NIP tidak valid: angka ke-13 dan ke-14 harus bulan TMT (01–12).")
    if tmt_year < born.year + 15:
        return N_("NIP tidak valid: tahun TMT (angka ke-9 sampai ke-12) terlalu dekat dengan tahun lahir.")
    sex = int(text[14])
    if sex not in (1, 2):
        return N_("NIP tidak valid: angka ke-15 harus 1 (laki-laki) atau 2 (perempuan).")
    sequence = int(text[15:18])
    if sequence == 0:
        return N_("NIP tidak valid: tiga angka terakhir (nomor urut) tidak boleh 000.")
    return NipParts(born, tmt_year, tmt_month, sex, sequence)


def check_nip(text: str, *, today: date, birth_date: date | None = None) -> str | None:
    """None when the NIP is well formed, plausible on ``today`` and matches ``birth_date``."""
    parts = parse_nip(text)
    if isinstance(parts, str):
        return parts
    if parts.birth_date >= today or (parts.tmt_year, parts.tmt_month) > (today.year, today.month):
        return N_("NIP tidak valid: tanggal lahir atau TMT di dalamnya belum terjadi.")
    if birth_date is not None and birth_date != parts.birth_date:
        return N_("Tanggal lahir dalam NIP (angka ke-1 sampai ke-8) berbeda dengan tanggal lahir yang diisi.")
    return None


# -- money ---------------------------------------------------------------------------------

MAX_RUPIAH = 1_000_000_000_000_000  # Rp1.000 triliun: a typo guard, not a legal limit


class RupiahError(ValueError):
    """The text is not a whole Rupiah amount; ``str()`` is Indonesian."""


_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def parse_rupiah(text: str) -> int:
    """``"Rp 1.500.000"``, ``"1.500.000,00"`` or ``"1500000"`` → 1500000.

    Dots group thousands (Indonesian style); a comma starts cents, which must be zero
    because reports are in whole Rupiah. Anything ambiguous ("1,5 juta", "1.50") is refused
    rather than guessed.
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if cleaned[:2].lower() == "rp":
        cleaned = cleaned[2:].lstrip(".")
    if not cleaned:
        raise RupiahError(N_("Isi nilai dalam Rupiah, misalnya 1.500.000."))
    whole, comma, cents = cleaned.partition(",")
    if comma and not re.fullmatch(r"0{1,2}", cents):
        raise RupiahError(N_("Nilai harus dalam Rupiah bulat, tanpa sen (misalnya 1.500.000)."))
    if re.fullmatch(r"\d+", whole):
        amount = int(whole)
    elif _GROUPED.fullmatch(whole):
        amount = int(whole.replace(".", ""))
    else:
        raise RupiahError(N_("Tulis nilai dengan angka saja, titik sebagai pemisah ribuan (misalnya 1.500.000)."))
    if amount > MAX_RUPIAH:
        raise RupiahError(N_("Nilai terlalu besar; periksa kembali jumlah angkanya."))
    return amount
