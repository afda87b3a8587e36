"""The public portal: cookie-free explanation, the 5W2H form, sealing, routing, recusal, receipt."""
from __future__ import annotations

import re

from sqlalchemy import select

from gratifikasi.crypto import receipt_codes, text_codes
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import vault
from gratifikasi.models import BrowserAccess, Complaint, RecordKey
from tests.complaints.conftest import form_data, latest_complaint, start, submit
from tests.conftest import make_app
from tests.helpers import first_code_on_locator
from tests.scan import database_hits


def _set_cookies(response) -> list[str]:
    return response.headers.getlist("Set-Cookie")


def test_explanation_page_and_unstarted_form_set_no_cookie(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/pengaduan/")
    assert page.status_code == 200
    assert _set_cookies(page) == []
    assert page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    for basis in ("08/M.PAN-RB/06/2012", "UU 31/2014 Pasal 10", "PP 43/2018"):
        assert basis in text
    assert "csrf_token" not in text
    # The form page before "Mulai": back to the explanation, still no cookie.
    early = client.get("/pengaduan/formulir")
    assert early.status_code == 302 and early.headers["Location"].endswith("/pengaduan/")
    assert _set_cookies(early) == []
    assert client.get_cookie("gratifikasi_sesi") is None


def test_mulai_sets_the_session_cookie_and_the_form_carries_a_csrf_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    started = client.post("/pengaduan/mulai")
    assert started.status_code == 302 and started.headers["Location"].endswith("/pengaduan/formulir")
    assert any(c.startswith("gratifikasi_sesi=") for c in _set_cookies(started))
    form = client.get("/pengaduan/formulir")
    assert form.status_code == 200 and form.headers["Cache-Control"] == "no-store"
    assert 'name="csrf_token"' in form.get_data(as_text=True)
    # Without the token the submission is refused.
    assert client.post("/pengaduan/formulir", data=form_data()).status_code == 400


def test_cookie_free_language_switch_sets_only_the_language(client):
    response = client.get("/pengaduan/bahasa?bahasa=en")
    assert response.status_code == 302 and response.headers["Location"].endswith("/pengaduan/")
    cookies = _set_cookies(response)
    assert len(cookies) == 1 and cookies[0].startswith("bahasa=en")
    english = client.get("/pengaduan/")
    assert "Whistleblowing" in english.get_data(as_text=True) or "whistleblowing" in english.get_data(as_text=True)
    assert _set_cookies(english) == []


def test_validation_error_keeps_everything_typed(app, client, crew):
    start(client)
    response = client.post(
        "/pengaduan/formulir",
        data=form_data(apa="terlalu pendek", berapa_nilai="seribu", identitas="beri", pelapor_nama="",
                       pelapor_kontak=""),
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "paling sedikit 30" in page
    assert "Tulis angka rupiah saja" in page
    assert "Tulis nama Anda" in page
    # Every typed value is still there.
    for value in ("terlalu pendek", "Budi Santoso", "Petugas loket perizinan", "Loket 3, Mal Pelayanan Publik",
                  "sekitar pukul 10 pagi", "Biaya izin seharusnya gratis menurut perda.", "seribu", "2026-02-10"):
        assert value in page
    assert 'value="suap_pemerasan" selected' in page or 'selected value="suap_pemerasan"' in page
    assert 'aria-describedby="apa-error' in page or 'aria-describedby="apa-hint apa-error"' in page
    with app.app_context():
        assert db.session.execute(select(Complaint)).first() is None


def test_submission_is_sealed_routed_and_recuses_the_named_officer(app, client, crew):
    from gratifikasi.models import Officer, Role
    from tests.helpers import make_officer

    make_officer(app, "budi", Role.inspektorat)
    with app.app_context():
        budi = db.session.execute(select(Officer).where(Officer.username == "budi")).scalar_one()
        budi.full_name = "Drs. BUDI Santoso, M.Si."
        db.session.commit()
        budi_id = budi.id

    markers = {
        "apa": "MARKER-APA Petugas loket meminta uang pelicin setiap kali.",
        "terlapor_nama": "Budi Santoso, S.H.",
        "terlapor_jabatan": "MARKER-JABATAN",
        "di_mana": "MARKER-DIMANA",
        "kapan": "MARKER-KAPAN",
        "mengapa": "MARKER-MENGAPA",
        "bagaimana": "MARKER-BAGAIMANA",
        "berapa": "MARKER-BERAPA",
    }
    code = submit(client, berapa_nilai="Rp 1.000.000.000", **markers)
    complaint = latest_complaint(app)
    assert complaint.status == "baru"
    assert complaint.category.value == "suap_pemerasan"
    assert complaint.estimated_loss == 1_000_000_000
    assert complaint.flag_kpk_aph is True  # the threshold itself counts (UU 19/2019)
    assert complaint.route_reasons == ["pengaduan_inspektorat", "kerugian_negara"]
    assert complaint.recused_officer_ids == [budi_id]
    assert complaint.identity_given is False and complaint.pelapor_nama is None
    assert re.fullmatch(r"ADU-2026-\d{6}|ADU-\d{4}-\d{6}", complaint.number)
    with app.app_context():
        assert database_hits(["MARKER", "Budi Santoso", "pelicin", code, code.replace("-", "")]) == []
        # The content opens with the case ring; the stored DEK is sealed to it only.
        purposes = db.session.execute(
            select(RecordKey.purpose).where(RecordKey.record_type == "complaint", RecordKey.record_id == complaint.id)
        ).scalars().all()
        assert purposes == [RingPurpose.CASE.value]
        row = db.session.get(Complaint, complaint.id)
        opened = vault.open_record(crew.officer("admin"), crew.key("admin"), "complaint", row.id, row.content_blobs())
        assert opened["terlapor_nama"] == "Budi Santoso, S.H."
        assert opened["apa"] == markers["apa"]


def test_identity_is_sealed_to_the_whistleblower_ring(app, client, crew):
    submit(client, identitas="beri", pelapor_nama="MARKER-NAMA Siti", pelapor_nik="3575012345678901",
           pelapor_kontak="0812-MARKER")
    complaint = latest_complaint(app)
    assert complaint.identity_given is True
    with app.app_context():
        assert database_hits(["MARKER", "3575012345678901"]) == []
        purposes = sorted(db.session.execute(
            select(RecordKey.purpose).where(RecordKey.record_type == "complaint", RecordKey.record_id == complaint.id)
        ).scalars())
        assert purposes == [RingPurpose.CASE.value, RingPurpose.WHISTLEBLOWER_IDENTITY.value]
        row = db.session.get(Complaint, complaint.id)
        identity = vault.open_record(crew.officer("admin"), crew.key("admin"), "complaint", row.id,
                                     row.identity_blobs(), purpose=RingPurpose.WHISTLEBLOWER_IDENTITY)
        assert identity == {"pelapor_nama": "MARKER-NAMA Siti", "pelapor_nik": "3575012345678901",
                            "pelapor_kontak": "0812-MARKER"}


def test_identity_typed_then_anonymous_is_not_stored(app, client, crew):
    submit(client, identitas="anonim", pelapor_nama="MARKER-LUPA", pelapor_kontak="MARKER-KONTAK")
    complaint = latest_complaint(app)
    assert complaint.identity_given is False
    with app.app_context():
        assert database_hits(["MARKER"]) == []
        assert db.session.execute(
            select(RecordKey).where(RecordKey.purpose == RingPurpose.WHISTLEBLOWER_IDENTITY.value)
        ).first() is None


def test_receipt_code_format_entropy_and_shown_once(app, client, crew):
    code = submit(client)
    groups = code.split("-")
    assert [len(g) for g in groups] == [4] * 7  # 28 symbols in groups of four
    compact = code.replace("-", "")
    assert text_codes.is_valid(compact)
    assert not set(compact) & set("01ILO")  # no ambiguous characters
    assert receipt_codes.SECRET_BITS >= 80
    # After "Saya sudah menyimpannya" the code is gone from the server.
    again = client.get("/pengaduan/tanda-terima")
    assert again.status_code == 302
    assert code not in client.get("/pengaduan/terkirim").get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(BrowserAccess)).first() is None
        assert database_hits([compact, compact[6:27]]) == []
        row = db.session.execute(select(Complaint)).scalar_one()
        assert row.access_locator == compact[:6]  # only the locator is stored in clear


def test_receipt_requires_the_confirmation_and_has_a_print_page(app, client, crew):
    start(client)
    client.post("/pengaduan/formulir", data=form_data())
    page = client.get("/pengaduan/tanda-terima").get_data(as_text=True)
    code = re.search(r'id="kode-rahasia">([A-Z0-9-]+)<', page).group(1)
    printable = client.get("/pengaduan/tanda-terima/cetak")
    assert printable.status_code == 200 and code in printable.get_data(as_text=True)
    assert "<script>" not in printable.get_data(as_text=True)  # strict CSP: external file only
    refused = client.post("/pengaduan/tanda-terima", data={})
    assert refused.status_code == 200 and "Centang kotak ini" in refused.get_data(as_text=True)
    assert code in refused.get_data(as_text=True)  # still shown until confirmed


def test_no_identifying_data_in_urls(app, client, crew):
    start(client)
    response = client.post("/pengaduan/formulir", data=form_data())
    assert response.headers["Location"].endswith("/pengaduan/tanda-terima")
    code = re.search(r'id="kode-rahasia">([A-Z0-9-]+)<',
                     client.get("/pengaduan/tanda-terima").get_data(as_text=True)).group(1)
    page = client.get("/pengaduan/tanda-terima").get_data(as_text=True)
    for href in re.findall(r'(?:href|action)="([^"]+)"', page):
        assert code not in href and code.replace("-", "") not in href


def test_minimal_complaint_and_indonesian_choice_errors(app, client, crew):
    """Only the kind and the description are required; unknown choices get Indonesian messages."""
    start(client)
    minimal = {"kategori": "lainnya", "apa": "Uraian kejadian yang cukup panjang untuk diproses.",
               "identitas": "anonim", "itikad_baik": "y"}
    assert client.post("/pengaduan/formulir", data=minimal).status_code == 302
    bad = client.post("/pengaduan/formulir", data={**minimal, "kategori": "bukan", "terlapor_opd": "999",
                                                   "identitas": "x", "tanggal_kejadian": "10/02/2026"})
    page = bad.get_data(as_text=True)
    assert "Pilih jenis pelanggaran dari daftar." in page
    assert "Pilih unit kerja dari daftar." in page
    assert "Tulis tanggal yang benar" in page
    assert "Not a valid" not in page


def test_a_code_whose_locator_is_taken_is_replaced_and_the_complaint_stored_once(app, client, crew, monkeypatch):
    """No read looks for a free locator first (issue 14): the unique index refuses a taken one,
    the whole submission rolls back and starts over with a new code."""
    first_code = submit(client)
    drawn = first_code_on_locator(monkeypatch, latest_complaint(app).access_locator)
    code = submit(app.test_client())
    assert len(drawn) == 2 and code != first_code
    with app.app_context():
        locators = db.session.execute(select(Complaint.access_locator)).scalars().all()
        assert len(locators) == len(set(locators)) == 2
