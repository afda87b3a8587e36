"""Shared fixtures. The schema is always built by running the Alembic migrations.

Backends: SQLite in a temporary folder by default; PostgreSQL when
GRATIFIKASI_TEST_DATABASE_URL names one (CI runs the suite a second time that way).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text

from gratifikasi import clock, create_app
from gratifikasi.extensions import db

IN_CI = os.environ.get("CI", "").lower() == "true"
TEST_DATABASE_URL = os.environ.get("GRATIFIKASI_TEST_DATABASE_URL", "")


def requirement_missing(reason: str) -> None:
    """Skip locally, but fail in CI: CI must never go green by skipping."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)")
    pytest.skip(reason)


def _reset_postgres_schema(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


_created_apps: list[Flask] = []


@pytest.fixture(autouse=True)
def _dispose_created_apps() -> Iterator[None]:
    """Close every app's database connections after each test (no leaked connections)."""
    yield
    while _created_apps:
        created = _created_apps.pop()
        with created.app_context():
            db.session.remove()
            db.engine.dispose()


_templates: dict[str, str] = {}


def _sqlite_template(config: dict[str, object]) -> Path:
    """A database migrated once per test run; each test gets a copy (DDL on SQLite is slow)."""
    if "sqlite" not in _templates:
        folder = Path(tempfile.mkdtemp(prefix="gratifikasi-template-"))
        _build_template(config, "sqlite:///" + str(folder / "template.sqlite3"), folder)
        _templates["sqlite"] = str(folder / "template.sqlite3")
    return Path(_templates["sqlite"])


def _postgres_template(config: dict[str, object]) -> str:
    """A template database migrated once per test run; each test's database is cloned from it."""
    base = make_url(TEST_DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    template_name = f"{base.database}_tpl"
    if "postgres" not in _templates:
        _admin_sql(f'DROP DATABASE IF EXISTS "{template_name}" WITH (FORCE)', f'CREATE DATABASE "{template_name}"')
        _build_template(config, base.set(database=template_name).render_as_string(hide_password=False),
                        Path(tempfile.mkdtemp(prefix="gratifikasi-template-")))
        _templates["postgres"] = template_name
    return template_name


def _admin_sql(*statements: str) -> None:
    base = make_url(TEST_DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    engine = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def _build_template(config: dict[str, object], url: str, instance: Path) -> None:
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(instance)
    try:
        template_app = create_app({**config, "SQLALCHEMY_DATABASE_URI": url})
    finally:
        del os.environ["GRATIFIKASI_INSTANCE_PATH"]
    with template_app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.session.remove()
        db.engine.dispose()


def make_app(tmp_path: Path, *, fresh_schema: bool = False, **overrides: object) -> Flask:
    """An app on its own database. The schema always comes from the Alembic migrations:
    run here when fresh_schema is set, otherwise copied from a template migrated once."""
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
    config: dict[str, object] = {
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_FAST": True,
        "SESSION_COOKIE_SECURE": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_SUPPRESS_SEND": True,
        # Each test app has its own key; tests/security/test_secret_key.py checks the check.
        "SECRET_KEY_CHECK": False,
        # Outside instance/, as in production: the stolen-database test copies instance/.
        "OUTBOX_KEY_FILE": str(tmp_path / "outbox-key" / "outbox.key"),
    }
    if TEST_DATABASE_URL:
        database_url = TEST_DATABASE_URL
        name = make_url(database_url).database
        if fresh_schema:
            _reset_postgres_schema(database_url)
        else:
            _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                       f'CREATE DATABASE "{name}" TEMPLATE "{_postgres_template(config)}"')
    else:
        database_path = instance / "test.sqlite3"
        database_url = "sqlite:///" + str(database_path)
        if not fresh_schema:
            shutil.copyfile(_sqlite_template(config), database_path)
    config["SQLALCHEMY_DATABASE_URI"] = database_url
    config.update(overrides)
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(instance)
    try:
        app = create_app(config)
    finally:
        del os.environ["GRATIFIKASI_INSTANCE_PATH"]
    if fresh_schema:
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
    _created_apps.append(app)
    return app


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return make_app(tmp_path)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class FrozenClock:
    """Controls gratifikasi.clock.utcnow(); tests move it instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    fake = FrozenClock(datetime(2026, 3, 2, 1, 0, 0))
    monkeypatch.setattr(clock, "utcnow", fake)
    return fake
