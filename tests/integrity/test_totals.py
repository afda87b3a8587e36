"""Dashboard totals (gratifikasi/integrity/totals.py): every case change leaves a dirty row,
the reader recounts those slices before reading (so the totals it reads are exact), `flask
integrity refresh-totals` recounts identically, and only counted months are read from the
totals (the others come from the case tables).

"Exact" is checked three ways after every change: the stored rows equal a recount from
scratch, the figures read from them equal the case-table queries, and every month with cases
is counted (so the figures did come from the totals). Clock frozen at 2026-03-02.
"""
from __future__ import annotations

import threading
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from gratifikasi.extensions import db
from gratifikasi.integrity import totals
from gratifikasi.integrity.case_queries import case_rows
from gratifikasi.integrity.complaint_queries import ComplaintAggregates, complaint_aggregates
from gratifikasi.integrity.dashboards import agency_dashboard
from gratifikasi.integrity.kpis import complaint_kpis, report_kpis
from gratifikasi.integrity.queries import KIND_COMPLAINT, KIND_REPORT, Scope
from gratifikasi.integrity.report_queries import ReportAggregates, report_aggregates
from gratifikasi.models import AuditEntry, CaseFile, Complaint, GratificationReport
from gratifikasi.models.integrity import IntegrityStatusTotal, IntegrityTotalDirty, IntegrityTotalMonth
from gratifikasi.models.report import REPORT_RECORD_TYPE
from gratifikasi.rules.periods import Period
from tests.integrity import factories as f

Y2026 = Period.of_year(2026)
YEAR = Scope(Y2026.start, Y2026.end)


def _stored() -> list[tuple]:
    """Every stored total, without row ids and counting times; a month row only if the month
    has rows (a counted empty month and an uncounted one both read as zero)."""
    rows: list[tuple] = []
    for model in totals.ROW_MODELS:
        table = model.__table__
        rows += [(table.name, *row) for row in db.session.execute(select(*[c for c in table.c if c.name != "id"]))]
    filled = {(row[1], row[2]) for row in rows}
    rows += [("month", m.kind, m.month, m.objects, m.object_value, m.completion_requested)
             for m in db.session.execute(select(IntegrityTotalMonth)).scalars() if (m.kind, m.month) in filled]
    return sorted(rows, key=repr)


def _normal(report: ReportAggregates, complaint: ComplaintAggregates) -> Counter:
    """The aggregates as one multiset, whatever their order or grouping (ids left out)."""
    out: Counter = Counter()
    for c in report.cells:
        out[("r", c.unit_id, c.status)] += c.n
        out[("r on time", c.unit_id, c.status)] += c.on_time
        out[("r refusals", c.unit_id, c.status)] += c.refusals
    for c in complaint.cells:
        out[("c", c.unit_id, c.status)] += c.n
    for name, months in (("r month", report.months), ("c month", complaint.months)):
        for (year, month), n in months.items():
            out[(name, year, month)] += n
    for category, status, channel, n in complaint.categories:
        out[("category", category, status, channel)] += n
    for name, pairs in (("kpk", report.forwarding_pairs), ("respon", complaint.response_pairs),
                        ("selesai", complaint.close_pairs)):
        for start, end, n in pairs:
            out[(name, start, end)] += n
    out["completion"] += report.completion_requested
    out["objek"] += report.objects["objek"]
    out["nilai"] += report.objects["nilai"]
    return +out  # zero counts dropped


def _counted(kind: str) -> set[date]:
    return set(db.session.execute(select(IntegrityTotalMonth.month).where(IntegrityTotalMonth.kind == kind)).scalars())


def assert_same_figures(scope: Scope = YEAR) -> Counter:
    """What the dashboard reads (totals where counted) equals the case-table queries."""
    db.session.expire_all()
    raw = _normal(report_aggregates(scope), complaint_aggregates(scope))
    assert _normal(totals.report_aggregates(scope), totals.complaint_aggregates(scope)) == raw
    return raw


