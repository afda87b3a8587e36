from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import views, outbox_views  # noqa: E402,F401
from . import keys_views  # noqa: E402,F401
from . import calendar_views, settings_views  # noqa: E402,F401
