"""Notifications leave through the outbox to a real SMTP socket and carry no case content."""
from __future__ import annotations

import email
from email import policy

import pytest

from gratifikasi.outbox import run_once
from tests.conftest import make_app
from tests.reports.conftest import MARKERS, receipt_of, submit
from tests.reports.smtp_server import SmtpSink


@pytest.fixture
def smtp():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def app(tmp_path, smtp):
    return make_app(tmp_path, MAIL_SERVER=smtp.host, MAIL_PORT=smtp.port, MAIL_SUPPRESS_SEND=False,
                    MAIL_DEFAULT_SENDER="upg@pasuruankota.go.id")


def test_receipt_mail_is_delivered_without_identity_or_code(client, app, ready, smtp):
    number, code = receipt_of(submit(client, app))
    with app.app_context():
        result = run_once()
    assert result.sent == 1
    (received,) = smtp.messages
    assert received.recipients == [MARKERS["email"]]
    message = email.message_from_bytes(received.data, policy=policy.default)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert number in message["Subject"] and number in body
    assert "/laporan-gratifikasi/status" in body
    wire = received.data.decode("utf-8", "replace") + body
    for key, value in MARKERS.items():
        if key != "email":  # the address is the envelope and the To header, by necessity
            assert value not in wire, key
    for form in (code, code.replace("-", ""), code.replace("-", "")[6:27]):
        assert form not in wire