def assert_exact(scope: Scope = YEAR) -> Counter:
    """The totals of the scope are exact, were used for every month with cases and equal a
    recount from scratch; returns the figures."""
    raw = assert_same_figures(scope)
    db.session.commit()  # keep the recount the read did, as the dashboard page does
    with_cases = {(KIND_REPORT if key[0] == "r month" else KIND_COMPLAINT, date(key[1], key[2], 1))
                  for key in raw if isinstance(key, tuple) and key[0] in ("r month", "c month")}
    assert with_cases <= {(kind, m) for kind in (KIND_REPORT, KIND_COMPLAINT) for m in _counted(kind)}
    stored = _stored()
    totals.rebuild()
    assert _stored() == stored
    db.session.rollback()
    return raw


@pytest.fixture
def ctx(app, officers, frozen_clock):
    with app.app_context():
        yield app


# ------------------------------------------------------------------ through the services

@pytest.fixture
def world(app, frozen_clock):
    from tests.cases.conftest import build_world

    return build_world(app)


def test_totals_follow_every_case_change_through_the_services(app, world):
    from gratifikasi.cases import services as cases
    from gratifikasi.kpk import services as kpk
    from tests.cases.conftest import submit_complaint, submit_report

    forwarded, returned = submit_report(app), submit_report(app, "DISHUB")
    complaint, _code = submit_complaint(app)
    with app.app_context():
        figures = assert_exact()
        assert figures[("r", world.unit_id("DINKES"), "diterima_upg")] == 1 and figures[("r month", 2026, 3)] == 2
        assert figures["objek"] == 2 and figures["nilai"] == 1_000_000

        upg, irban = world.officer("upg"), world.officer("irban")
        for action in ("verifikasi_lengkap", "analisis"):
            cases.apply_transition(upg, world.key("upg"), forwarded.id, action)
        kpk.record_forwarding(db.session.get(GratificationReport, forwarded.record_id), upg, "GOL-1", date(2026, 3, 2))
        cases.apply_transition(upg, world.key("upg"), returned.id, "minta_kelengkapan", "Lampirkan foto barang.")
        figures = assert_exact()
        assert figures[("r", world.unit_id("DINKES"), "diteruskan_kpk")] == 1
        assert figures[("kpk", date(2026, 3, 2), date(2026, 3, 2))] == 1
        assert figures["completion"] == 1

        cases.post_message(irban, world.key("irban"), complaint.id, "Mohon sebutkan tanggal kejadian.")
        figures = assert_exact()
        assert figures[("respon", date(2026, 3, 2), date(2026, 3, 2))] == 1
        cases.apply_transition(irban, world.key("irban"), complaint.id, "telaah")
        cases.apply_transition(irban, world.key("irban"), complaint.id, "nyatakan_tidak_dapat_ditindaklanjuti",
                               "Bukan kewenangan Inspektorat.")
        figures = assert_exact()
        assert figures[("selesai", date(2026, 3, 2), date(2026, 3, 2))] == 1

        # The dashboard shows them, and each number equals the list behind it.
        dashboard = agency_dashboard(Y2026)
        counts = dashboard["reports"].counts
        assert (counts["semua"], counts["diteruskan"], counts["lengkap_pertama"]) == (2, 1, 1)
        assert dashboard["complaints"].classes["dikecualikan"] == 1
        for measure in ("semua", "diteruskan", "lengkap_pertama"):
            assert case_rows(KIND_REPORT, YEAR, measure, viewer_id=0)[1] == counts[measure], measure  # nobody recused


def test_a_message_after_closing_does_not_move_the_closing_date(app, world, frozen_clock):
    from gratifikasi.cases import services as cases
    from tests.cases.conftest import submit_complaint

    complaint, _code = submit_complaint(app)
    with app.app_context():
        irban = world.officer("irban")
        cases.apply_transition(irban, world.key("irban"), complaint.id, "telaah")
        cases.apply_transition(irban, world.key("irban"), complaint.id, "nyatakan_tidak_dapat_ditindaklanjuti",
                               "Bukan kewenangan Inspektorat.")
        closed_at = db.session.get(Complaint, complaint.record_id).status_changed_at
        frozen_clock.advance(days=9)  # 2026-03-11
        cases.post_message(irban, world.key("irban"), complaint.id, "Pengaduan Anda sudah kami tutup.")
        row = db.session.get(Complaint, complaint.record_id)
        assert row.updated_at > closed_at and row.status_changed_at == closed_at
        figures = assert_exact()
        assert figures[("selesai", date(2026, 3, 2), date(2026, 3, 2))] == 1
        assert not any(isinstance(k, tuple) and k[0] == "selesai" and k[2] != date(2026, 3, 2) for k in figures)


