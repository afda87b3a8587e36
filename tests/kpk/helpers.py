"""Building gratification reports for the KPK tests the way intake stores them (sealed)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from gratifikasi.cases.opening import open_case
from gratifikasi.cases.sources import GRATIFICATION
from gratifikasi.cases.transitions import refresh_due_date
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring.vault import encrypt_values, seal_record
from gratifikasi.models import GiftObject, GratificationReport, Unit, UnitKind
from gratifikasi.models.report import CASE_COLUMNS, IDENTITY_COLUMNS, OBJECT_RECORD_TYPE, REPORT_RECORD_TYPE
from gratifikasi.rules.report_fields import HubunganPemberi, JenisLaporan, JenisObjek, JenisPeristiwa, LokasiObjek

IDENTITY = {
    "nik": "3575014107900002",
    "nama": "Siti Aminah Rahmawati",
    "nip": "199007012015032002",
    "tempat_lahir": "Pasuruan",
    "tanggal_lahir": "1990-07-01",
    "alamat": "Jl. Pahlawan No. 12 RT 03 RW 02, Kebonsari, Panggungrejo, Kota Pasuruan 67126",
    "telepon": "081234567890",
    "email": "siti.aminah@example.go.id",
    "jabatan": "Kepala Seksi Perizinan Usaha",
    "instansi": "DPMPTSP Kota Pasuruan",
}
CASE = {
    "pemberi_nama": "Hendra Wijaya",
    "pemberi_instansi": "CV Sumber Makmur Sejahtera",
    "pemberi_alamat": "Jl. Soekarno-Hatta No. 45, Purworejo, Kota Pasuruan",
    "alasan_pemberian": "Ucapan terima kasih atas terbitnya izin usaha",
    "tempat_penerimaan": "Ruang layanan DPMPTSP lantai 2",
    "kronologi": "Setelah izin diserahkan, pemberi meninggalkan amplop dan jam tangan di meja layanan.",
}


@dataclass
class Item:
    jenis: JenisObjek
    nilai: int
    uraian: str
    lokasi: LokasiObjek = LokasiObjek.DISIMPAN_PELAPOR


DEFAULT_ITEMS = (
    Item(JenisObjek.UANG, 1_500_000, "Amplop cokelat berisi uang tunai pecahan seratus ribu"),
    Item(JenisObjek.BARANG, 2_750_000, "Jam tangan pria merek Alba warna perak"),
)


def ensure_unit(code: str, name: str | None = None) -> Unit:
    unit = db.session.execute(select(Unit).where(Unit.code == code)).scalar_one_or_none()
    if unit is None:
        unit = Unit(code=code, name=name or f"Dinas {code}", kind=UnitKind.dinas, active=True)
        db.session.add(unit)
        db.session.commit()
    return unit




@dataclass
class ReportSpec:
    status: str = "dianalisis_upg"
    unit_code: str = "DPMPTSP"
    unit_name: str | None = "Dinas Penanaman Modal dan PTSP"
    jenis: JenisLaporan = JenisLaporan.PENERIMAAN
    tanggal_penerimaan: date = date(2026, 2, 20)
    received_on: date = date(2026, 2, 23)
    items: tuple[Item, ...] = DEFAULT_ITEMS
    identity: dict = field(default_factory=lambda: dict(IDENTITY))
    case: dict = field(default_factory=lambda: dict(CASE))


def make_report(spec: ReportSpec | None = None) -> int:
    """A sealed report (inside an app context, rings initialised); returns its id."""
    spec = spec or ReportSpec()
    unit = ensure_unit(spec.unit_code, spec.unit_name)
    year = spec.received_on.year
    seq = db.session.execute(
        select(db.func.coalesce(db.func.max(GratificationReport.tracking_seq), 0))
        .where(GratificationReport.tracking_year == year)
    ).scalar_one() + 1
    now = datetime(spec.received_on.year, spec.received_on.month, spec.received_on.day, 3, 0)
    report = GratificationReport(
        tracking_year=year, tracking_seq=seq, tracking_number=f"GRT-{year}-{seq:06d}",
        jenis_laporan=spec.jenis, unit_id=unit.id,
        hubungan_pemberi=HubunganPemberi.PIHAK_TERKAIT_TUGAS, jenis_peristiwa=JenisPeristiwa.TUGAS_PELAYANAN,
        tanggal_penerimaan=spec.tanggal_penerimaan, received_on=spec.received_on, submitted_at=now,
        minta_kompensasi=False, late_working_days=None, has_email=True, language="id",
        access_locator=f"L{year}{seq:07d}", access_verifier=b"v", access_salt=b"s", access_wrapped_dek=b"w",
        **{column: b"" for column in (*IDENTITY_COLUMNS, *CASE_COLUMNS)},
    )
    db.session.add(report)
    db.session.flush()
    identity = seal_record(REPORT_RECORD_TYPE, report.id, spec.identity, purpose=RingPurpose.GRATIFICATION_IDENTITY)
    case = seal_record(REPORT_RECORD_TYPE, report.id, spec.case, purpose=RingPurpose.CASE)
    for column, blob in (identity.ciphertexts | case.ciphertexts).items():
        setattr(report, column, blob)
    for position, item in enumerate(spec.items, start=1):
        obj = GiftObject(report_id=report.id, position=position, jenis_objek=item.jenis, nilai_taksiran=item.nilai,
                         lokasi_objek=item.lokasi, uraian=b"")
        db.session.add(obj)
        db.session.flush()
        obj.uraian = encrypt_values(case.dek, OBJECT_RECORD_TYPE, obj.id, {"uraian": item.uraian})["uraian"]
    # Intake opens the case; the fixture then puts it straight into the state under test.
    case_file = open_case(GRATIFICATION, report, now=now)
    case_file.status = spec.status
    refresh_due_date(case_file)
    db.session.commit()
    return report.id
