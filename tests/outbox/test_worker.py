"""Queueing, sending, back-off, giving up, and a worker killed mid-send."""
from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest

from gratifikasi.extensions import db, mail
from gratifikasi.models import OutboxStatus
from gratifikasi.outbox import OutboxError, RunResult, enqueue, requeue, run_once, status_counts
from gratifikasi.outbox.worker import DUPLICATE_HEADER, claim_due, deliver, describe_error, retry_delay
from tests.outbox.helpers import ADDRESS, FlakySmtp, only_row, temporary_failure


def test_enqueue_then_run_sends_through_flask_mail(app, frozen_clock):
    with app.app_context():
        queued = enqueue(ADDRESS, "Laporan diterima", "Isi teks", kind="receipt", body_html="<p>Isi</p>")
        db.session.commit()
        assert queued.status is OutboxStatus.pending and queued.attempts == 0
        with mail.record_messages() as sent:
            result = run_once(worker_id="w1")
        assert result == RunResult(claimed=1, sent=1)
        assert [m.recipients for m in sent] == [[ADDRESS]]
        assert sent[0].subject == "Laporan diterima"
        assert sent[0].body == "Isi teks" and sent[0].html == "<p>Isi</p>"
        assert DUPLICATE_HEADER not in sent[0].as_string()
        assert f"<outbox-{queued.id}." in sent[0].msgId
        row = only_row()
        assert row.status is OutboxStatus.sent and row.attempts == 1
        assert row.sent_at == frozen_clock.now and row.locked_by is None
        with mail.record_messages() as again:
            assert run_once().claimed == 0
        assert again == []


def test_enqueue_belongs_to_the_callers_transaction(app):
    with app.app_context():
        enqueue(ADDRESS, "Subjek", "Isi", kind="test")
        db.session.rollback()
        with mail.record_messages() as sent:
            assert run_once().claimed == 0
        assert sent == []
        assert status_counts()[OutboxStatus.pending] == 0


@pytest.mark.parametrize(
    "to, subject",
    [("bukan-alamat", "Subjek"), ("a@b.go.id, c@d.go.id", "Subjek"), ("Ani <a@b.go.id>", "Subjek"),
     (ADDRESS, "Baris satu\nBcc: x@evil.example")],
)
def test_enqueue_refuses_bad_addresses_and_header_injection(app, to, subject):
    with app.app_context(), pytest.raises(OutboxError):
        enqueue(to, subject, "Isi", kind="test")


