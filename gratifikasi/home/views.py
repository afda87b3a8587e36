"""Public landing page, the officer's home page and the language switch."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ..i18n import LANGUAGE_COOKIE
from . import bp


@bp.get("/")
def index() -> str:
    return render_template("home/index.html")


@bp.get("/beranda")
@login_required
def officer_home() -> str:
    return render_template("home/officer_home.html", officer=current_user)


@bp.post("/bahasa")
def set_language() -> Response:
    language = request.form.get("bahasa", "")
    target = request.form.get("next", "")
    # Only same-site paths, so the switch cannot be used as an open redirect.
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = url_for("home.index")
    response = make_response(redirect(target))
    if language in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANGUAGE_COOKIE,
            language,
            max_age=365 * 24 * 3600,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
        )
    return response
