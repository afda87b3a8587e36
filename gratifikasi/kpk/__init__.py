"""KPK forwarding for the UPG: the KPK form PDF, GOL reference, SK and follow-up records,
the deposited-object log with receipts, and the semester recap export."""
from flask import Blueprint

bp = Blueprint("kpk", __name__, url_prefix="/perkara/gratifikasi")

from . import views  # noqa: E402,F401  (registers the routes)
