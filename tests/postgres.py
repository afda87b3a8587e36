"""A scratch PostgreSQL database for the tests that are about PostgreSQL itself (statement
counts, concurrency), in either CI pass: created on the test server, migrated, dropped after.
Without a server such a test skips locally and fails under CI=true (``requirement_missing``)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from gratifikasi import create_app
from tests.conftest import TEST_DATABASE_URL, _created_apps, requirement_missing

SERVER_URL = (os.environ.get("GRATIFIKASI_TEST_POSTGRES_URL") or TEST_DATABASE_URL
              or "postgresql+psycopg://postgres@127.0.0.1:5432/gratifikasi_test")


def server() -> URL:
    url = make_url(SERVER_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    if not url.drivername.startswith("postgresql"):
        url = make_url("postgresql+psycopg://postgres@127.0.0.1:5432/gratifikasi_test")
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except OperationalError:
        requirement_missing(f"no PostgreSQL server at {url.host}:{url.port or 5432}")
    finally:
        engine.dispose()
    return url


def admin_sql(url: URL, *statements: str) -> None:
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@contextmanager
def scratch_database(suffix: str) -> Iterator[URL]:
    """A new, empty database ``<test database>_<suffix>``, dropped afterwards."""
    url = server()
    scratch = url.set(database=f"{url.database or 'gratifikasi_test'}_{suffix}")
    drop = f'DROP DATABASE IF EXISTS "{scratch.database}" WITH (FORCE)'
    admin_sql(url, drop, f'CREATE DATABASE "{scratch.database}"')
    try:
        yield scratch
    finally:
        admin_sql(url, drop)


def host_app(url: URL, tmp_path: Path, *, migrate: bool = False, **config: object) -> Flask:
    """An app on ``url`` with the test suite's settings (its instance folder in ``tmp_path``)."""
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
    os.environ["GRATIFIKASI_INSTANCE_PATH"] = str(instance)
    try:
        app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "PASSWORD_HASH_FAST": True,
                          "SESSION_COOKIE_SECURE": False, "RATELIMIT_ENABLED": False, "MAIL_SUPPRESS_SEND": True,
                          "SECRET_KEY_CHECK": False, "OUTBOX_KEY_FILE": str(tmp_path / "outbox-key" / "outbox.key"),
                          "SQLALCHEMY_DATABASE_URI": url.render_as_string(hide_password=False), **config})
    finally:
        del os.environ["GRATIFIKASI_INSTANCE_PATH"]
    _created_apps.append(app)
    if migrate:
        with app.app_context():
            upgrade()
    return app


@contextmanager
def world_app(suffix: str, tmp_path: Path) -> Iterator[Flask]:
    """An app on a scratch database with the case tests' world (units, officers, rings)."""
    from gratifikasi.extensions import db
    from tests.cases.conftest import build_world

    with scratch_database(suffix) as url:
        app = host_app(url, tmp_path, migrate=True)
        build_world(app)
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()  # before the database is dropped
