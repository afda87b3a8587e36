"""Public landing page, the officer's home page and the language switch."""
from __future__ import annotations

import re

from flask import current_app, make_response, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ..cases import queries
from ..cases import services as case_services
from ..i18n import LANGUAGE_COOKIE
from . import bp


@bp.get("/")
def index() -> str:
    return render_template("home/index.html")


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for /favicon.ico on pages without an icon link (a PDF, an old bookmark):
    answer with the agency logo rather than a 404, and touch no session."""
    return send_from_directory(
        current_app.static_folder or "static", current_app.config["AGENCY_LOGO"], max_age=86400
    )


@bp.get("/beranda")
@login_required
def officer_home() -> str:
    officer = current_user._get_current_object()
    handles = queries.handles_cases(officer)
    return render_template(
        "home/officer_home.html", officer=officer, handles=handles,
        summary=case_services.queue_summary(officer) if handles else None,
        soon_within=case_services.soon_within_hk(),
    )


# Only a same-site path (and query) of plain URL characters may be the target, so the switch
# is no open redirect: no scheme or host, no "//" or "/\\" (browsers read both as a host), no
# whitespace or control characters (a newline made redirect() fail with a 500).
_LOCAL_PATH = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*")


@bp.post("/bahasa")
def set_language() -> Response:
    language = request.form.get("bahasa", "")
    target = request.form.get("next", "")
    if not _LOCAL_PATH.fullmatch(target) or target.startswith("//"):
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
