"""Nothing lost (issue 14): 400 complaints and 400 gratification reports sent through the public
web forms from 16 threads to gunicorn (the project's gunicorn.conf.py, 2 sync workers) on a fresh
PostgreSQL database. Every submission a client saw acknowledged (the complaint's redirect to its
receipt, the report's likewise) is stored exactly once, with its case file, its
"…submitted" audit entry and its outbox message; no request fails with a 5xx or goes
unanswered; `flask audit verify` passes afterwards.

The clients behave as browsers do: a complaint presses "Mulai", opens the form (session cookie,
CSRF token, the form's nonce), posts it and opens the receipt; a report opens the form, posts
it and opens the receipt. Receipt codes and the invented identities are never printed; a failure names counts,
statuses, the pages' flash messages and gunicorn's error lines.

Needs the PostgreSQL server: skipped locally without it, a failure with CI=true
(tests/conftest.py requirement_missing). Takes about 20 s on a 2-CPU machine; no timing is
asserted. The forms are posted URL-encoded (no attachments).
"""
from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.engine import URL

from gratifikasi import create_app
from gratifikasi.extensions import db
from gratifikasi.models.complaint import RECORD_TYPE as COMPLAINT_RECORD_TYPE
from gratifikasi.models.report import REPORT_RECORD_TYPE
from tests.conftest import _created_apps
from tests.postgres import scratch_database

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(5111, 5120)  # the ports this test may take on a shared machine
THREADS = 16
PER_KIND = 400
PASSWORD = "kalimat-sandi-tanpa-hilang"

COMPLAINT = {
    "kategori": "suap_pemerasan",
    "apa": "Petugas loket meminta uang pelicin untuk mempercepat izin usaha (contoh fiktif).",
    "terlapor_nama": "Nama Terlapor Fiktif",
    "di_mana": "Loket 3",
    "berapa_nilai": "1.500.000",
    "identitas": "anonim",
    "itikad_baik": "y",
}
REPORT = {  # an invented reporter who gives an e-mail address, so the receipt mail is queued
    "jenis_laporan": "penerimaan", "nama": "Pelapor Fiktif Tanpa Hilang", "nik": "3575014507850003",
    "tempat_lahir": "Pasuruan", "tanggal_lahir": "1985-07-15", "jabatan": "Staf Fiktif",
    "instansi": "Pemerintah Kota Contoh", "alamat": "Jl. Contoh No. 1, Pasuruan", "telepon": "0343 4210099",
    "email": "pelapor.fiktif@example.invalid", "pemberi_nama": "CV Pemberi Fiktif",
    "hubungan_pemberi": "pihak_terkait_tugas", "jenis_peristiwa": "tugas_pelayanan",
    "tempat_penerimaan": "Ruang kerja", "kronologi": "Parsel diantar ke ruang kerja setelah rapat (contoh fiktif).",
    "objects-0-jenis_objek": "makanan_hidangan", "objects-0-uraian": "Parsel kue",
    "objects-0-nilai_taksiran": "750.000", "objects-0-lokasi_objek": "disalurkan_sosial",
    "kirim": "Kirim laporan",
}
COMPLAINT_NUMBER = re.compile(r"ADU-\d{4}-\d{6}")
REPORT_NUMBER = re.compile(r'data-testid="nomor-laporan">(GRT-\d{4}-\d{6})<')
FLASH = re.compile(r'<p class="flash [^"]*">([^<]*)</p>')


# -- the database ---------------------------------------------------------------------------


@pytest.fixture
def database() -> Iterator[URL]:
    """A new database on the server, dropped afterwards."""
    with scratch_database("noloss") as url:
        yield url


def _app(url: URL, instance: Path, outbox_key: Path) -> Flask:
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(instance)
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url.render_as_string(hide_password=False),
                          "PASSWORD_HASH_FAST": True, "OUTBOX_KEY_FILE": str(outbox_key)})
    finally:
        del os.environ["GRATIFIKASI_INSTANCE_PATH"]
    _created_apps.append(app)
    return app


