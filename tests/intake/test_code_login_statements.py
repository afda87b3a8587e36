"""The two receipt-code logins are lean on PostgreSQL (issue 14 item 4): a login POST with the
right code, through the whole request (CSRF, form, code check, the browser's access), sends at
most 3 SQL statements once the worker's caches are warm. The count is asserted here so a later
change cannot quietly add reads; the time is printed by bench/submit.py, never asserted.

PostgreSQL only, on a database of its own made on the server (like tests/db/test_backup_restore.py),
so both CI passes run it; locally it is skipped without a server, with CI=true it fails.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.engine import URL

from gratifikasi.crypto import receipt_codes
from gratifikasi.extensions import db
from gratifikasi.models import AccessThrottle, AuditEntry, BrowserAccess
from tests.cases.conftest import build_world, submit_complaint, submit_report_with_code
from tests.helpers import statements_of
from tests.postgres import host_app, scratch_database

MAX_STATEMENTS = 3


@pytest.fixture
def database() -> Iterator[URL]:
    with scratch_database("codelogin") as url:
        yield url


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert found, "no CSRF token on the page"
    return found.group(1)


def _statements(app: Flask, client: FlaskClient, path: str, data: dict[str, str]) -> tuple[int, list[str]]:
    """The response status and the SQL statements of one POST."""
    statuses: list[int] = []
    sent = statements_of(app, lambda: statuses.append(client.post(path, data=data).status_code))
    return statuses[0], sent


def _login(app: Flask, path: str, fields: dict[str, str]) -> tuple[int, list[str]]:
    """A fresh browser opens the login page (CSRF on, as in production) and sends the form."""
    client = app.test_client()
    token = _token(client.get(path).get_data(as_text=True))
    return _statements(app, client, path, {**fields, "csrf_token": token})


def _shown(statements: list[str]) -> str:
    return "\n".join(f"  {number}. {' '.join(sql.split())}" for number, sql in enumerate(statements, 1))


@pytest.fixture
def worker(database: URL, tmp_path, frozen_clock) -> tuple[Flask, str, str, str]:
    """Reports and complaints stored by one app; a second app on the same database (another
    worker, CSRF on) serves the logins. Returns (worker, tracking number, report code, complaint code)."""
    setup = host_app(database, tmp_path, migrate=True)
    build_world(setup)
    _case, number, report_code = submit_report_with_code(setup)
    _case, complaint_code = submit_complaint(setup)
    serving = host_app(database, tmp_path, WTF_CSRF_ENABLED=True)
    # Warm this worker's per-process caches with one login of each kind.
    assert _login(serving, "/laporan-gratifikasi/status", {"nomor": number, "kode": report_code})[0] == 302
    assert _login(serving, "/pengaduan/kotak", {"kode": complaint_code})[0] == 302
    return serving, number, report_code, complaint_code


def test_a_report_status_login_with_the_right_code_sends_at_most_3_statements(worker):
    app, number, code, _complaint_code = worker
    status, statements = _login(app, "/laporan-gratifikasi/status", {"nomor": number, "kode": code})
    assert status == 302
    print(f"report status login: {len(statements)} statements\n{_shown(statements)}")
    assert len(statements) <= MAX_STATEMENTS, _shown(statements)


def test_a_mailbox_login_with_the_right_code_sends_at_most_3_statements(worker):
    app, _number, _report_code, code = worker
    status, statements = _login(app, "/pengaduan/kotak", {"kode": code})
    assert status == 302
    print(f"mailbox login: {len(statements)} statements\n{_shown(statements)}")
    assert len(statements) <= MAX_STATEMENTS, _shown(statements)


def test_the_lean_logins_still_count_wrong_codes_and_grant_only_the_right_one(worker):
    """The same worker: a wrong code is counted (throttle rows); a right one after it is
    accepted, leaves the browser an access row, writes no audit entry and forgets the code's
    failures (the client's stay)."""
    app, number, code, complaint_code = worker
    parsed = receipt_codes.parse_receipt_code(complaint_code)
    wrong = receipt_codes.ReceiptCode(parsed.locator, receipt_codes.new_receipt_code().secret).display
    status, _sent = _login(app, "/pengaduan/kotak", {"kode": wrong})
    assert status == 200
    with app.app_context():
        assert db.session.execute(select(AccessThrottle)).scalars().all() != []
    before, audited = _count(app, BrowserAccess), _count(app, AuditEntry)
    assert _login(app, "/pengaduan/kotak", {"kode": complaint_code})[0] == 302
    assert _login(app, "/laporan-gratifikasi/status", {"nomor": number, "kode": code})[0] == 302
    assert _count(app, BrowserAccess) == before + 2
    assert _count(app, AuditEntry) == audited  # a reporter's return is not kept in the log (T7)
    with app.app_context():
        failures = [row.failures for row in db.session.execute(select(AccessThrottle)).scalars()]
    assert failures == [1]  # the client's count stays; the right code cleared its locator's


def _count(app: Flask, model) -> int:
    with app.app_context():
        return len(db.session.execute(select(model)).scalars().all())
