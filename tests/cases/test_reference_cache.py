"""Reference data from memory (issue 14 §1): a submission reads units, officers, rings,
routing rules, the calendar and settings from the per-process cache, and an admin change made
by another worker (another app on the same database, so another engine and cache) or by a
command is seen by the very next submission."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from gratifikasi import clock, create_app
from gratifikasi.calendar import service as calendar
from gratifikasi.cases import routing
from gratifikasi.extensions import db
from gratifikasi.models import Officer
from gratifikasi.models.case import CaseFile, CaseKind, RoutingRule
from gratifikasi.settings.cache import bump, generation
from tests.cases.conftest import submit_complaint, submit_report
from tests.complaints.conftest import form_data, start
from tests.helpers import statements_of

REFERENCE_TABLES = ("unit", "officer", "key_ring", "routing_rule", "calendar_day", "calendar_year", "setting")


def _post_complaint(app: Flask) -> list[str]:
    """The statements of one complaint form POST (the submission itself)."""
    client = app.test_client()
    start(client)

    def send() -> None:
        response = client.post("/pengaduan/formulir", data=form_data(), content_type="multipart/form-data")
        assert response.status_code == 302

    return statements_of(app, send)


def _reads(statements: list[str], table: str) -> list[str]:
    return [sql for sql in statements if re.search(rf"\bFROM {table}\b", sql)]


@pytest.fixture
def other_worker(app: Flask) -> Iterator[Flask]:
    """A second app on the same database: its own engine, so its own process cache."""
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = app.instance_path
    try:
        other = create_app(dict(app.config))
    finally:
        del os.environ["GRATIFIKASI_INSTANCE_PATH"]
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def _latest_case(app: Flask) -> CaseFile:
    with app.app_context():
        case = db.session.execute(
            select(CaseFile).where(CaseFile.record_type == "complaint").order_by(CaseFile.id.desc()).limit(1)
        ).scalar_one()
        db.session.expunge(case)
        return case


def test_a_second_submission_reads_no_reference_table(app, world):
    first = _post_complaint(app)
    second = _post_complaint(app)
    assert any(_reads(first, table) for table in ("unit", "officer", "key_ring")), "the first one fills the cache"
    for table in REFERENCE_TABLES:
        assert _reads(second, table) == [], table
    assert len(_reads(second, "reference_generation")) == 1  # the generation, once per transaction
    assert len(second) < len(first)


def test_a_routing_change_in_another_worker_routes_the_next_case(app, world, other_worker):
    submit_complaint(app)  # this worker's cache is now filled
    with app.app_context():
        inspektorat, dishub = world.unit_id("INSPEKTORAT"), world.unit_id("DISHUB")
    assert _latest_case(app).handling_unit_id == inspektorat
    with other_worker.app_context():
        admin = db.session.execute(select(Officer).where(Officer.username == "admin")).scalar_one()
        routing.save_rule(admin, kind=CaseKind.pengaduan, source_unit_id=None, handling_unit_id=dishub,
                          head_officer_id=None, kpk_loss_threshold=1_000_000_000, flag_penyelenggara_negara=True,
                          flag_law_enforcer=True)
    submit_complaint(app)
    assert _latest_case(app).handling_unit_id == dishub


def test_a_holiday_added_in_another_worker_moves_the_next_due_date(app, world, other_worker):
    submit_complaint(app)
    before = _latest_case(app).due_on
    with other_worker.app_context():
        calendar.add_calendar_day(date(2026, 3, 4), "Libur uji", "libur")
    submit_complaint(app)
    after = _latest_case(app).due_on
    assert after > before
    with app.app_context():
        assert after == calendar.working_day_calendar().add_working_days(before, 1)


def test_a_command_bumps_the_generation_and_the_next_case_follows_it(app, world, other_worker):
    submit_complaint(app)
    before = _latest_case(app).due_on
    with app.app_context():
        start_generation = generation()
    result = other_worker.test_cli_runner().invoke(args=["settings", "set", "pengaduan.respon_hk", "10"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert generation() > start_generation
    submit_complaint(app)
    with app.app_context():
        assert _latest_case(app).due_on == calendar.working_day_calendar().add_working_days(before, 5)


def test_a_change_rolled_back_never_reaches_the_cache(app, world):
    with app.app_context():
        dishub = world.unit_id("DISHUB")
        assert routing.rule_for(CaseKind.pengaduan, None) is None  # cached at this generation
        db.session.add(RoutingRule(kind=CaseKind.pengaduan, source_unit_id=None, handling_unit_id=dishub,
                                   kpk_loss_threshold=1, flag_penyelenggara_negara=True, flag_law_enforcer=True,
                                   updated_at=clock.utcnow()))
        bump()
        assert routing.rule_for(CaseKind.pengaduan, None).handling_unit_id == dishub  # its own change
        db.session.rollback()
        assert routing.rule_for(CaseKind.pengaduan, None) is None
        inspektorat = world.unit_id("INSPEKTORAT")
    submit_complaint(app)
    assert _latest_case(app).handling_unit_id == inspektorat


def test_a_new_report_reads_no_kpk_table_for_its_deadlines(app, world):
    """A report that was never forwarded has no forwarding, SK or follow-up rows: counting its
    step deadlines at intake (the submission's hot path) asks none of those tables."""
    submit_report(app)  # fills the caches
    cases = []
    statements = statements_of(app, lambda: cases.append(submit_report(app)))
    assert cases[0].due_on is not None
    for table in ("kpk_forwarding", "kpk_decision", "kpk_follow_up"):
        assert _reads(statements, table) == [], table
