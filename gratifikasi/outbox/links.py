"""Links to the application in e-mails, built without a request.

E-mail is queued by requests, by cron commands and by workers alike, so a link cannot come
from the request's host: it is built from the ``BASE_URL`` setting (the public address the
reverse proxy serves, e.g. ``https://wbs.pasuruankota.go.id``, or with a path prefix), or
from a base the caller passes (``flask cases remind --base-url``).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def external_url(endpoint: str, *, base_url: str | None = None, **values: Any) -> str:
    """The absolute URL of ``endpoint``; values the route does not take become the query."""
    base = urlsplit(base_url or current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path.rstrip("/") or "/",
                                       url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)
