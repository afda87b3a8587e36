"""Benchmark: a full anonymous complaint submission against a bare one-row insert.

Run: ``.venv/bin/python bench/submit.py [--database URL] [--concurrency 16] [--requests 400]``

Starts two gunicorn servers (2 workers each) on the same database: the real app, and a bare
Flask app with two endpoints: one inserts one row (the issue's baseline), the other sends the
submission's 20 statements as plain SQL in one transaction (the same-shape baseline: its gap
to a submission is the app's Python work). All are driven with the same concurrency; it prints
requests per second, p50 and p95 for each and the ratios. A full submission is the real thing:
CSRF check, form validation, sealing to the case ring, inserts, audit entry, outbox, receipt
hold. Then, in-process, it counts the SQL statements and CPU time of one submission (and how
much of it is inside SQLAlchemy session calls), and counts and times both receipt-code logins,
mailbox and report status page (bench/code_login.py: statements, server time). Figures only,
no assertions. Default database: a fresh SQLite file; PostgreSQL is closer to production
(``--database postgresql+psycopg://postgres@127.0.0.1/bench``; the schema in it is dropped and
re-created).
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# bench/queue.py would shadow the standard library's queue module: drop this folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

FORM = {
    "kategori": "suap_pemerasan",
    "apa": "Petugas loket meminta uang pelicin untuk mempercepat izin usaha.",
    "terlapor_nama": "Budi Santoso",
    "di_mana": "Loket 3",
    "berapa_nilai": "1.500.000",
    "identitas": "anonim",
    "itikad_baik": "y",
}


# The same-shape baseline mirrors a submission's 20 statements on PostgreSQL: 12 reads (reference
# data, the id draw, the chain lock and tail read) and 8 inserts. On SQLite the lock is a read.
SHAPE_READS = 10
SHAPE_INSERTS = 7


def bare_app():  # gunicorn "bench.submit:bare_app()"
    """The baselines: ``/insert`` inserts one row and answers 200; ``/shape`` runs, in one
    transaction, as many plain SQL statements of the kinds a submission sends (reads of a small
    table, a lock, a chain tail read, inserts), so its gap to a submission is Python's work."""
    from flask import Flask
    from sqlalchemy import create_engine, text

    app = Flask("bare")
    engine = create_engine(os.environ["BENCH_DATABASE_URL"])
    postgresql = engine.dialect.name == "postgresql"

    @app.post("/insert")
    def insert() -> str:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO bench_row (note) VALUES (:note)"), {"note": "x"})
        return "ok"

    @app.post("/shape")
    def shape() -> str:
        with engine.begin() as connection:
            for _ in range(SHAPE_READS + (0 if postgresql else 1)):
                connection.execute(text("SELECT id, note FROM bench_ref")).all()
            if postgresql:
                connection.execute(text("SELECT pg_advisory_xact_lock(1)"))
            tail = connection.execute(text("SELECT seq FROM bench_chain ORDER BY seq DESC LIMIT 1")).scalar()
            for _ in range(SHAPE_INSERTS):
                connection.execute(text("INSERT INTO bench_row (note) VALUES (:note)"), {"note": "x"})
            connection.execute(text("INSERT INTO bench_chain (seq) VALUES (:seq)"), {"seq": (tail or 0) + 1})
        return "ok"

    return app


