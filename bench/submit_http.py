"""HTTP side of bench/submit.py: gunicorn servers, the clients that fill the forms, the load
driver, and the gunicorn workers' CPU time read from /proc.

Each client thread is one browser: it opens its forms first (:func:`submissions`), then all
post together and only the POSTs are timed and counted.
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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent

COMPLAINT_FORM = {
    "kategori": "suap_pemerasan",
    "apa": "Petugas loket meminta uang pelicin untuk mempercepat izin usaha.",
    "terlapor_nama": "Budi Santoso",
    "di_mana": "Loket 3",
    "berapa_nilai": "1.500.000",
    "identitas": "anonim",
    "itikad_baik": "y",
}


def report_form(unit_id: str) -> dict[str, str]:
    """Every field the report form requires (reports/forms.py ReportForm), one object, no
    e-mail (it is optional: without it no outbox e-mail goes to the reporter) and no NIP."""
    received = date.today() - timedelta(days=2)  # recent: not a late report
    return {
        "jenis_laporan": "penerimaan", "nama": "Siti Rahayu", "nik": "3273014507850002",
        "tempat_lahir": "Bandung", "tanggal_lahir": "1985-07-05", "jabatan": "Analis Perizinan",
        "unit_id": unit_id, "instansi": "Pemerintah Kota", "alamat": "Jl. Merdeka 10, Bandung",
        "telepon": "0812 3456 7890", "pemberi_nama": "PT Contoh Jaya", "hubungan_pemberi": "pihak_terkait_tugas",
        "jenis_peristiwa": "tugas_pelayanan", "tanggal_penerimaan": received.isoformat(),
        "tempat_penerimaan": "Kantor dinas", "kronologi": "Setelah rapat perizinan, pemohon menitipkan bingkisan.",
        "objects-0-jenis_objek": "lainnya", "objects-0-uraian": "Bingkisan berisi kain batik.",
        "objects-0-nilai_taksiran": "750.000", "objects-0-lokasi_objek": "disimpan_pelapor",
        "kirim": "Kirim laporan",
    }


def port_range(spec: str) -> Iterator[int]:
    """Ports from ``"5121-5129"``, in order."""
    low, _, high = spec.partition("-")
    return iter(range(int(low), int(high or low) + 1))


def free_port(ports: Iterator[int]) -> int:
    """The next port of the range that nothing listens on (connections of an earlier run
    waiting out TIME_WAIT do not count: gunicorn binds with SO_REUSEADDR too)."""
    for port in ports:
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port left in the --ports range")


def serve(target: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    """gunicorn with the project's gunicorn.conf.py and 2 workers, access log off."""
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "--chdir", str(ROOT), target],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(400):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            if len(worker_pids(process.pid)) >= 2:
                return process
        except OSError:
            pass
        time.sleep(0.05)
    process.terminate()
    raise RuntimeError(f"{target} did not start")


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's children (its workers), from /proc."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(entry))
    return pids


def worker_cpu_seconds(master: int) -> float:
    """utime + stime of the master's workers so far, in seconds."""
    ticks = 0
    for pid in worker_pids(master):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of stat
    return ticks / os.sysconf("SC_CLK_TCK")


def request(port: int, method: str, path: str, body: str = "", cookie: str = "") -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, text


def csrf_token(page: str) -> str:
    """The CSRF token of the page's form (either attribute order)."""
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert token, "no CSRF token on the page"
    return token.group(1)


def hidden_nonce(page: str) -> str:
    nonce = re.search(r'name="nonce" value="([^"]+)"', page)
    assert nonce, "no nonce on the page"
    return nonce.group(1)


def first_unit(page: str) -> str:
    select = re.search(r'name="unit_id"[^>]*>(.*?)</select>', page, re.S)
    unit = select and re.search(r'value="(\d+)"', select.group(1))
    assert unit, "no unit to choose on the report form"
    return unit.group(1)


def _cookie(headers: dict[str, str], current: str) -> str:
    return headers["set-cookie"].split(";", 1)[0] if "set-cookie" in headers else current


