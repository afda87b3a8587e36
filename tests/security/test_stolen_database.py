"""The stolen-database test (threat T1, issue 3).

Every text field of a gratification report, a complaint, the mailbox messages and the
attachments holds a unique marker, and so do an integrity evidence file's name and content
(agency paperwork, but stored encrypted like every upload). Afterwards nothing of them may be found in:
every byte under instance/ (the SQLite file and the app's secrets), a pg_dump of the
PostgreSQL database (when the suite runs there), the application log, and every e-mail sent.
"""
from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import make_url
from werkzeug.datastructures import FileStorage

from gratifikasi.extensions import db, mail
from gratifikasi.integrity.evidence_records import add_document as add_evidence_document
from gratifikasi.models.integrity import DocumentKind
from gratifikasi.outbox import run_once
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


def test_stolen_database_instance_logs_and_mail_reveal_nothing(app, client, ready, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    # The evidence file keeps its text after metadata removal: only encryption can hide it.
    assert EVIDENCE_MARKERS[1].encode() in sanitise(inspect_upload("sop.docx", evidence_docx()), evidence_docx()).data
    with mail.record_messages() as sent:
        secrets = _everything_typed(ready, app, client)
        with app.app_context():
            assert run_once().sent >= 1  # the report's receipt e-mail (and officers' notices)
            db.session.remove()
            db.engine.dispose()  # flush SQLite's files to disk before reading them
    email = MARKERS["email"]
    needles = [s for s in secrets if s != email]

    instance = Path(app.instance_path)
    assert (instance / "secret_key").exists()
    if TEST_DATABASE_URL:
        dump = _pg_dump()
        assert b"CREATE TABLE public.gratification_report" in dump and b"Dinas Kesehatan" in dump  # the dump is real
        assert [n for n in secrets if n.encode() in dump] == []
    else:
        # The scan does see what is stored in plaintext on purpose (a unit's name).
        assert _files_hits(instance, ["Dinas Kesehatan"]) != []
    # Delivered mail keeps only a masked address, so even the e-mail marker is gone.
    assert _files_hits(instance, secrets) == []

    log_text = caplog.text
    assert log_text  # something was logged (migrations, outbox), so the check means something
    assert [n for n in secrets if n in log_text] == []

    assert sent, "no e-mail was sent, so the e-mail check would prove nothing"
    for message in sent:
        content = f"{message.subject}\n{message.body}\n{message.html or ''}"
        assert [n for n in needles if n in content] == []