def prepare(database_url: str, instance: Path) -> None:
    """Fresh schema by migration, an admin with a key pair, rings initialised, an Inspektorat
    officer with an e-mail address, the bare table."""
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(instance)
    from flask_migrate import upgrade
    from sqlalchemy import create_engine, text

    if database_url.startswith("postgresql"):
        engine = create_engine(database_url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    from gratifikasi import create_app
    from gratifikasi.admin import services as admin_services
    from gratifikasi.auth.services import find_officer
    from gratifikasi.extensions import db
    from gratifikasi.keyring import officers as key_officers
    from gratifikasi.keyring import rings
    from gratifikasi.models import Role

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "PASSWORD_HASH_FAST": True})
    with app.app_context():
        upgrade()
        admin_services.import_units_csv("kode,nama,jenis\nINSPEKTORAT,Inspektorat,inspektorat\n")
        admin_services.create_officer(username="admin", full_name="Admin", role=Role.admin,
                                      unit_code="INSPEKTORAT", password="kalimat-sandi-bench", totp_secret=None)
        # The officer told of each new complaint (an outbox e-mail per submission).
        admin_services.create_officer(username="irban", full_name="Irban", role=Role.inspektorat,
                                      unit_code="INSPEKTORAT", password="kalimat-sandi-bench",
                                      email="irban@example.invalid", totp_secret=None)
        admin = find_officer("admin")
        key_officers.enrol(admin, "kalimat-sandi-bench")
        key_officers.confirm_recovery_stored(admin)
        rings.init_rings(admin)
        identity = " GENERATED ALWAYS AS IDENTITY" if database_url.startswith("postgresql") else ""
        db.session.execute(text(f"CREATE TABLE bench_row (id INTEGER PRIMARY KEY{identity}, note VARCHAR(10))"))
        db.session.execute(text(f"CREATE TABLE bench_ref (id INTEGER PRIMARY KEY{identity}, note VARCHAR(40))"))
        db.session.execute(text("CREATE TABLE bench_chain (seq INTEGER NOT NULL)"))
        db.session.execute(text("CREATE INDEX bench_chain_seq ON bench_chain (seq)"))
        for number in range(12):  # about the size of a small agency's units or settings
            db.session.execute(text("INSERT INTO bench_ref (note) VALUES (:note)"), {"note": f"referensi {number}"})
        db.session.commit()
        db.engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(target: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "--chdir", str(ROOT), target],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError(f"{target} did not start")


def request(port: int, method: str, path: str, body: str = "", cookie: str = "") -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, text


def complaint_client(port: int) -> tuple[str, str]:
    """Press "Mulai", open the form: the session cookie and a CSRF token for this client."""
    _status, headers, _ = request(port, "POST", "/pengaduan/mulai")
    cookie = headers["set-cookie"].split(";", 1)[0]
    _status, headers, page = request(port, "GET", "/pengaduan/formulir", cookie=cookie)
    if "set-cookie" in headers:  # the CSRF secret joins the session now
        cookie = headers["set-cookie"].split(";", 1)[0]
    return cookie, csrf_token(page)


def csrf_token(page: str) -> str:
    """The CSRF token of the page's form (either attribute order)."""
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert token, "no CSRF token on the page"
    return token.group(1)


def drive(port: int, total: int, concurrency: int, kind: str) -> list[float]:
    """``total`` requests from ``concurrency`` threads; latencies in seconds."""
    latencies: list[float] = []
    lock = threading.Lock()
    per_thread = total // concurrency
    failures: list[int] = []

    def worker() -> None:
        cookie, body = "", ""
        if kind == "complaint":
            cookie, token = complaint_client(port)
            body = urlencode({**FORM, "csrf_token": token})
        path = {"complaint": "/pengaduan/formulir", "bare": "/insert", "shape": "/shape"}[kind]
        mine = []
        for _ in range(per_thread):
            started = time.perf_counter()
            status, _headers, _ = request(port, "POST", path, body, cookie)
            mine.append(time.perf_counter() - started)
            if status != (302 if kind == "complaint" else 200):  # a 200 form page is a refused submission
                failures.append(status)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        print(f"  warning: {len(failures)} {kind} requests failed (statuses {sorted(set(failures))})")
    return latencies


