"""flask outbox run|status|retry."""
from __future__ import annotations

import pytest

from gratifikasi.extensions import db, mail
from gratifikasi.models import OutboxStatus
from gratifikasi.outbox import cli as outbox_cli_module
from gratifikasi.outbox import enqueue
from tests.outbox.helpers import ADDRESS, FlakySmtp, only_row, temporary_failure


@pytest.mark.parametrize("command", [["outbox"], ["outbox", "run"], ["outbox", "status"], ["outbox", "retry"],
                                     ["outbox", "keygen"]])
def test_every_outbox_command_has_help(app, command):
    result = app.test_cli_runner().invoke(args=[*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_run_once_status_and_retry(app, frozen_clock, monkeypatch):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 1
    runner = app.test_cli_runner()
    smtp = FlakySmtp(mail.send, temporary_failure())
    monkeypatch.setattr(mail, "send", smtp)
    with app.app_context():
        message_id = enqueue(ADDRESS, "Subjek", "Isi", kind="test").id
        db.session.commit()
    result = runner.invoke(args=["outbox", "run", "--once"])
    assert result.exit_code == 0, result.output
    assert "gagal: 1" in result.output
    status = runner.invoke(args=["outbox", "status"]).output
    assert "failed   1" in status and "pending  0" in status

    smtp.error = None
    assert runner.invoke(args=["outbox", "retry", str(message_id)]).exit_code == 0
    refused = runner.invoke(args=["outbox", "retry", str(message_id)])
    assert refused.exit_code != 0 and "tidak berstatus gagal" in refused.output
    with mail.record_messages() as sent:
        assert "terkirim: 1" in runner.invoke(args=["outbox", "run", "--once", "--batch", "5"]).output
    assert len(sent) == 1
    with app.app_context():
        assert only_row().status is OutboxStatus.sent


def test_run_loop_sleeps_when_idle_and_stops_cleanly(app, monkeypatch):
    waits = []

    class StopAfterTwoWaits:
        def __init__(self) -> None:
            self.flag = False

        def is_set(self) -> bool:
            return self.flag

        def set(self) -> None:
            self.flag = True

        def wait(self, seconds: float) -> None:
            waits.append(seconds)
            if len(waits) == 2:
                raise KeyboardInterrupt

    monkeypatch.setattr(outbox_cli_module.threading, "Event", StopAfterTwoWaits)
    result = app.test_cli_runner().invoke(args=["outbox", "run", "--interval", "7"])
    assert result.exit_code == 0, result.output
    assert waits == [7.0, 7.0] and "berhenti" in result.output


def test_keygen_writes_a_private_key_readable_by_its_owner_only(app, tmp_path):
    path = tmp_path / "worker" / "outbox.key"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["outbox", "keygen", str(path)]).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o600 and (tmp_path / "worker" / "outbox.key.pub").exists()
    again = runner.invoke(args=["outbox", "keygen", str(path)])
    assert again.exit_code != 0 and "tidak ditimpa" in again.output

