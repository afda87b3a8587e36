"""A demo cannot pass for production (issue 17 item 8, second half): while an enabled demo
account still has the published password the app warns loudly at start and every page shows
the DEMO banner; the check hashes only at start and when a stored hash changed."""
from __future__ import annotations

import logging

from gratifikasi import create_app
from gratifikasi.admin import services as admin_services
from gratifikasi.demo import DEMO_OFFICERS, guard
from gratifikasi.extensions import db
from tests.conftest import make_app

BANNER = 'data-testid="demo-banner"'


def _demo_app(tmp_path):
    app = make_app(tmp_path)
    result = app.test_cli_runner().invoke(args=["demo", "seed", "--no-sample-data"])
    assert result.exit_code == 0, result.output
    return app


def test_banner_on_every_page_kind_while_demo_passwords_are_public(tmp_path, frozen_clock):
    app = _demo_app(tmp_path)
    client = app.test_client()
    for path in ("/", "/masuk", "/transparansi", "/pengaduan/", "/laporan-gratifikasi", "/tidak-ada"):
        assert BANNER in client.get(path).get_data(as_text=True), path


def test_plain_database_shows_no_banner(app, client):
    assert BANNER not in client.get("/").get_data(as_text=True)
    assert BANNER not in client.get("/transparansi").get_data(as_text=True)


def test_start_up_warns_loudly_on_a_demo_database(tmp_path, caplog, frozen_clock):
    app = _demo_app(tmp_path)
    with caplog.at_level(logging.WARNING, logger="gratifikasi.demo.guard"):
        started = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "TESTING": True,
                               "SECRET_KEY": "test-only"})
    with started.app_context():
        db.engine.dispose()  # its pooled connection must not outlive the test
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("DEMO INSTANCE" in w and "upg" in w for w in warnings)


def test_banner_ends_when_every_demo_password_changed_and_hashing_only_on_change(
    tmp_path, frozen_clock, monkeypatch
):
    app = _demo_app(tmp_path)
    client = app.test_client()
    assert BANNER in client.get("/").get_data(as_text=True)

    verified = []
    real_verify = guard.passwords.verify_password
    monkeypatch.setattr(guard.passwords, "verify_password",
                        lambda stored, password, **kw: verified.append(stored) or real_verify(stored, password, **kw))
    frozen_clock.advance(seconds=guard.RECHECK_SECONDS + 1)
    assert BANNER in client.get("/").get_data(as_text=True)
    assert verified == [], "unchanged hashes are not verified again"

    with app.app_context():
        for officer in DEMO_OFFICERS:
            admin_services.reset_password(officer.username, by_admin="admin")
    frozen_clock.advance(seconds=guard.RECHECK_SECONDS + 1)
    assert BANNER not in client.get("/").get_data(as_text=True)
    assert len(verified) == len(DEMO_OFFICERS)
