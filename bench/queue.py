"""Benchmark of the officer queue on PostgreSQL: 10,000 cases, then 1,000,000.

Run: ``.venv/bin/python bench/queue.py [--url postgresql+psycopg://postgres@127.0.0.1/queue_bench]
[--small 10000] [--large 1000000] [--repeat 60]``

The database named by ``--url`` is dropped and re-created. Case files are inserted with
``INSERT … SELECT generate_series`` (about 85 % closed, like a system in use for years;
open cases spread over 41 OPDs, two queues, due dates around today; 1 % recused for the
measured officer). For each size it times ``queries.queue_page`` (the ORM query the page
runs, 25 rows) for the first page, a deep page (keyset cursor far into the open cases) and
filtered views, and prints p50/p95 in milliseconds and the large/small ratio. It prints
figures only; nothing here asserts on time. Target: p95 < 100 ms at 1,000,000.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's ``queue`` module, which psycopg imports:
# take the script's own folder off the import path before anything imports it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date, datetime  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, select, text  # noqa: E402

TODAY = date(2026, 3, 2)

FILL = """
INSERT INTO case_file (kind, record_type, record_id, tracking_number, queue, handling_unit_id, unit_id,
                       category, status, status_changed_at, is_open, received_on, due_on, flag_kpk_aph,
                       assignee_id, created_at)
SELECT CASE WHEN g % 5 < 3 THEN 'gratifikasi' ELSE 'pengaduan' END,
       CASE WHEN g % 5 < 3 THEN 'gratification_report' ELSE 'complaint' END,
       g, 'BENCH-' || g,
       CASE WHEN g % 5 < 3 THEN 'upg' ELSE 'inspektorat' END,
       CAST(:handling AS integer), CAST(:first_unit AS integer) + (g * 7919) % 41,
       CASE WHEN g % 5 < 3 THEN (CASE WHEN g % 4 = 0 THEN 'penolakan' ELSE 'penerimaan' END)
            ELSE 'umum' END,
       CASE WHEN (g * 31) % 100 < 85 THEN 'selesai'
            WHEN g % 5 < 3 THEN (ARRAY['diterima_upg','diverifikasi','dianalisis_upg','diteruskan_kpk'])[1 + g % 4]
            ELSE (ARRAY['baru','ditelaah','dalam_pemeriksaan','diteruskan_opd'])[1 + g % 4] END,
       now(), (g * 31) % 100 >= 85,
       DATE '2021-03-02' + CAST((g * 104729) % 1826 AS integer),
       CASE WHEN (g * 31) % 100 < 85 THEN DATE '9999-12-31'
            ELSE DATE '2026-03-02' + CAST((g * 13) % 90 - 45 AS integer) END,
       g % 97 = 0, NULL, now()
