"""Backups are documented and tested (issue 18 item 5): the README's backup (pg_dump of the
database plus a copy of instance/) restored onto a new PostgreSQL database and a new host
opens every case, lets the reporter in with the code and revives the sessions live at backup
time; the same dump without the backed-up secret key refuses to start.

Needs the PostgreSQL server and its client programs (pg_dump, psql). Locally the test is
skipped without them; with CI=true it fails instead (tests/conftest.py requirement_missing).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy.engine import URL

from gratifikasi import create_app
from gratifikasi.security.secret_key import SecretKeyMismatch
from tests.cases.conftest import SECRET_TEXT, build_world, submit_complaint, submit_report_with_code
from tests.conftest import _created_apps, requirement_missing
from tests.helpers import login
from tests.postgres import admin_sql, server


def _server() -> URL:
    for program in ("pg_dump", "psql"):
        if shutil.which(program) is None:
            requirement_missing(f"{program} is not installed (apt-get install postgresql-client)")
    return server()


_admin = admin_sql


def _client_args(url: URL) -> tuple[list[str], dict[str, str]]:
    args = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    return args, dict(os.environ, PGPASSWORD=url.password or "")


def _host(url: URL, instance: Path, **config: object) -> Flask:
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(instance)
    try:
        app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "PASSWORD_HASH_FAST": True,
                          "SESSION_COOKIE_SECURE": False, "RATELIMIT_ENABLED": False, "MAIL_SUPPRESS_SEND": True,
                          "SQLALCHEMY_DATABASE_URI": url.render_as_string(hide_password=False), **config})
    finally:
        del os.environ["GRATIFIKASI_INSTANCE_PATH"]
    _created_apps.append(app)
    return app


@pytest.fixture
def databases():
    server = _server()
    base = server.database or "gratifikasi_test"
    source, restored = server.set(database=f"{base}_backup"), server.set(database=f"{base}_restored")
    drop = [f'DROP DATABASE IF EXISTS "{db.database}" WITH (FORCE)' for db in (source, restored)]
    _admin(server, *drop, f'CREATE DATABASE "{source.database}"', f'CREATE DATABASE "{restored.database}"')
    yield source, restored
    _admin(server, *drop)


def test_a_restored_pg_dump_with_instance_opens_every_case_and_the_sessions_of_backup_time(
        databases, tmp_path, frozen_clock):
    source, restored = databases
    with _host(source, tmp_path / "instance").app_context():
        upgrade()  # `flask db upgrade`, then the app server starts and records its key
    app = _host(source, tmp_path / "instance")
    build_world(app)
    report_case, number, code = submit_report_with_code(app)
    complaint_case, _receipt = submit_complaint(app)
    live = app.test_client()
    login(live, "upg")
    assert live.get(f"/perkara/{report_case.id}").status_code == 200

    # The backup (README "Backups"): the database and a copy of instance/.
    args, env = _client_args(source)
    dump = tmp_path / "gratifikasi.sql"
    subprocess.run(["pg_dump", *args, "--no-owner", "--no-privileges", "-f", str(dump), source.database],
                   check=True, env=env, timeout=120)
    shutil.copytree(tmp_path / "instance", tmp_path / "backup" / "instance")

    # The restore, on a new database and a new host.
    subprocess.run(["psql", *args, "-q", "-v", "ON_ERROR_STOP=1", "-d", restored.database, "-f", str(dump)],
                   check=True, env=env, timeout=120, capture_output=True)
    with pytest.raises(SecretKeyMismatch):  # the dump without its instance/ is refused, not half-working
        _host(restored, tmp_path / "new-host-without-backup", SECRET_KEY_CHECK=True)
    new_host = _host(restored, tmp_path / "backup" / "instance", SECRET_KEY_CHECK=True)

    # A session live at backup time comes back (same secret key, session rows restored).
    revived = new_host.test_client()
    cookie = live.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    revived.set_cookie(new_host.config["SESSION_COOKIE_NAME"], cookie.value)
    page = revived.get(f"/perkara/{report_case.id}")
    assert page.status_code == 200 and SECRET_TEXT in page.get_data(as_text=True)
    assert number in revived.get("/perkara/").get_data(as_text=True)

    # Officers log in afresh (the next TOTP step) and find the complaint in their queue.
    frozen_clock.advance(seconds=60)
    irban = new_host.test_client()
    login(irban, "irban")
    assert complaint_case.tracking_number in irban.get("/perkara/").get_data(as_text=True)
    assert irban.get(f"/perkara/{complaint_case.id}").status_code == 200

    # The reporter opens the report with the number and code kept since submission.
    reporter = new_host.test_client()
    opened = reporter.post("/laporan-gratifikasi/status", data={"nomor": number, "kode": code})
    assert opened.status_code == 302
    status = reporter.get("/laporan-gratifikasi/status").get_data(as_text=True)
    assert re.search(re.escape(number), status)
