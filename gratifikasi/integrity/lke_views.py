"""The whole-LKE pages of a unit and year: read, edit (admin and UPG) and the worksheet
export for evaluators. Who sees what: see :mod:`.views`."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from ..rules.lke_data import PERCENT
from ..rules.periods import Period
from ..security.roles import role_required
from . import exports, lke_worksheet
from .access import EDITORS, VIEWERS
from .blueprints import bp
from .evidence_records import evidence_list
from .forms import answer_field_name, lke_form_class, score_field_name
from .lke_worksheet import LkeView
from .periods import MAX_YEAR, MIN_YEAR, IntegrityError
from .view_helpers import XLSX, page_context, unit_name_or_404, with_readable_files


def _lke_form(view: LkeView, formdata: Any = None) -> Any:
    keys = lke_worksheet.manual_score_keys(view.ruleset)
    form_class = lke_form_class(view.ruleset, keys)
    if formdata is not None:
        return form_class(formdata=formdata), keys
    data: dict[str, Any] = {}
    entry = view.entry
    if entry is not None:
        for code, value in (entry.answers or {}).items():
            if lke_worksheet.is_percent_question(view.ruleset, code):
                data[answer_field_name(code)] = Decimal(str(round(float(value) * 100, 2)))
            else:
                data[answer_field_name(code)] = value
        for key, value in (entry.manual_scores or {}).items():
            data[score_field_name(key)] = Decimal(str(value))
        data["ipak"] = Decimal(str(entry.ipak)) if entry.ipak is not None else None
        data["ipkp"] = Decimal(str(entry.ipkp)) if entry.ipkp is not None else None
        data["capaian"] = entry.capaian or ""
    return form_class(formdata=None, data=data), keys


def _lke_page(unit_id: int, year: int, form: Any = None, status: int = 200) -> tuple[str, int]:
    name = unit_name_or_404(unit_id)
    try:
        view = lke_worksheet.lke_view(unit_id, year)
    except IntegrityError as error:
        flash(str(error), "error")
        return render_template("integrity/lke_unavailable.html", unit_id=unit_id, unit_name=name, year=year,
                               **page_context(Period.of_year(min(max(year, MIN_YEAR), MAX_YEAR)))), 404
    keys = lke_worksheet.manual_score_keys(view.ruleset)
    if form is None and current_user.has_role(*EDITORS):
        form, keys = _lke_form(view)
    return render_template("integrity/lke.html", unit_id=unit_id, unit_name=name, year=year, view=view, form=form,
                           manual_keys=keys, score_field_name=score_field_name, answer_field_name=answer_field_name,
                           mode_labels=dict(lke_worksheet.area_check_spec().choices),
                           **page_context(Period.of_year(year))), status


def _year_or_404(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        abort(404)
    return year


def _view_or_404(unit_id: int, year: int) -> LkeView:
    try:
        return lke_worksheet.lke_view(unit_id, _year_or_404(year))
    except IntegrityError:
        abort(404)


@bp.get("/lke/<int:unit_id>/<int:year>")
@role_required(*VIEWERS)
def lke(unit_id: int, year: int) -> tuple[str, int]:
    return _lke_page(unit_id, _year_or_404(year))


@bp.post("/lke/<int:unit_id>/<int:year>")
@role_required(*EDITORS)
def lke_save(unit_id: int, year: int) -> tuple[str, int] | Response:
    unit_name_or_404(unit_id)
    view = _view_or_404(unit_id, year)
    form, keys = _lke_form(view, formdata=request.form)
    if not form.validate_on_submit():
        flash(_("LKE belum disimpan. Periksa isian yang ditandai."), "error")
        return _lke_page(unit_id, year, form, 400)
    answers: dict[str, str | float] = {}
    for question in view.ruleset.questions():
        value = form[answer_field_name(question.code)].data
        if value in (None, ""):
            continue
        answers[question.code] = float(value) / 100 if question.scale == PERCENT else value
    scores = {key: float(form[score_field_name(key)].data) for key, _l, _m in keys
              if form[score_field_name(key)].data is not None}
    try:
        lke_worksheet.save_lke_entry(
            unit_id, year, answers, scores,
            ipak=float(form.ipak.data) if form.ipak.data is not None else None,
            ipkp=float(form.ipkp.data) if form.ipkp.data is not None else None,
            capaian=form.capaian.data or None, officer=current_user)
    except (ValueError, IntegrityError) as error:
        flash(str(error), "error")
        return _lke_page(unit_id, year, form, 400)
    flash(_("LKE disimpan."), "success")
    return redirect(url_for("integrity.lke", unit_id=unit_id, year=year))


@bp.get("/lke/<int:unit_id>/<int:year>/lembar-kerja.xlsx")
@role_required(*VIEWERS)
def lke_export(unit_id: int, year: int) -> Response:
    name = unit_name_or_404(unit_id)
    view = _view_or_404(unit_id, year)
    period = Period.of_year(year)
    evidence = with_readable_files(evidence_list(unit_id, period.start, period.end))
    data = exports.lke_workbook(view, name, evidence)
    return send_file(data, mimetype=XLSX, as_attachment=True, download_name=f"lke-{unit_id}-{year}.xlsx")
