"""Benchmark: the two receipt-code logins with the right code (issue 14 item 4).

Run alone: ``.venv/bin/python bench/code_login.py [--database URL] [--rounds 50]`` (the schema
of the database is dropped and re-created, as bench/submit.py does; that script prints the same
lines after its submission figures).

For the complaint mailbox (``/pengaduan/kotak``) and the status page of a gratification report
(``/laporan-gratifikasi/status``), in-process on the given database: the SQL statements of one
login POST with a warm worker, the median server time of the whole request (CSRF, form, code
check, the browser's access row, session cookie; timed inside the app's WSGI call, so the test
client's own work is left out) with its CPU part, and the median time of the service call alone
(code check and opening). Targets: at most 3 statements and under 3 ms. Figures only.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

# bench/queue.py would shadow the standard library's queue module: drop this folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.submit_http import csrf_token  # noqa: E402

# A gratification report as its public form posts it (the status login's record).
REPORT_FORM = {
    "jenis_laporan": "penerimaan", "nama": "Pelapor Bench", "nik": "3575014507850003",
    "nip": "198507152010012003", "tempat_lahir": "Pasuruan", "tanggal_lahir": "1985-07-15", "jabatan": "Staf",
    "instansi": "Pemkot", "alamat": "Jl. Bench 1", "telepon": "0343 4210099", "email": "",
    "pemberi_nama": "CV Pemberi", "pemberi_instansi": "", "pemberi_alamat": "",
    "hubungan_pemberi": "pihak_terkait_tugas", "alasan_pemberian": "", "jenis_peristiwa": "tugas_pelayanan",
    "tempat_penerimaan": "Kantor", "kronologi": "Amplop setelah rapat.",
    "objects-0-jenis_objek": "makanan_hidangan", "objects-0-uraian": "Parsel makanan",
    "objects-0-nilai_taksiran": "750.000", "objects-0-lokasi_objek": "disalurkan_sosial", "kirim": "Kirim laporan",
}


@dataclass(frozen=True)
class LoginFigures:
    statements: list[str]
    request_ms: float  # whole request, wall (median)
    request_cpu_ms: float  # its CPU part (median)
    service_ms: float  # the service call alone, wall (median)

    def line(self, name: str, rounds: int) -> str:
        return (f"{name}, right code: {len(self.statements)} SQL statements; server time (median of {rounds}) "
                f"{self.request_ms:.2f} ms whole request ({self.request_cpu_ms:.2f} ms CPU), "
                f"{self.service_ms:.2f} ms code check and opening alone (target <= 3 statements, < 3 ms)")


def _app(database_url: str) -> Any:
    from gratifikasi import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False,
                       "SESSION_COOKIE_SECURE": False})


def _median_ms(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


def _requests(app: Any, path: str, fields: dict[str, str], rounds: int) -> tuple[list[str], float, float]:
    """One browser sends the login form ``rounds`` times (CSRF on): the statements of the last
    (warm) login, and the median wall and CPU time inside the app's WSGI call."""
    from sqlalchemy import event

    from gratifikasi.extensions import db

    client = app.test_client()
    body = {**fields, "csrf_token": csrf_token(client.get(path).get_data(as_text=True))}
    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    wall: list[float] = []
    cpu: list[float] = []
    served = app.wsgi_app

    def timed(environ: Any, start_response: Any) -> Any:
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            return served(environ, start_response)
        finally:
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)

    app.wsgi_app = timed
    event.listen(engine, "before_cursor_execute", listener)
    try:
        for _ in range(rounds):
            statements.clear()
            response = client.post(path, data=body)
            assert response.status_code == 302, response.status_code
    finally:
        event.remove(engine, "before_cursor_execute", listener)
        app.wsgi_app = served
    return list(statements), _median_ms(wall), _median_ms(cpu)


def mailbox_login(database_url: str, rounds: int) -> LoginFigures:
    """A complaint through the portal's service, then its reporter's mailbox logins."""
    from gratifikasi.complaints import intake, mailbox
    from gratifikasi.models import ComplaintCategory

    app = _app(database_url)
    with app.test_request_context("/pengaduan/kotak", method="POST"):
        code = intake.submit_complaint(
            intake.ComplaintInput(category=ComplaintCategory.lainnya, apa="Uraian untuk mengukur login kode.")
        ).code.display
        service = []
        for _ in range(rounds):
            started = time.perf_counter()
            assert mailbox.open_mailbox(code, client="bench").ok
            service.append(time.perf_counter() - started)
    statements, request_ms, cpu_ms = _requests(app, "/pengaduan/kotak", {"kode": code}, rounds)
    return LoginFigures(statements, request_ms, cpu_ms, _median_ms(service))


def report_status_login(database_url: str, rounds: int) -> LoginFigures:
    """A report sent through the public form (its receipt shows the number and the code),
    then its reporter's status-page logins."""
    from gratifikasi.reports import services as reports

    app = _app(database_url)
    client = app.test_client()
    page = client.get("/laporan-gratifikasi").get_data(as_text=True)
    unit = re.search(r'<option[^>]*value="(\d+)"', page)
    nonce = re.search(r'name="nonce" value="([^"]+)"', page)
    assert unit and nonce, "no unit or form nonce on the report form"
    received = (date.today() - timedelta(days=3)).isoformat()  # not a late report
    receipt = client.post("/laporan-gratifikasi", data={
        **REPORT_FORM, "unit_id": unit.group(1), "nonce": nonce.group(1), "tanggal_penerimaan": received,
        "csrf_token": csrf_token(page)}, follow_redirects=True)  # to the receipt page
    assert receipt.status_code == 200, receipt.status_code
    html = receipt.get_data(as_text=True)
    number = re.search(r'data-testid="nomor-laporan">(GRT-\d{4}-\d{6})<', html)
    code = re.search(r'data-testid="kode-akses">([A-Z0-9-]+)<', html)
    assert number and code, "no number or code on the receipt"
    fields = {"nomor": number.group(1), "kode": code.group(1)}
    with app.test_request_context("/laporan-gratifikasi/status", method="POST"):
        service = []
        for _ in range(rounds):
            started = time.perf_counter()
            assert reports.open_with_code(fields["nomor"], fields["kode"], client="bench").result.ok
            service.append(time.perf_counter() - started)
    statements, request_ms, cpu_ms = _requests(app, "/laporan-gratifikasi/status", fields, rounds)
    return LoginFigures(statements, request_ms, cpu_ms, _median_ms(service))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="")
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--statements", action="store_true", help="also print each login's statements")
    args = parser.parse_args()
    from bench.submit import prepare

    with tempfile.TemporaryDirectory() as folder:
        database_url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        prepare(database_url, Path(folder))
        print(f"database: {database_url.split('://')[0]}")
        for name, measure in (("mailbox login", mailbox_login), ("report status login", report_status_login)):
            figures = measure(database_url, args.rounds)
            print(figures.line(name, args.rounds))
            if args.statements:
                for number, sql in enumerate(figures.statements, 1):
                    print(f"  {number}. {' '.join(sql.split())}")


if __name__ == "__main__":
    main()
