"""Outages tell the truth (issue 18 item 4): a form sent again after a failure is stored once
and shows its receipt; a database outage answers 503 with that advice, never "not sent"."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from gratifikasi import create_app
from gratifikasi.complaints.views import SESSION_NONCE
from gratifikasi.extensions import db
from gratifikasi.intake import idempotency
from gratifikasi.models import Complaint, GratificationReport, IntakeNonce
from gratifikasi.reports.views import NONCE_KEY
from tests.complaints.conftest import form_data, start
from tests.conftest import _created_apps
from tests.keyring.conftest import crew  # noqa: F401  (a fixture)
from tests.reports.conftest import open_form, receipt_of, report_data
from tests.reports.conftest import ready as report_ready  # noqa: F401

ADVICE = "Kiriman yang sama tidak dicatat dua kali"
CODE_RE = re.compile(r'id="kode-rahasia">([A-Z0-9-]+)</p>')


def _lost_answer(monkeypatch):
    """The commit reaches the database, then the connection drops before the answer."""
    real = idempotency.commit

    def commit_then_drop(nonce, record_type):
        real(nonce, record_type)
        raise OperationalError("COMMIT", {}, ConnectionError("server closed the connection unexpectedly"))

    monkeypatch.setattr(idempotency, "commit", commit_then_drop)
    return lambda: monkeypatch.setattr(idempotency, "commit", real)


def _count(app, model) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def _complaint_form(client) -> dict:
    start(client)
    assert client.get("/pengaduan/formulir").status_code == 200
    with client.session_transaction() as sess:
        return form_data(nonce=sess[SESSION_NONCE])


def test_a_dead_database_answers_503_with_the_receipt_advice_not_500(tmp_path, monkeypatch):
    monkeypatch.setenv("GRATIFIKASI_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
                      "SECRET_KEY_CHECK": False, "RATELIMIT_ENABLED": False})
    _created_apps.append(app)
    response = app.test_client().get("/laporan-gratifikasi")  # reads the units: needs the database
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert ADVICE in page and "/laporan-gratifikasi/status" in page and "/pengaduan/kotak" in page
    assert "tidak dikirim" not in page


def test_an_outage_while_an_officer_is_logged_in_is_a_503_page_too(app, client, crew, monkeypatch):  # noqa: F811
    from tests.helpers import login

    login(client, "irban")
    assert client.get("/perkara/").status_code == 200

    def unreachable(_token):
        raise OperationalError("SELECT", {}, ConnectionError("connection refused"))

    monkeypatch.setattr(app.login_manager, "_user_callback", unreachable)  # auth.sessions.load_session
    response = client.get("/perkara/")
    assert response.status_code == 503 and ADVICE in response.get_data(as_text=True)


def test_a_complaint_whose_answer_was_lost_is_stored_once_and_sent_again_shows_its_receipt(
        app, client, crew, monkeypatch):  # noqa: F811
    data = _complaint_form(client)
    restore = _lost_answer(monkeypatch)
    failed = client.post("/pengaduan/formulir", data=data, content_type="multipart/form-data")
    assert failed.status_code == 503 and ADVICE in failed.get_data(as_text=True)
    assert _count(app, Complaint) == 1  # it was stored, whatever the page could say
    restore()
    again = client.post("/pengaduan/formulir", data=data, content_type="multipart/form-data")
    assert again.status_code == 302 and again.headers["Location"].endswith("/pengaduan/tanda-terima")
    receipt = client.get("/pengaduan/tanda-terima").get_data(as_text=True)
    assert CODE_RE.search(receipt)
    assert _count(app, Complaint) == 1 and _count(app, IntakeNonce) == 1


def test_the_same_complaint_form_after_the_code_was_saved_says_it_was_received(app, client, crew):  # noqa: F811
    data = _complaint_form(client)
    assert client.post("/pengaduan/formulir", data=data, content_type="multipart/form-data").status_code == 302
    code = CODE_RE.search(client.get("/pengaduan/tanda-terima").get_data(as_text=True)).group(1)
    assert client.post("/pengaduan/tanda-terima", data={"disimpan": "y"}).status_code == 302
    again = client.post("/pengaduan/formulir", data=data, content_type="multipart/form-data")
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and "Formulir ini sudah kami terima" in page
    assert code not in page and "/pengaduan/kotak" in page
    assert _count(app, Complaint) == 1


def test_another_browser_with_the_same_form_fields_gets_no_receipt(app, client, crew):  # noqa: F811
    """The nonce opens the receipt only together with the session that was shown the form."""
    data = _complaint_form(client)
    assert client.post("/pengaduan/formulir", data=data, content_type="multipart/form-data").status_code == 302
    other = app.test_client()
    _complaint_form(other)  # its own session and nonce
    stranger = other.post("/pengaduan/formulir", data=data, content_type="multipart/form-data")
    assert stranger.status_code == 302  # a new complaint of its own (its session's nonce differs)
    with other.session_transaction() as sess:
        mine = sess.get("wbs_tanda_terima")
    with client.session_transaction() as sess:
        assert sess.get("wbs_tanda_terima") != mine
    assert _count(app, Complaint) == 2


@pytest.mark.usefixtures("report_ready")
def test_a_report_whose_answer_was_lost_is_stored_once_and_sent_again_shows_the_same_code(app, client,
                                                                                          monkeypatch, frozen_clock):
    data = report_data(app)
    data["nonce"] = open_form(client)
    restore = _lost_answer(monkeypatch)
    failed = client.post("/laporan-gratifikasi", data=data)
    assert failed.status_code == 503 and ADVICE in failed.get_data(as_text=True)
    restore()
    again = client.post("/laporan-gratifikasi", data=data, follow_redirects=True)
    assert again.status_code == 200
    number, code = receipt_of(again)
    assert _count(app, GratificationReport) == 1
    assert client.post("/laporan-gratifikasi", data=data).get_data(as_text=True).count(code) >= 1
    # Once the hold lapses, the same form is still one report and the page says where to look.
    frozen_clock.advance(minutes=31)
    later = client.post("/laporan-gratifikasi", data=data)
    page = later.get_data(as_text=True)
    assert later.status_code == 200 and "Formulir ini sudah kami terima" in page and code not in page
    assert _count(app, GratificationReport) == 1
    with client.session_transaction() as sess:
        assert sess[NONCE_KEY] == data["nonce"]


def test_a_commit_that_failed_stores_the_complaint_when_the_form_is_sent_again(
        app, client, crew, monkeypatch):  # noqa: F811
    data = _complaint_form(client)

    def refused(nonce, record_type):
        db.session.rollback()
        raise OperationalError("COMMIT", {}, ConnectionError("connection refused"))

    real = idempotency.commit
    monkeypatch.setattr(idempotency, "commit", refused)
    failed = client.post("/pengaduan/formulir", data=data, content_type="multipart/form-data")
    assert failed.status_code == 503 and ADVICE in failed.get_data(as_text=True)
    assert _count(app, Complaint) == 0
    monkeypatch.setattr(idempotency, "commit", real)
    stored = client.post("/pengaduan/formulir", data=data, content_type="multipart/form-data")
    assert stored.status_code == 302 and stored.headers["Location"].endswith("/pengaduan/tanda-terima")
    assert _count(app, Complaint) == 1


def test_a_second_send_racing_the_first_stores_nothing_and_shows_the_first_receipt(
        app, client, crew, monkeypatch):  # noqa: F811
    """No send looks for its nonce before writing (issue 14: no read on the hot path), so a
    second send racing the first gets as far as the INSERT of its rows: it waits on the nonce's
    key, then rolls back its own complaint, looks once, and answers like a repeat."""
    data = _complaint_form(client)
    assert client.post("/pengaduan/formulir", data=data, content_type="multipart/form-data").status_code == 302
    real = idempotency.stored_record
    looks = []

    def counted(nonce, record_type):
        looks.append(record_type)
        return real(nonce, record_type)

    monkeypatch.setattr(idempotency, "stored_record", counted)
    again = client.post("/pengaduan/formulir", data=data, content_type="multipart/form-data")
    assert again.status_code == 302 and again.headers["Location"].endswith("/pengaduan/tanda-terima")
    assert len(looks) == 1 and _count(app, Complaint) == 1
