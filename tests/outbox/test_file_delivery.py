"""File delivery for demos (MAIL_FILE_DIR): the outbox worker's normal path ends in a file,
and /admin/email lists the delivered messages for admins, recipients masked, codes hidden."""
from __future__ import annotations

from gratifikasi.extensions import db, mail
from gratifikasi.models import OutboxStatus, Role
from gratifikasi.outbox import delivery, enqueue, run_once
from tests.conftest import make_app
from tests.helpers import login, make_officer
from tests.outbox.helpers import ADDRESS, only_row

CODE = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345"


def _file_app(tmp_path):
    return make_app(tmp_path, MAIL_FILE_DIR=str(tmp_path / "mail"))


def test_worker_delivers_to_a_file_through_its_normal_path(tmp_path, frozen_clock, monkeypatch):
    app = _file_app(tmp_path)
    monkeypatch.setattr(mail, "send", lambda message: (_ for _ in ()).throw(AssertionError("no SMTP in file mode")))
    with app.app_context():
        enqueue(ADDRESS, "Laporan GRT-2026-000001: Laporan diterima", "Ada pembaruan.", kind="report-status")
        db.session.commit()
        result = run_once()
        assert result.sent == 1
        row = only_row()
        assert row.status is OutboxStatus.sent and row.to_address == "an***@example.go.id"
    files = list((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 1 and b"Ada pembaruan." in files[0].read_bytes()


def test_admin_reads_delivered_mail_masked_and_without_codes(tmp_path, frozen_clock):
    app = _file_app(tmp_path)
    with app.app_context():
        enqueue(ADDRESS, "Pengaduan baru masuk", f"Nomor ADU-2026-000001. Kode {CODE} tidak pernah di sini.",
                kind="complaint.new")
        db.session.commit()
        run_once()
    make_officer(app, "admin1", Role.admin)
    make_officer(app, "upg1", Role.upg)
    admin = app.test_client()
    login(admin, "admin1")
    page = admin.get("/admin/email").get_data(as_text=True)
    assert 'data-testid="delivered-mail"' in page and "Pengaduan baru masuk" in page
    assert "ADU-2026-000001" in page and delivery.HIDDEN_CODE in page
    assert CODE not in page and CODE.replace("-", "") not in page
    assert "an***@example.go.id" in page and ADDRESS not in page
    other = app.test_client()
    login(other, "upg1")
    assert other.get("/admin/email").status_code == 403


def test_without_file_delivery_the_page_shows_no_bodies(app, frozen_clock, monkeypatch):
    monkeypatch.setattr(mail, "send", lambda message: None)
    with app.app_context():
        enqueue(ADDRESS, "Subjek penanda-7Q2", "Isi penanda-9X4", kind="receipt")
        db.session.commit()
        run_once()
    make_officer(app, "admin1", Role.admin)
    client = app.test_client()
    login(client, "admin1")
    page = client.get("/admin/email").get_data(as_text=True)
    assert "penanda-9X4" not in page and 'data-testid="delivered-mail"' not in page


def test_code_shapes_are_hidden():
    assert delivery.hide_codes(f"a {CODE} b") == f"a {delivery.HIDDEN_CODE} b"
    assert delivery.hide_codes("GRT-2026-000001 ADU-2026-000001") == "GRT-2026-000001 ADU-2026-000001"
