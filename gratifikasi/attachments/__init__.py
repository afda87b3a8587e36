"""Downloading attachments: always as a file, never shown in the browser (threat T6)."""
from flask import Blueprint

bp = Blueprint("attachments", __name__, url_prefix="/lampiran")

from . import views  # noqa: E402,F401
