"""The reporter's status-page access is a server row: closing the page or waiting revokes it,
even for a browser that kept its old cookie, and the row alone opens nothing."""
from __future__ import annotations

import base64

from sqlalchemy import select

from gratifikasi.extensions import db
from gratifikasi.intake import browser_access
from gratifikasi.keyring import RingPurpose, vault
from gratifikasi.models import AuditEntry, BrowserAccess
from gratifikasi.models.report import REPORT_RECORD_TYPE, GratificationReport
from gratifikasi.reports.views import ACCESS_SESSION_KEY, NONCE_KEY
from tests.reports.conftest import receipt_of, submit
from tests.scan import database_hits

STATUS = "/laporan-gratifikasi/status"


def _opened(app, number: str, code: str):
    browser = app.test_client()
    assert browser.post(STATUS, data={"nomor": number, "kode": code}).status_code == 302
    assert _reads_status(browser)
    with browser.session_transaction() as sess:
        return browser, sess[ACCESS_SESSION_KEY]


def _reads_status(browser) -> bool:
    html = browser.get(STATUS).get_data(as_text=True)
    return 'data-testid="status"' in html and 'name="kode"' not in html


def _browser_with(app, access_value: str):
    """Another browser carrying a copy of the old session value (kept, stolen or replayed)."""
    browser = app.test_client()
    with browser.session_transaction() as sess:
        sess[ACCESS_SESSION_KEY] = access_value
    return browser


def _rows(app) -> int:
    with app.app_context():
        # Status-page access only (a code held for the form's repeat is another kind).
        query = select(BrowserAccess).where(BrowserAccess.kind == "report-status")
        return len(db.session.execute(query).scalars().all())


def test_closing_the_status_page_revokes_the_access_on_the_server(client, app, ready):
    number, code = receipt_of(submit(client, app))
    browser, value = _opened(app, number, code)
    copy = _browser_with(app, value)
    assert _reads_status(copy)  # the value alone is what opens the page…
    assert _rows(app) == 2  # the submitting browser's access and this one

    assert browser.post(f"{STATUS}/keluar").status_code == 302
    assert not _reads_status(browser)
    assert not _reads_status(copy)  # …and once closed it opens nothing, wherever it was kept
    assert _rows(app) == 1  # the row is gone; the submitting browser keeps its own
    assert _reads_status(client)


def test_status_access_expires_after_thirty_minutes(client, app, ready, frozen_clock):
    number, code = receipt_of(submit(client, app))
    browser, value = _opened(app, number, code)
    frozen_clock.advance(minutes=29)
    assert _reads_status(browser)
    frozen_clock.advance(minutes=2)
    assert not _reads_status(_browser_with(app, value))
    assert not _reads_status(browser)
    assert _rows(app) == 1  # presenting an expired access deletes its row
    with app.app_context():
        # The submitting browser's access and the code held for its form's repeat, never presented again.
        assert browser_access.purge_expired() == 2
    assert _rows(app) == 0


def test_the_row_holds_no_readable_key(client, app, ready):
    number, code = receipt_of(submit(client, app))
    _browser, value = _opened(app, number, code)
    token, _, key_text = value.partition(".")
    with app.app_context():
        report = db.session.execute(select(GratificationReport)).scalar_one()
        dek = vault.open_data_key(ready.officer("upg"), ready.key("upg"), REPORT_RECORD_TYPE, report.id,
                                  purpose=RingPurpose.CASE)
        rows = db.session.execute(select(BrowserAccess)).scalars().all()
        # The receipt browser's access + this one, and the code held for the form's repeat.
        assert sorted(row.kind for row in rows) == ["receipt", "report-status", "report-status"]
        key = base64.urlsafe_b64decode(key_text)
        # Neither the report's key, nor the browser's key, nor its token, nor the code, nor the
        # form's nonce (from which the held code's key derives) is in any table.
        with client.session_transaction() as sess:
            nonce = sess[NONCE_KEY]
        assert database_hits([dek, key, token, key_text, code, code.replace("-", ""), nonce]) == []


def test_a_tampered_or_old_style_session_value_opens_nothing(client, app, ready):
    number, code = receipt_of(submit(client, app))
    _browser, value = _opened(app, number, code)
    token, _, key_text = value.partition(".")
    wrong_key = base64.urlsafe_b64encode(bytes(32)).decode()
    assert not _reads_status(_browser_with(app, f"{token}.{wrong_key}"))
    assert not _reads_status(_browser_with(app, f"{token}.{key_text[:-4]}"))
    assert not _reads_status(_browser_with(app, {"r": 1, "u": 2**40, "k": key_text}))  # the former dict


def test_opening_the_status_page_with_the_code_leaves_no_audit_entry(client, app, ready):
    """The chained log is permanent: the moments an ASN reporter came back are not kept in it
    (T7, like the complaint mailbox). The code opens the case key only, never the identity,
    whose every opening by an officer stays audited."""
    number, code = receipt_of(submit(client, app))
    with app.app_context():
        report_id = db.session.execute(
            select(GratificationReport.id).where(GratificationReport.tracking_number == number)).scalar_one()
        before = _reporter_actions(report_id)
    assert before == ["report.submitted"]
    for _ in range(2):
        _opened(app, number, code)
    with app.app_context():
        assert _reporter_actions(report_id) == before


def _reporter_actions(report_id: int) -> list[str]:
    return list(db.session.execute(
        select(AuditEntry.action).where(AuditEntry.object_type == REPORT_RECORD_TYPE,
                                        AuditEntry.object_id == str(report_id)).order_by(AuditEntry.seq)
    ).scalars())
