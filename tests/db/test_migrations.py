"""The schema comes from migrations: upgrade from empty, models agree (db check), downgrade."""
from __future__ import annotations

from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from gratifikasi.extensions import db
from gratifikasi.settings.service import set_setting
from tests.conftest import make_app
from tests.integrity import factories


@pytest.fixture
def app(tmp_path):
    """This module checks the migrations themselves: run them from an empty database."""
    return make_app(tmp_path, fresh_schema=True)


def test_upgrade_from_empty_creates_every_model_table(app):
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        assert "alembic_version" in tables


def test_models_and_migrations_agree(app):
    """The same comparison `flask db check` makes: autogenerate finds nothing to add."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_flask_db_check_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def test_downgrade_to_empty_and_up_again(app):
    with app.app_context():
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())


def test_0014_dates_a_complaints_status_change_from_its_history_not_its_last_message(app, frozen_clock):
    """Before 0014 a closed complaint's closing was read from updated_at, which a later
    message moves; the upgrade takes the last transition into the current status instead."""
    from datetime import date, datetime

    from sqlalchemy import text

    from tests.integrity import factories as f

    with app.app_context():
        complaint_id = f.complaint(f.unit("DINKES"), date(2026, 3, 2))  # its case history starts 03:00
        db.session.commit()
        downgrade(revision="0013_integrity_dirty")
        assert "status_changed_at" not in {c["name"] for c in inspect(db.engine).get_columns("complaint")}
        db.session.execute(text("UPDATE complaint SET updated_at = :later WHERE id = :id"),
                           {"later": datetime(2026, 3, 20, 4, 0), "id": complaint_id})
        db.session.commit()
        upgrade(revision="0014_complaint_status_changed_at")
        changed = db.session.execute(text("SELECT status_changed_at FROM complaint WHERE id = :id"),
                                     {"id": complaint_id}).scalar_one()
        assert str(changed).startswith("2026-03-02 03:00")  # the history, not updated_at
        db.session.commit()  # no read left open while the later migrations alter the tables (PostgreSQL waits)
        upgrade()


def test_0015_replaces_complaint_access_with_browser_access_dropping_the_short_lived_rows(app, frozen_clock):
    """Rows live minutes and open only with their browser's key: both directions drop them."""
    from datetime import date, timedelta

    from sqlalchemy import text

    from gratifikasi.intake import browser_access
    from tests.integrity import factories as f

    with app.app_context():
        f.complaint(f.unit("DINKES"), date(2026, 3, 2))
        browser_access.hold("complaint", 1, browser_access.KIND_MAILBOX, b"x", lifetime=timedelta(minutes=20))
        db.session.commit()
        downgrade(revision="0014_complaint_status_changed_at")
        tables = set(inspect(db.engine).get_table_names())
        assert "complaint_access" in tables and "browser_access" not in tables
        assert db.session.execute(text("SELECT count(*) FROM complaint_access")).scalar_one() == 0
        db.session.execute(text(
            "INSERT INTO complaint_access (token_hash, complaint_id, kind, sealed, created_at, expires_at) "
            "SELECT :token, id, 'mailbox', :sealed, :now, :now FROM complaint"
        ), {"token": bytes(32), "sealed": b"x", "now": frozen_clock.now})
        db.session.commit()
        assert db.session.execute(text("SELECT count(*) FROM complaint_access")).scalar_one() == 1
        db.session.commit()  # PostgreSQL: an open read would block the upgrade's DROP TABLE
        upgrade()
        assert "complaint_access" not in set(inspect(db.engine).get_table_names())
        assert db.session.execute(text("SELECT count(*) FROM browser_access")).scalar_one() == 0


def test_0031_one_name_for_the_day_a_report_reached_the_agency(app, frozen_clock):
    """The report's receipt day is `received_on`, as the complaint's and the case file's; the
    downgrade gives the old name back with the same values."""
    from datetime import date

    from sqlalchemy import text

    from tests.integrity import factories as f

    with app.app_context():
        report_id = f.report(f.unit("DINKES"), date(2026, 3, 2))
        db.session.commit()
        assert "tanggal_lapor" not in {c["name"] for c in inspect(db.engine).get_columns("gratification_report")}
        downgrade(revision="0030_status_in_case_file")
        assert db.session.execute(text("SELECT tanggal_lapor FROM gratification_report WHERE id = :id"),
                                  {"id": report_id}).scalar_one() in (date(2026, 3, 2), "2026-03-02")
        db.session.commit()
        upgrade()
        assert db.session.execute(text("SELECT received_on FROM gratification_report WHERE id = :id"),
                                  {"id": report_id}).scalar_one() in (date(2026, 3, 2), "2026-03-02")


def test_0021_counts_the_upg_deadline_of_existing_reports_with_the_tenant_setting(app, frozen_clock):
    """Reports filed before 0021 get their receipt → UPG deadline counted on the stored
    calendar with the tenant's setting (7 HK here), so the dashboard's on-time figure is
    right for them too; a refusal report has none."""
    with app.app_context():
        unit = factories.unit("DINKES")
        accepted = factories.report(unit, date(2026, 3, 13))  # received and filed Friday 13 March
        refused = factories.report(unit, date(2026, 3, 13), penolakan=True)
        set_setting("receipt_to_upg_hk", 7)
        db.session.commit()
        downgrade(revision="0015_browser_access")
        assert "upg_due_on" not in {c["name"] for c in inspect(db.engine).get_columns("gratification_report")}
        assert "calendar_year" not in set(inspect(db.engine).get_table_names())
        db.session.commit()
        upgrade()
        due = dict(db.session.execute(text("SELECT id, upg_due_on FROM gratification_report")).all())
        # 7 HK from 13 March 2026: 16, 17, 25, 26, 27, 30, 31 March (18–24 March Lebaran).
        assert str(due[accepted]) == "2026-03-31"
        assert due[refused] is None
