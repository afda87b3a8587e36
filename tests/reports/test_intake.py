"""Filing a report through the public form: validation, objects, sealing, numbering."""
from __future__ import annotations

import io

from sqlalchemy import func, select

from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry, OutboxMessage, Role
from gratifikasi.models.case import CaseFile
from gratifikasi.models.report import GiftObject, GratificationReport
from tests.helpers import first_code_on_locator
from tests.outbox.helpers import recipient_of
from tests.reports.conftest import MARKERS, open_form, receipt_of, report_data, submit
from tests.scan import database_hits
from tests.uploads.samples import jpeg_with_gps


def test_form_page_has_two_object_rows_and_no_inline_script(client, ready):
    html = client.get("/laporan-gratifikasi").get_data(as_text=True)
    assert 'name="objects-0-uraian"' in html and 'name="objects-1-uraian"' in html
    assert 'name="objects-2-uraian"' not in html
    assert "<script" not in html and "style=" not in html


def test_add_object_button_keeps_everything_typed(client, app, ready):
    data = report_data(app, kirim=None, tambah_objek="Tambah objek")
    data["nonce"] = open_form(client)
    response = client.post("/laporan-gratifikasi", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="objects-2-uraian"' in html  # one more row
    assert MARKERS["kronologi"] in html and MARKERS["uraian2"] in html and 'value="1.500.000"' in html
    assert 'class="error-message"' not in html  # adding a row does not validate
    with app.app_context():
        assert db.session.execute(select(GratificationReport)).first() is None


def test_failed_validation_shows_errors_beside_fields_and_keeps_input(client, app, ready):
    response = submit(client, app, nik="35750145", nip="198507152010013003",
                      **{"objects-1-nilai_taksiran": "1,5 juta"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="nik-error"' in html and "NIK harus terdiri dari 16 angka." in html
    assert 'aria-describedby="nik-hint nik-error"' in html
    assert "angka ke-15 harus 1 (laki-laki) atau 2 (perempuan)" in html
    assert 'id="objects-1-nilai_taksiran-error"' in html
    # Everything typed is still there.
    for key in ("nama", "alamat", "kronologi", "uraian1", "pemberi_alamat"):
        assert MARKERS[key] in html, key
    assert 'value="1,5 juta"' in html
    with app.app_context():
        assert db.session.execute(select(GratificationReport)).first() is None


def test_dates_in_the_future_and_empty_objects_are_refused(client, app, ready):
    empty_objects = {
        f"objects-{i}-{f}": "" for i in (0, 1) for f in ("jenis_objek", "uraian", "nilai_taksiran", "lokasi_objek")
    }
    response = submit(client, app, tanggal_penerimaan="2026-03-03", **empty_objects)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tanggal tidak boleh di masa depan." in html  # the clock says 2026-03-02 in Jakarta
    assert "Isi paling sedikit satu objek pemberian." in html


def test_a_half_filled_object_row_names_what_is_missing(client, app, ready):
    response = submit(client, app, **{"objects-1-uraian": "", "objects-1-lokasi_objek": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Uraikan objek yang diberikan." in html and "Pilih keberadaan objek saat ini." in html


def test_a_damaged_photo_is_refused_beside_the_field_not_with_a_server_error(client, app, ready):
    damaged = (io.BytesIO(jpeg_with_gps((400, 300))[:300]), "foto-rusak.jpg")
    response = submit(client, app, files=[damaged])
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "foto-rusak.jpg" in html and "gambar rusak" in html
    assert MARKERS["kronologi"] in html  # everything typed is kept
    with app.app_context():
        assert db.session.execute(select(GratificationReport)).first() is None


def test_valid_report_is_numbered_sealed_and_receipted(client, app, ready):
    photo = (io.BytesIO(jpeg_with_gps()), "foto-penandaberkas.jpg")
    response = submit(client, app, files=[photo])
    assert response.status_code == 200, [
        line for line in response.get_data(as_text=True).splitlines() if "error-message" in line
    ]
    number, code = receipt_of(response)
    assert number == "GRT-2026-000001"
    assert len(code.replace("-", "")) == 28
    html = response.get_data(as_text=True)
    assert "late-warning" not in html  # received 2026-02-20, reported 2026-03-02: 6 HK

    with app.app_context():
        report = db.session.execute(select(GratificationReport)).scalar_one()
        # Categories, OPD, dates and values stay queryable.
        assert report.jenis_laporan.value == "penerimaan" and report.status == "diterima_upg"
        assert str(report.tanggal_penerimaan) == "2026-02-20" and str(report.received_on) == "2026-03-02"
        assert [(o.jenis_objek.value, o.nilai_taksiran, o.lokasi_objek.value) for o in report.objects] == [
            ("makanan_hidangan", 750_000, "disalurkan_sosial"), ("voucher", 1_500_000, "dititipkan_upg"),
        ]
        assert report.total_value == 2_250_000 and report.minta_kompensasi and report.has_email
        assert report.late_working_days is None
        # A stolen copy of the database shows no identity, no free text, no code, no file name.
        needles = [v for k, v in MARKERS.items() if k != "email"]
        needles += [code, code.replace("-", ""), code.replace("-", "")[6:27], "penandaberkas"]
        assert database_hits(needles) == []
        # The receipt e-mail waits with its recipient sealed to the outbox key (issue 17 item 3).
        assert database_hits([MARKERS["email"]]) == []
        actions = [a for (a,) in db.session.execute(select(AuditEntry.action))]
        assert "report.submitted" in actions and "attachment.stored" in actions
        mail = db.session.execute(select(OutboxMessage)).scalar_one()
        assert mail.kind == "report-received" and mail.to_address is None
        assert recipient_of(mail) == MARKERS["email"]
        # Once delivered, nothing of the reporter's address remains, not even masked.
        from gratifikasi.outbox import run_once

        assert run_once().sent == 1
        db.session.expire_all()
        assert database_hits([MARKERS["email"]]) == []
        sent = db.session.execute(select(OutboxMessage)).scalar_one()
        assert sent.to_address is None and sent.sealed_recipient is None


def test_numbers_carry_the_year_and_the_report_id(client, app, ready):
    first = receipt_of(submit(client, app))[0]
    second = receipt_of(submit(app.test_client(), app, email=""))[0]
    assert (first, second) == ("GRT-2026-000001", "GRT-2026-000002")
    with app.app_context():
        assert db.session.execute(select(OutboxMessage)).scalars().all().__len__() == 1  # no e-mail, no mail


def test_a_code_whose_locator_is_taken_is_replaced_and_the_report_stored_once(client, app, ready, monkeypatch):
    """No read looks for a free locator first (issue 14): the unique index refuses a taken one,
    the whole submission rolls back and starts over with a new code."""
    first_number, first_code = receipt_of(submit(client, app))
    with app.app_context():
        taken = db.session.execute(select(GratificationReport.access_locator)).scalar_one()
    drawn = first_code_on_locator(monkeypatch, taken)
    number, code = receipt_of(submit(app.test_client(), app))
    assert len(drawn) == 2 and code != first_code and number != first_number
    with app.app_context():
        locators = db.session.execute(select(GratificationReport.access_locator)).scalars().all()
        assert len(locators) == len(set(locators)) == 2
        assert db.session.execute(select(func.count()).select_from(CaseFile)).scalar_one() == 2


def test_reloading_the_posted_form_does_not_file_twice_and_shows_the_same_receipt(client, app, ready):
    """Issue 18 item 4: the same form sent again is one report, and its browser sees the same
    receipt (number and code) instead of an invitation to file it again."""
    data = report_data(app)
    data["nonce"] = open_form(client)
    first = client.post("/laporan-gratifikasi", data=data, follow_redirects=True)
    assert first.status_code == 200
    again = client.post("/laporan-gratifikasi", data=data)
    assert again.status_code == 200 and receipt_of(again) == receipt_of(first)
    with app.app_context():
        assert len(db.session.execute(select(GiftObject)).scalars().all()) == 2


def test_late_report_warns_but_is_accepted(client, app, ready):
    # Received Monday 2026-01-05, reported Monday 2026-03-02. Working days after the 5th:
    # January 18 (Isra Mikraj 16 Jan off), February 18 (cuti bersama 16 Feb, Imlek 17 Feb off),
    # 2 March 1 -> 37 HK, beyond the 30 HK of Ps. 12C(2).
    response = submit(client, app, tanggal_penerimaan="2026-01-05")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-testid="late-warning"' in html
    assert "37 hari kerja setelah penerimaan (batas 30 hari kerja)" in html
    assert "Laporan Anda tetap diterima dan diproses." in html
    with app.app_context():
        assert db.session.execute(select(GratificationReport.late_working_days)).scalar_one() == 37


def test_refusal_report_needs_no_late_warning(client, app, ready):
    response = submit(client, app, jenis_laporan="penolakan", tanggal_penerimaan="2026-01-05")
    assert response.status_code == 200
    assert "late-warning" not in response.get_data(as_text=True)


def test_an_officer_named_as_reporter_or_giver_is_recused(client, app, ready):
    """A UPG officer who reports their own gift (matched by NIP) or who is the giver (by
    name) can neither list nor open the case; the other UPG officer handles it."""
    from gratifikasi.cases.queries import record_visible
    from gratifikasi.models.report import REPORT_RECORD_TYPE
    from tests.helpers import make_officer

    make_officer(app, "upg_pelapor", Role.upg)
    make_officer(app, "upg_pemberi", Role.upg)
    with app.app_context():
        from gratifikasi.auth.services import find_officer

        find_officer("upg_pelapor").nip = MARKERS["nip"]
        find_officer("upg_pemberi").full_name = "cv  penandapemberi"  # case and spacing differ
        db.session.commit()
    submit(client, app)
    with app.app_context():
        from gratifikasi.auth.services import find_officer

        report = db.session.execute(select(GratificationReport)).scalar_one()
        assert sorted(report.recused_officer_ids) == sorted(
            [find_officer("upg_pelapor").id, find_officer("upg_pemberi").id])
        assert not record_visible(find_officer("upg_pelapor"), REPORT_RECORD_TYPE, report.id)
        assert not record_visible(find_officer("upg_pemberi"), REPORT_RECORD_TYPE, report.id)
        assert record_visible(find_officer("upg"), REPORT_RECORD_TYPE, report.id)
