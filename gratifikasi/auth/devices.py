"""The device cookie: a browser in which an officer has logged in before.

Set at each successful login (signed with the app secret, HttpOnly, a random part so no two
are alike); it names only the officer's id. It exempts that browser from the account-wide
login wait (auth/throttle.py), so a guesser trying the account from many addresses cannot
keep its owner out. It grants nothing else: the password and TOTP are still required.
"""
from __future__ import annotations

import secrets

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from ..models import Officer

COOKIE = "perangkat_petugas"
MAX_AGE_SECONDS = 180 * 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="officer-device")


def remembered_officer_id() -> int | None:
    """The officer this browser logged in as before, if its cookie is genuine and not too old."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        data = _serializer().loads(raw, max_age=MAX_AGE_SECONDS)
    except BadSignature:
        return None
    officer_id = data.get("o") if isinstance(data, dict) else None
    return officer_id if isinstance(officer_id, int) else None


def remember(response: Response, officer: Officer) -> Response:
    token = _serializer().dumps({"o": officer.id, "r": secrets.token_hex(8)})
    response.set_cookie(COOKIE, token, max_age=MAX_AGE_SECONDS, httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE", True)))
    return response