FROM generate_series(CAST(:start AS bigint), CAST(:stop AS bigint)) AS g
"""

RECUSE = """
INSERT INTO case_recusal (case_id, officer_id, basis, created_at)
SELECT id, CAST(:officer AS integer), 'konflik', now() FROM case_file WHERE id BETWEEN :start AND :stop AND id % 100 = 0
"""


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def reset_database(url: str) -> None:
    base, _, name = url.rpartition("/")
    admin = create_engine(base + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def make_app(url: str):
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="queue-bench-")
    from gratifikasi import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "SECRET_KEY": "bench"})


def setup_schema(app) -> tuple[int, int, int]:
    """Migrate, then units and the measured officer. Returns (handling unit, first OPD, officer)."""
    from flask_migrate import upgrade

    from gratifikasi.extensions import db
    from gratifikasi.models import Officer, Role, Unit, UnitKind

    with app.app_context():
        upgrade()
        inspektorat = Unit(code="INSPEKTORAT", name="Inspektorat", kind=UnitKind.inspektorat, active=True)
        db.session.add(inspektorat)
        opds = [Unit(code=f"OPD{i:02d}", name=f"OPD {i}", kind=UnitKind.dinas, active=True) for i in range(41)]
        db.session.add_all(opds)
        db.session.flush()
        officer = Officer(username="bench", full_name="Petugas Bench", role=Role.upg, unit_id=inspektorat.id,
                          password_hash="-", password_changed_at=datetime(2026, 1, 1), created_at=datetime(2026, 1, 1))
        db.session.add(officer)
        db.session.commit()
        return inspektorat.id, min(u.id for u in opds), officer.id


def fill(app, start: int, stop: int, ids: tuple[int, int, int]) -> float:
    from gratifikasi.extensions import db

    handling, first_unit, officer = ids
    began = time.perf_counter()
    with app.app_context():
        step = 200_000
        for low in range(start, stop + 1, step):
            high = min(stop, low + step - 1)
            db.session.execute(text(FILL), {"handling": handling, "first_unit": first_unit, "start": low, "stop": high})
        db.session.commit()
        low_id, high_id = db.session.execute(
            text("SELECT min(id), max(id) FROM case_file WHERE record_id BETWEEN :a AND :b"), {"a": start, "b": stop}
        ).one()
        db.session.execute(text(RECUSE), {"officer": officer, "start": low_id, "stop": high_id})
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE case_file"))
            connection.execute(text("VACUUM ANALYZE case_recusal"))
    return time.perf_counter() - began


def measure(app, officer_id: int, repeat: int) -> dict[str, tuple[float, float, str]]:
    from gratifikasi.cases import queries
    from gratifikasi.extensions import db
    from gratifikasi.models import Officer, Unit
    from gratifikasi.models.case import CaseFile

    results = {}
    with app.test_request_context("/"):
        officer = db.session.get(Officer, officer_id)
        opd = db.session.execute(select(Unit.id).where(Unit.code == "OPD07")).scalar_one()
        open_count = db.session.execute(
            select(CaseFile.id).where(*queries.visible_to(officer), CaseFile.is_open.is_(True)).limit(10**9)
        ).all()
        depth = max(0, int(len(open_count) * 0.9))  # 90 % into the officer's open cases
        deep_row = db.session.execute(
            select(CaseFile).where(*queries.visible_to(officer), CaseFile.is_open.is_(True))
            .order_by(CaseFile.due_on, CaseFile.id).offset(depth).limit(1)  # setup only, not timed
        ).scalar_one()
        deep_cursor = queries.encode_cursor(deep_row, "tenggat")
        scenarios = {
            "first page": (queries.QueueFilters(), None),
            f"deep page (row {depth:,})": (queries.QueueFilters(), deep_cursor),
            "filter: status": (queries.QueueFilters(status="dianalisis_upg"), None),
            "filter: OPD + overdue": (queries.QueueFilters(unit_id=opd, overdue=True), None),
            "filter: category, newest": (queries.QueueFilters(category="penolakan", sort="terbaru"), None),
        }
        for name, (filters, cursor) in scenarios.items():
            samples = []
            for _ in range(repeat):
                began = time.perf_counter()
                page = queries.queue_page(officer, filters, today=TODAY, soon_until=date(2026, 3, 5), cursor=cursor)
                samples.append((time.perf_counter() - began) * 1000)
                assert page.rows, name
                db.session.expire_all()
            samples = samples[3:]  # warm-up
            results[name.split(" (")[0]] = (statistics.median(samples), percentile(samples, 95), name)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/queue_bench")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()

    reset_database(args.url)
    app = make_app(args.url)
    ids = setup_schema(app)
    seconds = fill(app, 1, args.small, ids)
    print(f"filled {args.small:,} cases in {seconds:.1f} s")
    small = measure(app, ids[2], args.repeat)
    seconds = fill(app, args.small + 1, args.large, ids)
    print(f"filled up to {args.large:,} cases in {seconds:.1f} s")
    large = measure(app, ids[2], args.repeat)

    print(f"\nqueue page of 25 rows, ms (p50 / p95), {args.repeat - 3} timed runs each")
    print(f"{'view':28} {args.small:>10,} p50/p95   {args.large:>10,} p50/p95   ratio p95")
    for key, (p50, p95, name) in small.items():
        l50, l95, lname = large[key]
        label = lname if "deep" in key else name
        print(f"{label[:40]:40} {p50:6.1f} / {p95:6.1f}   {l50:6.1f} / {l95:6.1f}   {l95 / p95:5.2f}")
    print(f"\ntarget: p95 < 100 ms at {args.large:,}: "
          + ("met" if all(v[1] < 100 for v in large.values()) else "NOT met"))


if __name__ == "__main__":
    main()