def _prepare(app: Flask, outbox_key: Path) -> int:
    """Migrate; units, the admin with a key pair and the rings, an Inspektorat officer with an
    e-mail address (each complaint queues a mail to them), the outbox key (each report with a
    reporter's address queues one). Returns the reporters' unit id."""
    from flask_migrate import upgrade

    from gratifikasi.admin import services as admin_services
    from gratifikasi.auth.services import find_officer
    from gratifikasi.keyring import officers as key_officers
    from gratifikasi.keyring import rings
    from gratifikasi.models import Role

    with app.app_context():
        upgrade()
        admin_services.import_units_csv(
            "kode,nama,jenis\nINSPEKTORAT,Inspektorat,inspektorat\nDINKES,Dinas Kesehatan,dinas\n")
        admin_services.create_officer(username="admin", full_name="Admin", role=Role.admin,
                                      unit_code="INSPEKTORAT", password=PASSWORD, totp_secret=None)
        admin_services.create_officer(username="irban", full_name="Irban", role=Role.inspektorat,
                                      unit_code="INSPEKTORAT", password=PASSWORD,
                                      email="irban@example.invalid", totp_secret=None)
        admin = find_officer("admin")
        assert admin is not None
        key_officers.enrol(admin, PASSWORD)
        key_officers.confirm_recovery_stored(admin)
        rings.init_rings(admin)
        unit_id = db.session.execute(text("SELECT id FROM unit WHERE code = 'DINKES'")).scalar_one()
        db.session.commit()
    keygen = app.test_cli_runner().invoke(args=["outbox", "keygen", str(outbox_key)])
    assert keygen.exit_code == 0, keygen.output
    return unit_id


# -- gunicorn -------------------------------------------------------------------------------


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def _serve(port: int, env: dict[str, str], access_log, error_log) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT), "wsgi:app"],
        env=env, stdout=access_log, stderr=error_log,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    return process  # not listening: the first request fails and the error log says why


def _stop(process: subprocess.Popen) -> None:
    process.terminate()  # SIGTERM to the master (by its PID): graceful, it stops its workers
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _error_lines(log: Path) -> list[str]:
    """gunicorn's error log in short: each distinct line outside tracebacks' frames (numbers
    folded, so a repeated message shows once with its count; start-up [INFO] lines left out),
    with key values and SQL parameters elided (they may be derived from secrets)."""
    lines: Counter = Counter()
    for line in log.read_text(errors="replace").splitlines():
        if not line.strip() or line[0].isspace() or line.startswith("Traceback") or "[INFO]" in line:
            continue
        line = re.sub(r"=\([^)]*\)", "=(…)", line.split("[SQL:")[0].split("[parameters:")[0])
        lines[re.sub(r"\d+", "N", line)[:240]] += 1
    return [f"{count}× {line}" for line, count in lines.most_common(40)]


# -- the clients ----------------------------------------------------------------------------


@dataclass
class Page:
    status: int
    location: str
    body: str


class Browser:
    """One visitor: keeps its cookies, never follows redirects, notes every status it got."""

    def __init__(self, port: int, statuses: list[tuple[str, int]]) -> None:
        self.port, self.statuses = port, statuses
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, form: dict[str, str] | None = None) -> Page:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = urlencode(form) if form is not None else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = Page(response.status, response.getheader("Location") or "",
                        response.read().decode("utf-8", "replace"))
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie_name, _, cookie_value = value.split(";", 1)[0].partition("=")
                    self.cookies[cookie_name.strip()] = cookie_value
        except (OSError, http.client.HTTPException):
            page = Page(0, "", "")  # no answer: counted as a failed request
        finally:
            connection.close()
        self.statuses.append((f"{method} {path}", page.status))
        return page


def _hidden(page: Page, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page.body)
    value = re.search(r'value="([^"]*)"', tag.group(0)) if tag else None
    return value.group(1) if value else ""


@dataclass
class Outcome:
    numbers: list[str] = field(default_factory=list)  # what the clients saw acknowledged
    refused: Counter = field(default_factory=Counter)  # (status, flash messages) of the rest
    statuses: list[tuple[str, int]] = field(default_factory=list)  # every request's


