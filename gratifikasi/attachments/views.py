"""GET /lampiran/<id>: the decrypted file for an officer who may open its owner, as a download."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from flask import Blueprint, Response, abort
from flask_login import current_user, login_required

from .. import audit
from ..extensions import db
from ..keyring import NoAccess
from ..keyring.session import current_private_key
from ..models import Attachment
from ..uploads.service import open_attachment
from .access import may_download

bp = Blueprint("attachments", __name__, url_prefix="/lampiran")


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the exact name in RFC 5987 form."""
    # Accents fall away (Ñ -> N); anything else outside a safe set becomes "_".
    decomposed = unicodedata.normalize("NFKD", filename)
    ascii_name = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_name).strip(" .") or "lampiran"
    return f"attachment; filename=\"{ascii_name[:150]}\"; filename*=UTF-8''{quote(filename, safe='')}"


@bp.get("/<int:attachment_id>")
@login_required
def download(attachment_id: int) -> Response:
    officer = current_user._get_current_object()
    row = db.session.get(Attachment, attachment_id)
    # Missing, refused by the owner's rule or not a ring member: the same answer, so ids
    # reveal nothing.
    if row is None or not may_download(officer, row):
        abort(404)
    try:
        filename, _mime, data = open_attachment(officer, current_private_key(), attachment_id)
    except NoAccess:
        abort(404)
    audit.record("attachment.downloaded", actor_id=officer.id, object_type="attachment", object_id=attachment_id)
    response = Response(data, mimetype="application/octet-stream")
    response.headers["Content-Disposition"] = content_disposition(filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
