"""Benchmark: complaint and gratification report submissions against a bare one-row insert.

Run (PostgreSQL is what the issue's targets mean; its schema is dropped and re-created)::

    createdb -h 127.0.0.1 -U postgres bench_submit
    .venv/bin/python bench/submit.py --database postgresql+psycopg://postgres@127.0.0.1:5432/bench_submit

Without ``--database`` it runs on a fresh SQLite file (no advisory lock there: "n/a on SQLite").
Options: ``--concurrency 16`` clients, ``--requests 400`` per path, ``--ports 5121-5129`` (the
two gunicorn servers take the first free ones), ``--shape READS,INSERTS`` (the same-shape
baseline, below), ``--no-nonce`` (complaints leave out the form's nonce, which a browser
sends, and so skip the repeat check; the report form always needs it), ``--show-sql``.

Two gunicorn servers (the project's gunicorn.conf.py, 2 sync workers each) on one database:
the real app, served through ``bench.submit_probe`` (which measures the audit lock, see there),
and a bare Flask app (:func:`bare_app`). Each path is driven by the same number of clients,
one after the other, after a warm-up. Printed per path:

- req/s (stored submissions per second; a refused one is reported and left out), p50 and
  p95 of the POST alone (each client opens its forms, for the CSRF token and nonce, before
  the phase starts: ``submit_http.submissions``) for ``bare insert`` (one row, the issue's
  baseline); ``same-shape SQL`` (plain SQL in one transaction: READS reads of a 12-row
  table, INSERTS one-row inserts, then the chain lock with its tail read, and the insert, then
  COMMIT; default ``2,1`` = the lean submission's 5 statements (generation, ids, the rows;
  the chain), ``10,7`` = about the 20 from before issue 14; its gap to a submission is the
  app's Python work); ``complaint`` (the anonymous 5W2H form: CSRF, validation, sealing, rows,
  audit, outbox, receipt hold, and the form's nonce as a browser sends it, unless
  ``--no-nonce``); ``report`` (the gratification report
  form: every required field, one object, no e-mail as it is optional, and its nonce, which
  that form requires);
- gunicorn CPU per request: the workers' utime + stime (/proc/<pid>/stat of the master's
  children, SC_CLK_TCK ticks) over the phase, divided by its POSTs;
- the audit lock (PostgreSQL): p50/p95 of the wait for ``pg_advisory_xact_lock`` and of the
  time it is held, from the lock being granted until COMMIT has returned. On the same-shape
  line it is that endpoint's own lock: the same statements without the app's Python.

Then the ratios to the bare insert against the issue's targets (>= 0.30, p95 < 60 ms, <= 5 ms
CPU), and in-process (test client, no server) for one complaint and one report submission:
its SQL statements, split where COMMIT falls (a report answered with its receipt page renders
it in the same request, after COMMIT), median CPU and the part of it inside SQLAlchemy session calls; and the
receipt-code logins' statements and server time, mailbox and report status page
(``bench/code_login.py``). Figures only, no assertions.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/queue.py would shadow the standard library's queue module: drop this folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from bench import submit_http, submit_probe  # noqa: E402
from bench.submit_http import COMPLAINT_FORM as FORM  # noqa: E402
from bench.submit_http import csrf_token, first_unit, hidden_nonce, report_form  # noqa: E402

TARGET_RATIO, TARGET_P95_MS, TARGET_CPU_MS, TARGET_STATEMENTS = 0.30, 60, 5, 6


def bare_app():  # gunicorn "bench.submit:bare_app()"
    """The baselines: ``/insert`` inserts one row and answers 200; ``/shape`` runs, in one
    transaction, BENCH_SHAPE's reads and inserts, then the chain lock with the tail read, and the insert."""
    from flask import Flask
    from sqlalchemy import create_engine, text

    submit_probe.install()
    app = Flask("bare")
    engine = create_engine(os.environ["BENCH_DATABASE_URL"])
    postgresql = engine.dialect.name == "postgresql"
    reads, inserts = (int(n) for n in os.environ.get("BENCH_SHAPE", "2,1").split(","))

    @app.post("/insert")
    def insert() -> str:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO bench_row (note) VALUES (:note)"), {"note": "x"})
        return "ok"

    @app.post("/shape")
    def shape() -> str:
        with engine.begin() as connection:
            for _ in range(reads):
                connection.execute(text("SELECT id, note FROM bench_ref")).all()
            for _ in range(inserts):
                connection.execute(text("INSERT INTO bench_row (note) VALUES (:note)"), {"note": "x"})
            # The lock and the tail in one statement, as the app's audit_chain_tail() call (SQLite
            # has no advisory lock: the read alone).
            lock = "pg_advisory_xact_lock(1), " if postgresql else ""
            tail = connection.execute(text(f"SELECT {lock}(SELECT seq FROM bench_chain ORDER BY seq DESC LIMIT 1)")  # nosec
                                      ).all()[0][-1]
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