# ------------------------------------------------------------------ the refresh command

def test_refresh_totals_rebuilds_identically_and_repairs(ctx):
    a, b = f.unit("DINKES"), f.unit("DISHUB")
    f.report(a, date(2025, 11, 3), "selesai", values=(10_000, 20_000))
    f.report(a, date(2026, 1, 5), "diterima_upg", late=2, completion_asked=True)
    f.report(b, date(2026, 2, 9), "milik_negara", penolakan=True)
    f.complaint(a, date(2026, 1, 7), "ditelaah", responded=date(2026, 1, 9))
    f.complaint(None, date(2026, 2, 2), "selesai", category="pengadaan", channel="surat", closed=date(2026, 2, 20))
    db.session.commit()
    assert not _stored()  # counted when first read, not by the transactions that changed cases
    assert totals.catch_up() == 5  # the months with cases: reports Nov, Jan, Feb; complaints Jan, Feb
    db.session.commit()
    before = _stored()

    runner = ctx.test_cli_runner()
    assert "Recount the dashboard totals" in runner.invoke(args=["integrity", "refresh-totals", "--help"]).output
    # A total spoiled behind the app's back (SQL by hand) is put right by the command.
    db.session.execute(update(IntegrityStatusTotal).values(n=IntegrityStatusTotal.n + 5))
    db.session.commit()
    assert report_kpis(YEAR).counts["semua"] == 2 + 2 * 5  # two cells in 2026
    result = runner.invoke(args=["integrity", "refresh-totals"])
    assert result.exit_code == 0, result.output
    # Every month from the first case to the last: reports Nov 2025–Feb 2026, complaints Jan–Feb 2026.
    assert "untuk 6 bulan" in result.output
    db.session.expire_all()
    assert _stored() == before
    assert report_kpis(YEAR).counts["semua"] == 2
    assert db.session.execute(select(AuditEntry.details).where(AuditEntry.action == "integrity.totals_refreshed")
                              ).scalar_one() == {"slices": 6}
    assert_exact()


