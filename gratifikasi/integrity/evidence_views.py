"""The evidence-record pages: the list with each record's files, and the forms that add a
document, an activity, a monev or a semester recap (admin and UPG). Who sees what: see
:mod:`.views`."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from ..keyring.vault import VaultNotReady
from ..models.integrity import ActivityKind, DocumentKind, MonevScope, RecommendationStatus
from ..security.roles import role_required
from ..uploads.inspect import UploadRejected
from ..uploads.service import check_files, refusal_text
from . import evidence_records
from .access import EDITORS, VIEWERS
from .blueprints import bp
from .evidence_labels import ACTIVITY_LABELS, DOCUMENT_LABELS, RECOMMENDATION_LABELS, SCOPE_LABELS
from .forms import (
    ActivityForm,
    DocumentForm,
    MonevForm,
    RecapForm,
    RecommendationStatusForm,
)
from .periods import IntegrityError, parse_period
from .queries import active_units
from .view_helpers import page_context, with_readable_files


def _evidence_forms(units: list[tuple[int, str, str]], **given: Any) -> dict[str, Any]:
    forms = {
        "document_form": given.get("document_form") or DocumentForm(formdata=None, prefix="dok"),
        "activity_form": given.get("activity_form") or ActivityForm(formdata=None, prefix="keg"),
        "monev_form": given.get("monev_form") or MonevForm(formdata=None, prefix="mon"),
        "recap_form": given.get("recap_form") or RecapForm(formdata=None, prefix="rek"),
    }
    for form in forms.values():
        form.set_units(units)
    return forms


def _evidence_page(status: int = 200, **forms: Any) -> tuple[str, int]:
    unit_id = request.args.get("unit", type=int)
    units = active_units()
    evidence = with_readable_files(evidence_records.evidence_list(unit_id))
    return render_template(
        "integrity/evidence.html", evidence=evidence, units=units, unit_id=unit_id,
        document_labels=DOCUMENT_LABELS, activity_labels=ACTIVITY_LABELS, scope_labels=SCOPE_LABELS,
        recommendation_labels=RECOMMENDATION_LABELS, status_form=RecommendationStatusForm(formdata=None),
        **_evidence_forms(units, **forms), **page_context(parse_period(None))), status


@bp.get("/bukti")
@role_required(*VIEWERS)
def evidence() -> tuple[str, int]:
    return _evidence_page()


def _bound(form_class: type, prefix: str) -> Any:
    form = form_class(prefix=prefix)
    form.set_units(active_units())
    return form


def _checked(form: Any) -> bool:
    """Validate the form and its file (size, and type by content). A refused file's message
    goes beside the file field; everything typed is shown again (a browser never re-sends a
    file, so only the file has to be chosen again)."""
    valid = form.validate_on_submit()
    problems = check_files([form.chosen_file], kinds=evidence_records.EVIDENCE_FILE_KINDS)
    form.berkas.errors = [*form.berkas.errors, *problems]
    return valid and not problems


def _save_with_file(form: Any, form_key: str, not_saved: str, saved: str,
                    save: Callable[[Any], object]) -> tuple[str, int] | Response:
    """The shared steps of the evidence forms that carry a file: check, save, answer."""
    if not _checked(form):
        flash(not_saved, "error")
        return _evidence_page(400, **{form_key: form})
    try:
        save(form)
    except UploadRejected as error:  # e.g. a damaged image, found only when re-encoding it
        form.berkas.errors = [*form.berkas.errors, refusal_text(form.chosen_file.filename, error)]
        flash(not_saved, "error")
        return _evidence_page(400, **{form_key: form})
    except VaultNotReady:
        flash(_("Berkas belum dapat disimpan karena kunci sistem belum disiapkan. Hubungi admin."), "error")
        return _evidence_page(503, **{form_key: form})
    flash(saved, "success")
    return redirect(url_for("integrity.evidence"))


@bp.post("/bukti/dokumen")
@role_required(*EDITORS)
def add_document() -> tuple[str, int] | Response:
    return _save_with_file(
        _bound(DocumentForm, "dok"), "document_form", _("Dokumen belum disimpan. Periksa isian yang ditandai."),
        _("Dokumen bukti disimpan."),
        lambda form: evidence_records.add_document(
            current_user, unit_id=form.unit_id, kind=DocumentKind(form.kind.data), number=form.number.data.strip(),
            title=form.title.data.strip(), document_date=form.document_date.data,
            reference=(form.reference.data or "").strip(), file=form.chosen_file))


@bp.post("/bukti/kegiatan")
@role_required(*EDITORS)
def add_activity() -> tuple[str, int] | Response:
    return _save_with_file(
        _bound(ActivityForm, "keg"), "activity_form", _("Kegiatan belum disimpan. Periksa isian yang ditandai."),
        _("Kegiatan disimpan."),
        lambda form: evidence_records.add_activity(
            current_user, unit_id=form.unit_id, kind=ActivityKind(form.kind.data),
            activity_date=form.activity_date.data, title=form.title.data.strip(),
            participants=form.participants.data, reference=(form.reference.data or "").strip(),
            file=form.chosen_file))


@bp.post("/bukti/monev")
@role_required(*EDITORS)
def add_monev() -> tuple[str, int] | Response:
    return _save_with_file(
        _bound(MonevForm, "mon"), "monev_form", _("Monev belum disimpan. Periksa isian yang ditandai."),
        _("Monev disimpan."),
        lambda form: evidence_records.add_monev(
            current_user, unit_id=form.unit_id, scope=MonevScope(form.scope.data), held_on=form.held_on.data,
            title=form.title.data.strip(), recommendations=form.recommendations.data, file=form.chosen_file))


@bp.post("/bukti/rekap")
@role_required(*EDITORS)
def add_recap() -> tuple[str, int] | Response:
    form = _bound(RecapForm, "rek")
    if not form.validate_on_submit():
        flash(_("Rekap belum disimpan. Periksa isian yang ditandai."), "error")
        return _evidence_page(400, recap_form=form)
    try:
        evidence_records.add_recap(current_user, unit_id=form.unit_id, year=form.year.data,
                                   semester=int(form.semester.data), sent_on=form.sent_on.data,
                                   reference=(form.reference.data or "").strip())
    except IntegrityError as error:
        form.semester.errors = [str(error)]
        return _evidence_page(400, recap_form=form)
    flash(_("Rekap semester disimpan."), "success")
    return redirect(url_for("integrity.evidence"))


@bp.post("/bukti/rekomendasi/<int:recommendation_id>")
@role_required(*EDITORS)
def recommendation_status(recommendation_id: int) -> Response:
    form = RecommendationStatusForm()
    if not form.validate_on_submit():
        flash(_("Status tidak dikenal."), "error")
        return redirect(url_for("integrity.evidence"))
    try:
        evidence_records.set_recommendation_status(current_user, recommendation_id,
                                                   RecommendationStatus(form.status.data))
    except IntegrityError:
        abort(404)
    flash(_("Status rekomendasi diubah."), "success")
    return redirect(url_for("integrity.evidence"))
