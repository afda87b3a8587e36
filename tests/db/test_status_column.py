"""Status in one column (migration 0030): the case file holds it; the records read it."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from gratifikasi.cases.queries import case_of_record
from gratifikasi.cases.transitions import move
from gratifikasi.extensions import db, migrate
from gratifikasi.models import Complaint, GratificationReport
from gratifikasi.models.complaint import RECORD_TYPE as COMPLAINT_RECORD_TYPE
from gratifikasi.models.report import REPORT_RECORD_TYPE
from tests.conftest import make_app
from tests.integrity import factories as f

REVISION = "0030_status_in_case_file"


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path, fresh_schema=True)


def _before(app) -> str:
    """The revision this migration follows (read, so relinking the chain keeps the test true)."""
    script = ScriptDirectory.from_config(migrate.get_config())
    down = script.get_revision(REVISION).down_revision
    assert isinstance(down, str)
    return down


def _columns(table: str) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns(table)}


def test_the_records_keep_no_status_of_their_own(app):
    with app.app_context():
        for table in ("gratification_report", "complaint"):
            assert not {"status", "status_changed_at"} & _columns(table)
        assert {"status", "status_changed_at"} <= _columns("case_file")


def test_a_move_is_what_the_record_and_its_queries_see(app, frozen_clock):
    with app.app_context():
        unit = f.unit("DINKES")
        report_id = f.report(unit, date(2026, 3, 2))
        complaint_id = f.complaint(unit, date(2026, 3, 2))
        db.session.commit()
        report = db.session.get(GratificationReport, report_id)
        assert report is not None and report.status == "diterima_upg"
        case = case_of_record(REPORT_RECORD_TYPE, report_id)
        frozen_clock.now = datetime(2026, 3, 3, 2, 0)
        move(case, report, "verifikasi_lengkap", role="upg", actor_id=None, actor_type="system")
        db.session.commit()
        assert report.status == "diverifikasi" == case.status
        assert report.status_changed_at == datetime(2026, 3, 3, 2, 0)
        found = db.session.execute(select(GratificationReport.id).where(
            GratificationReport.status == "diverifikasi")).scalars().all()
        assert found == [report_id]
        complaint = db.session.get(Complaint, complaint_id)
        assert complaint is not None
        assert complaint.status == case_of_record(COMPLAINT_RECORD_TYPE, complaint_id).status == "baru"


def test_downgrade_refills_the_records_status_from_their_case_files_and_upgrade_drops_it(app):
    with app.app_context():
        unit = f.unit("DINKES")
        report_id = f.report(unit, date(2026, 3, 2), "diteruskan_kpk")
        complaint_id = f.complaint(unit, date(2026, 3, 2), "ditelaah")
        db.session.commit()
        downgrade(revision=_before(app))
        assert db.session.execute(text("SELECT status FROM gratification_report WHERE id = :i"),
                                  {"i": report_id}).scalar_one() == "diteruskan_kpk"
        assert db.session.execute(text("SELECT status FROM complaint WHERE id = :i"),
                                  {"i": complaint_id}).scalar_one() == "ditelaah"
        db.session.commit()
        upgrade()
        assert "status" not in _columns("gratification_report")
        assert db.session.get(GratificationReport, report_id).status == "diteruskan_kpk"  # type: ignore[union-attr]


def test_upgrade_stops_before_dropping_a_status_no_case_file_holds(app, capfd):
    with app.app_context():
        unit = f.unit("DINKES")
        report_id = f.report(unit, date(2026, 3, 2), "diverifikasi")
        db.session.commit()
        downgrade(revision=_before(app))
        db.session.execute(text("DELETE FROM case_file WHERE record_id = :i AND record_type = :t"),
                           {"i": report_id, "t": REPORT_RECORD_TYPE})
        db.session.commit()
        with pytest.raises(SystemExit):  # Flask-Migrate logs the migration's error and exits
            upgrade()
        assert "1 gratification_report rows have no case file" in capfd.readouterr().err
        assert db.session.execute(text("SELECT status FROM gratification_report WHERE id = :i"),
                                  {"i": report_id}).scalar_one() == "diverifikasi"