def _send_complaints(browser: Browser, count: int, outcome: Outcome) -> None:
    browser.send("POST", "/pengaduan/mulai")
    for _ in range(count):
        form = browser.send("GET", "/pengaduan/formulir")
        sent = browser.send("POST", "/pengaduan/formulir", {
            **COMPLAINT, "csrf_token": _hidden(form, "csrf_token"), "nonce": _hidden(form, "nonce")})
        _note(browser, sent, 302, "/pengaduan/tanda-terima", COMPLAINT_NUMBER, outcome)


def _send_reports(browser: Browser, count: int, outcome: Outcome, unit_id: int) -> None:
    received = (date.today() - timedelta(days=7)).isoformat()
    for _ in range(count):
        form = browser.send("GET", "/laporan-gratifikasi")
        sent = browser.send("POST", "/laporan-gratifikasi", {
            **REPORT, "unit_id": str(unit_id), "tanggal_penerimaan": received,
            "csrf_token": _hidden(form, "csrf_token"), "nonce": _hidden(form, "nonce")})
        _note(browser, sent, 303, "/laporan-gratifikasi/tanda-terima", REPORT_NUMBER, outcome)


def _note(browser: Browser, sent: Page, status: int, receipt_path: str, number_re: re.Pattern[str],
          outcome: Outcome) -> None:
    """An acknowledged submission (its redirect to the receipt): the number on the receipt;
    anything else: how it was refused."""
    if sent.status == status and urlsplit(sent.location).path == receipt_path:
        receipt = browser.send("GET", receipt_path)
        number = number_re.search(receipt.body) if receipt.status == 200 else None
        # The complaint pattern is the number itself, the report's has it as its one group.
        outcome.numbers.append(number.group(number_re.groups) if number else "acknowledged, no number on the receipt")
    else:
        outcome.refused[(sent.status, urlsplit(sent.location).path, tuple(FLASH.findall(sent.body)))] += 1


