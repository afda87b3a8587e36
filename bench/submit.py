"""Benchmark: a full anonymous complaint submission against a bare one-row insert.

Run: ``.venv/bin/python bench/submit.py [--database URL] [--concurrency 16] [--requests 400]``

Starts two gunicorn servers (2 workers each) on the same database: the real app, and a bare
Flask app whose only endpoint inserts one row. Both are driven with the same concurrency; it
prints requests per second, p50 and p95 for each and the ratio. A full submission is the real
thing: CSRF check, form validation, sealing to the case ring, inserts, audit entry, outbox,
receipt hold. Then, in-process, it counts the SQL statements and CPU time of one submission
and times a reporter's login with the receipt code (server time only). Figures only, no
assertions. Default database: a fresh SQLite file; PostgreSQL is closer to production
(``--database postgresql+psycopg://postgres@127.0.0.1/bench``; the schema in it is dropped
and re-created).
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


def bare_app():  # gunicorn "bench.submit:bare_app()"
    """The baseline: one endpoint that inserts one row and answers 200."""
    from flask import Flask
    from sqlalchemy import create_engine, text

    app = Flask("bare")
    engine = create_engine(os.environ["BENCH_DATABASE_URL"])

    @app.post("/insert")
    def insert() -> str:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO bench_row (note) VALUES (:note)"), {"note": "x"})
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
        db.session.execute(text("CREATE TABLE bench_row (id INTEGER PRIMARY KEY"
                                + (" GENERATED ALWAYS AS IDENTITY" if database_url.startswith("postgresql") else "")
                                + ", note VARCHAR(10))"))
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
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert token, "no CSRF token on the form"
    return cookie, token.group(1)


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
        mine = []
        for _ in range(per_thread):
            started = time.perf_counter()
            status, _headers, _ = request(port, "POST", "/pengaduan/formulir" if kind == "complaint" else "/insert",
                                          body, cookie)
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


def code_login_ms(database_url: str, rounds: int) -> float:
    """Median server time of a mailbox login with a valid receipt code (in-process)."""
    from gratifikasi import create_app
    from gratifikasi.complaints import services
    from gratifikasi.models import ComplaintCategory

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False})
    with app.test_request_context("/pengaduan/kotak", method="POST"):
        code = services.submit_complaint(
            services.ComplaintInput(category=ComplaintCategory.lainnya, apa="Uraian untuk mengukur login kode.")
        ).code.display
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            result = services.open_mailbox(code)
            timings.append(time.perf_counter() - started)
            assert result.ok
    return statistics.median(timings) * 1000


def submission_cost(database_url: str, rounds: int) -> tuple[int, float]:
    """SQL statements of one portal submission and its median CPU time in-process (test client,
    no HTTP server): where a change to the submission path shows first."""
    from sqlalchemy import event

    from gratifikasi import create_app
    from gratifikasi.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    client.post("/pengaduan/mulai")
    page = client.get("/pengaduan/formulir").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token, "no CSRF token on the form"
    body = {**FORM, "csrf_token": token.group(1)}
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    timings = []
    for _ in range(rounds):
        statements.clear()
        started = time.process_time()
        assert client.post("/pengaduan/formulir", data=body).status_code == 302
        timings.append(time.process_time() - started)
    return len(statements), statistics.median(timings) * 1000


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
            results = {}
            for kind, port, label in (("bare", bare_port, "bare insert"), ("complaint", full_port, "complaint submission")):
                started = time.perf_counter()
                latencies = drive(port, args.requests, args.concurrency, kind)
                results[kind] = summary(label, latencies, time.perf_counter() - started)
            print(f"ratio complaint/bare: {results['complaint'] / results['bare']:.2f} (target >= 0.50)")
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
        count, cpu_ms = submission_cost(database_url, 50)
        print(f"one complaint submission in-process: {count} SQL statements, {cpu_ms:.1f} ms CPU (median of 50)")
        print(f"receipt-code login, server time (median of 50): {code_login_ms(database_url, 50):.2f} ms (target < 5 ms)")


if __name__ == "__main__":
    main()
