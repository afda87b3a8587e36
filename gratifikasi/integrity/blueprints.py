"""The integrity blueprints: ``bp`` holds the officer pages under /integritas, ``public_bp``
the transparency page anyone may open. The view modules register their routes on them."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("integrity", __name__, url_prefix="/integritas")
public_bp = Blueprint("transparency", __name__)