def _drive(port: int, send: Callable[..., None], *args: object) -> Outcome:
    """PER_KIND submissions from THREADS visitors at once."""
    outcome, lock = Outcome(), threading.Lock()

    def visitor() -> None:
        mine = Outcome()
        send(Browser(port, mine.statuses), PER_KIND // THREADS, mine, *args)
        with lock:
            outcome.numbers += mine.numbers
            outcome.refused += mine.refused
            outcome.statuses += mine.statuses

    threads = [threading.Thread(target=visitor) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome


# -- the checks -----------------------------------------------------------------------------


def _problems(app: Flask, kind: str, outcome: Outcome, *, records: str, record_type: str, action: str,
              mail_kind: str, mail_number: re.Pattern) -> list[str]:
    """What is wrong with one kind's submissions; every figure, no number or identity."""
    seen = outcome.numbers
    problems = []
    failed = Counter(sent for sent in outcome.statuses if sent[1] == 0 or sent[1] >= 500)
    if failed:
        problems.append(f"{kind}: {sum(failed.values())} requests failed ((request, status): count; status 0 = "
                        f"no answer) {dict(failed)}")
    if len(seen) != PER_KIND:
        refusals = [f"{count}× {status} {path} {list(flashes)}" for (status, path, flashes), count in
                    outcome.refused.most_common()]
        problems.append(f"{kind}: {len(seen)} of {PER_KIND} acknowledged; the rest: {refusals}")
    unreadable = sum(1 for number in seen if not mail_number.fullmatch(number))
    if unreadable:
        problems.append(f"{kind}: {unreadable} acknowledged, but their receipt page shows no number")
    if len(set(seen)) != len(seen):
        problems.append(f"{kind}: {len(seen) - len(set(seen))} receipts repeat a number another client got")
    with app.app_context():
        rows = db.session.execute(text(records)).all()
        cases = db.session.execute(text("SELECT record_id, tracking_number FROM case_file WHERE record_type = :t"),
                                   {"t": record_type}).all()
        audited = db.session.execute(text("SELECT object_id FROM audit_entry WHERE action = :a"),
                                     {"a": action}).scalars().all()
        mails = db.session.execute(text("SELECT subject, body_text FROM outbox_message WHERE kind = :k"),
                                   {"k": mail_kind}).all()
        db.session.remove()
    stored = Counter(number for _, number in rows)
    if len(rows) != len(seen) or set(stored) != set(seen) or max(stored.values(), default=1) > 1:
        problems.append(f"{kind}: {len(rows)} rows stored for {len(seen)} acknowledged "
                        f"({len(set(seen) - set(stored))} acknowledged not stored, "
                        f"{len(set(stored) - set(seen))} stored not acknowledged, "
                        f"{sum(c - 1 for c in stored.values())} stored twice)")
    case_of = Counter((record_id, number) for record_id, number in cases)
    if sorted(case_of.elements()) != sorted((row_id, number) for row_id, number in rows):
        problems.append(f"{kind}: {len(cases)} case files for {len(rows)} records "
                        f"({sum(1 for r in rows if case_of[tuple(r)] != 1)} records without exactly one "
                        "matching case file)")
    entries = Counter(audited)
    if entries != Counter(str(row_id) for row_id, _ in rows):
        problems.append(f"{kind}: {len(audited)} '{action}' audit entries for {len(rows)} records "
                        f"({sum(1 for r in rows if entries[str(r[0])] != 1)} records without exactly one)")
    mailed = Counter(found for subject, body in mails for found in set(mail_number.findall(f"{subject}\n{body}")))
    if len(mails) != len(rows) or mailed != Counter(number for _, number in rows):
        problems.append(f"{kind}: {len(mails)} '{mail_kind}' outbox messages for {len(rows)} records "
                        f"({sum(1 for _, n in rows if mailed[n] != 1)} records not named by exactly one)")
    return problems


def test_every_acknowledged_submission_is_stored_once_with_case_audit_and_mail(database, tmp_path):
    instance, outbox_key = tmp_path / "instance", tmp_path / "outbox-key" / "outbox.key"
    app = _app(database, instance, outbox_key)
    unit_id = _prepare(app, outbox_key)
    env = dict(os.environ, GRATIFIKASI_INSTANCE_PATH=str(instance),
               GRATIFIKASI_SQLALCHEMY_DATABASE_URI=database.render_as_string(hide_password=False),
               GRATIFIKASI_OUTBOX_KEY_FILE=str(outbox_key), GRATIFIKASI_RATELIMIT_ENABLED="false",
               GRATIFIKASI_SESSION_COOKIE_SECURE="false", GRATIFIKASI_MAIL_SUPPRESS_SEND="true")
    error_log = tmp_path / "gunicorn-error.log"
    with open(tmp_path / "gunicorn-access.log", "wb") as access, open(error_log, "wb") as errors:
        port = _free_port()
        server = _serve(port, env, access, errors)
        try:
            complaints = _drive(port, _send_complaints)
            reports = _drive(port, _send_reports, unit_id)
        finally:
            _stop(server)

    problems = [
        *_problems(app, "complaints", complaints, records="SELECT id, number FROM complaint",
                   record_type=COMPLAINT_RECORD_TYPE, action="complaint.submitted", mail_kind="complaint.new",
                   mail_number=COMPLAINT_NUMBER),
        *_problems(app, "reports", reports, records="SELECT id, tracking_number FROM gratification_report",
                   record_type=REPORT_RECORD_TYPE, action="report.submitted", mail_kind="report-received",
                   mail_number=re.compile(r"GRT-\d{4}-\d{6}")),
    ]
    verify = app.test_cli_runner().invoke(args=["audit", "verify"])
    if verify.exit_code != 0:
        problems.append(f"flask audit verify: exit {verify.exit_code}: {verify.output.strip()}")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # before the database is dropped
    errors_seen = _error_lines(error_log)
    assert not problems, "\n".join([*problems, "gunicorn error log:", *errors_seen])
