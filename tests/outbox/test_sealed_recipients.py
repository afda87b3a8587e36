"""Reporters' addresses wait sealed to the outbox key and are dropped after the last attempt
(issue 17 item 3, threat T1)."""
from __future__ import annotations

import smtplib
from pathlib import Path

import pytest

from gratifikasi.extensions import db, mail
from gratifikasi.models import OutboxStatus
from gratifikasi.outbox import OutboxError, enqueue, requeue, run_once
from gratifikasi.outbox.recipients import OutboxKeyMissing
from tests.conftest import make_app
from tests.outbox.helpers import FlakySmtp, only_row, recipient_of
from tests.scan import database_hits

REPORTER = "penanda.pelapor@example.net"


def _queue_reporter_mail() -> None:
    enqueue(REPORTER, "Laporan GRT-2026-000001: diterima", "Ada pembaruan pada laporan GRT-2026-000001.",
            kind="report-status", sealed=True)
    db.session.commit()


def test_a_reporter_address_waits_sealed_then_is_dropped_once_delivered(app):
    with app.app_context():
        _queue_reporter_mail()
        row = only_row()
        assert row.to_address is None and row.sealed_recipient is not None
        assert database_hits([REPORTER, "penanda.pelapor"]) == []
        assert recipient_of(row) == REPORTER
        with mail.record_messages() as sent:
            assert run_once().sent == 1
        assert [m.recipients for m in sent] == [[REPORTER]]
        db.session.expire_all()
        row = only_row()
        assert row.status is OutboxStatus.sent
        assert row.to_address is None and row.sealed_recipient is None and row.body_text == ""
        assert database_hits(["GRT-2026-000001: diterima"]) != []  # the subject (number, status) stays
        assert database_hits(["Ada pembaruan"]) == []


def test_a_reporter_message_given_up_keeps_no_address_and_cannot_be_requeued(app, monkeypatch):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 1
    refused = smtplib.SMTPRecipientsRefused({REPORTER: (550, f"5.1.1 <{REPORTER}>: no such user".encode())})
    with app.app_context():
        _queue_reporter_mail()
        monkeypatch.setattr(mail, "send", FlakySmtp(mail.send, refused))
        assert run_once().failed == 1
        db.session.expire_all()
        row = only_row()
        assert row.status is OutboxStatus.failed and row.sealed_recipient is None and row.to_address is None
        assert "pe***@example.net" in row.last_error and REPORTER not in row.last_error
        assert database_hits([REPORTER, "penanda.pelapor"]) == []
        with pytest.raises(OutboxError):
            requeue(row.id)


def test_a_worker_without_the_outbox_key_sends_nothing_and_retries_later(app, tmp_path):
    with app.app_context():
        _queue_reporter_mail()
    # A worker whose OUTBOX_KEY_FILE names no key file (another host, a typo).
    app.config["OUTBOX_KEY_FILE"] = str(tmp_path / "elsewhere" / "missing.key")
    app.config["OUTBOX_PUBLIC_KEY_FILE"] = None
    with app.app_context(), mail.record_messages() as sent:
        assert run_once().retried == 1
        row = only_row()
        assert row.status is OutboxStatus.pending and row.sealed_recipient is not None
        assert "OutboxKeyMissing" in row.last_error
    assert sent == []


def test_without_an_outbox_key_reporter_mail_is_refused_not_stored_in_clear(tmp_path):
    app = make_app(tmp_path, OUTBOX_KEY_FILE=None)
    with app.app_context():
        with pytest.raises(OutboxKeyMissing):
            enqueue(REPORTER, "Subjek", "Isi", kind="report-status", sealed=True)
        db.session.rollback()
        assert database_hits([REPORTER]) == []
        # An officer's notice (address in clear in the officer table anyway) still queues.
        enqueue("petugas@example.go.id", "Subjek", "Isi", kind="case-reminder")
        db.session.commit()


def test_the_outbox_key_may_not_live_in_instance(tmp_path):
    app = make_app(tmp_path)
    app.config["OUTBOX_KEY_FILE"] = str(Path(app.instance_path) / "outbox.key")
    with app.app_context(), pytest.raises(OutboxKeyMissing):
        enqueue(REPORTER, "Subjek", "Isi", kind="report-status", sealed=True)
    assert not (Path(app.instance_path) / "outbox.key").exists()
