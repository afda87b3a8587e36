"""A year of sample complaints: portal reports with mailbox conversations and complaints the
Inspektorat took by phone or at the desk, each told through the real services. All invented."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from ..cases import services as case_services
from ..complaints import mailbox
from ..complaints.intake import ComplaintInput, submit_complaint
from ..extensions import db
from ..models import ComplaintCategory, ComplaintChannel
from ..models.case import CaseFile
from ..models.complaint import RECORD_TYPE
from .crew import Crew
from .replay import Story, at, workday

# The reporter's side of the mailbox, as a client key for the code throttle.
SEED_CLIENT = "demo-seed"
C = ComplaintCategory


@dataclass(frozen=True)
class ComplaintPlan:
    unit: str | None
    days_ago: int
    category: ComplaintCategory
    what: str
    path: str  # baru, ditelaah, opd, opd_selesai, periksa, terbukti, tidak_terbukti, kpk_aph, tolak
    channel: ComplaintChannel = ComplaintChannel.portal
    conversation: bool = False
    named: bool = False  # the reporter gave a (fictional) name


COMPLAINT_PLANS = (
    ComplaintPlan("DISPENDUKCAPIL", 330, C.pelayanan_publik, "Antrean KTP-el dipungut 'uang jasa' (fiktif)",
                  "opd_selesai", conversation=True),
    ComplaintPlan("DPMPTSP", 310, C.suap_pemerasan, "Izin usaha contoh diminta uang pelicin", "terbukti",
                  conversation=True),
    ComplaintPlan("RSUD", 280, C.pelayanan_publik, "Loket rawat jalan fiktif tutup lebih awal", "opd_selesai",
                  channel=ComplaintChannel.telepon),
    ComplaintPlan("BAPENDA", 260, C.penyalahgunaan_wewenang, "Petugas contoh memakai mobil dinas untuk pribadi",
                  "tidak_terbukti"),
    ComplaintPlan(None, 240, C.lainnya, "Keluhan umum tanpa unit yang jelas (contoh)", "tolak"),
    ComplaintPlan("KEC-GADINGREJO", 220, C.pengadaan, "Paket pengadaan fiktif diatur untuk satu penyedia",
                  "kpk_aph", named=True, conversation=True),
    ComplaintPlan("PKM-KEBONSARI", 200, C.pelayanan_publik, "Biaya surat keterangan sehat contoh tidak sesuai tarif",
                  "opd_selesai", channel=ComplaintChannel.tatap_muka),
    ComplaintPlan("DPMPTSP", 180, C.gratifikasi, "Konsultan fiktif membagikan voucher ke petugas loket", "terbukti"),
    ComplaintPlan("KEC-PURWOREJO", 160, C.benturan_kepentingan, "Kerabat camat contoh menang lelang", "tidak_terbukti",
                  conversation=True),
    ComplaintPlan("DISPENDUKCAPIL", 140, C.suap_pemerasan, "Akta kelahiran fiktif dipercepat dengan bayaran",
                  "opd_selesai"),
    ComplaintPlan("RSUD", 120, C.pengadaan, "Harga alat kesehatan contoh digelembungkan", "periksa",
                  conversation=True),
    ComplaintPlan("BAPENDA", 100, C.pelayanan_publik, "Pelayanan PBB contoh lambat", "opd",
                  channel=ComplaintChannel.telepon),
    ComplaintPlan("KEC-BUGULKIDUL", 85, C.penyalahgunaan_wewenang, "Dana kegiatan kelurahan fiktif dipotong",
                  "periksa"),
    ComplaintPlan("DPMPTSP", 60, C.pelayanan_publik, "Formulir izin reklame contoh tidak tersedia", "opd"),
    ComplaintPlan("PKM-GADINGREJO", 45, C.gratifikasi, "Sales obat fiktif memberi hadiah ke petugas", "ditelaah",
                  conversation=True),
    ComplaintPlan("KEC-PANGGUNGREJO", 30, C.pelayanan_publik, "Jam layanan kecamatan contoh tidak jelas", "ditelaah",
                  channel=ComplaintChannel.surat),
    ComplaintPlan("DISPENDUKCAPIL", 20, C.suap_pemerasan, "Calo fiktif di depan kantor menawarkan jalur cepat",
                  "baru"),
    ComplaintPlan("RSUD", 9, C.pelayanan_publik, "Parkir rumah sakit contoh dipungut dua kali", "baru",
                  channel=ComplaintChannel.telepon),
    ComplaintPlan("BAPENDA", 4, C.penyalahgunaan_wewenang, "Petugas contoh meminta makan siang ke wajib pajak",
                  "ditelaah", conversation=True),
    ComplaintPlan("DPMPTSP", 1, C.gratifikasi, "Pemohon fiktif menitipkan bingkisan di loket", "baru"),
    *(ComplaintPlan("DPMPTSP", 50 + i, C.pelayanan_publik, f"Sistem antrean izin contoh macet ({i + 1})",
                    ("opd_selesai", "opd", "ditelaah")[i]) for i in range(3)),
)

# The workflow path of each ending, after triage (telaah).
PATHS = {
    "opd": ("teruskan_opd",),
    "opd_selesai": ("teruskan_opd", "catat_tindak_lanjut_opd"),
    "periksa": ("mulai_pemeriksaan",),
    "terbukti": ("mulai_pemeriksaan", "simpulkan_terbukti", "selesaikan"),
    "tidak_terbukti": ("mulai_pemeriksaan", "simpulkan_tidak_terbukti", "selesaikan"),
    "kpk_aph": ("mulai_pemeriksaan", "teruskan_kpk_aph"),
}
REASONS = {
    "catat_tindak_lanjut_opd": "OPD contoh melaporkan perbaikan layanan dan teguran tertulis (fiktif).",
    "simpulkan_terbukti": "Hasil pemeriksaan contoh: keterangan saksi dan dokumen saling menguatkan.",
    "simpulkan_tidak_terbukti": "Hasil pemeriksaan contoh: tidak ada bukti yang mendukung.",
    "teruskan_kpk_aph": "Nilai dan pihak terlapor di luar kewenangan APIP (contoh).",
    "nyatakan_tidak_dapat_ditindaklanjuti": "Tidak memuat unsur 5W2H yang cukup untuk ditelaah (contoh).",
}


def _input(plan: ComplaintPlan, number: int, event_day: date) -> ComplaintInput:
    return ComplaintInput(
        category=plan.category, apa=f"{plan.what}. Data contoh (fiktif) untuk demo.",
        terlapor_nama=f"Terlapor Fiktif {number:02d}", terlapor_jabatan="Pegawai (contoh)",
        terlapor_unit_id=None, di_mana="Kantor layanan (contoh)", event_date=event_day,
        kapan="Pagi hari, jam layanan", mengapa="Diduga untuk keuntungan pribadi (contoh).",
        bagaimana="Disampaikan langsung di loket (contoh).",
        pelapor_nama=f"Warga Contoh {number:02d}" if plan.named else None,
        pelapor_kontak=f"warga{number:02d}@contoh.example" if plan.named else None,
    )


def complaint_story(plan: ComplaintPlan, number: int, crew: Crew, today: date) -> Story:
    day = min(workday(today - timedelta(days=plan.days_ago)), today)
    yield at(day, 90 + number)
    data = _input(plan, number, day - timedelta(days=3))
    data.terlapor_unit_id = crew.unit(plan.unit) if plan.unit else None
    staff = plan.channel is not ComplaintChannel.portal
    submitted = submit_complaint(data, channel=plan.channel, recorded_by=crew.irban if staff else None)
    complaint_id = submitted.complaint.id
    code = submitted.code.display
    case_id = db.session.execute(
        select(CaseFile.id).where(CaseFile.record_type == RECORD_TYPE, CaseFile.record_id == complaint_id)
    ).scalar_one()
    irban, key = crew.irban, crew.irban_key

    def move(action: str) -> None:
        case_services.apply_transition(irban, key, case_id, action, REASONS.get(action))

    if plan.path == "baru":
        return
    step = workday(day + timedelta(days=1))
    yield at(step, 20)
    case_services.assign(irban, key, case_id, irban.id)
    if plan.path == "tolak":
        move("nyatakan_tidak_dapat_ditindaklanjuti")
        return
    move("telaah")
    if plan.conversation and not staff:
        yield at(step, 40)
        case_services.post_message(irban, key, case_id,
                                   "Terima kasih. Dapatkah Anda menyebutkan tanggal dan jam kejadian? (contoh)")
        step = min(workday(step + timedelta(days=1)), today)
        yield at(step, 180)
        login = mailbox.open_mailbox(code, client=SEED_CLIENT)
        opened = mailbox.current_mailbox(login.mailbox_cookie)
        assert opened is not None
        mailbox.reporter_reply(opened, "Kejadiannya Senin pagi sekitar pukul 09.00 di loket 2 (contoh fiktif).")
        mailbox.close_mailbox(login.mailbox_cookie)
    for offset, action in enumerate(PATHS.get(plan.path, ()), start=1):
        yield at(min(workday(step + timedelta(days=3 * offset)), today), 60)
        move(action)


def complaint_stories(crew: Crew, today: date) -> list[Story]:
    return [complaint_story(plan, number, crew, today) for number, plan in enumerate(COMPLAINT_PLANS, start=1)]
