from flask import Blueprint

bp = Blueprint("custody", __name__, url_prefix="/kustodian")

from . import views  # noqa: E402,F401
