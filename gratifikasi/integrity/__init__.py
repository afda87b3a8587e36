"""Integrity score (issue 7): Zona Integritas indicators, WBK/WBBM readiness, dashboards,
evidence records, monev reports, the public transparency page and the LKE worksheet export.

``bp`` holds the officer pages under /integritas; ``public_bp`` the page anyone may open.
"""
from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from . import totals

bp = Blueprint("integrity", __name__, url_prefix="/integritas")
public_bp = Blueprint("transparency", __name__)


@bp.record_once
def _setup(state: BlueprintSetupState) -> None:
    totals.install()  # the dashboard totals follow every case change (totals.py)


# The view modules register their routes on ``bp``, so they are imported once it exists;
# access registers the evidence files' download rule with the upload service.
from . import access, evidence_views, lke_views, monev_views, views  # noqa: E402,F401
