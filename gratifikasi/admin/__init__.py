from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

# The view modules register their routes on bp, so they are imported after it exists.
from . import calendar_views, keys_views, outbox_views, settings_views, unit_views, views  # noqa: E402,F401
