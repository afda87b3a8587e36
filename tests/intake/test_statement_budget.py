"""The submission's statement budget on PostgreSQL (issue 14): a complaint or a gratification
report sent through its web form costs five SQL statements (the issue's cap is six), so a later
change cannot quietly add a read or a write to the hot path. The five: the reference data's
generation (``settings.cache``), the ids (``models.ids``), every new row (``models.rows``), then
the audit chain's lock with its tail (``audit_chain_tail()``) and the entry. Counted per form
POST, caches warm, the form's nonce and (reports) the reporter's e-mail included, so
idempotency and the outbox are in the count."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select

from gratifikasi.complaints.views import SESSION_NONCE
from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry, Complaint, GratificationReport, IntakeNonce, OutboxMessage
from gratifikasi.models.case import CaseFile
from tests.complaints.conftest import form_data
from tests.helpers import statements_of
from tests.postgres import world_app
from tests.reports.conftest import open_form, report_data

BUDGET = 5


@pytest.fixture
def pg_app(tmp_path, frozen_clock) -> Iterator[Flask]:
    with world_app("budget", tmp_path) as app:
        yield app


def _complaint(app: Flask) -> list[str]:
    client = app.test_client()
    client.post("/pengaduan/mulai")
    assert client.get("/pengaduan/formulir").status_code == 200
    with client.session_transaction() as session:
        nonce = session[SESSION_NONCE]

    def send() -> None:
        response = client.post("/pengaduan/formulir", data=form_data(nonce=nonce), content_type="multipart/form-data")
        assert response.status_code == 302, response.get_data(as_text=True)[:500]

    return statements_of(app, send)


def _report(app: Flask) -> list[str]:
    client = app.test_client()
    data = report_data(app)
    data["nonce"] = open_form(client)

    def send() -> None:
        response = client.post("/laporan-gratifikasi", data=data, content_type="multipart/form-data")
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/laporan-gratifikasi/tanda-terima")

    return statements_of(app, send)


def _count(model: type) -> int:
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_complaint_submission_sends_at_most_five_statements(pg_app):
    _complaint(pg_app)  # fills this worker's caches
    statements = _complaint(pg_app)
    assert len(statements) <= BUDGET, "\n".join(statements)
    with pg_app.app_context():  # and all of it was written: two complaints, each whole
        assert _count(Complaint) == _count(IntakeNonce) == 2
        assert _count(CaseFile) == 2 and _count(OutboxMessage) >= 2
        assert db.session.execute(select(func.count()).where(AuditEntry.action == "complaint.submitted")).scalar() == 2


def test_a_report_submission_sends_at_most_five_statements(pg_app):
    _report(pg_app)
    statements = _report(pg_app)
    assert len(statements) <= BUDGET, "\n".join(statements)
    with pg_app.app_context():
        assert _count(GratificationReport) == _count(IntakeNonce) == 2
        assert _count(CaseFile) == 2 and _count(OutboxMessage) == 2  # the reporter's notice, sealed
        assert db.session.execute(select(func.count()).where(AuditEntry.action == "report.submitted")).scalar() == 2