def test_catch_up_command_counts_the_marked_months_beforehand(ctx):
    a = f.unit("DINKES")
    f.complaint(a, date(2026, 1, 5))
    f.report(a, date(2026, 2, 10))
    db.session.commit()
    runner = ctx.test_cli_runner()
    assert "cron" in runner.invoke(args=["integrity", "catch-up", "--help"]).output
    result = runner.invoke(args=["integrity", "catch-up"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 bulan dihitung ulang")
    db.session.expire_all()
    assert _dirty() == []
    assert (_counted(KIND_COMPLAINT), _counted(KIND_REPORT)) == ({date(2026, 1, 1)}, {date(2026, 2, 1)})
    assert runner.invoke(args=["integrity", "catch-up"]).output.startswith("0 bulan")


# ------------------------------------------------------------------ months not counted

def test_months_without_totals_are_read_from_the_case_tables(ctx):
    a = f.unit("DINKES")
    for month in (1, 2, 3):
        f.report(a, date(2026, month, 10), "diverifikasi", values=(month * 1000,))
        f.complaint(a, date(2026, month, 11), "baru", responded=date(2026, month, 12))
    db.session.commit()
    expected = assert_exact()
    # As after migration 0012 on existing data, February and then every month uncounted.
    for model in (*totals.ROW_MODELS, IntegrityTotalMonth):
        db.session.execute(model.__table__.delete().where(model.month == date(2026, 2, 1)))
    db.session.commit()
    assert totals._uncounted_ranges(KIND_REPORT, YEAR) == [(date(2026, 2, 1), date(2026, 2, 28)),
                                                            (date(2026, 4, 1), date(2026, 12, 31))]
    assert assert_same_figures() == expected
    db.session.execute(IntegrityTotalMonth.__table__.delete())
    db.session.commit()
    assert assert_same_figures() == expected
    # The next change in a month counts that month again (at the next read).
    f.report(a, date(2026, 2, 20), "diterima_upg")
    db.session.commit()
    assert report_kpis(YEAR).counts["semua"] == 4
    assert _counted(KIND_REPORT) == {date(2026, 2, 1)}


def test_odd_ranges_read_the_case_tables(ctx):
    a, b = f.unit("DINKES"), f.unit("DISHUB")
    f.report(a, date(2026, 1, 10))
    f.report(b, date(2026, 1, 20))
    db.session.commit()
    totals.catch_up()
    db.session.commit()
    db.session.execute(update(IntegrityStatusTotal).values(n=99))  # totals that would show if read
    assert [c.n for c in totals.report_aggregates(Scope(date(2026, 1, 15), date(2026, 12, 31))).cells] == [1]
    assert sum(c.n for c in totals.report_aggregates(YEAR).cells) == 99 + 99
    db.session.rollback()


# ------------------------------------------------------------------ transactions

def test_own_uncommitted_changes_count_and_a_rollback_leaves_the_totals(ctx):
    a = f.unit("DINKES")
    f.report(a, date(2026, 1, 10))
    db.session.commit()
    stored = _stored()
    f.report(a, date(2026, 1, 11))  # flushed, not committed
    assert report_kpis(YEAR).counts["semua"] == 2
    db.session.rollback()
    assert _stored() == stored
    assert report_kpis(YEAR).counts["semua"] == 1
    assert_exact()


def test_a_case_moved_to_another_month_recounts_both_months(ctx):
    a = f.unit("DINKES")
    report_id = f.report(a, date(2026, 1, 10))
    complaint_id = f.complaint(a, date(2026, 1, 12), responded=date(2026, 1, 13))
    report, complaint = db.session.get(GratificationReport, report_id), db.session.get(Complaint, complaint_id)
    db.session.commit()
    # A change of date is marked by whoever makes it: the month left and the case itself.
    report.received_on = date(2026, 3, 2)
    complaint.received_on = date(2026, 2, 27)
    totals.mark_month(KIND_REPORT, date(2026, 1, 10))
    totals.mark_month(KIND_COMPLAINT, date(2026, 1, 12))
    totals.mark_changed(KIND_REPORT, report_id)
    totals.mark_changed(KIND_COMPLAINT, complaint_id)
    db.session.commit()
    figures = assert_exact()
    assert figures[("r month", 2026, 3)] == 1 and ("r month", 2026, 1) not in figures
    assert figures[("c month", 2026, 2)] == 1 and ("c month", 2026, 1) not in figures


def test_deleting_a_case_recounts_its_month(ctx):
    a = f.unit("DINKES")
    closed = f.complaint(a, date(2026, 1, 12), "selesai", closed=date(2026, 1, 30))
    f.complaint(a, date(2026, 1, 14))
    db.session.commit()
    db.session.delete(db.session.get(Complaint, closed))
    totals.mark_month(KIND_COMPLAINT, date(2026, 1, 12))  # whoever deletes marks the month it leaves
    db.session.commit()
    figures = assert_exact()
    assert figures[("c", a, "baru")] == 1 and ("c", a, "selesai") not in figures
    assert not any(isinstance(k, tuple) and k[0] == "selesai" for k in figures)  # no closing left


def _dirty() -> list[tuple]:
    return [tuple(row) for row in db.session.execute(
        select(IntegrityTotalDirty.kind, IntegrityTotalDirty.month, IntegrityTotalDirty.case_id)
        .order_by(IntegrityTotalDirty.id))]


def move_in_another_session(report_id: int, status: str) -> None:
    """A report's case moved to ``status`` and marked, committed by another session."""
    with Session(db.engine) as other:
        other.execute(update(CaseFile).where(CaseFile.record_type == REPORT_RECORD_TYPE,
                                             CaseFile.record_id == report_id).values(status=status))
        other.execute(insert(IntegrityTotalDirty).values(kind=KIND_REPORT, case_id=report_id))  # as mark_changed does
        other.commit()


def test_a_change_in_another_session_is_counted_when_read(ctx):
    a = f.unit("DINKES")
    report_id = f.report(a, date(2026, 1, 10))
    f.report(a, date(2026, 2, 10))
    db.session.commit()
    assert report_kpis(YEAR).status == {"diterima_upg": 2}
    db.session.commit()
    assert _dirty() == []
    move_in_another_session(report_id, "diverifikasi")
    assert _dirty() == [(KIND_REPORT, None, report_id)]
    assert report_kpis(YEAR).status == {"diverifikasi": 1, "diterima_upg": 1}
    assert _dirty() == []
    assert_same_figures()


def test_the_dashboard_page_keeps_the_recount_its_read_did(app, client_for, frozen_clock):
    with app.app_context():
        f.complaint(f.unit("DINKES"), date(2026, 2, 3))
        db.session.commit()
        assert len(_dirty()) == 1 and not _counted(KIND_COMPLAINT)
    assert client_for("upg1").get("/integritas/?periode=2026").status_code == 200
    with app.app_context():
        assert _dirty() == [] and _counted(KIND_COMPLAINT) == {date(2026, 2, 1)}


class _OpenTransaction:
    """``step`` run in another thread's transaction, kept open until ``release`` is set (or
    ``hold`` seconds pass), then committed. The constructor returns once ``step`` is done."""

    def __init__(self, ctx, step, *, hold: float) -> None:
        self.release, self.committing, self.failures = threading.Event(), threading.Event(), []
        done = threading.Event()

        def run() -> None:
            try:
                with ctx.app_context():
                    step()
                    done.set()
                    self.release.wait(hold)
                    self.committing.set()
                    db.session.commit()
            except Exception as error:  # pragma: no cover - reported by join()
                self.failures.append(error)
                done.set()

        self.thread = threading.Thread(target=run)
        self.thread.start()
        assert done.wait(10)

    def join(self) -> None:
        self.release.set()
        self.thread.join(10)
        assert not self.failures


def _new_complaint_meanwhile(ctx, unit_id: int, day: date) -> int:
    with ctx.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("SET LOCAL lock_timeout = '10s'"))
        new_id = f.complaint(unit_id, day)
        db.session.commit()
        return new_id


def test_submissions_in_one_month_do_not_wait_for_each_other(ctx):
    """Two transactions add a complaint to the same month; the first has written its dirty row
    and stays open. The second commits without waiting for it (PostgreSQL; SQLite lets one
    writer at a time), and both are counted."""
    a = f.unit("DINKES")
    f.complaint(a, date(2026, 1, 5))
    db.session.commit()
    assert complaint_kpis(YEAR).status == {"baru": 1}
    db.session.commit()

    def add_and_mark() -> None:
        f.complaint(a, date(2026, 1, 10))  # opens its case, which marks it
        db.session.flush()

    first = _OpenTransaction(ctx, add_and_mark, hold=2)
    _new_complaint_meanwhile(ctx, a, date(2026, 1, 20))
    waited = first.committing.is_set()
    first.join()
    if db.engine.dialect.name == "postgresql":
        assert not waited
    assert complaint_kpis(YEAR).status == {"baru": 3}
    assert_exact()


def test_a_change_committed_during_a_recount_is_counted_by_the_next_read(ctx):
    """A reader has recounted January (and holds its month row) when a new complaint in
    January commits (PostgreSQL; on SQLite it waits for the reader). The reader removes only
    the dirty rows it read, so the next read counts the new complaint."""
    a = f.unit("DINKES")
    f.complaint(a, date(2026, 1, 5))
    db.session.commit()

    def recount() -> None:
        assert totals.catch_up() == 1

    reader = _OpenTransaction(ctx, recount, hold=0.5)
    new_id = _new_complaint_meanwhile(ctx, a, date(2026, 1, 20))
    reader.join()
    assert _dirty() == [(KIND_COMPLAINT, None, new_id)]
    assert complaint_kpis(YEAR).status == {"baru": 2}
    assert_exact()
