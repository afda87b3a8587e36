"""Admin page for the e-mail outbox: what is stuck or failed, and a retry button.

Only metadata is shown (id, kind, masked recipient, attempts, SMTP error): never a
subject or body, which may describe a case. The one exception is file delivery
(``MAIL_FILE_DIR``, a demo or development set-up without SMTP): then the page also lists the
delivered messages, recipient masked and anything shaped like a receipt code hidden, so a
newcomer can read the notifications the app sends.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.wrappers import Response

from ..extensions import db
from ..models import OutboxMessage, OutboxStatus, Role
from ..outbox import OutboxError, delivery, mask_address, requeue, status_counts
from ..security.roles import role_required
from . import bp

PAGE_LIMIT = 200  # a longer list means SMTP is down; the counts above say how bad
# What each kind of message is, as the admin reads it (the kind itself is a key).
KIND_LABELS = {
    "report-received": _l("Tanda terima laporan gratifikasi"),
    "report-status": _l("Perubahan status laporan gratifikasi"),
    "report-update": _l("Kabar laporan gratifikasi"),
    "case-reminder": _l("Pengingat tenggat perkara"),
    "complaint.new": _l("Pengaduan baru"),
}


def kind_label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return str(label) if label is not None else _("Pesan lain")


@bp.get("/email")
@role_required(Role.admin)
def outbox() -> str:
    failed = db.session.execute(
        select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.failed)
        .order_by(OutboxMessage.id.desc()).limit(PAGE_LIMIT)
    ).scalars().all()
    waiting = db.session.execute(
        select(OutboxMessage)
        .where(OutboxMessage.status.in_((OutboxStatus.pending, OutboxStatus.sending)))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(PAGE_LIMIT)
    ).scalars().all()
    directory = delivery.file_directory()
    return render_template(
        "admin/outbox.html", failed=failed, waiting=waiting, counts=status_counts(), mask=mask_address,
        file_delivery=directory is not None,
        delivered=delivery.delivered(directory, PAGE_LIMIT) if directory is not None else [],
        kind_label=kind_label,
    )


@bp.post("/email/<int:message_id>/kirim-ulang")
@role_required(Role.admin)
def outbox_retry(message_id: int) -> Response:
    if db.session.get(OutboxMessage, message_id) is None:
        abort(404)
    try:
        requeue(message_id)
    except OutboxError:
        flash(_("Pesan %(id)s tidak berstatus gagal, jadi tidak diantrekan ulang.", id=message_id), "error")
    else:
        flash(_("Pesan %(id)s diantrekan ulang dan akan segera dikirim.", id=message_id), "success")
    return redirect(url_for("admin.outbox"))
