"""The stolen-database test (threat T1, issue 3; issue 17 item 3).

Every text field of a gratification report, a complaint, the mailbox messages and the
attachments holds a unique marker, and so do an integrity evidence file's name and content
(agency paperwork, but stored encrypted like every upload). Reporters' e-mail addresses wait in
the outbox (one sent, one still pending, one given up) and officers are recused for each
reason (named in the report, a declared conflict). Afterwards nothing of them may be found in:
every byte under instance/ (the SQLite file and the app's secrets) and an SQL dump of the
database (sqlite3's, or pg_dump's when the suite runs on PostgreSQL), the application log,
and every e-mail sent. The outbox key lives outside instance/ (tests/conftest.py), as it must
in production.
"""
from __future__ import annotations

import io
import logging
import os
import shutil
import smtplib
import sqlite3
import subprocess
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import func, make_url, select
from werkzeug.datastructures import FileStorage

from gratifikasi.cases.services import declare_conflict
from gratifikasi.extensions import db, mail
from gratifikasi.integrity.evidence_records import add_document as add_evidence_document
from gratifikasi.models import OutboxMessage, OutboxStatus
from gratifikasi.models.case import CaseFile, CaseRecusal, ConflictKind
from gratifikasi.models.integrity import DocumentKind
from gratifikasi.models.report import GratificationReport
from gratifikasi.outbox import run_once
from gratifikasi.reports.notify import notify
from gratifikasi.uploads.inspect import inspect_upload
from gratifikasi.uploads.sanitise import sanitise
from tests.complaints.conftest import grant_case_ring
from tests.complaints.conftest import submit as submit_complaint
from tests.conftest import TEST_DATABASE_URL, requirement_missing
from tests.keyring.conftest import crew  # noqa: F401
from tests.reports.conftest import MARKERS, ready, receipt_of  # noqa: F401
from tests.reports.conftest import submit as submit_report
from tests.uploads import samples

COMPLAINT_MARKERS = {
    "apa": "Penandaapa pungutan liar di loket setiap Senin.",
    "terlapor_nama": "Penandaterlapor Wibowo",
    "terlapor_jabatan": "Penandajabatanterlapor",
    "di_mana": "Penandatempatkejadian",
    "kapan": "Penandawaktukejadian",
    "mengapa": "Penandamengapa",
    "bagaimana": "Penandabagaimana",
    "berapa": "Penandaberapa",
    "pelapor_nama": "Penandawhistleblower",
    "pelapor_nik": "3575019999990001",
    "pelapor_kontak": "penandakontak@example.net",
}
MESSAGE_MARKERS = ["Penandapertanyaanpetugas", "Penandajawabanpelapor"]
FILE_MARKERS = ["Penandanamaberkas", "Penandaisiberkas"]
EVIDENCE_MARKERS = ["Penandanamabukti", "Penandaisibukti"]
PENDING_EMAIL = "penandatertunda@example.net"  # a reporter's notice still waiting (no worker ran)
FAILED_EMAIL = "penandagagal@example.net"      # a reporter's notice the SMTP server refused for good
# What a recusal row said in clear before it was sealed: its basis and the declared kind.
RECUSAL_WORDS = ["terlapor", "konflik", *(kind.value for kind in ConflictKind)]


def evidence_docx() -> bytes:
    """An SOP whose text is stored uncompressed, so it would show in clear if stored so."""
    return samples.docx(body=f"SOP pengendalian gratifikasi {EVIDENCE_MARKERS[1]}", compression=zipfile.ZIP_STORED)


def _everything_typed(world, app, client) -> list[str]:
    """File a report and a complaint with markers everywhere; return the secrets to look for."""
    from tests.complaints.conftest import latest_complaint, officer_asks

    report = submit_report(
        client, app,
        files=[(io.BytesIO(b"Penandaisiberkas laporan\n"), "Penandanamaberkas-1.txt")],
    )
    assert report.status_code == 200
    _number, report_code = receipt_of(report)

    grant_case_ring(world)
    complaint_client = app.test_client()
    complaint_code = submit_complaint(
        complaint_client, identitas="beri",
        lampiran=[(io.BytesIO(b"Penandaisiberkas aduan\n"), "Penandanamaberkas-2.txt")],
        **COMPLAINT_MARKERS,
    )
    complaint = latest_complaint(app)
    with app.app_context():
        officer_asks(world, complaint.id, MESSAGE_MARKERS[0])
    complaint_client.post("/pengaduan/kotak", data={"kode": complaint_code})
    answered = complaint_client.post("/pengaduan/kotak/pesan", data={"pesan": MESSAGE_MARKERS[1]})
    assert answered.status_code in (200, 302)

    with app.app_context():
        add_evidence_document(
            world.officer("upg"), unit_id=None, kind=DocumentKind.sop, number="SOP-01/2026", title="SOP gratifikasi",
            document_date=date(2026, 1, 5), reference=None,
            file=FileStorage(io.BytesIO(evidence_docx()), filename=f"{EVIDENCE_MARKERS[0]}-SOP.docx"))

    # A second complaint names the custodian (an officer's name is not secret): recused from
    # its case at submission.
    submit_complaint(app.test_client(), terlapor_nama="Petugas kustodian")
    with app.app_context():
        # Each declared-conflict recusal: the UPG officer on the report, the Irban on the complaint.
        for username, record_type, kind in (("upg", "gratification_report", ConflictKind.keluarga),
                                            ("irban", "complaint", ConflictKind.kepentingan)):
            case_id = db.session.execute(select(CaseFile.id).where(CaseFile.record_type == record_type)
                                         .order_by(CaseFile.id).limit(1)).scalar_one()
            declare_conflict(world.officer(username), case_id, kind)
        assert db.session.execute(select(func.count()).select_from(CaseRecusal)).scalar_one() == 3

    secrets = list(MARKERS.values()) + list(COMPLAINT_MARKERS.values()) + MESSAGE_MARKERS + FILE_MARKERS
    secrets += EVIDENCE_MARKERS
    for code in (report_code, complaint_code):
        compact = code.replace("-", "")
        secrets += [code, compact, compact[6:27]]  # the whole code and its secret part
    return secrets


