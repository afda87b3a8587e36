"""Custodians decide on requests to reveal a whistleblower's identity."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from ..cases import labels
from ..extensions import db
from ..keyring import KeyringError, identity
from ..keyring.session import current_private_key
from ..models import IdentityRequest, RequestStatus, Role
from ..security.roles import role_required
from . import bp, services
from .forms import DecisionForm


@bp.get("/")
@role_required(Role.custodian)
def requests() -> str:
    return render_template(
        "custody/requests.html", pending=services.pending(), decided=services.recent_decisions(), form=DecisionForm(),
        kinds=services.KIND_LABELS, categories=labels.for_template()["category"],
    )


@bp.post("/<int:request_id>")
@role_required(Role.custodian)
def decide(request_id: int) -> Response:
    request_row = db.session.get(IdentityRequest, request_id)
    if request_row is None or request_row.status is not RequestStatus.pending:
        abort(404)
    form = DecisionForm()
    if not form.validate_on_submit() or form.approve.data == form.refuse.data:
        flash(_("Keputusan tidak dapat diproses; periksa isian."), "error")
        return redirect(url_for("custody.requests"))
    approve = bool(form.approve.data)
    try:
        identity.decide(
            request_row, current_user._get_current_object(), current_private_key(), approve=approve,
            note=form.note.data or "",
        )
    except KeyringError as error:
        flash(_(str(error)), "error")
    else:
        flash(_("Permintaan disetujui.") if approve else _("Permintaan ditolak; pemohon akan melihat penolakan."),
              "success")
    return redirect(url_for("custody.requests"))
