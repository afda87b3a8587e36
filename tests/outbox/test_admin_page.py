"""/admin/email: failed and waiting messages for admins only, retry button behind CSRF."""
from __future__ import annotations

import re

from gratifikasi.extensions import db, mail
from gratifikasi.models import OutboxStatus, Role
from gratifikasi.outbox import enqueue, run_once
from tests.helpers import login, make_officer
from tests.outbox.helpers import ADDRESS, FlakySmtp, only_row, temporary_failure


def _one_failed_message(app, monkeypatch) -> int:
    app.config["OUTBOX_MAX_ATTEMPTS"] = 1
    smtp = FlakySmtp(mail.send, temporary_failure())
    monkeypatch.setattr(mail, "send", smtp)
    with app.app_context():
        message_id = enqueue(ADDRESS, "Subjek rahasia", "Isi rahasia", kind="receipt").id
        db.session.commit()
        run_once()
        assert only_row().status is OutboxStatus.failed
    smtp.error = None
    return message_id


def test_admin_sees_failed_message_with_smtp_error_and_retries_it(app, frozen_clock, monkeypatch):
    message_id = _one_failed_message(app, monkeypatch)
    make_officer(app, "admin1", Role.admin)
    client = app.test_client()
    login(client, "admin1")
    page = client.get("/admin/email").get_data(as_text=True)
    assert "451 4.3.0 Mail server temporarily rejected message" in page
    assert "an***@example.go.id" in page and ADDRESS not in page
    # (The site's meta description says "rahasia" too: look for the message's own words.)
    assert "Subjek rahasia" not in page and "Isi rahasia" not in page, "never the subject or body"
    assert re.search(rf'action="/admin/email/{message_id}/kirim-ulang"', page)
    assert 'name="csrf_token"' in page and "<script" not in page and "style=" not in page
    assert 'scope="col"' in page and "<caption>" in page

    response = client.post(f"/admin/email/{message_id}/kirim-ulang")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/email")
    page = client.get("/admin/email").get_data(as_text=True)
    assert "diantrekan ulang" in page and "menunggu" in page
    with app.app_context():
        assert only_row().status is OutboxStatus.pending
        with mail.record_messages() as sent:
            run_once()
        assert len(sent) == 1 and only_row().status is OutboxStatus.sent
    # Retrying a message that has not failed changes nothing.
    client.post(f"/admin/email/{message_id}/kirim-ulang")
    assert "tidak berstatus gagal" in client.get("/admin/email").get_data(as_text=True)
    assert client.post("/admin/email/9999/kirim-ulang").status_code == 404


def test_retry_post_without_csrf_token_is_refused(app, frozen_clock, monkeypatch):
    message_id = _one_failed_message(app, monkeypatch)
    make_officer(app, "admin1", Role.admin)
    client = app.test_client()
    login(client, "admin1")
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/admin/email/{message_id}/kirim-ulang").status_code == 400
    with app.app_context():
        assert only_row().status is OutboxStatus.failed


def test_outbox_page_is_for_admins_only(app, frozen_clock, monkeypatch):
    message_id = _one_failed_message(app, monkeypatch)
    make_officer(app, "upg1", Role.upg)
    anonymous = app.test_client()
    assert anonymous.get("/admin/email").status_code == 302
    client = app.test_client()
    login(client, "upg1")
    assert client.get("/admin/email").status_code == 403
    assert client.post(f"/admin/email/{message_id}/kirim-ulang").status_code == 403
    with app.app_context():
        assert only_row().status is OutboxStatus.failed


def test_admin_page_in_english(app, frozen_clock):
    make_officer(app, "admin1", Role.admin)
    client = app.test_client()
    login(client, "admin1")
    client.set_cookie("bahasa", "en")
    page = client.get("/admin/email").get_data(as_text=True)
    assert "Outgoing e-mail" in page