def test_retry_delay_doubles_from_one_minute_and_is_capped_at_six_hours(app):
    with app.app_context():
        assert [retry_delay(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
        assert retry_delay(9) == timedelta(minutes=256)
        assert retry_delay(10) == retry_delay(50) == timedelta(hours=6)


def test_smtp_failures_back_off_then_give_up_as_failed(app, frozen_clock, monkeypatch):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 4
    smtp = FlakySmtp(mail.send, temporary_failure())
    monkeypatch.setattr(mail, "send", smtp)
    with app.app_context():
        enqueue(ADDRESS, "Subjek", "Isi", kind="test")
        db.session.commit()
        start = frozen_clock.now
        waited = timedelta()
        for attempt, wait_minutes in [(1, 1), (2, 2), (3, 4)]:
            assert run_once() == RunResult(claimed=1, retried=1)
            row = only_row()
            assert row.status is OutboxStatus.pending and row.attempts == attempt
            assert row.next_attempt_at == start + waited + timedelta(minutes=wait_minutes)
            assert row.last_error == "SMTPDataError: 451 4.3.0 Mail server temporarily rejected message"
            frozen_clock.advance(minutes=wait_minutes, seconds=-1)
            assert run_once().claimed == 0, "not due before its back-off has passed"
            frozen_clock.advance(seconds=1)
            waited += timedelta(minutes=wait_minutes)
        assert run_once() == RunResult(claimed=1, failed=1)
        row = only_row()
        assert row.status is OutboxStatus.failed and row.attempts == 4 and row.locked_by is None
        frozen_clock.advance(days=1)
        assert run_once().claimed == 0 and smtp.calls == 4

        smtp.error = None
        requeue(row.id)
        assert only_row().attempts == 0
        with mail.record_messages() as sent:
            assert run_once() == RunResult(claimed=1, sent=1)
        assert len(sent) == 1


def test_connection_errors_are_retried_too(app, frozen_clock, monkeypatch):
    monkeypatch.setattr(mail, "send", FlakySmtp(mail.send, ConnectionRefusedError(111, "Connection refused")))
    with app.app_context():
        enqueue(ADDRESS, "Subjek", "Isi", kind="test")
        db.session.commit()
        assert run_once() == RunResult(claimed=1, retried=1)
        assert only_row().last_error.startswith("ConnectionRefusedError")


def test_error_text_masks_the_recipient(app):
    refused = smtplib.SMTPRecipientsRefused({ADDRESS: (550, f"5.1.1 <{ADDRESS}>: user unknown".encode())})
    with app.app_context():
        text = describe_error(refused, ADDRESS)
    assert text == "recipient refused: 550 5.1.1 <an***@example.go.id>: user unknown"
    assert len(describe_error(RuntimeError("x" * 5000), ADDRESS)) == 1000


def test_requeue_refuses_messages_that_have_not_failed(app):
    with app.app_context():
        message = enqueue(ADDRESS, "Subjek", "Isi", kind="test")
        db.session.commit()
        with pytest.raises(OutboxError, match="tidak berstatus gagal"):
            requeue(message.id)
        with pytest.raises(OutboxError, match="tidak ditemukan"):
            requeue(9999)


def test_worker_killed_mid_send_loses_nothing_and_flags_the_resend(app, frozen_clock):
    with app.app_context():
        enqueue(ADDRESS, "Subjek", "Isi asli", kind="test", body_html="<p>Isi asli</p>")
        db.session.commit()
        # The first worker claims the row and then dies: no outcome is ever recorded.
        (abandoned,) = claim_due("dead-worker")
        assert only_row().status is OutboxStatus.sending

        frozen_clock.advance(seconds=599)
        assert run_once(worker_id="w2").claimed == 0, "the lease still holds"
        frozen_clock.advance(seconds=1)
        with mail.record_messages() as sent:
            assert run_once(worker_id="w2") == RunResult(claimed=1, sent=1)
        (resent,) = sent
        assert f"{DUPLICATE_HEADER}: yes" in resent.as_string()
        assert resent.body.startswith("Catatan: pesan ini mungkin sudah pernah terkirim")
        assert resent.body.endswith("Isi asli") and resent.html.endswith("<p>Isi asli</p>")
        row = only_row()
        assert row.status is OutboxStatus.sent and row.possible_duplicate and row.attempts == 2

        # If the first worker was only stalled, it can no longer send or overwrite the row.
        with mail.record_messages() as late:
            assert deliver(abandoned, "dead-worker") is None
        assert late == [] and only_row().status is OutboxStatus.sent


def test_worker_dying_on_the_last_attempt_ends_as_failed_not_in_a_loop(app, frozen_clock):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 1
    with app.app_context():
        enqueue(ADDRESS, "Subjek", "Isi", kind="test")
        db.session.commit()
        claim_due("dead-worker")
        frozen_clock.advance(minutes=10)
        with mail.record_messages() as sent:
            assert run_once() == RunResult(claimed=1, failed=1)
        assert sent == []
        row = only_row()
        assert row.status is OutboxStatus.failed and "worker stopped" in row.last_error


def test_info_logs_carry_ids_never_recipients_or_bodies(app, frozen_clock, monkeypatch, caplog):
    caplog.set_level("DEBUG", logger="gratifikasi.outbox")
    with app.app_context():
        enqueue(ADDRESS, "Subjek rahasia", "Isi rahasia", kind="test")
        db.session.commit()
        run_once()
        monkeypatch.setattr(mail, "send", FlakySmtp(mail.send, temporary_failure()))
        enqueue(ADDRESS, "Subjek rahasia", "Isi rahasia", kind="test")
        db.session.commit()
        run_once()
    assert caplog.records
    for record in caplog.records:
        text = record.getMessage()
        assert "anita" not in text and "rahasia" not in text and "451" not in text
