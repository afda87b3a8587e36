"""Benchmark of the integrity dashboards on PostgreSQL.

Run: ``.venv/bin/python bench/dashboard.py [--url postgresql+psycopg://postgres@127.0.0.1/gratifikasi_bench]
[--sizes 10000,1000000] [--units 50] [--runs 30]``

For each size it recreates the database schema with the migrations, fills it with that many
cases (half gratification reports with one gift object each, half complaints with their officers'
answers) spread over 50 units and five years with ``INSERT … SELECT generate_series`` (seconds,
not minutes), counts
the dashboard totals as ``flask integrity refresh-totals`` does after such a load (timed too),
runs ``VACUUM ANALYZE`` and then times, ``--runs`` times each after a warm-up:

* the agency-wide dashboard of one year (every query of ``dashboards.agency_dashboard``), and
* the same right after a case change in one month of the year: a complaint of that month is
  marked as a submission marks it, so the read first recounts that month (``totals.catch_up``),
  the worst a dashboard viewer waits after new cases;
* one unit's page for that year (``dashboards.unit_dashboard``, the computed LKE items included).

It prints p50 and p95 in milliseconds per size side by side, then the unit page's cost at the
largest size over the smallest. It prints figures only; nothing here asserts on time. Targets:
agency p95 under 200 ms at 1,000,000 cases (issue 7); unit page 1M/10k ratio under 2 (issue 14.5).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# bench/queue.py would shadow the standard library's queue module: drop this folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/gratifikasi_bench"
YEARS = (2022, 2026)  # cases spread over these years, inclusive
BENCH_YEAR = 2026


def _reset(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _make_app(url: str):
    from gratifikasi import create_app

    instance = tempfile.mkdtemp(prefix="bench-dashboard-")
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = instance
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "RATELIMIT_ENABLED": False})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    return app


# Cases arrive in date order (ids grow with the receipt date, as in real use), evenly over
# the five years.
_DAYS = (f"(DATE '{YEARS[0]}-01-01' + (((g - 1)::bigint * (DATE '{YEARS[1]}-12-31' - DATE '{YEARS[0]}-01-01' + 1))"
         " / :n)::int)")


def _fill(app, cases: int, units: int) -> None:
    """Half reports, half complaints; categorical columns varied, sealed columns placeholder bytes."""
    from gratifikasi.extensions import db

    reports = cases // 2
    complaints = cases - reports
    statuses_r = "ARRAY['diterima_upg','perlu_dilengkapi','diverifikasi','dianalisis_upg','diteruskan_kpk'," \
                 "'milik_penerima','milik_negara','tindak_lanjut','selesai','penolakan_dicatat']"
    statuses_c = "ARRAY['baru','ditelaah','tidak_dapat_ditindaklanjuti','diteruskan_opd','dalam_pemeriksaan'," \
                 "'terbukti','tidak_terbukti','diteruskan_kpk_aph','selesai']"
    categories = "ARRAY['gratifikasi','suap_pemerasan','penyalahgunaan_wewenang','pengadaan','pelayanan_publik'," \
                 "'benturan_kepentingan','lainnya']"
    channels = "ARRAY['portal','telepon','tatap_muka','surat']"
    with app.app_context():
        conn = db.session.connection()
        conn.execute(text(
            "INSERT INTO unit (code, name, kind, active) SELECT 'U' || lpad(i::text, 3, '0'), "
            "'Unit bench ' || i, 'dinas', true FROM generate_series(1, :n) AS i"), {"n": units})
        blob = "'\\x00'::bytea"
        conn.execute(text(f"""
            INSERT INTO gratification_report (
              tracking_year, tracking_seq, tracking_number, jenis_laporan, unit_id,
              hubungan_pemberi, jenis_peristiwa, tanggal_penerimaan, received_on, submitted_at,
              minta_kompensasi, late_working_days, has_email, language, access_locator, access_verifier,
              access_salt, access_wrapped_dek, nik, nama, tempat_lahir, tanggal_lahir, alamat, telepon,
              jabatan, instansi, pemberi_nama, tempat_penerimaan, kronologi)
            SELECT extract(year FROM d)::int, g, 'GRT-B-' || g,
                   CASE WHEN g % 10 = 9 THEN 'penolakan' ELSE 'penerimaan' END,
                   1 + g % :units,
                   'pihak_terkait_tugas', 'acara_adat', d, d, d, false,
                   CASE WHEN g % 7 = 0 THEN 3 ELSE NULL END, false, 'id', 'L' || g,
                   {blob}, {blob}, {blob}, {blob}, {blob}, {blob}, {blob}, {blob}, {blob}, {blob}, {blob},
                   {blob}, {blob}, {blob}
            FROM (SELECT g, {_DAYS} AS d FROM generate_series(1, :n) AS g) AS s
        """), {"n": reports, "units": units})
        conn.execute(text("""
            INSERT INTO gift_object (report_id, position, jenis_objek, nilai_taksiran, lokasi_objek, uraian)
            SELECT id, 1, 'barang', 50000 + (id % 100) * 10000, 'disimpan_pelapor', '\\x00'::bytea
            FROM gratification_report"""))
        conn.execute(text("""
            INSERT INTO report_message (report_id, kind, created_at, body)
            SELECT id, 'completion_request', submitted_at, '\\x00'::bytea FROM gratification_report
            WHERE id % 10 = 3"""))
        conn.execute(text(f"""
            INSERT INTO complaint (number, category, channel, terlapor_unit_id,
                                   terlapor_penyelenggara_negara, terlapor_penegak_hukum, flag_kpk_aph,
                                   route_reasons, recused_officer_ids, identity_given, received_on,
                                   created_at, updated_at, access_one_time)
            SELECT 'ADU-B-' || g, ({categories})[1 + g % 7], ({channels})[1 + g % 4],
                   1 + g % :units, false, false, false, '[]', '[]', false, d, d,
                   d + (g % 30) * INTERVAL '1 day', false
            FROM (SELECT g, {_DAYS} AS d FROM generate_series(1, :n) AS g) AS s
        """), {"n": complaints, "units": units})
        # The status lives in the case files (one per record, as intake opens them).
        conn.execute(text(f"""
            INSERT INTO case_file (kind, record_type, record_id, tracking_number, queue, handling_unit_id, unit_id,
                                   category, status, status_changed_at, is_open, received_on, due_on,
                                   flag_kpk_aph, created_at)
            SELECT 'gratifikasi', 'gratification_report', id, tracking_number, 'upg', 1, unit_id, jenis_laporan,
                   ({statuses_r})[1 + tracking_seq % 10], submitted_at, true, received_on, DATE '9999-12-31',
                   false, submitted_at
            FROM gratification_report"""))
        conn.execute(text(f"""
            INSERT INTO case_file (kind, record_type, record_id, tracking_number, queue, handling_unit_id, unit_id,
                                   category, status, status_changed_at, is_open, received_on, due_on,
                                   flag_kpk_aph, created_at)
            SELECT 'pengaduan', 'complaint', id, number, 'inspektorat', 1, terlapor_unit_id, category,
                   ({statuses_c})[1 + id % 9], updated_at, true, received_on, DATE '9999-12-31', false, created_at
            FROM complaint"""))
        # An officer's first answer for 8 complaints in 9, 0–8 days after receipt, and a
        # reporter's reply to half of those.
        conn.execute(text("""
            INSERT INTO complaint_message (complaint_id, author_type, body, attachment_count, created_at)
            SELECT id, 'officer', '\\x00'::bytea, 0, created_at + (id % 9) * INTERVAL '1 day' + INTERVAL '2 hours'
            FROM complaint WHERE id % 9 <> 0"""))
        conn.execute(text("""
            INSERT INTO complaint_message (complaint_id, author_type, body, attachment_count, created_at)
            SELECT id, 'reporter', '\\x00'::bytea, 0, created_at + INTERVAL '10 days'
            FROM complaint WHERE id % 2 = 0"""))
        db.session.commit()
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"], isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("VACUUM ANALYZE"))  # the month-by-month recount below wants the statistics
    engine.dispose()


def _refresh_totals(app) -> float:
    """What `flask integrity refresh-totals` does; returns its duration in seconds."""
    from gratifikasi.extensions import db
    from gratifikasi.integrity import totals

    with app.app_context():
        start = time.perf_counter()
        totals.rebuild()
        db.session.commit()
        elapsed = time.perf_counter() - start
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"], isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for model in (*totals.ROW_MODELS, totals.IntegrityTotalMonth):
            conn.execute(text(f"VACUUM ANALYZE {model.__tablename__}"))
    engine.dispose()
    return elapsed


def _time(app, operation, runs: int, prepare=None) -> tuple[float, float]:
    samples = []
    for i in range(runs + 1):
        with app.test_request_context("/"):  # fresh per-request caches (settings, calendar)
            if prepare is not None:  # not timed
                prepare()
            start = time.perf_counter()
            operation()
            elapsed = (time.perf_counter() - start) * 1000
        if i:  # the first run warms the caches and is dropped
            samples.append(elapsed)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(round(0.95 * len(samples))) - 1)]


def _mark_a_change(period) -> None:
    """Mark the year's newest complaint as changed, as a submission's commit does."""
    from sqlalchemy import func, insert, select

    from gratifikasi.extensions import db
    from gratifikasi.models import Complaint
    from gratifikasi.models.integrity import IntegrityTotalDirty

    case_id = db.session.execute(select(func.max(Complaint.id)).where(
        Complaint.received_on.between(period.start, period.end))).scalar_one()
    db.session.execute(insert(IntegrityTotalDirty).values(kind="pengaduan", case_id=case_id))
    db.session.commit()


def _read_and_keep(period) -> None:
    """The agency dashboard page's work: read, then commit the recount the read did."""
    from gratifikasi.extensions import db
    from gratifikasi.integrity import dashboards

    dashboards.agency_dashboard(period)
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("GRATIFIKASI_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    from gratifikasi.integrity import dashboards
    from gratifikasi.rules.periods import Period

    period = Period.of_year(BENCH_YEAR)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        _reset(args.url)
        app = _make_app(args.url)
        start = time.perf_counter()
        _fill(app, size, args.units)
        fill_s = time.perf_counter() - start
        refresh_s = _refresh_totals(app)
        agency = _time(app, lambda: dashboards.agency_dashboard(period), args.runs)
        changed = _time(app, lambda: _read_and_keep(period), args.runs, prepare=lambda: _mark_a_change(period))
        unit = _time(app, lambda: dashboards.unit_dashboard(7, period), args.runs)
        results.append((size, fill_s, agency, changed, unit))
        print(f"{size:>9} cases filled in {fill_s:6.1f} s, totals counted in {refresh_s:5.1f} s", flush=True)
        with app.app_context():
            from gratifikasi.extensions import db

            db.engine.dispose()
    print(f"\nPostgreSQL, {args.units} units, year {BENCH_YEAR} of {YEARS[0]}–{YEARS[1]}, {args.runs} runs each")
    print(f"{'cases':>9}  {'agency p50':>10}  {'agency p95':>10}  {'after a change p50':>18}  {'p95':>6}"
          f"  {'unit p50':>9}  {'unit p95':>9}   (ms)")
    for size, _fill_s, (a50, a95), (c50, c95), (u50, u95) in results:
        print(f"{size:>9}  {a50:10.1f}  {a95:10.1f}  {c50:18.1f}  {c95:6.1f}  {u50:9.1f}  {u95:9.1f}")
    if len(results) > 1:
        (small, *_rest, (s50, s95)), (large, *_more, (l50, l95)) = results[0], results[-1]
        print(f"\nunit page {large}/{small} cases cost ratio: p50 {l50 / s50:.2f}, p95 {l95 / s95:.2f}"
              " (issue 14.5 target: under 2)")


if __name__ == "__main__":
    main()