def submission_cost(database_url: str, rounds: int, kind: str = "complaint",
                    nonce: bool = False) -> tuple[list[str], float, float]:
    """The SQL statements of one portal submission (``complaint`` or ``report``; "COMMIT"
    marks where a transaction was committed), its median CPU time in-process (test client, no
    HTTP server) and the median part of it spent in SQLAlchemy session calls: where a change to
    the submission path shows first. Opening the form (a report's, or a complaint's with
    ``nonce``: before each one) is neither counted nor timed."""
    from sqlalchemy import event

    from gratifikasi import create_app
    from gratifikasi.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    path = "/pengaduan/formulir" if kind == "complaint" else "/laporan-gratifikasi"
    if kind == "complaint":
        client.post("/pengaduan/mulai")
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        event.listen(db.engine, "commit", lambda *args: statements.append("COMMIT"))
    timings, in_session = [], []
    with _SessionClock() as session_clock:
        for _ in range(rounds):
            page = client.get(path).get_data(as_text=True)
            body = {**(FORM if kind == "complaint" else report_form(first_unit(page))), "csrf_token": csrf_token(page)}
            if kind == "report" or nonce:
                body["nonce"] = hidden_nonce(page)
            statements.clear()
            session_clock.spent = 0.0
            started = time.process_time()
            response = client.post(path, data=body)
            timings.append(time.process_time() - started)
            in_session.append(session_clock.spent)
            headers = {name.lower(): value for name, value in response.headers.items()}
            assert submit_http.accepted(kind, response.status_code, headers, response.get_data(as_text=True)), \
                response.status_code
    return list(statements), statistics.median(timings) * 1000, statistics.median(in_session) * 1000


def _counted(statements: list[str]) -> str:
    """``13 SQL statements (12 + COMMIT + 1)``: the statements and where the commits fell."""
    groups = [0]
    for statement in statements:
        if statement == "COMMIT":
            groups.append(0)
        else:
            groups[-1] += 1
    shown = " + COMMIT + ".join(str(n) for n in groups)
    return f"{sum(groups)} SQL statements ({shown.removesuffix(' + 0')})"


def _lock_figures(postgresql: bool, waits: list[float], holds: list[float]) -> str:
    if not postgresql:
        return "n/a on SQLite"
    if not holds:
        return "no lock taken"
    pct = submit_http.percentile
    return (f"wait {pct(waits, .5) * 1000:5.1f}/{pct(waits, .95) * 1000:6.1f}  "
            f"held {pct(holds, .5) * 1000:5.1f}/{pct(holds, .95) * 1000:5.1f}  (n={len(holds)})")


