"""Several hosts behave as one (issue 18 item 3): one secret key, from the environment or a
shared file, and a host with another key refuses to start on the same database."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from flask import Flask

from gratifikasi import create_app
from gratifikasi.security.secret_key import SecretKeyMismatch, fingerprint
from tests.conftest import _created_apps, make_app
from tests.helpers import PASSWORD, make_officer

CHECKED = {"SECRET_KEY_CHECK": True}


def another_host(first: Flask, instance: Path, **config: object) -> Flask:
    """A second app server on the first one's database, with its own instance/ folder."""
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(instance)
    try:
        app = create_app({"TESTING": True, "SESSION_COOKIE_SECURE": False, "PASSWORD_HASH_FAST": True,
                          "RATELIMIT_ENABLED": False, "MAIL_SUPPRESS_SEND": True,
                          "SQLALCHEMY_DATABASE_URI": first.config["SQLALCHEMY_DATABASE_URI"], **config})
        _created_apps.append(app)  # its connections are closed after the test
        return app
    finally:
        del os.environ["GRATIFIKASI_INSTANCE_PATH"]


def test_a_host_with_another_key_refuses_to_start_and_says_what_to_do(tmp_path):
    first = make_app(tmp_path, **CHECKED)  # its own instance/secret_key, recorded at start
    with pytest.raises(SecretKeyMismatch) as refused:
        another_host(first, tmp_path / "host2", **CHECKED)  # writes a different instance/secret_key
    message = str(refused.value)
    assert "GRATIFIKASI_SECRET_KEY" in message and "GRATIFIKASI_SECRET_KEY_FILE" in message
    assert first.config["SECRET_KEY"] not in message  # a fingerprint, never the key
    assert fingerprint(first.config["SECRET_KEY"]) in message
    # Restarting the first host (same key) is fine.
    another_host(first, tmp_path / "instance", **CHECKED)


def test_replacing_the_key_on_purpose_is_adopted_once_then_enforced(tmp_path):
    first = make_app(tmp_path, **CHECKED)
    another_host(first, tmp_path / "host2", SECRET_KEY="the-new-shared-key", SECRET_KEY_ADOPT=True, **CHECKED)
    another_host(first, tmp_path / "host3", SECRET_KEY="the-new-shared-key", **CHECKED)
    with pytest.raises(SecretKeyMismatch):
        another_host(first, tmp_path / "instance", **CHECKED)  # the old key is refused now


def test_hosts_sharing_the_key_file_accept_each_others_forms(tmp_path):
    shared = tmp_path / "shared" / "secret_key"
    first = make_app(tmp_path, SECRET_KEY_FILE=str(shared), WTF_CSRF_ENABLED=True, **CHECKED)
    second = another_host(first, tmp_path / "host2", SECRET_KEY_FILE=str(shared), WTF_CSRF_ENABLED=True,
                          **CHECKED)
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == shared.read_text().strip()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o600
    assert not (tmp_path / "instance" / "secret_key").exists()
    make_officer(first, "ani")
    on_first, on_second = first.test_client(), second.test_client()
    page = on_first.get("/masuk").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    cookie = on_first.get_cookie(first.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    on_second.set_cookie(second.config["SESSION_COOKIE_NAME"], cookie.value)
    accepted = on_second.post("/masuk", data={"username": "ani", "password": PASSWORD, "csrf_token": token.group(1)})
    assert accepted.status_code == 302  # the form made on one host is accepted on the other


def test_the_key_from_the_environment_wins_and_is_never_written_to_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("GRATIFIKASI_SECRET_KEY", "from-the-environment-0123456789")
    first = make_app(tmp_path, **CHECKED)
    second = another_host(first, tmp_path / "host2", **CHECKED)
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == "from-the-environment-0123456789"
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_a_database_not_yet_migrated_does_not_stop_the_start_and_the_first_migrated_start_records(tmp_path):
    """`flask db upgrade` on an empty database starts the app before the tables exist."""
    from flask_migrate import upgrade

    empty = tmp_path / "empty.sqlite3"
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(tmp_path / "host1")
    try:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{empty}", **CHECKED})
        _created_apps.append(app)
    finally:
        del os.environ["GRATIFIKASI_INSTANCE_PATH"]
    with app.app_context():
        upgrade()
    another_host(app, tmp_path / "host1", **CHECKED)  # records host1's key
    with pytest.raises(SecretKeyMismatch):
        another_host(app, tmp_path / "host2", **CHECKED)