def _files_hits(folder: Path, needles: list[str]) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.name}: {n}" for n in needles if n.encode() in data]
    return hits


def _pg_dump() -> bytes:
    if shutil.which("pg_dump") is None:
        requirement_missing("pg_dump is not installed")
    url = make_url(TEST_DATABASE_URL)
    env = dict(os.environ, PGPASSWORD=url.password or "")
    return subprocess.run(
        ["pg_dump", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres",
         "--no-owner", url.database],
        check=True, capture_output=True, env=env, timeout=120,
    ).stdout


def _reporter_mail_left_waiting(app, monkeypatch) -> None:
    """One notice to a reporter given up after the SMTP server refused it, one still pending."""
    def refuse(message):
        raise smtplib.SMTPRecipientsRefused({FAILED_EMAIL: (550, f"5.1.1 <{FAILED_EMAIL}> unknown user".encode())})

    with app.app_context():
        report = db.session.execute(select(GratificationReport)).scalar_one()
        notify(report, FAILED_EMAIL, kind="report-status")
        db.session.commit()
        app.config["OUTBOX_MAX_ATTEMPTS"] = 1
        with monkeypatch.context() as patched:
            patched.setattr(mail, "send", refuse)
            assert run_once().failed == 1
        notify(report, PENDING_EMAIL, kind="report-status")
        db.session.commit()
        kept = {row.status: row for row in db.session.execute(
            select(OutboxMessage).where(OutboxMessage.status != OutboxStatus.sent)).scalars()}
        assert set(kept) == {OutboxStatus.failed, OutboxStatus.pending}  # the check below means something
        assert "***@example.net" in kept[OutboxStatus.failed].last_error  # the SMTP answer, address masked


def _sql_dump(app) -> bytes:
    """The database as SQL text, as a thief would read it."""
    if TEST_DATABASE_URL:
        dump = _pg_dump()
        assert b"CREATE TABLE public.gratification_report" in dump and b"Dinas Kesehatan" in dump  # the dump is real
        return dump
    path = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    with sqlite3.connect(path) as connection:
        return "\n".join(connection.iterdump()).encode()


def _table_rows(dump: bytes, table: str) -> list[bytes]:
    """The data lines of one table in either dump format."""
    if TEST_DATABASE_URL:
        _, _, rest = dump.partition(f"COPY public.{table} ".encode())
        return rest.split(b"\n\\.\n", 1)[0].splitlines()[1:]
    return [line for line in dump.splitlines() if line.startswith(f'INSERT INTO "{table}"'.encode())]


def test_stolen_database_instance_logs_and_mail_reveal_nothing(app, client, ready, caplog, monkeypatch):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    # The evidence file keeps its text after metadata removal: only encryption can hide it.
    assert EVIDENCE_MARKERS[1].encode() in sanitise(inspect_upload("sop.docx", evidence_docx()), evidence_docx()).data
    with mail.record_messages() as sent:
        secrets = _everything_typed(ready, app, client)
        with app.app_context():
            assert run_once().sent >= 1  # the report's receipt e-mail (and officers' notices)
        _reporter_mail_left_waiting(app, monkeypatch)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()  # flush SQLite's files to disk before reading them
    secrets += [PENDING_EMAIL, FAILED_EMAIL, PENDING_EMAIL.split("@")[0], FAILED_EMAIL.split("@")[0]]
    email = MARKERS["email"]
    needles = [s for s in secrets if s not in (email, FAILED_EMAIL)]  # sent mail carries its own address

    instance = Path(app.instance_path)
    assert (instance / "secret_key").exists()
    assert not any(path.name.startswith("outbox.key") for path in instance.rglob("*"))
    dump = _sql_dump(app)
    assert [n for n in secrets if n.encode() in dump] == []
    if not TEST_DATABASE_URL:
        # The scan does see what is stored in plaintext on purpose (a unit's name).
        assert _files_hits(instance, ["Dinas Kesehatan"]) != []
    # Reporters' addresses are sealed while waiting and dropped once sent or given up.
    assert _files_hits(instance, secrets) == []
    # Recusals: which officer is kept from which case stays visible (the access rule needs
    # it), why does not, neither in the recusal rows nor in the audit log.
    recusals = _table_rows(dump, "case_recusal")
    assert len(recusals) == 3
    assert [w for w in RECUSAL_WORDS if any(w.encode() in row for row in recusals)] == []
    assert [w for w in ConflictKind if any(w.value.encode() in row for row in _table_rows(dump, "audit_entry"))] == []

    log_text = caplog.text
    assert log_text  # something was logged (migrations, outbox), so the check means something
    assert [n for n in secrets if n in log_text] == []

    assert sent, "no e-mail was sent, so the e-mail check would prove nothing"
    for message in sent:
        content = f"{message.subject}\n{message.body}\n{message.html or ''}"
        assert [n for n in needles if n in content] == []
