"""Public complaints and whistleblowing (WBS): the portal, the secret mailbox and
the Inspektorat's intake of complaints received by phone or in person."""
from flask import Blueprint

bp = Blueprint("complaints", __name__, url_prefix="/pengaduan")
staff_bp = Blueprint("complaints_staff", __name__, url_prefix="/inspektorat/pengaduan")

from . import staff_views, views  # noqa: E402,F401
