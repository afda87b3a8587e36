"""gratifikasi: pelaporan gratifikasi dan whistleblowing untuk UPG dan Inspektorat.

The package root holds the application factory, the configuration, the extensions, the CLI
registration and tiny shared utilities (``clock``, ``i18n``); every feature lives in its own
package, whose blueprint is defined in its ``views`` module.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix

from . import cli, connection_check, crash_points, i18n, models  # noqa: F401  (models: registers every table)
from .admin import bp as admin_bp
from .attachments.views import bp as attachments_bp
from .auth import bp as auth_bp
from .auth import sessions
from .cases.views import bp as cases_bp
from .complaints.staff_views import staff_bp as complaints_staff_bp
from .complaints.views import bp as complaints_bp
from .config import DefaultConfig, ensure_secret_key, env_overrides, normalise_database_url
from .custody import bp as custody_bp
from .demo import guard as demo_guard
from .extensions import csrf, db, limiter, login_manager, mail, migrate
from .home import bp as home_bp
from .integrity.views import bp as integrity_bp
from .integrity.views import public_bp as transparency_bp
from .kpk.views import bp as kpk_bp
from .reports.views import bp as reports_bp
from .security import errors, headers, secret_key

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# An installed package (`pip install .`) carries templates/ and migrations/ here (setup.py).
BUNDLED = Path(__file__).resolve().parent / "_bundled"
BLUEPRINTS = (home_bp, auth_bp, admin_bp, custody_bp, kpk_bp, integrity_bp, transparency_bp, complaints_bp,
              complaints_staff_bp, attachments_bp, reports_bp, cases_bp)


def resource_folder(name: str) -> Path:
    """``templates`` or ``migrations``: the copy inside an installed package, else the
    repository's own folder (a checkout, an editable install)."""
    bundled = BUNDLED / name
    return bundled if bundled.is_dir() else PROJECT_ROOT / name


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Application factory: config, extensions, blueprints, CLI, error pages."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("GRATIFIKASI_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
        instance_relative_config=True,
        template_folder=str(resource_folder("templates")),
    )
    _load_config(app, test_config)
    crash_points.check_config(app)
    # Request lines of the dev server carry client addresses; they are never wanted here.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    _init_extensions(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    headers.init_app(app)
    errors.init_app(app)
    i18n.init_app(app)
    cli.init_app(app)
    demo_guard.init_app(app)
    if app.config["SECRET_KEY_CHECK"]:
        with app.app_context():
            try:
                secret_key.check(app.config["SECRET_KEY"], adopt=bool(app.config["SECRET_KEY_ADOPT"]))
            finally:
                db.engine.dispose()  # no connection kept from start-up (nor shared by forked workers)
    return app


def _load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(env_overrides(os.environ))
    if test_config:
        app.config.update(test_config)

    database_url = app.config.pop("DATABASE_URL", None)
    if database_url:
        app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = (
            "sqlite:///" + str(Path(app.instance_path) / "gratifikasi.sqlite3")
        )
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {}
    if not app.config.get("SECRET_KEY"):
        key_file = app.config.get("SECRET_KEY_FILE")
        app.config["SECRET_KEY"] = ensure_secret_key(Path(key_file) if key_file
                                                     else Path(app.instance_path) / "secret_key")
    if app.config["TRUST_PROXY_HEADERS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(resource_folder("migrations")), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
            event.listen(db.engine, "connect", _sqlite_pragmas)
        else:
            connection_check.watch(db.engine)  # instead of pool_pre_ping's round trip per request
    sessions.init_login_manager(login_manager)


SQLITE_BUSY_TIMEOUT_MS = 15000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Per connection: foreign keys on; WAL, so readers never block the writer and the writer
    never blocks readers; a busy timeout, so a writer waits for another instead of failing
    at once with "database is locked" (issue 17 item 5: two logins with one TOTP code)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
