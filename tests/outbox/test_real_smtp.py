"""The outbox against a real SMTP server (aiosmtpd on 127.0.0.1): delivery, a worker
killed with SIGKILL in the middle of a send, and 5xx errors shown to the admin."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from gratifikasi.extensions import db
from gratifikasi.models import OutboxStatus, Role
from gratifikasi.outbox import enqueue, run_once
from gratifikasi.outbox.worker import DUPLICATE_HEADER, DUPLICATE_NOTE
from tests.conftest import make_app
from tests.helpers import login, make_officer
from tests.keyring.conftest import crew  # noqa: F401
from tests.outbox.helpers import ADDRESS, only_row
from tests.outbox.smtp_server import smtp_server
from tests.reports.conftest import MARKERS, ready, receipt_of, submit  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
NOTICE = "Ada pembaruan pada laporan gratifikasi nomor GRT-2026-000042. Buka halaman status dengan nomor dan kode Anda."


@pytest.fixture
def smtp():
    with smtp_server() as server:
        yield server


@pytest.fixture
def app(tmp_path, smtp):
    """The app with Flask-Mail pointed at the SMTP server (used by `ready` too)."""
    return make_app(tmp_path, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp[1], MAIL_USE_TLS=False, MAIL_USE_SSL=False,
                    MAIL_SUPPRESS_SEND=False, MAIL_DEFAULT_SENDER="upg@pasuruankota.go.id")


def test_worker_delivers_through_smtp(app, smtp):
    handler, port = smtp
    with app.app_context():
        message_id = enqueue(ADDRESS, "Laporan gratifikasi GRT-2026-000042: pembaruan", NOTICE, kind="report-update").id
        db.session.commit()
        assert run_once(worker_id="w1").sent == 1
        row = only_row()
        assert row.status is OutboxStatus.sent and row.attempts == 1 and not row.possible_duplicate
    (received,) = handler.messages
    assert received["To"] == ADDRESS and received["From"] == "upg@pasuruankota.go.id"
    assert received["Subject"] == "Laporan gratifikasi GRT-2026-000042: pembaruan"
    assert received["Message-ID"].startswith(f"<outbox-{message_id}.")
    assert received.get_content().strip() == NOTICE
    assert DUPLICATE_HEADER not in received


def _worker_process(app, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "GRATIFIKASI_INSTANCE_PATH": app.instance_path,
        "GRATIFIKASI_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "GRATIFIKASI_MAIL_SERVER": "127.0.0.1",
        "GRATIFIKASI_MAIL_PORT": str(port),
        "GRATIFIKASI_MAIL_SUPPRESS_SEND": "false",
        "GRATIFIKASI_MAIL_DEFAULT_SENDER": "upg@pasuruankota.go.id",
        "GRATIFIKASI_OUTBOX_KEY_FILE": app.config["OUTBOX_KEY_FILE"],  # the worker holds the outbox key
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "outbox", "run", "--once", "--worker-id", "doomed"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


@pytest.mark.usefixtures("ready")
def test_worker_killed_mid_send_is_resent_later_marked_as_possible_duplicate(app, smtp, frozen_clock):
    """A real notice (a report submitted on the public form) whose worker is SIGKILLed while
    the SMTP server holds the DATA phase: resent after the lease, flagged, never lost, and
    neither copy carries identity, report content or the access code."""
    handler, port = smtp
    number, code = receipt_of(submit(app.test_client(), app))
    with app.app_context():
        row = only_row()
        assert row.status is OutboxStatus.pending and row.kind == "report-received"

    handler.holding = True  # the server takes the message and then stalls before answering
    worker = _worker_process(app, port)
    try:
        assert handler.data_arrived.wait(60), worker.stderr.read().decode() if worker.poll() is not None else "timeout"
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(10) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.stdout.close()
        worker.stderr.close()
    handler.holding = False
    handler.hold.set()

    with app.app_context():
        row = only_row()
        assert row.status is OutboxStatus.sending and row.locked_by == "doomed" and row.attempts == 1
        lease_end = row.next_attempt_at  # set by the killed worker from the real clock
        # Before the lease runs out nobody touches it; then the next worker resends it.
        frozen_clock.now = lease_end - timedelta(seconds=1)
        assert run_once(worker_id="w2").claimed == 0
        frozen_clock.now = lease_end
        assert run_once(worker_id="w2").sent == 1
        row = only_row()
        assert row.status is OutboxStatus.sent and row.possible_duplicate and row.attempts == 2
    first, resent = handler.messages
    assert first["Message-ID"] == resent["Message-ID"], "the same Message-ID lets mail systems drop the copy"
    assert DUPLICATE_HEADER not in first and resent[DUPLICATE_HEADER] == "yes"
    first_body, resent_body = (m.get_body(preferencelist=("plain",)).get_content() for m in (first, resent))
    assert resent_body.startswith(DUPLICATE_NOTE) and resent_body.endswith(first_body)
    assert number in first["Subject"] and number in first_body
    for message, body in ((first, first_body), (resent, resent_body)):
        wire = message.as_string() + body
        for key, value in MARKERS.items():
            if key != "email":  # the address is the envelope and the To header, by necessity
                assert value not in wire, key
        for form in (code, code.replace("-", "")):
            assert form not in wire


@pytest.mark.parametrize(("refusal", "expected"), [
    ("rcpt", "recipient refused: 550 5.1.1 <an***@example.go.id>: Recipient address rejected: User unknown"),
    ("data", "SMTPDataError: 554 5.7.1 Message rejected by content policy"),
])
def test_smtp_5xx_error_shows_on_the_admin_page(app, smtp, frozen_clock, refusal, expected):
    handler, port = smtp
    if refusal == "rcpt":
        handler.refuse_recipients[ADDRESS] = f"550 5.1.1 <{ADDRESS}>: Recipient address rejected: User unknown"
    else:
        handler.refuse_data = "554 5.7.1 Message rejected by content policy"
    app.config["OUTBOX_MAX_ATTEMPTS"] = 2
    make_officer(app, "admin1", Role.admin)
    with app.app_context():
        enqueue(ADDRESS, "Pembaruan laporan", NOTICE, kind="report-update")
        db.session.commit()
        assert run_once().retried == 1
        frozen_clock.advance(minutes=1)
        assert run_once().failed == 1
        row = only_row()
        assert row.status is OutboxStatus.failed and row.last_error == expected
    client = app.test_client()
    login(client, "admin1")
    page = client.get("/admin/email").get_data(as_text=True)
    failed_section = page.split("Gagal terkirim", 1)[1].split("Menunggu dikirim", 1)[0]
    assert expected.replace("<", "&lt;").replace(">", "&gt;") in failed_section
    assert ADDRESS not in page and NOTICE not in page
