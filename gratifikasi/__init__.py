"""gratifikasi: pelaporan gratifikasi dan whistleblowing untuk UPG dan Inspektorat."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask

from .config import DefaultConfig, ensure_secret_key, env_overrides, normalise_database_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Application factory: config, extensions, blueprints, CLI, error pages."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("GRATIFIKASI_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    _load_config(app, test_config)
    _init_logging(app)
    _init_extensions(app)
    _register_blueprints(app)

    from .security import errors, headers

    headers.init_app(app)
    errors.init_app(app)

    from . import cli, i18n

    i18n.init_app(app)
    cli.init_app(app)
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
        app.config["SECRET_KEY"] = ensure_secret_key(Path(app.instance_path))
    if app.config["TRUST_PROXY_HEADERS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]


def _init_logging(app: Flask) -> None:
    # Request lines of the dev server carry client addresses; they are never wanted here.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def _init_extensions(app: Flask) -> None:
    from .extensions import csrf, db, limiter, login_manager, mail, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            _enable_sqlite_foreign_keys(db.engine)

    from . import models  # noqa: F401  (register the tables)
    from .auth import sessions

    sessions.init_login_manager(login_manager)


def _enable_sqlite_foreign_keys(engine: Any) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def _register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .attachments.views import bp as attachments_bp
    from .auth import bp as auth_bp
    from .cases.views import bp as cases_bp
    from .complaints.staff_views import staff_bp as complaints_staff_bp
    from .complaints.views import bp as complaints_bp
    from .custody import bp as custody_bp
    from .home import bp as home_bp
    from .integrity.views import bp as integrity_bp
    from .integrity.views import public_bp as transparency_bp
    from .kpk.views import bp as kpk_bp
    from .reports.views import bp as reports_bp

    app.register_blueprint(home_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(custody_bp)
    app.register_blueprint(kpk_bp)
    app.register_blueprint(integrity_bp)
    app.register_blueprint(transparency_bp)
    app.register_blueprint(complaints_bp)
    app.register_blueprint(complaints_staff_bp)
    app.register_blueprint(attachments_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(cases_bp)
