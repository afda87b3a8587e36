"""The case workspace of the UPG and the Inspektorat (issue 6): queue, case page, routing,
recusal, workflow transitions, deadlines and the daily reminder."""
from __future__ import annotations

from flask import Blueprint, Flask
from flask.blueprints import BlueprintSetupState

bp = Blueprint("cases", __name__, url_prefix="/perkara")


def _owner_check(record_type: str, previous):
    """The workspace's rule on top of the owner module's own (e.g. the complaint's named officers):
    an officer recused from the record's case (named in it, or a declared conflict of interest)
    cannot open its attachments. Who holds the key (ring membership) is checked separately."""

    def check(officer, owner_id: int) -> bool:
        from flask import current_app, has_app_context

        from .queries import recused_from

        if previous is not None and not previous(officer, owner_id):
            return False
        if not (has_app_context() and "cases" in current_app.extensions):
            return True  # the workspace is not installed in this app: no extra rule
        return not recused_from(officer, record_type, owner_id)

    return check


# View arguments that name an intake record: any officer route taking one (the reports
# module's minimal UPG pages, the kpk blueprint's forwarding pages…) gets the same
# visibility rule as the case pages, so recusal holds by URL on every blueprint.
RECORD_ARGS = {"report_id": "gratification_report", "complaint_id": "complaint"}


@bp.before_app_request
def _guard_record_routes():
    from flask import abort, request
    from flask_login import current_user

    from .queries import record_visible
    from .sources import source_for

    args = request.view_args or {}
    named = [(RECORD_ARGS[key], value) for key, value in args.items() if key in RECORD_ARGS]
    if not named or not current_user.is_authenticated:
        return None  # public reporter pages never carry a record id in the URL
    officer = current_user._get_current_object()
    for record_type, record_id in named:
        if officer.role.value != source_for(record_type).queue:
            continue  # another role: the view's own role check answers (403)
        if not record_visible(officer, record_type, record_id):
            abort(404)
    return None


@bp.record_once
def _setup(state: BlueprintSetupState) -> None:
    app: Flask = state.app
    from ..uploads import service as uploads
    from . import sync
    from .sources import SOURCES

    app.extensions["cases"] = True
    sync.install()
    # Attachments of a case follow the case's recusal and queue rules (/lampiran/<id>). The
    # owner module's rule registered before (read from the registry) still applies first.
    for source in SOURCES.values():
        previous = uploads._OWNER_ACCESS.get(source.attachment_owner)
        if getattr(previous, "from_workspace", False):
            continue  # a second app in the same process: already wrapped
        check = _owner_check(source.record_type, previous)
        check.from_workspace = True  # type: ignore[attr-defined]
        uploads.register_owner_access(source.attachment_owner, check)


from . import views  # noqa: E402,F401