def run_http(args: argparse.Namespace, database_url: str, instance: Path) -> None:
    """The four paths over HTTP; prints one line each and the ratios."""
    probe_dir = instance / "probe"
    probe_dir.mkdir()
    env = dict(os.environ, BENCH_DATABASE_URL=database_url, GRATIFIKASI_INSTANCE_PATH=str(instance),
               GRATIFIKASI_SQLALCHEMY_DATABASE_URI=database_url, GRATIFIKASI_RATELIMIT_ENABLED="false",
               GRATIFIKASI_SESSION_COOKIE_SECURE="false", BENCH_PROBE_DIR=str(probe_dir), BENCH_SHAPE=args.shape)
    ports = submit_http.port_range(args.ports)
    full_port = submit_http.free_port(ports)
    full = submit_http.serve("bench.submit_probe:probed_app()", full_port, env)
    servers = [full]
    try:
        bare_port = submit_http.free_port(ports)
        servers.append(submit_http.serve("bench.submit:bare_app()", bare_port, env))
        postgresql = database_url.startswith("postgresql")
        reads, inserts = (int(n) for n in args.shape.split(","))
        paths = (("bare", servers[1], bare_port, "bare insert"),
                 ("shape", servers[1], bare_port, f"same-shape SQL ({reads + inserts + 2} st.)"),
                 ("complaint", full, full_port, "complaint submission"),
                 ("report", full, full_port, "report submission"))
        print(f"database: {database_url.split('://')[0]}, gunicorn.conf.py with 2 sync workers per server, "
              f"{args.concurrency} clients, {args.requests} requests per path"
              f"{'' if args.nonce else ', complaints without nonce'}, load average {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} CPUs (the targets mean a quiet machine)")
        for kind, server, port, _label in paths:  # warm-up: connections, caches, templates
            submit_http.drive(server.pid, port, args.concurrency * 2, args.concurrency, kind, args.nonce)
        print(f"{'path':<26} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms/req':>10}   audit lock p50/p95 ms")
        results = {}
        for kind, server, port, label in paths:
            phase = submit_http.drive(server.pid, port, args.requests, args.concurrency, kind, args.nonce)
            waits, holds = submit_probe.read_holds(probe_dir, *phase.window)
            results[kind] = phase
            print(f"{label:<26} {phase.rps:7.1f} {phase.p50:7.1f} {phase.p95:7.1f} {phase.cpu_ms:10.2f}   "
                  f"{_lock_figures(postgresql, waits, holds) if kind != 'bare' else '-'}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
    for kind in ("complaint", "report"):
        phase = results[kind]
        print(f"{kind}/bare: {phase.rps / results['bare'].rps:.2f} (target >= {TARGET_RATIO:.2f}), "
              f"p95 {phase.p95:.1f} ms (target < {TARGET_P95_MS} ms), gunicorn CPU {phase.cpu_ms:.2f} ms/request"
              f"{f' (target <= {TARGET_CPU_MS} ms)' if kind == 'complaint' else ''}")
    print(f"complaint/same-shape SQL: {results['complaint'].rps / results['shape'].rps:.2f} "
          "(the shape's statements as plain SQL; the gap is the app's Python work)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--ports", default="5121-5129", help="range for the two gunicorn servers")
    parser.add_argument("--shape", default="2,1", help="same-shape baseline: READS,INSERTS before the chain")
    parser.add_argument("--no-nonce", dest="nonce", action="store_false",
                        help="complaints leave out the form's nonce (a browser sends it)")
    parser.add_argument("--show-sql", action="store_true", help="print each in-process statement (no values)")
    args = parser.parse_args()
    started = time.perf_counter()

    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        database_url = args.database or f"sqlite:///{instance / 'bench.sqlite3'}"
        prepare(database_url, instance)
        run_http(args, database_url, instance)
        for kind in ("complaint", "report"):
            statements, cpu_ms, session_ms = submission_cost(database_url, 50, kind, args.nonce)
            print(f"one {kind} submission in-process: {_counted(statements)} "
                  f"(target <= {TARGET_STATEMENTS}), {cpu_ms:.1f} ms CPU (median of 50), of which "
                  f"{session_ms:.1f} ms in SQLAlchemy session calls and {cpu_ms - session_ms:.1f} ms elsewhere")
            for statement in statements if args.show_sql else ():
                print("    " + " ".join(statement.split())[:150])
        code_login_ms(database_url, 50)
        report_login_ms(database_url, 50)
    print(f"bench time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
