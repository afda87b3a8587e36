"""Nothing is lost or half-stored when a gunicorn worker dies inside a submission (issue 17
item 10).

The real server (gunicorn.conf.py, wsgi.py, one worker) runs on this test's database. The
test-only pause point ``report-before-commit`` (gratifikasi/crash_points.py, active only with
TESTING and TEST_PAUSE_DIR) holds the worker after every insert of a report and before its
commit; the test kills the worker there with SIGKILL. The report is then wholly absent (every
table has the rows it had before) and the reporter was shown no receipt. Gunicorn starts a new
worker; a submission allowed past the same point is wholly stored and its receipt shown."""
from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import MetaData, func, select

from gratifikasi import PROJECT_ROOT, audit
from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry, CaseFile, GiftObject, GratificationReport
from tests.conftest import make_app
from tests.helpers import seed_unit
from tests.reports.conftest import NUMBER_RE, open_form, report_data

POINT = "report-before-commit"
WAIT_SECONDS = 60  # an upper bound for the server to start or a worker to reach the point


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_gunicorn(app, pause_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ,
           "GRATIFIKASI_BIND": f"127.0.0.1:{port}", "GRATIFIKASI_WORKERS": "1",
           "GRATIFIKASI_INSTANCE_PATH": app.instance_path,
           "GRATIFIKASI_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
           "GRATIFIKASI_TESTING": "true", "GRATIFIKASI_TEST_PAUSE_DIR": str(pause_dir),
           "GRATIFIKASI_SESSION_COOKIE_SECURE": "false", "GRATIFIKASI_MAIL_SUPPRESS_SEND": "true",
           "GRATIFIKASI_RATELIMIT_ENABLED": "false"}
    return subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                            cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def _serving(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/", timeout=WAIT_SECONDS) as response:
            return response.status == 200
    except OSError:  # refused while starting, reset when a worker dies (URLError is one too)
        return False


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def form_fields(self) -> dict[str, str]:
        with self.opener.open(self.base + "/laporan-gratifikasi", timeout=30) as response:
            html = response.read().decode()
        fields = {}
        for name in ("csrf_token", "nonce"):
            fields[name] = re.search(rf'name="{name}"[^>]*value="([^"]+)"', html).group(1)
        return fields

    def submit_in_background(self, data: dict[str, str]) -> dict[str, object]:
        """POST in a thread; the outcome dict gets 'status' and 'html', or 'error'."""
        outcome: dict[str, object] = {}

        def post() -> None:
            try:
                body = urllib.parse.urlencode(data).encode()
                with self.opener.open(self.base + "/laporan-gratifikasi", data=body, timeout=WAIT_SECONDS) as reply:
                    outcome.update(status=reply.status, html=reply.read().decode())
            except urllib.error.HTTPError as error:
                outcome.update(status=error.code, html=error.read().decode())
            except OSError as error:  # the worker died: reset, or closed without an answer
                outcome.update(error=repr(error))

        thread = threading.Thread(target=post)
        thread.start()
        outcome["thread"] = thread
        return outcome


def _row_counts(app) -> dict[str, int]:
    with app.app_context():
        metadata = MetaData()
        metadata.reflect(bind=db.engine)
        counts = {table.name: db.session.execute(select(func.count()).select_from(table)).scalar_one()
                  for table in metadata.sorted_tables}
        db.session.remove()
    return counts


def test_a_worker_killed_before_its_commit_leaves_no_report_and_showed_no_receipt(app, ready, tmp_path):
    pause_dir = tmp_path / "pauses"
    pause_dir.mkdir()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start_gunicorn(app, pause_dir, port)
    try:
        _wait_for(lambda: _serving(base), "gunicorn to serve")
        before = _row_counts(app)

        browser = Browser(base)
        outcome = browser.submit_in_background({**report_data(app), **browser.form_fields()})
        paused = pause_dir / f"{POINT}.paused"
        _wait_for(lambda: paused.exists() and paused.read_text().strip(), "the worker to reach the pause point")
        os.kill(int(paused.read_text()), signal.SIGKILL)
        outcome["thread"].join(WAIT_SECONDS)

        # No receipt: the request ended without an answer, or with an error page.
        assert "html" not in outcome or not NUMBER_RE.search(str(outcome["html"])), outcome.get("status")
        assert _row_counts(app) == before  # wholly absent: not one row of it is left
        with app.app_context():
            assert audit.verify().ok
            db.session.remove()

        # Gunicorn replaces the worker; a submission allowed past the same point is all there.
        _wait_for(lambda: _serving(base), "a new worker")
        browser = Browser(base)
        outcome = browser.submit_in_background({**report_data(app), **browser.form_fields()})
        _wait_for(paused.exists, "the new worker to reach the pause point")
        (pause_dir / f"{POINT}.go").touch()
        outcome["thread"].join(WAIT_SECONDS)
        assert outcome.get("status") == 200, outcome
        number = NUMBER_RE.search(str(outcome["html"])).group(1)
        with app.app_context():
            report = db.session.execute(select(GratificationReport)).scalar_one()
            assert report.tracking_number == number
            assert db.session.execute(select(func.count()).select_from(GiftObject)
                                      .where(GiftObject.report_id == report.id)).scalar_one() == 2
            assert db.session.execute(select(func.count()).select_from(CaseFile)).scalar_one() == 1
            assert db.session.execute(select(AuditEntry.object_id)
                                      .where(AuditEntry.action == "report.submitted")).scalar_one() == str(report.id)
            assert audit.verify().ok
            db.session.remove()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(WAIT_SECONDS)


def test_a_refused_submission_leaves_no_row_behind(app, client, frozen_clock):
    """The same guarantee without a crash: a submission refused after its first insert (the
    key rings are not set up, 503) is rolled back whole. On SQLite the tracking-number
    savepoint used to commit the report row on its own."""
    seed_unit(app, "DINKES", "Dinas Kesehatan", "dinas")
    before = _row_counts(app)
    data = report_data(app)
    data["nonce"] = open_form(client)
    response = client.post("/laporan-gratifikasi", data=data)
    assert response.status_code == 503 and not NUMBER_RE.search(response.get_data(as_text=True))
    assert _row_counts(app) == before


def test_the_pause_point_cannot_be_switched_on_outside_tests(tmp_path):
    with pytest.raises(RuntimeError, match="TEST_PAUSE_DIR"):
        make_app(tmp_path, TESTING=False, TEST_PAUSE_DIR=str(tmp_path))
