"""Gratification reports: the public form, the "wajib lapor?" advisor, receipt and status
pages for the reporter, and a small UPG page to ask for completion (issue 4)."""
from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import advisor_views, upg_views, views  # noqa: E402,F401