def summary(name: str, latencies: list[float], elapsed: float) -> float:
    ordered = sorted(latencies)
    rps = len(ordered) / elapsed
    p50 = ordered[len(ordered) // 2] * 1000
    p95 = ordered[int(len(ordered) * 0.95) - 1] * 1000
    print(f"{name:<22} {rps:8.1f} req/s   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   (n={len(ordered)})")
    return rps


def code_login_ms(database_url: str, rounds: int) -> tuple[float, float]:
    """The mailbox login with a valid receipt code (in-process, bench/code_login.py): its SQL
    statements and median server time, printed. Returns (service ms, whole request ms)."""
    from bench.code_login import mailbox_login

    figures = mailbox_login(database_url, rounds)
    print(figures.line("mailbox login (/pengaduan/kotak)", rounds))
    return figures.service_ms, figures.request_ms


def report_login_ms(database_url: str, rounds: int) -> tuple[float, float]:
    """The same for the status page of a gratification report (number and access code)."""
    from bench.code_login import report_status_login

    figures = report_status_login(database_url, rounds)
    print(figures.line("report status login (/laporan-gratifikasi/status)", rounds))
    return figures.service_ms, figures.request_ms


class _SessionClock:
    """CPU time spent inside SQLAlchemy session calls (statements, flushes with the app's flush
    hooks, commits), outermost call only; the rest of a request is Flask, forms, crypto, views."""

    NAMES = ("execute", "scalar", "scalars", "get", "flush", "commit")

    def __init__(self) -> None:
        from sqlalchemy.orm import Session

        self.session_class, self.spent, self.depth = Session, 0.0, 0
        self.originals = {name: getattr(Session, name) for name in self.NAMES}

    def __enter__(self) -> "_SessionClock":
        for name, original in self.originals.items():
            setattr(self.session_class, name, self._timed(original))
        return self

    def __exit__(self, *exc: object) -> None:
        for name, original in self.originals.items():
            setattr(self.session_class, name, original)

    def _timed(self, original):
        def timed(session, *args, **kwargs):
            if self.depth:
                return original(session, *args, **kwargs)
            self.depth += 1
            started = time.process_time()
            try:
                return original(session, *args, **kwargs)
            finally:
                self.spent += time.process_time() - started
                self.depth -= 1
        return timed


def submission_cost(database_url: str, rounds: int) -> tuple[int, float, float]:
    """SQL statements of one portal submission, its median CPU time in-process (test client,
    no HTTP server) and the median part of it spent in SQLAlchemy session calls: where a change
    to the submission path shows first."""
    from sqlalchemy import event

    from gratifikasi import create_app
    from gratifikasi.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    client.post("/pengaduan/mulai")
    page = client.get("/pengaduan/formulir").get_data(as_text=True)
    body = {**FORM, "csrf_token": csrf_token(page)}
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    timings, in_session = [], []
    with _SessionClock() as session_clock:
        for _ in range(rounds):
            statements.clear()
            session_clock.spent = 0.0
            started = time.process_time()
            assert client.post("/pengaduan/formulir", data=body).status_code == 302
            timings.append(time.process_time() - started)
            in_session.append(session_clock.spent)
    return len(statements), statistics.median(timings) * 1000, statistics.median(in_session) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        database_url = args.database or f"sqlite:///{instance / 'bench.sqlite3'}"
        prepare(database_url, instance)
        env = dict(os.environ, BENCH_DATABASE_URL=database_url, GRATIFIKASI_INSTANCE_PATH=str(instance),
                   GRATIFIKASI_SQLALCHEMY_DATABASE_URI=database_url, GRATIFIKASI_RATELIMIT_ENABLED="false",
                   GRATIFIKASI_SESSION_COOKIE_SECURE="false")
        full_port, bare_port = free_port(), free_port()
        servers = [serve("wsgi:app", full_port, env), serve("bench.submit:bare_app()", bare_port, env)]
        try:
            print(f"database: {database_url.split('://')[0]}, gunicorn 2 workers each, {args.concurrency} clients")
            drive(bare_port, args.concurrency * 2, args.concurrency, "bare")  # warm-up
            drive(full_port, args.concurrency * 2, args.concurrency, "complaint")
            drive(bare_port, args.concurrency * 2, args.concurrency, "shape")
            results = {}
            for kind, port, label in (("bare", bare_port, "bare insert"), ("shape", bare_port, "same-shape SQL"),
                                      ("complaint", full_port, "complaint submission")):
                started = time.perf_counter()
                latencies = drive(port, args.requests, args.concurrency, kind)
                results[kind] = summary(label, latencies, time.perf_counter() - started)
            print(f"ratio complaint/bare: {results['complaint'] / results['bare']:.2f} (target >= 0.50)")
            print(f"ratio complaint/same-shape SQL: {results['complaint'] / results['shape']:.2f} "
                  f"(same statements as plain SQL; the gap is the app's Python work)")
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
        count, cpu_ms, session_ms = submission_cost(database_url, 50)
        print(f"one complaint submission in-process: {count} SQL statements, {cpu_ms:.1f} ms CPU (median of 50), "
              f"of which {session_ms:.1f} ms in SQLAlchemy session calls and {cpu_ms - session_ms:.1f} ms elsewhere")
        code_login_ms(database_url, 50)
        report_login_ms(database_url, 50)


if __name__ == "__main__":
    main()
