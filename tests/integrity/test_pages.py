"""The integrity pages: role checks, permission-filtered drill-down, forms that keep what was
typed, exports with formulas off, and the public page (no login, no cookie, "<3")."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pypdf
import pytest
from sqlalchemy import func, select

from gratifikasi.auth.services import find_officer
from gratifikasi.extensions import db
from gratifikasi.integrity.evidence_records import add_document
from gratifikasi.models.integrity import DocumentKind, EvidenceActivity, MonevRecord, MonevSource
from gratifikasi.settings import service as settings_service
from tests.integrity import factories as f


@pytest.fixture
def data(app, officers, frozen_clock):
    with app.app_context():
        a = f.unit("DINKES", "Dinas Kesehatan")
        b = f.unit("DISHUB", "Dinas Perhubungan")
        f.report(a, date(2026, 1, 5), "diteruskan_kpk")
        f.report(a, date(2026, 1, 6), "diterima_upg", late=2)
        f.report(a, date(2026, 2, 9), "diterima_upg")
        f.report(b, date(2026, 2, 10), "diterima_upg")
        f.complaint(a, date(2026, 1, 7), "selesai", category="suap_pemerasan", responded=date(2026, 1, 8))
        f.complaint(a, date(2026, 1, 8), "baru", category="suap_pemerasan")
        f.complaint(b, date(2026, 2, 2), "ditelaah", category="pengadaan")
        db.session.commit()
        return {"a": a, "b": b}


def _drill_links(html: str) -> set[str]:
    return set(re.findall(r'data-testid="drill-(\w+)-', html))


@pytest.mark.parametrize("username", ["admin1", "upg1", "irban1", "pimpinan1"])
def test_viewers_see_the_dashboard(client_for, data, username):
    page = client_for(username).get("/integritas/?periode=2026").get_data(as_text=True)
    assert "Dinas Kesehatan" in page and "<svg" in page and "<table" in page


def test_custodian_and_anonymous_are_refused(app, client_for, data):
    assert client_for("kustodian1").get("/integritas/").status_code == 403
    assert app.test_client().get("/integritas/").status_code == 302  # to the login page


def test_drill_down_links_follow_permissions(client_for, data):
    url = "/integritas/?periode=2026"
    assert _drill_links(client_for("admin1").get(url).get_data(as_text=True)) == set()
    assert _drill_links(client_for("upg1").get(url).get_data(as_text=True)) == {"gratifikasi"}
    assert _drill_links(client_for("irban1").get(url).get_data(as_text=True)) == {"pengaduan"}
    assert _drill_links(client_for("pimpinan1").get(url).get_data(as_text=True)) == {"gratifikasi", "pengaduan"}
    # The list itself is checked on the server too, not only hidden.
    assert client_for("upg1").get("/integritas/perkara?jenis=pengaduan&periode=2026").status_code == 403
    assert client_for("irban1").get("/integritas/perkara?jenis=gratifikasi&periode=2026").status_code == 403
    assert client_for("admin1").get("/integritas/perkara?jenis=gratifikasi&periode=2026").status_code == 403


def test_a_number_and_its_case_list_agree(client_for, data):
    pimpinan = client_for("pimpinan1")
    page = pimpinan.get(f"/integritas/unit/{data['a']}?periode=2026").get_data(as_text=True)
    # Unit A in 2026: 3 reports, 2 on time ("terlambat" is the one with late=2).
    link = re.search(r'href="([^"]+)" data-testid="drill-gratifikasi-tepat_waktu">(\d+)<', page)
    assert link and link.group(2) == "2"
    listing = pimpinan.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert re.search(r'data-testid="case-total">2<', listing)
    assert listing.count("GRT-2026-") == 2
    complaints = pimpinan.get(f"/integritas/perkara?jenis=pengaduan&ukuran=harus&periode=2026&unit={data['a']}")
    text = complaints.get_data(as_text=True)
    assert complaints.status_code == 200 and text.count("ADU-2026-") == 2
    assert pimpinan.get("/integritas/perkara?jenis=gratifikasi&ukuran=bogus").status_code == 404


def test_unit_page_shows_counts_and_rule_text(client_for, data):
    page = client_for("upg1").get(f"/integritas/unit/{data['a']}?periode=2026").get_data(as_text=True)
    assert "PRE2.a" in page and "selesai ÷ harus ditindaklanjuti" in page
    assert "Pengaduan yang harus ditindaklanjuti: 2" in page and "Selesai ditindaklanjuti: 1" in page  # PRE2, unit A


def test_pimpinan_reads_but_cannot_write(app, client_for, data):
    pimpinan = client_for("pimpinan1")
    assert pimpinan.get("/integritas/bukti").status_code == 200
    assert "Simpan dokumen" not in pimpinan.get("/integritas/bukti").get_data(as_text=True)
    assert pimpinan.post("/integritas/bukti/kegiatan", data={}).status_code == 403
    assert pimpinan.post(f"/integritas/lke/{data['a']}/2026", data={}).status_code == 403
    assert pimpinan.get("/integritas/monev").status_code == 403
    assert pimpinan.get("/integritas/pengaturan").status_code == 403


def test_evidence_form_keeps_what_was_typed(app, client_for, data):
    upg = client_for("upg1")
    response = upg.post("/integritas/bukti/kegiatan", data={
        "keg-kind": "public_campaign", "keg-unit": str(data["a"]), "keg-activity_date": "2026-13-40",
        "keg-title": "Kampanye anti gratifikasi di pasar", "keg-participants": "banyak"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="Kampanye anti gratifikasi di pasar"' in page and 'value="2026-13-40"' in page
    assert "Tulis tanggal yang benar (tahun-bulan-hari" in page
    assert "Isi bilangan bulat 0 sampai 1.000.000." in page
    ok = upg.post("/integritas/bukti/kegiatan", data={
        "keg-kind": "public_campaign", "keg-unit": str(data["a"]), "keg-activity_date": "2026-02-20",
        "keg-title": "Kampanye", "keg-participants": "40"})
    assert ok.status_code == 302
    future = upg.post("/integritas/bukti/kegiatan", data={
        "keg-kind": "sosialisasi", "keg-unit": "", "keg-activity_date": "2026-12-01", "keg-title": "Nanti"})
    assert "Tanggal tidak boleh di masa depan." in future.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(EvidenceActivity)).scalar_one() == 1


def test_monev_report_is_generated_and_counts_as_monev(app, client_for, data):
    upg = client_for("upg1")
    response = upg.post("/integritas/monev", data={
        "unit": "", "period": "2026-T1", "scope": "keduanya", "obstacles": "Kanal telepon sering sibuk",
        "solutions": "Tambah petugas piket", "recommendations": "Tambah jalur WhatsApp"})
    assert response.status_code == 302
    with app.app_context():
        record = db.session.execute(select(MonevRecord)).scalar_one()
        assert record.source is MonevSource.laporan_aplikasi and record.held_on == date(2026, 3, 2)
        assert (record.period_year, record.period_kind, record.period_index) == (2026, "quarter", 1)
    page = upg.get(response.headers["Location"]).get_data(as_text=True)
    assert "Suap atau pemerasan (pungli)" in page and "Pengadaan barang/jasa" in page
    assert "suap_pemerasan" not in page
    pdf = upg.get(response.headers["Location"] + "/laporan.pdf")
    assert pdf.data.startswith(b"%PDF") and "attachment" in pdf.headers["Content-Disposition"]
    pdf_text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Suap atau pemerasan (pungli)" in pdf_text and "suap_pemerasan" not in pdf_text
    assert "2 Maret 2026" in pdf_text and "2026-03-02" not in pdf_text
    xlsx = upg.get(response.headers["Location"] + "/laporan.xlsx")
    strings = zipfile.ZipFile(io.BytesIO(xlsx.data)).read("xl/sharedStrings.xml").decode()
    assert "Kanal telepon sering sibuk" in strings and "Suap atau pemerasan (pungli)" in strings
    assert "suap_pemerasan" not in strings and "<t>terbuka</t>" not in strings
    # The app's monev report is monev evidence: PPE3.c for Q1 2026 is no longer "C".
    unit_page = upg.get(f"/integritas/unit/{data['a']}?periode=2026-T1").get_data(as_text=True)
    assert "Kegiatan tercatat: 1" in unit_page
    missing = upg.post("/integritas/monev", data={"unit": "", "period": "2026-T1", "scope": "keduanya",
                                                  "obstacles": "Ada kendala", "solutions": ""})
    assert missing.status_code == 400 and "Ada kendala" in missing.get_data(as_text=True)


def test_worksheet_export_has_formulas_off_and_the_evidence(app, client_for, data):
    upg = client_for("upg1")
    with app.app_context():  # recorded without its file (no key ring here; see test_evidence_files)
        add_document(find_officer("upg1"), unit_id=None, kind=DocumentKind.sk_upg,
                     number="=HYPERLINK(\"http://x\")", title="SK UPG", document_date=date(2025, 1, 2),
                     reference=None)
    response = upg.get(f"/integritas/lke/{data['a']}/2026/lembar-kerja.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    book = zipfile.ZipFile(io.BytesIO(response.data))
    sheets = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/"))
    strings = book.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheets  # no formula anywhere
    assert "=HYPERLINK" in strings and "PRE2.a" in strings and "WBK" in strings
    assert "sk_upg" in strings


def test_lke_form_saves_and_reshows_errors(app, client_for, data):
    upg = client_for("upg1")
    url = f"/integritas/lke/{data['a']}/2026"
    bad = upg.post(url, data={"ipak": "5", "s__A__pemenuhan": "3.5", "q__PPE2_a": "B"})
    assert bad.status_code == 400
    page = bad.get_data(as_text=True)
    assert "Isi indeks 0 sampai 4." in page and 'value="3.5"' in page
    ok = upg.post(url, data={"ipak": "3.6", "ipkp": "3.2", "capaian": "B", "s__A__pemenuhan": "3.5",
                             "q__PPE2_a": "B"})
    assert ok.status_code == 302
    page = upg.get(url).get_data(as_text=True)
    # IPAK 3.6 → 15.75; IPKP 3.2 → 14.00; capaian B → 3.75; hasil 33.50.
    assert "15.75 / 17.5" in page and "33.50 / 40" in page
    assert "Belum memenuhi" in page and "Nilai total" in page
    assert upg.get(f"/integritas/lke/{data['a']}/2020").status_code == 404


def test_area_check_setting_page(app, client_for, data):
    admin = client_for("admin1")
    assert "Per blok" in admin.get("/integritas/pengaturan").get_data(as_text=True)
    assert admin.post("/integritas/pengaturan", data={"mode": "combined"}).status_code == 302
    assert admin.post("/integritas/pengaturan", data={"mode": "lainnya"}).status_code == 400
    with app.app_context():
        assert settings_service.get_choice("lke.area_check_mode") == "combined"


def test_public_page_suppresses_small_counts_and_sets_no_cookie(app, data):
    with app.app_context():
        for day in (5, 6, 7):  # March: unit B gets exactly 3 reports
            f.report(data["b"], date(2026, 3, day))
        db.session.commit()
    client = app.test_client()
    response = client.get("/transparansi?tahun=2026")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    page = response.get_data(as_text=True)
    table = page.split('data-testid="public-reports"')[1].split("</table>")[0]
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>((?:<td>[^<]*</td>)+)', table))

    def cells(name: str) -> list[str]:
        return [c.replace("&lt;", "<") for c in re.findall(r"<td>([^<]*)</td>", rows[name])]

    # Unit A: Jan 2 → "<3", Feb 1 → "<3"; unit B: Feb 1 → "<3", Mar 3 → "3"; empty months "0".
    assert cells("Dinas Kesehatan")[:4] == ["<3", "<3", "0", "0"]
    assert cells("Dinas Perhubungan")[:4] == ["0", "<3", "3", "0"]
    assert "GRT-" not in page and "ADU-" not in page


def test_dashboard_in_english(client_for, data):
    client = client_for("pimpinan1")
    client.set_cookie("bahasa", "en")
    page = client.get("/integritas/?periode=2026").get_data(as_text=True)
    assert "Agency-wide integrity dashboard" in page and "Unit ranking" in page
