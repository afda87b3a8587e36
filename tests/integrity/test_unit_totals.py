"""A unit's dashboard page reads the stored totals too (issue 14.5): each slice keeps every
unit's share beside the agency-wide rows, and a unit's figures read from them equal the
case-table queries for that unit, after a change in another session and after a case moves
to another unit. Clock frozen at 2026-03-02."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from gratifikasi.extensions import db
from gratifikasi.integrity import totals
from gratifikasi.integrity.complaint_queries import ComplaintAggregates
from gratifikasi.integrity.dashboards import unit_dashboard
from gratifikasi.integrity.queries import KIND_COMPLAINT, KIND_REPORT, Scope, StatusCell
from gratifikasi.integrity.report_queries import ReportAggregates
from gratifikasi.models import Complaint, GratificationReport
from gratifikasi.models.integrity import (
    IntegrityDurationTotal,
    IntegrityStatusTotal,
    IntegrityUnitTotal,
)
from gratifikasi.models.kpk import KpkForwarding
from tests.integrity import factories as f
from tests.integrity.test_totals import (
    Y2026,
    YEAR,
    _dirty,
    _normal,
    assert_exact,
    assert_same_figures,
    move_in_another_session,
)


def _unit(unit_id: int) -> Scope:
    return Scope(YEAR.start, YEAR.end, unit_id)


@pytest.fixture
def ctx(app, officers, frozen_clock):
    with app.app_context():
        yield app


def _two_units() -> tuple[int, int]:
    """Every kind of counted row in two units (and a complaint without a unit), over two months."""
    a, b = f.unit("DINKES"), f.unit("DISHUB")
    forwarded = f.report(a, date(2026, 1, 5), "diteruskan_kpk", values=(10_000, 20_000))
    db.session.add(KpkForwarding(report_id=forwarded, gol_reference="GOL/1", forwarded_on=date(2026, 1, 20),
                                 recorded_at=datetime(2026, 1, 20, 3)))
    f.report(a, date(2026, 2, 9), "diterima_upg", late=2, completion_asked=True)
    f.report(b, date(2026, 1, 7), "milik_negara", penolakan=True, values=(5_000,))
    f.report(b, date(2026, 2, 3), "perlu_dilengkapi", completion_asked=True)
    f.complaint(a, date(2026, 1, 7), "ditelaah", responded=date(2026, 1, 9))
    f.complaint(a, date(2026, 2, 2), "selesai", category="pengadaan", channel="surat", closed=date(2026, 2, 20))
    f.complaint(b, date(2026, 1, 8), "selesai", channel="telepon", responded=date(2026, 1, 8),
                closed=date(2026, 1, 30))
    f.complaint(None, date(2026, 2, 4), "baru", responded=date(2026, 2, 6))
    db.session.commit()
    return a, b


def test_a_units_figures_from_the_totals_equal_its_live_figures(ctx):
    a, b = _two_units()
    agency = assert_exact()  # counts every month, agency-wide and per unit
    for unit_id in (a, b):
        figures = assert_same_figures(_unit(unit_id))
        assert figures and figures != agency
    assert assert_same_figures(_unit(a))[("kpk", date(2026, 1, 5), date(2026, 1, 20))] == 1
    assert assert_same_figures(_unit(b))["completion"] == 1
    # The shares add up to the agency's figures (plus the complaint without a unit).
    shares = assert_same_figures(_unit(a)) + assert_same_figures(_unit(b))
    assert shares == agency - _normal(*_live_no_unit())
    # A unit whose cases are all in another unit's rows reads nothing.
    assert assert_same_figures(_unit(f.unit("BAPPEDA"))) == {}


def _live_no_unit():
    """The complaint without a unit, as the aggregates of an agency-wide scope hold it."""
    return (ReportAggregates([], {}, 0, {"objek": 0, "nilai": 0}, []),
            ComplaintAggregates([StatusCell(None, "baru", 1)], {(2026, 2): 1},
                                [("suap_pemerasan", "baru", "portal", 1)],
                                [(date(2026, 2, 4), date(2026, 2, 6), 1)], []))


def test_the_unit_page_reads_the_stored_totals(ctx):
    """Spoiled stored rows (SQL by hand) show on the unit page: it reads the totals, not the
    case tables."""
    a, _b = _two_units()
    assert_exact()
    before = unit_dashboard(a, Y2026)
    assert before["reports"].counts["semua"] == 2 and before["reports"].objects == {"objek": 3, "nilai": 130_000}
    db.session.execute(update(IntegrityStatusTotal).where(IntegrityStatusTotal.unit_id == a)
                       .values(n=IntegrityStatusTotal.n + 10))
    db.session.execute(update(IntegrityUnitTotal).where(IntegrityUnitTotal.unit_id == a)
                       .values(object_value=IntegrityUnitTotal.object_value * 2))
    db.session.execute(update(IntegrityDurationTotal).where(IntegrityDurationTotal.unit_id == a,
                                                            IntegrityDurationTotal.measure == "kpk")
                       .values(end_on=date(2026, 3, 1)))
    spoiled = unit_dashboard(a, Y2026)
    assert spoiled["reports"].counts["semua"] == 2 + 2 * 10
    assert spoiled["reports"].objects == {"objek": 3, "nilai": 260_000}
    assert spoiled["reports"].forwarded_within_sla != before["reports"].forwarded_within_sla
    db.session.rollback()


def test_a_change_in_another_session_shows_on_the_unit_page(ctx):
    a, b = _two_units()
    assert_exact()
    report_id = db.session.execute(select(GratificationReport.id).where(
        GratificationReport.unit_id == a, GratificationReport.received_on == date(2026, 2, 9))).scalar_one()
    move_in_another_session(report_id, "diverifikasi")
    assert _dirty() == [(KIND_REPORT, None, report_id)]
    figures = assert_same_figures(_unit(a))
    assert _dirty() == []
    assert figures[("r", a, "diverifikasi")] == 1 and ("r", a, "diterima_upg") not in figures
    assert_same_figures(_unit(b))
    assert_exact()


def test_a_case_moved_to_another_unit_is_recounted_in_both_units(ctx):
    a, b = _two_units()
    assert_exact()
    report = db.session.execute(select(GratificationReport).where(
        GratificationReport.unit_id == a, GratificationReport.received_on == date(2026, 1, 5))).scalar_one()
    complaint = db.session.execute(select(Complaint).where(
        Complaint.terlapor_unit_id == a, Complaint.received_on == date(2026, 1, 7))).scalar_one()
    report.unit_id, complaint.terlapor_unit_id = b, b
    totals.mark_changed(KIND_REPORT, report.id)  # whoever moves a case marks it
    totals.mark_changed(KIND_COMPLAINT, complaint.id)
    db.session.commit()
    moved_from, moved_to = assert_same_figures(_unit(a)), assert_same_figures(_unit(b))
    assert ("kpk", date(2026, 1, 5), date(2026, 1, 20)) not in moved_from
    assert moved_to[("kpk", date(2026, 1, 5), date(2026, 1, 20))] == 1
    assert ("respon", date(2026, 1, 7), date(2026, 1, 9)) not in moved_from
    assert moved_to[("respon", date(2026, 1, 7), date(2026, 1, 9))] == 1
    assert (moved_from["objek"], moved_to["objek"]) == (1, 2 + 2)
    assert_exact()
