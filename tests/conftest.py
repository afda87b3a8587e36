"""Shared fixtures. The schema is always built by running the Alembic migrations.

Backends: SQLite in a temporary folder by default; PostgreSQL when
GRATIFIKASI_TEST_DATABASE_URL names one (CI runs the suite a second time that way).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

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


def make_app(tmp_path: Path, **overrides: object) -> Flask:
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
    if TEST_DATABASE_URL:
        _reset_postgres_schema(TEST_DATABASE_URL)
        database_url = TEST_DATABASE_URL
    else:
        database_url = "sqlite:///" + str(instance / "test.sqlite3")
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_FAST": True,
        "SESSION_COOKIE_SECURE": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_SUPPRESS_SEND": True,
    }
    config.update(overrides)
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(instance)
    try:
        app = create_app(config)
    finally:
        del os.environ["GRATIFIKASI_INSTANCE_PATH"]
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