def complaint_client(port: int) -> tuple[str, str]:
    """Press "Mulai", open the form: the session cookie and a CSRF token for this client."""
    _status, headers, _ = request(port, "POST", "/pengaduan/mulai")
    cookie = _cookie(headers, "")
    _status, headers, page = request(port, "GET", "/pengaduan/formulir", cookie=cookie)
    return _cookie(headers, cookie), csrf_token(page)  # the CSRF secret joins the session now


def submissions(port: int, kind: str, count: int, nonce: bool = False) -> list[tuple[str, str, str]]:
    """What one browser will POST, opened beforehand: (path, body, cookie) per submission.

    A form's nonce lives in the session cookie, and the session is a signed cookie, so a
    browser may hold several open forms, one cookie each: the report form (one submission per
    form) and a complaint with ``nonce`` open a form per submission here, before the timed
    phase, so neither the latency, the rate nor the CPU figure includes opening forms."""
    if kind in ("bare", "shape"):
        return [(f"/{'insert' if kind == 'bare' else 'shape'}", "", "")] * count
    if kind == "complaint":
        cookie, token = complaint_client(port)  # press "Mulai", open the form
        if not nonce:  # a form from before this session: stored without the repeat check
            return [("/pengaduan/formulir", urlencode({**COMPLAINT_FORM, "csrf_token": token}), cookie)] * count
    else:
        cookie = ""
    opened = []
    for _ in range(count):  # every GET shows the form with a new nonce, in a new session cookie
        path = "/pengaduan/formulir" if kind == "complaint" else "/laporan-gratifikasi"
        _status, headers, page = request(port, "GET", path, cookie=cookie)
        fields = COMPLAINT_FORM if kind == "complaint" else report_form(first_unit(page))
        body = urlencode({**fields, "csrf_token": csrf_token(page), "nonce": hidden_nonce(page)})
        opened.append((path, body, _cookie(headers, cookie)))
        cookie = cookie or opened[-1][2]
    return opened


def accepted(kind: str, status: int, headers: dict[str, str], page: str) -> bool:
    """A stored submission, not a refused form (which would count as a fast success): sent on
    to its receipt page, or (a report before post/redirect/get) shown its receipt at once."""
    if kind in ("complaint", "report"):
        to_receipt = status in (302, 303) and "/tanda-terima" in headers.get("location", "")
        return to_receipt or (kind == "report" and status == 200 and 'data-testid="kode-akses"' in page)
    return status == 200


@dataclass
class Phase:
    """One measured path: ``rps`` (stored submissions per second), latency percentiles of all
    POSTs in ms, gunicorn CPU ms per POST, ``window``: its start and end on ``time.monotonic()``."""

    rps: float
    p50: float
    p95: float
    cpu_ms: float
    n: int
    refused: int
    window: tuple[float, float]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(len(ordered) * fraction) - 1))]


def drive(master: int, port: int, total: int, concurrency: int, kind: str, nonce: bool = False) -> Phase:
    """``total`` submissions from ``concurrency`` browsers: each opens its forms, then all
    start posting together; the clock and the workers' CPU count from that start."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    ready, go = threading.Barrier(concurrency + 1), threading.Event()

    def browser() -> None:
        posts, mine, refused = submissions(port, kind, total // concurrency, nonce), [], []
        ready.wait()
        go.wait()
        for path, body, cookie in posts:
            started = time.perf_counter()
            status, headers, page = request(port, "POST", path, body, cookie)
            mine.append(time.perf_counter() - started)
            if not accepted(kind, status, headers, page):
                refused.append(status)
        with lock:
            latencies.extend(mine)
            failures.extend(refused)

    threads = [threading.Thread(target=browser) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    ready.wait()
    cpu_before, since = worker_cpu_seconds(master), time.monotonic()
    go.set()
    for thread in threads:
        thread.join()
    until = time.monotonic()
    cpu = worker_cpu_seconds(master) - cpu_before
    if failures:
        print(f"  warning: {len(failures)} {kind} requests refused (statuses {sorted(set(failures))}), "
              "left out of req/s")
    return Phase((len(latencies) - len(failures)) / (until - since), percentile(latencies, 0.50) * 1000,
                 percentile(latencies, 0.95) * 1000, cpu / len(latencies) * 1000, len(latencies), len(failures),
                 (since, until))
