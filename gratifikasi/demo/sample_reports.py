"""A year of sample gratification reports, each told as a story through the real services.

Every name, company and event is invented and says so ("contoh", "fiktif"); addresses use the
reserved ``.example`` domain, so no mail can reach anyone.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from ..cases import services as case_services
from ..extensions import db
from ..kpk import services as kpk
from ..models import FollowUpKind, GratificationReport, KpkDecision
from ..models.case import CaseFile
from ..models.report import CASE_COLUMNS, IDENTITY_COLUMNS, REPORT_RECORD_TYPE
from ..reports import services as reports
from ..rules.report_fields import HubunganPemberi, JenisLaporan, JenisObjek, JenisPeristiwa, LokasiObjek
from .crew import Crew
from .replay import Story, at, workday

FICTION = "Data contoh (fiktif) untuk demo."
SEED_CLIENT = "demo-seed"  # the reporters' side, as a client key for the code throttle


@dataclass(frozen=True)
class ReportPlan:
    """One sample report: where, when (days before today), what, and how far it got."""
    unit: str
    days_ago: int
    gift: tuple[JenisObjek, str, int]
    event: JenisPeristiwa
    path: str  # see report_story
    email: bool = True
    penolakan: bool = False


# JenisObjek is built from the legal list at import time, so its members are looked up by value.
BARANG = JenisObjek("barang")
FASILITAS_PENGINAPAN = JenisObjek("fasilitas_penginapan")
MAKANAN_HIDANGAN = JenisObjek("makanan_hidangan")
TIKET_PERJALANAN = JenisObjek("tiket_perjalanan")
UANG = JenisObjek("uang")
VOUCHER = JenisObjek("voucher")
E = JenisPeristiwa
# Paths: baru (untouched), diklaim (claimed), kembali (returned for completion, unanswered),
# dilengkapi (returned, answered, verified), dianalisis, kpk (forwarded), negara (SK milik negara,
# object handed over), uang (money paid to the treasury, closed), penerima (SK milik penerima,
# closed), tidak_lengkap (completion lapsed, closed), tolak (refusal recorded),
# tidak_dapat (not admissible).
REPORT_PLANS = (
    ReportPlan("DISPENDUKCAPIL", 340, (UANG, "Amplop berisi uang tunai dari pemohon KTP (fiktif)", 500_000),
               E.TUGAS_PELAYANAN, "uang"),
    ReportPlan("DPMPTSP", 320, (BARANG, "Jam tangan merek contoh dari pemohon izin (fiktif)", 2_750_000),
               E.TUGAS_PELAYANAN, "negara"),
    ReportPlan("RSUD", 300, (BARANG, "Parsel kue lebaran dari rekanan fiktif", 850_000), E.KEAGAMAAN, "penerima"),
    ReportPlan("BAPENDA", 290, (UANG, "Transfer 'uang terima kasih' dari wajib pajak contoh", 1_500_000),
               E.TUGAS_PELAYANAN, "uang"),
    ReportPlan("KEC-GADINGREJO", 270, (BARANG, "Kain batik dari panitia acara fiktif", 400_000),
               E.ACARA_ADAT, "penerima", email=False),
    ReportPlan("DPMPTSP", 250, (UANG, "Voucher belanja dari konsultan perizinan contoh", 1_000_000),
               E.TUGAS_PELAYANAN, "tolak", penolakan=True),
    ReportPlan("PKM-GADINGREJO", 230, (BARANG, "Tas kulit dari distributor alat kesehatan fiktif", 3_200_000),
               E.TUGAS_NON_PELAYANAN, "negara"),
    ReportPlan("DISPENDUKCAPIL", 210, (UANG, "Uang tunai titipan warga contoh", 300_000),
               E.TUGAS_PELAYANAN, "tidak_lengkap"),
    ReportPlan("RSUD", 190, (TIKET_PERJALANAN, "Tiket pesawat ke seminar oleh vendor fiktif", 4_100_000),
               E.SEMINAR_DIKLAT_WORKSHOP, "uang"),
    ReportPlan("KEC-BUGULKIDUL", 170, (BARANG, "Bingkisan pernikahan dari pengembang perumahan contoh", 950_000),
               E.PERNIKAHAN, "penerima"),
    ReportPlan("BAPENDA", 150, (UANG, "Amplop dari pengusaha restoran fiktif", 2_000_000),
               E.TUGAS_PELAYANAN, "tidak_dapat"),
    ReportPlan("DPMPTSP", 130, (BARANG, "Ponsel dari pemohon izin usaha contoh", 5_500_000),
               E.TUGAS_PELAYANAN, "negara"),
    ReportPlan("PKM-KEBONSARI", 110, (UANG, "Uang rokok dari pemasok obat fiktif", 250_000),
               E.TUGAS_NON_PELAYANAN, "tolak", penolakan=True, email=False),
    ReportPlan("KEC-PANGGUNGREJO", 95, (BARANG, "Parsel buah dari warga contoh", 350_000),
               E.ULANG_TAHUN, "penerima"),
    ReportPlan("DISPENDUKCAPIL", 80, (UANG, "Uang percepatan akta dari calo fiktif", 750_000),
               E.TUGAS_PELAYANAN, "kpk"),
    ReportPlan("RSUD", 70, (FASILITAS_PENGINAPAN, "Kamar hotel dari rekanan laboratorium contoh", 1_800_000),
               E.SEMINAR_DIKLAT_WORKSHOP, "kpk"),
    ReportPlan("BAPENDA", 60, (BARANG, "Sepatu olahraga dari wajib pajak fiktif", 1_200_000),
               E.TUGAS_PELAYANAN, "kpk"),
    ReportPlan("KEC-PURWOREJO", 45, (UANG, "Amplop pisah sambut dari rekanan contoh", 1_000_000),
               E.MUTASI_PROMOSI_PISAH_SAMBUT, "kembali"),
    ReportPlan("DPMPTSP", 40, (BARANG, "Karangan bunga dan kue dari pemohon fiktif", 600_000),
               E.TUGAS_PELAYANAN, "dianalisis"),
    ReportPlan("DISPENDUKCAPIL", 35, (UANG, "Pulsa elektronik dari warga contoh", 200_000),
               E.TUGAS_PELAYANAN, "dilengkapi"),
    ReportPlan("PKM-GADINGREJO", 30, (BARANG, "Alat tulis bermerek dari sales fiktif", 450_000),
               E.TUGAS_NON_PELAYANAN, "diklaim"),
    ReportPlan("RSUD", 28, (UANG, "Amplop dari keluarga pasien contoh", 1_000_000), E.TUGAS_PELAYANAN, "baru"),
    ReportPlan("KEC-GADINGREJO", 14, (BARANG, "Sarung dan kopiah dari tokoh masyarakat fiktif", 300_000),
               E.KEAGAMAAN, "kembali"),
    ReportPlan("BAPENDA", 6, (UANG, "Voucher bahan bakar dari wajib pajak contoh", 500_000),
               E.TUGAS_PELAYANAN, "baru"),
    ReportPlan("DPMPTSP", 3, (BARANG, "Lukisan dari pemohon izin reklame fiktif", 2_500_000),
               E.TUGAS_PELAYANAN, "diklaim"),
    ReportPlan("DISPENDUKCAPIL", 1, (UANG, "Uang tunai di map berkas pemohon contoh", 100_000),
               E.TUGAS_PELAYANAN, "baru", email=False),
    # Parcels around a religious holiday: several reports from one unit in one month, as the
    # UPG sees every year (and enough for the transparency page to show a number, not "<3").
    *(ReportPlan("RSUD", 256 + i,
                 (MAKANAN_HIDANGAN, f"Parsel hari raya dari rekanan fiktif {i + 1}", 400_000 + 50_000 * i),
                 E.KEAGAMAAN, ("penerima", "negara", "penerima", "uang")[i]) for i in range(4)),
    *(ReportPlan("DISPENDUKCAPIL", 8 + i,
                 (VOUCHER, f"Voucher akhir tahun dari biro jasa contoh {i + 1}", 300_000),
                 E.TUGAS_PELAYANAN, ("baru", "diklaim", "baru")[i], email=i != 1) for i in range(3)),
)

FIRST_NAMES = ("Budi", "Siti", "Agus", "Dewi", "Rina", "Joko", "Wati", "Hadi", "Lina", "Eko", "Nur", "Tono")


def _input(plan: ReportPlan, number: int, crew: Crew, received: date) -> reports.ReportInput:
    name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} Contoh {number:02d}"
    identity = dict.fromkeys(IDENTITY_COLUMNS, None) | {
        "nik": f"35750100000000{number:02d}", "nama": name, "nip": f"19800101200501{number:04d}",
        "tempat_lahir": "Pasuruan", "tanggal_lahir": "1980-01-01", "alamat": f"Jl. Contoh Fiktif No. {number}",
        "telepon": f"0343 000 {number:04d}", "jabatan": "Staf pelaksana (contoh)",
        "instansi": "Pemerintah Kota Pasuruan",
        "email": f"pelapor{number:02d}@contoh.example" if plan.email else None,
    }
    case = dict.fromkeys(CASE_COLUMNS, None) | {
        "pemberi_nama": f"Pemberi Fiktif {number:02d}", "pemberi_instansi": "CV Contoh Sejahtera (fiktif)",
        "pemberi_alamat": "Jl. Rekaan No. 1, Kota Pasuruan", "alasan_pemberian": "Ucapan terima kasih (contoh)",
        "tempat_penerimaan": "Kantor", "kronologi": f"{FICTION} {plan.gift[1]}; diterima di kantor lalu dilaporkan.",
    }
    kind, description, value = plan.gift
    return reports.ReportInput(
        jenis_laporan=JenisLaporan.PENOLAKAN if plan.penolakan else JenisLaporan.PENERIMAAN,
        identity=identity, case=case, unit_id=crew.unit(plan.unit),
        hubungan_pemberi=HubunganPemberi.PIHAK_TERKAIT_TUGAS, jenis_peristiwa=plan.event,
        tanggal_penerimaan=received, minta_kompensasi=False,
        objects=[reports.ObjectInput(kind, description, value, LokasiObjek.DISIMPAN_PELAPOR)],
    )


def _case_id(report_id: int) -> int:
    return db.session.execute(
        select(CaseFile.id).where(CaseFile.record_type == REPORT_RECORD_TYPE, CaseFile.record_id == report_id)
    ).scalar_one()


def report_story(plan: ReportPlan, number: int, crew: Crew, today: date) -> Story:
    day = workday(today - timedelta(days=plan.days_ago))
    if day > today:
        day = today
    # Most reporters come within days; every sixth one late (past the 30 working days).
    received = day - timedelta(days=50 if number % 6 == 0 else 2)
    yield at(day, 60 + number)
    submitted = reports.submit_report(_input(plan, number, crew, received))
    case_id = _case_id(submitted.report_id)
    upg, key = crew.upg, crew.upg_key

    def report() -> GratificationReport:
        found = db.session.get(GratificationReport, submitted.report_id)
        assert found is not None
        return found

    def move(action: str, reason: str | None = None) -> None:
        case_services.apply_transition(upg, key, case_id, action, reason)

    if plan.path == "baru":
        return
    yield at(workday(day + timedelta(days=1)), 30)
    case_services.assign(upg, key, case_id, upg.id)
    if plan.path == "diklaim":
        return
    step = workday(day + timedelta(days=2))
    yield at(step, 45)
    if plan.path == "tolak":
        move("catat_penolakan")
        return
    if plan.path in ("kembali", "dilengkapi", "tidak_lengkap"):
        move("minta_kelengkapan", "Mohon lampirkan foto objek dan kronologi yang lebih rinci (contoh).")
        if plan.path == "kembali":
            return
        if plan.path == "tidak_lengkap":
            yield at(workday(step + timedelta(days=35)), 15)
            move("tutup_tidak_dilengkapi")
            return
        step = workday(step + timedelta(days=3))
        yield at(step, 120)
        # The reporter comes back with number and code, as on the status page.
        login = reports.open_with_code(submitted.tracking_number, submitted.access_code, client=SEED_CLIENT)
        access = reports.current_access(login.access_cookie)
        assert access is not None
        reports.answer_completion(access[0], access[1], "Foto dan kronologi sudah saya lengkapi (contoh fiktif).")
        reports.forget_access(login.access_cookie)
        step = workday(step + timedelta(days=1))
        yield at(step, 30)
    if plan.path == "tidak_dapat":
        move("nyatakan_tidak_dapat_ditindaklanjuti", "Objek tidak terkait jabatan pelapor (contoh).")
        return
    move("verifikasi_lengkap")
    if plan.path == "dilengkapi":
        return
    yield at(workday(step + timedelta(days=1)), 30)
    move("analisis")
    if plan.path == "dianalisis":
        return
    if plan.gift[0] is BARANG:
        yield at(workday(step + timedelta(days=2)), 10)
        kpk.deposit_object(report(), upg, report().objects[0].id, workday(step + timedelta(days=2)))
    forwarded = workday(step + timedelta(days=4))
    yield at(forwarded, 60)
    kpk.record_forwarding(report(), upg, f"GOL-DEMO-{number:04d}", forwarded, private_key=key)
    if plan.path == "kpk":
        return
    decided = workday(forwarded + timedelta(days=24))
    yield at(decided, 90)
    decision = KpkDecision.milik_penerima if plan.path == "penerima" else KpkDecision.milik_negara
    kpk.record_decision(report(), upg, f"{number:03d}/SK-DEMO/GRT/{decided.year}", decided, decision,
                        private_key=key)
    done = workday(decided + timedelta(days=5))
    yield at(done, 60)
    if plan.path == "penerima":
        if kpk.records(report()).deposits:
            kpk.record_follow_up(report(), upg, FollowUpKind.kembalikan_ke_pelapor, done,
                                 f"TT-DEMO-{number:04d}", private_key=key)
            yield at(workday(done + timedelta(days=1)), 30)
        move("selesaikan")
        return
    if plan.path == "uang":
        kpk.record_follow_up(report(), upg, FollowUpKind.setor_uang, done, f"NTPN-DEMO-{number:06d}",
                             plan.gift[2], private_key=key)
    else:
        kpk.record_follow_up(report(), upg, FollowUpKind.serahkan_barang, done, f"BA-DEMO-{number:04d}",
                             private_key=key)
    if plan.days_ago > 200:
        yield at(workday(done + timedelta(days=2)), 30)
        move("selesaikan")


def report_stories(crew: Crew, today: date) -> list[Story]:
    return [report_story(plan, number, crew, today) for number, plan in enumerate(REPORT_PLANS, start=1)]
