"""Upgrades keep every record visible (issue 18 item 1): a database made by a release before
the case workspace (0009) holds reports and complaints without case files; after `flask db
upgrade` the officers find them in their queue and read them on the case page."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from gratifikasi.extensions import db
from gratifikasi.models.case import NO_DEADLINE, CaseEvent, CaseFile, CaseRecusal
from tests.cases.conftest import SECRET_TEXT, build_world, submit_complaint, submit_report
from tests.conftest import make_app
from tests.helpers import login

BEFORE_CASES = "0009_kpk"


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path, fresh_schema=True)


def _case_of(record_type: str, record_id: int) -> CaseFile | None:
    return db.session.execute(select(CaseFile).where(
        CaseFile.record_type == record_type, CaseFile.record_id == record_id)).scalar_one_or_none()


def _old_complaint(unit_id: int, officer_id: int) -> int:
    """A complaint as the 0009 schema stored it (no status_changed_at; sealed columns opaque),
    already moved on by an officer to a later state, naming an officer (recusal)."""
    db.session.execute(text(
        "INSERT INTO complaint (number, status, category, channel, terlapor_unit_id, terlapor_penyelenggara_negara,"
        " terlapor_penegak_hukum, flag_kpk_aph, route_reasons, recused_officer_ids, identity_given, received_on,"
        " created_at, updated_at, access_one_time) VALUES ('WBS-2026-0099', 'ditelaah', 'pengadaan', 'portal',"
        " :unit, false, false, true, '[]', :recused, false, :received, :created, :updated, false)"
    ), {"unit": unit_id, "recused": f"[{officer_id}]", "received": date(2026, 2, 2),
        "created": datetime(2026, 2, 2, 3, 0), "updated": datetime(2026, 2, 10, 3, 0)})
    return db.session.execute(text("SELECT max(id) FROM complaint")).scalar_one()


def test_upgrade_from_before_the_case_workspace_fills_the_queue_and_the_case_pages(app, frozen_clock):
    world = build_world(app)
    report_case = submit_report(app)
    complaint_case, _code = submit_complaint(app)
    with app.app_context():
        report_id, complaint_id = report_case.record_id, complaint_case.record_id
        # Read through the models while the schema is current (the officer model has columns
        # an old release lacks).
        dishub, irban2 = world.unit_id("DISHUB"), world.officer("irban2").id
        db.session.commit()
        downgrade(revision=BEFORE_CASES)  # the schema of a release without case files
        assert "case_file" not in inspect(db.engine).get_table_names()
        old_id = _old_complaint(dishub, irban2)
        db.session.commit()
        upgrade()

        report = _case_of("gratification_report", report_id)
        complaint = _case_of("complaint", complaint_id)
        old = _case_of("complaint", old_id)
        assert report is not None and complaint is not None and old is not None
        assert (report.queue, report.status, report.is_open, report.category) == ("upg", "diterima_upg", True,
                                                                                  "penerimaan")
        assert report.due_on != NO_DEADLINE and report.handling_unit_id == world.unit_id("INSPEKTORAT")
        assert (old.queue, old.status, old.flag_kpk_aph, old.unit_id) == ("inspektorat", "ditelaah", True,
                                                                          world.unit_id("DISHUB"))
        recused = db.session.execute(select(CaseRecusal.officer_id).where(CaseRecusal.case_id == old.id)).scalars()
        assert list(recused) == [world.officer("irban2").id]
        history = db.session.execute(select(CaseEvent.from_status, CaseEvent.to_status)
                                     .where(CaseEvent.case_id == old.id).order_by(CaseEvent.id)).all()
        assert [tuple(row) for row in history] == [(None, "baru"), ("baru", "ditelaah")]
        ids = report.id, complaint.id, old.id, report.tracking_number, complaint.tracking_number

    upg, irban, irban2 = app.test_client(), app.test_client(), app.test_client()
    login(upg, "upg"), login(irban, "irban"), login(irban2, "irban2")
    report_id, complaint_id, old_id, report_number, complaint_number = ids
    assert report_number in upg.get("/perkara/").get_data(as_text=True)
    queue = irban.get("/perkara/").get_data(as_text=True)
    assert complaint_number in queue and "WBS-2026-0099" in queue
    assert "WBS-2026-0099" not in irban2.get("/perkara/").get_data(as_text=True)  # named in it: recused
    page = upg.get(f"/perkara/{report_id}")
    assert page.status_code == 200 and SECRET_TEXT in page.get_data(as_text=True)
    assert irban.get(f"/perkara/{complaint_id}").status_code == 200
    assert irban.get(f"/perkara/{old_id}").status_code == 200


def test_0017_indexes_records_left_without_a_case_file_and_its_downgrade_removes_only_those(app, frozen_clock):
    """A database upgraded past 0010 by an older release (or loaded by hand) may hold records
    without case files: 0017 adds them; its downgrade takes back exactly what it added."""
    build_world(app)
    kept = submit_report(app)
    lost = submit_report(app)
    with app.app_context():
        for table, column in (("case_event", "case_id"), ("case_recusal", "case_id"), ("case_file", "id")):
            db.session.execute(text(f"DELETE FROM {table} WHERE {column} = :id"), {"id": lost.id})
        db.session.commit()
        downgrade(revision="0017_case_backfill-1")
        upgrade()
        found = _case_of("gratification_report", lost.record_id)
        assert found is not None and found.status == "diterima_upg" and found.queue == "upg"
        db.session.commit()
        downgrade(revision="0017_case_backfill-1")
        assert _case_of("gratification_report", lost.record_id) is None
        assert _case_of("gratification_report", kept.record_id) is not None  # opened by intake: kept
        db.session.commit()
        upgrade()
        assert _case_of("gratification_report", lost.record_id) is not None
