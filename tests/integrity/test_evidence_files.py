"""Evidence records with their files (issue 7): the SK UPG or SOP itself, a campaign's photo,
a monev meeting's notulen. Uploaded through the shared upload service (type by content,
metadata stripped, sealed to the case ring), downloaded as attachments by the officers who
may see the evidence page, listed by name in the page and in the LKE worksheet."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from sqlalchemy import func, select

from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.integrity.evidence_queries import document_on_file
from gratifikasi.keyring import rings
from gratifikasi.models import Attachment, AttachmentChunk, Role
from gratifikasi.models.integrity import DocumentKind, EvidenceActivity, EvidenceDocument, MonevRecord
from gratifikasi.uploads.inspect import inspect_upload
from gratifikasi.uploads.sanitise import sanitise
from tests.helpers import login, make_officer
from tests.integrity import factories as f
from tests.keyring.conftest import crew  # noqa: F401
from tests.uploads import samples

SK_NAME = "SK-UPG-188-2025.pdf"
SK_NUMBER = "188/45/423.011/2025"
SK_TITLE = "Pembentukan Unit Pengendalian Gratifikasi"


@pytest.fixture
def world(app, crew, frozen_clock):  # noqa: F811
    """upg and irban (Inspektorat) hold the case ring; an Inspektorat officer of another unit
    holds it too; the pimpinan does not; the custodian holds it but has no integrity role."""
    make_officer(app, "pimpinan", Role.pimpinan)
    make_officer(app, "irban_dishub", Role.inspektorat, unit_code="DISHUB")
    with app.app_context():
        admin, key = crew.officer("admin"), crew.key("admin")
        for username in ("upg", "irban", "kustodian", "irban_dishub"):
            rings.grant(RingPurpose.CASE, admin, key, crew.officer(username))
        unit = f.unit("DINKES", "Dinas Kesehatan")
        db.session.commit()
    clients: dict[str, object] = {}

    def client(username: str):
        if username not in clients:
            clients[username] = app.test_client()
            assert login(clients[username], username).status_code == 302
        return clients[username]

    return {"client": client, "unit": unit}


def _document(**overrides):
    data = {"dok-kind": "sk_upg", "dok-unit": "", "dok-number": SK_NUMBER, "dok-title": SK_TITLE,
            "dok-document_date": "2025-01-02", "dok-reference": "Arsip Inspektorat rak 3",
            "dok-berkas": (io.BytesIO(samples.pdf(author="Budi Santoso")), SK_NAME)}
    data.update(overrides)
    return data


def _post(client, url: str, data: dict):
    return client.post(url, data=data, content_type="multipart/form-data")


def _attachment_of(app, model) -> Attachment:
    """The one file of that kind of record (and it belongs to a record of that kind)."""
    with app.app_context():
        row = db.session.execute(select(Attachment).where(Attachment.owner_type == model.ATTACHMENT_OWNER)).scalar_one()
        assert db.session.get(model, row.owner_id) is not None
        return row


def _count(app, model) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_sk_upg_pdf_is_stored_listed_and_downloaded_as_attachment(app, world):
    upg = world["client"]("upg")
    response = _post(upg, "/integritas/bukti/dokumen", _document())
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    attachment = _attachment_of(app, EvidenceDocument)
    assert (attachment.kind, attachment.mime, attachment.uploaded_by) == ("pdf", "application/pdf", "officer")
    assert attachment.metadata_removed

    page = upg.get("/integritas/bukti").get_data(as_text=True)
    row = page.split(f'data-testid="evidence-file-{attachment.id}"')[1].split("</td>")[0]
    assert SK_NAME in row and "PDF" in row and ("B" in row or "KB" in row)
    assert f'href="/lampiran/{attachment.id}"' in row

    original = samples.pdf(author="Budi Santoso")
    expected = sanitise(inspect_upload(SK_NAME, original), original).data
    for username in ("upg", "irban"):
        download = world["client"](username).get(f"/lampiran/{attachment.id}")
        assert download.status_code == 200
        assert download.headers["Content-Disposition"].startswith(f'attachment; filename="{SK_NAME}"')
        assert download.headers["Content-Type"] == "application/octet-stream"
        assert download.data == expected and b"Budi Santoso" not in download.data
    assert b"Budi Santoso" in original  # the metadata was there to strip


def test_the_file_is_refused_to_roles_without_evidence_rights_and_to_non_holders(app, world):
    assert _post(world["client"]("upg"), "/integritas/bukti/dokumen", _document()).status_code == 302
    attachment = _attachment_of(app, EvidenceDocument)
    url = f"/lampiran/{attachment.id}"
    # The custodian holds the case ring but may not see the evidence page: the rule is the page's.
    custodian = world["client"]("kustodian")
    assert custodian.get("/integritas/bukti").status_code == 403
    assert custodian.get(url).status_code == 404
    # The pimpinan may see the page but holds no key to the file: size and type, no name.
    pimpinan = world["client"]("pimpinan")
    page = pimpinan.get("/integritas/bukti").get_data(as_text=True)
    row = page.split(f'data-testid="evidence-file-{attachment.id}"')[1].split("</td>")[0]
    assert SK_NAME not in page and "pemegang kunci perkara" in row and "PDF" in row
    assert pimpinan.get(url).status_code == 404
    anonymous = app.test_client().get(url)
    assert anonymous.status_code == 302 and "/masuk" in anonymous.headers["Location"]
    # Integrity is read agency-wide (the page has no unit rule): an Inspektorat officer of
    # another unit who holds the key opens the agency-wide SK like the page shows it.
    assert world["client"]("irban_dishub").get(url).status_code == 200
    # Writing stays with admin and UPG.
    assert _post(pimpinan, "/integritas/bukti/dokumen", _document()).status_code == 403


def test_executable_named_pdf_is_refused_and_the_form_keeps_what_was_typed(app, world):
    upg = world["client"]("upg")
    response = _post(upg, "/integritas/bukti/dokumen",
                     _document(**{"dok-berkas": (io.BytesIO(samples.PE), "SK-UPG.pdf")}))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Berkas &#39;SK-UPG.pdf&#39; ditolak: berkas program atau skrip tidak diterima." in page
    assert "Dokumen belum disimpan. Periksa isian yang ditandai." in page
    assert f'value="{SK_NUMBER}"' in page and f'value="{SK_TITLE}"' in page
    assert 'value="2025-01-02"' in page and 'value="Arsip Inspektorat rak 3"' in page
    assert _count(app, EvidenceDocument) == 0 and _count(app, Attachment) == 0


def test_missing_oversize_and_wrong_kind_files_are_refused_with_clear_messages(app, world):
    upg = world["client"]("upg")
    missing = _post(upg, "/integritas/bukti/dokumen", _document(**{"dok-berkas": (io.BytesIO(b""), "")}))
    assert missing.status_code == 400
    assert "Unggah berkas dokumennya (PDF, dokumen Office atau hasil pindaian)." in missing.get_data(as_text=True)

    # Small numbers keep the request in memory (the test client spools big bodies to disk).
    app.config["UPLOAD_MAX_FILE_BYTES"] = 100 * 1024
    big = _post(upg, "/integritas/bukti/kegiatan", {
        "keg-kind": "public_campaign", "keg-unit": str(world["unit"]), "keg-activity_date": "2026-02-20",
        "keg-title": "Kampanye di pasar", "keg-berkas": (io.BytesIO(b"a" * (200 * 1024)), "poster.txt")})
    assert big.status_code == 400
    text = big.get_data(as_text=True)
    assert "Berkas &#39;poster.txt&#39; berukuran 0,2 MB; batasnya 0,1 MB per berkas." in text
    assert 'value="Kampanye di pasar"' in text

    text_file = _post(upg, "/integritas/bukti/monev", {
        "mon-scope": "wbs", "mon-unit": "", "mon-held_on": "2026-02-10", "mon-title": "Rapat monev WBS",
        "mon-berkas": (io.BytesIO(b"catatan rapat"), "notulen.txt")})
    assert text_file.status_code == 400
    assert ("Berkas &#39;notulen.txt&#39; ditolak: berkas teks tidak diterima di sini; yang diterima: "
            "PDF, dokumen Office, gambar.") in text_file.get_data(as_text=True)
    assert _count(app, EvidenceActivity) == 0 and _count(app, MonevRecord) == 0 and _count(app, Attachment) == 0


def test_activity_photo_and_monev_notulen_are_optional_and_listed(app, world):
    upg = world["client"]("upg")
    assert _post(upg, "/integritas/bukti/kegiatan", {
        "keg-kind": "sosialisasi", "keg-unit": "", "keg-activity_date": "2026-02-01",
        "keg-title": "Sosialisasi tanpa lampiran", "keg-berkas": (io.BytesIO(b""), "")}).status_code == 302
    assert _post(upg, "/integritas/bukti/kegiatan", {
        "keg-kind": "public_campaign", "keg-unit": str(world["unit"]), "keg-activity_date": "2026-02-20",
        "keg-title": "Kampanye di pasar", "keg-berkas": (io.BytesIO(samples.jpeg_with_gps()), "spanduk.jpg"),
    }).status_code == 302
    assert _post(upg, "/integritas/bukti/monev", {
        "mon-scope": "wbs", "mon-unit": "", "mon-held_on": "2026-02-10", "mon-title": "Rapat monev WBS",
        "mon-recommendations": "Tambah kanal", "mon-berkas": (io.BytesIO(samples.docx()), "notulen.docx"),
    }).status_code == 302
    with app.app_context():
        owners = sorted(db.session.execute(select(Attachment.owner_type, Attachment.kind)).all())
    assert owners == [("evidence_activity", "image"), ("monev_record", "office")]
    page = upg.get("/integritas/bukti").get_data(as_text=True)
    assert "spanduk.jpg" in page and "notulen.docx" in page and "dokumen Office" in page
    photo = _attachment_of(app, EvidenceActivity)
    downloaded = upg.get(f"/lampiran/{photo.id}").data
    assert downloaded.startswith(b"\xff\xd8") and b"Budi Santoso" not in downloaded  # EXIF artist gone


def test_worksheet_lists_the_file_name_not_the_file(app, world):
    upg = world["client"]("upg")
    assert _post(upg, "/integritas/bukti/dokumen", _document()).status_code == 302

    def evidence_sheet(client) -> str:
        response = client.get(f"/integritas/lke/{world['unit']}/2026/lembar-kerja.xlsx")
        assert response.status_code == 200
        book = zipfile.ZipFile(io.BytesIO(response.data))
        assert [n for n in book.namelist() if not n.endswith(".xml") and not n.endswith(".rels")] == []
        return book.read("xl/sharedStrings.xml").decode()

    strings = evidence_sheet(upg)
    assert re.search(rf"{re.escape(SK_NAME)} \(application/pdf, \d+ (B|KB)\)", strings)
    # A viewer without the key gets the row, not the name.
    sealed = evidence_sheet(world["client"]("pimpinan"))
    assert SK_NAME not in sealed and "berkas terlampir (nama tersegel) (application/pdf" in sealed


def test_without_a_key_ring_nothing_is_half_saved(app, officers, client_for, frozen_clock):
    """No `flask keys init` yet: the file cannot be sealed, so the record is not kept either."""
    upg = client_for("upg1")
    response = _post(upg, "/integritas/bukti/dokumen", _document())
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Berkas belum dapat disimpan karena kunci sistem belum disiapkan. Hubungi admin." in page
    assert f'value="{SK_NUMBER}"' in page
    assert "Belum ada dokumen." in page  # the rolled-back row is not listed
    assert _count(app, EvidenceDocument) == 0 and _count(app, Attachment) == 0
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(AttachmentChunk)).scalar_one() == 0


def test_english_refusal_message(app, world):
    upg = world["client"]("upg")
    upg.set_cookie("bahasa", "en")
    response = _post(upg, "/integritas/bukti/dokumen",
                     _document(**{"dok-berkas": (io.BytesIO(samples.PE), "SK-UPG.pdf")}))
    page = response.get_data(as_text=True)
    assert "File &#39;SK-UPG.pdf&#39; refused: programs and scripts are not accepted." in page
    assert ">Document file</label>" in page and "at most 20 MB" in page
    text_file = _post(upg, "/integritas/bukti/dokumen",
                      _document(**{"dok-berkas": (io.BytesIO(b"isi surat"), "SK.txt")}))
    assert ("File &#39;SK.txt&#39; refused: files of type text are not accepted here; accepted: PDF, "
            "Office document, image.") in text_file.get_data(as_text=True)


def test_sk_recorded_with_its_file_counts_for_the_lke(app, world):
    """The LKE proxies read the records, not their files: an SK entered with its file counts."""
    assert _post(world["client"]("upg"), "/integritas/bukti/dokumen", _document()).status_code == 302
    with app.app_context():
        assert document_on_file(DocumentKind.sk_upg, world["unit"], date(2026, 12, 31))


def test_worksheet_shows_labels_and_long_dates_not_keys(app, world):
    """The LKE worksheet's evidence sheet reads like the pages: the document kind's label and an
    Indonesian long date, never a raw key (sk_upg) or an ISO date."""
    upg = world["client"]("upg")
    assert _post(upg, "/integritas/bukti/dokumen", _document()).status_code == 302
    response = upg.get(f"/integritas/lke/{world['unit']}/2026/lembar-kerja.xlsx")
    strings = zipfile.ZipFile(io.BytesIO(response.data)).read("xl/sharedStrings.xml").decode()
    assert "SK pembentukan UPG" in strings and "<t>sk_upg</t>" not in strings
    assert not re.search(r"<t>\d{4}-\d{2}-\d{2}</t>", strings)
    assert re.search(r"<t>\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
                     r"November|Desember) \d{4}</t>", strings)
